/* lead_export.c: leads as CSV, XLSX and JSON files; see lead_export.h. */
#include "core/lead_export.h"

#include "core/catalog.h"
#include "core/csvout.h"
#include "core/fold.h"
#include "core/isotime.h"
#include "core/match.h"
#include "core/match_words.h"
#include "core/number.h"
#include "core/outfile.h"
#include "core/strbuf.h"
#include "core/units.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <xlsxwriter.h>

void lead_list_free(lead_list *list) {
    for (int i = 0; i < list->count; i++) {
        free(list->items[i].match_json);
    }
    free(list->items);
    list->items = NULL;
    list->count = 0;
}

int lead_format_parse(const char *name, lead_format *out) {
    if (str_ieq(name, "csv")) {
        *out = LEAD_FORMAT_CSV;
    } else if (str_ieq(name, "xlsx")) {
        *out = LEAD_FORMAT_XLSX;
    } else if (str_ieq(name, "json")) {
        *out = LEAD_FORMAT_JSON;
    } else {
        return -1;
    }
    return 0;
}

const char *lead_format_extension(lead_format format) {
    switch (format) {
    case LEAD_FORMAT_CSV:
        return "csv";
    case LEAD_FORMAT_XLSX:
        return "xlsx";
    case LEAD_FORMAT_JSON:
        return "json";
    }
    return "";
}

/* ---- small text helpers ------------------------------------------------------------------ */

bool lead_export_local_time(const char *utc, int utc_offset_s, char *out, size_t cap) {
    int64_t t;
    size_t n = utc ? strlen(utc) : 0;
    /* Only a stored UTC time is converted; anything else is shown as it is. */
    if (n < 20 || utc[n - 1] != 'Z' || isotime_parse(utc, 0, &t, NULL) != 0) {
        return str_copy(out, cap, utc ? utc : "");
    }
    return isotime_format_local(t, utc_offset_s, out, cap);
}

void lead_export_slug(const char *text, char *out, size_t cap) {
    OCOP_ASSERT(cap > 1);
    char *folded = fold_text(text ? text : "");
    size_t n = 0;
    bool dash = false;
    for (const char *p = folded; *p && n + 1 < cap; p++) {
        char c = *p;
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
            if (dash && n > 0 && n + 2 < cap) {
                out[n++] = '-';
            }
            dash = false;
            out[n++] = c;
        } else if (c >= 'A' && c <= 'Z') {
            if (dash && n > 0 && n + 2 < cap) {
                out[n++] = '-';
            }
            dash = false;
            out[n++] = (char)(c - 'A' + 'a');
        } else {
            dash = true;
        }
    }
    out[n] = '\0';
    free(folded);
    if (n == 0) {
        str_copy(out, cap, "unnamed");
    }
}

/* ---- labels ------------------------------------------------------------------------------ */

/* The export's words, from the string tables through opt->words ("export.<name>"). */
static const char *word(const lead_export_options *opt, const char *key) {
    const char *text = opt->words(opt->words_ctx, key);
    OCOP_ASSERT(text != NULL);
    return text;
}

/* A group's name as the screens show it (catalog.h: the one table of groups). */
static const char *group_name(const lead_export_options *opt, const char *key) {
    const char *name = catalog_group_name(key, opt->english ? "en" : "vi");
    return name ? name : key;
}

static const char *yes_no(const lead_export_options *opt, bool v) {
    return word(opt, v ? "export.yes" : "export.no");
}

/* A lead's status ("open", "allocated", "closed") in words; another is shown as stored. */
static const char *status_name(const lead_export_options *opt, const char *status) {
    static const char *const statuses[][2] = {
        {"open", "export.status_open"},
        {"allocated", "export.status_allocated"},
        {"closed", "export.status_closed"},
    };
    for (size_t i = 0; i < OCOP_COUNT(statuses); i++) {
        if (strcmp(status, statuses[i][0]) == 0) {
            return word(opt, statuses[i][1]);
        }
    }
    return status;
}

/* What the buyer asked for, as one text: "MHD-TV01 Mật hoa dừa", a group, or the query. */
static void asked_for(const lead_export_options *opt, const lead_record *r, char *out, size_t cap) {
    if (r->product[0]) {
        const char *name =
            opt->english && r->product_name_en[0] ? r->product_name_en : r->product_name_vi;
        str_format(out, cap, "%s%s%s", r->product, name[0] ? " " : "", name);
    } else if (r->group[0]) {
        str_copy(out, cap, group_name(opt, r->group));
    } else {
        str_copy(out, cap, r->query);
    }
}

static void months_text(const lead_record *r, char *out, size_t cap) {
    if (strcmp(r->month_from, r->month_to) == 0 || !r->month_to[0]) {
        str_copy(out, cap, r->month_from);
    } else {
        str_format(out, cap, "%s..%s", r->month_from, r->month_to);
    }
}

/* ---- the match a buyer was shown ---------------------------------------------------------- */

/* The words of a lead's match: in the lead's language, as the buyer saw them. */
static match_words lead_words(const lead_export_options *opt, const lead_record *r) {
    return (match_words){.word = opt->match_words, .ctx = opt->match_words_ctx, .lang = r->lang};
}

/* Which match lines a split file shows. */
typedef struct line_filter {
    lead_split by;        /* LEAD_SPLIT_NONE: every line */
    const char *producer; /* with LEAD_SPLIT_PRODUCER */
    const char *province; /* the producer's province, or the province of LEAD_SPLIT_PROVINCE */
} line_filter;

static bool line_passes(const line_filter *f, const match_line *l) {
    switch (f->by) {
    case LEAD_SPLIT_NONE:
        return true;
    case LEAD_SPLIT_PRODUCER:
        return strcmp(l->producer, f->producer) == 0 && strcmp(l->province, f->province) == 0;
    case LEAD_SPLIT_PROVINCE:
        return strcmp(l->province, f->province) == 0;
    }
    return false;
}

/* Keeps only the lines that pass; returns how many are left. */
static int filter_lines(match_result *m, const line_filter *f) {
    int kept = 0;
    for (int i = 0; i < m->n_lines; i++) {
        if (line_passes(f, &m->lines[i])) {
            if (kept != i) {
                m->lines[kept] = m->lines[i];
            }
            kept++;
        }
    }
    m->n_lines = kept;
    return kept;
}

/* ---- one table, two back ends (CSV text or an XLSX sheet) --------------------------------- */

typedef struct sink {
    csvout *csv;       /* CSV: the writer, or NULL */
    lxw_worksheet *ws; /* XLSX: the sheet, or NULL */
    lxw_format *bold;
    lxw_row_t row;
    lxw_col_t col;
} sink;

static void sink_text(sink *s, const char *text) {
    if (s->csv) {
        csvout_text(s->csv, text);
        return;
    }
    if (text && *text) {
        char *safe = csvout_safe_dup(text);
        worksheet_write_string(s->ws, s->row, s->col, safe, NULL);
        free(safe);
    }
    s->col++;
}

static void sink_header(sink *s, const char *text) {
    if (s->csv) {
        csvout_text(s->csv, text);
        return;
    }
    worksheet_write_string(s->ws, s->row, s->col++, text, s->bold);
}

static void sink_number(sink *s, double v) {
    if (s->csv) {
        csvout_number(s->csv, v);
        return;
    }
    worksheet_write_number(s->ws, s->row, s->col++, v, NULL);
}

static void sink_blank(sink *s) {
    if (s->csv) {
        csvout_text(s->csv, NULL);
        return;
    }
    s->col++;
}

static void sink_end_row(sink *s) {
    if (s->csv) {
        csvout_end_row(s->csv);
        return;
    }
    s->row++;
    s->col = 0;
}

/* ---- the leads table (CSV, and the XLSX leads sheet) ------------------------------------- */

enum lead_column {
    COL_ID,
    COL_TIME,
    COL_KIOSK,
    COL_BUYER,
    COL_COMPANY,
    COL_PHONE,
    COL_EMAIL,
    COL_PROVINCE,
    COL_PRODUCT,
    COL_PRODUCT_NAME,
    COL_GROUP,
    COL_QUERY,
    COL_QUANTITY,
    COL_UNIT,
    COL_MONTHS,
    COL_MIN_STARS,
    COL_MAX_PRICE,
    COL_NOTE,
    COL_REQUESTED,
    COL_MATCHED,
    COL_UNMET,
    COL_BASE_UNIT,
    COL_PRODUCERS,
    COL_QUANTITIES,
    COL_CONSENT_CONTACT,
    COL_CONSENT_SHARE,
    COL_DUPLICATE,
    COL_STATUS,
    COL_COUNT
};

static const struct {
    const char *key; /* string-table key */
    double width;    /* XLSX column width, characters */
} lead_columns[COL_COUNT] = {
    [COL_ID] = {"export.col_id", 38},
    [COL_TIME] = {"export.col_time", 26},
    [COL_KIOSK] = {"export.col_kiosk", 14},
    [COL_BUYER] = {"export.col_buyer", 24},
    [COL_COMPANY] = {"export.col_company", 28},
    [COL_PHONE] = {"export.col_phone", 16},
    [COL_EMAIL] = {"export.col_email", 26},
    [COL_PROVINCE] = {"export.col_province", 18},
    [COL_PRODUCT] = {"export.col_product", 14},
    [COL_PRODUCT_NAME] = {"export.col_product_name", 30},
    [COL_GROUP] = {"export.col_group", 18},
    [COL_QUERY] = {"export.col_query", 20},
    [COL_QUANTITY] = {"export.col_quantity", 10},
    [COL_UNIT] = {"export.col_unit", 8},
    [COL_MONTHS] = {"export.col_months", 18},
    [COL_MIN_STARS] = {"export.col_min_stars", 10},
    [COL_MAX_PRICE] = {"export.col_max_price", 14},
    [COL_NOTE] = {"export.col_note", 30},
    [COL_REQUESTED] = {"export.col_requested", 12},
    [COL_MATCHED] = {"export.col_matched", 12},
    [COL_UNMET] = {"export.col_unmet", 12},
    [COL_BASE_UNIT] = {"export.col_base_unit", 8},
    [COL_PRODUCERS] = {"export.col_producers", 36},
    [COL_QUANTITIES] = {"export.col_quantities", 50},
    [COL_CONSENT_CONTACT] = {"export.col_consent_contact", 10},
    [COL_CONSENT_SHARE] = {"export.col_consent_share", 10},
    [COL_DUPLICATE] = {"export.col_duplicate", 38},
    [COL_STATUS] = {"export.col_status", 12},
};

static void lead_header(sink *s, const lead_export_options *opt) {
    for (int c = 0; c < COL_COUNT; c++) {
        sink_header(s, word(opt, lead_columns[c].key));
    }
    sink_end_row(s);
}

/* How a unit reads in the export's language: "bottles" and "L" in English (units.h). */
static const char *unit_text(const lead_export_options *opt, const char *unit, double qty) {
    return opt->english ? units_label(unit, "en", qty) : unit;
}

/* "HTX A; HTX B" and "HTX A (MHD01, 2026-12): 500 kg; …" from the match lines. */
static void match_summaries(const lead_export_options *opt, const match_result *m,
                            strbuf *producers, strbuf *quantities) {
    for (int i = 0; i < m->n_lines; i++) {
        const match_line *l = &m->lines[i];
        bool seen = false;
        for (int j = 0; j < i && !seen; j++) {
            seen = strcmp(m->lines[j].producer, l->producer) == 0;
        }
        if (!seen) {
            if (producers->len) {
                sb_append(producers, "; ");
            }
            sb_append(producers, l->producer);
        }
        char qty[64];
        number_format_plain(l->quantity, 6, qty, sizeof qty);
        if (quantities->len) {
            sb_append(quantities, "; ");
        }
        sb_appendf(quantities, "%s (%s, %s): %s %s", l->producer, l->product, l->month, qty,
                   unit_text(opt, l->unit, l->quantity));
    }
}

static void lead_row(sink *s, const lead_export_options *opt, const lead_record *r,
                     const match_result *m) {
    char buf[512];
    strbuf producers = {0};
    strbuf quantities = {0};
    match_summaries(opt, m, &producers, &quantities);
    bool has_match = m->base_unit[0] != '\0';
    for (int c = 0; c < COL_COUNT; c++) {
        switch ((enum lead_column)c) {
        case COL_ID:
            sink_text(s, r->id);
            break;
        case COL_TIME:
            lead_export_local_time(r->created_at, opt->utc_offset_s, buf, sizeof buf);
            sink_text(s, buf);
            break;
        case COL_KIOSK:
            sink_text(s, r->kiosk);
            break;
        case COL_BUYER:
            sink_text(s, r->buyer_name);
            break;
        case COL_COMPANY:
            sink_text(s, r->buyer_company);
            break;
        case COL_PHONE:
            sink_text(s, r->buyer_phone);
            break;
        case COL_EMAIL:
            sink_text(s, r->buyer_email);
            break;
        case COL_PROVINCE:
            sink_text(s, r->buyer_province);
            break;
        case COL_PRODUCT:
            sink_text(s, r->product);
            break;
        case COL_PRODUCT_NAME:
            sink_text(s, opt->english && r->product_name_en[0] ? r->product_name_en
                                                               : r->product_name_vi);
            break;
        case COL_GROUP:
            sink_text(s, r->group[0] ? group_name(opt, r->group) : "");
            break;
        case COL_QUERY:
            sink_text(s, r->query);
            break;
        case COL_QUANTITY:
            sink_number(s, r->quantity);
            break;
        case COL_UNIT:
            sink_text(s, unit_text(opt, r->unit, r->quantity));
            break;
        case COL_MONTHS:
            months_text(r, buf, sizeof buf);
            sink_text(s, buf);
            break;
        case COL_MIN_STARS:
            if (r->min_stars > 0) {
                sink_number(s, r->min_stars);
            } else {
                sink_blank(s);
            }
            break;
        case COL_MAX_PRICE:
            if (r->max_price_vnd > 0) {
                sink_number(s, (double)r->max_price_vnd);
            } else {
                sink_blank(s);
            }
            break;
        case COL_NOTE:
            sink_text(s, r->note);
            break;
        case COL_REQUESTED:
            if (has_match) {
                sink_number(s, m->requested);
            } else if (r->base_quantity >= 0 && r->base_unit[0]) {
                sink_number(s, r->base_quantity);
            } else {
                sink_blank(s);
            }
            break;
        case COL_MATCHED:
            if (has_match) {
                sink_number(s, m->covered);
            } else {
                sink_blank(s);
            }
            break;
        case COL_UNMET:
            if (has_match && !isnan(m->unmet)) {
                sink_number(s, m->unmet);
            } else {
                sink_blank(s);
            }
            break;
        case COL_BASE_UNIT:
            sink_text(s, unit_text(opt, has_match ? m->base_unit : r->base_unit, 2));
            break;
        case COL_PRODUCERS:
            sink_text(s, sb_str(&producers));
            break;
        case COL_QUANTITIES:
            sink_text(s, sb_str(&quantities));
            break;
        case COL_CONSENT_CONTACT:
            sink_text(s, yes_no(opt, r->consent_contact));
            break;
        case COL_CONSENT_SHARE:
            sink_text(s, yes_no(opt, r->consent_share));
            break;
        case COL_DUPLICATE:
            sink_text(s, r->duplicate_of);
            break;
        case COL_STATUS:
            sink_text(s, status_name(opt, r->status));
            break;
        case COL_COUNT:
            break;
        }
    }
    sink_end_row(s);
    sb_free(&producers);
    sb_free(&quantities);
}

/* A lead and its (filtered) match, as every writer walks them. Returns false when the lead is
 * not part of this file (a split file and none of its lines pass). In a split file the match
 * keeps only the file's lines and the figures derived from them: covered is the sum of those
 * lines, and unmet (which depends on what the other producers offered) is NAN, not shown. */
static bool load_lead(const lead_record *r, const line_filter *f, match_result *m) {
    match_result_from_json(r->match_json, m);
    if (f->by == LEAD_SPLIT_NONE) {
        return true;
    }
    if (!r->consent_share) {
        return false; /* the buyer did not agree to producers seeing this lead */
    }
    if (filter_lines(m, f) == 0) {
        return false;
    }
    m->covered = 0;
    for (int i = 0; i < m->n_lines; i++) {
        m->covered += m->lines[i].base_quantity;
    }
    m->unmet = NAN;
    memset(&m->reason, 0, sizeof m->reason);
    return true;
}

/* ---- CSV --------------------------------------------------------------------------------- */

static int write_csv(const char *path, const lead_record *leads, int n,
                     const lead_export_options *opt, const line_filter *f, ocop_error *err) {
    strbuf out = {0};
    csvout w = {0};
    csvout_begin(&w, &out);
    sink s = {.csv = &w};
    lead_header(&s, opt);
    match_result *m = xmalloc(sizeof *m);
    for (int i = 0; i < n; i++) {
        if (load_lead(&leads[i], f, m)) {
            lead_row(&s, opt, &leads[i], m);
        }
    }
    free(m);
    int rc = outfile_write_all(path, out.data, out.len, err);
    sb_free(&out);
    return rc;
}

/* ---- JSON -------------------------------------------------------------------------------- */

/* Text for JSON that the program made or checked (ids, times, codes, group keys, the +84…
 * phone: DESIGN §3), as stored; "" becomes null. None of it can start a formula. */
static void add_text(cJSON *obj, const char *key, const char *text) {
    if (!text || !*text) {
        cJSON_AddNullToObject(obj, key);
        return;
    }
    cJSON_AddStringToObject(obj, key, text);
}

/* Text a buyer typed freely (name, company, e-mail, province, query, note): neutralised like
 * in every other format, since JSON often ends up pasted into a spreadsheet too. */
static void add_typed_text(cJSON *obj, const char *key, const char *text) {
    if (!text || !*text) {
        cJSON_AddNullToObject(obj, key);
        return;
    }
    char *safe = csvout_safe_dup(text);
    cJSON_AddStringToObject(obj, key, safe);
    free(safe);
}

/* The match object for JSON: the stored JSON itself (so that every field the matcher wrote
 * survives), its lines filtered like the other formats. */
static cJSON *match_object(const lead_record *r, const lead_export_options *opt,
                           const line_filter *f) {
    cJSON *root = r->match_json ? cJSON_Parse(r->match_json) : NULL;
    if (!cJSON_IsObject(root)) {
        cJSON_Delete(root);
        return cJSON_CreateNull();
    }
    match_words words = lead_words(opt, r);
    match_words_cjson(root, &words);
    cJSON *lines = cJSON_GetObjectItemCaseSensitive(root, "lines");
    if (f->by == LEAD_SPLIT_NONE) {
        return root;
    }
    /* A split file: this file's lines, covered summed from them, no unmet (load_lead). */
    double covered = 0;
    if (cJSON_IsArray(lines)) {
        for (int i = cJSON_GetArraySize(lines) - 1; i >= 0; i--) {
            cJSON *line = cJSON_GetArrayItem(lines, i);
            match_line l;
            match_line_from_cjson(line, &l);
            if (!line_passes(f, &l)) {
                cJSON_DeleteItemFromArray(lines, i);
            } else {
                covered += l.base_quantity;
            }
        }
    }
    cJSON_DeleteItemFromObjectCaseSensitive(root, "covered");
    cJSON_DeleteItemFromObjectCaseSensitive(root, "unmet");
    cJSON_DeleteItemFromObjectCaseSensitive(root, "reason");
    cJSON_AddNumberToObject(root, "covered", covered);
    cJSON_AddNullToObject(root, "unmet");
    return root;
}

static cJSON *lead_json(const lead_record *r, const lead_export_options *opt,
                        const line_filter *f) {
    cJSON *o = cJSON_CreateObject();
    char buf[64];
    add_text(o, "id", r->id);
    lead_export_local_time(r->created_at, opt->utc_offset_s, buf, sizeof buf);
    add_text(o, "created_at", buf);
    add_text(o, "kiosk", r->kiosk);
    cJSON *buyer = cJSON_AddObjectToObject(o, "buyer");
    add_typed_text(buyer, "name", r->buyer_name);
    add_typed_text(buyer, "company", r->buyer_company);
    add_text(buyer, "phone", r->buyer_phone);
    add_typed_text(buyer, "email", r->buyer_email);
    add_typed_text(buyer, "province", r->buyer_province);
    add_text(o, "product", r->product);
    add_text(o, "product_name",
             opt->english && r->product_name_en[0] ? r->product_name_en : r->product_name_vi);
    add_text(o, "group", r->group);
    add_typed_text(o, "query", r->query);
    cJSON_AddNumberToObject(o, "quantity", r->quantity);
    add_text(o, "unit", r->unit);
    cJSON *months = cJSON_AddArrayToObject(o, "months");
    cJSON_AddItemToArray(months, cJSON_CreateString(r->month_from));
    if (r->month_to[0] && strcmp(r->month_to, r->month_from) != 0) {
        cJSON_AddItemToArray(months, cJSON_CreateString(r->month_to));
    }
    if (r->min_stars > 0) {
        cJSON_AddNumberToObject(o, "min_stars", r->min_stars);
    } else {
        cJSON_AddNullToObject(o, "min_stars");
    }
    if (r->max_price_vnd > 0) {
        cJSON_AddNumberToObject(o, "max_price_vnd", (double)r->max_price_vnd);
    } else {
        cJSON_AddNullToObject(o, "max_price_vnd");
    }
    add_typed_text(o, "note", r->note);
    add_text(o, "lang", r->lang);
    cJSON *consent = cJSON_AddObjectToObject(o, "consent");
    cJSON_AddBoolToObject(consent, "contact", r->consent_contact);
    cJSON_AddBoolToObject(consent, "share_with_producers", r->consent_share);
    add_text(o, "status", r->status);
    add_text(o, "duplicate_of", r->duplicate_of);
    cJSON_AddBoolToObject(o, "purged", r->purged);
    cJSON_AddItemToObject(o, "match", match_object(r, opt, f));
    return o;
}

static int write_json(const char *path, const lead_record *leads, int n,
                      const lead_export_options *opt, const line_filter *f, ocop_error *err) {
    cJSON *root = cJSON_CreateObject();
    cJSON *arr = cJSON_AddArrayToObject(root, "leads");
    match_result *m = xmalloc(sizeof *m);
    for (int i = 0; i < n; i++) {
        if (load_lead(&leads[i], f, m)) {
            cJSON_AddItemToArray(arr, lead_json(&leads[i], opt, f));
        }
    }
    free(m);
    char *text = cJSON_Print(root);
    cJSON_Delete(root);
    OCOP_ASSERT(text != NULL);
    strbuf out = {0};
    sb_append(&out, text);
    sb_append_char(&out, '\n');
    cJSON_free(text);
    int rc = outfile_write_all(path, out.data, out.len, err);
    sb_free(&out);
    return rc;
}

/* ---- summary (XLSX) ---------------------------------------------------------------------- */

typedef struct tally {
    char key[300];
    char base_unit[8];
    int inquiries;
    double requested, matched, unmet;
} tally;

typedef struct tally_list {
    int count, cap;
    tally *items;
} tally_list;

static void tally_add(tally_list *t, const char *key, const match_result *m) {
    tally *hit = NULL;
    for (int i = 0; i < t->count && !hit; i++) {
        if (strcmp(t->items[i].key, key) == 0 && strcmp(t->items[i].base_unit, m->base_unit) == 0) {
            hit = &t->items[i];
        }
    }
    if (!hit) {
        if (t->count == t->cap) {
            t->cap = t->cap ? t->cap * 2 : 16;
            t->items = xreallocarray(t->items, (size_t)t->cap, sizeof *t->items);
        }
        hit = &t->items[t->count++];
        memset(hit, 0, sizeof *hit);
        str_copy(hit->key, sizeof hit->key, key);
        str_copy(hit->base_unit, sizeof hit->base_unit, m->base_unit);
    }
    hit->inquiries++;
    hit->requested += m->requested;
    hit->matched += m->covered;
    hit->unmet += m->unmet;
}

static int tally_order(const void *a, const void *b) {
    const tally *x = a, *y = b;
    if (x->requested != y->requested) {
        return x->requested < y->requested ? 1 : -1; /* the largest demand first */
    }
    int c = strcmp(x->key, y->key);
    return c ? c : strcmp(x->base_unit, y->base_unit);
}

static void tally_section(sink *s, const lead_export_options *opt, const char *title_key,
                          tally_list *t) {
    if (t->count > 0) { /* no leads: items is NULL, which qsort must not be given */
        qsort(t->items, (size_t)t->count, sizeof *t->items, tally_order);
    }
    sink_header(s, word(opt, title_key));
    sink_header(s, word(opt, "export.col_base_unit"));
    sink_header(s, word(opt, "export.summary_inquiries"));
    sink_header(s, word(opt, "export.summary_requested"));
    sink_header(s, word(opt, "export.col_matched"));
    sink_header(s, word(opt, "export.col_unmet"));
    sink_end_row(s);
    for (int i = 0; i < t->count; i++) {
        sink_text(s, t->items[i].key);
        sink_text(s, t->items[i].base_unit);
        sink_number(s, t->items[i].inquiries);
        sink_number(s, t->items[i].requested);
        sink_number(s, t->items[i].matched);
        if (isnan(t->items[i].unmet)) {
            sink_blank(s); /* a split file: not this producer's figure */
        } else {
            sink_number(s, t->items[i].unmet);
        }
        sink_end_row(s);
    }
    sink_end_row(s);
    free(t->items);
    memset(t, 0, sizeof *t);
}

/* ---- XLSX -------------------------------------------------------------------------------- */

static void set_widths(lxw_worksheet *ws, const double *widths, int n) {
    for (int c = 0; c < n; c++) {
        worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, widths[c], NULL);
    }
}

static void matches_sheet(lxw_worksheet *ws, lxw_format *bold, const lead_record *leads, int n,
                          const lead_export_options *opt, const line_filter *f, match_result *m) {
    static const char *const headers[] = {
        "export.col_id",
        "export.col_buyer",
        "export.col_province",
        "export.match_asked",
        "export.col_product",
        "export.col_product_name",
        "export.match_producer",
        "export.match_producer_province",
        "export.match_stars",
        "export.match_month",
        "export.col_quantity",
        "export.col_unit",
        "export.match_base_quantity",
        "export.col_base_unit",
        "export.match_why",
    };
    static const double widths[] = {38, 24, 18, 30, 14, 30, 30, 18, 7, 9, 10, 8, 12, 8, 60};
    _Static_assert(OCOP_COUNT(headers) == OCOP_COUNT(widths), "one width per column");
    sink s = {.ws = ws, .bold = bold};
    for (size_t c = 0; c < OCOP_COUNT(headers); c++) {
        sink_header(&s, word(opt, headers[c]));
    }
    sink_end_row(&s);
    for (int i = 0; i < n; i++) {
        const lead_record *r = &leads[i];
        if (!load_lead(r, f, m)) {
            continue;
        }
        char asked[400];
        asked_for(opt, r, asked, sizeof asked);
        match_words words = lead_words(opt, r);
        for (int k = 0; k < m->n_lines; k++) {
            const match_line *l = &m->lines[k];
            sink_text(&s, r->id);
            sink_text(&s, r->buyer_name);
            sink_text(&s, r->buyer_province);
            sink_text(&s, asked);
            sink_text(&s, l->product);
            sink_text(&s, l->name);
            sink_text(&s, l->producer);
            sink_text(&s, l->province);
            if (l->stars > 0) {
                sink_number(&s, l->stars);
            } else {
                sink_blank(&s);
            }
            sink_text(&s, l->month);
            sink_number(&s, l->quantity);
            sink_text(&s, unit_text(opt, l->unit, l->quantity));
            sink_number(&s, l->base_quantity);
            sink_text(&s, unit_text(opt, m->base_unit, 2));
            char why[512];
            match_words_why(&l->why, &words, why, sizeof why);
            sink_text(&s, why);
            sink_end_row(&s);
        }
    }
    set_widths(ws, widths, (int)OCOP_COUNT(widths));
    worksheet_freeze_panes(ws, 1, 0);
    if (s.row > 1) {
        worksheet_autofilter(ws, 0, 0, s.row - 1, (lxw_col_t)(OCOP_COUNT(headers) - 1));
    }
}

static void summary_sheet(lxw_worksheet *ws, lxw_format *bold, const lead_record *leads, int n,
                          const lead_export_options *opt, const line_filter *f, match_result *m) {
    tally_list per_product = {0}, per_province = {0}, per_stars = {0};
    int inquiries = 0, consented = 0, duplicates = 0;
    for (int i = 0; i < n; i++) {
        const lead_record *r = &leads[i];
        if (!load_lead(r, f, m)) {
            continue;
        }
        inquiries++;
        consented += r->consent_share;
        duplicates += r->duplicate_of[0] != '\0';
        if (!m->base_unit[0]) {
            /* No match was recorded: count what was asked, nothing matched. */
            str_copy(m->base_unit, sizeof m->base_unit, r->base_unit);
            m->requested = r->base_quantity > 0 ? r->base_quantity : 0;
            m->covered = 0;
            m->unmet = m->requested;
        }
        char key[400];
        asked_for(opt, r, key, sizeof key);
        tally_add(&per_product, key, m);
        tally_add(&per_province,
                  r->buyer_province[0] ? r->buyer_province : word(opt, "export.summary_unknown"),
                  m);
        if (r->min_stars > 0) {
            str_format(key, sizeof key, "%d★", r->min_stars);
        } else {
            str_copy(key, sizeof key, word(opt, "export.summary_any"));
        }
        tally_add(&per_stars, key, m);
    }
    sink s = {.ws = ws, .bold = bold};
    sink_header(&s, word(opt, "export.summary_inquiries"));
    sink_number(&s, inquiries);
    sink_end_row(&s);
    sink_header(&s, word(opt, "export.summary_consented"));
    sink_number(&s, consented);
    sink_end_row(&s);
    sink_header(&s, word(opt, "export.summary_duplicates"));
    sink_number(&s, duplicates);
    sink_end_row(&s);
    sink_text(&s, word(opt, "export.summary_base_units"));
    sink_end_row(&s);
    sink_end_row(&s);
    tally_section(&s, opt, "export.summary_asked", &per_product);
    tally_section(&s, opt, "export.col_province", &per_province);
    tally_section(&s, opt, "export.col_min_stars", &per_stars);
    static const double widths[] = {40, 10, 10, 12, 12, 12};
    set_widths(ws, widths, (int)OCOP_COUNT(widths));
    worksheet_freeze_panes(ws, 1, 0);
}

static int write_xlsx(const char *path, const lead_record *leads, int n,
                      const lead_export_options *opt, const line_filter *f, ocop_error *err) {
    outfile o;
    if (outfile_open(&o, path, err) != 0) {
        return -1;
    }
    fclose(o.f); /* libxlsxwriter writes the file by name */
    o.f = NULL;
    lxw_workbook_options wopt = {.constant_memory = LXW_FALSE, .tmpdir = NULL};
    lxw_workbook *wb = workbook_new_opt(o.tmp_path, &wopt);
    if (!wb) {
        outfile_abort(&o);
        return error_set(err, "%s: cannot create the workbook", path);
    }
    lxw_format *bold = workbook_add_format(wb);
    format_set_bold(bold);
    format_set_bg_color(bold, 0xDDEBF7);
    format_set_text_wrap(bold);
    format_set_align(bold, LXW_ALIGN_VERTICAL_TOP);

    lxw_worksheet *leads_ws = workbook_add_worksheet(wb, word(opt, "export.sheet_leads"));
    lxw_worksheet *matches_ws = workbook_add_worksheet(wb, word(opt, "export.sheet_matches"));
    lxw_worksheet *summary_ws = workbook_add_worksheet(wb, word(opt, "export.sheet_summary"));
    OCOP_ASSERT(leads_ws && matches_ws && summary_ws);

    match_result *m = xmalloc(sizeof *m);
    sink s = {.ws = leads_ws, .bold = bold};
    lead_header(&s, opt);
    for (int i = 0; i < n; i++) {
        if (load_lead(&leads[i], f, m)) {
            lead_row(&s, opt, &leads[i], m);
        }
    }
    for (int c = 0; c < COL_COUNT; c++) {
        worksheet_set_column(leads_ws, (lxw_col_t)c, (lxw_col_t)c, lead_columns[c].width, NULL);
    }
    worksheet_set_row(leads_ws, 0, 45, NULL); /* room for wrapped headers */
    worksheet_freeze_panes(leads_ws, 1, 0);
    if (s.row > 1) {
        worksheet_autofilter(leads_ws, 0, 0, s.row - 1, COL_COUNT - 1);
    }
    matches_sheet(matches_ws, bold, leads, n, opt, f, m);
    summary_sheet(summary_ws, bold, leads, n, opt, f, m);
    free(m);

    lxw_error rc = workbook_close(wb);
    if (rc != LXW_NO_ERROR) {
        outfile_abort(&o);
        return error_set(err, "%s: cannot write the workbook: %s", path, lxw_strerror(rc));
    }
    return outfile_commit(&o, err);
}

/* ---- entry points ------------------------------------------------------------------------ */

static int write_filtered(const char *path, const lead_record *leads, int n,
                          const lead_export_options *opt, const line_filter *f, ocop_error *err) {
    switch (opt->format) {
    case LEAD_FORMAT_CSV:
        return write_csv(path, leads, n, opt, f, err);
    case LEAD_FORMAT_XLSX:
        return write_xlsx(path, leads, n, opt, f, err);
    case LEAD_FORMAT_JSON:
        return write_json(path, leads, n, opt, f, err);
    }
    return error_set(err, "%s: unknown export format", path);
}

int lead_export_write(const char *path, const lead_record *leads, int n,
                      const lead_export_options *opt, ocop_error *err) {
    line_filter all = {.by = LEAD_SPLIT_NONE};
    return write_filtered(path, leads, n, opt, &all, err);
}

/* One split file: a producer (name + province) or a province. */
typedef struct split_key {
    char producer[256];
    char province[64];
} split_key;

int lead_export_split(const char *dir, const lead_record *leads, int n, lead_split split,
                      const lead_export_options *opt, bool *exported, int *files_written,
                      ocop_error *err) {
    OCOP_ASSERT(split != LEAD_SPLIT_NONE);
    *files_written = 0;
    if (exported) {
        memset(exported, 0, (size_t)n * sizeof *exported);
    }
    struct stat st;
    if (stat(dir, &st) != 0) {
        if (mkdir(dir, 0700) != 0) {
            return error_set(err, "%s: cannot create the folder: %s", dir, strerror(errno));
        }
    } else if (!S_ISDIR(st.st_mode)) {
        return error_set(err, "%s: not a folder (--split writes one file per %s into it)", dir,
                         split == LEAD_SPLIT_PRODUCER ? "producer" : "province");
    }

    /* The keys, in order of first appearance, among leads that may be shared. */
    int n_keys = 0, cap = 0;
    split_key *keys = NULL;
    match_result *m = xmalloc(sizeof *m);
    for (int i = 0; i < n; i++) {
        if (!leads[i].consent_share) {
            continue;
        }
        match_result_from_json(leads[i].match_json, m);
        for (int k = 0; k < m->n_lines; k++) {
            split_key key = {0};
            str_copy(key.province, sizeof key.province, m->lines[k].province);
            if (split == LEAD_SPLIT_PRODUCER) {
                str_copy(key.producer, sizeof key.producer, m->lines[k].producer);
            }
            bool seen = false;
            for (int j = 0; j < n_keys && !seen; j++) {
                seen = strcmp(keys[j].producer, key.producer) == 0 &&
                       strcmp(keys[j].province, key.province) == 0;
            }
            if (!seen) {
                if (n_keys == cap) {
                    cap = cap ? cap * 2 : 16;
                    keys = xreallocarray(keys, (size_t)cap, sizeof *keys);
                }
                keys[n_keys++] = key;
            }
        }
    }

    int rc = 0;
    char(*slugs)[200] = xcalloc((size_t)(n_keys > 0 ? n_keys : 1), sizeof *slugs);
    for (int j = 0; j < n_keys && rc == 0; j++) {
        char base[200], path[OUTFILE_PATH_MAX];
        char name[400];
        if (split == LEAD_SPLIT_PRODUCER) {
            str_format(name, sizeof name, "%s %s", keys[j].producer, keys[j].province);
        } else {
            str_copy(name, sizeof name, keys[j].province);
        }
        lead_export_slug(name, base, sizeof base - 8);
        str_copy(slugs[j], sizeof slugs[j], base);
        /* Two producers whose names fold alike get distinct files. */
        for (int dup = 2;; dup++) {
            bool clash = false;
            for (int k = 0; k < j && !clash; k++) {
                clash = strcmp(slugs[k], slugs[j]) == 0;
            }
            if (!clash) {
                break;
            }
            str_format(slugs[j], sizeof slugs[j], "%s-%d", base, dup);
        }
        if (!str_format(path, sizeof path, "%s/%s.%s", dir, slugs[j],
                        lead_format_extension(opt->format))) {
            rc = error_set(err, "%s: folder name too long", dir);
            break;
        }
        line_filter f = {.by = split, .producer = keys[j].producer, .province = keys[j].province};
        rc = write_filtered(path, leads, n, opt, &f, err);
        if (rc == 0) {
            (*files_written)++;
            for (int i = 0; exported && i < n; i++) {
                if (!exported[i] && load_lead(&leads[i], &f, m)) {
                    exported[i] = true;
                }
            }
        }
    }
    free(slugs);
    free(m);
    free(keys);
    return rc;
}
