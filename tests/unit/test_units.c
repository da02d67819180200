/* test_units.c: unit names, numbers, measures and conversions (DESIGN §3). */
#include "test_support.h"

#include "core/units.h"

#include <string.h>

static void mass_volume_and_count_units_are_found_with_or_without_diacritics(void **state) {
    unit_info u;
    ocop_error err;
    struct {
        const char *text;
        const char *name;
        unit_kind kind;
        double to_base;
    } cases[] = {
        {"g", "g", UNIT_MASS, 0.001},
        {"kg", "kg", UNIT_MASS, 1},
        {"KG", "kg", UNIT_MASS, 1},
        {" kg ", "kg", UNIT_MASS, 1},
        {"yến", "yến", UNIT_MASS, 10},
        {"yen", "yến", UNIT_MASS, 10},
        {"tạ", "tạ", UNIT_MASS, 100},
        {"Tạ", "tạ", UNIT_MASS, 100},
        {"tấn", "tấn", UNIT_MASS, 1000},
        {"Tấn", "tấn", UNIT_MASS, 1000},
        {"tan", "tấn", UNIT_MASS, 1000},
        {"TON", "tấn", UNIT_MASS, 1000},
        {"ml", "ml", UNIT_VOLUME, 0.001},
        {"l", "l", UNIT_VOLUME, 1},
        {"lít", "l", UNIT_VOLUME, 1},
        {"Lit", "l", UNIT_VOLUME, 1},
        {"cái", "cái", UNIT_COUNT, 1},
        {"chai", "chai", UNIT_COUNT, 1},
        {"hộp", "hộp", UNIT_COUNT, 1},
        {"hop", "hộp", UNIT_COUNT, 1},
        {"hũ", "hũ", UNIT_COUNT, 1},
        {"gói", "gói", UNIT_COUNT, 1},
        {"túi", "túi", UNIT_COUNT, 1},
        {"thùng", "thùng", UNIT_COUNT, 1},
        {"trái", "trái", UNIT_COUNT, 1},
        {"quả", "quả", UNIT_COUNT, 1},
        {"bó", "bó", UNIT_COUNT, 1},
        {"con", "con", UNIT_COUNT, 1},
        {"lọ", "lọ", UNIT_COUNT, 1},
        {"can", "can", UNIT_COUNT, 1},
        {"bình", "bình", UNIT_COUNT, 1},
        {"cây", "cây", UNIT_COUNT, 1},
        {"piece", "piece", UNIT_COUNT, 1},
        {"pcs", "piece", UNIT_COUNT, 1},
        {"ho\xcc\xa3\xcc\x82p", "hộp", UNIT_COUNT, 1}, /* NFD "hộp" */
    };
    for (size_t i = 0; i < OCOP_COUNT(cases); i++) {
        if (units_lookup(cases[i].text, &u, &err) != 0) {
            fail_msg("'%s' was not found: %s", cases[i].text, err.msg);
        }
        assert_string_equal(u.name, cases[i].name);
        assert_int_equal(u.kind, cases[i].kind);
        assert_float_equal(u.to_base, cases[i].to_base, 1e-12);
    }
}

static void accented_spellings_must_be_right_because_units_fold_alike(void **state) {
    unit_info u;
    ocop_error err;
    /* tá (a dozen) is not tạ (100 kg); thúng (a basket) is not thùng; lô (a lot) is not lọ. */
    assert_int_equal(units_lookup("tá", &u, &err), -1);
    assert_string_equal(err.msg, "unknown unit \"tá\"");
    assert_int_equal(units_lookup("thúng", &u, &err), -1);
    assert_int_equal(units_lookup("lô", &u, &err), -1);
    assert_int_equal(units_lookup("bộ", &u, &err), 0);
    assert_string_equal(u.name, "bộ");
    assert_int_equal(units_lookup("bo", &u, &err), 0);
    assert_string_equal(u.name, "bó");
    assert_int_equal(units_lookup("TẠ", &u, &err), 0);
    assert_string_equal(u.name, "tạ");
    assert_int_equal(units_lookup("ký", &u, &err), 0);
    assert_string_equal(u.name, "kg");
    assert_int_equal(units_lookup("tấn.", &u, &err), 0);
    assert_string_equal(u.name, "tấn");
}

static void an_unknown_unit_is_an_error_that_names_it(void **state) {
    unit_info u;
    ocop_error err;
    assert_int_equal(units_lookup("mẫu", &u, &err), -1);
    assert_string_equal(err.msg, "unknown unit \"mẫu\"");
    assert_int_equal(units_lookup("", &u, &err), -1);
    assert_string_equal(err.msg, "no unit given");
    assert_int_equal(units_lookup("kgs2", &u, &err), -1);
}

static void numbers_take_a_decimal_comma_or_point(void **state) {
    double v;
    ocop_error err;
    assert_int_equal(units_parse_number("2", &v, &err), 0);
    assert_float_equal(v, 2, 0);
    assert_int_equal(units_parse_number("0,5", &v, &err), 0);
    assert_float_equal(v, 0.5, 0);
    assert_int_equal(units_parse_number(" 0.25 ", &v, &err), 0);
    assert_float_equal(v, 0.25, 0);
    assert_int_equal(units_parse_number("12,75", &v, &err), 0);
    assert_float_equal(v, 12.75, 1e-12);
    assert_int_equal(units_parse_number("0,500", &v, &err), 0);
    assert_float_equal(v, 0.5, 0);
    assert_int_equal(units_parse_number("-3", &v, &err), 0);
    assert_float_equal(v, -3, 0);
    assert_int_equal(units_parse_number("1500", &v, &err), 0);
    assert_float_equal(v, 1500, 0);
}

static void numbers_that_could_mean_two_things_are_refused(void **state) {
    double v;
    ocop_error err;
    assert_int_equal(units_parse_number("1.500", &v, &err), -1);
    assert_non_null(strstr(err.msg, "ambiguous"));
    assert_non_null(strstr(err.msg, "1500"));
    assert_int_equal(units_parse_number("2,000", &v, &err), -1);
    assert_int_equal(units_parse_number("1.500,5", &v, &err), -1);
    assert_non_null(strstr(err.msg, "ambiguous"));
    assert_int_equal(units_parse_number("abc", &v, &err), -1);
    assert_string_equal(err.msg, "\"abc\" is not a number");
    assert_int_equal(units_parse_number("", &v, &err), -1);
    assert_int_equal(units_parse_number("5 kg", &v, &err), -1);
    assert_int_equal(units_parse_number(",", &v, &err), -1);
    assert_int_equal(units_parse_number("3,", &v, &err), -1);
}

static void measures_are_a_number_and_a_mass_or_volume_unit(void **state) {
    double q;
    unit_info u;
    ocop_error err;
    assert_int_equal(units_parse_measure("500 ml", &q, &u, &err), 0);
    assert_float_equal(q, 500, 0);
    assert_string_equal(u.name, "ml");
    assert_int_equal(units_parse_measure("0,25kg", &q, &u, &err), 0);
    assert_float_equal(q, 0.25, 0);
    assert_string_equal(u.name, "kg");
    assert_int_equal(units_parse_measure("1 lít", &q, &u, &err), 0);
    assert_int_equal(u.kind, UNIT_VOLUME);

    assert_int_equal(units_parse_measure("ml", &q, &u, &err), -1);
    assert_non_null(strstr(err.msg, "does not start with a number"));
    assert_int_equal(units_parse_measure("500", &q, &u, &err), -1);
    assert_non_null(strstr(err.msg, "has no unit"));
    assert_int_equal(units_parse_measure("12 chai", &q, &u, &err), -1);
    assert_non_null(strstr(err.msg, "must be a weight or a volume"));
    assert_int_equal(units_parse_measure("0 kg", &q, &u, &err), -1);
    assert_non_null(strstr(err.msg, "more than 0"));
    assert_int_equal(units_parse_measure("5 xyz", &q, &u, &err), -1);
    assert_non_null(strstr(err.msg, "unknown unit"));
}

static void a_count_unit_with_a_measure_has_the_measure_as_its_base(void **state) {
    unit_base b;
    ocop_error err;
    assert_int_equal(units_product_base("chai", "500 ml", &b, &err), 0);
    assert_string_equal(b.base_unit, "l");
    assert_float_equal(b.base_per_unit, 0.5, 1e-12);
    assert_string_equal(b.sale_unit, "chai");
    assert_int_equal(units_product_base("hộp", "0,25 kg", &b, &err), 0);
    assert_string_equal(b.base_unit, "kg");
    assert_float_equal(b.base_per_unit, 0.25, 1e-12);
    assert_int_equal(units_product_base("gói", "200 g", &b, &err), 0);
    assert_float_equal(b.base_per_unit, 0.2, 1e-12);
}

static void a_count_unit_without_a_measure_is_sold_by_the_piece(void **state) {
    unit_base b;
    ocop_error err;
    assert_int_equal(units_product_base("cái", NULL, &b, &err), 0);
    assert_string_equal(b.base_unit, "piece");
    assert_float_equal(b.base_per_unit, 1, 0);
    assert_int_equal(units_product_base("trái", "", &b, &err), 0);
    assert_string_equal(b.base_unit, "piece");
}

static void a_mass_or_volume_sale_unit_is_its_own_base(void **state) {
    unit_base b;
    ocop_error err;
    assert_int_equal(units_product_base("tấn", NULL, &b, &err), 0);
    assert_string_equal(b.base_unit, "kg");
    assert_float_equal(b.base_per_unit, 1000, 0);
    assert_int_equal(units_product_base("l", "1 l", &b, &err), 0);
    assert_string_equal(b.base_unit, "l");
    assert_int_equal(units_product_base("kg", "1000 g", &b, &err), 0);
    assert_float_equal(b.base_per_unit, 1, 1e-12);
}

static void contradictory_sale_units_and_measures_are_refused(void **state) {
    unit_base b;
    ocop_error err;
    assert_int_equal(units_product_base("kg", "500 ml", &b, &err), -1);
    assert_string_equal(err.msg, "unit kg is a weight but the measure \"500 ml\" is a volume");
    assert_int_equal(units_product_base("kg", "500 g", &b, &err), -1);
    assert_non_null(strstr(err.msg, "contradicts"));
    assert_int_equal(units_product_base("mẫu", NULL, &b, &err), -1);
    assert_non_null(strstr(err.msg, "unknown unit"));
    assert_int_equal(units_product_base("chai", "nửa lít", &b, &err), -1);
}

static void mass_converts_between_g_kg_yen_ta_and_tan(void **state) {
    unit_base b;
    ocop_error err;
    double v;
    assert_int_equal(units_product_base("hộp", "250 g", &b, &err), 0);
    assert_int_equal(units_to_base(2, "tấn", &b, &v, &err), 0);
    assert_float_equal(v, 2000, 1e-9);
    assert_int_equal(units_to_base(3, "tạ", &b, &v, &err), 0);
    assert_float_equal(v, 300, 1e-9);
    assert_int_equal(units_to_base(1.5, "yến", &b, &v, &err), 0);
    assert_float_equal(v, 15, 1e-9);
    assert_int_equal(units_to_base(500, "g", &b, &v, &err), 0);
    assert_float_equal(v, 0.5, 1e-12);
    assert_int_equal(units_to_base(40, "hộp", &b, &v, &err), 0);
    assert_float_equal(v, 10, 1e-9);
}

static void volume_converts_between_ml_and_l_and_the_bottle(void **state) {
    unit_base b;
    ocop_error err;
    double v;
    assert_int_equal(units_product_base("chai", "500 ml", &b, &err), 0);
    assert_int_equal(units_to_base(1200, "ml", &b, &v, &err), 0);
    assert_float_equal(v, 1.2, 1e-12);
    assert_int_equal(units_to_base(100, "chai", &b, &v, &err), 0);
    assert_float_equal(v, 50, 1e-9);
    assert_int_equal(units_to_base(3, "lít", &b, &v, &err), 0);
    assert_float_equal(v, 3, 0);
}

static void kg_of_a_product_sold_by_the_piece_without_weight_is_refused(void **state) {
    unit_base b;
    ocop_error err;
    double v = -1;
    assert_int_equal(units_product_base("cái", NULL, &b, &err), 0);
    assert_int_equal(units_to_base(5, "kg", &b, &v, &err), -1);
    assert_string_equal(err.msg,
                        "cannot convert kg: the product is sold by the cái with no weight given");
    assert_float_equal(v, -1, 0);
    assert_int_equal(units_to_base(5, "cái", &b, &v, &err), 0);
    assert_float_equal(v, 5, 0);
    assert_int_equal(units_to_base(5, "piece", &b, &v, &err), 0);
    assert_float_equal(v, 5, 0);
}

static void weight_and_volume_never_convert_into_each_other(void **state) {
    unit_base b;
    ocop_error err;
    double v;
    assert_int_equal(units_product_base("chai", "500 ml", &b, &err), 0);
    assert_int_equal(units_to_base(5, "kg", &b, &v, &err), -1);
    assert_string_equal(err.msg, "cannot convert kg to l: the product is measured by volume");
    assert_int_equal(units_product_base("kg", NULL, &b, &err), 0);
    assert_int_equal(units_to_base(5, "l", &b, &v, &err), -1);
    assert_non_null(strstr(err.msg, "measured by weight"));
}

static void another_count_unit_than_the_sale_unit_has_no_known_size(void **state) {
    unit_base b;
    ocop_error err;
    double v;
    assert_int_equal(units_product_base("chai", "500 ml", &b, &err), 0);
    assert_int_equal(units_to_base(5, "thùng", &b, &v, &err), -1);
    assert_non_null(strstr(err.msg, "sold by the chai"));
    assert_int_equal(units_to_base(5, "piece", &b, &v, &err), -1);
    /* Without a known sale unit, only mass/volume and pieces convert. */
    unit_base bare = {.base_unit = "kg", .base_per_unit = 1};
    assert_int_equal(units_to_base(5, "hộp", &bare, &v, &err), -1);
    assert_int_equal(units_to_base(5, "tạ", &bare, &v, &err), 0);
    assert_float_equal(v, 500, 1e-9);
}

static void negative_quantities_do_not_convert(void **state) {
    unit_base b;
    ocop_error err;
    double v;
    assert_int_equal(units_product_base("kg", NULL, &b, &err), 0);
    assert_int_equal(units_to_base(-1, "kg", &b, &v, &err), -1);
    assert_int_equal(units_to_base(1, "xyz", &b, &v, &err), -1);
    assert_string_equal(err.msg, "unknown unit \"xyz\"");
}

static void numbers_are_formatted_without_trailing_zeros(void **state) {
    char buf[32];
    assert_string_equal(units_format_number(0.5, buf, sizeof buf), "0.5");
    assert_string_equal(units_format_number(12, buf, sizeof buf), "12");
    assert_string_equal(units_format_number(1.25, buf, sizeof buf), "1.25");
    assert_string_equal(units_format_number(1.0004, buf, sizeof buf), "1");
    assert_string_equal(units_format_number(-0.0001, buf, sizeof buf), "0");
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(mass_volume_and_count_units_are_found_with_or_without_diacritics),
        cmocka_unit_test(an_unknown_unit_is_an_error_that_names_it),
        cmocka_unit_test(accented_spellings_must_be_right_because_units_fold_alike),
        cmocka_unit_test(numbers_take_a_decimal_comma_or_point),
        cmocka_unit_test(numbers_that_could_mean_two_things_are_refused),
        cmocka_unit_test(measures_are_a_number_and_a_mass_or_volume_unit),
        cmocka_unit_test(a_count_unit_with_a_measure_has_the_measure_as_its_base),
        cmocka_unit_test(a_count_unit_without_a_measure_is_sold_by_the_piece),
        cmocka_unit_test(a_mass_or_volume_sale_unit_is_its_own_base),
        cmocka_unit_test(contradictory_sale_units_and_measures_are_refused),
        cmocka_unit_test(mass_converts_between_g_kg_yen_ta_and_tan),
        cmocka_unit_test(volume_converts_between_ml_and_l_and_the_bottle),
        cmocka_unit_test(kg_of_a_product_sold_by_the_piece_without_weight_is_refused),
        cmocka_unit_test(weight_and_volume_never_convert_into_each_other),
        cmocka_unit_test(another_count_unit_than_the_sale_unit_has_no_known_size),
        cmocka_unit_test(negative_quantities_do_not_convert),
        cmocka_unit_test(numbers_are_formatted_without_trailing_zeros),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
