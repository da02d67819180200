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
    /* tá (a dozen) is not tạ (100 kg): a weight spelt with other marks is refused. */
    assert_int_equal(units_lookup("tá", &u, &err), -1);
    assert_string_equal(err.msg, "\"tá\" is too close to the weight unit tạ to be taken as a "
                                 "count: write tạ if that is meant, or another word for a count");
    /* thúng (a basket) is not thùng, lô (a lot) is not lọ: counts of their own. */
    assert_int_equal(units_lookup("thúng", &u, &err), 0);
    assert_string_equal(u.name, "thúng");
    assert_false(u.known);
    assert_int_equal(units_lookup("lô", &u, &err), 0);
    assert_string_equal(u.name, "lô");
    assert_int_equal(units_lookup("bộ", &u, &err), 0);
    assert_string_equal(u.name, "bộ");
    assert_int_equal(units_lookup("bo", &u, &err), 0);
    assert_string_equal(u.name, "bó");
    assert_int_equal(units_lookup("TẠ", &u, &err), 0);
    assert_string_equal(u.name, "tạ");
    assert_true(u.known);
    assert_int_equal(units_lookup("ký", &u, &err), 0);
    assert_string_equal(u.name, "kg");
    assert_int_equal(units_lookup("tấn.", &u, &err), 0);
    assert_string_equal(u.name, "tấn");
    /* cân is a kilogram, can (unaccented) a jerrycan, cần nothing but a slip of cân. */
    assert_int_equal(units_lookup("cân", &u, &err), 0);
    assert_string_equal(u.name, "kg");
    assert_int_equal(units_lookup("can", &u, &err), 0);
    assert_string_equal(u.name, "can");
    assert_int_equal(units_lookup("cần", &u, &err), -1);
    assert_non_null(strstr(err.msg, "weight unit cân (kg)"));
}

static void a_unit_that_is_not_a_word_or_a_slip_of_a_weight_is_an_error(void **state) {
    unit_info u;
    ocop_error err;
    assert_int_equal(units_lookup("", &u, &err), -1);
    assert_string_equal(err.msg, "no unit given");
    assert_int_equal(units_lookup("  ", &u, &err), -1);
    assert_string_equal(err.msg, "no unit given");
    assert_int_equal(units_lookup("kgs2", &u, &err), -1);
    assert_string_equal(err.msg, "\"kgs2\" is not a word (a size such as \"500 ml\" is a "
                                 "measure, not a unit)");
    assert_int_equal(units_lookup("500ml", &u, &err), -1);
    assert_int_equal(units_lookup("chai/hộp", &u, &err), -1);
    assert_int_equal(units_lookup("-", &u, &err), -1);
    /* One edit from a weight or volume of four letters or more; the same letters as one. */
    const char *slips[] = {"litter", "gramm", "kilogarm", "mililitt", "tần", "yên", "tà", "lịt"};
    for (size_t i = 0; i < OCOP_COUNT(slips); i++) {
        if (units_lookup(slips[i], &u, &err) != -1) {
            fail_msg("'%s' was taken as %s", slips[i], u.name);
        }
        assert_non_null(strstr(err.msg, "is too close to the"));
    }
    assert_int_equal(units_lookup("litter", &u, &err), -1);
    assert_string_equal(err.msg, "\"litter\" is too close to the volume unit liter (l) to be "
                                 "taken as a count: write liter if that is meant, or another word "
                                 "for a count");
    /* Longer than a unit column holds. */
    assert_int_equal(units_lookup("thùng xốp loại lớn có nắp đậy", &u, &err), -1);
    assert_non_null(strstr(err.msg, "too long"));
    assert_string_equal(u.name, "");
}

static void spoken_measures_are_units_of_mass_and_volume(void **state) {
    unit_info u;
    ocop_error err;
    struct {
        const char *text;
        const char *name;
        double to_base;
    } cases[] = {
        {"ký", "kg", 1},      {"kí", "kg", 1},          {"Ký", "kg", 1},
        {"ky", "kg", 1},      {"cân", "kg", 1},         {"kilô", "kg", 1},
        {"kilogam", "kg", 1}, {"lạng", "lạng", 0.1},    {"lang", "lạng", 0.1},
        {"gam", "g", 0.001},  {"gram", "g", 0.001},     {"lít", "l", 1},
        {"LÍT", "l", 1},      {"mililit", "ml", 0.001}, {"mililít", "ml", 0.001},
    };
    for (size_t i = 0; i < OCOP_COUNT(cases); i++) {
        if (units_lookup(cases[i].text, &u, &err) != 0) {
            fail_msg("'%s' was not found: %s", cases[i].text, err.msg);
        }
        assert_string_equal(u.name, cases[i].name);
        assert_true(u.kind != UNIT_COUNT);
        assert_float_equal(u.to_base, cases[i].to_base, 1e-12);
    }
    /* 3 lạng of a product sold by the kg are 0.3 kg; 2 cân are 2 kg. */
    unit_base kg;
    double base;
    assert_int_equal(units_product_base("kg", NULL, &kg, &err), 0);
    assert_int_equal(units_to_base(3, "lạng", &kg, &base, &err), 0);
    assert_float_equal(base, 0.3, 1e-12);
    assert_int_equal(units_to_base(2, "cân", &kg, &base, &err), 0);
    assert_float_equal(base, 2, 1e-12);
}

static void any_other_word_is_a_count_unit_of_its_own(void **state) {
    unit_info u;
    ocop_error err;
    const char *words[] = {"chục", "Thẩu", "mẫu", "xấp", "thùng xốp", "furlong"};
    const char *names[] = {"chục", "thẩu", "mẫu", "xấp", "thùng xốp", "furlong"};
    for (size_t i = 0; i < OCOP_COUNT(words); i++) {
        if (units_lookup(words[i], &u, &err) != 0) {
            fail_msg("'%s' was refused: %s", words[i], err.msg);
        }
        assert_string_equal(u.name, names[i]);
        assert_int_equal(u.kind, UNIT_COUNT);
        assert_false(u.known);
    }
    /* It converts to itself only, with or without marks, and to its measure. */
    unit_base b;
    double base;
    assert_int_equal(units_product_base("Chục", NULL, &b, &err), 0);
    assert_string_equal(b.base_unit, "piece");
    assert_string_equal(b.sale_unit, "chục");
    assert_int_equal(units_to_base(3, "chục", &b, &base, &err), 0);
    assert_float_equal(base, 3, 0);
    assert_int_equal(units_to_base(3, "chuc", &b, &base, &err), 0);
    assert_float_equal(base, 3, 0);
    assert_int_equal(units_to_base(3, "chai", &b, &base, &err), -1);
    assert_string_equal(err.msg, "cannot convert chai: the product is sold by the chục, and how "
                                 "much a chai holds is not known");
    assert_int_equal(units_to_base(3, "chúc", &b, &base, &err), -1); /* both marked, differently */
    assert_int_equal(units_product_base("thẩu", "1,5 kg", &b, &err), 0);
    assert_string_equal(b.base_unit, "kg");
    assert_int_equal(units_to_base(2, "thẩu", &b, &base, &err), 0);
    assert_float_equal(base, 3, 1e-12);
}

static void unknown_words_differing_only_by_left_out_marks_are_the_same_unit(void **state) {
    unit_info a, b;
    assert_int_equal(units_lookup("bich", &a, NULL), 0);
    assert_int_equal(units_lookup("bịch", &b, NULL), 0);
    assert_true(units_same(&a, &b)); /* bịch is known: "bich" is its unaccented spelling */
    assert_int_equal(units_lookup("xap", &a, NULL), 0);
    assert_int_equal(units_lookup("xấp", &b, NULL), 0);
    assert_true(units_same(&a, &b)); /* neither known: the unmarked one may be either */
    assert_int_equal(units_lookup("xáp", &a, NULL), 0);
    assert_false(units_same(&a, &b)); /* both marked: different words */
    assert_int_equal(units_lookup("hu", &a, NULL), 0);
    assert_int_equal(units_lookup("hủ", &b, NULL), 0);
    assert_true(units_same(&a, &b)); /* hủ, the common misspelling, is hũ */
    assert_int_equal(units_lookup("chai", &a, NULL), 0);
    assert_false(units_same(&a, &b));
}

static void known_units_have_english_names_and_never_a_bare_l(void **state) {
    struct {
        const char *unit;
        const char *one, *many;
    } cases[] = {
        {"chai", "bottle", "bottles"},
        {"lon", "can", "cans"},
        {"túi", "bag", "bags"},
        {"bó", "bunch", "bunches"},
        {"hộp", "box", "boxes"},
        {"hop", "box", "boxes"},
        {"hũ", "jar", "jars"},
        {"gói", "pack", "packs"},
        {"cái", "piece", "pieces"},
        {"piece", "piece", "pieces"},
        {"l", "L", "L"},
        {"lít", "L", "L"},
        {"ml", "ml", "ml"},
        {"kg", "kg", "kg"},
        {"ký", "kg", "kg"},
        {"tấn", "tonne", "tonnes"},
        {"yến", "yến (10 kg)", "yến (10 kg)"},
        {"người", "person", "people"},
        {"thùng", "carton", "cartons"},
    };
    for (size_t i = 0; i < OCOP_COUNT(cases); i++) {
        assert_string_equal(units_english(cases[i].unit, 1), cases[i].one);
        assert_string_equal(units_english(cases[i].unit, 2), cases[i].many);
        assert_string_equal(units_english(cases[i].unit, 0.5), cases[i].many);
        assert_string_equal(units_label(cases[i].unit, "en", 1), cases[i].one);
    }
    /* Every known unit has an English name, and none is a lone "l". */
    const char *all[] = {"g",     "lạng", "kg",   "yến",   "tạ",   "tấn", "ml", "l",
                         "piece", "cái",  "chai", "lon",   "hộp",  "hũ",  "lọ", "gói",
                         "túi",   "bịch", "bao",  "thùng", "trái", "quả", "bó", "buồng",
                         "nải",   "xâu",  "can",  "cây",   "đôi",  "bộ"};
    for (size_t i = 0; i < OCOP_COUNT(all); i++) {
        const char *en = units_english(all[i], 3);
        assert_non_null(en);
        assert_string_not_equal(en, "l");
    }
    /* A word the program does not know has none: shown as written. */
    assert_null(units_english("chục", 2));
    const char *chuc = "chục";
    assert_ptr_equal(units_label(chuc, "en", 2), chuc);
    assert_ptr_equal(units_label(chuc, "vi", 2), chuc);
    /* Vietnamese screens get the canonical spelling. */
    assert_string_equal(units_label("hop", "vi", 2), "hộp");
    assert_string_equal(units_label("l", "vi", 2), "lít");
    assert_string_equal(units_label("pcs", "vi", 2), "cái");
}

static void amounts_have_the_languages_unit_names_marks_and_singular(void **state) {
    (void)state;
    char out[64];
    assert_string_equal(units_format_amount(1260, 3, "hộp", "en", out, sizeof out), "1,260 boxes");
    assert_string_equal(units_format_amount(1260, 3, "box", "vi", out, sizeof out), "1.260 hộp");
    assert_string_equal(units_format_amount(1, 3, "hop", "en", out, sizeof out), "1 box");
    assert_string_equal(units_format_amount(2.5, 3, "l", "en", out, sizeof out), "2.5 L");
    assert_string_equal(units_format_amount(2.5, 3, "l", "vi", out, sizeof out), "2,5 lít");
    assert_string_equal(units_format_amount(0.125, 3, "kg", "vi", out, sizeof out), "0,125 kg");
    assert_string_equal(units_format_amount(0.126, 2, "kg", "en", out, sizeof out), "0.13 kg");
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
    assert_string_equal(err.msg, "measure \"5 xyz\" must be a weight or a volume (g, kg, ml, l …)");
    assert_int_equal(units_parse_measure("3 lạng", &q, &u, &err), 0);
    assert_float_equal(q * u.to_base, 0.3, 1e-12);
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
    assert_int_equal(units_product_base("tá", NULL, &b, &err), -1);
    assert_non_null(strstr(err.msg, "too close to the weight unit tạ"));
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
    assert_string_equal(err.msg, "cannot convert xyz: the product is sold by the kg, and how much "
                                 "a xyz holds is not known");
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
        cmocka_unit_test(a_unit_that_is_not_a_word_or_a_slip_of_a_weight_is_an_error),
        cmocka_unit_test(accented_spellings_must_be_right_because_units_fold_alike),
        cmocka_unit_test(spoken_measures_are_units_of_mass_and_volume),
        cmocka_unit_test(any_other_word_is_a_count_unit_of_its_own),
        cmocka_unit_test(unknown_words_differing_only_by_left_out_marks_are_the_same_unit),
        cmocka_unit_test(known_units_have_english_names_and_never_a_bare_l),
        cmocka_unit_test(amounts_have_the_languages_unit_names_marks_and_singular),
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
