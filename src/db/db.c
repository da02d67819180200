/* db.c: connection, migrations, statement cache, transactions; see db.h and db_internal.h. */
#include "db/db_internal.h"

#include "core/fold.h"

#include <stdlib.h>
#include <string.h>

#define DB_MAX_STATEMENTS  256
#define DB_BUSY_TIMEOUT_MS 10000

struct db {
    sqlite3 *handle;
    char *path;
    int depth;        /* nesting of db_begin */
    bool rolled_back; /* a rollback happened inside the current transaction */
    int n_statements;
    struct {
        const char *sql; /* a string literal: the cache key is its address */
        sqlite3_stmt *stmt;
    } statements[DB_MAX_STATEMENTS];
};

sqlite3 *db_handle(db *d) {
    return d->handle;
}

const char *db_path(const db *d) {
    return d->path;
}

int db_schema_version(void) {
    return db_migration_count;
}

int db_fail(db *d, const char *sql, ocop_error *err) {
    return error_set(err, "%s: SQL error: %s (in: %.200s)", d->path, sqlite3_errmsg(d->handle),
                     sql);
}

int db_exec(db *d, const char *sql, ocop_error *err) {
    char *msg = NULL;
    if (sqlite3_exec(d->handle, sql, NULL, NULL, &msg) != SQLITE_OK) {
        error_set(err, "%s: SQL error: %s (in: %.200s)", d->path, msg ? msg : "?", sql);
        sqlite3_free(msg);
        return -1;
    }
    return 0;
}

sqlite3_stmt *db_prepare(db *d, const char *sql, ocop_error *err) {
    for (int i = 0; i < d->n_statements; i++) {
        if (d->statements[i].sql == sql) {
            sqlite3_stmt *st = d->statements[i].stmt;
            sqlite3_reset(st);
            sqlite3_clear_bindings(st);
            return st;
        }
    }
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v3(d->handle, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL);
    if (rc != SQLITE_OK) {
        if (rc == SQLITE_ERROR) {
            ocop_fatal(__FILE__, __LINE__, "cannot prepare SQL: %s\n%s", sqlite3_errmsg(d->handle),
                       sql);
        }
        db_fail(d, sql, err);
        return NULL;
    }
    OCOP_ASSERT(d->n_statements < DB_MAX_STATEMENTS);
    d->statements[d->n_statements].sql = sql;
    d->statements[d->n_statements].stmt = st;
    d->n_statements++;
    return st;
}

static int param_index(sqlite3_stmt *st, const char *name) {
    int i = sqlite3_bind_parameter_index(st, name);
    if (i == 0) {
        ocop_fatal(__FILE__, __LINE__, "no parameter %s in SQL: %s", name, sqlite3_sql(st));
    }
    return i;
}

void db_bind_text(sqlite3_stmt *st, const char *name, const char *value) {
    int i = param_index(st, name);
    if (value) {
        sqlite3_bind_text(st, i, value, -1, SQLITE_TRANSIENT);
    } else {
        sqlite3_bind_null(st, i);
    }
}

void db_bind_int64(sqlite3_stmt *st, const char *name, int64_t value) {
    sqlite3_bind_int64(st, param_index(st, name), value);
}

void db_bind_double(sqlite3_stmt *st, const char *name, double value) {
    sqlite3_bind_double(st, param_index(st, name), value);
}

void db_bind_null(sqlite3_stmt *st, const char *name) {
    sqlite3_bind_null(st, param_index(st, name));
}

int db_step(db *d, sqlite3_stmt *st, ocop_error *err) {
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW || rc == SQLITE_DONE) {
        return rc;
    }
    db_fail(d, sqlite3_sql(st), err);
    sqlite3_reset(st);
    return -1;
}

char *db_column_strdup(sqlite3_stmt *st, int col) {
    const unsigned char *text = sqlite3_column_text(st, col);
    return text ? xstrdup((const char *)text) : NULL;
}

void db_column_copy(sqlite3_stmt *st, int col, char *dst, size_t cap) {
    const unsigned char *text = sqlite3_column_text(st, col);
    str_copy(dst, cap, text ? (const char *)text : "");
}

int db_begin(db *d, bool immediate, ocop_error *err) {
    if (d->depth == 0) {
        if (db_exec(d, immediate ? "BEGIN IMMEDIATE" : "BEGIN", err) != 0) {
            return -1;
        }
        d->rolled_back = false;
    }
    d->depth++;
    return 0;
}

int db_commit(db *d, ocop_error *err) {
    OCOP_ASSERT(d->depth > 0);
    d->depth--;
    if (d->rolled_back) {
        return error_set(err, "%s: the transaction was rolled back", d->path);
    }
    if (d->depth > 0) {
        return 0;
    }
    if (db_exec(d, "COMMIT", err) != 0) {
        db_exec(d, "ROLLBACK", NULL);
        return -1;
    }
    return 0;
}

void db_rollback(db *d) {
    OCOP_ASSERT(d->depth > 0);
    d->depth--;
    if (!d->rolled_back) {
        db_exec(d, "ROLLBACK", NULL);
        d->rolled_back = true;
    }
}

/* SQL function fold(text): the search key of fold.h, so that triggers and queries fold
 * exactly as the C code does. */
static void sql_fold(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
    (void)argc;
    const unsigned char *text = sqlite3_value_text(argv[0]);
    if (!text) {
        sqlite3_result_null(ctx);
        return;
    }
    char *folded = fold_text((const char *)text);
    sqlite3_result_text(ctx, folded, -1, free);
}

static int user_version(db *d, int *version, ocop_error *err) {
    static const char sql[] = "PRAGMA user_version";
    sqlite3_stmt *st = db_prepare(d, sql, err);
    if (!st || db_step(d, st, err) != SQLITE_ROW) {
        return -1;
    }
    *version = sqlite3_column_int(st, 0);
    sqlite3_reset(st);
    return 0;
}

/* Each migration runs in its own transaction together with its user_version bump, so a
 * failure leaves the database at the last complete version. */
static int migrate(db *d, ocop_error *err) {
    int version;
    if (user_version(d, &version, err) != 0) {
        return -1;
    }
    if (version > db_migration_count) {
        return error_set(err,
                         "%s: database schema version %d is newer than this program "
                         "understands (%d); use a newer ocop-kiosk",
                         d->path, version, db_migration_count);
    }
    while (version < db_migration_count) {
        char bump[64];
        str_format(bump, sizeof bump, "PRAGMA user_version = %d", version + 1);
        if (db_begin(d, true, err) != 0) {
            return -1;
        }
        /* Re-read inside the write lock: another process may have migrated meanwhile. */
        int now;
        if (user_version(d, &now, err) != 0) {
            db_rollback(d);
            return -1;
        }
        if (now == version) {
            if (db_exec(d, db_migrations[version], err) != 0 || db_exec(d, bump, err) != 0) {
                db_rollback(d);
                /* Copy the cause first: formatting err->msg into itself is undefined. */
                ocop_error why = {""};
                if (err) {
                    why = *err;
                }
                return error_set(err, "%s: migration to schema version %d failed: %s", d->path,
                                 version + 1, why.msg);
            }
        }
        if (db_commit(d, err) != 0) {
            return -1;
        }
        if (user_version(d, &version, err) != 0) {
            return -1;
        }
    }
    return 0;
}

int db_open(const char *path, int flags, db **out, ocop_error *err) {
    *out = NULL;
    db *d = xcalloc(1, sizeof *d);
    d->path = xstrdup(path);
    int open_flags = (flags & DB_OPEN_READONLY) ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
    if (flags & DB_OPEN_CREATE) {
        open_flags |= SQLITE_OPEN_CREATE;
    }
    if (sqlite3_open_v2(path, &d->handle, open_flags | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
        error_set(err, "%s: cannot open database: %s", path,
                  d->handle ? sqlite3_errmsg(d->handle) : "out of memory");
        db_close(d);
        return -1;
    }
    sqlite3_extended_result_codes(d->handle, 1);
    sqlite3_busy_timeout(d->handle, DB_BUSY_TIMEOUT_MS);
    sqlite3_create_function(d->handle, "fold", 1,
                            SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, NULL, sql_fold,
                            NULL, NULL);
    /* 16 MiB of page cache (SQLite's default is 2 MiB): a group match on a large catalogue
     * otherwise re-reads the same pages from the file. */
    if (db_exec(d, "PRAGMA foreign_keys = ON; PRAGMA cache_size = -16384", err) != 0) {
        db_close(d);
        return -1;
    }
    if (!(flags & DB_OPEN_READONLY)) {
        /* Not a database at all shows up here first ("file is not a database"). */
        if (db_exec(d, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL", err) != 0 ||
            migrate(d, err) != 0) {
            db_close(d);
            return -1;
        }
    } else {
        int version;
        if (user_version(d, &version, err) != 0) {
            db_close(d);
            return -1;
        }
        if (version != db_migration_count) {
            error_set(err, "%s: database schema version %d, this program needs %d", path, version,
                      db_migration_count);
            db_close(d);
            return -1;
        }
    }
    *out = d;
    return 0;
}

void db_close(db *d) {
    if (!d) {
        return;
    }
    for (int i = 0; i < d->n_statements; i++) {
        sqlite3_finalize(d->statements[i].stmt);
    }
    if (d->handle) {
        sqlite3_close(d->handle);
    }
    free(d->path);
    free(d);
}

bool db_is_empty(db *d) {
    static const char sql[] = "SELECT NOT EXISTS (SELECT 1 FROM product)";
    sqlite3_stmt *st = db_prepare(d, sql, NULL);
    bool empty = st && db_step(d, st, NULL) == SQLITE_ROW && sqlite3_column_int(st, 0);
    if (st) {
        sqlite3_reset(st);
    }
    return empty;
}

char *db_setting_get(db *d, const char *key) {
    static const char sql[] = "SELECT value FROM setting WHERE key = :key";
    sqlite3_stmt *st = db_prepare(d, sql, NULL);
    if (!st) {
        return NULL;
    }
    db_bind_text(st, ":key", key);
    char *value = NULL;
    if (db_step(d, st, NULL) == SQLITE_ROW) {
        value = db_column_strdup(st, 0);
    }
    sqlite3_reset(st);
    return value;
}

int db_setting_set(db *d, const char *key, const char *value, ocop_error *err) {
    static const char sql[] = "INSERT INTO setting (key, value) VALUES (:key, :value) "
                              "ON CONFLICT (key) DO UPDATE SET value = excluded.value";
    sqlite3_stmt *st = db_prepare(d, sql, err);
    if (!st) {
        return -1;
    }
    db_bind_text(st, ":key", key);
    db_bind_text(st, ":value", value);
    int rc = db_step(d, st, err);
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? 0 : -1;
}
