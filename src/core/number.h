/*
 * number.h: numbers as text, the one owner of how the program writes a number. Two families:
 *
 *   - plain, for files and machines (CSV, JSON, XLSX text cells, the CLI): a point as the decimal
 *     mark, no grouping, trailing zeros dropped ("12000", "2.5");
 *   - for people, in the visitor's language: thousands grouped and the language's decimal mark
 *     ("12.000,5" in Vietnamese, "12,000.5" in English); money is a whole number of đồng.
 *
 * Every function writes into `out` (cap bytes, cut at the end as str_copy does) and returns it.
 */
#ifndef OCOP_NUMBER_H
#define OCOP_NUMBER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* `v` with at most `decimals` decimals (0-9), trailing zeros and a bare point dropped; whole
 * numbers below 1e15 are written exactly ("12000"); "-0" is written "0". Not finite: "inf",
 * "-inf" or "nan" as printf writes them (callers that must not write them check first). */
char *number_format_plain(double v, int decimals, char *out, size_t cap);

/* The whole number `v` with the thousands separator of the language: "12.000" (vi), "12,000"
 * (en), "-1.500" (vi). For money in đồng, counts, and any integer shown to people. */
char *number_format_whole(int64_t v, bool vi, char *out, size_t cap);

/* `v` as people read it: the whole part grouped as number_format_whole does, then at most
 * `decimals` decimals (0-9, rounded; trailing zeros dropped) after the language's mark:
 * 1234.5 → "1.234,5" (vi), "1,234.5" (en). A value that rounds to zero is "0", never "-0". */
char *number_format_human(double v, int decimals, bool vi, char *out, size_t cap);

#endif
