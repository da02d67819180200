/*
 * grant.h: what the central server granted of a lead's holds, and what that means for the
 * buyer and the organiser (DESIGN §8, issue 15). Pure: no SQL, no clock.
 *
 * A kiosk holds capacity for a lead locally first (its instant match). The server then grants
 * each hold line as much as its free capacity allows, in one serialisable transaction, so two
 * kiosks never hold the same capacity. The outcome:
 * - the buyer has not been shown the result yet (the kiosk asks the server while the buyer
 *   waits): the buyer is shown what the server granted; the lead is 'confirmed';
 * - the buyer was told the hold is provisional (the kiosk was offline), or was told nothing
 *   about a server: 'confirmed' when everything was granted, else 'cut' with a note for the
 *   organiser, who calls the buyer;
 * - a lead already 'cut' stays 'cut'.
 */
#ifndef OCOP_GRANT_H
#define OCOP_GRANT_H

#include "core/match.h"
#include "core/strbuf.h"

/* One hold line: a product and month, asked and granted, in the product's base unit. */
typedef struct grant_line {
    char product[64]; /* product code */
    char month[8];    /* YYYY-MM */
    char base_unit[8];
    double asked;
    double granted; /* 0 … asked */
} grant_line;

/* Below this (base units) a difference is rounding, not a cut. */
#define GRANT_EPSILON 1e-9

/* The lead's hold state after the server's grants. `before` is the stored state (NULL,
 * "provisional", "confirmed" or "cut"); `shown_now` is true when the buyer is about to be shown
 * the result (the grants become what the buyer was told). Returns "confirmed" or "cut" (static
 * strings). When the result is "cut", a line per cut hold is appended to `note` (may be NULL)
 * as "CODE YYYY-MM: ASKED → GRANTED UNIT", separated by "; ". */
const char *grant_outcome(const char *before, bool shown_now, const grant_line *lines, int n,
                          strbuf *note);

/* Scales the lines of `r` to what was granted: a line of product P in month M gets
 * granted/asked of its quantities (a line granted nothing is removed), and covered/unmet are
 * recomputed. Lines without a grant line are left as they are. */
void grant_apply(match_result *r, const grant_line *lines, int n);

/* The same on a match JSON (match_result_to_json's form): returns a new malloc'd document
 * (the caller frees), or NULL when `json` is not a match document. */
char *grant_apply_json(const char *json, const grant_line *lines, int n);

#endif
