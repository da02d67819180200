/* ui_strings.c: the kiosk's texts from INI files; see ui_strings.h. */
#include "ui/ui_strings.h"

#include <ini.h>
#include <stdlib.h>
#include <string.h>

typedef struct string_entry {
    char *key; /* "section.key" */
    char *value;
} string_entry;

typedef struct string_table {
    string_entry *items;
    int count, cap;
} string_table;

struct ui_strings {
    string_table lang[UI_LANG_COUNT];
};

static int on_value(void *user, const char *section, const char *name, const char *value) {
    string_table *t = user;
    char key[256];
    if (!str_format(key, sizeof key, "%s.%s", section, name)) {
        return 0;
    }
    /* An indented line continues the previous value (inih reads at most 200 bytes a line):
     * join them with a space. Any other repeated key is a mistake in the file. */
    if (t->count > 0 && strcmp(t->items[t->count - 1].key, key) == 0) {
        string_entry *last = &t->items[t->count - 1];
        size_t n = strlen(last->value) + strlen(value) + 2;
        char *joined = xmalloc(n);
        str_format(joined, n, "%s %s", last->value, value);
        free(last->value);
        last->value = joined;
        return 1;
    }
    for (int i = 0; i < t->count; i++) {
        if (strcmp(t->items[i].key, key) == 0) {
            return 0;
        }
    }
    if (t->count == t->cap) {
        t->cap = t->cap ? t->cap * 2 : 128;
        t->items = xreallocarray(t->items, (size_t)t->cap, sizeof *t->items);
    }
    /* "\n" in a value is a line break. */
    char *v = xstrdup(value);
    char *w = v;
    for (const char *r = value; *r; r++) {
        if (r[0] == '\\' && r[1] == 'n') {
            *w++ = '\n';
            r++;
        } else {
            *w++ = *r;
        }
    }
    *w = '\0';
    t->items[t->count].key = xstrdup(key);
    t->items[t->count].value = v;
    t->count++;
    return 1;
}

static int by_key(const void *a, const void *b) {
    return strcmp(((const string_entry *)a)->key, ((const string_entry *)b)->key);
}

/* The conversions of the printf format `text`, in order, as "%s %d": what the program passes
 * (flags, width and precision dropped: they change no argument; a '*' takes one and is kept).
 * False when they do not fit `cap`. */
static bool placeholders(const char *text, char *out, size_t cap) {
    out[0] = '\0';
    for (const char *p = strchr(text, '%'); p; p = strchr(p, '%')) {
        p++;
        if (*p == '%') {
            p++;
            continue;
        }
        char spec[16] = "%";
        size_t n = 1;
        for (; *p && strchr("-+ #0123456789.*hlLqjzt", *p); p++) {
            if (!strchr("-+ #0123456789.", *p) && n + 1 < sizeof spec) {
                spec[n++] = *p;
            }
        }
        if (*p && n + 1 < sizeof spec) {
            spec[n++] = *p++;
        }
        spec[n] = '\0';
        if ((out[0] && !str_append(out, cap, " ")) || !str_append(out, cap, spec)) {
            return false;
        }
    }
    return true;
}

/* Every key of both files has the same placeholders in both, in the same order: the program
 * passes the same arguments whatever the language, so "%s" in one and "%d" in the other (or
 * one fewer) would print garbage or crash. Returns 0, or -1 with `err` naming the key. */
static int check_placeholders(const ui_strings *s, const char *dir, ocop_error *err) {
    for (int i = 0; i < s->lang[UI_LANG_VI].count; i++) {
        const string_entry *vi = &s->lang[UI_LANG_VI].items[i];
        const char *en = ui_str(s, UI_LANG_EN, vi->key);
        char a[128], b[128];
        if (!placeholders(vi->value, a, sizeof a) || !placeholders(en, b, sizeof b) ||
            strcmp(a, b) != 0) {
            return error_set(err,
                             "%s/strings_en.ini: %s has the placeholders \"%s\" but "
                             "strings_vi.ini has \"%s\" (both must have the same, in the same "
                             "order)",
                             dir, vi->key, b, a);
        }
    }
    return 0;
}

ui_strings *ui_strings_load(const char *dir, ocop_error *err) {
    static const char *const files[UI_LANG_COUNT] = {"strings_vi.ini", "strings_en.ini"};
    ui_strings *s = xcalloc(1, sizeof *s);
    for (int l = 0; l < UI_LANG_COUNT; l++) {
        char path[4096];
        str_format(path, sizeof path, "%s/%s", dir, files[l]);
        int line = ini_parse(path, on_value, &s->lang[l]);
        if (line < 0) {
            error_set(err, "%s: cannot read the kiosk's strings", path);
            ui_strings_destroy(s);
            return NULL;
        }
        if (line > 0) {
            error_set(err, "%s:%d: bad line or duplicate key", path, line);
            ui_strings_destroy(s);
            return NULL;
        }
        qsort(s->lang[l].items, (size_t)s->lang[l].count, sizeof(string_entry), by_key);
    }
    if (check_placeholders(s, dir, err) != 0) {
        ui_strings_destroy(s);
        return NULL;
    }
    return s;
}

void ui_strings_destroy(ui_strings *s) {
    if (!s) {
        return;
    }
    for (int l = 0; l < UI_LANG_COUNT; l++) {
        for (int i = 0; i < s->lang[l].count; i++) {
            free(s->lang[l].items[i].key);
            free(s->lang[l].items[i].value);
        }
        free(s->lang[l].items);
    }
    free(s);
}

static const string_entry *find(const ui_strings *s, ui_lang lang, const char *key) {
    string_entry probe = {(char *)key, NULL};
    return bsearch(&probe, s->lang[lang].items, (size_t)s->lang[lang].count, sizeof probe, by_key);
}

const char *ui_str(const ui_strings *s, ui_lang lang, const char *key) {
    const string_entry *e = find(s, lang, key);
    return e ? e->value : key;
}

const char *ui_strings_word(const void *ctx, const char *key) {
    const ui_strings_lang *sl = ctx;
    return ui_str(sl->strings, sl->lang, key);
}

const char *ui_strings_word_in(const void *ctx, const char *lang, const char *key) {
    return ui_str(ctx, strcmp(lang, "en") == 0 ? UI_LANG_EN : UI_LANG_VI, key);
}

bool ui_strings_has(const ui_strings *s, ui_lang lang, const char *key) {
    return find(s, lang, key) != NULL;
}

int ui_strings_count(const ui_strings *s, ui_lang lang) {
    return s->lang[lang].count;
}

const char *ui_strings_key(const ui_strings *s, ui_lang lang, int i) {
    OCOP_ASSERT(i >= 0 && i < s->lang[lang].count);
    return s->lang[lang].items[i].key;
}
