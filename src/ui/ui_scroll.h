/*
 * ui_scroll.h: kinetic scrolling for a list or grid, pure arithmetic (no SDL) on the app's clock.
 *
 * While the finger drags, the content follows it and the velocity is tracked with a low-pass
 * filter; on release a flick keeps going and decelerates exponentially with a 325 ms time
 * constant (the iOS feel, after ariya.io "JavaScript kinetic scrolling"): position = target -
 * amplitude * exp(-t / 325 ms), amplitude = 0.8 * release velocity. A touch while it moves
 * stops it. The offset stays within [0, max].
 */
#ifndef OCOP_UI_SCROLL_H
#define OCOP_UI_SCROLL_H

#include <stdbool.h>
#include <stdint.h>

typedef struct ui_scroll {
    float offset;    /* pixels scrolled from the top */
    float max;       /* the largest offset (content height - view height, >= 0) */
    float velocity;  /* pixels per second, filtered, while dragging */
    float amplitude; /* of the running flick; 0 when still */
    float target;
    uint32_t flick_ms;  /* when the flick started */
    uint32_t sample_ms; /* last velocity sample */
    float sample_offset;
    bool dragging;
} ui_scroll;

/* Sets the scrollable range; clamps the offset. */
void ui_scroll_set_max(ui_scroll *s, float max);
/* A finger went down at now_ms: stops any flick. */
void ui_scroll_press(ui_scroll *s, uint32_t now_ms);
/* The finger moved by dy pixels (down = positive: content follows the finger). */
void ui_scroll_drag(ui_scroll *s, float dy, uint32_t now_ms);
/* The finger lifted: starts a flick when it was moving fast enough. */
void ui_scroll_release(ui_scroll *s, uint32_t now_ms);
/* Advances a flick to now_ms. Returns true when the offset changed (redraw). */
bool ui_scroll_update(ui_scroll *s, uint32_t now_ms);
/* True while a flick runs. */
bool ui_scroll_moving(const ui_scroll *s);
/* Jumps to `offset` and stops. */
void ui_scroll_to(ui_scroll *s, float offset);

#endif
