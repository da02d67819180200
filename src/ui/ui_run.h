/*
 * ui_run.h: the two ways the kiosk runs: the real loop on a window (`ocop-kiosk`), and headless
 * screenshots after an optional script of touches (`ocop-kiosk shot`).
 */
#ifndef OCOP_UI_RUN_H
#define OCOP_UI_RUN_H

#include "core/config.h"
#include "ui/ui_catalog.h"

typedef struct ui_run_options {
    int width, height;  /* window size; 0, 0: full screen at the display's size */
    const char *lang;   /* "vi", "en" or NULL for kiosk.ini's */
    bool software;      /* force the software renderer */
    int max_frames;     /* stop after this many frames (0 = run until quit); for smoke tests */
    const char *script; /* touches and screenshots to play in the real window (as `shot`'s
                           script, on the real clock), or NULL */
    struct sync_thread *sync; /* the kiosk's sync thread (sync_thread.h), or NULL */
} ui_run_options;

/* Runs the kiosk until the window closes. `catalog` is borrowed. Returns 0, or -1 with `err`
 * set (no display, missing font …, or "SCRIPT:LINE: reason" when the script fails). */
int ui_run_kiosk(const kiosk_config *config, ui_catalog *catalog, const ui_run_options *o,
                 ocop_error *err);

typedef struct ui_shot_options {
    const char *screen; /* attract|browse|product|inquiry|result|thanks */
    int width, height;
    const char *output;  /* PNG path */
    const char *product; /* product code for product/inquiry/result/thanks, or NULL */
    const char *lang;    /* "vi", "en" or NULL */
    const char *script;  /* script file, or NULL */
    bool large;          /* large-text mode */
    const char *texts;   /* also write the screen's texts and widgets here (ui_texts.h), or NULL */
    struct sync_thread *sync; /* the kiosk's sync thread (sync_thread.h), or NULL */
} ui_shot_options;

/* Renders a screen headless (dummy driver, software renderer, fake clock) after running the
 * script; writes the PNG (and o->texts) and every `shot FILE` of the script. A product code the
 * catalogue does not hold is refused. Returns 0, or -1 with `err` set as "SCRIPT:LINE: reason"
 * for script errors. */
int ui_run_shot(const kiosk_config *config, ui_catalog *catalog, const ui_shot_options *o,
                ocop_error *err);

/* What ui_run_bench measured. */
#define UI_BENCH_MAX_FRAMES 4096
typedef struct ui_bench_result {
    double cold_start_ms; /* open the database, the display, fonts, strings; first frame shown */
    int n_frames;
    double frame_ms[UI_BENCH_MAX_FRAMES];  /* input + update + draw + present, per frame */
    double update_ms[UI_BENCH_MAX_FRAMES]; /* of which input + update (layout, queries) */
    double draw_ms[UI_BENCH_MAX_FRAMES];   /* of which draw (rendering) */
    double scrolled_px;                    /* how far the grid moved */
    int products;                          /* results in the grid */
} ui_bench_result;

/* The kiosk's own benchmark (DESIGN §7), headless at w x h with the software renderer: cold start
 * on the database at `db_path` to the first frame, then `frames` frames (at most
 * UI_BENCH_MAX_FRAMES; 0 = only the cold start) of touch scrolling through the browse grid:
 * drags and flicks that coast, on a fake 16 ms clock, timed with the real clock. Returns 0, or -1
 * with `err` set. */
int ui_run_bench(const kiosk_config *config, const char *db_path, int w, int h, int frames,
                 ui_bench_result *out, ocop_error *err);

#endif
