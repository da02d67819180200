/* test_ui_draw.c: the shapes of ui_draw.c, drawn by SDL's software renderer into a surface in
 * memory. A rounded rectangle is drawn from cached corners and plain bands (ui_draw.c); these
 * tests hold it to the polygon it replaces, drawn here with SDL_RenderGeometry as the shape code
 * drew it before (8 segments per corner, a fan from the centre). */
#include "test_support.h"

#include "ui/ui_draw.h"

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>

#define W        640
#define H        400
#define SEGMENTS 8
/* Pixels of a corner where the two drawings may disagree: one where the polygon's edge passes
 * through a pixel's centre, decided differently on the two sides of the fan's inner edges. */
#define SEAM_PIXELS_PER_CORNER 2

static const SDL_Color BG = {240, 235, 220, 255};

typedef struct canvas {
    SDL_Surface *surface;
    SDL_Renderer *ren;
} canvas;

static void canvas_open(canvas *c) {
    c->surface = SDL_CreateRGBSurfaceWithFormat(0, W, H, 32, SDL_PIXELFORMAT_ARGB8888);
    assert_non_null(c->surface);
    c->ren = SDL_CreateSoftwareRenderer(c->surface);
    assert_non_null(c->ren);
}

static void canvas_clear(canvas *c) {
    SDL_SetRenderDrawBlendMode(c->ren, SDL_BLENDMODE_NONE);
    SDL_SetRenderDrawColor(c->ren, BG.r, BG.g, BG.b, BG.a);
    SDL_RenderClear(c->ren);
}

static void canvas_close(canvas *c) {
    ui_draw_forget(c->ren);
    SDL_DestroyRenderer(c->ren);
    SDL_FreeSurface(c->surface);
}

static uint32_t *pixels_copy(canvas *c) {
    SDL_RenderFlush(c->ren);
    uint32_t *p = malloc((size_t)W * H * 4);
    assert_non_null(p);
    for (int y = 0; y < H; y++) {
        memcpy(p + y * W, (char *)c->surface->pixels + y * c->surface->pitch, (size_t)W * 4);
    }
    return p;
}

/* The polygon as the shape code drew it before corners were cached. */
static void reference_round_rect(SDL_Renderer *ren, SDL_Rect r, int radius, SDL_Color c) {
    SDL_Vertex v[4 * (SEGMENTS + 1) + 1];
    int idx[4 * (SEGMENTS + 1) * 3];
    const float pi = 3.14159265f;
    float cx = r.x + r.w / 2.0f, cy = r.y + r.h / 2.0f;
    v[0] = (SDL_Vertex){{cx, cy}, c, {0, 0}};
    const float corner_x[4] = {r.x + r.w - radius, r.x + radius, r.x + radius, r.x + r.w - radius};
    const float corner_y[4] = {r.y + radius, r.y + radius, r.y + r.h - radius, r.y + r.h - radius};
    int n = 1;
    for (int k = 0; k < 4; k++) {
        for (int i = 0; i <= SEGMENTS; i++) {
            float a = (k * 90.0f + i * 90.0f / SEGMENTS) * pi / 180.0f;
            v[n++] = (SDL_Vertex){
                {corner_x[k] + cosf(a) * radius, corner_y[k] - sinf(a) * radius}, c, {0, 0}};
        }
    }
    int m = 0;
    for (int i = 1; i < n; i++) {
        idx[m++] = 0;
        idx[m++] = i;
        idx[m++] = i + 1 < n ? i + 1 : 1;
    }
    SDL_SetRenderDrawBlendMode(ren, SDL_BLENDMODE_BLEND);
    SDL_RenderGeometry(ren, NULL, v, n, idx, m);
}

static int count_differences(const uint32_t *a, const uint32_t *b) {
    int n = 0;
    for (int i = 0; i < W * H; i++) {
        n += a[i] != b[i];
    }
    return n;
}

static void a_rounded_rectangle_from_cached_corners_is_the_polygon_it_replaces(void **state) {
    (void)state;
    canvas c;
    canvas_open(&c);
    const SDL_Color ink = {20, 90, 60, 255};
    /* A card, a panel bigger than any cached shape could be, a pill of odd height, a square,
     * and a radius larger than the rectangle allows. */
    const struct {
        SDL_Rect r;
        int radius;
    } cases[] = {
        {{10, 12, 300, 120}, 18}, {{3, 5, 630, 390}, 28},   {{40, 300, 500, 61}, 30},
        {{100, 50, 37, 37}, 9},   {{200, 200, 90, 24}, 40},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        canvas_clear(&c);
        int radius = cases[i].radius; /* clamped as the shape code clamped it */
        radius = radius * 2 > cases[i].r.w ? cases[i].r.w / 2 : radius;
        radius = radius * 2 > cases[i].r.h ? cases[i].r.h / 2 : radius;
        reference_round_rect(c.ren, cases[i].r, radius, ink);
        uint32_t *want = pixels_copy(&c);
        canvas_clear(&c);
        ui_draw_round_rect(c.ren, cases[i].r, cases[i].radius, ink);
        uint32_t *got = pixels_copy(&c);
        int diff = count_differences(want, got);
        if (diff > 4 * SEAM_PIXELS_PER_CORNER) {
            fail_msg("case %zu (%dx%d, radius %d): %d pixels differ from the polygon", i,
                     cases[i].r.w, cases[i].r.h, cases[i].radius, diff);
        }
        /* The body is solid: the centre row between the ends' arcs. */
        int cy = cases[i].r.y + cases[i].r.h / 2;
        for (int x = cases[i].r.x + radius; x < cases[i].r.x + cases[i].r.w - radius; x++) {
            assert_int_equal(got[cy * W + x], SDL_MapRGB(c.surface->format, ink.r, ink.g, ink.b));
        }
        free(want);
        free(got);
    }
    canvas_close(&c);
}

/* True when every channel of a and b is within `tolerance` of the other's. */
static bool close_to(uint32_t a, uint32_t b, int tolerance) {
    for (int shift = 0; shift < 32; shift += 8) {
        if (abs((int)((a >> shift) & 255) - (int)((b >> shift) & 255)) > tolerance) {
            return false;
        }
    }
    return true;
}

/* Blending twice (where two parts overlapped) would darken a pixel by tens of levels; blending
 * once through a texture copy or a fill rounds differently by a level or two. */
static void a_translucent_rounded_rectangle_blends_once_everywhere(void **state) {
    (void)state;
    canvas c;
    canvas_open(&c);
    canvas_clear(&c);
    SDL_Rect r = {20, 20, 400, 200};
    ui_draw_round_rect(c.ren, r, 24, (SDL_Color){0, 0, 0, 60});
    uint32_t *got = pixels_copy(&c);
    uint32_t bg = SDL_MapRGB(c.surface->format, BG.r, BG.g, BG.b);
    uint32_t once = got[(r.y + r.h / 2) * W + r.x + r.w / 2];
    assert_int_not_equal(once, bg);
    for (int y = 0; y < H; y++) {
        for (int x = 0; x < W; x++) {
            uint32_t p = got[y * W + x];
            if (p != bg && !close_to(p, once, 3)) {
                fail_msg("pixel (%d, %d) is 0x%08x: neither the background nor blended once", x, y,
                         p);
            }
        }
    }
    free(got);
    canvas_close(&c);
}

static void a_rounded_outline_has_no_gaps_and_an_empty_inside(void **state) {
    (void)state;
    canvas c;
    canvas_open(&c);
    canvas_clear(&c);
    SDL_Rect r = {30, 40, 500, 300};
    const SDL_Color line = {0, 0, 0, 255};
    int radius = 18, thick = 3;
    ui_draw_round_frame(c.ren, r, radius, thick, line);
    uint32_t *got = pixels_copy(&c);
    uint32_t ink = SDL_MapRGB(c.surface->format, 0, 0, 0);
    uint32_t bg = SDL_MapRGB(c.surface->format, BG.r, BG.g, BG.b);
    /* The straight sides are whole, `thick` pixels wide. */
    for (int x = r.x + radius; x < r.x + r.w - radius; x++) {
        assert_int_equal(got[r.y * W + x], ink);
        assert_int_equal(got[(r.y + r.h - 1) * W + x], ink);
        assert_int_equal(got[(r.y + thick) * W + x], bg);
    }
    for (int y = r.y + radius; y < r.y + r.h - radius; y++) {
        assert_int_equal(got[y * W + r.x], ink);
        assert_int_equal(got[y * W + r.x + r.w - 1], ink);
        assert_int_equal(got[y * W + r.x + thick], bg);
    }
    /* The inside and the outer corner are left alone. */
    assert_int_equal(got[(r.y + r.h / 2) * W + r.x + r.w / 2], bg);
    assert_int_equal(got[r.y * W + r.x], bg);
    free(got);
    canvas_close(&c);
}

int main(void) {
    if (SDL_Init(0) != 0) {
        return 1;
    }
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_rounded_rectangle_from_cached_corners_is_the_polygon_it_replaces),
        cmocka_unit_test(a_translucent_rounded_rectangle_blends_once_everywhere),
        cmocka_unit_test(a_rounded_outline_has_no_gaps_and_an_empty_inside),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    SDL_Quit();
    return rc;
}
