/* test_alloc.c: the batch allocation model (alloc.h): the LP's total against an independent
 * max-flow (GLPK) over every eligible (offer, inquiry) pair (no class nodes), the least cost
 * among largest totals against GLPK, whole sale units and minimum orders against GLPK's MIP
 * (the bound, the gap and the "optimal" claim), promises, fair-share tiers, determinism,
 * validation and scaling. */
#include "test_support.h"

#include "core/alloc.h"
#include "core/base.h"
#include "core/mcf.h"

#include <glpk.h>
#include <math.h>
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
    assert_true(r->lp_certified);
}

/* What the result gives inquiry i from offer o. */
static int64_t qty_of(const alloc_result *r, int o, int i) {
    int64_t q = 0;
    for (int k = 0; k < r->n_items; k++) {
        if (r->items[k].offer == o && r->items[k].inquiry == i) {
            q += r->items[k].qty;
        }
    }
    return q;
}

/* ---- the fairness example of the research notes ----------------------------------------- */

/* One cooperative with 10 t (10^7 g), three buyers of 10 t each at 10, 20 and 30 km (three
 * classes: the distances differ). */
static alloc_problem *small_cooperative(const alloc_params *params, int64_t guarantee) {
    alloc_offer offer = {.product_id = 7, .month = 202612, .capacity = 10000000};
    alloc_inquiry inq[3];
    alloc_link links[3];
    for (int i = 0; i < 3; i++) {
        inq[i] = (alloc_inquiry){
            .id = 100 + i, .quantity = 10000000, .guarantee = guarantee, .klass = i};
        links[i] = (alloc_link){.offer = 0, .klass = i, .stars = 4, .distance_km = 10 * (i + 1)};
    }
    ocop_error err = {{0}};
    alloc_problem *p = alloc_create(&offer, 1, inq, 3, 3, links, 3, params, &err);
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
    assert_true(r.optimal);
    assert_int_equal(r.total_allocated, 10000000);
    assert_int_equal(qty_of(&r, 0, 0), 10000000);
    assert_int_equal(qty_of(&r, 0, 1), 0);
    assert_int_equal(qty_of(&r, 0, 2), 0);
    assert_int_equal(r.inquiries_unfilled, 2);
    assert_int_equal(r.min_fill_permille, 0);
    alloc_result_free(&r);
    alloc_destroy(p);
}

static void with_a_three_tonne_guarantee_the_cooperative_is_shared_4_3_3(void **state) {
    alloc_params params = params_with(1);
    alloc_problem *p = small_cooperative(&params, 3000000);
    alloc_result r;
    solve_ok(p, &r);
    assert_int_equal(r.total_allocated, 10000000);
    assert_int_equal(qty_of(&r, 0, 0), 4000000);
    assert_int_equal(qty_of(&r, 0, 1), 3000000);
    assert_int_equal(qty_of(&r, 0, 2), 3000000);
    /* unit cost = 100 · (5 − 4) + km */
    assert_int_equal(r.total_cost, 4000000LL * 110 + 3000000LL * 120 + 3000000LL * 130);
    assert_int_equal(r.inquiries_unfilled, 0);
    assert_int_equal(r.min_fill_permille, 300);
    assert_int_equal(r.p10_fill_permille, 300);
    alloc_result_free(&r);
    alloc_destroy(p);
}

static void with_ten_automatic_tiers_every_buyer_gets_a_share(void **state) {
    alloc_params params = params_with(10);
    alloc_problem *p = small_cooperative(&params, ALLOC_GUARANTEE_AUTO);
    alloc_result r;
    solve_ok(p, &r);
    /* Tiers of 1 t: all three first tiers (9 t), then the nearest buyer's fourth. */
    assert_int_equal(qty_of(&r, 0, 0), 4000000);
    assert_int_equal(qty_of(&r, 0, 1), 3000000);
    assert_int_equal(qty_of(&r, 0, 2), 3000000);
    assert_true(r.optimal);
    alloc_result_free(&r);
    alloc_destroy(p);
}

/* ---- random instances against GLPK --------------------------------------------------------- */

enum { MAX_OFFERS = 12, MAX_INQUIRIES = 20, MAX_CLASSES = 6 };

typedef struct instance {
    int n_offers, n_inquiries, n_classes, n_links;
    alloc_offer offers[MAX_OFFERS];
    alloc_inquiry inquiries[MAX_INQUIRIES];
    alloc_link links[MAX_OFFERS * MAX_CLASSES];
} instance;

/* Random offers (products 1–4 over months), classes and inquiries; with `units`, products get
 * sale units of 1–7 and sometimes minimum orders. */
static void random_instance(instance *in, bool guarantees, bool units) {
    /* Integer instances stay small enough for GLPK's branch and bound. */
    in->n_offers = (int)rnd_range(1, units ? 5 : MAX_OFFERS);
    in->n_inquiries = (int)rnd_range(1, units ? 7 : MAX_INQUIRIES);
    in->n_classes = (int)rnd_range(1, units ? 3 : MAX_CLASSES);
    int64_t unit[5] = {1, 1, 1, 1, 1}, moq[5] = {0};
    if (units) {
        for (int p = 1; p <= 4; p++) {
            unit[p] = rnd_range(1, 7);
            moq[p] = rnd() % 3 == 0 ? unit[p] * rnd_range(1, 4) + rnd_range(0, 2) : 0;
        }
    }
    for (int o = 0; o < in->n_offers; o++) {
        int64_t pid = rnd_range(1, 4);
        in->offers[o] = (alloc_offer){.product_id = pid,
                                      .month = 202601 + o,
                                      .capacity = rnd_range(0, 60),
                                      .unit = unit[pid],
                                      .moq = moq[pid]};
    }
    for (int i = 0; i < in->n_inquiries; i++) {
        int64_t q = rnd_range(1, 50);
        int64_t g = ALLOC_GUARANTEE_AUTO;
        if (guarantees && rnd() % 2) {
            g = rnd_range(0, q);
        }
        in->inquiries[i] = (alloc_inquiry){.id = 1000 - 7 * i,
                                           .quantity = q,
                                           .guarantee = g,
                                           .klass = (int)rnd_range(0, in->n_classes - 1)};
    }
    in->n_links = 0;
    int density = (int)rnd_range(10, 90);
    for (int o = 0; o < in->n_offers; o++) {
        for (int c = 0; c < in->n_classes; c++) {
            if ((int)(rnd() % 100) < density) {
                in->links[in->n_links++] = (alloc_link){
                    .offer = o,
                    .klass = c,
                    .stars = (int)rnd_range(1, 5),
                    .distance_km = (int)rnd_range(0, 1500),
                    .price_kvnd = rnd_range(10, 500),
                };
            }
        }
    }
}

/* Promises on about one inquiry in three, each within what some feasible allocation gives:
 * they are taken from a greedy allocation, as the kiosk's instant holds would be. */
static void add_promises(instance *in) {
    int64_t left[MAX_OFFERS];
    for (int o = 0; o < in->n_offers; o++) {
        left[o] = in->offers[o].capacity;
    }
    for (int i = 0; i < in->n_inquiries; i++) {
        alloc_inquiry *q = &in->inquiries[i];
        q->guarantee = ALLOC_GUARANTEE_AUTO;
        if (rnd() % 3 != 0) {
            continue;
        }
        for (int k = 0; k < in->n_links && q->promised < q->quantity; k++) {
            if (in->links[k].klass == q->klass) {
                int o = in->links[k].offer;
                int64_t t =
                    left[o] < q->quantity - q->promised ? left[o] : q->quantity - q->promised;
                q->promised += t;
                left[o] -= t;
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

/* The bipartite network S → offers → inquiries → T in GLPK, one arc per eligible (offer,
 * inquiry) pair (the links expanded over each class's inquiries), without any bypass. */
static glp_graph *glpk_bipartite(const instance *in, const alloc_params *params) {
    glp_graph *G = glp_create_graph(sizeof(gv), sizeof(ga));
    int s = 1, t = 2 + in->n_offers + in->n_inquiries;
    glp_add_vertices(G, t);
    for (int o = 0; o < in->n_offers; o++) {
        ga *d = glp_add_arc(G, s, 2 + o)->data;
        *d = (ga){.cap = (double)in->offers[o].capacity};
    }
    for (int k = 0; k < in->n_links; k++) {
        const alloc_link *l = &in->links[k];
        for (int i = 0; i < in->n_inquiries; i++) {
            if (in->inquiries[i].klass == l->klass) {
                ga *d = glp_add_arc(G, 2 + l->offer, 2 + in->n_offers + i)->data;
                *d = (ga){.cap = (double)in->inquiries[i].quantity,
                          .cost = (double)alloc_unit_cost(params, l)};
            }
        }
    }
    for (int i = 0; i < in->n_inquiries; i++) {
        ga *d = glp_add_arc(G, 2 + in->n_offers + i, t)->data;
        *d = (ga){.cap = (double)in->inquiries[i].quantity};
    }
    return G;
}

static alloc_problem *create_ok(const instance *in, const alloc_params *params) {
    ocop_error err = {{0}};
    alloc_problem *p = alloc_create(in->offers, in->n_offers, in->inquiries, in->n_inquiries,
                                    in->n_classes, in->links, in->n_links, params, &err);
    if (p == NULL) {
        fail_msg("alloc_create: %s", err.msg);
    }
    return p;
}

/* Capacity and demand never exceeded, items only on eligible pairs, whole units and minimum
 * orders kept (when integral), and the totals add up. */
static void check_feasible(const instance *in, const alloc_result *r, bool integral) {
    int64_t used[MAX_OFFERS] = {0}, got[MAX_INQUIRIES] = {0};
    int64_t per_product[MAX_INQUIRIES][5] = {{0}};
    int64_t total = 0;
    for (int k = 0; k < r->n_items; k++) {
        const alloc_item *it = &r->items[k];
        assert_true(it->qty > 0);
        assert_int_equal(in->links[it->link].offer, it->offer);
        assert_int_equal(in->links[it->link].klass, in->inquiries[it->inquiry].klass);
        const alloc_offer *o = &in->offers[it->offer];
        if (integral && o->unit > 1 && it->qty % o->unit != 0) {
            fail_msg("item %d: %lld is not a whole number of units of %lld", k, (long long)it->qty,
                     (long long)o->unit);
        }
        used[it->offer] += it->qty;
        got[it->inquiry] += it->qty;
        per_product[it->inquiry][o->product_id] += it->qty;
        total += it->qty;
    }
    for (int o = 0; o < in->n_offers; o++) {
        assert_true(used[o] <= in->offers[o].capacity);
    }
    for (int i = 0; i < in->n_inquiries; i++) {
        assert_true(got[i] <= in->inquiries[i].quantity);
        assert_int_equal(r->unmet[i], in->inquiries[i].quantity - got[i]);
        for (int o = 0; integral && o < in->n_offers; o++) {
            int64_t t = per_product[i][in->offers[o].product_id];
            if (t > 0 && t < in->offers[o].moq) {
                fail_msg("inquiry %d: %lld of product %lld, below its minimum order %lld", i,
                         (long long)t, (long long)in->offers[o].product_id,
                         (long long)in->offers[o].moq);
            }
        }
    }
    assert_int_equal(total, r->total_allocated);
    assert_int_equal(r->total_demand - r->total_allocated, r->total_unmet);
    assert_int_equal(r->bound - r->total_allocated, r->gap);
    assert_true(!r->optimal || r->gap == 0); /* "certified optimal" only with a zero gap */
}

static void the_lp_total_equals_glpk_max_flow_over_all_pairs_on_300_random_instances(void **s) {
    rng_state = 20261129;
    instance *in = xmalloc(sizeof *in);
    for (int run = 0; run < 300; run++) {
        random_instance(in, true, false);
        alloc_params params = params_with((int)rnd_range(1, 6));
        alloc_problem *p = create_ok(in, &params);
        alloc_result r;
        solve_ok(p, &r);
        glp_graph *G = glpk_bipartite(in, &params);
        double maxflow = 0;
        assert_int_equal(glp_maxflow_ffalg(G, 1, G->nv, offsetof(ga, cap), &maxflow, -1, -1), 0);
        if ((double)r.total_allocated != maxflow || (double)r.bound != maxflow) {
            fail_msg("run %d: allocated %lld (bound %lld), GLPK max flow %.0f", run,
                     (long long)r.total_allocated, (long long)r.bound, maxflow);
        }
        /* Units of one: the relaxation is the answer, and it is proven optimal. */
        assert_true(r.optimal);
        assert_int_equal(r.gap, 0);
        check_feasible(in, &r, true);
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
        random_instance(in, false, false);
        alloc_params params = params_with(1);
        alloc_problem *p = create_ok(in, &params);
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

static void the_dimacs_instance_with_promises_gives_glpk_the_same_objective(void **state) {
    rng_state = 5;
    instance *in = xmalloc(sizeof *in);
    const char *dir = test_tmpdir();
    char path[512];
    assert_true(str_format(path, sizeof path, "%s/alloc.min", dir));
    for (int run = 0; run < 100; run++) {
        random_instance(in, false, false);
        add_promises(in);
        alloc_params params = params_with(3);
        params.w_price = 0; /* keeps the penalties well inside GLPK's INT_MAX */
        params.hard_promises = run % 2 == 0;
        alloc_problem *p = create_ok(in, &params);
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
        assert_true((double)r.lp_penalty + (double)r.lp_cost == cost);
        assert_true(r.optimal);
        if (params.hard_promises) {
            assert_int_equal(r.inquiries_shrunk, 0);
        }
        for (int i = 0; i < in->n_inquiries; i++) {
            assert_true(r.unmet[i] <= in->inquiries[i].quantity - in->inquiries[i].promised ||
                        r.shrink[i] > 0);
        }
        glp_delete_graph(G);
        alloc_result_free(&r);
        alloc_destroy(p);
    }
    test_tmpdir_remove();
    free(in);
}

/* An inquiry's unmet tiers as alloc.h documents them (not read from the solver): the promise
 * first (soft promises), then the fair-share tiers of the rest; `step` is B + 1
 * (alloc_result.penalty_step). Returns how many, caps and per-unit penalties in cap[]/pen[]. */
static int documented_tiers(const alloc_inquiry *q, const alloc_params *params, int64_t step,
                            int64_t *cap, int64_t *pen) {
    int top = params->fair_tiers < 2 ? 2 : params->fair_tiers, n = 0;
    if (q->promised > 0 && !params->hard_promises) {
        cap[n] = q->promised;
        pen[n++] = (top + 1) * step;
    }
    int64_t rest = q->quantity - q->promised;
    if (q->guarantee != ALLOC_GUARANTEE_AUTO) {
        cap[n] = q->guarantee;
        pen[n++] = top * step;
        cap[n] = rest - q->guarantee;
        pen[n++] = step;
    } else {
        for (int k = 1; k <= params->fair_tiers; k++) {
            cap[n] = rest * k / params->fair_tiers - rest * (k - 1) / params->fair_tiers;
            pen[n++] = (top - k + 1) * step;
        }
    }
    return n;
}

/* The objective W of alloc.h (cost + unmet penalties, cheapest tiers first) of result r,
 * computed from the instance and the documented tiers. */
static int64_t objective_of(const instance *in, const alloc_params *params, const alloc_result *r) {
    int64_t w = 0;
    for (int k = 0; k < r->n_items; k++) {
        w += r->items[k].qty * alloc_unit_cost(params, &in->links[r->items[k].link]);
    }
    for (int i = 0; i < in->n_inquiries; i++) {
        int64_t cap[ALLOC_TIERS_MAX + 3], pen[ALLOC_TIERS_MAX + 3];
        int n = documented_tiers(&in->inquiries[i], params, r->penalty_step, cap, pen);
        int64_t unmet = r->unmet[i];
        for (int t = n - 1; t >= 0 && unmet > 0; t--) { /* the cheapest are the last */
            int64_t take = unmet < cap[t] ? unmet : cap[t];
            w += take * pen[t];
            unmet -= take;
        }
    }
    return w;
}

/* GLPK's MIP of the integer problem over every eligible (offer, inquiry) pair: whole units
 * (an integer count of units per pair) and minimum orders (a binary per product and inquiry).
 * Sets *total to the largest total; with `params`, then also *w to the least objective W
 * (cost + the documented tiers' penalties, `step` = B + 1) among allocations of that total
 * (a second MIP with the total fixed). */
static void glpk_mip(const instance *in, const alloc_params *params, int64_t step, double *total,
                     double *w) {
    glp_prob *P = glp_create_prob();
    glp_set_obj_dir(P, GLP_MAX);
    int rows = in->n_offers + in->n_inquiries;
    glp_add_rows(P, rows);
    for (int o = 0; o < in->n_offers; o++) {
        glp_set_row_bnds(P, 1 + o, GLP_UP, 0, (double)in->offers[o].capacity);
    }
    for (int i = 0; i < in->n_inquiries; i++) {
        glp_set_row_bnds(P, 1 + in->n_offers + i, GLP_UP, 0, (double)in->inquiries[i].quantity);
    }
    int z_col[MAX_INQUIRIES][5];
    int moq_row[MAX_INQUIRIES][5];
    memset(z_col, 0, sizeof z_col);
    memset(moq_row, 0, sizeof moq_row);
    int n_x = 0, x_col[MAX_OFFERS * MAX_CLASSES * MAX_INQUIRIES];
    double x_unit[MAX_OFFERS * MAX_CLASSES * MAX_INQUIRIES];
    double x_cost[MAX_OFFERS * MAX_CLASSES * MAX_INQUIRIES];
    for (int k = 0; k < in->n_links; k++) {
        const alloc_link *l = &in->links[k];
        const alloc_offer *o = &in->offers[l->offer];
        int64_t u = o->unit > 1 ? o->unit : 1;
        for (int i = 0; i < in->n_inquiries; i++) {
            if (in->inquiries[i].klass != l->klass) {
                continue;
            }
            int col = glp_add_cols(P, 1);
            x_col[n_x] = col;
            x_unit[n_x] = (double)u;
            x_cost[n_x++] = params ? (double)(u * alloc_unit_cost(params, l)) : 0;
            glp_set_col_kind(P, col, GLP_IV);
            int64_t most =
                in->inquiries[i].quantity < o->capacity ? in->inquiries[i].quantity : o->capacity;
            glp_set_col_bnds(P, col, most / u > 0 ? GLP_DB : GLP_FX, 0, (double)(most / u));
            glp_set_obj_coef(P, col, (double)u);
            int ind[3] = {0, 1 + l->offer, 1 + in->n_offers + i};
            double val[3] = {0, (double)u, (double)u};
            glp_set_mat_col(P, col, 2, ind, val);
            int pid = (int)o->product_id;
            if (o->moq > 0) {
                if (z_col[i][pid] == 0) {
                    z_col[i][pid] = glp_add_cols(P, 1);
                    glp_set_col_kind(P, z_col[i][pid], GLP_BV);
                    moq_row[i][pid] = glp_add_rows(P, 1); /* Σ u·n − moq·z ≥ 0 */
                    glp_set_row_bnds(P, moq_row[i][pid], GLP_LO, 0, 0);
                    int zi[2] = {0, moq_row[i][pid]};
                    double zv[2] = {0, -(double)o->moq};
                    glp_set_mat_col(P, z_col[i][pid], 1, zi, zv);
                }
                /* u·n − q·z ≤ 0 (no units without the minimum order) and u·n in the sum. */
                int r = glp_add_rows(P, 1);
                glp_set_row_bnds(P, r, GLP_UP, 0, 0);
                int ri[3] = {0, col, z_col[i][pid]};
                double rv[3] = {0, (double)u, -(double)(most / u * u)};
                glp_set_mat_row(P, r, 2, ri, rv);
                int len = glp_get_mat_row(P, moq_row[i][pid], NULL, NULL);
                int *mi = xmalloc((size_t)(len + 2) * sizeof *mi);
                double *mv = xmalloc((size_t)(len + 2) * sizeof *mv);
                glp_get_mat_row(P, moq_row[i][pid], mi, mv);
                mi[len + 1] = col;
                mv[len + 1] = (double)u;
                glp_set_mat_row(P, moq_row[i][pid], len + 1, mi, mv);
                free(mi);
                free(mv);
            }
        }
    }
    glp_iocp parm;
    glp_init_iocp(&parm);
    parm.presolve = GLP_ON;
    parm.msg_lev = GLP_MSG_OFF;
    parm.mir_cuts = GLP_ON;
    parm.gmi_cuts = GLP_ON;
    parm.cov_cuts = GLP_ON;
    parm.tm_lim = 300000; /* wall clock: the oracle must answer under ASan on a busy machine too */
    assert_int_equal(glp_intopt(P, &parm), 0);
    assert_int_equal(glp_mip_status(P), GLP_OPT);
    *total = round(glp_mip_obj_val(P));
    if (params) {
        /* Σ x = the largest total; each inquiry's unmet quantity on its tiers; least W. */
        int row = glp_add_rows(P, 1);
        int *ind = xmalloc((size_t)(n_x + 1) * sizeof *ind);
        double *val = xmalloc((size_t)(n_x + 1) * sizeof *val);
        for (int c = 0; c < n_x; c++) {
            ind[c + 1] = x_col[c];
            val[c + 1] = x_unit[c];
            glp_set_obj_coef(P, x_col[c], x_cost[c]);
        }
        glp_set_mat_row(P, row, n_x, ind, val);
        glp_set_row_bnds(P, row, GLP_FX, *total, *total);
        free(ind);
        free(val);
        for (int i = 0; i < in->n_inquiries; i++) {
            int r = 1 + in->n_offers + i;
            glp_set_row_bnds(P, r, GLP_FX, (double)in->inquiries[i].quantity,
                             (double)in->inquiries[i].quantity);
            int64_t cap[ALLOC_TIERS_MAX + 3], pen[ALLOC_TIERS_MAX + 3];
            int n = documented_tiers(&in->inquiries[i], params, step, cap, pen);
            for (int t = 0; t < n; t++) {
                int col = glp_add_cols(P, 1);
                glp_set_col_bnds(P, col, cap[t] > 0 ? GLP_DB : GLP_FX, 0, (double)cap[t]);
                glp_set_obj_coef(P, col, (double)pen[t]);
                int ti[2] = {0, r};
                double tv[2] = {0, 1};
                glp_set_mat_col(P, col, 1, ti, tv);
            }
        }
        glp_set_obj_dir(P, GLP_MIN);
        assert_int_equal(glp_intopt(P, &parm), 0);
        assert_int_equal(glp_mip_status(P), GLP_OPT);
        *w = round(glp_mip_obj_val(P)); /* integers, up to GLPK's floating point */
    }
    (void)rows;
    glp_delete_prob(P);
}

static double glpk_mip_total(const instance *in) {
    double total = 0;
    glpk_mip(in, NULL, 0, &total, NULL);
    return total;
}

/* One sale unit per (inquiry, product) pair that result r allocates something on: the
 * largest gap the issue allows when the total is not the MIP's. */
static int64_t units_per_pair_used(const instance *in, const alloc_result *r) {
    bool seen[MAX_INQUIRIES][5] = {{false}};
    int64_t allowance = 0;
    for (int k = 0; k < r->n_items; k++) {
        const alloc_offer *o = &in->offers[r->items[k].offer];
        bool *s = &seen[r->items[k].inquiry][o->product_id];
        if (!*s) {
            *s = true;
            allowance += o->unit > 1 ? o->unit : 1;
        }
    }
    return allowance;
}

static void whole_units_and_minimum_orders_against_glpk_mip_on_300_random_instances(void **s) {
    rng_state = 9090;
    instance *in = xmalloc(sizeof *in);
    int equal = 0, claimed = 0, proven = 0, unequal_within = 0;
    double mip_sum = 0, short_sum = 0, bound_sum = 0;
    for (int run = 0; run < 300; run++) {
        random_instance(in, run % 2 == 0, true);
        alloc_params params = params_with((int)rnd_range(1, 6));
        alloc_problem *p = create_ok(in, &params);
        alloc_result r;
        solve_ok(p, &r);
        check_feasible(in, &r, true);
        glp_graph *G = glpk_bipartite(in, &params);
        double maxflow = 0;
        assert_int_equal(glp_maxflow_ffalg(G, 1, G->nv, offsetof(ga, cap), &maxflow, -1, -1), 0);
        glp_delete_graph(G);
        double mip = glpk_mip_total(in);
        /* The bound is the relaxation's (GLPK's max flow); no allocation beats the MIP. */
        assert_true((double)r.bound == maxflow);
        assert_true(mip <= maxflow + 1e-6);
        if ((double)r.total_allocated > mip + 1e-6) {
            fail_msg("run %d: allocated %lld above the MIP optimum %.0f", run,
                     (long long)r.total_allocated, mip);
        }
        /* The rule: the total equals the MIP's, or the printed gap is at most one
         * sale unit per (inquiry, product) pair the allocation uses. */
        int64_t allowance = units_per_pair_used(in, &r);
        if ((double)r.total_allocated != mip && r.gap > allowance) {
            fail_msg("run %d: allocated %lld, the MIP %.0f; gap %lld above one sale unit per "
                     "(inquiry, product) pair used (%lld)",
                     run, (long long)r.total_allocated, mip, (long long)r.gap,
                     (long long)allowance);
        }
        unequal_within += (double)r.total_allocated != mip;
        if (r.total_proven) {
            proven++;
            if ((double)r.total_allocated != mip) {
                fail_msg("run %d: total %lld claimed the largest, the MIP has %.0f", run,
                         (long long)r.total_allocated, mip);
            }
        }
        if (r.optimal) {
            claimed++;
            if ((double)r.total_allocated != mip) {
                fail_msg("run %d: claimed optimal with %lld, the MIP has %.0f", run,
                         (long long)r.total_allocated, mip);
            }
        }
        equal += (double)r.total_allocated == mip;
        mip_sum += mip;
        short_sum += mip - (double)r.total_allocated;
        bound_sum += (double)r.bound;
        alloc_result_free(&r);
        alloc_destroy(p);
    }
    print_message("whole units: %d of 300 equal to GLPK's MIP total (%d others within one sale "
                  "unit per pair used), %d with the total proven, %d claimed optimal; Σ MIP "
                  "%.0f, Σ short of it %.0f, Σ bound %.0f\n",
                  equal, unequal_within, proven, claimed, mip_sum, short_sum, bound_sum);
    /* Rounding and repair alone: 267 of 300 equal, Σ 219 short (2 %). With the exact search
     * on components left short of their relaxation: 299 equal, Σ 3 short (2026-12-05). A
     * regression guard, not a promise of optimality. */
    assert_true(equal >= 297);
    assert_true(short_sum <= 0.001 * mip_sum);
    free(in);
}

/* Instances built so that rounding and repair reach the largest total at a needless cost:
 * many ways to the same total (capacities and quantities in multiples of a few sale units)
 * through offers whose costs differ by far (5★ nearby and cheap, 1★ 1,500 km away and
 * dear), minimum orders just above a unit count, several inquiries sharing a class (so the
 * split of the class's flow decides who gets the cheap offer), and half of them with
 * promises and fair-share tiers. */
static void tie_breaking_instance_sized(instance *in, alloc_params *params, bool tiers,
                                        int max_offers, int max_inquiries) {
    static const int64_t units[5] = {1, 2, 3, 5, 7};
    int64_t unit[5] = {1, 1, 1, 1, 1}, moq[5] = {0};
    for (int p = 1; p <= 4; p++) {
        unit[p] = units[rnd() % 5];
        moq[p] = rnd() % 2 == 0 ? unit[p] * rnd_range(1, 3) + rnd_range(0, 1) : 0;
    }
    in->n_offers = (int)rnd_range(2, max_offers);
    in->n_classes = (int)rnd_range(1, 3);
    in->n_inquiries = (int)rnd_range(in->n_classes, max_inquiries);
    for (int o = 0; o < in->n_offers; o++) {
        int64_t pid = rnd_range(1, 4);
        in->offers[o] = (alloc_offer){.product_id = pid,
                                      .month = 202601 + o,
                                      .capacity = unit[pid] * rnd_range(1, 6) + rnd_range(0, 1),
                                      .unit = unit[pid],
                                      .moq = moq[pid]};
    }
    for (int i = 0; i < in->n_inquiries; i++) {
        in->inquiries[i] =
            (alloc_inquiry){.id = 500 + 3 * i,
                            .quantity = rnd_range(1, 6) * rnd_range(2, 5),
                            .guarantee = ALLOC_GUARANTEE_AUTO,
                            .klass = i < in->n_classes ? i : (int)rnd_range(0, in->n_classes - 1)};
    }
    in->n_links = 0;
    for (int o = 0; o < in->n_offers; o++) {
        for (int c = 0; c < in->n_classes; c++) {
            if (rnd() % 5 != 0) {
                bool good = rnd() % 2 == 0;
                in->links[in->n_links++] = (alloc_link){
                    .offer = o,
                    .klass = c,
                    .stars = good ? 5 : 1,
                    .distance_km = good ? (int)rnd_range(0, 20) : (int)rnd_range(1200, 1500),
                    .price_kvnd = good ? rnd_range(10, 30) : rnd_range(3000, 5000),
                };
            }
        }
    }
    *params = params_with(tiers ? (int)rnd_range(2, 5) : 1);
    if (tiers) {
        add_promises(in);
        for (int i = 0; i < in->n_inquiries; i++) {
            alloc_inquiry *q = &in->inquiries[i];
            if (rnd() % 3 == 0) {
                q->guarantee = rnd_range(0, q->quantity - q->promised);
            }
        }
    }
}

static void tie_breaking_instance(instance *in, alloc_params *params, bool tiers) {
    tie_breaking_instance_sized(in, params, tiers, 5, 6);
}

/* Instances of the same kind, up to 12 offers and 20 inquiries in a part: the exact search
 * often runs out of its node budget there and the allocation ends short of GLPK's optimum.
 * Each claim must then hold all the same: "objective proven" only at GLPK's least objective
 * among the largest totals, "total proven" only at the MIP's total, "certified" only with the
 * MIP's total and a zero gap; and a total short of the MIP's keeps the gap within one sale unit
 * per (inquiry, product) pair used. Before this test a result that claimed "objective proven"
 * whatever the search did passed every other test (all their instances are at the optimum). */
static void claims_hold_where_the_search_runs_out_of_its_budget(void **s) {
    rng_state = 4242;
    instance *in = xmalloc(sizeof *in);
    int runs = 24, short_of_optimum = 0, unproven = 0;
    for (int run = 0; run < runs; run++) {
        alloc_params params;
        tie_breaking_instance_sized(in, &params, run % 2 == 1, MAX_OFFERS, MAX_INQUIRIES);
        alloc_problem *p = create_ok(in, &params);
        alloc_result r;
        solve_ok(p, &r);
        check_feasible(in, &r, true);
        double total = 0, w = 0;
        glpk_mip(in, &params, r.penalty_step, &total, &w);
        int64_t mine = objective_of(in, &params, &r);
        bool best = (double)r.total_allocated == total && (double)mine == w;
        if ((r.objective_proven && !best) ||
            (r.total_proven && (double)r.total_allocated != total) ||
            (r.optimal && (!best || r.gap != 0))) {
            fail_msg("run %d: total %lld, objective %lld; GLPK's MIP: %.0f, %.0f; the result "
                     "claims objective proven %d, total proven %d, certified %d (gap %lld)",
                     run, (long long)r.total_allocated, (long long)mine, total, w,
                     r.objective_proven, r.total_proven, r.optimal, (long long)r.gap);
        }
        if ((double)r.total_allocated != total && r.gap > units_per_pair_used(in, &r)) {
            fail_msg("run %d: allocated %lld, the MIP %.0f; gap %lld above one sale unit per "
                     "(inquiry, product) pair used",
                     run, (long long)r.total_allocated, total, (long long)r.gap);
        }
        short_of_optimum += !best;
        unproven += !r.objective_proven;
        alloc_result_free(&r);
        alloc_destroy(p);
    }
    print_message("larger parts: %d of %d short of GLPK's optimum, %d not proven\n",
                  short_of_optimum, runs, unproven);
    /* The claims are tested where they could be wrong: some results are short of the
     * optimum (measured 2026-12-06: 6 of 24). */
    assert_true(short_of_optimum >= 3);
    free(in);
}

static void the_least_cost_among_the_largest_totals_equals_glpk_mip_where_ties_abound(void **s) {
    rng_state = 20261206;
    instance *in = xmalloc(sizeof *in);
    int costlier = 0, at_optimum = 0, proven = 0;
    for (int run = 0; run < 200; run++) {
        alloc_params params;
        tie_breaking_instance(in, &params, run % 2 == 1);
        alloc_problem *p = create_ok(in, &params);
        alloc_result r;
        solve_ok(p, &r);
        check_feasible(in, &r, true);
        double total = 0, w = 0;
        glpk_mip(in, &params, r.penalty_step, &total, &w);
        int64_t mine = objective_of(in, &params, &r);
        bool best = (double)r.total_allocated == total && (double)mine == w;
        at_optimum += best;
        proven += r.objective_proven;
        /* Not at the optimum is allowed only when the result says so: not proven, with the
         * objective's gap to the relaxation printed (alloc_result.objective_gap). */
        if (!best && (r.objective_proven || r.objective_gap <= 0 ||
                      (r.total_proven && (double)r.total_allocated != total))) {
            fail_msg("run %d: total %lld, objective %lld; GLPK's MIP: %.0f, %.0f (%.2f "
                     "times); the result claims %s, objective gap %lld",
                     run, (long long)r.total_allocated, (long long)mine, total, w, (double)mine / w,
                     r.objective_proven ? "it optimal" : "nothing", (long long)r.objective_gap);
        }
        assert_int_equal(r.objective_gap, mine - (r.lp_cost + r.lp_penalty));
        if ((double)r.total_allocated != total && r.gap > units_per_pair_used(in, &r)) {
            fail_msg("run %d: allocated %lld, the MIP %.0f; gap %lld above one sale unit per "
                     "(inquiry, product) pair used",
                     run, (long long)r.total_allocated, total, (long long)r.gap);
        }
        costlier += r.total_cost > r.lp_cost;
        alloc_result_free(&r);
        alloc_destroy(p);
    }
    /* The instances do exercise the search: the relaxation's cost is out of reach in many. */
    print_message("ties: %d of 200 at GLPK's least objective among the largest totals, %d "
                  "proven; the relaxation's cost not reachable in %d\n",
                  at_optimum, proven, costlier);
    assert_true(costlier >= 20);
    assert_true(at_optimum >= 195);
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
    /* 600 products in 20 groups, 3,000 inquiries for a group each from 10 provinces, with a
     * minimum of 3 or 4 stars: 400 classes, ≈ 70,000 eligible pairs through ≈ 10,000 links;
     * quantities 0.1–10 t in grams, capacity about 80 % of demand. */
    enum { P = 600, G = 20, I = 3000, PROV = 10, C = G * PROV * 2 };
    rng_state = 31337;
    alloc_offer *offers = xmalloc(P * sizeof *offers);
    alloc_inquiry *inqs = xmalloc(I * sizeof *inqs);
    alloc_link *links = xmalloc((size_t)C * (P / G) * sizeof *links);
    int stars[P], prov[P];
    int64_t demand = 0;
    for (int i = 0; i < I; i++) {
        inqs[i] = (alloc_inquiry){.id = i,
                                  .quantity = rnd_range(1, 100) * 100000,
                                  .guarantee = ALLOC_GUARANTEE_AUTO,
                                  .klass = (int)rnd_range(0, C - 1)};
        demand += inqs[i].quantity;
    }
    for (int p = 0; p < P; p++) {
        offers[p] = (alloc_offer){.product_id = p,
                                  .month = 202612,
                                  .capacity = demand * 8 / 10 / P * rnd_range(1, 19) / 10};
        stars[p] = (int)rnd_range(3, 5);
        prov[p] = (int)rnd_range(0, PROV - 1);
    }
    int n_links = 0;
    for (int c = 0; c < C; c++) {
        int g = c / (PROV * 2), bp = c / 2 % PROV, min_stars = 3 + c % 2;
        for (int p = g * (P / G); p < (g + 1) * (P / G); p++) {
            if (stars[p] < min_stars) {
                continue;
            }
            links[n_links++] = (alloc_link){.offer = p,
                                            .klass = c,
                                            .stars = stars[p],
                                            .distance_km = 100 * abs(prov[p] - bp),
                                            .price_kvnd = 20 + p % 480};
        }
    }
    ocop_error err = {{0}};
    alloc_problem *pb = alloc_create(offers, P, inqs, I, C, links, n_links, NULL, &err);
    assert_non_null(pb);
    alloc_result r;
    solve_ok(pb, &r);
    assert_true(r.optimal);

    /* Dinic on the expanded bipartite graph: one arc per eligible (offer, inquiry) pair. */
    int *class_first = xcalloc(C + 1, sizeof *class_first);
    int n_pairs = 0;
    for (int k = 0; k < n_links; k++) {
        class_first[links[k].klass + 1]++;
    }
    for (int i = 0; i < I; i++) {
        n_pairs += class_first[inqs[i].klass + 1];
    }
    dinic d = {0};
    int s = P + I, t = P + I + 1;
    dinic_init(&d, P + I + 2, P + I + n_pairs);
    for (int p = 0; p < P; p++) {
        dinic_arc(&d, s, p, offers[p].capacity);
    }
    for (int k = 0; k < n_links; k++) {
        for (int i = 0; i < I; i++) {
            if (inqs[i].klass == links[k].klass) {
                dinic_arc(&d, links[k].offer, P + i, inqs[i].quantity);
            }
        }
    }
    for (int i = 0; i < I; i++) {
        dinic_arc(&d, P + i, t, inqs[i].quantity);
    }
    int64_t maxflow = dinic_maxflow(&d, s, t);
    assert_int_equal(r.total_allocated, maxflow);
    assert_true(r.total_unmet > 0); /* scarce: the bound and the tiers both matter */
    assert_true(r.arcs < n_pairs && n_links * 5 < n_pairs); /* classes keep the network small */
    dinic_free(&d);
    free(class_first);
    alloc_result_free(&r);
    alloc_destroy(pb);
    free(offers);
    free(inqs);
    free(links);
}

/* ---- promises, determinism, validation -------------------------------------------------- */

/* One offer of 100 units; buyer 1 (near, 5★) and buyer 2 (far, 3★, promised 40 units). */
static alloc_problem *promise_case(bool hard, int64_t capacity) {
    alloc_offer offer = {.product_id = 1, .month = 202612, .capacity = capacity};
    alloc_inquiry inq[2] = {{.id = 1, .quantity = 100, .guarantee = 0, .klass = 0},
                            {.id = 2, .quantity = 100, .guarantee = 0, .promised = 40, .klass = 1}};
    alloc_link links[2] = {{.offer = 0, .klass = 0, .stars = 5, .distance_km = 5},
                           {.offer = 0, .klass = 1, .stars = 3, .distance_km = 900}};
    alloc_params params = params_with(1);
    params.hard_promises = hard;
    ocop_error err = {{0}};
    alloc_problem *p = alloc_create(&offer, 1, inq, 2, 2, links, 2, &params, &err);
    assert_non_null(p);
    return p;
}

static void promises_are_kept_even_when_another_buyer_is_cheaper(void **state) {
    for (int hard = 0; hard <= 1; hard++) {
        alloc_problem *p = promise_case(hard, 100);
        alloc_result r;
        solve_ok(p, &r);
        assert_int_equal(qty_of(&r, 0, 1), 40);
        assert_int_equal(qty_of(&r, 0, 0), 60);
        assert_int_equal(r.inquiries_shrunk, 0);
        assert_true(r.optimal);
        alloc_result_free(&r);
        alloc_destroy(p);
    }
}

static void a_promise_that_cannot_be_kept_is_listed_or_refused_when_hard(void **state) {
    /* Capacity fell to 30: the soft promise shrinks by 10 and says so. */
    alloc_problem *p = promise_case(false, 30);
    alloc_result r;
    solve_ok(p, &r);
    assert_int_equal(qty_of(&r, 0, 1), 30);
    assert_int_equal(r.inquiries_shrunk, 1);
    assert_int_equal(r.shrink[1], 10);
    assert_int_equal(r.total_shrink, 10);
    alloc_result_free(&r);
    alloc_destroy(p);
    /* As lower bounds the problem is infeasible: refused, with the reason. */
    p = promise_case(true, 30);
    ocop_error err = {{0}};
    assert_int_equal(alloc_solve(p, &r, &err), -1);
    assert_non_null(strstr(err.msg, "infeasible"));
    alloc_result_free(&r);
    alloc_destroy(p);
}

static void whole_units_below_a_promise_give_the_inquiry_its_holds_back(void **state) {
    /* 1 l promised from A (500 ml bottles); B (330 ml, 5★) is cheaper, and the relaxation
     * takes it: 3 bottles are 990 ml, 10 ml short of the promise. */
    alloc_offer offers[2] = {{.product_id = 1, .month = 202612, .capacity = 1000, .unit = 500},
                             {.product_id = 2, .month = 202612, .capacity = 5000, .unit = 330}};
    alloc_inquiry inq = {.id = 1, .quantity = 1000, .guarantee = 0, .promised = 1000};
    alloc_link links[2] = {{.offer = 0, .klass = 0, .stars = 3, .distance_km = 500},
                           {.offer = 1, .klass = 0, .stars = 5}};
    ocop_error err = {{0}};
    for (int with_holds = 0; with_holds <= 1; with_holds++) {
        alloc_problem *p = alloc_create(offers, 2, &inq, 1, 1, links, 2, NULL, &err);
        assert_non_null(p);
        alloc_hold hold = {.offer = 0, .inquiry = 0, .qty = 1000};
        if (with_holds) {
            assert_int_equal(alloc_set_holds(p, &hold, 1, &err), 0);
        }
        alloc_result r;
        solve_ok(p, &r);
        /* With the holds they come back before anything else; without them the exact search
         * (the component is 10 ml short of its relaxation) finds the two 500 ml bottles. It
         * used to stop at 990 ml of B, shrinking the promise by 10 ml. */
        assert_int_equal(qty_of(&r, 0, 0), 1000);
        assert_int_equal(r.inquiries_shrunk, 0);
        assert_true(r.total_proven);
        assert_true(r.objective_proven);
        assert_int_equal(r.exact_components, 1);
        alloc_result_free(&r);
        alloc_destroy(p);
    }
    alloc_problem *p = alloc_create(offers, 2, &inq, 1, 1, links, 2, NULL, &err);
    alloc_hold bad = {.offer = 2, .inquiry = 0, .qty = 5};
    assert_int_equal(alloc_set_holds(p, &bad, 1, &err), -1);
    assert_non_null(strstr(err.msg, "hold 0: offer 2"));
    alloc_destroy(p);
}

/* As on `bench --only match`'s database (six buyers of 2,000 l, each promised 1,992 l of 24 l
 * cans and 8 l of 250 ml bottles, got 7.92 l of 330 ml bottles for the last 8 l and a commit
 * needed --accept-shrink): two buyers of one class, 34 units promised each, 24 in a can and 10
 * in two bottles of 5 (minimum order 10). The relaxation takes both cans and the cheaper
 * bottles of 7; the split gives A the can B was promised and B A's, so 24 + 7 each and neither
 * hold fits back. The part has more than 2,000 pairs (1,000 more offers with nothing left), so
 * the exact search leaves it to rounding and repair, which must then trade the bottles of 7
 * for the promised bottles of 5: the holds themselves keep every promise. */
static void a_promise_short_by_part_of_a_bottle_is_kept_with_other_bottles(void **state) {
    enum { EMPTY = 1000, N = 4 + EMPTY };
    alloc_offer *offers = xcalloc(N, sizeof *offers);
    alloc_link *links = xcalloc(N, sizeof *links);
    offers[0] = (alloc_offer){.product_id = 1, .month = 202701, .capacity = 24, .unit = 24};
    offers[1] = (alloc_offer){.product_id = 1, .month = 202702, .capacity = 24, .unit = 24};
    offers[2] = (alloc_offer){.product_id = 2, .month = 202701, .capacity = 100, .unit = 7};
    offers[3] =
        (alloc_offer){.product_id = 3, .month = 202701, .capacity = 100, .unit = 5, .moq = 10};
    int km[4] = {0, 0, 10, 20}; /* cans, then bottles of 7, then of 5 */
    for (int o = 0; o < N; o++) {
        if (o >= 4) {
            offers[o] = (alloc_offer){.product_id = 100 + o, .month = 202701, .unit = 1};
        }
        links[o] = (alloc_link){.offer = o, .stars = 5, .distance_km = o < 4 ? km[o] : 1500};
    }
    alloc_hold holds[4] = {{.offer = 1, .inquiry = 0, .qty = 24},
                           {.offer = 3, .inquiry = 0, .qty = 10},
                           {.offer = 0, .inquiry = 1, .qty = 24},
                           {.offer = 3, .inquiry = 1, .qty = 10}};
    /* Without promises too: the trade then aims at what the relaxation gave each buyer. */
    for (int promised = 34; promised >= 0; promised -= 34) {
        alloc_inquiry inq[2] = {{.id = 1, .quantity = 34, .promised = promised},
                                {.id = 2, .quantity = 34, .promised = promised}};
        ocop_error err = {{0}};
        alloc_problem *p = alloc_create(offers, N, inq, 2, 1, links, N, NULL, &err);
        assert_non_null(p);
        assert_int_equal(alloc_set_holds(p, holds, promised ? 4 : 0, &err), 0);
        alloc_result r;
        solve_ok(p, &r);
        assert_int_equal(r.exact_components, 0); /* the part is left to rounding and repair */
        assert_int_equal(r.bound, 68);
        /* It used to give each 31 (24 + 7): both promises shrank by 3 and the total by 6. */
        assert_int_equal(r.inquiries_shrunk, 0);
        assert_int_equal(r.total_allocated, 68);
        for (int i = 0; i < 2; i++) {
            assert_int_equal(qty_of(&r, 3, i), 10);
            assert_int_equal(qty_of(&r, 0, i) + qty_of(&r, 1, i), 24);
        }
        alloc_result_free(&r);
        alloc_destroy(p);
    }
    free(offers);
    free(links);
}

static void bad_input_is_refused_with_the_item_and_the_reason(void **state) {
    alloc_offer offers[2] = {{.product_id = 1, .month = 202612, .capacity = 10},
                             {.product_id = 2, .month = 202612, .capacity = 10}};
    alloc_inquiry inq[1] = {{.id = 9, .quantity = 5, .guarantee = ALLOC_GUARANTEE_AUTO}};
    alloc_link link = {.offer = 1, .klass = 0, .stars = 7};
    ocop_error err = {{0}};
    assert_null(alloc_create(offers, 2, inq, 1, 1, &link, 1, NULL, &err));
    assert_string_equal(err.msg, "link 0 (offer 1, class 0): stars 7 not in 1 … 5");

    link.stars = 4;
    inq[0].guarantee = 6;
    assert_null(alloc_create(offers, 2, inq, 1, 1, &link, 1, NULL, &err));
    assert_string_equal(err.msg, "inquiry 0 (id 9): guarantee 6 not in 0 … quantity − promised 5");

    inq[0].guarantee = ALLOC_GUARANTEE_AUTO;
    inq[0].promised = 6;
    assert_null(alloc_create(offers, 2, inq, 1, 1, &link, 1, NULL, &err));
    assert_string_equal(err.msg, "inquiry 0 (id 9): promised 6 not in 0 … quantity 5");

    inq[0].promised = 0;
    offers[1].product_id = 1; /* the same product and month twice */
    assert_null(alloc_create(offers, 2, inq, 1, 1, &link, 1, NULL, &err));
    assert_string_equal(err.msg, "offer 1: product 1, month 202612 repeats offer 0");

    offers[1].product_id = 2;
    alloc_link two[2] = {link, link};
    assert_null(alloc_create(offers, 2, inq, 1, 1, two, 2, NULL, &err));
    assert_string_equal(err.msg, "link 1: offer 1, class 0 repeats link 0");

    inq[0].quantity = 0;
    assert_null(alloc_create(offers, 2, inq, 1, 1, &link, 1, NULL, &err));
    assert_non_null(strstr(err.msg, "inquiry 0 (id 9): quantity 0 not in 1"));

    inq[0].quantity = 5;
    inq[0].klass = 1;
    assert_null(alloc_create(offers, 2, inq, 1, 1, &link, 1, NULL, &err));
    assert_string_equal(err.msg, "inquiry 0 (id 9): class 1 not in 0 … 0");

    inq[0].klass = 0;
    link.klass = 3;
    assert_null(alloc_create(offers, 2, inq, 1, 1, &link, 1, NULL, &err));
    assert_non_null(strstr(err.msg, "link 0: offer 1 or class 3 out of range"));

    link.klass = 0;
    offers[0].moq = -1;
    assert_null(alloc_create(offers, 2, inq, 1, 1, &link, 1, NULL, &err));
    assert_non_null(strstr(err.msg, "offer 0 (product 1, month 202612): sale unit"));

    offers[0].moq = 0;
    alloc_params params;
    alloc_params_default(&params);
    params.fair_tiers = 0;
    assert_null(alloc_create(offers, 2, inq, 1, 1, &link, 1, &params, &err));
    assert_non_null(strstr(err.msg, "fair_tiers 0"));
}

static void solving_by_components_gives_the_same_optimum_as_one_network(void **state) {
    rng_state = 4242;
    instance *in = xmalloc(sizeof *in);
    for (int run = 0; run < 200; run++) {
        random_instance(in, run % 2 == 0, run % 3 == 0);
        if (run % 2) {
            add_promises(in);
        }
        alloc_params whole = params_with((int)rnd_range(1, 5)), parts = whole;
        whole.decompose = false;
        parts.decompose = true;
        alloc_problem *a = create_ok(in, &whole);
        alloc_problem *b = create_ok(in, &parts);
        alloc_result ra, rb;
        solve_ok(a, &ra);
        solve_ok(b, &rb);
        assert_int_equal(ra.bound, rb.bound);
        assert_int_equal(ra.lp_penalty, rb.lp_penalty);
        assert_int_equal(ra.lp_cost, rb.lp_cost);
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
    alloc_link link = {.offer = 0, .klass = 0, .stars = 4, .distance_km = 20000};
    alloc_params params;
    alloc_params_default(&params);
    params.w_km = 1000000; /* 2·10^10 per unit for this link */
    ocop_error err = {{0}};
    assert_null(alloc_create(&offer, 1, &inq, 1, 1, &link, 1, &params, &err));
    assert_non_null(strstr(err.msg, "link 0 (offer 0, class 0): unit cost above"));
    assert_non_null(strstr(err.msg, "lower the weights"));

    /* Each unit cost is allowed, but a chain of 1,000 offers and 1,001 classes makes the
     * penalties times the network size too large for 64-bit potentials. */
    enum { N = 1000 };
    alloc_offer *offers = xmalloc(N * sizeof *offers);
    alloc_inquiry *inqs = xmalloc((N + 1) * sizeof *inqs);
    alloc_link *links = xmalloc(2 * N * sizeof *links);
    params.w_km = 0;
    params.w_price = 1;
    for (int k = 0; k <= N; k++) {
        inqs[k] =
            (alloc_inquiry){.id = k, .quantity = 5, .guarantee = ALLOC_GUARANTEE_AUTO, .klass = k};
    }
    for (int k = 0; k < N; k++) {
        offers[k] = (alloc_offer){.product_id = k, .month = 202612, .capacity = 5};
        links[2 * k] = (alloc_link){.offer = k, .klass = k, .stars = 5, .price_kvnd = 90000000};
        links[2 * k + 1] = (alloc_link){.offer = k, .klass = k + 1, .stars = 5};
    }
    alloc_problem *p = alloc_create(offers, N, inqs, N + 1, N + 1, links, 2 * N, &params, &err);
    assert_non_null(p);
    alloc_result r;
    assert_int_equal(alloc_solve(p, &r, &err), -1);
    assert_non_null(strstr(err.msg, "too large for 64-bit arithmetic"));
    assert_false(r.optimal);
    alloc_result_free(&r);
    alloc_destroy(p);
    free(offers);
    free(inqs);
    free(links);
}

static void shuffled_input_gives_the_same_allocation(void **state) {
    rng_state = 99;
    instance *in = xmalloc(sizeof *in), *sh = xmalloc(sizeof *sh);
    for (int run = 0; run < 50; run++) {
        random_instance(in, true, run % 2 == 0);
        /* Many ties: equal costs everywhere. */
        for (int k = 0; k < in->n_links; k++) {
            in->links[k].stars = 4;
            in->links[k].distance_km = 100;
            in->links[k].price_kvnd = 50;
        }
        /* A permuted copy: offers and inquiries reversed, links rotated. */
        *sh = *in;
        for (int o = 0; o < in->n_offers; o++) {
            sh->offers[in->n_offers - 1 - o] = in->offers[o];
        }
        for (int i = 0; i < in->n_inquiries; i++) {
            sh->inquiries[in->n_inquiries - 1 - i] = in->inquiries[i];
        }
        int shift = in->n_links > 0 ? (int)(rnd() % (uint32_t)in->n_links) : 0;
        for (int k = 0; k < in->n_links; k++) {
            alloc_link l = in->links[k];
            l.offer = in->n_offers - 1 - l.offer;
            sh->links[(k + shift) % in->n_links] = l;
        }
        alloc_problem *a = create_ok(in, NULL);
        alloc_problem *b = create_ok(sh, NULL);
        alloc_result ra, rb;
        solve_ok(a, &ra);
        solve_ok(b, &rb);
        assert_int_equal(ra.n_items, rb.n_items);
        for (int k = 0; k < ra.n_items; k++) {
            assert_int_equal(ra.items[k].offer, in->n_offers - 1 - rb.items[k].offer);
            assert_int_equal(ra.items[k].inquiry, in->n_inquiries - 1 - rb.items[k].inquiry);
            assert_int_equal(ra.items[k].qty, rb.items[k].qty);
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
    alloc_problem *p = alloc_create(NULL, 0, NULL, 0, 0, NULL, 0, NULL, &err);
    assert_non_null(p);
    alloc_result r;
    solve_ok(p, &r);
    assert_int_equal(r.total_allocated, 0);
    assert_int_equal(r.total_cost, 0);
    assert_true(r.optimal);
    alloc_result_free(&r);
    alloc_destroy(p);
}

static void three_inquiries_of_10_11_12_litres_get_whole_330_ml_bottles(void **state) {
    /* The case: the relaxation would give 30.30 / 33.33 / 36.36 bottles. */
    alloc_offer offer = {.product_id = 1, .month = 202612, .capacity = 1000000, .unit = 330};
    alloc_inquiry inq[3];
    for (int i = 0; i < 3; i++) {
        inq[i] = (alloc_inquiry){
            .id = i + 1, .quantity = 10000 + 1000 * i, .guarantee = ALLOC_GUARANTEE_AUTO};
    }
    alloc_link link = {.offer = 0, .klass = 0, .stars = 4};
    ocop_error err = {{0}};
    alloc_problem *p = alloc_create(&offer, 1, inq, 3, 1, &link, 1, NULL, &err);
    assert_non_null(p);
    alloc_result r;
    solve_ok(p, &r);
    assert_int_equal(qty_of(&r, 0, 0), 30 * 330);
    assert_int_equal(qty_of(&r, 0, 1), 33 * 330);
    assert_int_equal(qty_of(&r, 0, 2), 36 * 330);
    assert_int_equal(r.bound, 33000);
    assert_int_equal(r.gap, 33000 - 99 * 330);
    assert_false(r.optimal);
    alloc_result_free(&r);
    alloc_destroy(p);
}

static void five_inquiries_of_50_kg_and_a_40_kg_minimum_order_get_two_of_50(void **state) {
    /* The case: 100 kg, minimum order 40 kg, five buyers of 50 kg: not 5 × 20. */
    alloc_offer offer = {.product_id = 1, .month = 202612, .capacity = 100000, .moq = 40000};
    alloc_inquiry inq[5];
    for (int i = 0; i < 5; i++) {
        inq[i] = (alloc_inquiry){.id = i + 1, .quantity = 50000, .guarantee = ALLOC_GUARANTEE_AUTO};
    }
    alloc_link link = {.offer = 0, .klass = 0, .stars = 4};
    ocop_error err = {{0}};
    alloc_problem *p = alloc_create(&offer, 1, inq, 5, 1, &link, 1, NULL, &err);
    assert_non_null(p);
    alloc_result r;
    solve_ok(p, &r);
    assert_int_equal(r.total_allocated, 100000);
    for (int i = 0; i < 5; i++) {
        int64_t q = qty_of(&r, 0, i);
        assert_true(q == 0 || q >= 40000);
    }
    assert_int_equal(r.gap, 0);
    alloc_result_free(&r);
    alloc_destroy(p);
}

static void quantities_scale_down_to_grams_millilitres_and_pieces(void **state) {
    int64_t q = 0;
    ocop_error err = {{0}};
    assert_int_equal(alloc_to_scaled(2.5, "kg", &q, &err), 0);
    assert_int_equal(q, 2500);
    assert_int_equal(alloc_to_scaled(0.3333, "l", &q, &err), 0);
    assert_int_equal(q, 333);
    assert_int_equal(alloc_to_scaled(0.3, "l", &q, &err), 0);
    assert_int_equal(q, 300); /* 0.29999999999999999 in binary */
    assert_int_equal(alloc_to_scaled(1.0006, "l", &q, &err), 0);
    assert_int_equal(q, 1000); /* down: never more than asked */
    assert_int_equal(alloc_to_scaled(0.0004, "l", &q, &err), 0);
    assert_int_equal(q, 0);
    assert_int_equal(alloc_to_scaled(12, "piece", &q, &err), 0);
    assert_int_equal(q, 12);
    assert_true(alloc_from_scaled(2500, "kg") == 2.5);
    assert_int_equal(alloc_to_scaled(1, "tấn", &q, &err), -1);
    assert_non_null(strstr(err.msg, "not a base unit"));
    assert_int_equal(alloc_to_scaled(-1, "kg", &q, &err), -1);
    assert_int_equal(alloc_to_scaled(2e9, "kg", &q, &err), -1); /* 2 million tonnes */
    assert_non_null(strstr(err.msg, "above the allocator's limit"));
}

/* ---- instances built to defeat rounding and repair (they failed before the exact search) -- */

static alloc_result solve_small(const alloc_offer *offers, int n_offers,
                                const alloc_inquiry *inquiries, int n_inquiries, int n_classes,
                                const alloc_link *links, int n_links) {
    ocop_error err = {{0}};
    alloc_problem *p = alloc_create(offers, n_offers, inquiries, n_inquiries, n_classes, links,
                                    n_links, NULL, &err);
    if (p == NULL) {
        fail_msg("alloc_create: %s", err.msg);
    }
    alloc_result r;
    solve_ok(p, &r);
    alloc_destroy(p);
    return r;
}

static void nineteen_litres_from_3_and_7_litre_cans_are_four_of_3_and_one_of_7(void **state) {
    /* The 3 l cans are cheaper: the relaxation takes 19 l of them, rounding leaves 18 l, and
     * one more litre fits nowhere. Exactly 19 l needs 4 × 3 l + 1 × 7 l. */
    alloc_offer offers[2] = {{.product_id = 1, .month = 202612, .capacity = 30, .unit = 3},
                             {.product_id = 2, .month = 202612, .capacity = 30, .unit = 7}};
    alloc_inquiry inq = {.id = 1, .quantity = 19, .guarantee = ALLOC_GUARANTEE_AUTO};
    alloc_link links[2] = {{.offer = 0, .klass = 0, .stars = 5},
                           {.offer = 1, .klass = 0, .stars = 3, .distance_km = 900}};
    alloc_result r = solve_small(offers, 2, &inq, 1, 1, links, 2);
    assert_int_equal(r.total_allocated, 19);
    assert_int_equal(qty_of(&r, 0, 0), 12);
    assert_int_equal(qty_of(&r, 1, 0), 7);
    assert_true(r.total_proven);
    assert_int_equal(r.gap, 0);
    assert_false(r.optimal); /* the relaxation's cost (all 3 l cans) is not reached */
    alloc_result_free(&r);
}

static void a_minimum_order_of_three_jars_goes_to_the_buyer_who_can_take_five(void **state) {
    /* 36 of a product sold in 7s with a minimum order of 21 (3 jars); buyers of 27 and 47.
     * The relaxation shares the 36; rounded, only 21 (the first buyer's 3 jars) is left, and
     * the second cannot reach its minimum order with the 14 that remain. Best: 5 jars (35) to
     * the second buyer. */
    alloc_offer offer = {.product_id = 1, .month = 202612, .capacity = 36, .unit = 7, .moq = 21};
    alloc_inquiry inq[2] = {{.id = 1, .quantity = 27, .guarantee = ALLOC_GUARANTEE_AUTO},
                            {.id = 2, .quantity = 47, .guarantee = ALLOC_GUARANTEE_AUTO}};
    alloc_link link = {.offer = 0, .klass = 0, .stars = 4};
    alloc_result r = solve_small(&offer, 1, inq, 2, 1, &link, 1);
    assert_int_equal(r.total_allocated, 35);
    assert_int_equal(qty_of(&r, 0, 1), 35);
    assert_int_equal(r.bound, 36);
    assert_int_equal(r.gap, 1);
    assert_true(r.total_proven);
    assert_false(r.optimal);
    alloc_result_free(&r);
}

static void a_buyer_moves_to_a_dearer_producer_so_that_another_is_served(void **state) {
    /* X: 12 kg, any quantity, cheap for buyer A; Y: 10 kg in sacks of 5, dear. B (7 kg) can
     * only take X. The relaxation gives B 7 of X, A 5 of X and 7 of Y; 7 of Y rounds to 5 and
     * A is 2 short with X full. Best: A takes both sacks of Y and 2 of X: 19 in all. */
    alloc_offer offers[2] = {{.product_id = 1, .month = 202612, .capacity = 12, .unit = 1},
                             {.product_id = 2, .month = 202612, .capacity = 10, .unit = 5}};
    alloc_inquiry inq[2] = {
        {.id = 1, .quantity = 12, .guarantee = ALLOC_GUARANTEE_AUTO, .klass = 0},
        {.id = 2, .quantity = 7, .guarantee = ALLOC_GUARANTEE_AUTO, .klass = 1}};
    alloc_link links[3] = {{.offer = 0, .klass = 0, .stars = 5},
                           {.offer = 1, .klass = 0, .stars = 1, .distance_km = 1500},
                           {.offer = 0, .klass = 1, .stars = 5}};
    alloc_result r = solve_small(offers, 2, inq, 2, 2, links, 3);
    assert_int_equal(r.total_allocated, 19);
    assert_int_equal(qty_of(&r, 1, 0), 10);
    assert_int_equal(qty_of(&r, 0, 0), 2);
    assert_int_equal(qty_of(&r, 0, 1), 7);
    assert_true(r.total_proven);
    assert_int_equal(r.gap, 0);
    assert_false(r.optimal); /* the relaxation's cost (less of the dear Y) is not reached */
    alloc_result_free(&r);
}

int main(void) {
    glp_term_out(GLP_OFF);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(without_tiers_the_nearest_buyer_takes_the_whole_small_cooperative),
        cmocka_unit_test(with_a_three_tonne_guarantee_the_cooperative_is_shared_4_3_3),
        cmocka_unit_test(with_ten_automatic_tiers_every_buyer_gets_a_share),
        cmocka_unit_test(the_lp_total_equals_glpk_max_flow_over_all_pairs_on_300_random_instances),
        cmocka_unit_test(without_tiers_the_cost_is_glpk_min_cost_among_maximum_flows),
        cmocka_unit_test(the_dimacs_instance_with_promises_gives_glpk_the_same_objective),
        cmocka_unit_test(whole_units_and_minimum_orders_against_glpk_mip_on_300_random_instances),
        cmocka_unit_test(the_least_cost_among_the_largest_totals_equals_glpk_mip_where_ties_abound),
        cmocka_unit_test(claims_hold_where_the_search_runs_out_of_its_budget),
        cmocka_unit_test(a_3000_by_600_instance_allocates_the_max_flow_and_is_certified),
        cmocka_unit_test(promises_are_kept_even_when_another_buyer_is_cheaper),
        cmocka_unit_test(a_promise_that_cannot_be_kept_is_listed_or_refused_when_hard),
        cmocka_unit_test(whole_units_below_a_promise_give_the_inquiry_its_holds_back),
        cmocka_unit_test(a_promise_short_by_part_of_a_bottle_is_kept_with_other_bottles),
        cmocka_unit_test(bad_input_is_refused_with_the_item_and_the_reason),
        cmocka_unit_test(solving_by_components_gives_the_same_optimum_as_one_network),
        cmocka_unit_test(unit_costs_too_large_are_refused_with_advice_to_lower_the_weights),
        cmocka_unit_test(shuffled_input_gives_the_same_allocation),
        cmocka_unit_test(an_empty_problem_allocates_nothing),
        cmocka_unit_test(three_inquiries_of_10_11_12_litres_get_whole_330_ml_bottles),
        cmocka_unit_test(five_inquiries_of_50_kg_and_a_40_kg_minimum_order_get_two_of_50),
        cmocka_unit_test(quantities_scale_down_to_grams_millilitres_and_pieces),
        cmocka_unit_test(nineteen_litres_from_3_and_7_litre_cans_are_four_of_3_and_one_of_7),
        cmocka_unit_test(a_minimum_order_of_three_jars_goes_to_the_buyer_who_can_take_five),
        cmocka_unit_test(a_buyer_moves_to_a_dearer_producer_so_that_another_is_served),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
