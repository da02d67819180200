/*
 * alloc_exact.h: an exact branch and bound for a small piece of the batch allocation's integer
 * program (alloc.h: whole sale units and minimum orders), used by alloc_solve where rounding
 * and repair leave a component short of its relaxation's total or objective.
 *
 * The problem, over explicit (offer, inquiry) PAIRS: choose x_k ≥ 0 for every pair k, a
 * multiple of its offer's sale unit, with Σ x over an offer ≤ its capacity, Σ x over an
 * inquiry ≤ its quantity, and every (product, inquiry) total either 0 or at least the
 * product's minimum order. What an inquiry does not get is unmet and fills its TIERS, cheapest
 * first, each unmet unit costing its tier's penalty; the tiers' capacities cap what may stay
 * unmet (hard promises). The OBJECTIVE is lexicographic: the largest total Σ x, then, among
 * the solutions of that total, the least W = Σ x_k · cost_k + Σ unmet · penalty (alloc.h's
 * objective: costs, promises and fair-share tiers). Each node's relaxation minimises
 * W + M · Σ unmet, M = n_offers · max cost + 1: an augmenting path crosses at most n_offers
 * priced pairs, so every relaxation has the largest total of its node first, and the least W
 * among those; (total, W) of a node's relaxation therefore bounds, lexicographically, every
 * integer solution below it.
 *
 * Method: depth-first branch and bound, in two phases. Phase 1 looks for the largest total
 * alone: it cuts every node whose relaxation's total does not exceed the best solution's, and
 * its relaxations weigh an unmet unit rank · M (2 for a promise, else 1), not the fair-share
 * tiers' penalties, which spread a relaxation thinly over the inquiries and make the search
 * undo that pair by pair; it usually ends after few nodes. Phase 2 starts from phase 1's best
 * and searches (total, W) as above. Each node's relaxation is a min-cost flow (mcf.h)
 * S → offer → (product, inquiry) → inquiry, with the tiers as S → inquiry arcs; it is
 * integral and exact, so its total bounds every integer solution below the node. Each
 * relaxation is also rounded (whole units, minimum orders, then a greedy refill) into a
 * feasible solution. A pair whose flow is not whole units branches on its bounds
 * (x ≤ k·u | x ≥ (k+1)·u), a (product, inquiry) total below the minimum order on its arc
 * (≥ moq | 0). A node is cut when its relaxation's (total, W) does not beat the best
 * solution's. When phase 2 ends before `node_limit`, the best solution is PROVEN optimal for
 * the whole objective (the largest total, then the least W); when phase 1 does, its total is
 * proven the largest.
 */
#ifndef OCOP_ALLOC_EXACT_H
#define OCOP_ALLOC_EXACT_H

#include <stdbool.h>
#include <stdint.h>

typedef struct alloc_exact_pair {
    int offer, inquiry; /* indexes into the arrays of alloc_exact */
    int64_t cost;       /* per unit, 0 … ALLOC_UNIT_COST_MAX */
} alloc_exact_pair;

typedef struct alloc_exact_tier {
    int inquiry;
    int64_t cap;     /* how much of the inquiry's unmet quantity this tier carries */
    int64_t penalty; /* ≥ 0, per unmet unit it carries (W) */
    int rank;        /* ≥ 1: phase 1's cost per unmet unit is rank · M (a promise: 2) */
} alloc_exact_tier;

typedef struct alloc_exact {
    int n_offers, n_inquiries, n_products, n_pairs, n_tiers;
    const int64_t *capacity; /* per offer, ≥ 0 */
    const int64_t *unit;     /* per offer: the sale unit; ≤ 1 for any quantity */
    const int *product;      /* per offer: 0 … n_products-1 */
    const int64_t *moq;      /* per product: the minimum order, 0 for none */
    const int64_t *quantity; /* per inquiry, ≥ 1 */
    const alloc_exact_pair *pairs;
    const alloc_exact_tier *tiers;
    long node_limit; /* relaxations to solve at most, per phase */
} alloc_exact;

typedef enum alloc_exact_status {
    ALLOC_EXACT_PROVEN,  /* the search ended: x is optimal (the largest total, then least W) */
    ALLOC_EXACT_LIMIT,   /* node_limit reached: x is the best found, not proven */
    ALLOC_EXACT_SKIPPED, /* penalties too large for the relaxations (int64); x unchanged */
} alloc_exact_status;

/* Searches. `x` (n_pairs entries) holds the caller's solution on entry (it need not be
 * feasible: an infeasible one is simply beaten by any feasible one) and the best solution found
 * on return; *improved tells whether it changed, *total_proven whether x's total is proven the
 * largest (also when the objective is not proven), *nodes gets the relaxations solved (at most
 * 2 · node_limit: each phase has node_limit). */
alloc_exact_status alloc_exact_solve(const alloc_exact *in, int64_t *x, bool *improved,
                                     bool *total_proven, long *nodes);

#endif
