/* bench_search.c: search-as-you-type latency (DESIGN §7). A list of realistic queries is typed
 * one character at a time, as on the kiosk's keyboard; every keystroke runs the browse screen's
 * search (first page of 48 cards and the total) on a warm connection. Reported per catalogue:
 * median, 95th percentile and worst keystroke, the same with filters, and the unfiltered
 * first page. The catalogues are generated (catgen.h) in the scratch directory. */
#include "cli/bench.h"

#include "core/utf8.h"
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

/* Types every query character by character and stores each keystroke's latency in
 * samples[]; returns the number of samples, or -1 after bench_fail. */
static int type_queries(bench_report *r, db *d, const search_filter *filter, double *samples,
                        int cap) {
    int n = 0;
    for (size_t q = 0; q < OCOP_COUNT(queries); q++) {
        const char *text = queries[q];
        size_t len = strlen(text);
        char typed[128];
        for (size_t end = 1; end <= len; end++) {
            if (end < len && (text[end] & 0xC0) == 0x80) {
                continue; /* mid-character: not a keystroke */
            }
            OCOP_ASSERT(end < sizeof typed && n < cap);
            memcpy(typed, text, end);
            typed[end] = '\0';
            search_results res;
            ocop_error err;
            double t0 = bench_now_ms();
            int rc = search_db_query(d, typed, filter, 0, PAGE, &res, &err);
            samples[n++] = bench_now_ms() - t0;
            search_results_free(&res);
            if (rc != 0) {
                bench_fail(r, "search '%s': %s", typed, err.msg);
                return -1;
            }
        }
    }
    return n;
}

static void report_samples(bench_report *r, const char *what, const char *label, double *samples,
                           int n) {
    char name[64];
    str_format(name, sizeof name, "%s_median_%s", what, label);
    bench_add(r, name, bench_percentile(samples, n, 0.5), "ms", n);
    str_format(name, sizeof name, "%s_p95_%s", what, label);
    bench_add(r, name, bench_percentile(samples, n, 0.95), "ms", n);
    str_format(name, sizeof name, "%s_max_%s", what, label);
    bench_add(r, name, bench_percentile(samples, n, 1.0), "ms", n);
}

/* Generates a catalogue of `n_products` and measures it; metric names end in `label`. */
static void measure(bench_report *r, const char *label, int n_products) {
    char path[512];
    str_format(path, sizeof path, "%s/search_%s.db", bench_scratch_dir(r), label);
    db *d = NULL;
    ocop_error err;
    if (db_open(path, DB_OPEN_CREATE, &d, &err) != 0) {
        bench_fail(r, "%s", err.msg);
        return;
    }
    catgen_options o;
    catgen_defaults(&o);
    o.n_products = n_products;
    o.n_months = 1; /* capacity plays no part in search */
    double t0 = bench_now_ms();
    if (catgen_generate(d, &o, &err) < 0) {
        bench_fail(r, "%s", err.msg);
        db_close(d);
        return;
    }
    char name[64];
    str_format(name, sizeof name, "catgen_%s", label);
    bench_add(r, name, (bench_now_ms() - t0) / 1000.0, "s", 1);
    struct stat st;
    if (stat(path, &st) == 0) {
        str_format(name, sizeof name, "search_db_size_%s", label);
        bench_add(r, name, (double)st.st_size / (1024.0 * 1024.0), "MiB", 1);
    }

    /* Warm up: the kiosk's connection has its statements prepared and pages cached. */
    search_results res;
    if (search_db_query(d, "mat", NULL, 0, PAGE, &res, &err) != 0) {
        bench_fail(r, "%s", err.msg);
        db_close(d);
        return;
    }
    search_results_free(&res);

    enum { CAP = 1024 };
    double *samples = xcalloc(CAP, sizeof *samples);
    int n = type_queries(r, d, NULL, samples, CAP);
    if (n > 0) {
        report_samples(r, "search_keystroke", label, samples, n);
    }
    search_filter filter = {.min_stars = 4, .group = "Thực phẩm"};
    n = type_queries(r, d, &filter, samples, CAP);
    if (n > 0) {
        report_samples(r, "search_filtered", label, samples, n);
    }
    /* The browse grid as it opens: no text, everything by stars. */
    n = 0;
    for (int i = 0; i < 20; i++) {
        double t1 = bench_now_ms();
        int rc = search_db_query(d, "", NULL, 0, PAGE, &res, &err);
        samples[n++] = bench_now_ms() - t1;
        search_results_free(&res);
        if (rc != 0) {
            bench_fail(r, "%s", err.msg);
            break;
        }
    }
    str_format(name, sizeof name, "search_browse_all_median_%s", label);
    bench_add(r, name, bench_percentile(samples, n, 0.5), "ms", n);
    free(samples);
    db_close(d);
}

void bench_search(bench_report *r) {
    measure(r, "1k", 1000);
    measure(r, "100k", 100000);
}
