/* test_pin.c: organiser PIN rules, Argon2id hashing and the lockout policy. */
#include "test_support.h"

#include "core/pin.h"

#include <string.h>

static void pins_of_four_to_twelve_digits_are_accepted(void **state) {
    ocop_error err;
    assert_int_equal(pin_check_rules("0000", &err), 0);
    assert_int_equal(pin_check_rules("123456789012", &err), 0);
}

static void short_long_or_non_digit_pins_are_refused_without_echoing_them(void **state) {
    static const char *const bad[] = {"", "123", "1234567890123", "12a4", "12 34", "١٢٣٤"};
    for (size_t i = 0; i < OCOP_COUNT(bad); i++) {
        ocop_error err = {{0}};
        assert_int_equal(pin_check_rules(bad[i], &err), -1);
        assert_true(strlen(err.msg) > 0);
        if (bad[i][0]) {
            assert_null(strstr(err.msg, bad[i]));
        }
    }
    ocop_error err;
    assert_int_equal(pin_check_rules(NULL, &err), -1);
}

static void a_hash_is_argon2id_verifies_the_right_pin_only_and_hides_the_pin(void **state) {
    char hash[PIN_HASH_MAX];
    ocop_error err;
    assert_int_equal(pin_hash("739164825301", hash, sizeof hash, &err), 0);
    assert_true(str_starts(hash, "$argon2id$"));
    assert_null(strstr(hash, "739164825301"));
    assert_true(pin_verify(hash, "739164825301"));
    assert_false(pin_verify(hash, "739164825300"));
    assert_false(pin_verify(hash, "73916482530"));
    assert_false(pin_verify(hash, ""));
    assert_false(pin_verify("not a hash", "739164825301"));
    assert_false(pin_verify(NULL, "1234"));
}

static void two_hashes_of_one_pin_differ_because_each_has_its_own_salt(void **state) {
    char a[PIN_HASH_MAX], b[PIN_HASH_MAX];
    ocop_error err;
    assert_int_equal(pin_hash("4821", a, sizeof a, &err), 0);
    assert_int_equal(pin_hash("4821", b, sizeof b, &err), 0);
    assert_string_not_equal(a, b);
    assert_true(pin_verify(a, "4821") && pin_verify(b, "4821"));
}

static void four_failures_cost_nothing_the_fifth_locks_30_s_and_each_more_doubles(void **state) {
    for (int f = 0; f < 5; f++) {
        assert_int_equal(pin_lockout_ms(f), 0);
    }
    assert_int_equal(pin_lockout_ms(5), 30000);
    assert_int_equal(pin_lockout_ms(6), 60000);
    assert_int_equal(pin_lockout_ms(7), 120000);
    assert_int_equal(pin_lockout_ms(11), 30000LL << 6);
    assert_int_equal(pin_lockout_ms(12), PIN_LOCKOUT_MAX_MS); /* 30 s << 7 would pass 1 h */
    assert_int_equal(pin_lockout_ms(40), PIN_LOCKOUT_MAX_MS);
    assert_int_equal(pin_lockout_ms(1000000), PIN_LOCKOUT_MAX_MS);
}

static void
the_lockout_runs_out_with_time_and_a_clock_going_back_does_not_shorten_it(void **state) {
    int64_t t0 = 1764400000000;
    assert_int_equal(pin_lockout_remaining_ms(4, t0, t0), 0);
    assert_int_equal(pin_lockout_remaining_ms(5, t0, t0), 30000);
    assert_int_equal(pin_lockout_remaining_ms(5, t0, t0 + 10000), 20000);
    assert_int_equal(pin_lockout_remaining_ms(5, t0, t0 + 30000), 0);
    assert_int_equal(pin_lockout_remaining_ms(6, t0, t0 + 30000), 30000);
    assert_int_equal(pin_lockout_remaining_ms(5, t0, t0 - 3600000), 30000);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(pins_of_four_to_twelve_digits_are_accepted),
        cmocka_unit_test(short_long_or_non_digit_pins_are_refused_without_echoing_them),
        cmocka_unit_test(a_hash_is_argon2id_verifies_the_right_pin_only_and_hides_the_pin),
        cmocka_unit_test(two_hashes_of_one_pin_differ_because_each_has_its_own_salt),
        cmocka_unit_test(four_failures_cost_nothing_the_fifth_locks_30_s_and_each_more_doubles),
        cmocka_unit_test(the_lockout_runs_out_with_time_and_a_clock_going_back_does_not_shorten_it),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
