/* test_ui_draw.c: the shapes of ui_draw.c, drawn by SDL's software renderer into a surface in
 * memory. A rounded rectangle is drawn from cached anti-aliased corners and plain bands, a star
 * from a cached anti-aliased texture (ui_draw.c); these tests hold them to the shapes they stand
 * for, sampled here 64 times a pixel. */
#include "test_support.h"

#include "ui/ui_draw.h"

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>

#define W 640
#define H 400

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

/* True when every channel of a and b is within `tolerance` of the other's. */
static bool close_to(uint32_t a, uint32_t b, int tolerance) {
    for (int shift = 0; shift < 32; shift += 8) {
        if (abs((int)((a >> shift) & 255) - (int)((b >> shift) & 255)) > tolerance) {
            return false;
        }
    }
    return true;
}

/* The share of pixel (x, y) inside `r` with corners of `radius`, by 8 x 8 samples. */
static float sampled_coverage(SDL_Rect r, int radius, int x, int y) {
    int in = 0;
    for (int j = 0; j < 8; j++) {
        for (int i = 0; i < 8; i++) {
            float px = x + (i + 0.5f) / 8, py = y + (j + 0.5f) / 8;
            float nx = px < r.x + radius ? r.x + radius
                                         : (px > r.x + r.w - radius ? r.x + r.w - radius : px);
            float ny = py < r.y + radius ? r.y + radius
                                         : (py > r.y + r.h - radius ? r.y + r.h - radius : py);
            bool inside = px >= r.x && py >= r.y && px <= r.x + r.w && py <= r.y + r.h &&
                          (px - nx) * (px - nx) + (py - ny) * (py - ny) <= (float)radius * radius;
            in += inside;
        }
    }
    return in / 64.0f;
}

/* Each pixel is the background and the ink mixed by how much of the pixel the shape covers
 * (within a tolerance for the estimate), and the arcs are smooth: they have pixels between the
 * two colours. The polygon drawn before filled whole pixels, and its arcs came out ragged. */
static void a_rounded_rectangle_is_its_shape_with_smooth_edges(void **state) {
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
        int radius = cases[i].radius; /* clamped as the shape code clamps it */
        radius = radius * 2 > cases[i].r.w ? cases[i].r.w / 2 : radius;
        radius = radius * 2 > cases[i].r.h ? cases[i].r.h / 2 : radius;
        ui_draw_round_rect(c.ren, cases[i].r, cases[i].radius, ink);
        uint32_t *got = pixels_copy(&c);
        int off = 0, between = 0;
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                float a = sampled_coverage(cases[i].r, radius, x, y);
                SDL_Color want = {(Uint8)(BG.r + (ink.r - BG.r) * a + 0.5f),
                                  (Uint8)(BG.g + (ink.g - BG.g) * a + 0.5f),
                                  (Uint8)(BG.b + (ink.b - BG.b) * a + 0.5f), 255};
                uint32_t w = SDL_MapRGB(c.surface->format, want.r, want.g, want.b);
                uint32_t p = got[y * W + x];
                off += !close_to(p, w, 40);
                between += p != SDL_MapRGB(c.surface->format, ink.r, ink.g, ink.b) &&
                           p != SDL_MapRGB(c.surface->format, BG.r, BG.g, BG.b);
            }
        }
        if (off > 0 || between < 4) {
            fail_msg("case %zu (%dx%d, radius %d): %d pixels off the shape, %d between the colours",
                     i, cases[i].r.w, cases[i].r.h, cases[i].radius, off, between);
        }
        /* The body is solid: the centre row between the ends' arcs. */
        int cy = cases[i].r.y + cases[i].r.h / 2;
        for (int x = cases[i].r.x + radius; x < cases[i].r.x + cases[i].r.w - radius; x++) {
            assert_int_equal(got[cy * W + x], SDL_MapRGB(c.surface->format, ink.r, ink.g, ink.b));
        }
        free(got);
    }
    canvas_close(&c);
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
            /* On the smooth edge, part of a pixel is blended: between the two, never past. */
            bool edge = true;
            for (int shift = 0; shift < 24; shift += 8) {
                int v = (int)((p >> shift) & 255), b0 = (int)((bg >> shift) & 255),
                    b1 = (int)((once >> shift) & 255);
                int lo = b0 < b1 ? b0 : b1, hi = b0 < b1 ? b1 : b0;
                edge &= v >= lo - 3 && v <= hi + 3;
            }
            if (p != bg && !close_to(p, once, 3) && !edge) {
                fail_msg("pixel (%d, %d) is 0x%08x: neither the background nor blended once", x, y,
                         p);
            }
        }
    }
    free(got);
    canvas_close(&c);
}

/* True when (px, py) is inside the five-pointed star of outer radius `radius` centred on
 * (cx, cy), its top point up and its notches at 0.45 of the radius (ui_draw.h's star). */
static bool in_star(float cx, float cy, float radius, float px, float py) {
    float xs[10], ys[10];
    for (int i = 0; i < 10; i++) {
        float a = (-90.0f + i * 36.0f) * 3.14159265f / 180.0f;
        float rr = i % 2 == 0 ? radius : radius * 0.45f;
        xs[i] = cx + cosf(a) * rr;
        ys[i] = cy + sinf(a) * rr;
    }
    bool in = false;
    for (int i = 0, j = 9; i < 10; j = i++) {
        if ((ys[i] > py) != (ys[j] > py) &&
            px < xs[i] + (py - ys[i]) * (xs[j] - xs[i]) / (ys[j] - ys[i])) {
            in = !in;
        }
    }
    return in;
}

/* Like the rounded rectangle: each pixel of a star is the background and the ink mixed by the
 * share of the pixel the star covers (8 x 8 samples), and its slanted edges are smooth. Stars
 * were polygons filling whole pixels: at a radius of 9, 43 pixels were off the shape by more
 * than the tolerance and none lay between the colours. */
static void a_star_is_its_shape_with_smooth_edges(void **state) {
    (void)state;
    canvas c;
    canvas_open(&c);
    const SDL_Color ink = {183, 121, 31, 255}, off = {118, 118, 118, 255};
    /* The sizes the screens draw (a card's row, a chip, the attract slide's) and a big one. */
    const struct {
        float cx, cy, radius;
        SDL_Color colour;
    } cases[] = {
        {40, 40, 9, ink},
        {100, 60, 15, off},
        {200, 100, 30, ink},
        {400, 200, 150, off},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        canvas_clear(&c);
        SDL_Color k = cases[i].colour;
        ui_draw_star(c.ren, cases[i].cx, cases[i].cy, cases[i].radius, k);
        uint32_t *got = pixels_copy(&c);
        int wrong = 0, between = 0, wx = -1, wy = -1;
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                /* Beyond a pixel of the star's box, no sampling: the background. */
                bool near = fabsf(x + 0.5f - cases[i].cx) < cases[i].radius + 2 &&
                            fabsf(y + 0.5f - cases[i].cy) < cases[i].radius + 2;
                int in = 0;
                for (int j = 0; j < 8 && near; j++) {
                    for (int n = 0; n < 8; n++) {
                        in += in_star(cases[i].cx, cases[i].cy, cases[i].radius, x + (n + 0.5f) / 8,
                                      y + (j + 0.5f) / 8);
                    }
                }
                float a = in / 64.0f;
                uint32_t want =
                    SDL_MapRGB(c.surface->format, (Uint8)(BG.r + (k.r - BG.r) * a + 0.5f),
                               (Uint8)(BG.g + (k.g - BG.g) * a + 0.5f),
                               (Uint8)(BG.b + (k.b - BG.b) * a + 0.5f));
                uint32_t p = got[y * W + x];
                if (!close_to(p, want, 24) && wrong++ == 0) {
                    wx = x;
                    wy = y;
                }
                between += p != SDL_MapRGB(c.surface->format, k.r, k.g, k.b) &&
                           p != SDL_MapRGB(c.surface->format, BG.r, BG.g, BG.b);
            }
        }
        free(got);
        /* Every edge pixel a blend: at least the star's outline length, 10 edges of 0.6 r. */
        if (wrong > 0 || between < (int)(cases[i].radius * 6)) {
            fail_msg("star of radius %.0f: %d pixels off the shape (first at %d,%d), %d between "
                     "the colours",
                     cases[i].radius, wrong, wx, wy, between);
        }
    }
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
        cmocka_unit_test(a_rounded_rectangle_is_its_shape_with_smooth_edges),
        cmocka_unit_test(a_translucent_rounded_rectangle_blends_once_everywhere),
        cmocka_unit_test(a_rounded_outline_has_no_gaps_and_an_empty_inside),
        cmocka_unit_test(a_star_is_its_shape_with_smooth_edges),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    SDL_Quit();
    return rc;
}
