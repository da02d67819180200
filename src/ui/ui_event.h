/*
 * ui_event.h: the kiosk's own input events. The platform layer (ui_platform.c) turns SDL events
 * into these, so screens, widgets and the keyboard never see an SDL_Event (STYLE §13: touch and
 * mouse become one pressed-plus-position pointer; SDL's synthetic mouse events from touch are
 * dropped there).
 */
#ifndef OCOP_UI_EVENT_H
#define OCOP_UI_EVENT_H

#include <stdint.h>

typedef enum ui_event_type {
    UI_EV_NONE,
    UI_EV_PRESS,   /* pointer down at x, y (pixels of the output) */
    UI_EV_MOVE,    /* pointer moved while pressed */
    UI_EV_RELEASE, /* pointer up at x, y */
    UI_EV_KEY,     /* a physical key: `key` */
    UI_EV_TEXT,    /* text from a physical keyboard or scanner: `text` (UTF-8) */
    UI_EV_RESIZE,  /* the output changed size: w = x, h = y */
    UI_EV_HOVER,   /* a real mouse moved (shows the cursor) */
    UI_EV_QUIT,
    /* Made by the app from PRESS/MOVE/RELEASE, for screens and layers: */
    UI_EV_TAP,  /* pressed and released within the tap slop, at x, y */
    UI_EV_DRAG, /* pointer moved beyond the slop: dx = x, dy = y since the last DRAG */
} ui_event_type;

typedef enum ui_key {
    UI_KEY_NONE,
    UI_KEY_BACKSPACE,
    UI_KEY_ENTER,
    UI_KEY_ESCAPE,
    UI_KEY_TAB,
    UI_KEY_F11, /* toggles large text (service) */
} ui_key;

typedef struct ui_event {
    ui_event_type type;
    int x, y; /* pixels of the renderer's output */
    ui_key key;
    char text[32];
} ui_event;

#endif
