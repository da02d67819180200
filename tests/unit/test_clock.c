/* test_clock.c: the one clock (real, running fake, manual fake from OCOP_NOW / OCOP_TODAY) and
 * the one month type. */
#include "test_support.h"

#include "core/clock.h"
#include "core/isotime.h"
#include "core/month.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

static void a_manual_clock_crosses_midnight_and_a_year_end_in_its_own_time_zone(void **state) {
    /* TZ says Europe; the clock's own offset (+07:00) decides what day it is. */
    setenv("TZ", "Europe/Paris", 1);
    tzset();
    ocop_clock c;
    ocop_error err;
    assert_int_equal(clock_init_at(&c, CLOCK_MANUAL, "2026-12-31T23:55:00+07:00", &err), 0);
    char month[MONTH_TEXT_SIZE], day[11], stamp[40];
    clock_month(&c, 0, month);
    assert_string_equal(month, "2026-12");
    clock_month(&c, 1, month);
    assert_string_equal(month, "2027-01");
    clock_today(&c, day);
    assert_string_equal(day, "2026-12-31");
    int64_t before = clock_now(&c);
    isotime_format_utc(before, stamp, sizeof stamp);
    assert_string_equal(stamp, "2026-12-31T16:55:00Z");

    clock_advance(&c, 10 * 60 * 1000);
    assert_int_equal(clock_now(&c), before + 600);
    clock_month(&c, 0, month);
    assert_string_equal(month, "2027-01");
    clock_today(&c, day);
    assert_string_equal(day, "2027-01-01");
    int64_t now = clock_now(&c);
    assert_int_equal(clock_utc_offset(&c, now), 7 * 3600);
    isotime_format_local(now, clock_utc_offset(&c, now), stamp, sizeof stamp);
    assert_string_equal(stamp, "2027-01-01T00:05:00+07:00");

    /* A day in one jump, not frame by frame. */
    clock_advance(&c, 86400000);
    clock_today(&c, day);
    assert_string_equal(day, "2027-01-02");
    unsetenv("TZ");
    tzset();
}

static void ocop_now_starts_the_clock_and_ocop_today_keeps_working(void **state) {
    ocop_clock c;
    ocop_error err;
    setenv("OCOP_NOW", "2026-02-28T23:59:30+07:00", 1);
    setenv("OCOP_TODAY", "2020-01-01", 1); /* OCOP_NOW wins */
    assert_int_equal(clock_init_from_env(&c, CLOCK_MANUAL, &err), 0);
    assert_int_equal(c.kind, CLOCK_MANUAL);
    clock_advance(&c, 30000);
    char day[11];
    clock_today(&c, day);
    assert_string_equal(day, "2026-03-01"); /* February's end, 2026 not a leap year */

    unsetenv("OCOP_NOW");
    setenv("TZ", "Asia/Ho_Chi_Minh", 1);
    tzset();
    assert_int_equal(clock_init_from_env(&c, CLOCK_MANUAL, &err), 0);
    clock_today(&c, day);
    assert_string_equal(day, "2020-01-01");
    char stamp[40];
    isotime_format_utc(clock_now(&c), stamp, sizeof stamp);
    assert_string_equal(stamp, "2020-01-01T05:00:00Z"); /* noon in Vietnam */

    /* A running fake clock moves with real time from where it started. */
    assert_int_equal(clock_init_from_env(&c, CLOCK_RUNNING, &err), 0);
    int64_t t0 = clock_now_ms(&c);
    struct timespec pause = {0, 20 * 1000 * 1000};
    nanosleep(&pause, NULL);
    int64_t t1 = clock_now_ms(&c);
    assert_true(t1 >= t0 + 20 && t1 < t0 + 60000);
    unsetenv("OCOP_TODAY");
    unsetenv("TZ");
    tzset();
}

static void a_bad_ocop_now_is_refused_with_its_name_and_value(void **state) {
    ocop_clock c;
    ocop_error err = {{0}};
    setenv("OCOP_NOW", "tomorrow", 1);
    assert_int_equal(clock_init_from_env(&c, CLOCK_RUNNING, &err), -1);
    assert_non_null(strstr(err.msg, "OCOP_NOW=tomorrow"));
    unsetenv("OCOP_NOW");
    setenv("OCOP_TODAY", "2026-13-01", 1);
    assert_int_equal(clock_init_from_env(&c, CLOCK_RUNNING, &err), -1);
    assert_non_null(strstr(err.msg, "OCOP_TODAY=2026-13-01"));
    unsetenv("OCOP_TODAY");
    /* Neither: the real clock. */
    assert_int_equal(clock_init_from_env(&c, CLOCK_RUNNING, &err), 0);
    assert_int_equal(c.kind, CLOCK_REAL);
    int64_t real = (int64_t)time(NULL);
    assert_true(clock_now(&c) >= real - 1 && clock_now(&c) <= real + 1);
}

static void months_parse_format_add_and_span_across_year_ends(void **state) {
    assert_int_equal(month_parse("2026-12"), 2026 * 12 + 11);
    assert_int_equal(month_parse("1900-01"), MONTH_FIRST);
    static const char *const bad[] = {"2026-13", "2026-00", "1899-12", "2026-1",  "2026-012",
                                      "26-12",   "2026/12", "",        "2026-1x", "abcd-ef"};
    for (size_t i = 0; i < OCOP_COUNT(bad); i++) {
        assert_int_equal(month_parse(bad[i]), -1);
        assert_false(month_valid(bad[i]));
    }
    assert_int_equal(month_parse(NULL), -1);
    char out[MONTH_TEXT_SIZE];
    month_format(month_parse("2027-01"), out);
    assert_string_equal(out, "2027-01");
    assert_true(month_add("2026-12", 1, out));
    assert_string_equal(out, "2027-01");
    assert_true(month_add("2026-01", -1, out));
    assert_string_equal(out, "2025-12");
    assert_true(month_add("2026-11", 14, out));
    assert_string_equal(out, "2028-01");
    assert_false(month_add("9999-12", 1, out));
    assert_string_equal(out, "");
    assert_false(month_add("1900-01", -1, out));
    assert_false(month_add("nope", 1, out));
    assert_int_equal(month_span("2026-12", "2027-02"), 3);
    assert_int_equal(month_span("2026-12", "2026-12"), 1);
    assert_int_equal(month_span("2027-02", "2026-12"), -1);
    assert_int_equal(month_span("2026-12", "x"), INT32_MIN);
    int64_t t;
    ocop_error err;
    assert_int_equal(isotime_parse("2026-12-31T17:30:00Z", 0, &t, &err), 0);
    month_format(month_of_time(t, 0), out);
    assert_string_equal(out, "2026-12");
    month_format(month_of_time(t, 7 * 3600), out); /* 00:30 on 1 January in Vietnam */
    assert_string_equal(out, "2027-01");
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_manual_clock_crosses_midnight_and_a_year_end_in_its_own_time_zone),
        cmocka_unit_test(ocop_now_starts_the_clock_and_ocop_today_keeps_working),
        cmocka_unit_test(a_bad_ocop_now_is_refused_with_its_name_and_value),
        cmocka_unit_test(months_parse_format_add_and_span_across_year_ends),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
