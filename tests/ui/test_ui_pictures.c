/* test_ui_pictures.c: every illustration in assets/catalog/images (product kinds, picture.h, and
 * groups) renders through the kiosk's own image loader (ui_images: SDL_image's SVG rasteriser on
 * the worker thread, then a texture) to a picture with a drawing in it, at card size and at the
 * product page's size.
 *
 * With OCOP_RENDER_DIR set, a contact sheet of all of them at each size is written there
 * (pictures_<size>.png), to look at them. */
#include "test_support.h"

#include "core/base.h"
#include "core/config.h"
#include "db/catalog_db.h"
#include "ui/ui_catalog.h"
#include "ui/ui_images.h"
#include "ui/ui_run.h"

#include <SDL.h>
#include <SDL_image.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_FILES 128
#define WAIT_MS   20000u /* the worker decodes one file in milliseconds; this is a hang */

typedef struct sheet {
    char names[MAX_FILES][64];
    int count;
} sheet;

static void list_svgs(sheet *s) {
    DIR *dir = opendir(OCOP_SOURCE_DIR "/assets/catalog/images");
    assert_non_null(dir);
    struct dirent *e;
    s->count = 0;
    while ((e = readdir(dir))) {
        size_t n = strlen(e->d_name);
        if (n > 4 && strcmp(e->d_name + n - 4, ".svg") == 0) {
            assert_true(s->count < MAX_FILES);
            str_copy(s->names[s->count++], sizeof s->names[0], e->d_name);
        }
    }
    closedir(dir);
    /* Sorted, so the sheet reads alphabetically. */
    for (int i = 1; i < s->count; i++) {
        for (int j = i; j > 0 && strcmp(s->names[j - 1], s->names[j]) > 0; j--) {
            char t[64];
            memcpy(t, s->names[j], sizeof t);
            memcpy(s->names[j], s->names[j - 1], sizeof t);
            memcpy(s->names[j - 1], t, sizeof t);
        }
    }
}

/* Distinct opaque colours in `r` of the surface, on a grid of about 24 × 24 samples. */
static int distinct_colours(SDL_Surface *s, SDL_Rect r) {
    Uint32 seen[64];
    int n = 0;
    int step = r.w / 24 > 0 ? r.w / 24 : 1;
    for (int y = r.y; y < r.y + r.h; y += step) {
        for (int x = r.x; x < r.x + r.w; x += step) {
            Uint32 px = ((Uint32 *)((Uint8 *)s->pixels + y * s->pitch))[x];
            bool known = false;
            for (int i = 0; i < n; i++) {
                known = known || seen[i] == px;
            }
            if (!known && n < 64) {
                seen[n++] = px;
            }
        }
    }
    return n;
}

/* Renders every illustration at side × side through ui_images into cells of one surface and
 * checks each cell holds a drawing. */
static void render_all_at(int side) {
    sheet files;
    list_svgs(&files);
    assert_true(files.count >= 32); /* 25 product kinds or more, and the groups */
    int cols = 8, rows = (files.count + cols - 1) / cols;
    SDL_Surface *target =
        SDL_CreateRGBSurfaceWithFormat(0, cols * side, rows * side, 32, SDL_PIXELFORMAT_ARGB8888);
    assert_non_null(target);
    SDL_Renderer *ren = SDL_CreateSoftwareRenderer(target);
    assert_non_null(ren);
    ui_images *im = ui_images_create(ren, 256u << 20);
    char path[1024];
    for (int i = 0; i < files.count; i++) {
        str_format(path, sizeof path, "%s/assets/catalog/images/%s", OCOP_SOURCE_DIR,
                   files.names[i]);
        ui_images_request(im, path, side, side);
    }
    Uint32 start = SDL_GetTicks();
    while (ui_images_busy(im) && SDL_GetTicks() - start < WAIT_MS) {
        ui_images_pump(im);
        SDL_Delay(5);
    }
    ui_images_pump(im);
    assert_false(ui_images_busy(im));
    SDL_SetRenderDrawColor(ren, 255, 0, 255, 255); /* magenta: a cell left empty shows */
    SDL_RenderClear(ren);
    for (int i = 0; i < files.count; i++) {
        str_format(path, sizeof path, "%s/assets/catalog/images/%s", OCOP_SOURCE_DIR,
                   files.names[i]);
        int tw = 0, th = 0;
        SDL_Texture *tex = ui_images_lookup(im, path, side, side, &tw, &th);
        if (!tex) {
            fail_msg("%s did not load at %dx%d", files.names[i], side, side);
        }
        assert_int_equal(tw, side);
        assert_int_equal(th, side);
        SDL_Rect cell = {(i % cols) * side, (i / cols) * side, side, side};
        SDL_RenderCopy(ren, tex, NULL, &cell);
    }
    SDL_RenderPresent(ren);
    for (int i = 0; i < files.count; i++) {
        SDL_Rect cell = {(i % cols) * side, (i / cols) * side, side, side};
        /* The middle of the picture, where the thing is drawn, not only its backdrop. */
        SDL_Rect middle = {cell.x + side / 4, cell.y + side / 4, side / 2, side / 2};
        int all = distinct_colours(target, cell), mid = distinct_colours(target, middle);
        if (all < 6 || mid < 4) {
            fail_msg("%s at %d px looks empty: %d colours, %d in the middle", files.names[i], side,
                     all, mid);
        }
    }
    const char *out_dir = getenv("OCOP_RENDER_DIR");
    if (out_dir && *out_dir) {
        char png[1024];
        str_format(png, sizeof png, "%s/pictures_%d.png", out_dir, side);
        assert_int_equal(IMG_SavePNG(target, png), 0);
    }
    ui_images_destroy(im);
    SDL_DestroyRenderer(ren);
    SDL_FreeSurface(target);
}

static void every_illustration_renders_with_a_drawing_at_card_size(void **state) {
    (void)state;
    render_all_at(120); /* a browse card's picture at 1280x800 */
}

static void every_illustration_renders_with_a_drawing_at_the_product_page_size(void **state) {
    (void)state;
    render_all_at(272); /* the product page's picture at 800x480 is 34 % of the width */
}

/* True when the ARGB pixel is (near) the colour rgb. */
static bool near(Uint32 px, Uint32 rgb) {
    for (int shift = 0; shift < 24; shift += 8) {
        int d = (int)((px >> shift) & 0xFF) - (int)((rgb >> shift) & 0xFF);
        if (d < -24 || d > 24) {
            return false;
        }
    }
    return true;
}

#define PHOTO_MIDDLE 0xE0169Cu /* the photo's middle half */
#define PHOTO_ENDS   0x1E50DCu /* its left and right quarters */

/* An organiser's photo four times as wide as high, in the catalogue's `image` column: the product
 * page shows its middle filling the square frame. Fitted whole, it would leave bands above and
 * below and show its blue ends; stretched, it would show the ends at the frame's sides. */
static void an_organisers_wide_photo_fills_the_frame_cropped_not_stretched(void **state) {
    (void)state;
    const char *dir = test_tmpdir();
    char photo[1024], csv[1024], dbp[1024], out[1024];
    str_format(photo, sizeof photo, "%s/photo.png", dir);
    str_format(csv, sizeof csv, "%s/catalog.csv", dir);
    str_format(dbp, sizeof dbp, "%s/kiosk.db", dir);
    str_format(out, sizeof out, "%s/product.png", dir);
    SDL_Surface *p = SDL_CreateRGBSurfaceWithFormat(0, 800, 200, 32, SDL_PIXELFORMAT_ARGB8888);
    assert_non_null(p);
    SDL_FillRect(p, NULL, SDL_MapRGB(p->format, 0x1E, 0x50, 0xDC));
    SDL_FillRect(p, &(SDL_Rect){200, 0, 400, 200}, SDL_MapRGB(p->format, 0xE0, 0x16, 0x9C));
    assert_int_equal(IMG_SavePNG(p, photo), 0);
    SDL_FreeSurface(p);
    FILE *f = fopen(csv, "w");
    assert_non_null(f);
    fputs("code,name_vi,producer,province,stars,group,unit,image\n"
          "P-1,Kẹo dừa,Cơ sở A,Trà Vinh,4,food,kg,photo.png\n",
          f);
    fclose(f);
    db *d = test_open_db(dbp);
    assert_int_equal(catalog_db_import(d, csv, NULL, stderr), 1);
    kiosk_config cfg;
    config_defaults(&cfg);
    ui_catalog *catalog = ui_catalog_from_db(d);
    ui_shot_options o = {.screen = "product",
                         .width = 1280,
                         .height = 800,
                         .output = out,
                         .product = "P-1",
                         .lang = "vi"};
    ocop_error err;
    int rc = ui_run_shot(&cfg, catalog, &o, &err);
    ui_catalog_destroy(catalog);
    db_close(d);
    if (rc != 0) {
        fail_msg("%s", err.msg);
    }
    SDL_Surface *loaded = IMG_Load(out);
    assert_non_null(loaded);
    SDL_Surface *s = SDL_ConvertSurfaceFormat(loaded, SDL_PIXELFORMAT_ARGB8888, 0);
    SDL_FreeSurface(loaded);
    assert_non_null(s);
    int x0 = s->w, y0 = s->h, x1 = -1, y1 = -1;
    long ends = 0;
    for (int y = 0; y < s->h; y++) {
        const Uint32 *row = (const Uint32 *)((const Uint8 *)s->pixels + y * s->pitch);
        for (int x = 0; x < s->w; x++) {
            if (near(row[x], PHOTO_MIDDLE)) {
                x0 = x < x0 ? x : x0;
                x1 = x > x1 ? x : x1;
                y0 = y < y0 ? y : y0;
                y1 = y > y1 ? y : y1;
            }
            ends += near(row[x], PHOTO_ENDS);
        }
    }
    int w = x1 - x0 + 1, h = y1 - y0 + 1;
    long inside = 0;
    for (int y = y0; y <= y1; y++) {
        const Uint32 *row = (const Uint32 *)((const Uint8 *)s->pixels + y * s->pitch);
        for (int x = x0; x <= x1; x++) {
            inside += near(row[x], PHOTO_MIDDLE);
        }
    }
    SDL_FreeSurface(s);
    printf("# photo shown at %d,%d %dx%d; %ld of its pixels the photo's middle; %ld of its ends\n",
           x0, y0, w, h, inside, ends);
    assert_true(w >= 200);
    assert_true(abs(w - h) <= 2);                  /* the square frame, filled */
    assert_true(inside >= (long)w * h * 99 / 100); /* no bands */
    assert_int_equal(ends, 0);                     /* the cut-off ends are not shown */
    test_tmpdir_remove();
}

static int setup(void **state) {
    (void)state;
    return SDL_Init(SDL_INIT_VIDEO) == 0 ? 0 : -1;
}

static int teardown(void **state) {
    (void)state;
    SDL_Quit();
    return 0;
}

int main(void) {
    setenv("SDL_VIDEODRIVER", "dummy", 0);
    setenv("OCOP_DATA_DIR", OCOP_SOURCE_DIR, 1);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_illustration_renders_with_a_drawing_at_card_size),
        cmocka_unit_test(every_illustration_renders_with_a_drawing_at_the_product_page_size),
        cmocka_unit_test(an_organisers_wide_photo_fills_the_frame_cropped_not_stretched),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
