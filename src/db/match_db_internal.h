/*
 * match_db_internal.h: for src/db/ only. What the batch allocation (alloc_db.c) shares with
 * the instant match (match_db.c): one eligibility and free-capacity rule for both.
 */
#ifndef OCOP_MATCH_DB_INTERNAL_H
#define OCOP_MATCH_DB_INTERNAL_H

#include "db/match_db.h"

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

#endif
