/* match_db.c: the instant match's candidates (by product, group or free text, with their free
 * capacity from match_db_capacity.c), the match itself and its query plans; see match_db.h.
 * Recording leads is match_db_lead.c; the batch allocation is alloc_db.c. */
#include "db/match_db.h"

#include "db/db_internal.h"
#include "db/match_db_internal.h"
#include "db/search_db.h"

#include "core/isotime.h"
#include "core/month.h"
#include "core/strbuf.h"

#include <stdlib.h>
#include <string.h>

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

/* By group, everything in two statements per star level instead of two per product: the
 * capacity rows of the level's products for the window (the '*' default and the months; the
 * rows of one product come together, as the product is the outer loop: the plan test checks
 * it searches product_grp), and the held quantities of those products (match_db_subtract_held).
 * No ORDER BY: with one,
 * SQLite prefers the product_stars index, which walks every group. */
static const char sql_group_capacity[] =
    "SELECT " CANDIDATE_COLUMNS ", cd.base_quantity, c.month, c.base_quantity"
    " FROM product p JOIN producer pr ON pr.id = p.producer_id"
    " LEFT JOIN capacity cd ON cd.product_id = p.id AND cd.month = '*'"
    " LEFT JOIN capacity c ON c.product_id = p.id AND c.month BETWEEN :from AND :to"
    " WHERE p.grp = :grp AND p.stars = :stars" CANDIDATE_FILTERS;

/* Names and contacts of one product, for a line of the answer. */
static const char sql_details[] =
    "SELECT p.name_vi, COALESCE(p.name_en, ''), pr.name, COALESCE(pr.phone, ''),"
    " COALESCE(pr.email, '') FROM product p JOIN producer pr ON pr.id = p.producer_id"
    " WHERE p.id = :id";

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
 * window: sql_group_capacity, then match_db_subtract_held (match_db_capacity.c). */
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
        int i = match_db_month_index(from, month, n_months);
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
    for (int i = 0; i < n_level; i++) {
        for (int m = 0; m < n_months; m++) {
            if (!(decl[i].listed & (1u << m))) {
                level[i].free_base[m] = decl[i].fallback;
            }
        }
    }
    free(decl);
    if (match_db_subtract_held(d, release_open, in, stars, n_months, now_text, self, level, n_level,
                               err) != 0) {
        return -1;
    }
    /* Keep those with something free. */
    int kept = first;
    for (int i = first; i < l->count; i++) {
        bool any = false;
        for (int m = 0; m < n_months; m++) {
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
        int has = match_db_load_free(d, release_open, &list[i], in, n_months, now_text,
                                     self_inquiry, NULL, err);
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

int match_db_run_except(db *d, const inquiry_request *in, int64_t now, const kiosk_config *cfg,
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
    return match_db_run_except(d, in, now, cfg, NULL, out, err);
}

/* a + b, malloc'd. */
static char *str_concat(const char *a, const char *b) {
    strbuf sb = {0};
    sb_append(&sb, a);
    sb_append(&sb, b);
    return sb_take(&sb);
}

/* Appends the query plans of `n` statements to `sb`. Returns 0, or -1 with `err` set. */
static int explain_statements(db *d, const match_db_statement *statements, size_t n, strbuf *sb,
                              ocop_error *err) {
    for (size_t i = 0; i < n; i++) {
        char *sql = str_concat("EXPLAIN QUERY PLAN ", statements[i].sql);
        sqlite3_stmt *st = NULL;
        if (sqlite3_prepare_v2(db_handle(d), sql, -1, &st, NULL) != SQLITE_OK) {
            db_fail(d, sql, err);
            free(sql);
            return -1;
        }
        free(sql);
        while (sqlite3_step(st) == SQLITE_ROW) {
            sb_appendf(sb, "%s: %s\n", statements[i].name,
                       (const char *)sqlite3_column_text(st, 3));
        }
        sqlite3_finalize(st);
    }
    return 0;
}

char *match_db_explain(db *d, ocop_error *err) {
    static const match_db_statement statements[] = {
        {"by_product", sql_by_product},
        {"group_capacity", sql_group_capacity},
        {"details", sql_details},
        {"next_level", sql_next_level},
    };
    strbuf sb = {0};
    if (explain_statements(d, statements, OCOP_COUNT(statements), &sb, err) != 0 ||
        explain_statements(d, match_db_capacity_statements, match_db_capacity_statement_count, &sb,
                           err) != 0) {
        sb_free(&sb);
        return NULL;
    }
    return sb_take(&sb);
}
