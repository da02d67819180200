/*
 * bench.h: `ocop-kiosk bench` (DESIGN §7). Each area measures itself in src/cli/bench_<area>.c
 * and reports named metrics; cmd_bench.c runs them all and prints a table or JSON.
 */
#ifndef OCOP_BENCH_H
#define OCOP_BENCH_H

#include "core/base.h"

typedef struct bench_report bench_report;

/* Records one figure: `name` (e.g. "search_p95_100k"), its value, its unit ("ms", "MiB",
 * "s"), and `n`, the number of samples it summarises. */
void bench_add(bench_report *r, const char *name, double value, const char *unit, int n);

/* Records that the area could not measure something: prints "bench AREA: message" on stderr
 * and makes `ocop-kiosk bench` exit with status 1 after the other areas have run. */
void bench_fail(bench_report *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* The p-quantile of `n` (>= 1) samples, interpolated between the closest ranks: p in [0, 1]
 * (0.5 the median, 0.95 the 95th percentile; a p above 1 is read as a percentage). Sorts
 * `samples` in place. */
double bench_percentile(double *samples, int n, double p);

/* True for a smoke run (`bench --small`): areas that can use small sizes so that the run takes
 * seconds; the figures are then not the ones of DESIGN §7. */
bool bench_small(const bench_report *r);

/* True with `bench --verbose`: areas print the samples behind some figures on stderr (ui: each
 * keystroke in the real window, its key -> frame and what it cost). */
bool bench_verbose(const bench_report *r);

/* Monotonic clock in milliseconds. */
double bench_now_ms(void);

/* CPU time of the calling thread in milliseconds: the work itself, unaffected by other
 * processes competing for the cores (wall-clock figures on a busy box are not). */
double bench_cpu_ms(void);

/* A scratch directory for generated databases, made on first call and removed (with
 * everything in it) after the run. */
const char *bench_scratch_dir(bench_report *r);

/* The areas, one per file (src/cli/bench_<area>.c), run in this order by cmd_bench.c's table
 * (add yours there too). Each adds its metrics to `r`. */
void bench_search(bench_report *r); /* bench_search.c: search as you type */
void bench_alloc(bench_report *r);  /* bench_alloc.c: batch allocation, 10,000 × 2,000 */
void bench_match(bench_report *r);  /* bench_match.c: instant match and lead commit */
void bench_ui(bench_report *r);     /* bench_ui.c: the kiosk's start, scrolling, memory */
void bench_sync(bench_report *r);   /* bench_sync.c: the central server (OCOP_BENCH_SERVER) */

#endif
