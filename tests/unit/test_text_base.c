/* test_text_base.c: base.h string helpers, utf8.h, fold.h and how province names sort. */
#include "test_support.h"

#include "core/base.h"
#include "core/fold.h"
#include "core/province.h"
#include "core/strbuf.h"
#include "core/utf8.h"

#include <stdlib.h>
#include <string.h>

static void str_copy_reports_truncation_and_never_splits_a_utf8_sequence(void **state) {
    char buf[6];
    assert_true(str_copy(buf, sizeof buf, "abc"));
    assert_string_equal(buf, "abc");
    /* "Mật" is M (1) + ậ (3) + t (1): five bytes, buffer holds five plus NUL. */
    assert_true(str_copy(buf, sizeof buf, "Mật"));
    /* "aMật": the cut would fall inside ậ, so ậ is left out whole. */
    char small[4];
    assert_false(str_copy(small, sizeof small, "aMật"));
    assert_string_equal(small, "aM");
    assert_true(utf8_valid(small, strlen(small)));
}

static void str_append_and_format_report_truncation(void **state) {
    char buf[8] = "ab";
    assert_true(str_append(buf, sizeof buf, "cd"));
    assert_false(str_append(buf, sizeof buf, "efghij"));
    assert_string_equal(buf, "abcdefg");
    assert_false(str_format(buf, sizeof buf, "%d", 123456789));
    assert_true(str_format(buf, sizeof buf, "%d", 42));
    assert_string_equal(buf, "42");
}

static void strbuf_grows_and_hands_over_its_text(void **state) {
    strbuf sb = {0};
    assert_string_equal(sb_str(&sb), "");
    for (int i = 0; i < 1000; i++) {
        sb_appendf(&sb, "%d,", i);
    }
    assert_true(sb.len > 3000);
    char *text = sb_take(&sb);
    assert_true(strncmp(text, "0,1,2,", 6) == 0);
    assert_null(sb.data);
    free(text);
}

static void utf8_validation_rejects_overlongs_surrogates_and_cut_sequences(void **state) {
    assert_true(utf8_valid("Mật hoa dừa", strlen("Mật hoa dừa")));
    assert_false(utf8_valid("\xC0\xAF", 2));     /* overlong '/' */
    assert_false(utf8_valid("\xED\xA0\x80", 3)); /* surrogate */
    assert_false(utf8_valid("M\xE1\xBA", 3));    /* cut short */
    assert_int_equal(utf8_invalid_at("ab\xFFz", 4), 2);
}

static void nfc_composes_decomposed_vietnamese(void **state) {
    /* "Mật" in NFD: a + combining dot below + combining circumflex. */
    char *nfc = utf8_nfc("Ma\xCC\xA3\xCC\x82t");
    assert_string_equal(nfc, "Mật");
    free(nfc);
    assert_null(utf8_nfc("bad \xFF"));
    char *clean = utf8_sanitize("bad \xFF!", 6);
    assert_string_equal(clean, "bad \xEF\xBF\xBD!");
    free(clean);
}

static void fold_removes_case_and_diacritics_and_turns_d_stroke_into_d(void **state) {
    const struct {
        const char *in, *out;
    } cases[] = {
        {"Mật hoa dừa Trà Vinh", "mat hoa dua tra vinh"},
        {"ĐẶC SẢN ĐƯỜNG THỐT NỐT", "dac san duong thot not"},
        {"Ma\xCC\xA3\xCC\x82t ong", "mat ong"}, /* NFD */
        {"đậu phộng", "dau phong"},
        {"Ðà Lạt", "da lat"}, /* legacy U+00D0 */
        {"Samsung 500 ml", "samsung 500 ml"},
    };
    for (size_t i = 0; i < OCOP_COUNT(cases); i++) {
        char *folded = fold_text(cases[i].in);
        assert_string_equal(folded, cases[i].out);
        free(folded);
    }
    char *bad = fold_text("x\xFFy");
    assert_true(utf8_valid(bad, strlen(bad)));
    free(bad);
}

static int collate_strings(const void *a, const void *b) {
    return fold_collate(*(const char *const *)a, *(const char *const *)b);
}

static void
collation_puts_vietnamese_letters_after_their_base_letter_then_orders_tones(void **state) {
    (void)state;
    /* Each pair in Vietnamese alphabetical order (CLDR "vi"). */
    const struct {
        const char *before, *after;
    } pairs[] = {
        {"Dương", "Đà Nẵng"},    /* d < đ, whatever follows */
        {"Đồng Tháp", "Ea Súp"}, /* đ < e */
        {"Đồng Tháp", "Gia Lai"},
        {"An Giang", "Ăn"},          /* a < ă */
        {"Ăn", "Ấp"},                /* ă < â */
        {"Bạc Liêu", "Bắc Giang"},   /* a < ă: the tone comes last */
        {"Bắc Ninh", "Bến Tre"},     /* ă < e */
        {"Hoà Bình", "Hồ Chí Minh"}, /* o < ô, whatever follows */
        {"Hạ Long", "Hà Nam"},       /* letters before tones */
        {"Tây Ninh", "Thái Bình"},
        {"Tô", "Tơ"}, /* o < ô < ơ */
        {"To", "Tô"},
        {"Tu", "Tư"}, /* u < ư */
        {"Ve", "Vê"},
        {"ma", "mà"}, /* tones: none, huyền, hỏi, ngã, sắc, nặng */
        {"mà", "mả"},
        {"mả", "mã"},
        {"mã", "má"},
        {"má", "mạ"},
        {"Trà Vinh", "trà vinh"}, /* case only: bytes decide, not equal */
    };
    for (size_t i = 0; i < OCOP_COUNT(pairs); i++) {
        if (!(fold_collate(pairs[i].before, pairs[i].after) < 0 &&
              fold_collate(pairs[i].after, pairs[i].before) > 0)) {
            fail_msg("'%s' should sort before '%s'", pairs[i].before, pairs[i].after);
        }
    }
    assert_int_equal(fold_collate("Trà Vinh", "Trà Vinh"), 0);
    /* NFD and NFC spellings sort by their letters alike. */
    assert_true(fold_collate("Ma\xCC\xA3\xCC\x82t", "Mật") != 0);
    assert_true(fold_collate("Ma\xCC\xA3\xCC\x82t", "Mau") > 0);
    assert_true(fold_collate("x\xFFy", "xz") > 0); /* malformed: U+FFFD, not a crash */
    /* A sorted list, as the browse screen's province picker shows it. */
    const char *names[] = {"Vĩnh Long", "Đồng Tháp", "Bến Tre",  "Sóc Trăng", "Điện Biên",
                           "Trà Vinh",  "Đà Nẵng",   "Cà Mau",   "Cần Thơ",   "Dương Đông",
                           "Hà Nội",    "Hải Phòng", "An Giang", "Ấp Bắc"};
    const char *want[] = {"An Giang",   "Ấp Bắc",    "Bến Tre",   "Cà Mau",    "Cần Thơ",
                          "Dương Đông", "Đà Nẵng",   "Điện Biên", "Đồng Tháp", "Hà Nội",
                          "Hải Phòng",  "Sóc Trăng", "Trà Vinh",  "Vĩnh Long"};
    qsort(names, OCOP_COUNT(names), sizeof names[0], collate_strings);
    for (size_t i = 0; i < OCOP_COUNT(names); i++) {
        assert_string_equal(names[i], want[i]);
    }
}

static int collate_provinces(const void *a, const void *b) {
    return province_collate(*(const char *const *)a, *(const char *const *)b);
}

static void provinces_sort_by_their_names_without_the_administrative_prefix(void **state) {
    (void)state;
    const struct {
        const char *name, *without;
    } cases[] = {
        {"Tỉnh Bến Tre", "Bến Tre"},
        {"Thành phố Cần Thơ", "Cần Thơ"},
        {"TP. Hồ Chí Minh", "Hồ Chí Minh"},
        {"TP.HCM", "HCM"},
        {"tp Huế", "Huế"},
        {"THÀNH PHỐ  Hải Phòng", "Hải Phòng"},
        {"  Tinh Ben Tre", "Ben Tre"},
        {"Tỉnh", "Tỉnh"}, /* nothing but the prefix: a name of its own */
        {"Thành phố", "Thành phố"},
        {"Tỉnh  ", "Tỉnh  "},
        {"Thanh Hoá", "Thanh Hoá"}, /* "Thanh" without "phố" is a name */
        {"Tây Ninh", "Tây Ninh"},
        {"TPHCM", "TPHCM"},
        {"Tỉnhlộ", "Tỉnhlộ"},
        {"", ""},
    };
    for (size_t i = 0; i < OCOP_COUNT(cases); i++) {
        assert_string_equal(province_name_without_prefix(cases[i].name), cases[i].without);
    }
    /* The browse picker's names as catalogues spell them: under B, C, H, not T. */
    const char *names[] = {"Tỉnh Trà Vinh", "TP. Hồ Chí Minh", "Bến Tre",  "Thành phố Cần Thơ",
                           "Tỉnh Bến Tre",  "Sóc Trăng",       "Tây Ninh", "Thanh Hoá",
                           "Đồng Tháp",     "Cà Mau",          "tp Huế"};
    const char *want[] = {"Bến Tre",   "Tỉnh Bến Tre",    "Cà Mau",       "Thành phố Cần Thơ",
                          "Đồng Tháp", "TP. Hồ Chí Minh", "tp Huế",       "Sóc Trăng",
                          "Tây Ninh",  "Thanh Hoá",       "Tỉnh Trà Vinh"};
    qsort(names, OCOP_COUNT(names), sizeof names[0], collate_provinces);
    for (size_t i = 0; i < OCOP_COUNT(names); i++) {
        assert_string_equal(names[i], want[i]);
    }
    assert_int_equal(province_collate("Tỉnh Bến Tre", "Tỉnh Bến Tre"), 0);
    assert_true(province_collate("Bến Tre", "Tỉnh Bến Tre") < 0); /* equal names: whole text */
}

static void printable_escapes_controls_and_malformed_bytes_and_keeps_text(void **state) {
    char out[64];
    assert_true(utf8_printable("Mật ong\\x", strlen("Mật ong\\x"), out, sizeof out));
    assert_string_equal(out, "Mật ong\\x");
    const char raw[] = "a\r\nb\t\x1b[0m\x7f\xC2\x9B\xFF\xC3";
    assert_true(utf8_printable(raw, sizeof raw - 1, out, sizeof out));
    assert_string_equal(out, "a\\r\\nb\\t\\x1B[0m\\x7F\\u009B\\xFF\\xC3");
    /* Truncation never cuts an escape or a character. */
    char small[5];
    assert_false(utf8_printable("ab\ncd", 5, small, sizeof small));
    assert_string_equal(small, "ab\\n");
    assert_false(utf8_printable("abcMật", strlen("abcMật"), small, sizeof small));
    assert_string_equal(small, "abcM");
}

/* An e-mail with CR LF gave a two-line error (issue 13 items 9 and 10). */
static void error_messages_are_one_line_without_raw_bytes(void **state) {
    ocop_error err;
    error_set(&err, "email: \"%s\" is not an e-mail address", "a@b.vn\r\nX-Injected: 1\xFF");
    assert_string_equal(err.msg,
                        "email: \"a@b.vn\\r\\nX-Injected: 1\\xFF\" is not an e-mail address");
    strbuf sb = {0};
    sb_append_printable(&sb, "x\ny", 3);
    assert_string_equal(sb_str(&sb), "x\\ny");
    sb_free(&sb);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(str_copy_reports_truncation_and_never_splits_a_utf8_sequence),
        cmocka_unit_test(str_append_and_format_report_truncation),
        cmocka_unit_test(strbuf_grows_and_hands_over_its_text),
        cmocka_unit_test(utf8_validation_rejects_overlongs_surrogates_and_cut_sequences),
        cmocka_unit_test(nfc_composes_decomposed_vietnamese),
        cmocka_unit_test(printable_escapes_controls_and_malformed_bytes_and_keeps_text),
        cmocka_unit_test(provinces_sort_by_their_names_without_the_administrative_prefix),
        cmocka_unit_test(error_messages_are_one_line_without_raw_bytes),
        cmocka_unit_test(fold_removes_case_and_diacritics_and_turns_d_stroke_into_d),
        cmocka_unit_test(
            collation_puts_vietnamese_letters_after_their_base_letter_then_orders_tones),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
