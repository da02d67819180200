/* bench_match.c: the instant match and lead commit figures of `ocop-kiosk bench` (DESIGN §7):
 * p50/p95 of match_db_run by product and by group on a generated file database of 20,000
 * products × 5 months = 100,000 product×month capacity rows (catgen.h), warm (the first
 * queries of each kind are not counted); and p50/p95 of recording a lead
 * (match_db_record_inquiry: validate, match, insert, holds, COMMIT with synchronous=FULL);
 * and one `allocate` dry run, end to end, over 1,060 recorded inquiries. */
#include "cli/bench.h"

#include "core/config.h"
#include "db/catgen.h"
#include "db/alloc_db.h"
#include "db/match_db.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum {
    BENCH_PRODUCTS = 20000, /* × BENCH_MONTHS = 100,000 product×month capacity rows */
    BENCH_MONTHS = 5,
    BENCH_WARMUP = 30,
    BENCH_BY_PRODUCT = 400,
    BENCH_BY_GROUP = 100,
    BENCH_LEADS = 60,
    BENCH_ALLOCATE_INQUIRIES = 1000,
};

/* 2026-11-29T12:00:00Z: capacity starts in 2027-01, so holds never expire during the run. */
#define BENCH_NOW INT64_C(1795953600)

/* The groups asked by group, with a unit their products convert from (most food and herbal
 * products are weighed; drinks are measured in litres). */
static const struct {
    const char *group;
    const char *unit;
    double quantity;
} group_asks[] = {
    {"food", "tấn", 50},
    {"beverages", "l", 20000},
    {"herbal", "tấn", 5},
};

static inquiry_request bench_request(uint32_t i, bool by_group) {
    inquiry_request in;
    memset(&in, 0, sizeof in);
    if (by_group) {
        /* More than any one producer has, so that the answer is split over several. */
        size_t g = i % OCOP_COUNT(group_asks);
        str_copy(in.group, sizeof in.group, group_asks[g].group);
        str_copy(in.unit, sizeof in.unit, group_asks[g].unit);
        in.quantity = group_asks[g].quantity;
    } else {
        str_format(in.product, sizeof in.product, "M-%06u", (i * 7919u) % BENCH_PRODUCTS + 1);
        str_copy(in.unit, sizeof in.unit, "kg");
        in.quantity = 50;
    }
    str_copy(in.month_from, sizeof in.month_from, "2027-02");
    str_copy(in.month_to, sizeof in.month_to, "2027-03");
    str_copy(in.buyer_province, sizeof in.buyer_province, i % 2 ? "Hà Nội" : "Cần Thơ");
    str_copy(in.lang, sizeof in.lang, "vi");
    in.min_stars = (int)(i % 3) == 0 ? 4 : 0;
    return in;
}

/* Times `n` instant matches; adds p50 and p95 as `name`_p50/_p95. Returns -1 on failure. */
static int time_matches(db *d, const kiosk_config *cfg, bool by_group, int n, bench_report *r,
                        const char *name) {
    double *samples = xmalloc((size_t)n * sizeof *samples);
    match_result *res = xmalloc(sizeof *res);
    ocop_error err;
    for (int i = 0; i < BENCH_WARMUP + n; i++) {
        inquiry_request in = bench_request((uint32_t)i, by_group);
        double t0 = bench_now_ms();
        if (match_db_run(d, &in, BENCH_NOW, cfg, res, &err) != 0) {
            bench_fail(r, "%s", err.msg);
            free(samples);
            free(res);
            return -1;
        }
        if (i >= BENCH_WARMUP) {
            samples[i - BENCH_WARMUP] = bench_now_ms() - t0;
        }
    }
    char metric[64];
    str_format(metric, sizeof metric, "%s_p50", name);
    bench_add(r, metric, bench_percentile(samples, n, 0.50), "ms", n);
    str_format(metric, sizeof metric, "%s_p95", name);
    bench_add(r, metric, bench_percentile(samples, n, 0.95), "ms", n);
    free(samples);
    free(res);
    return 0;
}

/* Times recording leads (validate, match, insert, holds, COMMIT with synchronous=FULL). */
static int time_leads(db *d, const kiosk_config *cfg, bench_report *r) {
    double *samples = xmalloc(BENCH_LEADS * sizeof *samples);
    match_result *res = xmalloc(sizeof *res);
    ocop_error err;
    for (int i = 0; i < BENCH_LEADS; i++) {
        inquiry_request in = bench_request((uint32_t)i, false);
        str_copy(in.buyer_name, sizeof in.buyer_name, "Bench Buyer");
        str_copy(in.buyer_phone, sizeof in.buyer_phone, "0912345678");
        char id[MATCH_DB_ID_SIZE];
        double t0 = bench_now_ms();
        if (match_db_record_inquiry(d, &in, BENCH_NOW, cfg, id, res, &err) != 0) {
            bench_fail(r, "lead: %s", err.msg);
            free(samples);
            free(res);
            return -1;
        }
        samples[i] = bench_now_ms() - t0;
    }
    bench_add(r, "lead_commit_p50", bench_percentile(samples, BENCH_LEADS, 0.50), "ms",
              BENCH_LEADS);
    bench_add(r, "lead_commit_p95", bench_percentile(samples, BENCH_LEADS, 0.95), "ms",
              BENCH_LEADS);
    free(samples);
    free(res);
    return 0;
}

/* Records BENCH_ALLOCATE_INQUIRIES leads as kiosks would (a quarter by product, the rest by
 * group, buyers in five provinces), then times one `allocate` dry run over all of them. */
static void time_allocate(db *d, const kiosk_config *cfg, bench_report *r) {
    static const char *const provinces[] = {"Hà Nội", "Cần Thơ", "Huế", "Lào Cai", "Đắk Lắk"};
    match_result *res = xmalloc(sizeof *res);
    ocop_error err;
    for (int i = 0; i < BENCH_ALLOCATE_INQUIRIES; i++) {
        inquiry_request in = bench_request((uint32_t)i, i % 4 != 0);
        str_copy(in.buyer_name, sizeof in.buyer_name, "Bench Buyer");
        str_copy(in.buyer_phone, sizeof in.buyer_phone, "0912345678");
        str_copy(in.buyer_province, sizeof in.buyer_province, provinces[i % 5]);
        in.quantity /= 10;
        char id[MATCH_DB_ID_SIZE];
        if (match_db_record_inquiry(d, &in, BENCH_NOW, cfg, id, res, &err) != 0) {
            bench_fail(r, "allocate setup: %s", err.msg);
            free(res);
            return;
        }
    }
    free(res);
    alloc_db_batch b;
    double t0 = bench_now_ms();
    const alloc_db_options opts = {0};
    if (alloc_db_run(d, BENCH_NOW, &opts, &b, &err) != 0) {
        bench_fail(r, "allocate: %s", err.msg);
        return;
    }
    double ms = bench_now_ms() - t0;
    if (b.gap < 0) {
        bench_fail(r, "allocate: allocated more than the relaxation's bound");
    }
    bench_add(r, "allocate_1000_inquiries_100k", ms / 1000.0, "s", 1);
    alloc_db_batch_free(&b);
}

void bench_match(bench_report *r) {
    char path[4096];
    str_format(path, sizeof path, "%s/match-bench.db", bench_scratch_dir(r));
    db *d = NULL;
    ocop_error err;
    catgen_options o;
    catgen_defaults(&o);
    o.n_products = BENCH_PRODUCTS;
    o.code_prefix = "M";
    o.first_month = "2027-01";
    o.n_months = BENCH_MONTHS;
    o.seed = 20261129u;
    if (db_open(path, DB_OPEN_CREATE, &d, &err) != 0 || catgen_generate(d, &o, &err) < 0) {
        bench_fail(r, "%s", err.msg);
        db_close(d);
        return;
    }
    db_close(d);
    /* Reopened: a file database, warmed by the first BENCH_WARMUP queries of each kind. */
    if (db_open(path, 0, &d, &err) != 0) {
        bench_fail(r, "%s", err.msg);
        return;
    }
    kiosk_config cfg;
    config_defaults(&cfg);
    str_copy(cfg.kiosk_id, sizeof cfg.kiosk_id, "bench");
    if (time_matches(d, &cfg, false, BENCH_BY_PRODUCT, r, "match_product_100k") == 0 &&
        time_matches(d, &cfg, true, BENCH_BY_GROUP, r, "match_group_100k") == 0) {
        time_leads(d, &cfg, r);
        time_allocate(d, &cfg, r);
    }
    db_close(d);
}
