/*
 * ui_theme.h: the kiosk's colours, the one place they are written: the normal theme and the
 * large-text / high-contrast one, and which colour is drawn on which (the pairs a contrast
 * check must hold for: WCAG 2.1 AA, 4.5:1 for text, 3:1 for large text and for the edges of
 * controls and the stars).
 */
#ifndef OCOP_UI_THEME_H
#define OCOP_UI_THEME_H

#include <SDL.h>
#include <stdbool.h>
#include <stddef.h>

typedef struct ui_theme {
    SDL_Color bg, panel, card, text, muted, accent, accent_text, line, star, star_off, warn, ok,
        chip, chip_on, chip_text_on, field, focus, overlay, key, key_special;
    SDL_Color pressed; /* translucent shade over a widget while a finger is on it: one shade
                          over every face (light and dark), so a mid grey in the high-contrast
                          theme, where a black shade vanished on the black chosen chip */
} ui_theme;

/* Fills `t` with the normal theme, or the large-text / high-contrast one when `large`. */
void ui_theme_fill(ui_theme *t, bool large);

/* One colour drawn on another somewhere on screen: `fg` over `bg` (offsets of SDL_Color members
 * of ui_theme), with the least contrast ratio it needs. */
typedef struct ui_theme_pair {
    const char *what; /* where it is seen, for messages: "field hint" */
    size_t fg, bg;    /* offsetof(ui_theme, …) */
    double min_ratio; /* 4.5 text, 3.0 large text and graphics */
    bool face;        /* bg is the face of a widget a finger presses and fg its label: the
                         pressed shade is drawn over both */
} ui_theme_pair;

/* The pairs the screens draw (a static table; *count set to its length). */
const ui_theme_pair *ui_theme_pairs(size_t *count);

/* The colour at `offset` (a ui_theme_pair's fg or bg) of `t`. */
SDL_Color ui_theme_colour(const ui_theme *t, size_t offset);

#endif
