/* test_ui_pictures.c: every illustration in assets/catalog/images (product kinds, picture.h, and
 * groups) renders through the kiosk's own image loader (ui_images: SDL_image's SVG rasteriser on
 * the worker thread, then a texture) to a picture with a drawing in it, at card size and at the
 * product page's size.
 *
 * With OCOP_RENDER_DIR set, a contact sheet of all of them at each size is written there
 * (pictures_<size>.png), to look at them. */
#include "test_support.h"

#include "core/base.h"
#include "ui/ui_images.h"

#include <SDL.h>
#include <SDL_image.h>
#include <dirent.h>
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
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_illustration_renders_with_a_drawing_at_card_size),
        cmocka_unit_test(every_illustration_renders_with_a_drawing_at_the_product_page_size),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
