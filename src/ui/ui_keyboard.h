/*
 * ui_keyboard.h: the on-screen keyboard, part of the top layer. Letters (Vietnamese through the
 * IME, or plain), a row of tone and shape buttons for visitors who do not know Telex, a VI/EN
 * toggle, a numeric pad for quantity and phone, plain letters and @ . - _ for e-mail. Keys are
 * widgets whose labels are what they type, so a script's `type` goes through the real keys.
 */
#ifndef OCOP_UI_KEYBOARD_H
#define OCOP_UI_KEYBOARD_H

#include "ui/ui_event.h"
#include "ui/ui_widgets.h"

#include <stdbool.h>

/* The app the keyboard types into (ui_app.h, which holds the keyboard's state). */
typedef struct ui_app ui_app;

/* The on-screen keyboard's state, a member of the app. */
typedef struct ui_keyboard {
    bool visible;
    bool vietnamese; /* IME on (Telex/VNI) or plain letters */
    bool shift;
    bool symbols;
    int top_px; /* y where the keyboard starts (screens keep the focused field above it) */
    ui_widget_list keys;
} ui_keyboard;

/* Lays the keys out for the focused field's kind at the app's size (call in update). */
void kb_layout(ui_app *a);
/* Paints the keyboard. */
void kb_draw(const ui_app *a);
/* A tap at (x, y): returns true when it landed on the keyboard (used or not). */
bool kb_tap(ui_app *a, int x, int y);
/* Types `utf8` through the keys: each character by tapping its key (switching layers as a
 * finger would), or straight into the field when no key makes it. */
void kb_type(ui_app *a, const char *utf8);
/* A physical key or text from a USB keyboard or scanner. Returns true when used. */
bool kb_physical(ui_app *a, const ui_event *e);

#endif
