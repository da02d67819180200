/* test_inquiry.c: the inquiry JSON of DESIGN §5: parsing, normalising, and field errors. */
#include "test_support.h"

#include "core/month.h"
#include "core/catalog.h"
#include "core/inquiry.h"

#include <string.h>

static const char full[] =
    "{\"buyer\": {\"name\": \"Nguyễn Văn A\", \"company\": \"Cty ABC\", \"phone\": \"0912 345 "
    "678\","
    " \"email\": \"a@example.vn\", \"province\": \"Hà Nội\"},"
    " \"group\": \"Thực phẩm\", \"quantity\": 2, \"unit\": \"tấn\","
    " \"months\": [\"2026-12\", \"2027-02\"], \"min_stars\": 4, \"max_price_vnd\": 90000,"
    " \"note\": \"giao Hà Nội\", \"lang\": \"vi\","
    " \"consent\": {\"contact\": true, \"share_with_producers\": true}}";

static void the_design_example_parses_and_is_normalised(void **state) {
    (void)state;
    inquiry_request in;
    ocop_error err;
    assert_int_equal(inquiry_from_json(full, &in, &err), 0);
    assert_string_equal(in.buyer_name, "Nguyễn Văn A");
    assert_string_equal(in.buyer_phone, "+84912345678");
    assert_string_equal(in.group, "food");
    assert_true(in.quantity == 2);
    assert_string_equal(in.unit, "tấn");
    assert_string_equal(in.month_from, "2026-12");
    assert_string_equal(in.month_to, "2027-02");
    assert_int_equal(in.min_stars, 4);
    assert_int_equal(in.max_price_vnd, 90000);
    assert_string_equal(in.lang, "vi");
    assert_true(in.consent_contact && in.consent_share);
}

static void one_month_a_decimal_comma_and_nfd_text_are_accepted(void **state) {
    (void)state;
    /* "Hà" in NFD: a + combining grave. */
    const char *json = "{\"buyer\": {\"name\": \"Ha\xcc\x80\", \"email\": \"x@y.vn\"},"
                       " \"product\": \"MHD-01\", \"quantity\": \"0,5\", \"unit\": \"kg\","
                       " \"months\": [\"2026-12\"]}";
    inquiry_request in;
    ocop_error err;
    assert_int_equal(inquiry_from_json(json, &in, &err), 0);
    assert_string_equal(in.buyer_name, "Hà");
    assert_true(in.quantity == 0.5);
    assert_string_equal(in.month_to, "2026-12");
    assert_string_equal(in.lang, "vi");
    assert_false(in.consent_contact);
}

/* Replaces the first `from` in `full` by `to` and expects an error naming `field`. */
static void expect_error(const char *from, const char *to, const char *field) {
    char json[2048];
    const char *at = strstr(full, from);
    assert_non_null(at);
    str_format(json, sizeof json, "%.*s%s%s", (int)(at - full), full, to, at + strlen(from));
    inquiry_request in;
    ocop_error err;
    if (inquiry_from_json(json, &in, &err) != -1) {
        fail_msg("accepted: %s", json);
    }
    if (!str_starts(err.msg, field)) {
        fail_msg("for %s got: %s", field, err.msg);
    }
}

static void every_bad_field_is_named_in_the_message(void **state) {
    (void)state;
    expect_error("\"0912 345 678\"", "\"12ab\"", "buyer.phone:");
    expect_error("\"a@example.vn\"", "\"not mail\"", "buyer.email:");
    expect_error("\"Nguyễn Văn A\"", "\"  \"", "buyer.name:");
    expect_error("\"Thực phẩm\"", "\"Vũ khí\"", "group:");
    expect_error("\"group\": \"Thực phẩm\"", "\"group\": \"food\", \"product\": \"X\"", "product:");
    expect_error("\"quantity\": 2", "\"quantity\": 0", "quantity:");
    expect_error("\"quantity\": 2", "\"quantity\": \"two\"", "quantity:");
    expect_error("\"quantity\": 2", "\"qty\": 2", "quantity:");
    expect_error("\"tấn\"", "\"tá\"", "unit:");
    expect_error("\"2027-02\"", "\"2026-10\"", "months:");
    expect_error("\"2027-02\"", "\"2027-13\"", "months[1]:");
    expect_error("[\"2026-12\", \"2027-02\"]", "[\"2026-01\", \"2028-12\"]", "months:");
    expect_error("\"min_stars\": 4", "\"min_stars\": 6", "min_stars:");
    expect_error("\"min_stars\": 4", "\"min_stars\": 4.5", "min_stars:");
    expect_error("\"lang\": \"vi\"", "\"lang\": \"fr\"", "lang:");
    expect_error("\"contact\": true", "\"contact\": \"yes\"", "consent.contact:");
    expect_error("{\"buyer\"", "[{\"buyer\"", "line 1:");
}

static void quantities_below_one_gram_or_millilitre_are_refused(void **state) {
    (void)state;
    /* Issue 13 item 8: 0.0004 l and 1e-320 l were rounded up to 0.001 l. */
    expect_error("\"quantity\": 2, \"unit\": \"tấn\"", "\"quantity\": 0.0004, \"unit\": \"l\"",
                 "quantity: 0.0004 l is less than 1 ml");
    expect_error("\"quantity\": 2, \"unit\": \"tấn\"", "\"quantity\": 1e-320, \"unit\": \"l\"",
                 "quantity: 9.99989e-321 l is less than 1 ml");
    expect_error("\"quantity\": 2, \"unit\": \"tấn\"", "\"quantity\": 0.9, \"unit\": \"g\"",
                 "quantity: 0.9 g is less than 1 g");
    inquiry_request in;
    ocop_error err;
    const char *ok[] = {"\"quantity\": 0.001, \"unit\": \"l\"", "\"quantity\": 1, \"unit\": \"g\"",
                        "\"quantity\": 0.5, \"unit\": \"chai\""};
    for (size_t k = 0; k < OCOP_COUNT(ok); k++) {
        char json[2048];
        const char *from = "\"quantity\": 2, \"unit\": \"tấn\"";
        const char *at = strstr(full, from);
        str_format(json, sizeof json, "%.*s%s%s", (int)(at - full), full, ok[k], at + strlen(from));
        if (inquiry_from_json(json, &in, &err) != 0) {
            fail_msg("%s refused: %s", ok[k], err.msg);
        }
    }
}

static void text_after_the_document_and_invalid_utf8_are_refused(void **state) {
    (void)state;
    inquiry_request in;
    ocop_error err;
    char json[2048];
    str_format(json, sizeof json, "%s {}", full);
    assert_int_equal(inquiry_from_json(json, &in, &err), -1);
    assert_true(str_starts(err.msg, "line 1: not valid JSON"));
    str_format(json, sizeof json, "%s\n  \n", full); /* trailing white space is fine */
    assert_int_equal(inquiry_from_json(json, &in, &err), 0);
    expect_error("\"Thực phẩm\"",
                 "\"Th\xff"
                 "\"",
                 "group: not valid UTF-8");
    expect_error("\"giao Hà Nội\"",
                 "\"giao \xc3"
                 "\"",
                 "note: not valid UTF-8");
    /* `match` fills the request from the command line, without the JSON path. */
    inquiry_request m = {0};
    str_copy(m.query, sizeof m.query,
             "m\xff"
             "at");
    str_copy(m.unit, sizeof m.unit, "kg");
    str_copy(m.month_from, sizeof m.month_from, "2026-12");
    m.quantity = 1;
    assert_int_equal(inquiry_validate_request(&m, &err), -1);
    assert_string_equal(err.msg, "query: not valid UTF-8");
}

static void group_names_are_found_in_vietnamese_or_english_with_or_without_accents(void **state) {
    (void)state;
    char key[16];
    assert_int_equal(inquiry_group_key("Đồ uống", key, sizeof key), 0);
    assert_string_equal(key, "beverages");
    assert_int_equal(inquiry_group_key("thao duoc / duoc lieu", key, sizeof key), 0);
    assert_string_equal(key, "herbal");
    assert_int_equal(inquiry_group_key("Thủ công mỹ nghệ", key, sizeof key), 0);
    assert_string_equal(key, "handicrafts");
    assert_int_equal(inquiry_group_key("TOURISM", key, sizeof key), 0);
    assert_string_equal(key, "tourism");
    assert_int_equal(inquiry_group_key("weapons", key, sizeof key), -1);
    /* The 2023 criteria's wording, as search takes it (one table: catalog.h). */
    assert_int_equal(inquiry_group_key("Dược liệu và sản phẩm từ dược liệu", key, sizeof key), 0);
    assert_string_equal(key, "herbal");
    for (size_t i = 0; i < catalog_group_count(); i++) {
        const char *k = catalog_group_key_at(i);
        assert_int_equal(inquiry_group_key(catalog_group_name(k, "vi"), key, sizeof key), 0);
        assert_string_equal(key, k);
        assert_int_equal(inquiry_group_key(catalog_group_name(k, "en"), key, sizeof key), 0);
        assert_string_equal(key, k);
    }
}

static void months_are_checked_and_counted(void **state) {
    (void)state;
    assert_true(month_valid("2026-12"));
    assert_false(month_valid("2026-13"));
    assert_false(month_valid("2026-1"));
    assert_false(month_valid("26-12-1"));
    assert_int_equal(month_span("2026-12", "2027-02"), 3);
    assert_int_equal(month_span("2026-12", "2026-12"), 1);
    assert_true(month_span("2027-01", "2026-12") < 1);
}

/* A lead as the kiosk form builds it: a product, 2 kg next month. */
static inquiry_request form_lead(void) {
    inquiry_request in;
    memset(&in, 0, sizeof in);
    str_copy(in.buyer_name, sizeof in.buyer_name, "Nguyễn Văn An");
    str_copy(in.buyer_phone, sizeof in.buyer_phone, "0912 345 678");
    str_copy(in.product, sizeof in.product, "TV-MHD-01");
    in.quantity = 2;
    str_copy(in.unit, sizeof in.unit, "kg");
    str_copy(in.month_from, sizeof in.month_from, "2026-12");
    str_copy(in.lang, sizeof in.lang, "vi");
    in.consent_contact = true;
    return in;
}

static void every_wrong_field_of_a_form_is_reported_at_once(void **state) {
    (void)state;
    inquiry_errors e;
    inquiry_request in = form_lead();
    assert_int_equal(inquiry_validate_fields(&in, &e), 0);
    assert_string_equal(in.buyer_phone, "+84912345678"); /* normalised, as inquiry_validate */

    in = form_lead();
    in.buyer_name[0] = '\0';
    str_copy(in.buyer_phone, sizeof in.buyer_phone, "12");
    str_copy(in.buyer_email, sizeof in.buyer_email, "not an e-mail");
    in.quantity = 0;
    assert_int_equal(inquiry_validate_fields(&in, &e), 4);
    assert_int_equal(e.problem[INQUIRY_FIELD_NAME], INQUIRY_MISSING);
    assert_int_equal(e.problem[INQUIRY_FIELD_PHONE], INQUIRY_INVALID);
    assert_int_equal(e.problem[INQUIRY_FIELD_EMAIL], INQUIRY_INVALID);
    assert_int_equal(e.problem[INQUIRY_FIELD_QUANTITY], INQUIRY_NOT_POSITIVE);
    for (int f = 0; f < INQUIRY_FIELD_COUNT; f++) {
        bool marked = f == INQUIRY_FIELD_NAME || f == INQUIRY_FIELD_PHONE ||
                      f == INQUIRY_FIELD_EMAIL || f == INQUIRY_FIELD_QUANTITY;
        assert_int_equal(e.problem[f] != INQUIRY_OK, marked);
    }
    assert_non_null(strstr(e.message[INQUIRY_FIELD_EMAIL].msg, "buyer.email: "));
    /* inquiry_validate reports the first of them, as before. */
    ocop_error err;
    in = form_lead();
    in.buyer_name[0] = '\0';
    in.quantity = 0;
    assert_int_equal(inquiry_validate(&in, &err), -1);
    assert_string_equal(err.msg, "buyer.name: missing (who is asking?)");

    in = form_lead();
    in.buyer_phone[0] = '\0';
    in.quantity = INQUIRY_QUANTITY_MAX * 2;
    str_copy(in.month_from, sizeof in.month_from, "2026-13");
    assert_int_equal(inquiry_validate_fields(&in, &e), 3);
    assert_int_equal(e.problem[INQUIRY_FIELD_PHONE], INQUIRY_NO_CONTACT);
    assert_int_equal(e.problem[INQUIRY_FIELD_QUANTITY], INQUIRY_TOO_LARGE);
    assert_int_equal(e.problem[INQUIRY_FIELD_MONTHS], INQUIRY_INVALID);
    assert_non_null(strstr(e.message[INQUIRY_FIELD_MONTHS].msg, "months: "));
}

/* The fields a form does not type (unit, months, stars, price, language, what is asked) used
 * to share one "other" code holding the first of their problems: a wrong unit hid wrong
 * months. Each now has its own problem and a message that starts with its name. */
static void every_field_has_its_own_problem_and_message_naming_it(void **state) {
    (void)state;
    inquiry_errors e;
    inquiry_request in = form_lead();
    in.product[0] = '\0';
    str_copy(in.group, sizeof in.group, "no such group");
    str_copy(in.unit, sizeof in.unit, "5 kg");
    str_copy(in.month_from, sizeof in.month_from, "2026-13");
    in.min_stars = 9;
    in.max_price_vnd = -1;
    str_copy(in.lang, sizeof in.lang, "fr");
    memset(in.buyer_company, 'x', sizeof in.buyer_company - 1); /* fills the field: fits */
    str_copy(in.note, sizeof in.note, "\xff not UTF-8");
    assert_int_equal(inquiry_validate_fields(&in, &e), 7);
    const struct {
        inquiry_field field;
        inquiry_problem problem;
        const char *message;
    } want[] = {
        {INQUIRY_FIELD_GROUP, INQUIRY_INVALID, "group: unknown product group \"no such group\""},
        {INQUIRY_FIELD_UNIT, INQUIRY_INVALID, "unit: "},
        {INQUIRY_FIELD_MONTHS, INQUIRY_INVALID, "months: \"2026-13\" is not a month (YYYY-MM)"},
        {INQUIRY_FIELD_MIN_STARS, INQUIRY_INVALID, "min_stars: must be 1 to 5 (or 0 for any)"},
        {INQUIRY_FIELD_MAX_PRICE, INQUIRY_INVALID, "max_price_vnd: must not be negative"},
        {INQUIRY_FIELD_LANG, INQUIRY_INVALID, "lang: must be vi or en"},
        {INQUIRY_FIELD_NOTE, INQUIRY_INVALID, "note: not valid UTF-8"},
    };
    for (size_t i = 0; i < OCOP_COUNT(want); i++) {
        assert_int_equal(e.problem[want[i].field], want[i].problem);
        assert_ptr_equal(strstr(e.message[want[i].field].msg, want[i].message),
                         e.message[want[i].field].msg);
        assert_ptr_equal(strstr(e.message[want[i].field].msg, inquiry_field_name(want[i].field)),
                         e.message[want[i].field].msg);
    }
    assert_int_equal(e.problem[INQUIRY_FIELD_COMPANY], INQUIRY_OK);
    assert_int_equal(e.problem[INQUIRY_FIELD_PRODUCT], INQUIRY_OK);
    /* inquiry_validate and `inquire` still report the first, as before. */
    assert_string_equal(e.first.msg, e.message[INQUIRY_FIELD_NOTE].msg);

    /* `match` validates without the buyer: the same first message. */
    in = form_lead();
    str_copy(in.unit, sizeof in.unit, "");
    in.min_stars = 9;
    ocop_error err;
    assert_int_equal(inquiry_validate_request(&in, &err), -1);
    assert_string_equal(err.msg, "unit: missing");
    assert_int_equal(inquiry_validate_fields(&in, &e), 2);
    assert_int_equal(e.problem[INQUIRY_FIELD_UNIT], INQUIRY_MISSING);
    assert_int_equal(e.problem[INQUIRY_FIELD_MIN_STARS], INQUIRY_INVALID);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_design_example_parses_and_is_normalised),
        cmocka_unit_test(every_field_has_its_own_problem_and_message_naming_it),
        cmocka_unit_test(one_month_a_decimal_comma_and_nfd_text_are_accepted),
        cmocka_unit_test(every_bad_field_is_named_in_the_message),
        cmocka_unit_test(quantities_below_one_gram_or_millilitre_are_refused),
        cmocka_unit_test(text_after_the_document_and_invalid_utf8_are_refused),
        cmocka_unit_test(group_names_are_found_in_vietnamese_or_english_with_or_without_accents),
        cmocka_unit_test(months_are_checked_and_counted),
        cmocka_unit_test(every_wrong_field_of_a_form_is_reported_at_once),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
