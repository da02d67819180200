/* test_isotime.c: ISO 8601 times in UTC and local time, without TZ. */
#include "test_support.h"

#include "core/isotime.h"

#include <string.h>

#define VN (7 * 3600)

static void utc_and_local_times_are_formatted_with_their_offset(void **state) {
    char buf[40];
    assert_true(isotime_format_utc(0, buf, sizeof buf));
    assert_string_equal(buf, "1970-01-01T00:00:00Z");
    int64_t t = 1795860000; /* 2026-11-28T10:00:00Z */
    assert_true(isotime_format_utc(t, buf, sizeof buf));
    assert_string_equal(buf, "2026-11-28T10:00:00Z");
    assert_true(isotime_format_local(t + 50400, VN, buf, sizeof buf));
    assert_string_equal(buf, "2026-11-29T07:00:00+07:00");
    assert_true(isotime_format_local(t, -(3 * 3600 + 1800), buf, sizeof buf));
    assert_string_equal(buf, "2026-11-28T06:30:00-03:30");
    assert_false(isotime_format_utc(t, buf, 10));
}

static void dates_times_and_offsets_are_parsed_to_utc(void **state) {
    int64_t t, ref;
    ocop_error err;
    assert_int_equal(isotime_parse("2026-11-28T10:00:00Z", VN, &ref, &err), 0);
    assert_int_equal(ref, 1795860000);
    assert_int_equal(isotime_parse("2026-11-28T17:00:00+07:00", 0, &t, &err), 0);
    assert_int_equal(t, ref);
    assert_int_equal(isotime_parse("2026-11-28T17:00+0700", 0, &t, &err), 0);
    assert_int_equal(t, ref);
    assert_int_equal(isotime_parse("2026-11-28 17:00", VN, &t, &err), 0);
    assert_int_equal(t, ref); /* no offset: local time */
    assert_int_equal(isotime_parse("2026-11-28T10:00:00.250Z", VN, &t, &err), 0);
    assert_int_equal(t, ref);
    assert_int_equal(isotime_parse("2026-11-29", VN, &t, &err), 0);
    assert_int_equal(t, ref + 7 * 3600); /* local midnight = 17:00 UTC the day before */
    assert_int_equal(isotime_parse("2024-02-29", 0, &t, &err), 0);
}

static void impossible_or_malformed_times_are_refused_with_the_text(void **state) {
    static const char *const bad[] = {"yesterday",
                                      "2026-13-01",
                                      "2026-02-29",
                                      "2026-11-31",
                                      "2026-11-29T25:00",
                                      "2026-11-29T10",
                                      "2026-11-29Tx",
                                      "2026-11-29T10:00+25:00",
                                      "2026-11-29T10:00 extra",
                                      ""};
    for (size_t i = 0; i < OCOP_COUNT(bad); i++) {
        int64_t t;
        ocop_error err = {{0}};
        assert_int_equal(isotime_parse(bad[i], VN, &t, &err), -1);
        assert_non_null(strstr(err.msg, bad[i]));
    }
}

static void the_local_day_starts_at_local_midnight(void **state) {
    int64_t t;
    ocop_error err;
    assert_int_equal(isotime_parse("2026-11-29T23:59:00+07:00", 0, &t, &err), 0);
    int64_t start = isotime_local_day_start(t, VN);
    char buf[40];
    isotime_format_utc(start, buf, sizeof buf);
    assert_string_equal(buf, "2026-11-28T17:00:00Z");
    assert_int_equal(isotime_local_day_start(start, VN), start);
    assert_int_equal(isotime_local_day_start(start - 1, VN), start - 86400);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(utc_and_local_times_are_formatted_with_their_offset),
        cmocka_unit_test(dates_times_and_offsets_are_parsed_to_utc),
        cmocka_unit_test(impossible_or_malformed_times_are_refused_with_the_text),
        cmocka_unit_test(the_local_day_starts_at_local_midnight),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
