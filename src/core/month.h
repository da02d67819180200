/*
 * month.h: calendar months, the program's one month type. Months are written "YYYY-MM" (DESIGN
 * §3: capacity rows, an inquiry's window, holds) and computed as one number, year × 12 + month
 * − 1 ("2026-12" is 24323), so that adding months and counting a window's months is
 * arithmetic. Years 1900–9999: the text form has four digits.
 */
#ifndef OCOP_MONTH_H
#define OCOP_MONTH_H

#include <stdbool.h>
#include <stdint.h>

#define MONTH_TEXT_SIZE 8 /* "YYYY-MM" and the NUL */
#define MONTH_FIRST     (1900 * 12)
#define MONTH_LAST      (9999 * 12 + 11)

/* The month number of `text` when it is exactly "YYYY-MM" (year 1900–9999, month 01–12), else
 * -1. NULL gives -1. */
int month_parse(const char *text);

/* True when month_parse(text) would succeed. */
bool month_valid(const char *text);

/* "YYYY-MM" of month number `month` (MONTH_FIRST … MONTH_LAST). */
void month_format(int month, char out[MONTH_TEXT_SIZE]);

/* The month `n` months after `text` (n may be negative) into `out`. Returns false, with out
 * "", when `text` is not a month or the result leaves the years 1900–9999. */
bool month_add(const char *text, int n, char out[MONTH_TEXT_SIZE]);

/* How many months the inclusive window from..to holds: 1 for one month, 0 or less when `to` is
 * before `from`; INT32_MIN when either is not a month. */
int month_span(const char *from, const char *to);

/* The month number of instant `t` (seconds since 1970, UTC) at UTC offset `offset_s`. */
int month_of_time(int64_t t, int offset_s);

#endif
