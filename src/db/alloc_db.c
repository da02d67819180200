/* alloc_db.c: the batch allocation against the database; see alloc_db.h. */
#include "core/isotime.h"
#include "db/alloc_db.h"

#include "db/db_internal.h"
#include "db/match_db_internal.h"

#include "core/month.h"
#include "core/alloc.h"
#include "core/province.h"
#include "core/strbuf.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char sql_open_inquiries[] =
    "SELECT id, COALESCE(product_code, ''), COALESCE(grp, ''), COALESCE(query, ''), quantity,"
    " unit, base_quantity, base_unit, month_from, month_to, COALESCE(min_stars, 0),"
    " COALESCE(max_price_vnd, 0), COALESCE(buyer_province, ''), lang"
    " FROM inquiry WHERE status = 'open' AND base_quantity > 0 ORDER BY rowid";

/* The promise of each open inquiry: its unexpired instant holds on the pairs the batch makes
 * (BATCH_MODELLED: same base unit, so the quantities add up in the inquiry's base unit). */
static const char sql_promises[] =
    "SELECT i.id, h.product_id, h.month, SUM(h.base_quantity), COALESCE(p.measure, ''),"
    " p.base_unit, p.base_per_unit FROM hold h"
    " JOIN inquiry i ON i.id = h.inquiry_id JOIN product p ON p.id = h.product_id"
    " WHERE i.status = 'open' AND h.kind = 'instant' AND h.expires_at > :now"
    " AND " BATCH_MODELLED " GROUP BY i.id, h.product_id, h.month";

/* A count asked by group or text ("500 hộp") keeps its instant holds on products measured
 * by weight or volume (not BATCH_MODELLED: boxes of different sizes are not one flow unit);
 * what they hold, in the inquiry's pieces (each hold / the product's quantity per unit), is
 * served already and comes off the quantity the batch allocates. */
static const char sql_kept_counts[] =
    "SELECT i.id, SUM(h.base_quantity / p.base_per_unit), COUNT(*) FROM hold h"
    " JOIN inquiry i ON i.id = h.inquiry_id JOIN product p ON p.id = h.product_id"
    " WHERE i.status = 'open' AND h.kind = 'instant' AND h.expires_at > :now"
    " AND i.base_unit = 'piece' AND NOT " BATCH_MODELLED " GROUP BY i.id";

/* Only the holds the batch re-allocated (BATCH_MODELLED, and not on a product left out of the
 * batch: :keep, a JSON array of product ids); the others stay promised. */
static const char sql_release_holds[] =
    "DELETE FROM hold WHERE inquiry_id = :id AND kind = 'instant'"
    " AND hold.product_id NOT IN (SELECT value FROM json_each(:keep))"
    " AND EXISTS (SELECT 1 FROM inquiry i JOIN product p ON p.id = hold.product_id"
    "             WHERE i.id = :id AND " BATCH_MODELLED ")";

static const char sql_insert_batch[] =
    "INSERT INTO hold (inquiry_id, product_id, month, base_quantity, kind, created_at,"
    " expires_at) VALUES (:inquiry, :product, :month, :qty, 'batch', :created, NULL)";

/* What decides the model's scale per base unit (fine_scale): the sale units of products sold
 * by a measured unit or by the piece, and the largest quantities it must hold. */
static const char sql_sale_units[] =
    "SELECT base_unit, base_per_unit FROM product"
    " WHERE (measure IS NOT NULL AND measure <> '') OR base_unit = 'piece'"
    " GROUP BY base_unit, base_per_unit";
static const char sql_largest_quantities[] =
    "SELECT p.base_unit, MAX(c.base_quantity) FROM capacity c JOIN product p"
    " ON p.id = c.product_id GROUP BY p.base_unit";

static const char sql_mark_allocated[] =
    "UPDATE inquiry SET status = 'allocated' WHERE id = :id AND status = 'open'";

/* One open inquiry as the batch sees it. */
typedef struct batch_inquiry {
    char id[MATCH_DB_ID_SIZE];
    inquiry_request req;
    double base_quantity;
    char base_unit[8];
    double promised; /* base units */
    double kept;     /* base units: unexpired instant holds on products left out of the batch
                      * (sale unit not representable), kept as they are: the batch allocates
                      * only the rest of the quantity */
    char key[480];   /* what it asks, without the province: inquiries with equal keys share
                      * their candidates */
} batch_inquiry;

void alloc_db_batch_free(alloc_db_batch *b) {
    if (b) {
        free(b->items);
        free(b->shrink);
        b->items = NULL;
        b->shrink = NULL;
        b->n = 0;
        b->n_shrink = 0;
    }
}

/* The model's units per base unit: alloc.h's scaled units (grams, millilitres, pieces) times
 * a FINE factor of 1, 10, 100 or 1000, the smallest that makes every product's sale unit a
 * whole number of model units (a 2.5 g tea bag: 0.1 g units) while the largest capacity,
 * inquiry and total demand stay within alloc.h's limits. A sale unit that is not whole even
 * then (1/3 kg stored as 0.3333…) keeps its product out of the batch. */
typedef struct batch_scale {
    int64_t fine[3]; /* kg, l, piece */
} batch_scale;

static int scale_slot(const char *base_unit) {
    return strcmp(base_unit, "kg") == 0 ? 0 : strcmp(base_unit, "l") == 0 ? 1 : 2;
}

static int64_t fine_of(const batch_scale *bs, const char *base_unit) {
    return bs->fine[scale_slot(base_unit)];
}

/* `base` (in `base_unit`) in model units, rounded down; see alloc_to_scaled. */
static int to_model(const batch_scale *bs, double base, const char *base_unit, int64_t *out,
                    ocop_error *err) {
    return alloc_to_scaled(base * (double)fine_of(bs, base_unit), base_unit, out, err);
}

static double from_model(const batch_scale *bs, int64_t q, const char *base_unit) {
    return alloc_from_scaled(q, base_unit) / (double)fine_of(bs, base_unit);
}

/* True when `u` (a sale unit in scaled units) is a whole number (1e-6 relative). */
static bool whole_number(double u) {
    double r = round(u);
    return r >= 1 && fabs(u - r) <= 1e-6 * r;
}

static int fine_scale(db *d, const batch_inquiry *inq, int n_inq, batch_scale *bs,
                      ocop_error *err) {
    double largest[3] = {0, 0, 0}, demand[3] = {0, 0, 0};
    int64_t need[3] = {1, 1, 1};
    for (int i = 0; i < n_inq; i++) {
        int k = scale_slot(inq[i].base_unit);
        demand[k] += inq[i].base_quantity;
        largest[k] = inq[i].base_quantity > largest[k] ? inq[i].base_quantity : largest[k];
    }
    sqlite3_stmt *st = db_prepare(d, sql_largest_quantities, err);
    if (!st) {
        return -1;
    }
    int rc;
    while ((rc = db_step(d, st, err)) == SQLITE_ROW) {
        const char *unit = (const char *)sqlite3_column_text(st, 0);
        double q = sqlite3_column_double(st, 1);
        if (unit && alloc_scale_for(unit) > 0 && q > largest[scale_slot(unit)]) {
            largest[scale_slot(unit)] = q;
        }
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE || !(st = db_prepare(d, sql_sale_units, err))) {
        return -1;
    }
    while ((rc = db_step(d, st, err)) == SQLITE_ROW) {
        const char *unit = (const char *)sqlite3_column_text(st, 0);
        double u = sqlite3_column_double(st, 1) * (double)alloc_scale_for(unit ? unit : "");
        if (unit == NULL || alloc_scale_for(unit) == 0 || !(u > 0)) {
            continue;
        }
        int64_t f = 1;
        while (f < 1000 && !whole_number(u * (double)f)) {
            f *= 10;
        }
        int k = scale_slot(unit);
        need[k] = f > need[k] ? f : need[k];
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        return -1;
    }
    static const char *const names[3] = {"kg", "l", "piece"};
    for (int k = 0; k < 3; k++) {
        double scale = (double)alloc_scale_for(names[k]);
        bs->fine[k] = need[k];
        while (bs->fine[k] > 1 &&
               (largest[k] * scale * (double)bs->fine[k] > (double)ALLOC_QTY_MAX / 2 ||
                demand[k] * scale * (double)bs->fine[k] > (double)(MCF_CAP_MAX / 4) / 4)) {
            bs->fine[k] /= 10;
        }
    }
    return 0;
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
        db_column_copy(st, 0, b->id, sizeof b->id);
        db_column_copy(st, 1, r->product, sizeof r->product);
        db_column_copy(st, 2, r->group, sizeof r->group);
        db_column_copy(st, 3, r->query, sizeof r->query);
        r->quantity = sqlite3_column_double(st, 4);
        db_column_copy(st, 5, r->unit, sizeof r->unit);
        b->base_quantity = sqlite3_column_double(st, 6);
        db_column_copy(st, 7, b->base_unit, sizeof b->base_unit);
        db_column_copy(st, 8, r->month_from, sizeof r->month_from);
        db_column_copy(st, 9, r->month_to, sizeof r->month_to);
        r->min_stars = sqlite3_column_int(st, 10);
        r->max_price_vnd = sqlite3_column_int64(st, 11);
        db_column_copy(st, 12, r->buyer_province, sizeof r->buyer_province);
        db_column_copy(st, 13, r->lang, sizeof r->lang);
        /* A row merged from elsewhere that does not validate is left out, not guessed. */
        if (inquiry_validate_request(r, NULL) == 0) {
            str_format(b->key, sizeof b->key, "%s\x1f%s\x1f%s\x1f%s\x1f%s\x1f%d\x1f%lld",
                       r->product, r->group, r->query, r->month_from, r->month_to, r->min_stars,
                       (long long)r->max_price_vnd);
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

/* Inquiry index by id, for reading the promises. */
typedef struct id_index {
    const char *id;
    int index;
} id_index;

static int cmp_id_index(const void *a, const void *b) {
    return strcmp(((const id_index *)a)->id, ((const id_index *)b)->id);
}

/* One instant hold behind a promise, as read. */
typedef struct raw_hold {
    int inquiry; /* index into the open inquiries */
    int64_t product_id;
    int month; /* month.h number */
    double base_quantity;
} raw_hold;

static bool sale_unit_model(const batch_scale *bs, const char *measure, const char *base_unit,
                            double base_per_unit, int64_t *out);

/* Reads the promises (inq[].promised) and the holds behind them (*holds, malloc'd). A hold on
 * a product the batch leaves out (its sale unit is not representable: sale_unit_model) is not
 * a promise the batch can keep or replace: it is KEPT (inq[].kept, never released, its
 * product id added to the JSON array `keep`, *n_kept counted). */
static int load_promises(db *d, const batch_scale *bs, batch_inquiry *inq, int n_inq, int64_t now,
                         raw_hold **holds, int *n_holds, strbuf *keep, int *n_kept,
                         ocop_error *err) {
    *holds = NULL;
    *n_holds = 0;
    int cap = 0;
    char now_text[32];
    isotime_format_utc(now, now_text, sizeof now_text);
    id_index *ids = xmalloc(((size_t)n_inq + 1) * sizeof *ids);
    for (int i = 0; i < n_inq; i++) {
        ids[i] = (id_index){inq[i].id, i};
    }
    qsort(ids, (size_t)n_inq, sizeof *ids, cmp_id_index);
    sqlite3_stmt *st = db_prepare(d, sql_promises, err);
    if (!st) {
        free(ids);
        return -1;
    }
    db_bind_text(st, ":now", now_text);
    int rc;
    while ((rc = db_step(d, st, err)) == SQLITE_ROW) {
        id_index key = {(const char *)sqlite3_column_text(st, 0), 0};
        id_index *hit =
            key.id ? bsearch(&key, ids, (size_t)n_inq, sizeof *ids, cmp_id_index) : NULL;
        const char *month = (const char *)sqlite3_column_text(st, 2);
        const char *measure = (const char *)sqlite3_column_text(st, 4);
        const char *unit = (const char *)sqlite3_column_text(st, 5);
        int64_t sale_unit;
        if (hit && month && strlen(month) == 7 && measure && unit &&
            !sale_unit_model(bs, measure, unit, sqlite3_column_double(st, 6), &sale_unit)) {
            inq[hit->index].kept += sqlite3_column_double(st, 3);
            sb_appendf(keep, "%s%lld", (*n_kept)++ ? "," : "",
                       (long long)sqlite3_column_int64(st, 1));
        } else if (hit && month && strlen(month) == 7) {
            double q = sqlite3_column_double(st, 3);
            inq[hit->index].promised += q;
            if (*n_holds == cap) {
                cap = cap ? cap * 2 : 256;
                *holds = xreallocarray(*holds, (size_t)cap, sizeof **holds);
            }
            (*holds)[(*n_holds)++] = (raw_hold){.inquiry = hit->index,
                                                .product_id = sqlite3_column_int64(st, 1),
                                                .month = month_parse(month),
                                                .base_quantity = q};
        }
    }
    sqlite3_reset(st);
    if (rc == SQLITE_DONE && (st = db_prepare(d, sql_kept_counts, err)) != NULL) {
        db_bind_text(st, ":now", now_text);
        while ((rc = db_step(d, st, err)) == SQLITE_ROW) {
            id_index key = {(const char *)sqlite3_column_text(st, 0), 0};
            id_index *hit =
                key.id ? bsearch(&key, ids, (size_t)n_inq, sizeof *ids, cmp_id_index) : NULL;
            if (hit) {
                inq[hit->index].kept += ceil(sqlite3_column_double(st, 1) - 1e-9);
                *n_kept += sqlite3_column_int(st, 2);
            }
        }
        sqlite3_reset(st);
    } else if (rc == SQLITE_DONE) {
        rc = -1;
    }
    free(ids);
    if (rc != SQLITE_DONE) {
        free(*holds);
        *holds = NULL;
        *n_holds = 0;
        return -1;
    }
    return 0;
}

/* The holds as alloc.h holds: offers found by (product, month) in the sorted offers, the
 * inquiries by their place in the model (x_of[inquiry index], -1 when not in it). */
static alloc_hold *model_holds(const batch_scale *bs, const raw_hold *raw, int n_raw,
                               const alloc_offer *offers, int n_offers, const int *x_of,
                               const batch_inquiry *inq, int *n_out) {
    alloc_hold *out = xmalloc(((size_t)n_raw + 1) * sizeof *out);
    int n = 0;
    for (int k = 0; k < n_raw; k++) {
        int x = x_of[raw[k].inquiry];
        int lo = 0, hi = n_offers;
        while (lo < hi) {
            int mid = (lo + hi) / 2;
            const alloc_offer *o = &offers[mid];
            if (o->product_id < raw[k].product_id ||
                (o->product_id == raw[k].product_id && o->month < raw[k].month)) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        int64_t q;
        if (x < 0 || lo >= n_offers || offers[lo].product_id != raw[k].product_id ||
            offers[lo].month != raw[k].month ||
            to_model(bs, raw[k].base_quantity, inq[raw[k].inquiry].base_unit, &q, NULL) != 0 ||
            q <= 0) {
            continue;
        }
        out[n++] = (alloc_hold){.offer = lo, .inquiry = x, .qty = q};
    }
    *n_out = n;
    return out;
}

/* One link before offers are numbered. */
typedef struct raw_link {
    int64_t product_id;
    int month;         /* month.h number */
    int product;       /* index into the product table */
    int64_t capacity;  /* the offer's, scaled */
    int64_t unit, moq; /* scaled */
    int klass;
    int stars;
    int distance_km;
    int64_t price_kvnd;
} raw_link;

static int compare_raw_link(const void *pa, const void *pb) {
    const raw_link *a = pa, *b = pb;
    if (a->product_id != b->product_id) {
        return a->product_id < b->product_id ? -1 : 1;
    }
    if (a->month != b->month) {
        return a->month < b->month ? -1 : 1;
    }
    return a->klass - b->klass;
}

/* Product codes and base units by product id: a small open-addressing table. */
typedef struct product_table {
    int n, cap; /* entries; slots (a power of two) */
    int *slot;  /* slot → entry or -1 */
    struct {
        int64_t id;
        char code[64];
        char base_unit[8];
    } * entries;
} product_table;

static int product_table_get(product_table *t, const match_candidate *c) {
    if (2 * (t->n + 1) > t->cap) {
        int cap = t->cap ? t->cap * 2 : 1024;
        int *slot = xmalloc((size_t)cap * sizeof *slot);
        for (int k = 0; k < cap; k++) {
            slot[k] = -1;
        }
        for (int e = 0; e < t->n; e++) {
            uint64_t h = (uint64_t)t->entries[e].id * 0x9E3779B97F4A7C15ULL;
            int k = (int)(h >> 40) & (cap - 1);
            while (slot[k] >= 0) {
                k = (k + 1) & (cap - 1);
            }
            slot[k] = e;
        }
        free(t->slot);
        t->slot = slot;
        t->cap = cap;
        t->entries = xreallocarray(t->entries, (size_t)cap, sizeof *t->entries);
    }
    uint64_t h = (uint64_t)c->product_id * 0x9E3779B97F4A7C15ULL;
    int k = (int)(h >> 40) & (t->cap - 1);
    while (t->slot[k] >= 0) {
        if (t->entries[t->slot[k]].id == c->product_id) {
            return t->slot[k];
        }
        k = (k + 1) & (t->cap - 1);
    }
    int e = t->n++;
    t->slot[k] = e;
    t->entries[e].id = c->product_id;
    str_copy(t->entries[e].code, sizeof t->entries[e].code, c->product);
    str_copy(t->entries[e].base_unit, sizeof t->entries[e].base_unit, c->base_unit);
    return e;
}

/* The sale unit of `c` in model units (batch_scale): whole bottles or boxes for a product
 * sold by a measured unit or by the piece (as the instant match), any quantity otherwise (1).
 * Returns false when the unit is not a whole number of model units (the product then stays
 * out of the batch: its whole units cannot be represented). */
static bool sale_unit_model(const batch_scale *bs, const char *measure, const char *base_unit,
                            double base_per_unit, int64_t *out) {
    *out = 1;
    if (measure[0] == '\0' && strcmp(base_unit, "piece") != 0) {
        return true;
    }
    double u = base_per_unit * (double)alloc_scale_for(base_unit) * (double)fine_of(bs, base_unit);
    if (!whole_number(u) || round(u) > (double)ALLOC_QTY_MAX) {
        return false;
    }
    *out = (int64_t)round(u);
    return true;
}

static bool sale_unit_scaled(const batch_scale *bs, const match_candidate *c, int64_t *out) {
    return sale_unit_model(bs, c->measure, c->base_unit, c->base_per_unit, out);
}

/* Order of the inquiries for forming classes: by key, then province, then row order. */
static const batch_inquiry *class_sort_base;

static int compare_class_order(const void *pa, const void *pb) {
    const batch_inquiry *a = &class_sort_base[*(const int *)pa];
    const batch_inquiry *b = &class_sort_base[*(const int *)pb];
    int c = strcmp(a->key, b->key);
    if (c == 0) {
        c = strcmp(a->req.buyer_province, b->req.buyer_province);
    }
    return c != 0 ? c : *(const int *)pa - *(const int *)pb;
}

/* Forms the classes of the inquiries listed in `idx` (klass[] gets each one's class) and the
 * links of every class to every eligible product-month with free capacity. */
static int build_links(db *d, const batch_scale *bs, const batch_inquiry *inq, int *idx, int n_idx,
                       int *klass, int64_t now, int *n_classes, product_table *products,
                       raw_link **out, int *n_out, ocop_error *err) {
    class_sort_base = inq;
    qsort(idx, (size_t)n_idx, sizeof *idx, compare_class_order);
    /* The batch ranks without the instant share cap: fair shares are the model's tiers. */
    const match_policy no_cap = {.max_share_percent = 100, .small_producer_capacity = 0};
    int cap = 1024, n = 0, classes = 0, rc = -1;
    raw_link *links = xmalloc((size_t)cap * sizeof *links);
    match_candidate *cands = NULL;
    int n_cands = 0, order_cap = 0;
    int *order = NULL;
    place_memo *memo = xcalloc(1, sizeof *memo);
    for (int x = 0; x < n_idx; x++) {
        const batch_inquiry *b = &inq[idx[x]];
        const batch_inquiry *prev = x > 0 ? &inq[idx[x - 1]] : NULL;
        bool same_key = prev && strcmp(prev->key, b->key) == 0;
        if (same_key && strcmp(prev->req.buyer_province, b->req.buyer_province) == 0) {
            klass[idx[x]] = classes - 1;
            continue;
        }
        klass[idx[x]] = classes++;
        const inquiry_request *r = &b->req;
        if (!same_key) {
            free(cands);
            cands = NULL;
            if (match_db_candidates_released(d, r, now, &cands, &n_cands, err) != 0) {
                goto done;
            }
            if (n_cands > order_cap) {
                order_cap = n_cands;
                order = xreallocarray(order, (size_t)order_cap, sizeof *order);
            }
        }
        int n_ranked = match_rank(r, cands, n_cands, &no_cap, -1, order);
        province_place buyer, producer;
        bool buyer_known = memo_find(memo, r->buyer_province, &buyer);
        int n_months = month_span(r->month_from, r->month_to);
        for (int rank = 0; rank < n_ranked; rank++) {
            const match_candidate *c = &cands[order[rank]];
            double k;
            int64_t unit;
            if (strcmp(c->base_unit, b->base_unit) != 0 || match_convert(r, c, &k, NULL) != 0 ||
                fabs(k - 1.0) > 1e-12 || !sale_unit_scaled(bs, c, &unit)) {
                continue;
            }
            int km = ALLOC_DB_UNKNOWN_KM;
            if (buyer_known && memo_find(memo, c->province, &producer)) {
                km = (int)lround(province_distance_km(&buyer, &producer));
            }
            int64_t price_kvnd = 0;
            if (c->price_min_vnd > 0) {
                price_kvnd = llround((double)c->price_min_vnd / c->base_per_unit / 1000.0);
            }
            int64_t moq = 0;
            if (c->moq > 0) {
                moq = (int64_t)ceil(c->moq * c->base_per_unit *
                                        (double)alloc_scale_for(c->base_unit) *
                                        (double)fine_of(bs, c->base_unit) -
                                    1e-6);
            }
            int product = product_table_get(products, c);
            for (int m = 0; m < n_months; m++) {
                int64_t capacity;
                if (!(c->free_base[m] > 0) ||
                    to_model(bs, c->free_base[m], c->base_unit, &capacity, err) != 0) {
                    if (c->free_base[m] > 0) {
                        goto done;
                    }
                    continue;
                }
                if (capacity == 0) {
                    continue;
                }
                char month[8];
                month_add(r->month_from, m, month);
                if (n == cap) {
                    cap *= 2;
                    links = xreallocarray(links, (size_t)cap, sizeof *links);
                }
                links[n++] = (raw_link){
                    .product_id = c->product_id,
                    .month = month_parse(month),
                    .product = product,
                    .capacity = capacity,
                    .unit = unit,
                    .moq = moq,
                    .klass = klass[idx[x]],
                    .stars = c->stars,
                    .distance_km = km < ALLOC_KM_MAX ? km : ALLOC_KM_MAX,
                    .price_kvnd = price_kvnd,
                };
            }
        }
    }
    qsort(links, (size_t)n, sizeof *links, compare_raw_link);
    rc = 0;
done:
    free(cands);
    free(order);
    free(memo);
    if (rc != 0) {
        free(links);
        return -1;
    }
    *out = links;
    *n_out = n;
    *n_classes = classes;
    return 0;
}

static int step_statement(db *d, const char *sql, const char *const *names,
                          const char *const *texts, int n_texts, ocop_error *err) {
    sqlite3_stmt *st = db_prepare(d, sql, err);
    if (!st) {
        return -1;
    }
    for (int k = 0; k < n_texts; k++) {
        db_bind_text(st, names[k], texts[k]);
    }
    int rc = db_step(d, st, err);
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? 0 : -1;
}

/* Writes the allocations: releases the instant holds of the inquiries in the model, inserts
 * batch holds and marks inquiries that got something as allocated. Inside the caller's
 * transaction. */
static int commit_batch(db *d, const batch_inquiry *inq, const int *in_model, int n_model,
                        const alloc_db_batch *b, const int64_t *product_ids, const char *keep,
                        int64_t now, ocop_error *err) {
    char created[32];
    isotime_format_utc(now, created, sizeof created);
    static const char *const id_name[] = {":id"};
    static const char *const release_names[] = {":id", ":keep"};
    for (int x = 0; x < n_model; x++) {
        const char *texts[] = {inq[in_model[x]].id, keep};
        if (step_statement(d, sql_release_holds, release_names, texts, 2, err) != 0) {
            return -1;
        }
    }
    for (int k = 0; k < b->n; k++) {
        const alloc_db_item *a = &b->items[k];
        sqlite3_stmt *st = db_prepare(d, sql_insert_batch, err);
        if (!st) {
            return -1;
        }
        db_bind_text(st, ":inquiry", a->inquiry);
        db_bind_int64(st, ":product", product_ids[k]);
        db_bind_text(st, ":month", a->month);
        db_bind_double(st, ":qty", a->base_quantity);
        db_bind_text(st, ":created", created);
        int rc = db_step(d, st, err);
        sqlite3_reset(st);
        if (rc != SQLITE_DONE) {
            return -1;
        }
        const char *id = a->inquiry;
        if (step_statement(d, sql_mark_allocated, id_name, &id, 1, err) != 0) {
            return -1;
        }
    }
    return 0;
}

int alloc_db_run(db *d, int64_t now, const alloc_db_options *o, alloc_db_batch *out,
                 ocop_error *err) {
    memset(out, 0, sizeof *out);
    batch_inquiry *inq = NULL;
    raw_link *raw = NULL;
    alloc_offer *offers = NULL;
    alloc_inquiry *ainq = NULL;
    alloc_link *links = NULL;
    alloc_problem *problem = NULL;
    alloc_result result = {0};
    product_table products = {0};
    int *in_model = NULL, *klass = NULL, *offer_raw = NULL;
    int64_t *item_product = NULL;
    raw_hold *holds = NULL;
    alloc_hold *ahold = NULL;
    int n_holds = 0, n_ahold = 0;
    int n_inq = 0, n_raw = 0, n_model = 0, n_classes = 0, rc = -1, n_kept = 0;
    strbuf keep = {0}; /* product ids whose holds are kept, a JSON array */
    sb_append(&keep, "[");
    /* A commit writes what it read: take the write lock first (BEGIN IMMEDIATE). */
    if (db_begin(d, o->commit, err) != 0) {
        return -1;
    }
    batch_scale bs;
    if (load_open_inquiries(d, &inq, &n_inq, err) != 0 ||
        fine_scale(d, inq, n_inq, &bs, err) != 0 ||
        load_promises(d, &bs, inq, n_inq, now, &holds, &n_holds, &keep, &n_kept, err) != 0) {
        goto done;
    }
    sb_append(&keep, "]");
    out->holds_kept = n_kept;
    /* The model's inquiries: those with at least one scaled unit (a smaller one cannot be
     * served without giving more than was asked; input refuses them, old rows may have them). */
    in_model = xmalloc(((size_t)n_inq + 1) * sizeof *in_model);
    klass = xmalloc(((size_t)n_inq + 1) * sizeof *klass);
    ainq = xcalloc((size_t)n_inq + 1, sizeof *ainq);
    for (int i = 0; i < n_inq; i++) {
        ocop_error qerr;
        int64_t q, promised;
        int64_t whole_base; /* at least one gram, millilitre or piece */
        double rest = inq[i].base_quantity - inq[i].kept; /* kept holds are served already */
        if (rest < 0) {
            rest = 0;
        }
        if (alloc_to_scaled(rest, inq[i].base_unit, &whole_base, &qerr) != 0 ||
            to_model(&bs, rest, inq[i].base_unit, &q, &qerr) != 0 ||
            to_model(&bs, inq[i].promised, inq[i].base_unit, &promised, &qerr) != 0) {
            error_set(err, "inquiry %s: %s", inq[i].id, qerr.msg);
            goto done;
        }
        if (whole_base >= 1) {
            ainq[i] = (alloc_inquiry){.id = i + 1,
                                      .quantity = q,
                                      .guarantee = ALLOC_GUARANTEE_AUTO,
                                      .promised = promised < q ? promised : q};
            in_model[n_model++] = i;
        }
    }
    if (build_links(d, &bs, inq, in_model, n_model, klass, now, &n_classes, &products, &raw, &n_raw,
                    err) != 0) {
        goto done;
    }
    /* in_model is now in class order; the model's inquiry array follows it. */
    alloc_inquiry *model_inq = xcalloc((size_t)n_model + 1, sizeof *model_inq);
    for (int x = 0; x < n_model; x++) {
        model_inq[x] = ainq[in_model[x]];
        model_inq[x].klass = klass[in_model[x]];
        out->demand += from_model(&bs, model_inq[x].quantity, inq[in_model[x]].base_unit);
    }
    free(ainq);
    ainq = model_inq;
    offers = xcalloc((size_t)n_raw + 1, sizeof *offers);
    offer_raw = xmalloc(((size_t)n_raw + 1) * sizeof *offer_raw);
    links = xcalloc((size_t)n_raw + 1, sizeof *links);
    int n_offers = 0;
    for (int k = 0; k < n_raw; k++) {
        const raw_link *r = &raw[k];
        if (n_offers == 0 || offers[n_offers - 1].product_id != r->product_id ||
            offers[n_offers - 1].month != r->month) {
            offers[n_offers] = (alloc_offer){.product_id = r->product_id,
                                             .month = r->month,
                                             .capacity = r->capacity,
                                             .unit = r->unit,
                                             .moq = r->moq};
            offer_raw[n_offers] = k;
            n_offers++;
        }
        links[k] = (alloc_link){.offer = n_offers - 1,
                                .klass = r->klass,
                                .stars = r->stars,
                                .distance_km = r->distance_km,
                                .price_kvnd = r->price_kvnd};
    }
    alloc_params params;
    alloc_params_default(&params);
    params.hard_promises = o->keep_holds;
    problem = alloc_create(offers, n_offers, ainq, n_model, n_classes, links, n_raw, &params, err);
    if (problem) {
        int *x_of = xmalloc(((size_t)n_inq + 1) * sizeof *x_of);
        for (int i = 0; i < n_inq; i++) {
            x_of[i] = -1;
        }
        for (int x = 0; x < n_model; x++) {
            x_of[in_model[x]] = x;
        }
        ahold = model_holds(&bs, holds, n_holds, offers, n_offers, x_of, inq, &n_ahold);
        free(x_of);
    }
    if (!problem || alloc_set_holds(problem, ahold, n_ahold, err) != 0 ||
        alloc_solve(problem, &result, err) != 0) {
        goto done;
    }
    if (o->dimacs) {
        alloc_write_dimacs(problem, o->dimacs);
    }
    out->cost = result.total_cost;
    out->lp_cost = result.lp_cost;
    __int128 objective = (__int128)result.lp_cost + result.lp_penalty;
    out->lp_objective = objective > INT64_MAX ? INT64_MAX : (int64_t)objective;
    out->optimal = result.optimal;
    out->total_proven = result.total_proven;
    out->objective_proven = result.objective_proven;
    out->objective_gap = result.objective_gap;
    out->inquiries = n_model;
    out->offers = n_offers;
    out->classes = n_classes;
    out->links = n_raw;
    out->arcs = result.arcs;
    out->rounded_pairs = result.rounded_pairs;
    out->items = xcalloc((size_t)result.n_items + 1, sizeof *out->items);
    item_product = xcalloc((size_t)result.n_items + 1, sizeof *item_product);
    for (int r = 0; r < result.n_items; r++) {
        const alloc_item *it = &result.items[r];
        const raw_link *rl = &raw[offer_raw[it->offer]];
        const char *unit = products.entries[rl->product].base_unit;
        alloc_db_item *a = &out->items[out->n];
        item_product[out->n++] = rl->product_id;
        str_copy(a->inquiry, sizeof a->inquiry, inq[in_model[it->inquiry]].id);
        str_copy(a->product, sizeof a->product, products.entries[rl->product].code);
        month_format(rl->month, a->month);
        a->base_quantity = from_model(&bs, it->qty, unit);
        str_copy(a->base_unit, sizeof a->base_unit, unit);
        out->allocated += a->base_quantity;
    }
    /* The bound and the gap in base units, summed like `allocated` (per inquiry unit). */
    for (int x = 0; x < n_model; x++) {
        const batch_inquiry *b = &inq[in_model[x]];
        if (result.shrink[x] > 0) {
            out->shrink =
                xreallocarray(out->shrink, (size_t)out->n_shrink + 1, sizeof *out->shrink);
            alloc_db_shrink *s = &out->shrink[out->n_shrink++];
            str_copy(s->inquiry, sizeof s->inquiry, b->id);
            s->promised = from_model(&bs, ainq[x].promised, b->base_unit);
            s->allocated = from_model(&bs, ainq[x].quantity - result.unmet[x], b->base_unit);
            str_copy(s->base_unit, sizeof s->base_unit, b->base_unit);
        }
    }
    for (int x = 0; x < n_model; x++) {
        out->bound += from_model(&bs, result.lp_allocated[x], inq[in_model[x]].base_unit);
    }
    out->gap = out->bound - out->allocated;
    if (o->commit) {
        if (out->n_shrink > 0 && !o->accept_shrink) {
            out->commit_refused = true;
        } else if (commit_batch(d, inq, in_model, n_model, out, item_product, sb_str(&keep), now,
                                err) != 0) {
            goto done;
        }
    }
    rc = 0;
done:
    alloc_result_free(&result);
    alloc_destroy(problem);
    free(links);
    free(ainq);
    free(offers);
    free(offer_raw);
    free(raw);
    free(inq);
    free(in_model);
    free(klass);
    free(item_product);
    free(holds);
    free(ahold);
    free(products.slot);
    free(products.entries);
    sb_free(&keep);
    if (rc != 0) {
        db_rollback(d);
        alloc_db_batch_free(out);
        return -1;
    }
    if (out->commit_refused) {
        db_rollback(d);
        return 0;
    }
    if (db_commit(d, err) != 0) {
        alloc_db_batch_free(out);
        return -1;
    }
    out->committed = o->commit;
    return 0;
}

/* ---- synthetic inquiries for the benchmark ---------------------------------------------- */

static const char sql_bench_products[] =
    "SELECT code, base_unit FROM product WHERE base_unit <> 'piece' ORDER BY id";

static const char sql_bench_insert[] =
    "INSERT INTO inquiry (id, kiosk_id, created_at, buyer_name, buyer_phone, buyer_province,"
    " lang, product_code, grp, quantity, unit, base_quantity, base_unit, month_from, month_to,"
    " min_stars) VALUES (:id, 'bench', '2026-11-29T12:00:00Z', 'Bench Buyer', '+84912345678',"
    " :province, 'vi', :product, :grp, :qty, :unit, :qty, :unit, :from, :to, :stars)";

int alloc_db_generate_inquiries(db *d, int n, unsigned seed, const char *month, ocop_error *err) {
    static const char *const provinces[] = {"Hà Nội",  "Hồ Chí Minh", "Cần Thơ",  "Huế",
                                            "Đà Nẵng", "Lào Cai",     "Đắk Lắk",  "Cà Mau",
                                            "Nghệ An", "Quảng Ninh",  "Lâm Đồng", "An Giang"};
    static const struct {
        const char *grp, *unit;
        int lo, hi; /* base units */
    } asks[] = {
        {"food", "kg", 50, 5000}, {"herbal", "kg", 10, 500}, {"beverages", "l", 100, 10000}};
    char next[8];
    month_add(month, 1, next);
    if (db_begin(d, true, err) != 0) {
        return -1;
    }
    int cap = 0, n_products = 0, rc = -1;
    struct {
        char code[64];
        char unit[8];
    } *products = NULL;
    sqlite3_stmt *st = db_prepare(d, sql_bench_products, err);
    if (!st) {
        goto done;
    }
    int step;
    while ((step = db_step(d, st, err)) == SQLITE_ROW) {
        if (n_products == cap) {
            cap = cap ? cap * 2 : 1024;
            products = xreallocarray(products, (size_t)cap, sizeof *products);
        }
        db_column_copy(st, 0, products[n_products].code, sizeof products[n_products].code);
        db_column_copy(st, 1, products[n_products].unit, sizeof products[n_products].unit);
        n_products++;
    }
    sqlite3_reset(st);
    if (step != SQLITE_DONE) {
        goto done;
    }
    uint64_t x = seed ? seed : 1;
    for (int k = 0; k < n; k++) {
        uint32_t r[5];
        for (int j = 0; j < 5; j++) {
            x ^= x >> 12;
            x ^= x << 25;
            x ^= x >> 27;
            r[j] = (uint32_t)((x * 2685821657736338717ULL) >> 32);
        }
        st = db_prepare(d, sql_bench_insert, err);
        if (!st) {
            goto done;
        }
        char id[32];
        str_format(id, sizeof id, "bench-%u-%08d", seed, k);
        db_bind_text(st, ":id", id);
        db_bind_text(st, ":province", provinces[r[0] % OCOP_COUNT(provinces)]);
        if (r[1] % 5 == 0 && n_products > 0) {
            int p = (int)(r[2] % (uint32_t)n_products);
            db_bind_text(st, ":product", products[p].code);
            db_bind_null(st, ":grp");
            db_bind_double(st, ":qty", 10 + r[3] % 491);
            db_bind_text(st, ":unit", products[p].unit);
        } else {
            int a = (int)(r[2] % OCOP_COUNT(asks));
            db_bind_null(st, ":product");
            db_bind_text(st, ":grp", asks[a].grp);
            db_bind_double(st, ":qty", asks[a].lo + r[3] % (uint32_t)(asks[a].hi - asks[a].lo + 1));
            db_bind_text(st, ":unit", asks[a].unit);
        }
        db_bind_text(st, ":from", month);
        db_bind_text(st, ":to", r[4] % 2 ? next : month);
        if (r[4] / 2 % 3 == 0) {
            db_bind_null(st, ":stars");
        } else {
            db_bind_int64(st, ":stars", 2 + (int)(r[4] / 2 % 3));
        }
        step = db_step(d, st, err);
        sqlite3_reset(st);
        if (step != SQLITE_DONE) {
            goto done;
        }
    }
    rc = 0;
done:
    free(products);
    if (rc != 0) {
        db_rollback(d);
        return -1;
    }
    return db_commit(d, err);
}
