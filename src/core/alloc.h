/*
 * alloc.h: the batch allocation model (DESIGN §4, `ocop-kiosk allocate`), on top of mcf.h.
 *
 * Input: offers (free capacity of one product in one month), inquiries (a demanded quantity
 * and a fair-share rule) and the compatible (offer, inquiry) pairs with what the cost needs to
 * know (stars, distance, price). The caller (the database side) decides compatibility:
 * product or group, month window, minimum stars, maximum price, unit conversion.
 *
 * QUANTITIES are int64 in SCALED BASE UNITS: grams for mass products (base kg × 1000),
 * millilitres for volume products (base l × 1000), pieces for count products (× 1). Use
 * alloc_to_scaled / alloc_from_scaled. A quantity may not exceed ALLOC_QTY_MAX (10^12 g =
 * one million tonnes) and the total demand may not exceed MCF_CAP_MAX / 4 ≈ 2.8·10^14 (280,000
 * tonnes in grams); 10,000 inquiries of 10 t each are 10^11 g. Costs: unit cost ≤ 10^8 and
 * penalties are checked against int64 (see below); totals are summed in 128 bits.
 *
 * THE NETWORK (node 0 = source S; offers; inquiries):
 *   S → offer o          capacity cap_o, cost 0
 *   offer o → inquiry i  for every compatible pair: lower = held (kept hold, --keep-holds),
 *                        upper = min(cap_o, q_i, pair.max_qty if > 0), cost = unit cost below
 *   S → inquiry i        the "unmet" bypass, split into fair-share tiers (below)
 *   supply(S) = Σ q_i, supply(i) = −q_i.
 * Every unit of demand is either allocated through an offer or left unmet through a tier.
 *
 * THE UNIT COST of a pair, per scaled unit (all integers, ≥ 0):
 *   cost = w_stars · (5 − stars) + w_km · distance_km + w_price · price_kvnd
 * where stars is the product's OCOP stars (1–5), distance_km the estimated road distance
 * from the producer's province to the buyer's, and price_kvnd the offer's price per BASE unit
 * (kg, l or piece) in thousands of VND, rounded. Defaults (alloc_params_default):
 * w_stars = 100, w_km = 1, w_price = 1, so one star is worth 100 km or 100,000 VND per kg.
 * The cost of a pair may not exceed ALLOC_UNIT_COST_MAX.
 *
 * OBJECTIVE, lexicographic: first the largest total allocated quantity (exactly the max-flow
 * optimum of the network without bypass arcs, respecting holds), then fairness tiers, then
 * the least total cost. Achieved with penalties on the bypass tiers: let B = the largest, over
 * connected components c of the pair graph, of min(#offers_c, #inquiries_c) · Cmax_c (Cmax_c
 * the largest unit cost in c). An augmenting path uses at most that many pair arcs, so an
 * unmet penalty M ≥ B + 1 per unit makes any gain in allocated quantity worth more than any
 * change of cost. Tiers: each inquiry's demand is cut into up to T tiers (the first units
 * first); the tier of rank k (1 = first units) costs (T' − k + 1) · (B + 1) per unmet unit,
 * T' = max(T, 2).
 * Steps of B + 1 between ranks mean the solver fills everybody's first tier before anybody's
 * second, and so on, before it looks at cost: an approximate max-min (water-filling) of the
 * fill rates, so one buyer cannot take a whole small cooperative when others asked too.
 *   - guarantee == ALLOC_GUARANTEE_AUTO: T = params.fair_tiers tiers of equal size
 *     (breakpoints ⌊q·k/T⌋), fill rates are levelled in steps of 1/T;
 *   - guarantee g ≥ 0 (explicit): two tiers, the first g units at rank 1 (penalty T') and the
 *     rest at the lowest rank (penalty 1): g acts as a guaranteed share.
 * The pair's max_qty is the other fairness tool: a hard per-buyer cap on one offer.
 *   - params.fair_tiers == 1 and AUTO everywhere: no fairness, pure max-quantity-then-cost.
 *
 * DETERMINISM: offers are put in (product_id, month) order, inquiries in id order and pairs
 * in (offer, inquiry) order before the network is built, and the solver is deterministic, so
 * the same data gives the same allocation whatever the order of the input arrays. Tests
 * compare objective values (several optima may tie) and the certificate, not just flows.
 *
 * SOLVING: the pair graph falls apart into connected components (typically product or group
 * × month); they share only the source, so each is solved on its own (small ones packed into
 * sub-networks of about 20,000 arcs), which is the same optimum found faster. Each
 * sub-network's result is certified by mcf_check (bounds, conservation, reduced costs against
 * the potentials); together they certify the whole, and alloc_result.certified says so.
 */
#ifndef OCOP_ALLOC_H
#define OCOP_ALLOC_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "core/base.h"
#include "core/mcf.h"

#define ALLOC_SCALE_MASS   1000 /* grams per kg */
#define ALLOC_SCALE_VOLUME 1000 /* millilitres per litre */
#define ALLOC_SCALE_COUNT  1    /* pieces per piece */

#define ALLOC_QTY_MAX        ((int64_t)1000000000000) /* 10^12 scaled units */
#define ALLOC_UNIT_COST_MAX  ((int64_t)100000000)     /* 10^8 per scaled unit */
#define ALLOC_KM_MAX         20000
#define ALLOC_PRICE_KVND_MAX ((int64_t)1000000000) /* 10^12 VND per base unit */
#define ALLOC_TIERS_MAX      100
#define ALLOC_GUARANTEE_AUTO ((int64_t)-1)

/* Free capacity of one product in one month. */
typedef struct alloc_offer {
    int64_t product_id; /* the product (its producer is implied); with month, unique */
    int month;          /* YYYYMM, e.g. 202612 (any integer key works) */
    int64_t capacity;   /* free capacity, scaled base units, 0 … ALLOC_QTY_MAX */
} alloc_offer;

/* One open inquiry. */
typedef struct alloc_inquiry {
    int64_t id;        /* stable and unique (e.g. the row id): the deterministic order */
    int64_t quantity;  /* demand, scaled base units, 1 … ALLOC_QTY_MAX */
    int64_t guarantee; /* ALLOC_GUARANTEE_AUTO, or 0 … quantity: see the header comment */
} alloc_inquiry;

/* One compatible (offer, inquiry) pair. */
typedef struct alloc_pair {
    int offer;          /* index into the offers array */
    int inquiry;        /* index into the inquiries array */
    int stars;          /* the product's OCOP stars, 1–5 */
    int distance_km;    /* producer province → buyer province, 0 … ALLOC_KM_MAX */
    int64_t price_kvnd; /* price per base unit, thousands of VND, 0 … ALLOC_PRICE_KVND_MAX */
    int64_t held;       /* a kept hold (lower bound), scaled units; 0 for none */
    int64_t max_qty;    /* an extra upper bound for this pair (e.g. a per-buyer cap); ≤ 0: none */
} alloc_pair;

typedef struct alloc_params {
    int64_t w_stars; /* per star below 5, per scaled unit (default 100) */
    int64_t w_km;    /* per km, per scaled unit (default 1) */
    int64_t w_price; /* per thousand VND of price per base unit (default 1) */
    int fair_tiers;  /* tiers for ALLOC_GUARANTEE_AUTO, 1 … ALLOC_TIERS_MAX (default 10) */
    bool certify;    /* run mcf_check on the result (default true) */
    bool decompose;  /* solve each connected component of the pair graph (with the source)
                      * on its own, small ones packed together (default true); the same
                      * optimum, found faster. false: one network (for tests) */
} alloc_params;

/* The documented defaults. */
void alloc_params_default(alloc_params *p);

/* The unit cost of `pair` under `params` (the formula in the header comment). Does not
 * validate; alloc_create does. */
int64_t alloc_unit_cost(const alloc_params *params, const alloc_pair *pair);

/* The scale of a base unit name: "kg" → ALLOC_SCALE_MASS, "l" → ALLOC_SCALE_VOLUME, "piece"
 * → ALLOC_SCALE_COUNT; 0 for anything else. */
int64_t alloc_scale_for(const char *base_unit);
/* `base_qty` (in `base_unit`: "kg", "l" or "piece") in scaled units, rounded to the nearest
 * unit. Returns 0, or -1 with `err` set for an unknown unit, a negative or non-finite
 * quantity, or one above ALLOC_QTY_MAX. */
int alloc_to_scaled(double base_qty, const char *base_unit, int64_t *out, ocop_error *err);
/* Scaled units back to the base unit (e.g. grams → kg). Unknown unit: scale 1. */
double alloc_from_scaled(int64_t scaled, const char *base_unit);

typedef struct alloc_problem alloc_problem;

/* Validates the input and builds the network. The arrays are copied; the caller keeps them.
 * Returns the problem (free with alloc_destroy), or NULL with `err` naming the bad item, e.g.
 * "pair 17 (offer 3, inquiry 9): stars 7 not in 1 … 5", "offer 2 (product 55, month 202612):
 * kept holds total 12000 above the capacity 10000". `params` may be NULL for the defaults. */
alloc_problem *alloc_create(const alloc_offer *offers, int n_offers, const alloc_inquiry *inquiries,
                            int n_inquiries, const alloc_pair *pairs, int n_pairs,
                            const alloc_params *params, ocop_error *err);
void alloc_destroy(alloc_problem *p); /* accepts NULL */

/* The result of alloc_solve; arrays are indexed like the caller's input arrays and owned by
 * the result (alloc_result_free). */
typedef struct alloc_result {
    int n_pairs, n_inquiries;
    int64_t *pair_qty;       /* allocated quantity per pair (≥ its hold), scaled units */
    int64_t *unmet;          /* per inquiry: quantity − Σ its pairs, scaled units */
    int64_t total_demand;    /* Σ quantities */
    int64_t total_allocated; /* Σ pair_qty: the max-flow optimum */
    int64_t total_unmet;     /* total_demand − total_allocated */
    int64_t total_cost;      /* Σ pair_qty × unit cost (penalties excluded) */
    int64_t penalty;         /* Σ unmet × its tier penalty (saturates at INT64_MAX); penalty +
                              * total_cost is the min-cost flow objective */
    int inquiries_unfilled;  /* inquiries with nothing allocated */
    /* Fairness report (research notes §3): fill rate = allocated / quantity, in permille. */
    int min_fill_permille;        /* the worst-served inquiry (1000 when there is none) */
    int p10_fill_permille;        /* 10th percentile of the fill rates */
    int max_buyer_share_permille; /* over offers where some candidate buyer other than the
                                   * offer's largest taker was left short: the largest share
                                   * of such an offer's allocated quantity that went to one
                                   * inquiry (0 when there is no such offer) */
    int64_t penalty_step;         /* B + 1 of the header comment */
    bool certified;               /* every sub-network passed mcf_check (false when params.certify
                                   * is off) */
    int nodes, arcs;              /* network size */
    long pivots;                  /* simplex pivots */
} alloc_result;

/* Solves the problem. Returns 0 and fills `out` (free it with alloc_result_free, also after
 * a failure), or -1 with `err` set: infeasible holds (cannot happen after alloc_create's
 * checks, reported anyway), numbers too large for int64 ("scale the weights down"), or a
 * failed certificate (a solver bug: the message names the arc or node). */
int alloc_solve(alloc_problem *p, alloc_result *out, ocop_error *err);
void alloc_result_free(alloc_result *r); /* accepts a zeroed result */

/* The whole network (for statistics, DIMACS and tests); owned by `p`. It is never solved
 * itself: alloc_solve solves copies of its components (a component's certificate proves it
 * optimal, and the components only share the source, so together they prove the whole).
 * Node 0 is the source, nodes 1 … n_offers the offers in (product, month) order, then the
 * inquiries in id order. */
const mcf *alloc_network(const alloc_problem *p);

/* Writes the network in DIMACS min-cost format (mcf_write_dimacs) with comment lines that
 * say what the nodes are, for `ocop-kiosk allocate --dimacs FILE`. */
void alloc_write_dimacs(const alloc_problem *p, FILE *out);

#endif
