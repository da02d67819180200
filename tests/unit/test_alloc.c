/* test_alloc.c: the batch allocation model (alloc.h): the largest total against an independent
 * max-flow (GLPK), the least cost among largest totals against GLPK, fair-share tiers, kept
 * holds, determinism, validation and scaling. */
#include "test_support.h"

#include "core/alloc.h"
#include "core/base.h"
#include "core/mcf.h"

#include <glpk.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

static uint64_t rng_state = 1;

static uint32_t rnd(void) {
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return (uint32_t)((rng_state * 2685821657736338717ULL) >> 32);
}

static int64_t rnd_range(int64_t lo, int64_t hi) {
    return lo + (int64_t)(rnd() % (uint64_t)(hi - lo + 1));
}

static alloc_params params_with(int tiers) {
    alloc_params p;
    alloc_params_default(&p);
    p.fair_tiers = tiers;
    return p;
}

static void solve_ok(alloc_problem *p, alloc_result *r) {
    ocop_error err = {{0}};
    if (alloc_solve(p, r, &err) != 0) {
        fail_msg("alloc_solve: %s", err.msg);
    }
    assert_true(r->certified);
}

/* ---- the fairness example of the research notes ----------------------------------------- */

/* One cooperative with 10 t (10^7 g), three buyers of 10 t each at 10, 20 and 30 km. */
static alloc_problem *small_cooperative(const alloc_params *params, int64_t guarantee) {
    alloc_offer offer = {.product_id = 7, .month = 202612, .capacity = 10000000};
    alloc_inquiry inq[3];
    alloc_pair pairs[3];
    for (int i = 0; i < 3; i++) {
        inq[i] = (alloc_inquiry){.id = 100 + i, .quantity = 10000000, .guarantee = guarantee};
        pairs[i] = (alloc_pair){.offer = 0, .inquiry = i, .stars = 4, .distance_km = 10 * (i + 1)};
    }
    ocop_error err = {{0}};
    alloc_problem *p = alloc_create(&offer, 1, inq, 3, pairs, 3, params, &err);
    if (p == NULL) {
        fail_msg("alloc_create: %s", err.msg);
    }
    return p;
}

static void without_tiers_the_nearest_buyer_takes_the_whole_small_cooperative(void **state) {
    alloc_params params = params_with(1);
    alloc_problem *p = small_cooperative(&params, ALLOC_GUARANTEE_AUTO);
    alloc_result r;
    solve_ok(p, &r);
    assert_int_equal(r.total_allocated, 10000000);
    assert_int_equal(r.pair_qty[0], 10000000);
    assert_int_equal(r.pair_qty[1], 0);
    assert_int_equal(r.pair_qty[2], 0);
    assert_int_equal(r.inquiries_unfilled, 2);
    assert_int_equal(r.min_fill_permille, 0);
    assert_int_equal(r.max_buyer_share_permille, 1000);
    alloc_result_free(&r);
    alloc_destroy(p);
}

static void with_a_three_tonne_guarantee_the_cooperative_is_shared_4_3_3(void **state) {
    alloc_params params = params_with(1);
    alloc_problem *p = small_cooperative(&params, 3000000);
    alloc_result r;
    solve_ok(p, &r);
    assert_int_equal(r.total_allocated, 10000000);
    assert_int_equal(r.pair_qty[0], 4000000);
    assert_int_equal(r.pair_qty[1], 3000000);
    assert_int_equal(r.pair_qty[2], 3000000);
    /* unit cost = 100 · (5 − 4) + km */
    assert_int_equal(r.total_cost, 4000000LL * 110 + 3000000LL * 120 + 3000000LL * 130);
    assert_int_equal(r.inquiries_unfilled, 0);
    assert_int_equal(r.min_fill_permille, 300);
    assert_int_equal(r.p10_fill_permille, 300);
    assert_int_equal(r.max_buyer_share_permille, 400);
    alloc_result_free(&r);
    alloc_destroy(p);
}

static void with_ten_automatic_tiers_every_buyer_gets_a_share(void **state) {
    alloc_params params = params_with(10);
    alloc_problem *p = small_cooperative(&params, ALLOC_GUARANTEE_AUTO);
    alloc_result r;
    solve_ok(p, &r);
    /* Tiers of 1 t: all three first tiers (9 t), then the nearest buyer's fourth. */
    assert_int_equal(r.pair_qty[0], 4000000);
    assert_int_equal(r.pair_qty[1], 3000000);
    assert_int_equal(r.pair_qty[2], 3000000);
    alloc_result_free(&r);
    alloc_destroy(p);
}

static void the_default_parameters_share_the_small_cooperative(void **state) {
    alloc_problem *p = small_cooperative(NULL, ALLOC_GUARANTEE_AUTO);
    alloc_result r;
    solve_ok(p, &r);
    for (int i = 0; i < 3; i++) {
        assert_true(r.pair_qty[i] >= 3000000);
    }
    assert_int_equal(r.total_allocated, 10000000);
    alloc_result_free(&r);
    alloc_destroy(p);
}

/* ---- random instances against GLPK --------------------------------------------------------- */

typedef struct instance {
    int n_offers, n_inquiries, n_pairs;
    alloc_offer offers[16];
    alloc_inquiry inquiries[24];
    alloc_pair pairs[16 * 24];
} instance;

static void random_instance(instance *in, bool guarantees) {
    in->n_offers = (int)rnd_range(1, 12);
    in->n_inquiries = (int)rnd_range(1, 20);
    for (int o = 0; o < in->n_offers; o++) {
        in->offers[o] = (alloc_offer){
            .product_id = rnd_range(1, 4), .month = 202601 + o, .capacity = rnd_range(0, 60)};
    }
    for (int i = 0; i < in->n_inquiries; i++) {
        int64_t q = rnd_range(1, 50);
        int64_t g = ALLOC_GUARANTEE_AUTO;
        if (guarantees && rnd() % 2) {
            g = rnd_range(0, q);
        }
        in->inquiries[i] = (alloc_inquiry){.id = 1000 - 7 * i, .quantity = q, .guarantee = g};
    }
    in->n_pairs = 0;
    int density = (int)rnd_range(10, 90);
    for (int o = 0; o < in->n_offers; o++) {
        for (int i = 0; i < in->n_inquiries; i++) {
            if ((int)(rnd() % 100) < density) {
                in->pairs[in->n_pairs++] = (alloc_pair){
                    .offer = o,
                    .inquiry = i,
                    .stars = (int)rnd_range(1, 5),
                    .distance_km = (int)rnd_range(0, 1500),
                    .price_kvnd = rnd_range(10, 500),
                    .max_qty = rnd() % 6 == 0 ? rnd_range(1, 30) : 0,
                };
            }
        }
    }
}

typedef struct gv {
    double rhs, pi;
} gv;

typedef struct ga {
    double low, cap, cost, x;
} ga;

static int64_t pair_cap(const instance *in, const alloc_pair *pr) {
    int64_t u = in->offers[pr->offer].capacity;
    if (in->inquiries[pr->inquiry].quantity < u) {
        u = in->inquiries[pr->inquiry].quantity;
    }
    if (pr->max_qty > 0 && pr->max_qty < u) {
        u = pr->max_qty;
    }
    return u;
}

/* Kept holds on about one pair in four, within every capacity, quantity and pair bound. */
static void add_holds(instance *in) {
    int64_t off_left[16], inq_left[24];
    for (int o = 0; o < in->n_offers; o++) {
        off_left[o] = in->offers[o].capacity;
    }
    for (int i = 0; i < in->n_inquiries; i++) {
        inq_left[i] = in->inquiries[i].quantity;
    }
    for (int k = 0; k < in->n_pairs; k++) {
        alloc_pair *pr = &in->pairs[k];
        if (rnd() % 4 != 0) {
            continue;
        }
        int64_t h = rnd_range(1, 8);
        int64_t limits[3] = {off_left[pr->offer], inq_left[pr->inquiry], pair_cap(in, pr)};
        for (int j = 0; j < 3; j++) {
            if (limits[j] < h) {
                h = limits[j];
            }
        }
        pr->held = h;
        off_left[pr->offer] -= h;
        inq_left[pr->inquiry] -= h;
    }
}

/* The bipartite network S → offers → inquiries → T in GLPK, without any bypass. */
static glp_graph *glpk_bipartite(const instance *in, const alloc_params *params) {
    glp_graph *G = glp_create_graph(sizeof(gv), sizeof(ga));
    int s = 1, t = 2 + in->n_offers + in->n_inquiries;
    glp_add_vertices(G, t);
    for (int o = 0; o < in->n_offers; o++) {
        ga *d = glp_add_arc(G, s, 2 + o)->data;
        *d = (ga){.cap = (double)in->offers[o].capacity};
    }
    for (int k = 0; k < in->n_pairs; k++) {
        const alloc_pair *pr = &in->pairs[k];
        ga *d = glp_add_arc(G, 2 + pr->offer, 2 + in->n_offers + pr->inquiry)->data;
        *d = (ga){.cap = (double)pair_cap(in, pr), .cost = (double)alloc_unit_cost(params, pr)};
    }
    for (int i = 0; i < in->n_inquiries; i++) {
        ga *d = glp_add_arc(G, 2 + in->n_offers + i, t)->data;
        *d = (ga){.cap = (double)in->inquiries[i].quantity};
    }
    return G;
}

static void the_total_allocated_equals_glpk_max_flow_on_300_random_instances(void **state) {
    rng_state = 20261129;
    instance *in = xmalloc(sizeof *in);
    for (int run = 0; run < 300; run++) {
        random_instance(in, true);
        alloc_params params = params_with((int)rnd_range(1, 6));
        ocop_error err = {{0}};
        alloc_problem *p = alloc_create(in->offers, in->n_offers, in->inquiries, in->n_inquiries,
                                        in->pairs, in->n_pairs, &params, &err);
        if (p == NULL) {
            fail_msg("run %d: %s", run, err.msg);
        }
        alloc_result r;
        solve_ok(p, &r);
        glp_graph *G = glpk_bipartite(in, &params);
        double maxflow = 0;
        assert_int_equal(glp_maxflow_ffalg(G, 1, G->nv, offsetof(ga, cap), &maxflow, -1, -1), 0);
        if ((double)r.total_allocated != maxflow) {
            fail_msg("run %d: allocated %lld, GLPK max flow %.0f", run,
                     (long long)r.total_allocated, maxflow);
        }
        /* Per-inquiry bookkeeping adds up. */
        int64_t unmet = 0;
        for (int i = 0; i < in->n_inquiries; i++) {
            assert_true(r.unmet[i] >= 0 && r.unmet[i] <= in->inquiries[i].quantity);
            unmet += r.unmet[i];
        }
        assert_int_equal(unmet, r.total_unmet);
        assert_int_equal(r.total_demand - r.total_allocated, r.total_unmet);
        glp_delete_graph(G);
        alloc_result_free(&r);
        alloc_destroy(p);
    }
    free(in);
}

static void without_tiers_the_cost_is_glpk_min_cost_among_maximum_flows(void **state) {
    /* Independent lexicographic check: GLPK's max-flow value F, then GLPK's min-cost flow of
     * exactly F units through the bipartite network, must cost what the allocator reports. */
    rng_state = 77;
    instance *in = xmalloc(sizeof *in);
    for (int run = 0; run < 300; run++) {
        random_instance(in, false);
        alloc_params params = params_with(1);
        ocop_error err = {{0}};
        alloc_problem *p = alloc_create(in->offers, in->n_offers, in->inquiries, in->n_inquiries,
                                        in->pairs, in->n_pairs, &params, &err);
        assert_non_null(p);
        alloc_result r;
        solve_ok(p, &r);
        glp_graph *G = glpk_bipartite(in, &params);
        double maxflow = 0, cost = 0;
        assert_int_equal(glp_maxflow_ffalg(G, 1, G->nv, offsetof(ga, cap), &maxflow, -1, -1), 0);
        ((gv *)G->v[1]->data)->rhs = maxflow;
        ((gv *)G->v[G->nv]->data)->rhs = -maxflow;
        assert_int_equal(glp_mincost_okalg(G, offsetof(gv, rhs), offsetof(ga, low),
                                           offsetof(ga, cap), offsetof(ga, cost), &cost, -1, -1),
                         0);
        if ((double)r.total_cost != cost) {
            fail_msg("run %d: allocator cost %lld, GLPK min-cost max-flow %.0f", run,
                     (long long)r.total_cost, cost);
        }
        glp_delete_graph(G);
        alloc_result_free(&r);
        alloc_destroy(p);
    }
    free(in);
}

static void the_dimacs_instance_with_holds_gives_glpk_the_same_objective(void **state) {
    rng_state = 5;
    instance *in = xmalloc(sizeof *in);
    const char *dir = test_tmpdir();
    char path[512];
    assert_true(str_format(path, sizeof path, "%s/alloc.min", dir));
    for (int run = 0; run < 100; run++) {
        random_instance(in, true);
        add_holds(in);
        alloc_params params = params_with(3);
        params.w_price = 0; /* keeps the penalties well inside GLPK's INT_MAX */
        ocop_error err = {{0}};
        alloc_problem *p = alloc_create(in->offers, in->n_offers, in->inquiries, in->n_inquiries,
                                        in->pairs, in->n_pairs, &params, &err);
        assert_non_null(p);
        FILE *f = fopen(path, "w");
        assert_non_null(f);
        alloc_write_dimacs(p, f);
        fclose(f);
        alloc_result r;
        solve_ok(p, &r);
        glp_graph *G = glp_create_graph(sizeof(gv), sizeof(ga));
        assert_int_equal(glp_read_mincost(G, offsetof(gv, rhs), offsetof(ga, low),
                                          offsetof(ga, cap), offsetof(ga, cost), path),
                         0);
        double cost = 0;
        assert_int_equal(glp_mincost_okalg(G, offsetof(gv, rhs), offsetof(ga, low),
                                           offsetof(ga, cap), offsetof(ga, cost), &cost, -1, -1),
                         0);
        assert_true((double)r.penalty + (double)r.total_cost == cost);
        for (int k = 0; k < in->n_pairs; k++) {
            assert_true(r.pair_qty[k] >= in->pairs[k].held);
        }
        glp_delete_graph(G);
        alloc_result_free(&r);
        alloc_destroy(p);
    }
    test_tmpdir_remove();
    free(in);
}

/* ---- a fair-sized instance against an own max-flow (Dinic) ------------------------------- */

typedef struct dinic {
    int n, m;
    int *head, *next, *to, *level, *it, *queue;
    int64_t *cap;
} dinic;

static void dinic_init(dinic *d, int n, int max_arcs) {
    d->n = n;
    d->m = 0;
    d->head = xmalloc((size_t)n * sizeof *d->head);
    d->level = xmalloc((size_t)n * sizeof *d->level);
    d->it = xmalloc((size_t)n * sizeof *d->it);
    d->queue = xmalloc((size_t)n * sizeof *d->queue);
    d->next = xmalloc((size_t)max_arcs * 2 * sizeof *d->next);
    d->to = xmalloc((size_t)max_arcs * 2 * sizeof *d->to);
    d->cap = xmalloc((size_t)max_arcs * 2 * sizeof *d->cap);
    for (int u = 0; u < n; u++) {
        d->head[u] = -1;
    }
}

static void dinic_arc(dinic *d, int u, int v, int64_t cap) {
    d->to[d->m] = v, d->cap[d->m] = cap, d->next[d->m] = d->head[u], d->head[u] = d->m++;
    d->to[d->m] = u, d->cap[d->m] = 0, d->next[d->m] = d->head[v], d->head[v] = d->m++;
}

static int64_t dinic_push(dinic *d, int u, int t, int64_t f) {
    if (u == t) {
        return f;
    }
    for (; d->it[u] >= 0; d->it[u] = d->next[d->it[u]]) {
        int e = d->it[u], v = d->to[e];
        if (d->cap[e] > 0 && d->level[v] == d->level[u] + 1) {
            int64_t got = dinic_push(d, v, t, f < d->cap[e] ? f : d->cap[e]);
            if (got > 0) {
                d->cap[e] -= got;
                d->cap[e ^ 1] += got;
                return got;
            }
        }
    }
    return 0;
}

static int64_t dinic_maxflow(dinic *d, int s, int t) {
    int64_t total = 0;
    for (;;) {
        for (int u = 0; u < d->n; u++) {
            d->level[u] = -1;
        }
        int qh = 0, qt = 0;
        d->queue[qt++] = s;
        d->level[s] = 0;
        while (qh < qt) {
            int u = d->queue[qh++];
            for (int e = d->head[u]; e >= 0; e = d->next[e]) {
                if (d->cap[e] > 0 && d->level[d->to[e]] < 0) {
                    d->level[d->to[e]] = d->level[u] + 1;
                    d->queue[qt++] = d->to[e];
                }
            }
        }
        if (d->level[t] < 0) {
            return total;
        }
        for (int u = 0; u < d->n; u++) {
            d->it[u] = d->head[u];
        }
        int64_t f;
        while ((f = dinic_push(d, s, t, INT64_MAX)) > 0) {
            total += f;
        }
    }
}

static void dinic_free(dinic *d) {
    free(d->head);
    free(d->next);
    free(d->to);
    free(d->cap);
    free(d->level);
    free(d->it);
    free(d->queue);
}

static void a_3000_by_600_instance_allocates_the_max_flow_and_is_certified(void **state) {
    /* 600 products in 20 groups, 3,000 inquiries for a group each (≈ 90,000 pairs),
     * quantities 0.1–10 t in grams, capacity about 80 % of demand. */
    enum { P = 600, G = 20, I = 3000 };
    rng_state = 31337;
    alloc_offer *offers = xmalloc(P * sizeof *offers);
    alloc_inquiry *inqs = xmalloc(I * sizeof *inqs);
    alloc_pair *pairs = xmalloc((size_t)I * (P / G) * sizeof *pairs);
    int64_t demand = 0;
    for (int i = 0; i < I; i++) {
        inqs[i] = (alloc_inquiry){
            .id = i, .quantity = rnd_range(1, 100) * 100000, .guarantee = ALLOC_GUARANTEE_AUTO};
        demand += inqs[i].quantity;
    }
    for (int p = 0; p < P; p++) {
        offers[p] = (alloc_offer){.product_id = p,
                                  .month = 202612,
                                  .capacity = demand * 8 / 10 / P * rnd_range(1, 19) / 10};
    }
    int n_pairs = 0;
    for (int i = 0; i < I; i++) {
        int g = (int)rnd_range(0, G - 1);
        for (int p = g * (P / G); p < (g + 1) * (P / G); p++) {
            if (rnd() % 5 == 0) {
                continue; /* not every product passes the inquiry's filters */
            }
            pairs[n_pairs++] = (alloc_pair){.offer = p,
                                            .inquiry = i,
                                            .stars = (int)rnd_range(3, 5),
                                            .distance_km = (int)rnd_range(0, 1800),
                                            .price_kvnd = rnd_range(20, 500)};
        }
    }
    ocop_error err = {{0}};
    alloc_problem *pb = alloc_create(offers, P, inqs, I, pairs, n_pairs, NULL, &err);
    assert_non_null(pb);
    alloc_result r;
    solve_ok(pb, &r);

    dinic d;
    int s = P + I, t = P + I + 1;
    dinic_init(&d, P + I + 2, P + I + n_pairs);
    for (int p = 0; p < P; p++) {
        dinic_arc(&d, s, p, offers[p].capacity);
    }
    for (int k = 0; k < n_pairs; k++) {
        int64_t cap = offers[pairs[k].offer].capacity < inqs[pairs[k].inquiry].quantity
                          ? offers[pairs[k].offer].capacity
                          : inqs[pairs[k].inquiry].quantity;
        dinic_arc(&d, pairs[k].offer, P + pairs[k].inquiry, cap);
    }
    for (int i = 0; i < I; i++) {
        dinic_arc(&d, P + i, t, inqs[i].quantity);
    }
    int64_t maxflow = dinic_maxflow(&d, s, t);
    assert_int_equal(r.total_allocated, maxflow);
    assert_true(r.total_unmet > 0); /* scarce: the bound and the tiers both matter */
    dinic_free(&d);
    alloc_result_free(&r);
    alloc_destroy(pb);
    free(offers);
    free(inqs);
    free(pairs);
}

/* ---- holds, determinism, validation ----------------------------------------------------- */

static void kept_holds_stay_as_lower_bounds_even_when_another_buyer_is_cheaper(void **state) {
    alloc_offer offer = {.product_id = 1, .month = 202612, .capacity = 100};
    alloc_inquiry inq[2] = {{.id = 1, .quantity = 100, .guarantee = 0},
                            {.id = 2, .quantity = 100, .guarantee = 0}};
    alloc_pair pairs[2] = {{.offer = 0, .inquiry = 0, .stars = 5, .distance_km = 5},
                           {.offer = 0, .inquiry = 1, .stars = 3, .distance_km = 900, .held = 40}};
    alloc_params params = params_with(1);
    ocop_error err = {{0}};
    alloc_problem *p = alloc_create(&offer, 1, inq, 2, pairs, 2, &params, &err);
    assert_non_null(p);
    alloc_result r;
    solve_ok(p, &r);
    assert_int_equal(r.pair_qty[1], 40); /* the hold, and not a unit more */
    assert_int_equal(r.pair_qty[0], 60);
    assert_int_equal(r.total_allocated, 100);
    alloc_result_free(&r);
    alloc_destroy(p);

    /* Without the hold, the cheap buyer takes everything. */
    pairs[1].held = 0;
    p = alloc_create(&offer, 1, inq, 2, pairs, 2, &params, &err);
    solve_ok(p, &r);
    assert_int_equal(r.pair_qty[0], 100);
    alloc_result_free(&r);
    alloc_destroy(p);
}

static void holds_above_the_capacity_are_refused_with_the_offer_named(void **state) {
    alloc_offer offer = {.product_id = 55, .month = 202612, .capacity = 100};
    alloc_inquiry inq[2] = {{.id = 1, .quantity = 80, .guarantee = ALLOC_GUARANTEE_AUTO},
                            {.id = 2, .quantity = 80, .guarantee = ALLOC_GUARANTEE_AUTO}};
    alloc_pair pairs[2] = {{.offer = 0, .inquiry = 0, .stars = 4, .held = 60},
                           {.offer = 0, .inquiry = 1, .stars = 4, .held = 60}};
    ocop_error err = {{0}};
    assert_null(alloc_create(&offer, 1, inq, 2, pairs, 2, NULL, &err));
    assert_non_null(strstr(err.msg, "offer 0 (product 55, month 202612)"));
    assert_non_null(strstr(err.msg, "kept holds total 120 above the capacity 100"));
}

static void bad_input_is_refused_with_the_item_and_the_reason(void **state) {
    alloc_offer offers[2] = {{.product_id = 1, .month = 202612, .capacity = 10},
                             {.product_id = 2, .month = 202612, .capacity = 10}};
    alloc_inquiry inq[1] = {{.id = 9, .quantity = 5, .guarantee = ALLOC_GUARANTEE_AUTO}};
    alloc_pair pair = {.offer = 1, .inquiry = 0, .stars = 7};
    ocop_error err = {{0}};
    assert_null(alloc_create(offers, 2, inq, 1, &pair, 1, NULL, &err));
    assert_string_equal(err.msg, "pair 0 (offer 1, inquiry 0): stars 7 not in 1 … 5");

    pair.stars = 4;
    inq[0].guarantee = 6;
    assert_null(alloc_create(offers, 2, inq, 1, &pair, 1, NULL, &err));
    assert_string_equal(err.msg, "inquiry 0 (id 9): guarantee 6 not in 0 … quantity 5");

    inq[0].guarantee = ALLOC_GUARANTEE_AUTO;
    offers[1].product_id = 1; /* the same product and month twice */
    assert_null(alloc_create(offers, 2, inq, 1, &pair, 1, NULL, &err));
    assert_string_equal(err.msg, "offer 1: product 1, month 202612 repeats offer 0");

    offers[1].product_id = 2;
    alloc_pair two[2] = {pair, pair};
    assert_null(alloc_create(offers, 2, inq, 1, two, 2, NULL, &err));
    assert_string_equal(err.msg, "pair 1: offer 1, inquiry 0 repeats pair 0");

    inq[0].quantity = 0;
    assert_null(alloc_create(offers, 2, inq, 1, &pair, 1, NULL, &err));
    assert_non_null(strstr(err.msg, "inquiry 0 (id 9): quantity 0 not in 1"));

    inq[0].quantity = 5;
    pair.inquiry = 3;
    assert_null(alloc_create(offers, 2, inq, 1, &pair, 1, NULL, &err));
    assert_non_null(strstr(err.msg, "pair 0: offer 1 or inquiry 3 out of range"));

    alloc_params params;
    alloc_params_default(&params);
    params.fair_tiers = 0;
    pair.inquiry = 0;
    assert_null(alloc_create(offers, 2, inq, 1, &pair, 1, &params, &err));
    assert_non_null(strstr(err.msg, "fair_tiers 0"));
}

static void solving_by_components_gives_the_same_optimum_as_one_network(void **state) {
    rng_state = 4242;
    instance *in = xmalloc(sizeof *in);
    for (int run = 0; run < 200; run++) {
        random_instance(in, true);
        if (run % 2) {
            add_holds(in);
        }
        alloc_params whole = params_with((int)rnd_range(1, 5)), parts = whole;
        whole.decompose = false;
        parts.decompose = true;
        ocop_error err = {{0}};
        alloc_problem *a = alloc_create(in->offers, in->n_offers, in->inquiries, in->n_inquiries,
                                        in->pairs, in->n_pairs, &whole, &err);
        alloc_problem *b = alloc_create(in->offers, in->n_offers, in->inquiries, in->n_inquiries,
                                        in->pairs, in->n_pairs, &parts, &err);
        alloc_result ra, rb;
        solve_ok(a, &ra);
        solve_ok(b, &rb);
        assert_int_equal(ra.total_allocated, rb.total_allocated);
        assert_int_equal(ra.penalty, rb.penalty);
        assert_int_equal(ra.total_cost, rb.total_cost);
        alloc_result_free(&ra);
        alloc_result_free(&rb);
        alloc_destroy(a);
        alloc_destroy(b);
    }
    free(in);
}

static void unit_costs_too_large_are_refused_with_advice_to_lower_the_weights(void **state) {
    alloc_offer offer = {.product_id = 1, .month = 202612, .capacity = 10};
    alloc_inquiry inq = {.id = 1, .quantity = 5, .guarantee = ALLOC_GUARANTEE_AUTO};
    alloc_pair pair = {.offer = 0, .inquiry = 0, .stars = 4, .distance_km = 20000};
    alloc_params params;
    alloc_params_default(&params);
    params.w_km = 1000000; /* 2·10^10 per unit for this pair */
    ocop_error err = {{0}};
    assert_null(alloc_create(&offer, 1, &inq, 1, &pair, 1, &params, &err));
    assert_non_null(strstr(err.msg, "pair 0 (offer 0, inquiry 0): unit cost above"));
    assert_non_null(strstr(err.msg, "lower the weights"));

    /* Each unit cost is allowed, but a chain of 1,000 offers and 1,001 inquiries makes the
     * penalties times the network size too large for 64-bit potentials. */
    enum { N = 1000 };
    alloc_offer *offers = xmalloc(N * sizeof *offers);
    alloc_inquiry *inqs = xmalloc((N + 1) * sizeof *inqs);
    alloc_pair *pairs = xmalloc(2 * N * sizeof *pairs);
    params.w_km = 0;
    params.w_price = 1;
    for (int k = 0; k <= N; k++) {
        inqs[k] = (alloc_inquiry){.id = k, .quantity = 5, .guarantee = ALLOC_GUARANTEE_AUTO};
    }
    for (int k = 0; k < N; k++) {
        offers[k] = (alloc_offer){.product_id = k, .month = 202612, .capacity = 5};
        pairs[2 * k] = (alloc_pair){.offer = k, .inquiry = k, .stars = 5, .price_kvnd = 90000000};
        pairs[2 * k + 1] = (alloc_pair){.offer = k, .inquiry = k + 1, .stars = 5};
    }
    alloc_problem *p = alloc_create(offers, N, inqs, N + 1, pairs, 2 * N, &params, &err);
    assert_non_null(p);
    alloc_result r;
    assert_int_equal(alloc_solve(p, &r, &err), -1);
    assert_non_null(strstr(err.msg, "too large for 64-bit arithmetic"));
    assert_false(r.certified);
    alloc_result_free(&r);
    alloc_destroy(p);
    free(offers);
    free(inqs);
    free(pairs);
}

static void shuffled_input_gives_the_same_allocation(void **state) {
    rng_state = 99;
    instance *in = xmalloc(sizeof *in), *sh = xmalloc(sizeof *sh);
    for (int run = 0; run < 50; run++) {
        random_instance(in, true);
        /* Many ties: equal costs everywhere. */
        for (int k = 0; k < in->n_pairs; k++) {
            in->pairs[k].stars = 4;
            in->pairs[k].distance_km = 100;
            in->pairs[k].price_kvnd = 50;
        }
        /* A permuted copy: offers and inquiries reversed, pairs rotated. */
        *sh = *in;
        for (int o = 0; o < in->n_offers; o++) {
            sh->offers[in->n_offers - 1 - o] = in->offers[o];
        }
        for (int i = 0; i < in->n_inquiries; i++) {
            sh->inquiries[in->n_inquiries - 1 - i] = in->inquiries[i];
        }
        int shift = in->n_pairs > 0 ? (int)(rnd() % (uint32_t)in->n_pairs) : 0;
        for (int k = 0; k < in->n_pairs; k++) {
            alloc_pair pr = in->pairs[k];
            pr.offer = in->n_offers - 1 - pr.offer;
            pr.inquiry = in->n_inquiries - 1 - pr.inquiry;
            sh->pairs[(k + shift) % in->n_pairs] = pr;
        }
        ocop_error err = {{0}};
        alloc_problem *a = alloc_create(in->offers, in->n_offers, in->inquiries, in->n_inquiries,
                                        in->pairs, in->n_pairs, NULL, &err);
        alloc_problem *b = alloc_create(sh->offers, sh->n_offers, sh->inquiries, sh->n_inquiries,
                                        sh->pairs, sh->n_pairs, NULL, &err);
        assert_non_null(a);
        assert_non_null(b);
        alloc_result ra, rb;
        solve_ok(a, &ra);
        solve_ok(b, &rb);
        for (int k = 0; k < in->n_pairs; k++) {
            assert_int_equal(ra.pair_qty[k], rb.pair_qty[(k + shift) % in->n_pairs]);
        }
        assert_int_equal(ra.total_cost, rb.total_cost);
        alloc_result_free(&ra);
        alloc_result_free(&rb);
        alloc_destroy(a);
        alloc_destroy(b);
    }
    free(in);
    free(sh);
}

static void an_empty_problem_allocates_nothing(void **state) {
    ocop_error err = {{0}};
    alloc_problem *p = alloc_create(NULL, 0, NULL, 0, NULL, 0, NULL, &err);
    assert_non_null(p);
    alloc_result r;
    solve_ok(p, &r);
    assert_int_equal(r.total_allocated, 0);
    assert_int_equal(r.total_cost, 0);
    alloc_result_free(&r);
    alloc_destroy(p);
}

static void quantities_scale_to_grams_millilitres_and_pieces(void **state) {
    int64_t q = 0;
    ocop_error err = {{0}};
    assert_int_equal(alloc_to_scaled(2.5, "kg", &q, &err), 0);
    assert_int_equal(q, 2500);
    assert_int_equal(alloc_to_scaled(0.3333, "l", &q, &err), 0);
    assert_int_equal(q, 333);
    assert_int_equal(alloc_to_scaled(12, "piece", &q, &err), 0);
    assert_int_equal(q, 12);
    assert_true(alloc_from_scaled(2500, "kg") == 2.5);
    assert_int_equal(alloc_to_scaled(1, "tấn", &q, &err), -1);
    assert_non_null(strstr(err.msg, "not a base unit"));
    assert_int_equal(alloc_to_scaled(-1, "kg", &q, &err), -1);
    assert_int_equal(alloc_to_scaled(2e9, "kg", &q, &err), -1); /* 2 million tonnes */
    assert_non_null(strstr(err.msg, "above the allocator's limit"));
}

int main(void) {
    glp_term_out(GLP_OFF);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(without_tiers_the_nearest_buyer_takes_the_whole_small_cooperative),
        cmocka_unit_test(with_a_three_tonne_guarantee_the_cooperative_is_shared_4_3_3),
        cmocka_unit_test(with_ten_automatic_tiers_every_buyer_gets_a_share),
        cmocka_unit_test(the_default_parameters_share_the_small_cooperative),
        cmocka_unit_test(the_total_allocated_equals_glpk_max_flow_on_300_random_instances),
        cmocka_unit_test(without_tiers_the_cost_is_glpk_min_cost_among_maximum_flows),
        cmocka_unit_test(the_dimacs_instance_with_holds_gives_glpk_the_same_objective),
        cmocka_unit_test(a_3000_by_600_instance_allocates_the_max_flow_and_is_certified),
        cmocka_unit_test(kept_holds_stay_as_lower_bounds_even_when_another_buyer_is_cheaper),
        cmocka_unit_test(holds_above_the_capacity_are_refused_with_the_offer_named),
        cmocka_unit_test(bad_input_is_refused_with_the_item_and_the_reason),
        cmocka_unit_test(solving_by_components_gives_the_same_optimum_as_one_network),
        cmocka_unit_test(unit_costs_too_large_are_refused_with_advice_to_lower_the_weights),
        cmocka_unit_test(shuffled_input_gives_the_same_allocation),
        cmocka_unit_test(an_empty_problem_allocates_nothing),
        cmocka_unit_test(quantities_scale_to_grams_millilitres_and_pieces),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
