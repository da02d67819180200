/*
 * db_internal.h: for src/db/ only. The handle, the statement cache and the binding helpers.
 *
 * Statements are prepared once per connection and reused (Fossil's db.c): db_prepare takes the
 * SQL text, which must be a string literal (the cache is keyed by its address), and returns the
 * cached statement reset and with its bindings cleared. Parameters are bound by name (":code").
 * User text is only ever bound, never pasted into SQL.
 */
#ifndef OCOP_DB_INTERNAL_H
#define OCOP_DB_INTERNAL_H

#include "db/db.h"

#include <sqlite3.h>

/* The statement for `sql` (a literal), prepared on first use. Aborts on a SQL syntax error
 * (a programming error, reported with its SQL); returns NULL with `err` set for other
 * failures. The statement belongs to the cache: do not finalise it. */
sqlite3_stmt *db_prepare(db *d, const char *sql, ocop_error *err);

/* Binding by name; a missing name is a programming error (aborts, naming SQL and parameter). */
void db_bind_text(sqlite3_stmt *st, const char *name, const char *value); /* NULL binds NULL */
void db_bind_int64(sqlite3_stmt *st, const char *name, int64_t value);
void db_bind_double(sqlite3_stmt *st, const char *name, double value);
void db_bind_null(sqlite3_stmt *st, const char *name);

/* Steps `st`; returns SQLITE_ROW, SQLITE_DONE, or -1 with `err` set to the message and SQL
 * (the statement is reset then). */
int db_step(db *d, sqlite3_stmt *st, ocop_error *err);
/* Runs `sql` (one or more statements, no parameters, no rows wanted). */
int db_exec(db *d, const char *sql, ocop_error *err);
/* Sets `err` from the connection's last error, naming `sql`; returns -1. */
int db_fail(db *d, const char *sql, ocop_error *err);

/* The product columns an import (catalog_db.c, one row) and a pull from the server
 * (server_catalog.c, the staged rows) write, and the upsert by code that updates them: one list,
 * so that a new column reaches both. */
#define DB_PRODUCT_COLUMNS                                                                         \
    "code, producer_id, name_vi, name_en, grp, stars, cert_no, cert_date, cert_expiry,"            \
    " description_vi, description_en, unit, measure, base_unit, base_per_unit, price_min_vnd,"     \
    " price_max_vnd, moq, lead_time_days, image, name_folded, updated_at"
#define DB_PRODUCT_UPSERT                                                                          \
    " ON CONFLICT (code) DO UPDATE SET producer_id = excluded.producer_id,"                        \
    " name_vi = excluded.name_vi, name_en = excluded.name_en, grp = excluded.grp,"                 \
    " stars = excluded.stars, cert_no = excluded.cert_no, cert_date = excluded.cert_date,"         \
    " cert_expiry = excluded.cert_expiry, description_vi = excluded.description_vi,"               \
    " description_en = excluded.description_en, unit = excluded.unit,"                             \
    " measure = excluded.measure, base_unit = excluded.base_unit,"                                 \
    " base_per_unit = excluded.base_per_unit, price_min_vnd = excluded.price_min_vnd,"             \
    " price_max_vnd = excluded.price_max_vnd, moq = excluded.moq,"                                 \
    " lead_time_days = excluded.lead_time_days, image = excluded.image,"                           \
    " name_folded = excluded.name_folded, updated_at = excluded.updated_at"

/* Column helpers: text as a malloc'd copy (NULL for NULL). */
char *db_column_strdup(sqlite3_stmt *st, int col);
/* Copies column `col`'s text into dst (cap bytes, cut at a UTF-8 boundary as str_copy does);
 * NULL reads as "". */
void db_column_copy(sqlite3_stmt *st, int col, char *dst, size_t cap);

sqlite3 *db_handle(db *d);

/* The schema objects the migrations 1…`version` make, as db.c's check of a file lists them
 * ("1 table product", "3 column product.code", … sorted, one per line), built now on an
 * in-memory database. The caller frees the string. Aborts if a migration fails on an empty
 * database (a programming error). */
char *db_schema_reference_build(int version);

/* The same at the current version (db_migration_count), built once at build time: the program
 * src/db/gen/schema_reference.c runs db_schema_reference_build and writes it as C into the
 * build folder (CMakeLists.txt). test_db checks it is what the migrations make now. */
extern const char db_schema_reference_current[];

/* db_open, with `name` (e.g. the original of a copy) instead of `path` in every message. */
int db_open_as(const char *path, const char *name, int flags, db **out, ocop_error *err);
/* The file's schema version when it was opened, before any migration. */
int db_found_version(const db *d);

/* A work folder for temporary copies (another kiosk's database on its way to a merge) inside
 * the database's private folder "<database>-tmp" (mode 0700): never in a shared /tmp, on the
 * same disk as the leads. The folder is locked (flock) while open; db_scratch_close removes it
 * with everything in it. One a killed process left behind is removed by db_clean_private, which
 * db_open (read-write) and purge call. */
typedef struct db_scratch {
    char dir[4200];
    int lock_fd;
} db_scratch;
int db_scratch_open(db *d, db_scratch *s, ocop_error *err);
void db_scratch_close(db_scratch *s); /* accepts a failed or closed one */

/* The migrations, in src/db/schema.c: migration i takes user_version i to i+1. */
extern const char *const db_migrations[];
extern const int db_migration_count;

#endif
