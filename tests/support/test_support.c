/* test_support.c: see test_support.h. */
#include "test_support.h"

#include "core/base.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char tmpdir[256];

const char *test_tmpdir(void) {
    str_copy(tmpdir, sizeof tmpdir, "/tmp/ocop-test-XXXXXX");
    if (!mkdtemp(tmpdir)) {
        ocop_fatal(__FILE__, __LINE__, "mkdtemp failed");
    }
    return tmpdir;
}

void test_tmpdir_remove(void) {
    if (tmpdir[0]) {
        char cmd[300];
        str_format(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
        if (system(cmd) != 0) {
            fprintf(stderr, "warning: could not remove %s\n", tmpdir);
        }
        tmpdir[0] = '\0';
    }
}

const char *test_write_file(const char *dir, const char *name, const char *text) {
    static char path[512];
    str_format(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    if (!f) {
        ocop_fatal(__FILE__, __LINE__, "cannot write %s", path);
    }
    fputs(text, f);
    fclose(f);
    return path;
}

db *test_open_db(const char *path) {
    db *d = NULL;
    ocop_error err;
    if (db_open(path, DB_OPEN_CREATE, &d, &err) != 0) {
        fail_msg("%s", err.msg);
    }
    return d;
}
