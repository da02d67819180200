/*
 * isotime.h: ISO 8601 times as the database stores them ("2026-11-29T13:47:20Z", UTC) and as
 * organisers read and type them (local time with its offset). Pure functions: the current
 * time and the local UTC offset come in as parameters, so tests do not depend on TZ.
 */
#ifndef OCOP_ISOTIME_H
#define OCOP_ISOTIME_H

#include "core/base.h"

#include <stdint.h>

/* "YYYY-MM-DDTHH:MM:SSZ" of `t` (seconds since 1970, UTC). Returns false when `cap` is small
 * (cap >= 21 always suffices). */
bool isotime_format_utc(int64_t t, char *out, size_t cap);

/* "YYYY-MM-DDTHH:MM:SS+07:00": `t` shown at UTC offset `offset_s` (seconds east of UTC). */
bool isotime_format_local(int64_t t, int offset_s, char *out, size_t cap);

/* Parses "YYYY-MM-DD", "YYYY-MM-DDTHH:MM" or "YYYY-MM-DDTHH:MM:SS" (a space may replace the
 * T; fractions of a second are ignored), optionally followed by "Z", "±HH:MM" or "±HHMM". A
 * time without an offset is local time at `default_offset_s`. Returns 0 with *out in seconds
 * since 1970 (UTC), or -1 with `err` saying what is wrong. */
int isotime_parse(const char *text, int default_offset_s, int64_t *out, ocop_error *err);

/* Like isotime_parse, and *offset_out (may be NULL) gets the UTC offset the text used, in
 * seconds east of UTC (`default_offset_s` when it named none); *explicit_out (may be NULL)
 * says whether it named one ("Z", "+07:00"). */
int isotime_parse_zoned(const char *text, int default_offset_s, int64_t *out, int *offset_out,
                        bool *explicit_out, ocop_error *err);

/* The calendar date of `t` (seconds since 1970, UTC) at UTC offset `offset_s`: year, month
 * 1-12, day 1-31 (any pointer may be NULL). */
void isotime_local_date(int64_t t, int offset_s, int *year, int *month, int *day);

/* "YYYY-MM-DD" of `t` at UTC offset `offset_s` (cap >= 11 always suffices). */
bool isotime_format_date(int64_t t, int offset_s, char *out, size_t cap);

/* A compact local stamp for file names, "YYYYMMDD-HHMMSS", of `t` at `offset_s`. */
bool isotime_format_stamp(int64_t t, int offset_s, char *out, size_t cap);

/* The UTC offset (seconds east of UTC) of the system's local time zone (TZ) at `t`. */
int isotime_system_offset(int64_t t);

/* The UTC instant (seconds) of the local midnight that starts the day holding `t`. */
int64_t isotime_local_day_start(int64_t t, int offset_s);

#endif
