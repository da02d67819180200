/* match_db.c: candidates, free capacity, inquiries with holds, unmet demand; see match_db.h.
 * The batch allocation is in alloc_db.c. */
#include "db/match_db.h"

#include "db/db_internal.h"
#include "db/match_db_internal.h"
#include "db/search_db.h"

#include "core/fold.h"
#include "core/isotime.h"
#include "core/month.h"
#include "core/province.h"
#include "core/strbuf.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>

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

/* Index of `month` in the window of `n_months` months whose first month's month_parse is
 * `from`, or -1. */
static int month_index(int from, const char *month, int n_months) {
    int k = month_parse(month);
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
    int from = month_parse(in->month_from);
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
    if (!month_valid(month_from)) {
        return error_set(err, "month \"%s\" is not YYYY-MM", month_from);
    }
    inquiry_request in;
    memset(&in, 0, sizeof in);
    str_copy(in.month_from, sizeof in.month_from, month_from);
    month_add(month_from, n_months - 1, in.month_to);
    match_candidate c;
    memset(&c, 0, sizeof c);
    c.product_id = product_id;
    char now_text[32];
    isotime_format_utc(now, now_text, sizeof now_text);
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
    db_column_copy(st, 1, c->product, sizeof c->product);
    db_column_copy(st, 2, c->province, sizeof c->province);
    c->stars = sqlite3_column_int(st, 3);
    db_column_copy(st, 4, c->unit, sizeof c->unit);
    db_column_copy(st, 5, c->measure, sizeof c->measure);
    db_column_copy(st, 6, c->base_unit, sizeof c->base_unit);
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
    int from = month_parse(in->month_from);
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
    int n_months = month_span(in->month_from, in->month_to);
    OCOP_ASSERT(n_months >= 1 && n_months <= MATCH_MAX_MONTHS);
    char now_text[32], today[16];
    isotime_format_utc(now, now_text, sizeof now_text);
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

int match_db_candidates_released(db *d, const inquiry_request *in, int64_t now,
                                 match_candidate **out, int *n, ocop_error *err) {
    return find_candidates(d, true, in, now, NULL, NULL, out, n, NULL, NULL, err);
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
            db_column_copy(st, en && en_name && en_name[0] ? 1 : 0, line->name, sizeof line->name);
            db_column_copy(st, 2, line->producer, sizeof line->producer);
            db_column_copy(st, 3, line->phone, sizeof line->phone);
            db_column_copy(st, 4, line->email, sizeof line->email);
        }
        sqlite3_reset(st);
        if (rc < 0) {
            return -1;
        }
    }
    return 0;
}

/* match_db_run, not counting the holds of the inquiry `self` (an id, or NULL). */
static int run_match(db *d, const inquiry_request *in, int64_t now, const kiosk_config *cfg,
                     const char *self, match_result *out, ocop_error *err) {
    match_candidate *cands;
    int n;
    /* One read transaction: one snapshot and one file lock for all the reads (each autocommit
     * statement would lock and unlock the file). */
    if (db_begin(d, false, err) != 0) {
        return -1;
    }
    match_policy policy = match_db_policy(cfg);
    bool computed;
    if (find_candidates(d, false, in, now, self, &policy, &cands, &n, out, &computed, err) != 0) {
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

int match_db_run(db *d, const inquiry_request *in, int64_t now, const kiosk_config *cfg,
                 match_result *out, ocop_error *err) {
    return run_match(d, in, now, cfg, NULL, out, err);
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

/* An edit of a lead by the same visit (Back, then Submit again): everything the form gives is
 * replaced; the id, kiosk and created_at stay. exported_at is cleared so `export --new` takes
 * the lead as it is now; hold_state and hold_note too, as its new holds wait for the fair's
 * server's answer (sync.h). */
static const char sql_update_inquiry[] =
    "UPDATE inquiry SET buyer_name = :name, buyer_company = :company, buyer_phone = :phone,"
    " buyer_email = :email, buyer_province = :province, lang = :lang, product_code = :product,"
    " grp = :grp, query = :query, quantity = :quantity, unit = :unit,"
    " base_quantity = :base_quantity, base_unit = :base_unit, month_from = :from,"
    " month_to = :to, min_stars = :min_stars, max_price_vnd = :max_price, note = :note,"
    " consent_contact = :consent_contact, consent_share = :consent_share,"
    " match_json = :match_json, exported_at = NULL, hold_state = NULL, hold_note = NULL"
    " WHERE id = :id";

/* Whether the lead `id` may still be edited by its visit: it exists, is open and was not
 * purged. */
static const char sql_editable[] =
    "SELECT 1 FROM inquiry WHERE id = :id AND status = 'open' AND purged_at IS NULL";

static const char sql_drop_instant_holds[] =
    "DELETE FROM hold WHERE inquiry_id = :id AND kind = 'instant'";

static const char sql_insert_hold[] =
    "INSERT INTO hold (inquiry_id, product_id, month, base_quantity, kind, created_at,"
    " expires_at) VALUES (:inquiry, :product, :month, :qty, 'instant', :created, :expires)";

static const char *blank_null(const char *s) {
    return str_blank(s) ? NULL : s;
}

/* Inserts the lead `id` (kiosk and created given), or with `update` rewrites the lead `id`
 * (kiosk and created unused). */
static int write_inquiry(db *d, bool update, const inquiry_request *in, const char *id,
                         const char *kiosk, const char *created, const match_result *m,
                         ocop_error *err) {
    sqlite3_stmt *st = db_prepare(d, update ? sql_update_inquiry : sql_insert_inquiry, err);
    if (!st) {
        return -1;
    }
    char *json = match_result_to_json(m);
    db_bind_text(st, ":id", id);
    if (!update) {
        db_bind_text(st, ":kiosk", kiosk);
        db_bind_text(st, ":created", created);
    }
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

/* 1 when the lead `id` may be edited (sql_editable), 0 when not, -1 on error. */
static int editable(db *d, const char *id, ocop_error *err) {
    sqlite3_stmt *st = db_prepare(d, sql_editable, err);
    if (!st) {
        return -1;
    }
    db_bind_text(st, ":id", id);
    int rc = db_step(d, st, err);
    sqlite3_reset(st);
    return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

/* Removes the instant holds of the lead `id`. */
static int drop_instant_holds(db *d, const char *id, ocop_error *err) {
    sqlite3_stmt *st = db_prepare(d, sql_drop_instant_holds, err);
    if (!st) {
        return -1;
    }
    db_bind_text(st, ":id", id);
    int rc = db_step(d, st, err);
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? 0 : -1;
}

int match_db_save_inquiry(db *d, inquiry_request *in, int64_t now, const kiosk_config *cfg,
                          const char *edit_id, char id_out[MATCH_DB_ID_SIZE], match_result *shown,
                          ocop_error *err) {
    id_out[0] = '\0';
    if (inquiry_validate(in, err) != 0) {
        return -1;
    }
    char id[MATCH_DB_ID_SIZE], created[32], expires[32], kiosk[64] = "";
    isotime_format_utc(now, created, sizeof created);
    isotime_format_utc(now + (int64_t)cfg->hold_days * 86400, expires, sizeof expires);

    /* The write lock is taken first, so the capacity read below is still free when the holds
     * are written: another kiosk's inquiry waits (busy timeout) until this one commits. */
    if (db_begin(d, true, err) != 0) {
        return -1;
    }
    int edit = 0;
    if (edit_id && edit_id[0]) {
        edit = editable(d, edit_id, err);
        if (edit < 0) {
            goto fail;
        }
    }
    if (edit) {
        /* The lead's own holds are given back first, so the match sees what it held as free. */
        str_copy(id, sizeof id, edit_id);
        if (drop_instant_holds(d, id, err) != 0) {
            goto fail;
        }
    } else if (make_uuid(id, err) != 0 || kiosk_id(d, cfg, kiosk, sizeof kiosk, err) != 0) {
        goto fail;
    }
    if (run_match(d, in, now, cfg, edit ? id : NULL, shown, err) != 0 ||
        write_inquiry(d, edit, in, id, kiosk, created, shown, err) != 0) {
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

int match_db_record_inquiry(db *d, inquiry_request *in, int64_t now, const kiosk_config *cfg,
                            char id_out[MATCH_DB_ID_SIZE], match_result *shown, ocop_error *err) {
    return match_db_save_inquiry(d, in, now, cfg, NULL, id_out, shown, err);
}

int match_db_sweep_holds(db *d, int64_t now, ocop_error *err) {
    static const char sql[] = "DELETE FROM hold WHERE kind = 'instant' AND expires_at <= :now";
    char now_text[32];
    isotime_format_utc(now, now_text, sizeof now_text);
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
    isotime_format_utc(now, now_text, sizeof now_text);
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
        db_column_copy(st, col, key, sizeof key);
        db_column_copy(st, 4, base_unit, sizeof base_unit);
        db_column_copy(st, 5, from, sizeof from);
        db_column_copy(st, 6, to, sizeof to);
        if (!month_valid(from) || !month_valid(to)) {
            continue; /* the schema does not check the form; a merged foreign row may be odd */
        }
        int months = month_span(from, to);
        if (months < 1 || months > MATCH_MAX_MONTHS) {
            continue;
        }
        for (int m = 0; m < months; m++) {
            char month[8];
            month_add(from, m, month);
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
