/*
 * server_internal.h: for src/db/server*.c and src/db/sync*.c only. Statements, parameters,
 * serialisable transactions with retry, and array parameters.
 *
 * Statements are prepared once per connection and reused (as db_prepare does for SQLite):
 * server_exec takes the SQL text, which must be a string literal (the cache is keyed by its
 * address). Parameters are positional ($1, $2 …) and always sent as text; a list of values is
 * sent as one array parameter (server_params_array, then `unnest($1::text[], …)` in the SQL),
 * so that a batch of rows is one statement whatever its size. User text is only ever a
 * parameter, never pasted into SQL.
 */
#ifndef OCOP_SERVER_INTERNAL_H
#define OCOP_SERVER_INTERNAL_H

#include "core/strbuf.h"
#include "db/server.h"

#include <libpq-fe.h>

#define SERVER_MAX_PARAMS 40

/* The values of one statement's parameters, in order ($1 first). */
typedef struct server_params {
    int n;
    char *values[SERVER_MAX_PARAMS]; /* owned; NULL is SQL NULL */
} server_params;

void server_params_text(server_params *p, const char *value); /* NULL binds NULL */
void server_params_int(server_params *p, int64_t value);
void server_params_double(server_params *p, double value);
/* An array literal of `n` texts ({"a","b"}; NULL entries are NULL), for $k::text[]. */
void server_params_array(server_params *p, const char *const *items, int n);
/* Frees the values; the struct may be reused afterwards. */
void server_params_free(server_params *p);

/* Builds an array literal item by item: sa_add… then server_params_take_array. */
typedef struct server_array {
    strbuf sb;
    int n;
} server_array;
void server_array_add(server_array *a, const char *value); /* NULL adds NULL */
void server_array_add_int(server_array *a, int64_t value);
void server_array_add_double(server_array *a, double value);
/* Moves the array into the next parameter of `p` and resets `a`. */
void server_params_take_array(server_params *p, server_array *a);

/* Runs the statement `sql` (a literal; prepared on first use on this connection) with `p`
 * (may be NULL). Returns the result (PGRES_TUPLES_OK or PGRES_COMMAND_OK), which the caller
 * frees with PQclear, or NULL with `err` set to the server's message and the SQL; the
 * SQLSTATE is kept for server_transaction. */
PGresult *server_exec(server *s, const char *sql, const server_params *p, ocop_error *err);
/* server_exec for statements whose rows are not wanted. Returns 0 or -1. */
int server_run(server *s, const char *sql, const server_params *p, ocop_error *err);
/* Runs `sql` as a simple query (DDL; no parameters, not prepared). Returns 0 or -1. */
int server_run_simple(server *s, const char *sql, ocop_error *err);

/* Column helpers: NULL reads as "" / 0. */
const char *server_text(const PGresult *r, int row, int col);
bool server_is_null(const PGresult *r, int row, int col);
int64_t server_int(const PGresult *r, int row, int col);
double server_double(const PGresult *r, int row, int col);

/* Runs `fn(s, ctx, err)` inside BEGIN ISOLATION LEVEL SERIALIZABLE … COMMIT. When the server
 * answers SQLSTATE 40001 or 40P01 (in `fn` or at COMMIT), rolls back, waits a little (random,
 * doubling) and runs `fn` again from the start, up to SERVER_MAX_TRIES times: `fn` must leave
 * nothing behind that a second run would double (reset its outputs first). `read_only` starts
 * the transaction READ ONLY. Returns 0 when committed, or -1 with `err` set (rolled back). */
#define SERVER_MAX_TRIES 12
typedef int (*server_tx_fn)(server *s, void *ctx, ocop_error *err);
int server_transaction(server *s, bool read_only, server_tx_fn fn, void *ctx, ocop_error *err);

PGconn *server_conn(server *s);

/* Inside the caller's server transaction: copies every product (with its producer) and every
 * capacity row of the server into the kiosk database `d`, in one SQLite transaction
 * (server_catalog.c). Returns 0, or -1 with `err` set (then `d` is unchanged). */
typedef struct db db;
int server_catalog_copy(server *s, db *d, ocop_error *err);

/* A private folder in TMPDIR (else /tmp) for a scratch SQLite file; false on failure (errno).
 * server_scratch_remove deletes the file (with its -wal, -shm, -journal) and the folder. */
bool server_scratch_dir(char *dir, size_t cap);
void server_scratch_remove(const char *dir, const char *file);

/* Held capacity per (product, month): the table hold_total (server_holds.c; what its rows mean
 * is in server_schema.c, migration 2). Each runs inside the caller's server transaction; all
 * return 0, or -1 with `err` set. `now` is UTC ISO 8601 text.
 *
 * server_holds_lock: locks the totals of the n (product, month) pairs (distinct or not) against
 * every other hold transaction until the caller's transaction ends, recomputing a missing or
 * stale one from the hold rows, and sets held[i] to what is held of pair i (batch holds and
 * unexpired instant holds). `held` has n entries, owned by the caller.
 *
 * server_holds_add: adds holds the caller just inserted and locked the pairs of: `added` holds
 * rows in the SERVER_HOLD_* column order (`INSERT INTO hold … RETURNING` them in that order).
 *
 * server_holds_stale: marks the totals of the n pairs stale, after hold rows of theirs were
 * changed otherwise (the next server_holds_lock recomputes them).
 *
 * server_holds_rebuild: recomputes every total from the hold rows, after writing many. */
enum {
    SERVER_HOLD_INQUIRY,
    SERVER_HOLD_PRODUCT,
    SERVER_HOLD_MONTH,
    SERVER_HOLD_KIND,
    SERVER_HOLD_QUANTITY,
    SERVER_HOLD_CREATED,
    SERVER_HOLD_EXPIRES,
};
int server_holds_lock(server *s, const char *const *products, const char *const *months, int n,
                      const char *now, double *held, ocop_error *err);
int server_holds_add(server *s, const PGresult *added, ocop_error *err);
int server_holds_stale(server *s, const char *const *products, const char *const *months, int n,
                       ocop_error *err);
int server_holds_rebuild(server *s, const char *now, ocop_error *err);

/* The server migrations (server_schema.c): migration i takes the version from i to i+1; each
 * is a NULL-terminated list of idempotent statements. */
extern const char *const *const server_migrations[];
extern const int server_migration_count;

#endif
