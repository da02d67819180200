/* test_number.c: numbers as text (core/number.h), the one formatter of files, CSV, exports,
 * the matcher's explanations and the screens. */
#include "test_support.h"

#include "core/number.h"

#include <math.h>
#include <stdint.h>

static const char *plain(double v, int decimals) {
    static char out[64];
    return number_format_plain(v, decimals, out, sizeof out);
}

static const char *whole(int64_t v, bool vi) {
    static char out[64];
    return number_format_whole(v, vi, out, sizeof out);
}

static const char *human(double v, int decimals, bool vi) {
    static char out[64];
    return number_format_human(v, decimals, vi, out, sizeof out);
}

static void plain_numbers_drop_trailing_zeros_and_never_group(void **state) {
    (void)state;
    assert_string_equal(plain(12000, 6), "12000");
    assert_string_equal(plain(2.5, 6), "2.5");
    assert_string_equal(plain(1.0 / 3.0, 6), "0.333333");
    assert_string_equal(plain(1.0 / 3.0, 3), "0.333");
    assert_string_equal(plain(0.25, 1), "0.2"); /* printf's rounding, half to even */
    assert_string_equal(plain(1e15, 3), "1000000000000000");
    assert_string_equal(plain(123456789012.5, 6), "123456789012.5");
}

static void a_negative_zero_is_written_zero(void **state) {
    (void)state;
    assert_string_equal(plain(-0.0, 6), "0");
    assert_string_equal(plain(-0.0000001, 6), "0");
    assert_string_equal(plain(-2.5, 6), "-2.5");
    assert_string_equal(human(-0.001, 2, true), "0");
    assert_string_equal(human(-0.0, 2, false), "0");
}

static void not_finite_numbers_are_written_as_printf_does(void **state) {
    (void)state;
    assert_string_equal(plain(INFINITY, 6), "inf");
    assert_string_equal(plain(-INFINITY, 3), "-inf");
}

static void whole_numbers_take_the_language_s_thousands_separator(void **state) {
    (void)state;
    assert_string_equal(whole(0, true), "0");
    assert_string_equal(whole(999, true), "999");
    assert_string_equal(whole(12000, true), "12.000");
    assert_string_equal(whole(12000, false), "12,000");
    assert_string_equal(whole(1234567, false), "1,234,567");
    assert_string_equal(whole(-123456, true), "-123.456"); /* the sign is not grouped */
    assert_string_equal(whole(INT64_MIN, false), "-9,223,372,036,854,775,808");
}

static void numbers_for_people_use_the_language_s_mark_and_grouping(void **state) {
    (void)state;
    assert_string_equal(human(1234.5, 2, true), "1.234,5");
    assert_string_equal(human(1234.5, 2, false), "1,234.5");
    assert_string_equal(human(20, 2, true), "20");
    assert_string_equal(human(0.129, 2, false), "0.13");
    assert_string_equal(human(1999.999, 2, true), "2.000");
    assert_string_equal(human(-1500.25, 2, false), "-1,500.25");
}

static void an_output_too_small_is_cut_not_overrun(void **state) {
    (void)state;
    char out[4];
    number_format_whole(1234567, false, out, sizeof out);
    assert_string_equal(out, "1,2");
    number_format_plain(123456.5, 6, out, sizeof out);
    assert_string_equal(out, "123");
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(plain_numbers_drop_trailing_zeros_and_never_group),
        cmocka_unit_test(a_negative_zero_is_written_zero),
        cmocka_unit_test(not_finite_numbers_are_written_as_printf_does),
        cmocka_unit_test(whole_numbers_take_the_language_s_thousands_separator),
        cmocka_unit_test(numbers_for_people_use_the_language_s_mark_and_grouping),
        cmocka_unit_test(an_output_too_small_is_cut_not_overrun),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
