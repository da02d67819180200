/*
 * ui_draw.h: the shapes the kiosk draws itself: filled and outlined rounded rectangles, circles,
 * rating stars (Noto Sans has no U+2605, and stars drawn as polygons look the same in every
 * font and size), check marks and arrows. All sizes are in output pixels.
 */
#ifndef OCOP_UI_DRAW_H
#define OCOP_UI_DRAW_H

#include <SDL.h>
#include <stdbool.h>

/* Fills `r` with rounded corners of `radius` pixels. */
void ui_draw_round_rect(SDL_Renderer *ren, SDL_Rect r, int radius, SDL_Color c);
/* Outlines `r` (rounded corners) with a line `thickness` pixels wide. */
void ui_draw_round_frame(SDL_Renderer *ren, SDL_Rect r, int radius, int thickness, SDL_Color c);
/* Fills a circle. */
void ui_draw_circle(SDL_Renderer *ren, float cx, float cy, float radius, SDL_Color c);
/* One five-pointed star of outer radius `radius` centred on (cx, cy). */
void ui_draw_star(SDL_Renderer *ren, float cx, float cy, float radius, SDL_Color c);
/* A row of `total` stars, the first `filled` in `on`, the rest in `off`, starting at x (left
 * edge) and centred vertically on cy; each star is `size` pixels wide. Returns the row width. */
int ui_draw_stars(SDL_Renderer *ren, int x, int cy, int size, int filled, int total, SDL_Color on,
                  SDL_Color off);
/* A check mark inside the square `r`. */
void ui_draw_check(SDL_Renderer *ren, SDL_Rect r, int thickness, SDL_Color c);
/* A thick line from (x1, y1) to (x2, y2). */
void ui_draw_line(SDL_Renderer *ren, float x1, float y1, float x2, float y2, float thickness,
                  SDL_Color c);
/* Fills `r` (square corners). */
void ui_draw_rect(SDL_Renderer *ren, SDL_Rect r, SDL_Color c);

/* Frees the shape textures made for `ren` (call before destroying it; NULL: all). Circles and
 * stars are drawn once per size and colour into a texture and copied after that; a rounded
 * rectangle or outline of any size is its four corners, copied from the texture of a 2R x 2R
 * shape of the same radius, and plain rectangles for the rest. */
void ui_draw_forget(SDL_Renderer *ren);

/* True when (x, y) is inside `r`. */
bool ui_rect_contains(SDL_Rect r, int x, int y);

#endif
