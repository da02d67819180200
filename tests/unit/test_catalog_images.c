/* test_catalog_images.c: the project's group illustrations (assets/catalog/images/<group>.svg)
 * load through SDL_image as the kiosk loads them, at their own size and scaled.
 *
 * With OCOP_RENDER_DIR set, the 512×512 renderings are also written there as PNG files, to
 * look at them. */
#include "test_support.h"

#include "core/base.h"
#include "core/catalog.h"

#include <SDL.h>
#include <SDL_image.h>
#include <stdlib.h>

static const char *image_file(size_t i) {
    static char path[1024];
    str_format(path, sizeof path, "%s/assets/catalog/images/%s.svg", OCOP_SOURCE_DIR,
               catalog_group_key_at(i));
    return path;
}

/* The number of distinct opaque colours on a sparse grid of the surface: a drawing, not a flat
 * square or an empty canvas, has many. */
static int distinct_colours(SDL_Surface *s) {
    SDL_Surface *rgba = SDL_ConvertSurfaceFormat(s, SDL_PIXELFORMAT_RGBA32, 0);
    assert_non_null(rgba);
    Uint32 seen[64];
    int n = 0;
    for (int y = 0; y < rgba->h; y += rgba->h / 32) {
        for (int x = 0; x < rgba->w; x += rgba->w / 32) {
            Uint32 px = ((Uint32 *)((Uint8 *)rgba->pixels + y * rgba->pitch))[x];
            Uint8 r, g, b, a;
            SDL_GetRGBA(px, rgba->format, &r, &g, &b, &a);
            if (a < 255) {
                continue;
            }
            Uint32 key = (Uint32)r << 16 | (Uint32)g << 8 | b;
            bool known = false;
            for (int i = 0; i < n; i++) {
                known = known || seen[i] == key;
            }
            if (!known && n < 64) {
                seen[n++] = key;
            }
        }
    }
    SDL_FreeSurface(rgba);
    return n;
}

static void every_group_illustration_loads_with_img_load_at_256_by_256(void **state) {
    for (size_t i = 0; i < catalog_group_count(); i++) {
        SDL_Surface *s = IMG_Load(image_file(i));
        if (!s) {
            fail_msg("%s: %s", image_file(i), IMG_GetError());
        }
        assert_int_equal(s->w, 256);
        assert_int_equal(s->h, 256);
        if (distinct_colours(s) < 5) {
            fail_msg("%s looks empty (%d colours)", image_file(i), distinct_colours(s));
        }
        SDL_FreeSurface(s);
    }
}

static void every_group_illustration_scales_to_512_without_loss(void **state) {
    const char *out_dir = getenv("OCOP_RENDER_DIR");
    for (size_t i = 0; i < catalog_group_count(); i++) {
        SDL_RWops *rw = SDL_RWFromFile(image_file(i), "rb");
        assert_non_null(rw);
        assert_true(IMG_isSVG(rw));
        SDL_Surface *s = IMG_LoadSizedSVG_RW(rw, 512, 512);
        SDL_RWclose(rw);
        if (!s) {
            fail_msg("%s: %s", image_file(i), IMG_GetError());
        }
        assert_int_equal(s->w, 512);
        assert_int_equal(s->h, 512);
        assert_true(distinct_colours(s) >= 5);
        if (out_dir && *out_dir) {
            char png[1024];
            str_format(png, sizeof png, "%s/%s.png", out_dir, catalog_group_key_at(i));
            assert_int_equal(IMG_SavePNG(s, png), 0);
        }
        SDL_FreeSurface(s);
    }
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_group_illustration_loads_with_img_load_at_256_by_256),
        cmocka_unit_test(every_group_illustration_scales_to_512_without_loss),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
