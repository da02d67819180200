/*
 * server.h: the central PostgreSQL server of a fair (DESIGN §8), through libpq. Only
 * src/db/server*.c and src/db/sync*.c include libpq-fe.h; ui and cli see this header.
 *
 * The server is the one place where capacity is held across kiosks. Each kiosk keeps working
 * on its own SQLite file and talks to the server through the outbox (sync.h); organisers run
 * import, export, unmet and allocate on it with `--server URL`.
 *
 * Portability: the SQL sent stays within what PostgreSQL 15, CockroachDB and YugabyteDB all
 * run (docs/server.md lists what was checked): every transaction is SERIALIZABLE and is
 * retried on SQLSTATE 40001 (serialisation failure) and 40P01 (deadlock); no LISTEN/NOTIFY,
 * no advisory locks, no sequences, no triggers or functions on the server; DDL statements are
 * idempotent (IF NOT EXISTS) and run one by one, outside data transactions.
 *
 * The password never comes from kiosk.ini or the URL: it is read from `password_file` (a file
 * with the password on its first line, not readable by group or others), or libpq finds it in
 * PGPASSFILE / ~/.pgpass.
 */
#ifndef OCOP_SERVER_H
#define OCOP_SERVER_H

#include "core/base.h"

typedef struct server server;

typedef struct server_options {
    const char *url;           /* postgresql://user@host:port/db, or "host=… dbname=…" */
    const char *password_file; /* NULL or "": libpq's PGPASSFILE / ~/.pgpass */
    int connect_timeout_s;     /* 0: 10 s */
} server_options;

/* Connects to the server. A URL that carries a password is refused (the message says where a
 * password goes). On success *out is the connection (server_close). Returns 0, or -1 with
 * `err` set; the message names the server without its password. */
int server_connect(const server_options *o, server **out, ocop_error *err);
/* Closes the connection. Accepts NULL. */
void server_close(server *s);

/* "user@host:port/db" of the connection, for messages. */
const char *server_name(const server *s);

/* True when the connection is known to be broken (the next call will fail at once). */
bool server_broken(const server *s);

/* How many transactions were retried (SQLSTATE 40001/40P01) on this connection. */
long server_retries(const server *s);

/* How many round trips to the server the statements and transactions on this connection
 * took (a pipeline of statements is one; preparing a statement, once per connection, is not
 * counted). */
long server_round_trips(const server *s);

/* ---- schema ---------------------------------------------------------------------------- */

/* The server schema version this program writes (the number of server migrations). */
int server_schema_version(void);

/* Creates or migrates the server schema (`ocop-kiosk server init URL`). Each migration is a
 * list of idempotent DDL statements run one by one, then its version is recorded: an init
 * that was interrupted, or two run at once, simply run again. A server newer than the program
 * is refused. *from and *to (may be NULL) get the versions before and after. Returns 0, or -1
 * with `err` set. */
int server_init(server *s, int *from, int *to, ocop_error *err);

/* Checks that the server's schema is the one this program writes: older → "run ocop-kiosk
 * server init", newer → "upgrade ocop-kiosk". Returns 0, or -1 with `err` set. */
int server_check_schema(server *s, ocop_error *err);

#endif
