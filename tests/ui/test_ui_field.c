/* test_ui_field.c: the kiosk's text fields (ui_field.c) over the IME engine: what each kind of
 * field accepts, the length limit, the tone and letter buttons, the wipe. */
#include "test_support.h"

#include "ui/ui_field.h"

static void a_text_field_composes_telex(void **state) {
    (void)state;
    ui_field f;
    ui_field_init(&f, UI_FIELD_TEXT, 80, "telex", "old");
    assert_true(ui_field_type(&f, "Maajt hoa duwfa"));
    assert_string_equal(ui_field_text(&f), "Mật hoa dừa");
    ui_field_free(&f);
}

static void a_text_field_composes_vni_when_kiosk_ini_says_so(void **state) {
    (void)state;
    ui_field f;
    ui_field_init(&f, UI_FIELD_TEXT, 80, "vni", "old");
    ui_field_type(&f, "Tie61ng Vie65t");
    assert_string_equal(ui_field_text(&f), "Tiếng Việt");
    ui_field_free(&f);
}

static void the_tone_and_letter_buttons_work_without_telex(void **state) {
    (void)state;
    ui_field f;
    ui_field_init(&f, UI_FIELD_TEXT, 80, "telex", "old");
    ui_field_type(&f, "Viet");
    assert_true(ui_field_letter(&f, "ê"));
    assert_true(ui_field_tone(&f, IME_TONE_DOT));
    assert_string_equal(ui_field_text(&f), "Việt");
    ui_field_type(&f, " nam");
    ui_field_tone(&f, IME_TONE_NONE);
    assert_string_equal(ui_field_text(&f), "Việt nam");
    ui_field_free(&f);
}

static void the_vietnamese_toggle_types_plain_letters(void **state) {
    (void)state;
    ui_field f;
    ui_field_init(&f, UI_FIELD_TEXT, 80, "telex", "old");
    ui_field_set_vietnamese(&f, false);
    assert_false(ui_field_vietnamese(&f));
    ui_field_type(&f, "Samsung aas");
    assert_string_equal(ui_field_text(&f), "Samsung aas");
    ui_field_free(&f);
}

static void phone_and_number_fields_refuse_letters(void **state) {
    (void)state;
    ui_field phone, qty, email;
    ui_field_init(&phone, UI_FIELD_PHONE, 20, "telex", "old");
    ui_field_init(&qty, UI_FIELD_NUMBER, 12, "telex", "old");
    ui_field_init(&email, UI_FIELD_PLAIN, 100, "telex", "old");
    ui_field_type(&phone, "+84 912-abc 345");
    assert_string_equal(ui_field_text(&phone), "+84 912 345");
    ui_field_type(&qty, "1,5 kg");
    assert_string_equal(ui_field_text(&qty), "1,5");
    /* No IME in e-mail: "aa" and "dd" stay; no spaces. */
    ui_field_type(&email, "aa dd@x.vn");
    assert_string_equal(ui_field_text(&email), "aadd@x.vn");
    ui_field_free(&phone);
    ui_field_free(&qty);
    ui_field_free(&email);
}

static void a_field_stops_at_its_length_limit(void **state) {
    (void)state;
    ui_field f;
    ui_field_init(&f, UI_FIELD_PHONE, 5, "telex", "old");
    ui_field_type(&f, "0123456789");
    assert_string_equal(ui_field_text(&f), "01234");
    ui_field_free(&f);
    /* A word counts as its keys too (either may be committed): 5 keys make "đâu". */
    ui_field_init(&f, UI_FIELD_TEXT, 5, "telex", "old");
    ui_field_type(&f, "ddaau");
    assert_string_equal(ui_field_text(&f), "đâu");
    assert_false(ui_field_type(&f, "s"));
    assert_string_equal(ui_field_text(&f), "đâu");
    ui_field_free(&f);
}

static void backspace_and_wipe_empty_the_field(void **state) {
    (void)state;
    ui_field f;
    ui_field_init(&f, UI_FIELD_TEXT, 80, "telex", "old");
    ui_field_type(&f, "0987 654 321 An");
    assert_true(ui_field_backspace(&f));
    assert_string_equal(ui_field_text(&f), "0987 654 321 A");
    ui_field_wipe(&f);
    assert_true(ui_field_empty(&f));
    assert_string_equal(ui_field_text(&f), "");
    /* Still usable, same kind and IME. */
    ui_field_type(&f, "dd");
    assert_string_equal(ui_field_text(&f), "đ");
    ui_field_free(&f);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_text_field_composes_telex),
        cmocka_unit_test(a_text_field_composes_vni_when_kiosk_ini_says_so),
        cmocka_unit_test(the_tone_and_letter_buttons_work_without_telex),
        cmocka_unit_test(the_vietnamese_toggle_types_plain_letters),
        cmocka_unit_test(phone_and_number_fields_refuse_letters),
        cmocka_unit_test(a_field_stops_at_its_length_limit),
        cmocka_unit_test(backspace_and_wipe_empty_the_field),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
