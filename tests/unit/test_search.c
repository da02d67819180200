/* test_search.c: the product search (search_db.h) on a small catalogue written with SQL. */
#include "test_support.h"

#include "core/catalog.h"
#include "core/phone.h"
#include "db/catgen.h"
#include "db/db_internal.h"
#include "db/search_db.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Producers and products as the importer writes them (name_folded = fold(name_vi)). */
static const char catalogue_sql[] =
    "INSERT INTO producer (id, name, kind, province, district) VALUES"
    " (1, 'HTX Dừa sáp Cầu Kè', 'cooperative', 'Trà Vinh', 'Cầu Kè'),"
    " (2, 'Công ty TNHH Đồng Xanh', 'company', 'An Giang', 'Tịnh Biên'),"
    " (3, 'HTX Ong mật U Minh', 'cooperative', 'Cà Mau', 'U Minh'),"
    " (4, 'Hộ kinh doanh Nguyễn Văn Đức', 'household', 'Đắk Lắk', 'Buôn Ma Thuột'),"
    " (5, 'HTX Nước mắm Phú Quốc', 'cooperative', 'Kiên Giang', 'Phú Quốc');"
    "INSERT INTO product (code, producer_id, name_vi, name_en, grp, stars, unit, base_unit,"
    " base_per_unit, name_folded, updated_at) VALUES"
    " ('TV-MHD-01', 1, 'Mật hoa dừa Cầu Kè', 'Coconut nectar', 'beverages', 4, 'chai', 'l',"
    "  0.25, fold('Mật hoa dừa Cầu Kè'), '2026-11-29T00:00:00Z'),"
    " ('AG-DTN-01', 2, 'Đường thốt nốt', 'Palm sugar', 'food', 3, 'kg', 'kg', 1,"
    "  fold('Đường thốt nốt'), '2026-11-29T00:00:00Z'),"
    " ('CM-MO-01', 3, 'Mật ong rừng U Minh', 'Wild honey', 'food', 5, 'hũ', 'kg', 0.5,"
    "  fold('Mật ong rừng U Minh'), '2026-11-29T00:00:00Z'),"
    " ('CM-MO-02', 3, 'Mật ong hoa tràm', 'Melaleuca honey', 'food', 3, 'hũ', 'kg', 0.5,"
    "  fold('Mật ong hoa tràm'), '2026-11-29T00:00:00Z'),"
    " ('DL-CP-01', 4, 'Cà phê Buôn Ma Thuột', 'Buon Ma Thuot coffee', 'beverages', 5, 'gói',"
    "  'kg', 0.5, fold('Cà phê Buôn Ma Thuột'), '2026-11-29T00:00:00Z'),"
    " ('DL-DP-01', 4, 'Đậu phộng rang muối', 'Salted roasted peanuts', 'food', 4, 'hũ', 'kg',"
    "  0.5, fold('Đậu phộng rang muối'), '2026-11-29T00:00:00Z'),"
    " ('KG-NM-01', 5, 'Nước mắm Phú Quốc', 'Phu Quoc fish sauce', 'food', 4, 'chai', 'l', 0.5,"
    "  fold('Nước mắm Phú Quốc'), '2026-11-29T00:00:00Z'),"
    " ('AG-TBM-01', 2, 'Tiêu Buôn Ma Thuột', 'Black pepper', 'food', 3, 'gói', 'kg', 0.2,"
    "  fold('Tiêu Buôn Ma Thuột'), '2026-11-29T00:00:00Z'),"
    " ('AG-BT-01', 2, 'Bánh tráng', 'Rice paper', 'food', 3, 'gói', 'kg', 0.5,"
    "  fold('Bánh tráng'), '2026-11-29T00:00:00Z'),"
    " ('AG-NL-01', 2, 'Nón lá', 'Conical hat', 'handicrafts', 3, 'cái', 'piece', 1,"
    "  fold('Nón lá'), '2026-11-29T00:00:00Z');";

enum { CATALOGUE_SIZE = 10 };

typedef test_db_fixture fixture;

static int setup(void **state) {
    test_db_setup(state);
    fixture *f = *state;
    ocop_error err;
    if (db_exec(f->d, catalogue_sql, &err) != 0) {
        fprintf(stderr, "%s\n", err.msg);
        return -1;
    }
    return 0;
}

/* Runs a search (all results) and returns the codes, space-separated, in order. */
static const char *codes(db *d, const char *query, const search_filter *filter) {
    static char out[2048];
    search_results r;
    ocop_error err;
    if (search_db_query(d, query, filter, 0, -1, &r, &err) != 0) {
        fail_msg("search '%s' failed: %s", query, err.msg);
    }
    assert_int_equal(r.count, r.total);
    out[0] = '\0';
    for (int i = 0; i < r.count; i++) {
        if (i) {
            str_append(out, sizeof out, " ");
        }
        str_append(out, sizeof out, r.items[i].code);
    }
    search_results_free(&r);
    return out;
}

static bool has_code(const char *list, const char *code) {
    size_t n = strlen(code);
    for (const char *p = strstr(list, code); p; p = strstr(p + 1, code)) {
        if ((p == list || p[-1] == ' ') && (p[n] == ' ' || p[n] == '\0')) {
            return true;
        }
    }
    return false;
}

static void an_accent_free_query_finds_the_accented_name(void **state) {
    fixture *f = *state;
    assert_string_equal(codes(f->d, "mat hoa dua", NULL), "TV-MHD-01");
    assert_string_equal(codes(f->d, "nuoc mam phu quoc", NULL), "KG-NM-01");
}

static void an_accented_query_and_mixed_case_find_the_same_product(void **state) {
    fixture *f = *state;
    assert_string_equal(codes(f->d, "Mật hoa dừa", NULL), "TV-MHD-01");
    assert_string_equal(codes(f->d, "MẬT HOA DỪA", NULL), "TV-MHD-01");
    assert_string_equal(codes(f->d, "mẬt HoA dỪa", NULL), "TV-MHD-01");
}

static void a_query_in_nfd_finds_names_stored_in_nfc(void **state) {
    fixture *f = *state;
    /* "Mật hoa dừa" decomposed: a + U+0323 + U+0302, u + U+031B + U+0300. */
    assert_string_equal(codes(f->d,
                              "Ma\xcc\xa3\xcc\x82t hoa du\xcc\x9b\xcc\x80"
                              "a",
                              NULL),
                        "TV-MHD-01");
}

static void a_name_stored_in_nfd_is_found_without_accents(void **state) {
    fixture *f = *state;
    ocop_error err;
    /* "Mứt gừng" in NFD, as some spreadsheets on macOS write it. */
    assert_int_equal(db_exec(f->d,
                             "INSERT INTO product (code, producer_id, name_vi, grp, stars, unit,"
                             " base_unit, base_per_unit, name_folded, updated_at) VALUES"
                             " ('NFD-01', 2, 'Mu\xcc\x9b\xcc\x81t gu\xcc\x9b\xcc\x80ng', 'food', 3,"
                             " 'hộp', 'kg', 0.3, 'mut gung', '2026-11-29T00:00:00Z')",
                             &err),
                     0);
    assert_string_equal(codes(f->d, "mut gung", NULL), "NFD-01");
    assert_string_equal(codes(f->d, "Mứt gừng", NULL), "NFD-01");
}

static void d_with_stroke_is_found_by_a_plain_d_and_the_other_way_round(void **state) {
    fixture *f = *state;
    assert_string_equal(codes(f->d, "duong thot not", NULL), "AG-DTN-01");
    assert_string_equal(codes(f->d, "ĐƯỜNG", NULL), "AG-DTN-01");
    assert_string_equal(codes(f->d, "dau phong", NULL), "DL-DP-01");
    assert_string_equal(codes(f->d, "đau phong", NULL), "DL-DP-01");
}

static void every_word_is_a_prefix_so_a_half_typed_query_finds_the_product(void **state) {
    fixture *f = *state;
    /* Both names hold "mat" and a word starting "ho"; the wild honey only through its English
     * name ("honey"), so it comes after them although it has more stars. */
    assert_string_equal(codes(f->d, "mat ho", NULL), "TV-MHD-01 CM-MO-02 CM-MO-01");
    assert_string_equal(codes(f->d, "mat hoa", NULL), "TV-MHD-01 CM-MO-02");
    char lower[2048];
    str_copy(lower, sizeof lower, codes(f->d, "m", NULL));
    assert_string_equal(lower, codes(f->d, "M", NULL));
    assert_true(has_code(lower, "KG-NM-01")); /* Nước mắm: "mam" */
    assert_true(has_code(codes(f->d, "n", NULL), "AG-NL-01"));
}

static void more_stars_come_first_among_equal_name_matches(void **state) {
    fixture *f = *state;
    /* All three names start with "mat": 5, 4 then 3 stars. */
    assert_string_equal(codes(f->d, "mat", NULL), "CM-MO-01 TV-MHD-01 CM-MO-02");
}

static void name_matches_come_before_producer_and_place_matches(void **state) {
    fixture *f = *state;
    /* Two names hold "Buôn Ma Thuột" (5 and 3 stars); the peanuts (4 stars) only through their
     * producer's district. */
    assert_string_equal(codes(f->d, "buon ma thuot", NULL), "DL-CP-01 AG-TBM-01 DL-DP-01");
    /* "u minh": the honey named after U Minh first, the other from its producer. */
    assert_string_equal(codes(f->d, "u minh", NULL), "CM-MO-01 CM-MO-02");
}

static void a_name_that_starts_with_the_word_comes_before_one_that_holds_it(void **state) {
    fixture *f = *state;
    ocop_error err;
    assert_int_equal(db_exec(f->d,
                             "INSERT INTO product (code, producer_id, name_vi, grp, stars, unit,"
                             " base_unit, base_per_unit, name_folded, updated_at) VALUES"
                             " ('AG-KHO-01', 2, 'Khô cá tra phồng', 'food', 5, 'kg', 'kg', 1,"
                             " fold('Khô cá tra phồng'), '2026-11-29T00:00:00Z'),"
                             " ('AG-TRA-01', 2, 'Trà xanh', 'beverages', 3, 'gói', 'kg', 0.2,"
                             " fold('Trà xanh'), '2026-11-29T00:00:00Z')",
                             &err),
                     0);
    /* Trà xanh (3 stars, starts with "tra") before Khô cá tra (5 stars, "tra" later). */
    const char *r = codes(f->d, "tra", NULL);
    assert_true(strstr(r, "AG-TRA-01") < strstr(r, "AG-KHO-01"));
}

static void an_english_name_is_found_after_vietnamese_names(void **state) {
    fixture *f = *state;
    assert_string_equal(codes(f->d, "honey", NULL), "CM-MO-01 CM-MO-02");
    assert_string_equal(codes(f->d, "coconut", NULL), "TV-MHD-01");
}

static void product_codes_are_found_and_an_exact_code_comes_first(void **state) {
    fixture *f = *state;
    assert_string_equal(codes(f->d, "CM-MO-02", NULL), "CM-MO-02");
    assert_string_equal(codes(f->d, "cm-mo-02", NULL), "CM-MO-02");
    assert_string_equal(codes(f->d, "cm-mo", NULL), "CM-MO-01 CM-MO-02");
    /* The exact code first even when others rank higher by stars. */
    const char *r = codes(f->d, "CM-MO-02", NULL);
    assert_true(strncmp(r, "CM-MO-02", 8) == 0);
}

static void a_word_inside_a_word_is_found_after_word_matches(void **state) {
    fixture *f = *state;
    /* "rang" is a word of "Đậu phộng rang muối" and inside "Bánh tráng". */
    assert_string_equal(codes(f->d, "rang", NULL), "DL-DP-01 AG-BT-01");
    /* Two letters are too few to look inside words. */
    assert_false(has_code(codes(f->d, "ra", NULL), "AG-BT-01"));
    /* Only when every word has three letters: "b rang" wants words starting "b" and "rang"
     * (the peanuts: "b" from their district Buôn Ma Thuột). */
    assert_string_equal(codes(f->d, "b rang", NULL), "DL-DP-01");
    assert_string_equal(codes(f->d, "banh rang", NULL), "AG-BT-01");
    /* Filters apply to them too. */
    search_filter filter = {.group = "handicrafts"};
    assert_string_equal(codes(f->d, "rang", &filter), "");
    filter = (search_filter){.province = "An Giang"};
    assert_string_equal(codes(f->d, "rang", &filter), "AG-BT-01");
    filter = (search_filter){.min_stars = 4};
    assert_string_equal(codes(f->d, "rang", &filter), "DL-DP-01");
}

static void min_stars_filters_the_results(void **state) {
    fixture *f = *state;
    search_filter filter = {.min_stars = 4};
    assert_string_equal(codes(f->d, "mat", &filter), "CM-MO-01 TV-MHD-01");
    filter.min_stars = 5;
    assert_string_equal(codes(f->d, "mat", &filter), "CM-MO-01");
    assert_string_equal(codes(f->d, "", &filter), "DL-CP-01 CM-MO-01");
}

static void the_group_filter_takes_the_key_or_the_vietnamese_name(void **state) {
    fixture *f = *state;
    const char *names[] = {"beverages", "Đồ uống", "do uong", "ĐỒ UỐNG"};
    for (size_t i = 0; i < OCOP_COUNT(names); i++) {
        search_filter filter = {.group = names[i]};
        assert_string_equal(codes(f->d, "mat", &filter), "TV-MHD-01");
        assert_string_equal(codes(f->d, "", &filter), "DL-CP-01 TV-MHD-01");
    }
    assert_string_equal(search_db_group_key("Thực phẩm"), "food");
    assert_string_equal(search_db_group_key("Dược liệu"), "herbal");
    assert_string_equal(search_db_group_key("thao duoc"), "herbal");
    assert_string_equal(search_db_group_key("Vải và may mặc"), "textiles");
    assert_string_equal(search_db_group_key("Lưu niệm – nội thất – trang trí"), "handicrafts");
    assert_string_equal(search_db_group_key("Thủ công mỹ nghệ"), "handicrafts");
    assert_string_equal(search_db_group_key("Sinh vật cảnh"), "ornamental");
    assert_string_equal(search_db_group_key("Du lịch cộng đồng"), "tourism");
    assert_string_equal(search_db_group_key("Dịch vụ du lịch"), "tourism");
    assert_null(search_db_group_key("drinks and food"));
}

static void a_group_s_vietnamese_words_typed_in_search_find_its_products(void **state) {
    fixture *f = *state;
    /* The group words come from the one group table (catalog_group_search_words). */
    assert_string_equal(codes(f->d, "thu cong my nghe", NULL), "AG-NL-01");
    assert_string_equal(codes(f->d, "luu niem", NULL), "AG-NL-01");
    assert_string_equal(codes(f->d, "do uong", NULL), "DL-CP-01 TV-MHD-01");
    assert_string_equal(codes(f->d, "handicrafts", NULL), "AG-NL-01");
    assert_string_equal(catalog_group_search_words("herbal"), "herbal thao duoc duoc lieu");
    assert_string_equal(catalog_group_search_words("spaceships"), "spaceships");
}

static void an_unknown_group_is_an_error_that_names_it(void **state) {
    fixture *f = *state;
    search_filter filter = {.group = "spaceships"};
    search_results r;
    ocop_error err;
    assert_int_equal(search_db_query(f->d, "mat", &filter, 0, -1, &r, &err), -1);
    assert_non_null(strstr(err.msg, "spaceships"));
    assert_int_equal(r.count, 0);
    assert_null(r.items);
}

static void the_province_filter_takes_old_and_new_names_with_or_without_accents(void **state) {
    fixture *f = *state;
    search_filter filter = {.province = "tra vinh"};
    assert_string_equal(codes(f->d, "mat", &filter), "TV-MHD-01");
    filter.province = "Trà Vinh";
    assert_string_equal(codes(f->d, "", &filter), "TV-MHD-01");
    /* Trà Vinh became part of Vĩnh Long on 2025-07-01. */
    filter.province = "Vĩnh Long";
    assert_string_equal(codes(f->d, "", &filter), "TV-MHD-01");
    /* Kiên Giang became part of An Giang: the new name takes in producers filed under the old. */
    filter.province = "an giang";
    const char *r = codes(f->d, "", &filter);
    assert_true(has_code(r, "KG-NM-01"));
    assert_true(has_code(r, "AG-DTN-01"));
    assert_false(has_code(r, "TV-MHD-01"));
    assert_string_equal(codes(f->d, "mam", &filter), "KG-NM-01");
    /* An old name takes itself and producers filed under its current unit, not its merged
     * siblings (Bến Tre and Trà Vinh both became Vĩnh Long). */
    filter.province = "Kiên Giang";
    r = codes(f->d, "", &filter);
    assert_true(has_code(r, "KG-NM-01"));
    assert_true(has_code(r, "AG-DTN-01"));
    ocop_error err;
    assert_int_equal(db_exec(f->d,
                             "INSERT INTO producer (id, name, province) VALUES (9, 'HTX Kẹo dừa',"
                             " 'Bến Tre');"
                             "INSERT INTO product (code, producer_id, name_vi, grp, stars, unit,"
                             " base_unit, base_per_unit, name_folded, updated_at) VALUES"
                             " ('BT-KD-01', 9, 'Kẹo dừa', 'food', 4, 'hộp', 'kg', 0.4,"
                             " fold('Kẹo dừa'), '2026-11-29T00:00:00Z')",
                             &err),
                     0);
    filter.province = "Trà Vinh";
    assert_string_equal(codes(f->d, "", &filter), "TV-MHD-01");
    filter.province = "Vinh Long";
    assert_string_equal(codes(f->d, "", &filter), "BT-KD-01 TV-MHD-01");
    filter.province = "ben tre";
    assert_string_equal(codes(f->d, "keo", &filter), "BT-KD-01");
    filter.province = "Atlantis";
    assert_string_equal(codes(f->d, "mat", &filter), "");
}

/* The province list of the browse screen, names joined by "|". */
static const char *province_list(db *d) {
    static char out[2048];
    char names[8][SEARCH_PROVINCE_NAME_MAX];
    int n = -1;
    ocop_error err;
    if (search_db_provinces(d, names, 8, &n, &err) != 0) {
        fail_msg("search_db_provinces failed: %s", err.msg);
    }
    out[0] = '\0';
    for (int i = 0; i < n; i++) {
        if (i) {
            str_append(out, sizeof out, "|");
        }
        str_append(out, sizeof out, names[i]);
    }
    return out;
}

static void
the_province_list_names_the_places_of_products_as_cards_do_in_vietnamese_order(void **state) {
    fixture *f = *state;
    ocop_error err;
    /* Kiên Giang (an old name, now part of An Giang) stays as its card shows it; Đắk Lắk sorts
     * after Cà Mau (đ after d, after c), and a producer with no product is not listed. */
    assert_string_equal(province_list(f->d), "An Giang|Cà Mau|Đắk Lắk|Kiên Giang|Trà Vinh");
    assert_int_equal(
        db_exec(f->d,
                "INSERT INTO producer (id, name, province) VALUES"
                " (9, 'HTX Kẹo dừa', 'Tỉnh Bến Tre'), (10, 'HTX Bưởi', 'Vĩnh Long'),"
                " (11, 'HTX Dừa', 'tra vinh'), (12, 'HTX Không hàng', 'Hà Nội'),"
                " (13, 'Hộ Dao', 'Dương Đông');"
                "INSERT INTO product (code, producer_id, name_vi, grp, stars, unit,"
                " base_unit, base_per_unit, name_folded, updated_at) VALUES"
                " ('BT-KD-01', 9, 'Kẹo dừa', 'food', 4, 'hộp', 'kg', 0.4, fold('Kẹo dừa'),"
                "  '2026-11-29T00:00:00Z'),"
                " ('VL-B-01', 10, 'Bưởi', 'food', 4, 'kg', 'kg', 1, fold('Bưởi'),"
                "  '2026-11-29T00:00:00Z'),"
                " ('TV-D-02', 11, 'Dừa', 'food', 4, 'trái', 'piece', 1, fold('Dừa'),"
                "  '2026-11-29T00:00:00Z'),"
                " ('X-DAO-01', 13, 'Dao', 'handicrafts', 3, 'cái', 'piece', 1, fold('Dao'),"
                "  '2026-11-29T00:00:00Z')",
                &err),
        0);
    /* Names as the cards write them ("Tỉnh Bến Tre", sorted under B, not T: issue 11); "tra
     * vinh" and "Trà Vinh" are one place, listed once; a name the table does not know (Dương
     * Đông) is listed as written, before Đắk Lắk (d before đ). */
    assert_string_equal(province_list(f->d), "An Giang|Tỉnh Bến Tre|Cà Mau|Dương Đông|Đắk Lắk|"
                                             "Kiên Giang|Trà Vinh|Vĩnh Long");
    /* Picking a name shows the products whose cards name that place, however spelt, and no
     * others: not the merged siblings, not those filed under the new unit's name. */
    search_filter filter = {.province = "Trà Vinh", .province_as_shown = true};
    assert_string_equal(codes(f->d, "", &filter), "TV-D-02 TV-MHD-01");
    filter.province = "Vĩnh Long";
    assert_string_equal(codes(f->d, "", &filter), "VL-B-01");
    filter.province = "Tỉnh Bến Tre";
    assert_string_equal(codes(f->d, "", &filter), "BT-KD-01");
    filter.province = "Kiên Giang";
    assert_string_equal(codes(f->d, "", &filter), "KG-NM-01");
    filter.province = "An Giang";
    assert_false(has_code(codes(f->d, "", &filter), "KG-NM-01"));
    filter.province = "Dương Đông";
    assert_string_equal(codes(f->d, "", &filter), "X-DAO-01");
    /* Without as_shown the current name still takes in the old provinces merged into it. */
    filter = (search_filter){.province = "Vĩnh Long"};
    const char *all = codes(f->d, "", &filter);
    assert_true(has_code(all, "BT-KD-01") && has_code(all, "TV-D-02") && has_code(all, "VL-B-01") &&
                has_code(all, "TV-MHD-01"));
    /* The list is cut at `max`, keeping the first names in order. */
    char two[2][SEARCH_PROVINCE_NAME_MAX];
    int n = 0;
    assert_int_equal(search_db_provinces(f->d, two, 2, &n, &err), 0);
    assert_int_equal(n, 2);
    assert_string_equal(two[0], "An Giang");
    assert_string_equal(two[1], "Tỉnh Bến Tre");
}

static void filters_combine(void **state) {
    fixture *f = *state;
    search_filter filter = {.min_stars = 4, .group = "food", .province = "Cà Mau"};
    assert_string_equal(codes(f->d, "mat ong", &filter), "CM-MO-01");
    assert_string_equal(codes(f->d, "", &filter), "CM-MO-01");
    filter.group = "beverages";
    assert_string_equal(codes(f->d, "mat", &filter), "");
}

static void an_empty_query_lists_everything_by_stars_then_name(void **state) {
    fixture *f = *state;
    assert_string_equal(codes(f->d, "", NULL),
                        "DL-CP-01 CM-MO-01 DL-DP-01 TV-MHD-01 KG-NM-01 AG-BT-01 AG-DTN-01 "
                        "CM-MO-02 AG-NL-01 AG-TBM-01");
    char all[2048];
    str_copy(all, sizeof all, codes(f->d, NULL, NULL));
    assert_string_equal(all, codes(f->d, "  - * \"  ", NULL));
}

static void hostile_text_is_searched_as_text_and_never_breaks_the_query(void **state) {
    fixture *f = *state;
    const char *hostile[] = {
        "\"",
        "mat\" OR \"",
        "*",
        "NEAR(mat ong)",
        "mat AND ong",
        "mat OR ong",
        "-mat",
        "mat NOT ong",
        "'); DROP TABLE product; --",
        "{name}: mat",
        "^mat",
        "mat*",
        "name:mat",
        "(((",
        "\\",
        "%_",
        "\xff\xfe mat \xc3",
        "★★★★ mật",
    };
    for (size_t i = 0; i < OCOP_COUNT(hostile); i++) {
        search_results r;
        ocop_error err;
        if (search_db_query(f->d, hostile[i], NULL, 0, -1, &r, &err) != 0) {
            fail_msg("'%s' failed: %s", hostile[i], err.msg);
        }
        search_results_free(&r);
    }
    /* Operators are words: "mat AND ong" wants a word starting "and". */
    assert_string_equal(codes(f->d, "mat AND ong", NULL), "");
    assert_string_equal(codes(f->d, "-mat", NULL), "CM-MO-01 TV-MHD-01 CM-MO-02");
    assert_string_equal(codes(f->d, "mat*", NULL), "CM-MO-01 TV-MHD-01 CM-MO-02");
    assert_string_equal(codes(f->d, "★★★★ mật", NULL), "CM-MO-01 TV-MHD-01 CM-MO-02");
    /* The catalogue is intact. */
    search_results r;
    assert_int_equal(search_db_query(f->d, "", NULL, 0, 0, &r, NULL), 0);
    assert_int_equal(r.total, CATALOGUE_SIZE);
    search_results_free(&r);
}

static void a_very_long_query_is_cut_not_refused(void **state) {
    fixture *f = *state;
    char query[20000] = "";
    for (int i = 0; i < 2000; i++) {
        str_append(query, sizeof query, "mat ");
    }
    assert_string_equal(codes(f->d, query, NULL), "CM-MO-01 TV-MHD-01 CM-MO-02");
    char word[5000];
    memset(word, 'a', sizeof word - 1);
    word[sizeof word - 1] = '\0';
    assert_string_equal(codes(f->d, word, NULL), "");
}

static void pages_put_together_give_the_whole_list_and_the_same_total(void **state) {
    fixture *f = *state;
    const char *queries[] = {"", "m", "a", "CM-MO-02", "rang", "b rang"};
    for (size_t q = 0; q < OCOP_COUNT(queries); q++) {
        char whole[2048];
        str_copy(whole, sizeof whole, codes(f->d, queries[q], NULL));
        for (int size = 1; size <= 4; size++) {
            char joined[2048] = "";
            int total = -1;
            for (int offset = 0;; offset += size) {
                search_results r;
                ocop_error err;
                assert_int_equal(search_db_query(f->d, queries[q], NULL, offset, size, &r, &err),
                                 0);
                if (total >= 0) {
                    assert_int_equal(r.total, total);
                }
                total = r.total;
                for (int i = 0; i < r.count; i++) {
                    if (joined[0]) {
                        str_append(joined, sizeof joined, " ");
                    }
                    str_append(joined, sizeof joined, r.items[i].code);
                }
                int count = r.count;
                search_results_free(&r);
                if (count < size) {
                    break;
                }
            }
            assert_string_equal(joined, whole);
        }
    }
}

/* "htx" is in producers' names only: the name ranks are empty, and what is left (producer
 * matches) keeps its order (stars, then name) and its pages, with or without filters. */
static void words_only_in_producers_names_list_their_products_in_order_and_pages(void **state) {
    fixture *f = *state;
    search_filter food = {.group = "food"}, four = {.min_stars = 4};
    assert_string_equal(codes(f->d, "htx", &food), "CM-MO-01 KG-NM-01 CM-MO-02");
    assert_string_equal(codes(f->d, "htx", &four), "CM-MO-01 TV-MHD-01 KG-NM-01");
    assert_string_equal(codes(f->d, "htx mat", NULL), "CM-MO-01 TV-MHD-01 CM-MO-02");
    static const char *const in_order[] = {"CM-MO-01", "KG-NM-01", "CM-MO-02"};
    for (int offset = 0; offset < 3; offset++) {
        search_results r;
        ocop_error err;
        assert_int_equal(search_db_query(f->d, "htx", &food, offset, 1, &r, &err), 0);
        assert_int_equal(r.total, 3);
        assert_int_equal(r.count, 1);
        assert_string_equal(r.items[0].code, in_order[offset]);
        search_results_free(&r);
    }
}

static void the_card_holds_what_the_grid_shows(void **state) {
    fixture *f = *state;
    search_results r;
    ocop_error err;
    assert_int_equal(search_db_query(f->d, "mat hoa dua", NULL, 0, 10, &r, &err), 0);
    assert_int_equal(r.count, 1);
    product_card *c = &r.items[0];
    assert_string_equal(c->code, "TV-MHD-01");
    assert_string_equal(c->name_vi, "Mật hoa dừa Cầu Kè");
    assert_string_equal(c->name_en, "Coconut nectar");
    assert_int_equal(c->stars, 4);
    assert_string_equal(c->group, "beverages");
    assert_string_equal(c->producer, "HTX Dừa sáp Cầu Kè");
    assert_string_equal(c->province, "Trà Vinh");
    search_results_free(&r);
}

static void the_index_follows_updates_deletes_and_producer_changes(void **state) {
    fixture *f = *state;
    ocop_error err;
    assert_int_equal(db_exec(f->d,
                             "UPDATE product SET name_vi = 'Kẹo dừa', name_folded = fold('Kẹo"
                             " dừa') WHERE code = 'AG-BT-01'",
                             &err),
                     0);
    assert_string_equal(codes(f->d, "keo dua", NULL), "AG-BT-01");
    assert_string_equal(codes(f->d, "banh trang", NULL), "");
    /* More stars move it up. */
    assert_int_equal(db_exec(f->d, "UPDATE product SET stars = 5 WHERE code = 'CM-MO-02'", &err),
                     0);
    assert_string_equal(codes(f->d, "mat", NULL), "CM-MO-01 CM-MO-02 TV-MHD-01");
    /* The producer's new name and province are found. */
    assert_int_equal(db_exec(f->d,
                             "UPDATE producer SET name = 'HTX Sông Hậu', province = 'Cần Thơ'"
                             " WHERE id = 4",
                             &err),
                     0);
    assert_string_equal(codes(f->d, "song hau", NULL), "DL-CP-01 DL-DP-01");
    assert_string_equal(codes(f->d, "nguyen van duc", NULL), "");
    search_filter filter = {.province = "can tho"};
    assert_string_equal(codes(f->d, "", &filter), "DL-CP-01 DL-DP-01");
    assert_int_equal(db_exec(f->d, "DELETE FROM product WHERE code = 'KG-NM-01'", &err), 0);
    assert_string_equal(codes(f->d, "nuoc mam", NULL), "");
    /* INSERT OR REPLACE (delete without the delete trigger) leaves no stale entry. */
    assert_int_equal(db_exec(f->d,
                             "INSERT OR REPLACE INTO product (id, code, producer_id, name_vi, grp,"
                             " stars, unit, base_unit, base_per_unit, name_folded, updated_at)"
                             " SELECT id, code, producer_id, 'Nón bài thơ', grp, stars, unit,"
                             " base_unit, base_per_unit, fold('Nón bài thơ'), updated_at"
                             " FROM product WHERE code = 'AG-NL-01'",
                             &err),
                     0);
    assert_string_equal(codes(f->d, "non bai tho", NULL), "AG-NL-01");
    assert_string_equal(codes(f->d, "non la", NULL), "");
}

static void writes_from_a_connection_without_fold_are_found_at_the_next_search(void **state) {
    fixture *f = *state;
    /* The sqlite3 shell, a test fixture: a plain connection that knows no fold(). */
    sqlite3 *plain;
    assert_int_equal(sqlite3_open(f->path, &plain), SQLITE_OK);
    assert_int_equal(
        sqlite3_exec(plain,
                     "INSERT INTO product (code, producer_id, name_vi, grp, stars,"
                     " unit, base_unit, base_per_unit, name_folded, updated_at) VALUES"
                     " ('PLAIN-1', 3, 'Sáp ong', 'food', 4, 'hũ', 'kg', 0.1, 'sap ong',"
                     " '2026-11-29T00:00:00Z');"
                     "DELETE FROM product WHERE code = 'AG-NL-01';"
                     "UPDATE producer SET name = 'HTX Tràm Chim' WHERE id = 3;",
                     NULL, NULL, NULL),
        SQLITE_OK);
    sqlite3_close(plain);
    assert_string_equal(codes(f->d, "sap ong", NULL), "PLAIN-1");
    assert_string_equal(codes(f->d, "non la", NULL), "");
    assert_string_equal(codes(f->d, "tram chim", NULL), "CM-MO-01 PLAIN-1 CM-MO-02");
    /* The queue is empty again, and a rebuild gives the same answers. */
    ocop_error err;
    assert_int_equal(search_db_sync(f->d, &err), 0);
    assert_int_equal(search_db_rebuild(f->d, &err), 0);
    assert_string_equal(codes(f->d, "tram chim", NULL), "CM-MO-01 PLAIN-1 CM-MO-02");
    assert_string_equal(codes(f->d, "mat hoa dua", NULL), "TV-MHD-01");
}

static void an_upsert_of_a_product_changed_twice_before_a_search_works(void **state) {
    fixture *f = *state;
    ocop_error err;
    /* The import's upsert: a trigger's INSERT OR IGNORE would be overridden there and fail on
     * the product already queued. */
    static const char upsert[] =
        "INSERT INTO product (code, producer_id, name_vi, grp, stars, unit, base_unit,"
        " base_per_unit, name_folded, updated_at) VALUES ('CM-MO-01', 3, 'Mật ong bạc hà', 'food',"
        " 5, 'hũ', 'kg', 0.5, 'mat ong bac ha', '2026-11-30T00:00:00Z')"
        " ON CONFLICT (code) DO UPDATE SET name_vi = excluded.name_vi,"
        " name_folded = excluded.name_folded;";
    assert_int_equal(db_begin(f->d, true, &err), 0);
    assert_int_equal(db_exec(f->d, upsert, &err), 0);
    assert_int_equal(db_exec(f->d, upsert, &err), 0);
    assert_int_equal(db_exec(f->d,
                             "UPDATE producer SET district = 'Trần Văn Thời' WHERE id = 3;"
                             "UPDATE producer SET district = 'U Minh Hạ' WHERE id = 3;",
                             &err),
                     0);
    assert_int_equal(db_commit(f->d, &err), 0);
    assert_string_equal(codes(f->d, "bac ha", NULL), "CM-MO-01");
    assert_string_equal(codes(f->d, "minh ha", NULL), "CM-MO-01 CM-MO-02");
}

/* Inserts `n` products in one transaction straight into the table (the index catches up at the
 * next search), coded "<code>-0000" … and named "<name> số 0" …, 3 stars, sold by the kg, of
 * the producer with id `producer_id`, in `group`. */
static void add_numbered_products(db *d, int n, int producer_id, const char *group,
                                  const char *code, const char *name) {
    ocop_error err;
    assert_int_equal(db_begin(d, true, &err), 0);
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db_handle(d),
                                        "INSERT INTO product (code, producer_id, name_vi, grp,"
                                        " stars, unit, base_unit, base_per_unit, name_folded,"
                                        " updated_at) VALUES (?1, ?3, ?2, ?4, 3, 'kg', 'kg', 1,"
                                        " 'x', '2026-11-29T00:00:00Z')",
                                        -1, &st, NULL),
                     SQLITE_OK);
    for (int i = 0; i < n; i++) {
        char item_code[32], item_name[64];
        str_format(item_code, sizeof item_code, "%s-%04d", code, i);
        str_format(item_name, sizeof item_name, "%s số %d", name, i);
        sqlite3_bind_text(st, 1, item_code, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(st, 2, item_name, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int(st, 3, producer_id);
        sqlite3_bind_text(st, 4, group, -1, SQLITE_TRANSIENT);
        assert_int_equal(sqlite3_step(st), SQLITE_DONE);
        sqlite3_reset(st);
    }
    sqlite3_finalize(st);
    assert_int_equal(db_commit(d, &err), 0);
}

static void a_big_change_rebuilds_the_index_in_one_go(void **state) {
    fixture *f = *state;
    ocop_error err;
    /* 2,000 products in one transaction: more than a quarter of the catalogue is queued. */
    add_numbered_products(f->d, 2000, 2, "food", "BIG", "Bánh");
    search_results r;
    assert_int_equal(search_db_query(f->d, "banh so", NULL, 0, 3, &r, &err), 0);
    assert_int_equal(r.total, 2000);
    search_results_free(&r);
    assert_string_equal(codes(f->d, "banh so 1999", NULL), "BIG-1999");
    assert_string_equal(codes(f->d, "mat hoa dua", NULL), "TV-MHD-01");
}

static void a_generated_catalogue_is_searchable_and_the_same_for_the_same_seed(void **state) {
    fixture *f = *state;
    catgen_options o;
    catgen_defaults(&o);
    o.n_products = 300;
    o.n_months = 3;
    o.seed = 7;
    ocop_error err;
    assert_int_equal(catgen_generate(f->d, &o, &err), 300);
    search_results r;
    assert_int_equal(search_db_query(f->d, "", NULL, 0, 0, &r, &err), 0);
    assert_int_equal(r.total, CATALOGUE_SIZE + 300);
    search_results_free(&r);
    assert_true(has_code(codes(f->d, "GEN-000042", NULL), "GEN-000042"));
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db_handle(f->d),
                                        "SELECT count(*), count(DISTINCT month) FROM capacity", -1,
                                        &st, NULL),
                     SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int(st, 0), 900);
    assert_int_equal(sqlite3_column_int(st, 1), 3);
    sqlite3_finalize(st);
    /* Producers' contacts are well-formed. */
    assert_int_equal(sqlite3_prepare_v2(db_handle(f->d),
                                        "SELECT phone, email FROM producer WHERE id > 5", -1, &st,
                                        NULL),
                     SQLITE_OK);
    int producers = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
        const char *phone = (const char *)sqlite3_column_text(st, 0);
        char normalised[32];
        assert_int_equal(phone_normalize(phone, normalised, sizeof normalised, &err), 0);
        assert_string_equal(normalised, phone);
        assert_int_equal(phone_check_email((const char *)sqlite3_column_text(st, 1), &err), 0);
        producers++;
    }
    sqlite3_finalize(st);
    assert_int_equal(producers, 75); /* 300 products, 4 per producer */
    /* Same codes twice is refused, and nothing is half-written. */
    assert_int_equal(catgen_generate(f->d, &o, &err), -1);
    assert_int_equal(search_db_query(f->d, "", NULL, 0, 0, &r, &err), 0);
    assert_int_equal(r.total, CATALOGUE_SIZE + 300);
    search_results_free(&r);
    /* Another database, same options: the same names. */
    char path[512];
    str_format(path, sizeof path, "%s/again.db", f->dir);
    db *again;
    assert_int_equal(db_open(path, DB_OPEN_CREATE, &again, &err), 0);
    assert_int_equal(catgen_generate(again, &o, &err), 300);
    search_results a, b;
    assert_int_equal(search_db_query(f->d, "GEN-000123", NULL, 0, 1, &a, &err), 0);
    assert_int_equal(search_db_query(again, "GEN-000123", NULL, 0, 1, &b, &err), 0);
    assert_string_equal(a.items[0].name_vi, b.items[0].name_vi);
    assert_string_equal(a.items[0].producer, b.items[0].producer);
    search_results_free(&a);
    search_results_free(&b);
    db_close(again);
}

/* ---- the forgiving search (issue 12) ---- */

/* More products, written as the importer writes them. */
static void add_forgiving_products(db *d) {
    ocop_error err;
    int rc = db_exec(d,
                     "INSERT INTO product (code, producer_id, name_vi, name_en, grp, stars, unit,"
                     " base_unit, base_per_unit, name_folded, updated_at) VALUES"
                     " ('TV-DS-01', 1, 'Dừa sáp Cầu Kè', 'Macapuno coconut', 'food', 4, 'trái',"
                     "  'piece', 1, fold('Dừa sáp Cầu Kè'), '2026-11-29T00:00:00Z'),"
                     " ('VL-SR-01', 2, 'Sầu riêng Ri6', 'Ri6 durian', 'food', 5, 'kg', 'kg', 1,"
                     "  fold('Sầu riêng Ri6'), '2026-11-29T00:00:00Z'),"
                     " ('TV-TDG-01', 1, 'Tinh dầu gấc', 'Gac oil', 'herbal', 3, 'chai', 'l', 0.1,"
                     "  fold('Tinh dầu gấc'), '2026-11-29T00:00:00Z'),"
                     " ('ST-GAO-25', 2, 'Gạo ST25', 'ST25 rice', 'food', 5, 'bao', 'kg', 5,"
                     "  fold('Gạo ST25'), '2026-11-29T00:00:00Z'),"
                     " ('TV-CC-01', 1, 'Bột ca cao', 'Cocoa powder', 'food', 3, 'hộp', 'kg', 0.5,"
                     "  fold('Bột ca cao'), '2026-11-29T00:00:00Z'),"
                     " ('BT-CC-02', 2, 'Kẹo cacao', 'Cacao candy', 'food', 4, 'hộp', 'kg', 0.5,"
                     "  fold('Kẹo cacao'), '2026-11-29T00:00:00Z'),"
                     " ('TV-049', 1, 'Nước uống mật hoa', 'Nectar drink', 'beverages', 5, 'chai',"
                     "  'l', 0.3, fold('Nước uống mật hoa'), '2026-11-29T00:00:00Z'),"
                     " ('AG-TX-01', 2, 'Trà xanh', 'Green tea', 'beverages', 3, 'gói', 'kg', 0.2,"
                     "  fold('Trà xanh'), '2026-11-29T00:00:00Z')",
                     &err);
    if (rc != 0) {
        fail_msg("%s", err.msg);
    }
}

/* The first code of a result list ("" when empty). */
static const char *first_code(const char *list) {
    static char first[64];
    str_copy(first, sizeof first, list);
    char *space = strchr(first, ' ');
    if (space) {
        *space = '\0';
    }
    return first;
}

static void one_typo_in_a_word_of_four_to_seven_letters_still_finds_the_product(void **state) {
    fixture *f = *state;
    add_forgiving_products(f->d);
    /* Two neighbours swapped (hao/hoa), a letter dropped (rieg), a letter changed (st26). */
    assert_string_equal(first_code(codes(f->d, "mat hao dua", NULL)), "TV-MHD-01");
    assert_string_equal(codes(f->d, "sau rieg", NULL), "VL-SR-01");
    assert_string_equal(codes(f->d, "gao st26", NULL), "ST-GAO-25");
    /* Two edits in a word of four letters are too many. */
    assert_string_equal(codes(f->d, "sau riaaq", NULL), "");
    assert_string_equal(codes(f->d, "tinh dau gaxx", NULL), "");
}

static void two_typos_are_forgiven_in_words_of_eight_letters_or_more(void **state) {
    fixture *f = *state;
    add_forgiving_products(f->d);
    assert_string_equal(codes(f->d, "mocapuni", NULL), "TV-DS-01"); /* two edits */
    assert_string_equal(codes(f->d, "mocopuni", NULL), "");         /* three */
    assert_string_equal(codes(f->d, "macapuno", NULL), "TV-DS-01"); /* exact */
}

static void regional_spellings_cost_less_than_other_edits(void **state) {
    fixture *f = *state;
    add_forgiving_products(f->d);
    /* Three letters allow one regional slip only: s/x, ch/tr, d/gi, c/t at the end. */
    assert_string_equal(codes(f->d, "dua xap", NULL), "TV-DS-01");
    assert_true(has_code(codes(f->d, "cha xanh", NULL), "AG-TX-01"));
    assert_string_equal(first_code(codes(f->d, "mat hoa giua", NULL)), "TV-MHD-01");
    assert_string_equal(codes(f->d, "tinh dau gat", NULL), "TV-TDG-01");
    /* ... and not another letter. */
    assert_string_equal(codes(f->d, "tinh dau gav", NULL), "");
}

static void a_typo_never_matches_a_producer_or_place_alone(void **state) {
    fixture *f = *state;
    add_forgiving_products(f->d);
    /* "kien giang" is a province (Phú Quốc's fish sauce); a slip of it is not looked for there. */
    assert_string_equal(codes(f->d, "kien giang", NULL), "KG-NM-01");
    assert_string_equal(codes(f->d, "kien giangg", NULL), "");
}

static void a_word_written_as_two_and_two_written_as_one_find_each_other(void **state) {
    fixture *f = *state;
    add_forgiving_products(f->d);
    /* "cacao" finds "ca cao" and back; both ways rank as exact matches (more stars first). */
    assert_string_equal(codes(f->d, "cacao", NULL), "BT-CC-02 TV-CC-01");
    assert_string_equal(codes(f->d, "ca cao", NULL), "BT-CC-02 TV-CC-01");
    assert_string_equal(codes(f->d, "bot cacao", NULL), "TV-CC-01");
    assert_string_equal(codes(f->d, "keo ca cao", NULL), "BT-CC-02");
}

static void a_code_typed_without_its_dash_is_found(void **state) {
    fixture *f = *state;
    add_forgiving_products(f->d);
    assert_string_equal(first_code(codes(f->d, "tv049", NULL)), "TV-049");
    assert_string_equal(first_code(codes(f->d, "TV049", NULL)), "TV-049");
    assert_string_equal(first_code(codes(f->d, "st25", NULL)), "ST-GAO-25");
}

static void a_word_only_inside_another_word_comes_after_whole_words(void **state) {
    fixture *f = *state;
    add_forgiving_products(f->d);
    /* "ong" is a word of both honeys and only inside "uống" of the 5-star nectar drink. */
    assert_string_equal(codes(f->d, "mat ong", NULL), "CM-MO-01 CM-MO-02 TV-049");
}

static void a_product_name_comes_before_a_province_that_holds_the_word(void **state) {
    fixture *f = *state;
    add_forgiving_products(f->d);
    /* "tra": Trà xanh (3 stars) by its name before the 4- and 5-star products of Trà Vinh. */
    assert_string_equal(first_code(codes(f->d, "tra", NULL)), "AG-TX-01");
    assert_true(has_code(codes(f->d, "tra", NULL), "TV-MHD-01"));
}

static void the_words_of_a_renamed_product_are_forgiven_after_the_change(void **state) {
    fixture *f = *state;
    ocop_error err;
    assert_int_equal(db_exec(f->d,
                             "UPDATE product SET name_vi = 'Kẹo dừa sáp', name_folded = fold('Kẹo"
                             " dừa sáp') WHERE code = 'AG-BT-01'",
                             &err),
                     0);
    assert_string_equal(codes(f->d, "keo dua xap", NULL), "AG-BT-01");
    assert_string_equal(codes(f->d, "banh tranng", NULL), "");
}

static void a_filter_only_narrows_the_results_and_never_turns_a_word_into_a_slip(void **state) {
    fixture *f = *state;
    add_forgiving_products(f->d);
    /* "duong" is a word of the catalogue (Đường thốt nốt, food): with the beverages filter it
     * finds nothing, not the near-miss "uống" of the nectar drink (it did before). */
    search_filter beverages = {.group = "beverages"};
    assert_string_equal(codes(f->d, "duong", &beverages), "");
    search_filter herbal = {.group = "herbal"};
    assert_string_equal(codes(f->d, "minh", &herbal), "");
    /* Every filtered list is part of the unfiltered one. */
    static const char *const queries[] = {"duong", "banh", "cocoa", "dau", "quoc", "thao", "minh"};
    const search_filter filters[] = {
        {.group = "food"}, {.group = "beverages"}, {.group = "herbal"}, {.min_stars = 4}};
    for (size_t q = 0; q < OCOP_COUNT(queries); q++) {
        char all[2048];
        str_copy(all, sizeof all, codes(f->d, queries[q], NULL));
        for (size_t k = 0; k < OCOP_COUNT(filters); k++) {
            char narrowed[2048];
            str_copy(narrowed, sizeof narrowed, codes(f->d, queries[q], &filters[k]));
            for (char *code = strtok(narrowed, " "); code; code = strtok(NULL, " ")) {
                if (!has_code(all, code)) {
                    fail_msg("'%s' filtered finds %s, unfiltered does not", queries[q], code);
                }
            }
        }
    }
    /* When the words as typed match nothing at all, slips are still forgiven inside filters. */
    assert_string_equal(first_code(codes(f->d, "mat hao dua", &beverages)), "TV-MHD-01");
}

static void words_inside_words_are_looked_for_by_the_matches_without_the_filters(void **state) {
    fixture *f = *state;
    /* 1,000 beverages named "Rang xay …": "rang" has plenty of word matches, so words inside
     * words (Bánh tráng) are not added, with or without the food filter. */
    add_numbered_products(f->d, 1000, 4, "beverages", "RX", "Rang xay");
    assert_false(has_code(codes(f->d, "rang", NULL), "AG-BT-01"));
    search_filter food = {.group = "food"};
    assert_string_equal(codes(f->d, "rang", &food), "DL-DP-01"); /* was also AG-BT-01 */
}

int main(void) {
    const struct CMUnitTest tests[] = {
#define T(name) cmocka_unit_test_setup_teardown(name, setup, test_db_teardown)
        T(an_accent_free_query_finds_the_accented_name),
        T(an_accented_query_and_mixed_case_find_the_same_product),
        T(a_query_in_nfd_finds_names_stored_in_nfc),
        T(a_name_stored_in_nfd_is_found_without_accents),
        T(d_with_stroke_is_found_by_a_plain_d_and_the_other_way_round),
        T(every_word_is_a_prefix_so_a_half_typed_query_finds_the_product),
        T(more_stars_come_first_among_equal_name_matches),
        T(name_matches_come_before_producer_and_place_matches),
        T(a_name_that_starts_with_the_word_comes_before_one_that_holds_it),
        T(an_english_name_is_found_after_vietnamese_names),
        T(product_codes_are_found_and_an_exact_code_comes_first),
        T(a_word_inside_a_word_is_found_after_word_matches),
        T(min_stars_filters_the_results),
        T(the_group_filter_takes_the_key_or_the_vietnamese_name),
        T(a_group_s_vietnamese_words_typed_in_search_find_its_products),
        T(an_unknown_group_is_an_error_that_names_it),
        T(the_province_filter_takes_old_and_new_names_with_or_without_accents),
        T(the_province_list_names_the_places_of_products_as_cards_do_in_vietnamese_order),
        T(filters_combine),
        T(an_empty_query_lists_everything_by_stars_then_name),
        T(hostile_text_is_searched_as_text_and_never_breaks_the_query),
        T(a_very_long_query_is_cut_not_refused),
        T(pages_put_together_give_the_whole_list_and_the_same_total),
        T(words_only_in_producers_names_list_their_products_in_order_and_pages),
        T(the_card_holds_what_the_grid_shows),
        T(the_index_follows_updates_deletes_and_producer_changes),
        T(writes_from_a_connection_without_fold_are_found_at_the_next_search),
        T(an_upsert_of_a_product_changed_twice_before_a_search_works),
        T(a_big_change_rebuilds_the_index_in_one_go),
        T(a_generated_catalogue_is_searchable_and_the_same_for_the_same_seed),
        T(one_typo_in_a_word_of_four_to_seven_letters_still_finds_the_product),
        T(two_typos_are_forgiven_in_words_of_eight_letters_or_more),
        T(regional_spellings_cost_less_than_other_edits),
        T(a_typo_never_matches_a_producer_or_place_alone),
        T(a_word_written_as_two_and_two_written_as_one_find_each_other),
        T(a_code_typed_without_its_dash_is_found),
        T(a_word_only_inside_another_word_comes_after_whole_words),
        T(a_product_name_comes_before_a_province_that_holds_the_word),
        T(the_words_of_a_renamed_product_are_forgiven_after_the_change),
        T(a_filter_only_narrows_the_results_and_never_turns_a_word_into_a_slip),
        T(words_inside_words_are_looked_for_by_the_matches_without_the_filters),
#undef T
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
