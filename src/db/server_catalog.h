/*
 * server_catalog.h: the catalogue on the central server: `ocop-kiosk --server URL import`
 * loads it there, and kiosks pull what changed since their last pull (DESIGN §8).
 */
#ifndef OCOP_SERVER_CATALOG_H
#define OCOP_SERVER_CATALOG_H

#include "db/catalog_db.h"
#include "db/db.h"
#include "db/server.h"

#include <stdio.h>

/* Imports a catalogue CSV (and optionally a capacity CSV) into the server with exactly the
 * rules and messages of catalog_db_import_ex (the same code checks the files: the server's
 * current rows for the products and producers the files name are copied into a private
 * SQLite file, the import runs there, and the result is written back), all in one
 * serialisable transaction: all or nothing, retried when a concurrent import or kiosk
 * conflicts. The rows written get a new catalogue version, which kiosks pull. With `fair` (else
 * NULL or ""), the catalogue file's products are also listed in that fair (created at `now`,
 * Unix seconds, when new). Problems go to
 * `report` as "FILE:LINE: column: reason". *version (may be NULL) gets the new catalogue
 * version. Returns the number of products imported, or -1 (nothing written; `err` says why,
 * "refused" when the files had problems). */
int server_catalog_import(server *s, const char *catalog_csv, const char *capacity_csv,
                          const char *fair, int64_t now, FILE *report, catalog_import_stats *stats,
                          int64_t *version, ocop_error *err);

typedef struct server_pull_stats {
    int64_t from_version; /* the catalogue version the kiosk had */
    int64_t to_version;   /* the server's, now the kiosk's */
    int products;         /* products written (new or changed) */
    int capacity_rows;
} server_pull_stats;

/* Pulls into the kiosk database `d` the products, producers and capacity that changed on the
 * server since the version `d` last pulled (all of them the first time), limited to `fair`'s
 * products when `fair` is not empty. Read in one read-only transaction (one consistent
 * snapshot) and written in one SQLite transaction, then the version is remembered in `d`.
 * Products the kiosk has that the server does not are kept. Returns 0, or -1 with `err` set
 * (then `d` is unchanged). */
int server_catalog_pull(server *s, db *d, const char *fair, server_pull_stats *stats,
                        ocop_error *err);

#endif
