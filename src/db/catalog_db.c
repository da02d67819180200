/* catalog_db.c: catalogue import and product reading; see catalog_db.h.
 *
 * An import runs in two passes inside one write transaction: first every row of both files is
 * checked (collecting every problem, not just the first), and only when there was none are the
 * rows written. Any failure then rolls the whole transaction back, so the database is either
 * the old one or the new one.
 */
#include "db/catalog_db.h"
#include "db/search_db.h"

#include "core/isotime.h"
#include "core/catalog.h"
#include "core/fold.h"
#include "core/paths.h"
#include "core/phone.h"
#include "core/picture.h"
#include "core/province.h"
#include "core/strbuf.h"
#include "core/units.h"
#include "db/db_internal.h"

#include <errno.h>
#include <libgen.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

/* The columns of the catalogue file (DESIGN §5), and the longest value each may hold (bytes,
 * the size of product_record's field less its NUL, so the kiosk never cuts a value). */
typedef struct column_spec {
    const char *name;
    bool required;
    size_t max_len;
} column_spec;

enum {
    C_CODE,
    C_NAME_VI,
    C_PRODUCER,
    C_PROVINCE,
    C_STARS,
    C_GROUP,
    C_UNIT,
    C_NAME_EN,
    C_PRODUCER_KIND,
    C_DISTRICT,
    C_PHONE,
    C_EMAIL,
    C_CERT_NO,
    C_CERT_DATE,
    C_CERT_EXPIRY,
    C_MEASURE,
    C_PRICE_MIN,
    C_PRICE_MAX,
    C_MOQ,
    C_LEAD_TIME,
    C_CAPACITY,
    C_CAPACITY_UNIT,
    C_IMAGE,
    C_DESCRIPTION_VI,
    C_DESCRIPTION_EN,
    C_COUNT
};

static const column_spec catalog_columns[C_COUNT] = {
    [C_CODE] = {"code", true, 63},
    [C_NAME_VI] = {"name_vi", true, 255},
    [C_PRODUCER] = {"producer", true, 255},
    [C_PROVINCE] = {"province", true, 63},
    [C_STARS] = {"stars", true, 8},
    [C_GROUP] = {"group", true, 200},
    [C_UNIT] = {"unit", true, 31},
    [C_NAME_EN] = {"name_en", false, 255},
    [C_PRODUCER_KIND] = {"producer_kind", false, 64},
    [C_DISTRICT] = {"district", false, 127},
    [C_PHONE] = {"phone", false, 31},
    [C_EMAIL] = {"email", false, 127},
    [C_CERT_NO] = {"cert_no", false, 63},
    [C_CERT_DATE] = {"cert_date", false, 10},
    [C_CERT_EXPIRY] = {"cert_expiry", false, 10},
    [C_MEASURE] = {"measure", false, 31},
    [C_PRICE_MIN] = {"price_min_vnd", false, 32},
    [C_PRICE_MAX] = {"price_max_vnd", false, 32},
    [C_MOQ] = {"moq", false, 32},
    [C_LEAD_TIME] = {"lead_time_days", false, 16},
    [C_CAPACITY] = {"capacity", false, 32},
    [C_CAPACITY_UNIT] = {"capacity_unit", false, 31},
    [C_IMAGE] = {"image", false, 1024},
    [C_DESCRIPTION_VI] = {"description_vi", false, 2047},
    [C_DESCRIPTION_EN] = {"description_en", false, 2047},
};

enum { K_CODE, K_MONTH, K_QUANTITY, K_UNIT, K_COUNT };
static const column_spec capacity_columns[K_COUNT] = {
    [K_CODE] = {"code", true, 63},
    [K_MONTH] = {"month", true, 7},
    [K_QUANTITY] = {"quantity", true, 32},
    [K_UNIT] = {"unit", true, 31},
};

/* One checked catalogue row, ready to write. Text points into the CSV's fields. */
typedef struct product_row {
    const catalog_csv_row *src;
    const char *text[C_COUNT]; /* trimmed NFC cell, "" when empty or no column */
    const char *group;         /* static key */
    const char *kind;          /* static key */
    const char *province_code; /* one of the 34 units (core/province.h), NULL when unknown */
    char phone[32];            /* normalised +84…, "" for none */
    bool kind_given;
    int stars;
    unit_base base;
    bool has_price_min, has_price_max, has_moq, has_lead, has_capacity;
    int64_t price_min, price_max;
    double moq;
    int lead;
    double capacity, capacity_base;
    char capacity_unit[32];
    char *image; /* as stored, malloc'd; NULL for none */
    bool ok;     /* no problem found in this row */
} product_row;

/* One checked capacity row. */
typedef struct capacity_row {
    const catalog_csv_row *src;
    const char *code;
    char month[8];
    double quantity, base_quantity;
    const char *unit;
} capacity_row;

/* Sale units the program does not know, taken as count units: said once per file. */
#define NEW_UNITS_LISTED 12
typedef struct new_units {
    int n;    /* distinct units, even beyond NEW_UNITS_LISTED */
    int line; /* of the first row using one */
    int rows; /* rows using one */
    char name[NEW_UNITS_LISTED][32];
    int count[NEW_UNITS_LISTED];
} new_units;

typedef struct import_state {
    db *d;
    strbuf problems; /* every line, errors and warnings, in file order */
    int errors;
    int warnings;
    new_units units; /* of the catalogue file */
} import_state;

/* One line of the report: `prefix` ("" or "warning: "), file, line, column and the message, which
 * may quote a cell: escaped (utf8_printable), so that a cell with a line break stays on its line.
 */
static void report_line(import_state *s, const char *prefix, const char *file, int line,
                        const char *column, const char *fmt, va_list ap) {
    strbuf text = {0};
    sb_appendf(&text, "%s%s:%d: %s: ", prefix, file, line, column);
    sb_appendv(&text, fmt, ap);
    sb_append_printable(&s->problems, sb_str(&text), text.len);
    sb_append_char(&s->problems, '\n');
    sb_free(&text);
}

static void problem(import_state *s, const char *file, int line, const char *column,
                    const char *fmt, ...) __attribute__((format(printf, 5, 6)));
static void problem(import_state *s, const char *file, int line, const char *column,
                    const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    report_line(s, "", file, line, column, fmt, ap);
    va_end(ap);
    s->errors++;
}

static void warning(import_state *s, const char *file, int line, const char *column,
                    const char *fmt, ...) __attribute__((format(printf, 5, 6)));
static void warning(import_state *s, const char *file, int line, const char *column,
                    const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    report_line(s, "warning: ", file, line, column, fmt, ap);
    va_end(ap);
    s->warnings++;
}

/* Maps the header onto `specs`: cols[i] is the index of spec i's column or -1. Reports missing
 * required columns, columns named twice (errors) and unknown columns (warnings). Returns false
 * when a required column is missing. */
static bool map_header(import_state *s, const catalog_csv *csv, const column_spec *specs,
                       size_t n_specs, int *cols) {
    bool ok = true;
    int line = csv->header.line ? csv->header.line : 1;
    if (csv->header.count == 0) {
        problem(s, csv->file, line, "header", "no header row (the file is empty)");
        return false;
    }
    for (size_t i = 0; i < n_specs; i++) {
        cols[i] = -1;
    }
    for (size_t c = 0; c < csv->header.count; c++) {
        char *name = fold_text(csv->header.fields[c]);
        str_trim(name);
        size_t i = 0;
        while (i < n_specs && strcmp(name, specs[i].name) != 0) {
            i++;
        }
        if (i == n_specs) {
            if (name[0]) {
                warning(s, csv->file, line, csv->header.fields[c], "unknown column, ignored");
            }
        } else if (cols[i] >= 0) {
            problem(s, csv->file, line, specs[i].name, "column appears twice");
            ok = false;
        } else {
            cols[i] = (int)c;
        }
        free(name);
    }
    for (size_t i = 0; i < n_specs; i++) {
        if (specs[i].required && cols[i] < 0) {
            problem(s, csv->file, line, specs[i].name, "required column missing");
            ok = false;
        }
    }
    return ok;
}

/* Fills text[] from the row; reports missing required values and over-long values. */
static bool take_cells(import_state *s, const catalog_csv *csv, const catalog_csv_row *row,
                       const column_spec *specs, size_t n_specs, const int *cols,
                       const char **text) {
    bool ok = true;
    for (size_t i = 0; i < n_specs; i++) {
        text[i] = catalog_csv_field(row, cols[i]);
        if (specs[i].required && text[i][0] == '\0') {
            problem(s, csv->file, row->line, specs[i].name, "required value missing");
            ok = false;
        } else if (strlen(text[i]) > specs[i].max_len) {
            problem(s, csv->file, row->line, specs[i].name, "longer than %zu bytes",
                    specs[i].max_len);
            ok = false;
        }
    }
    return ok;
}

/* The stored form of a catalogue's `image` cell; see catalog_db_import_ex. Returns false after
 * reporting when the cell cannot be stored. */
static bool resolve_image(import_state *s, const catalog_csv *csv, const catalog_csv_row *row,
                          const char *cell, char *out, size_t cap) {
    out[0] = '\0';
    if (!cell[0]) {
        return true;
    }
    char joined[PATH_MAX], dir[PATH_MAX], dir_real[PATH_MAX];
    str_copy(dir, sizeof dir, csv->file);
    if (!realpath(dirname(dir), dir_real)) {
        problem(s, csv->file, row->line, "image", "cannot resolve the catalogue's folder: %s",
                strerror(errno));
        return false;
    }
    if (cell[0] == '/') {
        str_copy(joined, sizeof joined, cell);
    } else {
        str_copy(dir, sizeof dir, csv->file);
        if (!str_format(joined, sizeof joined, "%s/%s", dirname(dir), cell)) {
            problem(s, csv->file, row->line, "image", "path too long");
            return false;
        }
    }
    char real[PATH_MAX];
    if (!realpath(joined, real)) {
        warning(s, csv->file, row->line, "image",
                "file \"%s\" not found; the product is imported without an image", joined);
        return true;
    }
    /* A hostile or careless catalogue must not make the kiosk load (and show) any file it can
     * read, or hang on a FIFO or /dev/zero: an image is a plain file inside the catalogue's
     * folder, after every link is resolved. */
    size_t n_dir = strlen(dir_real);
    bool inside = strncmp(real, dir_real, n_dir) == 0 &&
                  (real[n_dir] == '/' || (n_dir == 1 && dir_real[0] == '/'));
    if (!inside) {
        problem(s, csv->file, row->line, "image",
                "\"%s\" is outside the catalogue's folder %s; images must be files in that "
                "folder or below it",
                cell, dir_real);
        return false;
    }
    struct stat st;
    if (stat(real, &st) != 0 || !S_ISREG(st.st_mode)) {
        problem(s, csv->file, row->line, "image", "\"%s\" is not a plain file", cell);
        return false;
    }
    char assets[PATH_MAX], assets_real[PATH_MAX];
    if (paths_data_file(assets, sizeof assets, "assets") && realpath(assets, assets_real)) {
        size_t n = strlen(assets_real);
        if (strncmp(real, assets_real, n) == 0 && real[n] == '/') {
            if (!str_copy(out, cap, real + n + 1) || strlen(out) > 255) {
                problem(s, csv->file, row->line, "image", "path longer than 255 bytes");
                return false;
            }
            return true;
        }
    }
    if (!str_copy(out, cap, real) || strlen(out) > 255) {
        problem(s, csv->file, row->line, "image", "path \"%s\" longer than 255 bytes", real);
        return false;
    }
    return true;
}

/* Counts a row sold by `unit`, a count word the program does not know. */
static void note_new_unit(new_units *u, const char *unit, int line) {
    if (u->rows++ == 0) {
        u->line = line;
    }
    for (int i = 0; i < u->n && i < NEW_UNITS_LISTED; i++) {
        if (strcmp(u->name[i], unit) == 0) {
            u->count[i]++;
            return;
        }
    }
    if (u->n < NEW_UNITS_LISTED) {
        str_copy(u->name[u->n], sizeof u->name[0], unit);
        u->count[u->n] = 1;
    }
    u->n++;
}

/* The one warning of a file about the sale units it taught the program. */
static void warn_new_units(import_state *s, const char *file) {
    const new_units *u = &s->units;
    if (u->n == 0) {
        return;
    }
    strbuf list = {0};
    for (int i = 0; i < u->n && i < NEW_UNITS_LISTED; i++) {
        sb_appendf(&list, "%s\"%s\" (%d row%s)", i ? ", " : "", u->name[i], u->count[i],
                   u->count[i] == 1 ? "" : "s");
    }
    if (u->n > NEW_UNITS_LISTED) {
        sb_appendf(&list, " and %d more", u->n - NEW_UNITS_LISTED);
    }
    warning(s, file, u->line, "unit",
            "%s: not units this program knows, taken as count units (each converts only to "
            "itself; a measure such as \"330 ml\" lets it convert to a weight or volume)",
            sb_str(&list));
    sb_free(&list);
}

/* Checks one catalogue row into *p. */
static void check_product(import_state *s, const catalog_csv *csv, const catalog_csv_row *row,
                          const int *cols, product_row *p) {
    memset(p, 0, sizeof *p);
    p->src = row;
    const char *file = csv->file;
    int line = row->line;
    bool ok = take_cells(s, csv, row, catalog_columns, C_COUNT, cols, p->text);
    const char **t = p->text;
    ocop_error err;

    if (t[C_STARS][0] && catalog_parse_stars(t[C_STARS], &p->stars, &err) != 0) {
        problem(s, file, line, "stars", "%s", err.msg);
        ok = false;
    }
    if (t[C_GROUP][0] && !(p->group = catalog_group_key(t[C_GROUP]))) {
        problem(s, file, line, "group",
                "unknown group \"%s\" (food, beverages, herbal, textiles, handicrafts, "
                "ornamental, tourism, or their Vietnamese names)",
                t[C_GROUP]);
        ok = false;
    }
    if (t[C_UNIT][0]) {
        unit_info u;
        if (units_lookup(t[C_UNIT], &u, &err) != 0) {
            problem(s, file, line, "unit", "%s", err.msg);
            ok = false;
        } else if (units_product_base(t[C_UNIT], t[C_MEASURE], &p->base, &err) != 0) {
            problem(s, file, line, "measure", "%s", err.msg);
            ok = false;
        } else if (!u.known) {
            note_new_unit(&s->units, u.name, line);
        }
    }
    if (t[C_PROVINCE][0]) {
        province_place place;
        if (province_find(t[C_PROVINCE], &place)) {
            p->province_code = place.unit->code;
        } else {
            warning(s, file, line, "province",
                    "\"%s\" is not a known province; matching cannot tell how far it is",
                    t[C_PROVINCE]);
        }
    }
    if (t[C_PHONE][0] && phone_normalize(t[C_PHONE], p->phone, sizeof p->phone, &err) != 0) {
        problem(s, file, line, "phone", "%s", err.msg);
        ok = false;
    }
    if (t[C_EMAIL][0] && phone_check_email(t[C_EMAIL], &err) != 0) {
        problem(s, file, line, "email", "%s", err.msg);
        ok = false;
    }
    if (t[C_PRODUCER_KIND][0]) {
        p->kind = catalog_parse_kind(t[C_PRODUCER_KIND]);
        p->kind_given = true;
        if (!p->kind) {
            problem(s, file, line, "producer_kind",
                    "unknown kind \"%s\" (cooperative, company, household, other)",
                    t[C_PRODUCER_KIND]);
            ok = false;
        }
    } else {
        p->kind = catalog_kind_from_name(t[C_PRODUCER]);
    }
    char date[11], expiry[11];
    bool has_date = false, has_expiry = false;
    if (t[C_CERT_DATE][0]) {
        has_date = catalog_parse_date(t[C_CERT_DATE], date, &err) == 0;
        if (!has_date) {
            problem(s, file, line, "cert_date", "%s", err.msg);
            ok = false;
        }
    }
    if (t[C_CERT_EXPIRY][0]) {
        has_expiry = catalog_parse_date(t[C_CERT_EXPIRY], expiry, &err) == 0;
        if (!has_expiry) {
            problem(s, file, line, "cert_expiry", "%s", err.msg);
            ok = false;
        }
    }
    if (has_date && has_expiry && strcmp(expiry, date) < 0) {
        problem(s, file, line, "cert_expiry", "%s is before cert_date %s", expiry, date);
        ok = false;
    }
    if (t[C_PRICE_MIN][0]) {
        p->has_price_min = catalog_parse_price(t[C_PRICE_MIN], &p->price_min, &err) == 0;
        if (!p->has_price_min) {
            problem(s, file, line, "price_min_vnd", "%s", err.msg);
            ok = false;
        }
    }
    if (t[C_PRICE_MAX][0]) {
        p->has_price_max = catalog_parse_price(t[C_PRICE_MAX], &p->price_max, &err) == 0;
        if (!p->has_price_max) {
            problem(s, file, line, "price_max_vnd", "%s", err.msg);
            ok = false;
        }
    }
    if (p->has_price_min && p->has_price_max && p->price_max < p->price_min) {
        problem(s, file, line, "price_max_vnd", "%lld is less than price_min_vnd %lld",
                (long long)p->price_max, (long long)p->price_min);
        ok = false;
    }
    if (t[C_MOQ][0]) {
        p->has_moq = catalog_parse_quantity(t[C_MOQ], &p->moq, &err) == 0;
        if (!p->has_moq) {
            problem(s, file, line, "moq", "%s", err.msg);
            ok = false;
        }
    }
    if (t[C_LEAD_TIME][0]) {
        p->has_lead = catalog_parse_count(t[C_LEAD_TIME], &p->lead, &err) == 0;
        if (!p->has_lead) {
            problem(s, file, line, "lead_time_days", "%s", err.msg);
            ok = false;
        }
    }
    if (t[C_CAPACITY][0]) {
        p->has_capacity = catalog_parse_quantity(t[C_CAPACITY], &p->capacity, &err) == 0;
        if (!p->has_capacity) {
            problem(s, file, line, "capacity", "%s", err.msg);
            ok = false;
        }
    } else if (t[C_CAPACITY_UNIT][0]) {
        warning(s, file, line, "capacity_unit", "given without a capacity, ignored");
    }
    if (p->has_capacity && p->base.base_unit) {
        /* Without capacity_unit the capacity is in the sale unit. */
        const char *cu = t[C_CAPACITY_UNIT][0] ? t[C_CAPACITY_UNIT] : t[C_UNIT];
        str_copy(p->capacity_unit, sizeof p->capacity_unit, cu);
        if (units_to_base(p->capacity, cu, &p->base, &p->capacity_base, &err) != 0) {
            problem(s, file, line, "capacity_unit", "%s", err.msg);
            ok = false;
        }
    }
    char image[PATH_MAX];
    if (!resolve_image(s, csv, row, t[C_IMAGE], image, sizeof image)) {
        ok = false;
    } else if (image[0]) {
        p->image = xstrdup(image);
    }
    p->ok = ok;
}

/* The product's base as the database has it, for capacity rows of products not in the file.
 * Returns 1 found, 0 not, -1 error. */
static int stored_base(db *d, const char *code, unit_base *out, ocop_error *err) {
    static const char sql[] = "SELECT unit, measure FROM product WHERE code = :code";
    sqlite3_stmt *st = db_prepare(d, sql, err);
    if (!st) {
        return -1;
    }
    db_bind_text(st, ":code", code);
    int rc = db_step(d, st, err);
    if (rc != SQLITE_ROW) {
        return rc == SQLITE_DONE ? 0 : -1;
    }
    const char *unit = (const char *)sqlite3_column_text(st, 0);
    const char *measure = (const char *)sqlite3_column_text(st, 1);
    int r = units_product_base(unit ? unit : "", measure, out, err) == 0 ? 1 : -1;
    sqlite3_reset(st);
    return r;
}

/* Finding repeated keys (product codes; code and month) in O(n log n): a catalogue may have
 * 100,000 rows. */
typedef struct key_entry {
    const char *key;
    size_t index;
} key_entry;

static int key_entry_cmp(const void *a, const void *b) {
    const key_entry *x = a, *y = b;
    int c = strcmp(x->key, y->key);
    return c ? c : (x->index > y->index) - (x->index < y->index);
}

/* For each of `n` keys (NULL or "" keys take no part), the index + 1 of the first earlier
 * entry with the same key, or 0 when it is the first. Caller frees. */
static size_t *first_of_keys(const char *const *keys, size_t n) {
    key_entry *e = xcalloc(n ? n : 1, sizeof *e);
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        if (keys[i] && keys[i][0]) {
            e[m++] = (key_entry){keys[i], i};
        }
    }
    qsort(e, m, sizeof *e, key_entry_cmp);
    size_t *first = xcalloc(n ? n : 1, sizeof *first);
    for (size_t i = 1; i < m; i++) {
        if (strcmp(e[i].key, e[i - 1].key) == 0) {
            size_t head = first[e[i - 1].index] ? first[e[i - 1].index] - 1 : e[i - 1].index;
            first[e[i].index] = head + 1;
        }
    }
    free(e);
    return first;
}

/* The checked catalogue row with `code`, or NULL. `sorted` holds the rows' codes in
 * key_entry_cmp order. */
static const product_row *find_product(const key_entry *sorted, size_t n,
                                       const product_row *products, const char *code) {
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(sorted[mid].key, code) < 0) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return lo < n && strcmp(sorted[lo].key, code) == 0 ? &products[sorted[lo].index] : NULL;
}

/* Checks the capacity file. `products`/`n_products` are the catalogue's checked rows (may be
 * none). Fills rows[] with the good ones. */
static void check_capacity(import_state *s, const catalog_csv *csv, const int *cols,
                           const product_row *products, size_t n_products, capacity_row *rows,
                           size_t *n_rows) {
    *n_rows = 0;
    key_entry *sorted = xcalloc(n_products ? n_products : 1, sizeof *sorted);
    for (size_t i = 0; i < n_products; i++) {
        sorted[i] = (key_entry){products[i].text[C_CODE], i};
    }
    qsort(sorted, n_products, sizeof *sorted, key_entry_cmp);
    char **keys = xcalloc(csv->count ? csv->count : 1, sizeof *keys);
    for (size_t r = 0; r < csv->count; r++) {
        if (csv->rows[r].fields) {
            strbuf k = {0};
            sb_appendf(&k, "%s\t%s", catalog_csv_field(&csv->rows[r], cols[K_CODE]),
                       catalog_csv_field(&csv->rows[r], cols[K_MONTH]));
            keys[r] = sb_take(&k);
        }
    }
    size_t *first = first_of_keys((const char *const *)keys, csv->count);
    for (size_t r = 0; r < csv->count; r++) {
        const catalog_csv_row *row = &csv->rows[r];
        if (!row->fields) {
            continue; /* already reported by the reader */
        }
        const char *text[K_COUNT];
        bool ok = take_cells(s, csv, row, capacity_columns, K_COUNT, cols, text);
        capacity_row c = {.src = row, .code = text[K_CODE], .unit = text[K_UNIT]};
        ocop_error err;
        if (text[K_MONTH][0] && catalog_parse_month(text[K_MONTH], c.month, &err) != 0) {
            problem(s, csv->file, row->line, "month", "%s", err.msg);
            ok = false;
        }
        if (text[K_QUANTITY][0] &&
            catalog_parse_quantity(text[K_QUANTITY], &c.quantity, &err) != 0) {
            problem(s, csv->file, row->line, "quantity", "%s", err.msg);
            ok = false;
        }
        if (ok && first[r]) {
            problem(s, csv->file, row->line, "month",
                    "\"%s\" repeated for product \"%s\" (first on line %d)", c.month, c.code,
                    csv->rows[first[r] - 1].line);
            ok = false;
        }
        if (!c.code[0]) {
            continue;
        }
        /* The product: from the catalogue file when it is there, else from the database. */
        unit_base base;
        bool have_base = false, known = false;
        const product_row *in_file = find_product(sorted, n_products, products, c.code);
        if (in_file) {
            known = true;
            have_base = in_file->base.base_unit != NULL;
            base = in_file->base;
        }
        if (!known) {
            int found = stored_base(s->d, c.code, &base, &err);
            if (found < 0) {
                problem(s, csv->file, row->line, "code", "%s", err.msg);
                ok = false;
            } else if (found == 0) {
                problem(s, csv->file, row->line, "code",
                        "unknown product \"%s\" (not in the catalogue file nor the database)",
                        c.code);
                ok = false;
            } else {
                have_base = true;
            }
        }
        if (ok && have_base && c.unit[0]) {
            if (units_to_base(c.quantity, c.unit, &base, &c.base_quantity, &err) != 0) {
                problem(s, csv->file, row->line, "unit", "%s", err.msg);
                ok = false;
            }
        }
        if (ok && have_base) {
            rows[(*n_rows)++] = c;
        }
    }
    for (size_t r = 0; r < csv->count; r++) {
        free(keys[r]);
    }
    free(keys);
    free(first);
    free(sorted);
}

static const char *or_null(const char *s) {
    return s && s[0] ? s : NULL;
}

/* The catalogue's updated_at stamps: when the organiser imported it (not the kiosk's clock). */
static void now_utc(char out[32]) {
    isotime_format_utc((int64_t)time(NULL), out, 32);
}

/* Finds or creates the producer of `p`; returns its id or -1. */
static int64_t upsert_producer(db *d, const product_row *p, bool *created, ocop_error *err) {
    static const char find_sql[] =
        "SELECT id FROM producer WHERE name = :name AND province = :province";
    sqlite3_stmt *st = db_prepare(d, find_sql, err);
    if (!st) {
        return -1;
    }
    db_bind_text(st, ":name", p->text[C_PRODUCER]);
    db_bind_text(st, ":province", p->text[C_PROVINCE]);
    int rc = db_step(d, st, err);
    if (rc < 0) {
        return -1;
    }
    *created = rc == SQLITE_DONE;
    int64_t id = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_reset(st);
    if (*created) {
        static const char insert_sql[] =
            "INSERT INTO producer (name, kind, province, province_code, district, phone, email)"
            " VALUES (:name, :kind, :province, :province_code, :district, :phone, :email)";
        st = db_prepare(d, insert_sql, err);
        if (!st) {
            return -1;
        }
        db_bind_text(st, ":name", p->text[C_PRODUCER]);
        db_bind_text(st, ":kind", p->kind);
        db_bind_text(st, ":province", p->text[C_PROVINCE]);
        db_bind_text(st, ":province_code", p->province_code);
        db_bind_text(st, ":district", or_null(p->text[C_DISTRICT]));
        db_bind_text(st, ":phone", or_null(p->phone));
        db_bind_text(st, ":email", or_null(p->text[C_EMAIL]));
        if (db_step(d, st, err) != SQLITE_DONE) {
            return -1;
        }
        return sqlite3_last_insert_rowid(db_handle(d));
    }
    static const char update_sql[] =
        "UPDATE producer SET kind = CASE WHEN :kind_given THEN :kind ELSE kind END,"
        " province_code = COALESCE(:province_code, province_code),"
        " district = COALESCE(:district, district), phone = COALESCE(:phone, phone),"
        " email = COALESCE(:email, email) WHERE id = :id";
    st = db_prepare(d, update_sql, err);
    if (!st) {
        return -1;
    }
    db_bind_int64(st, ":kind_given", p->kind_given);
    db_bind_text(st, ":province_code", p->province_code);
    db_bind_text(st, ":kind", p->kind);
    db_bind_text(st, ":district", or_null(p->text[C_DISTRICT]));
    db_bind_text(st, ":phone", or_null(p->phone));
    db_bind_text(st, ":email", or_null(p->text[C_EMAIL]));
    db_bind_int64(st, ":id", id);
    if (db_step(d, st, err) != SQLITE_DONE) {
        return -1;
    }
    return id;
}

/* Writes product `p` (insert or replace by code); returns its id or -1. */
static int64_t upsert_product(db *d, const product_row *p, int64_t producer_id, bool *created,
                              const char *now, ocop_error *err) {
    static const char find_sql[] = "SELECT id FROM product WHERE code = :code";
    sqlite3_stmt *st = db_prepare(d, find_sql, err);
    if (!st) {
        return -1;
    }
    db_bind_text(st, ":code", p->text[C_CODE]);
    int rc = db_step(d, st, err);
    if (rc < 0) {
        return -1;
    }
    *created = rc == SQLITE_DONE;
    sqlite3_reset(st);

    static const char sql[] =
        "INSERT INTO product (" DB_PRODUCT_COLUMNS ")"
        " VALUES (:code, :producer_id, :name_vi, :name_en, :grp, :stars, :cert_no, :cert_date,"
        " :cert_expiry, :description_vi, :description_en, :unit, :measure, :base_unit,"
        " :base_per_unit, :price_min, :price_max, :moq, :lead, :image, :name_folded,"
        " :now)" DB_PRODUCT_UPSERT " RETURNING id";
    st = db_prepare(d, sql, err);
    if (!st) {
        return -1;
    }
    const char *const *t = p->text;
    char *folded = fold_text(t[C_NAME_VI]);
    db_bind_text(st, ":code", t[C_CODE]);
    db_bind_int64(st, ":producer_id", producer_id);
    db_bind_text(st, ":name_vi", t[C_NAME_VI]);
    db_bind_text(st, ":name_en", or_null(t[C_NAME_EN]));
    db_bind_text(st, ":grp", p->group);
    db_bind_int64(st, ":stars", p->stars);
    db_bind_text(st, ":cert_no", or_null(t[C_CERT_NO]));
    db_bind_text(st, ":cert_date", or_null(t[C_CERT_DATE]));
    db_bind_text(st, ":cert_expiry", or_null(t[C_CERT_EXPIRY]));
    db_bind_text(st, ":description_vi", or_null(t[C_DESCRIPTION_VI]));
    db_bind_text(st, ":description_en", or_null(t[C_DESCRIPTION_EN]));
    db_bind_text(st, ":unit", t[C_UNIT]);
    db_bind_text(st, ":measure", or_null(t[C_MEASURE]));
    db_bind_text(st, ":base_unit", p->base.base_unit);
    db_bind_double(st, ":base_per_unit", p->base.base_per_unit);
    if (p->has_price_min) {
        db_bind_int64(st, ":price_min", p->price_min);
    }
    if (p->has_price_max) {
        db_bind_int64(st, ":price_max", p->price_max);
    }
    if (p->has_moq) {
        db_bind_double(st, ":moq", p->moq);
    }
    if (p->has_lead) {
        db_bind_int64(st, ":lead", p->lead);
    }
    db_bind_text(st, ":image", p->image);
    db_bind_text(st, ":name_folded", folded);
    db_bind_text(st, ":now", now);
    rc = db_step(d, st, err);
    free(folded);
    if (rc != SQLITE_ROW) {
        if (rc == SQLITE_DONE) {
            error_set(err, "product %s: no id returned", t[C_CODE]);
        }
        return -1;
    }
    int64_t id = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    return id;
}

static int upsert_capacity(db *d, int64_t product_id, const char *month, double quantity,
                           const char *unit, double base_quantity, ocop_error *err) {
    static const char sql[] =
        "INSERT INTO capacity (product_id, month, quantity, unit, base_quantity)"
        " VALUES (:product_id, :month, :quantity, :unit, :base_quantity)"
        " ON CONFLICT (product_id, month) DO UPDATE SET quantity = excluded.quantity,"
        " unit = excluded.unit, base_quantity = excluded.base_quantity";
    sqlite3_stmt *st = db_prepare(d, sql, err);
    if (!st) {
        return -1;
    }
    db_bind_int64(st, ":product_id", product_id);
    db_bind_text(st, ":month", month);
    db_bind_double(st, ":quantity", quantity);
    db_bind_text(st, ":unit", unit);
    db_bind_double(st, ":base_quantity", base_quantity);
    return db_step(d, st, err) == SQLITE_DONE ? 0 : -1;
}

static int64_t product_id(db *d, const char *code, ocop_error *err) {
    static const char sql[] = "SELECT id FROM product WHERE code = :code";
    sqlite3_stmt *st = db_prepare(d, sql, err);
    if (!st) {
        return -1;
    }
    db_bind_text(st, ":code", code);
    if (db_step(d, st, err) != SQLITE_ROW) {
        return error_set(err, "product %s vanished during the import", code);
    }
    int64_t id = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    return id;
}

/* Recomputes the base quantities of product `id`'s capacity rows with its (new) base. A row
 * that no longer converts is reported against the catalogue line; returns -1 then. */
static int rebase_capacity(import_state *s, const catalog_csv *csv, const product_row *p,
                           int64_t id, ocop_error *err) {
    static const char select_sql[] =
        "SELECT month, quantity, unit FROM capacity WHERE product_id = :id ORDER BY month";
    static const char update_sql[] =
        "UPDATE capacity SET base_quantity = :base WHERE product_id = :id AND month = :month";
    sqlite3_stmt *st = db_prepare(s->d, select_sql, err);
    if (!st) {
        return -1;
    }
    db_bind_int64(st, ":id", id);
    /* Collect first: the update must not run while the select is stepping the same table. */
    typedef struct {
        char month[8];
        double base;
    } rebased;
    rebased *items = NULL;
    size_t n = 0;
    int rc;
    int result = 0;
    while ((rc = db_step(s->d, st, err)) == SQLITE_ROW) {
        const char *month = (const char *)sqlite3_column_text(st, 0);
        double qty = sqlite3_column_double(st, 1);
        const char *unit = (const char *)sqlite3_column_text(st, 2);
        double base;
        ocop_error conv;
        if (units_to_base(qty, unit ? unit : "", &p->base, &base, &conv) != 0) {
            problem(s, csv->file, p->src->line, "unit",
                    "the capacity already declared for %s is in %s, which no longer converts: "
                    "%s",
                    month, unit ? unit : "?", conv.msg);
            result = -1;
            continue;
        }
        items = xreallocarray(items, n + 1, sizeof *items);
        str_copy(items[n].month, sizeof items[n].month, month);
        items[n].base = base;
        n++;
    }
    if (rc < 0) {
        result = -1;
    }
    sqlite3_reset(st);
    for (size_t i = 0; result == 0 && i < n; i++) {
        st = db_prepare(s->d, update_sql, err);
        if (!st) {
            result = -1;
            break;
        }
        db_bind_double(st, ":base", items[i].base);
        db_bind_int64(st, ":id", id);
        db_bind_text(st, ":month", items[i].month);
        if (db_step(s->d, st, err) != SQLITE_DONE) {
            result = -1;
        }
    }
    free(items);
    return result;
}

/* Reads a file named by path (text NULL), or parses one already in memory. */
static catalog_csv *read_source(const catalog_db_text *src, strbuf *problems) {
    return src->text ? catalog_csv_parse(src->name, src->text, src->len, problems)
                     : catalog_csv_read(src->name, problems);
}

/* The import; with `dry_run`, everything is checked and written as usual, then rolled back:
 * the result and *stats say what the import would do. */
static int import(db *d, const catalog_db_text *catalog_src, const catalog_db_text *capacity_src,
                  FILE *report, catalog_import_stats *stats, bool dry_run) {
    OCOP_ASSERT(d && catalog_src && report);
    import_state s = {.d = d};
    catalog_import_stats st = {0};
    ocop_error err = {{0}};
    product_row *products = NULL;
    capacity_row *capacities = NULL;
    size_t n_products = 0, n_capacities = 0;
    catalog_csv *cat = NULL, *cap = NULL;
    bool in_tx = false;
    int result = -1;

    if (db_begin(d, true, &err) != 0) {
        sb_appendf(&s.problems, "%s\n", err.msg);
        s.errors++;
        goto done;
    }
    in_tx = true;

    /* Pass 1: read and check everything. */
    cat = read_source(catalog_src, &s.problems);
    if (capacity_src) {
        cap = read_source(capacity_src, &s.problems);
    }
    /* The reader's problems are errors too. */
    for (const char *p = sb_str(&s.problems); *p; p++) {
        s.errors += *p == '\n';
    }
    /* A file the reader refused as a whole (UTF-16) has no header: that was said already. */
    int reader_errors = s.errors;
    if (cat && (cat->header.count > 0 || reader_errors == 0)) {
        int cols[C_COUNT];
        if (map_header(&s, cat, catalog_columns, C_COUNT, cols)) {
            products = xcalloc(cat->count ? cat->count : 1, sizeof *products);
            const char **codes = xcalloc(cat->count ? cat->count : 1, sizeof *codes);
            for (size_t r = 0; r < cat->count; r++) {
                codes[r] =
                    cat->rows[r].fields ? catalog_csv_field(&cat->rows[r], cols[C_CODE]) : NULL;
            }
            size_t *first = first_of_keys(codes, cat->count);
            for (size_t r = 0; r < cat->count; r++) {
                const catalog_csv_row *row = &cat->rows[r];
                if (!row->fields) {
                    continue;
                }
                product_row *p = &products[n_products];
                check_product(&s, cat, row, cols, p);
                if (first[r]) {
                    problem(&s, cat->file, row->line, "code", "\"%s\" repeated (first on line %d)",
                            p->text[C_CODE], cat->rows[first[r] - 1].line);
                    p->ok = false;
                }
                n_products++;
            }
            warn_new_units(&s, cat->file);
            free(first);
            free(codes);
        }
    }
    if (cap && (cap->header.count > 0 || reader_errors == 0)) {
        int cols[K_COUNT];
        if (map_header(&s, cap, capacity_columns, K_COUNT, cols)) {
            capacities = xcalloc(cap->count ? cap->count : 1, sizeof *capacities);
            check_capacity(&s, cap, cols, products, n_products, capacities, &n_capacities);
        }
    }
    if (s.errors > 0) {
        goto done;
    }

    /* Pass 2: write. */
    char now[32];
    now_utc(now);
    for (size_t i = 0; i < n_products; i++) {
        const product_row *p = &products[i];
        OCOP_ASSERT(p->ok);
        bool created;
        int64_t producer = upsert_producer(d, p, &created, &err);
        if (producer < 0) {
            goto db_error;
        }
        st.producers_new += created;
        int64_t id = upsert_product(d, p, producer, &created, now, &err);
        if (id < 0) {
            goto db_error;
        }
        *(created ? &st.products_new : &st.products_updated) += 1;
        if (p->has_capacity) {
            if (upsert_capacity(d, id, "*", p->capacity, p->capacity_unit, p->capacity_base,
                                &err) != 0) {
                goto db_error;
            }
            st.capacity_rows++;
        }
    }
    for (size_t i = 0; i < n_capacities; i++) {
        const capacity_row *c = &capacities[i];
        int64_t id = product_id(d, c->code, &err);
        if (id < 0 ||
            upsert_capacity(d, id, c->month, c->quantity, c->unit, c->base_quantity, &err) != 0) {
            goto db_error;
        }
        st.capacity_rows++;
    }
    for (size_t i = 0; i < n_products; i++) {
        int64_t id = product_id(d, products[i].text[C_CODE], &err);
        if (id < 0) {
            goto db_error;
        }
        if (rebase_capacity(&s, cat, &products[i], id, &err) != 0 && s.errors == 0) {
            goto db_error;
        }
    }
    if (s.errors > 0) {
        goto done;
    }
    if (dry_run) {
        result = (int)n_products; /* the rollback below undoes the writes */
        goto done;
    }
    if (db_commit(d, &err) != 0) {
        in_tx = false;
        goto db_error;
    }
    in_tx = false;
    result = (int)n_products;
    /* Index the new catalogue now, so that the kiosk's first search does not pay for it. The
     * import is committed either way: a failure here only leaves the work to that search. */
    if (search_db_sync(d, &err) != 0) {
        fprintf(report, "warning: %s\n", err.msg);
    }
    goto done;

db_error:
    sb_appendf(&s.problems, "%s\n", err.msg);
    s.errors++;
done:
    if (in_tx) {
        db_rollback(d);
    }
    fputs(sb_str(&s.problems), report);
    fflush(report);
    st.warnings = s.warnings;
    if (stats) {
        *stats = st;
    }
    sb_free(&s.problems);
    for (size_t i = 0; i < n_products; i++) {
        free(products[i].image);
    }
    free(products);
    free(capacities);
    catalog_csv_free(cat);
    catalog_csv_free(cap);
    return s.errors > 0 ? -1 : result;
}

int catalog_db_import_ex(db *d, const char *catalog_path, const char *capacity_path, FILE *report,
                         catalog_import_stats *stats) {
    OCOP_ASSERT(catalog_path);
    catalog_db_text catalogue = {.name = catalog_path}, capacity = {.name = capacity_path};
    return import(d, &catalogue, capacity_path ? &capacity : NULL, report, stats, false);
}

int catalog_db_import_text(db *d, const catalog_db_text *catalogue, const catalog_db_text *capacity,
                           FILE *report, catalog_import_stats *stats) {
    OCOP_ASSERT(catalogue && catalogue->text && (!capacity || capacity->text));
    return import(d, catalogue, capacity, report, stats, false);
}

int catalog_db_check_text(db *d, const catalog_db_text *catalogue, const catalog_db_text *capacity,
                          FILE *report, catalog_import_stats *stats) {
    OCOP_ASSERT(catalogue && catalogue->text && (!capacity || capacity->text));
    return import(d, catalogue, capacity, report, stats, true);
}

void catalog_db_first_error(const char *report, char *out, size_t cap) {
    const char *line = report;
    while (line && str_starts(line, "warning: ")) {
        const char *nl = strchr(line, '\n');
        line = nl ? nl + 1 : NULL;
    }
    out[0] = '\0';
    if (line && *line) {
        size_t n = strcspn(line, "\n");
        char *copy = xstrndup(line, n);
        str_copy(out, cap, copy);
        free(copy);
    }
}

int catalog_db_import(db *d, const char *catalog_path, const char *capacity_path, FILE *report) {
    return catalog_db_import_ex(d, catalog_path, capacity_path, report, NULL);
}

int catalog_db_seed(db *d, const char *catalog_path, const char *capacity_path, ocop_error *err) {
    char *text = NULL;
    size_t len = 0;
    FILE *report = open_memstream(&text, &len);
    if (!report) {
        return error_set(err, "cannot create a memory stream");
    }
    int n = catalog_db_import(d, catalog_path, capacity_path, report);
    fclose(report);
    if (n < 0) {
        char first[512];
        catalog_db_first_error(text, first, sizeof first);
        error_set(err, "cannot seed the demo catalogue: %s", first[0] ? first : "unknown error");
    }
    free(text);
    return n;
}

int catalog_db_get(db *d, const char *code, product_record *out, ocop_error *err) {
    static const char sql[] =
        "SELECT p.id, p.code, p.name_vi, p.name_en, p.grp, p.stars, r.name, r.kind, r.province,"
        " r.province_code, r.district, r.phone, r.email, r.address, p.cert_no, p.cert_date,"
        " p.cert_expiry, p.unit, p.measure, p.base_unit, p.base_per_unit, p.price_min_vnd,"
        " p.price_max_vnd, p.moq, p.lead_time_days, p.image, p.description_vi,"
        " p.description_en"
        " FROM product p JOIN producer r ON r.id = p.producer_id WHERE p.code = :code";
    sqlite3_stmt *st = db_prepare(d, sql, err);
    if (!st) {
        return -1;
    }
    db_bind_text(st, ":code", code);
    int rc = db_step(d, st, err);
    if (rc != SQLITE_ROW) {
        return rc == SQLITE_DONE ? 0 : -1;
    }
    memset(out, 0, sizeof *out);
    out->id = sqlite3_column_int64(st, 0);
    db_column_copy(st, 1, out->code, sizeof out->code);
    db_column_copy(st, 2, out->name_vi, sizeof out->name_vi);
    db_column_copy(st, 3, out->name_en, sizeof out->name_en);
    db_column_copy(st, 4, out->group, sizeof out->group);
    out->stars = sqlite3_column_int(st, 5);
    db_column_copy(st, 6, out->producer, sizeof out->producer);
    db_column_copy(st, 7, out->producer_kind, sizeof out->producer_kind);
    db_column_copy(st, 8, out->province, sizeof out->province);
    db_column_copy(st, 9, out->province_code, sizeof out->province_code);
    db_column_copy(st, 10, out->district, sizeof out->district);
    db_column_copy(st, 11, out->phone, sizeof out->phone);
    db_column_copy(st, 12, out->email, sizeof out->email);
    db_column_copy(st, 13, out->address, sizeof out->address);
    db_column_copy(st, 14, out->cert_no, sizeof out->cert_no);
    db_column_copy(st, 15, out->cert_date, sizeof out->cert_date);
    db_column_copy(st, 16, out->cert_expiry, sizeof out->cert_expiry);
    db_column_copy(st, 17, out->unit, sizeof out->unit);
    db_column_copy(st, 18, out->measure, sizeof out->measure);
    db_column_copy(st, 19, out->base_unit, sizeof out->base_unit);
    out->base_per_unit = sqlite3_column_double(st, 20);
    out->price_min_vnd =
        sqlite3_column_type(st, 21) == SQLITE_NULL ? -1 : sqlite3_column_int64(st, 21);
    out->price_max_vnd =
        sqlite3_column_type(st, 22) == SQLITE_NULL ? -1 : sqlite3_column_int64(st, 22);
    out->moq = sqlite3_column_double(st, 23);
    out->lead_time_days =
        sqlite3_column_type(st, 24) == SQLITE_NULL ? -1 : sqlite3_column_int(st, 24);
    db_column_copy(st, 25, out->image, sizeof out->image);
    db_column_copy(st, 26, out->description_vi, sizeof out->description_vi);
    db_column_copy(st, 27, out->description_en, sizeof out->description_en);
    const char *kind = picture_pick(out->name_vi, out->name_en);
    str_copy(out->picture, sizeof out->picture, kind ? kind : "");
    sqlite3_reset(st);
    return 1;
}
