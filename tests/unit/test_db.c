/* test_db.c: opening, migrations, transactions and settings of the data layer. */
#include "test_support.h"

#include "db/db_internal.h"

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

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(
            a_new_database_is_migrated_to_the_current_version_with_wal_and_foreign_keys, setup,
            teardown),
        cmocka_unit_test_setup_teardown(
            a_database_newer_than_the_program_is_refused_with_a_clear_message, setup, teardown),
        cmocka_unit_test_setup_teardown(a_file_that_is_not_a_database_is_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(
            nested_transactions_commit_once_and_a_rollback_undoes_everything, setup, teardown),
        cmocka_unit_test_setup_teardown(sql_errors_name_the_statement, setup, teardown),
        cmocka_unit_test_setup_teardown(the_fold_sql_function_folds_like_the_c_code, setup,
                                        teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
