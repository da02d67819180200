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

/* One statement of a pipeline: `sql` a literal (as for server_exec), `p` its parameters (may
 * be NULL); server_pipeline sets `result`, which the caller frees with PQclear. */
typedef struct server_step {
    const char *sql;
    const server_params *p;
    PGresult *result;
} server_step;

/* Runs the n statements (at most SERVER_MAX_PIPELINE) in libpq's pipeline mode: all are sent,
 * then all answers read, so that they cost one round trip to the server instead of n (inside
 * server_transaction, its BEGIN goes with them). They run in order, each seeing what the ones
 * before it wrote, but none can depend on an earlier one's rows as parameters. With `commit`,
 * COMMIT follows them in the same round trip and ends the caller's server_transaction.
 * Returns 0 with every steps[i].result set, or -1 with `err` set (from the first statement
 * that failed; the ones after it did not run) and every result NULL. */
#define SERVER_MAX_PIPELINE 8
int server_pipeline(server *s, server_step *steps, int n, bool commit, ocop_error *err);

/* Column helpers: NULL reads as "" / 0. */
const char *server_text(const PGresult *r, int row, int col);
bool server_is_null(const PGresult *r, int row, int col);
int64_t server_int(const PGresult *r, int row, int col);
double server_double(const PGresult *r, int row, int col);

/* Runs `fn(s, ctx, err)` inside BEGIN ISOLATION LEVEL SERIALIZABLE … COMMIT. When the server
 * answers SQLSTATE 40001 or 40P01 (in `fn` or at COMMIT), rolls back, waits a little (random,
 * doubling) and runs `fn` again from the start, up to SERVER_MAX_TRIES times: `fn` must leave
 * nothing behind that a second run would double (reset its outputs first). `read_only` starts
 * the transaction READ ONLY. BEGIN is sent with `fn`'s first statement; `fn` may end with a
 * server_pipeline(…, commit = true), and then runs nothing after it. Returns 0 when committed,
 * or -1 with `err` set (rolled back). */
#define SERVER_MAX_TRIES 12
typedef int (*server_tx_fn)(server *s, void *ctx, ocop_error *err);
int server_transaction(server *s, bool read_only, server_tx_fn fn, void *ctx, ocop_error *err);

PGconn *server_conn(server *s);

/* A guard: `SELECT SERVER_REFUSE_UNLESS(cond) FROM …` (cond an aggregate, or anything else
 * that depends on the rows, so that it is not folded into a constant when the statement is
 * prepared) aborts the caller's transaction unless cond is true: it divides by zero, SQLSTATE
 * 22012, the data exception standard SQL raises there and PostgreSQL, CockroachDB and
 * YugabyteDB all raise. Plain SQL has no other portable way for a statement to abort a
 * transaction (RAISE needs a PL/pgSQL function; the server SQL creates no functions). The
 * statements after it in a pipeline, and its COMMIT, are then not run; server_transaction rolls
 * back and does not retry, and server_refused tells the caller that a guard refused. */
#define SERVER_REFUSE_UNLESS(cond) "1 / CASE WHEN " cond " THEN 1 ELSE 0 END"
/* True when the last statement that failed was refused by a SERVER_REFUSE_UNLESS guard. */
bool server_refused(const server *s);

/* The declared capacity (base units) of the pair `k`.product_code, `k`.month: its month's
 * capacity row, else its '*' row, else 0. `k` is the pair's table alias, a string literal. */
#define SERVER_DECLARED(k)                                                                         \
    "COALESCE((SELECT c.base_quantity FROM capacity c WHERE c.product_code = " k                   \
    ".product_code AND c.month = " k ".month), (SELECT c.base_quantity FROM capacity c"            \
    " WHERE c.product_code = " k ".product_code AND c.month = '*'), 0)"

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
 * server_holds_lock_step: fills `step` (its parameters in `p`, which the caller frees after
 * running it, in a pipeline or with server_exec) to lock the totals of the n (product, month)
 * pairs (distinct or not) against every other hold transaction until the caller's transaction
 * ends. server_holds_locked then reads its result `r` and sets held[i] to what is held of pair
 * i of the n given now (some or all of those locked; `held` has n entries, owned by the
 * caller): batch holds and unexpired instant holds, a missing or stale total recomputed from
 * the hold rows first.
 *
 * server_holds_check_step: as server_holds_lock_step (the n pairs distinct), and the statement
 * then refuses (SERVER_REFUSE_UNLESS) unless every pair's total is exact (not missing, no
 * counted instant hold expired at `now`) and what it leaves free of the declared capacity
 * (SERVER_DECLARED) is at least taken[i], the quantity the caller will hold of pair i: then
 * holding it all is what server_holds_locked and the grants would allow, with no round trip
 * in between. A refused transaction is run again the long way (lock, server_holds_locked).
 *
 * server_holds_put_sql: the statement (for server_exec or a pipeline step) that inserts
 * instant holds and adds what they hold to the totals of their pairs, which the caller locked
 * first. Parameters: six arrays of one entry per hold, $1 inquiry id, $2 product code, $3
 * month, $4 base quantity, $5 created_at, $6 expires_at; a hold the server has already (same
 * inquiry, product, month and kind) is left alone and not counted. Its rows are the holds
 * inserted, in the SERVER_HOLD_* column order.
 *
 * server_holds_stale: marks the totals of the n pairs stale, after hold rows of theirs were
 * changed otherwise (the next lock, server_holds_locked, recomputes them).
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
void server_holds_lock_step(const char *const *products, const char *const *months, int n,
                            server_params *p, server_step *step);
void server_holds_check_step(const char *const *products, const char *const *months,
                             const double *taken, int n, const char *now, server_params *p,
                             server_step *step);
int server_holds_locked(server *s, const PGresult *r, const char *const *products,
                        const char *const *months, int n, const char *now, double *held,
                        ocop_error *err);
extern const char server_holds_put_sql[];
int server_holds_stale(server *s, const char *const *products, const char *const *months, int n,
                       ocop_error *err);
int server_holds_rebuild(server *s, const char *now, ocop_error *err);

/* The server migrations (server_schema.c): migration i takes the version from i to i+1; each
 * is a NULL-terminated list of idempotent statements. */
extern const char *const *const server_migrations[];
extern const int server_migration_count;

#endif
