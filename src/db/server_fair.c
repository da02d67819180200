/* server_fair.c: the organiser's commands on a copy of the server's fair; see server_fair.h. */
#include "db/server_fair.h"

#include "db/db_internal.h"
#include "db/server_internal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* The lead columns copied both ways, in this order on both sides. */
#define LEAD_COLUMNS                                                                               \
    "id, kiosk_id, created_at, buyer_name, buyer_company, buyer_phone, buyer_email,"               \
    " buyer_province, lang, product_code, grp, query, quantity, unit, base_quantity, base_unit,"   \
    " month_from, month_to, min_stars, max_price_vnd, note, consent_contact, consent_share,"       \
    " status, match_json, duplicate_of, exported_at, purged_at, hold_state, hold_note"
#define LEAD_NCOLS 30

static const char sql_server_leads[] = "SELECT " LEAD_COLUMNS " FROM inquiry"
                                       " WHERE ($1 = '' OR fair = $1) ORDER BY created_at, id";

static const char sql_server_holds[] =
    "SELECT h.inquiry_id, h.product_code, h.month, h.base_quantity, h.kind, h.created_at,"
    " h.expires_at FROM hold h JOIN inquiry i ON i.id = h.inquiry_id"
    " WHERE ($1 = '' OR i.fair = $1)";

static const char sql_local_lead[] =
    "INSERT INTO inquiry (" LEAD_COLUMNS ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11,"
    " ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29,"
    " ?30)";

static const char sql_local_hold[] =
    "INSERT INTO hold (inquiry_id, product_id, month, base_quantity, kind, created_at,"
    " expires_at) SELECT ?1, p.id, ?3, ?4, ?5, ?6, ?7 FROM product p WHERE p.code = ?2";

/* The leads that were open on the server when copied (allocate writes back only those). */
static const char sql_local_open_table[] = "CREATE TEMP TABLE server_open (id TEXT PRIMARY KEY)";
static const char sql_local_open[] = "INSERT INTO server_open (id) VALUES (?1)";

typedef struct fair_job {
    const char *fair;
    server_fair_mode mode;
    const char *now;
    server_fair_fn fn;
    void *ctx;
    int leads;
} fair_job;

/* Binds the text columns of row `i` of `r` to `st` (?1 …) and steps it. */
static int put_row(db *d, sqlite3_stmt *st, const PGresult *r, int i, ocop_error *err) {
    for (int c = 0; c < PQnfields(r); c++) {
        if (PQgetisnull(r, i, c)) {
            sqlite3_bind_null(st, c + 1);
        } else {
            sqlite3_bind_text(st, c + 1, PQgetvalue(r, i, c), -1, SQLITE_TRANSIENT);
        }
    }
    int rc = db_step(d, st, err);
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? 0 : -1;
}

/* Copies the leads of job->fair and their holds into `d`. */
static int copy_leads(server *s, db *d, fair_job *job, ocop_error *err) {
    server_params p = {0};
    server_params_text(&p, job->fair);
    PGresult *leads = server_exec(s, sql_server_leads, &p, err);
    PGresult *holds = leads ? server_exec(s, sql_server_holds, &p, err) : NULL;
    server_params_free(&p);
    int rc = -1;
    if (!leads || !holds) {
        goto done;
    }
    OCOP_ASSERT(PQnfields(leads) == LEAD_NCOLS);
    if (db_exec(d, sql_local_open_table, err) != 0 || db_begin(d, true, err) != 0) {
        goto done;
    }
    for (int i = 0; i < PQntuples(leads); i++) {
        sqlite3_stmt *st = db_prepare(d, sql_local_lead, err);
        if (!st || put_row(d, st, leads, i, err) != 0) {
            goto fail;
        }
        if (strcmp(PQgetvalue(leads, i, 23), "open") == 0) {
            st = db_prepare(d, sql_local_open, err);
            if (!st) {
                goto fail;
            }
            sqlite3_bind_text(st, 1, PQgetvalue(leads, i, 0), -1, SQLITE_TRANSIENT);
            int step = db_step(d, st, err);
            sqlite3_reset(st);
            if (step != SQLITE_DONE) {
                goto fail;
            }
        }
    }
    for (int i = 0; i < PQntuples(holds); i++) {
        sqlite3_stmt *st = db_prepare(d, sql_local_hold, err);
        if (!st || put_row(d, st, holds, i, err) != 0) {
            goto fail;
        }
    }
    job->leads = PQntuples(leads);
    rc = db_commit(d, err);
    goto done;
fail:
    db_rollback(d);
done:
    PQclear(leads);
    PQclear(holds);
    return rc;
}

/* ---- what goes back ------------------------------------------------------------------------ */

/* The ids `sql` (one column) selects in `d`, as an array parameter of `p`; *n gets how many. */
static int local_ids(db *d, const char *sql, const char *now, server_params *p, int *n,
                     ocop_error *err) {
    server_array a = {0};
    *n = 0;
    sqlite3_stmt *st = db_prepare(d, sql, err);
    if (!st) {
        return -1;
    }
    if (now) {
        db_bind_text(st, ":now", now);
    }
    int rc;
    while ((rc = db_step(d, st, err)) == SQLITE_ROW) {
        server_array_add(&a, (const char *)sqlite3_column_text(st, 0));
        (*n)++;
    }
    sqlite3_reset(st);
    server_params_take_array(p, &a);
    return rc == SQLITE_DONE ? 0 : -1;
}

static int write_export(server *s, db *d, fair_job *job, ocop_error *err) {
    static const char sql_exported[] = "SELECT id FROM inquiry WHERE exported_at = :now";
    static const char sql_mark[] = "UPDATE inquiry SET exported_at = $2, updated_at = $2"
                                   " WHERE id = ANY($1::TEXT[]) AND exported_at IS NULL";
    static const char sql_log[] = "SELECT format, target, split, leads FROM export_log"
                                  " WHERE exported_at = :now ORDER BY id";
    static const char sql_put_log[] =
        "INSERT INTO export_log (id, exported_at, format, target, split, leads)"
        " VALUES (gen_random_uuid()::TEXT, $1, $2, $3, $4, $5::INT)";
    server_params p = {0};
    int n = 0;
    int rc = local_ids(d, sql_exported, job->now, &p, &n, err);
    server_params_text(&p, job->now);
    if (rc == 0 && n > 0) {
        rc = server_run(s, sql_mark, &p, err);
    }
    server_params_free(&p);
    if (rc != 0) {
        return -1;
    }
    sqlite3_stmt *st = db_prepare(d, sql_log, err);
    if (!st) {
        return -1;
    }
    db_bind_text(st, ":now", job->now);
    int step;
    while ((step = db_step(d, st, err)) == SQLITE_ROW && rc == 0) {
        server_params_text(&p, job->now);
        for (int c = 0; c < 4; c++) {
            server_params_text(&p, (const char *)sqlite3_column_text(st, c));
        }
        rc = server_run(s, sql_put_log, &p, err);
        server_params_free(&p);
    }
    sqlite3_reset(st);
    return rc == 0 && (step == SQLITE_DONE || step == SQLITE_ROW) ? rc : -1;
}

static int write_allocation(server *s, db *d, fair_job *job, ocop_error *err) {
    static const char sql_allocated[] = "SELECT i.id FROM inquiry i JOIN server_open o"
                                        " ON o.id = i.id WHERE i.status = 'allocated'";
    static const char sql_holds[] =
        "SELECT h.inquiry_id, p.code, h.month, h.base_quantity, h.kind, h.created_at,"
        " h.expires_at FROM hold h JOIN product p ON p.id = h.product_id"
        " JOIN inquiry i ON i.id = h.inquiry_id JOIN server_open o ON o.id = i.id"
        " WHERE i.status = 'allocated'";
    static const char sql_status[] = "UPDATE inquiry SET status = 'allocated', updated_at = $2"
                                     " WHERE id = ANY($1::TEXT[]) AND status = 'open'";
    static const char sql_drop[] = "DELETE FROM hold WHERE inquiry_id = ANY($1::TEXT[])";
    static const char sql_put[] =
        "INSERT INTO hold (inquiry_id, product_code, month, base_quantity, kind, created_at,"
        " expires_at)"
        " SELECT * FROM unnest($1::TEXT[], $2::TEXT[], $3::TEXT[], $4::FLOAT8[], $5::TEXT[],"
        " $6::TEXT[], $7::TEXT[])";
    server_params p = {0};
    int n = 0;
    int rc = local_ids(d, sql_allocated, NULL, &p, &n, err);
    if (rc == 0 && n > 0) {
        rc = server_run(s, sql_drop, &p, err);
    }
    server_params_text(&p, job->now);
    if (rc == 0 && n > 0) {
        rc = server_run(s, sql_status, &p, err);
    }
    server_params_free(&p);
    if (rc != 0 || n == 0) {
        return rc;
    }
    sqlite3_stmt *st = db_prepare(d, sql_holds, err);
    if (!st) {
        return -1;
    }
    server_array cols[7];
    memset(cols, 0, sizeof cols);
    int rows = 0, step;
    while ((step = db_step(d, st, err)) == SQLITE_ROW) {
        for (int c = 0; c < 7; c++) {
            server_array_add(&cols[c], (const char *)sqlite3_column_text(st, c));
        }
        rows++;
    }
    sqlite3_reset(st);
    for (int c = 0; c < 7; c++) {
        server_params_take_array(&p, &cols[c]);
    }
    rc = step == SQLITE_DONE ? 0 : -1;
    if (rc == 0 && rows > 0) {
        rc = server_run(s, sql_put, &p, err);
    }
    server_params_free(&p);
    /* The holds of many products changed: their totals are counted again (server_holds.c). */
    return rc == 0 ? server_holds_rebuild(s, job->now, err) : rc;
}

/* ---- one attempt ----------------------------------------------------------------------------- */

static int fair_attempt(server *s, void *ctx, ocop_error *err) {
    fair_job *job = ctx;
    job->leads = 0;
    char dir[4096], file[4200];
    if (!server_scratch_dir(dir, sizeof dir)) {
        return error_set(err, "cannot make a scratch folder in %s: %s",
                         getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp", strerror(errno));
    }
    str_format(file, sizeof file, "%s/fair.db", dir);
    db *d = NULL;
    int rc = db_open(file, DB_OPEN_CREATE, &d, err);
    if (rc == 0) {
        /* The copy is thrown away: it need not survive a power cut. */
        rc = db_exec(d, "PRAGMA synchronous = OFF", err);
    }
    if (rc == 0) {
        rc = server_catalog_copy(s, d, err);
    }
    if (rc == 0) {
        rc = copy_leads(s, d, job, err);
    }
    if (rc == 0) {
        rc = job->fn(d, job->ctx, err);
    }
    if (rc == 0 && job->mode == SERVER_FAIR_EXPORT) {
        rc = write_export(s, d, job, err);
    } else if (rc == 0 && job->mode == SERVER_FAIR_ALLOCATE) {
        rc = write_allocation(s, d, job, err);
    }
    db_close(d);
    server_scratch_remove(dir, file);
    return rc;
}

int server_fair_run(server *s, const char *fair, server_fair_mode mode, const char *now_utc,
                    server_fair_fn fn, void *ctx, int *leads, ocop_error *err) {
    fair_job job = {.fair = fair ? fair : "", .mode = mode, .now = now_utc, .fn = fn, .ctx = ctx};
    if (server_transaction(s, mode == SERVER_FAIR_READ, fair_attempt, &job, err) != 0) {
        return -1;
    }
    if (leads) {
        *leads = job.leads;
    }
    return 0;
}
