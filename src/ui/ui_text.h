/*
 * ui_text.h: fonts and the text-texture cache.
 *
 * Fonts are Noto Sans Regular and Bold (fonts-noto-core), looked up in the data folder's fonts/
 * first, then through fontconfig (`fc-match`), then in Debian's own folder. Sizes follow the
 * output: the caller passes a scale (output height / reference height) and every role is opened
 * at its point size times that scale, so text is rasterised sharp at 800x480 and at 3840x2160.
 * The two files are read whole into memory (about 1 MB) when the sizes are set, and the fonts
 * read from there, not from the files.
 *
 * Rendering a line with SDL_ttf costs 1-2 ms, too much to repeat every frame for a screen of
 * cards, so each rendered string is kept as a texture keyed by (text, font role, colour, width
 * limit) in a fixed-size table with least-recently-used eviction. Drawing an unchanged string is
 * a hash lookup and a copy.
 */
#ifndef OCOP_UI_TEXT_H
#define OCOP_UI_TEXT_H

#include "core/base.h"

#include <SDL.h>
#include <stdbool.h>

typedef enum ui_font_role {
    UI_FONT_SMALL,
    UI_FONT_BODY,
    UI_FONT_BOLD,
    UI_FONT_HEADING,
    UI_FONT_TITLE,
    UI_FONT_HUGE,
    UI_FONT_COUNT
} ui_font_role;

typedef enum ui_align { UI_ALIGN_LEFT, UI_ALIGN_CENTER, UI_ALIGN_RIGHT } ui_align;

typedef struct ui_text ui_text;

/* Finds the font files (see above) and opens the renderer's text system. Returns the text
 * system (destroy with ui_text_destroy), or NULL with `err` naming what is missing and where it
 * was looked for. */
ui_text *ui_text_create(SDL_Renderer *renderer, ocop_error *err);
void ui_text_destroy(ui_text *t);

/* Re-opens every font for `scale` (1.0 = sizes for a 1080-pixel-high output) and `large`
 * (large-text mode: about 1.3 times bigger). Empties the cache when anything changed. Returns 0,
 * or -1 with `err` set and the fonts, sizes and cache as they were. */
int ui_text_set_scale(ui_text *t, float scale, bool large, ocop_error *err);

/* Height of a line of `role`, in pixels. */
int ui_text_line_height(ui_text *t, ui_font_role role);
/* Width of `s` in `role`, in pixels (no texture is made). */
int ui_text_width(ui_text *t, ui_font_role role, const char *s);

/* Draws `s` with its top at y, aligned on x (left edge, centre or right edge). A string wider
 * than `max_w` pixels (0 = no limit) is cut with an ellipsis. Returns the drawn width. */
int ui_text_draw(ui_text *t, ui_font_role role, const char *s, SDL_Color color, int x, int y,
                 ui_align align, int max_w);
/* Draws `s` wrapped to `width` pixels, at most `max_lines` lines (0 = any; the last one gets an
 * ellipsis). Returns the height used. */
int ui_text_draw_wrapped(ui_text *t, ui_font_role role, const char *s, SDL_Color color, int x,
                         int y, int width, int max_lines);

/* The height `s` takes wrapped to `width` pixels with no line limit (as ui_text_draw_wrapped
 * would draw it, up to its most lines), without drawing: for a scrolled text's range. */
int ui_text_wrapped_height(ui_text *t, ui_font_role role, const char *s, int width);

/* A string as drawn, for `shot --texts`: its box in screen pixels (a wrapped text's box is the
 * wrap width by its lines), `cut` when it did not fit and shows an ellipsis, `clipped` when a
 * scrolled viewport hides part of it, and then `seen`, the part of the box on view. */
typedef struct ui_text_item {
    char *text; /* owned by the text system */
    SDL_Rect r;
    SDL_Rect seen; /* r within the clip rectangle; r itself when not clipped */
    bool cut;
    bool clipped;
    bool picture; /* not a string: a picture drawn (ui_text_record_picture), `text` its name */
} ui_text_item;

/* Starts (on) or stops recording what is drawn; either way forgets what was recorded. */
void ui_text_record(ui_text *t, bool on);
/* Notes, while recording, a picture drawn at `r` (an organiser's logo) under `name`, so that
 * `shot --texts` can show it lies on screen and clear of the texts. */
void ui_text_record_picture(ui_text *t, const char *name, SDL_Rect r);
/* The strings drawn since recording started; *items stays valid until the next
 * ui_text_record. Returns their count. */
int ui_text_recorded(const ui_text *t, const ui_text_item **items);

/* Cache figures, for tests and the benchmark: textures made since creation, and cache hits. */
void ui_text_stats(const ui_text *t, long *rendered, long *hits);

#endif
