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

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_design_example_parses_and_is_normalised),
        cmocka_unit_test(one_month_a_decimal_comma_and_nfd_text_are_accepted),
        cmocka_unit_test(every_bad_field_is_named_in_the_message),
        cmocka_unit_test(text_after_the_document_and_invalid_utf8_are_refused),
        cmocka_unit_test(group_names_are_found_in_vietnamese_or_english_with_or_without_accents),
        cmocka_unit_test(months_are_checked_and_counted),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
