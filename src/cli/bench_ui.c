/* bench_ui.c: the kiosk's figures for `ocop-kiosk bench` (DESIGN §7): cold start to the first
 * frame, frame time while scrolling a 20,000-product grid at 1920x1080 with the software
 * renderer (median and 99th percentile), and the kiosk's peak memory.
 *
 * Each measurement runs in a child process (fork), so that the cold start is cold for the
 * program (fonts, strings and database opened from nothing) and the peak memory is the kiosk's
 * own, not that of the other benchmark areas in the same process. */
#include "cli/bench.h"

#include "core/config.h"
#include "db/catgen.h"
#include "ui/ui_run.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#define GRID_PRODUCTS 20000
#define SCROLL_FRAMES 1200
#define COLD_RUNS     3
#define WIDTH         1920
#define HEIGHT        1080

typedef struct child_report {
    int ok;
    char error[256];
    double peak_rss_mib;
    ui_bench_result result;
} child_report;

static bool write_all(int fd, const void *buf, size_t n) {
    const char *p = buf;
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w <= 0) {
            return false;
        }
        p += w;
        n -= (size_t)w;
    }
    return true;
}

static bool read_all(int fd, void *buf, size_t n) {
    char *p = buf;
    while (n > 0) {
        ssize_t r = read(fd, p, n);
        if (r <= 0) {
            return false;
        }
        p += r;
        n -= (size_t)r;
    }
    return true;
}

/* Runs ui_run_bench in a child; fills *rep. Returns false when the child could not report. */
static bool run_child(const char *db_path, int frames, child_report *rep) {
    int fds[2];
    if (pipe(fds) != 0) {
        return false;
    }
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0) {
        close(fds[0]);
        close(fds[1]);
        return false;
    }
    if (pid == 0) {
        close(fds[0]);
        child_report *mine = xcalloc(1, sizeof *mine);
        kiosk_config cfg;
        config_defaults(&cfg);
        ocop_error err;
        mine->ok = ui_run_bench(&cfg, db_path, WIDTH, HEIGHT, frames, &mine->result, &err) == 0;
        if (!mine->ok) {
            str_copy(mine->error, sizeof mine->error, err.msg);
        }
        struct rusage ru;
        getrusage(RUSAGE_SELF, &ru);
        mine->peak_rss_mib = (double)ru.ru_maxrss / 1024.0; /* KiB on Linux */
        bool sent = write_all(fds[1], mine, sizeof *mine);
        _exit(sent ? 0 : 1);
    }
    close(fds[1]);
    bool ok = read_all(fds[0], rep, sizeof *rep);
    close(fds[0]);
    int status = 0;
    waitpid(pid, &status, 0);
    return ok && WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

void bench_ui(bench_report *r) {
    char db_path[1024];
    str_format(db_path, sizeof db_path, "%s/ui_20k.db", bench_scratch_dir(r));
    db *d = NULL;
    ocop_error err;
    if (db_open(db_path, DB_OPEN_CREATE, &d, &err) != 0) {
        bench_fail(r, "%s", err.msg);
        return;
    }
    catgen_options o;
    catgen_defaults(&o);
    o.n_products = GRID_PRODUCTS;
    o.code_prefix = "UI";
    o.n_months = 0;
    int made = catgen_generate(d, &o, &err);
    db_close(d);
    if (made != GRID_PRODUCTS) {
        bench_fail(r, "catalogue of %d products: %s", GRID_PRODUCTS, made < 0 ? err.msg : "short");
        return;
    }
    /* The SDL dummy driver: no display needed, the software renderer. */
    setenv("SDL_VIDEODRIVER", "dummy", 1);

    child_report *rep = xcalloc(1, sizeof *rep);
    double cold[COLD_RUNS];
    int n_cold = 0;
    for (int i = 0; i < COLD_RUNS; i++) {
        if (!run_child(db_path, 0, rep) || !rep->ok) {
            bench_fail(r, "cold start: %s", rep->ok ? "the child did not report" : rep->error);
            free(rep);
            return;
        }
        cold[n_cold++] = rep->result.cold_start_ms;
    }
    bench_add(r, "ui_cold_start_to_first_frame_ms", bench_percentile(cold, n_cold, 0.5), "ms",
              n_cold);

    if (!run_child(db_path, SCROLL_FRAMES, rep) || !rep->ok) {
        bench_fail(r, "scrolling: %s", rep->ok ? "the child did not report" : rep->error);
        free(rep);
        return;
    }
    ui_bench_result *res = &rep->result;
    if (res->products != GRID_PRODUCTS || res->scrolled_px <= 0) {
        bench_fail(r, "scrolling: %d products in the grid, scrolled %.0f px", res->products,
                   res->scrolled_px);
    }
    double *frames = xmalloc((size_t)res->n_frames * sizeof *frames);
    memcpy(frames, res->frame_ms, (size_t)res->n_frames * sizeof *frames);
    bench_add(r, "ui_scroll_frame_p50_20k_1080p", bench_percentile(frames, res->n_frames, 0.5),
              "ms", res->n_frames);
    bench_add(r, "ui_scroll_frame_p99_20k_1080p", bench_percentile(frames, res->n_frames, 0.99),
              "ms", res->n_frames);
    memcpy(frames, res->update_ms, (size_t)res->n_frames * sizeof *frames);
    bench_add(r, "ui_scroll_update_p50_20k", bench_percentile(frames, res->n_frames, 0.5), "ms",
              res->n_frames);
    memcpy(frames, res->draw_ms, (size_t)res->n_frames * sizeof *frames);
    bench_add(r, "ui_scroll_draw_p50_20k", bench_percentile(frames, res->n_frames, 0.5), "ms",
              res->n_frames);
    bench_add(r, "ui_scrolled_rows_20k", res->scrolled_px / (200.0 + 20.0), "rows", 1);
    bench_add(r, "ui_peak_memory", rep->peak_rss_mib, "MiB", 1);
    free(frames);
    free(rep);
}
