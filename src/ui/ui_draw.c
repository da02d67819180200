/* ui_draw.c: shapes drawn with SDL_RenderGeometry; see ui_draw.h. */
#include "ui/ui_draw.h"

#include "core/base.h"

#include <math.h>
#include <string.h>

#define PI_F             3.14159265f
#define CORNER_SEGMENTS  8
#define SHAPE_SLOTS      256
#define SHAPE_MAX_PIXELS (1024 * 1024) /* bigger shapes are drawn directly */
#define STAR_CORNERS     10            /* five points and the five notches between them */
#define STAR_INNER       0.45f         /* a notch's distance from the centre, of a point's */

/* SDL's software renderer rasterises SDL_RenderGeometry triangle by triangle, so a screen of
 * cards (rounded corners, five stars each) costs tens of milliseconds per frame. Each distinct
 * shape (kind, size, radius, thickness, colour) is therefore drawn once into a texture and then
 * copied, which every renderer does fast. Rounded rectangles keep only their corners in a
 * texture (see ui_draw_round_rect), so that a big panel neither costs its size in texture memory
 * nor falls back to the polygon. */
typedef enum shape_kind {
    SHAPE_ROUND_RECT,
    SHAPE_ROUND_FRAME,
    SHAPE_CIRCLE,
    SHAPE_STAR
} shape_kind;

typedef struct shape_slot {
    SDL_Renderer *renderer;
    shape_kind kind;
    int w, h, radius, thickness;
    uint32_t color;
    SDL_Texture *texture;
    uint64_t used;
} shape_slot;

static shape_slot shapes[SHAPE_SLOTS];
static uint64_t shape_tick;

static SDL_Vertex vertex(float x, float y, SDL_Color c) {
    SDL_Vertex v = {{x, y}, c, {0, 0}};
    return v;
}

void ui_draw_rect(SDL_Renderer *ren, SDL_Rect r, SDL_Color c) {
    SDL_SetRenderDrawBlendMode(ren, c.a == 255 ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
    SDL_SetRenderDrawColor(ren, c.r, c.g, c.b, c.a);
    SDL_RenderFillRect(ren, &r);
}

static void geometry_round_rect(SDL_Renderer *ren, SDL_Rect r, int radius, SDL_Color c) {
    if (r.w <= 0 || r.h <= 0) {
        return;
    }
    if (radius * 2 > r.w) {
        radius = r.w / 2;
    }
    if (radius * 2 > r.h) {
        radius = r.h / 2;
    }
    if (radius <= 1) {
        ui_draw_rect(ren, r, c);
        return;
    }
    /* A fan around the centre through the four corner arcs. */
    SDL_Vertex v[4 * (CORNER_SEGMENTS + 1) + 1];
    int idx[4 * (CORNER_SEGMENTS + 1) * 3];
    float cx = r.x + r.w / 2.0f, cy = r.y + r.h / 2.0f;
    v[0] = vertex(cx, cy, c);
    const float corner_x[4] = {r.x + r.w - radius, r.x + radius, r.x + radius, r.x + r.w - radius};
    const float corner_y[4] = {r.y + radius, r.y + radius, r.y + r.h - radius, r.y + r.h - radius};
    int n = 1;
    for (int k = 0; k < 4; k++) {
        for (int i = 0; i <= CORNER_SEGMENTS; i++) {
            float a = (k * 90.0f + i * 90.0f / CORNER_SEGMENTS) * PI_F / 180.0f;
            v[n++] = vertex(corner_x[k] + cosf(a) * radius, corner_y[k] - sinf(a) * radius, c);
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

static void geometry_round_frame(SDL_Renderer *ren, SDL_Rect r, int radius, int thickness,
                                 SDL_Color c) {
    if (thickness <= 0) {
        return;
    }
    SDL_Vertex v[2 * 4 * (CORNER_SEGMENTS + 1)];
    int idx[4 * (CORNER_SEGMENTS + 1) * 6];
    if (radius * 2 > r.w) {
        radius = r.w / 2;
    }
    if (radius * 2 > r.h) {
        radius = r.h / 2;
    }
    if (radius < thickness) {
        radius = thickness;
    }
    const float corner_x[4] = {r.x + r.w - radius, r.x + radius, r.x + radius, r.x + r.w - radius};
    const float corner_y[4] = {r.y + radius, r.y + radius, r.y + r.h - radius, r.y + r.h - radius};
    int n = 0;
    for (int k = 0; k < 4; k++) {
        for (int i = 0; i <= CORNER_SEGMENTS; i++) {
            float a = (k * 90.0f + i * 90.0f / CORNER_SEGMENTS) * PI_F / 180.0f;
            float ca = cosf(a), sa = sinf(a);
            v[n++] = vertex(corner_x[k] + ca * radius, corner_y[k] - sa * radius, c);
            v[n++] = vertex(corner_x[k] + ca * (radius - thickness),
                            corner_y[k] - sa * (radius - thickness), c);
        }
    }
    int m = 0;
    for (int i = 0; i < n; i += 2) {
        int j = (i + 2) % n;
        idx[m++] = i;
        idx[m++] = i + 1;
        idx[m++] = j;
        idx[m++] = i + 1;
        idx[m++] = j + 1;
        idx[m++] = j;
    }
    SDL_SetRenderDrawBlendMode(ren, SDL_BLENDMODE_BLEND);
    SDL_RenderGeometry(ren, NULL, v, n, idx, m);
}

static void geometry_circle(SDL_Renderer *ren, float cx, float cy, float radius, SDL_Color c) {
    enum { SEG = 32 };
    SDL_Vertex v[SEG + 1];
    int idx[SEG * 3];
    v[0] = vertex(cx, cy, c);
    for (int i = 0; i < SEG; i++) {
        float a = i * 2 * PI_F / SEG;
        v[i + 1] = vertex(cx + cosf(a) * radius, cy + sinf(a) * radius, c);
        idx[i * 3] = 0;
        idx[i * 3 + 1] = i + 1;
        idx[i * 3 + 2] = (i + 1) % SEG + 1;
    }
    SDL_SetRenderDrawBlendMode(ren, SDL_BLENDMODE_BLEND);
    SDL_RenderGeometry(ren, NULL, v, SEG + 1, idx, SEG * 3);
}

/* The star's ten corners around (cx, cy), clockwise on screen from the top point: the points
 * at `radius`, the notches between them at STAR_INNER of it. */
static void star_corners(float cx, float cy, float radius, float xs[STAR_CORNERS],
                         float ys[STAR_CORNERS]) {
    for (int i = 0; i < STAR_CORNERS; i++) {
        float a = (-90.0f + i * 36.0f) * PI_F / 180.0f;
        float rr = i % 2 == 0 ? radius : radius * STAR_INNER;
        xs[i] = cx + cosf(a) * rr;
        ys[i] = cy + sinf(a) * rr;
    }
}

static void geometry_star(SDL_Renderer *ren, float cx, float cy, float radius, SDL_Color c) {
    SDL_Vertex v[STAR_CORNERS + 1];
    int idx[STAR_CORNERS * 3];
    float xs[STAR_CORNERS], ys[STAR_CORNERS];
    star_corners(cx, cy, radius, xs, ys);
    v[0] = vertex(cx, cy, c);
    for (int i = 0; i < STAR_CORNERS; i++) {
        v[i + 1] = vertex(xs[i], ys[i], c);
        idx[i * 3] = 0;
        idx[i * 3 + 1] = i + 1;
        idx[i * 3 + 2] = (i + 1) % STAR_CORNERS + 1;
    }
    SDL_SetRenderDrawBlendMode(ren, SDL_BLENDMODE_BLEND);
    SDL_RenderGeometry(ren, NULL, v, STAR_CORNERS + 1, idx, STAR_CORNERS * 3);
}

int ui_draw_stars(SDL_Renderer *ren, int x, int cy, int size, int filled, int total, SDL_Color on,
                  SDL_Color off) {
    float radius = size * 0.5f;
    for (int i = 0; i < total; i++) {
        ui_draw_star(ren, x + radius + i * size * 1.1f, (float)cy + radius * 0.08f, radius,
                     i < filled ? on : off);
    }
    return (int)(total * size * 1.1f);
}

void ui_draw_line(SDL_Renderer *ren, float x1, float y1, float x2, float y2, float thickness,
                  SDL_Color c) {
    float dx = x2 - x1, dy = y2 - y1;
    float len = sqrtf(dx * dx + dy * dy);
    if (len <= 0) {
        return;
    }
    float nx = -dy / len * thickness / 2, ny = dx / len * thickness / 2;
    SDL_Vertex v[4] = {vertex(x1 + nx, y1 + ny, c), vertex(x1 - nx, y1 - ny, c),
                       vertex(x2 - nx, y2 - ny, c), vertex(x2 + nx, y2 + ny, c)};
    int idx[6] = {0, 1, 2, 0, 2, 3};
    SDL_SetRenderDrawBlendMode(ren, SDL_BLENDMODE_BLEND);
    SDL_RenderGeometry(ren, NULL, v, 4, idx, 6);
}

void ui_draw_check(SDL_Renderer *ren, SDL_Rect r, int thickness, SDL_Color c) {
    float x = (float)r.x, y = (float)r.y, w = (float)r.w, h = (float)r.h;
    ui_draw_line(ren, x + w * 0.2f, y + h * 0.52f, x + w * 0.42f, y + h * 0.74f, thickness, c);
    ui_draw_line(ren, x + w * 0.40f, y + h * 0.76f, x + w * 0.82f, y + h * 0.28f, thickness, c);
}

bool ui_rect_contains(SDL_Rect r, int x, int y) {
    return x >= r.x && y >= r.y && x < r.x + r.w && y < r.y + r.h;
}

/* ---- the shape cache ------------------------------------------------------------------------ */

static uint32_t pack(SDL_Color c) {
    return ((uint32_t)c.r << 24) | ((uint32_t)c.g << 16) | ((uint32_t)c.b << 8) | c.a;
}

static void draw_shape(SDL_Renderer *ren, shape_kind kind, SDL_Rect r, int radius, int thickness,
                       SDL_Color c) {
    switch (kind) {
    case SHAPE_ROUND_RECT:
        geometry_round_rect(ren, r, radius, c);
        break;
    case SHAPE_ROUND_FRAME:
        geometry_round_frame(ren, r, radius, thickness, c);
        break;
    case SHAPE_CIRCLE:
        geometry_circle(ren, r.x + r.w / 2.0f, r.y + r.h / 2.0f, r.w / 2.0f, c);
        break;
    case SHAPE_STAR:
        geometry_star(ren, r.x + r.w / 2.0f, r.y + r.h / 2.0f, r.w / 2.0f, c);
        break;
    }
}

/* The signed distance in pixels from (px, py) to the edge of a w x h rectangle at the origin
 * with corners of `radius`: negative inside. */
static float round_rect_distance(float px, float py, float w, float h, float radius) {
    float qx = fabsf(px - w / 2) - (w / 2 - radius), qy = fabsf(py - h / 2) - (h / 2 - radius);
    float ox = qx > 0 ? qx : 0, oy = qy > 0 ? qy : 0;
    float in = qx > qy ? qx : qy;
    return sqrtf(ox * ox + oy * oy) + (in < 0 ? in : 0) - radius;
}

/* The signed distance in pixels from (px, py) to the edge of the polygon of `n` corners xs, ys:
 * negative inside (the even-odd rule, which a star's outline drawn without crossing obeys). */
static float polygon_distance(float px, float py, const float *xs, const float *ys, int n) {
    float nearest = INFINITY;
    bool inside = false;
    for (int i = 0, j = n - 1; i < n; j = i++) {
        float ex = xs[j] - xs[i], ey = ys[j] - ys[i], wx = px - xs[i], wy = py - ys[i];
        float t = (wx * ex + wy * ey) / (ex * ex + ey * ey);
        t = t < 0 ? 0 : (t > 1 ? 1 : t);
        float dx = wx - ex * t, dy = wy - ey * t;
        float d2 = dx * dx + dy * dy;
        nearest = d2 < nearest ? d2 : nearest;
        if ((ys[i] > py) != (ys[j] > py) && px < xs[i] + (py - ys[i]) * ex / ey) {
            inside = !inside;
        }
    }
    return inside ? -sqrtf(nearest) : sqrtf(nearest);
}

/* How much of a pixel whose centre is `d` pixels outside an edge the shape covers. */
static float coverage(float d) {
    return d <= -0.5f ? 1.0f : (d >= 0.5f ? 0.0f : 0.5f - d);
}

/* How much of the pixel at (x, y) the star of corners xs, ys covers. A pixel the edge passes
 * through is sampled 4 x 4 times: near a point or a notch the distance to the nearest edge says
 * little about the share covered (a point's tip would come out blunt). */
static float star_coverage(int x, int y, const float *xs, const float *ys) {
    float d = polygon_distance(x + 0.5f, y + 0.5f, xs, ys, STAR_CORNERS);
    if (d <= -0.71f || d >= 0.71f) { /* half a pixel's diagonal: wholly in or out */
        return d < 0 ? 1.0f : 0.0f;
    }
    int in = 0;
    for (int j = 0; j < 4; j++) {
        for (int i = 0; i < 4; i++) {
            in +=
                polygon_distance(x + (i + 0.5f) / 4, y + (j + 0.5f) / 4, xs, ys, STAR_CORNERS) < 0;
        }
    }
    return in / 16.0f;
}

/* A rounded rectangle, outline, circle or star of w x h as a texture whose alpha is each pixel's
 * coverage (anti-aliased: SDL_RenderGeometry fills whole pixels, so arcs, thin outlines and a
 * star's slanted edges come out ragged), or NULL when it cannot be made. */
static SDL_Texture *smooth_texture(SDL_Renderer *ren, shape_kind kind, int w, int h, int radius,
                                   int thickness, SDL_Color c) {
    SDL_Surface *sf = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
    if (!sf) {
        return NULL;
    }
    float fw = (float)w, fh = (float)h, r = kind == SHAPE_CIRCLE ? fw / 2 : (float)radius;
    float t = (float)thickness, ri = r - t > 0 ? r - t : 0;
    float xs[STAR_CORNERS], ys[STAR_CORNERS];
    star_corners(fw / 2, fh / 2, fw / 2, xs, ys);
    for (int y = 0; y < h; y++) {
        uint32_t *row = (uint32_t *)((char *)sf->pixels + y * sf->pitch);
        for (int x = 0; x < w; x++) {
            float px = x + 0.5f, py = y + 0.5f;
            float a = kind == SHAPE_STAR ? star_coverage(x, y, xs, ys)
                                         : coverage(round_rect_distance(px, py, fw, fh, r));
            if (kind == SHAPE_ROUND_FRAME) {
                a -= coverage(round_rect_distance(px - t, py - t, fw - 2 * t, fh - 2 * t, ri));
                a = a > 0 ? a : 0;
            }
            uint32_t alpha = (uint32_t)(a * 255.0f + 0.5f);
            row[x] = alpha << 24 | (uint32_t)c.r << 16 | (uint32_t)c.g << 8 | c.b;
        }
    }
    SDL_Texture *tex = SDL_CreateTextureFromSurface(ren, sf);
    SDL_FreeSurface(sf);
    if (tex) {
        SDL_SetTextureBlendMode(tex, SDL_BLENDMODE_BLEND);
        SDL_SetTextureAlphaMod(tex, c.a);
    }
    return tex;
}

/* The cached texture of a shape of w x h pixels (made first when new), or NULL when the shape
 * is too big to keep or the texture cannot be made. */
static SDL_Texture *shape_texture(SDL_Renderer *ren, shape_kind kind, int w, int h, int radius,
                                  int thickness, SDL_Color c) {
    if ((long)w * h > SHAPE_MAX_PIXELS) {
        return NULL;
    }
    uint32_t color = pack(c);
    shape_slot *hit = NULL, *victim = &shapes[0];
    for (int i = 0; i < SHAPE_SLOTS; i++) {
        shape_slot *s = &shapes[i];
        if (s->texture && s->renderer == ren && s->kind == kind && s->w == w && s->h == h &&
            s->radius == radius && s->thickness == thickness && s->color == color) {
            hit = s;
            break;
        }
        if (!s->texture) {
            victim = s;
        } else if (victim->texture && s->used < victim->used) {
            victim = s;
        }
    }
    if (!hit) {
        SDL_Texture *t = smooth_texture(ren, kind, w, h, radius, thickness, c);
        if (!t) {
            return NULL;
        }
        if (victim->texture) {
            SDL_DestroyTexture(victim->texture);
        }
        *victim = (shape_slot){ren, kind, w, h, radius, thickness, color, t, 0};
        hit = victim;
    }
    hit->used = ++shape_tick;
    return hit->texture;
}

/* Copies the cached texture of the shape to `r` (drawing it first when new). */
static void cached_shape(SDL_Renderer *ren, shape_kind kind, SDL_Rect r, int radius, int thickness,
                         SDL_Color c) {
    if (r.w <= 0 || r.h <= 0) {
        return;
    }
    SDL_Texture *t = shape_texture(ren, kind, r.w, r.h, radius, thickness, c);
    if (!t) {
        draw_shape(ren, kind, r, radius, thickness, c);
        return;
    }
    SDL_RenderCopy(ren, t, NULL, &r);
}

/* The four corners of `r`, each radius x radius, copied from the cached 2R x 2R shape of the same
 * kind: the same polygon arcs at the same offsets from the corner, so the same pixels as the
 * shape drawn at full size. Returns false when there is no such texture. */
static bool copy_corners(SDL_Renderer *ren, shape_kind kind, SDL_Rect r, int radius, int thickness,
                         SDL_Color c) {
    int d = 2 * radius;
    SDL_Texture *t = shape_texture(ren, kind, d, d, radius, thickness, c);
    if (!t) {
        return false;
    }
    for (int k = 0; k < 4; k++) {
        int right = k & 1, bottom = k >> 1;
        SDL_Rect src = {right * radius, bottom * radius, radius, radius};
        SDL_Rect dst = {right ? r.x + r.w - radius : r.x, bottom ? r.y + r.h - radius : r.y, radius,
                        radius};
        SDL_RenderCopy(ren, t, &src, &dst);
    }
    return true;
}

/* Fills the parts of `parts` that are not empty; they do not overlap, so a translucent colour
 * blends once everywhere. */
static void fill_parts(SDL_Renderer *ren, const SDL_Rect *parts, int n, SDL_Color c) {
    SDL_SetRenderDrawBlendMode(ren, c.a == 255 ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
    SDL_SetRenderDrawColor(ren, c.r, c.g, c.b, c.a);
    for (int i = 0; i < n; i++) {
        if (parts[i].w > 0 && parts[i].h > 0) {
            SDL_RenderFillRect(ren, &parts[i]);
        }
    }
}

/* A rounded rectangle is four corners and three plain bands. Every renderer fills a plain
 * rectangle fast (the software one at memset speed when opaque), whereas rasterising the whole
 * polygon, or blending a texture of its size, touches every pixel through the slow path: a
 * 1,700 x 800 panel cost tens of milliseconds per frame in the software renderer. */
void ui_draw_round_rect(SDL_Renderer *ren, SDL_Rect r, int radius, SDL_Color c) {
    if (r.w <= 0 || r.h <= 0) {
        return;
    }
    /* As geometry_round_rect clamps it. */
    if (radius * 2 > r.w) {
        radius = r.w / 2;
    }
    if (radius * 2 > r.h) {
        radius = r.h / 2;
    }
    if (radius <= 1) {
        ui_draw_rect(ren, r, c);
        return;
    }
    if (!copy_corners(ren, SHAPE_ROUND_RECT, r, radius, 0, c)) {
        cached_shape(ren, SHAPE_ROUND_RECT, r, radius, 0, c);
        return;
    }
    SDL_Rect parts[3] = {
        {r.x + radius, r.y, r.w - 2 * radius, radius},
        {r.x, r.y + radius, r.w, r.h - 2 * radius},
        {r.x + radius, r.y + r.h - radius, r.w - 2 * radius, radius},
    };
    fill_parts(ren, parts, 3, c);
}

/* The same for an outline: four corners and four straight sides `thickness` pixels wide. */
void ui_draw_round_frame(SDL_Renderer *ren, SDL_Rect r, int radius, int thickness, SDL_Color c) {
    if (r.w <= 0 || r.h <= 0 || thickness <= 0) {
        return;
    }
    /* As geometry_round_frame clamps it. */
    if (radius * 2 > r.w) {
        radius = r.w / 2;
    }
    if (radius * 2 > r.h) {
        radius = r.h / 2;
    }
    if (radius < thickness) {
        radius = thickness;
    }
    if (radius * 2 > r.w || radius * 2 > r.h ||
        !copy_corners(ren, SHAPE_ROUND_FRAME, r, radius, thickness, c)) {
        cached_shape(ren, SHAPE_ROUND_FRAME, r, radius, thickness, c);
        return;
    }
    SDL_Rect parts[4] = {
        {r.x + radius, r.y, r.w - 2 * radius, thickness},
        {r.x + radius, r.y + r.h - thickness, r.w - 2 * radius, thickness},
        {r.x, r.y + radius, thickness, r.h - 2 * radius},
        {r.x + r.w - thickness, r.y + radius, thickness, r.h - 2 * radius},
    };
    fill_parts(ren, parts, 4, c);
}

void ui_draw_circle(SDL_Renderer *ren, float cx, float cy, float radius, SDL_Color c) {
    int d = (int)(radius * 2 + 0.5f);
    cached_shape(ren, SHAPE_CIRCLE,
                 (SDL_Rect){(int)(cx - radius + 0.5f), (int)(cy - radius + 0.5f), d, d}, 0, 0, c);
}

void ui_draw_star(SDL_Renderer *ren, float cx, float cy, float radius, SDL_Color c) {
    int d = (int)(radius * 2 + 0.5f);
    cached_shape(ren, SHAPE_STAR,
                 (SDL_Rect){(int)(cx - radius + 0.5f), (int)(cy - radius + 0.5f), d, d}, 0, 0, c);
}

void ui_draw_forget(SDL_Renderer *ren) {
    for (int i = 0; i < SHAPE_SLOTS; i++) {
        if (shapes[i].texture && (!ren || shapes[i].renderer == ren)) {
            SDL_DestroyTexture(shapes[i].texture);
            memset(&shapes[i], 0, sizeof shapes[i]);
        }
    }
}
