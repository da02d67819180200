/*
 * match_db_internal.h: for src/db/ only. What the files of the instant match share with each
 * other and with the batch allocation (alloc_db.c): one eligibility and free-capacity rule.
 *
 *   match_db_capacity.c    free capacity: declared − batch allocations − unexpired instant
 *                          holds (match_db_capacity and the loaders below)
 *   match_db.c             candidates (by product, group, free text), the instant match and
 *                          its query plans; match_db_candidates_released for the batch
 *   match_db_lead.c        recording leads with their holds, sweeping expired holds, unmet
 *                          demand
 */
#ifndef OCOP_MATCH_DB_INTERNAL_H
#define OCOP_MATCH_DB_INTERNAL_H

#include "db/match_db.h"

#include <stdbool.h>
#include <stddef.h>

/* A hold of inquiry i on product p that the batch can re-allocate: they meet in one base unit
 * with no conversion, the only pairs the batch makes. A count asked by group or text ("500
 * hộp" of beverages) of a product measured by weight is not one flow unit; the instant holds
 * of such a pair are kept as they are, neither released into the pool nor replaced. An SQL
 * condition on `i` (inquiry) and `p` (product). */
#define BATCH_MODELLED                                                                             \
    "(i.base_unit = p.base_unit AND (i.product_code IS NOT NULL OR i.base_unit <> 'piece'"         \
    " OR p.base_per_unit = 1))"

/* match_db_candidates (no policy: every candidate) as `allocate` sees them: the unexpired
 * instant holds of open inquiries on BATCH_MODELLED pairs are released into the pool, so free
 * capacity = declared − batch allocations − the other unexpired instant holds. */
int match_db_candidates_released(db *d, const inquiry_request *in, int64_t now,
                                 match_candidate **out, int *n, ocop_error *err);

/* match_db_run, not counting the holds of the inquiry `self` (an id, or NULL): what recording
 * a lead shows and holds, inside the caller's transaction. */
int match_db_run_except(db *d, const inquiry_request *in, int64_t now, const kiosk_config *cfg,
                        const char *self, match_result *out, ocop_error *err);

/* Index of `month` (YYYY-MM) in the window of `n_months` months whose first month's
 * month_parse is `from`, or -1 when outside it or not a month. */
int match_db_month_index(int from, const char *month, int n_months);

/* Fills c->free_base for the window of `in` (n_months months) for the product c->product_id,
 * and `declared_out` (NULL for none, else n_months entries) with the declared capacity.
 * `now_text` is the time as isotime_format_utc writes it; the holds of `self` (an inquiry id,
 * or NULL) are not counted; with `release_open` the batch's rule (match_db_candidates_released).
 * Returns 1 when any month has free capacity, 0 when none, -1 on error. */
int match_db_load_free(db *d, bool release_open, match_candidate *c, const inquiry_request *in,
                       int n_months, const char *now_text, const char *self, double *declared_out,
                       ocop_error *err);

/* For the `n_level` candidates `level` of the group in->group with `stars` stars, whose
 * free_base holds their declared capacity: subtracts what is held (the rule of
 * match_db_load_free, in one statement for the whole level) and clamps at 0. Returns 0, or -1
 * with `err` set. */
int match_db_subtract_held(db *d, bool release_open, const inquiry_request *in, int stars,
                           int n_months, const char *now_text, const char *self,
                           match_candidate *level, int n_level, ocop_error *err);

/* A named statement, for match_db_explain. */
typedef struct match_db_statement {
    const char *name;
    const char *sql;
} match_db_statement;

/* The statements of match_db_capacity.c. */
extern const match_db_statement match_db_capacity_statements[];
extern const size_t match_db_capacity_statement_count;

#endif
