/* clock.c: the one wall clock, real or fake; see clock.h. */
#include "core/clock.h"

#include "core/isotime.h"
#include "core/month.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static int64_t realtime_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int64_t monotonic_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void clock_init_real(ocop_clock *c) {
    *c = (ocop_clock){.kind = CLOCK_REAL};
}

static void start(ocop_clock *c, clock_kind kind, int64_t start_ms) {
    OCOP_ASSERT(kind == CLOCK_RUNNING || kind == CLOCK_MANUAL);
    c->kind = kind;
    c->start_ms = start_ms;
    c->base_ms = kind == CLOCK_RUNNING ? monotonic_ms() : 0;
}

int clock_init_at(ocop_clock *c, clock_kind kind, const char *iso, ocop_error *err) {
    int64_t t;
    int offset;
    bool named;
    /* A time without an offset is local: the system's offset at about that time. */
    int guess = isotime_system_offset(realtime_ms() / 1000);
    if (isotime_parse_zoned(iso, guess, &t, &offset, &named, err) != 0) {
        return -1;
    }
    clock_init_real(c);
    c->fixed_offset = named;
    c->offset_s = offset;
    start(c, kind, t * 1000);
    return 0;
}

int clock_init_from_env(ocop_clock *c, clock_kind fake_kind, ocop_error *err) {
    const char *now = getenv("OCOP_NOW");
    const char *today = getenv("OCOP_TODAY");
    ocop_error why;
    if (now && *now) {
        if (clock_init_at(c, fake_kind, now, &why) != 0) {
            return error_set(err, "OCOP_NOW=%s: %s", now, why.msg);
        }
        return 0;
    }
    if (today && *today) {
        char noon[32];
        int64_t t;
        if (isotime_parse(today, 0, &t, &why) != 0 ||
            !str_format(noon, sizeof noon, "%.10sT12:00:00", today) ||
            clock_init_at(c, fake_kind, noon, &why) != 0) {
            return error_set(err, "OCOP_TODAY=%s: expected a date YYYY-MM-DD", today);
        }
        return 0;
    }
    clock_init_real(c);
    if (fake_kind == CLOCK_MANUAL) {
        start(c, CLOCK_MANUAL, realtime_ms());
    }
    return 0;
}

int64_t clock_now_ms(const ocop_clock *c) {
    switch (c->kind) {
    case CLOCK_RUNNING:
        return c->start_ms + (monotonic_ms() - c->base_ms);
    case CLOCK_MANUAL:
        return c->start_ms + c->base_ms;
    case CLOCK_REAL:
    default:
        return realtime_ms();
    }
}

int64_t clock_now(const ocop_clock *c) {
    int64_t ms = clock_now_ms(c);
    return ms >= 0 ? ms / 1000 : -((-ms + 999) / 1000);
}

void clock_advance(ocop_clock *c, int64_t ms) {
    OCOP_ASSERT(c->kind == CLOCK_MANUAL);
    OCOP_ASSERT(ms >= 0);
    c->base_ms += ms;
}

int clock_utc_offset(const ocop_clock *c, int64_t t) {
    return c->fixed_offset ? c->offset_s : isotime_system_offset(t);
}

int clock_this_month(const ocop_clock *c) {
    int64_t t = clock_now(c);
    return month_of_time(t, clock_utc_offset(c, t));
}

void clock_month(const ocop_clock *c, int offset, char out[8]) {
    month_format(clock_this_month(c) + offset, out);
}

void clock_today(const ocop_clock *c, char out[11]) {
    int64_t t = clock_now(c);
    isotime_format_date(t, clock_utc_offset(c, t), out, 11);
}

void clock_start_mark(const char *what) {
    static int64_t first_ns = -1;
    static int report = -1;
    if (report < 0) {
        report = getenv("OCOP_REPORT_START") != NULL;
    }
    if (!report) {
        return;
    }
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    int64_t ns = (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
    if (first_ns < 0) {
        first_ns = ns;
    }
    fprintf(stderr, "ocop-kiosk: start: %s at %.1f ms, CPU %.1f ms\n", what,
            (double)(ns - first_ns) / 1e6, clock_thread_cpu_ms());
}

double clock_thread_cpu_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}
