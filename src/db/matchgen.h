/*
 * matchgen.h: a generated catalogue for measuring the instant match (bench_match.c and tests):
 * producers spread over the 34 provinces, products in the 7 OCOP groups with 3–5 stars and
 * prices, and declared capacity per product and month. Deterministic for a given seed.
 */
#ifndef OCOP_MATCHGEN_H
#define OCOP_MATCHGEN_H

#include "db/db.h"

#include <stdint.h>

/* Fills the (empty, migrated) database `d` with `n_products` products ("G000001" …), one
 * producer per 5 products, and capacity rows for `n_months` months from `first_month`
 * ("2027-01"), i.e. n_products × n_months capacity rows, in one transaction. Products are in
 * the 7 groups in turn. Returns 0, or -1 with `err` set. */
int matchgen_fill(db *d, int n_products, const char *first_month, int n_months, uint32_t seed,
                  ocop_error *err);

/* The code of generated product `i` (0-based) into out (at least 16 bytes). */
void matchgen_code(int i, char *out, size_t cap);

#endif
