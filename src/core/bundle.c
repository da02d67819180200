/* bundle.c: a USB update bundle (kiosk.ini, catalogue, capacity); see bundle.h. */
#include "core/bundle.h"

#include <ini.h>
#include <stdlib.h>
#include <string.h>

static const char *const settings_names[] = {"ocop-kiosk.ini", "kiosk.ini"};
static const char *const catalogue_names[] = {"ocop-catalog.csv", "ocop-catalogue.csv",
                                              "catalog.csv", "catalogue.csv"};
static const char *const capacity_names[] = {"ocop-capacity.csv", "capacity.csv"};

/* Reads the first of `names` that `dir` holds into *f. Returns 1, 0 (none) or -1 (refused). */
static int read_first(const char *dir, const char *const *names, size_t n, bundle_file *f,
                      ocop_error *err) {
    for (size_t i = 0; i < n; i++) {
        int rc = usb_read_file(dir, names[i], USB_FILE_MAX_BYTES, &f->text, &f->len, err);
        if (rc != 0) {
            if (rc > 0) {
                f->name = names[i];
            }
            return rc;
        }
    }
    return 0;
}

int bundle_read(const char *dir, bundle *b, ocop_error *err) {
    memset(b, 0, sizeof *b);
    if (!str_copy(b->dir, sizeof b->dir, dir)) {
        return error_set(err, "%s: the folder's name is too long", dir);
    }
    if (read_first(dir, settings_names, OCOP_COUNT(settings_names), &b->settings, err) < 0 ||
        read_first(dir, catalogue_names, OCOP_COUNT(catalogue_names), &b->catalogue, err) < 0 ||
        (b->catalogue.name &&
         read_first(dir, capacity_names, OCOP_COUNT(capacity_names), &b->capacity, err) < 0)) {
        bundle_free(b);
        return -1;
    }
    return b->settings.name || b->catalogue.name ? 1 : 0;
}

void bundle_free(bundle *b) {
    free(b->settings.text);
    free(b->catalogue.text);
    free(b->capacity.text);
    memset(&b->settings, 0, sizeof b->settings);
    memset(&b->catalogue, 0, sizeof b->catalogue);
    memset(&b->capacity, 0, sizeof b->capacity);
}

/* ---- comparing two kiosk.ini texts ------------------------------------------------------- */

typedef struct setting {
    char *key;   /* "section.key" */
    char *value; /* as written, trimmed by inih */
} setting;

typedef struct settings {
    setting *items;
    size_t count, cap;
} settings;

static const setting *find(const settings *s, const char *key) {
    for (size_t i = 0; i < s->count; i++) {
        if (strcmp(s->items[i].key, key) == 0) {
            return &s->items[i];
        }
    }
    return NULL;
}

/* inih handler: the last value of a repeated key wins, as in config_load. */
static int collect(void *user, const char *section, const char *key, const char *value) {
    settings *s = user;
    size_t n = strlen(section) + strlen(key) + 2;
    char *full = xmalloc(n);
    snprintf(full, n, "%s.%s", section, key);
    setting *old = (setting *)find(s, full);
    if (old) {
        free(full);
        free(old->value);
        old->value = xstrdup(value);
        return 1;
    }
    if (s->count == s->cap) {
        s->cap = s->cap ? s->cap * 2 : 32;
        s->items = xreallocarray(s->items, s->cap, sizeof *s->items);
    }
    s->items[s->count++] = (setting){full, xstrdup(value)};
    return 1;
}

static void settings_free(settings *s) {
    for (size_t i = 0; i < s->count; i++) {
        free(s->items[i].key);
        free(s->items[i].value);
    }
    free(s->items);
}

/* One changed key, with a value written as the file has it or "(default)". */
static void add_change(strbuf *out, const char *key, const setting *old, const setting *new) {
    sb_appendf(out, "%s: %s%s%s -> %s%s%s\n", key, old ? "\"" : "", old ? old->value : "(default)",
               old ? "\"" : "", new ? "\"" : "", new ? new->value : "(default)", new ? "\"" : "");
}

int bundle_settings_changes(const char *old_text, const char *new_text, strbuf *out) {
    settings old = {0}, new = {0};
    /* Syntax errors are config_load_text's to report; what parses is compared. */
    ini_parse_string(old_text, collect, &old);
    ini_parse_string(new_text, collect, &new);
    int changed = 0;
    for (size_t i = 0; i < new.count; i++) {
        const setting *o = find(&old, new.items[i].key);
        if (!o || strcmp(o->value, new.items[i].value) != 0) {
            add_change(out, new.items[i].key, o, &new.items[i]);
            changed++;
        }
    }
    for (size_t i = 0; i < old.count; i++) {
        if (!find(&new, old.items[i].key)) {
            add_change(out, old.items[i].key, &old.items[i], NULL);
            changed++;
        }
    }
    settings_free(&old);
    settings_free(&new);
    return changed;
}
