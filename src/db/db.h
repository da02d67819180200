/*
 * db.h: the kiosk's SQLite database. The only module that includes sqlite3.h is src/db/;
 * ui and cli call the functions declared in src/db/ headers and never write SQL.
 *
 * One file, WAL, foreign_keys=ON, synchronous=FULL (a lead committed before "thank you"
 * survives a power cut), a busy timeout so that two kiosk processes on one file wait for
 * each other. The schema is brought up to date by migrations keyed by PRAGMA user_version;
 * a database newer than the program is refused.
 */
#ifndef OCOP_DB_H
#define OCOP_DB_H

#include "core/base.h"

typedef struct db db;

enum {
    DB_OPEN_CREATE = 1 << 0,   /* create the file when it does not exist */
    DB_OPEN_READONLY = 1 << 1, /* open an existing file read-only (no migrations) */
};

/* Opens (and migrates) the database at `path`. On success *out is the handle, which the caller
 * closes with db_close. Returns 0, or -1 with `err` set (message names the file).
 * Refused without writing to the file: "", ":memory:" and "file:" URIs (leads would be lost);
 * a missing file unless DB_OPEN_CREATE (which creates it mode 0600); a file that is not a
 * regular file, not SQLite, damaged, of a schema version outside 0…db_schema_version(), or
 * missing a table, column, index or trigger of its version. */
int db_open(const char *path, int flags, db **out, ocop_error *err);
/* Finalises every statement and closes. Accepts NULL. */
void db_close(db *d);

/* The file this handle was opened on. */
const char *db_path(const db *d);
/* The schema version the program writes (the number of migrations). */
int db_schema_version(void);
/* True when the database holds no product yet (a new file to seed with the demo catalogue). */
bool db_is_empty(db *d);

/* Removes the work folders of the private folder "<database>-tmp" that no running process
 * uses (temporary copies a killed merge left behind). db_open does it when it opens
 * read-write. Returns how many were removed, or -1 with `err` set. */
int db_clean_private(db *d, ocop_error *err);

/* Transactions nest: only the outermost begin/commit reach SQLite; a rollback at any depth
 * rolls back the whole transaction (inner commits then fail). `immediate` takes the write lock
 * at once (BEGIN IMMEDIATE), as every read-then-write transaction must. Return 0 or -1. */
int db_begin(db *d, bool immediate, ocop_error *err);
int db_commit(db *d, ocop_error *err);
void db_rollback(db *d);

/* A value from the `setting` table (kiosk id, PIN hash, …): returns a copy the caller frees,
 * or NULL when the key is not set. */
char *db_setting_get(db *d, const char *key);
int db_setting_set(db *d, const char *key, const char *value, ocop_error *err);

#endif
