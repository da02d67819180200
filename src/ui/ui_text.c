/* ui_text.c: fonts and the text-texture cache; see ui_text.h. */
#include "ui/ui_text.h"

#include "core/paths.h"
#include "core/utf8.h"

#include <SDL_ttf.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#define CACHE_SLOTS    2048 /* power of two */
#define CACHE_PROBES   24   /* slots looked at per key; the oldest of them is evicted */
#define CACHE_BUDGET   (24u * 1024u * 1024u) /* texture bytes (w*h*4) kept at most */
#define WRAP_MAX_LINES 64
#define WIDTH_SLOTS    512 /* power of two */
#define WIDTH_TEXT_MAX 96  /* bytes kept of a measured string; longer ones are measured again */

/* Point sizes at scale 1.0 (a 1080-pixel-high output). */
static const int role_points[UI_FONT_COUNT] = {20, 25, 25, 32, 44, 64};
static const bool role_bold[UI_FONT_COUNT] = {false, false, true, true, true, true};

/* A measured width, or a wrapped height. Screens lay out their buttons and fields each frame
 * from the widths of their labels, and measuring shapes the string again (HarfBuzz): in the
 * real-window bench the browse screen's filter buttons alone were 8 % of the kiosk's CPU time
 * while scrolling, and the grid's "nothing found" message, wrapped again each frame, 10 % of it
 * while typing (a wrap measures every line several times). Both depend only on the string, the
 * font and the wrap width, so they are kept until the fonts change. */
typedef struct width_entry {
    uint64_t hash;
    int role;
    int wrap; /* 0: `w` is the string's width; else `w` is its height wrapped to `wrap` px */
    int w;
    char text[WIDTH_TEXT_MAX]; /* "" for an empty slot */
} width_entry;

typedef struct cache_entry {
    uint64_t hash;
    char *text; /* owned; NULL for an empty slot */
    int role;
    uint32_t color;
    int max_w;
    int max_lines;
    SDL_Texture *texture;
    int w, h;
    bool cut; /* drawn with an ellipsis: the string did not fit */
    uint64_t last_used;
} cache_entry;

struct ui_text {
    SDL_Renderer *renderer;
    char path_regular[1024];
    char path_bold[1024];
    /* The two files' bytes, read whole: the open fonts read from them (see ui_text_set_scale). */
    void *font_bytes[2]; /* regular, bold; SDL_LoadFile's, freed with SDL_free */
    TTF_Font *fonts[UI_FONT_COUNT];
    float scale;
    bool large;
    cache_entry slots[CACHE_SLOTS];
    width_entry widths[WIDTH_SLOTS]; /* direct-mapped by hash */
    uint64_t tick;
    long rendered, hits;
    size_t bytes; /* texture bytes held */
    /* What the last frames drew, while `recording` (shot --texts; never in the kiosk loop). */
    bool recording;
    ui_text_item *items;
    int n_items, cap_items;
};

static bool file_exists(const char *path) {
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* Asks fontconfig for `pattern`; true when it named an existing file whose name contains
 * `expect` (fc-match always answers something, often a different family). */
static bool fontconfig_find(const char *pattern, const char *expect, char *out, size_t cap) {
    char cmd[256];
    if (!str_format(cmd, sizeof cmd, "fc-match -f '%%{file}' '%s' 2>/dev/null", pattern)) {
        return false;
    }
    FILE *p = popen(cmd, "r");
    if (!p) {
        return false;
    }
    char line[1024] = "";
    bool ok = fgets(line, sizeof line, p) != NULL;
    pclose(p);
    if (!ok || !strstr(line, expect)) {
        return false;
    }
    str_trim(line);
    return file_exists(line) && str_copy(out, cap, line);
}

static bool find_font(const char *file, const char *pattern, char *out, size_t cap) {
    char rel[128];
    str_format(rel, sizeof rel, "fonts/%s", file);
    if (paths_data_file(out, cap, rel) && file_exists(out)) {
        return true;
    }
    if (fontconfig_find(pattern, file, out, cap)) {
        return true;
    }
    return str_format(out, cap, "/usr/share/fonts/truetype/noto/%s", file) && file_exists(out);
}

ui_text *ui_text_create(SDL_Renderer *renderer, ocop_error *err) {
    if (!TTF_WasInit() && TTF_Init() != 0) {
        error_set(err, "cannot start SDL_ttf: %s", TTF_GetError());
        return NULL;
    }
    ui_text *t = xcalloc(1, sizeof *t);
    t->renderer = renderer;
    if (!find_font("NotoSans-Regular.ttf", "Noto Sans:style=Regular", t->path_regular,
                   sizeof t->path_regular) ||
        !find_font("NotoSans-Bold.ttf", "Noto Sans:style=Bold", t->path_bold,
                   sizeof t->path_bold)) {
        error_set(err,
                  "font Noto Sans (NotoSans-Regular.ttf, NotoSans-Bold.ttf) not found in %s/fonts, "
                  "through fontconfig, or in /usr/share/fonts/truetype/noto; install the Debian "
                  "package fonts-noto-core",
                  paths_data_dir());
        free(t);
        return NULL;
    }
    return t;
}

static void entry_free(ui_text *t, cache_entry *e) {
    if (e->text) {
        free(e->text);
        SDL_DestroyTexture(e->texture);
        t->bytes -= (size_t)e->w * (size_t)e->h * 4;
    }
    memset(e, 0, sizeof *e);
}

/* Over budget: drop the entries not drawn for the longest time. A hole left in a probe
 * sequence only means that an entry behind it is rendered again (and its old copy ages out). */
static void cache_trim(ui_text *t) {
    uint64_t window = CACHE_SLOTS;
    while (t->bytes > CACHE_BUDGET && window > 16) {
        uint64_t cutoff = t->tick > window ? t->tick - window : 0;
        for (int i = 0; i < CACHE_SLOTS && t->bytes > CACHE_BUDGET; i++) {
            if (t->slots[i].text && t->slots[i].last_used < cutoff) {
                entry_free(t, &t->slots[i]);
            }
        }
        window /= 2;
    }
}

static void cache_clear(ui_text *t) {
    for (int i = 0; i < CACHE_SLOTS; i++) {
        entry_free(t, &t->slots[i]);
    }
    t->bytes = 0;
    memset(t->widths, 0, sizeof t->widths);
}

void ui_text_destroy(ui_text *t) {
    if (!t) {
        return;
    }
    cache_clear(t);
    for (int i = 0; i < UI_FONT_COUNT; i++) {
        if (t->fonts[i]) {
            TTF_CloseFont(t->fonts[i]);
        }
    }
    SDL_free(t->font_bytes[0]);
    SDL_free(t->font_bytes[1]);
    ui_text_record(t, false);
    free(t->items);
    free(t);
}

int ui_text_set_scale(ui_text *t, float scale, bool large, ocop_error *err) {
    if (t->fonts[0] && scale == t->scale && large == t->large) {
        return 0;
    }
    /* The new sizes are opened before the old ones are closed: when a font cannot be opened
     * (its file replaced by an upgrade, memory short) the text keeps its current size.
     *
     * Each file is read whole, once, and every size is opened from those bytes: FreeType reads
     * a font's tables and each glyph's outline when it first needs them, and through SDL's file
     * reader every such read was a seek and a read system call, about 5,000 of them before the
     * first frame. */
    const char *paths[2] = {t->path_regular, t->path_bold};
    void *bytes[2] = {NULL, NULL};
    size_t lens[2] = {0, 0};
    TTF_Font *fonts[UI_FONT_COUNT] = {0};
    int opened = 0;
    for (int k = 0; k < 2; k++) {
        bytes[k] = SDL_LoadFile(paths[k], &lens[k]);
        if (!bytes[k] || lens[k] > INT_MAX) {
            error_set(err, "%s: cannot read font: %s", paths[k],
                      bytes[k] ? "too big" : SDL_GetError());
            goto fail;
        }
    }
    float factor = scale * (large ? 1.3f : 1.0f);
    for (; opened < UI_FONT_COUNT; opened++) {
        int pt = (int)(role_points[opened] * factor + 0.5f);
        if (pt < 6) {
            pt = 6;
        }
        int k = role_bold[opened] ? 1 : 0;
        /* The font closes the memory reader (freesrc); the bytes stay ours. */
        fonts[opened] = TTF_OpenFontRW(SDL_RWFromConstMem(bytes[k], (int)lens[k]), 1, pt);
        if (!fonts[opened]) {
            error_set(err, "%s: cannot open font: %s", paths[k], TTF_GetError());
            goto fail;
        }
        TTF_SetFontHinting(fonts[opened], TTF_HINTING_LIGHT);
    }
    cache_clear(t);
    for (int i = 0; i < UI_FONT_COUNT; i++) {
        if (t->fonts[i]) {
            TTF_CloseFont(t->fonts[i]);
        }
        t->fonts[i] = fonts[i];
    }
    for (int k = 0; k < 2; k++) {
        SDL_free(t->font_bytes[k]);
        t->font_bytes[k] = bytes[k];
    }
    t->scale = scale;
    t->large = large;
    return 0;
fail:
    for (int j = 0; j < opened; j++) {
        TTF_CloseFont(fonts[j]);
    }
    SDL_free(bytes[0]);
    SDL_free(bytes[1]);
    return -1;
}

int ui_text_line_height(ui_text *t, ui_font_role role) {
    return TTF_FontLineSkip(t->fonts[role]);
}

/* FNV-1a over the key. */
static uint64_t key_hash(const char *s, int role, uint32_t color, int max_w, int max_lines) {
    uint64_t h = 1469598103934665603ull;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        h = (h ^ *p) * 1099511628211ull;
    }
    uint32_t extra[4] = {(uint32_t)role, color, (uint32_t)max_w, (uint32_t)max_lines};
    for (int i = 0; i < 4; i++) {
        h = (h ^ extra[i]) * 1099511628211ull;
    }
    return h;
}

/* The slot of the measure of `s` (not empty) in `role` (wrapped to `wrap` px, 0: one line), and
 * in *found whether it holds it already; NULL when `s` is too long to be kept. */
static width_entry *measure_slot(ui_text *t, ui_font_role role, const char *s, int wrap,
                                 bool *found) {
    *found = false;
    if (strlen(s) >= WIDTH_TEXT_MAX) {
        return NULL;
    }
    uint64_t h = key_hash(s, role, 0, wrap, 0);
    width_entry *e = &t->widths[h & (WIDTH_SLOTS - 1)];
    *found = e->hash == h && e->role == (int)role && e->wrap == wrap && strcmp(e->text, s) == 0;
    return e;
}

/* Keeps measure `w` of `s` in slot `e` (from measure_slot; NULL: not kept). */
static void measure_keep(width_entry *e, ui_font_role role, const char *s, int wrap, int w) {
    if (e) {
        e->hash = key_hash(s, role, 0, wrap, 0);
        e->role = (int)role;
        e->wrap = wrap;
        e->w = w;
        memcpy(e->text, s, strlen(s) + 1);
    }
}

int ui_text_width(ui_text *t, ui_font_role role, const char *s) {
    if (!s || !*s) {
        return 0;
    }
    bool found;
    width_entry *e = measure_slot(t, role, s, 0, &found);
    if (found) {
        return e->w;
    }
    int w = 0, ht = 0;
    if (TTF_SizeUTF8(t->fonts[role], s, &w, &ht) != 0) {
        return 0;
    }
    measure_keep(e, role, s, 0, w);
    return w;
}

static uint32_t pack_color(SDL_Color c) {
    return ((uint32_t)c.r << 24) | ((uint32_t)c.g << 16) | ((uint32_t)c.b << 8) | c.a;
}

/* Length in bytes of the longest prefix of `s` that, followed by "…", fits in `max_w`. */
static size_t fit_prefix(TTF_Font *font, const char *s, size_t len, int max_w) {
    char buf[4096];
    size_t lo = 0, hi = len;
    /* Binary search over byte offsets snapped to code point starts. */
    while (lo < hi) {
        size_t mid = (lo + hi + 1) / 2;
        while (mid > lo && ((unsigned char)s[mid] & 0xC0) == 0x80) {
            mid--;
        }
        if (mid == lo) {
            break;
        }
        size_t n = mid < sizeof buf - 4 ? mid : sizeof buf - 4;
        memcpy(buf, s, n);
        memcpy(buf + n, "\xE2\x80\xA6", 4);
        int w = 0, h = 0;
        TTF_SizeUTF8(font, buf, &w, &h);
        if (w <= max_w) {
            lo = mid;
        } else {
            hi = mid - 1;
            while (hi > lo && ((unsigned char)s[hi] & 0xC0) == 0x80) {
                hi--;
            }
        }
    }
    return lo;
}

/* Renders one line, cut with an ellipsis to max_w (0 = no limit). Caller frees the surface. */
static SDL_Surface *render_line(TTF_Font *font, const char *s, size_t len, SDL_Color c, int max_w,
                                bool *cut) {
    char buf[4096];
    size_t n = len < sizeof buf - 4 ? len : sizeof buf - 4;
    n = str_utf8_trim((char *)memcpy(buf, s, n), n, n);
    buf[n] = '\0';
    int w = 0, h = 0;
    if (max_w > 0 && TTF_SizeUTF8(font, buf, &w, &h) == 0 && w > max_w) {
        size_t keep = fit_prefix(font, buf, n, max_w);
        while (keep > 0 && buf[keep - 1] == ' ') {
            keep--;
        }
        memcpy(buf + keep, "\xE2\x80\xA6", 4);
        *cut = true;
    }
    if (!buf[0]) {
        return NULL;
    }
    return TTF_RenderUTF8_Blended(font, buf, c);
}

/* Splits `s` into lines of at most `width` pixels at spaces (and at '\n'). Fills starts/lens;
 * returns the line count (at most `max`). */
static int wrap_lines(TTF_Font *font, const char *s, int width, size_t *starts, size_t *lens,
                      int max) {
    int n = 0;
    size_t pos = 0, total = strlen(s);
    char buf[4096];
    while (pos < total && n < max) {
        size_t line_end = pos, best = pos;
        for (;;) {
            size_t next = line_end;
            while (next < total && s[next] == ' ') {
                next++;
            }
            while (next < total && s[next] != ' ' && s[next] != '\n') {
                next++;
            }
            size_t cand = next - pos < sizeof buf - 1 ? next - pos : sizeof buf - 1;
            memcpy(buf, s + pos, cand);
            buf[cand] = '\0';
            int w = 0, h = 0;
            TTF_SizeUTF8(font, buf, &w, &h);
            if (w > width && best > pos) {
                break;
            }
            best = next;
            line_end = next;
            if (w > width || next >= total || s[next] == '\n') {
                break;
            }
        }
        starts[n] = pos;
        lens[n] = best - pos;
        n++;
        pos = best;
        if (pos < total && s[pos] == '\n') {
            pos++;
        }
        while (pos < total && s[pos] == ' ') {
            pos++;
        }
    }
    return n;
}

static cache_entry *cache_get(ui_text *t, const char *s, ui_font_role role, SDL_Color color,
                              int max_w, int max_lines) {
    uint32_t packed = pack_color(color);
    uint64_t h = key_hash(s, role, packed, max_w, max_lines);
    t->tick++;
    cache_entry *victim = NULL;
    for (int i = 0; i < CACHE_PROBES; i++) {
        cache_entry *e = &t->slots[(h + (uint64_t)i) & (CACHE_SLOTS - 1)];
        if (!e->text) {
            victim = e;
            break;
        }
        if (e->hash == h && e->role == (int)role && e->color == packed && e->max_w == max_w &&
            e->max_lines == max_lines && strcmp(e->text, s) == 0) {
            e->last_used = t->tick;
            t->hits++;
            return e;
        }
        if (!victim || e->last_used < victim->last_used) {
            victim = e;
        }
    }
    entry_free(t, victim);
    TTF_Font *font = t->fonts[role];
    SDL_Surface *surface = NULL;
    bool cut = false;
    if (max_lines < 0) {
        /* Wrapped text: -max_lines is the line limit, max_w the width. */
        size_t starts[WRAP_MAX_LINES], lens[WRAP_MAX_LINES];
        int limit = -max_lines;
        if (limit == 0 || limit > WRAP_MAX_LINES) {
            limit = WRAP_MAX_LINES;
        }
        int n = wrap_lines(font, s, max_w, starts, lens, limit);
        bool more = n > 0 && starts[n - 1] + lens[n - 1] < strlen(s);
        cut = more;
        int skip = TTF_FontLineSkip(font);
        surface =
            n > 0 ? SDL_CreateRGBSurfaceWithFormat(0, max_w, skip * n, 32, SDL_PIXELFORMAT_ARGB8888)
                  : NULL;
        if (surface) {
            SDL_SetSurfaceBlendMode(surface, SDL_BLENDMODE_NONE);
            SDL_FillRect(surface, NULL, SDL_MapRGBA(surface->format, color.r, color.g, color.b, 0));
            for (int i = 0; i < n; i++) {
                char line[4096];
                size_t len = lens[i] < sizeof line - 8 ? lens[i] : sizeof line - 8;
                memcpy(line, s + starts[i], len);
                line[len] = '\0';
                if (i == n - 1 && more) {
                    /* Force the ellipsis on the last visible line. */
                    str_append(line, sizeof line, " \xE2\x80\xA6");
                }
                SDL_Surface *ls = render_line(font, line, strlen(line), color, max_w, &cut);
                if (ls) {
                    SDL_SetSurfaceBlendMode(ls, SDL_BLENDMODE_NONE);
                    SDL_Rect dst = {0, i * skip, ls->w, ls->h};
                    SDL_BlitSurface(ls, NULL, surface, &dst);
                    SDL_FreeSurface(ls);
                }
            }
        }
    } else {
        surface = render_line(font, s, strlen(s), color, max_w, &cut);
    }
    if (!surface) {
        return NULL;
    }
    victim->texture = SDL_CreateTextureFromSurface(t->renderer, surface);
    victim->w = surface->w;
    victim->h = surface->h;
    victim->cut = cut;
    SDL_FreeSurface(surface);
    if (!victim->texture) {
        return NULL;
    }
    SDL_SetTextureBlendMode(victim->texture, SDL_BLENDMODE_BLEND);
    victim->text = xstrdup(s);
    victim->hash = h;
    victim->role = role;
    victim->color = packed;
    victim->max_w = max_w;
    victim->max_lines = max_lines;
    victim->last_used = t->tick;
    t->rendered++;
    t->bytes += (size_t)victim->w * (size_t)victim->h * 4;
    if (t->bytes > CACHE_BUDGET) {
        cache_trim(t);
    }
    return victim;
}

/* Notes a drawn string while recording: its box on screen, whether it was cut, and whether a
 * clip rectangle (a scrolled list's viewport) hides part of it; wholly hidden text is skipped.
 * Returns the item noted, or NULL. */
static ui_text_item *record(ui_text *t, const char *s, SDL_Rect r, bool cut) {
    if (!t->recording) {
        return NULL;
    }
    bool clipped = false;
    SDL_Rect seen = r;
    if (SDL_RenderIsClipEnabled(t->renderer)) {
        SDL_Rect clip;
        SDL_RenderGetClipRect(t->renderer, &clip);
        if (!SDL_IntersectRect(&r, &clip, &seen)) {
            return NULL;
        }
        clipped = seen.w < r.w || seen.h < r.h;
    }
    if (t->n_items == t->cap_items) {
        t->cap_items = t->cap_items ? t->cap_items * 2 : 256;
        t->items = xreallocarray(t->items, (size_t)t->cap_items, sizeof *t->items);
    }
    ui_text_item *it = &t->items[t->n_items++];
    it->text = xstrdup(s);
    it->r = r;
    it->seen = seen;
    it->cut = cut;
    it->clipped = clipped;
    it->picture = false;
    return it;
}

void ui_text_record_picture(ui_text *t, const char *name, SDL_Rect r) {
    ui_text_item *it = record(t, name, r, false);
    if (it) {
        it->picture = true;
    }
}

void ui_text_record(ui_text *t, bool on) {
    for (int i = 0; i < t->n_items; i++) {
        free(t->items[i].text);
    }
    t->n_items = 0;
    t->recording = on;
}

int ui_text_recorded(const ui_text *t, const ui_text_item **items) {
    *items = t->items;
    return t->n_items;
}

int ui_text_draw(ui_text *t, ui_font_role role, const char *s, SDL_Color color, int x, int y,
                 ui_align align, int max_w) {
    if (!s || !*s) {
        return 0;
    }
    cache_entry *e = cache_get(t, s, role, color, max_w < 0 ? 0 : max_w, 0);
    if (!e) {
        return 0;
    }
    SDL_Rect dst = {x, y, e->w, e->h};
    if (align == UI_ALIGN_CENTER) {
        dst.x = x - e->w / 2;
    } else if (align == UI_ALIGN_RIGHT) {
        dst.x = x - e->w;
    }
    SDL_RenderCopy(t->renderer, e->texture, NULL, &dst);
    record(t, s, dst, e->cut);
    return e->w;
}

int ui_text_draw_wrapped(ui_text *t, ui_font_role role, const char *s, SDL_Color color, int x,
                         int y, int width, int max_lines) {
    if (!s || !*s || width <= 0) {
        return 0;
    }
    /* A negative line limit marks a wrapped entry (0 would collide with single lines). */
    int limit = max_lines > 0 && max_lines < WRAP_MAX_LINES ? max_lines : WRAP_MAX_LINES;
    cache_entry *e = cache_get(t, s, role, color, width, -limit);
    if (!e) {
        return 0;
    }
    SDL_Rect dst = {x, y, e->w, e->h};
    SDL_RenderCopy(t->renderer, e->texture, NULL, &dst);
    record(t, s, dst, e->cut);
    return e->h;
}

int ui_text_wrapped_height(ui_text *t, ui_font_role role, const char *s, int width) {
    if (!s || !*s || width <= 0) {
        return 0;
    }
    bool found;
    width_entry *e = measure_slot(t, role, s, width, &found);
    if (found) {
        return e->w;
    }
    size_t starts[WRAP_MAX_LINES], lens[WRAP_MAX_LINES];
    int n = wrap_lines(t->fonts[role], s, width, starts, lens, WRAP_MAX_LINES);
    int h = n * TTF_FontLineSkip(t->fonts[role]);
    measure_keep(e, role, s, width, h);
    return h;
}

void ui_text_stats(const ui_text *t, long *rendered, long *hits) {
    *rendered = t->rendered;
    *hits = t->hits;
}
