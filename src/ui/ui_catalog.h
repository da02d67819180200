/*
 * ui_catalog.h: where the kiosk's screens get products from: the open database (search_db.h,
 * catalog_db.h). Tests, `shot` and the benchmark use a real database too (the demo catalogue
 * imported, or catgen.h's generated one), so what they show is what a buyer sees.
 */
#ifndef OCOP_UI_CATALOG_H
#define OCOP_UI_CATALOG_H

#include "db/catalog_db.h"
#include "db/search_db.h"

typedef struct ui_catalog ui_catalog;

/* A catalogue over the open database `d` (not NULL; not owned: the caller closes it after
 * ui_catalog_destroy). */
ui_catalog *ui_catalog_from_db(db *d);
/* Frees the catalogue (not its database); accepts NULL. */
void ui_catalog_destroy(ui_catalog *c);

/* The database behind the catalogue. */
db *ui_catalog_db(const ui_catalog *c);

/* search_db_query on the catalogue's database (same arguments, same ranking contract). Returns 0
 * or -1 with `err`. */
int ui_catalog_search(ui_catalog *c, const char *query, const search_filter *filter, int offset,
                      int limit, search_results *out, ocop_error *err);
/* CPU milliseconds (of the threads that called it) spent in ui_catalog_search since the
 * catalogue was made: the benchmark's account of what a keystroke cost. */
double ui_catalog_search_ms(const ui_catalog *c);
/* search_db_provinces on the catalogue's database: the provinces of its products, as cards name
 * them, in Vietnamese alphabetical order. Returns 0 or -1 with `err`. */
int ui_catalog_provinces(ui_catalog *c, char (*names)[SEARCH_PROVINCE_NAME_MAX], int max,
                         int *count, ocop_error *err);
/* catalog_db_get: 1 found, 0 not found, -1 error. */
int ui_catalog_get(ui_catalog *c, const char *code, product_record *out, ocop_error *err);
/* Frees results from ui_catalog_search. */
void ui_catalog_results_free(ui_catalog *c, search_results *r);

/* A best-rated product for the attract loop: the i-th of the catalogue's 5-star (then 4-star)
 * products, cycling. Returns 1 and fills *out, 0 when the catalogue is empty, -1 on error. */
int ui_catalog_showcase(ui_catalog *c, int i, product_card *out, ocop_error *err);

#endif
