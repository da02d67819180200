/* test_catgen.c: the synthetic catalogue (db/catgen.c) against the program's one group table
 * (core/catalog.c) and month type (core/month.h). */
#include "test_support.h"

#include "core/catalog.h"
#include "core/strbuf.h"
#include "db/catgen.h"
#include "db/db_internal.h"

#include <stdlib.h>
#include <string.h>

typedef test_db_fixture fixture;

/* The groups of the generated products, in order, one per line. */
static char *generated_groups(db *d) {
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db_handle(d),
                                        "SELECT DISTINCT grp FROM product ORDER BY grp", -1, &st,
                                        NULL),
                     SQLITE_OK);
    strbuf sb = {0};
    while (sqlite3_step(st) == SQLITE_ROW) {
        sb_appendf(&sb, "%s\n", (const char *)sqlite3_column_text(st, 0));
    }
    sqlite3_finalize(st);
    return sb_take(&sb);
}

static int compare_text(const void *a, const void *b) {
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void every_group_of_the_one_group_table_gets_products_and_no_other(void **state) {
    fixture *f = *state;
    catgen_options o;
    catgen_defaults(&o);
    o.n_products = 2000; /* the rarest group weighs 2 in 100: none of 2000 would be 3e-18 */
    o.n_months = 0;
    ocop_error err;
    if (catgen_generate(f->d, &o, &err) != 2000) {
        fail_msg("%s", err.msg); /* a group of catalog.c without product kinds in catgen.c */
    }
    size_t n = catalog_group_count();
    const char **keys = calloc(n, sizeof *keys);
    for (size_t i = 0; i < n; i++) {
        keys[i] = catalog_group_key_at(i);
    }
    qsort(keys, n, sizeof *keys, compare_text);
    strbuf want = {0};
    for (size_t i = 0; i < n; i++) {
        sb_appendf(&want, "%s\n", keys[i]);
    }
    free(keys);
    char *expected = sb_take(&want);
    char *got = generated_groups(f->d);
    assert_string_equal(got, expected);
    free(expected);
    free(got);
}

static void capacity_months_run_on_across_a_year_end(void **state) {
    fixture *f = *state;
    catgen_options o;
    catgen_defaults(&o);
    o.n_products = 5;
    o.first_month = "2026-11";
    o.n_months = 3;
    ocop_error err;
    assert_int_equal(catgen_generate(f->d, &o, &err), 5);
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db_handle(f->d),
                                        "SELECT group_concat(month, ' ') FROM (SELECT DISTINCT "
                                        "month FROM capacity ORDER BY month)",
                                        -1, &st, NULL),
                     SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_string_equal((const char *)sqlite3_column_text(st, 0), "2026-11 2026-12 2027-01");
    sqlite3_finalize(st);
}

static void a_first_month_outside_the_month_type_is_refused(void **state) {
    fixture *f = *state;
    catgen_options o;
    catgen_defaults(&o);
    o.n_products = 5;
    ocop_error err;
    /* The month type (month.h) covers 1900-01 … 9999-12: catgen wrote "0000-01" before. */
    o.first_month = "0000-01";
    assert_int_equal(catgen_generate(f->d, &o, &err), -1);
    assert_non_null(strstr(err.msg, "first_month '0000-01'"));
    o.first_month = "9999-12";
    o.n_months = 2;
    assert_int_equal(catgen_generate(f->d, &o, &err), -1);
    o.first_month = "2026-13";
    assert_int_equal(catgen_generate(f->d, &o, &err), -1);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(
            every_group_of_the_one_group_table_gets_products_and_no_other, test_db_setup,
            test_db_teardown),
        cmocka_unit_test_setup_teardown(capacity_months_run_on_across_a_year_end, test_db_setup,
                                        test_db_teardown),
        cmocka_unit_test_setup_teardown(a_first_month_outside_the_month_type_is_refused,
                                        test_db_setup, test_db_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
