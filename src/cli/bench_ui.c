/* bench_ui.c: the kiosk's figures for `ocop-kiosk bench` (DESIGN §7).
 *
 * Headless (SDL's dummy driver, software renderer, 1920x1080): cold start to the first frame,
 * frame time while scrolling a 20,000-product grid (median and 99th percentile), and peak
 * memory. Each runs in a child process (fork), so that the cold start is cold for the program
 * and the peak memory is the kiosk's own.
 *
 * Real window: the kiosk itself (this program, exec'd) on an X display, a virtual one of
 * 1920x1080 started here when Xvfb is installed, else $DISPLAY; skipped with the reason printed
 * when there is neither. The kiosk runs its real loop and drives itself (OCOP_BENCH_FD, see
 * ui_run.c): launch -> grid presented (measured here, from before fork to the kiosk's report
 * after its first present), Σ PSS at rest with the grid shown (/proc/self/smaps_rollup), the
 * interval between presented frames while drag-and-flick scrolling, and key -> frame in the
 * search field. Starts are START_RUNS runs each of the demo catalogue and the 20,000 products,
 * interleaved, medians; then, when the bench may write /proc/sys/vm/drop_caches (root), START_RUNS
 * starts on the demo catalogue each after evicting every file from the page cache (the program,
 * its libraries, fonts, pictures and database read from the disk again). */
#include "cli/bench.h"

#include "core/config.h"
#include "core/paths.h"
#include "db/catalog_db.h"
#include "db/catgen.h"
#include "ui/ui_run.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define GRID_PRODUCTS 20000
#define SCROLL_FRAMES 1200
#define COLD_RUNS     3
#define WIDTH         1920
#define HEIGHT        1080
#define START_RUNS    5      /* real window: launches of each catalogue, interleaved */
#define LIVE_SCROLL   600    /* real window: frames of scrolling */
#define LIVE_KEYS     40     /* real window: keystrokes */
#define LIVE_WAIT_MS  120000 /* the longest a real-window run may take */

/* What the area measures: the real sizes, or small ones for a smoke run (`bench --small`). */
typedef struct bench_ui_sizes {
    int products, scroll_frames, cold_runs; /* headless */
    int start_runs, live_scroll, live_keys; /* real window */
    int uncached_runs;                      /* real window, page cache emptied before each */
} bench_ui_sizes;

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

/* ---- the real window ------------------------------------------------------------------------ */

typedef struct live_report {
    double launch_ms;    /* fork -> the kiosk's report after its first present */
    double pss_mib;      /* at rest, grid shown */
    double rss_peak_mib; /* getrusage at the end */
    double *scroll_ms;   /* intervals between presented frames while the grid moved */
    int n_scroll, cap_scroll;
    double *key_ms; /* key pushed -> frame presented */
    int n_key, cap_key;
    char video_driver[32]; /* SDL's, as the kiosk reported it */
    bool done;
    bool verbose;       /* print each key's cost on stderr (bench --verbose) */
    char key_cost[160]; /* the kiosk's account of the pending key, until its key_to_frame_ms */
} live_report;

static void push_sample(double **v, int *n, int *cap, double x) {
    if (*n == *cap) {
        *cap = *cap ? *cap * 2 : 64;
        *v = xreallocarray(*v, (size_t)*cap, sizeof **v);
    }
    (*v)[(*n)++] = x;
}

/* bench --verbose: the `n`th keystroke, its key -> frame `ms`, and the kiosk's account of it
 * (`cost`: ui_run.c's "key_cost" line without its name, "" when it sent none). */
static void print_key(int n, double ms, const char *cost) {
    char key[16];
    double update, draw, present, search, cpu;
    long texts;
    if (sscanf(cost, "%15s %lf %lf %lf %lf %lf %ld", key, &update, &draw, &present, &search, &cpu,
               &texts) == 7) {
        fprintf(stderr,
                "bench ui: key %2d %-9s %6.2f ms: CPU ms in its frame: update %.2f (search %.2f), "
                "draw %.2f, present %.2f; main-thread CPU %.2f ms; %ld strings rasterised\n",
                n, key, ms, update, search, draw, present, cpu, texts);
    } else {
        fprintf(stderr, "bench ui: key %2d %6.2f ms (the kiosk did not say what it cost)\n", n, ms);
    }
}

/* Starts Xvfb on a free display of WIDTH x HEIGHT; fills `display` (":N") and `*pid`. Returns
 * false with `why` set when it cannot. */
static bool start_xvfb(char *display, size_t cap, pid_t *pid, char *why, size_t why_cap) {
    int fds[2];
    if (pipe(fds) != 0) {
        str_format(why, why_cap, "pipe: %s", strerror(errno));
        return false;
    }
    fflush(NULL);
    *pid = fork();
    if (*pid < 0) {
        str_format(why, why_cap, "fork: %s", strerror(errno));
        close(fds[0]);
        close(fds[1]);
        return false;
    }
    if (*pid == 0) {
        close(fds[0]);
        char fd[16], screen[32];
        str_format(fd, sizeof fd, "%d", fds[1]);
        str_format(screen, sizeof screen, "%dx%dx24", WIDTH, HEIGHT);
        int null = open("/dev/null", O_WRONLY);
        if (null >= 0) {
            dup2(null, STDOUT_FILENO);
            dup2(null, STDERR_FILENO);
        }
        execlp("Xvfb", "Xvfb", "-displayfd", fd, "-screen", "0", screen, "-nolisten", "tcp",
               (char *)NULL);
        _exit(127);
    }
    close(fds[1]);
    /* Xvfb writes the display number when it accepts connections. */
    char buf[32] = "";
    size_t got = 0;
    struct pollfd pf = {.fd = fds[0], .events = POLLIN};
    while (got < sizeof buf - 1 && poll(&pf, 1, 10000) > 0) {
        ssize_t r = read(fds[0], buf + got, sizeof buf - 1 - got);
        if (r <= 0) {
            break;
        }
        got += (size_t)r;
        if (memchr(buf, '\n', got)) {
            break;
        }
    }
    close(fds[0]);
    buf[got] = '\0';
    if (got == 0 || !memchr(buf, '\n', got)) {
        kill(*pid, SIGTERM);
        waitpid(*pid, NULL, 0);
        str_format(why, why_cap, "Xvfb did not start");
        return false;
    }
    str_format(display, cap, ":%d", atoi(buf));
    return true;
}

static void stop_xvfb(pid_t pid) {
    if (pid > 0) {
        kill(pid, SIGTERM);
        waitpid(pid, NULL, 0);
    }
}

/* Launches the kiosk (this program) on `display` with `db_path`, lets it drive itself, and
 * collects its report. Returns false with `why` set when it did not report to the end. */
static bool run_live(const char *display, const char *db_path, int scroll, int keys,
                     live_report *out, char *why, size_t why_cap) {
    bool verbose = out->verbose;
    memset(out, 0, sizeof *out);
    out->verbose = verbose;
    int fds[2];
    if (pipe(fds) != 0) {
        str_format(why, why_cap, "pipe: %s", strerror(errno));
        return false;
    }
    fflush(NULL);
    double t0 = bench_now_ms();
    pid_t pid = fork();
    if (pid < 0) {
        str_format(why, why_cap, "fork: %s", strerror(errno));
        close(fds[0]);
        close(fds[1]);
        return false;
    }
    if (pid == 0) {
        close(fds[0]);
        char fd[16], n_scroll[16], n_keys[16];
        str_format(fd, sizeof fd, "%d", fds[1]);
        str_format(n_scroll, sizeof n_scroll, "%d", scroll);
        str_format(n_keys, sizeof n_keys, "%d", keys);
        setenv("DISPLAY", display, 1);
        unsetenv("SDL_VIDEODRIVER");
        unsetenv("SDL_RENDER_DRIVER");
        unsetenv("WAYLAND_DISPLAY");
        setenv("OCOP_BENCH_FD", fd, 1);
        setenv("OCOP_BENCH_SCROLL", n_scroll, 1);
        setenv("OCOP_BENCH_KEYS", n_keys, 1);
        execl("/proc/self/exe", "ocop-kiosk", "--db", db_path, (char *)NULL);
        _exit(127);
    }
    close(fds[1]);
    char buf[4096];
    size_t have = 0;
    struct pollfd pf = {.fd = fds[0], .events = POLLIN};
    double deadline = t0 + LIVE_WAIT_MS;
    bool timed_out = false, eof = false;
    while (!eof) {
        int left = (int)(deadline - bench_now_ms());
        if (left <= 0 || poll(&pf, 1, left) <= 0) {
            timed_out = true;
            break;
        }
        ssize_t got = read(fds[0], buf + have, sizeof buf - 1 - have);
        double at = bench_now_ms();
        if (got <= 0) {
            eof = true;
            got = 0;
        }
        have += (size_t)got;
        buf[have] = '\0';
        /* Whole lines "name value". */
        char *line = buf, *nl;
        while ((nl = strchr(line, '\n')) != NULL) {
            *nl = '\0';
            double v = 0;
            char name[64] = "";
            if (strncmp(line, "video_driver ", 13) == 0) {
                str_copy(out->video_driver, sizeof out->video_driver, line + 13);
            } else if (strncmp(line, "key_cost ", 9) == 0) {
                str_copy(out->key_cost, sizeof out->key_cost, line + 9);
            } else if (sscanf(line, "%63s %lf", name, &v) == 2) {
                if (strcmp(name, "first_frame_ms") == 0) {
                    out->launch_ms = at - t0;
                } else if (strcmp(name, "pss_kib") == 0) {
                    out->pss_mib = v / 1024.0;
                } else if (strcmp(name, "rss_peak_kib") == 0) {
                    out->rss_peak_mib = v / 1024.0;
                } else if (strcmp(name, "scroll_frame_ms") == 0) {
                    push_sample(&out->scroll_ms, &out->n_scroll, &out->cap_scroll, v);
                } else if (strcmp(name, "key_to_frame_ms") == 0) {
                    push_sample(&out->key_ms, &out->n_key, &out->cap_key, v);
                    if (out->verbose) {
                        print_key(out->n_key, v, out->key_cost);
                    }
                    out->key_cost[0] = '\0';
                } else if (strcmp(name, "done") == 0) {
                    out->done = true;
                }
            }
            line = nl + 1;
        }
        have = strlen(line);
        memmove(buf, line, have);
        if (have == sizeof buf - 1) {
            have = 0; /* a line too long to be ours */
        }
    }
    close(fds[0]);
    if (timed_out) {
        kill(pid, SIGKILL);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    if (!out->done) {
        str_format(why, why_cap, "the kiosk %s before it reported to the end (exit status %d)",
                   timed_out ? "took too long" : "stopped",
                   WIFEXITED(status) ? WEXITSTATUS(status) : -1);
        return false;
    }
    /* Another X server started at the same moment can take the display Xvfb chose; the kiosk
     * then cannot connect and SDL opens an offscreen OpenGL surface instead (seen on the shared
     * box: twice the CPU time, all of it Mesa's). */
    if (strcmp(out->video_driver, "x11") != 0) {
        str_format(why, why_cap,
                   "the kiosk did not open its window on the X display %s (SDL's video driver: "
                   "%s)",
                   display, out->video_driver[0] ? out->video_driver : "not reported");
        return false;
    }
    return true;
}

static void live_free(live_report *l) {
    free(l->scroll_ms);
    free(l->key_ms);
    memset(l, 0, sizeof *l);
}

/* The demo catalogue imported into `path`, as a new kiosk seeds it. */
static bool make_demo_db(bench_report *r, const char *path) {
    char catalog[1024], capacity[1024];
    if (!paths_data_file(catalog, sizeof catalog, "assets/catalog/catalog.csv") ||
        !paths_data_file(capacity, sizeof capacity, "assets/catalog/capacity.csv")) {
        bench_fail(r, "the demo catalogue's path is too long");
        return false;
    }
    db *d = NULL;
    ocop_error err;
    if (db_open(path, DB_OPEN_CREATE, &d, &err) != 0) {
        bench_fail(r, "%s", err.msg);
        return false;
    }
    struct stat st;
    int rc = catalog_db_seed(d, catalog, stat(capacity, &st) == 0 ? capacity : NULL, &err);
    db_close(d);
    if (rc < 0) {
        bench_fail(r, "demo catalogue: %s", err.msg);
        return false;
    }
    return true;
}

/* Writes back dirty pages and evicts every clean file page from the page cache, as after a
 * reboot (the running X server keeps what it has mapped). Returns false with `why` set when the
 * kernel refuses (only root may). */
static bool drop_page_cache(char *why, size_t why_cap) {
    sync();
    int fd = open("/proc/sys/vm/drop_caches", O_WRONLY | O_CLOEXEC);
    if (fd < 0 || write(fd, "3", 1) != 1) {
        str_format(why, why_cap, "cannot write /proc/sys/vm/drop_caches (root only): %s",
                   strerror(errno));
        if (fd >= 0) {
            close(fd);
        }
        return false;
    }
    close(fd);
    return true;
}

static bool on_path(const char *program) {
    const char *path = getenv("PATH");
    char *copy = xstrdup(path ? path : "/usr/bin:/bin");
    bool found = false;
    char *save = NULL;
    for (char *dir = strtok_r(copy, ":", &save); dir && !found; dir = strtok_r(NULL, ":", &save)) {
        char full[4096];
        str_format(full, sizeof full, "%s/%s", dir, program);
        found = access(full, X_OK) == 0;
    }
    free(copy);
    return found;
}

/* The real-window figures; prints why and adds nothing when there is no display. */
static void bench_live(bench_report *r, const char *db_20k, const bench_ui_sizes *z) {
    char display[64] = "", why[256] = "";
    pid_t xvfb = 0;
    if (on_path("Xvfb")) {
        if (!start_xvfb(display, sizeof display, &xvfb, why, sizeof why)) {
            bench_fail(r, "real window: %s", why);
            return;
        }
    } else if (getenv("DISPLAY") && *getenv("DISPLAY")) {
        str_copy(display, sizeof display, getenv("DISPLAY"));
    } else {
        fprintf(stderr, "bench ui: real window skipped: Xvfb is not installed and there is no "
                        "DISPLAY (scripts/install-deps.sh --test installs xvfb)\n");
        return;
    }
    char db_demo[1024];
    str_format(db_demo, sizeof db_demo, "%s/ui_demo.db", bench_scratch_dir(r));
    if (!make_demo_db(r, db_demo)) {
        stop_xvfb(xvfb);
        return;
    }
    double launch[2][START_RUNS], pss[2][START_RUNS];
    OCOP_ASSERT(z->start_runs <= START_RUNS);
    const char *dbs[2] = {db_demo, db_20k};
    live_report l = {0};
    for (int i = 0; i < z->start_runs; i++) {
        for (int k = 0; k < 2; k++) {
            if (!run_live(display, dbs[k], 0, 0, &l, why, sizeof why)) {
                bench_fail(r, "real window, start on %s: %s", dbs[k], why);
                live_free(&l);
                stop_xvfb(xvfb);
                return;
            }
            launch[k][i] = l.launch_ms;
            pss[k][i] = l.pss_mib;
            live_free(&l);
        }
    }
    bench_add(r, "start_first_frame_demo_ms", bench_percentile(launch[0], z->start_runs, 0.5), "ms",
              z->start_runs);
    bench_add(r, "start_first_frame_ms", bench_percentile(launch[1], z->start_runs, 0.5), "ms",
              z->start_runs);
    bench_add(r, "pss_demo_mb", bench_percentile(pss[0], z->start_runs, 0.5), "MiB", z->start_runs);
    bench_add(r, "pss_20k_mb", bench_percentile(pss[1], z->start_runs, 0.5), "MiB", z->start_runs);

    double uncached[START_RUNS];
    OCOP_ASSERT(z->uncached_runs <= START_RUNS);
    int n_uncached = 0;
    for (int i = 0; i < z->uncached_runs; i++) {
        if (!drop_page_cache(why, sizeof why)) {
            fprintf(stderr, "bench ui: start from an empty page cache skipped: %s\n", why);
            break;
        }
        if (!run_live(display, db_demo, 0, 0, &l, why, sizeof why)) {
            bench_fail(r, "real window, start from an empty page cache: %s", why);
            live_free(&l);
            stop_xvfb(xvfb);
            return;
        }
        uncached[n_uncached++] = l.launch_ms;
        live_free(&l);
    }
    if (n_uncached > 0) {
        bench_add(r, "start_first_frame_uncached_demo_ms",
                  bench_percentile(uncached, n_uncached, 0.5), "ms", n_uncached);
    }

    l.verbose = bench_verbose(r);
    if (!run_live(display, db_20k, z->live_scroll, z->live_keys, &l, why, sizeof why)) {
        bench_fail(r, "real window, scrolling and typing: %s", why);
    } else if (l.n_scroll == 0 || l.n_key == 0) {
        bench_fail(r, "real window: %d scroll frames and %d keystrokes reported", l.n_scroll,
                   l.n_key);
    } else {
        bench_add(r, "scroll_frame_p50_ms", bench_percentile(l.scroll_ms, l.n_scroll, 0.5), "ms",
                  l.n_scroll);
        bench_add(r, "scroll_frame_p99_ms", bench_percentile(l.scroll_ms, l.n_scroll, 0.99), "ms",
                  l.n_scroll);
        bench_add(r, "scroll_frame_max_ms", bench_percentile(l.scroll_ms, l.n_scroll, 1.0), "ms",
                  l.n_scroll);
        bench_add(r, "key_to_frame_p50_ms", bench_percentile(l.key_ms, l.n_key, 0.5), "ms",
                  l.n_key);
        bench_add(r, "key_to_frame_p95_ms", bench_percentile(l.key_ms, l.n_key, 0.95), "ms",
                  l.n_key);
        bench_add(r, "rss_peak_mb", l.rss_peak_mib, "MiB", 1);
    }
    live_free(&l);
    stop_xvfb(xvfb);
}

void bench_ui(bench_report *r) {
    bench_ui_sizes z = {GRID_PRODUCTS, SCROLL_FRAMES, COLD_RUNS, START_RUNS,
                        LIVE_SCROLL,   LIVE_KEYS,     START_RUNS};
    if (bench_small(r)) {
        z = (bench_ui_sizes){2000, 60, 1, 1, 120, 5, 1};
    }
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
    o.n_products = z.products;
    o.code_prefix = "UI";
    o.n_months = 0;
    int made = catgen_generate(d, &o, &err);
    db_close(d);
    if (made != z.products) {
        bench_fail(r, "catalogue of %d products: %s", z.products, made < 0 ? err.msg : "short");
        return;
    }
    /* The real window first (its children exec the kiosk with the caller's video setup). */
    bench_live(r, db_path, &z);
    /* The SDL dummy driver: no display needed, the software renderer. */
    setenv("SDL_VIDEODRIVER", "dummy", 1);

    child_report *rep = xcalloc(1, sizeof *rep);
    double cold[COLD_RUNS];
    OCOP_ASSERT(z.cold_runs <= COLD_RUNS);
    int n_cold = 0;
    for (int i = 0; i < z.cold_runs; i++) {
        if (!run_child(db_path, 0, rep) || !rep->ok) {
            bench_fail(r, "cold start: %s", rep->ok ? "the child did not report" : rep->error);
            free(rep);
            return;
        }
        cold[n_cold++] = rep->result.cold_start_ms;
    }
    bench_add(r, "ui_cold_start_to_first_frame_ms", bench_percentile(cold, n_cold, 0.5), "ms",
              n_cold);

    if (!run_child(db_path, z.scroll_frames, rep) || !rep->ok) {
        bench_fail(r, "scrolling: %s", rep->ok ? "the child did not report" : rep->error);
        free(rep);
        return;
    }
    ui_bench_result *res = &rep->result;
    if (res->products != z.products || res->scrolled_px <= 0) {
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
