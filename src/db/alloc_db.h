/*
 * alloc_db.h: the batch allocation against the database (`ocop-kiosk allocate`, DESIGN §4):
 * reads the open inquiries and the free capacity, builds the alloc.h model, solves it and,
 * when asked, writes the result as batch allocations.
 *
 * Free capacity = declared − batch allocations − unexpired instant holds of inquiries that are
 * not open; the holds of the open inquiries are released into the pool, or, with
 * `keep_holds`, kept as lower bounds of their (offer, inquiry) pairs. A pair needs the
 * product's base unit to be the inquiry's (a count-unit inquiry by group counted in pieces
 * does not enter the batch model). Each inquiry is paired with its ALLOC_DB_CANDIDATES best
 * products by the instant ranking (stars, coverage, distance, price; no share cap), plus,
 * with kept holds, every product it holds: the model stays near a few dozen arcs per inquiry,
 * and the result is optimal for that model. Distances as for the instant match; an unknown
 * province counts as ALLOC_DB_UNKNOWN_KM.
 */
#ifndef OCOP_ALLOC_DB_H
#define OCOP_ALLOC_DB_H

#include "db/db.h"
#include "db/match_db.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#define ALLOC_DB_UNKNOWN_KM 1000
#define ALLOC_DB_CANDIDATES 64

/* One allocation: a quantity of one product in one month for one inquiry. */
typedef struct alloc_db_item {
    char inquiry[MATCH_DB_ID_SIZE]; /* inquiry id (UUID) */
    char product[64];               /* product code */
    char month[8];                  /* YYYY-MM */
    double base_quantity;
    char base_unit[8]; /* kg | l | piece */
} alloc_db_item;

typedef struct alloc_db_batch {
    double allocated; /* Σ base_quantity of the allocations (kg, l and pieces summed) */
    double demand;    /* Σ base quantities of the open inquiries in the model */
    int64_t cost;     /* the model's total cost (alloc.h) */
    bool certified;   /* the solution passed mcf_check */
    bool committed;   /* written as batch allocations */
    int inquiries, offers, pairs;
    int n;                /* allocations */
    alloc_db_item *items; /* malloc'd; alloc_db_batch_free */
} alloc_db_batch;

/* Runs the batch allocation at time `now` (Unix seconds). With `commit`, in the same BEGIN
 * IMMEDIATE transaction that read the data: the instant holds of the open inquiries are
 * replaced by the allocations (hold rows kind='batch') and inquiries that got something become
 * 'allocated'; without it nothing is written. The batch pairs an inquiry and a product only
 * when they meet in one base unit (a count asked by group or text, "500 hộp", of a product
 * measured by weight does not): the instant holds of other pairs are neither released nor
 * replaced. With `dimacs` (else NULL) the instance is written there in DIMACS min-cost format.
 * Returns 0 (*out filled; free with alloc_db_batch_free), or -1 with `err` set and nothing
 * written. */
int alloc_db_run(db *d, int64_t now, bool keep_holds, bool commit, FILE *dimacs,
                 alloc_db_batch *out, ocop_error *err);
void alloc_db_batch_free(alloc_db_batch *b); /* accepts a zeroed one */

#endif
