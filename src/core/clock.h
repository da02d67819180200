/*
 * clock.h: the program's one wall clock. Every screen, the lead path (a lead's created_at, its
 * holds' expiry, the capacity free "now"), the organiser's "today" and every command read the
 * time from here, never from time(NULL), so that a kiosk left running all day stamps each lead
 * with the moment it was submitted, and a test can move time on.
 *
 * Three kinds:
 * - real: the system's time and time zone (TZ);
 * - running fake: starts at a given instant and runs at real speed (a real kiosk or a command
 *   started with OCOP_NOW);
 * - manual fake: starts at a given instant and moves only by clock_advance (headless `shot`
 *   scripts, whose `wait MS` advances it, and the UI tests).
 *
 * OCOP_NOW=2026-12-31T23:55:00+07:00 (any form isotime_parse reads) starts a fake clock; its
 * offset, when it names one, is the local time zone of that clock (so a test does not depend
 * on TZ). The older OCOP_TODAY=YYYY-MM-DD starts it at noon of that day in the system's zone.
 *
 * The core's functions still take the time as a parameter (STYLE §10): callers read this clock
 * once and pass the value down.
 */
#ifndef OCOP_CLOCK_H
#define OCOP_CLOCK_H

#include "core/base.h"

#include <stdint.h>

typedef enum clock_kind {
    CLOCK_REAL,
    CLOCK_RUNNING, /* fake start, real speed */
    CLOCK_MANUAL,  /* fake start, moves only by clock_advance */
} clock_kind;

typedef struct ocop_clock {
    clock_kind kind;
    int64_t start_ms;  /* Unix ms the fake clock started at */
    int64_t base_ms;   /* CLOCK_RUNNING: the monotonic ms at start; CLOCK_MANUAL: ms moved */
    bool fixed_offset; /* the local zone is offset_s, not the system's */
    int offset_s;      /* seconds east of UTC, when fixed_offset */
} ocop_clock;

/* The system's clock and time zone. */
void clock_init_real(ocop_clock *c);

/* A fake clock starting at `iso` (isotime_parse's forms; a time without an offset is in the
 * system's zone), of kind CLOCK_RUNNING or CLOCK_MANUAL. Returns 0, or -1 with `err` saying
 * what is wrong with the text. */
int clock_init_at(ocop_clock *c, clock_kind kind, const char *iso, ocop_error *err);

/* From the environment: OCOP_NOW, else OCOP_TODAY, starts a fake clock of `fake_kind`
 * (CLOCK_RUNNING or CLOCK_MANUAL); with neither, a real clock, unless `fake_kind` is
 * CLOCK_MANUAL, which then starts at the real time and moves only by clock_advance. Returns 0,
 * or -1 with `err` naming the variable and its bad value. */
int clock_init_from_env(ocop_clock *c, clock_kind fake_kind, ocop_error *err);

/* Now, in milliseconds / seconds since 1970 (UTC). */
int64_t clock_now_ms(const ocop_clock *c);
int64_t clock_now(const ocop_clock *c);

/* Moves a manual clock on by `ms` (>= 0) in one jump. */
void clock_advance(ocop_clock *c, int64_t ms);

/* The local zone's offset from UTC at instant `t` (seconds since 1970), in seconds east. */
int clock_utc_offset(const ocop_clock *c, int64_t t);

/* The local month now, as a month.h number. */
int clock_this_month(const ocop_clock *c);

/* "YYYY-MM" of the local month `offset` months after the current one (0 = this month). */
void clock_month(const ocop_clock *c, int offset, char out[8]);

/* "YYYY-MM-DD" of the local date now. */
void clock_today(const ocop_clock *c, char out[11]);

/* Not the wall clock: CPU time the calling thread has used, in milliseconds (for measuring the
 * work itself, which other processes on a busy machine do not inflate as they do wall time). */
double clock_thread_cpu_ms(void);

/* A start-up mark (issue 14: where the kiosk's time before its first frame goes). With
 * OCOP_REPORT_START set in the environment, prints "ocop-kiosk: start: WHAT at W ms, CPU C ms"
 * on stderr: W the wall time since the first mark (main's start), C the calling thread's CPU
 * time since the program was loaded (the dynamic loader's work included). Else does nothing. */
void clock_start_mark(const char *what);

#endif
