/*
 * catalog_db.h: the catalogue in the database: import (all or nothing, upsert by product code)
 * and reading one product.
 */
#ifndef OCOP_CATALOG_DB_H
#define OCOP_CATALOG_DB_H

#include "db/db.h"

#include <stdint.h>
#include <stdio.h>

/* Everything the kiosk shows about one product. Text is NFC; "" when unknown; prices -1 when
 * unknown. */
typedef struct product_record {
    int64_t id;
    char code[64];
    char name_vi[256];
    char name_en[256];
    char group[16]; /* English key: food, beverages, herbal, textiles, handicrafts, ornamental,
                       tourism */
    int stars;
    char producer[256];
    char producer_kind[16]; /* cooperative | company | household | other */
    char province[64];
    char province_code[4];
    char district[128];
    char phone[32];
    char email[128];
    char address[256];
    char cert_no[64];
    char cert_date[11];   /* YYYY-MM-DD */
    char cert_expiry[11]; /* YYYY-MM-DD */
    char unit[32];        /* sale unit */
    char measure[32];     /* "500 ml" */
    char base_unit[8];    /* kg | l | piece */
    double base_per_unit;
    int64_t price_min_vnd;
    int64_t price_max_vnd;
    double moq;         /* sale units; 0 when none */
    int lead_time_days; /* -1 when unknown */
    char image[256];    /* path relative to the data folder's assets/, or "" */
    char description_vi[2048];
    char description_en[2048];
} product_record;

/* Reads the product with `code` into *out. Returns 1 when found, 0 when not, -1 on error. */
int catalog_db_get(db *d, const char *code, product_record *out, ocop_error *err);

/* Imports a catalogue CSV (and optionally a capacity CSV; NULL for none) in one transaction:
 * all or nothing. Problems are written to `report`, one per line as "FILE:LINE: column: reason"
 * (warnings prefixed "warning: "). Returns the number of products imported (>= 0), or -1 when
 * anything was wrong (then nothing was written). */
int catalog_db_import(db *d, const char *catalog_csv, const char *capacity_csv, FILE *report);

/* Seeds a new database with the demo catalogue; like catalog_db_import, with the first error in
 * `err`. */
int catalog_db_seed(db *d, const char *catalog_csv, const char *capacity_csv, ocop_error *err);

#endif
