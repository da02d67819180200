/*
 * bench_alloc.c: the batch allocation figure of DESIGN §7: 10,000 inquiries × 2,000 products
 * (about 500,000 compatible pairs), generated in memory with a fixed seed.
 *
 * The instance: 2,000 products in 40 groups of 50, one offer each for one month, spread over
 * 34 provinces; 10,000 inquiries, each for a group, compatible with the group's products that
 * meet its minimum stars (≈ 500,000 eligible pairs); quantities 0.1–10 t in grams; free
 * capacity 80 % of the demand, so the max-flow bound and the fair-share tiers both matter.
 * Inquiries of one (group, minimum stars, province) form a class (alloc.h): the network has
 * one link per class × eligible product.
 *
 * Then `allocate` end to end (alloc_db_run, a dry run: SQLite reads, classes, links, solve,
 * whole units) on a file database of 2,000 generated products (catgen, two months of capacity)
 * with 10,000 and then 50,000 open inquiries (alloc_db_generate_inquiries), with the network's
 * arc count and the process's peak RSS. With --small, 10,000 only.
 */
#include "cli/bench.h"

#include <math.h>
#include <stdlib.h>

#include "core/alloc.h"
#include "db/alloc_db.h"
#include "db/catgen.h"

#include <sys/resource.h>

#define BENCH_PRODUCTS  2000
#define BENCH_GROUPS    40
#define BENCH_INQUIRIES 10000
#define BENCH_PROVINCES 34
#define BENCH_RUNS      3

typedef struct bench_instance {
    alloc_offer *offers;
    alloc_inquiry *inquiries;
    alloc_link *links;
    int n_links, n_classes;
    long n_pairs; /* eligible (offer, inquiry) pairs the links stand for */
} bench_instance;

static uint64_t bench_rng;

static uint32_t bench_rnd(void) {
    bench_rng ^= bench_rng >> 12;
    bench_rng ^= bench_rng << 25;
    bench_rng ^= bench_rng >> 27;
    return (uint32_t)((bench_rng * 2685821657736338717ULL) >> 32);
}

static int bench_range(int lo, int hi) {
    return lo + (int)(bench_rnd() % (uint32_t)(hi - lo + 1));
}

static void bench_instance_make(bench_instance *in) {
    bench_rng = 0x0C0F2026;
    /* Province positions on a 1,600 km × 600 km box: distances are road-like estimates. */
    double px[BENCH_PROVINCES], py[BENCH_PROVINCES];
    for (int k = 0; k < BENCH_PROVINCES; k++) {
        px[k] = bench_range(0, 600);
        py[k] = bench_range(0, 1600);
    }
    int province[BENCH_PRODUCTS], stars[BENCH_PRODUCTS], price[BENCH_PRODUCTS];
    in->offers = xmalloc(BENCH_PRODUCTS * sizeof *in->offers);
    int64_t demand = 0;
    in->inquiries = xmalloc(BENCH_INQUIRIES * sizeof *in->inquiries);
    int buyer_province[BENCH_INQUIRIES], group[BENCH_INQUIRIES], min_stars[BENCH_INQUIRIES];
    for (int i = 0; i < BENCH_INQUIRIES; i++) {
        int64_t q = (int64_t)bench_range(1, 100) * 100000; /* 0.1 … 10 t in grams */
        in->inquiries[i] =
            (alloc_inquiry){.id = i + 1, .quantity = q, .guarantee = ALLOC_GUARANTEE_AUTO};
        buyer_province[i] = bench_range(0, BENCH_PROVINCES - 1);
        group[i] = bench_range(0, BENCH_GROUPS - 1);
        min_stars[i] = bench_range(0, 3) == 0 ? 4 : 3;
        demand += q;
    }
    for (int p = 0; p < BENCH_PRODUCTS; p++) {
        province[p] = bench_range(0, BENCH_PROVINCES - 1);
        stars[p] = bench_range(3, 5);
        price[p] = bench_range(20, 500); /* thousand VND per kg */
        in->offers[p] = (alloc_offer){.product_id = p + 1, .month = 202612, .capacity = 0};
    }
    /* Capacity: 80 % of the demand, spread unevenly over the products. */
    int64_t budget = demand * 8 / 10;
    int64_t weight_total = 0;
    int weight[BENCH_PRODUCTS];
    for (int p = 0; p < BENCH_PRODUCTS; p++) {
        weight[p] = bench_range(1, 20);
        weight_total += weight[p];
    }
    for (int p = 0; p < BENCH_PRODUCTS; p++) {
        in->offers[p].capacity = budget * weight[p] / weight_total;
    }
    /* Class of an inquiry: (group, minimum stars 3 or 4, province). */
    enum { N_CLASSES = BENCH_GROUPS * 2 * BENCH_PROVINCES };
    int per_group = BENCH_PRODUCTS / BENCH_GROUPS;
    int class_size[N_CLASSES] = {0};
    for (int i = 0; i < BENCH_INQUIRIES; i++) {
        int c = (group[i] * 2 + (min_stars[i] - 3)) * BENCH_PROVINCES + buyer_province[i];
        in->inquiries[i].klass = c;
        class_size[c]++;
    }
    in->n_classes = N_CLASSES;
    in->links = xmalloc((size_t)N_CLASSES * per_group * sizeof *in->links);
    in->n_links = 0;
    in->n_pairs = 0;
    for (int c = 0; c < N_CLASSES; c++) {
        int g = c / (2 * BENCH_PROVINCES), ms = 3 + c / BENCH_PROVINCES % 2,
            bp = c % BENCH_PROVINCES;
        for (int p = g * per_group; p < (g + 1) * per_group; p++) {
            if (stars[p] < ms) {
                continue;
            }
            double dx = px[province[p]] - px[bp];
            double dy = py[province[p]] - py[bp];
            in->links[in->n_links++] = (alloc_link){
                .offer = p,
                .klass = c,
                .stars = stars[p],
                .distance_km = (int)lround(1.3 * sqrt(dx * dx + dy * dy)),
                .price_kvnd = price[p],
            };
            in->n_pairs += class_size[c];
        }
    }
}

static void bench_instance_free(bench_instance *in) {
    free(in->offers);
    free(in->inquiries);
    free(in->links);
}

static int cmp_double(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* One dry `allocate` over the open inquiries of `d`; records NAME_s, NAME_arcs, NAME_classes
 * and NAME_gap. Returns -1 on failure. */
static int time_allocate(bench_report *r, db *d, const char *name) {
    alloc_db_batch b;
    ocop_error err;
    const alloc_db_options dry = {0};
    double t0 = bench_now_ms(), c0 = bench_cpu_ms();
    if (alloc_db_run(d, INT64_C(1795953600), &dry, &b, &err) != 0) {
        bench_fail(r, "allocate (%s): %s", name, err.msg);
        return -1;
    }
    double s = (bench_now_ms() - t0) / 1000.0, cpu = (bench_cpu_ms() - c0) / 1000.0;
    char metric[64];
    str_format(metric, sizeof metric, "%s_s", name);
    bench_add(r, metric, s, "s", 1);
    str_format(metric, sizeof metric, "%s_cpu_s", name);
    bench_add(r, metric, cpu, "s", 1);
    str_format(metric, sizeof metric, "%s_arcs", name);
    bench_add(r, metric, b.arcs, "arcs", 1);
    str_format(metric, sizeof metric, "%s_classes", name);
    bench_add(r, metric, b.classes, "classes", 1);
    str_format(metric, sizeof metric, "%s_allocated", name);
    bench_add(r, metric, b.allocated, "base units", 1);
    str_format(metric, sizeof metric, "%s_gap", name);
    bench_add(r, metric, b.gap, "base units", 1);
    if (b.gap < 0) {
        bench_fail(r, "allocate (%s): allocated more than the relaxation's bound", name);
    }
    alloc_db_batch_free(&b);
    return 0;
}

/* `allocate` end to end at 10,000 and 50,000 inquiries × 2,000 products. */
static void bench_allocate_db(bench_report *r) {
    char path[4096];
    str_format(path, sizeof path, "%s/alloc-bench.db", bench_scratch_dir(r));
    db *d = NULL;
    ocop_error err;
    catgen_options o;
    catgen_defaults(&o);
    o.n_products = BENCH_PRODUCTS;
    o.code_prefix = "A";
    o.first_month = "2027-01";
    o.n_months = 2;
    o.seed = 20261205u;
    if (db_open(path, DB_OPEN_CREATE, &d, &err) != 0 || catgen_generate(d, &o, &err) < 0 ||
        alloc_db_generate_inquiries(d, 10000, 1u, "2027-01", &err) != 0) {
        bench_fail(r, "allocate setup: %s", err.msg);
        db_close(d);
        return;
    }
    /* cmd_bench.c's summary names the README's goals (allocate_10k_2k_s, allocate_50k_s) after
     * these end-to-end figures. */
    if (time_allocate(r, d, "allocate_10k_x_2k") == 0) {
        if (bench_small(r)) {
            /* --small: 10,000 only (tests/cli/test_allocate_scale.sh under ASan) */
        } else if (alloc_db_generate_inquiries(d, 40000, 2u, "2027-01", &err) != 0) {
            bench_fail(r, "allocate setup: %s", err.msg);
        } else if (time_allocate(r, d, "allocate_50k_x_2k") == 0) {
            struct rusage ru;
            getrusage(RUSAGE_SELF, &ru);
            bench_add(r, "allocate_peak_rss", (double)ru.ru_maxrss / 1024.0, "MiB", 1);
        }
    }
    db_close(d);
}

void bench_alloc(bench_report *r) {
    bench_instance in;
    bench_instance_make(&in);
    double build_ms[BENCH_RUNS], solve_ms[BENCH_RUNS];
    alloc_result res = {0};
    int certified = 1, nodes = 0, arcs = 0;
    long pivots = 0;
    for (int run = 0; run < BENCH_RUNS; run++) {
        ocop_error err = {{0}};
        double t0 = bench_now_ms();
        alloc_problem *p = alloc_create(in.offers, BENCH_PRODUCTS, in.inquiries, BENCH_INQUIRIES,
                                        in.n_classes, in.links, in.n_links, NULL, &err);
        if (p == NULL) {
            bench_fail(r, "alloc_create: %s", err.msg);
            bench_instance_free(&in);
            return;
        }
        double t1 = bench_now_ms();
        alloc_result_free(&res);
        if (alloc_solve(p, &res, &err) != 0 || !res.optimal) {
            bench_fail(r, "alloc_solve: %s", err.msg[0] ? err.msg : "not certified optimal");
            certified = 0;
        }
        double t2 = bench_now_ms();
        build_ms[run] = t1 - t0;
        solve_ms[run] = t2 - t1;
        nodes = res.nodes;
        arcs = res.arcs;
        pivots = res.pivots;
        alloc_destroy(p);
    }
    qsort(build_ms, BENCH_RUNS, sizeof build_ms[0], cmp_double);
    qsort(solve_ms, BENCH_RUNS, sizeof solve_ms[0], cmp_double);
    bench_add(r, "alloc_build_10k_x_2k", build_ms[BENCH_RUNS / 2], "ms", BENCH_RUNS);
    bench_add(r, "alloc_solve_10k_x_2k", solve_ms[BENCH_RUNS / 2], "ms", BENCH_RUNS);
    bench_add(r, "alloc_pairs", (double)in.n_pairs, "pairs", 1);
    bench_add(r, "alloc_links", in.n_links, "arcs", 1);
    bench_add(r, "alloc_network_arcs", arcs, "arcs", 1);
    bench_add(r, "alloc_network_nodes", nodes, "nodes", 1);
    bench_add(r, "alloc_pivots", (double)pivots, "pivots", 1);
    bench_add(r, "alloc_fill_rate",
              res.total_demand ? 100.0 * (double)res.total_allocated / (double)res.total_demand : 0,
              "%", 1);
    bench_add(r, "alloc_min_fill", res.min_fill_permille / 10.0, "%", 1);
    bench_add(r, "alloc_p10_fill", res.p10_fill_permille / 10.0, "%", 1);
    bench_add(r, "alloc_certified", certified, "bool", BENCH_RUNS);
    alloc_result_free(&res);
    bench_instance_free(&in);
    bench_allocate_db(r);
}
