/* bench_sync.c: the central server's scale figures of `ocop-kiosk bench` (issue 15), measured
 * by sync_bench.h on the server named by OCOP_BENCH_SERVER (a URL; the password from
 * PGPASSFILE), in a schema of its own that is dropped afterwards. Without a server the area is
 * skipped with the reason on stderr. OCOP_BENCH_SYNC_SCALE (default 1) shrinks every size for
 * a quick check. */
#include "cli/bench.h"

#include "db/sync_bench.h"

#include <stdio.h>
#include <stdlib.h>

void bench_sync(bench_report *r) {
    const char *url = getenv("OCOP_BENCH_SERVER");
    if (!url || !*url) {
        fprintf(stderr, "bench sync: skipped: no server (set OCOP_BENCH_SERVER to the URL of a "
                        "PostgreSQL database the bench may use; it works in a schema of its own "
                        "and drops it)\n");
        return;
    }
    const char *scale_text = getenv("OCOP_BENCH_SYNC_SCALE");
    double scale = scale_text && *scale_text ? strtod(scale_text, NULL) : 1.0;
    if (!(scale > 0) || scale > 1) {
        bench_fail(r, "sync: OCOP_BENCH_SYNC_SCALE=%s: expected a number in (0, 1]", scale_text);
        return;
    }
    sync_bench_result b;
    ocop_error err;
    if (sync_bench_run(url, scale, bench_scratch_dir(r), &b, &err) != 0) {
        bench_fail(r, "sync: %s", err.msg);
        return;
    }
    fprintf(stderr,
            "bench sync: server loaded with %d products (%d in the fair) and %d leads with "
            "their holds in %.1f s; %d kiosks pushed %d leads (%ld serialisation retries, %d "
            "pushes given up and started again); the buyer's %d hold transactions: %d "
            "confirmed, %d run again after a conflict, %d in one round trip\n",
            b.products, b.fair_products, b.leads_loaded, b.load_s, b.kiosks, b.pushed_leads,
            b.push_retries, b.push_failed_rounds, b.hold_samples, b.hold_confirmed, b.hold_retried,
            b.hold_one_trip);
    bench_add(r, "sync_first_pull_s", b.first_pull_s, "s", b.pulled);
    bench_add(r, "sync_push_leads_per_s", b.push_leads_per_s, "leads/s", b.pushed_leads);
    bench_add(r, "sync_hold_tx_p50", b.hold_p50_ms, "ms", b.hold_samples);
    bench_add(r, "sync_hold_tx_p95", b.hold_p95_ms, "ms", b.hold_samples);
}
