/* db.c: connection, migrations, statement cache, transactions; see db.h and db_internal.h. */
#include "db/db_internal.h"

#include "core/catalog.h"
#include "core/clock.h"
#include "core/fold.h"
#include "core/strbuf.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#define DB_MAX_STATEMENTS  256
#define DB_BUSY_TIMEOUT_MS 10000

struct db {
    sqlite3 *handle;
    char *path;
    char *name;        /* the file as messages name it (path, or the original of a copy) */
    int found_version; /* user_version when opened, before any migration */
    int depth;         /* nesting of db_begin */
    bool rolled_back;  /* a rollback happened inside the current transaction */
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

/* What SQLite's last error means for a person when the operating system said it: the disk is
 * full, the folder or the file is read-only. NULL when SQLite's own message is all we know. */
static const char *os_cause(db *d) {
    int code = sqlite3_extended_errcode(d->handle) & 0xff;
    int e = sqlite3_system_errno(d->handle);
    if (code == SQLITE_FULL || e == ENOSPC || e == EDQUOT) {
        return "the disk is full";
    }
    if (code != SQLITE_CANTOPEN && code != SQLITE_READONLY && code != SQLITE_IOERR &&
        code != SQLITE_PERM && code != SQLITE_AUTH) {
        return NULL;
    }
    if (access(d->path, W_OK) != 0 && (errno == EACCES || errno == EROFS || errno == EPERM)) {
        return "the file is read-only";
    }
    char folder[4200];
    str_copy(folder, sizeof folder, d->path);
    char *slash = strrchr(folder, '/');
    if (!slash) {
        str_copy(folder, sizeof folder, ".");
    } else {
        slash[slash == folder] = '\0';
    }
    if (access(folder, W_OK) != 0 && (errno == EACCES || errno == EROFS || errno == EPERM)) {
        return "the folder is read-only (SQLite must create the -wal and -shm files next to "
               "the database)";
    }
    return NULL;
}

static int fail_with(db *d, const char *sqlite_msg, const char *sql, ocop_error *err) {
    const char *cause = os_cause(d);
    if (cause) {
        return error_set(err, "%s: %s (SQLite: %s, in: %.200s)", d->name, cause, sqlite_msg, sql);
    }
    return error_set(err, "%s: SQL error: %s (in: %.200s)", d->name, sqlite_msg, sql);
}

int db_fail(db *d, const char *sql, ocop_error *err) {
    return fail_with(d, sqlite3_errmsg(d->handle), sql, err);
}

int db_exec(db *d, const char *sql, ocop_error *err) {
    char *msg = NULL;
    if (sqlite3_exec(d->handle, sql, NULL, NULL, &msg) != SQLITE_OK) {
        fail_with(d, msg ? msg : sqlite3_errmsg(d->handle), sql, err);
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
        /* "no such table/column" is a damaged or foreign file, not a bug here: an error, never
         * an abort (db_open checks the schema, so this is the last line of defence). */
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
        return error_set(err, "%s: the transaction was rolled back", d->name);
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

/* SQL function group_words(grp): the words search finds a group's products by, from the one
 * group table (catalog_group_search_words); an unknown key stays as it is. */
static void sql_group_words(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
    (void)argc;
    const unsigned char *key = sqlite3_value_text(argv[0]);
    if (!key) {
        sqlite3_result_null(ctx);
        return;
    }
    sqlite3_result_text(ctx, catalog_group_search_words((const char *)key), -1, SQLITE_TRANSIENT);
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
 * failure leaves the database at the last complete version. The version was checked to be
 * within 0…db_migration_count before (check_file). */
static int migrate(db *d, ocop_error *err) {
    int version;
    if (user_version(d, &version, err) != 0) {
        return -1;
    }
    while (version >= 0 && version < db_migration_count) {
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
                return error_set(err, "%s: migration to schema version %d failed: %s", d->name,
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

/* SQLite settings every connection gets, the kiosk's file or the reference schema. */
static void setup_connection(sqlite3 *h) {
    sqlite3_extended_result_codes(h, 1);
    sqlite3_busy_timeout(h, DB_BUSY_TIMEOUT_MS);
    sqlite3_create_function(h, "fold", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
                            NULL, sql_fold, NULL, NULL);
    sqlite3_create_function(h, "group_words", 1,
                            SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, NULL,
                            sql_group_words, NULL, NULL);
}

/* The schema objects as "type name" lines, and "column table.name" for every column of every
 * table (virtual tables included), sorted: what must be in a file at one schema version. A
 * rank before each line puts tables first, so a missing table is named as such. */
static const char schema_sql[] =
    "SELECT CASE o.type WHEN 'table' THEN '1 ' WHEN 'view' THEN '2 ' ELSE '4 ' END"
    "       || o.type || ' ' || o.name"
    " FROM sqlite_schema o"
    " WHERE o.type IN ('table', 'index', 'trigger', 'view') AND o.name NOT LIKE 'sqlite_%'"
    " UNION ALL"
    " SELECT '3 column ' || o.name || '.' || c.name FROM sqlite_schema o,"
    "  pragma_table_info(o.name) c"
    " WHERE o.type = 'table' AND o.name NOT LIKE 'sqlite_%'"
    " ORDER BY 1";

/* The schema objects of `h` (see schema_sql) as one string of lines; NULL when it cannot be
 * read (msg then says why). */
static char *schema_lines(sqlite3 *h, char *msg, size_t cap) {
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(h, schema_sql, -1, &st, NULL) != SQLITE_OK) {
        str_copy(msg, cap, sqlite3_errmsg(h));
        return NULL;
    }
    strbuf out = {0};
    sb_append(&out, "");
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        sb_append(&out, (const char *)sqlite3_column_text(st, 0));
        sb_append(&out, "\n");
    }
    if (rc != SQLITE_DONE) {
        str_copy(msg, cap, sqlite3_errmsg(h));
        sqlite3_finalize(st);
        sb_free(&out);
        return NULL;
    }
    sqlite3_finalize(st);
    return sb_take(&out);
}

char *db_schema_reference_build(int version) {
    sqlite3 *h = NULL;
    char msg[256];
    if (sqlite3_open_v2(":memory:", &h, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
        ocop_fatal(__FILE__, __LINE__, "cannot open an in-memory database");
    }
    setup_connection(h);
    for (int i = 0; i < version; i++) {
        char *why = NULL;
        if (sqlite3_exec(h, db_migrations[i], NULL, NULL, &why) != SQLITE_OK) {
            ocop_fatal(__FILE__, __LINE__, "migration %d fails on an empty database: %s", i + 1,
                       why ? why : "?");
        }
    }
    char *lines = schema_lines(h, msg, sizeof msg);
    if (!lines) {
        ocop_fatal(__FILE__, __LINE__, "cannot list the reference schema: %s", msg);
    }
    sqlite3_close(h);
    return lines;
}

/* The first line of the sorted `want` that is not in the sorted `have`, copied to `missing`;
 * false when every line is there. */
static bool first_missing(const char *want, const char *have, char *missing, size_t cap) {
    const char *w = want, *h = have;
    while (*w) {
        size_t wl = strcspn(w, "\n");
        int cmp = 1;
        while (*h) {
            size_t hl = strcspn(h, "\n");
            size_t n = wl < hl ? wl : hl;
            cmp = memcmp(h, w, n);
            if (cmp == 0) {
                cmp = hl == wl ? 0 : (hl < wl ? -1 : 1);
            }
            if (cmp >= 0) {
                break;
            }
            h += hl + (h[hl] == '\n');
        }
        if (cmp != 0) {
            size_t skip = wl > 2 ? 2 : 0; /* the rank */
            size_t n = wl - skip < cap - 1 ? wl - skip : cap - 1;
            memcpy(missing, w + skip, n);
            missing[n] = '\0';
            return true;
        }
        w += wl + (w[wl] == '\n');
    }
    return false;
}

/* Reads the file without writing to it: its schema version must be one this program knows
 * (0…db_migration_count; 0 only for an empty file), and every table, column, index and
 * trigger that version has must be there. A damaged, foreign or newer file is refused here,
 * before anything (journal mode, migrations) touches it. */
static int check_file(db *d, bool need_current, ocop_error *err) {
    static const char count_sql[] = "SELECT count(*) FROM sqlite_schema";
    sqlite3_stmt *st = db_prepare(d, count_sql, err);
    int rc = st ? sqlite3_step(st) : SQLITE_ERROR;
    if (rc != SQLITE_ROW) {
        int code = sqlite3_extended_errcode(d->handle) & 0xff;
        if (code == SQLITE_NOTADB) {
            return error_set(err, "%s: not an ocop-kiosk database (not an SQLite file)", d->name);
        }
        if (code == SQLITE_CORRUPT) {
            return error_set(err, "%s: the database file is damaged: %s", d->name,
                             sqlite3_errmsg(d->handle));
        }
        if (st) {
            db_fail(d, count_sql, err);
        }
        return -1;
    }
    int objects = sqlite3_column_int(st, 0);
    sqlite3_reset(st);
    int version;
    if (user_version(d, &version, err) != 0) {
        return -1;
    }
    d->found_version = version;
    if (version < 0) {
        return error_set(err,
                         "%s: not an ocop-kiosk database (schema version %d; this program "
                         "knows 0 to %d)",
                         d->name, version, db_migration_count);
    }
    if (version > db_migration_count) {
        return error_set(err,
                         "%s: database schema version %d is newer than this program "
                         "understands (%d); use a newer ocop-kiosk",
                         d->name, version, db_migration_count);
    }
    if (need_current && version != db_migration_count) {
        return error_set(err, "%s: database schema version %d, this program needs %d", d->name,
                         version, db_migration_count);
    }
    if (version == 0) {
        if (objects > 0) {
            return error_set(err,
                             "%s: not an ocop-kiosk database (it holds another program's "
                             "tables and no ocop-kiosk schema version)",
                             d->name);
        }
        return 0;
    }
    char msg[256];
    char *have = schema_lines(d->handle, msg, sizeof msg);
    if (!have) {
        return error_set(err, "%s: cannot read the database's schema: %s", d->name, msg);
    }
    /* At the current version, everything its migrations make. An older file is compared
     * with the tables of migration 1 only: shipped migrations were edited before they were
     * frozen, so an older release's file may differ in later objects (the migrations repair
     * them). */
    /* The current version's is the build's (db_schema_reference_current): running every
     * migration on an in-memory database took 5 ms of CPU at each start (issue 14). */
    char *want = version == db_migration_count ? xstrdup(db_schema_reference_current)
                                               : db_schema_reference_build(1);
    if (version != db_migration_count) {
        char *w = want, *line = want;
        while (*line) {
            size_t n = strcspn(line, "\n");
            bool keep = strncmp(line, "1 table ", 8) == 0;
            if (keep) {
                memmove(w, line, n + (line[n] == '\n'));
                w += n + (line[n] == '\n');
            }
            line += n + (line[n] == '\n');
        }
        *w = '\0';
    }
    char missing[200];
    bool bad = first_missing(want, have, missing, sizeof missing);
    free(want);
    free(have);
    if (bad) {
        return error_set(err,
                         "%s: damaged or not an ocop-kiosk database: schema version %d but no "
                         "%s",
                         d->name, version, missing);
    }
    return 0;
}

/* True for names SQLite would not take as a file: "" and ":memory:" (a temporary or in-memory
 * database: every lead would be lost at exit) and "file:…" (a URI). */
static bool not_a_file_name(const char *path) {
    return path[0] == '\0' || strcmp(path, ":memory:") == 0 || strncmp(path, "file:", 5) == 0;
}

/* Why creating or opening `path` failed with errno `e`, in words. */
static const char *open_cause(int e) {
    switch (e) {
    case ENOSPC:
    case EDQUOT:
        return "the disk is full";
    case EROFS:
        return "the folder is on a read-only file system";
    case EACCES:
    case EPERM:
        return "permission denied (the folder is read-only for this user?)";
    default:
        return strerror(e);
    }
}

/* Creates the file (empty, mode 0600: it will hold buyers' phones; SQLite gives the -wal and
 * -shm files the database file's mode) unless it exists; refuses a name that is not a regular
 * file. */
static int prepare_file(const char *path, int flags, bool *created, ocop_error *err) {
    *created = false;
    struct stat st;
    if (stat(path, &st) == 0) {
        if (!S_ISREG(st.st_mode)) {
            return error_set(err, "%s: not a regular file, so not a database", path);
        }
        return 0;
    }
    if (errno != ENOENT) {
        return error_set(err, "%s: cannot open database: %s", path, open_cause(errno));
    }
    if (!(flags & DB_OPEN_CREATE)) {
        return error_set(err,
                         "%s: no such database (only the kiosk and 'import' create one; check "
                         "--db or kiosk.ini's database)",
                         path);
    }
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0 && errno != EEXIST) {
        return error_set(err, "%s: cannot create the database: %s", path, open_cause(errno));
    }
    if (fd >= 0) {
        close(fd);
        *created = true;
    }
    return 0;
}

/* Removes a database file this process created and could not set up (with its -wal and
 * -shm), so that a failed first start leaves no empty database behind. */
static void remove_created(const char *path) {
    char side[4200];
    unlink(path);
    if (str_format(side, sizeof side, "%s-wal", path)) {
        unlink(side);
    }
    if (str_format(side, sizeof side, "%s-shm", path)) {
        unlink(side);
    }
}

int db_open_as(const char *path, const char *name, int flags, db **out, ocop_error *err) {
    *out = NULL;
    if (not_a_file_name(path)) {
        return error_set(err,
                         "the database \"%s\" is not a file name: SQLite would keep the leads "
                         "in memory (or read a URI) and lose them; name a file in --db or "
                         "kiosk.ini's database",
                         path);
    }
    bool created;
    if (prepare_file(path, flags, &created, err) != 0) {
        return -1;
    }
    db *d = xcalloc(1, sizeof *d);
    d->path = xstrdup(path);
    d->name = xstrdup(name ? name : path);
    int open_flags = (flags & DB_OPEN_READONLY) ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
    if (sqlite3_open_v2(path, &d->handle, open_flags | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
        const char *cause = d->handle ? os_cause(d) : NULL;
        error_set(err, "%s: cannot open database: %s", d->name,
                  cause       ? cause
                  : d->handle ? sqlite3_errmsg(d->handle)
                              : "out of memory");
        db_close(d);
        if (created) {
            remove_created(path);
        }
        return -1;
    }
    setup_connection(d->handle);
    clock_start_mark("database opened");
    /* 16 MiB of page cache (SQLite's default is 2 MiB): a group match on a large catalogue
     * otherwise re-reads the same pages from the file. Temporary tables and sorts in memory:
     * SQLite's temporary files live in TMPDIR, and a process killed between creating one and
     * unlinking it leaves it there (test_kill.sh); `bench --only match` peak RSS was unchanged
     * (50.1 -> 48.5 MB). */
    if (check_file(d, (flags & DB_OPEN_READONLY) != 0, err) != 0 ||
        db_exec(d,
                "PRAGMA foreign_keys = ON; PRAGMA cache_size = -16384; PRAGMA temp_store = MEMORY",
                err) != 0) {
        db_close(d);
        if (created) {
            remove_created(path);
        }
        return -1;
    }
    clock_start_mark("database schema checked");
    if (!(flags & DB_OPEN_READONLY)) {
        if (db_exec(d, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL", err) != 0 ||
            migrate(d, err) != 0) {
            db_close(d);
            if (created) {
                remove_created(path);
            }
            return -1;
        }
        /* Copies a killed merge left behind hold another kiosk's leads: gone at next start. */
        db_clean_private(d, NULL);
    }
    *out = d;
    return 0;
}

int db_open(const char *path, int flags, db **out, ocop_error *err) {
    return db_open_as(path, NULL, flags, out, err);
}

int db_found_version(const db *d) {
    return d->found_version;
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
    free(d->name);
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

/* ---- the private folder ------------------------------------------------------------------ */

#define SCRATCH_PREFIX "work-"
#define SCRATCH_LOCK   "lock"

/* "<database>-tmp": next to the database, so copies stay on its (private) disk and never in a
 * shared /tmp; mode 0700. */
static int private_dir(db *d, char *dir, size_t cap, bool create, ocop_error *err) {
    if (!str_format(dir, cap, "%s-tmp", d->path)) {
        return error_set(err, "%s: file name too long", d->name);
    }
    if (create && mkdir(dir, 0700) != 0 && errno != EEXIST) {
        return error_set(err, "%s: cannot create the private folder: %s", dir, open_cause(errno));
    }
    struct stat st;
    if (lstat(dir, &st) != 0) {
        return create ? error_set(err, "%s: %s", dir, strerror(errno)) : 1;
    }
    if (!S_ISDIR(st.st_mode) || st.st_uid != geteuid()) {
        return error_set(err,
                         "%s: not this user's private folder (a link, a file or another "
                         "user's folder); remove it",
                         dir);
    }
    if ((st.st_mode & 077) != 0 && chmod(dir, 0700) != 0) {
        return error_set(err, "%s: cannot make the folder private: %s", dir, strerror(errno));
    }
    return 0;
}

/* Removes every file in the folder at `dirfd`/`name`, then the folder. */
static void remove_folder(int dirfd, const char *name) {
    int fd = openat(dirfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) {
        return;
    }
    DIR *dir = fdopendir(fd);
    if (!dir) {
        close(fd);
        return;
    }
    struct dirent *e;
    while ((e = readdir(dir)) != NULL) {
        if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0) {
            unlinkat(fd, e->d_name, 0);
        }
    }
    closedir(dir);
    unlinkat(dirfd, name, AT_REMOVEDIR);
}

int db_scratch_open(db *d, db_scratch *s, ocop_error *err) {
    memset(s, 0, sizeof *s);
    s->lock_fd = -1;
    char dir[sizeof s->dir];
    if (private_dir(d, dir, sizeof dir, true, err) != 0) {
        return -1;
    }
    if (!str_format(s->dir, sizeof s->dir, "%s/" SCRATCH_PREFIX "XXXXXX", dir) ||
        !mkdtemp(s->dir)) {
        int e = errno;
        s->dir[0] = '\0';
        return error_set(err, "%s: cannot create a work folder: %s", dir, open_cause(e));
    }
    char lock[sizeof s->dir + 16];
    str_format(lock, sizeof lock, "%s/" SCRATCH_LOCK, s->dir);
    s->lock_fd = open(lock, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (s->lock_fd < 0 || flock(s->lock_fd, LOCK_EX | LOCK_NB) != 0) {
        int e = errno;
        db_scratch_close(s);
        return error_set(err, "%s: cannot lock the work folder: %s", dir, open_cause(e));
    }
    return 0;
}

void db_scratch_close(db_scratch *s) {
    if (s->dir[0]) {
        char parent[sizeof s->dir];
        str_copy(parent, sizeof parent, s->dir);
        char *slash = strrchr(parent, '/');
        if (slash) {
            *slash = '\0';
            int pfd = open(parent, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
            if (pfd >= 0) {
                remove_folder(pfd, slash + 1);
                close(pfd);
            }
        }
        s->dir[0] = '\0';
    }
    if (s->lock_fd >= 0) {
        close(s->lock_fd); /* after the removal: nobody cleans a folder still in use */
        s->lock_fd = -1;
    }
}

int db_clean_private(db *d, ocop_error *err) {
    char dir[4200];
    int rc = private_dir(d, dir, sizeof dir, false, err);
    if (rc != 0) {
        return rc > 0 ? 0 : -1;
    }
    int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    DIR *list = dfd >= 0 ? fdopendir(dfd) : NULL;
    if (!list) {
        int e = errno;
        if (dfd >= 0) {
            close(dfd);
        }
        return error_set(err, "%s: %s", dir, strerror(e));
    }
    int removed = 0;
    struct dirent *e;
    while ((e = readdir(list)) != NULL) {
        if (strncmp(e->d_name, SCRATCH_PREFIX, strlen(SCRATCH_PREFIX)) != 0) {
            continue;
        }
        char lock[300];
        str_format(lock, sizeof lock, "%s/" SCRATCH_LOCK, e->d_name);
        int lfd = openat(dfd, lock, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
        if (lfd >= 0 && flock(lfd, LOCK_EX | LOCK_NB) != 0) {
            close(lfd); /* another process works in it */
            continue;
        }
        remove_folder(dfd, e->d_name);
        if (lfd >= 0) {
            close(lfd);
        }
        removed++;
    }
    closedir(list);
    return removed;
}
