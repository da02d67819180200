/* cmd_bench.c: `ocop-kiosk bench [--json] [--only AREA]…`, the figures of DESIGN §7. Each area
 * is a function in src/cli/bench_<area>.c listed in `areas` below; it adds named metrics to
 * the report. The run works in a scratch directory of generated databases and never touches
 * the kiosk's own database. */
/* nftw() is X/Open. */
#define _XOPEN_SOURCE 700

#include "cli/bench.h"
#include "cli/commands.h"

#include "core/clock.h"
#include "core/strbuf.h"

#include <cjson/cJSON.h>
#include <ftw.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* The areas, in the order they run. To add one: write bench_<area>(bench_report *) in
 * src/cli/bench_<area>.c, declare it in bench.h, and add a line here. */
static const struct {
    const char *name;
    void (*run)(bench_report *r);
    const char *what;
} areas[] = {
    {"search", bench_search, "search-as-you-type latency (demo catalogue and 100,000 products)"},
    {"alloc", bench_alloc, "batch allocation: 10,000 inquiries x 2,000 products, certified"},
    {"match", bench_match, "instant match on 100,000 product×month rows; lead commit latency"},
    {"ui", bench_ui,
     "kiosk start, scrolling, typing and memory: headless, and in a real window (Xvfb)"},
    {"sync", bench_sync,
     "central server: first pull of 20,000 products, 10 kiosks pushing, hold p95 (needs "
     "OCOP_BENCH_SERVER)"},
};

typedef struct bench_metric {
    char name[64];
    double value;
    char unit[16];
    int n;
    const char *area;
} bench_metric;

struct bench_report {
    bench_metric *metrics;
    int n, cap;
    const char *area; /* the area running now */
    int failures;
    bool small;        /* --small */
    bool verbose;      /* --verbose */
    char scratch[256]; /* "" until made */
};

static const char usage[] =
    "Usage: ocop-kiosk bench [--json] [--small] [--verbose] [--only AREA]...\n"
    "\n"
    "Measures the figures that matter (DESIGN §7) on generated catalogues in a scratch\n"
    "directory (the kiosk's database is not used) and prints them as a table, or with --json\n"
    "as {\"metrics\": [{\"name\", \"value\", \"unit\", \"n\"}]} (n: the samples summarised).\n"
    "\n"
    "Options:\n"
    "  --json        one JSON document on stdout\n"
    "  --only AREA   run only this area (repeatable; AREA,AREA also works)\n"
    "  --keep        keep the scratch directory (its path is printed on stderr)\n"
    "  --small       small sizes, a smoke run of seconds (ui; the figures are not DESIGN's)\n"
    "  --verbose     the samples behind some figures on stderr (ui: each keystroke's key ->\n"
    "                frame and what it cost)\n"
    "  --list        list the areas and exit\n";

void bench_add(bench_report *r, const char *name, double value, const char *unit, int n) {
    if (r->n == r->cap) {
        r->cap = r->cap ? r->cap * 2 : 16;
        r->metrics = xreallocarray(r->metrics, (size_t)r->cap, sizeof *r->metrics);
    }
    bench_metric *m = &r->metrics[r->n++];
    OCOP_ASSERT(str_copy(m->name, sizeof m->name, name));
    OCOP_ASSERT(str_copy(m->unit, sizeof m->unit, unit));
    m->value = value;
    m->n = n;
    m->area = r->area;
}

void bench_fail(bench_report *r, const char *fmt, ...) {
    va_list ap;
    fprintf(stderr, "ocop-kiosk bench %s: ", r->area ? r->area : "?");
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    r->failures++;
}

static int compare_double(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

double bench_percentile(double *samples, int n, double p) {
    OCOP_ASSERT(n >= 1);
    if (p > 1.0) {
        p /= 100.0;
    }
    OCOP_ASSERT(p >= 0.0 && p <= 1.0);
    qsort(samples, (size_t)n, sizeof *samples, compare_double);
    double pos = p * (n - 1);
    int lo = (int)pos;
    if (lo >= n - 1) {
        return samples[n - 1];
    }
    return samples[lo] + (pos - lo) * (samples[lo + 1] - samples[lo]);
}

bool bench_small(const bench_report *r) {
    return r->small;
}

bool bench_verbose(const bench_report *r) {
    return r->verbose;
}

double bench_now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

double bench_cpu_ms(void) {
    return clock_thread_cpu_ms();
}

const char *bench_scratch_dir(bench_report *r) {
    if (!r->scratch[0]) {
        const char *tmp = getenv("TMPDIR");
        str_format(r->scratch, sizeof r->scratch, "%s/ocop-bench-XXXXXX",
                   tmp && *tmp ? tmp : "/tmp");
        if (!mkdtemp(r->scratch)) {
            ocop_fatal(__FILE__, __LINE__, "cannot make a scratch directory %s", r->scratch);
        }
    }
    return r->scratch;
}

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw) {
    (void)st;
    (void)flag;
    (void)ftw;
    if (remove(path) != 0) {
        fprintf(stderr, "ocop-kiosk bench: warning: cannot remove %s\n", path);
    }
    return 0;
}

static void remove_scratch(bench_report *r) {
    if (r->scratch[0]) {
        nftw(r->scratch, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
        r->scratch[0] = '\0';
    }
}

static const bench_metric *find_metric(const bench_report *r, const char *name) {
    for (int i = 0; i < r->n; i++) {
        if (strcmp(r->metrics[i].name, name) == 0) {
            return &r->metrics[i];
        }
    }
    return NULL;
}

/* Raw fsync of the scratch directory's disk (the one the lead commit benchmark wrote to):
 * 4 KiB written and fsync'd, median of 30. Returns -1 when it cannot. */
static double fsync_p50(bench_report *r) {
    char path[512];
    str_format(path, sizeof path, "%s/fsync.bin", bench_scratch_dir(r));
    FILE *f = fopen(path, "wb");
    if (!f) {
        return -1;
    }
    enum { RUNS = 30 };
    double ms[RUNS];
    char block[4096];
    memset(block, 'x', sizeof block);
    int n = 0;
    for (int i = 0; i < RUNS; i++) {
        double t0 = bench_now_ms();
        if (fwrite(block, 1, sizeof block, f) != sizeof block || fflush(f) != 0 ||
            fsync(fileno(f)) != 0) {
            break;
        }
        ms[n++] = bench_now_ms() - t0;
    }
    fclose(f);
    return n == RUNS ? bench_percentile(ms, n, 0.5) : -1;
}

/* The summary names of the performance goals (README "Performance figures"), taken from the
 * areas' own figures of this run; a source figure missing is said on stderr. */
static void add_summary(bench_report *r, const bool *ran) {
    static const struct {
        const char *area, *name, *source, *source2; /* source2: added to source */
        double scale;
        const char *unit;
    } names[] = {
        {"search", "search_p95_ms", "search_filtered_p95_100k", NULL, 1, "ms"},
        {"match", "match_product_p95_ms", "match_product_100k_p95", NULL, 1, "ms"},
        {"match", "match_group_p95_ms", "match_group_100k_p95", NULL, 1, "ms"},
        {"match", "lead_commit_p50_ms", "lead_commit_p50", NULL, 1, "ms"},
        /* `allocate` end to end on a SQLite file (reads, model, solve), as the organiser runs it */
        {"alloc", "allocate_10k_2k_s", "allocate_10k_x_2k_s", NULL, 1, "s"},
        {"alloc", "allocate_arcs", "allocate_10k_x_2k_arcs", NULL, 1, "arcs"},
        {"alloc", "allocate_50k_s", "allocate_50k_x_2k_s", NULL, 1, "s"},
    };
    for (size_t i = 0; i < OCOP_COUNT(names); i++) {
        bool area_ran = false;
        for (size_t a = 0; a < OCOP_COUNT(areas); a++) {
            area_ran |= ran[a] && strcmp(areas[a].name, names[i].area) == 0;
        }
        if (!area_ran || find_metric(r, names[i].name)) {
            continue; /* not measured this run, or the area reports it itself */
        }
        const bench_metric *m = find_metric(r, names[i].source);
        const bench_metric *m2 = names[i].source2 ? find_metric(r, names[i].source2) : NULL;
        if (!m || (names[i].source2 && !m2)) {
            fprintf(stderr, "bench: %s not reported: the %s area gave no %s\n", names[i].name,
                    names[i].area, m ? names[i].source2 : names[i].source);
            continue;
        }
        r->area = names[i].area;
        bench_add(r, names[i].name, (m->value + (m2 ? m2->value : 0)) * names[i].scale,
                  names[i].unit, m->n);
    }
    for (size_t a = 0; a < OCOP_COUNT(areas); a++) {
        if (ran[a] && strcmp(areas[a].name, "match") == 0) {
            r->area = "match";
            double ms = fsync_p50(r);
            if (ms >= 0) {
                bench_add(r, "fsync_p50_ms", ms, "ms", 30);
            }
        }
    }
}

static void print_table(const bench_report *r) {
    printf("%-32s %12s  %-6s %8s\n", "metric", "value", "unit", "n");
    for (int i = 0; i < r->n; i++) {
        const bench_metric *m = &r->metrics[i];
        printf("%-32s %12.3f  %-6s %8d\n", m->name, m->value, m->unit, m->n);
    }
}

static void print_json(const bench_report *r) {
    cJSON *root = cJSON_CreateObject();
    cJSON *list = cJSON_AddArrayToObject(root, "metrics");
    for (int i = 0; i < r->n; i++) {
        const bench_metric *m = &r->metrics[i];
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "name", m->name);
        cJSON_AddNumberToObject(o, "value", m->value);
        cJSON_AddStringToObject(o, "unit", m->unit);
        cJSON_AddNumberToObject(o, "n", m->n);
        cJSON_AddStringToObject(o, "area", m->area ? m->area : "");
        cJSON_AddItemToArray(list, o);
    }
    char *text = cJSON_Print(root);
    OCOP_ASSERT(text);
    cli_print_json(text);
    cJSON_free(text);
    cJSON_Delete(root);
}

/* Marks the areas named in `list` ("a,b") in `chosen`; returns false on an unknown name. */
static bool choose(const char *list, bool *chosen) {
    char *copy = xstrdup(list);
    bool ok = true;
    char *save = NULL;
    for (char *name = strtok_r(copy, ",", &save); name && ok; name = strtok_r(NULL, ",", &save)) {
        ok = false;
        for (size_t i = 0; i < OCOP_COUNT(areas); i++) {
            if (strcmp(str_trim(name), areas[i].name) == 0) {
                chosen[i] = ok = true;
            }
        }
    }
    free(copy);
    return ok;
}

static int run(int argc, char **argv, cli_env *env) {
    (void)env;
    if (cli_wants_help(argc, argv, usage)) {
        return EXIT_OK;
    }
    bool json = false, only = false, keep = false, small = false, verbose = false;
    bool chosen[OCOP_COUNT(areas)] = {0};
    enum { O_JSON = 256, O_KEEP, O_LIST, O_ONLY, O_SMALL, O_VERBOSE };
    static const struct option long_options[] = {
        {"json", no_argument, NULL, O_JSON},
        {"keep", no_argument, NULL, O_KEEP},
        {"list", no_argument, NULL, O_LIST},
        {"only", required_argument, NULL, O_ONLY},
        {"small", no_argument, NULL, O_SMALL},
        {"verbose", no_argument, NULL, O_VERBOSE},
        {0},
    };
    cli_options opts = {.command = "bench", .shortopts = "", .longopts = long_options};
    const char *value;
    for (int c; (c = cli_getopt(&opts, argc, argv, &value)) != -1;) {
        switch (c) {
        case O_JSON:
            json = true;
            break;
        case O_KEEP:
            keep = true;
            break;
        case O_SMALL:
            small = true;
            break;
        case O_VERBOSE:
            verbose = true;
            break;
        case O_LIST:
            for (size_t a = 0; a < OCOP_COUNT(areas); a++) {
                printf("%-10s %s\n", areas[a].name, areas[a].what);
            }
            return EXIT_OK;
        case O_ONLY:
            if (!*value) {
                return cli_usage_error("bench", "--only needs an area name");
            }
            if (!choose(value, chosen)) {
                strbuf names = {0};
                for (size_t a = 0; a < OCOP_COUNT(areas); a++) {
                    sb_appendf(&names, "%s%s", a ? ", " : "", areas[a].name);
                }
                int rc = cli_usage_error("bench", "unknown area in '%s' (areas: %s)", value,
                                         sb_str(&names));
                sb_free(&names);
                return rc;
            }
            only = true;
            break;
        default:
            return EXIT_USAGE;
        }
    }
    if (opts.next < argc) {
        return cli_usage_error("bench", "unexpected argument '%s'", argv[opts.next]);
    }

    bench_report r = {.small = small, .verbose = verbose};
    bool ran[OCOP_COUNT(areas)] = {0};
    for (size_t a = 0; a < OCOP_COUNT(areas); a++) {
        if (only && !chosen[a]) {
            continue;
        }
        r.area = areas[a].name;
        if (!json) {
            fprintf(stderr, "bench: %s…\n", areas[a].name);
        }
        areas[a].run(&r);
        ran[a] = true;
    }
    add_summary(&r, ran);
    if (keep && r.scratch[0]) {
        fprintf(stderr, "bench: scratch directory kept: %s\n", r.scratch);
    } else {
        remove_scratch(&r);
    }
    if (json) {
        print_json(&r);
    } else {
        print_table(&r);
    }
    int failures = r.failures;
    free(r.metrics);
    return failures ? EXIT_FAILED : EXIT_OK;
}

const cli_command cmd_bench = {"bench", "the performance figures (DESIGN §7)", usage, run};
