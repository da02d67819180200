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
    SDL_Color pressed; /* translucent shade over a card or a field while a finger is on it
                          (UI_PRESS_SHADE); buttons, chips and keys invert instead */
} ui_theme;

/* How a face shows that a finger is on it. One shade over every face could not do it: over the
 * light faces and the dark ones (the chosen chip, the main action) alike it changed a face by at
 * most about 1.5:1 while keeping the labels readable. */
typedef enum ui_theme_press {
    UI_PRESS_NONE,   /* not a face a finger presses */
    UI_PRESS_INVERT, /* buttons, chips, keys, check boxes: the face takes its label's colour and
                        the label the face's */
    UI_PRESS_SHADE,  /* cards and fields (photos, typed text): `pressed` is drawn over them */
} ui_theme_press;

/* Fills `t` with the normal theme, or the large-text / high-contrast one when `large`. */
void ui_theme_fill(ui_theme *t, bool large);

/* One colour drawn on another somewhere on screen: `fg` over `bg` (offsets of SDL_Color members
 * of ui_theme), with the least contrast ratio it needs. */
typedef struct ui_theme_pair {
    const char *what;     /* where it is seen, for messages: "field hint" */
    size_t fg, bg;        /* offsetof(ui_theme, …) */
    double min_ratio;     /* 4.5 text, 3.0 large text and graphics */
    ui_theme_press press; /* when bg is the face of a widget a finger presses and fg its
                             label: how it shows the press */
} ui_theme_pair;

/* The pairs the screens draw (a static table; *count set to its length). */
const ui_theme_pair *ui_theme_pairs(size_t *count);

/* The colours a face `face` with its label `label` shows while a finger is on it, as `press`
 * says: inverted, or under `t`'s pressed shade (as SDL's blending draws it: shade x alpha + colour
 * x (1 - alpha)); unchanged for UI_PRESS_NONE. */
void ui_theme_pressed(const ui_theme *t, ui_theme_press press, SDL_Color face, SDL_Color label,
                      SDL_Color *pressed_face, SDL_Color *pressed_label);

/* The colour at `offset` (a ui_theme_pair's fg or bg) of `t`. */
SDL_Color ui_theme_colour(const ui_theme *t, size_t offset);

#endif
