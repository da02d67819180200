/*
 * sync_bench.h: the scale figures of issue 15 (`ocop-kiosk bench --only sync`), measured on a
 * real server through the kiosk's own sync code:
 *   - the server loaded with 1,000,000 leads (each with a hold) and 100,000 products, 20,000
 *     of them in one fair;
 *   - a fresh kiosk's first pull of that fair's catalogue (sync_pull), wall clock;
 *   - 10 kiosks (threads, each with its own SQLite file and server session) pushing 5,000
 *     leads each at once (sync_push): leads per second, wall clock from start to the last ack;
 *   - meanwhile an 11th kiosk recording one lead at a time and having the server hold it while
 *     the buyer waits (sync_push of one batch, as sync_lead_recorded does): the server
 *     transaction's time, p50 and p95. Each of its leads asks a hold the catalogue can give,
 *     and the bench fails when one is taken without the hold confirmed.
 * All sizes are multiplied by `scale` (1 for the figures; less for a quick check).
 *
 * Everything is written in a schema of its own (ocop_bench_PID) in the database of `url`,
 * dropped at the end: the database's other tables are not touched.
 */
#ifndef OCOP_SYNC_BENCH_H
#define OCOP_SYNC_BENCH_H

#include "core/base.h"

typedef struct sync_bench_result {
    int products, fair_products, leads_loaded; /* the server's contents */
    double load_s;                             /* time to load them (setup, not a figure) */
    double first_pull_s;                       /* the fresh kiosk's pull of the fair */
    int pulled;                                /* products it pulled */
    int kiosks, pushed_leads;
    double push_s, push_leads_per_s;
    long push_retries;      /* serialisation retries during the push */
    int push_failed_rounds; /* pushes that gave up after their retries and were started again */
    int hold_samples;
    int hold_retried;   /* of the samples, transactions run again after a serialisation failure */
    int hold_confirmed; /* of the samples, leads whose hold the server confirmed */
    int hold_one_trip;  /* of the samples, transactions made in one round trip to the server */
    double hold_p50_ms, hold_p95_ms;
} sync_bench_result;

/* Runs the benchmark against the server at `url` in the directory `scratch` (kiosk files).
 * Returns 0, or -1 with `err` set. */
int sync_bench_run(const char *url, double scale, const char *scratch, sync_bench_result *out,
                   ocop_error *err);

#endif
