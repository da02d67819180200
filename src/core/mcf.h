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
 */
#ifndef OCOP_MCF_H
#define OCOP_MCF_H

#include <stdint.h>
#include <stdio.h>

#include "core/base.h"

typedef struct mcf mcf;

/* A network with `n_nodes` nodes (0 … n_nodes-1) and room for `arc_hint` arcs. */
mcf *mcf_create(int n_nodes, int arc_hint);
void mcf_destroy(mcf *g); /* accepts NULL */

/* Supply (> 0) or demand (< 0) of a node. Supplies must sum to zero for a feasible problem. */
void mcf_set_supply(mcf *g, int node, int64_t supply);
/* Adds an arc from `tail` to `head`; returns its index (0, 1, …). */
int mcf_add_arc(mcf *g, int tail, int head, int64_t lower, int64_t upper, int64_t cost);

typedef enum mcf_status { MCF_OPTIMAL, MCF_INFEASIBLE, MCF_UNBOUNDED } mcf_status;

mcf_status mcf_solve(mcf *g);

int mcf_node_count(const mcf *g);
int mcf_arc_count(const mcf *g);
int64_t mcf_flow(const mcf *g, int arc);       /* after MCF_OPTIMAL */
int64_t mcf_potential(const mcf *g, int node); /* after MCF_OPTIMAL */
int64_t mcf_total_cost(const mcf *g);          /* after MCF_OPTIMAL */

/* Checks the solution held in `g` for optimality without trusting the solver: bounds,
 * conservation and reduced costs against the potentials. Returns 0, or -1 with `err` naming
 * the first violation. */
int mcf_check(const mcf *g, ocop_error *err);

/* Writes the network in DIMACS min-cost format (p min / n / a lines), for bug reports and
 * for other solvers (glpsol --mincost). */
void mcf_write_dimacs(const mcf *g, FILE *out, const char *comment);

#endif
