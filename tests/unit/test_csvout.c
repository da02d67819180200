/* test_csvout.c: formula neutralisation and the CSV writer (BOM, CRLF, RFC 4180 quoting). */
#include "test_support.h"

#include "core/csvout.h"

#include <stdlib.h>
#include <string.h>

static void text_starting_like_a_formula_gets_a_leading_apostrophe(void **state) {
    static const char *const formulas[] = {"=1+1",     "+84912345678", "-2+3",
                                           "@SUM(A1)", "\tcmd",        "\r=1"};
    for (size_t i = 0; i < OCOP_COUNT(formulas); i++) {
        assert_true(csvout_is_formula(formulas[i]));
        char *safe = csvout_safe_dup(formulas[i]);
        assert_int_equal(safe[0], '\'');
        assert_string_equal(safe + 1, formulas[i]);
        free(safe);
    }
}

static void ordinary_text_is_left_exactly_as_it_was(void **state) {
    static const char *const plain[] = {"Hà Nội",    "2026-12", "a=b", "'quoted",
                                        "4★ · 60 %", " =1",     ""};
    for (size_t i = 0; i < OCOP_COUNT(plain); i++) {
        assert_false(csvout_is_formula(plain[i]));
        char *safe = csvout_safe_dup(plain[i]);
        assert_string_equal(safe, plain[i]);
        free(safe);
    }
    char *empty = csvout_safe_dup(NULL);
    assert_string_equal(empty, "");
    free(empty);
    assert_false(csvout_is_formula(NULL));
}

static void a_csv_starts_with_the_byte_order_mark_and_ends_every_row_with_crlf(void **state) {
    strbuf sb = {0};
    csvout w = {0};
    csvout_begin(&w, &sb);
    csvout_text(&w, "Mật hoa dừa");
    csvout_number(&w, 2);
    csvout_end_row(&w);
    csvout_text(&w, "x");
    csvout_end_row(&w);
    assert_string_equal(sb_str(&sb), "\xEF\xBB\xBFMật hoa dừa,2\r\nx\r\n");
    sb_free(&sb);
}

static void fields_with_commas_quotes_or_line_breaks_are_quoted_and_quotes_doubled(void **state) {
    strbuf sb = {0};
    csvout w = {0};
    csvout_begin(&w, &sb);
    csvout_text(&w, "a,b");
    csvout_text(&w, "say \"hi\"");
    csvout_text(&w, "line1\nline2");
    csvout_text(&w, "cr\rhere");
    csvout_text(&w, "plain");
    csvout_end_row(&w);
    assert_string_equal(sb_str(&sb) + 3,
                        "\"a,b\",\"say \"\"hi\"\"\",\"line1\nline2\",\"cr\rhere\",plain\r\n");
    sb_free(&sb);
}

static void a_formula_is_neutralised_before_it_is_quoted(void **state) {
    strbuf sb = {0};
    csvout w = {0};
    csvout_begin(&w, &sb);
    csvout_text(&w, "=HYPERLINK(\"http://x\",\"y\")");
    csvout_text(&w, "-1,5");
    csvout_end_row(&w);
    assert_string_equal(sb_str(&sb) + 3,
                        "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",\"'-1,5\"\r\n");
    sb_free(&sb);
}

static void numbers_are_written_plainly_and_empty_fields_stay_empty(void **state) {
    strbuf sb = {0};
    csvout w = {0};
    csvout_begin(&w, &sb);
    csvout_number(&w, 600);
    csvout_number(&w, 2.5);
    csvout_number(&w, 1.0 / 3.0);
    csvout_number(&w, -4); /* a number is never a formula */
    csvout_int(&w, 1234567890123);
    csvout_text(&w, NULL);
    csvout_text(&w, "");
    csvout_end_row(&w);
    assert_string_equal(sb_str(&sb) + 3, "600,2.5,0.333333,-4,1234567890123,,\r\n");
    sb_free(&sb);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(text_starting_like_a_formula_gets_a_leading_apostrophe),
        cmocka_unit_test(ordinary_text_is_left_exactly_as_it_was),
        cmocka_unit_test(a_csv_starts_with_the_byte_order_mark_and_ends_every_row_with_crlf),
        cmocka_unit_test(fields_with_commas_quotes_or_line_breaks_are_quoted_and_quotes_doubled),
        cmocka_unit_test(a_formula_is_neutralised_before_it_is_quoted),
        cmocka_unit_test(numbers_are_written_plainly_and_empty_fields_stay_empty),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
