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

/* Median and 95th/99th percentile of `n` samples (sorts `samples` in place). */
double bench_percentile(double *samples, int n, double p);

/* Monotonic clock in milliseconds. */
double bench_now_ms(void);

/* A scratch directory for generated databases (removed after the run). */
const char *bench_scratch_dir(bench_report *r);

#endif
