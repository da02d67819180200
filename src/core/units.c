/* units.c: quantities and units; see units.h. */
#include "core/units.h"

#include "core/fold.h"
#include "core/number.h"
#include "core/spell.h"
#include "core/utf8.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* One known unit: its canonical spelling, its English names, and the other spellings that
 * mean it.
 *
 * Matching depends on whether the text carries Vietnamese marks. Text typed without them
 * ("tan", "TAN", "hop") is folded (fold.h) and compared with the unaccented aliases, so "tan"
 * is tấn. Text with marks must be spelled right (case aside): it is compared, lower-cased and
 * NFC, with the canonical name and the accented aliases. Folding it too would be a guess,
 * because different units fold alike: tá (a dozen) and tạ (100 kg), thúng (a basket) and
 * thùng, lô (a lot) and lọ, bộ (a set) and bó, cân (a kilogram) and can (a jerrycan). */
typedef struct unit_entry {
    const char *name; /* canonical, NFC */
    unit_kind kind;
    double to_base;
    const char *en, *en_plural; /* for English screens and files: never a bare "l" */
    const char *aliases[14];    /* other spellings (folded ASCII, or accented NFC lower case) */
} unit_entry;

static const unit_entry unit_table[] = {
    /* mass, base kg; ký, kí, cân and kilô are how kg is said at a market, lạng is 100 g */
    {"g", UNIT_MASS, 0.001, "g", "g", {"g", "gam", "gram", "grams", "gr", "gramme", NULL}},
    {"lạng", UNIT_MASS, 0.1, "lạng (100 g)", "lạng (100 g)", {"lang", NULL}},
    {"kg",
     UNIT_MASS,
     1.0,
     "kg",
     "kg",
     {"kg", "kgs", "kilogram", "kilograms", "kilogam", "kilo", "ki lo", "ky", "ký", "kí", "cân",
      "kilô", "ki lô", "ký lô"}},
    {"yến", UNIT_MASS, 10.0, "yến (10 kg)", "yến (10 kg)", {"yen", NULL}},
    {"tạ", UNIT_MASS, 100.0, "tạ (100 kg)", "tạ (100 kg)", {"ta", NULL}},
    {"tấn", UNIT_MASS, 1000.0, "tonne", "tonnes", {"tan", "ton", "tonne", "tons", "tonnes", "t"}},
    /* volume, base l */
    {"ml",
     UNIT_VOLUME,
     0.001,
     "ml",
     "ml",
     {"ml", "mililit", "millilitre", "milliliter", "millilitres", "milliliters", "mililít"}},
    {"l", UNIT_VOLUME, 1.0, "L", "L", {"l", "lit", "litre", "liter", "litres", "liters", "lít"}},
    /* count: pieces, or the product's measure */
    {"piece", UNIT_COUNT, 1.0, "piece", "pieces", {"piece", "pieces", "pcs", "pc", NULL}},
    {"cái", UNIT_COUNT, 1.0, "piece", "pieces", {"cai", NULL}},
    {"chiếc", UNIT_COUNT, 1.0, "piece", "pieces", {"chiec", NULL}},
    {"chai", UNIT_COUNT, 1.0, "bottle", "bottles", {"chai", "bottle", "bottles", NULL}},
    {"lon", UNIT_COUNT, 1.0, "can", "cans", {"lon", "tin", NULL}},
    {"hộp", UNIT_COUNT, 1.0, "box", "boxes", {"hop", "box", "boxes", NULL}},
    {"hũ", UNIT_COUNT, 1.0, "jar", "jars", {"hu", "jar", "jars", "hủ", NULL}},
    {"lọ", UNIT_COUNT, 1.0, "jar", "jars", {"lo", NULL}},
    {"keo", UNIT_COUNT, 1.0, "jar", "jars", {"keo", NULL}},
    {"gói", UNIT_COUNT, 1.0, "pack", "packs", {"goi", "pack", "packs", "packet", "packets", NULL}},
    {"túi", UNIT_COUNT, 1.0, "bag", "bags", {"tui", "bag", "bags", NULL}},
    {"bịch", UNIT_COUNT, 1.0, "pouch", "pouches", {"bich", "pouch", NULL}},
    {"bao", UNIT_COUNT, 1.0, "sack", "sacks", {"bao", "sack", "sacks", NULL}},
    {"thùng", UNIT_COUNT, 1.0, "carton", "cartons", {"thung", "carton", "cartons", "case", NULL}},
    {"trái", UNIT_COUNT, 1.0, "fruit", "fruits", {"trai", NULL}},
    {"quả", UNIT_COUNT, 1.0, "fruit", "fruits", {"qua", "fruit", NULL}},
    {"bó", UNIT_COUNT, 1.0, "bunch", "bunches", {"bo", "bunch", NULL}},
    {"buồng", UNIT_COUNT, 1.0, "bunch", "bunches", {"buong", NULL}},
    {"nải", UNIT_COUNT, 1.0, "hand", "hands", {"nai", "hand", NULL}},
    {"xâu", UNIT_COUNT, 1.0, "string", "strings", {"xau", "string", NULL}},
    {"con", UNIT_COUNT, 1.0, "piece", "pieces", {"con", NULL}},
    {"can", UNIT_COUNT, 1.0, "jerrycan", "jerrycans", {"can", "jerrycan", NULL}},
    {"bình", UNIT_COUNT, 1.0, "jug", "jugs", {"binh", "jug", NULL}},
    {"thố", UNIT_COUNT, 1.0, "bowl", "bowls", {"tho", "bowl", NULL}},
    {"cây", UNIT_COUNT, 1.0, "piece", "pieces", {"cay", NULL}},
    {"chậu", UNIT_COUNT, 1.0, "pot", "pots", {"chau", "pot", NULL}},
    {"khay", UNIT_COUNT, 1.0, "tray", "trays", {"khay", "tray", NULL}},
    {"vỉ", UNIT_COUNT, 1.0, "card", "cards", {"vi", NULL}},
    {"cuộn", UNIT_COUNT, 1.0, "roll", "rolls", {"cuon", "roll", NULL}},
    {"tấm", UNIT_COUNT, 1.0, "sheet", "sheets", {"tam", "sheet", NULL}},
    {"miếng", UNIT_COUNT, 1.0, "piece", "pieces", {"mieng", NULL}},
    {"đòn", UNIT_COUNT, 1.0, "roll", "rolls", {"don", NULL}},
    {"đôi", UNIT_COUNT, 1.0, "pair", "pairs", {"doi", "pair", NULL}},
    {"bộ", UNIT_COUNT, 1.0, "set", "sets", {NULL}}, /* unaccented "bo" is bó */
    {"bánh", UNIT_COUNT, 1.0, "cake", "cakes", {"banh", NULL}},
    {"set", UNIT_COUNT, 1.0, "set", "sets", {"set", NULL}},
    {"suất", UNIT_COUNT, 1.0, "portion", "portions", {"suat", "portion", NULL}},
    {"vé", UNIT_COUNT, 1.0, "ticket", "tickets", {"ve", "ticket", NULL}},
    {"lượt", UNIT_COUNT, 1.0, "visit", "visits", {"luot", NULL}},
    {"người", UNIT_COUNT, 1.0, "person", "people", {"nguoi", "person", "guest", NULL}},
    {"tour", UNIT_COUNT, 1.0, "tour", "tours", {"tour", NULL}},
};

const char *units_base_name(unit_kind kind) {
    switch (kind) {
    case UNIT_MASS:
        return "kg";
    case UNIT_VOLUME:
        return "l";
    case UNIT_COUNT:
        return "piece";
    }
    OCOP_ASSERT(!"unknown unit kind");
    return "piece";
}

/* Lower case NFC of `s` (malformed UTF-8 replaced first). Caller frees. */
static char *lower_nfc(const char *s) {
    size_t len = strlen(s);
    char *clean = utf8_valid(s, len) ? NULL : utf8_sanitize(s, len);
    utf8proc_uint8_t *mapped = NULL;
    utf8proc_ssize_t n =
        utf8proc_map((const utf8proc_uint8_t *)(clean ? clean : s), 0, &mapped,
                     UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD);
    OCOP_ASSERT(n >= 0);
    free(clean);
    return (char *)mapped;
}

/* Trims spaces and one trailing period ("tấn.", "kg " as typed in spreadsheets). */
static void trim_unit(char *s) {
    str_trim(s);
    size_t len = strlen(s);
    if (len > 1 && s[len - 1] == '.') {
        s[len - 1] = '\0';
        str_trim(s);
    }
}

/* The entry whose canonical name or alias is `folded` (text without marks) or `lower` (text
 * with marks, lower case NFC), or NULL. */
static const unit_entry *find_known(const char *folded, const char *lower, bool marked) {
    const char *want = marked ? lower : folded;
    for (size_t i = 0; i < OCOP_COUNT(unit_table); i++) {
        const unit_entry *e = &unit_table[i];
        if (marked && strcmp(want, e->name) == 0) {
            return e;
        }
        for (size_t j = 0; j < OCOP_COUNT(e->aliases) && e->aliases[j]; j++) {
            if (strcmp(want, e->aliases[j]) == 0) {
                return e;
            }
        }
    }
    return NULL;
}

/* The spelling of a mass or volume unit (*unit) that the folded word `folded` could be a slip
 * of, or NULL: the same
 * letters as one of its spellings (tá for tạ, tần for tấn, cần for cân), or, for words of four
 * letters or more, one edit from a spelling of four letters or more ("litter", "kilogarm").
 * Taking such a word as a count would turn a buyer's 2 tạ (200 kg) into 2 pieces. */
static const char *near_mass_or_volume(const char *folded, const unit_entry **unit) {
    size_t len = strlen(folded);
    for (size_t i = 0; i < OCOP_COUNT(unit_table); i++) {
        const unit_entry *e = &unit_table[i];
        if (e->kind == UNIT_COUNT) {
            continue;
        }
        for (size_t j = 0; j <= OCOP_COUNT(e->aliases); j++) {
            const char *spelling = j == 0 ? e->name : e->aliases[j - 1];
            if (!spelling) {
                break;
            }
            char *f = fold_text(spelling);
            bool near = strcmp(f, folded) == 0 ||
                        (len >= 4 && strlen(f) >= 4 &&
                         spell_distance(folded, f, SPELL_EDIT, false) <= SPELL_EDIT);
            free(f);
            if (near) {
                *unit = e;
                return spelling;
            }
        }
    }
    return NULL;
}

/* True when `s` is a word or a few (letters and combining marks, with single spaces or
 * hyphens between them): "lon", "bịch", "thùng xốp". */
static bool is_unit_word(const char *s) {
    size_t len = strlen(s);
    bool after_letter = false;
    for (size_t p = 0; p < len;) {
        int32_t cp;
        size_t used = utf8_decode(s + p, len - p, &cp);
        if (used == 0) {
            return false;
        }
        utf8proc_category_t c = utf8proc_category(cp);
        bool letter = c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_ME;
        if (!letter && (!after_letter || (cp != ' ' && cp != '-'))) {
            return false;
        }
        after_letter = letter;
        p += used;
    }
    return after_letter;
}

int units_lookup(const char *name, unit_info *out, ocop_error *err) {
    OCOP_ASSERT(name && out);
    char *folded = fold_text(name);
    char *lower = lower_nfc(name);
    trim_unit(folded);
    trim_unit(lower);
    bool marked = strcmp(folded, lower) != 0;
    int rc = 0;
    const unit_entry *found = find_known(folded, lower, marked);
    const char *near = NULL;
    memset(out, 0, sizeof *out);
    if (found) {
        str_copy(out->name, sizeof out->name, found->name);
        out->kind = found->kind;
        out->to_base = found->to_base;
        out->known = true;
    } else if (str_blank(name)) {
        rc = error_set(err, "no unit given");
    } else if (!is_unit_word(lower)) {
        rc = error_set(err,
                       "\"%s\" is not a word (a size such as \"500 ml\" is a measure, "
                       "not a unit)",
                       name);
    } else if ((near = near_mass_or_volume(folded, &found))) {
        char also[48] = "";
        if (strcmp(near, found->name) != 0) {
            str_format(also, sizeof also, " (%s)", found->name);
        }
        rc = error_set(err,
                       "\"%s\" is too close to the %s unit %s%s to be taken as a count: "
                       "write %s if that is meant, or another word for a count",
                       lower, found->kind == UNIT_MASS ? "weight" : "volume", near, also, near);
    } else if (!str_copy(out->name, sizeof out->name, lower)) {
        rc = error_set(err, "\"%s\" is too long for a unit (at most %zu bytes)", lower,
                       sizeof out->name - 1);
    } else {
        out->kind = UNIT_COUNT; /* lon, bịch, xâu, chục …: a count unit of its own */
        out->to_base = 1.0;
        out->known = false;
    }
    free(lower);
    free(folded);
    if (rc != 0) {
        memset(out, 0, sizeof *out);
    }
    return rc;
}

const char *units_near_measure(const char *name) {
    OCOP_ASSERT(name);
    unit_info u;
    if (str_blank(name) || units_lookup(name, &u, NULL) == 0) {
        return NULL;
    }
    char *folded = fold_text(name);
    char *lower = lower_nfc(name);
    trim_unit(folded);
    trim_unit(lower);
    const unit_entry *found;
    const char *near = is_unit_word(lower) ? near_mass_or_volume(folded, &found) : NULL;
    free(lower);
    free(folded);
    return near;
}

bool units_same(const unit_info *a, const unit_info *b) {
    OCOP_ASSERT(a && b);
    if (strcmp(a->name, b->name) == 0) {
        return true;
    }
    if (a->known || b->known) {
        return false;
    }
    /* Two words the program does not know: "bich" typed without marks is "bịch". */
    char *fa = fold_text(a->name), *fb = fold_text(b->name);
    bool same = strcmp(fa, fb) == 0 && (strcmp(fa, a->name) == 0 || strcmp(fb, b->name) == 0);
    free(fa);
    free(fb);
    return same;
}

/* The table entry of a unit units_lookup knows, or NULL. */
static const unit_entry *entry_of(const char *unit) {
    unit_info u;
    if (units_lookup(unit, &u, NULL) != 0 || !u.known) {
        return NULL;
    }
    for (size_t i = 0; i < OCOP_COUNT(unit_table); i++) {
        if (strcmp(unit_table[i].name, u.name) == 0) {
            return &unit_table[i];
        }
    }
    OCOP_ASSERT(!"a known unit is in the table");
    return NULL;
}

const char *units_english(const char *unit, double qty) {
    const unit_entry *e = unit ? entry_of(unit) : NULL;
    if (!e) {
        return NULL;
    }
    return qty == 1.0 ? e->en : e->en_plural;
}

const char *units_label(const char *unit, const char *lang, double qty) {
    OCOP_ASSERT(unit && lang);
    const unit_entry *e = entry_of(unit);
    if (!e) {
        return unit;
    }
    if (strcmp(lang, "en") == 0) {
        return qty == 1.0 ? e->en : e->en_plural;
    }
    if (strcmp(e->name, "l") == 0) {
        return "lít";
    }
    return strcmp(e->name, "piece") == 0 ? "cái" : e->name;
}

int units_parse_number(const char *text, double *out, ocop_error *err) {
    OCOP_ASSERT(text && out);
    const char *p = text;
    while (*p == ' ' || *p == '\t') {
        p++;
    }
    size_t len = strlen(p);
    while (len > 0 && (p[len - 1] == ' ' || p[len - 1] == '\t')) {
        len--;
    }
    if (len == 0) {
        return error_set(err, "no number given");
    }
    char buf[64];
    if (len >= sizeof buf) {
        return error_set(err, "\"%s\" is not a number", text);
    }
    size_t n = 0;
    size_t i = 0;
    if (p[0] == '-' || p[0] == '+') {
        buf[n++] = p[i++];
    }
    size_t whole_digits = 0, frac_digits = 0, marks = 0;
    bool whole_nonzero = false;
    for (; i < len; i++) {
        char c = p[i];
        if (isdigit((unsigned char)c)) {
            if (marks == 0) {
                whole_digits++;
                whole_nonzero = whole_nonzero || c != '0';
            } else {
                frac_digits++;
            }
            buf[n++] = c;
        } else if (c == ',' || c == '.') {
            marks++;
            buf[n++] = '.';
        } else {
            return error_set(err, "\"%.*s\" is not a number", (int)len, p);
        }
    }
    buf[n] = '\0';
    if (whole_digits + frac_digits == 0) {
        return error_set(err, "\"%.*s\" is not a number", (int)len, p);
    }
    if (marks > 1) {
        return error_set(err, "\"%.*s\" is ambiguous: write it without thousands separators",
                         (int)len, p);
    }
    if (marks == 1 && frac_digits == 3 && whole_nonzero) {
        return error_set(err,
                         "\"%.*s\" is ambiguous (a decimal or thousands?): write %.*s%.*s for "
                         "the whole number",
                         (int)len, p, (int)whole_digits, p + (p[0] == '-' || p[0] == '+'), 3,
                         p + len - 3);
    }
    if (marks == 1 && frac_digits == 0) {
        return error_set(err, "\"%.*s\" is not a number", (int)len, p);
    }
    char *end = NULL;
    double v = strtod(buf, &end);
    if (!end || *end != '\0' || !isfinite(v)) {
        return error_set(err, "\"%.*s\" is not a number", (int)len, p);
    }
    *out = v;
    return 0;
}

int units_parse_measure(const char *text, double *qty, unit_info *unit, ocop_error *err) {
    OCOP_ASSERT(text && qty && unit);
    /* The number is everything up to the first character that cannot be part of one. */
    const char *p = text;
    while (*p == ' ' || *p == '\t') {
        p++;
    }
    const char *num_end = p;
    while (*num_end && (isdigit((unsigned char)*num_end) || *num_end == ',' || *num_end == '.' ||
                        (num_end == p && *num_end == '-'))) {
        num_end++;
    }
    if (num_end == p) {
        return error_set(err, "measure \"%s\" does not start with a number (e.g. \"500 ml\")",
                         text);
    }
    char number[64];
    if ((size_t)(num_end - p) >= sizeof number) {
        return error_set(err, "measure \"%s\" is not a number and a unit", text);
    }
    memcpy(number, p, (size_t)(num_end - p));
    number[num_end - p] = '\0';
    ocop_error inner;
    double v;
    if (units_parse_number(number, &v, &inner) != 0) {
        return error_set(err, "measure \"%s\": %s", text, inner.msg);
    }
    if (!(v > 0)) {
        return error_set(err, "measure \"%s\" must be more than 0", text);
    }
    if (str_blank(num_end)) {
        return error_set(err, "measure \"%s\" has no unit (e.g. \"500 ml\", \"1 kg\")", text);
    }
    unit_info u;
    if (units_lookup(num_end, &u, &inner) != 0) {
        return error_set(err, "measure \"%s\": %s", text, inner.msg);
    }
    if (u.kind == UNIT_COUNT) {
        return error_set(err, "measure \"%s\" must be a weight or a volume (g, kg, ml, l …)", text);
    }
    *qty = v;
    *unit = u;
    return 0;
}

static const char *kind_word(unit_kind kind) {
    switch (kind) {
    case UNIT_MASS:
        return "a weight";
    case UNIT_VOLUME:
        return "a volume";
    case UNIT_COUNT:
        return "a count";
    }
    return "?";
}

int units_product_base(const char *sale_unit, const char *measure, unit_base *out,
                       ocop_error *err) {
    OCOP_ASSERT(sale_unit && out);
    unit_info u;
    if (units_lookup(sale_unit, &u, err) != 0) {
        return -1;
    }
    bool has_measure = measure && !str_blank(measure);
    double mqty = 0;
    unit_info mu = {0};
    if (has_measure && units_parse_measure(measure, &mqty, &mu, err) != 0) {
        return -1;
    }
    memset(out, 0, sizeof *out);
    str_copy(out->sale_unit, sizeof out->sale_unit, u.name);
    if (u.kind == UNIT_COUNT) {
        if (has_measure) {
            out->base_unit = units_base_name(mu.kind);
            out->base_per_unit = mqty * mu.to_base;
        } else {
            out->base_unit = units_base_name(UNIT_COUNT);
            out->base_per_unit = 1.0;
        }
        return 0;
    }
    /* A mass or volume sale unit is its own measure; a measure may only repeat it. */
    if (has_measure) {
        if (mu.kind != u.kind) {
            return error_set(err, "unit %s is %s but the measure \"%s\" is %s", u.name,
                             kind_word(u.kind), measure, kind_word(mu.kind));
        }
        double m = mqty * mu.to_base;
        if (fabs(m - u.to_base) > 1e-9 * u.to_base) {
            return error_set(err,
                             "unit %s already says how much one is; the measure \"%s\" "
                             "contradicts it (leave the measure empty, or sell by the piece)",
                             u.name, measure);
        }
    }
    out->base_unit = units_base_name(u.kind);
    out->base_per_unit = u.to_base;
    return 0;
}

int units_to_base(double qty, const char *unit, const unit_base *product, double *out,
                  ocop_error *err) {
    OCOP_ASSERT(unit && product && product->base_unit && out);
    if (!isfinite(qty) || qty < 0) {
        return error_set(err, "quantity must be a number of 0 or more");
    }
    unit_info u;
    if (units_lookup(unit, &u, err) != 0) {
        return -1;
    }
    const char *base = product->base_unit;
    if (u.kind == UNIT_MASS || u.kind == UNIT_VOLUME) {
        const char *want = units_base_name(u.kind);
        if (strcmp(base, want) == 0) {
            *out = qty * u.to_base;
            return 0;
        }
        if (strcmp(base, "piece") == 0) {
            return error_set(err,
                             "cannot convert %s: the product is sold by the %s with no %s "
                             "given",
                             u.name, product->sale_unit[0] ? product->sale_unit : "piece",
                             u.kind == UNIT_MASS ? "weight" : "volume");
        }
        return error_set(err, "cannot convert %s to %s: the product is measured by %s", u.name,
                         base, strcmp(base, "kg") == 0 ? "weight" : "volume");
    }
    /* Count units. */
    unit_info sale;
    if (product->sale_unit[0] && units_lookup(product->sale_unit, &sale, NULL) == 0 &&
        units_same(&u, &sale)) {
        *out = qty * product->base_per_unit;
        return 0;
    }
    if (strcmp(u.name, "piece") == 0 && strcmp(base, "piece") == 0) {
        *out = qty;
        return 0;
    }
    if (product->sale_unit[0]) {
        return error_set(err,
                         "cannot convert %s: the product is sold by the %s, and how much a "
                         "%s holds is not known",
                         u.name, product->sale_unit, u.name);
    }
    return error_set(err, "cannot convert %s to %s: the product's sale unit is not known", u.name,
                     base);
}

char *units_format_number(double qty, char *out, size_t cap) {
    return number_format_plain(qty, 3, out, cap);
}

char *units_format_amount(double qty, int decimals, const char *unit, const char *lang, char *out,
                          size_t cap) {
    char number[48];
    number_format_human(qty, decimals, strcmp(lang, "en") != 0, number, sizeof number);
    str_format(out, cap, "%s %s", number, units_label(unit, lang, qty));
    return out;
}
