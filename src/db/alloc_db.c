/* alloc_db.c: the batch allocation against the database; see alloc_db.h. */
#include "core/isotime.h"
#include "db/alloc_db.h"

#include "db/db_internal.h"
#include "db/match_db_internal.h"

#include "core/month.h"
#include "core/alloc.h"
#include "core/province.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

void alloc_db_batch_free(alloc_db_batch *b) {
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
        db_column_copy(st, 1, k->month, sizeof k->month);
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
    if (match_db_candidates_released(d, r, now, cands, n, err) != 0) {
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

/* Builds the pairs of every open inquiry: its ALLOC_DB_CANDIDATES best candidates by
 * the instant ranking (and, with kept holds, every product it holds). */
static int build_pairs(db *d, const batch_inquiry *inq, int n_inq, int64_t now, bool keep_holds,
                       raw_pair **out, int *n_out, ocop_error *err) {
    char now_text[32];
    isotime_format_utc(now, now_text, sizeof now_text);
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
        int n_ranked =
            match_rank(r, cands, n_cands, &no_cap, keep_holds ? -1 : ALLOC_DB_CANDIDATES, order);
        free(kept);
        kept = NULL;
        n_kept = 0;
        if (keep_holds && load_kept_holds(d, inq[i].id, now_text, &kept, &n_kept, err) != 0) {
            goto fail;
        }
        province_place buyer, producer;
        bool buyer_known = memo_find(memo, r->buyer_province, &buyer);
        int n_months = month_span(r->month_from, r->month_to);
        for (int rank = 0; rank < n_ranked; rank++) {
            const match_candidate *cand = &cands[order[rank]];
            double k;
            if (strcmp(cand->base_unit, inq[i].base_unit) != 0 ||
                match_convert(r, cand, &k, NULL) != 0 || fabs(k - 1.0) > 1e-12) {
                continue;
            }
            int km = ALLOC_DB_UNKNOWN_KM;
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
                month_add(r->month_from, m, month);
                int64_t held = 0;
                if (kept_quantity(kept, n_kept, cand->product_id, month, cand->base_unit, &held,
                                  err) != 0) {
                    goto fail;
                }
                if (rank >= ALLOC_DB_CANDIDATES && held == 0) {
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
    isotime_format_utc(now, created, sizeof created);
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

int alloc_db_run(db *d, int64_t now, bool keep_holds, bool commit, FILE *dimacs,
                 alloc_db_batch *out, ocop_error *err) {
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
        alloc_db_item *a = &out->items[out->n++];
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
        alloc_db_batch_free(out);
        return -1;
    }
    if (db_commit(d, err) != 0) {
        alloc_db_batch_free(out);
        return -1;
    }
    out->committed = commit;
    return 0;
}
