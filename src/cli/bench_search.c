/* bench_search.c: search-as-you-type latency (DESIGN §7). A list of realistic queries is typed
 * one character at a time, as on the kiosk's keyboard; every keystroke runs the browse screen's
 * search (first page of 48 cards and the total) on a warm connection. Reported per catalogue
 * (the demo catalogue, imported; 100,000 generated products, catgen.h): median, 95th percentile
 * and worst keystroke in wall-clock time and median/p95 in CPU time, the same with filters, and
 * the first page with no text, and the same for queries with slips (search_typo_*). Databases
 * live in the scratch directory. */
#include "cli/bench.h"

#include "core/paths.h"
#include "core/utf8.h"
#include "db/catalog_db.h"
#include "db/catgen.h"
#include "db/search_db.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define PAGE 48 /* cards the browse grid asks for */

/* What buyers type: mostly without accents, some with, product words, places, producers, a
 * code, a word inside a word. */
static const char *const queries[] = {
    "mat ong",       "nuoc mam phu quoc", "tra shan tuyet",
    "Mật hoa dừa",   "banh trang",        "ca phe rang xay",
    "non la",        "lan ho diep",       "dak lak",
    "ruou sim",      "hat dieu",          "keo dua",
    "khan lua",      "cao atiso",         "gao st25",
    "sâm ngọc linh", "htx nong nghiep",   "Tân Cương",
    "xoai say deo",  "du lich cong dong", "GEN-001234",
    "huu co",        "chieu coi",         "tinh dau",
    "MỨT GỪNG",
};

/* The same with slips (issue 12): words that match nothing as typed, so that every keystroke
 * that gets there also looks for near-misses, words written as one, codes without a dash. */
static const char *const typo_queries[] = {
    "mat hao dua", "mat ong rugn", "nuoc mam phu quco", "tra shan tuyec",
    "sau rieg",    "tinh dau gat", "dua xap",           "keo cacao",
    "banh trangg", "gen001234",    "ca phe rag xay",    "hat dieuu",
};

/* Latency samples of one run: wall clock and the thread's CPU time, per keystroke. */
typedef struct samples {
    double wall[1024];
    double cpu[1024];
    int n;
} samples;

/* Types every query of `list` character by character (with `filter`), timing each keystroke's
 * search into *out. Returns false after bench_fail. */
static bool type_queries(bench_report *r, db *d, const char *const *list, size_t n_list,
                         const search_filter *filter, samples *out) {
    out->n = 0;
    for (size_t q = 0; q < n_list; q++) {
        const char *text = list[q];
        size_t len = strlen(text);
        char typed[128];
        for (size_t end = 1; end <= len; end++) {
            if (end < len && (text[end] & 0xC0) == 0x80) {
                continue; /* mid-character: not a keystroke */
            }
            OCOP_ASSERT(end < sizeof typed && out->n < (int)OCOP_COUNT(out->wall));
            memcpy(typed, text, end);
            typed[end] = '\0';
            search_results res;
            ocop_error err;
            double t0 = bench_now_ms(), c0 = bench_cpu_ms();
            int rc = search_db_query(d, typed, filter, 0, PAGE, &res, &err);
            out->cpu[out->n] = bench_cpu_ms() - c0;
            out->wall[out->n++] = bench_now_ms() - t0;
            search_results_free(&res);
            if (rc != 0) {
                bench_fail(r, "search '%s': %s", typed, err.msg);
                return false;
            }
        }
    }
    return true;
}

/* Median, 95th percentile and worst of `s`, wall clock and CPU. */
static void report_samples(bench_report *r, const char *what, const char *label, samples *s) {
    static const struct {
        const char *name;
        double p;
    } stats[] = {{"median", 0.5}, {"p95", 0.95}, {"max", 1.0}};
    char name[64];
    for (size_t i = 0; i < OCOP_COUNT(stats); i++) {
        str_format(name, sizeof name, "%s_%s_%s", what, stats[i].name, label);
        bench_add(r, name, bench_percentile(s->wall, s->n, stats[i].p), "ms", s->n);
    }
    for (size_t i = 0; i < 2; i++) {
        str_format(name, sizeof name, "%s_cpu_%s_%s", what, stats[i].name, label);
        bench_add(r, name, bench_percentile(s->cpu, s->n, stats[i].p), "ms", s->n);
    }
}

/* Measures the search on the catalogue in `d`; metric names end in `label`. */
static void measure(bench_report *r, db *d, const char *label) {
    search_results res;
    ocop_error err;
    /* Warm up: the kiosk's connection has its statements prepared and pages cached. */
    if (search_db_query(d, "mat", NULL, 0, PAGE, &res, &err) != 0) {
        bench_fail(r, "%s", err.msg);
        return;
    }
    search_results_free(&res);
    char name[64];
    str_format(name, sizeof name, "search_products_%s", label);
    if (search_db_query(d, "", NULL, 0, 0, &res, &err) == 0) {
        bench_add(r, name, res.total, "count", 1);
        search_results_free(&res);
    }

    samples *s = xcalloc(1, sizeof *s);
    if (type_queries(r, d, queries, OCOP_COUNT(queries), NULL, s)) {
        report_samples(r, "search_keystroke", label, s);
    }
    search_filter filter = {.min_stars = 4, .group = "Thực phẩm"};
    if (type_queries(r, d, queries, OCOP_COUNT(queries), &filter, s)) {
        report_samples(r, "search_filtered", label, s);
    }
    if (type_queries(r, d, typo_queries, OCOP_COUNT(typo_queries), NULL, s)) {
        report_samples(r, "search_typo", label, s);
    }
    /* The browse grid as it opens: no text, everything by stars. */
    s->n = 0;
    for (int i = 0; i < 20; i++) {
        double t1 = bench_now_ms();
        int rc = search_db_query(d, "", NULL, 0, PAGE, &res, &err);
        s->wall[s->n++] = bench_now_ms() - t1;
        search_results_free(&res);
        if (rc != 0) {
            bench_fail(r, "%s", err.msg);
            break;
        }
    }
    str_format(name, sizeof name, "search_browse_all_median_%s", label);
    bench_add(r, name, bench_percentile(s->wall, s->n, 0.5), "ms", s->n);
    free(s);
}

/* A new database in the scratch directory; NULL after bench_fail. */
static db *scratch_db(bench_report *r, const char *label, char *path, size_t cap) {
    str_format(path, cap, "%s/search_%s.db", bench_scratch_dir(r), label);
    db *d = NULL;
    ocop_error err;
    if (db_open(path, DB_OPEN_CREATE, &d, &err) != 0) {
        bench_fail(r, "%s", err.msg);
        return NULL;
    }
    return d;
}

/* The demo catalogue, imported as a new kiosk seeds it. */
static void measure_demo(bench_report *r) {
    char path[512], catalog[1024], capacity[1024];
    if (!paths_data_file(catalog, sizeof catalog, "assets/catalog/catalog.csv") ||
        !paths_data_file(capacity, sizeof capacity, "assets/catalog/capacity.csv")) {
        bench_fail(r, "the demo catalogue's path is too long");
        return;
    }
    db *d = scratch_db(r, "demo", path, sizeof path);
    if (!d) {
        return;
    }
    ocop_error err;
    struct stat st;
    if (catalog_db_seed(d, catalog, stat(capacity, &st) == 0 ? capacity : NULL, &err) < 0) {
        bench_fail(r, "demo catalogue: %s", err.msg);
    } else {
        measure(r, d, "demo");
    }
    db_close(d);
}

/* A generated catalogue of `n_products`. */
static void measure_generated(bench_report *r, const char *label, int n_products) {
    char path[512];
    db *d = scratch_db(r, label, path, sizeof path);
    if (!d) {
        return;
    }
    catgen_options o;
    catgen_defaults(&o);
    o.n_products = n_products;
    o.n_months = 1; /* capacity plays no part in search */
    ocop_error err;
    double t0 = bench_now_ms(), c0 = bench_cpu_ms();
    if (catgen_generate(d, &o, &err) < 0) {
        bench_fail(r, "%s", err.msg);
        db_close(d);
        return;
    }
    char name[64];
    str_format(name, sizeof name, "catgen_%s", label);
    bench_add(r, name, (bench_now_ms() - t0) / 1000.0, "s", 1);
    str_format(name, sizeof name, "catgen_cpu_%s", label);
    bench_add(r, name, (bench_cpu_ms() - c0) / 1000.0, "s", 1);
    measure(r, d, label);
    db_close(d);
    struct stat st;
    if (stat(path, &st) == 0) {
        str_format(name, sizeof name, "search_db_size_%s", label);
        bench_add(r, name, (double)st.st_size / (1024.0 * 1024.0), "MiB", 1);
    }
}

void bench_search(bench_report *r) {
    measure_demo(r);
    measure_generated(r, "100k", 100000);
}
