/*
 * alloc_exact.c: branch and bound over (offer, inquiry) pairs for whole sale units and
 * minimum orders (see alloc_exact.h for the problem, the objective and the method).
 */
#include "core/alloc_exact.h"

#include <stdlib.h>
#include <string.h>

#include "core/base.h"
#include "core/mcf.h"

typedef struct search {
    const alloc_exact *in;
    int n_slots;        /* (product, inquiry) slots used by some pair */
    int *pair_slot;     /* pair → slot */
    int *slot_product;  /* slot → product */
    int *slot_inquiry;  /* slot → inquiry */
    int *tier_order;    /* tiers by (inquiry, penalty) */
    int64_t *lo, *hi;   /* per pair: the node's bounds */
    int64_t *ylo, *yhi; /* per slot: the node's bounds on the (product, inquiry) total */
    int64_t m;          /* M of alloc_exact.h (per unmet unit, on top of the tiers') */
    int64_t *best;      /* per pair */
    bool lexicographic; /* phase 2: (total, W); phase 1: the total only */
    bool have_best, improved, overflow, limited;
    int64_t best_total;
    __int128 best_obj;
    long nodes;
    /* Made once per search and reused by every node (a node allocates nothing): */
    mcf *g;            /* the relaxation's network; each node sets the bounds (relax) */
    int pair0, slot0;  /* its first pair arc and first slot arc */
    int tier0;         /* its first tier arc (the last arcs) */
    int64_t *flow;     /* the node's relaxation: pairs, then slots */
    int64_t *used;     /* evaluate: per offer */
    int64_t *got;      /* evaluate: per inquiry */
    int64_t *slot_sum; /* evaluate: per slot */
    int64_t *rx;       /* round_relaxation: per pair */
    int64_t *left;     /* round_relaxation: per offer */
    int64_t *want;     /* round_relaxation: per inquiry */
    int64_t *rslot;    /* round_relaxation: per slot */
} search;

static int64_t whole(int64_t q, int64_t unit) {
    return unit > 1 ? q / unit * unit : q;
}

static const alloc_exact_tier *tier_sort_base;

static int cmp_tier(const void *a, const void *b) {
    const alloc_exact_tier *x = &tier_sort_base[*(const int *)a];
    const alloc_exact_tier *y = &tier_sort_base[*(const int *)b];
    if (x->inquiry != y->inquiry) {
        return x->inquiry - y->inquiry;
    }
    if (x->penalty != y->penalty) {
        return x->penalty < y->penalty ? -1 : 1;
    }
    return *(const int *)a - *(const int *)b;
}

/* Total and objective of `x` if it is a feasible solution of the whole problem (not only of
 * the current node); false otherwise. */
static bool evaluate(const search *s, const int64_t *x, int64_t *total, __int128 *obj) {
    const alloc_exact *in = s->in;
    int64_t *used = s->used, *got = s->got, *slot = s->slot_sum;
    memset(used, 0, (size_t)in->n_offers * sizeof *used);
    memset(got, 0, (size_t)in->n_inquiries * sizeof *got);
    memset(slot, 0, (size_t)s->n_slots * sizeof *slot);
    bool ok = true;
    __int128 cost = 0;
    int64_t sum = 0;
    for (int k = 0; k < in->n_pairs && ok; k++) {
        const alloc_exact_pair *pr = &in->pairs[k];
        int64_t u = in->unit[pr->offer];
        ok = x[k] >= 0 && (u <= 1 || x[k] % u == 0);
        used[pr->offer] += x[k];
        got[pr->inquiry] += x[k];
        slot[s->pair_slot[k]] += x[k];
        cost += (__int128)x[k] * pr->cost;
        sum += x[k];
    }
    for (int o = 0; o < in->n_offers && ok; o++) {
        ok = used[o] <= in->capacity[o];
    }
    for (int j = 0; j < s->n_slots && ok; j++) {
        ok = slot[j] == 0 || slot[j] >= in->moq[s->slot_product[j]];
    }
    for (int i = 0; i < in->n_inquiries && ok; i++) {
        ok = got[i] <= in->quantity[i];
        got[i] = in->quantity[i] - got[i]; /* now: unmet */
    }
    for (int t = 0; t < in->n_tiers && ok; t++) {
        const alloc_exact_tier *tr = &in->tiers[s->tier_order[t]];
        int64_t take = got[tr->inquiry] < tr->cap ? got[tr->inquiry] : tr->cap;
        cost += (__int128)take * tr->penalty;
        got[tr->inquiry] -= take;
    }
    for (int i = 0; i < in->n_inquiries && ok; i++) {
        ok = got[i] == 0; /* more unmet than the tiers carry: a hard promise broken */
    }
    *total = sum;
    *obj = cost;
    return ok;
}

/* The relaxation's network, made once per phase: S → offer, offer → slot (one arc per pair,
 * bounds set per node), slot → inquiry (bounds set per node), and the tiers S → inquiry
 * (phase 1: rank · M; phase 2: M + penalty, see alloc_exact.h). */
static void make_network(search *s) {
    const alloc_exact *in = s->in;
    int slot0 = 1 + in->n_offers, inq0 = slot0 + s->n_slots;
    mcf *g =
        mcf_create(inq0 + in->n_inquiries, in->n_offers + in->n_pairs + s->n_slots + in->n_tiers);
    int64_t demand = 0;
    for (int i = 0; i < in->n_inquiries; i++) {
        mcf_set_supply(g, inq0 + i, -in->quantity[i]);
        demand += in->quantity[i];
    }
    mcf_set_supply(g, 0, demand);
    for (int o = 0; o < in->n_offers; o++) {
        mcf_add_arc(g, 0, 1 + o, 0, in->capacity[o], 0);
    }
    s->pair0 = mcf_arc_count(g);
    for (int k = 0; k < in->n_pairs; k++) {
        mcf_add_arc(g, 1 + in->pairs[k].offer, slot0 + s->pair_slot[k], s->lo[k], s->hi[k],
                    in->pairs[k].cost);
    }
    s->slot0 = mcf_arc_count(g);
    for (int j = 0; j < s->n_slots; j++) {
        mcf_add_arc(g, slot0 + j, inq0 + s->slot_inquiry[j], s->ylo[j], s->yhi[j], 0);
    }
    s->tier0 = mcf_arc_count(g);
    for (int t = 0; t < in->n_tiers; t++) {
        const alloc_exact_tier *tr = &in->tiers[t];
        mcf_add_arc(g, 0, inq0 + tr->inquiry, 0, tr->cap,
                    s->lexicographic ? tr->penalty + s->m : tr->rank * s->m);
    }
    s->g = g;
}

/* Solves the node's relaxation (the bounds lo/hi, ylo/yhi) into s->flow (pairs, then slots);
 * returns its status and sets *total and *obj. */
static mcf_status relax(search *s, int64_t *total, __int128 *obj) {
    const alloc_exact *in = s->in;
    mcf *g = s->g;
    for (int k = 0; k < in->n_pairs; k++) {
        mcf_set_arc_bounds(g, s->pair0 + k, s->lo[k], s->hi[k]);
    }
    for (int j = 0; j < s->n_slots; j++) {
        mcf_set_arc_bounds(g, s->slot0 + j, s->ylo[j], s->yhi[j]);
    }
    mcf_status st = mcf_solve(g);
    if (st == MCF_OPTIMAL) {
        *total = 0;
        *obj = 0; /* W: the pairs' costs and the tiers' penalties (M left out) */
        for (int a = s->pair0; a < s->slot0; a++) {
            *obj += (__int128)mcf_flow(g, a) * mcf_arc_cost(g, a);
        }
        for (int t = 0; t < in->n_tiers; t++) {
            *obj += (__int128)mcf_flow(g, s->tier0 + t) * in->tiers[t].penalty;
        }
        for (int k = 0; k < in->n_pairs; k++) {
            s->flow[k] = mcf_flow(g, s->pair0 + k);
            *total += s->flow[k];
        }
        for (int j = 0; j < s->n_slots; j++) {
            s->flow[in->n_pairs + j] = mcf_flow(g, s->slot0 + j);
        }
    }
    return st;
}

/* True when a solution (or a node's relaxation, a bound on the solutions below it) of
 * (total, obj) beats the best so far: a larger total, or in phase 2 the same total at a
 * lower objective. */
static bool beats(const search *s, int64_t total, __int128 obj) {
    return !s->have_best || total > s->best_total ||
           (s->lexicographic && total == s->best_total && obj < s->best_obj);
}

/* A quick feasible solution from a node's relaxation: each pair rounded down to whole units,
 * (product, inquiry) totals below the minimum order dropped, then what that freed filled
 * greedily (pairs in order, whole units, only where the minimum order is met). Kept when it
 * beats the best so far. */
static void round_relaxation(search *s, const int64_t *flow) {
    const alloc_exact *in = s->in;
    int64_t *x = s->rx, *left = s->left, *want = s->want, *slot = s->rslot;
    memset(slot, 0, (size_t)s->n_slots * sizeof *slot);
    for (int k = 0; k < in->n_pairs; k++) {
        x[k] = whole(flow[k], in->unit[in->pairs[k].offer]);
        slot[s->pair_slot[k]] += x[k];
    }
    for (int k = 0; k < in->n_pairs; k++) {
        if (slot[s->pair_slot[k]] < in->moq[s->slot_product[s->pair_slot[k]]]) {
            x[k] = 0;
        }
    }
    memcpy(left, in->capacity, (size_t)in->n_offers * sizeof *left);
    memcpy(want, in->quantity, (size_t)in->n_inquiries * sizeof *want);
    memset(slot, 0, ((size_t)s->n_slots + 1) * sizeof *slot);
    for (int k = 0; k < in->n_pairs; k++) {
        left[in->pairs[k].offer] -= x[k];
        want[in->pairs[k].inquiry] -= x[k];
        slot[s->pair_slot[k]] += x[k];
    }
    for (int k = 0; k < in->n_pairs; k++) {
        const alloc_exact_pair *pr = &in->pairs[k];
        int64_t room = left[pr->offer] < want[pr->inquiry] ? left[pr->offer] : want[pr->inquiry];
        int64_t t = whole(room, in->unit[pr->offer]);
        if (t > 0 && slot[s->pair_slot[k]] + t >= in->moq[s->slot_product[s->pair_slot[k]]]) {
            x[k] += t;
            left[pr->offer] -= t;
            want[pr->inquiry] -= t;
            slot[s->pair_slot[k]] += t;
        }
    }
    int64_t total;
    __int128 obj;
    if (evaluate(s, x, &total, &obj) && beats(s, total, obj)) {
        memcpy(s->best, x, (size_t)in->n_pairs * sizeof *x);
        s->have_best = true;
        s->improved = true;
        s->best_total = total;
        s->best_obj = obj;
    }
}

/* One node. Everything it reads of s->flow is read before it recurses: the children
 * overwrite it. */
static void branch(search *s) {
    const alloc_exact *in = s->in;
    if (s->overflow || s->nodes >= in->node_limit) {
        s->limited = true;
        return;
    }
    s->nodes++;
    const int64_t *flow = s->flow;
    int64_t total;
    __int128 obj;
    mcf_status st = relax(s, &total, &obj);
    if (st == MCF_OVERFLOW) {
        s->overflow = true;
    }
    if (st != MCF_OPTIMAL || !beats(s, total, obj)) {
        return;
    }
    round_relaxation(s, flow);
    if (!beats(s, total, obj)) {
        return;
    }
    /* A (product, inquiry) total below its minimum order first, then a pair not in whole
     * units. */
    int slot = -1, pair = -1;
    for (int j = 0; j < s->n_slots && slot < 0; j++) {
        int64_t y = flow[in->n_pairs + j];
        if (y > 0 && y < in->moq[s->slot_product[j]]) {
            slot = j;
        }
    }
    for (int k = 0; k < in->n_pairs && slot < 0 && pair < 0; k++) {
        int64_t u = in->unit[in->pairs[k].offer];
        if (u > 1 && flow[k] % u != 0) {
            pair = k;
        }
    }
    if (slot < 0 && pair < 0) {
        int64_t t;
        __int128 o;
        if (evaluate(s, flow, &t, &o) && beats(s, t, o)) {
            memcpy(s->best, flow, (size_t)in->n_pairs * sizeof *flow);
            s->have_best = true;
            s->improved = true;
            s->best_total = t;
            s->best_obj = o;
        }
    } else if (slot >= 0) {
        int64_t lo = s->ylo[slot], hi = s->yhi[slot];
        int64_t moq = in->moq[s->slot_product[slot]];
        if (moq <= hi) {
            s->ylo[slot] = moq;
            branch(s);
            s->ylo[slot] = lo;
        }
        s->yhi[slot] = 0;
        branch(s);
        s->yhi[slot] = hi;
    } else {
        int64_t lo = s->lo[pair], hi = s->hi[pair];
        int64_t u = in->unit[in->pairs[pair].offer];
        int64_t down = flow[pair] / u * u;
        if (down + u <= hi) {
            s->lo[pair] = down + u;
            branch(s);
            s->lo[pair] = lo;
        }
        if (down >= lo) {
            s->hi[pair] = down;
            branch(s);
            s->hi[pair] = hi;
        }
    }
}

alloc_exact_status alloc_exact_solve(const alloc_exact *in, int64_t *x, bool *improved,
                                     bool *total_proven, long *nodes) {
    *improved = false;
    *total_proven = false;
    *nodes = 0;
    search s = {.in = in};
    size_t np = (size_t)in->n_pairs + 1;
    s.pair_slot = xmalloc(np * sizeof *s.pair_slot);
    s.slot_product = xmalloc(np * sizeof *s.slot_product);
    s.slot_inquiry = xmalloc(np * sizeof *s.slot_inquiry);
    s.lo = xcalloc(np, sizeof *s.lo);
    s.hi = xmalloc(np * sizeof *s.hi);
    s.ylo = xcalloc(np, sizeof *s.ylo);
    s.yhi = xcalloc(np, sizeof *s.yhi);
    s.best = xmalloc(np * sizeof *s.best);
    s.tier_order = xmalloc(((size_t)in->n_tiers + 1) * sizeof *s.tier_order);
    s.flow = xmalloc((2 * np) * sizeof *s.flow); /* pairs, then at most as many slots */
    s.used = xmalloc(((size_t)in->n_offers + 1) * sizeof *s.used);
    s.got = xmalloc(((size_t)in->n_inquiries + 1) * sizeof *s.got);
    s.slot_sum = xmalloc(np * sizeof *s.slot_sum);
    s.rx = xmalloc(np * sizeof *s.rx);
    s.left = xmalloc(((size_t)in->n_offers + 1) * sizeof *s.left);
    s.want = xmalloc(((size_t)in->n_inquiries + 1) * sizeof *s.want);
    s.rslot = xmalloc(np * sizeof *s.rslot);
    int64_t cmax = 0;
    for (int k = 0; k < in->n_pairs; k++) {
        const alloc_exact_pair *pr = &in->pairs[k];
        int product = in->product[pr->offer];
        int j = 0;
        while (j < s.n_slots &&
               (s.slot_product[j] != product || s.slot_inquiry[j] != pr->inquiry)) {
            j++;
        }
        if (j == s.n_slots) {
            s.slot_product[j] = product;
            s.slot_inquiry[j] = pr->inquiry;
            s.n_slots++;
        }
        s.pair_slot[k] = j;
        int64_t most = in->capacity[pr->offer] < in->quantity[pr->inquiry]
                           ? in->capacity[pr->offer]
                           : in->quantity[pr->inquiry];
        s.hi[k] = whole(most, in->unit[pr->offer]);
        s.yhi[j] += s.hi[k];
        cmax = pr->cost > cmax ? pr->cost : cmax;
    }
    /* A slot that cannot reach its minimum order is 0 from the start. */
    for (int j = 0; j < s.n_slots; j++) {
        if (s.yhi[j] > in->quantity[s.slot_inquiry[j]]) {
            s.yhi[j] = in->quantity[s.slot_inquiry[j]];
        }
        if (s.yhi[j] < in->moq[s.slot_product[j]]) {
            s.yhi[j] = 0;
        }
    }
    for (int t = 0; t < in->n_tiers; t++) {
        s.tier_order[t] = t;
    }
    tier_sort_base = in->tiers;
    qsort(s.tier_order, (size_t)in->n_tiers, sizeof *s.tier_order, cmp_tier);
    int64_t top = 0;
    int top_rank = 1;
    for (int t = 0; t < in->n_tiers; t++) {
        top = in->tiers[t].penalty > top ? in->tiers[t].penalty : top;
        top_rank = in->tiers[t].rank > top_rank ? in->tiers[t].rank : top_rank;
    }
    __int128 m = (__int128)in->n_offers * cmax + 1;
    alloc_exact_status status = ALLOC_EXACT_SKIPPED;
    if (m + top <= MCF_COST_MAX && m * top_rank <= MCF_COST_MAX) {
        s.m = (int64_t)m;
        memcpy(s.best, x, (size_t)in->n_pairs * sizeof *x);
        s.have_best = evaluate(&s, x, &s.best_total, &s.best_obj);
        /* Phase 1 finds the largest total (its pruning is by the total alone, so it closes
         * quickly); phase 2 starts from its best and searches the whole objective. */
        bool ended[2] = {false, false};
        for (int phase = 0; phase < 2 && !s.overflow; phase++) {
            s.lexicographic = phase == 1;
            s.limited = false;
            long before = s.nodes;
            make_network(&s);
            s.nodes = 0;
            branch(&s);
            s.nodes += before;
            mcf_destroy(s.g);
            s.g = NULL;
            ended[phase] = !s.overflow && !s.limited;
        }
        *total_proven = ended[0] || ended[1];
        /* What was found before an overflow is still a checked feasible solution. */
        status = ended[1] ? ALLOC_EXACT_PROVEN : ALLOC_EXACT_LIMIT;
        if (s.improved) {
            memcpy(x, s.best, (size_t)in->n_pairs * sizeof *x);
            *improved = true;
        } else if (s.overflow) {
            status = ALLOC_EXACT_SKIPPED;
        }
    }
    *nodes = s.nodes;
    free(s.pair_slot);
    free(s.slot_product);
    free(s.slot_inquiry);
    free(s.lo);
    free(s.hi);
    free(s.ylo);
    free(s.yhi);
    free(s.best);
    free(s.tier_order);
    free(s.flow);
    free(s.used);
    free(s.got);
    free(s.slot_sum);
    free(s.rx);
    free(s.left);
    free(s.want);
    free(s.rslot);
    return status;
}
