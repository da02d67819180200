/* bundle_db.c: checking and applying a USB update bundle; see bundle_db.h. */
#include "db/bundle_db.h"

#include "core/outfile.h"

#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The real file behind current->source_path (the packaged kiosk's data folder links to
 * /var/lib/ocop-kiosk/kiosk.ini): the one to replace. */
static int settings_target(const kiosk_config *current, char *out, size_t cap, ocop_error *err) {
    if (!current->source_path[0]) {
        return error_set(err, "this kiosk runs on its built-in settings, with no kiosk.ini to "
                              "replace (start it with --config FILE)");
    }
    char real[PATH_MAX];
    if (!realpath(current->source_path, real) || !str_copy(out, cap, real)) {
        return error_set(err, "%s: cannot find the kiosk's settings file", current->source_path);
    }
    return 0;
}

/* Loads the stick's kiosk.ini over the defaults into *out and checks that it keeps the
 * database. */
static int check_settings(const bundle *b, const kiosk_config *current, kiosk_config *out,
                          ocop_error *err) {
    char name[USB_PATH_MAX + 64];
    str_format(name, sizeof name, "%s/%s", b->dir, b->settings.name);
    config_defaults(out);
    if (config_load_text(name, b->settings.text, b->settings.len, out, err) != 0) {
        return -1;
    }
    if (strcmp(out->database, current->database) != 0) {
        return error_set(err,
                         "%s: database = %s, but this kiosk's database is %s; a stick does not "
                         "move the fair's data",
                         name, out->database, current->database);
    }
    return 0;
}

/* Imports (or, with `dry_run`, checks) the bundle's catalogue; the first error in `err`. */
static int import_catalogue(db *d, const bundle *b, bool dry_run, catalog_import_stats *stats,
                            ocop_error *err) {
    char cat_name[USB_PATH_MAX + 64], cap_name[USB_PATH_MAX + 64];
    str_format(cat_name, sizeof cat_name, "%s/%s", b->dir, b->catalogue.name);
    catalog_db_text catalogue = {cat_name, b->catalogue.text, b->catalogue.len};
    catalog_db_text capacity = {cap_name, b->capacity.text, b->capacity.len};
    if (b->capacity.name) {
        str_format(cap_name, sizeof cap_name, "%s/%s", b->dir, b->capacity.name);
    }
    char *report_text = NULL;
    size_t report_len = 0;
    FILE *report = open_memstream(&report_text, &report_len);
    if (!report) {
        return error_set(err, "out of memory");
    }
    const catalog_db_text *cap = b->capacity.name ? &capacity : NULL;
    int n = dry_run ? catalog_db_check_text(d, &catalogue, cap, report, stats)
                    : catalog_db_import_text(d, &catalogue, cap, report, stats);
    fclose(report);
    if (n < 0) {
        char first[sizeof err->msg];
        catalog_db_first_error(report_text ? report_text : "", first, sizeof first);
        error_set(err, "%s", first[0] ? first : "the catalogue was refused");
    }
    free(report_text);
    return n;
}

int bundle_db_check(db *d, const bundle *b, const kiosk_config *current, bundle_check *out,
                    ocop_error *err) {
    memset(out, 0, sizeof *out);
    if (b->settings.name) {
        kiosk_config next;
        char target[PATH_MAX];
        if (settings_target(current, target, sizeof target, err) != 0 ||
            check_settings(b, current, &next, err) != 0) {
            return -1;
        }
        char *old_text = NULL, *dir = xstrdup(target), *base = xstrdup(target);
        size_t old_len = 0;
        int rc = usb_read_file(dirname(dir), basename(base), USB_FILE_MAX_BYTES, &old_text,
                               &old_len, err);
        free(dir);
        free(base);
        if (rc < 0) {
            return -1;
        }
        out->has_settings = true;
        out->settings_changed =
            bundle_settings_changes(old_text ? old_text : "", b->settings.text, &out->changes);
        free(old_text);
    }
    if (b->catalogue.name) {
        int n = import_catalogue(d, b, true, &out->stats, err);
        if (n < 0) {
            bundle_check_free(out);
            return -1;
        }
        out->has_catalogue = true;
        out->products = n;
    }
    return 0;
}

void bundle_check_free(bundle_check *c) {
    sb_free(&c->changes);
    memset(c, 0, sizeof *c);
}

int bundle_db_apply(db *d, const bundle *b, const kiosk_config *current, int *products,
                    ocop_error *err) {
    *products = 0;
    outfile settings = {0};
    bool have_settings = false;
    if (b->settings.name) {
        kiosk_config next;
        char target[PATH_MAX];
        if (settings_target(current, target, sizeof target, err) != 0 ||
            check_settings(b, current, &next, err) != 0 ||
            outfile_open(&settings, target, err) != 0) {
            return -1;
        }
        have_settings = true;
        if (fwrite(b->settings.text, 1, b->settings.len, settings.f) != b->settings.len) {
            error_set(err, "%s: cannot write the new settings", settings.path);
            outfile_abort(&settings);
            return -1;
        }
    }
    if (b->catalogue.name) {
        int n = import_catalogue(d, b, false, NULL, err);
        if (n < 0) {
            if (have_settings) {
                outfile_abort(&settings);
            }
            return -1;
        }
        *products = n;
    }
    if (have_settings && outfile_commit(&settings, err) != 0) {
        if (b->catalogue.name) {
            char why[sizeof err->msg];
            str_copy(why, sizeof why, err->msg);
            error_set(err, "the catalogue was imported, but kiosk.ini was not replaced: %s", why);
        }
        return -1;
    }
    return 0;
}
