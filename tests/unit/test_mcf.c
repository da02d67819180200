/* test_mcf.c: the network simplex (mcf.h) on hand-made networks with known optima, and on
 * hundreds of random networks against GLPK (test-only oracle) and the certificate check. */
#include "test_support.h"

#include "core/base.h"
#include "core/mcf.h"

#include <glpk.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

/* ---- GLPK oracle ------------------------------------------------------------------------ */

typedef struct glpk_vertex {
    double rhs;
    double pi;
} glpk_vertex;

typedef struct glpk_arc {
    double low, cap, cost, x;
} glpk_arc;

static glp_graph *to_glpk(const mcf *g) {
    glp_graph *G = glp_create_graph(sizeof(glpk_vertex), sizeof(glpk_arc));
    int n = mcf_node_count(g);
    if (n > 0) {
        glp_add_vertices(G, n);
    }
    for (int u = 0; u < n; u++) {
        glpk_vertex *v = G->v[u + 1]->data;
        v->rhs = (double)mcf_supply(g, u);
    }
    for (int a = 0; a < mcf_arc_count(g); a++) {
        glp_arc *e = glp_add_arc(G, mcf_arc_tail(g, a) + 1, mcf_arc_head(g, a) + 1);
        glpk_arc *d = e->data;
        d->low = (double)mcf_arc_lower(g, a);
        d->cap = (double)mcf_arc_upper(g, a);
        d->cost = (double)mcf_arc_cost(g, a);
    }
    return G;
}

/* GLPK's answer by the out-of-kilter algorithm: 0 and *cost, or GLP_ENOPFS when infeasible. */
static int glpk_okalg(const mcf *g, double *cost) {
    glp_graph *G = to_glpk(g);
    int rc = glp_mincost_okalg(G, offsetof(glpk_vertex, rhs), offsetof(glpk_arc, low),
                               offsetof(glpk_arc, cap), offsetof(glpk_arc, cost), cost,
                               offsetof(glpk_arc, x), offsetof(glpk_vertex, pi));
    glp_delete_graph(G);
    return rc;
}

/* GLPK's answer by the LP route (glp_mincost_lp + primal simplex): GLP_OPT or GLP_NOFEAS. */
static int glpk_simplex(const mcf *g, double *cost) {
    glp_graph *G = to_glpk(g);
    glp_prob *P = glp_create_prob();
    glp_mincost_lp(P, G, GLP_OFF, offsetof(glpk_vertex, rhs), offsetof(glpk_arc, low),
                   offsetof(glpk_arc, cap), offsetof(glpk_arc, cost));
    glp_smcp parm;
    glp_init_smcp(&parm);
    parm.msg_lev = GLP_MSG_OFF;
    parm.presolve = GLP_ON;
    int rc = glp_simplex(P, &parm);
    int status = rc == 0 ? glp_get_status(P) : GLP_NOFEAS;
    if (rc == GLP_ENOPFS) {
        status = GLP_NOFEAS;
    }
    *cost = glp_get_obj_val(P);
    glp_delete_prob(P);
    glp_delete_graph(G);
    return status;
}

static void assert_certified(const mcf *g) {
    ocop_error err = {{0}};
    if (mcf_check(g, &err) != 0) {
        fail_msg("%s", err.msg);
    }
}

/* ---- hand-made networks ----------------------------------------------------------------- */

/* The 3 suppliers × 4 buyers transportation problem of the research notes (GLPK: 550). */
static mcf *transport_3x4(void) {
    static const int64_t caps[3] = {20, 30, 25};
    static const int64_t demand[4] = {10, 25, 15, 20};
    static const int64_t cost[3][4] = {{8, 6, 10, 9}, {9, 12, 13, 7}, {14, 9, 16, 5}};
    mcf *g = mcf_create(8, 20); /* 0..2 suppliers, 3..6 buyers, 7 the dummy for 5 surplus */
    for (int s = 0; s < 3; s++) {
        mcf_set_supply(g, s, caps[s]);
        for (int b = 0; b < 4; b++) {
            mcf_add_arc(g, s, 3 + b, 0, 1000, cost[s][b]);
        }
        mcf_add_arc(g, s, 7, 0, 1000, 0);
    }
    for (int b = 0; b < 4; b++) {
        mcf_set_supply(g, 3 + b, -demand[b]);
    }
    mcf_set_supply(g, 7, -5);
    return g;
}

static void the_3x4_transportation_problem_costs_550(void **state) {
    mcf *g = transport_3x4();
    assert_int_equal(mcf_solve(g), MCF_OPTIMAL);
    assert_int_equal(mcf_total_cost(g), 550);
    assert_certified(g);
    double glpk_cost = 0;
    assert_int_equal(glpk_okalg(g, &glpk_cost), 0);
    assert_true(glpk_cost == 550.0);
    mcf_destroy(g);
}

static void a_chain_takes_the_cheaper_of_two_parallel_routes_up_to_its_capacity(void **state) {
    /* 0 → 1 → 3 costs 1+1 per unit but carries at most 4; 0 → 2 → 3 costs 5+5. */
    mcf *g = mcf_create(4, 4);
    mcf_set_supply(g, 0, 10);
    mcf_set_supply(g, 3, -10);
    int a01 = mcf_add_arc(g, 0, 1, 0, 4, 1);
    int a13 = mcf_add_arc(g, 1, 3, 0, 100, 1);
    int a02 = mcf_add_arc(g, 0, 2, 0, 100, 5);
    int a23 = mcf_add_arc(g, 2, 3, 0, 100, 5);
    assert_int_equal(mcf_solve(g), MCF_OPTIMAL);
    assert_int_equal(mcf_flow(g, a01), 4);
    assert_int_equal(mcf_flow(g, a13), 4);
    assert_int_equal(mcf_flow(g, a02), 6);
    assert_int_equal(mcf_flow(g, a23), 6);
    assert_int_equal(mcf_total_cost(g), 4 * 2 + 6 * 10);
    assert_certified(g);
    mcf_destroy(g);
}

static void supplies_that_do_not_sum_to_zero_are_infeasible(void **state) {
    mcf *g = mcf_create(2, 1);
    mcf_set_supply(g, 0, 5);
    mcf_set_supply(g, 1, -4);
    mcf_add_arc(g, 0, 1, 0, 10, 1);
    assert_int_equal(mcf_solve(g), MCF_INFEASIBLE);
    ocop_error err = {{0}};
    assert_int_equal(mcf_check(g, &err), -1);
    assert_non_null(strstr(err.msg, "no optimal solution"));
    mcf_destroy(g);
}

static void demand_beyond_the_arc_capacity_is_infeasible(void **state) {
    mcf *g = mcf_create(3, 2);
    mcf_set_supply(g, 0, 10);
    mcf_set_supply(g, 2, -10);
    mcf_add_arc(g, 0, 1, 0, 10, 1);
    mcf_add_arc(g, 1, 2, 0, 9, 1);
    assert_int_equal(mcf_solve(g), MCF_INFEASIBLE);
    double c;
    assert_int_equal(glpk_okalg(g, &c), GLP_ENOPFS);
    mcf_destroy(g);
}

static void a_node_without_any_arc_but_with_demand_is_infeasible(void **state) {
    mcf *g = mcf_create(3, 1);
    mcf_set_supply(g, 0, 3);
    mcf_set_supply(g, 2, -3);
    mcf_add_arc(g, 0, 1, 0, 10, 1);
    assert_int_equal(mcf_solve(g), MCF_INFEASIBLE);
    mcf_destroy(g);
}

static void lower_bounds_force_flow_onto_an_expensive_arc(void **state) {
    /* Without the lower bound all 10 units would take the cheap arc. */
    mcf *g = mcf_create(2, 2);
    mcf_set_supply(g, 0, 10);
    mcf_set_supply(g, 1, -10);
    int cheap = mcf_add_arc(g, 0, 1, 0, 10, 1);
    int dear = mcf_add_arc(g, 0, 1, 3, 10, 7);
    assert_int_equal(mcf_solve(g), MCF_OPTIMAL);
    assert_int_equal(mcf_flow(g, dear), 3);
    assert_int_equal(mcf_flow(g, cheap), 7);
    assert_int_equal(mcf_total_cost(g), 3 * 7 + 7 * 1);
    assert_certified(g);
    mcf_destroy(g);
}

static void lower_bounds_on_a_cycle_without_supplies_are_met(void **state) {
    /* A circulation: 0→1→2→0 must carry at least 2 on 1→2, at cost 1 per arc. */
    mcf *g = mcf_create(3, 3);
    mcf_add_arc(g, 0, 1, 0, 5, 1);
    int mid = mcf_add_arc(g, 1, 2, 2, 5, 1);
    mcf_add_arc(g, 2, 0, 0, 5, 1);
    assert_int_equal(mcf_solve(g), MCF_OPTIMAL);
    assert_int_equal(mcf_flow(g, mid), 2);
    assert_int_equal(mcf_total_cost(g), 6);
    assert_certified(g);
    mcf_destroy(g);
}

static void lower_bounds_that_cannot_be_met_are_infeasible(void **state) {
    mcf *g = mcf_create(2, 1);
    mcf_add_arc(g, 0, 1, 1, 5, 1); /* nothing can bring the unit back */
    assert_int_equal(mcf_solve(g), MCF_INFEASIBLE);
    mcf_destroy(g);
}

static void a_negative_cycle_is_saturated_up_to_its_capacities(void **state) {
    mcf *g = mcf_create(3, 3);
    int a = mcf_add_arc(g, 0, 1, 0, 4, -5);
    mcf_add_arc(g, 1, 2, 0, 7, 1);
    mcf_add_arc(g, 2, 0, 0, 9, 1);
    int loop = mcf_add_arc(g, 2, 2, 0, 3, -2); /* a self-loop with negative cost fills up */
    assert_int_equal(mcf_solve(g), MCF_OPTIMAL);
    assert_int_equal(mcf_flow(g, a), 4);
    assert_int_equal(mcf_flow(g, loop), 3);
    assert_int_equal(mcf_total_cost(g), 4 * (-5 + 1 + 1) + 3 * -2);
    assert_certified(g);
    mcf_destroy(g);
}

static void an_empty_network_is_optimal_at_cost_zero(void **state) {
    mcf *g = mcf_create(0, 0);
    assert_int_equal(mcf_solve(g), MCF_OPTIMAL);
    assert_int_equal(mcf_total_cost(g), 0);
    assert_certified(g);
    mcf_destroy(g);
    g = mcf_create(5, 0);
    assert_int_equal(mcf_solve(g), MCF_OPTIMAL);
    mcf_destroy(g);
}

static void costs_too_large_for_the_network_size_are_refused_as_overflow(void **state) {
    mcf *g = mcf_create(2000, 2);
    mcf_set_supply(g, 0, 1);
    mcf_set_supply(g, 1, -1);
    mcf_add_arc(g, 0, 1, 0, 1, MCF_COST_MAX);
    assert_int_equal(mcf_solve(g), MCF_OVERFLOW);
    assert_string_equal(mcf_status_name(MCF_OVERFLOW), "overflow");
    mcf_destroy(g);
}

static void the_certificate_check_rejects_broken_solutions(void **state) {
    mcf *g = transport_3x4();
    assert_int_equal(mcf_solve(g), MCF_OPTIMAL);
    int m = mcf_arc_count(g), n = mcf_node_count(g);
    int64_t *flow = xmalloc((size_t)m * sizeof *flow);
    int64_t *pi = xmalloc((size_t)n * sizeof *pi);
    for (int a = 0; a < m; a++) {
        flow[a] = mcf_flow(g, a);
    }
    for (int u = 0; u < n; u++) {
        pi[u] = mcf_potential(g, u);
    }
    ocop_error err = {{0}};
    assert_int_equal(mcf_check_solution(g, flow, pi, &err), 0);

    /* Beyond a bound. */
    flow[0] = -1;
    assert_int_equal(mcf_check_solution(g, flow, pi, &err), -1);
    assert_non_null(strstr(err.msg, "outside"));
    flow[0] = mcf_flow(g, 0);

    /* Conservation: move one unit from an arc with flow onto an idle arc of the same
     * supplier towards another buyer; bounds hold, the buyers' balances do not. */
    int busy = -1, idle = -1;
    for (int a = 0; a < m && (busy < 0 || idle < 0); a++) {
        if (mcf_arc_tail(g, a) == 0 && mcf_arc_head(g, a) != 7) {
            if (flow[a] > 0 && busy < 0) {
                busy = a;
            } else if (flow[a] == 0 && idle < 0) {
                idle = a;
            }
        }
    }
    assert_true(busy >= 0 && idle >= 0);
    flow[busy]--;
    flow[idle]++;
    assert_int_equal(mcf_check_solution(g, flow, pi, &err), -1);
    assert_non_null(strstr(err.msg, "supply"));
    flow[busy]++;
    flow[idle]--;

    /* Potentials that do not prove optimality: all zero makes every positive-cost arc with
     * flow a violation. */
    memset(pi, 0, (size_t)n * sizeof *pi);
    assert_int_equal(mcf_check_solution(g, flow, pi, &err), -1);
    assert_non_null(strstr(err.msg, "reduced cost"));
    free(flow);
    free(pi);
    mcf_destroy(g);
}

static void the_same_network_always_gives_the_same_flow(void **state) {
    /* Many equal-cost alternatives: ties must be broken the same way every time. */
    int64_t first[64];
    for (int run = 0; run < 3; run++) {
        mcf *g = mcf_create(16, 64);
        for (int u = 0; u < 8; u++) {
            mcf_set_supply(g, u, 5);
            mcf_set_supply(g, 8 + u, -5);
            for (int v = 0; v < 8; v++) {
                mcf_add_arc(g, u, 8 + v, 0, 5, 1);
            }
        }
        assert_int_equal(mcf_solve(g), MCF_OPTIMAL);
        for (int a = 0; a < 64; a++) {
            if (run == 0) {
                first[a] = mcf_flow(g, a);
            } else {
                assert_int_equal(mcf_flow(g, a), first[a]);
            }
        }
        mcf_destroy(g);
    }
}

/* ---- DIMACS ----------------------------------------------------------------------------- */

static void dimacs_output_has_problem_node_and_arc_lines(void **state) {
    mcf *g = mcf_create(3, 2);
    mcf_set_supply(g, 0, 4);
    mcf_set_supply(g, 2, -4);
    mcf_add_arc(g, 0, 1, 1, 9, 3);
    mcf_add_arc(g, 1, 2, 0, 9, -2);
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    mcf_write_dimacs(g, f, "ocop-kiosk test\nsecond line");
    fclose(f);
    assert_string_equal(text, "c ocop-kiosk test\n"
                              "c second line\n"
                              "p min 3 2\n"
                              "n 1 4\n"
                              "n 3 -4\n"
                              "a 1 2 1 9 3\n"
                              "a 2 3 0 9 -2\n");
    free(text);
    mcf_destroy(g);
}

static void glpk_reads_the_dimacs_file_and_finds_the_same_optimum(void **state) {
    mcf *g = transport_3x4();
    const char *dir = test_tmpdir();
    char path[512];
    assert_true(str_format(path, sizeof path, "%s/t3x4.min", dir));
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    mcf_write_dimacs(g, f, "3x4 transportation");
    fclose(f);
    glp_graph *G = glp_create_graph(sizeof(glpk_vertex), sizeof(glpk_arc));
    assert_int_equal(glp_read_mincost(G, offsetof(glpk_vertex, rhs), offsetof(glpk_arc, low),
                                      offsetof(glpk_arc, cap), offsetof(glpk_arc, cost), path),
                     0);
    double cost = 0;
    assert_int_equal(glp_mincost_okalg(G, offsetof(glpk_vertex, rhs), offsetof(glpk_arc, low),
                                       offsetof(glpk_arc, cap), offsetof(glpk_arc, cost), &cost, -1,
                                       -1),
                     0);
    assert_true(cost == 550.0);
    glp_delete_graph(G);
    test_tmpdir_remove();
    mcf_destroy(g);
}

/* ---- random networks against GLPK -------------------------------------------------------- */

static uint64_t rng_state;

static uint32_t rnd(void) {
    /* xorshift64*: reproducible across platforms. */
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return (uint32_t)((rng_state * 2685821657736338717ULL) >> 32);
}

static int64_t rnd_range(int64_t lo, int64_t hi) {
    return lo + (int64_t)(rnd() % (uint64_t)(hi - lo + 1));
}

/* A random network of a few kinds: general graphs with negative costs and lower bounds, and
 * transportation problems with slack; some infeasible on purpose. `loops` allows self-loops. */
static mcf *random_network(int kind, int max_nodes, int max_arcs, bool loops) {
    int n = (int)rnd_range(2, max_nodes);
    int m = (int)rnd_range(1, max_arcs);
    mcf *g = mcf_create(n, m);
    if (kind == 0) {
        for (int a = 0; a < m; a++) {
            int u = (int)rnd_range(0, n - 1), v = (int)rnd_range(0, n - 1);
            if (u == v && !loops) {
                v = (u + 1) % n; /* glp_mincost_okalg rejects self-loops (GLP_EDATA) */
            }
            int64_t upper = rnd_range(0, 30);
            int64_t lower = rnd() % 4 == 0 ? rnd_range(0, upper) : 0;
            mcf_add_arc(g, u, v, lower, upper, rnd_range(-20, 60));
        }
        int64_t sum = 0;
        for (int u = 0; u < n - 1; u++) {
            int64_t b = rnd() % 2 ? rnd_range(-25, 25) : 0;
            mcf_set_supply(g, u, b);
            sum += b;
        }
        mcf_set_supply(g, n - 1, -sum);
    } else {
        /* Transportation with a bypass so that most instances are feasible. */
        int ns = n / 2 > 0 ? n / 2 : 1;
        int64_t total = 0;
        for (int s = 0; s < ns; s++) {
            int64_t b = rnd_range(0, 40);
            mcf_set_supply(g, s, b);
            total += b;
        }
        int nd = n - ns;
        int64_t left = total;
        for (int d = 0; d < nd; d++) {
            int64_t q = d == nd - 1 ? left : rnd_range(0, left);
            mcf_set_supply(g, ns + d, -q);
            left -= q;
        }
        for (int a = 0; a < m; a++) {
            int s = (int)rnd_range(0, ns - 1), d = (int)rnd_range(ns, n - 1);
            mcf_add_arc(g, s, d, 0, rnd_range(0, 40), rnd_range(0, 100));
        }
        if (rnd() % 5 != 0) {
            for (int d = ns; d < n; d++) {
                mcf_add_arc(g, 0, d, 0, 1000, 5000); /* big-M bypass */
            }
            for (int s = 1; s < ns; s++) {
                mcf_add_arc(g, s, 0, 0, 1000, 0);
            }
        }
    }
    return g;
}

static void compare_with_glpk(int instances, int max_nodes, int max_arcs, bool use_simplex) {
    int optimal = 0, infeasible = 0;
    for (int i = 0; i < instances; i++) {
        mcf *g = random_network(i % 2, max_nodes, max_arcs, use_simplex);
        mcf_status st = mcf_solve(g);
        double glpk_cost = 0;
        bool glpk_feasible;
        if (use_simplex) {
            glpk_feasible = glpk_simplex(g, &glpk_cost) == GLP_OPT;
        } else {
            int rc = glpk_okalg(g, &glpk_cost);
            if (rc != 0 && rc != GLP_ENOPFS) {
                fail_msg("instance %d: glp_mincost_okalg returned %d", i, rc);
            }
            glpk_feasible = rc == 0;
        }
        if (glpk_feasible) {
            if (st != MCF_OPTIMAL) {
                fail_msg("instance %d: mcf says %s, GLPK found cost %.0f", i, mcf_status_name(st),
                         glpk_cost);
            }
            if ((double)mcf_total_cost(g) != glpk_cost) {
                fail_msg("instance %d: mcf cost %lld, GLPK %.0f", i, (long long)mcf_total_cost(g),
                         glpk_cost);
            }
            assert_certified(g);
            optimal++;
        } else {
            if (st != MCF_INFEASIBLE) {
                fail_msg("instance %d: GLPK says infeasible, mcf says %s", i, mcf_status_name(st));
            }
            infeasible++;
        }
        mcf_destroy(g);
    }
    /* The generator must exercise both outcomes, or the comparison proves little. */
    assert_true(optimal > instances / 3);
    assert_true(infeasible > 0);
}

/* mcf_set_arc_bounds: one network solved again and again with other bounds (as the batch
 * allocation's exact search does; mcf_solve keeps its workspace between solves) gives, every
 * time, GLPK's optimum of that network and a certified flow, and the same answer as a network
 * built afresh with those bounds. */
static void a_network_solved_again_with_new_bounds_agrees_with_glpk_every_time(void **state) {
    (void)state;
    rng_state = 0x5E7B0DULL;
    int optimal = 0, infeasible = 0;
    for (int i = 0; i < 40; i++) {
        mcf *g = random_network(i % 2, 12, 40, false);
        for (int round = 0; round < 15; round++) {
            int m = mcf_arc_count(g);
            for (int k = 0; k < 1 + m / 4; k++) {
                int a = (int)rnd_range(0, m - 1);
                int64_t upper = rnd_range(0, 40);
                int64_t lower = rnd() % 3 == 0 ? rnd_range(0, upper) : 0;
                mcf_set_arc_bounds(g, a, lower, upper);
            }
            mcf *fresh = mcf_create(mcf_node_count(g), m);
            for (int u = 0; u < mcf_node_count(g); u++) {
                mcf_set_supply(fresh, u, mcf_supply(g, u));
            }
            for (int a = 0; a < m; a++) {
                mcf_add_arc(fresh, mcf_arc_tail(g, a), mcf_arc_head(g, a), mcf_arc_lower(g, a),
                            mcf_arc_upper(g, a), mcf_arc_cost(g, a));
            }
            mcf_status st = mcf_solve(g);
            assert_int_equal(mcf_solve(fresh), st);
            double glpk_cost = 0;
            int rc = glpk_okalg(g, &glpk_cost);
            if (rc != 0 && rc != GLP_ENOPFS) {
                fail_msg("network %d round %d: glp_mincost_okalg returned %d", i, round, rc);
            }
            if (rc == 0) {
                if (st != MCF_OPTIMAL || (double)mcf_total_cost(g) != glpk_cost) {
                    fail_msg("network %d round %d: mcf %s, GLPK cost %.0f", i, round,
                             mcf_status_name(st), glpk_cost);
                }
                assert_certified(g);
                for (int a = 0; a < m; a++) {
                    assert_int_equal(mcf_flow(g, a), mcf_flow(fresh, a));
                }
                optimal++;
            } else {
                assert_int_equal(st, MCF_INFEASIBLE);
                infeasible++;
            }
            mcf_destroy(fresh);
        }
        mcf_destroy(g);
    }
    assert_true(optimal > 100);
    assert_true(infeasible > 0);
}

static void four_hundred_small_random_networks_agree_with_glpk_okalg(void **state) {
    rng_state = 0x9E3779B97F4A7C15ULL;
    compare_with_glpk(400, 14, 40, false);
}

static void a_hundred_medium_random_networks_agree_with_glpk_simplex(void **state) {
    rng_state = 0xD1B54A32D192ED03ULL;
    compare_with_glpk(100, 120, 1500, true);
}

static void a_large_transportation_problem_agrees_with_glpk_and_is_certified(void **state) {
    /* 100 producers × 300 buyers, dense: deep trees and many degenerate pivots. */
    rng_state = 42;
    enum { P = 100, B = 300 };
    mcf *g = mcf_create(P + B, P * B + B);
    int64_t total = 0;
    for (int b = 0; b < B; b++) {
        int64_t q = rnd_range(1, 100);
        mcf_set_supply(g, P + b, -q);
        total += q;
    }
    for (int p = 0; p < P; p++) {
        int64_t cap = total * 8 / 10 / P;
        mcf_set_supply(g, p, cap);
    }
    mcf_set_supply(g, 0, mcf_supply(g, 0) + total - total * 8 / 10 / P * P);
    for (int p = 0; p < P; p++) {
        for (int b = 0; b < B; b++) {
            mcf_add_arc(g, p, P + b, 0, 100, rnd_range(1, 1000));
        }
    }
    for (int b = 0; b < B; b++) {
        mcf_add_arc(g, 0, P + b, 0, 100, 1000 * (P + 1)); /* bypass */
    }
    assert_int_equal(mcf_solve(g), MCF_OPTIMAL);
    assert_certified(g);
    double glpk_cost = 0;
    assert_int_equal(glpk_simplex(g, &glpk_cost), GLP_OPT);
    assert_true((double)mcf_total_cost(g) == glpk_cost);
    mcf_destroy(g);
}

static void larger_random_networks_with_ties_and_lower_bounds_are_certified(void **state) {
    /* Up to 1,000 nodes and 10,000 arcs with costs in {-1, 0, 1, 2}: deep trees and many
     * degenerate pivots, where a slip in the tree update shows. The certificate is the proof;
     * the complete bypass keeps every instance feasible. */
    rng_state = 0xA5A5A5A5ULL;
    for (int it = 0; it < 60; it++) {
        int n = (int)rnd_range(2, 1000), m = (int)rnd_range(1, 10000);
        mcf *g = mcf_create(n + 1, m + 2 * n);
        int64_t sum = 0;
        for (int u = 0; u < n; u++) {
            int64_t b = rnd() % 3 == 0 ? rnd_range(-25, 25) : 0;
            mcf_set_supply(g, u, b);
            sum += b;
        }
        mcf_set_supply(g, n, -sum);
        for (int a = 0; a < m; a++) {
            int u = (int)rnd_range(0, n), v = (int)rnd_range(0, n);
            int64_t upper = rnd_range(0, 40);
            int64_t lower = rnd() % 5 == 0 ? rnd_range(0, upper) : 0;
            mcf_add_arc(g, u, v, lower, upper, rnd_range(-1, 2));
        }
        for (int u = 0; u < n; u++) {
            mcf_add_arc(g, u, n, 0, 1000000, 1000);
            mcf_add_arc(g, n, u, 0, 1000000, 1000);
        }
        assert_int_equal(mcf_solve(g), MCF_OPTIMAL);
        assert_certified(g);
        mcf_destroy(g);
    }
}

int main(void) {
    glp_term_out(GLP_OFF);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_3x4_transportation_problem_costs_550),
        cmocka_unit_test(a_chain_takes_the_cheaper_of_two_parallel_routes_up_to_its_capacity),
        cmocka_unit_test(supplies_that_do_not_sum_to_zero_are_infeasible),
        cmocka_unit_test(demand_beyond_the_arc_capacity_is_infeasible),
        cmocka_unit_test(a_node_without_any_arc_but_with_demand_is_infeasible),
        cmocka_unit_test(lower_bounds_force_flow_onto_an_expensive_arc),
        cmocka_unit_test(lower_bounds_on_a_cycle_without_supplies_are_met),
        cmocka_unit_test(lower_bounds_that_cannot_be_met_are_infeasible),
        cmocka_unit_test(a_negative_cycle_is_saturated_up_to_its_capacities),
        cmocka_unit_test(an_empty_network_is_optimal_at_cost_zero),
        cmocka_unit_test(costs_too_large_for_the_network_size_are_refused_as_overflow),
        cmocka_unit_test(the_certificate_check_rejects_broken_solutions),
        cmocka_unit_test(the_same_network_always_gives_the_same_flow),
        cmocka_unit_test(dimacs_output_has_problem_node_and_arc_lines),
        cmocka_unit_test(glpk_reads_the_dimacs_file_and_finds_the_same_optimum),
        cmocka_unit_test(four_hundred_small_random_networks_agree_with_glpk_okalg),
        cmocka_unit_test(a_network_solved_again_with_new_bounds_agrees_with_glpk_every_time),
        cmocka_unit_test(a_hundred_medium_random_networks_agree_with_glpk_simplex),
        cmocka_unit_test(a_large_transportation_problem_agrees_with_glpk_and_is_certified),
        cmocka_unit_test(larger_random_networks_with_ties_and_lower_bounds_are_certified),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
