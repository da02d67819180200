/* server_catalog.c: the catalogue on the central server, import and pull; see
 * server_catalog.h.
 *
 * One row shape travels both ways: a product's 20 columns then its producer's 8 (the `row`
 * type below), read from the server (pull, and the server's current rows before an import)
 * or from a private SQLite file (an import's result), and written into a kiosk's SQLite file
 * (staged, then local_put_staged) or to the server (put_products, one statement per chunk of rows
 * with each column sent as one array parameter). */
#include "db/server_catalog.h"

#include "core/catalog.h"
#include "core/fold.h"
#include "core/isotime.h"
#include "db/db_internal.h"
#include "db/server_internal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum {
    /* product */
    F_CODE,
    F_NAME_VI,
    F_NAME_EN,
    F_GRP,
    F_STARS,
    F_CERT_NO,
    F_CERT_DATE,
    F_CERT_EXPIRY,
    F_DESCRIPTION_VI,
    F_DESCRIPTION_EN,
    F_UNIT,
    F_MEASURE,
    F_BASE_UNIT,
    F_BASE_PER_UNIT,
    F_PRICE_MIN,
    F_PRICE_MAX,
    F_MOQ,
    F_LEAD_TIME,
    F_IMAGE,
    F_UPDATED_AT,
    /* its producer */
    F_PRODUCER,
    F_PROVINCE,
    F_KIND,
    F_PROVINCE_CODE,
    F_DISTRICT,
    F_PHONE,
    F_EMAIL,
    F_ADDRESS,
    F_COUNT
};

/* One row: text values (NULL for SQL NULL) borrowed from a PGresult or a SQLite statement. */
typedef struct row {
    const char *v[F_COUNT];
} row;

/* The 28 columns, server side (product p, producer pr). */
#define SERVER_ROW_COLUMNS                                                                         \
    "p.code, p.name_vi, p.name_en, p.grp, p.stars, p.cert_no, p.cert_date, p.cert_expiry,"         \
    " p.description_vi, p.description_en, p.unit, p.measure, p.base_unit, p.base_per_unit,"        \
    " p.price_min_vnd, p.price_max_vnd, p.moq, p.lead_time_days, p.image, p.updated_at,"           \
    " pr.name, pr.province, pr.kind, pr.province_code, pr.district, pr.phone, pr.email,"           \
    " pr.address"

static void row_from_pg(const PGresult *r, int i, int first_col, row *out) {
    for (int c = 0; c < F_COUNT; c++) {
        out->v[c] = PQgetisnull(r, i, first_col + c) ? NULL : PQgetvalue(r, i, first_col + c);
    }
}

/* Binds text `v` as a number (SQLite), or NULL. */
static void bind_real(sqlite3_stmt *st, const char *name, const char *v) {
    if (v) {
        db_bind_double(st, name, strtod(v, NULL));
    } else {
        db_bind_null(st, name);
    }
}

static void bind_integer(sqlite3_stmt *st, const char *name, const char *v) {
    if (v) {
        db_bind_int64(st, name, strtoll(v, NULL, 10));
    } else {
        db_bind_null(st, name);
    }
}

/* ---- into a SQLite file -------------------------------------------------------------------- */

/* Rows go into a SQLite file in two steps: each is staged, one cheap insert, in a temporary
 * table without indexes or triggers (in memory: temp_store), then one statement per table
 * writes them all (local_put_staged). Row by row, each upsert into product (which has a
 * trigger and seven indexes) first copied every page it touched into SQLite's statement
 * journal, so a 20,000-product pull copied each page thousands of times; one statement per
 * table copies each page once. The staging tables are emptied before local_put_staged returns
 * (or by the caller's rollback). */

static const char sql_stage_tables[] =
    "CREATE TEMP TABLE IF NOT EXISTS stage_producer (name, province, kind, province_code,"
    " district, phone, email, address);"
    "CREATE TEMP TABLE IF NOT EXISTS stage_product (code, producer, province, name_vi, name_en,"
    " grp, stars, cert_no, cert_date, cert_expiry, description_vi, description_en, unit, measure,"
    " base_unit, base_per_unit, price_min_vnd, price_max_vnd, moq, lead_time_days, image,"
    " name_folded, updated_at);"
    "CREATE TEMP TABLE IF NOT EXISTS stage_capacity (code, month, quantity, unit,"
    " base_quantity);";

/* Makes the staging tables of `d`'s connection (they last as long as it). */
static int stage_open(db *d, ocop_error *err) {
    return db_exec(d, sql_stage_tables, err);
}

/* Stages the producer of `r` (its fields F_PRODUCER … F_ADDRESS). */
static int stage_producer(db *d, const row *r, ocop_error *err) {
    static const char sql[] =
        "INSERT INTO temp.stage_producer VALUES (:name, :province, :kind, :province_code,"
        " :district, :phone, :email, :address)";
    sqlite3_stmt *st = db_prepare(d, sql, err);
    if (!st) {
        return -1;
    }
    db_bind_text(st, ":name", r->v[F_PRODUCER]);
    db_bind_text(st, ":province", r->v[F_PROVINCE]);
    db_bind_text(st, ":kind", r->v[F_KIND] ? r->v[F_KIND] : "other");
    db_bind_text(st, ":province_code", r->v[F_PROVINCE_CODE]);
    db_bind_text(st, ":district", r->v[F_DISTRICT]);
    db_bind_text(st, ":phone", r->v[F_PHONE]);
    db_bind_text(st, ":email", r->v[F_EMAIL]);
    db_bind_text(st, ":address", r->v[F_ADDRESS]);
    int rc = db_step(d, st, err);
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? 0 : -1;
}

/* Stages the product of `r`, which names its producer by name and province (the producer is
 * staged apart, by stage_producer, once or more). */
static int stage_product(db *d, const row *r, ocop_error *err) {
    static const char sql[] =
        "INSERT INTO temp.stage_product VALUES (:code, :producer, :province, :name_vi, :name_en,"
        " :grp, :stars, :cert_no, :cert_date, :cert_expiry, :description_vi, :description_en,"
        " :unit, :measure, :base_unit, :base_per_unit, :price_min, :price_max, :moq, :lead,"
        " :image, :name_folded, :updated)";
    sqlite3_stmt *st = db_prepare(d, sql, err);
    if (!st) {
        return -1;
    }
    const char *const *v = r->v;
    char *folded = fold_text(v[F_NAME_VI] ? v[F_NAME_VI] : "");
    db_bind_text(st, ":code", v[F_CODE]);
    db_bind_text(st, ":producer", v[F_PRODUCER]);
    db_bind_text(st, ":province", v[F_PROVINCE]);
    db_bind_text(st, ":name_vi", v[F_NAME_VI]);
    db_bind_text(st, ":name_en", v[F_NAME_EN]);
    db_bind_text(st, ":grp", v[F_GRP]);
    bind_integer(st, ":stars", v[F_STARS]);
    db_bind_text(st, ":cert_no", v[F_CERT_NO]);
    db_bind_text(st, ":cert_date", v[F_CERT_DATE]);
    db_bind_text(st, ":cert_expiry", v[F_CERT_EXPIRY]);
    db_bind_text(st, ":description_vi", v[F_DESCRIPTION_VI]);
    db_bind_text(st, ":description_en", v[F_DESCRIPTION_EN]);
    db_bind_text(st, ":unit", v[F_UNIT]);
    db_bind_text(st, ":measure", v[F_MEASURE]);
    db_bind_text(st, ":base_unit", v[F_BASE_UNIT]);
    bind_real(st, ":base_per_unit", v[F_BASE_PER_UNIT]);
    bind_integer(st, ":price_min", v[F_PRICE_MIN]);
    bind_integer(st, ":price_max", v[F_PRICE_MAX]);
    bind_real(st, ":moq", v[F_MOQ]);
    bind_integer(st, ":lead", v[F_LEAD_TIME]);
    db_bind_text(st, ":image", v[F_IMAGE]);
    db_bind_text(st, ":name_folded", folded);
    db_bind_text(st, ":updated", v[F_UPDATED_AT]);
    int rc = db_step(d, st, err);
    sqlite3_reset(st);
    free(folded);
    return rc == SQLITE_DONE ? 0 : -1;
}

/* Stages one capacity row (code, month, quantity, unit, base_quantity as text). */
static int stage_capacity(db *d, const char *const *v, ocop_error *err) {
    static const char sql[] =
        "INSERT INTO temp.stage_capacity VALUES (:code, :month, :quantity, :unit, :base)";
    sqlite3_stmt *st = db_prepare(d, sql, err);
    if (!st) {
        return -1;
    }
    db_bind_text(st, ":code", v[0]);
    db_bind_text(st, ":month", v[1]);
    bind_real(st, ":quantity", v[2]);
    db_bind_text(st, ":unit", v[3]);
    bind_real(st, ":base", v[4]);
    int rc = db_step(d, st, err);
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? 0 : -1;
}

/* Writes what was staged: each producer (by name and province; the last staged row of one
 * gives its fields: SQLite takes a bare column from the row of the max() beside it), inserted
 * in name order or updated; each product (by code, in the order
 * staged) with its producer; each capacity row of a product the file has (others are
 * dropped). Then empties the staging tables. Returns 0 or -1. `WHERE true`: SQLite needs it
 * before an upsert's ON CONFLICT after a SELECT with FROM. */
static int local_put_staged(db *d, ocop_error *err) {
    static const char sql_producers[] =
        "INSERT INTO producer (name, kind, province, province_code, district, phone, email,"
        " address)"
        " SELECT g.name, g.kind, g.province, g.province_code, g.district, g.phone, g.email,"
        " g.address FROM (SELECT name, kind, province, province_code, district, phone, email,"
        " address, max(rowid) FROM temp.stage_producer GROUP BY name, province) AS g"
        " WHERE true ORDER BY g.name, g.province"
        " ON CONFLICT (name, province) DO UPDATE SET kind = excluded.kind,"
        " province_code = excluded.province_code, district = excluded.district,"
        " phone = excluded.phone, email = excluded.email, address = excluded.address";
    static const char sql_products[] =
        "INSERT INTO product (" DB_PRODUCT_COLUMNS ")"
        " SELECT s.code, pr.id, s.name_vi, s.name_en, s.grp, s.stars, s.cert_no, s.cert_date,"
        " s.cert_expiry, s.description_vi, s.description_en, s.unit, s.measure, s.base_unit,"
        " s.base_per_unit, s.price_min_vnd, s.price_max_vnd, s.moq, s.lead_time_days, s.image,"
        " s.name_folded, s.updated_at"
        " FROM temp.stage_product s JOIN producer pr"
        " ON pr.name = s.producer AND pr.province = s.province"
        " WHERE true ORDER BY s.rowid" DB_PRODUCT_UPSERT;
    static const char sql_capacity[] =
        "INSERT INTO capacity (product_id, month, quantity, unit, base_quantity)"
        " SELECT p.id, c.month, c.quantity, c.unit, c.base_quantity"
        " FROM temp.stage_capacity c JOIN product p ON p.code = c.code WHERE true"
        " ORDER BY c.rowid"
        " ON CONFLICT (product_id, month) DO UPDATE SET quantity = excluded.quantity,"
        " unit = excluded.unit, base_quantity = excluded.base_quantity";
    static const char sql_clear[] = "DELETE FROM temp.stage_producer;"
                                    "DELETE FROM temp.stage_product;"
                                    "DELETE FROM temp.stage_capacity;";
    static const char *const steps[] = {sql_producers, sql_products, sql_capacity};
    for (size_t i = 0; i < OCOP_COUNT(steps); i++) {
        sqlite3_stmt *st = db_prepare(d, steps[i], err);
        if (!st) {
            return -1;
        }
        int rc = db_step(d, st, err);
        sqlite3_reset(st);
        if (rc != SQLITE_DONE) {
            return -1;
        }
    }
    return db_exec(d, sql_clear, err);
}

/* ---- to the server --------------------------------------------------------------------- */

/* Rows per statement when writing to the server: big enough that a catalogue is a few
 * statements, small enough that one statement's parameters stay a few megabytes. */
#define PUT_CHUNK 2000

static const char sql_put_producers[] =
    "INSERT INTO producer (name, province, kind, province_code, district, phone, email,"
    " address, version)"
    " SELECT t.name, t.province, COALESCE(t.kind, 'other'), t.province_code, t.district,"
    " t.phone, t.email, t.address, $9::BIGINT"
    " FROM unnest($1::TEXT[], $2::TEXT[], $3::TEXT[], $4::TEXT[], $5::TEXT[], $6::TEXT[],"
    " $7::TEXT[], $8::TEXT[])"
    " AS t (name, province, kind, province_code, district, phone, email, address)"
    " ON CONFLICT (name, province) DO UPDATE SET kind = excluded.kind,"
    " province_code = excluded.province_code, district = excluded.district,"
    " phone = excluded.phone, email = excluded.email, address = excluded.address,"
    " version = excluded.version";

static const char sql_put_products[] =
    "INSERT INTO product (code, name_vi, name_en, grp, stars, cert_no, cert_date, cert_expiry,"
    " description_vi, description_en, unit, measure, base_unit, base_per_unit, price_min_vnd,"
    " price_max_vnd, moq, lead_time_days, image, updated_at, producer_name, producer_province,"
    " version)"
    " SELECT t.*, $23::BIGINT"
    " FROM unnest($1::TEXT[], $2::TEXT[], $3::TEXT[], $4::TEXT[], $5::INT[], $6::TEXT[],"
    " $7::TEXT[], $8::TEXT[], $9::TEXT[], $10::TEXT[], $11::TEXT[], $12::TEXT[], $13::TEXT[],"
    " $14::FLOAT8[], $15::BIGINT[], $16::BIGINT[], $17::FLOAT8[], $18::INT[], $19::TEXT[],"
    " $20::TEXT[], $21::TEXT[], $22::TEXT[])"
    " AS t (code, name_vi, name_en, grp, stars, cert_no, cert_date, cert_expiry,"
    " description_vi, description_en, unit, measure, base_unit, base_per_unit, price_min_vnd,"
    " price_max_vnd, moq, lead_time_days, image, updated_at, producer_name, producer_province)"
    " ON CONFLICT (code) DO UPDATE SET name_vi = excluded.name_vi, name_en = excluded.name_en,"
    " grp = excluded.grp, stars = excluded.stars, cert_no = excluded.cert_no,"
    " cert_date = excluded.cert_date, cert_expiry = excluded.cert_expiry,"
    " description_vi = excluded.description_vi, description_en = excluded.description_en,"
    " unit = excluded.unit, measure = excluded.measure, base_unit = excluded.base_unit,"
    " base_per_unit = excluded.base_per_unit, price_min_vnd = excluded.price_min_vnd,"
    " price_max_vnd = excluded.price_max_vnd, moq = excluded.moq,"
    " lead_time_days = excluded.lead_time_days, image = excluded.image,"
    " updated_at = excluded.updated_at, producer_name = excluded.producer_name,"
    " producer_province = excluded.producer_province, version = excluded.version";

static const char sql_put_capacity[] =
    "INSERT INTO capacity (product_code, month, quantity, unit, base_quantity, version)"
    " SELECT t.*, $6::BIGINT"
    " FROM unnest($1::TEXT[], $2::TEXT[], $3::FLOAT8[], $4::TEXT[], $5::FLOAT8[])"
    " AS t (product_code, month, quantity, unit, base_quantity)"
    " ON CONFLICT (product_code, month) DO UPDATE SET quantity = excluded.quantity,"
    " unit = excluded.unit, base_quantity = excluded.base_quantity,"
    " version = excluded.version";

/* Sends the rows `st` steps through (each `ncols` text columns) to the server with `sql`, in
 * chunks of PUT_CHUNK, each column one array parameter, then `version`. Returns the number of
 * rows, or -1. */
static int put_rows(server *s, db *d, sqlite3_stmt *st, int ncols, const char *sql, int64_t version,
                    ocop_error *err) {
    OCOP_ASSERT(ncols < SERVER_MAX_PARAMS);
    server_array cols[SERVER_MAX_PARAMS];
    memset(cols, 0, sizeof cols);
    int total = 0, in_chunk = 0, rc;
    int result = 0;
    for (;;) {
        rc = db_step(d, st, err);
        if (rc == SQLITE_ROW) {
            for (int c = 0; c < ncols; c++) {
                server_array_add(&cols[c], (const char *)sqlite3_column_text(st, c));
            }
            in_chunk++;
            total++;
        }
        if (in_chunk > 0 && (rc != SQLITE_ROW || in_chunk == PUT_CHUNK)) {
            server_params p = {0};
            for (int c = 0; c < ncols; c++) {
                server_params_take_array(&p, &cols[c]);
            }
            server_params_int(&p, version);
            int sent = server_run(s, sql, &p, err);
            server_params_free(&p);
            in_chunk = 0;
            if (sent != 0) {
                result = -1;
                break;
            }
        }
        if (rc != SQLITE_ROW) {
            result = rc == SQLITE_DONE ? 0 : -1;
            break;
        }
    }
    sqlite3_reset(st);
    for (int c = 0; c < ncols; c++) {
        sb_free(&cols[c].sb);
    }
    return result == 0 ? total : -1;
}

/* ---- import ---------------------------------------------------------------------------- */

/* What the files name: product codes (catalogue and capacity files) and the catalogue's
 * producers (name, province), as catalog_csv_read gives them (trimmed, NFC). */
typedef struct named {
    const char **codes;
    int n_codes;
    const char **catalog_codes; /* the catalogue file's own products (for the fair) */
    int n_catalog_codes;
    const char **producer_names, **producer_provinces;
    int n_producers;
} named;

static void add_text(const char ***list, int *n, const char *text) {
    *list = xreallocarray(*list, (size_t)*n + 1, sizeof **list);
    (*list)[(*n)++] = text;
}

/* Collects what `csv` names into `nm` (pointers into csv). */
static void collect_names(const catalog_csv *csv, bool is_catalog, named *nm) {
    int code = catalog_csv_column(csv, "code");
    int producer = catalog_csv_column(csv, "producer");
    int province = catalog_csv_column(csv, "province");
    for (size_t i = 0; i < csv->count; i++) {
        const catalog_csv_row *r = &csv->rows[i];
        const char *c = catalog_csv_field(r, code);
        if (c[0]) {
            add_text(&nm->codes, &nm->n_codes, c);
            if (is_catalog) {
                add_text(&nm->catalog_codes, &nm->n_catalog_codes, c);
            }
        }
        if (is_catalog && catalog_csv_field(r, producer)[0]) {
            int n = nm->n_producers;
            add_text(&nm->producer_names, &n, catalog_csv_field(r, producer));
            add_text(&nm->producer_provinces, &nm->n_producers, catalog_csv_field(r, province));
        }
    }
}

typedef struct import_job {
    const char *catalog_csv, *capacity_csv, *fair;
    char now[32];
    named names;
    db *scratch;
    /* results of the last attempt */
    char *report;
    int imported;
    catalog_import_stats stats;
    int64_t version;
} import_job;

static const char sql_server_products_named[] =
    "SELECT " SERVER_ROW_COLUMNS " FROM product p"
    " JOIN producer pr ON pr.name = p.producer_name AND pr.province = p.producer_province"
    " WHERE p.code = ANY($1::TEXT[])";

static const char sql_server_producers_named[] =
    "SELECT pr.name, pr.province, pr.kind, pr.province_code, pr.district, pr.phone, pr.email,"
    " pr.address FROM producer pr"
    " JOIN unnest($1::TEXT[], $2::TEXT[]) AS n (name, province)"
    " ON pr.name = n.name AND pr.province = n.province";

static const char sql_server_capacity_named[] =
    "SELECT product_code, month, quantity, unit, base_quantity FROM capacity"
    " WHERE product_code = ANY($1::TEXT[])";

/* Empties the scratch file and copies into it the server's rows for what the files name. */
static int fill_scratch(server *s, import_job *job, ocop_error *err) {
    db *d = job->scratch;
    if (db_exec(d, "DELETE FROM capacity; DELETE FROM product; DELETE FROM producer;", err) != 0) {
        return -1;
    }
    server_params p = {0};
    server_params_array(&p, job->names.producer_names, job->names.n_producers);
    server_params_array(&p, job->names.producer_provinces, job->names.n_producers);
    PGresult *r = server_exec(s, sql_server_producers_named, &p, err);
    server_params_free(&p);
    if (!r) {
        return -1;
    }
    if (stage_open(d, err) != 0) {
        PQclear(r);
        return -1;
    }
    for (int i = 0; i < PQntuples(r); i++) {
        row one = {0};
        for (int c = 0; c < 8; c++) {
            one.v[F_PRODUCER + c] = PQgetisnull(r, i, c) ? NULL : PQgetvalue(r, i, c);
        }
        if (stage_producer(d, &one, err) != 0) {
            PQclear(r);
            return -1;
        }
    }
    PQclear(r);

    server_params_array(&p, job->names.codes, job->names.n_codes);
    r = server_exec(s, sql_server_products_named, &p, err);
    if (!r) {
        server_params_free(&p);
        return -1;
    }
    for (int i = 0; i < PQntuples(r); i++) {
        row one;
        row_from_pg(r, i, 0, &one);
        if (stage_producer(d, &one, err) != 0 || stage_product(d, &one, err) != 0) {
            PQclear(r);
            server_params_free(&p);
            return -1;
        }
    }
    PQclear(r);
    r = server_exec(s, sql_server_capacity_named, &p, err);
    server_params_free(&p);
    if (!r) {
        return -1;
    }
    for (int i = 0; i < PQntuples(r); i++) {
        const char *v[5];
        for (int c = 0; c < 5; c++) {
            v[c] = PQgetisnull(r, i, c) ? NULL : PQgetvalue(r, i, c);
        }
        if (stage_capacity(d, v, err) != 0) {
            PQclear(r);
            return -1;
        }
    }
    PQclear(r);
    return local_put_staged(d, err);
}

/* Writes the scratch file's rows (all of them: only what the files named is there) to the
 * server with version `version`. */
static int write_back(server *s, import_job *job, ocop_error *err) {
    static const char producers[] =
        "SELECT name, province, kind, province_code, district, phone, email, address"
        " FROM producer";
    static const char products[] =
        "SELECT p.code, p.name_vi, p.name_en, p.grp, p.stars, p.cert_no, p.cert_date,"
        " p.cert_expiry, p.description_vi, p.description_en, p.unit, p.measure, p.base_unit,"
        " p.base_per_unit, p.price_min_vnd, p.price_max_vnd, p.moq, p.lead_time_days, p.image,"
        " p.updated_at, pr.name, pr.province FROM product p JOIN producer pr"
        " ON pr.id = p.producer_id";
    static const char capacity[] =
        "SELECT p.code, c.month, c.quantity, c.unit, c.base_quantity FROM capacity c"
        " JOIN product p ON p.id = c.product_id";
    db *d = job->scratch;
    sqlite3_stmt *st = db_prepare(d, producers, err);
    if (!st || put_rows(s, d, st, 8, sql_put_producers, job->version, err) < 0) {
        return -1;
    }
    st = db_prepare(d, products, err);
    if (!st || put_rows(s, d, st, 22, sql_put_products, job->version, err) < 0) {
        return -1;
    }
    st = db_prepare(d, capacity, err);
    if (!st || put_rows(s, d, st, 5, sql_put_capacity, job->version, err) < 0) {
        return -1;
    }
    return 0;
}

static const char sql_bump_version[] =
    "UPDATE catalog_version SET version = version + 1 WHERE id = 1 RETURNING version";

static int put_fair(server *s, import_job *job, const char *now, ocop_error *err) {
    static const char sql_fair[] = "INSERT INTO fair (name, created_at) VALUES ($1, $2)"
                                   " ON CONFLICT (name) DO NOTHING";
    static const char sql_fair_products[] =
        "INSERT INTO fair_product (fair, product_code, version)"
        " SELECT DISTINCT $1::TEXT, t.code, $3::BIGINT FROM unnest($2::TEXT[]) AS t (code)"
        " ON CONFLICT (fair, product_code) DO NOTHING";
    server_params p = {0};
    server_params_text(&p, job->fair);
    server_params_text(&p, now);
    int rc = server_run(s, sql_fair, &p, err);
    server_params_free(&p);
    if (rc != 0) {
        return -1;
    }
    server_params_text(&p, job->fair);
    server_params_array(&p, job->names.catalog_codes, job->names.n_catalog_codes);
    server_params_int(&p, job->version);
    rc = server_run(s, sql_fair_products, &p, err);
    server_params_free(&p);
    return rc;
}

/* One attempt of the import, inside the server's serialisable transaction. */
static int import_attempt(server *s, void *ctx, ocop_error *err) {
    import_job *job = ctx;
    free(job->report);
    job->report = NULL;
    job->imported = -1;
    if (fill_scratch(s, job, err) != 0) {
        return -1;
    }
    size_t len = 0;
    FILE *report = open_memstream(&job->report, &len);
    if (!report) {
        return error_set(err, "cannot make a memory stream: %s", strerror(errno));
    }
    job->imported = catalog_db_import_ex(job->scratch, job->catalog_csv, job->capacity_csv, report,
                                         &job->stats);
    fclose(report);
    if (job->imported < 0) {
        return error_set(err, "refused");
    }
    PGresult *r = server_exec(s, sql_bump_version, NULL, err);
    if (!r) {
        return -1;
    }
    job->version = server_int(r, 0, 0);
    PQclear(r);
    if (write_back(s, job, err) != 0) {
        return -1;
    }
    if (job->fair && job->fair[0] && put_fair(s, job, job->now, err) != 0) {
        return -1;
    }
    return 0;
}

bool server_scratch_dir(char *dir, size_t cap) {
    const char *tmp = getenv("TMPDIR");
    return str_format(dir, cap, "%s/ocop-import-XXXXXX", tmp && *tmp ? tmp : "/tmp") &&
           mkdtemp(dir) != NULL;
}

void server_scratch_remove(const char *dir, const char *file) {
    static const char *const suffixes[] = {"", "-wal", "-shm", "-journal"};
    for (size_t i = 0; i < OCOP_COUNT(suffixes); i++) {
        char name[4200];
        if (str_format(name, sizeof name, "%s%s", file, suffixes[i])) {
            unlink(name);
        }
    }
    rmdir(dir);
}

int server_catalog_import(server *s, const char *catalog_file, const char *capacity_file,
                          const char *fair, int64_t now, FILE *report, catalog_import_stats *stats,
                          int64_t *version, ocop_error *err) {
    /* What the files name. A file that cannot be read is left to the import to report, with
     * its usual message. */
    strbuf ignored = {0};
    catalog_csv *cat = catalog_csv_read(catalog_file, &ignored);
    catalog_csv *cap = capacity_file ? catalog_csv_read(capacity_file, &ignored) : NULL;
    sb_free(&ignored);
    import_job job = {.catalog_csv = catalog_file, .capacity_csv = capacity_file, .fair = fair};
    isotime_format_utc(now, job.now, sizeof job.now);
    if (cat) {
        collect_names(cat, true, &job.names);
    }
    if (cap) {
        collect_names(cap, false, &job.names);
    }
    char dir[4096], file[4200];
    int result = -1;
    if (!server_scratch_dir(dir, sizeof dir)) {
        error_set(err, "cannot make a scratch folder in %s: %s",
                  getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp", strerror(errno));
        goto done;
    }
    str_format(file, sizeof file, "%s/import.db", dir);
    if (db_open(file, DB_OPEN_CREATE, &job.scratch, err) != 0) {
        server_scratch_remove(dir, file);
        goto done;
    }
    /* The scratch file is thrown away: it need not survive a power cut. */
    db_exec(job.scratch, "PRAGMA synchronous = OFF", err);
    ocop_error why;
    if (server_transaction(s, false, import_attempt, &job, &why) == 0) {
        result = job.imported;
        if (stats) {
            *stats = job.stats;
        }
        if (version) {
            *version = job.version;
        }
    } else {
        error_set(err, "%s", why.msg);
    }
    if (job.report && report) {
        fputs(job.report, report);
    }
    db_close(job.scratch);
    server_scratch_remove(dir, file);
done:
    free(job.report);
    free(job.names.codes);
    free(job.names.catalog_codes);
    free(job.names.producer_names);
    free(job.names.producer_provinces);
    catalog_csv_free(cat);
    catalog_csv_free(cap);
    return result;
}

/* ---- pull ------------------------------------------------------------------------------ */

typedef struct pull_job {
    const char *fair;
    int64_t from;
    PGresult *version, *products, *capacity;
} pull_job;

static const char sql_pull_products[] =
    "SELECT " SERVER_ROW_COLUMNS " FROM product p"
    " JOIN producer pr ON pr.name = p.producer_name AND pr.province = p.producer_province"
    " LEFT JOIN fair_product fp ON fp.fair = $1 AND fp.product_code = p.code"
    " WHERE ($1 = '' OR fp.fair IS NOT NULL)"
    " AND (p.version > $2::BIGINT OR pr.version > $2::BIGINT OR fp.version > $2::BIGINT)";

static const char sql_pull_capacity[] =
    "SELECT c.product_code, c.month, c.quantity, c.unit, c.base_quantity FROM capacity c"
    " LEFT JOIN fair_product fp ON fp.fair = $1 AND fp.product_code = c.product_code"
    " WHERE ($1 = '' OR fp.fair IS NOT NULL)"
    " AND (c.version > $2::BIGINT OR fp.version > $2::BIGINT)";

static void pull_clear(pull_job *job) {
    PQclear(job->version);
    PQclear(job->products);
    PQclear(job->capacity);
    job->version = job->products = job->capacity = NULL;
}

static int pull_attempt(server *s, void *ctx, ocop_error *err) {
    pull_job *job = ctx;
    pull_clear(job);
    job->version = server_exec(s, "SELECT version FROM catalog_version WHERE id = 1", NULL, err);
    if (!job->version) {
        return -1;
    }
    server_params p = {0};
    server_params_text(&p, job->fair);
    server_params_int(&p, job->from);
    job->products = server_exec(s, sql_pull_products, &p, err);
    if (job->products) {
        job->capacity = server_exec(s, sql_pull_capacity, &p, err);
    }
    server_params_free(&p);
    return job->products && job->capacity ? 0 : -1;
}

/* The setting keys a pull keeps in the kiosk database. */
#define KEY_VERSION "sync_catalog_version"
#define KEY_FAIR    "sync_catalog_fair"

/* Writes what `job` read into `d` in one SQLite transaction; with `version` (else NULL), also
 * remembers it and the fair as the kiosk's last pull. Returns 0, or -1 (then `d` is unchanged).
 * Every row of a product carries all of its producer's fields; the products keep the
 * server's order. */
static int pull_write(db *d, const pull_job *job, const char *version, ocop_error *err) {
    if (db_begin(d, true, err) != 0) {
        return -1;
    }
    if (stage_open(d, err) != 0) {
        goto fail;
    }
    row one;
    for (int i = 0; i < PQntuples(job->products); i++) {
        row_from_pg(job->products, i, 0, &one);
        if (stage_producer(d, &one, err) != 0 || stage_product(d, &one, err) != 0) {
            goto fail;
        }
    }
    for (int i = 0; i < PQntuples(job->capacity); i++) {
        const char *v[5];
        for (int c = 0; c < 5; c++) {
            v[c] = server_is_null(job->capacity, i, c) ? NULL : PQgetvalue(job->capacity, i, c);
        }
        if (stage_capacity(d, v, err) != 0) {
            goto fail;
        }
    }
    if (local_put_staged(d, err) != 0) {
        goto fail;
    }
    if (version && (db_setting_set(d, KEY_VERSION, version, err) != 0 ||
                    db_setting_set(d, KEY_FAIR, job->fair, err) != 0)) {
        goto fail;
    }
    return db_commit(d, err);
fail:
    db_rollback(d);
    return -1;
}

int server_catalog_copy(server *s, db *d, ocop_error *err) {
    pull_job job = {.fair = ""};
    int rc = pull_attempt(s, &job, err);
    if (rc == 0) {
        rc = pull_write(d, &job, NULL, err);
    }
    pull_clear(&job);
    return rc;
}

int server_catalog_pull(server *s, db *d, const char *fair, server_pull_stats *stats,
                        ocop_error *err) {
    memset(stats, 0, sizeof *stats);
    pull_job job = {.fair = fair ? fair : ""};
    /* A kiosk moved to another fair pulls that fair's catalogue from the start. */
    char *had = db_setting_get(d, KEY_VERSION);
    char *had_fair = db_setting_get(d, KEY_FAIR);
    if (had && strcmp(had_fair ? had_fair : "", job.fair) == 0) {
        job.from = strtoll(had, NULL, 10);
    }
    free(had);
    free(had_fair);
    stats->from_version = job.from;
    if (server_transaction(s, true, pull_attempt, &job, err) != 0) {
        pull_clear(&job);
        return -1;
    }
    int64_t to = PQntuples(job.version) ? server_int(job.version, 0, 0) : 0;
    char version_text[32];
    str_format(version_text, sizeof version_text, "%lld", (long long)to);
    int result = pull_write(d, &job, version_text, err);
    if (result == 0) {
        stats->to_version = to;
        stats->products = PQntuples(job.products);
        stats->capacity_rows = PQntuples(job.capacity);
    }
    pull_clear(&job);
    return result;
}
