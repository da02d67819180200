/* match_db.c: candidates, free capacity, inquiries with holds, unmet demand; see match_db.h. */
#include "db/match_db.h"

#include "db/db_internal.h"
#include "db/search_db.h"

#include "core/alloc.h"
#include "core/fold.h"
#include "core/isotime.h"
#include "core/province.h"
#include "core/strbuf.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>

void match_db_format_time(int64_t t, char *out, size_t cap) {
    isotime_format_utc(t, out, cap);
}

match_policy match_db_policy(const kiosk_config *cfg) {
    match_policy p = {.max_share_percent = cfg->max_share_percent,
                      .small_producer_capacity = cfg->small_producer_capacity};
    return p;
}

/* The columns every candidate query returns, in this order: what ranking and splitting need.
 * Names and contacts are read afterwards for the lines only (a group has thousands of
 * candidates and a dozen lines). */
#define CANDIDATE_COLUMNS                                                                          \
    "p.id, p.code, pr.province, p.stars, p.unit, COALESCE(p.measure, ''), p.base_unit,"            \
    " p.base_per_unit, COALESCE(p.price_min_vnd, -1), COALESCE(p.price_max_vnd, -1),"              \
    " COALESCE(p.moq, 0)"

/* Filters every candidate query shares: lowest price, a certificate still valid. */
#define CANDIDATE_FILTERS                                                                          \
    " AND (:max_price <= 0 OR p.price_min_vnd IS NULL OR p.price_min_vnd <= :max_price)"           \
    " AND (p.cert_expiry IS NULL OR p.cert_expiry = '' OR p.cert_expiry >= :today)"

static const char sql_by_product[] =
    "SELECT " CANDIDATE_COLUMNS " FROM product p JOIN producer pr ON pr.id = p.producer_id"
    " WHERE p.code = :code AND p.stars >= :min_stars" CANDIDATE_FILTERS;

/* One product found by the kiosk's search (free text). */
static const char sql_by_id[] =
    "SELECT " CANDIDATE_COLUMNS " FROM product p JOIN producer pr ON pr.id = p.producer_id"
    " WHERE p.id = :id AND p.stars >= :min_stars" CANDIDATE_FILTERS;

/* Declared capacity for the window, and the product's default row ('*'). */
static const char sql_capacity[] =
    "SELECT month, base_quantity FROM capacity"
    " WHERE product_id = :pid AND (month = '*' OR month BETWEEN :from AND :to)";

/* What is already promised: batch allocations, and unexpired holds of other inquiries. */
static const char sql_held[] =
    "SELECT month, SUM(base_quantity) FROM hold"
    " WHERE product_id = :pid AND month BETWEEN :from AND :to"
    "   AND (kind = 'batch' OR (expires_at > :now AND inquiry_id IS NOT :self))"
    " GROUP BY month";

/* A hold of inquiry i on product p that the batch can re-allocate: they meet in one base unit
 * with no conversion, the only pairs build_pairs makes. A count asked by group or text ("500
 * hộp" of beverages) of a product measured by weight is not one flow unit; the instant holds
 * of such a pair are kept as they are, neither released into the pool nor replaced. */
#define BATCH_MODELLED                                                                             \
    "(i.base_unit = p.base_unit AND (i.product_code IS NOT NULL OR i.base_unit <> 'piece'"         \
    " OR p.base_per_unit = 1))"

/* For `allocate`: the instant holds of open inquiries (the ones being allocated) are released
 * into the pool, so only batch allocations and the holds of other inquiries count. */
static const char sql_held_batch[] =
    "SELECT month, SUM(base_quantity) FROM hold"
    " WHERE product_id = :pid AND month BETWEEN :from AND :to"
    "   AND (kind = 'batch' OR (expires_at > :now AND inquiry_id IS NOT :self"
    "        AND inquiry_id NOT IN (SELECT i.id FROM inquiry i JOIN product p ON p.id = :pid"
    "                               WHERE i.status = 'open' AND " BATCH_MODELLED ")))"
    " GROUP BY month";

/* a + b, malloc'd. */
static char *str_concat(const char *a, const char *b) {
    strbuf sb = {0};
    sb_append(&sb, a);
    sb_append(&sb, b);
    return sb_take(&sb);
}

/* By group, everything in two statements per star level instead of two per product: the
 * capacity rows of the level's products for the window (the '*' default and the months; the
 * rows of one product come together, as the product is the outer loop: the plan test checks
 * it searches product_grp), and the held quantities of those products. No ORDER BY: with one,
 * SQLite prefers the product_stars index, which walks every group. */
static const char sql_group_capacity[] =
    "SELECT " CANDIDATE_COLUMNS ", cd.base_quantity, c.month, c.base_quantity"
    " FROM product p JOIN producer pr ON pr.id = p.producer_id"
    " LEFT JOIN capacity cd ON cd.product_id = p.id AND cd.month = '*'"
    " LEFT JOIN capacity c ON c.product_id = p.id AND c.month BETWEEN :from AND :to"
    " WHERE p.grp = :grp AND p.stars = :stars" CANDIDATE_FILTERS;

static const char sql_group_held_batch[] =
    "SELECT h.product_id, h.month, SUM(h.base_quantity)"
    " FROM product p JOIN hold h ON h.product_id = p.id AND h.month BETWEEN :from AND :to"
    " WHERE p.grp = :grp AND p.stars = :stars"
    "   AND (h.kind = 'batch' OR (h.expires_at > :now AND h.inquiry_id IS NOT :self"
    "        AND NOT EXISTS (SELECT 1 FROM inquiry i WHERE i.id = h.inquiry_id"
    "                        AND i.status = 'open' AND " BATCH_MODELLED ")))"
    " GROUP BY h.product_id, h.month";

/* Names and contacts of one product, for a line of the answer. */
static const char sql_details[] =
    "SELECT p.name_vi, COALESCE(p.name_en, ''), pr.name, COALESCE(pr.phone, ''),"
    " COALESCE(pr.email, '') FROM product p JOIN producer pr ON pr.id = p.producer_id"
    " WHERE p.id = :id";

static const char sql_group_held[] =
    "SELECT h.product_id, h.month, SUM(h.base_quantity)"
    " FROM product p JOIN hold h ON h.product_id = p.id AND h.month BETWEEN :from AND :to"
    " WHERE p.grp = :grp AND p.stars = :stars"
    "   AND (h.kind = 'batch' OR (h.expires_at > :now AND h.inquiry_id IS NOT :self))"
    " GROUP BY h.product_id, h.month";

static void column_text(sqlite3_stmt *st, int col, char *dst, size_t cap) {
    const unsigned char *t = sqlite3_column_text(st, col);
    str_copy(dst, cap, t ? (const char *)t : "");
}

/* year × 12 + month − 1 of a YYYY-MM month as inquiry_month_valid accepts it, else -1. By
 * hand, as a group reads one month per capacity and hold row: atoi/strtoll per row showed in
 * the profile. */
static int month_number(const char *month) {
    if (!month) {
        return -1;
    }
    int y = 0;
    for (int i = 0; i < 4; i++) {
        if (month[i] < '0' || month[i] > '9') {
            return -1;
        }
        y = y * 10 + (month[i] - '0');
    }
    if (month[4] != '-' || month[5] < '0' || month[5] > '9' || month[6] < '0' || month[6] > '9' ||
        month[7] != '\0') {
        return -1;
    }
    int m = (month[5] - '0') * 10 + (month[6] - '0');
    return m >= 1 && m <= 12 && y >= 1900 ? y * 12 + m - 1 : -1;
}

/* Index of `month` in the window of `n_months` months whose first month's month_number is
 * `from`, or -1. */
static int month_index(int from, const char *month, int n_months) {
    int k = month_number(month);
    if (k < 0) {
        return -1;
    }
    int i = k - from;
    return i >= 0 && i < n_months ? i : -1;
}

/* Fills c->free_base for the window, and `declared_out` (NULL for none, else n_months entries)
 * with the declared capacity; returns 1 when any month has free capacity, 0 when none, -1 on
 * error. */
static int load_free(db *d, bool release_open, match_candidate *c, const inquiry_request *in,
                     int n_months, const char *now_text, const char *self, double *declared_out,
                     ocop_error *err) {
    double declared[MATCH_MAX_MONTHS] = {0};
    bool listed[MATCH_MAX_MONTHS] = {0};
    double fallback = 0;
    int from = month_number(in->month_from);
    OCOP_ASSERT(from >= 0);
    sqlite3_stmt *st = db_prepare(d, sql_capacity, err);
    if (!st) {
        return -1;
    }
    db_bind_int64(st, ":pid", c->product_id);
    db_bind_text(st, ":from", in->month_from);
    db_bind_text(st, ":to", in->month_to);
    int rc;
    while ((rc = db_step(d, st, err)) == SQLITE_ROW) {
        const char *month = (const char *)sqlite3_column_text(st, 0);
        double q = sqlite3_column_double(st, 1);
        if (month && strcmp(month, "*") == 0) {
            fallback = q;
            continue;
        }
        int i = month_index(from, month, n_months);
        if (i >= 0) {
            declared[i] = q;
            listed[i] = true;
        }
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        return -1;
    }
    bool any = false;
    for (int i = 0; i < n_months; i++) {
        if (!listed[i]) {
            declared[i] = fallback;
        }
        any = any || declared[i] > 0;
    }
    if (declared_out) {
        memcpy(declared_out, declared, (size_t)n_months * sizeof *declared_out);
    }
    if (!any) {
        return 0;
    }
    st = db_prepare(d, release_open ? sql_held_batch : sql_held, err);
    if (!st) {
        return -1;
    }
    db_bind_int64(st, ":pid", c->product_id);
    db_bind_text(st, ":from", in->month_from);
    db_bind_text(st, ":to", in->month_to);
    db_bind_text(st, ":now", now_text);
    db_bind_text(st, ":self", self);
    while ((rc = db_step(d, st, err)) == SQLITE_ROW) {
        const char *month = (const char *)sqlite3_column_text(st, 0);
        int i = month_index(from, month, n_months);
        if (i >= 0) {
            declared[i] -= sqlite3_column_double(st, 1);
        }
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        return -1;
    }
    any = false;
    for (int i = 0; i < n_months; i++) {
        c->free_base[i] = declared[i] > 0 ? declared[i] : 0;
        any = any || c->free_base[i] > 0;
    }
    return any ? 1 : 0;
}

int match_db_capacity(db *d, int64_t product_id, const char *month_from, int n_months, int64_t now,
                      double *declared, double *free_base, ocop_error *err) {
    OCOP_ASSERT(n_months >= 1 && n_months <= MATCH_MAX_MONTHS);
    if (!inquiry_month_valid(month_from)) {
        return error_set(err, "month \"%s\" is not YYYY-MM", month_from);
    }
    inquiry_request in;
    memset(&in, 0, sizeof in);
    str_copy(in.month_from, sizeof in.month_from, month_from);
    match_month_add(month_from, n_months - 1, in.month_to);
    match_candidate c;
    memset(&c, 0, sizeof c);
    c.product_id = product_id;
    char now_text[32];
    match_db_format_time(now, now_text, sizeof now_text);
    for (int i = 0; i < n_months; i++) {
        declared[i] = 0;
    }
    if (load_free(d, false, &c, &in, n_months, now_text, NULL, declared, err) < 0) {
        return -1;
    }
    for (int i = 0; i < n_months; i++) {
        free_base[i] = c.free_base[i];
    }
    return 0;
}

/* Reads CANDIDATE_COLUMNS of the current row into *c; the names and contacts are "" and
 * free_base 0. Not a memset of the whole ~1.4 KB: a group reads thousands. */
static void read_candidate(sqlite3_stmt *st, match_candidate *c) {
    c->name_vi[0] = c->name_en[0] = c->producer[0] = c->phone[0] = c->email[0] = '\0';
    memset(c->free_base, 0, sizeof c->free_base);
    c->product_id = sqlite3_column_int64(st, 0);
    column_text(st, 1, c->product, sizeof c->product);
    column_text(st, 2, c->province, sizeof c->province);
    c->stars = sqlite3_column_int(st, 3);
    column_text(st, 4, c->unit, sizeof c->unit);
    column_text(st, 5, c->measure, sizeof c->measure);
    column_text(st, 6, c->base_unit, sizeof c->base_unit);
    c->base_per_unit = sqlite3_column_double(st, 7);
    c->price_min_vnd = sqlite3_column_int64(st, 8);
    c->price_max_vnd = sqlite3_column_int64(st, 9);
    c->moq = sqlite3_column_double(st, 10);
}

typedef struct id_index {
    int64_t id;
    int index;
} id_index;

static int compare_id_index(const void *pa, const void *pb) {
    const id_index *a = pa, *b = pb;
    return a->id < b->id ? -1 : a->id > b->id;
}

/* Per-product bookkeeping while capacity rows arrive. */
typedef struct declared_months {
    uint32_t listed; /* bit i: month i has its own row */
    double fallback; /* the '*' row, or 0 */
} declared_months;

/* A growing list of candidates. */
typedef struct candidate_list {
    match_candidate *items;
    int count, cap;
} candidate_list;

static match_candidate *list_add(candidate_list *l) {
    if (l->count == l->cap) {
        /* A star level of a big group has a thousand candidates or more: start there rather
         * than copy the list through six reallocations. */
        l->cap = l->cap ? l->cap * 2 : 1024;
        l->items = xreallocarray(l->items, (size_t)l->cap, sizeof *l->items);
    }
    return &l->items[l->count++];
}

/* Appends the candidates of the group with `stars` stars that have free capacity in the
 * window (see sql_group_capacity and sql_group_held). */
static int load_group_level(db *d, bool release_open, const inquiry_request *in, int stars,
                            int n_months, const char *now_text, const char *today, const char *self,
                            candidate_list *l, ocop_error *err) {
    int from = month_number(in->month_from);
    OCOP_ASSERT(from >= 0);
    sqlite3_stmt *st = db_prepare(d, sql_group_capacity, err);
    if (!st) {
        return -1;
    }
    db_bind_text(st, ":grp", in->group);
    db_bind_int64(st, ":stars", stars);
    db_bind_text(st, ":from", in->month_from);
    db_bind_text(st, ":to", in->month_to);
    db_bind_int64(st, ":max_price", in->max_price_vnd);
    db_bind_text(st, ":today", today);
    int first = l->count, rc;
    int decl_cap = 64;
    declared_months *decl = xmalloc((size_t)decl_cap * sizeof *decl);
    int64_t last_id = -1;
    while ((rc = db_step(d, st, err)) == SQLITE_ROW) {
        int64_t id = sqlite3_column_int64(st, 0);
        if (id != last_id) {
            read_candidate(st, list_add(l));
            int k = l->count - 1 - first;
            if (k == decl_cap) {
                decl_cap *= 2;
                decl = xreallocarray(decl, (size_t)decl_cap, sizeof *decl);
            }
            decl[k].listed = 0;
            decl[k].fallback = 0;
            last_id = id;
        }
        int k = l->count - 1 - first;
        match_candidate *c = &l->items[l->count - 1];
        if (sqlite3_column_type(st, 11) != SQLITE_NULL) {
            decl[k].fallback = sqlite3_column_double(st, 11);
        }
        const char *month = (const char *)sqlite3_column_text(st, 12);
        int i = month_index(from, month, n_months);
        if (i >= 0) {
            c->free_base[i] = sqlite3_column_double(st, 13);
            decl[k].listed |= 1u << i;
        }
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        free(decl);
        return -1;
    }
    int n_level = l->count - first;
    match_candidate *level = &l->items[first];
    id_index *by_id = xmalloc((size_t)(n_level > 0 ? n_level : 1) * sizeof *by_id);
    for (int i = 0; i < n_level; i++) {
        for (int m = 0; m < n_months; m++) {
            if (!(decl[i].listed & (1u << m))) {
                level[i].free_base[m] = decl[i].fallback;
            }
        }
        by_id[i].id = level[i].product_id;
        by_id[i].index = i;
    }
    free(decl);
    qsort(by_id, (size_t)n_level, sizeof *by_id, compare_id_index);
    st = db_prepare(d, release_open ? sql_group_held_batch : sql_group_held, err);
    if (!st) {
        free(by_id);
        return -1;
    }
    db_bind_text(st, ":grp", in->group);
    db_bind_int64(st, ":stars", stars);
    db_bind_text(st, ":from", in->month_from);
    db_bind_text(st, ":to", in->month_to);
    db_bind_text(st, ":now", now_text);
    db_bind_text(st, ":self", self);
    while ((rc = db_step(d, st, err)) == SQLITE_ROW) {
        id_index key = {.id = sqlite3_column_int64(st, 0)};
        const id_index *hit =
            bsearch(&key, by_id, (size_t)n_level, sizeof *by_id, compare_id_index);
        const char *month = (const char *)sqlite3_column_text(st, 1);
        int m = month_index(from, month, n_months);
        if (hit && m >= 0) {
            level[hit->index].free_base[m] -= sqlite3_column_double(st, 2);
        }
    }
    sqlite3_reset(st);
    free(by_id);
    if (rc != SQLITE_DONE) {
        return -1;
    }
    /* Keep those with something free. */
    int kept = first;
    for (int i = first; i < l->count; i++) {
        bool any = false;
        for (int m = 0; m < n_months; m++) {
            if (l->items[i].free_base[m] < 0) {
                l->items[i].free_base[m] = 0;
            }
            any = any || l->items[i].free_base[m] > 0;
        }
        if (any) {
            if (kept != i) {
                l->items[kept] = l->items[i];
            }
            kept++;
        }
    }
    l->count = kept;
    return 0;
}

/* The highest star level below `below` that has products of the group (index product_grp:
 * one seek), or 0 for none. */
static const char sql_next_level[] =
    "SELECT MAX(stars) FROM product WHERE grp = :grp AND stars < :below";

static int next_level(db *d, const char *group, int below, int *out, ocop_error *err) {
    sqlite3_stmt *st = db_prepare(d, sql_next_level, err);
    if (!st) {
        return -1;
    }
    db_bind_text(st, ":grp", group);
    db_bind_int64(st, ":below", below);
    int rc = db_step(d, st, err);
    *out = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0; /* NULL (none) reads as 0 */
    sqlite3_reset(st);
    return rc == SQLITE_ROW ? 0 : -1;
}

/* The group path of match_db_candidates: star level by star level, from 5 down. With a
 * `policy` (an instant match), it stops at the level where the candidates read so far already
 * cover the whole request (or fill every line): stars rank first, so match_compute would give
 * products with fewer stars nothing, and the answer is the same as with every level read.
 * That trial match is only computed when it can stop something: when a level with products
 * is left below, and when the candidates changed since the last trial. With `result` (else
 * NULL), the trial that stopped the reading is kept there and *computed set: it is
 * match_compute of exactly the candidates returned, so the caller need not compute it again. */
static int group_candidates(db *d, bool release_open, const inquiry_request *in, int n_months,
                            const char *now_text, const char *today, const char *self,
                            const match_policy *policy, match_candidate **out, int *n,
                            match_result *result, bool *computed, ocop_error *err) {
    candidate_list l = {0};
    match_result *trial = NULL;
    if (policy) {
        trial = result ? result : xmalloc(sizeof *trial);
    }
    if (computed) {
        *computed = false;
    }
    int lowest = in->min_stars > 1 ? in->min_stars : 1;
    int tried = 0; /* l.count at the last trial */
    int stars = 5;
    while (stars >= lowest) {
        int below = 0;
        if (load_group_level(d, release_open, in, stars, n_months, now_text, today, self, &l,
                             err) != 0 ||
            next_level(d, in->group, stars, &below, err) != 0) {
            free(l.items);
            if (trial != result) {
                free(trial);
            }
            return -1;
        }
        if (below < lowest) {
            break; /* no products with fewer stars that may be read */
        }
        if (trial && l.count > tried) {
            match_compute(in, l.items, l.count, policy, trial);
            tried = l.count;
            if (trial->n_lines > 0 && (trial->unmet <= 0 || trial->n_lines == MATCH_MAX_LINES)) {
                if (computed) {
                    *computed = true;
                }
                break;
            }
        }
        stars = below;
    }
    if (trial != result) {
        free(trial);
    }
    *out = l.items ? l.items : xmalloc(sizeof *l.items);
    *n = l.count;
    return 0;
}

/* match_db_candidates, and for `allocate` (release_open) with the holds of open inquiries
 * released. `result` and `computed` (else NULL): see group_candidates; *computed is false
 * for the other paths. */
static int find_candidates(db *d, bool release_open, const inquiry_request *in, int64_t now,
                           const char *self_inquiry, const match_policy *policy,
                           match_candidate **out, int *n, match_result *result, bool *computed,
                           ocop_error *err) {
    *out = NULL;
    *n = 0;
    if (computed) {
        *computed = false;
    }
    int n_months = inquiry_month_span(in->month_from, in->month_to);
    OCOP_ASSERT(n_months >= 1 && n_months <= MATCH_MAX_MONTHS);
    char now_text[32], today[16];
    match_db_format_time(now, now_text, sizeof now_text);
    str_copy(today, sizeof today, now_text);
    today[10] = '\0';

    if (in->group[0]) {
        return group_candidates(d, release_open, in, n_months, now_text, today, self_inquiry,
                                policy, out, n, result, computed, err);
    }
    /* By product: its code. By free text: what the kiosk's search finds (search_db.h), best
     * first, at most MATCH_DB_TEXT_LIMIT products. */
    int64_t *ids = NULL;
    int n_ids = 0;
    if (!in->product[0]) {
        search_filter filter = {.min_stars = in->min_stars};
        search_results found;
        if (search_db_query(d, in->query, &filter, 0, MATCH_DB_TEXT_LIMIT, &found, err) != 0) {
            return -1;
        }
        ids = xmalloc((size_t)(found.count > 0 ? found.count : 1) * sizeof *ids);
        for (int i = 0; i < found.count; i++) {
            ids[n_ids++] = found.items[i].id;
        }
        search_results_free(&found);
    }
    int cap = 16, count = 0;
    match_candidate *list = xmalloc((size_t)cap * sizeof *list);
    for (int k = 0; k < (in->product[0] ? 1 : n_ids); k++) {
        sqlite3_stmt *st = db_prepare(d, in->product[0] ? sql_by_product : sql_by_id, err);
        if (!st) {
            free(ids);
            free(list);
            return -1;
        }
        if (in->product[0]) {
            db_bind_text(st, ":code", in->product);
        } else {
            db_bind_int64(st, ":id", ids[k]);
        }
        db_bind_int64(st, ":min_stars", in->min_stars);
        db_bind_int64(st, ":max_price", in->max_price_vnd);
        db_bind_text(st, ":today", today);
        int rc;
        while ((rc = db_step(d, st, err)) == SQLITE_ROW) {
            if (count == cap) {
                cap *= 2;
                list = xreallocarray(list, (size_t)cap, sizeof *list);
            }
            read_candidate(st, &list[count]);
            count++;
        }
        sqlite3_reset(st);
        if (rc != SQLITE_DONE) {
            free(ids);
            free(list);
            return -1;
        }
    }
    free(ids);
    /* Free capacity per month; candidates with none in the window are dropped here. */
    int kept = 0;
    for (int i = 0; i < count; i++) {
        int has =
            load_free(d, release_open, &list[i], in, n_months, now_text, self_inquiry, NULL, err);
        if (has < 0) {
            free(list);
            return -1;
        }
        if (has) {
            if (kept != i) {
                list[kept] = list[i];
            }
            kept++;
        }
    }
    *out = list;
    *n = kept;
    return 0;
}

int match_db_candidates(db *d, const inquiry_request *in, int64_t now, const char *self_inquiry,
                        const match_policy *policy, match_candidate **out, int *n,
                        ocop_error *err) {
    return find_candidates(d, false, in, now, self_inquiry, policy, out, n, NULL, NULL, err);
}

/* Fills the names and contacts of the lines of `r` (in->lang picks the product name). */
static int fill_details(db *d, const inquiry_request *in, match_result *r, ocop_error *err) {
    bool en = strcmp(in->lang, "en") == 0;
    for (int i = 0; i < r->n_lines; i++) {
        match_line *line = &r->lines[i];
        if (i > 0 && r->lines[i - 1].product_id == line->product_id) {
            match_line *prev = &r->lines[i - 1];
            str_copy(line->name, sizeof line->name, prev->name);
            str_copy(line->producer, sizeof line->producer, prev->producer);
            str_copy(line->phone, sizeof line->phone, prev->phone);
            str_copy(line->email, sizeof line->email, prev->email);
            continue;
        }
        sqlite3_stmt *st = db_prepare(d, sql_details, err);
        if (!st) {
            return -1;
        }
        db_bind_int64(st, ":id", line->product_id);
        int rc = db_step(d, st, err);
        if (rc == SQLITE_ROW) {
            const unsigned char *en_name = sqlite3_column_text(st, 1);
            column_text(st, en && en_name && en_name[0] ? 1 : 0, line->name, sizeof line->name);
            column_text(st, 2, line->producer, sizeof line->producer);
            column_text(st, 3, line->phone, sizeof line->phone);
            column_text(st, 4, line->email, sizeof line->email);
        }
        sqlite3_reset(st);
        if (rc < 0) {
            return -1;
        }
    }
    return 0;
}

int match_db_run(db *d, const inquiry_request *in, int64_t now, const kiosk_config *cfg,
                 match_result *out, ocop_error *err) {
    match_candidate *cands;
    int n;
    /* One read transaction: one snapshot and one file lock for all the reads (each autocommit
     * statement would lock and unlock the file). */
    if (db_begin(d, false, err) != 0) {
        return -1;
    }
    match_policy policy = match_db_policy(cfg);
    bool computed;
    if (find_candidates(d, false, in, now, NULL, &policy, &cands, &n, out, &computed, err) != 0) {
        db_rollback(d);
        return -1;
    }
    if (!computed) {
        match_compute(in, cands, n, &policy, out);
    }
    free(cands);
    if (fill_details(d, in, out, err) != 0) {
        db_rollback(d);
        return -1;
    }
    return db_commit(d, err);
}

/* A random (version 4) UUID from the kernel's CSPRNG. */
static int make_uuid(char out[MATCH_DB_ID_SIZE], ocop_error *err) {
    unsigned char b[16];
    size_t got = 0;
    while (got < sizeof b) {
        ssize_t r = getrandom(b + got, sizeof b - got, 0);
        if (r < 0) {
            return error_set(err, "cannot get random bytes for an inquiry id");
        }
        got += (size_t)r;
    }
    b[6] = (unsigned char)((b[6] & 0x0f) | 0x40); /* version 4 */
    b[8] = (unsigned char)((b[8] & 0x3f) | 0x80); /* RFC 4122 variant */
    char buf[64];
    str_format(buf, sizeof buf,
               "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", b[0], b[1],
               b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14],
               b[15]);
    str_copy(out, MATCH_DB_ID_SIZE, buf);
    return 0;
}

/* The kiosk id stamped on leads: kiosk.ini's, else the database's, else a new one kept in the
 * database (inside the caller's transaction). */
static int kiosk_id(db *d, const kiosk_config *cfg, char *out, size_t cap, ocop_error *err) {
    if (cfg->kiosk_id[0]) {
        str_copy(out, cap, cfg->kiosk_id);
        return 0;
    }
    char *stored = db_setting_get(d, "kiosk_id");
    if (stored) {
        str_copy(out, cap, stored);
        free(stored);
        return 0;
    }
    char uuid[MATCH_DB_ID_SIZE];
    if (make_uuid(uuid, err) != 0) {
        return -1;
    }
    char id[32];
    str_format(id, sizeof id, "kiosk-%.8s", uuid);
    if (db_setting_set(d, "kiosk_id", id, err) != 0) {
        return -1;
    }
    str_copy(out, cap, id);
    return 0;
}

static const char sql_insert_inquiry[] =
    "INSERT INTO inquiry (id, kiosk_id, created_at, buyer_name, buyer_company, buyer_phone,"
    " buyer_email, buyer_province, lang, product_code, grp, query, quantity, unit, base_quantity,"
    " base_unit, month_from, month_to, min_stars, max_price_vnd, note, consent_contact,"
    " consent_share, status, match_json)"
    " VALUES (:id, :kiosk, :created, :name, :company, :phone, :email, :province, :lang, :product,"
    " :grp, :query, :quantity, :unit, :base_quantity, :base_unit, :from, :to, :min_stars,"
    " :max_price, :note, :consent_contact, :consent_share, 'open', :match_json)";

static const char sql_insert_hold[] =
    "INSERT INTO hold (inquiry_id, product_id, month, base_quantity, kind, created_at,"
    " expires_at) VALUES (:inquiry, :product, :month, :qty, 'instant', :created, :expires)";

static const char *blank_null(const char *s) {
    return str_blank(s) ? NULL : s;
}

static int insert_inquiry(db *d, const inquiry_request *in, const char *id, const char *kiosk,
                          const char *created, const match_result *m, ocop_error *err) {
    sqlite3_stmt *st = db_prepare(d, sql_insert_inquiry, err);
    if (!st) {
        return -1;
    }
    char *json = match_result_to_json(m);
    db_bind_text(st, ":id", id);
    db_bind_text(st, ":kiosk", kiosk);
    db_bind_text(st, ":created", created);
    db_bind_text(st, ":name", blank_null(in->buyer_name));
    db_bind_text(st, ":company", blank_null(in->buyer_company));
    db_bind_text(st, ":phone", blank_null(in->buyer_phone));
    db_bind_text(st, ":email", blank_null(in->buyer_email));
    db_bind_text(st, ":province", blank_null(in->buyer_province));
    db_bind_text(st, ":lang", in->lang);
    db_bind_text(st, ":product", blank_null(in->product));
    db_bind_text(st, ":grp", blank_null(in->group));
    db_bind_text(st, ":query", blank_null(in->query));
    db_bind_double(st, ":quantity", in->quantity);
    db_bind_text(st, ":unit", in->unit);
    db_bind_double(st, ":base_quantity", m->requested);
    db_bind_text(st, ":base_unit", m->base_unit);
    db_bind_text(st, ":from", in->month_from);
    db_bind_text(st, ":to", in->month_to);
    if (in->min_stars > 0) {
        db_bind_int64(st, ":min_stars", in->min_stars);
    }
    if (in->max_price_vnd > 0) {
        db_bind_int64(st, ":max_price", in->max_price_vnd);
    }
    db_bind_text(st, ":note", blank_null(in->note));
    db_bind_int64(st, ":consent_contact", in->consent_contact);
    db_bind_int64(st, ":consent_share", in->consent_share);
    db_bind_text(st, ":match_json", json);
    int rc = db_step(d, st, err);
    sqlite3_reset(st);
    free(json);
    return rc == SQLITE_DONE ? 0 : -1;
}

int match_db_record_inquiry(db *d, inquiry_request *in, int64_t now, const kiosk_config *cfg,
                            char id_out[MATCH_DB_ID_SIZE], match_result *shown, ocop_error *err) {
    id_out[0] = '\0';
    if (inquiry_validate(in, err) != 0) {
        return -1;
    }
    char id[MATCH_DB_ID_SIZE];
    if (make_uuid(id, err) != 0) {
        return -1;
    }
    char created[32], expires[32], kiosk[64];
    match_db_format_time(now, created, sizeof created);
    match_db_format_time(now + (int64_t)cfg->hold_days * 86400, expires, sizeof expires);

    /* The write lock is taken first, so the capacity read below is still free when the holds
     * are written: another kiosk's inquiry waits (busy timeout) until this one commits. */
    if (db_begin(d, true, err) != 0) {
        return -1;
    }
    if (kiosk_id(d, cfg, kiosk, sizeof kiosk, err) != 0 ||
        match_db_run(d, in, now, cfg, shown, err) != 0 ||
        insert_inquiry(d, in, id, kiosk, created, shown, err) != 0) {
        goto fail;
    }
    for (int i = 0; i < shown->n_lines; i++) {
        const match_line *line = &shown->lines[i];
        sqlite3_stmt *st = db_prepare(d, sql_insert_hold, err);
        if (!st) {
            goto fail;
        }
        db_bind_text(st, ":inquiry", id);
        db_bind_int64(st, ":product", line->product_id);
        db_bind_text(st, ":month", line->month);
        db_bind_double(st, ":qty", line->product_base_quantity);
        db_bind_text(st, ":created", created);
        db_bind_text(st, ":expires", expires);
        int rc = db_step(d, st, err);
        sqlite3_reset(st);
        if (rc != SQLITE_DONE) {
            goto fail;
        }
    }
    if (db_commit(d, err) != 0) {
        return -1;
    }
    str_copy(id_out, MATCH_DB_ID_SIZE, id);
    return 0;
fail:
    db_rollback(d);
    return -1;
}

int match_db_sweep_holds(db *d, int64_t now, ocop_error *err) {
    static const char sql[] = "DELETE FROM hold WHERE kind = 'instant' AND expires_at <= :now";
    char now_text[32];
    match_db_format_time(now, now_text, sizeof now_text);
    sqlite3_stmt *st = db_prepare(d, sql, err);
    if (!st) {
        return -1;
    }
    db_bind_text(st, ":now", now_text);
    int rc = db_step(d, st, err);
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? sqlite3_changes(db_handle(d)) : -1;
}

/* Every inquiry not closed, with what its live holds cover, in the inquiry's base unit: a
 * count-unit inquiry by group counts sale units (pieces), so a hold in litres is divided by the
 * product's litres per unit. */
static const char sql_unmet[] =
    "SELECT i.product_code, i.grp, i.query, i.base_quantity, i.base_unit, i.month_from,"
    " i.month_to,"
    " (SELECT COALESCE(SUM(CASE WHEN p.base_unit = i.base_unit THEN h.base_quantity"
    "                          ELSE h.base_quantity / p.base_per_unit END), 0)"
    "    FROM hold h JOIN product p ON p.id = h.product_id"
    "   WHERE h.inquiry_id = i.id AND (h.kind = 'batch' OR h.expires_at > :now))"
    " FROM inquiry i"
    " WHERE i.status <> 'closed' AND i.base_quantity IS NOT NULL AND i.base_unit IS NOT NULL";

static int compare_unmet(const void *pa, const void *pb) {
    const unmet_item *a = pa, *b = pb;
    int c = strcmp(a->kind, b->kind);
    if (c == 0) {
        c = strcmp(a->key, b->key);
    }
    if (c == 0) {
        c = strcmp(a->month, b->month);
    }
    if (c == 0) {
        c = strcmp(a->base_unit, b->base_unit);
    }
    return c;
}

int match_db_unmet(db *d, int64_t now, unmet_item **out, int *n, ocop_error *err) {
    *out = NULL;
    *n = 0;
    char now_text[32];
    match_db_format_time(now, now_text, sizeof now_text);
    sqlite3_stmt *st = db_prepare(d, sql_unmet, err);
    if (!st) {
        return -1;
    }
    db_bind_text(st, ":now", now_text);
    int cap = 16, count = 0, rc;
    unmet_item *items = xmalloc((size_t)cap * sizeof *items);
    while ((rc = db_step(d, st, err)) == SQLITE_ROW) {
        double requested = sqlite3_column_double(st, 3);
        double covered = sqlite3_column_double(st, 7);
        double unmet = requested - covered;
        if (unmet <= 1e-9 * (1 + requested)) {
            continue;
        }
        const char *kind = sqlite3_column_text(st, 0)   ? "product"
                           : sqlite3_column_text(st, 1) ? "group"
                                                        : "query";
        int col = strcmp(kind, "product") == 0 ? 0 : strcmp(kind, "group") == 0 ? 1 : 2;
        char key[256], base_unit[8], from[8], to[8];
        column_text(st, col, key, sizeof key);
        column_text(st, 4, base_unit, sizeof base_unit);
        column_text(st, 5, from, sizeof from);
        column_text(st, 6, to, sizeof to);
        if (!inquiry_month_valid(from) || !inquiry_month_valid(to)) {
            continue; /* the schema does not check the form; a merged foreign row may be odd */
        }
        int months = inquiry_month_span(from, to);
        if (months < 1 || months > MATCH_MAX_MONTHS) {
            continue;
        }
        for (int m = 0; m < months; m++) {
            char month[8];
            match_month_add(from, m, month);
            unmet_item *it = NULL;
            for (int j = 0; j < count; j++) {
                if (strcmp(items[j].kind, kind) == 0 && strcmp(items[j].key, key) == 0 &&
                    strcmp(items[j].month, month) == 0 &&
                    strcmp(items[j].base_unit, base_unit) == 0) {
                    it = &items[j];
                    break;
                }
            }
            if (!it) {
                if (count == cap) {
                    cap *= 2;
                    items = xreallocarray(items, (size_t)cap, sizeof *items);
                }
                it = &items[count++];
                memset(it, 0, sizeof *it);
                str_copy(it->kind, sizeof it->kind, kind);
                str_copy(it->key, sizeof it->key, key);
                str_copy(it->month, sizeof it->month, month);
                str_copy(it->base_unit, sizeof it->base_unit, base_unit);
            }
            it->base_quantity += unmet / months;
            it->inquiries++;
        }
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        free(items);
        return -1;
    }
    qsort(items, (size_t)count, sizeof *items, compare_unmet);
    *out = items;
    *n = count;
    return 0;
}

char *match_db_explain(db *d, ocop_error *err) {
    static const struct {
        const char *name;
        const char *sql;
    } statements[] = {
        {"by_product", sql_by_product}, {"group_capacity", sql_group_capacity},
        {"group_held", sql_group_held}, {"details", sql_details},
        {"capacity", sql_capacity},     {"held", sql_held},
        {"held_batch", sql_held_batch}, {"group_held_batch", sql_group_held_batch},
        {"next_level", sql_next_level},
    };
    strbuf sb = {0};
    for (size_t i = 0; i < OCOP_COUNT(statements); i++) {
        char *sql = str_concat("EXPLAIN QUERY PLAN ", statements[i].sql);
        sqlite3_stmt *st = NULL;
        if (sqlite3_prepare_v2(db_handle(d), sql, -1, &st, NULL) != SQLITE_OK) {
            db_fail(d, sql, err);
            free(sql);
            sb_free(&sb);
            return NULL;
        }
        free(sql);
        while (sqlite3_step(st) == SQLITE_ROW) {
            sb_appendf(&sb, "%s: %s\n", statements[i].name,
                       (const char *)sqlite3_column_text(st, 3));
        }
        sqlite3_finalize(st);
    }
    return sb_take(&sb);
}

/* ---- batch allocation ------------------------------------------------------------------- */

static const char sql_open_inquiries[] =
    "SELECT id, COALESCE(product_code, ''), COALESCE(grp, ''), COALESCE(query, ''), quantity,"
    " unit, base_quantity, base_unit, month_from, month_to, COALESCE(min_stars, 0),"
    " COALESCE(max_price_vnd, 0), COALESCE(buyer_province, ''), lang"
    " FROM inquiry WHERE status = 'open' AND base_quantity > 0 ORDER BY rowid";

static const char sql_kept_holds[] =
    "SELECT product_id, month, SUM(base_quantity) FROM hold"
    " WHERE inquiry_id = :id AND kind = 'instant' AND expires_at > :now"
    " GROUP BY product_id, month";

/* Only the holds the batch re-allocated (BATCH_MODELLED); the others stay promised. */
static const char sql_release_holds[] =
    "DELETE FROM hold WHERE inquiry_id = :id AND kind = 'instant'"
    " AND EXISTS (SELECT 1 FROM inquiry i JOIN product p ON p.id = hold.product_id"
    "             WHERE i.id = :id AND " BATCH_MODELLED ")";

static const char sql_insert_batch[] =
    "INSERT INTO hold (inquiry_id, product_id, month, base_quantity, kind, created_at,"
    " expires_at) VALUES (:inquiry, :product, :month, :qty, 'batch', :created, NULL)";

static const char sql_mark_allocated[] =
    "UPDATE inquiry SET status = 'allocated' WHERE id = :id AND status = 'open'";

/* One open inquiry as the batch sees it. */
typedef struct batch_inquiry {
    char id[MATCH_DB_ID_SIZE];
    inquiry_request req;
    double base_quantity;
    char base_unit[8];
} batch_inquiry;

/* One compatible pair before offers are numbered. */
typedef struct raw_pair {
    int64_t product_id;
    int month;        /* YYYYMM */
    int64_t capacity; /* the offer's, scaled */
    char product[64];
    char base_unit[8];
    int inquiry;
    int stars;
    int distance_km;
    int64_t price_kvnd;
    int64_t held; /* scaled */
} raw_pair;

static int compare_raw_pair(const void *pa, const void *pb) {
    const raw_pair *a = pa, *b = pb;
    if (a->product_id != b->product_id) {
        return a->product_id < b->product_id ? -1 : 1;
    }
    if (a->month != b->month) {
        return a->month < b->month ? -1 : 1;
    }
    return a->inquiry - b->inquiry;
}

void match_batch_free(match_batch *b) {
    if (b) {
        free(b->items);
        b->items = NULL;
        b->n = 0;
    }
}

static int load_open_inquiries(db *d, batch_inquiry **out, int *n, ocop_error *err) {
    sqlite3_stmt *st = db_prepare(d, sql_open_inquiries, err);
    if (!st) {
        return -1;
    }
    int cap = 16, count = 0, rc;
    batch_inquiry *list = xmalloc((size_t)cap * sizeof *list);
    while ((rc = db_step(d, st, err)) == SQLITE_ROW) {
        if (count == cap) {
            cap *= 2;
            list = xreallocarray(list, (size_t)cap, sizeof *list);
        }
        batch_inquiry *b = &list[count];
        memset(b, 0, sizeof *b);
        inquiry_request *r = &b->req;
        column_text(st, 0, b->id, sizeof b->id);
        column_text(st, 1, r->product, sizeof r->product);
        column_text(st, 2, r->group, sizeof r->group);
        column_text(st, 3, r->query, sizeof r->query);
        r->quantity = sqlite3_column_double(st, 4);
        column_text(st, 5, r->unit, sizeof r->unit);
        b->base_quantity = sqlite3_column_double(st, 6);
        column_text(st, 7, b->base_unit, sizeof b->base_unit);
        column_text(st, 8, r->month_from, sizeof r->month_from);
        column_text(st, 9, r->month_to, sizeof r->month_to);
        r->min_stars = sqlite3_column_int(st, 10);
        r->max_price_vnd = sqlite3_column_int64(st, 11);
        column_text(st, 12, r->buyer_province, sizeof r->buyer_province);
        column_text(st, 13, r->lang, sizeof r->lang);
        /* A row merged from elsewhere that does not validate is left out, not guessed. */
        if (inquiry_validate_request(r, NULL) == 0) {
            count++;
        }
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        free(list);
        return -1;
    }
    *out = list;
    *n = count;
    return 0;
}

/* The unexpired instant holds of one inquiry (kept as lower bounds by --keep-holds). */
typedef struct kept_hold {
    int64_t product_id;
    char month[8];
    double base_quantity; /* the product's base unit */
} kept_hold;

static int load_kept_holds(db *d, const char *id, const char *now_text, kept_hold **out, int *n,
                           ocop_error *err) {
    *out = NULL;
    *n = 0;
    sqlite3_stmt *st = db_prepare(d, sql_kept_holds, err);
    if (!st) {
        return -1;
    }
    db_bind_text(st, ":id", id);
    db_bind_text(st, ":now", now_text);
    int rc, cap = 0;
    while ((rc = db_step(d, st, err)) == SQLITE_ROW) {
        if (*n == cap) {
            cap = cap ? cap * 2 : 8;
            *out = xreallocarray(*out, (size_t)cap, sizeof **out);
        }
        kept_hold *k = &(*out)[(*n)++];
        k->product_id = sqlite3_column_int64(st, 0);
        column_text(st, 1, k->month, sizeof k->month);
        k->base_quantity = sqlite3_column_double(st, 2);
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        free(*out);
        *out = NULL;
        *n = 0;
        return -1;
    }
    return 0;
}

/* The kept hold on product/month in `kept`, scaled; 0 for none. */
static int kept_quantity(const kept_hold *kept, int n, int64_t product_id, const char *month,
                         const char *base_unit, int64_t *out, ocop_error *err) {
    *out = 0;
    for (int i = 0; i < n; i++) {
        if (kept[i].product_id == product_id && strcmp(kept[i].month, month) == 0) {
            return alloc_to_scaled(kept[i].base_quantity, base_unit, out, err);
        }
    }
    return 0;
}

/* Candidate lists shared by inquiries that ask the same thing (product, group or text, months,
 * stars, price): a fair's inquiries repeat a few groups, and reading a group costs
 * milliseconds. */
typedef struct candidate_cache {
    int n, cap;
    struct {
        char key[512];
        match_candidate *cands;
        int n;
    } * entries;
} candidate_cache;

static void candidate_cache_free(candidate_cache *cache) {
    for (int i = 0; i < cache->n; i++) {
        free(cache->entries[i].cands);
    }
    free(cache->entries);
}

/* The candidates for `r`, from the cache or read (owned by the cache). */
static int cached_candidates(db *d, candidate_cache *cache, const inquiry_request *r, int64_t now,
                             match_candidate **cands, int *n, ocop_error *err) {
    char key[512];
    str_format(key, sizeof key, "%s\x1f%s\x1f%s\x1f%s\x1f%s\x1f%d\x1f%lld", r->product, r->group,
               r->query, r->month_from, r->month_to, r->min_stars, (long long)r->max_price_vnd);
    for (int i = 0; i < cache->n; i++) {
        if (strcmp(cache->entries[i].key, key) == 0) {
            *cands = cache->entries[i].cands;
            *n = cache->entries[i].n;
            return 0;
        }
    }
    if (cache->n == cache->cap) {
        cache->cap = cache->cap ? cache->cap * 2 : 16;
        cache->entries = xreallocarray(cache->entries, (size_t)cache->cap, sizeof *cache->entries);
    }
    if (find_candidates(d, true, r, now, NULL, NULL, cands, n, NULL, NULL, err) != 0) {
        return -1;
    }
    str_copy(cache->entries[cache->n].key, sizeof cache->entries[cache->n].key, key);
    cache->entries[cache->n].cands = *cands;
    cache->entries[cache->n].n = *n;
    cache->n++;
    return 0;
}

/* Producer provinces seen while building pairs (a few dozen spellings), so that each is
 * folded and looked up once. */
typedef struct place_memo {
    int n;
    struct {
        char text[64];
        bool found;
        province_place place;
    } entries[256];
} place_memo;

static bool memo_find(place_memo *memo, const char *text, province_place *out) {
    for (int i = 0; i < memo->n; i++) {
        if (strcmp(memo->entries[i].text, text) == 0) {
            *out = memo->entries[i].place;
            return memo->entries[i].found;
        }
    }
    bool found = province_find(text, out);
    if (memo->n < (int)OCOP_COUNT(memo->entries)) {
        str_copy(memo->entries[memo->n].text, sizeof memo->entries[memo->n].text, text);
        memo->entries[memo->n].found = found;
        memo->entries[memo->n].place = *out;
        memo->n++;
    }
    return found;
}

/* Builds the pairs of every open inquiry: its MATCH_DB_BATCH_CANDIDATES best candidates by
 * the instant ranking (and, with kept holds, every product it holds). */
static int build_pairs(db *d, const batch_inquiry *inq, int n_inq, int64_t now, bool keep_holds,
                       raw_pair **out, int *n_out, ocop_error *err) {
    char now_text[32];
    match_db_format_time(now, now_text, sizeof now_text);
    /* The batch ranks without the instant share cap: fair shares are the model's tiers. */
    const match_policy no_cap = {.max_share_percent = 100, .small_producer_capacity = 0};
    candidate_cache cache = {0};
    int cap = 64, n = 0;
    raw_pair *pairs = xmalloc((size_t)cap * sizeof *pairs);
    int *order = NULL;
    int order_cap = 0;
    kept_hold *kept = NULL;
    int n_kept = 0;
    place_memo *memo = xcalloc(1, sizeof *memo);
    for (int i = 0; i < n_inq; i++) {
        const inquiry_request *r = &inq[i].req;
        match_candidate *cands;
        int n_cands;
        if (cached_candidates(d, &cache, r, now, &cands, &n_cands, err) != 0) {
            goto fail;
        }
        if (n_cands > order_cap) {
            order_cap = n_cands;
            order = xreallocarray(order, (size_t)order_cap, sizeof *order);
        }
        /* With kept holds every candidate is looked at (a held product may rank low). */
        int n_ranked = match_rank(r, cands, n_cands, &no_cap,
                                  keep_holds ? -1 : MATCH_DB_BATCH_CANDIDATES, order);
        free(kept);
        kept = NULL;
        n_kept = 0;
        if (keep_holds && load_kept_holds(d, inq[i].id, now_text, &kept, &n_kept, err) != 0) {
            goto fail;
        }
        province_place buyer, producer;
        bool buyer_known = memo_find(memo, r->buyer_province, &buyer);
        int n_months = inquiry_month_span(r->month_from, r->month_to);
        for (int rank = 0; rank < n_ranked; rank++) {
            const match_candidate *cand = &cands[order[rank]];
            double k;
            if (strcmp(cand->base_unit, inq[i].base_unit) != 0 ||
                match_convert(r, cand, &k, NULL) != 0 || fabs(k - 1.0) > 1e-12) {
                continue;
            }
            int km = MATCH_DB_UNKNOWN_KM;
            if (buyer_known && memo_find(memo, cand->province, &producer)) {
                km = (int)lround(province_distance_km(&buyer, &producer));
            }
            int64_t price_kvnd = 0;
            if (cand->price_min_vnd > 0) {
                price_kvnd = llround((double)cand->price_min_vnd / cand->base_per_unit / 1000.0);
            }
            for (int m = 0; m < n_months; m++) {
                if (!(cand->free_base[m] > 0)) {
                    continue;
                }
                char month[8];
                match_month_add(r->month_from, m, month);
                int64_t held = 0;
                if (kept_quantity(kept, n_kept, cand->product_id, month, cand->base_unit, &held,
                                  err) != 0) {
                    goto fail;
                }
                if (rank >= MATCH_DB_BATCH_CANDIDATES && held == 0) {
                    continue;
                }
                if (n == cap) {
                    cap *= 2;
                    pairs = xreallocarray(pairs, (size_t)cap, sizeof *pairs);
                }
                raw_pair *p = &pairs[n];
                memset(p, 0, sizeof *p);
                p->product_id = cand->product_id;
                p->month = atoi(month) * 100 + atoi(month + 5);
                str_copy(p->product, sizeof p->product, cand->product);
                str_copy(p->base_unit, sizeof p->base_unit, cand->base_unit);
                p->inquiry = i;
                p->stars = cand->stars;
                p->distance_km = km < ALLOC_KM_MAX ? km : ALLOC_KM_MAX;
                p->price_kvnd = price_kvnd;
                p->held = held;
                if (alloc_to_scaled(cand->free_base[m], cand->base_unit, &p->capacity, err) != 0) {
                    goto fail;
                }
                if (p->capacity > 0) {
                    n++;
                }
            }
        }
    }
    free(order);
    free(kept);
    free(memo);
    candidate_cache_free(&cache);
    qsort(pairs, (size_t)n, sizeof *pairs, compare_raw_pair);
    *out = pairs;
    *n_out = n;
    return 0;
fail:
    free(order);
    free(kept);
    free(memo);
    candidate_cache_free(&cache);
    free(pairs);
    return -1;
}

/* Writes the allocations: releases the instant holds of the open inquiries, inserts batch
 * holds and marks inquiries that got something as allocated. Inside the caller's transaction. */
static int commit_batch(db *d, const batch_inquiry *inq, int n_inq, const raw_pair *pairs,
                        const int64_t *qty, int n_pairs, int64_t now, ocop_error *err) {
    char created[32];
    match_db_format_time(now, created, sizeof created);
    for (int i = 0; i < n_inq; i++) {
        sqlite3_stmt *st = db_prepare(d, sql_release_holds, err);
        if (!st) {
            return -1;
        }
        db_bind_text(st, ":id", inq[i].id);
        int rc = db_step(d, st, err);
        sqlite3_reset(st);
        if (rc != SQLITE_DONE) {
            return -1;
        }
    }
    for (int k = 0; k < n_pairs; k++) {
        if (qty[k] <= 0) {
            continue;
        }
        const raw_pair *p = &pairs[k];
        char month[8];
        str_format(month, sizeof month, "%04d-%02d", p->month / 100 % 10000, p->month % 100);
        sqlite3_stmt *st = db_prepare(d, sql_insert_batch, err);
        if (!st) {
            return -1;
        }
        db_bind_text(st, ":inquiry", inq[p->inquiry].id);
        db_bind_int64(st, ":product", p->product_id);
        db_bind_text(st, ":month", month);
        db_bind_double(st, ":qty", alloc_from_scaled(qty[k], p->base_unit));
        db_bind_text(st, ":created", created);
        int rc = db_step(d, st, err);
        sqlite3_reset(st);
        if (rc != SQLITE_DONE) {
            return -1;
        }
        st = db_prepare(d, sql_mark_allocated, err);
        if (!st) {
            return -1;
        }
        db_bind_text(st, ":id", inq[p->inquiry].id);
        rc = db_step(d, st, err);
        sqlite3_reset(st);
        if (rc != SQLITE_DONE) {
            return -1;
        }
    }
    return 0;
}

int match_db_allocate(db *d, int64_t now, bool keep_holds, bool commit, FILE *dimacs,
                      match_batch *out, ocop_error *err) {
    memset(out, 0, sizeof *out);
    batch_inquiry *inq = NULL;
    raw_pair *pairs = NULL;
    alloc_offer *offers = NULL;
    alloc_inquiry *ainq = NULL;
    alloc_pair *apairs = NULL;
    alloc_problem *problem = NULL;
    alloc_result result = {0};
    int n_inq = 0, n_pairs = 0, rc = -1;
    /* A commit writes what it read: take the write lock first (BEGIN IMMEDIATE). */
    if (db_begin(d, commit, err) != 0) {
        return -1;
    }
    if (load_open_inquiries(d, &inq, &n_inq, err) != 0 ||
        build_pairs(d, inq, n_inq, now, keep_holds, &pairs, &n_pairs, err) != 0) {
        goto done;
    }
    offers = xcalloc((size_t)(n_pairs > 0 ? n_pairs : 1), sizeof *offers);
    apairs = xcalloc((size_t)(n_pairs > 0 ? n_pairs : 1), sizeof *apairs);
    ainq = xcalloc((size_t)(n_inq > 0 ? n_inq : 1), sizeof *ainq);
    int n_offers = 0;
    for (int k = 0; k < n_pairs; k++) {
        const raw_pair *p = &pairs[k];
        if (n_offers == 0 || offers[n_offers - 1].product_id != p->product_id ||
            offers[n_offers - 1].month != p->month) {
            offers[n_offers].product_id = p->product_id;
            offers[n_offers].month = p->month;
            offers[n_offers].capacity = p->capacity;
            n_offers++;
        }
        apairs[k].offer = n_offers - 1;
        apairs[k].inquiry = p->inquiry;
        apairs[k].stars = p->stars;
        apairs[k].distance_km = p->distance_km;
        apairs[k].price_kvnd = p->price_kvnd;
        apairs[k].held = p->held;
        apairs[k].max_qty = 0;
    }
    for (int i = 0; i < n_inq; i++) {
        ainq[i].id = i + 1;
        ainq[i].guarantee = ALLOC_GUARANTEE_AUTO;
        ocop_error qerr;
        if (alloc_to_scaled(inq[i].base_quantity, inq[i].base_unit, &ainq[i].quantity, &qerr) !=
            0) {
            error_set(err, "inquiry %s: %s", inq[i].id, qerr.msg);
            goto done;
        }
        if (ainq[i].quantity < 1) {
            ainq[i].quantity = 1;
        }
        out->demand += inq[i].base_quantity;
    }
    problem = alloc_create(offers, n_offers, ainq, n_inq, apairs, n_pairs, NULL, err);
    if (!problem || alloc_solve(problem, &result, err) != 0) {
        goto done;
    }
    if (dimacs) {
        alloc_write_dimacs(problem, dimacs);
    }
    out->cost = result.total_cost;
    out->certified = result.certified;
    out->inquiries = n_inq;
    out->offers = n_offers;
    out->pairs = n_pairs;
    out->items = xcalloc((size_t)(n_pairs > 0 ? n_pairs : 1), sizeof *out->items);
    for (int k = 0; k < n_pairs; k++) {
        if (result.pair_qty[k] <= 0) {
            continue;
        }
        const raw_pair *p = &pairs[k];
        match_allocation *a = &out->items[out->n++];
        str_copy(a->inquiry, sizeof a->inquiry, inq[p->inquiry].id);
        str_copy(a->product, sizeof a->product, p->product);
        str_format(a->month, sizeof a->month, "%04d-%02d", p->month / 100 % 10000, p->month % 100);
        a->base_quantity = alloc_from_scaled(result.pair_qty[k], p->base_unit);
        str_copy(a->base_unit, sizeof a->base_unit, p->base_unit);
        out->allocated += a->base_quantity;
    }
    if (commit && commit_batch(d, inq, n_inq, pairs, result.pair_qty, n_pairs, now, err) != 0) {
        goto done;
    }
    rc = 0;
done:
    alloc_result_free(&result);
    alloc_destroy(problem);
    free(apairs);
    free(ainq);
    free(offers);
    free(pairs);
    free(inq);
    if (rc != 0) {
        db_rollback(d);
        match_batch_free(out);
        return -1;
    }
    if (db_commit(d, err) != 0) {
        match_batch_free(out);
        return -1;
    }
    out->committed = commit;
    return 0;
}
