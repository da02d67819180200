/* ui_scroll.c: kinetic scrolling; see ui_scroll.h. */
#include "ui/ui_scroll.h"

#include <math.h>

#define TIME_CONSTANT_MS 325.0f
#define MIN_FLICK_SPEED  60.0f /* px/s below which a release just stops */
#define SAMPLE_MS        16u

static float clampf(float v, float lo, float hi) {
    return v < lo ? lo : (v > hi ? hi : v);
}

void ui_scroll_set_max(ui_scroll *s, float max) {
    s->max = max > 0 ? max : 0;
    s->offset = clampf(s->offset, 0, s->max);
}

void ui_scroll_press(ui_scroll *s, uint32_t now_ms) {
    s->dragging = true;
    s->amplitude = 0;
    s->velocity = 0;
    s->sample_ms = now_ms;
    s->sample_offset = s->offset;
}

void ui_scroll_drag(ui_scroll *s, float dy, uint32_t now_ms) {
    if (!s->dragging) {
        ui_scroll_press(s, now_ms);
    }
    s->offset = clampf(s->offset - dy, 0, s->max);
    uint32_t dt = now_ms - s->sample_ms;
    if (dt >= SAMPLE_MS) {
        float v = 1000.0f * (s->offset - s->sample_offset) / (float)dt;
        s->velocity = 0.8f * v + 0.2f * s->velocity;
        s->sample_ms = now_ms;
        s->sample_offset = s->offset;
    }
}

void ui_scroll_release(ui_scroll *s, uint32_t now_ms) {
    if (!s->dragging) {
        return;
    }
    s->dragging = false;
    /* A finger that stopped before lifting does not flick. */
    if (now_ms - s->sample_ms > 100u) {
        s->velocity = 0;
    }
    if (fabsf(s->velocity) > MIN_FLICK_SPEED) {
        s->amplitude = 0.8f * s->velocity; /* px, from px/s as in ariya's article */
        s->target = clampf(roundf(s->offset + s->amplitude), 0, s->max);
        s->amplitude = s->target - s->offset;
        s->flick_ms = now_ms;
    } else {
        s->amplitude = 0;
    }
}

bool ui_scroll_update(ui_scroll *s, uint32_t now_ms) {
    if (s->amplitude == 0 || s->dragging) {
        return false;
    }
    float t = (float)(now_ms - s->flick_ms);
    float delta = -s->amplitude * expf(-t / TIME_CONSTANT_MS);
    float before = s->offset;
    if (fabsf(delta) < 0.5f) {
        s->offset = s->target;
        s->amplitude = 0;
    } else {
        s->offset = clampf(s->target + delta, 0, s->max);
    }
    return s->offset != before;
}

bool ui_scroll_moving(const ui_scroll *s) {
    return s->amplitude != 0 && !s->dragging;
}

void ui_scroll_to(ui_scroll *s, float offset) {
    s->offset = clampf(offset, 0, s->max);
    s->amplitude = 0;
    s->velocity = 0;
    s->dragging = false;
}
