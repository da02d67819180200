/*
 * test_ui_golden.c: golden screenshots. Each screen is rendered headless (dummy driver, software
 * renderer) on the demo catalogue as the real import makes it (one database for the program,
 * test_demo_db) with a fixed calendar, so a screen shows what a buyer sees (the result screen
 * the real instant match and its explanations), and compared with its reference in
 * tests/ui/golden/ with a tolerance (anti-aliasing may differ slightly between FreeType builds):
 * a pixel differs when a channel is off by more than PIXEL_TOLERANCE, and the picture fails when
 * more than MAX_DIFF_PER_10000 in 10,000 of its pixels differ. A failure writes NAME_err.png (the
 * picture with differing pixels in magenta) in the working directory. References change only
 * with OCOP_UPDATE_GOLDEN=1.
 */
#include "test_support.h"

#include "core/config.h"
#include "ui/ui_run.h"

#include <SDL.h>
#include <SDL_image.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PIXEL_TOLERANCE    40
#define MAX_DIFF_PER_10000 5 /* 0.05 %: a missing button (about 0.07 % at 800x480) fails */

static db *demo; /* the demo catalogue, opened once for every case */

typedef struct golden_case {
    const char *name;
    const char *screen;
    int w, h;
    const char *lang;
    bool large;
    const char *product;
} golden_case;

static const golden_case cases[] = {
    {"attract_1280x800_vi", "attract", 1280, 800, "vi", false, NULL},
    {"browse_1280x800_vi", "browse", 1280, 800, "vi", false, NULL},
    {"browse_1280x800_vi_large", "browse", 1280, 800, "vi", true, NULL},
    {"product_1280x800_en", "product", 1280, 800, "en", false, "TV-049"},
    {"inquiry_800x480_vi", "inquiry", 800, 480, "vi", false, "TV-006"},
    {"result_1920x1080_en", "result", 1920, 1080, "en", false, "TV-049"},
    {"thanks_1280x800_vi", "thanks", 1280, 800, "vi", false, "TV-049"},
};

static SDL_Surface *load_argb(const char *path) {
    SDL_Surface *s = IMG_Load(path);
    if (!s) {
        return NULL;
    }
    SDL_Surface *c = SDL_ConvertSurfaceFormat(s, SDL_PIXELFORMAT_ARGB8888, 0);
    SDL_FreeSurface(s);
    return c;
}

static void render(const golden_case *c, const char *out) {
    kiosk_config cfg;
    config_defaults(&cfg);
    ui_catalog *catalog = ui_catalog_from_db(demo);
    ui_shot_options o = {.screen = c->screen,
                         .width = c->w,
                         .height = c->h,
                         .output = out,
                         .product = c->product,
                         .lang = c->lang,
                         .large = c->large};
    ocop_error err;
    int rc = ui_run_shot(&cfg, catalog, &o, &err);
    ui_catalog_destroy(catalog);
    if (rc != 0) {
        fail_msg("%s: %s", c->name, err.msg);
    }
}

static void check_case(const golden_case *c) {
    const char *dir = test_tmpdir();
    char actual[1024], golden[1024];
    snprintf(actual, sizeof actual, "%s/%s.png", dir, c->name);
    snprintf(golden, sizeof golden, "%s/tests/ui/golden/%s.png", OCOP_SOURCE_DIR, c->name);
    render(c, actual);
    const char *update = getenv("OCOP_UPDATE_GOLDEN");
    if (update && strcmp(update, "1") == 0) {
        test_copy_file(actual, golden);
        printf("updated %s\n", golden);
        test_tmpdir_remove();
        return;
    }
    SDL_Surface *a = load_argb(actual), *g = load_argb(golden);
    assert_non_null(a);
    if (!g) {
        fail_msg("%s: no reference %s (make it with OCOP_UPDATE_GOLDEN=1 and look at it)", c->name,
                 golden);
    }
    if (a->w != g->w || a->h != g->h) {
        fail_msg("%s: size %dx%d, reference %dx%d", c->name, a->w, a->h, g->w, g->h);
    }
    long differing = 0;
    for (int y = 0; y < a->h; y++) {
        Uint32 *pa = (Uint32 *)((Uint8 *)a->pixels + y * a->pitch);
        const Uint32 *pg = (const Uint32 *)((const Uint8 *)g->pixels + y * g->pitch);
        for (int x = 0; x < a->w; x++) {
            bool differs = false;
            for (int shift = 0; shift < 24; shift += 8) {
                int ca = (int)((pa[x] >> shift) & 0xFF), cg = (int)((pg[x] >> shift) & 0xFF);
                differs |= abs(ca - cg) > PIXEL_TOLERANCE;
            }
            if (differs) {
                differing++;
                pa[x] = 0xFFFF00FF; /* magenta in the error picture */
            }
        }
    }
    long limit = (long)a->w * a->h * MAX_DIFF_PER_10000 / 10000;
    if (differing > limit) {
        char err_path[512];
        snprintf(err_path, sizeof err_path, "%s_err.png", c->name);
        IMG_SavePNG(a, err_path);
        SDL_FreeSurface(a);
        SDL_FreeSurface(g);
        fail_msg("%s: %ld pixels differ (limit %ld); see %s", c->name, differing, limit, err_path);
    }
    SDL_FreeSurface(a);
    SDL_FreeSurface(g);
    test_tmpdir_remove();
}

static void the_attract_screen_looks_as_approved(void **state) {
    (void)state;
    check_case(&cases[0]);
}
static void the_browse_grid_looks_as_approved(void **state) {
    (void)state;
    check_case(&cases[1]);
}
static void the_browse_grid_in_large_text_looks_as_approved(void **state) {
    (void)state;
    check_case(&cases[2]);
}
static void the_product_screen_in_english_looks_as_approved(void **state) {
    (void)state;
    check_case(&cases[3]);
}
static void the_inquiry_form_on_a_small_screen_looks_as_approved(void **state) {
    (void)state;
    check_case(&cases[4]);
}
static void the_match_result_at_full_hd_looks_as_approved(void **state) {
    (void)state;
    check_case(&cases[5]);
}
static void the_thank_you_screen_with_its_qr_code_looks_as_approved(void **state) {
    (void)state;
    check_case(&cases[6]);
}

int main(void) {
    setenv("SDL_VIDEODRIVER", "dummy", 0);
    setenv("OCOP_DATA_DIR", OCOP_SOURCE_DIR, 1);
    setenv("OCOP_TODAY", "2026-11-15", 1);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_attract_screen_looks_as_approved),
        cmocka_unit_test(the_browse_grid_looks_as_approved),
        cmocka_unit_test(the_browse_grid_in_large_text_looks_as_approved),
        cmocka_unit_test(the_product_screen_in_english_looks_as_approved),
        cmocka_unit_test(the_inquiry_form_on_a_small_screen_looks_as_approved),
        cmocka_unit_test(the_match_result_at_full_hd_looks_as_approved),
        cmocka_unit_test(the_thank_you_screen_with_its_qr_code_looks_as_approved),
    };
    demo = test_open_db(test_demo_db());
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    db_close(demo);
    return rc;
}
