/*
 * mcf.h: minimum-cost flow, the batch allocator's solver (DESIGN §4).
 *
 * A network of nodes with supplies (positive) and demands (negative) and arcs with integer
 * lower/upper bounds and int64 unit costs. mcf_solve finds a feasible flow of least cost; the
 * allocator builds a network in which "largest total allocated" dominates (big-M unmet arcs)
 * and cost breaks ties. The solver also returns node potentials, so that mcf_check can certify
 * any result in linear time (bounds, conservation, complementary slackness).
 *
 * Quantities are integers (the allocator scales base units); costs are int64.
 *
 * The algorithm is a primal network simplex on a strongly feasible spanning tree (parent,
 * thread, successor counts) with block-search pivoting, after the design of LEMON's
 * NetworkSimplex (Kovács 2015). The arcs are searched in a fixed "mixed" order, so the result
 * depends only on the network and the order in which arcs were added: the same input always
 * gives the same flow (among several optima, always the same one).
 *
 * Limits (checked; a violation is a programming error and stops the program):
 *   0 ≤ lower ≤ upper ≤ MCF_CAP_MAX, |supply| ≤ MCF_CAP_MAX, |cost| ≤ MCF_COST_MAX.
 * Overflow: potentials are bounded by (nodes+1)²·(max|cost|+1) and all flow sums by
 * Σ|supply| + Σ lower + Σ finite upper; mcf_solve returns MCF_OVERFLOW instead of solving when
 * either bound does not fit comfortably in int64. Totals of cost × flow are summed in
 * __int128 (mcf_total_cost_checked tells whether the total fits in int64).
 */
#ifndef OCOP_MCF_H
#define OCOP_MCF_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "core/base.h"

/* Largest capacity, bound or supply magnitude an arc or node may carry (2^50 ≈ 1.1e15). */
#define MCF_CAP_MAX ((int64_t)1 << 50)
/* Largest unit-cost magnitude (2^50); see the overflow note above for the real limit. */
#define MCF_COST_MAX ((int64_t)1 << 50)

typedef struct mcf mcf;

/* A network with `n_nodes` nodes (0 … n_nodes-1) and room for `arc_hint` arcs (it grows as
 * needed). Supplies start at 0. The caller owns the result and frees it with mcf_destroy. */
mcf *mcf_create(int n_nodes, int arc_hint);
void mcf_destroy(mcf *g); /* accepts NULL */

/* Supply (> 0) or demand (< 0) of a node. Supplies must sum to zero for a feasible problem
 * (mcf_solve reports MCF_INFEASIBLE otherwise). Invalidates a previous solution. */
void mcf_set_supply(mcf *g, int node, int64_t supply);
int64_t mcf_supply(const mcf *g, int node);
/* Changes the bounds of arc `arc` (0 ≤ lower ≤ upper ≤ MCF_CAP_MAX), so that one network can
 * be solved again and again with other bounds (a branch and bound); mcf_solve keeps its
 * workspace between solves of one network. Invalidates a previous solution. */
void mcf_set_arc_bounds(mcf *g, int arc, int64_t lower, int64_t upper);
/* Adds an arc from `tail` to `head` carrying between `lower` and `upper` units at `cost` per
 * unit; returns its index (0, 1, …). Self-loops are allowed (their flow is decided by the sign
 * of the cost). Invalidates a previous solution. */
int mcf_add_arc(mcf *g, int tail, int head, int64_t lower, int64_t upper, int64_t cost);

typedef enum mcf_status {
    MCF_OPTIMAL,    /* a least-cost flow was found */
    MCF_INFEASIBLE, /* no flow meets the bounds and supplies */
    MCF_UNBOUNDED,  /* cannot happen with finite bounds; kept for completeness */
    MCF_OVERFLOW    /* costs × network size (or the quantities) are too large for int64 */
} mcf_status;

/* Solves the network. Deterministic. Returns the status; flows, potentials and the cost are
 * available only after MCF_OPTIMAL. */
mcf_status mcf_solve(mcf *g);
/* A name for the status ("optimal", "infeasible", …), static. */
const char *mcf_status_name(mcf_status s);

int mcf_node_count(const mcf *g);
int mcf_arc_count(const mcf *g);
int mcf_arc_tail(const mcf *g, int arc);
int mcf_arc_head(const mcf *g, int arc);
int64_t mcf_arc_lower(const mcf *g, int arc);
int64_t mcf_arc_upper(const mcf *g, int arc);
int64_t mcf_arc_cost(const mcf *g, int arc);

/* The flow on `arc`, lower ≤ flow ≤ upper (after MCF_OPTIMAL). */
int64_t mcf_flow(const mcf *g, int arc);
/* The potential π of `node` (after MCF_OPTIMAL), in the convention of the LP dual: the reduced
 * cost of an arc u→v is λ = cost − π[u] + π[v], and the flow is optimal because
 * λ > 0 ⇒ flow = lower and λ < 0 ⇒ flow = upper on every arc. */
int64_t mcf_potential(const mcf *g, int node);
/* Σ flow × cost (after MCF_OPTIMAL); saturates at INT64_MIN/INT64_MAX when the true total does
 * not fit (see mcf_total_cost_checked). */
int64_t mcf_total_cost(const mcf *g);
/* Σ flow × cost into *out; returns false (and leaves *out alone) when it does not fit in int64
 * or there is no optimal solution. */
bool mcf_total_cost_checked(const mcf *g, int64_t *out);
/* The number of simplex pivots of the last solve (for benchmarks). */
long mcf_pivot_count(const mcf *g);

/* Checks the solution held in `g` for optimality without trusting the solver, in O(n + m):
 * bounds, conservation (Σ out − Σ in = supply at every node) and complementary slackness of
 * the reduced costs against the potentials (all arithmetic in __int128). Returns 0, or -1 with
 * `err` naming the first violation (also when there is no optimal solution to check). */
int mcf_check(const mcf *g, ocop_error *err);
/* The same check for a flow and potentials given by the caller (arrays of mcf_arc_count and
 * mcf_node_count entries, potentials in the convention of mcf_potential), e.g. another
 * solver's answer or a deliberately broken one in tests. Needs no solve. Returns 0 or -1. */
int mcf_check_solution(const mcf *g, const int64_t *flow, const int64_t *pi, ocop_error *err);

/* Writes the network in DIMACS min-cost format, for bug reports and for other solvers
 * (glpsol --mincost, LEMON's readDimacsMin): "c" comment lines (each line of `comment`, which
 * may be NULL), "p min NODES ARCS", "n ID SUPPLY" for every node with a nonzero supply, and
 * "a TAIL HEAD LOW CAP COST" for every arc in index order; ids are 1-based. */
void mcf_write_dimacs(const mcf *g, FILE *out, const char *comment);

#endif
