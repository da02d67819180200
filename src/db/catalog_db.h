/*
 * catalog_db.h: the catalogue in the database: import (all or nothing, upsert by product code)
 * and reading one product.
 */
#ifndef OCOP_CATALOG_DB_H
#define OCOP_CATALOG_DB_H

#include "core/picture.h"
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
    char image[256];    /* relative to the data folder's assets/ ("catalog/images/food.svg"),
                           or an absolute path, or "": catalog_image_path() (core/catalog.h)
                           gives the file to load */
    char description_vi[2048];
    char description_en[2048];
    char picture[PICTURE_KIND_MAX]; /* derived, not stored: the illustration kind picked from
                                       the names (picture.h); "" when none fits */
} product_record;

/* Reads the product with `code` into *out. Returns 1 when found, 0 when not, -1 on error. */
int catalog_db_get(db *d, const char *code, product_record *out, ocop_error *err);

/* Imports a catalogue CSV (and optionally a capacity CSV; NULL for none) in one transaction:
 * all or nothing. Problems are written to `report`, one per line as "FILE:LINE: column: reason"
 * (warnings prefixed "warning: "). Returns the number of products imported (>= 0), or -1 when
 * anything was wrong (then nothing was written). */
int catalog_db_import(db *d, const char *catalog_csv, const char *capacity_csv, FILE *report);

/* What an import did, for the organiser's summary. */
typedef struct catalog_import_stats {
    int products_new;     /* codes not in the database before */
    int products_updated; /* codes that were there and were replaced by the file's row */
    int producers_new;    /* (name, province) pairs not known before */
    int capacity_rows;    /* capacity rows written: the catalogue's `capacity` column (month
                             '*') plus the capacity file's rows */
    int warnings;         /* lines starting "warning: " written to the report */
} catalog_import_stats;

/* catalog_db_import, also filling *stats (may be NULL) on success.
 *
 * How the file becomes rows (README "Catalogue import"):
 * - A product row replaces every product field (an empty optional cell clears it); its producer
 *   is found or created by (name, province); producer kind, district, phone and e-mail are
 *   updated only from non-empty cells, so a producer's details may be given on one row only.
 *   Without producer_kind, a new producer's kind is read from its legal form ("Hợp tác xã …",
 *   "Công ty …", "Hộ kinh doanh …"; otherwise other).
 * - Capacity rows are upserted by (product, month); months not in the files are kept, and the
 *   base quantities of all of an imported product's capacity rows are recomputed with its new
 *   unit and measure (a row that no longer converts is an error).
 * - `image` is resolved against the catalogue file's folder, and must name a plain file in that
 *   folder or below it once every link is resolved (anything else is an error: a catalogue must
 *   not make the kiosk show /etc/shadow or read /dev/zero). A file inside the data folder's
 *   assets/ is stored relative to assets/ (so an installed kiosk finds it); any other file is
 *   stored as its absolute path, and must stay there. A missing file is a warning and the
 *   product has no image. catalog_image_path (core/catalog.h) turns the stored value back into
 *   a file name. */
int catalog_db_import_ex(db *d, const char *catalog_csv, const char *capacity_csv, FILE *report,
                         catalog_import_stats *stats);

/* A CSV file already read into memory (e.g. from a USB stick by usb_read_file): `name` is the
 * file's name, used in messages and as the folder that `image` paths are relative to; text[0..len)
 * its bytes. */
typedef struct catalog_db_text {
    const char *name;
    const char *text;
    size_t len;
} catalog_db_text;

/* catalog_db_import_ex for files already in memory; `capacity` may be NULL. */
int catalog_db_import_text(db *d, const catalog_db_text *catalogue, const catalog_db_text *capacity,
                           FILE *report, catalog_import_stats *stats);

/* What catalog_db_import_text would do, without doing it: the same checks and writes in a
 * transaction that is rolled back. Same return value, report and *stats as the import. */
int catalog_db_check_text(db *d, const catalog_db_text *catalogue, const catalog_db_text *capacity,
                          FILE *report, catalog_import_stats *stats);

/* The first error of an import's report (as catalog_db_import writes it), skipping warnings,
 * copied into `out` without its line end; "" when the report has no error. */
void catalog_db_first_error(const char *report, char *out, size_t cap);

/* Seeds a new database with the demo catalogue; like catalog_db_import, with the first error in
 * `err`. */
int catalog_db_seed(db *d, const char *catalog_csv, const char *capacity_csv, ocop_error *err);

#endif
