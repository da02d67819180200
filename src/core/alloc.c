/*
 * alloc.c: the batch allocation model (see alloc.h for the network, the cost formula, the
 * reasons for the penalties and the integer phase).
 */
#include "core/alloc.h"
#include "core/alloc_exact.h"

#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/strbuf.h"

struct alloc_problem {
    alloc_params params;
    int n_offers, n_inquiries, n_classes, n_links;
    alloc_offer *offers;
    alloc_inquiry *inquiries;
    alloc_link *links;
    int64_t *link_cost;    /* caller's link index → unit cost */
    int *offer_node;       /* caller's offer index → node */
    int *inquiry_node;     /* caller's inquiry index → node */
    int *link_arc;         /* caller's link index → arc */
    int *inquiry_arc;      /* caller's inquiry index → its class → inquiry arc */
    int *tier_first;       /* caller's inquiry index → its first bypass arc */
    int *tier_count;       /* … and how many (in decreasing cost order) */
    int *inquiry_order;    /* node order → caller's inquiry index */
    int *offer_order;      /* node order → caller's offer index */
    int *class_link_start; /* class → its links in class_links[] (CSR, n_classes + 1) */
    int *class_links;      /* link indexes, per class cheapest first */
    int *class_inq_start;  /* class → its inquiries in class_inqs[] (n_classes + 1) */
    int *class_inqs;       /* inquiry indexes, per class in id order */
    int *product_index;    /* caller's offer index → dense product number */
    int64_t *product_moq;  /* dense product number → minimum order (scaled) */
    int n_products;
    alloc_hold *holds; /* sorted by inquiry (alloc_set_holds), or NULL */
    int n_holds;
    int64_t penalty_step;
    int tiers_top;
    int *comp; /* node → the root of its component (0 for the source) */
    mcf *g;
};

/* Components are packed into sub-networks of about this many arcs when solving (a larger
 * component stays whole): small networks pivot much faster, and their union is the same
 * problem since they only share the source. */
#define ALLOC_GROUP_ARCS 20000

/* The exact search (alloc_exact.h) runs on a component that rounding and repair left short
 * of its relaxation's total or objective when the component has at most ALLOC_EXACT_PAIRS
 * (offer, inquiry) pairs; each of its two phases solves at most ALLOC_EXACT_NODES
 * relaxations, and all searches of one alloc_solve together at most ALLOC_EXACT_WORK
 * relaxation arcs (so large fairs keep their running time; the components they skip keep the
 * repaired allocation, and the result says that they are not proven). */
#define ALLOC_EXACT_PAIRS 2000
#define ALLOC_EXACT_NODES 4000L
#define ALLOC_EXACT_WORK  20000000L

void alloc_params_default(alloc_params *p) {
    p->w_stars = 100;
    p->w_km = 1;
    p->w_price = 1;
    p->fair_tiers = 10;
    p->certify = true;
    p->decompose = true;
    p->integral = true;
    p->hard_promises = false;
}

/* The unit cost in 128 bits, so that validation can see a value that overflows int64. */
static __int128 unit_cost_wide(const alloc_params *params, const alloc_link *link) {
    return (__int128)params->w_stars * (5 - link->stars) +
           (__int128)params->w_km * link->distance_km +
           (__int128)params->w_price * link->price_kvnd;
}

int64_t alloc_unit_cost(const alloc_params *params, const alloc_link *link) {
    return (int64_t)unit_cost_wide(params, link);
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
    /* Down, never up (a demand or a capacity is not overstated), but 0.3 l stored as
     * 0.29999999999999999 is still 300 ml: a relative tolerance far below one unit. */
    double x = base_qty * (double)scale;
    double scaled = floor(x * (1.0 + 1e-12) + 1e-9);
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

/* Links within a class: cheapest first, then by offer node (for qsort_r-free sorting, the
 * problem is passed through this file-level pointer only during alloc_create). */
typedef struct link_key {
    int64_t cost;
    int offer_node;
    int index;
} link_key;

static int cmp_link_key(const void *a, const void *b) {
    const link_key *x = a, *y = b;
    if (x->cost != y->cost) {
        return x->cost < y->cost ? -1 : 1;
    }
    if (x->offer_node != y->offer_node) {
        return x->offer_node - y->offer_node;
    }
    return x->index - y->index;
}

/* ---- union-find for the components ------------------------------------------------------ */

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

/* B of alloc.h: the largest min(#offers, #classes) · Cmax over the components of the network
 * (offers and classes joined by links, inquiries to their class). Also records every node's
 * component in p->comp. */
static __int128 penalty_bound(alloc_problem *p) {
    int nodes = 1 + p->n_offers + p->n_classes + p->n_inquiries;
    int class0 = 1 + p->n_offers;
    int *parent = xmalloc((size_t)nodes * sizeof *parent);
    for (int u = 0; u < nodes; u++) {
        parent[u] = u;
    }
    for (int k = 0; k < p->n_links; k++) {
        uf_union(parent, p->offer_node[p->links[k].offer], class0 + p->links[k].klass);
    }
    for (int i = 0; i < p->n_inquiries; i++) {
        uf_union(parent, p->inquiry_node[i], class0 + p->inquiries[i].klass);
    }
    int *n_off = xcalloc((size_t)nodes, sizeof *n_off);
    int *n_cls = xcalloc((size_t)nodes, sizeof *n_cls);
    int64_t *cmax = xcalloc((size_t)nodes, sizeof *cmax);
    for (int o = 0; o < p->n_offers; o++) {
        n_off[uf_find(parent, p->offer_node[o])]++;
    }
    for (int c = 0; c < p->n_classes; c++) {
        n_cls[uf_find(parent, class0 + c)]++;
    }
    for (int k = 0; k < p->n_links; k++) {
        int r = uf_find(parent, p->offer_node[p->links[k].offer]);
        if (p->link_cost[k] > cmax[r]) {
            cmax[r] = p->link_cost[k];
        }
    }
    __int128 bound = 0;
    for (int u = 0; u < nodes; u++) {
        if (parent[u] == u) {
            int small = n_off[u] < n_cls[u] ? n_off[u] : n_cls[u];
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
    free(n_cls);
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
        if (of->unit > ALLOC_QTY_MAX || of->moq < 0 || of->moq > ALLOC_QTY_MAX) {
            return error_set(err,
                             "offer %d (product %" PRId64 ", month %d): sale unit %" PRId64
                             " or minimum order %" PRId64 " not in 0 … %" PRId64,
                             o, of->product_id, of->month, of->unit, of->moq, ALLOC_QTY_MAX);
        }
    }
    for (int i = 0; i < p->n_inquiries; i++) {
        const alloc_inquiry *in = &p->inquiries[i];
        if (in->quantity < 1 || in->quantity > ALLOC_QTY_MAX) {
            return error_set(
                err, "inquiry %d (id %" PRId64 "): quantity %" PRId64 " not in 1 … %" PRId64, i,
                in->id, in->quantity, ALLOC_QTY_MAX);
        }
        if (in->promised < 0 || in->promised > in->quantity) {
            return error_set(err,
                             "inquiry %d (id %" PRId64 "): promised %" PRId64
                             " not in 0 … quantity %" PRId64,
                             i, in->id, in->promised, in->quantity);
        }
        if (in->guarantee != ALLOC_GUARANTEE_AUTO &&
            (in->guarantee < 0 || in->guarantee > in->quantity - in->promised)) {
            return error_set(err,
                             "inquiry %d (id %" PRId64 "): guarantee %" PRId64
                             " not in 0 … quantity − promised %" PRId64,
                             i, in->id, in->guarantee, in->quantity - in->promised);
        }
        if (in->klass < 0 || in->klass >= p->n_classes) {
            return error_set(err, "inquiry %d (id %" PRId64 "): class %d not in 0 … %d", i, in->id,
                             in->klass, p->n_classes - 1);
        }
        demand += in->quantity;
    }
    if (demand > MCF_CAP_MAX / 4) {
        return error_set(err, "total demand of %d inquiries: above the allocator's limit %" PRId64,
                         p->n_inquiries, MCF_CAP_MAX / 4);
    }
    for (int k = 0; k < p->n_links; k++) {
        const alloc_link *l = &p->links[k];
        if (l->offer < 0 || l->offer >= p->n_offers || l->klass < 0 || l->klass >= p->n_classes) {
            return error_set(err,
                             "link %d: offer %d or class %d out of range (%d offers, %d classes)",
                             k, l->offer, l->klass, p->n_offers, p->n_classes);
        }
        if (l->stars < 1 || l->stars > 5) {
            return error_set(err, "link %d (offer %d, class %d): stars %d not in 1 … 5", k,
                             l->offer, l->klass, l->stars);
        }
        if (l->distance_km < 0 || l->distance_km > ALLOC_KM_MAX) {
            return error_set(err, "link %d (offer %d, class %d): distance %d km not in 0 … %d", k,
                             l->offer, l->klass, l->distance_km, ALLOC_KM_MAX);
        }
        if (l->price_kvnd < 0 || l->price_kvnd > ALLOC_PRICE_KVND_MAX) {
            return error_set(err,
                             "link %d (offer %d, class %d): price %" PRId64
                             " thousand VND not in 0 … %" PRId64,
                             k, l->offer, l->klass, l->price_kvnd, ALLOC_PRICE_KVND_MAX);
        }
        if (unit_cost_wide(&p->params, l) > ALLOC_UNIT_COST_MAX) {
            return error_set(
                err, "link %d (offer %d, class %d): unit cost above %" PRId64 ": lower the weights",
                k, l->offer, l->klass, ALLOC_UNIT_COST_MAX);
        }
    }
    return 0;
}

/* Puts offers and inquiries in their canonical order, lists each class's links (cheapest
 * first) and inquiries (id order), numbers the products; refuses duplicates. */
static int order_items(alloc_problem *p, ocop_error *err) {
    int rc = 0;
    offer_key *ok = xmalloc(((size_t)p->n_offers + 1) * sizeof *ok);
    inquiry_key *ik = xmalloc(((size_t)p->n_inquiries + 1) * sizeof *ik);
    link_key *lk = xmalloc(((size_t)p->n_links + 1) * sizeof *lk);
    int *seen = xmalloc(((size_t)p->n_offers + 1) * sizeof *seen); /* offer → last position */
    for (int o = 0; o < p->n_offers; o++) {
        seen[o] = -1;
    }
    for (int o = 0; o < p->n_offers; o++) {
        ok[o] = (offer_key){p->offers[o].product_id, p->offers[o].month, o};
    }
    qsort(ok, (size_t)p->n_offers, sizeof *ok, cmp_offer);
    p->n_products = 0;
    for (int r = 0; r < p->n_offers; r++) {
        if (r > 0 && ok[r].product_id == ok[r - 1].product_id && ok[r].month == ok[r - 1].month) {
            rc = error_set(err, "offer %d: product %" PRId64 ", month %d repeats offer %d",
                           ok[r].index, ok[r].product_id, ok[r].month, ok[r - 1].index);
            goto done;
        }
        if (r == 0 || ok[r].product_id != ok[r - 1].product_id) {
            p->product_moq[p->n_products++] = 0;
        }
        int64_t moq = p->offers[ok[r].index].moq;
        if (moq > p->product_moq[p->n_products - 1]) {
            p->product_moq[p->n_products - 1] = moq;
        }
        p->product_index[ok[r].index] = p->n_products - 1;
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
        p->inquiry_node[ik[r].index] = 1 + p->n_offers + p->n_classes + r;
    }
    /* Class → inquiries, in id order (counting sort over the id-ordered list). */
    for (int r = 0; r < p->n_inquiries; r++) {
        p->class_inq_start[p->inquiries[p->inquiry_order[r]].klass + 1]++;
    }
    for (int c = 0; c < p->n_classes; c++) {
        p->class_inq_start[c + 1] += p->class_inq_start[c];
    }
    int *pos = xmalloc(((size_t)p->n_classes + 1) * sizeof *pos);
    memcpy(pos, p->class_inq_start, (size_t)p->n_classes * sizeof *pos);
    for (int r = 0; r < p->n_inquiries; r++) {
        int i = p->inquiry_order[r];
        p->class_inqs[pos[p->inquiries[i].klass]++] = i;
    }
    /* Class → links, cheapest first. */
    for (int k = 0; k < p->n_links; k++) {
        p->class_link_start[p->links[k].klass + 1]++;
    }
    for (int c = 0; c < p->n_classes; c++) {
        p->class_link_start[c + 1] += p->class_link_start[c];
    }
    memcpy(pos, p->class_link_start, (size_t)p->n_classes * sizeof *pos);
    for (int k = 0; k < p->n_links; k++) {
        int at = pos[p->links[k].klass]++;
        lk[at] = (link_key){p->link_cost[k], p->offer_node[p->links[k].offer], k};
    }
    free(pos);
    for (int c = 0; c < p->n_classes; c++) {
        int a = p->class_link_start[c], b = p->class_link_start[c + 1];
        qsort(lk + a, (size_t)(b - a), sizeof *lk, cmp_link_key);
        for (int j = a; j < b; j++) {
            int o = p->links[lk[j].index].offer;
            if (seen[o] >= a) {
                rc = error_set(err, "link %d: offer %d, class %d repeats link %d", lk[j].index, o,
                               c, p->class_links[seen[o]]);
                goto done;
            }
            seen[o] = j;
            p->class_links[j] = lk[j].index;
        }
    }
done:
    free(seen);
    free(ok);
    free(ik);
    free(lk);
    return rc;
}

static void build_network(alloc_problem *p) {
    int class0 = 1 + p->n_offers;
    int n = 1 + p->n_offers + p->n_classes + p->n_inquiries;
    int arcs = p->n_offers + p->n_links + p->n_inquiries * (p->tiers_top + 3);
    mcf *g = mcf_create(n, arcs);
    int64_t demand = 0;
    for (int r = 0; r < p->n_inquiries; r++) {
        int i = p->inquiry_order[r];
        mcf_set_supply(g, p->inquiry_node[i], -p->inquiries[i].quantity);
        demand += p->inquiries[i].quantity;
    }
    mcf_set_supply(g, 0, demand);
    for (int r = 0; r < p->n_offers; r++) {
        mcf_add_arc(g, 0, 1 + r, 0, p->offers[p->offer_order[r]].capacity, 0);
    }
    for (int j = 0; j < p->n_links; j++) {
        int k = p->class_links[j];
        const alloc_link *l = &p->links[k];
        p->link_arc[k] = mcf_add_arc(g, p->offer_node[l->offer], class0 + l->klass, 0,
                                     p->offers[l->offer].capacity, p->link_cost[k]);
    }
    for (int r = 0; r < p->n_inquiries; r++) {
        int i = p->inquiry_order[r];
        const alloc_inquiry *in = &p->inquiries[i];
        int64_t low = p->params.hard_promises ? in->promised : 0;
        p->inquiry_arc[i] =
            mcf_add_arc(g, class0 + in->klass, p->inquiry_node[i], low, in->quantity, 0);
    }
    /* Unmet tiers: the promise first (soft promises), then the fair-share tiers of the rest. */
    int top = p->tiers_top;
    for (int r = 0; r < p->n_inquiries; r++) {
        int i = p->inquiry_order[r];
        const alloc_inquiry *in = &p->inquiries[i];
        int node = p->inquiry_node[i];
        p->tier_first[i] = mcf_arc_count(g);
        if (in->promised > 0 && !p->params.hard_promises) {
            mcf_add_arc(g, 0, node, 0, in->promised, (int64_t)(top + 1) * p->penalty_step);
        }
        int64_t q = in->quantity - in->promised;
        if (in->guarantee != ALLOC_GUARANTEE_AUTO) {
            if (in->guarantee > 0) {
                mcf_add_arc(g, 0, node, 0, in->guarantee, (int64_t)top * p->penalty_step);
            }
            if (q - in->guarantee > 0) {
                mcf_add_arc(g, 0, node, 0, q - in->guarantee, p->penalty_step);
            }
        } else {
            int t = p->params.fair_tiers;
            int64_t prev = 0;
            for (int k = 1; k <= t; k++) {
                int64_t next = (int64_t)((__int128)q * k / t);
                if (next > prev) {
                    mcf_add_arc(g, 0, node, 0, next - prev,
                                (int64_t)(top - k + 1) * p->penalty_step);
                }
                prev = next;
            }
        }
        p->tier_count[i] = mcf_arc_count(g) - p->tier_first[i];
    }
    p->g = g;
}

alloc_problem *alloc_create(const alloc_offer *offers, int n_offers, const alloc_inquiry *inquiries,
                            int n_inquiries, int n_classes, const alloc_link *links, int n_links,
                            const alloc_params *params, ocop_error *err) {
    if (n_offers < 0 || n_inquiries < 0 || n_classes < 0 || n_links < 0 ||
        (int64_t)n_offers + n_classes + n_inquiries + 1 > (1 << 28) ||
        (int64_t)n_links + n_offers + (int64_t)n_inquiries * (ALLOC_TIERS_MAX + 3) > (1 << 30)) {
        error_set(err, "allocation of %d offers, %d inquiries, %d links: too large", n_offers,
                  n_inquiries, n_links);
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
    p->n_classes = n_classes;
    p->n_links = n_links;
    size_t no = (size_t)n_offers + 1, ni = (size_t)n_inquiries + 1, nl = (size_t)n_links + 1,
           nc = (size_t)n_classes + 1;
    p->offers = xmalloc(no * sizeof *p->offers);
    p->inquiries = xmalloc(ni * sizeof *p->inquiries);
    p->links = xmalloc(nl * sizeof *p->links);
    if (n_offers > 0) {
        memcpy(p->offers, offers, (size_t)n_offers * sizeof *offers);
    }
    if (n_inquiries > 0) {
        memcpy(p->inquiries, inquiries, (size_t)n_inquiries * sizeof *inquiries);
    }
    if (n_links > 0) {
        memcpy(p->links, links, (size_t)n_links * sizeof *links);
    }
    p->link_cost = xmalloc(nl * sizeof *p->link_cost);
    p->offer_node = xmalloc(no * sizeof *p->offer_node);
    p->offer_order = xmalloc(no * sizeof *p->offer_order);
    p->product_index = xmalloc(no * sizeof *p->product_index);
    p->product_moq = xmalloc(no * sizeof *p->product_moq);
    p->inquiry_node = xmalloc(ni * sizeof *p->inquiry_node);
    p->inquiry_order = xmalloc(ni * sizeof *p->inquiry_order);
    p->inquiry_arc = xmalloc(ni * sizeof *p->inquiry_arc);
    p->tier_first = xmalloc(ni * sizeof *p->tier_first);
    p->tier_count = xmalloc(ni * sizeof *p->tier_count);
    p->link_arc = xmalloc(nl * sizeof *p->link_arc);
    p->class_links = xmalloc(nl * sizeof *p->class_links);
    p->class_inqs = xmalloc(ni * sizeof *p->class_inqs);
    p->class_link_start = xcalloc(nc, sizeof *p->class_link_start);
    p->class_inq_start = xcalloc(nc, sizeof *p->class_inq_start);

    if (validate_params(&p->params, err) != 0 || validate_items(p, err) != 0) {
        goto fail;
    }
    for (int k = 0; k < n_links; k++) {
        p->link_cost[k] = alloc_unit_cost(&p->params, &p->links[k]);
    }
    if (order_items(p, err) != 0) {
        goto fail;
    }
    p->tiers_top = p->params.fair_tiers < 2 ? 2 : p->params.fair_tiers;
    __int128 step = penalty_bound(p) + 1;
    if (step * (p->tiers_top + 1) > MCF_COST_MAX) {
        error_set(err,
                  "allocation costs: the unmet penalty would exceed %" PRId64
                  " (unit costs too large for components this big): lower the weights",
                  MCF_COST_MAX);
        goto fail;
    }
    p->penalty_step = (int64_t)step;
    build_network(p);
    return p;
fail:
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
    free(p->links);
    free(p->link_cost);
    free(p->offer_node);
    free(p->offer_order);
    free(p->product_index);
    free(p->product_moq);
    free(p->inquiry_node);
    free(p->inquiry_order);
    free(p->inquiry_arc);
    free(p->tier_first);
    free(p->tier_count);
    free(p->link_arc);
    free(p->class_links);
    free(p->class_inqs);
    free(p->class_link_start);
    free(p->class_inq_start);
    free(p->comp);
    free(p->holds);
    free(p);
}

static int cmp_hold(const void *a, const void *b) {
    const alloc_hold *x = a, *y = b;
    if (x->inquiry != y->inquiry) {
        return x->inquiry - y->inquiry;
    }
    return x->offer - y->offer;
}

int alloc_set_holds(alloc_problem *p, const alloc_hold *holds, int n_holds, ocop_error *err) {
    for (int k = 0; k < n_holds; k++) {
        const alloc_hold *h = &holds[k];
        if (h->offer < 0 || h->offer >= p->n_offers || h->inquiry < 0 ||
            h->inquiry >= p->n_inquiries || h->qty <= 0 || h->qty > ALLOC_QTY_MAX) {
            return error_set(err, "hold %d: offer %d, inquiry %d, quantity %" PRId64 " not valid",
                             k, h->offer, h->inquiry, h->qty);
        }
    }
    free(p->holds);
    p->holds = xmalloc(((size_t)n_holds + 1) * sizeof *p->holds);
    if (n_holds > 0) {
        memcpy(p->holds, holds, (size_t)n_holds * sizeof *holds);
    }
    qsort(p->holds, (size_t)n_holds, sizeof *p->holds, cmp_hold);
    p->n_holds = n_holds;
    return 0;
}

const mcf *alloc_network(const alloc_problem *p) {
    return p->g;
}

/* ---- solving ---------------------------------------------------------------------------- */

static int cmp_int(const void *a, const void *b) {
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
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

/* ---- the integer phase (alloc.h: whole sale units and minimum orders) --------------------- */

/* Items under construction: per inquiry a linked list (head[i], next[k]). */
typedef struct item_list {
    alloc_item *items;
    int *next;
    int *head; /* per inquiry, -1 for none */
    int n, cap;
    int64_t *used; /* per offer: Σ qty */
    int64_t *got;  /* per inquiry: Σ qty */
} item_list;

static void item_add(item_list *s, int link, const alloc_link *l, int inquiry, int64_t qty) {
    if (s->n == s->cap) {
        s->cap = s->cap ? s->cap * 2 : 1024;
        s->items = xreallocarray(s->items, (size_t)s->cap, sizeof *s->items);
        s->next = xreallocarray(s->next, (size_t)s->cap, sizeof *s->next);
    }
    s->items[s->n] = (alloc_item){.offer = l->offer, .inquiry = inquiry, .link = link, .qty = qty};
    s->next[s->n] = s->head[inquiry];
    s->head[inquiry] = s->n;
    s->n++;
    s->used[l->offer] += qty;
    s->got[inquiry] += qty;
}

/* `q` rounded down to whole sale units of offer `o` (unchanged when not integral). */
static int64_t whole_units(const alloc_problem *p, int o, int64_t q) {
    int64_t u = p->offers[o].unit;
    if (!p->params.integral || u <= 1) {
        return q;
    }
    return q / u * u;
}

/* Splits each class's LP inflow over its inquiries in whole units: inquiries in id order,
 * each takes its LP amount from the class's links cheapest first. Counts the pairs whose
 * amount rounding cut. */
static void split_classes(const alloc_problem *p, const int64_t *flow, item_list *s, int *rounded) {
    int64_t *rem = xmalloc(((size_t)p->n_links + 1) * sizeof *rem);
    for (int k = 0; k < p->n_links; k++) {
        rem[k] = flow[p->link_arc[k]];
    }
    for (int c = 0; c < p->n_classes; c++) {
        int la = p->class_link_start[c], lb = p->class_link_start[c + 1];
        int start = la;
        for (int x = p->class_inq_start[c]; x < p->class_inq_start[c + 1]; x++) {
            int i = p->class_inqs[x];
            int64_t need = flow[p->inquiry_arc[i]];
            while (start < lb && whole_units(p, p->links[p->class_links[start]].offer,
                                             rem[p->class_links[start]]) == 0) {
                start++;
            }
            for (int j = start; j < lb && need > 0; j++) {
                int k = p->class_links[j];
                if (rem[k] == 0) {
                    continue;
                }
                int64_t want = rem[k] < need ? rem[k] : need;
                int64_t t = whole_units(p, p->links[k].offer, want);
                if (t < want) {
                    (*rounded)++;
                }
                if (t > 0) {
                    item_add(s, k, &p->links[k], i, t);
                    rem[k] -= t;
                    need -= t;
                }
            }
        }
    }
    free(rem);
}

/* Product totals of inquiry i's items into tot[] (dense product numbers), listing the
 * products touched; returns how many. */
static int product_totals(const alloc_problem *p, const item_list *s, int i, int64_t *tot,
                          int *touched) {
    int n = 0;
    for (int k = s->head[i]; k >= 0; k = s->next[k]) {
        int pid = p->product_index[s->items[k].offer];
        if (tot[pid] == 0 && s->items[k].qty > 0) {
            touched[n++] = pid;
        }
        tot[pid] += s->items[k].qty;
    }
    return n;
}

/* Drops every (product, inquiry) total below the product's minimum order. */
static void enforce_moq(const alloc_problem *p, item_list *s, int64_t *tot, int *touched,
                        int *rounded) {
    for (int i = 0; i < p->n_inquiries; i++) {
        int n = product_totals(p, s, i, tot, touched);
        for (int k = s->head[i]; k >= 0; k = s->next[k]) {
            alloc_item *it = &s->items[k];
            int pid = p->product_index[it->offer];
            if (it->qty > 0 && tot[pid] < p->product_moq[pid]) {
                s->used[it->offer] -= it->qty;
                s->got[i] -= it->qty;
                it->qty = 0;
                (*rounded)++;
            }
        }
        for (int t = 0; t < n; t++) {
            tot[touched[t]] = 0;
        }
    }
}

/* What inquiry i (class links [ja, jb)) could take of product `pid` over all its months, in
 * whole units, given free capacity and `want`; with `take`, takes it. */
static int64_t product_room(const alloc_problem *p, item_list *s, int i, int ja, int jb, int pid,
                            int64_t want, bool take) {
    int64_t sum = 0;
    for (int j = ja; j < jb && sum < want; j++) {
        int k = p->class_links[j];
        int o = p->links[k].offer;
        if (p->product_index[o] != pid) {
            continue;
        }
        int64_t room = p->offers[o].capacity - s->used[o];
        int64_t t = whole_units(p, o, room < want - sum ? room : want - sum);
        if (t > 0) {
            sum += t;
            if (take) {
                item_add(s, k, &p->links[k], i, t);
            }
        }
    }
    return sum;
}

/* Refills inquiry i towards `target` (its promise or its quantity): its class's offers
 * cheapest first, except those of product `skip` (-1: none), whole units, never below a
 * minimum order (a product's months are taken together when one month alone is below it),
 * beyond free capacity or beyond the target. `tot` is all zero on entry and on return. */
static void refill(const alloc_problem *p, item_list *s, int i, int64_t target, int skip,
                   int64_t *tot, int *touched) {
    const alloc_inquiry *in = &p->inquiries[i];
    int64_t want = target - s->got[i];
    if (want <= 0) {
        return;
    }
    int n = product_totals(p, s, i, tot, touched);
    int ja = p->class_link_start[in->klass], jb = p->class_link_start[in->klass + 1];
    for (int j = ja; j < jb && want > 0; j++) {
        int k = p->class_links[j];
        int o = p->links[k].offer;
        int64_t room = p->offers[o].capacity - s->used[o];
        int64_t t = whole_units(p, o, room < want ? room : want);
        int pid = p->product_index[o];
        if (t <= 0 || pid == skip) {
            continue;
        }
        if (tot[pid] + t < p->product_moq[pid]) {
            /* Below the minimum order from this month alone: all the product's months
             * together, or nothing. */
            int64_t all = product_room(p, s, i, j, jb, pid, want, false);
            if (tot[pid] + all >= p->product_moq[pid]) {
                product_room(p, s, i, j, jb, pid, want, true);
                if (tot[pid] == 0) {
                    touched[n++] = pid; /* each product once: tot[pid] > 0 from here */
                }
                tot[pid] += all;
                want -= all;
            }
            continue;
        }
        if (tot[pid] == 0) {
            touched[n++] = pid;
        }
        tot[pid] += t;
        item_add(s, k, &p->links[k], i, t);
        want -= t;
    }
    for (int t = 0; t < n; t++) {
        tot[touched[t]] = 0;
    }
}

/* Fills what inquiry i lacks of `target` from ONE offer of its class (not of product `skip`)
 * that has room for all of it in whole units and above its minimum order, the cheapest such;
 * returns whether it found one. (The greedy refill takes the cheapest offers first and can
 * stop a fraction of a unit short where a dearer offer's units would fit exactly.) */
static bool fill_from_one_offer(const alloc_problem *p, item_list *s, int i, int64_t target,
                                int skip, int64_t *tot, int *touched) {
    const alloc_inquiry *in = &p->inquiries[i];
    int64_t want = target - s->got[i];
    int n = product_totals(p, s, i, tot, touched);
    bool found = false;
    for (int j = p->class_link_start[in->klass];
         j < p->class_link_start[in->klass + 1] && want > 0 && !found; j++) {
        int k = p->class_links[j];
        int o = p->links[k].offer;
        int pid = p->product_index[o];
        if (pid != skip && p->offers[o].capacity - s->used[o] >= want &&
            whole_units(p, o, want) == want && tot[pid] + want >= p->product_moq[pid]) {
            item_add(s, k, &p->links[k], i, want);
            found = true;
        }
    }
    for (int t = 0; t < n; t++) {
        tot[touched[t]] = 0;
    }
    return found;
}

/* Refills what rounding and minimum orders freed: every inquiry short of its promise (with
 * `promises`) or of its quantity, in id order (refill). */
static void repair(const alloc_problem *p, item_list *s, bool promises, int64_t *tot,
                   int *touched) {
    for (int r = 0; r < p->n_inquiries; r++) {
        int i = p->inquiry_order[r];
        const alloc_inquiry *in = &p->inquiries[i];
        refill(p, s, i, promises ? in->promised : in->quantity, -1, tot, touched);
    }
}

/* Sets the quantity of item k (adjusting the offer's and the inquiry's sums). */
static void item_set(item_list *s, int k, int64_t qty) {
    s->used[s->items[k].offer] += qty - s->items[k].qty;
    s->got[s->items[k].inquiry] += qty - s->items[k].qty;
    s->items[k].qty = qty;
}

/* For each inquiry still below its target (`target[i]`, or its promise when `target` is
 * NULL; e.g. whole units left it a bottle short and its own holds no longer fit because
 * others of its class took their capacity): takes back all it has of one product and refills
 * towards the target from the others (from one offer whose units fit exactly when there is
 * one, else greedily); kept when the inquiry then has more, undone otherwise. Tries its
 * products in turn until the target is reached. Nobody else's allocation changes, so the
 * total only grows. (On `bench --only match`'s database six buyers promised 2,000 l each
 * kept 1,992 l of 24 l cans and got 7.92 l of 330 ml bottles for the last 8 l: now 8 l of
 * 250 ml bottles, as their holds.) */
static void swap_short(const alloc_problem *p, item_list *s, const int64_t *target, int64_t *tot,
                       int *touched) {
    int cap = 16;
    int *taken = xmalloc((size_t)cap * sizeof *taken);
    int64_t *was = xmalloc((size_t)cap * sizeof *was);
    int *products = xmalloc(((size_t)p->n_products + 1) * sizeof *products);
    for (int r = 0; r < p->n_inquiries; r++) {
        int i = p->inquiry_order[r];
        int64_t goal = target ? target[i] : p->inquiries[i].promised;
        if (s->got[i] >= goal) {
            continue;
        }
        int n_products = product_totals(p, s, i, tot, touched);
        for (int t = 0; t < n_products; t++) {
            products[t] = touched[t];
            tot[touched[t]] = 0;
        }
        for (int t = 0; t < n_products && s->got[i] < goal; t++) {
            int64_t before = s->got[i];
            int n_taken = 0, mark = s->n;
            for (int k = s->head[i]; k >= 0; k = s->next[k]) {
                if (s->items[k].qty > 0 && p->product_index[s->items[k].offer] == products[t]) {
                    if (n_taken == cap) {
                        cap *= 2;
                        taken = xreallocarray(taken, (size_t)cap, sizeof *taken);
                        was = xreallocarray(was, (size_t)cap, sizeof *was);
                    }
                    taken[n_taken] = k;
                    was[n_taken++] = s->items[k].qty;
                    item_set(s, k, 0);
                }
            }
            if (!fill_from_one_offer(p, s, i, goal, products[t], tot, touched)) {
                refill(p, s, i, goal, products[t], tot, touched);
            }
            if (s->got[i] > before) {
                continue;
            }
            for (int k = mark; k < s->n; k++) {
                item_set(s, k, 0);
            }
            for (int x = 0; x < n_taken; x++) {
                item_set(s, taken[x], was[x]);
            }
        }
    }
    free(taken);
    free(was);
    free(products);
}

/* The link of `o` to class c, or -1. */
static int class_link_of(const alloc_problem *p, int c, int o) {
    for (int j = p->class_link_start[c]; j < p->class_link_start[c + 1]; j++) {
        if (p->links[p->class_links[j]].offer == o) {
            return p->class_links[j];
        }
    }
    return -1;
}

/* Gives each inquiry still below its promise its instant holds back, when they fit in the
 * capacity the others took and are linked to its class (see alloc_set_holds). */
static void restore_holds(const alloc_problem *p, item_list *s) {
    int64_t *own = xcalloc((size_t)p->n_offers + 1, sizeof *own);
    for (int a = 0, b; a < p->n_holds; a = b) {
        int i = p->holds[a].inquiry;
        for (b = a; b < p->n_holds && p->holds[b].inquiry == i; b++) {
        }
        const alloc_inquiry *in = &p->inquiries[i];
        if (s->got[i] >= in->promised) {
            continue;
        }
        for (int k = s->head[i]; k >= 0; k = s->next[k]) {
            own[s->items[k].offer] += s->items[k].qty;
        }
        int64_t sum = 0;
        bool fits = true;
        for (int h = a; h < b && fits; h++) {
            int o = p->holds[h].offer;
            sum += p->holds[h].qty;
            fits = class_link_of(p, in->klass, o) >= 0 &&
                   s->used[o] - own[o] + p->holds[h].qty <= p->offers[o].capacity;
        }
        fits = fits && sum <= in->quantity && sum > s->got[i];
        for (int k = s->head[i]; k >= 0; k = s->next[k]) {
            own[s->items[k].offer] = 0;
            if (fits) {
                s->used[s->items[k].offer] -= s->items[k].qty;
                s->got[i] -= s->items[k].qty;
                s->items[k].qty = 0;
            }
        }
        for (int h = a; h < b && fits; h++) {
            int o = p->holds[h].offer;
            int link = class_link_of(p, in->klass, o);
            item_add(s, link, &p->links[link], i, p->holds[h].qty);
        }
    }
    free(own);
}

/* The exact search on one component: its inquiries `inqs` (n), with the items of the
 * repaired allocation as the starting solution; replaces their items when it finds a better
 * one. *work is the remaining budget (ALLOC_EXACT_WORK). Returns the search's status. */
static alloc_exact_status exact_component(const alloc_problem *p, item_list *s, const int *inqs,
                                          int n, int *local_offer, int *local_product, long *work,
                                          long *nodes_out, bool *improved, bool *total_proven) {
    int n_pairs = 0;
    for (int x = 0; x < n; x++) {
        int c = p->inquiries[inqs[x]].klass;
        n_pairs += p->class_link_start[c + 1] - p->class_link_start[c];
    }
    size_t np = (size_t)n_pairs + 1;
    alloc_exact_pair *pairs = xmalloc(np * sizeof *pairs);
    int *pair_link = xmalloc(np * sizeof *pair_link);
    int *offers = xmalloc(np * sizeof *offers); /* local → caller's offer */
    int *products = xmalloc(np * sizeof *products);
    int n_offers = 0, n_products = 0, n_tiers = 0;
    for (int x = 0; x < n; x++) {
        n_tiers += p->tier_count[inqs[x]];
    }
    alloc_exact_tier *tiers = xmalloc(((size_t)n_tiers + 1) * sizeof *tiers);
    int64_t *quantity = xmalloc(((size_t)n + 1) * sizeof *quantity);
    n_pairs = 0;
    n_tiers = 0;
    for (int x = 0; x < n; x++) {
        int i = inqs[x], c = p->inquiries[i].klass;
        quantity[x] = p->inquiries[i].quantity;
        for (int j = p->class_link_start[c]; j < p->class_link_start[c + 1]; j++) {
            int k = p->class_links[j], o = p->links[k].offer;
            if (local_offer[o] < 0) {
                local_offer[o] = n_offers;
                offers[n_offers++] = o;
            }
            pair_link[n_pairs] = k;
            pairs[n_pairs++] = (alloc_exact_pair){local_offer[o], x, p->link_cost[k]};
        }
        /* The tiers with the network's penalties (promises and fair shares): the search's
         * objective after the total is then the relaxation's, cost + penalties. */
        for (int a = p->tier_first[i]; a < p->tier_first[i] + p->tier_count[i]; a++) {
            int64_t penalty = mcf_arc_cost(p->g, a);
            bool promise = penalty / p->penalty_step > p->tiers_top;
            tiers[n_tiers++] =
                (alloc_exact_tier){x, mcf_arc_upper(p->g, a), penalty, promise ? 2 : 1};
        }
    }
    int64_t *capacity = xmalloc(((size_t)n_offers + 1) * sizeof *capacity);
    int64_t *unit = xmalloc(((size_t)n_offers + 1) * sizeof *unit);
    int64_t *moq = xmalloc(((size_t)n_offers + 1) * sizeof *moq);
    int *product = xmalloc(((size_t)n_offers + 1) * sizeof *product);
    for (int l = 0; l < n_offers; l++) {
        int o = offers[l], pid = p->product_index[o];
        if (local_product[pid] < 0) {
            local_product[pid] = n_products;
            moq[n_products] = p->product_moq[pid];
            products[n_products++] = pid;
        }
        capacity[l] = p->offers[o].capacity;
        unit[l] = p->offers[o].unit;
        product[l] = local_product[pid];
    }
    /* The repaired allocation as the starting point: each item on its (link, inquiry) pair. */
    int64_t *x = xcalloc(np, sizeof *x);
    for (int a = 0, first = 0; a < n; a++) {
        int c = p->inquiries[inqs[a]].klass;
        int len = p->class_link_start[c + 1] - p->class_link_start[c];
        for (int k = s->head[inqs[a]]; k >= 0; k = s->next[k]) {
            for (int q = first; q < first + len; q++) {
                if (pair_link[q] == s->items[k].link) {
                    x[q] += s->items[k].qty;
                }
            }
        }
        first += len;
    }
    int arcs = n_offers + 2 * n_pairs + n_tiers;
    long limit = *work / (arcs > 0 ? arcs : 1);
    alloc_exact in = {
        .n_offers = n_offers,
        .n_inquiries = n,
        .n_products = n_products,
        .n_pairs = n_pairs,
        .n_tiers = n_tiers,
        .capacity = capacity,
        .unit = unit,
        .product = product,
        .moq = moq,
        .quantity = quantity,
        .pairs = pairs,
        .tiers = tiers,
        .node_limit = limit / 2 < ALLOC_EXACT_NODES ? limit / 2 : ALLOC_EXACT_NODES,
    };
    long nodes = 0;
    alloc_exact_status st = alloc_exact_solve(&in, x, improved, total_proven, &nodes);
    *work -= nodes * arcs;
    *nodes_out += nodes;
    if (*improved) {
        for (int a = 0; a < n; a++) {
            int i = inqs[a];
            for (int k = s->head[i]; k >= 0; k = s->next[k]) {
                s->used[s->items[k].offer] -= s->items[k].qty;
                s->got[i] -= s->items[k].qty;
                s->items[k].qty = 0;
            }
        }
        for (int q = 0; q < n_pairs; q++) {
            if (x[q] > 0) {
                int k = pair_link[q];
                item_add(s, k, &p->links[k], inqs[pairs[q].inquiry], x[q]);
            }
        }
    }
    for (int l = 0; l < n_offers; l++) {
        local_offer[offers[l]] = -1;
    }
    for (int l = 0; l < n_products; l++) {
        local_product[products[l]] = -1;
    }
    free(pairs);
    free(pair_link);
    free(offers);
    free(products);
    free(tiers);
    free(quantity);
    free(capacity);
    free(unit);
    free(moq);
    free(product);
    free(x);
    return st;
}

/* The least penalty of leaving `unmet` of inquiry i unmet (cheapest tiers first); *over gets
 * what no tier can carry (hard promises broken). */
static __int128 unmet_penalty(const alloc_problem *p, int i, int64_t unmet, int64_t *over) {
    __int128 pen = 0;
    for (int a = p->tier_first[i] + p->tier_count[i] - 1; a >= p->tier_first[i] && unmet > 0; a--) {
        int64_t u = mcf_arc_upper(p->g, a);
        int64_t take = unmet < u ? unmet : u;
        pen += (__int128)take * mcf_arc_cost(p->g, a);
        unmet -= take;
    }
    *over += unmet;
    return pen;
}

/* The objective (cost + unmet penalties, alloc.h) of the current allocation of the
 * inquiries `inqs` (n); a broken hard promise counts as more than any relaxation. */
static __int128 component_objective(const alloc_problem *p, const item_list *s, const int *inqs,
                                    int n) {
    __int128 obj = 0;
    int64_t over = 0;
    for (int x = 0; x < n; x++) {
        int i = inqs[x];
        for (int k = s->head[i]; k >= 0; k = s->next[k]) {
            obj += (__int128)s->items[k].qty * p->link_cost[s->items[k].link];
        }
        obj += unmet_penalty(p, i, p->inquiries[i].quantity - s->got[i], &over);
    }
    return over > 0 ? (__int128)INT64_MAX * INT64_MAX : obj;
}

/* Runs the exact search on every component whose allocation falls short of its relaxation's
 * total or objective (within the limits above): first those short of the total, then those
 * short only of the objective (the least cost, promises, fair shares among equal totals).
 * `lp_obj` holds each component's relaxation objective (cost + penalties) at its root node.
 * Sets out->total_proven when every component's total is proven the largest possible (equal
 * to its relaxation's, or closed by the search) and out->objective_proven when every
 * component is proven optimal (it attains its relaxation's total and objective, or the search
 * ended). */
static void exact_pass(const alloc_problem *p, item_list *s, const __int128 *lp_obj,
                       alloc_result *out) {
    int n_nodes = mcf_node_count(p->g);
    /* Inquiries grouped by component root, in id order within each. */
    int *start = xcalloc((size_t)n_nodes + 1, sizeof *start);
    for (int i = 0; i < p->n_inquiries; i++) {
        start[p->comp[p->inquiry_node[i]] + 1]++;
    }
    for (int u = 0; u < n_nodes; u++) {
        start[u + 1] += start[u];
    }
    int *inqs = xmalloc(((size_t)p->n_inquiries + 1) * sizeof *inqs);
    int *pos = xmalloc(((size_t)n_nodes + 1) * sizeof *pos);
    memcpy(pos, start, (size_t)n_nodes * sizeof *pos);
    for (int r = 0; r < p->n_inquiries; r++) {
        int i = p->inquiry_order[r];
        inqs[pos[p->comp[p->inquiry_node[i]]]++] = i;
    }
    int *local_offer = xmalloc(((size_t)p->n_offers + 1) * sizeof *local_offer);
    int *local_product = xmalloc(((size_t)p->n_products + 1) * sizeof *local_product);
    for (int o = 0; o < p->n_offers; o++) {
        local_offer[o] = -1;
    }
    for (int q = 0; q < p->n_products; q++) {
        local_product[q] = -1;
    }
    long work = ALLOC_EXACT_WORK;
    bool *searched = xcalloc((size_t)n_nodes + 1, sizeof *searched);
    out->total_proven = true;
    out->objective_proven = true;
    for (int pass = 0; pass < 2; pass++) {
        for (int u = 0; u < n_nodes; u++) {
            int a = start[u], b = start[u + 1];
            if (a == b) {
                continue;
            }
            int64_t lp = 0, got = 0;
            long pairs = 0;
            for (int x = a; x < b; x++) {
                int c = p->inquiries[inqs[x]].klass;
                lp += out->lp_allocated[inqs[x]];
                got += s->got[inqs[x]];
                pairs += p->class_link_start[c + 1] - p->class_link_start[c];
            }
            bool short_total = got < lp;
            if (searched[u] || short_total != (pass == 0) ||
                (!short_total && component_objective(p, s, inqs + a, b - a) <= lp_obj[u])) {
                continue;
            }
            searched[u] = true;
            alloc_exact_status st = ALLOC_EXACT_SKIPPED;
            bool improved = false, total = false;
            if (pairs <= ALLOC_EXACT_PAIRS && work > 0) {
                out->exact_components++;
                st = exact_component(p, s, inqs + a, b - a, local_offer, local_product, &work,
                                     &out->exact_nodes, &improved, &total);
                out->exact_improved += improved;
                out->exact_proven += st == ALLOC_EXACT_PROVEN;
            }
            out->total_proven &= !short_total || total;
            out->objective_proven &= st == ALLOC_EXACT_PROVEN;
        }
    }
    free(searched);
    free(start);
    free(inqs);
    free(pos);
    free(local_offer);
    free(local_product);
}

typedef struct item_key {
    int inquiry_node, offer_node, index;
} item_key;

static int cmp_item_key(const void *a, const void *b) {
    const item_key *x = a, *y = b;
    if (x->inquiry_node != y->inquiry_node) {
        return x->inquiry_node - y->inquiry_node;
    }
    if (x->offer_node != y->offer_node) {
        return x->offer_node - y->offer_node;
    }
    return x->index - y->index;
}

/* The final items: nonzero, one per (offer, inquiry), in (inquiry id, offer) order. */
static void collect_items(const alloc_problem *p, const item_list *s, alloc_result *out) {
    item_key *key = xmalloc(((size_t)s->n + 1) * sizeof *key);
    int n = 0;
    for (int k = 0; k < s->n; k++) {
        if (s->items[k].qty > 0) {
            key[n++] = (item_key){p->inquiry_node[s->items[k].inquiry],
                                  p->offer_node[s->items[k].offer], k};
        }
    }
    qsort(key, (size_t)n, sizeof *key, cmp_item_key);
    out->items = xmalloc(((size_t)n + 1) * sizeof *out->items);
    out->n_items = 0;
    for (int r = 0; r < n; r++) {
        const alloc_item *it = &s->items[key[r].index];
        if (out->n_items > 0 && r > 0 && key[r].inquiry_node == key[r - 1].inquiry_node &&
            key[r].offer_node == key[r - 1].offer_node) {
            out->items[out->n_items - 1].qty += it->qty;
        } else {
            out->items[out->n_items++] = *it;
        }
    }
    free(key);
}

/* Fill rates (see alloc_result). */
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
}

static int64_t clamp64(__int128 v) {
    return v > INT64_MAX ? INT64_MAX : v < INT64_MIN ? INT64_MIN : (int64_t)v;
}

int alloc_solve(alloc_problem *p, alloc_result *out, ocop_error *err) {
    memset(out, 0, sizeof *out);
    out->n_inquiries = p->n_inquiries;
    out->unmet = xcalloc((size_t)p->n_inquiries + 1, sizeof *out->unmet);
    out->shrink = xcalloc((size_t)p->n_inquiries + 1, sizeof *out->shrink);
    out->lp_allocated = xcalloc((size_t)p->n_inquiries + 1, sizeof *out->lp_allocated);
    out->nodes = mcf_node_count(p->g);
    out->arcs = mcf_arc_count(p->g);
    out->penalty_step = p->penalty_step;

    int m = mcf_arc_count(p->g);
    int64_t *flow = xcalloc((size_t)m + 1, sizeof *flow);
    if (solve_components(p, flow, &out->pivots, err) != 0) {
        free(flow);
        return -1;
    }
    out->lp_certified = p->params.certify;
    __int128 lp_cost = 0, lp_penalty = 0;
    /* Per component (at its root node): the relaxation's cost + penalties, for exact_pass. */
    __int128 *lp_obj = xcalloc((size_t)mcf_node_count(p->g) + 1, sizeof *lp_obj);
    for (int k = 0; k < p->n_links; k++) {
        __int128 c = (__int128)flow[p->link_arc[k]] * p->link_cost[k];
        lp_cost += c;
        lp_obj[p->comp[1 + p->n_offers + p->links[k].klass]] += c;
    }
    for (int i = 0; i < p->n_inquiries; i++) {
        out->lp_allocated[i] = flow[p->inquiry_arc[i]];
        out->bound += flow[p->inquiry_arc[i]];
        for (int a = p->tier_first[i]; a < p->tier_first[i] + p->tier_count[i]; a++) {
            __int128 c = (__int128)flow[a] * mcf_arc_cost(p->g, a);
            lp_penalty += c;
            lp_obj[p->comp[p->inquiry_node[i]]] += c;
        }
    }

    item_list s = {0};
    s.head = xmalloc(((size_t)p->n_inquiries + 1) * sizeof *s.head);
    for (int i = 0; i < p->n_inquiries; i++) {
        s.head[i] = -1;
    }
    s.used = xcalloc((size_t)p->n_offers + 1, sizeof *s.used);
    s.got = xcalloc((size_t)p->n_inquiries + 1, sizeof *s.got);
    int64_t *tot = xcalloc((size_t)p->n_products + 1, sizeof *tot);
    int *touched = xmalloc(((size_t)p->n_products + 1) * sizeof *touched);
    split_classes(p, flow, &s, &out->rounded_pairs);
    free(flow);
    if (p->params.integral) {
        enforce_moq(p, &s, tot, touched, &out->rounded_pairs);
    }
    repair(p, &s, true, tot, touched);
    restore_holds(p, &s);
    if (p->params.integral) {
        swap_short(p, &s, NULL, tot, touched);
    }
    repair(p, &s, false, tot, touched);
    if (p->params.integral) {
        swap_short(p, &s, out->lp_allocated, tot, touched);
    }
    if (p->params.integral) {
        exact_pass(p, &s, lp_obj, out);
    } else {
        out->total_proven = true; /* the relaxation is the answer */
        out->objective_proven = out->lp_certified;
    }
    free(lp_obj);
    collect_items(p, &s, out);
    free(tot);
    free(touched);
    free(s.items);
    free(s.next);
    free(s.head);
    free(s.used);

    __int128 cost = 0, penalty = 0;
    int64_t over = 0;
    for (int r = 0; r < out->n_items; r++) {
        const alloc_item *it = &out->items[r];
        cost += (__int128)it->qty * p->link_cost[it->link];
        out->total_allocated += it->qty;
    }
    for (int i = 0; i < p->n_inquiries; i++) {
        const alloc_inquiry *in = &p->inquiries[i];
        OCOP_ASSERT(s.got[i] <= in->quantity);
        out->total_demand += in->quantity;
        out->unmet[i] = in->quantity - s.got[i];
        if (s.got[i] == 0) {
            out->inquiries_unfilled++;
        }
        if (s.got[i] < in->promised) {
            out->shrink[i] = in->promised - s.got[i];
            out->inquiries_shrunk++;
            out->total_shrink += out->shrink[i];
        }
        penalty += unmet_penalty(p, i, out->unmet[i], &over);
    }
    free(s.got);
    out->total_unmet = out->total_demand - out->total_allocated;
    out->gap = out->bound - out->total_allocated;
    out->penalty = clamp64(penalty);
    out->lp_penalty = clamp64(lp_penalty);
    out->lp_cost = clamp64(lp_cost);
    out->objective_gap = clamp64(cost + penalty - lp_cost - lp_penalty);
    out->optimal = out->lp_certified && over == 0 && cost + penalty == lp_cost + lp_penalty;
    OCOP_ASSERT(out->gap >= 0 || !out->lp_certified);
    fairness_report(p, out);
    if (cost > INT64_MAX || lp_cost > INT64_MAX) {
        return error_set(err, "allocation: total cost does not fit in 64 bits: lower the weights");
    }
    out->total_cost = (int64_t)cost;
    return 0;
}

void alloc_result_free(alloc_result *r) {
    free(r->items);
    free(r->unmet);
    free(r->shrink);
    free(r->lp_allocated);
    r->lp_allocated = NULL;
    r->items = NULL;
    r->unmet = NULL;
    r->shrink = NULL;
    r->n_items = 0;
}

void alloc_write_dimacs(const alloc_problem *p, FILE *out) {
    strbuf sb = {0};
    sb_appendf(&sb,
               "ocop-kiosk allocate: the LP relaxation (whole sale units and minimum orders are\n"
               "applied after it): %d offers, %d classes, %d inquiries, %d links\n"
               "node 1 is the source (supply = total demand); arcs 1 to node k are free\n"
               "capacities (k = offer) or unmet tiers (k = inquiry, cost = rank x %" PRId64 ")\n",
               p->n_offers, p->n_classes, p->n_inquiries, p->n_links, p->penalty_step);
    for (int r = 0; r < p->n_offers; r++) {
        const alloc_offer *o = &p->offers[p->offer_order[r]];
        sb_appendf(&sb, "node %d: offer product %" PRId64 " month %d\n", 2 + r, o->product_id,
                   o->month);
    }
    for (int c = 0; c < p->n_classes; c++) {
        sb_appendf(&sb, "node %d: class %d\n", 2 + p->n_offers + c, c);
    }
    for (int r = 0; r < p->n_inquiries; r++) {
        const alloc_inquiry *in = &p->inquiries[p->inquiry_order[r]];
        sb_appendf(&sb, "node %d: inquiry %" PRId64 "\n", 2 + p->n_offers + p->n_classes + r,
                   in->id);
    }
    mcf_write_dimacs(p->g, out, sb_str(&sb));
    sb_free(&sb);
}
