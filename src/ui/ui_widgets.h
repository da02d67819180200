/*
 * ui_widgets.h: what a screen shows that can be touched: rectangles with an action id and a label.
 * A screen rebuilds its list in `update` (layout), reads it in `draw`, and hit-tests it when a
 * tap arrives. Labels are the visible text, so scripts can `tap "Send inquiry"`.
 */
#ifndef OCOP_UI_WIDGETS_H
#define OCOP_UI_WIDGETS_H

#include <SDL.h>
#include <stdbool.h>

#define UI_WIDGETS_MAX      320
#define UI_WIDGET_LABEL_MAX 160

typedef enum ui_widget_kind {
    UI_W_BUTTON,
    UI_W_PRIMARY, /* the screen's main action */
    UI_W_CHIP,    /* a toggle among several; `on` when selected */
    UI_W_FIELD,   /* a text field; arg = field index */
    UI_W_CHECK,   /* a check box; `on` when ticked */
    UI_W_CARD,    /* a product card; arg = index in the results */
    UI_W_KEY,     /* an on-screen keyboard key */
    UI_W_AREA,    /* an invisible touch area */
} ui_widget_kind;

typedef struct ui_widget {
    SDL_Rect r;
    ui_widget_kind kind;
    int id;  /* the screen's action */
    int arg; /* action argument */
    bool on;
    SDL_Rect view; /* the scrolled viewport r shows through (only that part is touched, found,
                      drawn pressed and listed by ui_texts); w = 0: none */
    char label[UI_WIDGET_LABEL_MAX];
} ui_widget;

typedef struct ui_widget_list {
    int count;
    ui_widget items[UI_WIDGETS_MAX];
} ui_widget_list;

void ui_widgets_clear(ui_widget_list *l);
/* Adds a widget (the list has a fixed capacity: a full list is a layout bug and asserts).
 * Returns it for further settings. */
ui_widget *ui_widgets_add(ui_widget_list *l, ui_widget_kind kind, int id, int arg, SDL_Rect r,
                          const char *label);
/* The part of `w` its viewport shows (all of w->r when it has none; w = 0 when none of it). */
SDL_Rect ui_widget_seen(const ui_widget *w);
/* The last-added widget containing (x, y) (later widgets lie on top), or NULL. */
const ui_widget *ui_widgets_hit(const ui_widget_list *l, int x, int y);
/* The first widget whose label contains `text` and that lies within `clip` (visible), or NULL. */
const ui_widget *ui_widgets_find(const ui_widget_list *l, const char *text, SDL_Rect clip);

#endif
