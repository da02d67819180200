/*
 * search_db.h: the kiosk's product search (accent-insensitive, prefix per word, filters), used
 * by the browse screen as the buyer types and by `ocop-kiosk search`.
 */
#ifndef OCOP_SEARCH_DB_H
#define OCOP_SEARCH_DB_H

#include "db/db.h"

#include <stdint.h>

typedef struct search_filter {
    int min_stars;        /* 0 = any */
    const char *group;    /* English key or Vietnamese name; NULL = any */
    const char *province; /* province name (old or new, accents optional); NULL = any */
} search_filter;

/* One result: what a product card in the grid shows. */
typedef struct product_card {
    int64_t id;
    char code[64];
    char name_vi[256];
    char name_en[256];
    int stars;
    char group[16];
    char producer[256];
    char province[64];
    char image[256];
} product_card;

typedef struct search_results {
    int total;           /* all matches, whatever the limit */
    int count;           /* entries in items */
    product_card *items; /* owned; search_results_free */
} search_results;

/* Runs `query` (user text, any accents; NULL or "" lists everything) with `filter`, ranked
 * (name matches first, then more stars, …). Returns `limit` results from `offset` (limit < 0:
 * all). Returns 0, or -1 with `err` set. */
int search_db_query(db *d, const char *query, const search_filter *filter, int offset, int limit,
                    search_results *out, ocop_error *err);
void search_results_free(search_results *r);

#endif
