/* server.c: the libpq connection, statements, transactions with retry, and the schema
 * migrations' runner; see server.h and server_internal.h. */
#include "db/server_internal.h"

#include "core/isotime.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#define SERVER_MAX_STATEMENTS 64

struct server {
    PGconn *conn;
    char name[256];
    char sqlstate[6]; /* of the last failed statement, "" when none */
    bool broken;
    long retries;
    long round_trips; /* of statements and transactions (not of preparing statements) */
    /* Inside server_transaction: the BEGIN not sent yet (it goes with the first statement, in
     * the same round trip when that is a pipeline), and whether a pipeline has sent COMMIT. */
    const char *begin_pending;
    bool committed;
    int n_statements;
    struct {
        const char *sql; /* a string literal: the cache key is its address */
        char name[16];
    } statements[SERVER_MAX_STATEMENTS];
};

PGconn *server_conn(server *s) {
    return s->conn;
}

const char *server_name(const server *s) {
    return s->name;
}

bool server_broken(const server *s) {
    return s->broken;
}

long server_retries(const server *s) {
    return s->retries;
}

long server_round_trips(const server *s) {
    return s->round_trips;
}

bool server_refused(const server *s) {
    return strcmp(s->sqlstate, "22012") == 0;
}

/* ---- parameters ------------------------------------------------------------------------ */

static void params_add(server_params *p, char *owned) {
    OCOP_ASSERT(p->n < SERVER_MAX_PARAMS);
    p->values[p->n++] = owned;
}

void server_params_text(server_params *p, const char *value) {
    params_add(p, value ? xstrdup(value) : NULL);
}

void server_params_int(server_params *p, int64_t value) {
    char buf[32];
    str_format(buf, sizeof buf, "%lld", (long long)value);
    params_add(p, xstrdup(buf));
}

void server_params_double(server_params *p, double value) {
    char buf[40];
    str_format(buf, sizeof buf, "%.17g", value);
    params_add(p, xstrdup(buf));
}

void server_params_free(server_params *p) {
    for (int i = 0; i < p->n; i++) {
        free(p->values[i]);
    }
    p->n = 0;
}

/* An element of an array literal: quoted, with " and \ escaped (PostgreSQL's array input
 * syntax, which CockroachDB and YugabyteDB share). */
void server_array_add(server_array *a, const char *value) {
    sb_append(&a->sb, a->n ? "," : "{");
    a->n++;
    if (!value) {
        sb_append(&a->sb, "NULL");
        return;
    }
    sb_append_char(&a->sb, '"');
    for (const char *c = value; *c; c++) {
        if (*c == '"' || *c == '\\') {
            sb_append_char(&a->sb, '\\');
        }
        sb_append_char(&a->sb, *c);
    }
    sb_append_char(&a->sb, '"');
}

void server_array_add_int(server_array *a, int64_t value) {
    char buf[32];
    str_format(buf, sizeof buf, "%lld", (long long)value);
    server_array_add(a, buf);
}

void server_array_add_double(server_array *a, double value) {
    char buf[40];
    str_format(buf, sizeof buf, "%.17g", value);
    server_array_add(a, buf);
}

void server_params_take_array(server_params *p, server_array *a) {
    if (a->n == 0) {
        sb_append(&a->sb, "{");
    }
    sb_append(&a->sb, "}");
    params_add(p, sb_take(&a->sb));
    a->n = 0;
}

void server_params_array(server_params *p, const char *const *items, int n) {
    server_array a = {0};
    for (int i = 0; i < n; i++) {
        server_array_add(&a, items[i]);
    }
    server_params_take_array(p, &a);
}

/* ---- connection ------------------------------------------------------------------------ */

/* libpq's messages span lines ("…failed: …\n\tIs the server running…"): one line for logs
 * and the organiser screen. */
static void one_line(char *msg) {
    str_trim(msg);
    char *w = msg;
    for (char *r = msg; *r; r++) {
        if (*r == '\n' || *r == '\t') {
            if (w > msg && w[-1] != ' ') {
                *w++ = ' ';
            }
        } else {
            *w++ = *r;
        }
    }
    *w = '\0';
}

/* Reads the password from the first line of `path`, which only its owner may read. */
static int read_password(const char *path, char *out, size_t cap, ocop_error *err) {
    struct stat st;
    if (stat(path, &st) != 0) {
        return error_set(err, "%s: cannot read the server password file: %s", path,
                         strerror(errno));
    }
    if (st.st_mode & (S_IRWXG | S_IRWXO)) {
        return error_set(err,
                         "%s: the server password file can be read by others; "
                         "make it private (chmod 600 %s)",
                         path, path);
    }
    FILE *f = fopen(path, "r");
    if (!f) {
        return error_set(err, "%s: cannot read the server password file: %s", path,
                         strerror(errno));
    }
    bool ok = fgets(out, (int)cap, f) != NULL;
    fclose(f);
    if (!ok) {
        return error_set(err, "%s: the server password file is empty", path);
    }
    out[strcspn(out, "\r\n")] = '\0';
    if (!out[0]) {
        return error_set(err, "%s: the server password file's first line is empty", path);
    }
    return 0;
}

/* Refuses a URL or conninfo string that libpq cannot read, or that carries a password. */
static int check_url(const char *url, ocop_error *err) {
    char *msg = NULL;
    PQconninfoOption *opts = PQconninfoParse(url, &msg);
    if (!opts) {
        error_set(err, "server URL: %s", msg ? str_trim(msg) : "cannot be read");
        PQfreemem(msg);
        return -1;
    }
    bool has_password = false;
    for (PQconninfoOption *o = opts; o->keyword; o++) {
        if (strcmp(o->keyword, "password") == 0 && o->val && o->val[0]) {
            has_password = true;
        }
    }
    PQconninfoFree(opts);
    if (has_password) {
        return error_set(err, "server URL: holds a password; remove it from the URL and put it "
                              "in a file named by [sync] password_file (or in PGPASSFILE)");
    }
    return 0;
}

int server_connect(const server_options *o, server **out, ocop_error *err) {
    *out = NULL;
    if (!o->url || !o->url[0]) {
        return error_set(err, "no server URL given");
    }
    if (check_url(o->url, err) != 0) {
        return -1;
    }
    char password[512] = "";
    if (o->password_file && o->password_file[0] &&
        read_password(o->password_file, password, sizeof password, err) != 0) {
        return -1;
    }
    char timeout[16];
    str_format(timeout, sizeof timeout, "%d", o->connect_timeout_s > 0 ? o->connect_timeout_s : 10);
    /* Later entries override earlier ones: our defaults first, then the URL's own settings
     * (expand_dbname), then the password from the file. Keepalives and a user timeout make a
     * dead network an error within seconds instead of a hang. */
    const char *keys[16], *values[16];
    int n = 0;
    keys[n] = "connect_timeout", values[n++] = timeout;
    keys[n] = "application_name", values[n++] = "ocop-kiosk";
    keys[n] = "keepalives", values[n++] = "1";
    keys[n] = "keepalives_idle", values[n++] = "10";
    keys[n] = "keepalives_interval", values[n++] = "5";
    keys[n] = "keepalives_count", values[n++] = "3";
    keys[n] = "tcp_user_timeout", values[n++] = "20000";
    keys[n] = "dbname", values[n++] = o->url;
    if (password[0]) {
        keys[n] = "password", values[n++] = password;
    }
    keys[n] = "client_encoding", values[n++] = "UTF8";
    keys[n] = NULL, values[n] = NULL;
    PGconn *conn = PQconnectdbParams(keys, values, 1);
    explicit_bzero(password, sizeof password);
    if (!conn) {
        ocop_fatal(__FILE__, __LINE__, "out of memory (libpq connection)");
    }
    if (PQstatus(conn) != CONNECTION_OK) {
        char msg[512];
        str_copy(msg, sizeof msg, PQerrorMessage(conn));
        PQfinish(conn);
        one_line(msg);
        return error_set(err, "cannot reach the server: %s", msg);
    }
    server *s = xcalloc(1, sizeof *s);
    s->conn = conn;
    const char *host = PQhost(conn);
    str_format(s->name, sizeof s->name, "%s@%s:%s/%s", PQuser(conn),
               host && host[0] == '/' ? "[socket]" : (host ? host : "?"), PQport(conn), PQdb(conn));
    /* Quiet NOTICEs (CREATE … IF NOT EXISTS tells of every existing object). */
    PQclear(PQexec(conn, "SET client_min_messages = warning"));
    *out = s;
    return 0;
}

void server_close(server *s) {
    if (!s) {
        return;
    }
    PQfinish(s->conn);
    free(s);
}

/* ---- statements ------------------------------------------------------------------------ */

/* Sets `err` from a failed result (or the connection) and remembers the SQLSTATE. */
static int fail(server *s, PGresult *r, const char *sql, ocop_error *err) {
    const char *state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : NULL;
    str_copy(s->sqlstate, sizeof s->sqlstate, state ? state : "");
    const char *msg = r ? PQresultErrorMessage(r) : "";
    if (!msg || !msg[0]) {
        msg = PQerrorMessage(s->conn);
    }
    char text[700];
    str_copy(text, sizeof text, msg);
    one_line(text);
    if (PQstatus(s->conn) != CONNECTION_OK) {
        s->broken = true;
        error_set(err, "server %s: connection lost: %s", s->name, text);
    } else {
        error_set(err, "server %s: %s%s%s (in: %.160s)", s->name, text, state ? " SQLSTATE " : "",
                  state ? state : "", sql);
    }
    PQclear(r);
    return -1;
}

static bool result_ok(const PGresult *r) {
    ExecStatusType st = PQresultStatus(r);
    return st == PGRES_TUPLES_OK || st == PGRES_COMMAND_OK;
}

/* The name of `sql`'s prepared statement on this connection, preparing it on first use; NULL
 * with `err` set on failure. */
static const char *prepared(server *s, const char *sql, ocop_error *err) {
    for (int i = 0; i < s->n_statements; i++) {
        if (s->statements[i].sql == sql) {
            return s->statements[i].name;
        }
    }
    OCOP_ASSERT(s->n_statements < SERVER_MAX_STATEMENTS);
    char *slot = s->statements[s->n_statements].name;
    str_format(slot, sizeof s->statements[0].name, "ocop_%d", s->n_statements);
    PGresult *r = PQprepare(s->conn, slot, sql, 0, NULL);
    if (!r || !result_ok(r)) {
        fail(s, r, sql, err);
        return NULL;
    }
    PQclear(r);
    s->statements[s->n_statements].sql = sql;
    s->n_statements++;
    return slot;
}

/* Sends the transaction's BEGIN when it has not been sent yet. Returns 0 or -1. */
static int begin_now(server *s, ocop_error *err) {
    const char *begin = s->begin_pending;
    if (!begin) {
        return 0;
    }
    s->begin_pending = NULL;
    s->round_trips++;
    PGresult *r = PQexec(s->conn, begin);
    if (!r || !result_ok(r)) {
        return fail(s, r, begin, err);
    }
    PQclear(r);
    return 0;
}

PGresult *server_exec(server *s, const char *sql, const server_params *p, ocop_error *err) {
    if (s->broken) {
        error_set(err, "server %s: connection lost", s->name);
        return NULL;
    }
    const char *name = prepared(s, sql, err);
    if (!name || begin_now(s, err) != 0) {
        return NULL;
    }
    s->round_trips++;
    PGresult *r = PQexecPrepared(s->conn, name, p ? p->n : 0,
                                 p ? (const char *const *)p->values : NULL, NULL, NULL, 0);
    if (!r || !result_ok(r)) {
        fail(s, r, sql, err);
        return NULL;
    }
    return r;
}

/* Sends one command of a pipeline: the prepared statement `name`, or with name NULL the
 * parameterless `sql` (BEGIN, COMMIT; the simple query protocol is not allowed in a pipeline). */
static bool pipeline_send(server *s, const char *name, const char *sql, const server_params *p) {
    if (!name) {
        return PQsendQueryParams(s->conn, sql, 0, NULL, NULL, NULL, NULL, 0) == 1;
    }
    return PQsendQueryPrepared(s->conn, name, p ? p->n : 0,
                               p ? (const char *const *)p->values : NULL, NULL, NULL, 0) == 1;
}

int server_pipeline(server *s, server_step *steps, int n, bool commit, ocop_error *err) {
    for (int i = 0; i < n; i++) {
        steps[i].result = NULL;
    }
    if (s->broken) {
        return error_set(err, "server %s: connection lost", s->name);
    }
    /* Statements are prepared first, one round trip each but only once per connection: a
     * prepare inside the pipeline that a failure skipped would leave the cache wrong. */
    const char *names[SERVER_MAX_PIPELINE];
    OCOP_ASSERT(n > 0 && n <= SERVER_MAX_PIPELINE);
    for (int i = 0; i < n; i++) {
        names[i] = prepared(s, steps[i].sql, err);
        if (!names[i]) {
            return -1;
        }
    }
    /* The commands in order: [BEGIN], the steps, [COMMIT]; cmd_sql names each for errors. */
    const char *cmd_sql[SERVER_MAX_PIPELINE + 2];
    PGresult **cmd_result[SERVER_MAX_PIPELINE + 2];
    int n_cmds = 0;
    if (PQenterPipelineMode(s->conn) != 1) {
        return fail(s, NULL, "(pipeline)", err);
    }
    s->round_trips++;
    bool sent = true;
    if (s->begin_pending) {
        cmd_sql[n_cmds] = s->begin_pending;
        cmd_result[n_cmds++] = NULL;
        sent = pipeline_send(s, NULL, s->begin_pending, NULL);
        s->begin_pending = NULL;
    }
    for (int i = 0; sent && i < n; i++) {
        cmd_sql[n_cmds] = steps[i].sql;
        cmd_result[n_cmds++] = &steps[i].result;
        sent = pipeline_send(s, names[i], steps[i].sql, steps[i].p);
    }
    if (sent && commit) {
        cmd_sql[n_cmds] = "COMMIT";
        cmd_result[n_cmds++] = NULL;
        sent = pipeline_send(s, NULL, "COMMIT", NULL);
    }
    if (!sent || PQpipelineSync(s->conn) != 1) {
        s->broken = true;
        error_set(err, "server %s: connection lost: %s", s->name, PQerrorMessage(s->conn));
        return -1;
    }
    /* Each command's result, then NULL; after the last one the sync. The first failure is
     * the error; the commands after it come back "aborted" and are dropped. */
    int rc = 0, cmd = 0, nulls = 0;
    for (;;) {
        PGresult *r = PQgetResult(s->conn);
        if (!r) {
            cmd++;
            if (++nulls > n_cmds + 1 || PQstatus(s->conn) != CONNECTION_OK) {
                s->broken = true; /* no sync will come */
                rc = rc ? rc : error_set(err, "server %s: connection lost", s->name);
                break;
            }
            continue;
        }
        ExecStatusType st = PQresultStatus(r);
        if (st == PGRES_PIPELINE_SYNC) {
            PQclear(r);
            break;
        }
        if (cmd >= n_cmds || st == PGRES_PIPELINE_ABORTED || rc != 0) {
            PQclear(r);
        } else if (!result_ok(r)) {
            rc = fail(s, r, cmd_sql[cmd], err);
        } else if (cmd_result[cmd]) {
            *cmd_result[cmd] = r;
        } else {
            PQclear(r);
        }
    }
    if (!s->broken && PQexitPipelineMode(s->conn) != 1) {
        s->broken = true;
        rc = rc ? rc : error_set(err, "server %s: connection lost", s->name);
    }
    if (rc != 0) {
        for (int i = 0; i < n; i++) {
            PQclear(steps[i].result);
            steps[i].result = NULL;
        }
        return -1;
    }
    s->committed = commit;
    return 0;
}

int server_run(server *s, const char *sql, const server_params *p, ocop_error *err) {
    PGresult *r = server_exec(s, sql, p, err);
    if (!r) {
        return -1;
    }
    PQclear(r);
    return 0;
}

int server_run_simple(server *s, const char *sql, ocop_error *err) {
    if (s->broken) {
        return error_set(err, "server %s: connection lost", s->name);
    }
    if (begin_now(s, err) != 0) {
        return -1;
    }
    s->round_trips++;
    PGresult *r = PQexec(s->conn, sql);
    if (!r || !result_ok(r)) {
        return fail(s, r, sql, err);
    }
    PQclear(r);
    return 0;
}

const char *server_text(const PGresult *r, int row, int col) {
    return PQgetisnull(r, row, col) ? "" : PQgetvalue(r, row, col);
}

bool server_is_null(const PGresult *r, int row, int col) {
    return PQgetisnull(r, row, col) != 0;
}

int64_t server_int(const PGresult *r, int row, int col) {
    return PQgetisnull(r, row, col) ? 0 : strtoll(PQgetvalue(r, row, col), NULL, 10);
}

double server_double(const PGresult *r, int row, int col) {
    return PQgetisnull(r, row, col) ? 0 : strtod(PQgetvalue(r, row, col), NULL);
}

/* ---- transactions ---------------------------------------------------------------------- */

static bool retryable(const char *state) {
    return strcmp(state, "40001") == 0 || strcmp(state, "40P01") == 0;
}

static void backoff(int attempt) {
    long max_us = 2000L << (attempt < 9 ? attempt : 9); /* 2 ms, 4 ms … about 1 s */
    long us = max_us / 2 + random() % (max_us / 2 + 1);
    struct timespec ts = {us / 1000000, (us % 1000000) * 1000};
    nanosleep(&ts, NULL);
}

int server_transaction(server *s, bool read_only, server_tx_fn fn, void *ctx, ocop_error *err) {
    static const char begin_rw[] = "BEGIN ISOLATION LEVEL SERIALIZABLE";
    static const char begin_ro[] = "BEGIN ISOLATION LEVEL SERIALIZABLE READ ONLY";
    for (int attempt = 0;; attempt++) {
        s->sqlstate[0] = '\0';
        /* BEGIN goes with the first statement (server_pipeline sends both at once). */
        s->begin_pending = read_only ? begin_ro : begin_rw;
        s->committed = false;
        int rc = fn(s, ctx, err);
        if (rc == 0 && s->begin_pending) { /* nothing was run: nothing to commit */
            s->begin_pending = NULL;
            return 0;
        }
        s->begin_pending = NULL;
        if (rc == 0 && !s->committed) {
            rc = server_run_simple(s, "COMMIT", err);
        }
        s->committed = false;
        if (rc == 0) {
            return 0;
        }
        if (s->broken) {
            return -1;
        }
        char state[6];
        str_copy(state, sizeof state, s->sqlstate);
        ocop_error ignored;
        if (PQtransactionStatus(s->conn) != PQTRANS_IDLE) { /* a failed COMMIT has ended it */
            server_run_simple(s, "ROLLBACK", &ignored);
        }
        if (!retryable(state) || attempt + 1 >= SERVER_MAX_TRIES) {
            return -1;
        }
        s->retries++;
        backoff(attempt);
    }
}

/* ---- schema ---------------------------------------------------------------------------- */

int server_schema_version(void) {
    return server_migration_count;
}

static const char sql_version_table[] = "CREATE TABLE IF NOT EXISTS ocop_schema ("
                                        "  id      INT PRIMARY KEY CHECK (id = 1),"
                                        "  version INT NOT NULL"
                                        ")";
static const char sql_read_version[] = "SELECT version FROM ocop_schema WHERE id = 1";
static const char sql_write_version[] = "INSERT INTO ocop_schema (id, version) VALUES (1, $1::INT)"
                                        " ON CONFLICT (id) DO UPDATE SET version = excluded.version"
                                        " WHERE ocop_schema.version < excluded.version";

/* The server's schema version, 0 when none; -1 on error. */
static int read_version(server *s, ocop_error *err) {
    static const char sql_exists[] =
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'ocop_schema'"
        " AND table_schema = current_schema()";
    PGresult *r = server_exec(s, sql_exists, NULL, err);
    if (!r) {
        return -1;
    }
    bool exists = server_int(r, 0, 0) > 0;
    PQclear(r);
    if (!exists) {
        return 0;
    }
    r = server_exec(s, sql_read_version, NULL, err);
    if (!r) {
        return -1;
    }
    int v = PQntuples(r) ? (int)server_int(r, 0, 0) : 0;
    PQclear(r);
    return v;
}

static int rebuild_totals(server *s, void *now, ocop_error *err) {
    return server_holds_rebuild(s, now, err);
}

int server_init(server *s, int *from, int *to, ocop_error *err) {
    int v = read_version(s, err);
    if (v < 0) {
        return -1;
    }
    if (from) {
        *from = v;
    }
    if (v > server_migration_count) {
        return error_set(err,
                         "server %s: its schema (version %d) is newer than this program's (%d); "
                         "upgrade ocop-kiosk",
                         s->name, v, server_migration_count);
    }
    if (server_run_simple(s, sql_version_table, err) != 0) {
        return -1;
    }
    for (int m = v; m < server_migration_count; m++) {
        for (const char *const *stmt = server_migrations[m]; *stmt; stmt++) {
            ocop_error why;
            if (server_run_simple(s, *stmt, &why) != 0) {
                return error_set(err, "migration %d → %d failed: %s", m, m + 1, why.msg);
            }
        }
        server_params p = {0};
        server_params_int(&p, m + 1);
        int rc = server_run(s, sql_write_version, &p, err);
        server_params_free(&p);
        if (rc != 0) {
            return -1;
        }
    }
    if (v > 0 && v < 2 && server_migration_count >= 2) {
        /* Migration 2 made hold_total: count the holds already there (server_holds.c). */
        char now[32];
        isotime_format_utc((int64_t)time(NULL), now, sizeof now);
        if (server_transaction(s, false, rebuild_totals, now, err) != 0) {
            return -1;
        }
    }
    if (to) {
        *to = server_migration_count;
    }
    return 0;
}

int server_check_schema(server *s, ocop_error *err) {
    int v = read_version(s, err);
    if (v < 0) {
        return -1;
    }
    if (v < server_migration_count) {
        return error_set(err,
                         "server %s: schema version %d, this program needs %d; run "
                         "'ocop-kiosk server init URL' first",
                         s->name, v, server_migration_count);
    }
    if (v > server_migration_count) {
        return error_set(err,
                         "server %s: its schema (version %d) is newer than this program's (%d); "
                         "upgrade ocop-kiosk",
                         s->name, v, server_migration_count);
    }
    return 0;
}
