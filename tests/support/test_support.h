/* test_support.h: helpers shared by the test programs (temporary files, cmocka glue). */
#ifndef OCOP_TEST_SUPPORT_H
#define OCOP_TEST_SUPPORT_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "db/db.h"

/* A fresh temporary directory for one test (removed by test_tmpdir_remove). The returned
 * string is static until the next call. */
const char *test_tmpdir(void);
/* Removes the directory made by test_tmpdir and everything in it. */
void test_tmpdir_remove(void);
/* Writes `text` to `dir/name` and returns the full path (static until the next call). */
const char *test_write_file(const char *dir, const char *name, const char *text);

/* Opens (creating and migrating) the database at `path`; fails the running test with the
 * database's message when it cannot. The caller closes it with db_close. */
db *test_open_db(const char *path);

#endif
