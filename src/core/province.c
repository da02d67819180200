/* province.c: province lookup and distances; see province.h. */
#include "core/province.h"

#include "core/base.h"
#include "core/fold.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Names people use that are neither a new nor an old official short name. */
static const struct {
    const char *key;  /* folded */
    const char *code; /* the new unit */
} aliases[] = {
    {"hcm", "79"},
    {"tp hcm", "79"},
    {"tphcm", "79"},
    {"sai gon", "79"},
    {"saigon", "79"},
    {"hcmc", "79"},
    {"hn", "01"},
    {"hanoi", "01"},
    {"thua thien hue", "46"},
    {"ba ria vung tau", "79"},
    {"brvt", "79"},
};

/* What may stand between words of a name ("TP.HCM", "Thua-Thien Hue"). */
static bool is_separator(char c) {
    return c == '-' || c == '.' || c == ',' || c == '_' || isspace((unsigned char)c);
}

static const char *skip_separators(const char *p) {
    while (*p && is_separator(*p)) {
        p++;
    }
    return p;
}

/* If the word at `p` (up to a separator) folds to `word`, the text after it; else NULL. */
static const char *after_word(const char *p, const char *word) {
    const char *end = p;
    while (*end && !is_separator(*end)) {
        end++;
    }
    char text[32]; /* longer than any prefix word, accents and all */
    if (end == p || (size_t)(end - p) >= sizeof text) {
        return NULL;
    }
    memcpy(text, p, (size_t)(end - p));
    text[end - p] = '\0';
    char *folded = fold_text(text);
    bool same = strcmp(folded, word) == 0;
    free(folded);
    return same ? end : NULL;
}

const char *province_name_without_prefix(const char *name) {
    /* Folded, word by word. */
    static const char *const prefixes[][2] = {{"thanh", "pho"}, {"tinh", NULL}, {"tp", NULL}};
    const char *start = skip_separators(name);
    for (size_t i = 0; i < OCOP_COUNT(prefixes); i++) {
        const char *p = start;
        for (size_t w = 0; w < OCOP_COUNT(prefixes[i]) && p && prefixes[i][w]; w++) {
            p = after_word(w == 0 ? p : skip_separators(p), prefixes[i][w]);
        }
        if (p && is_separator(*p) && *skip_separators(p) != '\0') {
            return skip_separators(p);
        }
    }
    return name;
}

int province_collate(const char *a, const char *b) {
    int order = fold_collate(province_name_without_prefix(a), province_name_without_prefix(b));
    return order != 0 ? order : fold_collate(a, b);
}

/* Folds `name` into a lookup key in `out`: without its administrative prefix, folded, the
 * separators as single spaces, none at either end. */
static void make_key(const char *name, char *out, size_t cap) {
    char *folded = fold_text(province_name_without_prefix(name));
    size_t n = 0;
    bool space = true; /* drops leading spaces */
    for (const char *p = folded; *p && n + 1 < cap; p++) {
        char c = *p;
        if (is_separator(c)) {
            if (!space) {
                out[n++] = ' ';
                space = true;
            }
            continue;
        }
        out[n++] = c;
        space = false;
    }
    if (n > 0 && out[n - 1] == ' ') {
        n--;
    }
    out[n] = '\0';
    free(folded);
}

const province_info *province_by_code(const char *code) {
    if (!code) {
        return NULL;
    }
    for (int i = 0; i < PROVINCE_COUNT; i++) {
        if (strcmp(province_table[i].code, code) == 0) {
            return &province_table[i];
        }
    }
    return NULL;
}

static bool place_of_unit(const province_info *unit, province_place *out) {
    out->unit = unit;
    out->name = unit->short_name;
    out->is_old = false;
    out->lat = unit->lat;
    out->lon = unit->lon;
    return true;
}

/* A code typed as digits: "1" and "01" are both Hà Nội. New codes win; an old code that is
 * not a new one names the old province. */
static bool find_by_code(const char *key, province_place *out) {
    size_t len = strlen(key);
    if (len == 0 || len > 2 || !isdigit((unsigned char)key[0]) ||
        (len == 2 && !isdigit((unsigned char)key[1]))) {
        return false;
    }
    char code[3];
    str_format(code, sizeof code, "%02d", atoi(key));
    const province_info *unit = province_by_code(code);
    if (unit) {
        return place_of_unit(unit, out);
    }
    for (int i = 0; i < PROVINCE_OLD_COUNT; i++) {
        if (strcmp(province_old_table[i].code, code) == 0) {
            const province_old_unit *old = &province_old_table[i];
            out->unit = province_by_code(old->new_code);
            OCOP_ASSERT(out->unit != NULL);
            out->name = old->short_name;
            out->is_old = true;
            out->lat = old->lat;
            out->lon = old->lon;
            return true;
        }
    }
    return false;
}

bool province_find(const char *name, province_place *out) {
    if (str_blank(name)) {
        return false;
    }
    char key[256];
    make_key(name, key, sizeof key);
    if (find_by_code(key, out)) {
        return true;
    }
    for (int i = 0; i < PROVINCE_COUNT; i++) {
        if (strcmp(province_table[i].key, key) == 0) {
            return place_of_unit(&province_table[i], out);
        }
    }
    for (int i = 0; i < PROVINCE_OLD_COUNT; i++) {
        const province_old_unit *old = &province_old_table[i];
        if (strcmp(old->key, key) == 0) {
            out->unit = province_by_code(old->new_code);
            OCOP_ASSERT(out->unit != NULL);
            out->name = old->short_name;
            out->is_old = true;
            out->lat = old->lat;
            out->lon = old->lon;
            return true;
        }
    }
    for (size_t i = 0; i < OCOP_COUNT(aliases); i++) {
        if (strcmp(aliases[i].key, key) == 0) {
            const province_info *unit = province_by_code(aliases[i].code);
            OCOP_ASSERT(unit != NULL);
            return place_of_unit(unit, out);
        }
    }
    return false;
}

double province_haversine_km(double lat1, double lon1, double lat2, double lon2) {
    const double radius_km = 6371.0;
    const double rad = M_PI / 180.0;
    double dlat = (lat2 - lat1) * rad;
    double dlon = (lon2 - lon1) * rad;
    double a = sin(dlat / 2) * sin(dlat / 2) +
               cos(lat1 * rad) * cos(lat2 * rad) * sin(dlon / 2) * sin(dlon / 2);
    return 2.0 * radius_km * asin(fmin(1.0, sqrt(a)));
}

double province_distance_km(const province_place *a, const province_place *b) {
    OCOP_ASSERT(a->unit && b->unit);
    if (a->unit == b->unit) {
        return 0.0;
    }
    return province_haversine_km(a->lat, a->lon, b->lat, b->lon) * PROVINCE_ROAD_FACTOR;
}
