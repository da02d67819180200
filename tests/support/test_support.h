/* test_support.h: helpers shared by the test programs (temporary files, cmocka glue). */
#ifndef OCOP_TEST_SUPPORT_H
#define OCOP_TEST_SUPPORT_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

/* A fresh temporary directory for one test (removed by test_tmpdir_remove). The returned
 * string is static until the next call. */
const char *test_tmpdir(void);
/* Removes the directory made by test_tmpdir and everything in it. */
void test_tmpdir_remove(void);
/* Writes `text` to `dir/name` and returns the full path (static until the next call). */
const char *test_write_file(const char *dir, const char *name, const char *text);

#endif
