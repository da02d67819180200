/* test_support.h: helpers shared by the test programs (temporary files, cmocka glue). */
#ifndef OCOP_TEST_SUPPORT_H
#define OCOP_TEST_SUPPORT_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "core/lead_export.h"
#include "db/db.h"

/* A fresh temporary directory for one test (removed by test_tmpdir_remove). The returned
 * string is static until the next call. */
const char *test_tmpdir(void);
/* Removes the directory made by test_tmpdir and everything in it. */
void test_tmpdir_remove(void);
/* Writes `text` to `dir/name` and returns the full path (static until the next call). */
const char *test_write_file(const char *dir, const char *name, const char *text);

/* What most database tests start from: a fresh temporary folder and a fresh database in it. */
typedef struct test_db_fixture {
    const char *dir; /* test_tmpdir() */
    char path[512];  /* dir/test.db */
    db *d;           /* that database, created and migrated, open */
} test_db_fixture;

/* cmocka setup: *state becomes a new test_db_fixture. */
int test_db_setup(void **state);
/* cmocka teardown of test_db_setup: closes the database, removes the folder, frees the
 * fixture. */
int test_db_teardown(void **state);

/* Opens (creating and migrating) the database at `path`; fails the running test with the
 * database's message when it cannot. The caller closes it with db_close. */
db *test_open_db(const char *path);

/* The demo catalogue (assets/catalog/catalog.csv and capacity.csv) as the real import makes it
 * (catalog_db_import), in a database file built once per test program in a directory of its
 * own (removed at exit). Returns its path; the file is closed, so a test may open it, or copy
 * it with test_copy_file when it writes (leads, views). Stops the program (ocop_fatal) when the
 * import refuses: no test of the program could run. */
const char *test_demo_db(void);

/* Sets opt->words to the project's string tables (kiosk-config, read once per program) in
 * opt->english's language, as `ocop-kiosk export` does. */
void test_export_words(lead_export_options *opt);

/* Copies the file `from` to `to` (created or replaced); fails the running test on error. */
void test_copy_file(const char *from, const char *to);

#endif
