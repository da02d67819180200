/*
 * alloc.h: the batch allocation model (DESIGN §4, `ocop-kiosk allocate`), on top of mcf.h.
 *
 * Input: offers (free capacity of one product in one month, with the product's sale unit and
 * minimum order), inquiries (a demanded quantity, a fair-share rule, a promised quantity) and
 * CLASSES: inquiries that are eligible for the same offers at the same unit costs (same
 * product or group, months, minimum stars, maximum price, buyer province) belong to one class,
 * and a LINK joins an offer to a class with what the cost needs to know (stars, distance,
 * price). The caller (the database side) decides eligibility and forms the classes; nothing
 * is cut: every eligible (offer, inquiry) pair is represented, through the inquiry's class.
 *
 * QUANTITIES are int64 in SCALED BASE UNITS: grams for mass products (base kg × 1000),
 * millilitres for volume products (base l × 1000), pieces for count products (× 1). Use
 * alloc_to_scaled / alloc_from_scaled. A quantity may not exceed ALLOC_QTY_MAX (10^12 g =
 * one million tonnes) and the total demand may not exceed MCF_CAP_MAX / 4 ≈ 2.8·10^14.
 *
 * THE NETWORK (the LP relaxation; node 0 = source S; offers; classes; inquiries):
 *   S → offer o          capacity cap_o, cost 0
 *   offer o → class c    for every link: capacity cap_o, cost = the link's unit cost
 *   class c → inquiry i  for every inquiry of c: lower = promised_i with hard_promises (else 0),
 *                        upper = q_i, cost 0
 *   S → inquiry i        the "unmet" bypass, split into tiers (below)
 *   supply(S) = Σ q_i, supply(i) = −q_i.
 * Arcs grow with links (classes × products × months) plus a few per inquiry, not with
 * inquiries × products. Inquiries of one class are interchangeable (same offers, same costs),
 * so any split of a class's inflow over its inquiries is an optimal (offer, inquiry) flow.
 *
 * THE UNIT COST of a link, per scaled unit (integers ≥ 0):
 *   cost = w_stars · (5 − stars) + w_km · distance_km + w_price · price_kvnd
 * (stars 1–5, estimated road km from the producer's province to the buyer's, price per BASE
 * unit in thousands of VND). Defaults: w_stars = 100, w_km = 1, w_price = 1, so one star is
 * worth 100 km or 100,000 VND per kg. At most ALLOC_UNIT_COST_MAX.
 *
 * OBJECTIVE, lexicographic: (1) the largest total allocated quantity, (2) promises: the least
 * promised quantity left unmet, (3) fairness tiers, (4) the least total cost. Achieved with
 * penalties on the bypass arcs: B = the largest, over connected components, of
 * min(#offers, #classes) · Cmax; an augmenting path crosses at most that many priced links, so
 * an unmet penalty ≥ B + 1 per unit makes any gain in total quantity worth more than any cost.
 * The bypass of inquiry i: its first promised_i units (soft promises) cost (T' + 1)·(B + 1)
 * per unmet unit; the rest q' = q_i − promised_i is cut into tiers, the tier of rank k (1 =
 * first units) costing (T' − k + 1)·(B + 1), T' = max(T, 2):
 *   - guarantee == ALLOC_GUARANTEE_AUTO: T = params.fair_tiers tiers of equal size (fill
 *     rates levelled in steps of 1/T, an approximate max-min of the fill rates);
 *   - guarantee g ≥ 0: two tiers, the first g units of q' at rank 1, the rest at rank T'.
 *
 * WHOLE SALE UNITS AND MINIMUM ORDERS (params.integral, default on): every (offer, inquiry)
 * quantity must be a multiple of the offer's sale unit, and every (product, inquiry) total
 * over the months either 0 or at least the product's minimum order. That is an integer
 * program. alloc_solve solves the LP relaxation above exactly (network simplex, certified by
 * mcf_check), splits each class's flow over its inquiries in whole units, rounds down what is
 * not whole, drops (product, inquiry) totals below the minimum order, and then REPAIRS: it
 * refills the freed capacity greedily (inquiries short of a promise first, then by id; each
 * inquiry's offers cheapest first) in whole units and above minimum orders, never beyond an
 * inquiry's quantity or an offer's capacity. Then every connected component still short of
 * its relaxation's total, and then every one that reaches the total but not the relaxation's
 * objective (cost + penalties: the cost is higher than needed, or a promise or fair share is
 * missed), with at most 2,000 (offer, inquiry) pairs (alloc.c), goes to an exact branch and
 * bound over its pairs (alloc_exact.h, a budget of relaxations per call). Its objective is
 * lexicographic: the largest whole-unit total, then the least cost + penalties among
 * allocations of that total; it replaces the component's allocation when it finds a better
 * one. The LP's total is an upper BOUND on any integer allocation; `gap` = bound − allocated,
 * and the LP's objective a lower bound on any allocation's: `objective_gap` = (cost +
 * penalties) − the LP's. `total_proven` says that no whole-unit allocation has a larger total
 * (every component reached its relaxation's total or a search proved it); `objective_proven`
 * that the allocation is optimal for the whole objective (every component attains its
 * relaxation or its search ended). The result is `optimal` (certified) when the integer
 * allocation's objective equals the LP's (objective_gap 0, gap 0): the relaxation is then
 * attained, which is a proof by the LP certificate. Otherwise the allocation is as good as
 * the search proved, within the printed gaps.
 *
 * PROMISES (instant holds the buyer was shown): soft by default (objective level 2, so a
 * promise shrinks only when keeping it would lower the total), hard with
 * params.hard_promises (lower bounds; infeasible when capacity fell below the promises). Each
 * inquiry that ends below its promise is reported in alloc_result.shrink. Whole units can
 * leave an inquiry a few millilitres below a promise the relaxation kept; with the holds
 * (alloc_set_holds) it then gets its holds back when capacity allows, and otherwise gives up
 * all it has of one product for units of others that fit the promise (one offer whose units
 * fit exactly, else the greedy refill), kept only when it then has more. After the refill
 * the same trade aims at the relaxation's amount for every inquiry still short of it.
 *
 * DETERMINISM: offers are put in (product_id, month) order, inquiries in id order, links in
 * (offer, class) order; the solver is deterministic, so the same data gives the same result
 * whatever the order of the input arrays (up to class numbering, which the caller fixes).
 *
 * SOLVING: the link graph falls apart into connected components; they share only the source,
 * so each is solved on its own (small ones packed into sub-networks of about 20,000 arcs), and
 * each sub-network's result is certified by mcf_check.
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
    int month;          /* any integer key in month order (alloc_db: month.h numbers) */
    int64_t capacity;   /* free capacity, scaled base units, 0 … ALLOC_QTY_MAX */
    int64_t unit;       /* the sale unit, scaled (a 330 ml bottle: 330); ≤ 1: any quantity */
    int64_t moq;        /* minimum order per (product, inquiry) over all months, scaled; 0 none.
                         * Offers of one product should carry the same value (the largest is
                         * used) */
} alloc_offer;

/* One open inquiry. */
typedef struct alloc_inquiry {
    int64_t id;        /* stable and unique (e.g. the row number): the deterministic order */
    int64_t quantity;  /* demand, scaled base units, 1 … ALLOC_QTY_MAX */
    int64_t guarantee; /* ALLOC_GUARANTEE_AUTO, or 0 … quantity − promised: see above */
    int64_t promised;  /* what the buyer was already promised (instant holds), 0 … quantity */
    int klass;         /* its class, 0 … n_classes-1 */
} alloc_inquiry;

/* One link: an offer that every inquiry of a class may take. */
typedef struct alloc_link {
    int offer;          /* index into the offers array */
    int klass;          /* 0 … n_classes-1 */
    int stars;          /* the product's OCOP stars, 1–5 */
    int distance_km;    /* producer province → the class's buyer province, 0 … ALLOC_KM_MAX */
    int64_t price_kvnd; /* price per base unit, thousands of VND, 0 … ALLOC_PRICE_KVND_MAX */
} alloc_link;

typedef struct alloc_params {
    int64_t w_stars;    /* per star below 5, per scaled unit (default 100) */
    int64_t w_km;       /* per km, per scaled unit (default 1) */
    int64_t w_price;    /* per thousand VND of price per base unit (default 1) */
    int fair_tiers;     /* tiers for ALLOC_GUARANTEE_AUTO, 1 … ALLOC_TIERS_MAX (default 10) */
    bool certify;       /* run mcf_check on the LP (default true) */
    bool decompose;     /* solve each connected component on its own (default true); the same
                         * optimum, found faster. false: one network (for tests) */
    bool integral;      /* whole sale units and minimum orders (default true); false: the LP
                         * relaxation is the answer (in scaled units) */
    bool hard_promises; /* promises as lower bounds (default false: soft, see above) */
} alloc_params;

/* The documented defaults. */
void alloc_params_default(alloc_params *p);

/* The unit cost of `link` under `params` (the formula above). Does not validate. */
int64_t alloc_unit_cost(const alloc_params *params, const alloc_link *link);

/* The scale of a base unit name: "kg" → ALLOC_SCALE_MASS, "l" → ALLOC_SCALE_VOLUME, "piece"
 * → ALLOC_SCALE_COUNT; 0 for anything else. */
int64_t alloc_scale_for(const char *base_unit);
/* `base_qty` (in `base_unit`: "kg", "l" or "piece") in scaled units, rounded DOWN (a few
 * ulps of binary noise aside: 0.3 l is 300 ml), so that a demand or a capacity is never
 * overstated. Returns 0, or -1 with `err` set for an unknown unit, a negative or non-finite
 * quantity, or one above ALLOC_QTY_MAX. */
int alloc_to_scaled(double base_qty, const char *base_unit, int64_t *out, ocop_error *err);
/* Scaled units back to the base unit (e.g. grams → kg). Unknown unit: scale 1. */
double alloc_from_scaled(int64_t scaled, const char *base_unit);

typedef struct alloc_problem alloc_problem;

/* Validates the input and builds the network. The arrays are copied; the caller keeps them.
 * Returns the problem (free with alloc_destroy), or NULL with `err` naming the bad item, e.g.
 * "link 17 (offer 3, class 9): stars 7 not in 1 … 5". `params` may be NULL for defaults. */
alloc_problem *alloc_create(const alloc_offer *offers, int n_offers, const alloc_inquiry *inquiries,
                            int n_inquiries, int n_classes, const alloc_link *links, int n_links,
                            const alloc_params *params, ocop_error *err);
void alloc_destroy(alloc_problem *p); /* accepts NULL */

/* One instant hold behind a promise: what the kiosk already set aside for an inquiry. */
typedef struct alloc_hold {
    int offer, inquiry; /* the caller's indexes */
    int64_t qty;        /* scaled units, > 0 */
} alloc_hold;

/* Gives the problem the instant holds behind the promises (optional; copied). When whole
 * units or minimum orders leave an inquiry below its promise, alloc_solve gives it exactly
 * its holds back if the capacity the others took allows (a hold was made in whole units and
 * above minimum orders, so it is a valid allocation). Holds on offers the inquiry's class is
 * not linked to are ignored. Returns 0, or -1 with `err` naming a bad hold. */
int alloc_set_holds(alloc_problem *p, const alloc_hold *holds, int n_holds, ocop_error *err);

/* One allocation of the result: a quantity of one offer for one inquiry. */
typedef struct alloc_item {
    int offer, inquiry; /* the caller's indexes */
    int link;           /* the caller's link index (offer × the inquiry's class) */
    int64_t qty;        /* scaled units, > 0; a multiple of the offer's unit when integral */
} alloc_item;

/* The result of alloc_solve; arrays are owned by the result (alloc_result_free). */
typedef struct alloc_result {
    int n_items, n_inquiries;
    alloc_item *items;       /* in (inquiry id, offer) order */
    int64_t *unmet;          /* per inquiry (caller's index): quantity − allocated */
    int64_t *shrink;         /* per inquiry: promised − allocated when positive, else 0 */
    int64_t *lp_allocated;   /* per inquiry: what the LP relaxation gave it */
    int inquiries_shrunk;    /* inquiries with shrink > 0 */
    int64_t total_shrink;    /* Σ shrink */
    int64_t total_demand;    /* Σ quantities */
    int64_t total_allocated; /* Σ items */
    int64_t total_unmet;     /* total_demand − total_allocated */
    int64_t bound;           /* the LP relaxation's total: no allocation can exceed it */
    int64_t gap;             /* bound − total_allocated */
    int64_t total_cost;      /* Σ qty × unit cost (penalties excluded) */
    int64_t lp_cost;         /* the same for the LP relaxation */
    int64_t penalty;         /* Σ unmet × its penalty (saturates); + total_cost = objective */
    int64_t lp_penalty;      /* the same for the LP */
    int64_t objective_gap; /* (total_cost + penalty) − (lp_cost + lp_penalty) ≥ 0: no whole-unit
                            * allocation has an objective lower than the relaxation's, so this
                            * bounds how far the objective is from the optimum (0: optimal) */
    bool lp_certified;     /* every LP sub-network passed mcf_check */
    bool optimal;          /* lp_certified and the allocation attains the LP objective */
    int rounded_pairs;     /* (offer, inquiry) pairs the LP used whose amount rounding or a
                            * minimum order changed */
    bool total_proven;     /* total_allocated is proven the largest whole-unit total: every
                            * component reaches its relaxation's total or was closed by the
                            * exact search (the rest of the objective is not claimed) */
    bool objective_proven; /* the allocation is proven optimal for the whole objective: the
                            * largest whole-unit total, then the least cost + penalties among
                            * allocations of that total (every component attains its
                            * relaxation, or the exact search over it ended); the gap to the
                            * bound may still be > 0 (the relaxation is not attainable) */
    int exact_components;  /* components given to the exact search */
    int exact_improved;    /* … where it found a better allocation */
    int exact_proven;      /* … where it ended (proven) */
    long exact_nodes;      /* relaxations it solved */
    int inquiries_unfilled; /* inquiries with nothing allocated */
    int min_fill_permille;  /* the worst-served inquiry's allocated / quantity (1000: none) */
    int p10_fill_permille;  /* 10th percentile of the fill rates */
    int64_t penalty_step;   /* B + 1 */
    int nodes, arcs;        /* network size */
    long pivots;            /* simplex pivots */
} alloc_result;

/* Solves the problem. Returns 0 and fills `out` (free it with alloc_result_free, also after a
 * failure), or -1 with `err` set: infeasible hard promises, numbers too large for int64
 * ("lower the weights"), or a failed certificate (a solver bug, named). */
int alloc_solve(alloc_problem *p, alloc_result *out, ocop_error *err);
void alloc_result_free(alloc_result *r); /* accepts a zeroed result */

/* The whole LP network (for statistics, DIMACS and tests); owned by `p`. Node 0 is the source,
 * nodes 1 … n_offers the offers in (product, month) order, then the classes in index order,
 * then the inquiries in id order. */
const mcf *alloc_network(const alloc_problem *p);

/* Writes the LP network in DIMACS min-cost format (mcf_write_dimacs) with comment lines that
 * say what the nodes are, for `ocop-kiosk allocate --dimacs FILE`. */
void alloc_write_dimacs(const alloc_problem *p, FILE *out);

#endif
