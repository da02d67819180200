/* server_holds.c: the held capacity per (product, month) on the central server, the table
 * hold_total of server migration 2 (server_schema.c has what its rows mean); see
 * server_internal.h.
 *
 * Why a table of totals: a hold transaction used to sum the hold rows of the products it
 * grants. Under PostgreSQL's serialisable isolation such a read leaves predicate locks on the
 * index pages and rows it read, which every other kiosk's new holds on a neighbouring product
 * then conflict with (and past 32 rows of one table the locks become one lock on the whole
 * table): ten kiosks pushing at once spent most of their time retrying. The totals are read and
 * written with INSERT … ON CONFLICT DO UPDATE … RETURNING, which takes a row lock and no
 * predicate lock: two transactions conflict only when they hold capacity of the same product
 * and month, which is the conflict that must happen. CockroachDB and YugabyteDB run the same
 * statements (their serialisable isolation has no predicate locks to begin with). */
#include "db/server_internal.h"

#include <stdlib.h>
#include <string.h>

/* The sum a total stands for, and its earliest expiry, from the hold rows ($3: now). */
#define HELD_SUM                                                                                   \
    "COALESCE(sum(CASE WHEN h.kind = 'batch' OR h.expires_at > $3 THEN h.base_quantity END), 0)"
#define HELD_FIRST_EXPIRY                                                                          \
    "min(CASE WHEN h.kind = 'instant' AND h.expires_at > $3 THEN h.expires_at END)"

int server_holds_rebuild(server *s, const char *now, ocop_error *err) {
    static const char sql_clear[] = "DELETE FROM hold_total WHERE true";
    static const char sql_fill[] =
        "INSERT INTO hold_total (product_code, month, held, expires_first)"
        " SELECT h.product_code, h.month, COALESCE(sum(CASE WHEN h.kind = 'batch'"
        " OR h.expires_at > $1 THEN h.base_quantity END), 0), min(CASE WHEN h.kind = 'instant'"
        " AND h.expires_at > $1 THEN h.expires_at END) FROM hold h GROUP BY h.product_code, "
        "h.month";
    if (server_run(s, sql_clear, NULL, err) != 0) {
        return -1;
    }
    server_params p = {0};
    server_params_text(&p, now);
    int rc = server_run(s, sql_fill, &p, err);
    server_params_free(&p);
    return rc;
}

int server_holds_stale(server *s, const char *const *products, const char *const *months, int n,
                       ocop_error *err) {
    static const char sql[] = "INSERT INTO hold_total (product_code, month, held, expires_first)"
                              " SELECT DISTINCT t.product_code, t.month, 0::FLOAT8, ''"
                              " FROM unnest($1::TEXT[], $2::TEXT[]) AS t (product_code, month)"
                              " ON CONFLICT (product_code, month) DO UPDATE SET expires_first = ''";
    if (n == 0) {
        return 0;
    }
    server_params p = {0};
    server_params_array(&p, products, n);
    server_params_array(&p, months, n);
    int rc = server_run(s, sql, &p, err);
    server_params_free(&p);
    return rc;
}

/* Index of (product, month) in the n pairs, or -1. */
static int find_pair(const char *const *products, const char *const *months, int n,
                     const char *product, const char *month) {
    for (int i = 0; i < n; i++) {
        if (strcmp(products[i], product) == 0 && strcmp(months[i], month) == 0) {
            return i;
        }
    }
    return -1;
}

/* The no-op update is the lock: a concurrent transaction on the same pair waits, then is
 * refused (40001) and run again. Rows in key order, so that two transactions lock their
 * common pairs in the same order (no deadlock). A new row is marked stale (''). */
#define LOCK_TOTALS                                                                                \
    "INSERT INTO hold_total (product_code, month, held, expires_first)"                            \
    " SELECT DISTINCT t.product_code, t.month, 0::FLOAT8, ''"                                      \
    " FROM unnest($1::TEXT[], $2::TEXT[]) AS t (product_code, month)"                              \
    " ORDER BY t.product_code, t.month"                                                            \
    " ON CONFLICT (product_code, month) DO UPDATE SET held = hold_total.held"                      \
    " RETURNING product_code, month, held, expires_first"

static const char sql_lock[] = LOCK_TOTALS;

void server_holds_lock_step(const char *const *products, const char *const *months, int n,
                            server_params *p, server_step *step) {
    server_params_array(p, products, n);
    server_params_array(p, months, n);
    *step = (server_step){.sql = sql_lock, .p = p};
}

/* The lock, then the check on its rows (RETURNING, so no read of hold_total: no predicate
 * lock), joined to what is taken ($3) of each pair; $4 now, $5 how many pairs: each of them
 * must be locked and pass (a pair the lock did not return fails too). */
static const char sql_check[] =
    "WITH locked AS (" LOCK_TOTALS ")"
    " SELECT " SERVER_REFUSE_UNLESS(
        "count(*) = $5::INT") " FROM locked l JOIN unnest($1::TEXT[], $2::TEXT[], $3::FLOAT8[])"
                              " AS k (product_code, month, taken) ON k.product_code = "
                              "l.product_code AND k.month = l.month"
                              " WHERE (l.expires_first IS NULL OR l.expires_first > $4)"
                              " AND " SERVER_DECLARED("k") " - l.held >= k.taken";

void server_holds_check_step(const char *const *products, const char *const *months,
                             const double *taken, int n, const char *now, server_params *p,
                             server_step *step) {
    server_params_array(p, products, n);
    server_params_array(p, months, n);
    server_array a = {0};
    for (int i = 0; i < n; i++) {
        server_array_add_double(&a, taken[i]);
    }
    server_params_take_array(p, &a);
    server_params_text(p, now);
    server_params_int(p, n);
    *step = (server_step){.sql = sql_check, .p = p};
}

int server_holds_locked(server *s, const PGresult *r, const char *const *products,
                        const char *const *months, int n, const char *now, double *held,
                        ocop_error *err) {
    static const char sql_sum[] =
        "SELECT k.product_code, k.month, " HELD_SUM ", " HELD_FIRST_EXPIRY
        " FROM unnest($1::TEXT[], $2::TEXT[]) AS k (product_code, month)"
        " LEFT JOIN hold h ON h.product_code = k.product_code AND h.month = k.month"
        " GROUP BY k.product_code, k.month";
    static const char sql_set[] =
        "INSERT INTO hold_total (product_code, month, held, expires_first)"
        " SELECT * FROM unnest($1::TEXT[], $2::TEXT[], $3::FLOAT8[], $4::TEXT[])"
        " ON CONFLICT (product_code, month) DO UPDATE SET held = excluded.held,"
        " expires_first = excluded.expires_first";
    for (int i = 0; i < n; i++) {
        held[i] = 0;
    }
    /* The stale ones among the n: expires_first '' (new, or marked), or past. */
    server_array stale_products = {0}, stale_months = {0};
    int n_stale = 0;
    for (int i = 0; i < PQntuples(r); i++) {
        int k = find_pair(products, months, n, PQgetvalue(r, i, 0), PQgetvalue(r, i, 1));
        if (k < 0) {
            continue; /* locked, but not asked about */
        }
        const char *first = server_is_null(r, i, 3) ? NULL : PQgetvalue(r, i, 3);
        if (first && strcmp(first, now) <= 0) {
            server_array_add(&stale_products, products[k]);
            server_array_add(&stale_months, months[k]);
            n_stale++;
        } else {
            held[k] = server_double(r, i, 2);
        }
    }
    if (n_stale == 0) {
        sb_free(&stale_products.sb);
        sb_free(&stale_months.sb);
        return 0;
    }
    /* Recomputed from the hold rows (under the row locks taken), and stored. */
    server_params p = {0};
    server_params_take_array(&p, &stale_products);
    server_params_take_array(&p, &stale_months);
    server_params_text(&p, now);
    PGresult *sum = server_exec(s, sql_sum, &p, err);
    server_params_free(&p);
    if (!sum) {
        return -1;
    }
    server_array c_product = {0}, c_month = {0}, c_held = {0}, c_first = {0};
    for (int i = 0; i < PQntuples(sum); i++) {
        int k = find_pair(products, months, n, PQgetvalue(sum, i, 0), PQgetvalue(sum, i, 1));
        OCOP_ASSERT(k >= 0);
        held[k] = server_double(sum, i, 2);
        server_array_add(&c_product, products[k]);
        server_array_add(&c_month, months[k]);
        server_array_add_double(&c_held, held[k]);
        server_array_add(&c_first, server_is_null(sum, i, 3) ? NULL : PQgetvalue(sum, i, 3));
    }
    PQclear(sum);
    server_params_take_array(&p, &c_product);
    server_params_take_array(&p, &c_month);
    server_params_take_array(&p, &c_held);
    server_params_take_array(&p, &c_first);
    int rc = server_run(s, sql_set, &p, err);
    server_params_free(&p);
    return rc;
}

/* One statement, so that writing the holds costs no round trip of its own: the holds go in
 * (one that the server has already is left alone), and what the inserted ones hold is added
 * to the totals the caller locked, from their RETURNING rows (a data-modifying WITH, which
 * PostgreSQL, CockroachDB and YugabyteDB all run, and run whether or not the main query reads
 * it). The rows are returned in the SERVER_HOLD_* column order. Totals in key order, as the
 * lock takes them. */
const char server_holds_put_sql[] =
    "WITH added AS (INSERT INTO hold (inquiry_id, product_code, month, kind, base_quantity,"
    " created_at, expires_at)"
    " SELECT t.inquiry_id, t.product_code, t.month, 'instant', t.base_quantity, t.created_at,"
    " t.expires_at"
    " FROM unnest($1::TEXT[], $2::TEXT[], $3::TEXT[], $4::FLOAT8[], $5::TEXT[], $6::TEXT[])"
    " AS t (inquiry_id, product_code, month, base_quantity, created_at, expires_at)"
    " ON CONFLICT (inquiry_id, product_code, month, kind) DO NOTHING"
    " RETURNING inquiry_id, product_code, month, kind, base_quantity, created_at, expires_at),"
    " counted AS (INSERT INTO hold_total (product_code, month, held, expires_first)"
    " SELECT a.product_code, a.month, sum(a.base_quantity), min(a.expires_at) FROM added a"
    " GROUP BY a.product_code, a.month ORDER BY a.product_code, a.month"
    " ON CONFLICT (product_code, month) DO UPDATE SET held = hold_total.held + excluded.held,"
    " expires_first = CASE WHEN excluded.expires_first IS NULL THEN hold_total.expires_first"
    " WHEN hold_total.expires_first IS NULL THEN excluded.expires_first"
    " WHEN excluded.expires_first < hold_total.expires_first THEN excluded.expires_first"
    " ELSE hold_total.expires_first END)"
    " SELECT inquiry_id, product_code, month, kind, base_quantity, created_at, expires_at"
    " FROM added";
