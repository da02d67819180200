/*
 * match.h: the explained instant match (DESIGN §4): which producers can supply an inquiry, how
 * much each, and what is not covered. The core ranks and splits candidates that the database
 * layer (match_db.h) found; it knows nothing of SQLite.
 */
#ifndef OCOP_MATCH_H
#define OCOP_MATCH_H

#include "core/base.h"

#include <stdint.h>

#define MATCH_MAX_LINES 64

/* One line of the answer: one producer's product in one month. */
typedef struct match_line {
    char product[64]; /* product code */
    char name[256];   /* product name in the inquiry's language */
    char producer[256];
    char province[64];
    char phone[32];
    char email[128];
    char month[8];   /* YYYY-MM */
    double quantity; /* in the inquiry's unit */
    char unit[32];   /* the inquiry's unit */
    double base_quantity;
    int stars;
    char why[256]; /* "4★ · covers 60 % · same province · 12,000–15,000 ₫/chai" */
} match_line;

typedef struct match_result {
    double requested;  /* base units */
    char unit[32];     /* the inquiry's unit */
    char base_unit[8]; /* kg | l | piece */
    double covered;    /* base units */
    double unmet;      /* requested - covered */
    int n_lines;
    match_line lines[MATCH_MAX_LINES];
    char reason[256]; /* when nothing could be matched and why (e.g. no conversion), or "" */
} match_result;

/* The JSON of DESIGN §5 ("match"): a malloc'd string the caller frees. */
char *match_result_to_json(const match_result *r);

#endif
