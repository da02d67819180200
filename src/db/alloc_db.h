/*
 * alloc_db.h: the batch allocation against the database (`ocop-kiosk allocate`, DESIGN §4):
 * reads the open inquiries and the free capacity, builds the alloc.h model, solves it and,
 * when asked, writes the result as batch allocations.
 *
 * Free capacity = declared − batch allocations − unexpired instant holds of inquiries that are
 * not open; the open inquiries' own instant holds are released into the pool and become their
 * PROMISES (what each was shown at the kiosk): soft by default (kept unless keeping them would
 * lower the total), lower bounds with `keep_holds`. A pair needs the product's base unit to be
 * the inquiry's (a count asked by group or text meets only products sold by the piece). Holds
 * the model cannot represent (a count's holds on products measured by weight or volume; holds
 * on products whose sale unit is not whole in the model's units) are KEPT: never released,
 * not promises, and the inquiry's quantity in the model is what they leave (holds_kept).
 *
 * Every eligible product is in the model (no candidate cap): inquiries that ask the same thing
 * (product, group or text, months, minimum stars, maximum price) from the same province form
 * one class, and the class meets its products through one node, so the network grows with
 * classes × products × months. Distances as for the instant match; an unknown province counts
 * as ALLOC_DB_UNKNOWN_KM. Sale units and minimum orders as alloc.h says (a product sold by a
 * measured unit, "chai 330 ml", gives whole bottles).
 */
#ifndef OCOP_ALLOC_DB_H
#define OCOP_ALLOC_DB_H

#include "db/db.h"
#include "db/match_db.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#define ALLOC_DB_UNKNOWN_KM 1000

/* One allocation: a quantity of one product in one month for one inquiry. */
typedef struct alloc_db_item {
    char inquiry[MATCH_DB_ID_SIZE]; /* inquiry id (UUID) */
    char product[64];               /* product code */
    char month[8];                  /* YYYY-MM */
    double base_quantity;
    char base_unit[8]; /* kg | l | piece */
} alloc_db_item;

/* An inquiry whose promise (its instant holds) the batch would shrink. */
typedef struct alloc_db_shrink {
    char inquiry[MATCH_DB_ID_SIZE];
    double promised, allocated; /* base units */
    char base_unit[8];
} alloc_db_shrink;

typedef struct alloc_db_options {
    bool keep_holds;    /* promises as lower bounds (default: soft, see above) */
    bool commit;        /* write the result */
    bool accept_shrink; /* commit even when a promise shrinks (else such a commit is refused) */
    FILE *dimacs;       /* write the LP relaxation in DIMACS min-cost format here, or NULL */
} alloc_db_options;

typedef struct alloc_db_batch {
    double allocated;      /* Σ base_quantity of the allocations (kg, l and pieces summed) */
    double demand;         /* Σ base quantities of the open inquiries in the model (less the
                            * holds kept: holds_kept) */
    double bound;          /* the LP relaxation's total (same units): nothing can allocate more */
    double gap;            /* bound − allocated */
    int64_t cost;          /* the allocation's total cost (alloc.h) */
    int64_t lp_cost;       /* the LP relaxation's */
    int64_t lp_objective;  /* the relaxation's cost + unmet penalties: what the DIMACS instance
                            * (--dimacs) solves to in any min-cost flow solver (saturates) */
    bool optimal;          /* the allocation attains the certified LP optimum (alloc.h) */
    bool total_proven;     /* `allocated` is proven the largest total in whole sale units and
                            * minimum orders (alloc.h: total_proven), even when gap > 0 */
    bool objective_proven; /* and, among allocations of that total, the least cost + penalties
                            * (alloc.h: objective_proven, by the exact search when !optimal) */
    int64_t objective_gap; /* cost + penalties above the relaxation's (alloc.h), 0 if optimal */
    bool committed;        /* written as batch allocations */
    bool commit_refused;   /* a commit was asked but a promise would shrink (see alloc_db_run) */
    int inquiries, offers, classes, links, arcs;
    int rounded_pairs;       /* pairs whose LP amount whole units or a minimum order changed */
    int n;                   /* allocations */
    alloc_db_item *items;    /* malloc'd; alloc_db_batch_free */
    int holds_kept;          /* instant holds (per inquiry, product and month) on products left
                              * out of the batch (a sale unit not whole even in thousandths of
                              * a gram, millilitre or piece): kept as they are, neither released
                              * nor counted as promises; the inquiry's quantity in the batch is
                              * what they leave */
    int n_shrink;            /* inquiries whose promise shrinks */
    alloc_db_shrink *shrink; /* malloc'd */
} alloc_db_batch;

/* Runs the batch allocation at time `now` (Unix seconds). With o->commit, in the same BEGIN
 * IMMEDIATE transaction that read the data: the instant holds of the open inquiries (on the
 * pairs the model makes) are replaced by the allocations (hold rows kind='batch') and
 * inquiries that got something become 'allocated'; a commit that would shrink a promise is
 * not made unless o->accept_shrink: then nothing is written, out->commit_refused is set and
 * the batch with its shrink list is returned (0). Returns 0 (*out filled; free with
 * alloc_db_batch_free), or -1 with `err` set and nothing written. */
int alloc_db_run(db *d, int64_t now, const alloc_db_options *o, alloc_db_batch *out,
                 ocop_error *err);
void alloc_db_batch_free(alloc_db_batch *b); /* accepts a zeroed one */

/* Adds `n` synthetic open inquiries for the benchmark (`ocop-kiosk bench --only alloc`) in
 * one transaction, without holds: a fifth for one product of the catalogue in its base unit,
 * the rest for a group (food or herbal in kg, beverages in l); months `month` or `month` and
 * the next; no minimum stars, 3 or 4; buyers in 12 provinces. The same seed gives the same
 * rows. Returns 0, or -1 with `err` set and nothing written. */
int alloc_db_generate_inquiries(db *d, int n, unsigned seed, const char *month, ocop_error *err);

#endif
