/* test_lead_db.c: leads for organisers in the database: export queries and their record,
 * merging other kiosks' databases, purging personal data, statistics and the organiser PIN. */
#include "test_support.h"

#include "db/catalog_db.h"
#include "db/db_internal.h"
#include "db/lead_db.h"
#include "db/pin_db.h"
#include "core/strbuf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int setup(void **state) {
    *state = (void *)test_tmpdir();
    return 0;
}

static int teardown(void **state) {
    test_tmpdir_remove();
    return 0;
}

static const char *path_in(void **state, const char *name) {
    static char paths[4][512];
    static int next;
    char *p = paths[next++ % 4];
    str_format(p, 512, "%s/%s", (const char *)*state, name);
    return p;
}

static char *read_all(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f) {
        *len = 0;
        return xstrdup("");
    }
    strbuf sb = {0};
    char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0) {
        sb_append_len(&sb, buf, n);
    }
    fclose(f);
    *len = sb.len;
    return sb.data ? sb_take(&sb) : xstrdup("");
}

static bool contains_bytes(const char *data, size_t len, const char *needle) {
    size_t n = strlen(needle);
    for (size_t i = 0; n <= len && i <= len - n; i++) {
        if (memcmp(data + i, needle, n) == 0) {
            return true;
        }
    }
    return false;
}

/* True when `needle` occurs in the bytes of the database file or its WAL. */
static bool file_or_wal_contains(const char *path, const char *needle) {
    char wal[600];
    str_format(wal, sizeof wal, "%s-wal", path);
    const char *files[] = {path, wal};
    for (int i = 0; i < 2; i++) {
        size_t len;
        char *data = read_all(files[i], &len);
        bool found = contains_bytes(data, len, needle);
        free(data);
        if (found) {
            return true;
        }
    }
    return false;
}

/* A new database with tests/data/organiser_catalog.csv (and its capacity) imported and
 * organiser_leads.sql applied. */
static db *fixture_db(const char *path) {
    db *d = NULL;
    ocop_error err;
    assert_int_equal(db_open(path, DB_OPEN_CREATE, &d, &err), 0);
    int n = catalog_db_import(d, OCOP_TEST_DATA_DIR "/organiser_catalog.csv",
                              OCOP_TEST_DATA_DIR "/organiser_capacity.csv", stderr);
    assert_int_equal(n, 2);
    size_t len;
    char *sql = read_all(OCOP_TEST_DATA_DIR "/organiser_leads.sql", &len);
    assert_true(len > 0);
    if (db_exec(d, sql, &err) != 0) {
        fail_msg("%s", err.msg);
    }
    free(sql);
    return d;
}

static void exec_ok(db *d, const char *sql) {
    ocop_error err;
    if (db_exec(d, sql, &err) != 0) {
        fail_msg("%s", err.msg);
    }
}

static int count(db *d, const char *sql) {
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db_handle(d), sql, -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    int n = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return n;
}

/* ---- export queries ---------------------------------------------------------------------- */

static void leads_are_listed_oldest_first_with_product_names_and_enriched_matches(void **state) {
    db *d = fixture_db(path_in(state, "k.db"));
    lead_list leads;
    ocop_error err;
    assert_int_equal(lead_db_list(d, NULL, &leads, &err), 0);
    assert_int_equal(leads.count, 4);
    assert_string_equal(leads.items[0].id, "11111111-1111-4111-8111-111111111111");
    assert_string_equal(leads.items[3].id, "44444444-4444-4444-8444-444444444444");
    const lead_record *r = &leads.items[1];
    assert_string_equal(r->buyer_company, "=HYPERLINK(\"http://evil.example\",\"click\")");
    assert_string_equal(r->product, "LC-MO");
    assert_string_equal(r->product_name_vi, "Mật ong bạc hà");
    assert_string_equal(r->product_name_en, "Mint honey");
    assert_false(r->consent_share);
    assert_true(r->consent_contact);
    assert_int_equal((int)r->quantity, 400);
    /* The match lines gain the producer's province from the catalogue. */
    assert_non_null(strstr(leads.items[0].match_json, "\"province\":\"Trà Vinh\""));
    assert_string_equal(leads.items[2].month_to, "2027-02");
    lead_list_free(&leads);
    db_close(d);
}

static void since_keeps_leads_created_at_or_after_the_time(void **state) {
    db *d = fixture_db(path_in(state, "k.db"));
    lead_list leads;
    ocop_error err;
    lead_filter f = {.since = "2026-11-29T05:00:00Z"};
    assert_int_equal(lead_db_list(d, &f, &leads, &err), 0);
    assert_int_equal(leads.count, 2);
    assert_string_equal(leads.items[0].id, "33333333-3333-4333-8333-333333333333");
    lead_list_free(&leads);
    db_close(d);
}

static void recorded_exports_leave_only_the_other_leads_as_new(void **state) {
    db *d = fixture_db(path_in(state, "k.db"));
    lead_list leads;
    ocop_error err;
    assert_int_equal(lead_db_list(d, NULL, &leads, &err), 0);
    bool included[4] = {true, false, true, false};
    assert_int_equal(lead_db_record_export(d, leads.items, included, 4, "csv", "/tmp/x.csv", NULL,
                                           "2026-11-29T08:00:00Z", &err),
                     0);
    lead_list_free(&leads);
    lead_filter only_new = {.only_new = true};
    assert_int_equal(lead_db_list(d, &only_new, &leads, &err), 0);
    assert_int_equal(leads.count, 2);
    assert_string_equal(leads.items[0].id, "22222222-2222-4222-8222-222222222222");
    assert_string_equal(leads.items[1].id, "44444444-4444-4444-8444-444444444444");
    assert_int_equal(lead_db_record_export(d, leads.items, NULL, leads.count, "xlsx", "/tmp/x.xlsx",
                                           NULL, "2026-11-29T09:00:00Z", &err),
                     0);
    lead_list_free(&leads);
    assert_int_equal(lead_db_list(d, &only_new, &leads, &err), 0);
    assert_int_equal(leads.count, 0);
    lead_list_free(&leads);
    assert_int_equal(count(d, "SELECT COUNT(*) FROM export_log"), 2);
    assert_int_equal(count(d, "SELECT SUM(leads) FROM export_log"), 4);
    /* The first export's time stays. */
    assert_int_equal(count(d, "SELECT COUNT(*) FROM inquiry WHERE exported_at = "
                              "'2026-11-29T08:00:00Z'"),
                     2);
    db_close(d);
}

static void a_read_only_database_refuses_to_export_before_writing_any_file(void **state) {
    const char *path = path_in(state, "k.db");
    db_close(fixture_db(path));
    db *d = NULL;
    ocop_error err;
    assert_int_equal(db_open(path, DB_OPEN_READONLY, &d, &err), 0);
    const char *target = path_in(state, "leads.csv");
    lead_export_options opt = {.format = LEAD_FORMAT_CSV};
    test_export_words(&opt);
    lead_filter only_new = {.only_new = true};
    int listed, exported, files;
    assert_int_equal(lead_db_export(d, &only_new, &opt, LEAD_SPLIT_NONE, target,
                                    "2026-11-29T08:00:00Z", &listed, &exported, &files, &err),
                     -1);
    assert_non_null(strstr(err.msg, "read-only"));
    assert_non_null(strstr(err.msg, "nothing was written"));
    FILE *f = fopen(target, "r");
    assert_null(f); /* no unrecorded file: the next --new would export these leads again */
    assert_int_equal(exported, 0);
    db_close(d);
}

/* ---- merge ------------------------------------------------------------------------------- */

/* Another kiosk's database: the same catalogue, lead 1 (already merged once in real life),
 * a new lead, and the buyer of lead 1 asking the same thing again at kiosk B. */
static void make_other_kiosk(const char *path) {
    db *o = fixture_db(path);
    exec_ok(o, "DELETE FROM inquiry WHERE id <> '11111111-1111-4111-8111-111111111111';"
               "INSERT INTO inquiry (id, kiosk_id, created_at, buyer_name, buyer_phone, grp,"
               "  quantity, unit, month_from, month_to, consent_share)"
               "VALUES ('55555555-5555-4555-8555-555555555555', 'KIOSK-B',"
               "  '2026-11-29T07:00:00Z', 'Nguyen Thi Hoa', '+84912345678', 'food', 600, 'l',"
               "  '2026-12', '2026-12', 1),"
               "  ('66666666-6666-4666-8666-666666666666', 'KIOSK-B', '2026-11-29T07:30:00Z',"
               "  'Võ Văn Tâm', '+84911000999', 'beverages', 10, 'l', '2026-12', '2026-12', 0);");
    db_close(o);
}

static void
merge_brings_new_leads_flags_the_same_buyer_and_a_second_merge_changes_nothing(void **state) {
    const char *mine = path_in(state, "a.db");
    const char *other = path_in(state, "b.db");
    db *d = fixture_db(mine);
    make_other_kiosk(other);
    lead_merge_stats s;
    ocop_error err;
    if (lead_db_merge(d, other, &s, &err) != 0) {
        fail_msg("%s", err.msg);
    }
    assert_int_equal(s.added, 2);
    assert_int_equal(s.already_present, 1);
    assert_int_equal(s.duplicates_flagged, 1);
    assert_false(s.upgraded_copy);
    assert_int_equal(count(d, "SELECT COUNT(*) FROM inquiry"), 6);
    assert_int_equal(count(d, "SELECT COUNT(*) FROM inquiry WHERE id = "
                              "'55555555-5555-4555-8555-555555555555' AND duplicate_of = "
                              "'11111111-1111-4111-8111-111111111111'"),
                     1);
    /* Nothing was dropped, and the kiosk id is the other kiosk's. */
    assert_int_equal(count(d, "SELECT COUNT(*) FROM inquiry WHERE kiosk_id = 'KIOSK-B'"), 2);

    assert_int_equal(lead_db_merge(d, other, &s, &err), 0);
    assert_int_equal(s.added, 0);
    assert_int_equal(s.already_present, 3);
    assert_int_equal(s.duplicates_flagged, 0);
    assert_int_equal(count(d, "SELECT COUNT(*) FROM inquiry"), 6);
    assert_int_equal(count(d, "SELECT COUNT(*) FROM inquiry WHERE duplicate_of IS NOT NULL"), 1);
    db_close(d);
}

static void merging_the_other_way_flags_the_same_lead(void **state) {
    const char *mine = path_in(state, "a.db");
    const char *other = path_in(state, "b.db");
    db *a = fixture_db(mine);
    db_close(a);
    make_other_kiosk(other);
    db *b = NULL;
    ocop_error err;
    assert_int_equal(db_open(other, 0, &b, &err), 0);
    lead_merge_stats s;
    assert_int_equal(lead_db_merge(b, mine, &s, &err), 0);
    assert_int_equal(s.added, 3);
    assert_int_equal(count(b, "SELECT COUNT(*) FROM inquiry WHERE id = "
                              "'55555555-5555-4555-8555-555555555555' AND duplicate_of = "
                              "'11111111-1111-4111-8111-111111111111'"),
                     1);
    db_close(b);
}

static void a_database_of_a_newer_schema_is_refused_and_left_alone(void **state) {
    const char *mine = path_in(state, "a.db");
    const char *other = path_in(state, "newer.db");
    make_other_kiosk(other);
    db *o = NULL;
    ocop_error err;
    assert_int_equal(db_open(other, 0, &o, &err), 0);
    char sql[64];
    str_format(sql, sizeof sql, "PRAGMA user_version = %d", db_schema_version() + 1);
    exec_ok(o, sql);
    db_close(o);
    db *d = fixture_db(mine);
    lead_merge_stats s;
    assert_int_equal(lead_db_merge(d, other, &s, &err), -1);
    assert_non_null(strstr(err.msg, "newer.db"));
    assert_non_null(strstr(err.msg, "newer"));
    assert_int_equal(count(d, "SELECT COUNT(*) FROM inquiry"), 4);
    db_close(d);
}

static void
a_database_of_an_older_schema_is_read_through_a_migrated_copy_and_not_changed(void **state) {
    const char *mine = path_in(state, "a.db");
    const char *old = path_in(state, "old.db");
    /* A kiosk that ran schema version 1: migration 1 only. */
    sqlite3 *h;
    assert_int_equal(sqlite3_open(old, &h), SQLITE_OK);
    assert_int_equal(sqlite3_exec(h, db_migrations[0], NULL, NULL, NULL), SQLITE_OK);
    assert_int_equal(
        sqlite3_exec(h,
                     "INSERT INTO inquiry (id, kiosk_id, created_at, buyer_phone, grp, quantity,"
                     " unit, month_from, month_to) VALUES ('77777777-7777-4777-8777-77777777777"
                     "7', 'KIOSK-OLD', '2026-11-29T01:00:00Z', '+84900000001', 'food', 5, 'kg',"
                     " '2026-12', '2026-12'); PRAGMA user_version = 1;",
                     NULL, NULL, NULL),
        SQLITE_OK);
    sqlite3_close(h);
    size_t before_len, after_len;
    char *before = read_all(old, &before_len);

    db *d = fixture_db(mine);
    lead_merge_stats s;
    ocop_error err;
    if (lead_db_merge(d, old, &s, &err) != 0) {
        fail_msg("%s", err.msg);
    }
    assert_true(s.upgraded_copy);
    assert_int_equal(s.added, 1);
    char *after = read_all(old, &after_len);
    assert_int_equal(before_len, after_len);
    assert_memory_equal(before, after, before_len);
    free(before);
    free(after);
    db_close(d);
}

static void a_failed_merge_names_the_other_file_and_the_cause_once(void **state) {
    const char *mine = path_in(state, "a.db");
    const char *other = path_in(state, "b.db");
    db_close(fixture_db(mine));
    make_other_kiosk(other);
    db *d = NULL;
    ocop_error err;
    assert_int_equal(db_open(mine, DB_OPEN_READONLY, &d, &err), 0);
    lead_merge_stats s;
    assert_int_equal(lead_db_merge(d, other, &s, &err), -1);
    /* "<other>: <mine>: SQL error: …readonly…": the cause is copied, not formatted into itself. */
    char want[1200];
    str_format(want, sizeof want, "%s: %s: SQL error: ", other, mine);
    if (!str_starts(err.msg, want) || !strstr(err.msg, "readonly")) {
        fail_msg("got: %s", err.msg);
    }
    assert_int_equal(s.added, 0);
    db_close(d);
}

static void merging_the_database_with_itself_is_refused(void **state) {
    const char *mine = path_in(state, "a.db");
    db *d = fixture_db(mine);
    lead_merge_stats s;
    ocop_error err;
    assert_int_equal(lead_db_merge(d, mine, &s, &err), -1);
    assert_non_null(strstr(err.msg, "own database"));
    assert_int_equal(lead_db_merge(d, path_in(state, "missing.db"), &s, &err), -1);
    assert_non_null(strstr(err.msg, "missing.db"));
    const char *junk = test_write_file(*state, "junk.db", "not a database at all\n");
    assert_int_equal(lead_db_merge(d, junk, &s, &err), -1);
    assert_non_null(strstr(err.msg, "junk.db"));
    db_close(d);
}

/* ---- purge ------------------------------------------------------------------------------- */

static void purge_removes_old_personal_data_from_the_files_and_keeps_the_counts(void **state) {
    const char *path = path_in(state, "k.db");
    db *d = fixture_db(path);
    assert_true(file_or_wal_contains(path, "+84912345678"));
    int purged;
    ocop_error err;
    /* Leads before 2026-11-29 05:00 UTC: the first two. */
    assert_int_equal(
        lead_db_purge(d, "2026-11-29T05:00:00Z", "2026-12-30T00:00:00Z", &purged, &err), 0);
    assert_int_equal(purged, 2);
    assert_int_equal(count(d, "SELECT COUNT(*) FROM inquiry"), 4);
    assert_int_equal(count(d, "SELECT COUNT(*) FROM inquiry WHERE purged_at IS NOT NULL AND "
                              "buyer_name IS NULL AND buyer_phone IS NULL AND buyer_email IS "
                              "NULL AND buyer_company IS NULL AND note IS NULL"),
                     2);
    assert_int_equal(count(d, "SELECT COUNT(*) FROM inquiry WHERE buyer_province = 'Hà Nội'"), 2);
    db_close(d);
    assert_false(file_or_wal_contains(path, "+84912345678"));
    assert_false(file_or_wal_contains(path, "Nguyễn Thị Hoa"));
    assert_false(file_or_wal_contains(path, "hoa@example.vn"));
    assert_true(file_or_wal_contains(path, "+84905000111")); /* newer: kept */

    assert_int_equal(db_open(path, 0, &d, &err), 0);
    lead_stats st;
    assert_int_equal(lead_db_stats(d, "2026-11-28T17:00:00Z", "2026-11-29T17:00:00Z", &st, &err),
                     0);
    assert_int_equal(st.leads_total, 4);
    /* Purging again finds nothing more. */
    assert_int_equal(
        lead_db_purge(d, "2026-11-29T05:00:00Z", "2026-12-31T00:00:00Z", &purged, &err), 0);
    assert_int_equal(purged, 0);
    db_close(d);
}

/* ---- statistics -------------------------------------------------------------------------- */

static void
statistics_count_today_compare_demand_with_capacity_and_list_views_and_unmet(void **state) {
    db *d = fixture_db(path_in(state, "k.db"));
    lead_stats st;
    ocop_error err;
    /* 2026-11-29 in Vietnam (UTC+7): 2026-11-28T17:00Z .. 2026-11-29T17:00Z. */
    assert_int_equal(lead_db_stats(d, "2026-11-28T17:00:00Z", "2026-11-29T17:00:00Z", &st, &err),
                     0);
    assert_int_equal(st.leads_total, 4);
    assert_int_equal(st.leads_today, 3);

    /* LC-MO: asked by code 400 (2026-12) + 50 (2027-01..02), offered 15 to the text query;
     * capacity 300 in 2026-12 and none declared for 2027. TV-MHD: offered 500 + 5, capacity
     * 2000 l every month, one month. */
    assert_int_equal(st.n_demand, 2);
    assert_string_equal(st.demand[0].code, "TV-MHD");
    assert_true(st.demand[0].demand == 505);
    assert_true(st.demand[0].capacity == 2000);
    assert_string_equal(st.demand[0].base_unit, "l");
    assert_int_equal(st.demand[0].views, 2);
    assert_string_equal(st.demand[1].code, "LC-MO");
    assert_true(st.demand[1].demand == 465);
    assert_true(st.demand[1].capacity == 300);
    assert_string_equal(st.demand[1].name_vi, "Mật ong bạc hà");

    assert_int_equal(st.n_viewed, 2);
    assert_string_equal(st.viewed[0].code, "TV-MHD");
    assert_int_equal(st.viewed[0].views, 2);
    assert_int_equal(st.viewed[1].views, 1);

    /* Unmet: 100 l of the food group, 100 + 50 kg of LC-MO; nothing of the text query. */
    assert_int_equal(st.n_unmet, 2);
    assert_string_equal(st.unmet[0].product, "LC-MO");
    assert_true(st.unmet[0].unmet == 150);
    assert_int_equal(st.unmet[0].inquiries, 2);
    assert_string_equal(st.unmet[1].group, "food");
    assert_true(st.unmet[1].unmet == 100);
    assert_string_equal(st.unmet[1].base_unit, "l");

    /* Closed leads are no longer demand. */
    exec_ok(d, "UPDATE inquiry SET status = 'closed' WHERE product_code = 'LC-MO'");
    assert_int_equal(lead_db_stats(d, "2026-11-28T17:00:00Z", "2026-11-29T17:00:00Z", &st, &err),
                     0);
    assert_int_equal(st.n_unmet, 1);
    assert_true(st.demand[1].demand == 15);
    db_close(d);
}

static void a_product_view_is_recorded_and_an_unknown_code_is_ignored(void **state) {
    db *d = fixture_db(path_in(state, "k.db"));
    ocop_error err;
    assert_int_equal(lead_db_record_view(d, "LC-MO", "2026-11-29T09:00:00Z", &err), 0);
    assert_int_equal(lead_db_record_view(d, "LC-MO", "2026-11-29T09:01:00Z", &err), 0);
    assert_int_equal(lead_db_record_view(d, "NOPE", "2026-11-29T09:01:00Z", &err), 0);
    lead_stats st;
    assert_int_equal(lead_db_stats(d, "2026-11-28T17:00:00Z", "2026-11-29T17:00:00Z", &st, &err),
                     0);
    assert_string_equal(st.viewed[0].code, "LC-MO");
    assert_int_equal(st.viewed[0].views, 3);
    db_close(d);
}

/* ---- PIN --------------------------------------------------------------------------------- */

static void the_pin_is_stored_only_as_a_hash_and_a_right_pin_is_accepted(void **state) {
    const char *path = path_in(state, "k.db");
    db *d = fixture_db(path);
    ocop_error err;
    assert_false(pin_db_is_set(d));
    assert_int_equal(pin_db_try(d, "1234", 0, NULL, &err), PIN_NOT_SET);
    assert_int_equal(pin_db_set(d, "12a4", &err), -1);
    assert_int_equal(pin_db_set(d, "739164825301", &err), 0);
    assert_true(pin_db_is_set(d));
    char *hash = db_setting_get(d, "organiser_pin_hash");
    assert_true(str_starts(hash, "$argon2id$"));
    free(hash);
    assert_int_equal(pin_db_try(d, "739164825301", 1000, NULL, &err), PIN_ACCEPTED);
    db_close(d);
    assert_false(file_or_wal_contains(path, "739164825301"));
}

static void five_wrong_pins_lock_the_entry_even_for_the_right_pin_until_time_passes(void **state) {
    db *d = fixture_db(path_in(state, "k.db"));
    ocop_error err;
    assert_int_equal(pin_db_set(d, "2468", &err), 0);
    int64_t t = 1764400000000, locked = -1;
    for (int i = 0; i < 4; i++) {
        assert_int_equal(pin_db_try(d, "0000", t, &locked, &err), PIN_REJECTED);
        assert_int_equal(locked, 0);
    }
    assert_int_equal(pin_db_try(d, "0000", t, &locked, &err), PIN_REJECTED);
    assert_int_equal(locked, 30000);
    assert_int_equal(pin_db_try(d, "2468", t + 10000, &locked, &err), PIN_LOCKED);
    assert_int_equal(locked, 20000);
    assert_int_equal(pin_db_locked_ms(d, t + 10000), 20000);
    /* After the lockout, one more wrong PIN locks twice as long. */
    assert_int_equal(pin_db_try(d, "0000", t + 30000, &locked, &err), PIN_REJECTED);
    assert_int_equal(locked, 60000);
    assert_int_equal(pin_db_try(d, "2468", t + 90000, &locked, &err), PIN_ACCEPTED);
    assert_int_equal(pin_db_locked_ms(d, t + 90000), 0);
    /* Failures were reset: four more wrong PINs do not lock. */
    for (int i = 0; i < 4; i++) {
        assert_int_equal(pin_db_try(d, "0000", t + 100000, &locked, &err), PIN_REJECTED);
    }
    assert_int_equal(locked, 0);
    db_close(d);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(
            leads_are_listed_oldest_first_with_product_names_and_enriched_matches, setup, teardown),
        cmocka_unit_test_setup_teardown(since_keeps_leads_created_at_or_after_the_time, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(recorded_exports_leave_only_the_other_leads_as_new, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(
            merge_brings_new_leads_flags_the_same_buyer_and_a_second_merge_changes_nothing, setup,
            teardown),
        cmocka_unit_test_setup_teardown(merging_the_other_way_flags_the_same_lead, setup, teardown),
        cmocka_unit_test_setup_teardown(a_database_of_a_newer_schema_is_refused_and_left_alone,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(
            a_database_of_an_older_schema_is_read_through_a_migrated_copy_and_not_changed, setup,
            teardown),
        cmocka_unit_test_setup_teardown(
            a_read_only_database_refuses_to_export_before_writing_any_file, setup, teardown),
        cmocka_unit_test_setup_teardown(a_failed_merge_names_the_other_file_and_the_cause_once,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(merging_the_database_with_itself_is_refused, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(
            purge_removes_old_personal_data_from_the_files_and_keeps_the_counts, setup, teardown),
        cmocka_unit_test_setup_teardown(
            statistics_count_today_compare_demand_with_capacity_and_list_views_and_unmet, setup,
            teardown),
        cmocka_unit_test_setup_teardown(a_product_view_is_recorded_and_an_unknown_code_is_ignored,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(
            the_pin_is_stored_only_as_a_hash_and_a_right_pin_is_accepted, setup, teardown),
        cmocka_unit_test_setup_teardown(
            five_wrong_pins_lock_the_entry_even_for_the_right_pin_until_time_passes, setup,
            teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
