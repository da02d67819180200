/* sync_bench.c: the scale figures of the central server; see sync_bench.h. The server is
 * loaded with set-based SQL (generate_series, which PostgreSQL, CockroachDB and YugabyteDB all
 * have); everything measured goes through the kiosk's own code (sync.h, match_db.h). */
#include "db/sync_bench.h"

#include "core/config.h"
#include "core/isotime.h"
#include "db/db_internal.h"
#include "db/match_db.h"
#include "db/sync.h"
#include "db/server_internal.h"

#include <pthread.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define BENCH_FAIR  "Bench fair"
#define BENCH_MONTH "2027-02"
/* Leads each pushing kiosk has waiting: enough that the push lasts several seconds, so that
 * the buyer's hold transactions meanwhile are a few hundred samples, not a few dozen. */
#define PUSH_PER_KIOSK 5000

static double now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

static int scaled(double n, double scale, int floor) {
    int v = (int)(n * scale + 0.5);
    return v < floor ? floor : v;
}

/* ---- the server's contents ------------------------------------------------------------------ */

static const char sql_producers[] =
    "INSERT INTO producer (name, province, kind, district, phone, address, version)"
    " SELECT 'HTX Bench ' || g, 'Tỉnh ' || (g % 34), 'cooperative', 'Huyện ' || (g % 200),"
    " '+8491' || lpad((g % 10000000)::TEXT, 7, '0'), 'Ấp ' || (g % 50) || ', xã ' || (g % 900),"
    " 1 FROM generate_series(1, $1::INT) AS g";
static const char sql_products[] =
    "INSERT INTO product (code, producer_name, producer_province, name_vi, name_en, grp, stars,"
    " cert_no, cert_date, cert_expiry, description_vi, description_en, unit, base_unit,"
    " base_per_unit, price_min_vnd, price_max_vnd, moq, lead_time_days, updated_at, version)"
    " SELECT 'B-' || lpad(g::TEXT, 6, '0'), 'HTX Bench ' || (g % $2::INT + 1),"
    " 'Tỉnh ' || ((g % $2::INT + 1) % 34), 'Mật ong hữu cơ số ' || g || ' vùng cao',"
    " 'Organic honey no. ' || g, 'food', 3 + g % 3, 'OCOP-' || g, '2025-06-01', '2028-06-01',"
    " 'Sản phẩm OCOP ' || g || ': mật ong nguyên chất từ rừng tràm, thu hoạch theo mùa, đóng chai"
    " thủy tinh, đạt chứng nhận an toàn thực phẩm.', 'OCOP product ' || g || ': raw honey"
    " from melaleuca forest, bottled in glass.', 'kg', 'kg', 1, 120000, 180000, 10, 7,"
    " '2026-11-01T00:00:00Z', 1 FROM generate_series(1, $1::INT) AS g";
static const char sql_capacity[] =
    "INSERT INTO capacity (product_code, month, quantity, unit, base_quantity, version)"
    " SELECT 'B-' || lpad(g::TEXT, 6, '0'), '*', 10000000, 'kg', 10000000, 1"
    " FROM generate_series(1, $1::INT) AS g";
static const char sql_fair[] =
    "INSERT INTO fair (name, created_at) VALUES ('" BENCH_FAIR "', '2026-11-01T00:00:00Z')";
static const char sql_fair_products[] = "INSERT INTO fair_product (fair, product_code, version)"
                                        " SELECT '" BENCH_FAIR "', 'B-' || lpad(g::TEXT, 6, '0'), 1"
                                        " FROM generate_series(1, $1::INT) AS g";
static const char sql_version[] = "UPDATE catalog_version SET version = 1 WHERE id = 1";
static const char sql_leads[] =
    "INSERT INTO inquiry (id, kiosk_id, fair, created_at, buyer_name, buyer_phone,"
    " buyer_province, lang, product_code, quantity, unit, base_quantity, base_unit,"
    " month_from, month_to, consent_contact, consent_share, status, match_json, hold_state,"
    " received_at, updated_at)"
    " SELECT 'bench-' || g, 'bench-old-' || (g % 50), '" BENCH_FAIR "',"
    " '2026-11-01T00:00:00Z', 'Khách hàng ' || g, '+8490' || lpad((g % 10000000)::TEXT, 7, '0'),"
    " 'Hà Nội', 'vi', 'B-' || lpad((g % $2::INT + 1)::TEXT, 6, '0'), 5, 'kg', 5, 'kg',"
    " '" BENCH_MONTH "', '" BENCH_MONTH "', 1, 1, 'open', '{}', 'confirmed',"
    " '2026-11-01T00:00:00Z', '2026-11-01T00:00:00Z' FROM generate_series(1, $1::INT) AS g";
static const char sql_holds[] =
    "INSERT INTO hold (inquiry_id, product_code, month, kind, base_quantity, created_at)"
    " SELECT 'bench-' || g, 'B-' || lpad((g % $2::INT + 1)::TEXT, 6, '0'), '" BENCH_MONTH "',"
    " 'batch', 5, '2026-11-01T00:00:00Z' FROM generate_series(1, $1::INT) AS g";

static int run_n(server *s, const char *sql, int n, int m, ocop_error *err) {
    server_params p = {0};
    server_params_int(&p, n);
    if (m > 0) {
        server_params_int(&p, m);
    }
    int rc = server_run(s, sql, &p, err);
    server_params_free(&p);
    return rc;
}

static int load(server *s, sync_bench_result *out, ocop_error *err) {
    int producers = out->products / 4 > 0 ? out->products / 4 : 1;
    /* Leads go in chunks, each its own statement, so that no one transaction is huge. */
    if (server_init(s, NULL, NULL, err) != 0 || run_n(s, sql_producers, producers, 0, err) != 0 ||
        run_n(s, sql_products, out->products, producers, err) != 0 ||
        run_n(s, sql_capacity, out->products, 0, err) != 0 ||
        server_run_simple(s, sql_fair, err) != 0 ||
        run_n(s, sql_fair_products, out->fair_products, 0, err) != 0 ||
        server_run_simple(s, sql_version, err) != 0 ||
        run_n(s, sql_leads, out->leads_loaded, out->products, err) != 0 ||
        run_n(s, sql_holds, out->leads_loaded, out->products, err) != 0) {
        return -1;
    }
    /* The held totals a server keeps as its holds are written (server_holds.c): the holds above
     * were loaded directly, so they are counted once here, as `server init` does on upgrade. */
    char now[32];
    isotime_format_utc((int64_t)time(NULL), now, sizeof now);
    if (server_holds_rebuild(s, now, err) != 0) {
        return -1;
    }
    return server_run_simple(s, "ANALYZE", err);
}

/* ---- kiosks ------------------------------------------------------------------------------- */

static void kiosk_cfg(kiosk_config *cfg, const char *url, const char *id) {
    config_defaults(cfg);
    str_copy(cfg->sync.url, sizeof cfg->sync.url, url);
    str_copy(cfg->sync.fair, sizeof cfg->sync.fair, BENCH_FAIR);
    str_copy(cfg->kiosk_id, sizeof cfg->kiosk_id, id);
}

/* N provisional leads of 1 kg each with their instant hold, taken while offline: each lead and
 * its hold in turn, as the kiosk writes them (the triggers put them in the outbox). */
static int offline_leads(db *d, const char *kiosk, int n, int fair_products, int k,
                         ocop_error *err) {
    static const char sql_lead[] =
        "INSERT INTO inquiry (id, kiosk_id, created_at, buyer_name, buyer_phone, lang,"
        " product_code, quantity, unit, base_quantity, base_unit, month_from, month_to,"
        " consent_contact, consent_share, hold_state, match_json)"
        " VALUES (lower(hex(randomblob(16))), :kiosk, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'),"
        " 'Khách ' || :i, '+84912345678', 'vi', printf('B-%06d', (:i * 7 + :k * 131) % :fair + 1),"
        " 1, 'kg', 1, 'kg', '" BENCH_MONTH "', '" BENCH_MONTH "', 1, 1, 'provisional', '{}')"
        " RETURNING id";
    static const char sql_hold[] =
        "INSERT INTO hold (inquiry_id, product_id, month, base_quantity, kind, created_at,"
        " expires_at) SELECT i.id, p.id, '" BENCH_MONTH "', 1, 'instant', i.created_at,"
        " '2099-01-01T00:00:00Z' FROM inquiry i JOIN product p ON p.code = i.product_code"
        " WHERE i.id = :id";
    if (db_begin(d, true, err) != 0) {
        return -1;
    }
    for (int i = 1; i <= n; i++) {
        sqlite3_stmt *st = db_prepare(d, sql_lead, err);
        if (!st) {
            goto fail;
        }
        db_bind_text(st, ":kiosk", kiosk);
        db_bind_int64(st, ":i", i);
        db_bind_int64(st, ":k", k);
        db_bind_int64(st, ":fair", fair_products);
        int rc = db_step(d, st, err);
        char *id = rc == SQLITE_ROW ? db_column_strdup(st, 0) : NULL;
        sqlite3_reset(st);
        if (!id) {
            goto fail;
        }
        st = db_prepare(d, sql_hold, err);
        if (!st) {
            free(id);
            goto fail;
        }
        db_bind_text(st, ":id", id);
        rc = db_step(d, st, err);
        sqlite3_reset(st);
        free(id);
        if (rc != SQLITE_DONE) {
            goto fail;
        }
    }
    return db_commit(d, err);
fail:
    db_rollback(d);
    return -1;
}

typedef struct pusher {
    pthread_t thread;
    db *d;
    sync_session *s;
    kiosk_config cfg;
    sync_push_stats stats;
    int rc;
    ocop_error err;
    double end_ms;
    int failed_rounds; /* rounds that gave up after SERVER_MAX_TRIES conflicts */
} pusher;

/* Pushes until the outbox is empty, as the kiosk's sync thread does: a round that gave up after
 * its transaction's retries (serialisation failures) is simply followed by another. */
static void *push_main(void *arg) {
    pusher *p = arg;
    /* The simulated kiosks share this machine's cores with the buyer's kiosk and the server;
     * at a fair each kiosk has its own. Their own work (reading the outbox, writing back the
     * answer) yields to the buyer's thread (nice 10 for this thread only: Linux applies
     * setpriority to a thread id), so that the buyer's figure is the server's time under
     * their load, not time the buyer's thread spent queueing for a core behind them. Their
     * server processes run as before: the server's load is the same. */
    setpriority(PRIO_PROCESS, (id_t)syscall(SYS_gettid), 10);
    memset(&p->stats, 0, sizeof p->stats);
    for (int round = 0; round < 1000; round++) {
        sync_push_stats st;
        p->rc = sync_push(p->s, p->d, (int64_t)time(NULL), NULL, 0, &st, &p->err);
        p->stats.leads += st.leads;
        p->stats.retries += st.retries;
        if (p->rc == 0) {
            break;
        }
        p->failed_rounds++;
        if (sync_session_connect(p->s, &p->err) != 0) {
            break; /* not a conflict: the server is gone */
        }
    }
    p->end_ms = now_ms();
    return NULL;
}

static int cmp_double(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double percentile(const double *sorted, int n, double p) {
    double pos = p * (n - 1);
    int lo = (int)pos;
    int hi = lo + 1 < n ? lo + 1 : lo;
    return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/* The buyer at an 11th kiosk: one lead, then its hold on the server, again and again while the
 * pushers run. The buyer asks BUYER_KG of a product, above the catalogue's minimum order
 * (moq 10 kg in sql_products), so that the match offers it and the lead asks a hold: every
 * sample is a transaction that locks, grants and writes a hold. Fills `samples` (server
 * transaction ms), counts in *retried the ones that were run again, in *confirmed the
 * leads whose hold the server confirmed and in *one_trip the transactions made in one round
 * trip; returns how many samples, or -1 (also when a lead
 * the server took asked no hold: then the figure would not be a hold's). */
#define BUYER_KG 20
static int buyers(db *d, sync_session *s, const kiosk_config *cfg, int fair_products,
                  volatile int *running, double *samples, int cap, int *retried, int *confirmed,
                  int *one_trip, ocop_error *err) {
    match_result *res = xmalloc(sizeof *res);
    int n = 0;
    for (int i = 0; n < cap && (*running || n < 20); i++) {
        inquiry_request in;
        memset(&in, 0, sizeof in);
        str_format(in.product, sizeof in.product, "B-%06d", (i * 37) % fair_products + 1);
        str_copy(in.unit, sizeof in.unit, "kg");
        in.quantity = BUYER_KG;
        str_copy(in.month_from, sizeof in.month_from, BENCH_MONTH);
        str_copy(in.month_to, sizeof in.month_to, BENCH_MONTH);
        str_copy(in.buyer_name, sizeof in.buyer_name, "Người mua");
        str_copy(in.buyer_phone, sizeof in.buyer_phone, "0912345678");
        str_copy(in.buyer_province, sizeof in.buyer_province, "Hà Nội");
        str_copy(in.lang, sizeof in.lang, "vi");
        int64_t t = (int64_t)time(NULL);
        char id[MATCH_DB_ID_SIZE];
        sync_push_stats st;
        if (match_db_record_inquiry(d, &in, t, cfg, id, res, err) != 0) {
            free(res);
            return -1;
        }
        if (res->n_lines == 0) {
            free(res);
            return error_set(err, "the match offered nothing for %d kg of %s: no hold to time",
                             BUYER_KG, in.product);
        }
        /* A push that gave up after its retries is what the buyer waited before being told
         * "provisional": it counts, and the sync sends the lead later. */
        if (sync_push(s, d, t, id, 1, &st, err) != 0) {
            if (sync_session_connect(s, err) != 0) {
                free(res);
                return -1;
            }
        } else if (st.confirmed != 1) {
            free(res);
            return error_set(err, "the server took lead %s without confirming its hold", id);
        }
        samples[n++] = st.server_ms;
        *retried += st.retries > 0;
        *confirmed += st.confirmed;
        *one_trip += st.round_trips == 1;
    }
    free(res);
    return n;
}

/* ---- the run ------------------------------------------------------------------------------ */

/* `url` with the bench's schema first in the search path. */
static char *schema_url(const char *url, const char *schema) {
    strbuf sb = {0};
    sb_append(&sb, url);
    if (strncmp(url, "postgresql://", 13) == 0 || strncmp(url, "postgres://", 11) == 0) {
        sb_append(&sb, strchr(url, '?') ? "&" : "?");
        sb_appendf(&sb, "options=-csearch_path%%3D%s", schema);
    } else {
        sb_appendf(&sb, " options=-csearch_path=%s", schema);
    }
    return sb_take(&sb);
}

int sync_bench_run(const char *url, double scale, const char *scratch, sync_bench_result *out,
                   ocop_error *err) {
    memset(out, 0, sizeof *out);
    out->products = scaled(100000, scale, 100);
    out->fair_products = scaled(20000, scale, 50);
    out->leads_loaded = scaled(1000000, scale, 100);
    out->kiosks = 10;
    int per_kiosk = scaled(PUSH_PER_KIOSK, scale, 20);

    char schema[64], drop[96];
    str_format(schema, sizeof schema, "ocop_bench_%ld", (long)getpid());
    str_format(drop, sizeof drop, "DROP SCHEMA IF EXISTS %s CASCADE", schema);
    server_options o = {.url = url};
    server *base = NULL;
    if (server_connect(&o, &base, err) != 0) {
        return -1;
    }
    char create[96];
    str_format(create, sizeof create, "CREATE SCHEMA %s", schema);
    if (server_run_simple(base, create, err) != 0) {
        server_close(base);
        return -1;
    }
    char *burl = schema_url(url, schema);
    int result = -1;
    server *s = NULL;
    pusher *p = xcalloc((size_t)out->kiosks, sizeof *p);
    db *pull_db = NULL, *buyer_db = NULL;
    sync_session *pull_s = NULL, *buyer_s = NULL;
    double *samples = NULL;
    char path[4200];

    /* 1. The server's contents. */
    o.url = burl;
    double t0 = now_ms();
    if (server_connect(&o, &s, err) != 0 || load(s, out, err) != 0) {
        goto done;
    }
    out->load_s = (now_ms() - t0) / 1000.0;

    /* 2. A fresh kiosk's first pull of the fair. */
    str_format(path, sizeof path, "%s/pull.db", scratch);
    kiosk_config cfg;
    kiosk_cfg(&cfg, burl, "bench-pull");
    if (db_open(path, DB_OPEN_CREATE, &pull_db, err) != 0) {
        goto done;
    }
    pull_s = sync_session_create(&cfg);
    server_pull_stats ps;
    t0 = now_ms();
    if (sync_pull(pull_s, pull_db, (int64_t)time(NULL), &ps, err) != 0) {
        goto done;
    }
    out->first_pull_s = (now_ms() - t0) / 1000.0;
    out->pulled = ps.products;

    /* 3. Ten kiosks with leads waiting, and a buyer's kiosk: copies of the pulled file. */
    for (int k = 0; k <= out->kiosks; k++) {
        char copy[4300], sql[4400];
        str_format(copy, sizeof copy, "%s/kiosk%d.db", scratch, k);
        str_format(sql, sizeof sql, "VACUUM INTO '%s'", copy);
        db *d = NULL;
        char id[32];
        str_format(id, sizeof id, k < out->kiosks ? "bench-k%d" : "bench-buyer", k);
        if (db_exec(pull_db, sql, err) != 0 || db_open(copy, 0, &d, err) != 0) {
            goto done;
        }
        if (k == out->kiosks) {
            buyer_db = d;
            kiosk_cfg(&cfg, burl, id);
            buyer_s = sync_session_create(&cfg);
            break;
        }
        p[k].d = d;
        kiosk_cfg(&p[k].cfg, burl, id);
        p[k].s = sync_session_create(&p[k].cfg);
        if (offline_leads(d, id, per_kiosk, out->fair_products, k, err) != 0 ||
            sync_session_connect(p[k].s, err) != 0) {
            goto done;
        }
    }
    if (sync_session_connect(buyer_s, err) != 0) {
        goto done;
    }

    /* 4. All push at once; the buyer's kiosk takes holds meanwhile. */
    volatile int running = 1;
    int cap = 100000;
    samples = xmalloc((size_t)cap * sizeof *samples);
    t0 = now_ms();
    for (int k = 0; k < out->kiosks; k++) {
        if (pthread_create(&p[k].thread, NULL, push_main, &p[k]) != 0) {
            error_set(err, "cannot start a pushing thread");
            for (int j = 0; j < k; j++) {
                pthread_join(p[j].thread, NULL);
            }
            goto done;
        }
    }
    /* The buyer runs on this thread, one lead at a time, until the last pusher has finished. */
    int n_samples = 0;
    {
        int done_count = 0;
        ocop_error berr;
        while (done_count < out->kiosks && n_samples < cap) {
            int got =
                buyers(buyer_db, buyer_s, &cfg, out->fair_products, &running, samples + n_samples,
                       1, &out->hold_retried, &out->hold_confirmed, &out->hold_one_trip, &berr);
            if (got < 0) {
                error_set(err, "buyer: %s", berr.msg);
                running = 0;
                break;
            }
            n_samples += got;
            done_count = 0;
            for (int k = 0; k < out->kiosks; k++) {
                done_count += p[k].end_ms > 0;
            }
        }
    }
    double last = 0;
    for (int k = 0; k < out->kiosks; k++) {
        pthread_join(p[k].thread, NULL);
        if (p[k].rc != 0) {
            error_set(err, "kiosk %d: %s", k, p[k].err.msg);
            goto done;
        }
        last = p[k].end_ms > last ? p[k].end_ms : last;
        sqlite3_stmt *left = db_prepare(p[k].d, "SELECT count(*) FROM outbox", err);
        if (!left || db_step(p[k].d, left, err) != SQLITE_ROW || sqlite3_column_int(left, 0) != 0) {
            if (left) {
                sqlite3_reset(left);
            }
            error_set(err, "kiosk %d: the outbox is not empty after its push", k);
            goto done;
        }
        sqlite3_reset(left);
        out->pushed_leads += per_kiosk; /* each once on the server: the outbox is empty */
        out->push_retries += p[k].stats.retries;
        out->push_failed_rounds += p[k].failed_rounds;
    }
    if (!running) {
        goto done;
    }
    out->push_s = (last - t0) / 1000.0;
    out->push_leads_per_s = out->push_s > 0 ? out->pushed_leads / out->push_s : 0;
    qsort(samples, (size_t)n_samples, sizeof *samples, cmp_double);
    out->hold_samples = n_samples;
    if (n_samples > 0) {
        out->hold_p50_ms = percentile(samples, n_samples, 0.50);
        out->hold_p95_ms = percentile(samples, n_samples, 0.95);
    }
    result = 0;
done:
    for (int k = 0; k < out->kiosks; k++) {
        sync_session_destroy(p[k].s);
        db_close(p[k].d);
    }
    free(p);
    free(samples);
    sync_session_destroy(pull_s);
    sync_session_destroy(buyer_s);
    db_close(pull_db);
    db_close(buyer_db);
    server_close(s);
    ocop_error ignored;
    server_run_simple(base, drop, result == 0 ? err : &ignored);
    server_close(base);
    free(burl);
    return result;
}
