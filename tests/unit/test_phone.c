/* test_phone.c: Vietnamese phone numbers and e-mail addresses (phone.h). */
#include "test_support.h"

#include "core/phone.h"

#include <string.h>

/* Normalises `text`, expecting success with `want`. */
static void expect_phone(const char *text, const char *want) {
    char out[32];
    ocop_error err = {{0}};
    if (phone_normalize(text, out, sizeof out, &err) != 0) {
        fail_msg("'%s' was refused: %s", text, err.msg);
    }
    if (strcmp(out, want) != 0) {
        fail_msg("'%s' gave '%s', wanted '%s'", text, out, want);
    }
}

/* Expects `text` to be refused with a message holding `why`. */
static void expect_refused(const char *text, const char *why) {
    char out[32] = "unchanged";
    ocop_error err = {{0}};
    if (phone_normalize(text, out, sizeof out, &err) == 0) {
        fail_msg("'%s' was accepted as '%s'", text, out);
    }
    if (!strstr(err.msg, why)) {
        fail_msg("'%s': message '%s' does not say '%s'", text, err.msg, why);
    }
    assert_string_equal(out, "");
}

static void the_usual_ways_of_writing_a_mobile_number_give_plus_84(void **state) {
    (void)state;
    expect_phone("0912 345 678", "+84912345678");
    expect_phone("0912345678", "+84912345678");
    expect_phone("84912345678", "+84912345678");
    expect_phone("+84 912-345-678", "+84912345678");
    expect_phone("+84912345678", "+84912345678");
    expect_phone("(+84) 912.345.678", "+84912345678");
    expect_phone("+84 (0) 912 345 678", "+84912345678");
    expect_phone("0084 912 345 678", "+84912345678");
    expect_phone("  0912 345 678  ", "+84912345678");
    expect_phone("091-234-5678", "+84912345678");
    expect_phone("912 345 678", "+84912345678"); /* the 0 forgotten */
}

static void international_numbers_with_their_country_code_are_accepted(void **state) {
    (void)state;
    expect_phone("+49 30 1234567", "+49301234567");
    expect_phone("+1 415 555 0100", "+14155550100");
    expect_phone("+33 1 23 45 67 89", "+33123456789");
    expect_phone("0051 912 345 678", "+51912345678");
    expect_phone("+65 6123 4567", "+6561234567");
}

static void every_mobile_block_is_accepted(void **state) {
    (void)state;
    const char *blocks[] = {"032", "033", "034", "035", "036", "037", "038", "039", "052",
                            "055", "056", "058", "059", "070", "076", "077", "078", "079",
                            "081", "082", "083", "084", "085", "086", "087", "088", "089",
                            "090", "091", "092", "093", "094", "096", "097", "098", "099"};
    for (size_t i = 0; i < OCOP_COUNT(blocks); i++) {
        char text[16], want[16];
        str_format(text, sizeof text, "%s1234567", blocks[i]);
        str_format(want, sizeof want, "+84%s1234567", blocks[i] + 1);
        expect_phone(text, want);
    }
}

static void fixed_lines_with_the_2017_area_codes_are_accepted(void **state) {
    (void)state;
    expect_phone("024 3825 3456", "+842438253456");    /* Hà Nội */
    expect_phone("028 3829 1234", "+842838291234");    /* TP. Hồ Chí Minh */
    expect_phone("0294 3855 123", "+842943855123");    /* Trà Vinh */
    expect_phone("+84 290 3831 234", "+842903831234"); /* Cà Mau */
}

static void impossible_numbers_are_refused_with_the_reason(void **state) {
    (void)state;
    expect_refused("", "empty");
    expect_refused("   ", "empty");
    expect_refused("0912 345 67", "too short");
    expect_refused("0912 345 6789", "too long");
    expect_refused("024 3825 345", "too short");
    expect_refused("024 3825 34567", "too long");
    expect_refused("0912 ABC 678", "'A'");
    expect_refused("0912 345 678 ext 5", "'e'");
    expect_refused("0912 345 6đ8", "'đ'");
    expect_refused("0612 345 678", "neither a mobile");
    expect_refused("0412 345 678", "neither a mobile");
    expect_refused("0012", "too short for an international");
    expect_refused("+0 123 4567", "never starts with 0");
    expect_refused("+49 30 1234 5678 9012 34", "at most 15 digits");
    expect_refused("0953 456 789", "not a Vietnamese mobile prefix");
    expect_refused("0512 345 678", "not a Vietnamese mobile prefix");
    expect_refused("1900 1234", "service number");
    expect_refused("1800 5858 55", "service number");
    expect_refused("113", "should start with 0");
    expect_refused("12345678", "should start with 0");
    expect_refused("+84", "nothing after");
    expect_refused("0", "nothing after");
    expect_refused("09+12345678", "'+' may only start");
    expect_refused("++84912345678", "'+' may only start");
    expect_refused("- . ( )", "no digits");
    expect_refused("0912 345 678 0912 345 678 0912 345 678 0912", "too long");
}

static void an_old_eleven_digit_mobile_number_is_refused_with_its_new_number(void **state) {
    (void)state;
    expect_refused("0168 123 4567", "since 2018 it is 0381234567");
    expect_refused("0123 456 7890", "since 2018 it is 0834567890");
    expect_refused("+84 199 123 4567", "since 2018 it is 0591234567");
}

static void a_result_that_does_not_fit_is_an_error_not_a_cut_number(void **state) {
    (void)state;
    char out[8];
    ocop_error err;
    assert_int_equal(phone_normalize("0912345678", out, sizeof out, &err), -1);
    assert_string_equal(out, "");
    assert_non_null(strstr(err.msg, "no room"));
}

static void a_null_error_buffer_is_allowed(void **state) {
    (void)state;
    char out[32];
    assert_int_equal(phone_normalize("abc", out, sizeof out, NULL), -1);
    assert_int_equal(phone_check_email("abc", NULL), -1);
}

static void expect_format(const char *text, const char *want) {
    char out[48];
    phone_format(text, out, sizeof out);
    if (strcmp(out, want) != 0) {
        fail_msg("'%s' was shown as '%s', wanted '%s'", text, out, want);
    }
}

static void phones_are_shown_the_vietnamese_way_with_the_trunk_zero(void **state) {
    (void)state;
    expect_format("+84912345678", "0912 345 678");
    expect_format("84 912 345 678", "0912 345 678");
    expect_format("0294 3832111", "0294 3832 111");
    expect_format("+842438253456", "024 3825 3456");
    expect_format("028.3829.1234", "028 3829 1234");
    expect_format("+49 30 1234567", "+49301234567");
    expect_format("not a number", "not a number"); /* as written, never lost */
    expect_format("", "");
}

static void a_zalo_number_is_the_local_form_of_a_vietnamese_number(void **state) {
    (void)state;
    char out[32];
    assert_true(phone_zalo("+84 912 345 678", out, sizeof out));
    assert_string_equal(out, "0912345678");
    assert_true(phone_zalo("0290 3831 234", out, sizeof out));
    assert_string_equal(out, "02903831234");
    assert_false(phone_zalo("hello", out, sizeof out));
    assert_string_equal(out, "");
}

static void expect_email_ok(const char *text) {
    ocop_error err = {{0}};
    if (phone_check_email(text, &err) != 0) {
        fail_msg("'%s' was refused: %s", text, err.msg);
    }
}

static void expect_email_refused(const char *text, const char *why) {
    ocop_error err = {{0}};
    if (phone_check_email(text, &err) == 0) {
        fail_msg("'%s' was accepted", text);
    }
    if (!strstr(err.msg, why)) {
        fail_msg("'%s': message '%s' does not say '%s'", text, err.msg, why);
    }
}

static void ordinary_email_addresses_pass(void **state) {
    (void)state;
    expect_email_ok("lan.nguyen@gmail.com");
    expect_email_ok("htx.dua-sap+ocop@travinh.gov.vn");
    expect_email_ok("SALES@Example.COM");
    expect_email_ok("a@b.co");
    expect_email_ok("o'brien@example.ie");
    expect_email_ok("người.mua@ví-dụ.vn"); /* internationalised (RFC 6531) */
}

static void broken_email_addresses_are_refused_with_the_reason(void **state) {
    (void)state;
    expect_email_refused("", "empty");
    expect_email_refused("lan.nguyen.gmail.com", "no '@'");
    expect_email_refused("lan@@gmail.com", "more than one '@'");
    expect_email_refused("lan@nguyen@gmail.com", "more than one '@'");
    expect_email_refused("@gmail.com", "nothing before");
    expect_email_refused("lan@", "no domain");
    expect_email_refused("lan@gmail", "no '.'");
    expect_email_refused("lan nguyen@gmail.com", "space");
    expect_email_refused("lan@gmail.com ", "space");
    expect_email_refused(".lan@gmail.com", "starts or ends with '.'");
    expect_email_refused("lan.@gmail.com", "starts or ends with '.'");
    expect_email_refused("lan..nguyen@gmail.com", "'..'");
    expect_email_refused("lan@gmail..com", "empty part");
    expect_email_refused("lan@.gmail.com", "empty part");
    expect_email_refused("lan@gmail.com.", "empty part");
    expect_email_refused("lan@-gmail.com", "'-'");
    expect_email_refused("lan@gmail.c", "not a top-level domain");
    expect_email_refused("lan@10.0.0.1", "not a top-level domain");
    expect_email_refused("lan@gm_ail.com", "'_' in the domain");
    expect_email_refused("la(n)@gmail.com", "'('");
    expect_email_refused("lan@gmail.com\n", "space");
    expect_email_refused("lan\x01@gmail.com", "control character");
    char long_local[80];
    memset(long_local, 'a', 70);
    str_copy(long_local + 70, sizeof long_local - 70, "@x.vn");
    expect_email_refused(long_local, "longer than 64");
    char long_all[300];
    memset(long_all, 'a', 260);
    long_all[260] = '\0';
    expect_email_refused(long_all, "too long");
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_usual_ways_of_writing_a_mobile_number_give_plus_84),
        cmocka_unit_test(every_mobile_block_is_accepted),
        cmocka_unit_test(international_numbers_with_their_country_code_are_accepted),
        cmocka_unit_test(fixed_lines_with_the_2017_area_codes_are_accepted),
        cmocka_unit_test(impossible_numbers_are_refused_with_the_reason),
        cmocka_unit_test(an_old_eleven_digit_mobile_number_is_refused_with_its_new_number),
        cmocka_unit_test(a_result_that_does_not_fit_is_an_error_not_a_cut_number),
        cmocka_unit_test(a_null_error_buffer_is_allowed),
        cmocka_unit_test(phones_are_shown_the_vietnamese_way_with_the_trunk_zero),
        cmocka_unit_test(a_zalo_number_is_the_local_form_of_a_vietnamese_number),
        cmocka_unit_test(ordinary_email_addresses_pass),
        cmocka_unit_test(broken_email_addresses_are_refused_with_the_reason),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
