/* test_db.c: opening, migrations, transactions and settings of the data layer. */
#include "test_support.h"

#include "core/fold.h"
#include "db/db_internal.h"
#include "db/search_db.h"

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

static const char *db_file(void **state, const char *name) {
    static char path[512];
    str_format(path, sizeof path, "%s/%s", (const char *)*state, name);
    return path;
}

static int pragma_int(db *d, const char *sql) {
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db_handle(d), sql, -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    int v = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return v;
}

static void
a_new_database_is_migrated_to_the_current_version_with_wal_and_foreign_keys(void **state) {
    db *d = NULL;
    ocop_error err;
    assert_int_equal(db_open(db_file(state, "new.db"), DB_OPEN_CREATE, &d, &err), 0);
    assert_int_equal(pragma_int(d, "PRAGMA user_version"), db_schema_version());
    assert_int_equal(pragma_int(d, "PRAGMA foreign_keys"), 1);
    assert_int_equal(pragma_int(d, "PRAGMA synchronous"), 2); /* FULL */
    assert_true(db_is_empty(d));
    db_close(d);
    /* Opening again is a no-op. */
    assert_int_equal(db_open(db_file(state, "new.db"), 0, &d, &err), 0);
    db_close(d);
}

static void a_database_newer_than_the_program_is_refused_with_a_clear_message(void **state) {
    const char *path = db_file(state, "newer.db");
    db *d = NULL;
    ocop_error err;
    assert_int_equal(db_open(path, DB_OPEN_CREATE, &d, &err), 0);
    char sql[64];
    str_format(sql, sizeof sql, "PRAGMA user_version = %d", db_schema_version() + 1);
    assert_int_equal(db_exec(d, sql, &err), 0);
    db_close(d);
    assert_int_equal(db_open(path, 0, &d, &err), -1);
    assert_null(d);
    assert_non_null(strstr(err.msg, "newer than this program"));
    assert_non_null(strstr(err.msg, "newer.db"));
}

static void a_file_that_is_not_a_database_is_refused(void **state) {
    const char *path = test_write_file(*state, "junk.db", "this is not sqlite, just text\n");
    db *d = NULL;
    ocop_error err;
    assert_int_equal(db_open(path, 0, &d, &err), -1);
    assert_non_null(strstr(err.msg, "junk.db"));
}

/* Every opened file is checked against the schema objects of its version; the current
 * version's list is made at build time (src/db/gen/schema_reference.c). It is the list the
 * migrations make now, and a file at the current version that lacks one of its objects (an
 * index here) is refused, naming it. */
static void
the_build_s_schema_list_is_what_the_migrations_make_and_files_are_held_to_it(void **state) {
    char *now = db_schema_reference_build(db_schema_version());
    assert_string_equal(db_schema_reference_current, now);
    assert_non_null(strstr(now, "4 index hold_inquiry\n"));
    free(now);
    const char *path = db_file(state, "noindex.db");
    db *d = NULL;
    ocop_error err;
    assert_int_equal(db_open(path, DB_OPEN_CREATE, &d, &err), 0);
    assert_int_equal(db_exec(d, "DROP INDEX hold_inquiry", &err), 0);
    db_close(d);
    assert_int_equal(db_open(path, 0, &d, &err), -1);
    assert_null(d);
    assert_non_null(strstr(err.msg, "noindex.db"));
    assert_non_null(strstr(err.msg, "index hold_inquiry"));
}

static void nested_transactions_commit_once_and_a_rollback_undoes_everything(void **state) {
    db *d = NULL;
    ocop_error err;
    assert_int_equal(db_open(db_file(state, "tx.db"), DB_OPEN_CREATE, &d, &err), 0);
    assert_int_equal(db_begin(d, true, &err), 0);
    assert_int_equal(db_setting_set(d, "a", "1", &err), 0);
    assert_int_equal(db_begin(d, false, &err), 0);
    assert_int_equal(db_setting_set(d, "b", "2", &err), 0);
    assert_int_equal(db_commit(d, &err), 0);
    db_rollback(d);
    char *a = db_setting_get(d, "a");
    assert_null(a);

    assert_int_equal(db_begin(d, true, &err), 0);
    assert_int_equal(db_setting_set(d, "a", "1", &err), 0);
    assert_int_equal(db_commit(d, &err), 0);
    a = db_setting_get(d, "a");
    assert_string_equal(a, "1");
    free(a);
    db_close(d);
}

static void sql_errors_name_the_statement(void **state) {
    db *d = NULL;
    ocop_error err;
    assert_int_equal(db_open(db_file(state, "err.db"), DB_OPEN_CREATE, &d, &err), 0);
    assert_int_equal(db_exec(d, "INSERT INTO product (code) VALUES ('x')", &err), -1);
    assert_non_null(strstr(err.msg, "INSERT INTO product"));
    assert_non_null(strstr(err.msg, "NOT NULL"));
    db_close(d);
}

static void the_fold_sql_function_folds_like_the_c_code(void **state) {
    db *d = NULL;
    ocop_error err;
    assert_int_equal(db_open(db_file(state, "fold.db"), DB_OPEN_CREATE, &d, &err), 0);
    sqlite3_stmt *st;
    assert_int_equal(
        sqlite3_prepare_v2(db_handle(d), "SELECT fold('Đường Thốt Nốt')", -1, &st, NULL),
        SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_string_equal((const char *)sqlite3_column_text(st, 0), "duong thot not");
    sqlite3_finalize(st);
    db_close(d);
}

/* FNV-1a, 64 bits: a fingerprint of a migration's text. */
static uint64_t fingerprint(const char *text) {
    uint64_t h = UINT64_C(0xcbf29ce484222325);
    for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
        h = (h ^ *p) * UINT64_C(0x100000001b3);
    }
    return h;
}

static void shipped_migrations_are_never_edited(void **state) {
    (void)state;
    /* The text of every migration as it shipped. A failure here means a shipped migration was
     * changed (directly, or through a macro it uses): databases that ran the old text would
     * keep it. Undo the change and append a migration that repairs old databases instead; a
     * new migration adds its own line once it ships. */
    static const uint64_t shipped[] = {
        UINT64_C(0x6cefd0ffa5a83454), /* 1: catalogue, leads, holds */
        UINT64_C(0xfda399eb29611161), /* 2: export log */
        UINT64_C(0x909ef7581e8382c9), /* 3: search index (its last shipped form) */
        UINT64_C(0x5d8960a9d9fdfca6), /* 4: covering index for the match by group */
        UINT64_C(0x5431636d3a79fa8b), /* 5: outbox */
        UINT64_C(0x68621c5ed9c4149a), /* 6: search triggers repaired */
        UINT64_C(0x2c97c86402f04b05), /* 7: the catalogue's words, for typos in search */
    };
    assert_true(db_migration_count >= (int)OCOP_COUNT(shipped));
    for (size_t i = 0; i < OCOP_COUNT(shipped); i++) {
        if (fingerprint(db_migrations[i]) != shipped[i]) {
            fail_msg("migration %zu was edited after it shipped", i + 1);
        }
    }
}

/* fold() for a raw connection, as the first release's program registered it. */
static void raw_fold(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
    (void)argc;
    const unsigned char *text = sqlite3_value_text(argv[0]);
    if (!text) {
        sqlite3_result_null(ctx);
        return;
    }
    char *folded = fold_text((const char *)text);
    sqlite3_result_text(ctx, folded, -1, free);
}

static void raw_exec(sqlite3 *h, const char *sql) {
    char *msg = NULL;
    if (sqlite3_exec(h, sql, NULL, NULL, &msg) != SQLITE_OK) {
        fail_msg("%s", msg);
    }
}

/* The names and SQL of the schema's triggers, tables and indexes, one per line, sorted, runs of
 * spaces as one (the first release wrote one table's options with two spaces). */
static char *schema_of(sqlite3 *h) {
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(h,
                                        "SELECT type || ' ' || name || ': ' || COALESCE(sql, '')"
                                        " FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"
                                        " ORDER BY type, name",
                                        -1, &st, NULL),
                     SQLITE_OK);
    strbuf sb = {0};
    while (sqlite3_step(st) == SQLITE_ROW) {
        const char *text = (const char *)sqlite3_column_text(st, 0);
        for (size_t i = 0; text[i]; i++) {
            if (text[i] != ' ' || i == 0 || text[i - 1] != ' ') {
                sb_append_char(&sb, text[i]);
            }
        }
        sb_append_char(&sb, '\n');
    }
    sqlite3_finalize(st);
    return sb_take(&sb);
}

static void a_database_of_the_first_release_is_upgraded_to_the_current_schema(void **state) {
    /* The first release's database, with a product and a lead in it. */
    char old_path[512];
    str_copy(old_path, sizeof old_path, db_file(state, "release1.db"));
    char fixture[512];
    str_format(fixture, sizeof fixture, "%s/tests/data/schema_release1.sql", OCOP_SOURCE_DIR);
    FILE *f = fopen(fixture, "r");
    assert_non_null(f);
    strbuf sql = {0};
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0) {
        sb_append_len(&sql, buf, n);
    }
    fclose(f);
    sqlite3 *h;
    assert_int_equal(sqlite3_open(old_path, &h), SQLITE_OK);
    sqlite3_create_function(h, "fold", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL, raw_fold, NULL,
                            NULL);
    raw_exec(h, sb_str(&sql));
    sb_free(&sql);
    raw_exec(h, "INSERT INTO producer (name, province) VALUES ('HTX Dừa Sáp', 'Trà Vinh');"
                "INSERT INTO product (code, producer_id, name_vi, grp, stars, unit, base_unit,"
                " base_per_unit, name_folded, updated_at) VALUES ('TV-1', 1, 'Mật hoa dừa',"
                " 'food', 4, 'chai', 'l', 0.25, 'mat hoa dua', '2026-11-29T00:00:00Z');"
                "INSERT INTO inquiry (id, kiosk_id, created_at, product_code, quantity, unit,"
                " month_from, month_to) VALUES ('lead-1', 'k1', '2026-11-29T08:00:00Z', 'TV-1',"
                " 20, 'chai', '2026-12', '2026-12');");
    sqlite3_close(h);

    /* The program opens it: every later migration runs. */
    db *d = NULL;
    ocop_error err;
    assert_int_equal(db_open(old_path, 0, &d, &err), 0);
    assert_int_equal(pragma_int(d, "PRAGMA user_version"), db_schema_version());
    assert_int_equal(pragma_int(d, "SELECT COUNT(*) FROM inquiry WHERE id = 'lead-1'"), 1);
    /* Search works and finds the old product. */
    search_filter filter = {0};
    search_results r;
    assert_int_equal(search_db_query(d, "mat hoa", &filter, 0, 10, &r, &err), 0);
    assert_int_equal(r.total, 1);
    assert_string_equal(r.items[0].code, "TV-1");
    search_results_free(&r);
    db_close(d);

    /* Its schema is the same as a new database's: the old fold() triggers are gone. */
    db *fresh = NULL;
    assert_int_equal(db_open(db_file(state, "fresh.db"), DB_OPEN_CREATE, &fresh, &err), 0);
    char *want = schema_of(db_handle(fresh));
    db_close(fresh);
    assert_int_equal(sqlite3_open(old_path, &h), SQLITE_OK);
    char *got = schema_of(h);
    assert_string_equal(got, want);
    free(got);
    free(want);
    /* So any connection, without this program's fold(), can write the catalogue again. */
    raw_exec(h, "INSERT INTO product (code, producer_id, name_vi, grp, stars, unit, base_unit,"
                " base_per_unit, name_folded, updated_at) VALUES ('TV-2', 1, 'Kẹo dừa', 'food',"
                " 3, 'hộp', 'piece', 1, 'keo dua', '2026-11-29T00:00:00Z')");
    sqlite3_close(h);
    assert_int_equal(db_open(old_path, 0, &d, &err), 0);
    assert_int_equal(search_db_query(d, "keo dua", &filter, 0, 10, &r, &err), 0);
    assert_int_equal(r.total, 1);
    search_results_free(&r);
    db_close(d);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(
            a_new_database_is_migrated_to_the_current_version_with_wal_and_foreign_keys, setup,
            teardown),
        cmocka_unit_test_setup_teardown(
            a_database_newer_than_the_program_is_refused_with_a_clear_message, setup, teardown),
        cmocka_unit_test_setup_teardown(a_file_that_is_not_a_database_is_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(
            the_build_s_schema_list_is_what_the_migrations_make_and_files_are_held_to_it, setup,
            teardown),
        cmocka_unit_test_setup_teardown(
            nested_transactions_commit_once_and_a_rollback_undoes_everything, setup, teardown),
        cmocka_unit_test_setup_teardown(sql_errors_name_the_statement, setup, teardown),
        cmocka_unit_test_setup_teardown(the_fold_sql_function_folds_like_the_c_code, setup,
                                        teardown),
        cmocka_unit_test(shipped_migrations_are_never_edited),
        cmocka_unit_test_setup_teardown(
            a_database_of_the_first_release_is_upgraded_to_the_current_schema, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
