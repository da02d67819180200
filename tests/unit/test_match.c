/* test_match.c: the core of the instant match: ranking, splitting, share cap, minimum orders,
 * units, "why" strings and the JSON (no database: candidates are built here). */
#include "test_support.h"

#include "core/month.h"
#include "core/match.h"
#include "core/match_words.h"
#include "ui/ui_strings.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static const match_policy default_policy = {.max_share_percent = 50,
                                            .small_producer_capacity = 5000};

static match_candidate cand(const char *code, int stars, const char *province, double free_base,
                            int64_t price_min) {
    match_candidate c;
    memset(&c, 0, sizeof c);
    static int64_t next_id = 1;
    c.product_id = next_id++;
    str_copy(c.product, sizeof c.product, code);
    str_format(c.name_vi, sizeof c.name_vi, "Gạo %s", code);
    str_format(c.name_en, sizeof c.name_en, "Rice %s", code);
    str_format(c.producer, sizeof c.producer, "HTX %s", code);
    str_copy(c.province, sizeof c.province, province);
    c.stars = stars;
    str_copy(c.unit, sizeof c.unit, "kg");
    str_copy(c.base_unit, sizeof c.base_unit, "kg");
    c.base_per_unit = 1;
    c.price_min_vnd = price_min;
    c.price_max_vnd = price_min;
    for (int i = 0; i < MATCH_MAX_MONTHS; i++) {
        c.free_base[i] = free_base;
    }
    return c;
}

static inquiry_request request(const char *group, double qty, const char *unit,
                               const char *province) {
    inquiry_request in;
    memset(&in, 0, sizeof in);
    str_copy(in.group, sizeof in.group, group);
    in.quantity = qty;
    str_copy(in.unit, sizeof in.unit, unit);
    str_copy(in.month_from, sizeof in.month_from, "2026-12");
    str_copy(in.month_to, sizeof in.month_to, "2026-12");
    str_copy(in.buyer_province, sizeof in.buyer_province, province);
    str_copy(in.lang, sizeof in.lang, "en");
    return in;
}

/* The kiosk's string tables, to word what the core says in codes (match_words.h). */
static ui_strings *tables;
static void destroy_tables(void) {
    ui_strings_destroy(tables);
}

/* The words of line `i` of `r` (i < 0: of its reason) in `lang`, as the screens show them. The
 * text lives until the next call. */
static const char *words_in(const match_result *r, int i, const char *lang) {
    static char text[512];
    if (!tables) {
        ocop_error err;
        tables = ui_strings_load(OCOP_SOURCE_DIR "/kiosk-config", &err);
        if (!tables) {
            fail_msg("%s", err.msg);
        }
        atexit(destroy_tables);
    }
    match_words w = {.word = ui_strings_word_in, .ctx = tables, .lang = lang};
    if (i < 0) {
        match_words_reason(&r->reason, &w, text, sizeof text);
    } else {
        match_words_why(&r->lines[i].why, &w, text, sizeof text);
    }
    return text;
}
#define WHY(r, i) words_in(r, i, "en")
#define REASON(r) words_in(r, -1, "en")

static match_result *run(const inquiry_request *in, const match_candidate *c, int n,
                         const match_policy *policy) {
    match_result *r = malloc(sizeof *r);
    assert_non_null(r);
    match_compute(in, c, n, policy, r);
    return r;
}

static void more_stars_rank_first_even_when_farther_and_dearer(void **state) {
    (void)state;
    match_candidate c[] = {
        cand("NEAR3", 3, "Hà Nội", 100000, 10000),
        cand("FAR5", 5, "Cà Mau", 100000, 50000),
    };
    inquiry_request in = request("food", 1, "tấn", "Hà Nội");
    match_result *r = run(&in, c, 2, &default_policy);
    assert_int_equal(r->n_lines, 1);
    assert_string_equal(r->lines[0].product, "FAR5");
    assert_true(fabs(r->requested - 1000) < 1e-9);
    assert_true(fabs(r->covered - 1000) < 1e-9);
    assert_true(r->unmet == 0);
    free(r);
}

static void equal_stars_rank_by_coverage_then_same_province_then_distance_then_price(void **state) {
    (void)state;
    match_candidate c[] = {
        cand("PARTIAL", 4, "Hà Nội", 6000, 1000),    /* covers 60 %: last */
        cand("CHEAP_FAR", 4, "Cà Mau", 20000, 1000), /* far */
        cand("HCM_DEAR", 4, "Hồ Chí Minh", 20000, 9000),
        cand("HCM_CHEAP", 4, "TP HCM", 20000, 5000),
        cand("LOCAL", 4, "Bình Dương", 20000, 99000), /* old name, now Hồ Chí Minh */
    };
    inquiry_request in = request("food", 10, "tấn", "Hồ Chí Minh");
    match_policy all = {.max_share_percent = 100, .small_producer_capacity = 0};
    /* Ask for the ranking by taking one tonne at a time from a list that covers it all. */
    match_result *r = run(&in, c, 5, &all);
    assert_int_equal(r->n_lines, 1);
    /* Same unit (Bình Dương is in today's Hồ Chí Minh) but its old capital is not the centre:
     * all three are "same province"; LOCAL is the farthest of them, HCM_CHEAP cheaper. */
    assert_string_equal(r->lines[0].product, "HCM_CHEAP");
    free(r);
    /* Without the three same-province ones, the nearer Cà Mau beats nothing farther; the
     * partial one comes after full coverage although it is in Hà Nội. */
    match_candidate d[] = {c[0], c[1]};
    in.quantity = 30; /* 30 t: CHEAP_FAR covers 20 t, PARTIAL 6 t */
    r = run(&in, d, 2, &all);
    assert_int_equal(r->n_lines, 2);
    assert_string_equal(r->lines[0].product, "CHEAP_FAR");
    assert_string_equal(r->lines[1].product, "PARTIAL");
    assert_true(fabs(r->covered - 26000) < 1e-6);
    assert_true(fabs(r->unmet - 4000) < 1e-6);
    free(r);
}

static void a_quantity_one_producer_cannot_cover_is_split_over_several(void **state) {
    (void)state;
    match_candidate c[] = {
        cand("A", 5, "Hà Nội", 8000, 1000),
        cand("B", 4, "Hà Nội", 8000, 1000),
        cand("C", 3, "Hà Nội", 8000, 1000),
    };
    inquiry_request in = request("food", 20, "tấn", "Hà Nội");
    match_result *r = run(&in, c, 3, &default_policy);
    assert_int_equal(r->n_lines, 3);
    assert_true(fabs(r->lines[0].base_quantity - 8000) < 1e-9);
    assert_true(fabs(r->lines[1].base_quantity - 8000) < 1e-9);
    assert_true(fabs(r->lines[2].base_quantity - 4000) < 1e-9);
    assert_true(fabs(r->lines[2].quantity - 4) < 1e-9); /* in tấn, the inquiry's unit */
    assert_string_equal(r->lines[2].unit, "tấn");
    assert_true(fabs(r->covered - 20000) < 1e-9 && r->unmet == 0);
    free(r);
}

static void a_small_producer_gives_at_most_its_share_to_one_inquiry(void **state) {
    (void)state;
    match_candidate c[] = {cand("SMALL", 5, "Hà Nội", 1000, 1000)};
    inquiry_request in = request("food", 1, "tấn", "Hà Nội");
    match_result *r = run(&in, c, 1, &default_policy);
    assert_int_equal(r->n_lines, 1);
    assert_true(fabs(r->lines[0].base_quantity - 500) < 1e-9); /* 50 % of 1000 kg */
    assert_non_null(strstr(WHY(r, 0), "at most 50 % of a small producer's month"));
    assert_true(fabs(r->unmet - 500) < 1e-9);
    free(r);
    /* A large producer is not capped. */
    match_candidate big[] = {cand("BIG", 5, "Hà Nội", 6000, 1000)};
    in.quantity = 6;
    r = run(&in, big, 1, &default_policy);
    assert_true(fabs(r->covered - 6000) < 1e-9);
    assert_null(strstr(WHY(r, 0), "small producer"));
    free(r);
}

static void a_product_whose_share_would_be_below_its_minimum_order_is_skipped(void **state) {
    (void)state;
    match_candidate c[] = {cand("MOQ", 5, "Hà Nội", 100000, 1000),
                           cand("ANY", 3, "Hà Nội", 100000, 1000)};
    c[0].moq = 500; /* kg */
    inquiry_request in = request("food", 100, "kg", "Hà Nội");
    match_result *r = run(&in, c, 2, &default_policy);
    assert_int_equal(r->n_lines, 1);
    assert_string_equal(r->lines[0].product, "ANY");
    free(r);
    in.quantity = 600;
    r = run(&in, c, 2, &default_policy);
    assert_string_equal(r->lines[0].product, "MOQ");
    free(r);
}

static void a_product_sold_by_the_bottle_gives_whole_bottles(void **state) {
    (void)state;
    match_candidate c[] = {cand("MAM", 4, "Hà Nội", 100000, 30000)};
    str_copy(c[0].unit, sizeof c[0].unit, "chai");
    str_copy(c[0].measure, sizeof c[0].measure, "500 ml");
    str_copy(c[0].base_unit, sizeof c[0].base_unit, "l");
    c[0].base_per_unit = 0.5;
    c[0].free_base[0] = 10.3; /* small: 50 % is 5.15 l, i.e. 10 whole bottles (5 l) */
    inquiry_request in = request("beverages", 10.3, "l", "Hà Nội");
    match_result *r = run(&in, c, 1, &default_policy);
    assert_string_equal(r->base_unit, "l");
    assert_int_equal(r->n_lines, 1);
    assert_true(fabs(r->lines[0].base_quantity - 5.0) < 1e-9);
    free(r);
}

static void
kg_of_a_product_sold_by_the_piece_without_weight_is_refused_with_a_reason(void **state) {
    (void)state;
    match_candidate c[] = {cand("VASE", 4, "Hà Nội", 100000, 30000)};
    str_copy(c[0].unit, sizeof c[0].unit, "cái");
    str_copy(c[0].base_unit, sizeof c[0].base_unit, "piece");
    inquiry_request in = request("handicrafts", 50, "kg", "Hà Nội");
    match_result *r = run(&in, c, 1, &default_policy);
    assert_int_equal(r->n_lines, 0);
    assert_true(r->covered == 0 && fabs(r->unmet - 50) < 1e-9);
    assert_non_null(strstr(REASON(r), "VASE"));
    assert_string_equal(REASON(r), "VASE: sold by the piece, which cannot be converted to kg");
    free(r);
}

static void bottles_by_group_count_bottles_whatever_each_holds_and_skip_other_units(void **state) {
    (void)state;
    match_candidate c[] = {cand("HALF", 4, "Hà Nội", 100000, 30000),
                           cand("LITRE", 4, "Hà Nội", 100000, 50000),
                           cand("BOX", 5, "Hà Nội", 100000, 50000)};
    str_copy(c[0].unit, sizeof c[0].unit, "chai");
    str_copy(c[0].base_unit, sizeof c[0].base_unit, "l");
    c[0].base_per_unit = 0.5;
    c[0].free_base[0] = 30; /* 60 bottles */
    str_copy(c[1].unit, sizeof c[1].unit, "chai");
    str_copy(c[1].base_unit, sizeof c[1].base_unit, "l");
    c[1].base_per_unit = 1;
    str_copy(c[2].unit, sizeof c[2].unit, "hộp");
    str_copy(c[2].base_unit, sizeof c[2].base_unit, "kg");
    c[2].base_per_unit = 0.25;
    inquiry_request in = request("beverages", 100, "chai", "Hà Nội");
    match_policy all = {.max_share_percent = 100, .small_producer_capacity = 0};
    match_result *r = run(&in, c, 3, &all);
    assert_string_equal(r->base_unit, "piece");
    assert_true(fabs(r->requested - 100) < 1e-9);
    assert_int_equal(r->n_lines, 1);                   /* BOX (hộp) never converts to bottles */
    assert_string_equal(r->lines[0].product, "LITRE"); /* covers 100 %, HALF only 60 % */
    assert_true(fabs(r->lines[0].base_quantity - 100) < 1e-9);
    assert_true(fabs(r->lines[0].product_base_quantity - 100) < 1e-9); /* litres */
    free(r);
    /* One product by code: the answer is in its base (litres). */
    memset(in.group, 0, sizeof in.group);
    str_copy(in.product, sizeof in.product, "HALF");
    r = run(&in, c, 3, &all);
    assert_string_equal(r->base_unit, "l");
    assert_true(fabs(r->requested - 50) < 1e-9);
    assert_true(fabs(r->covered - 30) < 1e-9);
    assert_true(fabs(r->lines[0].quantity - 60) < 1e-9); /* bottles */
    free(r);
}

static void less_than_one_sale_unit_is_said_so_not_called_no_free_capacity(void **state) {
    (void)state;
    match_candidate c[] = {cand("MAM", 4, "Hà Nội", 100, 50000)};
    str_copy(c[0].unit, sizeof c[0].unit, "chai");
    str_copy(c[0].base_unit, sizeof c[0].base_unit, "l");
    str_copy(c[0].measure, sizeof c[0].measure, "500 ml");
    c[0].base_per_unit = 0.5;
    inquiry_request in = request("food", 0.3, "l", "Hà Nội"); /* 0.6 of a bottle */
    match_policy all = {.max_share_percent = 100, .small_producer_capacity = 0};
    match_result *r = run(&in, c, 1, &all);
    assert_int_equal(r->n_lines, 0);
    assert_non_null(strstr(REASON(r), "less than one sale unit"));
    free(r);
    c[0].moq = 10; /* 10 bottles at least: 2 l is below it */
    in.quantity = 2;
    r = run(&in, c, 1, &all);
    assert_int_equal(r->n_lines, 0);
    assert_non_null(strstr(REASON(r), "minimum order"));
    free(r);
    c[0].free_base[0] = 0; /* and with nothing free it is "no free capacity" again */
    r = run(&in, c, 1, &all);
    assert_string_equal(REASON(r), "No free capacity left in the months asked.");
    free(r);
}

static void stars_and_price_limits_filter_candidates(void **state) {
    (void)state;
    match_candidate c[] = {cand("LOW", 3, "Hà Nội", 100000, 1000),
                           cand("DEAR", 5, "Hà Nội", 100000, 99000),
                           cand("OK", 4, "Hà Nội", 100000, 20000)};
    inquiry_request in = request("food", 1, "kg", "Hà Nội");
    in.min_stars = 4;
    in.max_price_vnd = 50000;
    match_result *r = run(&in, c, 3, &default_policy);
    assert_int_equal(r->n_lines, 1);
    assert_string_equal(r->lines[0].product, "OK");
    free(r);
    in.min_stars = 5;
    r = run(&in, c, 3, &default_policy);
    assert_int_equal(r->n_lines, 0);
    assert_string_equal(REASON(r),
                        "No certified product fits this inquiry (product, stars, price).");
    free(r);
}

static void the_why_says_stars_coverage_province_and_price_in_the_buyers_language(void **state) {
    (void)state;
    match_candidate c[] = {cand("MAM", 4, "Hà Nội", 100000, 12000),
                           cand("FAR", 4, "Hồ Chí Minh", 3000, 12000)};
    str_copy(c[0].unit, sizeof c[0].unit, "chai");
    c[0].price_max_vnd = 15000;
    c[0].free_base[0] = 6000;
    inquiry_request in = request("food", 10, "tấn", "Hà Nội");
    match_result *r = run(&in, c, 2, &default_policy);
    assert_int_equal(r->n_lines, 2);
    assert_string_equal(WHY(r, 0), "4★ · covers 60 % · same province · 12,000–15,000 ₫/bottle");
    /* Hà Nội to Hồ Chí Minh City is over 1,000 km: grouped as the buyer reads numbers. */
    assert_non_null(strstr(WHY(r, 1), " · ~1,"));
    assert_non_null(strstr(WHY(r, 1), " km away"));
    free(r);
    str_copy(in.lang, sizeof in.lang, "vi");
    r = run(&in, c, 2, &default_policy);
    assert_string_equal(words_in(r, 0, "vi"),
                        "4★ · đáp ứng 60 % · cùng tỉnh · 12.000–15.000 ₫/chai");
    assert_non_null(strstr(words_in(r, 1, "vi"), " · cách ~1."));
    assert_string_equal(r->lines[0].name, "Gạo MAM");
    free(r);
}

static void the_core_says_why_in_codes_and_numbers_not_words(void **state) {
    (void)state;
    match_candidate c[] = {cand("MAM", 4, "Hà Nội", 100000, 12000),
                           cand("FAR", 4, "Hồ Chí Minh", 3000, 12000)};
    str_copy(c[0].unit, sizeof c[0].unit, "chai");
    c[0].price_max_vnd = 15000;
    c[0].free_base[0] = 6000;
    inquiry_request in = request("food", 10, "tấn", "Hà Nội");
    match_result *r = run(&in, c, 2, &default_policy);
    const match_why *w = &r->lines[0].why;
    assert_int_equal(w->stars, 4);
    assert_int_equal(w->covers_percent, 60);
    assert_true(w->same_province);
    assert_int_equal(w->distance_km, -1);
    assert_true(w->price_min_vnd == 12000 && w->price_max_vnd == 15000);
    assert_string_equal(w->price_unit, "chai");
    assert_int_equal(w->cap_percent, 0);
    assert_string_equal(w->text, "");
    w = &r->lines[1].why;
    assert_false(w->same_province);
    assert_true(w->distance_km > 1000 && w->distance_km < 2000);
    assert_int_equal(w->cap_percent, 50); /* 3,000 kg free is a small producer's month */
    assert_int_equal(r->reason.code, MATCH_REASON_NONE);
    /* The same facts whatever the language: only the names of products follow it. */
    str_copy(in.lang, sizeof in.lang, "vi");
    match_result *vi = run(&in, c, 2, &default_policy);
    assert_memory_equal(&vi->lines[1].why, &r->lines[1].why, sizeof r->lines[1].why);
    free(vi);
    free(r);
    /* A product sold by the box asked for in bottles: the code and what it needs to be worded. */
    str_copy(c[0].unit, sizeof c[0].unit, "hộp");
    str_copy(in.product, sizeof in.product, "MAM");
    str_copy(in.unit, sizeof in.unit, "chai");
    r = run(&in, c, 2, &default_policy);
    assert_int_equal(r->reason.code, MATCH_REASON_SOLD_BY);
    assert_string_equal(r->reason.product, "MAM");
    assert_string_equal(r->reason.unit, "hộp");
    assert_string_equal(r->reason.asked, "chai");
    assert_string_equal(words_in(r, -1, "vi"), "MAM: bán theo «hộp», không đổi được sang «chai»");
    assert_string_equal(REASON(r), "MAM: sold by the box, which cannot be converted to bottle");
    free(r);
}

/* A unit the units module refuses is a code and the unit it is too close to, worded by the
 * string tables in the screen's language; the same product sold by the piece with no weight
 * is refused kg as "sold by", with no English text from the units module on a Vietnamese
 * screen (issue 10). */
static void a_refused_unit_is_a_code_worded_in_the_screens_language(void **state) {
    (void)state;
    match_candidate c[] = {cand("VASE", 4, "Hà Nội", 100000, 30000)};
    inquiry_request in = request("food", 2, "tá", "Hà Nội");
    match_result *r = run(&in, c, 1, &default_policy);
    assert_int_equal(r->reason.code, MATCH_REASON_UNIT);
    assert_string_equal(r->reason.asked, "tá");
    assert_string_equal(r->reason.unit, "tạ");
    assert_string_equal(r->reason.detail, "");
    assert_string_equal(words_in(r, -1, "vi"), "«tá» quá giống đơn vị tạ nên không được tính là "
                                               "đơn vị đếm: nếu ý là tạ, hãy ghi đúng như vậy");
    assert_string_equal(REASON(r), "\"tá\" is too close to the unit tạ to be taken as a count: "
                                   "write tạ if that is meant");
    free(r);
    str_copy(in.unit, sizeof in.unit, "500 ml");
    r = run(&in, c, 1, &default_policy);
    assert_int_equal(r->reason.code, MATCH_REASON_UNIT);
    assert_string_equal(r->reason.unit, "");
    assert_string_equal(REASON(r),
                        "\"500 ml\" is not a unit: choose kg, L or the product's own unit "
                        "(bottle, box …)");
    free(r);
    str_copy(c[0].unit, sizeof c[0].unit, "cái");
    str_copy(c[0].base_unit, sizeof c[0].base_unit, "piece");
    str_copy(in.group, sizeof in.group, "handicrafts");
    str_copy(in.unit, sizeof in.unit, "kg");
    r = run(&in, c, 1, &default_policy);
    assert_int_equal(r->reason.code, MATCH_REASON_SOLD_BY);
    assert_string_equal(words_in(r, -1, "vi"), "VASE: bán theo «cái», không đổi được sang «kg»");
    free(r);
    /* A product measured by volume asked for by weight. */
    str_copy(c[0].unit, sizeof c[0].unit, "chai");
    str_copy(c[0].base_unit, sizeof c[0].base_unit, "l");
    str_copy(in.group, sizeof in.group, "food");
    r = run(&in, c, 1, &default_policy);
    assert_int_equal(r->reason.code, MATCH_REASON_MEASURED_IN);
    assert_string_equal(words_in(r, -1, "vi"), "VASE: tính theo lít, không đổi được sang kg");
    assert_string_equal(REASON(r), "VASE: measured in L, which cannot be converted to kg");
    free(r);
}

static void a_stored_match_keeps_its_facts_and_an_older_one_its_words(void **state) {
    (void)state;
    match_candidate c[] = {cand("MAM", 4, "Hà Nội", 100000, 12000),
                           cand("FAR", 4, "Hồ Chí Minh", 3000, 12000)};
    inquiry_request in = request("food", 10, "tấn", "Hà Nội");
    match_result *r = run(&in, c, 2, &default_policy);
    char *json = match_result_to_json(r);
    match_result *back = malloc(sizeof *back);
    assert_non_null(back);
    match_result_from_json(json, back);
    assert_int_equal(back->n_lines, r->n_lines);
    for (int i = 0; i < r->n_lines; i++) {
        assert_memory_equal(&back->lines[i].why, &r->lines[i].why, sizeof r->lines[i].why);
    }
    free(json);
    free(r);
    in.min_stars = 5; /* nothing fits: a reason code */
    r = run(&in, c, 2, &default_policy);
    json = match_result_to_json(r);
    match_result_from_json(json, back);
    assert_int_equal(back->reason.code, MATCH_REASON_NO_FIT);
    free(json);
    free(r);
    /* A database written before the codes: its words, read and shown as they are. */
    match_result_from_json("{\"requested\":1,\"lines\":[{\"product\":\"A\",\"why\":\"4★ · x\"}],"
                           "\"reason\":\"Không còn\"}",
                           back);
    assert_int_equal(back->reason.code, MATCH_REASON_TEXT);
    assert_string_equal(REASON(back), "Không còn");
    assert_string_equal(WHY(back, 0), "4★ · x");
    char *again = match_result_to_json(back);
    assert_non_null(strstr(again, "\"why\":\"4★ · x\""));
    assert_non_null(strstr(again, "\"reason\":\"Không còn\""));
    free(again);
    free(back);
}

static void a_window_is_filled_month_by_month(void **state) {
    (void)state;
    match_candidate c[] = {cand("A", 5, "Hà Nội", 6000, 1000)};
    c[0].free_base[0] = 0;
    c[0].free_base[1] = 7000;
    c[0].free_base[2] = 9000;
    inquiry_request in = request("food", 10, "tấn", "Hà Nội");
    str_copy(in.month_from, sizeof in.month_from, "2026-11");
    str_copy(in.month_to, sizeof in.month_to, "2027-01");
    match_result *r = run(&in, c, 1, &default_policy);
    assert_int_equal(r->n_lines, 2);
    assert_string_equal(r->lines[0].month, "2026-12");
    assert_string_equal(r->lines[1].month, "2027-01");
    assert_true(fabs(r->lines[0].base_quantity - 7000) < 1e-9);
    assert_true(fabs(r->lines[1].base_quantity - 3000) < 1e-9);
    free(r);
    char m[8];
    month_add("2026-12", 2, m);
    assert_string_equal(m, "2027-02");
    month_add("2027-01", -1, m);
    assert_string_equal(m, "2026-12");
}

static void the_json_has_the_contract_fields(void **state) {
    (void)state;
    match_candidate c[] = {cand("A", 5, "Hà Nội", 100000, 1000)};
    inquiry_request in = request("food", 2, "tấn", "Hà Nội");
    match_result *r = run(&in, c, 1, &default_policy);
    char *json = match_result_to_json(r);
    cJSON *root = cJSON_Parse(json);
    assert_non_null(root);
    assert_true(cJSON_GetObjectItem(root, "requested")->valuedouble == 2000);
    assert_string_equal(cJSON_GetObjectItem(root, "unit")->valuestring, "tấn");
    assert_string_equal(cJSON_GetObjectItem(root, "base_unit")->valuestring, "kg");
    assert_true(cJSON_GetObjectItem(root, "covered")->valuedouble == 2000);
    assert_true(cJSON_GetObjectItem(root, "unmet")->valuedouble == 0);
    cJSON *line = cJSON_GetArrayItem(cJSON_GetObjectItem(root, "lines"), 0);
    const char *keys[] = {"product", "producer",      "month", "quantity",
                          "unit",    "base_quantity", "why"};
    for (size_t i = 0; i < OCOP_COUNT(keys); i++) {
        assert_non_null(cJSON_GetObjectItem(line, keys[i]));
    }
    assert_true(cJSON_GetObjectItem(line, "quantity")->valuedouble == 2);
    cJSON_Delete(root);
    free(json);
    free(r);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(more_stars_rank_first_even_when_farther_and_dearer),
        cmocka_unit_test(equal_stars_rank_by_coverage_then_same_province_then_distance_then_price),
        cmocka_unit_test(a_quantity_one_producer_cannot_cover_is_split_over_several),
        cmocka_unit_test(a_small_producer_gives_at_most_its_share_to_one_inquiry),
        cmocka_unit_test(a_product_whose_share_would_be_below_its_minimum_order_is_skipped),
        cmocka_unit_test(a_product_sold_by_the_bottle_gives_whole_bottles),
        cmocka_unit_test(kg_of_a_product_sold_by_the_piece_without_weight_is_refused_with_a_reason),
        cmocka_unit_test(a_refused_unit_is_a_code_worded_in_the_screens_language),
        cmocka_unit_test(less_than_one_sale_unit_is_said_so_not_called_no_free_capacity),
        cmocka_unit_test(bottles_by_group_count_bottles_whatever_each_holds_and_skip_other_units),
        cmocka_unit_test(stars_and_price_limits_filter_candidates),
        cmocka_unit_test(the_why_says_stars_coverage_province_and_price_in_the_buyers_language),
        cmocka_unit_test(the_core_says_why_in_codes_and_numbers_not_words),
        cmocka_unit_test(a_stored_match_keeps_its_facts_and_an_older_one_its_words),
        cmocka_unit_test(a_window_is_filled_month_by_month),
        cmocka_unit_test(the_json_has_the_contract_fields),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
