/*
 * alloc.c: the batch allocation model (see alloc.h for the network, the cost formula and the
 * reasons for the penalties).
 */
#include "core/alloc.h"

#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/strbuf.h"

struct alloc_problem {
    alloc_params params;
    int n_offers, n_inquiries, n_pairs;
    alloc_offer *offers;
    alloc_inquiry *inquiries;
    alloc_pair *pairs;
    int *offer_node;    /* caller's offer index → node */
    int *inquiry_node;  /* caller's inquiry index → node */
    int *pair_arc;      /* caller's pair index → arc */
    int *inquiry_order; /* node order → caller's inquiry index */
    int *offer_order;   /* node order → caller's offer index */
    int64_t penalty_step;
    int tiers_top;
    int *comp; /* node → the root of its component in the pair graph (0 for the source) */
    mcf *g;
};

/* Components are packed into sub-networks of about this many arcs when solving (a larger
 * component stays whole): small networks pivot much faster, and their union is the same
 * problem since they only share the source. */
#define ALLOC_GROUP_ARCS 20000

void alloc_params_default(alloc_params *p) {
    p->w_stars = 100;
    p->w_km = 1;
    p->w_price = 1;
    p->fair_tiers = 10;
    p->certify = true;
    p->decompose = true;
}

/* The unit cost in 128 bits, so that validation can see a value that overflows int64. */
static __int128 unit_cost_wide(const alloc_params *params, const alloc_pair *pair) {
    return (__int128)params->w_stars * (5 - pair->stars) +
           (__int128)params->w_km * pair->distance_km +
           (__int128)params->w_price * pair->price_kvnd;
}

int64_t alloc_unit_cost(const alloc_params *params, const alloc_pair *pair) {
    return (int64_t)unit_cost_wide(params, pair);
}

int64_t alloc_scale_for(const char *base_unit) {
    if (base_unit == NULL) {
        return 0;
    }
    if (strcmp(base_unit, "kg") == 0) {
        return ALLOC_SCALE_MASS;
    }
    if (strcmp(base_unit, "l") == 0) {
        return ALLOC_SCALE_VOLUME;
    }
    if (strcmp(base_unit, "piece") == 0) {
        return ALLOC_SCALE_COUNT;
    }
    return 0;
}

int alloc_to_scaled(double base_qty, const char *base_unit, int64_t *out, ocop_error *err) {
    int64_t scale = alloc_scale_for(base_unit);
    if (scale == 0) {
        return error_set(err, "unit \"%s\": not a base unit (kg, l or piece)",
                         base_unit ? base_unit : "(null)");
    }
    if (!isfinite(base_qty) || base_qty < 0) {
        return error_set(err, "quantity %g %s: must be a finite number ≥ 0", base_qty, base_unit);
    }
    double scaled = round(base_qty * (double)scale);
    if (scaled > (double)ALLOC_QTY_MAX) {
        return error_set(err, "quantity %g %s: above the allocator's limit of %g %s", base_qty,
                         base_unit, (double)ALLOC_QTY_MAX / (double)scale, base_unit);
    }
    *out = (int64_t)scaled;
    return 0;
}

double alloc_from_scaled(int64_t scaled, const char *base_unit) {
    int64_t scale = alloc_scale_for(base_unit);
    return (double)scaled / (double)(scale ? scale : 1);
}

/* ---- ordering --------------------------------------------------------------------------- */

typedef struct offer_key {
    int64_t product_id;
    int month;
    int index;
} offer_key;

typedef struct inquiry_key {
    int64_t id;
    int index;
} inquiry_key;

typedef struct pair_key {
    int offer_node, inquiry_node, index;
} pair_key;

static int cmp_offer(const void *a, const void *b) {
    const offer_key *x = a, *y = b;
    if (x->product_id != y->product_id) {
        return x->product_id < y->product_id ? -1 : 1;
    }
    if (x->month != y->month) {
        return x->month < y->month ? -1 : 1;
    }
    return x->index - y->index;
}

static int cmp_inquiry(const void *a, const void *b) {
    const inquiry_key *x = a, *y = b;
    if (x->id != y->id) {
        return x->id < y->id ? -1 : 1;
    }
    return x->index - y->index;
}

/* One stable counting-sort pass of `in` into `out` by offer or by inquiry node (< n_nodes). */
static void counting_pass(const pair_key *in, pair_key *out, int n, int n_nodes, bool by_offer) {
    int *start = xcalloc((size_t)n_nodes + 1, sizeof *start);
    for (int k = 0; k < n; k++) {
        start[(by_offer ? in[k].offer_node : in[k].inquiry_node) + 1]++;
    }
    for (int u = 0; u < n_nodes; u++) {
        start[u + 1] += start[u];
    }
    for (int k = 0; k < n; k++) {
        out[start[by_offer ? in[k].offer_node : in[k].inquiry_node]++] = in[k];
    }
    free(start);
}

/* Sorts the pairs by (offer node, inquiry node, index) in linear time: the index order is
 * the input order, then a stable pass by inquiry and one by offer (a qsort of 500,000 pairs
 * took a noticeable part of building). */
static void sort_pairs(pair_key *pk, int n, int n_nodes) {
    pair_key *tmp = xmalloc(((size_t)n + 1) * sizeof *tmp);
    counting_pass(pk, tmp, n, n_nodes, false);
    counting_pass(tmp, pk, n, n_nodes, true);
    free(tmp);
}

/* ---- union-find for the components of the pair graph ------------------------------------ */

static int uf_find(int *parent, int x) {
    while (parent[x] != x) {
        parent[x] = parent[parent[x]];
        x = parent[x];
    }
    return x;
}

static void uf_union(int *parent, int a, int b) {
    a = uf_find(parent, a);
    b = uf_find(parent, b);
    if (a != b) {
        parent[a < b ? b : a] = a < b ? a : b;
    }
}

/* B of alloc.h: the largest min(#offers, #inquiries) · Cmax over the components. Also
 * records every node's component in p->comp. */
static __int128 penalty_bound(alloc_problem *p, const int64_t *pair_cost) {
    int nodes = 1 + p->n_offers + p->n_inquiries;
    int *parent = xmalloc((size_t)nodes * sizeof *parent);
    for (int u = 0; u < nodes; u++) {
        parent[u] = u;
    }
    for (int k = 0; k < p->n_pairs; k++) {
        uf_union(parent, p->offer_node[p->pairs[k].offer], p->inquiry_node[p->pairs[k].inquiry]);
    }
    int *n_off = xcalloc((size_t)nodes, sizeof *n_off);
    int *n_inq = xcalloc((size_t)nodes, sizeof *n_inq);
    int64_t *cmax = xcalloc((size_t)nodes, sizeof *cmax);
    for (int o = 0; o < p->n_offers; o++) {
        n_off[uf_find(parent, p->offer_node[o])]++;
    }
    for (int i = 0; i < p->n_inquiries; i++) {
        n_inq[uf_find(parent, p->inquiry_node[i])]++;
    }
    for (int k = 0; k < p->n_pairs; k++) {
        int r = uf_find(parent, p->offer_node[p->pairs[k].offer]);
        if (pair_cost[k] > cmax[r]) {
            cmax[r] = pair_cost[k];
        }
    }
    __int128 bound = 0;
    for (int u = 0; u < nodes; u++) {
        if (parent[u] == u) {
            int small = n_off[u] < n_inq[u] ? n_off[u] : n_inq[u];
            __int128 b = (__int128)small * cmax[u];
            if (b > bound) {
                bound = b;
            }
        }
    }
    p->comp = xmalloc((size_t)nodes * sizeof *p->comp);
    for (int u = 0; u < nodes; u++) {
        p->comp[u] = uf_find(parent, u);
    }
    free(parent);
    free(n_off);
    free(n_inq);
    free(cmax);
    return bound;
}

/* ---- building --------------------------------------------------------------------------- */

static int validate_params(const alloc_params *params, ocop_error *err) {
    if (params->w_stars < 0 || params->w_km < 0 || params->w_price < 0) {
        return error_set(err,
                         "allocation weights: w_stars %" PRId64 ", w_km %" PRId64
                         ", w_price %" PRId64 ": must be ≥ 0",
                         params->w_stars, params->w_km, params->w_price);
    }
    if (params->fair_tiers < 1 || params->fair_tiers > ALLOC_TIERS_MAX) {
        return error_set(err, "fair_tiers %d: must be 1 … %d", params->fair_tiers, ALLOC_TIERS_MAX);
    }
    return 0;
}

static int validate_items(const alloc_problem *p, ocop_error *err) {
    __int128 demand = 0;
    for (int o = 0; o < p->n_offers; o++) {
        const alloc_offer *of = &p->offers[o];
        if (of->capacity < 0 || of->capacity > ALLOC_QTY_MAX) {
            return error_set(err,
                             "offer %d (product %" PRId64 ", month %d): capacity %" PRId64
                             " not in 0 … %" PRId64,
                             o, of->product_id, of->month, of->capacity, ALLOC_QTY_MAX);
        }
    }
    for (int i = 0; i < p->n_inquiries; i++) {
        const alloc_inquiry *in = &p->inquiries[i];
        if (in->quantity < 1 || in->quantity > ALLOC_QTY_MAX) {
            return error_set(
                err, "inquiry %d (id %" PRId64 "): quantity %" PRId64 " not in 1 … %" PRId64, i,
                in->id, in->quantity, ALLOC_QTY_MAX);
        }
        if (in->guarantee != ALLOC_GUARANTEE_AUTO &&
            (in->guarantee < 0 || in->guarantee > in->quantity)) {
            return error_set(err,
                             "inquiry %d (id %" PRId64 "): guarantee %" PRId64
                             " not in 0 … quantity %" PRId64,
                             i, in->id, in->guarantee, in->quantity);
        }
        demand += in->quantity;
    }
    if (demand > MCF_CAP_MAX / 4) {
        return error_set(err, "total demand of %d inquiries: above the allocator's limit %" PRId64,
                         p->n_inquiries, MCF_CAP_MAX / 4);
    }
    for (int k = 0; k < p->n_pairs; k++) {
        const alloc_pair *pr = &p->pairs[k];
        if (pr->offer < 0 || pr->offer >= p->n_offers || pr->inquiry < 0 ||
            pr->inquiry >= p->n_inquiries) {
            return error_set(err,
                             "pair %d: offer %d or inquiry %d out of range (%d offers, %d "
                             "inquiries)",
                             k, pr->offer, pr->inquiry, p->n_offers, p->n_inquiries);
        }
        if (pr->stars < 1 || pr->stars > 5) {
            return error_set(err, "pair %d (offer %d, inquiry %d): stars %d not in 1 … 5", k,
                             pr->offer, pr->inquiry, pr->stars);
        }
        if (pr->distance_km < 0 || pr->distance_km > ALLOC_KM_MAX) {
            return error_set(err, "pair %d (offer %d, inquiry %d): distance %d km not in 0 … %d", k,
                             pr->offer, pr->inquiry, pr->distance_km, ALLOC_KM_MAX);
        }
        if (pr->price_kvnd < 0 || pr->price_kvnd > ALLOC_PRICE_KVND_MAX) {
            return error_set(err,
                             "pair %d (offer %d, inquiry %d): price %" PRId64
                             " thousand VND not in 0 … %" PRId64,
                             k, pr->offer, pr->inquiry, pr->price_kvnd, ALLOC_PRICE_KVND_MAX);
        }
        __int128 c = unit_cost_wide(&p->params, pr);
        if (c > ALLOC_UNIT_COST_MAX) {
            return error_set(err,
                             "pair %d (offer %d, inquiry %d): unit cost above %" PRId64
                             ": lower the weights",
                             k, pr->offer, pr->inquiry, ALLOC_UNIT_COST_MAX);
        }
        if (pr->held < 0) {
            return error_set(err, "pair %d (offer %d, inquiry %d): held %" PRId64 " is negative", k,
                             pr->offer, pr->inquiry, pr->held);
        }
    }
    return 0;
}

/* Upper bound of a pair arc: min(capacity, quantity, max_qty if set). */
static int64_t pair_upper(const alloc_problem *p, const alloc_pair *pr) {
    int64_t u = p->offers[pr->offer].capacity;
    if (p->inquiries[pr->inquiry].quantity < u) {
        u = p->inquiries[pr->inquiry].quantity;
    }
    if (pr->max_qty > 0 && pr->max_qty < u) {
        u = pr->max_qty;
    }
    return u;
}

static int validate_holds(const alloc_problem *p, ocop_error *err) {
    int rc = 0;
    int64_t *off_held = xcalloc((size_t)p->n_offers + 1, sizeof *off_held);
    int64_t *inq_held = xcalloc((size_t)p->n_inquiries + 1, sizeof *inq_held);
    for (int k = 0; k < p->n_pairs; k++) {
        const alloc_pair *pr = &p->pairs[k];
        if (pr->held > pair_upper(p, pr)) {
            rc = error_set(err,
                           "pair %d (offer %d, inquiry %d): held %" PRId64
                           " above what the pair may carry (%" PRId64 ")",
                           k, pr->offer, pr->inquiry, pr->held, pair_upper(p, pr));
            goto done;
        }
        off_held[pr->offer] += pr->held; /* each ≤ ALLOC_QTY_MAX: no overflow for 2^20 pairs */
        inq_held[pr->inquiry] += pr->held;
    }
    for (int o = 0; o < p->n_offers; o++) {
        if (off_held[o] > p->offers[o].capacity) {
            rc = error_set(err,
                           "offer %d (product %" PRId64 ", month %d): kept holds total %" PRId64
                           " above the capacity %" PRId64,
                           o, p->offers[o].product_id, p->offers[o].month, off_held[o],
                           p->offers[o].capacity);
            goto done;
        }
    }
    for (int i = 0; i < p->n_inquiries; i++) {
        if (inq_held[i] > p->inquiries[i].quantity) {
            rc = error_set(err,
                           "inquiry %d (id %" PRId64 "): kept holds total %" PRId64
                           " above the quantity %" PRId64,
                           i, p->inquiries[i].id, inq_held[i], p->inquiries[i].quantity);
            goto done;
        }
    }
done:
    free(off_held);
    free(inq_held);
    return rc;
}

/* Puts offers, inquiries and pairs in their canonical order; refuses duplicates. */
static int order_items(alloc_problem *p, ocop_error *err) {
    int rc = 0;
    offer_key *ok = xmalloc(((size_t)p->n_offers + 1) * sizeof *ok);
    inquiry_key *ik = xmalloc(((size_t)p->n_inquiries + 1) * sizeof *ik);
    pair_key *pk = xmalloc(((size_t)p->n_pairs + 1) * sizeof *pk);
    for (int o = 0; o < p->n_offers; o++) {
        ok[o] = (offer_key){p->offers[o].product_id, p->offers[o].month, o};
    }
    qsort(ok, (size_t)p->n_offers, sizeof *ok, cmp_offer);
    for (int r = 0; r < p->n_offers; r++) {
        if (r > 0 && ok[r].product_id == ok[r - 1].product_id && ok[r].month == ok[r - 1].month) {
            rc = error_set(err, "offer %d: product %" PRId64 ", month %d repeats offer %d",
                           ok[r].index, ok[r].product_id, ok[r].month, ok[r - 1].index);
            goto done;
        }
        p->offer_order[r] = ok[r].index;
        p->offer_node[ok[r].index] = 1 + r;
    }
    for (int i = 0; i < p->n_inquiries; i++) {
        ik[i] = (inquiry_key){p->inquiries[i].id, i};
    }
    qsort(ik, (size_t)p->n_inquiries, sizeof *ik, cmp_inquiry);
    for (int r = 0; r < p->n_inquiries; r++) {
        if (r > 0 && ik[r].id == ik[r - 1].id) {
            rc = error_set(err, "inquiry %d: id %" PRId64 " repeats inquiry %d", ik[r].index,
                           ik[r].id, ik[r - 1].index);
            goto done;
        }
        p->inquiry_order[r] = ik[r].index;
        p->inquiry_node[ik[r].index] = 1 + p->n_offers + r;
    }
    for (int k = 0; k < p->n_pairs; k++) {
        pk[k] =
            (pair_key){p->offer_node[p->pairs[k].offer], p->inquiry_node[p->pairs[k].inquiry], k};
    }
    sort_pairs(pk, p->n_pairs, 1 + p->n_offers + p->n_inquiries);
    for (int r = 0; r < p->n_pairs; r++) {
        if (r > 0 && pk[r].offer_node == pk[r - 1].offer_node &&
            pk[r].inquiry_node == pk[r - 1].inquiry_node) {
            rc = error_set(err, "pair %d: offer %d, inquiry %d repeats pair %d", pk[r].index,
                           p->pairs[pk[r].index].offer, p->pairs[pk[r].index].inquiry,
                           pk[r - 1].index);
            goto done;
        }
        p->pair_arc[r] = pk[r].index; /* temporarily: rank → pair; build() inverts it */
    }
done:
    free(ok);
    free(ik);
    free(pk);
    return rc;
}

static void build_network(alloc_problem *p, const int64_t *pair_cost) {
    int n = 1 + p->n_offers + p->n_inquiries;
    int arcs = p->n_offers + p->n_pairs + p->n_inquiries * (p->tiers_top + 1);
    mcf *g = mcf_create(n, arcs);
    int64_t demand = 0;
    for (int r = 0; r < p->n_inquiries; r++) {
        int i = p->inquiry_order[r];
        mcf_set_supply(g, p->inquiry_node[i], -p->inquiries[i].quantity);
        demand += p->inquiries[i].quantity;
    }
    mcf_set_supply(g, 0, demand);
    for (int r = 0; r < p->n_offers; r++) {
        int o = p->offer_order[r];
        mcf_add_arc(g, 0, 1 + r, 0, p->offers[o].capacity, 0);
    }
    int *rank_to_pair = p->pair_arc;
    int *arc_of_pair = xmalloc(((size_t)p->n_pairs + 1) * sizeof *arc_of_pair);
    for (int r = 0; r < p->n_pairs; r++) {
        int k = rank_to_pair[r];
        const alloc_pair *pr = &p->pairs[k];
        arc_of_pair[k] = mcf_add_arc(g, p->offer_node[pr->offer], p->inquiry_node[pr->inquiry],
                                     pr->held, pair_upper(p, pr), pair_cost[k]);
    }
    free(rank_to_pair);
    p->pair_arc = arc_of_pair;

    /* Unmet tiers, first units at the top rank. */
    int top = p->tiers_top;
    for (int r = 0; r < p->n_inquiries; r++) {
        int i = p->inquiry_order[r];
        int node = p->inquiry_node[i];
        int64_t q = p->inquiries[i].quantity;
        int64_t g_explicit = p->inquiries[i].guarantee;
        if (g_explicit != ALLOC_GUARANTEE_AUTO) {
            if (g_explicit > 0) {
                mcf_add_arc(g, 0, node, 0, g_explicit, (int64_t)top * p->penalty_step);
            }
            if (q - g_explicit > 0) {
                mcf_add_arc(g, 0, node, 0, q - g_explicit, p->penalty_step);
            }
            continue;
        }
        int t = p->params.fair_tiers;
        int64_t prev = 0;
        for (int k = 1; k <= t; k++) {
            int64_t next = (int64_t)((__int128)q * k / t);
            if (next > prev) {
                mcf_add_arc(g, 0, node, 0, next - prev, (int64_t)(top - k + 1) * p->penalty_step);
            }
            prev = next;
        }
    }
    p->g = g;
}

alloc_problem *alloc_create(const alloc_offer *offers, int n_offers, const alloc_inquiry *inquiries,
                            int n_inquiries, const alloc_pair *pairs, int n_pairs,
                            const alloc_params *params, ocop_error *err) {
    if (n_offers < 0 || n_inquiries < 0 || n_pairs < 0 ||
        (int64_t)n_offers + n_inquiries + 1 > (1 << 28) ||
        (int64_t)n_pairs + n_offers + (int64_t)n_inquiries * ALLOC_TIERS_MAX > (1 << 30)) {
        error_set(err, "allocation of %d offers, %d inquiries, %d pairs: too large", n_offers,
                  n_inquiries, n_pairs);
        return NULL;
    }
    alloc_problem *p = xcalloc(1, sizeof *p);
    if (params != NULL) {
        p->params = *params;
    } else {
        alloc_params_default(&p->params);
    }
    p->n_offers = n_offers;
    p->n_inquiries = n_inquiries;
    p->n_pairs = n_pairs;
    p->offers = xmalloc(((size_t)n_offers + 1) * sizeof *p->offers);
    p->inquiries = xmalloc(((size_t)n_inquiries + 1) * sizeof *p->inquiries);
    p->pairs = xmalloc(((size_t)n_pairs + 1) * sizeof *p->pairs);
    if (n_offers > 0) {
        memcpy(p->offers, offers, (size_t)n_offers * sizeof *offers);
    }
    if (n_inquiries > 0) {
        memcpy(p->inquiries, inquiries, (size_t)n_inquiries * sizeof *inquiries);
    }
    if (n_pairs > 0) {
        memcpy(p->pairs, pairs, (size_t)n_pairs * sizeof *pairs);
    }
    p->offer_node = xmalloc(((size_t)n_offers + 1) * sizeof *p->offer_node);
    p->offer_order = xmalloc(((size_t)n_offers + 1) * sizeof *p->offer_order);
    p->inquiry_node = xmalloc(((size_t)n_inquiries + 1) * sizeof *p->inquiry_node);
    p->inquiry_order = xmalloc(((size_t)n_inquiries + 1) * sizeof *p->inquiry_order);
    p->pair_arc = xmalloc(((size_t)n_pairs + 1) * sizeof *p->pair_arc);

    int64_t *pair_cost = NULL;
    if (validate_params(&p->params, err) != 0 || validate_items(p, err) != 0 ||
        validate_holds(p, err) != 0 || order_items(p, err) != 0) {
        goto fail;
    }
    pair_cost = xmalloc(((size_t)n_pairs + 1) * sizeof *pair_cost);
    for (int k = 0; k < n_pairs; k++) {
        pair_cost[k] = alloc_unit_cost(&p->params, &p->pairs[k]);
    }
    p->tiers_top = p->params.fair_tiers < 2 ? 2 : p->params.fair_tiers;
    __int128 step = penalty_bound(p, pair_cost) + 1;
    if (step * p->tiers_top > MCF_COST_MAX) {
        error_set(err,
                  "allocation costs: the unmet penalty would exceed %" PRId64
                  " (unit costs too large for components this big): lower the weights",
                  MCF_COST_MAX);
        goto fail;
    }
    p->penalty_step = (int64_t)step;
    build_network(p, pair_cost);
    free(pair_cost);
    return p;
fail:
    free(pair_cost);
    alloc_destroy(p);
    return NULL;
}

void alloc_destroy(alloc_problem *p) {
    if (p == NULL) {
        return;
    }
    mcf_destroy(p->g);
    free(p->offers);
    free(p->inquiries);
    free(p->pairs);
    free(p->offer_node);
    free(p->offer_order);
    free(p->inquiry_node);
    free(p->inquiry_order);
    free(p->pair_arc);
    free(p->comp);
    free(p);
}

const mcf *alloc_network(const alloc_problem *p) {
    return p->g;
}

/* ---- solving ---------------------------------------------------------------------------- */

static int cmp_int(const void *a, const void *b) {
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

/* Fill rates and the largest single-buyer share of an offer (see alloc_result). */
static void fairness_report(const alloc_problem *p, alloc_result *out) {
    out->min_fill_permille = 1000;
    out->p10_fill_permille = 1000;
    if (p->n_inquiries > 0) {
        int *fill = xmalloc((size_t)p->n_inquiries * sizeof *fill);
        for (int i = 0; i < p->n_inquiries; i++) {
            int64_t q = p->inquiries[i].quantity;
            fill[i] = (int)((__int128)(q - out->unmet[i]) * 1000 / q);
        }
        qsort(fill, (size_t)p->n_inquiries, sizeof *fill, cmp_int);
        out->min_fill_permille = fill[0];
        out->p10_fill_permille = fill[(p->n_inquiries - 1) / 10];
        free(fill);
    }
    /* An offer counts when, besides its largest taker, some other candidate buyer was left
     * short: then that taker's share is what fairness is about. */
    int64_t *total = xcalloc((size_t)p->n_offers + 1, sizeof *total);
    int *largest = xmalloc(((size_t)p->n_offers + 1) * sizeof *largest);
    bool *contested = xcalloc((size_t)p->n_offers + 1, sizeof *contested);
    for (int o = 0; o < p->n_offers; o++) {
        largest[o] = -1;
    }
    for (int k = 0; k < p->n_pairs; k++) {
        int o = p->pairs[k].offer;
        total[o] += out->pair_qty[k];
        if (largest[o] < 0 || out->pair_qty[k] > out->pair_qty[largest[o]]) {
            largest[o] = k;
        }
    }
    for (int k = 0; k < p->n_pairs; k++) {
        int o = p->pairs[k].offer;
        if (k != largest[o] && out->unmet[p->pairs[k].inquiry] > 0) {
            contested[o] = true;
        }
    }
    out->max_buyer_share_permille = 0;
    for (int o = 0; o < p->n_offers; o++) {
        if (contested[o] && total[o] > 0) {
            int share = (int)((__int128)out->pair_qty[largest[o]] * 1000 / total[o]);
            if (share > out->max_buyer_share_permille) {
                out->max_buyer_share_permille = share;
            }
        }
    }
    free(total);
    free(largest);
    free(contested);
}

/* The node of arc `a` that is not the source (the source only has outgoing arcs). */
static int arc_key_node(const mcf *g, int a) {
    return mcf_arc_tail(g, a) == 0 ? mcf_arc_head(g, a) : mcf_arc_tail(g, a);
}

/* Solves the arcs `arcs[0 … n_arcs-1]` of the whole network (the source and the nodes of
 * some components) as one sub-network, certifies it if asked, and writes the flows into
 * flow[]. `local` is scratch of one int per node of the whole network, all -1 on entry and
 * on return. Returns 0 or -1 with `err` set. */
static int solve_group(const alloc_problem *p, const int *arcs, int n_arcs, int *local,
                       int64_t *flow, long *pivots, ocop_error *err) {
    const mcf *whole = p->g;
    int n_local = 1;
    int *nodes = xmalloc(((size_t)n_arcs + 1) * sizeof *nodes); /* local → whole */
    nodes[0] = 0;
    local[0] = 0;
    for (int j = 0; j < n_arcs; j++) {
        int ends[2] = {mcf_arc_tail(whole, arcs[j]), mcf_arc_head(whole, arcs[j])};
        for (int e = 0; e < 2; e++) {
            if (local[ends[e]] < 0) {
                local[ends[e]] = n_local;
                nodes[n_local++] = ends[e];
            }
        }
    }
    mcf *g = mcf_create(n_local, n_arcs);
    int64_t source = 0;
    for (int k = 1; k < n_local; k++) {
        int64_t b = mcf_supply(whole, nodes[k]);
        mcf_set_supply(g, k, b);
        source -= b;
    }
    mcf_set_supply(g, 0, source);
    for (int j = 0; j < n_arcs; j++) {
        int a = arcs[j];
        mcf_add_arc(g, local[mcf_arc_tail(whole, a)], local[mcf_arc_head(whole, a)],
                    mcf_arc_lower(whole, a), mcf_arc_upper(whole, a), mcf_arc_cost(whole, a));
    }
    int rc = 0;
    mcf_status st = mcf_solve(g);
    *pivots += mcf_pivot_count(g);
    if (st == MCF_OVERFLOW) {
        rc = error_set(err,
                       "allocation: costs × network size too large for 64-bit arithmetic "
                       "(penalty step %" PRId64 ", %d nodes): lower the weights",
                       p->penalty_step, n_local);
    } else if (st != MCF_OPTIMAL) {
        rc = error_set(err, "allocation: the solver found the problem %s (kept holds?)",
                       mcf_status_name(st));
    } else if (p->params.certify && mcf_check(g, err) != 0) {
        rc = -1;
    } else {
        for (int j = 0; j < n_arcs; j++) {
            flow[arcs[j]] = mcf_flow(g, j);
        }
    }
    for (int k = 0; k < n_local; k++) {
        local[nodes[k]] = -1;
    }
    free(nodes);
    mcf_destroy(g);
    return rc;
}

/* Solves the whole network component by component, packing small components together
 * (ALLOC_GROUP_ARCS; one group when params.decompose is off). */
static int solve_components(const alloc_problem *p, int64_t *flow, long *pivots, ocop_error *err) {
    const mcf *whole = p->g;
    int n = mcf_node_count(whole), m = mcf_arc_count(whole);
    /* Group of each component root, in node order, by arc counts. */
    int *count = xcalloc((size_t)n + 1, sizeof *count);
    for (int a = 0; a < m; a++) {
        count[p->comp[arc_key_node(whole, a)]]++;
    }
    int *group = xmalloc(((size_t)n + 1) * sizeof *group);
    int n_groups = 0, fill = 0;
    for (int u = 1; u < n; u++) {
        if (p->comp[u] != u) {
            continue;
        }
        if (n_groups == 0 || (p->params.decompose && fill >= ALLOC_GROUP_ARCS)) {
            n_groups++;
            fill = 0;
        }
        group[u] = n_groups - 1;
        fill += count[u];
    }
    /* Arcs bucketed by group, each bucket in the whole network's arc order. */
    int *start = xcalloc((size_t)n_groups + 2, sizeof *start);
    for (int a = 0; a < m; a++) {
        start[group[p->comp[arc_key_node(whole, a)]] + 1]++;
    }
    for (int k = 0; k < n_groups; k++) {
        start[k + 1] += start[k];
    }
    int *arcs = xmalloc(((size_t)m + 1) * sizeof *arcs);
    int *pos = xmalloc(((size_t)n_groups + 1) * sizeof *pos);
    for (int k = 0; k < n_groups; k++) {
        pos[k] = start[k];
    }
    for (int a = 0; a < m; a++) {
        arcs[pos[group[p->comp[arc_key_node(whole, a)]]]++] = a;
    }
    int *local = xmalloc(((size_t)n + 1) * sizeof *local);
    for (int u = 0; u < n; u++) {
        local[u] = -1;
    }
    int rc = 0;
    for (int k = 0; k < n_groups && rc == 0; k++) {
        rc = solve_group(p, arcs + start[k], start[k + 1] - start[k], local, flow, pivots, err);
    }
    free(count);
    free(group);
    free(start);
    free(arcs);
    free(pos);
    free(local);
    return rc;
}

int alloc_solve(alloc_problem *p, alloc_result *out, ocop_error *err) {
    memset(out, 0, sizeof *out);
    out->n_pairs = p->n_pairs;
    out->n_inquiries = p->n_inquiries;
    out->pair_qty = xcalloc((size_t)p->n_pairs + 1, sizeof *out->pair_qty);
    out->unmet = xcalloc((size_t)p->n_inquiries + 1, sizeof *out->unmet);
    out->nodes = mcf_node_count(p->g);
    out->arcs = mcf_arc_count(p->g);
    out->penalty_step = p->penalty_step;

    int m = mcf_arc_count(p->g);
    int64_t *flow = xcalloc((size_t)m + 1, sizeof *flow);
    if (solve_components(p, flow, &out->pivots, err) != 0) {
        free(flow);
        return -1;
    }
    __int128 cost = 0, penalty = 0;
    for (int a = 0; a < m; a++) {
        if (mcf_arc_tail(p->g, a) == 0 && mcf_arc_head(p->g, a) > p->n_offers) {
            penalty += (__int128)flow[a] * mcf_arc_cost(p->g, a);
        }
    }
    for (int i = 0; i < p->n_inquiries; i++) {
        out->unmet[i] = p->inquiries[i].quantity;
        out->total_demand += p->inquiries[i].quantity;
    }
    for (int k = 0; k < p->n_pairs; k++) {
        int64_t x = flow[p->pair_arc[k]];
        out->pair_qty[k] = x;
        out->unmet[p->pairs[k].inquiry] -= x;
        out->total_allocated += x;
        cost += (__int128)x * mcf_arc_cost(p->g, p->pair_arc[k]);
    }
    free(flow);
    for (int i = 0; i < p->n_inquiries; i++) {
        OCOP_ASSERT(out->unmet[i] >= 0);
        if (out->unmet[i] == p->inquiries[i].quantity) {
            out->inquiries_unfilled++;
        }
    }
    out->total_unmet = out->total_demand - out->total_allocated;
    out->penalty = penalty > INT64_MAX ? INT64_MAX : (int64_t)penalty;
    fairness_report(p, out);
    if (cost > INT64_MAX) {
        return error_set(err, "allocation: total cost does not fit in 64 bits: lower the weights");
    }
    out->total_cost = (int64_t)cost;
    out->certified = p->params.certify;
    return 0;
}

void alloc_result_free(alloc_result *r) {
    free(r->pair_qty);
    free(r->unmet);
    r->pair_qty = NULL;
    r->unmet = NULL;
}

void alloc_write_dimacs(const alloc_problem *p, FILE *out) {
    strbuf sb = {0};
    sb_appendf(&sb,
               "ocop-kiosk allocate: %d offers, %d inquiries, %d compatible pairs\n"
               "node 1 is the source (supply = total demand); arcs 1 to node k are free\n"
               "capacities (k = offer) or unmet tiers (k = inquiry, cost = rank x %" PRId64 ")\n",
               p->n_offers, p->n_inquiries, p->n_pairs, p->penalty_step);
    for (int r = 0; r < p->n_offers; r++) {
        const alloc_offer *o = &p->offers[p->offer_order[r]];
        sb_appendf(&sb, "node %d: offer product %" PRId64 " month %d\n", 2 + r, o->product_id,
                   o->month);
    }
    for (int r = 0; r < p->n_inquiries; r++) {
        const alloc_inquiry *in = &p->inquiries[p->inquiry_order[r]];
        sb_appendf(&sb, "node %d: inquiry %" PRId64 "\n", 2 + p->n_offers + r, in->id);
    }
    mcf_write_dimacs(p->g, out, sb_str(&sb));
    sb_free(&sb);
}
