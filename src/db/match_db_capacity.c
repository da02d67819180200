/* match_db_capacity.c: free capacity, the one rule the instant match, the product screen and
 * the batch allocation share (match_db.h): declared − batch allocations − unexpired instant
 * holds of other inquiries, never below 0. */
#include "db/db_internal.h"
#include "db/match_db_internal.h"

#include "core/isotime.h"
#include "core/month.h"

#include <stdlib.h>
#include <string.h>

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

/* The same two for every product of a group at one star level, in one statement (the plan
 * test checks it searches hold_product_month). */
static const char sql_group_held[] =
    "SELECT h.product_id, h.month, SUM(h.base_quantity)"
    " FROM product p JOIN hold h ON h.product_id = p.id AND h.month BETWEEN :from AND :to"
    " WHERE p.grp = :grp AND p.stars = :stars"
    "   AND (h.kind = 'batch' OR (h.expires_at > :now AND h.inquiry_id IS NOT :self))"
    " GROUP BY h.product_id, h.month";

static const char sql_group_held_batch[] =
    "SELECT h.product_id, h.month, SUM(h.base_quantity)"
    " FROM product p JOIN hold h ON h.product_id = p.id AND h.month BETWEEN :from AND :to"
    " WHERE p.grp = :grp AND p.stars = :stars"
    "   AND (h.kind = 'batch' OR (h.expires_at > :now AND h.inquiry_id IS NOT :self"
    "        AND NOT EXISTS (SELECT 1 FROM inquiry i WHERE i.id = h.inquiry_id"
    "                        AND i.status = 'open' AND " BATCH_MODELLED ")))"
    " GROUP BY h.product_id, h.month";

int match_db_month_index(int from, const char *month, int n_months) {
    int k = month_parse(month);
    if (k < 0) {
        return -1;
    }
    int i = k - from;
    return i >= 0 && i < n_months ? i : -1;
}

int match_db_load_free(db *d, bool release_open, match_candidate *c, const inquiry_request *in,
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
        int i = match_db_month_index(from, month, n_months);
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
        int i = match_db_month_index(from, month, n_months);
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
    if (match_db_load_free(d, false, &c, &in, n_months, now_text, NULL, declared, err) < 0) {
        return -1;
    }
    for (int i = 0; i < n_months; i++) {
        free_base[i] = c.free_base[i];
    }
    return 0;
}

typedef struct id_index {
    int64_t id;
    int index;
} id_index;

static int compare_id_index(const void *pa, const void *pb) {
    const id_index *a = pa, *b = pb;
    return a->id < b->id ? -1 : a->id > b->id;
}

int match_db_subtract_held(db *d, bool release_open, const inquiry_request *in, int stars,
                           int n_months, const char *now_text, const char *self,
                           match_candidate *level, int n_level, ocop_error *err) {
    int from = month_parse(in->month_from);
    OCOP_ASSERT(from >= 0);
    id_index *by_id = xmalloc((size_t)(n_level > 0 ? n_level : 1) * sizeof *by_id);
    for (int i = 0; i < n_level; i++) {
        by_id[i].id = level[i].product_id;
        by_id[i].index = i;
    }
    qsort(by_id, (size_t)n_level, sizeof *by_id, compare_id_index);
    sqlite3_stmt *st = db_prepare(d, release_open ? sql_group_held_batch : sql_group_held, err);
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
    int rc;
    while ((rc = db_step(d, st, err)) == SQLITE_ROW) {
        id_index key = {.id = sqlite3_column_int64(st, 0)};
        const id_index *hit =
            bsearch(&key, by_id, (size_t)n_level, sizeof *by_id, compare_id_index);
        const char *month = (const char *)sqlite3_column_text(st, 1);
        int m = match_db_month_index(from, month, n_months);
        if (hit && m >= 0) {
            level[hit->index].free_base[m] -= sqlite3_column_double(st, 2);
        }
    }
    sqlite3_reset(st);
    free(by_id);
    if (rc != SQLITE_DONE) {
        return -1;
    }
    for (int i = 0; i < n_level; i++) {
        for (int m = 0; m < n_months; m++) {
            if (level[i].free_base[m] < 0) {
                level[i].free_base[m] = 0;
            }
        }
    }
    return 0;
}

const match_db_statement match_db_capacity_statements[] = {
    {"capacity", sql_capacity},
    {"held", sql_held},
    {"held_batch", sql_held_batch},
    {"group_held", sql_group_held},
    {"group_held_batch", sql_group_held_batch},
};
const size_t match_db_capacity_statement_count = OCOP_COUNT(match_db_capacity_statements);
