/* units.c: quantities and units; see units.h. */
#include "core/units.h"

#include "core/fold.h"
#include "core/utf8.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* One known unit: its canonical spelling and the other spellings that mean it.
 *
 * Matching depends on whether the text carries Vietnamese marks. Text typed without them
 * ("tan", "TAN", "hop") is folded (fold.h) and compared with the unaccented aliases, so "tan"
 * is tấn. Text with marks must be spelled right (case aside): it is compared, lower-cased and
 * NFC, with the canonical name and the accented aliases. Folding it too would be a guess,
 * because different units fold alike: tá (a dozen) and tạ (100 kg), thúng (a basket) and
 * thùng, lô (a lot) and lọ, bộ (a set) and bó. */
typedef struct unit_entry {
    const char *name; /* canonical, NFC */
    unit_kind kind;
    double to_base;
    const char *aliases[7]; /* other spellings (folded ASCII, or accented NFC lower case) */
} unit_entry;

static const unit_entry unit_table[] = {
    /* mass, base kg */
    {"g", UNIT_MASS, 0.001, {"g", "gam", "gram", "grams", "gr", NULL}},
    {"kg", UNIT_MASS, 1.0, {"kg", "kilogram", "kilograms", "kilo", "ky", "ký", "kí"}},
    {"yến", UNIT_MASS, 10.0, {"yen", NULL}},
    {"tạ", UNIT_MASS, 100.0, {"ta", NULL}},
    {"tấn", UNIT_MASS, 1000.0, {"tan", "ton", "tonne", "tons", "t", NULL}},
    /* volume, base l */
    {"ml", UNIT_VOLUME, 0.001, {"ml", "mililit", "millilitre", "milliliter", "mililít", NULL}},
    {"l", UNIT_VOLUME, 1.0, {"l", "lit", "litre", "liter", "litres", "liters", "lít"}},
    /* count: pieces, or the product's measure */
    {"piece", UNIT_COUNT, 1.0, {"piece", "pieces", "pcs", "pc", NULL}},
    {"cái", UNIT_COUNT, 1.0, {"cai", NULL}},
    {"chiếc", UNIT_COUNT, 1.0, {"chiec", NULL}},
    {"chai", UNIT_COUNT, 1.0, {"chai", "bottle", NULL}},
    {"hộp", UNIT_COUNT, 1.0, {"hop", "box", NULL}},
    {"hũ", UNIT_COUNT, 1.0, {"hu", "jar", NULL}},
    {"gói", UNIT_COUNT, 1.0, {"goi", "pack", "packet", NULL}},
    {"túi", UNIT_COUNT, 1.0, {"tui", "bag", NULL}},
    {"bao", UNIT_COUNT, 1.0, {"bao", "sack", NULL}},
    {"thùng", UNIT_COUNT, 1.0, {"thung", "carton", "case", NULL}},
    {"trái", UNIT_COUNT, 1.0, {"trai", NULL}},
    {"quả", UNIT_COUNT, 1.0, {"qua", "fruit", NULL}},
    {"bó", UNIT_COUNT, 1.0, {"bo", "bunch", NULL}},
    {"con", UNIT_COUNT, 1.0, {"con", NULL}},
    {"lọ", UNIT_COUNT, 1.0, {"lo", NULL}},
    {"can", UNIT_COUNT, 1.0, {"can", NULL}},
    {"bình", UNIT_COUNT, 1.0, {"binh", NULL}},
    {"cây", UNIT_COUNT, 1.0, {"cay", NULL}},
    {"chậu", UNIT_COUNT, 1.0, {"chau", "pot", NULL}},
    {"khay", UNIT_COUNT, 1.0, {"khay", "tray", NULL}},
    {"vỉ", UNIT_COUNT, 1.0, {"vi", NULL}},
    {"cuộn", UNIT_COUNT, 1.0, {"cuon", "roll", NULL}},
    {"tấm", UNIT_COUNT, 1.0, {"tam", "sheet", NULL}},
    {"miếng", UNIT_COUNT, 1.0, {"mieng", NULL}},
    {"đòn", UNIT_COUNT, 1.0, {"don", NULL}},
    {"đôi", UNIT_COUNT, 1.0, {"doi", "pair", NULL}},
    {"bộ", UNIT_COUNT, 1.0, {NULL}}, /* unaccented "bo" is bó */
    {"bánh", UNIT_COUNT, 1.0, {"banh", NULL}},
    {"set", UNIT_COUNT, 1.0, {"set", NULL}},
    {"suất", UNIT_COUNT, 1.0, {"suat", NULL}},
    {"vé", UNIT_COUNT, 1.0, {"ve", "ticket", NULL}},
    {"lượt", UNIT_COUNT, 1.0, {"luot", NULL}},
    {"người", UNIT_COUNT, 1.0, {"nguoi", "person", "guest", NULL}},
    {"tour", UNIT_COUNT, 1.0, {"tour", NULL}},
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

int units_lookup(const char *name, unit_info *out, ocop_error *err) {
    OCOP_ASSERT(name && out);
    char *folded = fold_text(name);
    char *lower = lower_nfc(name);
    trim_unit(folded);
    trim_unit(lower);
    bool marked = strcmp(folded, lower) != 0;
    const char *want = marked ? lower : folded;
    const unit_entry *found = NULL;
    for (size_t i = 0; i < OCOP_COUNT(unit_table) && !found; i++) {
        if (marked && strcmp(want, unit_table[i].name) == 0) {
            found = &unit_table[i];
        }
        for (size_t j = 0;
             j < OCOP_COUNT(unit_table[i].aliases) && unit_table[i].aliases[j] && !found; j++) {
            if (strcmp(want, unit_table[i].aliases[j]) == 0) {
                found = &unit_table[i];
            }
        }
    }
    free(lower);
    free(folded);
    if (!found) {
        if (str_blank(name)) {
            return error_set(err, "no unit given");
        }
        return error_set(err, "unknown unit \"%s\"", name);
    }
    str_copy(out->name, sizeof out->name, found->name);
    out->kind = found->kind;
    out->to_base = found->to_base;
    return 0;
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
    if (product->sale_unit[0] && strcmp(u.name, product->sale_unit) == 0) {
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
    OCOP_ASSERT(out && cap > 0);
    char buf[64];
    snprintf(buf, sizeof buf, "%.3f", qty);
    char *dot = strchr(buf, '.');
    if (dot) {
        char *end = buf + strlen(buf) - 1;
        while (end > dot && *end == '0') {
            *end-- = '\0';
        }
        if (end == dot) {
            *end = '\0';
        }
    }
    if (strcmp(buf, "-0") == 0) {
        str_copy(buf, sizeof buf, "0");
    }
    str_copy(out, cap, buf);
    return out;
}
