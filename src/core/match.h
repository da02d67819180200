/*
 * match.h: the explained instant match (DESIGN §4): which producers can supply an inquiry, how
 * much each, and what is not covered. The core ranks and splits candidates that the database
 * layer (match_db.h) found; it knows nothing of SQLite.
 */
#ifndef OCOP_MATCH_H
#define OCOP_MATCH_H

#include "core/base.h"
#include "core/inquiry.h"

#include <stdint.h>

#define MATCH_MAX_LINES  64
#define MATCH_MAX_MONTHS INQUIRY_MAX_MONTHS

/* Why a line was offered, as facts (DESIGN §4): match_words.h words them from the string
 * tables ("4★ · covers 60 % · same province · 12,000–15,000 ₫/chai"). */
typedef struct match_why {
    int stars;
    int covers_percent;    /* of the request, rounded; 0: less than 1 % */
    bool same_province;    /* as the buyer */
    int distance_km;       /* from the buyer's province, rounded; -1: unknown or same province */
    int64_t price_min_vnd; /* per sale unit; -1 unknown */
    int64_t price_max_vnd; /* per sale unit; -1 unknown */
    char price_unit[32];   /* the sale unit the price is for (chai) */
    int cap_percent;       /* capped at this share of a small producer's month; 0: not capped */
    char text[256];        /* a match stored before the facts were: its words; "" otherwise */
} match_why;

/* Why nothing could be matched. */
typedef enum match_reason_code {
    MATCH_REASON_NONE,        /* lines were found */
    MATCH_REASON_NO_FIT,      /* no product passes the product, stars and price filters */
    MATCH_REASON_SOLD_BY,     /* `product` is sold by `unit`, which does not convert to `asked` */
    MATCH_REASON_MEASURED_IN, /* `product` is measured in `unit` (its base), not convertible */
    MATCH_REASON_UNIT,        /* `asked` is not a unit; `unit`: the weight or volume unit it is
                               * too close to ("tá": tạ), or "" */
    MATCH_REASON_TOO_SMALL,   /* below one sale unit or the producers' minimum order */
    MATCH_REASON_NO_CAPACITY, /* no free capacity in the months asked */
    MATCH_REASON_TEXT,        /* a match stored before the codes were: its words in `detail` */
    MATCH_REASON_COUNT
} match_reason_code;

typedef struct match_reason {
    match_reason_code code;
    char product[64]; /* product code, or "" */
    char unit[32];    /* SOLD_BY: the product's sale unit; MEASURED_IN: its base unit; UNIT:
                       * the unit `asked` is too close to, or "" */
    char asked[32];   /* the inquiry's unit */
    char detail[256]; /* TEXT: the stored words; UNIT: a lead stored before these codes, the
                       * units module's message */
} match_reason;

/* One line of the answer: one producer's product in one month. */
typedef struct match_line {
    int64_t product_id; /* the database's id (match_candidate.product_id) */
    char product[64];   /* product code */
    char name[256];     /* product name in the inquiry's language */
    char producer[256];
    char province[64];
    char phone[32];
    char email[128];
    char month[8];                /* YYYY-MM */
    double quantity;              /* in the inquiry's unit */
    char unit[32];                /* the inquiry's unit */
    double base_quantity;         /* in the match's base_unit */
    double product_base_quantity; /* in the product's own base unit: what a hold takes */
    int stars;
    match_why why;
} match_line;

typedef struct match_result {
    double requested;  /* base units */
    char unit[32];     /* the inquiry's unit */
    char base_unit[8]; /* kg | l | piece */
    double covered;    /* base units */
    double unmet;      /* requested - covered */
    int n_lines;
    match_line lines[MATCH_MAX_LINES];
    match_reason reason; /* when nothing could be matched, why (code MATCH_REASON_NONE otherwise) */
} match_result;

/* One product that may supply the inquiry, as the database layer found it (match_db.h), with
 * its free capacity in each month of the inquiry's window. */
typedef struct match_candidate {
    int64_t product_id;
    char product[64]; /* code */
    char name_vi[256];
    char name_en[256];
    char producer[256];
    char province[64]; /* the producer's province as the catalogue wrote it */
    char phone[32];
    char email[128];
    int stars;
    char unit[32];         /* sale unit: chai, kg, hộp … */
    char measure[32];      /* one sale unit ("500 ml"), or "" */
    char base_unit[8];     /* kg | l | piece */
    double base_per_unit;  /* base units in one sale unit */
    int64_t price_min_vnd; /* per sale unit; -1 unknown */
    int64_t price_max_vnd; /* per sale unit; -1 unknown */
    double moq;            /* minimum order in sale units; 0 none */
    /* Free capacity (declared − batch allocations − unexpired holds of other inquiries) in the
     * product's base units, for month i of the window (month_from + i); never negative. */
    double free_base[MATCH_MAX_MONTHS];
} match_candidate;

/* The organiser's rules (kiosk.ini [match]). */
typedef struct match_policy {
    int max_share_percent;          /* 1–100: share of a small producer's free month */
    double small_producer_capacity; /* base units: a product-month with less free is "small" */
} match_policy;

/* Ranks `cands` for `in` (validated by inquiry_validate_request) and splits the quantity over
 * them: candidates are filtered (stars ≥ min, lowest price ≤ max, a unit that converts,
 * free capacity in the window) and ranked by stars, then coverage, then distance from the
 * buyer's province (same province first, then nearer), then lowest price, then code. The
 * quantity is taken greedily in that order, month by month; a product-month whose free
 * capacity is below policy->small_producer_capacity gives at most max_share_percent of it; a
 * product sold in countable units (chai, hộp) gives whole units; a product whose total would be
 * below its minimum order is skipped. Every line gets its "why" as facts (match_why).
 *
 * Units: a mass or volume inquiry unit is converted by the units module and matches products
 * with that base; a count unit (chai) matches a product sold by that unit, and by a group or
 * free text the answer is then counted in pieces (sale units). When no candidate could be
 * converted, out->reason says why (a code and its facts). Pure: no I/O, no clock, no words. */
void match_compute(const inquiry_request *in, const match_candidate *cands, int n_cands,
                   const match_policy *policy, match_result *out);

/* The candidates that fit `in` (filters, units, something free), best first by the ranking
 * of match_compute, at most `limit` of them (< 0: all): their indexes into `cands` are
 * written to `order` (room for n_cands). Returns how many. */
int match_rank(const inquiry_request *in, const match_candidate *cands, int n_cands,
               const match_policy *policy, int limit, int *order);

/* How candidate `c` converts for `in`: *k = the match's base units per base unit of the
 * product (1 when the product's base is the match's; 1/base_per_unit when a count unit asked
 * by group is counted in pieces). Returns 0, or -1 with *why (when not NULL) saying why it
 * cannot be converted (MATCH_REASON_UNIT: the inquiry's unit is not one; SOLD_BY/MEASURED_IN:
 * the product's unit does not convert). */
int match_convert(const inquiry_request *in, const match_candidate *c, double *k,
                  match_reason *why);

/* The JSON of a match as a lead stores it: a malloc'd string the caller frees. Lines carry
 * name, province, stars, phone, email, and "why" as an object of facts; "reason" (an object:
 * "code" and its facts) when nothing matched. What the CLI prints (DESIGN §5) has "why" and
 * "reason" worded: match_words_cjson. */
char *match_result_to_json(const match_result *r);

/* The same document as a cJSON tree (the caller owns it; cJSON_Delete). Declared as void * so
 * that this header does not include cJSON. */
void *match_result_to_cjson(const match_result *r);

/* Reads a match JSON of match_result_to_json (or of an older version, whose "why" and "reason"
 * are words: MATCH_REASON_TEXT and match_why.text) into *out. Lines beyond MATCH_MAX_LINES are
 * dropped; an absent or unreadable document (NULL included) is an empty match. */
void match_result_from_json(const char *json, match_result *out);

/* One line's "why" and the "reason" of such a document (`json`, a cJSON *; a string is an older
 * version's words, NULL or anything else: nothing). */
void match_why_from_cjson(const void *json, match_why *out);
void match_reason_from_cjson(const void *json, match_reason *out);

/* One line of such a document (`json`, a cJSON * of the "lines" array). */
void match_line_from_cjson(const void *json, match_line *out);

/* The stable name of `code` in the JSON ("no_fit") and back (MATCH_REASON_COUNT: unknown). */
const char *match_reason_name(match_reason_code code);
match_reason_code match_reason_from_name(const char *name);

#endif
