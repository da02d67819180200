/* test_picture.c: which illustration a product gets (core/picture.h), on real names from the demo
 * catalogue, and on the demo catalogue as the kiosk imports and lists it. */
#include "test_support.h"

#include "core/base.h"
#include "core/catalog.h"
#include "core/picture.h"
#include "db/catalog_db.h"
#include "db/search_db.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void expect_kind(const char *name_vi, const char *name_en, const char *kind) {
    const char *got = picture_pick(name_vi, name_en);
    const char *vi = name_vi ? name_vi : "(null)", *en = name_en ? name_en : "(null)";
    if (!kind && got) {
        fail_msg("\"%s\" / \"%s\": expected no kind (the group's picture), got %s", vi, en, got);
    }
    if (kind && (!got || strcmp(got, kind) != 0)) {
        fail_msg("\"%s\" / \"%s\": expected %s, got %s", vi, en, kind, got ? got : "none");
    }
}

static void demo_names_get_the_picture_of_what_they_are(void **state) {
    (void)state;
    expect_kind("Chả hoa", "Vietnamese flower-pattern pork roll", "meat");
    expect_kind("Lạp xưởng Vạn Thành", "Vạn Thành Chinese-style sausage", "meat");
    expect_kind("Bánh trung thu gà quay jambon", "Mooncake with roast chicken and ham", "cake");
    expect_kind("Dầu dừa nguyên chất", "Virgin coconut oil", "oil");
    expect_kind("Tinh dầu gấc", "Gấc (Momordica) oil", "oil");
    expect_kind("Trà sâm đinh lăng", "Polyscias (đinh lăng) ginseng tea", "tea");
    expect_kind("Trà dứa thơm", "Pineapple tea", "tea");
    expect_kind("Tôm khô Tiến Hải", "Tiến Hải dried shrimp", "shrimp");
    expect_kind("Mật hoa dừa", "Coconut flower nectar", "nectar");
    expect_kind("Hạt ca cao - mật hoa dừa", "Cocoa beans with coconut nectar", "cocoa");
    expect_kind("Bột ca cao nguyên chất", "Pure cocoa powder", "cocoa");
    expect_kind("Dừa sáp Hòa Tân", "Hòa Tân macapuno (wax) coconut", "coconut");
    expect_kind("Nước cốt dừa cấp đông", "Frozen coconut milk", "coconut");
    expect_kind("Kẹo dừa sầu riêng lá dứa", "Durian-pandan coconut candy", "candy");
    expect_kind("Kẹo đậu phộng", "Peanut brittle", "candy");
    expect_kind("Bánh tét bồ ngót", "Bánh tét with katuk (bồ ngót) leaf", "banh_tet");
    expect_kind("Bánh tráng sữa nước cốt dừa", "Coconut-milk rice crackers", "rice_paper");
    expect_kind("Đàn guitar phím lõm", "Scalloped-fret guitar", "instrument");
    expect_kind("Rượu sâm bố chính", "Bố chính ginseng liquor", "liquor");
    expect_kind("Khô cá lưỡi trâu nguyên con một nắng", "Whole once-sun-dried tongue sole", "fish");
    expect_kind("Bột nưa Minh Hùng", "Minh Hùng konjac (nưa) flour", "flour");
    expect_kind("Gạo thơm ST24", "ST24 fragrant rice", "rice");
    expect_kind("Thảm xơ dừa", "Coconut-fibre (coir) mat", "mat");
    expect_kind("Giấm mật hoa dừa", "Coconut-nectar vinegar", "sauce");
    expect_kind("Nước màu dừa", "Coconut caramel colouring sauce", "sauce");
    expect_kind("Yến sào", "Edible bird's nest", "birds_nest");
    expect_kind("Đường hoa dừa", "Coconut flower sugar", "sugar");
    expect_kind("Sầu riêng sấy thăng hoa", "Freeze-dried durian", "durian");
    expect_kind("Khoai lang tím sấy", "Dried purple sweet potato", "dried_fruit");
    expect_kind("Bưởi da xanh", "Green-skin pomelo", "pomelo");
    expect_kind("Mắm tôm chà Bà Hai Diễm", "Bà Hai Diễm pounded shrimp paste", "fish_sauce");
}

/* Kinds the demo catalogue does not use, on names of well-known OCOP products. */
static void common_ocop_products_elsewhere_get_their_kind(void **state) {
    (void)state;
    expect_kind("Nước mắm Phú Quốc", "Phu Quoc fish sauce", "fish_sauce");
    expect_kind("Cà phê Buôn Ma Thuột", "", "coffee");
    expect_kind("Mật ong rừng U Minh", "", "honey");
    expect_kind("Hạt điều rang muối Bình Phước", "", "nuts");
    expect_kind("Tiêu đen Chư Sê", "", "spices");
    expect_kind("Xoài cát Hòa Lộc", "", "mango");
    expect_kind("Thanh long ruột đỏ", "", "dragon_fruit");
    expect_kind("Nấm linh chi đỏ", "", "mushroom");
    expect_kind("Miến dong Bình Liêu", "", "noodles");
    expect_kind("Chè Thái Nguyên", "Thai Nguyen tea", "tea");
    expect_kind("Gốm Bát Tràng", "", "pottery");
    expect_kind("Thổ cẩm Mường", "", "brocade");
    expect_kind("Nón lá Huế", "", "basket");
    expect_kind("Giò lụa", "", "meat");
    expect_kind("Mực khô Cô Tô", "", "fish");
    expect_kind("Vải thiều Lục Ngạn", "", "fruit");
    expect_kind("Sâm Ngọc Linh", "", "medicinal");
    expect_kind("Tinh bột nghệ", "Turmeric starch", "medicinal");
    expect_kind("Xà phòng dừa", "Coconut soap", "cosmetic");
    /* mỹ nghệ is fine art, not turmeric; trứng muối a salted egg, not salt. */
    expect_kind("Sản phẩm gỗ mỹ nghệ", "Fine-art wood products", "wood_carving");
    expect_kind("Trứng vịt muối", "Salted duck eggs", "egg");
    expect_kind("Tượng gỗ Kim Bồng", "", "wood_carving");
    /* Bamboo shoots are a vegetable, not a bamboo basket; măng tây (asparagus) tea is a tea and
     * mãng cầu (soursop) a fruit. */
    expect_kind("Măng khô Tây Bắc", "", "vegetables");
    expect_kind("", "Dried bamboo shoots", "vegetables");
    expect_kind("Trà măng tây", "Asparagus tea", "tea");
    expect_kind("Mãng cầu Bà Đen", "", "fruit");
    expect_kind("Rau má", "Pennywort greens", "vegetables");
    expect_kind("Homestay Cồn Chim", "", "homestay");
    expect_kind("Nhà vườn Mỹ Khánh", "Garden homestay", "homestay");
}

static void accents_and_case_do_not_matter_and_words_must_be_whole(void **state) {
    (void)state;
    expect_kind("KẸO DỪA", NULL, "candy");
    expect_kind("keo dua", NULL, "candy");
    /* NFD: "Trà" as T r a + combining grave. */
    expect_kind("Tra\xcc\x80 xanh", NULL, "tea");
    /* "tra" is not a word inside "tráng" nor "Travinh". */
    expect_kind("Bánh tráng IMEX TRAVINH", "", "rice_paper");
    expect_kind("Travinh", "", NULL);
}

static void a_word_with_two_meanings_is_only_trusted_inside_a_phrase(void **state) {
    (void)state;
    /* dừa (coconut) and dứa (pineapple) fold alike: neither alone says which. */
    expect_kind("Dứa đóng hộp", "Canned pineapple", "fruit");
    /* Nam is the south as often as nấm (mushroom). */
    expect_kind("Nấm rơm đóng hộp", "Canned straw mushrooms", "mushroom");
    /* đàn (instrument) and đan (woven). */
    expect_kind("Giỏ đan lát", "", "basket");
}

static void the_vietnamese_head_noun_wins_and_english_is_read_from_the_end(void **state) {
    (void)state;
    expect_kind("Kẹo dừa sầu riêng", "Durian coconut candy", "candy");
    expect_kind("Sầu riêng cấp đông", "", "durian");
    /* Only English: the last word says what the thing is. */
    expect_kind("", "Durian coconut candy", "candy");
    expect_kind("Sản phẩm ABC", "Sticky-rice cake", "banh_tet");
    expect_kind(NULL, "Handwoven water hyacinth baskets", "basket");
}

/* The keywords are looked up by their first letter: the first and last letters of the alphabet,
 * a keyword ending the name, plurals, and a keyword right after punctuation all still count. */
static void keywords_of_every_letter_at_any_word_start_are_found(void **state) {
    (void)state;
    expect_kind("Atisô Đà Lạt", NULL, "medicinal");
    expect_kind("Sản phẩm ABC", "Salted anchovy", "fish");
    expect_kind(NULL, "Bamboo zither", "instrument");
    expect_kind(NULL, "Dried mangoes", "mango");
    expect_kind(NULL, "Peaches and plums", "fruit");
    expect_kind("Hộp quà (yến sào)", NULL, "birds_nest");
    expect_kind("Quà-xoài", NULL, "mango");
    expect_kind("Quàxoài", NULL, NULL);
    expect_kind("Zzz", "Yyy", NULL);
}

static void a_name_no_rule_knows_gets_no_kind_so_the_group_picture_shows(void **state) {
    (void)state;
    expect_kind("Điểm du lịch cộng đồng Cồn Chim", "Cồn Chim community-tourism site", NULL);
    expect_kind("Sản phẩm XYZ", "Product XYZ", NULL);
    expect_kind("", "", NULL);
    expect_kind(NULL, NULL, NULL);
}

/* True when the file exists. */
static bool exists(const char *path) {
    return access(path, R_OK) == 0;
}

static void every_kind_has_its_svg_and_every_svg_is_a_kind_or_a_group(void **state) {
    (void)state;
    char rel[256], path[1024];
    assert_true(picture_kind_count() >= 25);
    for (size_t i = 0; i < picture_kind_count(); i++) {
        const char *kind = picture_kind_at(i);
        assert_true(strlen(kind) < PICTURE_KIND_MAX);
        for (size_t g = 0; g < catalog_group_count(); g++) {
            if (strcmp(kind, catalog_group_key_at(g)) == 0) {
                fail_msg("kind %s has the name of a group", kind);
            }
        }
        assert_true(picture_kind_file(kind, rel, sizeof rel));
        str_format(path, sizeof path, "%s/%s", OCOP_SOURCE_DIR, rel);
        if (!exists(path)) {
            fail_msg("kind %s has no illustration %s", kind, path);
        }
    }
    DIR *dir = opendir(OCOP_SOURCE_DIR "/assets/catalog/images");
    assert_non_null(dir);
    struct dirent *e;
    int files = 0;
    while ((e = readdir(dir))) {
        size_t n = strlen(e->d_name);
        if (n < 5 || strcmp(e->d_name + n - 4, ".svg") != 0) {
            continue;
        }
        files++;
        char key[64];
        str_copy(key, sizeof key, e->d_name);
        key[n - 4] = '\0';
        bool known = false;
        for (size_t i = 0; i < picture_kind_count(); i++) {
            known = known || strcmp(key, picture_kind_at(i)) == 0;
        }
        for (size_t g = 0; g < catalog_group_count(); g++) {
            known = known || strcmp(key, catalog_group_key_at(g)) == 0;
        }
        if (!known) {
            fail_msg("%s is neither a picture kind nor a group", e->d_name);
        }
    }
    closedir(dir);
    assert_int_equal(files, (int)(picture_kind_count() + catalog_group_count()));
}

static void an_organisers_image_wins_over_the_kind_and_the_kind_over_the_group(void **state) {
    (void)state;
    char out[1024];
    /* A photo named in the catalogue: loaded as stored, whatever the name says. */
    assert_true(picture_path("/data", "/srv/photos/tv-001.jpg", "meat", "food", out, sizeof out));
    assert_string_equal(out, "/srv/photos/tv-001.jpg");
    /* A relative image is under the data folder's assets/ (catalog_image_path). */
    char expected[1024];
    assert_true(catalog_image_path("catalog/photos/a.png", expected, sizeof expected));
    assert_true(picture_path("/data", "catalog/photos/a.png", "meat", "food", out, sizeof out));
    assert_string_equal(out, expected);
    /* No image: the kind's illustration; no kind either: the group's. */
    assert_true(picture_path("/data", "", "meat", "food", out, sizeof out));
    assert_string_equal(out, "/data/assets/catalog/images/meat.svg");
    assert_true(picture_path("/data", NULL, "", "tourism", out, sizeof out));
    assert_string_equal(out, "/data/assets/catalog/images/tourism.svg");
    assert_false(picture_path("/data", "", "", "", out, sizeof out));
    assert_string_equal(out, "");
    /* Too small a buffer: nothing rather than a cut path. */
    char tiny[8];
    assert_false(picture_path("/data", "", "meat", "food", tiny, sizeof tiny));
    assert_string_equal(tiny, "");
}

/* The demo catalogue imported into a real database and listed as the browse grid lists it:
 * most products get their own kind of picture, and the grid shows many different ones. */
static void most_demo_products_get_a_specific_picture_and_many_kinds_are_used(void **state) {
    (void)state;
    char path[1024];
    str_format(path, sizeof path, "%s/picture.db", test_tmpdir());
    db *d = test_open_db(path);
    FILE *report = tmpfile();
    assert_non_null(report);
    int imported = catalog_db_import(d, OCOP_SOURCE_DIR "/assets/catalog/catalog.csv",
                                     OCOP_SOURCE_DIR "/assets/catalog/capacity.csv", report);
    assert_true(imported >= 60); /* products imported */
    fclose(report);
    search_results r;
    ocop_error err;
    assert_int_equal(search_db_query(d, NULL, NULL, 0, -1, &r, &err), 0);
    assert_true(r.count >= 60);
    int specific = 0, distinct = 0;
    const char *seen[64];
    for (int i = 0; i < r.count; i++) {
        const product_card *c = &r.items[i];
        assert_string_equal(c->image, ""); /* nothing overrides the picked picture */
        if (!c->picture[0]) {
            printf("# no specific picture: %s (%s)\n", c->name_vi, c->group);
            continue;
        }
        specific++;
        bool known = false;
        for (int k = 0; k < distinct; k++) {
            known = known || strcmp(seen[k], c->picture) == 0;
        }
        if (!known && distinct < (int)OCOP_COUNT(seen)) {
            seen[distinct++] = c->picture;
        }
    }
    printf("# %d of %d demo products get a specific picture; %d kinds used\n", specific, r.count,
           distinct);
    assert_true(specific * 100 >= r.count * 80);
    assert_true(distinct >= 20);
    /* The product page's record picks the same picture as the card. */
    product_record p;
    assert_int_equal(catalog_db_get(d, r.items[0].code, &p, &err), 1);
    assert_string_equal(p.picture, r.items[0].picture);
    search_results_free(&r);
    db_close(d);
    test_tmpdir_remove();
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(demo_names_get_the_picture_of_what_they_are),
        cmocka_unit_test(common_ocop_products_elsewhere_get_their_kind),
        cmocka_unit_test(accents_and_case_do_not_matter_and_words_must_be_whole),
        cmocka_unit_test(a_word_with_two_meanings_is_only_trusted_inside_a_phrase),
        cmocka_unit_test(the_vietnamese_head_noun_wins_and_english_is_read_from_the_end),
        cmocka_unit_test(keywords_of_every_letter_at_any_word_start_are_found),
        cmocka_unit_test(a_name_no_rule_knows_gets_no_kind_so_the_group_picture_shows),
        cmocka_unit_test(every_kind_has_its_svg_and_every_svg_is_a_kind_or_a_group),
        cmocka_unit_test(an_organisers_image_wins_over_the_kind_and_the_kind_over_the_group),
        cmocka_unit_test(most_demo_products_get_a_specific_picture_and_many_kinds_are_used),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
