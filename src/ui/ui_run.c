/* ui_run.c: the kiosk loop and headless screenshots with scripts; see ui_run.h. */
#include "ui/ui_run.h"

#include "core/clock.h"
#include "core/paths.h"
#include "core/script.h"
#include "db/db.h"
#include "ui/screens/screens.h"
#include "ui/ui_app.h"
#include "ui/ui_keyboard.h"
#include "ui/ui_platform.h"
#include "ui/ui_texts.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/resource.h>

#define IDLE_WAIT_MS   250   /* longest sleep between frames when nothing happens */
#define ANIM_WAIT_MS   16    /* while something moves */
#define SCRIPT_STEP_MS 16u   /* the fake clock's frame */
#define IMAGE_WAIT_MS  5000u /* real time a screenshot waits for pictures */
/* A script's wait runs frame by frame for at most this long, enough for a flick to coast out
 * (ui_scroll: 325 ms time constant) and a press to show; the rest of a longer wait is one jump
 * of the clock (the app computes idle timers and animations from the time, not from frames). */
#define SCRIPT_FRAMES_MS 2000u

static void apply_lang(ui_app *a, const char *lang) {
    if (lang) {
        ui_app_set_lang(a, str_ieq(lang, "en") ? UI_LANG_EN : UI_LANG_VI);
    }
}

/* ---- the real-window benchmark driver -------------------------------------------------- */

/* With OCOP_BENCH_FD=N in the environment (set by `ocop-kiosk bench --only ui`), the kiosk
 * opens on the browse grid and drives itself through SDL's event queue while it runs its real
 * loop on its real window: it reports the first frame, then its memory at rest (grid and
 * pictures shown, nothing moving), then OCOP_BENCH_SCROLL frames of finger drags and flicks
 * (the interval between presented frames while the grid moves), then OCOP_BENCH_KEYS
 * keystrokes into the search field (push of the key to the end of the frame that shows it),
 * each as one line "name value" on file descriptor N (first "video_driver NAME", SDL's), and
 * quits. Before each key's "key_to_frame_ms", a line "key_cost KEY UPDATE DRAW PRESENT SEARCH
 * CPU TEXTS" says what that key cost: the key ("space", "backspace" or the letter); the main
 * thread's CPU ms in the frame that shows it updating, drawing and presenting (X's own work to
 * show the frame is not in it); its CPU ms in searches and in all from the key to that frame;
 * and the strings rasterised for it. CPU time, not wall time: other programs on the machine do
 * not inflate it.
 * OCOP_BENCH_SCROLL=0 and OCOP_BENCH_KEYS=0 stop after the memory figure. */
#define BENCH_SETTLE_MS  1000u /* rest before memory is read */
#define BENCH_CYCLE      60    /* frames: press, 19 drag steps, release (flick), coasting */
#define BENCH_KEY_GAP_MS 150u  /* between keystrokes: the results and pictures settle */

typedef enum { BD_FIRST, BD_SETTLE, BD_SCROLL, BD_SCROLL_END, BD_KEYS, BD_DONE } bench_phase;

typedef struct bench_drive {
    FILE *out; /* NULL: not benchmarking */
    bench_phase phase;
    uint32_t phase_ms;
    int scroll_frames, keys; /* how many to do */
    int step;                /* scroll events pushed / keys typed */
    uint32_t next_ms;        /* when the next event is due */
    uint64_t last_present;   /* performance counter at the end of the previous frame */
    bool moving_before;      /* the grid was moving when the previous frame was presented */
    uint64_t key_pushed;     /* performance counter when the pending key was pushed; 0: none */
    char key_name[16];       /* the pending key, as "key_cost" names it */
    double key_cpu_ms;       /* the main thread's CPU time when it was pushed */
    double key_search_ms;    /* ui_catalog_search_ms then */
    long key_texts;          /* strings rasterised until then */
    int y;
} bench_drive;

/* Where the main thread's CPU time went in one frame, ms. */
typedef struct frame_cost {
    double update_ms, draw_ms, present_ms;
} frame_cost;

static double counter_ms(uint64_t ticks) {
    return (double)ticks * 1000.0 / (double)SDL_GetPerformanceFrequency();
}

/* The proportional set size of this process in KiB (smaps_rollup), or -1. */
static long pss_kib(void) {
    FILE *f = fopen("/proc/self/smaps_rollup", "r");
    if (!f) {
        return -1;
    }
    char line[256];
    long kib = -1;
    while (fgets(line, sizeof line, f)) {
        if (sscanf(line, "Pss: %ld kB", &kib) == 1) {
            break;
        }
    }
    fclose(f);
    return kib;
}

static int env_int(const char *name, int fallback) {
    const char *v = getenv(name);
    return v && *v ? atoi(v) : fallback;
}

static void bench_drive_init(bench_drive *b) {
    memset(b, 0, sizeof *b);
    const char *fd = getenv("OCOP_BENCH_FD");
    if (!fd || !*fd) {
        return;
    }
    b->out = fdopen(atoi(fd), "w");
    if (!b->out) {
        fprintf(stderr, "ocop-kiosk: OCOP_BENCH_FD=%s: %s\n", fd, strerror(errno));
        return;
    }
    setvbuf(b->out, NULL, _IOLBF, 0);
    /* Whole drag-flick-coast cycles, so that the finger is up at the end. */
    int scroll = env_int("OCOP_BENCH_SCROLL", 600);
    b->scroll_frames = scroll > 0 ? (scroll + BENCH_CYCLE - 1) / BENCH_CYCLE * BENCH_CYCLE : 0;
    b->keys = env_int("OCOP_BENCH_KEYS", 40);
}

static void push_finger(const ui_platform *p, Uint32 type, int y) {
    SDL_Event e = {.type = type};
    e.tfinger.touchId = 1;
    e.tfinger.fingerId = 0;
    e.tfinger.x = 0.5f;
    e.tfinger.y = (float)y / (float)p->h;
    e.tfinger.pressure = type == SDL_FINGERUP ? 0.0f : 1.0f;
    e.tfinger.timestamp = SDL_GetTicks();
    SDL_PushEvent(&e);
}

/* Between frames: pushes the events that are due. */
static void bench_drive_input(bench_drive *b, ui_app *a, const ui_platform *p, uint32_t now) {
    if (!b->out || now < b->next_ms) {
        return;
    }
    if (b->phase == BD_SETTLE && now - b->phase_ms >= BENCH_SETTLE_MS &&
        !ui_images_busy(a->images)) {
        fprintf(b->out, "pss_kib %ld\n", pss_kib());
        b->phase = b->scroll_frames > 0 ? BD_SCROLL : (b->keys > 0 ? BD_KEYS : BD_DONE);
        b->phase_ms = now;
        b->step = 0;
        if (b->phase == BD_KEYS) {
            ui_app_focus(a, UI_F_SEARCH);
            a->dirty = true;
            b->next_ms = now + 500;
        }
    } else if (b->phase == BD_SCROLL) {
        int phase = b->step % BENCH_CYCLE;
        int y0 = p->h * 3 / 4;
        if (phase == 0) {
            b->y = y0;
            push_finger(p, SDL_FINGERDOWN, b->y);
        } else if (phase < 20) {
            b->y -= p->h / 22;
            push_finger(p, SDL_FINGERMOTION, b->y);
        } else if (phase == 20) {
            push_finger(p, SDL_FINGERUP, b->y);
        }
        b->next_ms = now + ANIM_WAIT_MS;
        if (++b->step >= b->scroll_frames) {
            b->phase = BD_SCROLL_END;
        }
    } else if (b->phase == BD_SCROLL_END) {
        if (scr_browse_scroll(a)->amplitude == 0) {
            b->phase = b->keys > 0 ? BD_KEYS : BD_DONE;
            b->step = 0;
            if (b->phase == BD_KEYS) {
                ui_app_focus(a, UI_F_SEARCH);
                a->dirty = true;
                b->next_ms = now + 500;
            }
        }
    } else if (b->phase == BD_KEYS && b->key_pushed == 0) {
        /* A buyer types a query, fixes a letter, and types another. */
        static const char typed[] = "mat ong rung\bsu nuoc mam phu quoc\b\b\b\b\bbanh trang";
        char c = typed[b->step % (int)(sizeof typed - 1)];
        SDL_Event e = {0};
        if (c == '\b') {
            e.type = SDL_KEYDOWN;
            e.key.keysym.sym = SDLK_BACKSPACE;
            e.key.state = SDL_PRESSED;
        } else {
            e.type = SDL_TEXTINPUT;
            e.text.text[0] = c;
        }
        e.common.timestamp = SDL_GetTicks();
        str_copy(b->key_name, sizeof b->key_name,
                 c == '\b' ? "backspace" : (c == ' ' ? "space" : e.text.text));
        long hits;
        ui_text_stats(a->text, &b->key_texts, &hits);
        b->key_search_ms = ui_catalog_search_ms(a->catalog);
        b->key_cpu_ms = clock_thread_cpu_ms();
        b->key_pushed = SDL_GetPerformanceCounter();
        SDL_PushEvent(&e);
        b->step++;
    } else if (b->phase == BD_DONE) {
        struct rusage ru;
        getrusage(RUSAGE_SELF, &ru);
        fprintf(b->out, "rss_peak_kib %ld\ndone 1\n", (long)ru.ru_maxrss);
        a->quit = true;
    }
}

/* After a frame was presented; `cost` is that frame's. */
static void bench_drive_presented(bench_drive *b, ui_app *a, uint32_t start_ms, uint32_t now,
                                  const frame_cost *cost) {
    if (!b->out) {
        return;
    }
    uint64_t t = SDL_GetPerformanceCounter();
    const ui_scroll *sc = scr_browse_scroll(a);
    bool moving = sc->dragging || sc->amplitude != 0;
    if (b->phase == BD_FIRST) {
        /* Which window: SDL falls back to another driver (offscreen, with OpenGL) when it
         * cannot open the X display, and the figures would not be the real window's. */
        const char *driver = SDL_GetCurrentVideoDriver();
        fprintf(b->out, "video_driver %s\n", driver ? driver : "none");
        fprintf(b->out, "first_frame_ms %u\n", now - start_ms);
        b->phase = BD_SETTLE;
        b->phase_ms = now;
    } else if ((b->phase == BD_SCROLL || b->phase == BD_SCROLL_END) && b->moving_before) {
        fprintf(b->out, "scroll_frame_ms %.3f\n", counter_ms(t - b->last_present));
    } else if (b->phase == BD_KEYS && b->key_pushed != 0) {
        long texts, hits;
        ui_text_stats(a->text, &texts, &hits);
        fprintf(b->out, "key_cost %s %.3f %.3f %.3f %.3f %.3f %ld\n", b->key_name, cost->update_ms,
                cost->draw_ms, cost->present_ms,
                ui_catalog_search_ms(a->catalog) - b->key_search_ms,
                clock_thread_cpu_ms() - b->key_cpu_ms, texts - b->key_texts);
        fprintf(b->out, "key_to_frame_ms %.3f\n", counter_ms(t - b->key_pushed));
        b->key_pushed = 0;
        b->next_ms = now + BENCH_KEY_GAP_MS;
        if (b->step >= b->keys) {
            b->phase = BD_DONE;
        }
    }
    b->moving_before = moving;
    b->last_present = t;
}

static bool bench_drive_active(const bench_drive *b) {
    return b->out && b->phase != BD_SETTLE;
}

/* ---- headless screenshots and scripts -------------------------------------------------- */

/* A script runs either headless on a fake clock (`shot`), or live in the kiosk's real window
 * (`ocop-kiosk --script`): there time is real, frames are presented, and touches go in as SDL
 * finger events, through the same translation as a touch screen's. */
typedef struct shot_ctx {
    ui_platform p;
    ui_app *a;
    uint32_t clock;    /* headless: fake frame ms; the app's wall clock (manual) moves with it */
    bool live;         /* the kiosk's real window and clock */
    int frames;        /* live: frames presented */
    uint32_t t0;       /* live: when the kiosk started (SDL ticks) */
    bench_drive bench; /* live: `bench`'s self-driven run, when OCOP_BENCH_FD is set */
    bool warm;         /* live: warm up when idle (ui_app_warm); OCOP_WARM=0 turns it off */
} shot_ctx;

static uint32_t now_ms(const shot_ctx *c) {
    return c->live ? SDL_GetTicks() : c->clock;
}

/* One turn of the kiosk's loop: update, draw and present what changed, then wait for input
 * until `until` (SDL ticks) at the latest. */
static void live_frame(shot_ctx *c, uint32_t until) {
    ui_app *a = c->a;
    uint32_t turn_start = SDL_GetTicks();
    double t_update = clock_thread_cpu_ms();
    ui_app_update(a, turn_start);
    if (c->frames == 0) {
        clock_start_mark("first update");
    }
    if (a->dirty) {
        double t_draw = clock_thread_cpu_ms();
        ui_app_draw(a);
        double t_present = clock_thread_cpu_ms();
        if (c->frames == 0) {
            clock_start_mark("first draw");
        }
        SDL_RenderPresent(c->p.renderer);
        if (c->frames == 0) {
            clock_start_mark("first present");
        }
        a->dirty = false;
        frame_cost cost = {t_draw - t_update, t_present - t_draw,
                           clock_thread_cpu_ms() - t_present};
        bench_drive_presented(&c->bench, a, c->t0, SDL_GetTicks(), &cost);
        if (c->frames++ == 0 && getenv("OCOP_REPORT_START")) {
            fprintf(stderr, "ocop-kiosk: first frame after %u ms (%s renderer)\n",
                    SDL_GetTicks() - c->t0, c->p.renderer_name);
        }
    }
    /* Wait for input instead of spinning. While something moves (or a picture is being
     * decoded), wait only for what is left of the frame: updating, drawing and presenting
     * already took part of it. The frame is counted from the start of this turn, drawn or not:
     * counted from the last drawn frame, a turn that drew nothing (the attract screen between
     * slides) waited 0 ms, and the kiosk polled SDL about 20,000 times a second at rest. */
    bool busy = ui_images_busy(a->images) || scr_browse_scroll(a)->amplitude != 0 ||
                ui_app_current(a) == UI_SCREEN_ATTRACT || a->idle_warning ||
                bench_drive_active(&c->bench);
    /* The benchmark's input goes in here, so the frame after it is the one that shows it. */
    bench_drive_input(&c->bench, a, &c->p, SDL_GetTicks());
    /* Idle, with a frame on screen and no input waiting: one piece of the warm-up (a few ms),
     * and the next turn at once, which does the next piece unless input came. Never before
     * the first frame, never in front of a touch. OCOP_WARM=0 turns it off, to measure what
     * it saves (`bench --verbose` shows each key's cost). */
    bool warmed = false;
    if (c->frames > 0 && !a->dirty && a->warm_step < UI_WARM_DONE && c->warm) {
        SDL_PumpEvents();
        if (!SDL_HasEvents(SDL_FIRSTEVENT, SDL_LASTEVENT)) {
            uint64_t t = SDL_GetPerformanceCounter();
            double cpu = clock_thread_cpu_ms();
            const char *what = "";
            warmed = ui_app_warm(a, &what);
            if (warmed && getenv("OCOP_REPORT_START")) {
                fprintf(stderr, "ocop-kiosk: warm-up: %s, %.1f ms (CPU %.1f ms), after frame %d\n",
                        what, counter_ms(SDL_GetPerformanceCounter() - t),
                        clock_thread_cpu_ms() - cpu, c->frames);
            }
        }
    }
    uint32_t now = SDL_GetTicks();
    int timeout = IDLE_WAIT_MS;
    if (warmed) {
        timeout = 0;
    } else if (busy) {
        uint32_t spent = now - turn_start;
        timeout = spent >= ANIM_WAIT_MS ? 0 : ANIM_WAIT_MS - (int)spent;
    }
    if (until && (int32_t)(until - now) < timeout) {
        timeout = (int32_t)(until - now) > 0 ? (int)(until - now) : 0;
    }
    SDL_Event e;
    if (timeout > 0 ? SDL_WaitEventTimeout(&e, timeout) : SDL_PollEvent(&e)) {
        do {
            ui_event ev;
            if (ui_platform_translate(&c->p, &e, &ev, SDL_GetTicks())) {
                if (ev.type == UI_EV_RESIZE) {
                    a->dirty = true;
                }
                ui_app_event(a, &ev, SDL_GetTicks());
            }
        } while (SDL_PollEvent(&e));
    }
    ui_platform_tick(&c->p, SDL_GetTicks());
}

/* Moves both fake clocks on by `ms` and runs one frame. */
static void tick(shot_ctx *c, uint32_t ms) {
    c->clock += ms;
    clock_advance(&c->a->clock, ms);
    ui_app_update(c->a, c->clock);
}

/* Runs frames until `ms` have passed. Live: the kiosk's loop on the real clock. Headless: on the
 * fake clock, frame by frame for the first SCRIPT_FRAMES_MS, then one jump (`wait 86400000` is a
 * day later at once). */
static void advance(shot_ctx *c, uint32_t ms) {
    if (c->live) {
        uint32_t end = SDL_GetTicks() + ms;
        do {
            live_frame(c, end);
        } while ((int32_t)(end - SDL_GetTicks()) > 0 && !c->a->quit);
        return;
    }
    uint32_t framed = ms < SCRIPT_FRAMES_MS ? ms : SCRIPT_FRAMES_MS;
    uint32_t done = 0;
    do {
        uint32_t step = framed - done < SCRIPT_STEP_MS ? framed - done : SCRIPT_STEP_MS;
        tick(c, step);
        done += step;
    } while (done < framed);
    if (ms > framed) {
        tick(c, ms - framed);
    }
}

static void feed(shot_ctx *c, ui_event_type type, int x, int y) {
    if (c->live) {
        /* A touch screen's finger, in the window's 0..1 coordinates. */
        SDL_Event e = {0};
        e.type = type == UI_EV_PRESS ? SDL_FINGERDOWN
                                     : (type == UI_EV_RELEASE ? SDL_FINGERUP : SDL_FINGERMOTION);
        e.tfinger.timestamp = SDL_GetTicks();
        e.tfinger.touchId = 1;
        e.tfinger.fingerId = 0;
        e.tfinger.x = (float)x / (float)c->p.w;
        e.tfinger.y = (float)y / (float)c->p.h;
        e.tfinger.pressure = 1.0f;
        e.tfinger.windowID = SDL_GetWindowID(c->p.window);
        SDL_PushEvent(&e);
        return;
    }
    ui_event e = {.type = type, .x = x, .y = y};
    ui_app_event(c->a, &e, c->clock);
}

static void tap_at(shot_ctx *c, int x, int y) {
    feed(c, UI_EV_PRESS, x, y);
    advance(c, 60);
    feed(c, UI_EV_RELEASE, x, y);
    advance(c, 120);
}

/* Lets the picture settle: pictures decoded, layout done, then draws. */
static void render(shot_ctx *c) {
    uint32_t start = SDL_GetTicks();
    ui_app_update(c->a, now_ms(c));
    while (ui_images_busy(c->a->images) && SDL_GetTicks() - start < IMAGE_WAIT_MS) {
        SDL_Delay(2);
        ui_app_update(c->a, now_ms(c));
    }
    ui_app_update(c->a, now_ms(c));
    ui_app_draw(c->a);
    c->a->dirty = false;
}

/* Draws the screen and writes it as a PNG read back from the renderer (live: then shows it). */
static int save(shot_ctx *c, const char *path, ocop_error *err) {
    render(c);
    int rc = ui_platform_save_png(&c->p, path, err);
    if (c->live) {
        SDL_RenderPresent(c->p.renderer);
    }
    return rc;
}

static int run_step(shot_ctx *c, const script_step *st, const char *where, ocop_error *err) {
    switch (st->verb) {
    case SCRIPT_TAP_AT:
        tap_at(c, st->x1, st->y1);
        return 0;
    case SCRIPT_TAP_LABEL: {
        ui_app_update(c->a, now_ms(c));
        const ui_widget *w = ui_app_find(c->a, st->text);
        if (!w) {
            return error_set(err, "%s: tap: no visible widget labelled \"%s\" on screen %s", where,
                             st->text, c->a->stack[c->a->depth - 1]->name);
        }
        SDL_Rect seen = ui_widget_seen(w); /* the middle of what a finger can reach */
        tap_at(c, seen.x + seen.w / 2, seen.y + seen.h / 2);
        return 0;
    }
    case SCRIPT_DRAG: {
        feed(c, UI_EV_PRESS, st->x1, st->y1);
        int steps = (int)st->ms / (int)SCRIPT_STEP_MS;
        if (steps < 1) {
            steps = 1;
        }
        for (int i = 1; i <= steps; i++) {
            advance(c, SCRIPT_STEP_MS);
            feed(c, UI_EV_MOVE, st->x1 + (st->x2 - st->x1) * i / steps,
                 st->y1 + (st->y2 - st->y1) * i / steps);
        }
        feed(c, UI_EV_RELEASE, st->x2, st->y2);
        advance(c, SCRIPT_STEP_MS);
        return 0;
    }
    case SCRIPT_TYPE:
        if (c->a->session->focus < 0) {
            return error_set(err, "%s: type: no field has the keyboard (tap a field first)", where);
        }
        kb_type(c->a, st->text);
        advance(c, 50);
        return 0;
    case SCRIPT_WAIT:
        advance(c, (uint32_t)st->ms);
        return 0;
    case SCRIPT_SHOT:
        return save(c, st->text, err);
    }
    return error_set(err, "%s: unknown action", where);
}

/* Plays a script (core/script.h reads its lines) on the kiosk. */
static int run_script(shot_ctx *c, const char *path, ocop_error *err) {
    FILE *f = fopen(path, "r");
    if (!f) {
        return error_set(err, "%s: cannot open the script: %s", path, strerror(errno));
    }
    struct stat st;
    if (fstat(fileno(f), &st) != 0 || S_ISDIR(st.st_mode)) {
        fclose(f);
        return error_set(err, "%s: a folder, not a script", path);
    }
    char *line = NULL;
    size_t cap = 0;
    int lineno = 0, rc = 0;
    while (rc == 0 && getline(&line, &cap, f) != -1) {
        lineno++;
        char where[1100];
        str_format(where, sizeof where, "%s:%d", path, lineno);
        script_step step;
        ocop_error why;
        int got = script_parse_line(line, &step, &why);
        if (got < 0) {
            rc = error_set(err, "%s: %s", where, why.msg);
        } else if (got > 0) {
            rc = run_step(c, &step, where, err);
        }
    }
    if (rc == 0 && ferror(f)) {
        rc = error_set(err, "%s: cannot read the script: %s", path, strerror(errno));
    }
    free(line);
    fclose(f);
    return rc;
}

int ui_run_kiosk(const kiosk_config *config, ui_catalog *catalog, const ui_run_options *o,
                 ocop_error *err) {
    shot_ctx c = {.live = true, .t0 = SDL_GetTicks()};
    ui_platform_options po = {.width = o->width,
                              .height = o->height,
                              .software = o->software,
                              .renderer = config->renderer};
    if (ui_platform_open(&c.p, &po, err) != 0) {
        return -1;
    }
    clock_start_mark("window and renderer");
    c.a = ui_app_create(c.p.renderer, c.p.w, c.p.h, config, catalog, paths_data_dir(), err);
    if (!c.a) {
        ui_platform_close(&c.p);
        return -1;
    }
    clock_start_mark("strings, fonts and screens");
    ui_app *a = c.a;
    /* OCOP_NOW starts the kiosk's clock at that time, running at real speed. */
    if (clock_init_from_env(&a->clock, CLOCK_RUNNING, err) != 0) {
        ui_app_destroy(a);
        ui_platform_close(&c.p);
        return -1;
    }
    apply_lang(a, o->lang);
    a->record_views = true;
    a->sync = o->sync;
    kiosk_config *cfg = &a->config;
    if (o->lang) {
        str_copy(cfg->lang, sizeof cfg->lang, o->lang); /* the language the kiosk resets to */
    }
    bench_drive_init(&c.bench);
    c.warm = env_int("OCOP_WARM", 1) != 0;
    if (c.bench.out) {
        ui_app_show(a, UI_SCREEN_BROWSE);
    }
    ui_platform_wait_window(&c.p);
    clock_start_mark("framebuffer mapped");
    int rc = 0;
    if (o->script) {
        advance(&c, SCRIPT_STEP_MS); /* the first frame is on screen before the script starts */
        rc = run_script(&c, o->script, err);
    }
    while (rc == 0 && !a->quit && !(o->max_frames > 0 && c.frames >= o->max_frames)) {
        live_frame(&c, 0);
    }
    if (c.bench.out) {
        fclose(c.bench.out);
    }
    ui_app_destroy(a);
    ui_platform_close(&c.p);
    return rc;
}

int ui_run_shot(const kiosk_config *config, ui_catalog *catalog, const ui_shot_options *o,
                ocop_error *err) {
    int screen = ui_app_screen_by_name(o->screen);
    if (screen < 0) {
        return error_set(err,
                         "--screen %s: not a screen (attract, browse, product, inquiry, "
                         "result, thanks, organiser)",
                         o->screen);
    }
    shot_ctx c = {.clock = 1000};
    ui_platform_options po = {.width = o->width, .height = o->height, .headless = true};
    if (ui_platform_open(&c.p, &po, err) != 0) {
        return -1;
    }
    int rc = -1;
    kiosk_config cfg = *config;
    if (o->lang) {
        str_copy(cfg.lang, sizeof cfg.lang, str_ieq(o->lang, "en") ? "en" : "vi");
    }
    if (o->large) {
        cfg.large_text = true;
    }
    c.a = ui_app_create(c.p.renderer, c.p.w, c.p.h, &cfg, catalog, paths_data_dir(), err);
    if (!c.a) {
        goto done;
    }
    c.a->sync = o->sync;
    /* The wall clock of a shot moves only with the script (OCOP_NOW sets where it starts). */
    if (clock_init_from_env(&c.a->clock, CLOCK_MANUAL, err) != 0) {
        goto done;
    }
    ui_app_update(c.a, c.clock);
    if (screen != UI_SCREEN_ATTRACT) {
        /* The product: --product, else the first of the catalogue. */
        if (o->product) {
            product_record rec;
            int found = ui_catalog_get(catalog, o->product, &rec, err);
            if (found <= 0) {
                if (found == 0) {
                    error_set(err, "--product %s: no such product in the catalogue", o->product);
                }
                goto done;
            }
            str_copy(c.a->session->product, sizeof c.a->session->product, o->product);
        } else {
            search_results r;
            if (ui_catalog_search(catalog, NULL, NULL, 0, 1, &r, err) != 0) {
                goto done;
            }
            if (r.count > 0) {
                str_copy(c.a->session->product, sizeof c.a->session->product, r.items[0].code);
            }
            ui_catalog_results_free(catalog, &r);
        }
        if ((screen == UI_SCREEN_RESULT || screen == UI_SCREEN_THANKS) && !o->script) {
            /* A sample inquiry: the product's minimum order, next month. */
            ui_app_show(c.a, UI_SCREEN_INQUIRY);
            ui_app_update(c.a, c.clock);
            scr_inquiry_sample(c.a);
            if (scr_inquiry_submit(c.a, false) != 0) {
                rc = error_set(err, "sample inquiry: %s", c.a->session->form_error);
                goto done;
            }
            if (screen == UI_SCREEN_THANKS) {
                ui_app_go(c.a, UI_SCREEN_THANKS);
            }
        } else {
            ui_app_show(c.a, (ui_screen_id)screen);
        }
        advance(&c, SCRIPT_STEP_MS);
    }
    if (o->script && run_script(&c, o->script, err) != 0) {
        goto done;
    }
    if (o->texts) {
        ui_text_record(c.a->text, true);
    }
    rc = save(&c, o->output, err);
    if (rc == 0 && o->texts) {
        rc = ui_texts_write(c.a, o->texts, err);
    }
done:
    ui_app_destroy(c.a);
    ui_platform_close(&c.p);
    return rc;
}

/* ---- benchmark ---------------------------------------------------------------------------- */

int ui_run_bench(const kiosk_config *config, const char *db_path, int w, int h, int frames,
                 ui_bench_result *out, ocop_error *err) {
    memset(out, 0, sizeof *out);
    if (frames > UI_BENCH_MAX_FRAMES) {
        frames = UI_BENCH_MAX_FRAMES;
    }
    uint64_t t0 = SDL_GetPerformanceCounter();
    double freq = (double)SDL_GetPerformanceFrequency();
    db *d = NULL;
    if (db_open(db_path, 0, &d, err) != 0) {
        return -1;
    }
    ui_catalog *catalog = ui_catalog_from_db(d);
    shot_ctx c = {.clock = 1000};
    ui_platform_options po = {.width = w, .height = h, .headless = true};
    int rc = -1;
    if (ui_platform_open(&c.p, &po, err) != 0) {
        goto done;
    }
    c.a = ui_app_create(c.p.renderer, c.p.w, c.p.h, config, catalog, paths_data_dir(), err);
    if (!c.a || clock_init_from_env(&c.a->clock, CLOCK_MANUAL, err) != 0) {
        goto done;
    }
    ui_app_update(c.a, c.clock);
    ui_app_draw(c.a);
    SDL_RenderPresent(c.p.renderer);
    out->cold_start_ms = (double)(SDL_GetPerformanceCounter() - t0) * 1000.0 / freq;

    ui_app_show(c.a, UI_SCREEN_BROWSE);
    advance(&c, SCRIPT_STEP_MS);
    ui_app_draw(c.a);
    SDL_RenderPresent(c.p.renderer);
    ui_scroll *scroll = scr_browse_scroll(c.a);
    float start = scroll->offset;
    int x = c.p.w / 2, y0 = c.p.h * 3 / 4;
    int y = y0;
    /* Cycles of a 20-frame drag upwards (~3,000 px/s at 1080p), a release that flicks, and 40
     * frames of coasting. */
    for (int i = 0; i < frames; i++) {
        uint64_t f0 = SDL_GetPerformanceCounter();
        int phase = i % 60;
        c.clock += SCRIPT_STEP_MS;
        clock_advance(&c.a->clock, SCRIPT_STEP_MS);
        if (phase == 0) {
            y = y0;
            feed(&c, UI_EV_PRESS, x, y);
        } else if (phase < 20) {
            y -= h / 22;
            feed(&c, UI_EV_MOVE, x, y);
        } else if (phase == 20) {
            feed(&c, UI_EV_RELEASE, x, y);
        }
        ui_app_update(c.a, c.clock);
        uint64_t f1 = SDL_GetPerformanceCounter();
        ui_app_draw(c.a);
        uint64_t f2 = SDL_GetPerformanceCounter();
        SDL_RenderPresent(c.p.renderer);
        c.a->dirty = false;
        uint64_t f3 = SDL_GetPerformanceCounter();
        out->update_ms[out->n_frames] = (double)(f1 - f0) * 1000.0 / freq;
        out->draw_ms[out->n_frames] = (double)(f2 - f1) * 1000.0 / freq;
        out->frame_ms[out->n_frames++] = (double)(f3 - f0) * 1000.0 / freq;
    }
    out->scrolled_px = scroll->offset - start;
    search_results r;
    if (ui_catalog_search(catalog, NULL, NULL, 0, 1, &r, err) == 0) {
        out->products = r.total;
        ui_catalog_results_free(catalog, &r);
    }
    rc = 0;
done:
    ui_app_destroy(c.a);
    ui_platform_close(&c.p);
    ui_catalog_destroy(catalog);
    db_close(d);
    return rc;
}
