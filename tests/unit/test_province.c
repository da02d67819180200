/* test_province.c: the compiled province table, lookup by every usual spelling, distances. */
#include "test_support.h"

#include "core/base.h"
#include "core/province.h"

#include <string.h>

static void the_table_has_34_units_and_63_old_provinces_all_inside_vietnam(void **state) {
    (void)state;
    for (int i = 0; i < PROVINCE_COUNT; i++) {
        const province_info *p = &province_table[i];
        assert_true(p->lat > 8.4 && p->lat < 23.4);
        assert_true(p->lon > 102.1 && p->lon < 109.5);
        assert_int_equal(strlen(p->code), 2);
    }
    for (int i = 0; i < PROVINCE_OLD_COUNT; i++) {
        assert_non_null(province_by_code(province_old_table[i].new_code));
    }
}

static void a_name_is_found_with_or_without_accents_case_and_prefix(void **state) {
    (void)state;
    const char *forms[] = {"Hà Nội",           "ha noi",     "HA NOI",
                           "Thành phố Hà Nội", "TP. Hà Nội", "thanh pho ha noi",
                           "  Hà   Nội ",      "01",         "1"};
    for (size_t i = 0; i < OCOP_COUNT(forms); i++) {
        province_place p;
        assert_true(province_find(forms[i], &p));
        assert_string_equal(p.unit->code, "01");
        assert_false(p.is_old);
    }
    province_place p;
    assert_true(province_find("Tỉnh Khánh Hoà", &p)); /* new tone placement */
    assert_string_equal(p.unit->code, "56");
    assert_true(province_find("TP HCM", &p));
    assert_string_equal(p.unit->code, "79");
    assert_true(province_find("Thừa Thiên Huế", &p));
    assert_string_equal(p.unit->code, "46");
}

static void an_old_province_name_maps_onto_its_new_unit_and_keeps_its_own_capital(void **state) {
    (void)state;
    province_place old;
    assert_true(province_find("Trà Vinh", &old));
    assert_true(old.is_old);
    assert_string_equal(old.unit->code, "86");
    assert_string_equal(old.unit->short_name, "Vĩnh Long");
    province_place now;
    assert_true(province_find("Vĩnh Long", &now));
    assert_false(now.is_old);
    /* Same unit: distance 0 ("same province"). */
    assert_true(province_distance_km(&old, &now) == 0.0);
    assert_true(province_find("Sóc Trăng", &old));
    assert_string_equal(old.unit->code, "92");
    assert_true(province_find("Bà Rịa - Vũng Tàu", &old));
    assert_string_equal(old.unit->code, "79");
    assert_true(province_find("Tinh Ha Giang", &old));
    assert_string_equal(old.unit->code, "08");
}

static void an_unknown_or_blank_name_is_not_found(void **state) {
    (void)state;
    province_place p;
    assert_false(province_find("Atlantis", &p));
    assert_false(province_find("", &p));
    assert_false(province_find(NULL, &p));
    assert_false(province_find("99", &p));
}

static void
hanoi_to_ho_chi_minh_city_is_about_1143_km_straight_times_the_road_factor(void **state) {
    (void)state;
    province_place hn, hcm, ct;
    assert_true(province_find("Hà Nội", &hn));
    assert_true(province_find("Hồ Chí Minh", &hcm));
    double straight = province_haversine_km(hn.lat, hn.lon, hcm.lat, hcm.lon);
    assert_true(straight > 1135 && straight < 1150);
    double road = province_distance_km(&hn, &hcm);
    assert_true(road > straight * PROVINCE_ROAD_FACTOR - 0.01 &&
                road < straight * PROVINCE_ROAD_FACTOR + 0.01);
    assert_true(province_find("Cần Thơ", &ct));
    assert_true(province_distance_km(&hcm, &ct) < province_distance_km(&hn, &ct));
    assert_true(province_distance_km(&hn, &hcm) == province_distance_km(&hcm, &hn));
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_table_has_34_units_and_63_old_provinces_all_inside_vietnam),
        cmocka_unit_test(a_name_is_found_with_or_without_accents_case_and_prefix),
        cmocka_unit_test(an_old_province_name_maps_onto_its_new_unit_and_keeps_its_own_capital),
        cmocka_unit_test(an_unknown_or_blank_name_is_not_found),
        cmocka_unit_test(hanoi_to_ho_chi_minh_city_is_about_1143_km_straight_times_the_road_factor),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
