/* test_support.c: see test_support.h. */
#include "test_support.h"

#include "core/base.h"
#include "db/catalog_db.h"
#include "ui/ui_strings.h"

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

static char demo_dir[256];

static void remove_demo_dir(void) {
    if (demo_dir[0]) {
        char cmd[300];
        str_format(cmd, sizeof cmd, "rm -rf '%s'", demo_dir);
        if (system(cmd) != 0) {
            fprintf(stderr, "warning: could not remove %s\n", demo_dir);
        }
        demo_dir[0] = '\0';
    }
}

const char *test_demo_db(void) {
    static char path[300];
    if (path[0]) {
        return path;
    }
    str_copy(demo_dir, sizeof demo_dir, "/tmp/ocop-demo-XXXXXX");
    if (!mkdtemp(demo_dir)) {
        ocop_fatal(__FILE__, __LINE__, "mkdtemp failed");
    }
    atexit(remove_demo_dir);
    char db_path[300], catalogue[512], capacity[512];
    str_format(db_path, sizeof db_path, "%s/demo.db", demo_dir);
    str_format(catalogue, sizeof catalogue, "%s/assets/catalog/catalog.csv", OCOP_SOURCE_DIR);
    str_format(capacity, sizeof capacity, "%s/assets/catalog/capacity.csv", OCOP_SOURCE_DIR);
    db *d = NULL;
    ocop_error err;
    if (db_open(db_path, DB_OPEN_CREATE, &d, &err) != 0) {
        ocop_fatal(__FILE__, __LINE__, "%s", err.msg);
    }
    int n = catalog_db_import(d, catalogue, capacity, stderr);
    db_close(d); /* checkpoints: the one file holds everything */
    if (n <= 0) {
        ocop_fatal(__FILE__, __LINE__, "the demo catalogue %s did not import", catalogue);
    }
    str_copy(path, sizeof path, db_path);
    return path;
}

void test_copy_file(const char *from, const char *to) {
    FILE *in = fopen(from, "rb");
    FILE *out = fopen(to, "wb");
    if (!in || !out) {
        fail_msg("cannot copy %s to %s", from, to);
    }
    char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, in)) > 0) {
        if (fwrite(buf, 1, n, out) != n) {
            fail_msg("cannot write %s", to);
        }
    }
    bool read_ok = !ferror(in);
    fclose(in);
    if (fclose(out) != 0 || !read_ok) {
        fail_msg("cannot copy %s to %s", from, to);
    }
}

static ui_strings *export_strings;
static ui_strings_lang export_words[UI_LANG_COUNT];

static void destroy_export_strings(void) {
    ui_strings_destroy(export_strings);
    export_strings = NULL;
}

void test_export_words(lead_export_options *opt) {
    if (!export_strings) {
        ocop_error err;
        export_strings = ui_strings_load(OCOP_SOURCE_DIR "/kiosk-config", &err);
        if (!export_strings) {
            fail_msg("%s", err.msg);
        }
        atexit(destroy_export_strings);
        for (int l = 0; l < UI_LANG_COUNT; l++) {
            export_words[l] = (ui_strings_lang){.strings = export_strings, .lang = (ui_lang)l};
        }
    }
    opt->words = ui_strings_word;
    opt->words_ctx = &export_words[opt->english ? UI_LANG_EN : UI_LANG_VI];
    opt->match_words = ui_strings_word_in;
    opt->match_words_ctx = export_strings;
}

int test_db_setup(void **state) {
    test_db_fixture *f = xcalloc(1, sizeof *f);
    f->dir = test_tmpdir();
    str_format(f->path, sizeof f->path, "%s/test.db", f->dir);
    f->d = test_open_db(f->path);
    *state = f;
    return 0;
}

int test_db_teardown(void **state) {
    test_db_fixture *f = *state;
    db_close(f->d);
    test_tmpdir_remove();
    free(f);
    return 0;
}
