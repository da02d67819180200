/* test_match_db.c: free capacity accounting (declared − batch − unexpired holds of others),
 * inquiries with holds in one transaction (also across processes), expiry, unmet demand and the
 * query plans of the instant match. Catalogue rows are inserted with SQL here. */
#include "test_support.h"

#include "db/db_internal.h"
#include "db/catalog_db.h"
#include "db/alloc_db.h"
#include "db/match_db.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* 2026-11-29T12:00:00Z, the fake "now" of these tests. */
#define NOW  INT64_C(1795953600)
#define DAYS (INT64_C(86400))

typedef struct fixture {
    char path[512];
    db *d;
    kiosk_config cfg;
} fixture;

static void exec(db *d, char *sql) {
    ocop_error err;
    if (db_exec(d, sql, &err) != 0) {
        fail_msg("%s", err.msg);
    }
    sqlite3_free(sql);
}

static void add_product(db *d, const char *code, const char *producer, const char *province,
                        const char *grp, int stars, double moq, const char *cert_expiry) {
    exec(d, sqlite3_mprintf("INSERT OR IGNORE INTO producer (name, province, phone)"
                            " VALUES (%Q, %Q, '+84912345678')",
                            producer, province));
    exec(d, sqlite3_mprintf(
                "INSERT INTO product (code, producer_id, name_vi, grp, stars, unit, base_unit,"
                " base_per_unit, price_min_vnd, price_max_vnd, moq, cert_expiry, name_folded,"
                " updated_at) SELECT %Q, id, %Q, %Q, %d, 'kg', 'kg', 1, 20000, 25000, %f, %Q,"
                " fold(%Q), '2026-01-01T00:00:00Z' FROM producer WHERE name = %Q",
                code, code, grp, stars, moq, cert_expiry, code, producer));
}

static void add_capacity(db *d, const char *code, const char *month, double kg) {
    exec(d, sqlite3_mprintf("INSERT INTO capacity (product_id, month, quantity, unit,"
                            " base_quantity) SELECT id, %Q, %f, 'kg', %f FROM product"
                            " WHERE code = %Q",
                            month, kg, kg, code));
}

static int setup(void **state) {
    fixture *f = calloc(1, sizeof *f);
    str_format(f->path, sizeof f->path, "%s/match.db", test_tmpdir());
    f->d = test_open_db(f->path);
    config_defaults(&f->cfg);
    str_copy(f->cfg.kiosk_id, sizeof f->cfg.kiosk_id, "test-kiosk");
    *state = f;
    return 0;
}

static int teardown(void **state) {
    fixture *f = *state;
    db_close(f->d);
    free(f);
    test_tmpdir_remove();
    return 0;
}

static inquiry_request lead(const char *product, double kg, const char *from, const char *to) {
    inquiry_request in;
    memset(&in, 0, sizeof in);
    str_copy(in.buyer_name, sizeof in.buyer_name, "Nguyễn Văn A");
    str_copy(in.buyer_phone, sizeof in.buyer_phone, "0912 345 678");
    str_copy(in.buyer_province, sizeof in.buyer_province, "Hà Nội");
    str_copy(in.product, sizeof in.product, product);
    in.quantity = kg;
    str_copy(in.unit, sizeof in.unit, "kg");
    str_copy(in.month_from, sizeof in.month_from, from);
    str_copy(in.month_to, sizeof in.month_to, to);
    str_copy(in.lang, sizeof in.lang, "en");
    return in;
}

static double free_in(db *d, const char *product, const char *month, int64_t now,
                      const char *self) {
    inquiry_request in = lead(product, 1, month, month);
    match_candidate *c;
    int n;
    ocop_error err;
    assert_int_equal(match_db_candidates(d, &in, now, self, NULL, &c, &n, &err), 0);
    double v = n > 0 ? c[0].free_base[0] : 0;
    free(c);
    return v;
}

static int64_t count(db *d, const char *sql) {
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db_handle(d), sql, -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    int64_t v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

static void free_capacity_is_declared_minus_batch_minus_unexpired_holds_of_others(void **state) {
    fixture *f = *state;
    add_product(f->d, "RICE", "HTX Lúa", "Cần Thơ", "food", 4, 0, NULL);
    add_capacity(f->d, "RICE", "2026-12", 10000);
    add_capacity(f->d, "RICE", "*", 3000);
    assert_true(free_in(f->d, "RICE", "2026-12", NOW, NULL) == 10000);
    assert_true(free_in(f->d, "RICE", "2027-01", NOW, NULL) == 3000); /* the '*' default */
    exec(f->d, sqlite3_mprintf(
                   "INSERT INTO inquiry (id, kiosk_id, created_at, product_code, quantity, unit,"
                   " month_from, month_to) VALUES ('i1', 'k', 'x', 'RICE', 1, 'kg', '2026-12',"
                   " '2026-12'), ('i2', 'k', 'x', 'RICE', 1, 'kg', '2026-12', '2026-12')"));
    exec(f->d, sqlite3_mprintf(
                   "INSERT INTO hold (inquiry_id, product_id, month, base_quantity, kind,"
                   " created_at, expires_at) SELECT 'i1', id, '2026-12', 2000, 'batch', 'x', NULL"
                   " FROM product UNION ALL SELECT 'i2', id, '2026-12', 1500, 'instant', 'x',"
                   " '2026-12-13T12:00:00Z' FROM product UNION ALL SELECT 'i2', id, '2026-12',"
                   " 700, 'instant', 'x', '2026-11-01T00:00:00Z' FROM product"));
    /* 10000 − 2000 batch − 1500 live hold; the expired 700 does not count. */
    assert_true(free_in(f->d, "RICE", "2026-12", NOW, NULL) == 6500);
    /* The holds of the inquiry itself are not "other" holds. */
    assert_true(free_in(f->d, "RICE", "2026-12", NOW, "i2") == 8000);
    /* After the hold expires, only the batch allocation remains. */
    assert_true(free_in(f->d, "RICE", "2026-12", NOW + 15 * DAYS, NULL) == 8000);
    /* Sweeping removes only expired instant holds. */
    ocop_error err;
    assert_int_equal(match_db_sweep_holds(f->d, NOW, &err), 1);
    assert_int_equal(count(f->d, "SELECT COUNT(*) FROM hold"), 2);
}

static void the_product_screen_capacity_gives_declared_and_free_per_month(void **state) {
    fixture *f = *state;
    add_product(f->d, "RICE", "HTX Lúa", "Cần Thơ", "food", 4, 0, NULL);
    add_product(f->d, "NONE", "HTX Lúa", "Cần Thơ", "food", 4, 0, NULL);
    add_capacity(f->d, "RICE", "2026-12", 10000);
    add_capacity(f->d, "RICE", "*", 3000);
    exec(f->d, sqlite3_mprintf(
                   "INSERT INTO inquiry (id, kiosk_id, created_at, product_code, quantity, unit,"
                   " month_from, month_to) VALUES ('i1', 'k', 'x', 'RICE', 1, 'kg', '2026-12',"
                   " '2027-01')"));
    exec(f->d, sqlite3_mprintf(
                   "INSERT INTO hold (inquiry_id, product_id, month, base_quantity, kind,"
                   " created_at, expires_at) SELECT 'i1', id, '2026-12', 2000, 'batch', 'x', NULL"
                   " FROM product WHERE code = 'RICE' UNION ALL SELECT 'i1', id, '2027-01', 3500,"
                   " 'instant', 'x', '2026-12-13T12:00:00Z' FROM product WHERE code = 'RICE'"));
    product_record rice, none;
    ocop_error err;
    assert_int_equal(catalog_db_get(f->d, "RICE", &rice, &err), 1);
    assert_int_equal(catalog_db_get(f->d, "NONE", &none, &err), 1);
    double declared[2], free_base[2];
    assert_int_equal(match_db_capacity(f->d, rice.id, "2026-12", 2, NOW, declared, free_base, &err),
                     0);
    assert_true(declared[0] == 10000 && declared[1] == 3000); /* the month, then the default */
    assert_true(free_base[0] == 8000);                        /* less the batch allocation */
    assert_true(free_base[1] == 0);                           /* over-held: never below 0 */
    assert_int_equal(match_db_capacity(f->d, none.id, "2026-12", 2, NOW, declared, free_base, &err),
                     0);
    assert_true(declared[0] == 0 && declared[1] == 0 && free_base[0] == 0 && free_base[1] == 0);
    assert_int_equal(match_db_capacity(f->d, rice.id, "2026-13", 2, NOW, declared, free_base, &err),
                     -1);
    assert_non_null(strstr(err.msg, "2026-13"));
}

static void an_inquiry_is_recorded_with_holds_that_later_inquiries_cannot_take(void **state) {
    fixture *f = *state;
    add_product(f->d, "TEA", "HTX Chè", "Thái Nguyên", "beverages", 5, 0, NULL);
    add_capacity(f->d, "TEA", "2026-12", 8000);
    inquiry_request in = lead("TEA", 6000, "2026-12", "2026-12");
    match_result r;
    char id[MATCH_DB_ID_SIZE];
    ocop_error err;
    assert_int_equal(match_db_record_inquiry(f->d, &in, NOW, &f->cfg, id, &r, &err), 0);
    assert_int_equal(strlen(id), 36);
    assert_int_equal(id[14], '4'); /* UUID version 4 */
    assert_true(r.covered == 6000);
    assert_int_equal(count(f->d, "SELECT COUNT(*) FROM inquiry WHERE kiosk_id = 'test-kiosk'"
                                 " AND created_at = '2026-11-29T12:00:00Z' AND buyer_phone ="
                                 " '+84912345678' AND match_json LIKE '{\"requested\":6000%'"),
                     1);
    assert_int_equal(count(f->d, "SELECT COUNT(*) FROM hold WHERE kind = 'instant' AND"
                                 " base_quantity = 6000 AND expires_at = '2026-12-13T12:00:00Z'"),
                     1);
    /* The next buyer sees 2000 kg free (large producer: 8000 ≥ 5000, no cap on the first),
     * then a small remainder and the 50 % cap. */
    inquiry_request second = lead("TEA", 6000, "2026-12", "2026-12");
    assert_int_equal(match_db_record_inquiry(f->d, &second, NOW, &f->cfg, id, &r, &err), 0);
    assert_true(fabs(r.covered - 1000) < 1e-9); /* 2000 free is small: at most 50 % */
    assert_true(fabs(r.unmet - 5000) < 1e-9);
    /* 15 days later the holds have expired: all 8000 kg are free again. */
    assert_true(free_in(f->d, "TEA", "2026-12", NOW + 15 * DAYS, NULL) == 8000);
}

static void submitting_again_edits_the_lead_and_replaces_its_holds(void **state) {
    fixture *f = *state;
    add_product(f->d, "TEA", "HTX Chè", "Thái Nguyên", "beverages", 5, 0, NULL);
    add_capacity(f->d, "TEA", "2026-12", 8000);
    inquiry_request in = lead("TEA", 6000, "2026-12", "2026-12");
    match_result r;
    char id[MATCH_DB_ID_SIZE], again[MATCH_DB_ID_SIZE];
    ocop_error err;
    assert_int_equal(match_db_save_inquiry(f->d, &in, NOW, &f->cfg, NULL, id, &r, &err), 0);
    exec(f->d, sqlite3_mprintf("UPDATE inquiry SET exported_at = '2026-11-29T12:30:00Z'"));
    /* The buyer goes back and asks for 7000 kg: its own 6000 kg hold is free to it again (a
     * new lead would have seen 2000 kg free). */
    in = lead("TEA", 7000, "2026-12", "2026-12");
    assert_int_equal(match_db_save_inquiry(f->d, &in, NOW + 3600, &f->cfg, id, again, &r, &err), 0);
    assert_string_equal(again, id);
    assert_true(r.covered == 7000);
    assert_int_equal(count(f->d, "SELECT COUNT(*) FROM inquiry"), 1);
    assert_int_equal(count(f->d, "SELECT COUNT(*) FROM inquiry WHERE quantity = 7000 AND"
                                 " created_at = '2026-11-29T12:00:00Z' AND exported_at IS NULL"
                                 " AND match_json LIKE '{\"requested\":7000%'"),
                     1);
    assert_int_equal(count(f->d, "SELECT COUNT(*) FROM hold"), 1);
    assert_int_equal(count(f->d, "SELECT SUM(base_quantity) FROM hold WHERE expires_at ="
                                 " '2026-12-13T13:00:00Z'"),
                     7000);
    assert_true(free_in(f->d, "TEA", "2026-12", NOW + 3600, NULL) == 1000);
    /* The same again (a double tap) changes nothing. */
    assert_int_equal(match_db_save_inquiry(f->d, &in, NOW + 3600, &f->cfg, id, again, &r, &err), 0);
    assert_int_equal(count(f->d, "SELECT COUNT(*) FROM inquiry"), 1);
    assert_int_equal(count(f->d, "SELECT SUM(base_quantity) FROM hold"), 7000);
    /* A failed edit (a bad field) changes nothing either. */
    inquiry_request bad = lead("TEA", 10, "2026-12", "2026-12");
    memset(bad.buyer_phone, 0, sizeof bad.buyer_phone);
    assert_int_equal(match_db_save_inquiry(f->d, &bad, NOW, &f->cfg, id, again, &r, &err), -1);
    assert_int_equal(count(f->d, "SELECT SUM(base_quantity) FROM hold"), 7000);
    /* A lead no longer open is not rewritten: the submission is a new lead. */
    exec(f->d, sqlite3_mprintf("UPDATE inquiry SET status = 'closed'"));
    in = lead("TEA", 500, "2026-12", "2026-12");
    assert_int_equal(match_db_save_inquiry(f->d, &in, NOW, &f->cfg, id, again, &r, &err), 0);
    assert_string_not_equal(again, id);
    assert_int_equal(count(f->d, "SELECT COUNT(*) FROM inquiry"), 2);
}

static void a_bad_inquiry_is_refused_with_the_field_and_writes_nothing(void **state) {
    fixture *f = *state;
    add_product(f->d, "TEA", "HTX Chè", "Thái Nguyên", "beverages", 5, 0, NULL);
    add_capacity(f->d, "TEA", "2026-12", 8000);
    inquiry_request in = lead("TEA", 10, "2026-12", "2026-12");
    memset(in.buyer_phone, 0, sizeof in.buyer_phone);
    match_result r;
    char id[MATCH_DB_ID_SIZE];
    ocop_error err;
    assert_int_equal(match_db_record_inquiry(f->d, &in, NOW, &f->cfg, id, &r, &err), -1);
    assert_non_null(strstr(err.msg, "buyer.phone"));
    in = lead("TEA", 10, "2027-02", "2026-12");
    assert_int_equal(match_db_record_inquiry(f->d, &in, NOW, &f->cfg, id, &r, &err), -1);
    assert_non_null(strstr(err.msg, "months"));
    assert_int_equal(count(f->d, "SELECT COUNT(*) FROM inquiry"), 0);
    assert_int_equal(count(f->d, "SELECT COUNT(*) FROM hold"), 0);
}

static void a_kiosk_without_an_id_makes_one_and_keeps_it(void **state) {
    fixture *f = *state;
    add_product(f->d, "TEA", "HTX Chè", "Thái Nguyên", "beverages", 5, 0, NULL);
    f->cfg.kiosk_id[0] = '\0';
    match_result r;
    char id[MATCH_DB_ID_SIZE];
    ocop_error err;
    for (int i = 0; i < 2; i++) {
        inquiry_request in = lead("TEA", 10, "2026-12", "2026-12");
        assert_int_equal(match_db_record_inquiry(f->d, &in, NOW, &f->cfg, id, &r, &err), 0);
        assert_true(r.n_lines == 0 && r.unmet == 10); /* no capacity declared */
    }
    char *kiosk = db_setting_get(f->d, "kiosk_id");
    assert_non_null(kiosk);
    assert_true(str_starts(kiosk, "kiosk-"));
    free(kiosk);
    assert_int_equal(count(f->d, "SELECT COUNT(DISTINCT kiosk_id) FROM inquiry"), 1);
}

static void an_expired_certificate_or_too_few_stars_is_not_a_candidate(void **state) {
    fixture *f = *state;
    add_product(f->d, "OLD", "HTX Cũ", "Huế", "food", 5, 0, "2026-01-31");
    add_product(f->d, "NEW", "HTX Mới", "Huế", "food", 3, 0, "2028-01-31");
    add_capacity(f->d, "OLD", "*", 9000);
    add_capacity(f->d, "NEW", "*", 9000);
    inquiry_request in = lead("", 100, "2026-12", "2026-12");
    str_copy(in.group, sizeof in.group, "food");
    match_result r;
    ocop_error err;
    assert_int_equal(match_db_run(f->d, &in, NOW, &f->cfg, &r, &err), 0);
    assert_int_equal(r.n_lines, 1);
    assert_string_equal(r.lines[0].product, "NEW");
    in.min_stars = 4;
    assert_int_equal(match_db_run(f->d, &in, NOW, &f->cfg, &r, &err), 0);
    assert_int_equal(r.n_lines, 0);
}

static void a_group_match_read_level_by_level_equals_the_match_on_every_candidate(void **state) {
    fixture *f = *state;
    add_product(f->d, "S5A", "HTX 5A", "Hà Nội", "food", 5, 0, NULL);
    add_product(f->d, "S5B", "HTX 5B", "Huế", "food", 5, 200, NULL);
    add_product(f->d, "S4", "HTX 4", "Hà Nội", "food", 4, 0, NULL);
    add_product(f->d, "S3", "HTX 3", "Hà Nội", "food", 3, 0, NULL);
    add_capacity(f->d, "S5A", "*", 3000);
    add_capacity(f->d, "S5B", "2026-12", 9000);
    add_capacity(f->d, "S4", "*", 20000);
    add_capacity(f->d, "S3", "*", 20000);
    match_policy policy = match_db_policy(&f->cfg);
    double asks[] = {100, 1500, 9000, 30000, 60000};
    for (size_t k = 0; k < OCOP_COUNT(asks); k++) {
        inquiry_request in = lead("", asks[k], "2026-12", "2027-01");
        str_copy(in.group, sizeof in.group, "food");
        match_result fast, full;
        ocop_error err;
        assert_int_equal(match_db_run(f->d, &in, NOW, &f->cfg, &fast, &err), 0);
        match_candidate *c;
        int n;
        assert_int_equal(match_db_candidates(f->d, &in, NOW, NULL, NULL, &c, &n, &err), 0);
        assert_int_equal(n, 4);
        match_compute(&in, c, n, &policy, &full);
        free(c);
        assert_int_equal(fast.n_lines, full.n_lines);
        assert_true(fast.covered == full.covered);
        for (int i = 0; i < fast.n_lines; i++) {
            assert_string_equal(fast.lines[i].product, full.lines[i].product);
            assert_string_equal(fast.lines[i].month, full.lines[i].month);
            assert_true(fast.lines[i].base_quantity == full.lines[i].base_quantity);
            assert_memory_equal(&fast.lines[i].why, &full.lines[i].why, sizeof full.lines[i].why);
        }
    }
}

static void free_text_finds_products_by_name_without_accents(void **state) {
    fixture *f = *state;
    add_product(f->d, "Mật hoa dừa Trà Vinh", "HTX Dừa", "Trà Vinh", "food", 4, 0, NULL);
    add_capacity(f->d, "Mật hoa dừa Trà Vinh", "*", 9000);
    inquiry_request in = lead("", 100, "2026-12", "2026-12");
    str_copy(in.query, sizeof in.query, "mat hoa dua");
    match_result r;
    ocop_error err;
    assert_int_equal(match_db_run(f->d, &in, NOW, &f->cfg, &r, &err), 0);
    assert_int_equal(r.n_lines, 1);
    str_copy(in.query, sizeof in.query, "100% dừa");
    assert_int_equal(match_db_run(f->d, &in, NOW, &f->cfg, &r, &err), 0);
    assert_int_equal(r.n_lines, 0); /* '%' is literal text, not a wildcard */
}

static void unmet_demand_is_summed_by_product_and_month(void **state) {
    fixture *f = *state;
    add_product(f->d, "TEA", "HTX Chè", "Thái Nguyên", "beverages", 5, 0, NULL);
    add_capacity(f->d, "TEA", "2026-12", 8000);
    match_result r;
    char id[MATCH_DB_ID_SIZE];
    ocop_error err;
    /* 10 t over Dec–Jan: 8000 kg held in Dec; 2000 kg unmet, 1000 kg in each month. */
    inquiry_request in = lead("TEA", 10000, "2026-12", "2027-01");
    assert_int_equal(match_db_record_inquiry(f->d, &in, NOW, &f->cfg, id, &r, &err), 0);
    assert_true(r.covered == 8000);
    /* A second inquiry for January gets nothing: 500 kg unmet in January. */
    in = lead("TEA", 500, "2027-01", "2027-01");
    assert_int_equal(match_db_record_inquiry(f->d, &in, NOW, &f->cfg, id, &r, &err), 0);
    unmet_item *items;
    int n;
    assert_int_equal(match_db_unmet(f->d, NOW, &items, &n, &err), 0);
    assert_int_equal(n, 2);
    assert_string_equal(items[0].kind, "product");
    assert_string_equal(items[0].key, "TEA");
    assert_string_equal(items[0].month, "2026-12");
    assert_true(fabs(items[0].base_quantity - 1000) < 1e-9);
    assert_int_equal(items[0].inquiries, 1);
    assert_string_equal(items[1].month, "2027-01");
    assert_true(fabs(items[1].base_quantity - 1500) < 1e-9);
    assert_int_equal(items[1].inquiries, 2);
    assert_string_equal(items[1].base_unit, "kg");
    free(items);
    /* When the holds expire, the whole demand is unmet again. */
    assert_int_equal(match_db_unmet(f->d, NOW + 30 * DAYS, &items, &n, &err), 0);
    assert_true(fabs(items[0].base_quantity - 5000) < 1e-9);
    free(items);
}

static void the_instant_match_queries_use_indexes_not_full_scans(void **state) {
    fixture *f = *state;
    ocop_error err;
    char *plans = match_db_explain(f->d, &err);
    assert_non_null(plans);
    /* Every statement searches by an index; none scans product, producer or capacity. */
    assert_null(strstr(plans, "SCAN p "));
    assert_null(strstr(plans, "SCAN p\n"));
    assert_null(strstr(plans, "SCAN pr"));
    assert_null(strstr(plans, "SCAN product"));
    assert_null(strstr(plans, "SCAN capacity"));
    assert_null(strstr(plans, "SCAN hold"));
    assert_non_null(strstr(plans, "by_product: SEARCH p USING INDEX sqlite_autoindex_product"));
    assert_non_null(strstr(
        plans, "group_capacity: SEARCH p USING COVERING INDEX product_match (grp=? AND stars=?)"));
    assert_non_null(strstr(plans, "group_capacity: SEARCH c USING PRIMARY KEY"));
    assert_non_null(strstr(plans, "group_held: SEARCH h USING INDEX hold_product_month"));
    assert_non_null(strstr(plans, "details: SEARCH p USING INTEGER PRIMARY KEY"));
    assert_non_null(strstr(plans, "capacity: SEARCH capacity USING PRIMARY KEY"));
    assert_non_null(strstr(plans, "held: SEARCH hold USING INDEX hold_product_month"));
    free(plans);
}

static void allocate_is_a_dry_run_unless_committed_and_commit_replaces_holds(void **state) {
    fixture *f = *state;
    add_product(f->d, "RICE", "HTX Lúa", "Hà Nội", "food", 4, 0, NULL);
    add_product(f->d, "RICE2", "HTX Lúa 2", "Cà Mau", "food", 4, 0, NULL);
    add_capacity(f->d, "RICE", "2026-12", 6000);
    add_capacity(f->d, "RICE2", "2026-12", 6000);
    match_result r;
    char id[MATCH_DB_ID_SIZE];
    ocop_error err;
    inquiry_request a = lead("RICE", 5000, "2026-12", "2026-12");
    assert_int_equal(match_db_record_inquiry(f->d, &a, NOW, &f->cfg, id, &r, &err), 0);
    inquiry_request b = lead("", 5000, "2026-12", "2026-12");
    str_copy(b.group, sizeof b.group, "food");
    assert_int_equal(match_db_record_inquiry(f->d, &b, NOW, &f->cfg, id, &r, &err), 0);
    int64_t holds = count(f->d, "SELECT COUNT(*) FROM hold");

    alloc_db_batch m;
    const alloc_db_options dry = {0}, commit = {.commit = true};
    assert_int_equal(alloc_db_run(f->d, NOW, &dry, &m, &err), 0);
    assert_true(m.optimal);
    assert_int_equal(m.n_shrink, 0);
    assert_false(m.committed);
    assert_int_equal(m.inquiries, 2);
    /* 10 t asked, 12 t free: everything is allocated; RICE must serve the product inquiry. */
    assert_true(fabs(m.allocated - 10000) < 1e-6);
    alloc_db_batch_free(&m);
    assert_int_equal(count(f->d, "SELECT COUNT(*) FROM hold"), holds);
    assert_int_equal(count(f->d, "SELECT COUNT(*) FROM hold WHERE kind = 'batch'"), 0);
    assert_int_equal(count(f->d, "SELECT COUNT(*) FROM inquiry WHERE status = 'open'"), 2);

    assert_int_equal(alloc_db_run(f->d, NOW, &commit, &m, &err), 0);
    assert_true(m.committed);
    alloc_db_batch_free(&m);
    assert_int_equal(count(f->d, "SELECT COUNT(*) FROM hold WHERE kind = 'instant'"), 0);
    assert_int_equal(count(f->d, "SELECT CAST(SUM(base_quantity) AS INTEGER) FROM hold"
                                 " WHERE kind = 'batch'"),
                     10000);
    assert_int_equal(count(f->d, "SELECT COUNT(*) FROM inquiry WHERE status = 'allocated'"), 2);
    /* Batch allocations never expire: two years later 2 t are still all that is free. */
    assert_true(free_in(f->d, "RICE", "2026-12", NOW + 730 * DAYS, NULL) +
                    free_in(f->d, "RICE2", "2026-12", NOW + 730 * DAYS, NULL) ==
                2000);
    /* Nothing is open any more. */
    assert_int_equal(alloc_db_run(f->d, NOW, &dry, &m, &err), 0);
    assert_int_equal(m.inquiries, 0);
    alloc_db_batch_free(&m);
}

static void a_promise_is_a_quantity_the_batch_may_serve_from_a_nearer_producer(void **state) {
    fixture *f = *state;
    add_product(f->d, "FAR", "HTX Xa", "Cà Mau", "food", 4, 0, NULL);
    add_product(f->d, "NEAR", "HTX Gần", "Hà Nội", "food", 4, 0, NULL);
    add_capacity(f->d, "FAR", "2026-12", 9000);
    add_capacity(f->d, "NEAR", "2026-12", 9000);
    f->cfg.small_producer_capacity = 0;
    match_result r;
    char id[MATCH_DB_ID_SIZE];
    ocop_error err;
    /* The instant match holds FAR (Cà Mau buyer, same province). */
    inquiry_request a = lead("", 3000, "2026-12", "2026-12");
    str_copy(a.group, sizeof a.group, "food");
    str_copy(a.buyer_province, sizeof a.buyer_province, "Cà Mau");
    assert_int_equal(match_db_record_inquiry(f->d, &a, NOW, &f->cfg, id, &r, &err), 0);
    assert_string_equal(r.lines[0].product, "FAR");
    /* Move the buyer to Hà Nội: the promised 3 t stay promised, soft or as lower bounds, and
     * the batch serves them from NEAR. */
    exec(f->d, sqlite3_mprintf("UPDATE inquiry SET buyer_province = 'Hà Nội'"));
    for (int keep = 0; keep <= 1; keep++) {
        const alloc_db_options o = {.keep_holds = keep};
        alloc_db_batch m;
        assert_int_equal(alloc_db_run(f->d, NOW, &o, &m, &err), 0);
        assert_int_equal(m.n, 1);
        assert_string_equal(m.items[0].product, "NEAR");
        assert_true(fabs(m.items[0].base_quantity - 3000) < 1e-6);
        assert_int_equal(m.n_shrink, 0);
        alloc_db_batch_free(&m);
    }
}

static void a_batch_inquiry_reaches_every_eligible_product(void **state) {
    fixture *f = *state;
    /* 70 products of the group: 64 small 5★ ones in front and 6 3★ ones behind (the old
     * batch saw only the 64 best by the instant ranking and allocated 6,400 kg). */
    for (int i = 0; i < 70; i++) {
        char code[16], producer[32];
        str_format(code, sizeof code, "P%02d", i);
        str_format(producer, sizeof producer, "HTX %02d", i);
        add_product(f->d, code, producer, "Hà Nội", "food", i < 64 ? 5 : 3, 0, NULL);
        add_capacity(f->d, code, "2026-12", i < 64 ? 100 : 1000);
    }
    exec(f->d,
         sqlite3_mprintf("INSERT INTO inquiry (id, kiosk_id, created_at, grp, quantity, unit,"
                         " base_quantity, base_unit, month_from, month_to, buyer_province) VALUES"
                         " ('g1', 'k', 'x', 'food', 20000, 'kg', 20000, 'kg', '2026-12', '2026-12',"
                         " 'Hà Nội')"));
    alloc_db_batch m;
    ocop_error err;
    const alloc_db_options dry = {0};
    assert_int_equal(alloc_db_run(f->d, NOW, &dry, &m, &err), 0);
    assert_int_equal(m.links, 70);
    assert_int_equal(m.classes, 1);
    assert_true(fabs(m.allocated - 12400) < 1e-6);
    assert_true(m.optimal);
    alloc_db_batch_free(&m);
}

/* Child process: opens the database and records one inquiry when the pipe opens. */
static void child_inquire(const char *path, int start_fd, const kiosk_config *cfg) {
    char byte;
    if (read(start_fd, &byte, 1) != 1) {
        _exit(3);
    }
    db *d;
    ocop_error err;
    if (db_open(path, 0, &d, &err) != 0) {
        _exit(2);
    }
    inquiry_request in = lead("HONEY", 3000, "2026-12", "2026-12");
    match_result r;
    char id[MATCH_DB_ID_SIZE];
    int rc = match_db_record_inquiry(d, &in, NOW, cfg, id, &r, &err);
    db_close(d);
    if (rc != 0) {
        fprintf(stderr, "child: %s\n", err.msg);
    }
    _exit(rc == 0 ? 0 : 1);
}

static void concurrent_processes_never_hold_more_than_the_free_capacity(void **state) {
    fixture *f = *state;
    add_product(f->d, "HONEY", "HTX Mật ong", "Hà Giang", "food", 4, 0, NULL);
    add_capacity(f->d, "HONEY", "2026-12", 10000);
    /* No share cap, so that any double counting would show as more than 10000 kg held. */
    f->cfg.small_producer_capacity = 0;
    enum { N = 8 };
    int fds[2];
    assert_int_equal(pipe(fds), 0);
    pid_t pids[N];
    for (int i = 0; i < N; i++) {
        pids[i] = fork();
        assert_true(pids[i] >= 0);
        if (pids[i] == 0) {
            close(fds[1]);
            child_inquire(f->path, fds[0], &f->cfg);
        }
    }
    close(fds[0]);
    char go[N] = {0};
    assert_int_equal(write(fds[1], go, N), N); /* all start at once */
    close(fds[1]);
    for (int i = 0; i < N; i++) {
        int status;
        assert_int_equal(waitpid(pids[i], &status, 0), pids[i]);
        assert_true(WIFEXITED(status));
        assert_int_equal(WEXITSTATUS(status), 0);
    }
    assert_int_equal(count(f->d, "SELECT COUNT(*) FROM inquiry"), N);
    /* 8 × 3000 kg asked of 10000 kg: exactly 10000 held, never more. */
    assert_int_equal(count(f->d, "SELECT CAST(SUM(base_quantity) AS INTEGER) FROM hold"), 10000);
    assert_int_equal(count(f->d, "SELECT COUNT(*) FROM hold"), 4); /* 3000 × 3 + 1000 */
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(
            free_capacity_is_declared_minus_batch_minus_unexpired_holds_of_others, setup, teardown),
        cmocka_unit_test_setup_teardown(
            an_inquiry_is_recorded_with_holds_that_later_inquiries_cannot_take, setup, teardown),
        cmocka_unit_test_setup_teardown(
            the_product_screen_capacity_gives_declared_and_free_per_month, setup, teardown),
        cmocka_unit_test_setup_teardown(submitting_again_edits_the_lead_and_replaces_its_holds,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(a_bad_inquiry_is_refused_with_the_field_and_writes_nothing,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(a_kiosk_without_an_id_makes_one_and_keeps_it, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(an_expired_certificate_or_too_few_stars_is_not_a_candidate,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(
            a_group_match_read_level_by_level_equals_the_match_on_every_candidate, setup, teardown),
        cmocka_unit_test_setup_teardown(free_text_finds_products_by_name_without_accents, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(unmet_demand_is_summed_by_product_and_month, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(the_instant_match_queries_use_indexes_not_full_scans, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(
            allocate_is_a_dry_run_unless_committed_and_commit_replaces_holds, setup, teardown),
        cmocka_unit_test_setup_teardown(
            a_promise_is_a_quantity_the_batch_may_serve_from_a_nearer_producer, setup, teardown),
        cmocka_unit_test_setup_teardown(a_batch_inquiry_reaches_every_eligible_product, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(concurrent_processes_never_hold_more_than_the_free_capacity,
                                        setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
