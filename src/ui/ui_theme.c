/* ui_theme.c: the kiosk's colours; see ui_theme.h. */
#include "ui/ui_theme.h"

#include "core/base.h"

#include <string.h>

static SDL_Color rgb(uint32_t hex) {
    SDL_Color c = {(uint8_t)(hex >> 16), (uint8_t)(hex >> 8), (uint8_t)hex, 255};
    return c;
}

static SDL_Color rgba(uint32_t hex, uint8_t alpha) {
    SDL_Color c = rgb(hex);
    c.a = alpha;
    return c;
}

void ui_theme_fill(ui_theme *t, bool large) {
    if (large) {
        /* High contrast: black on white, strong blue, dark amber focus. */
        t->bg = rgb(0xFFFFFF);
        t->panel = rgb(0xFFFFFF);
        t->card = rgb(0xFFFFFF);
        t->text = rgb(0x000000);
        t->muted = rgb(0x1A1A1A);
        t->accent = rgb(0x003C8F);
        t->accent_text = rgb(0xFFFFFF);
        t->line = rgb(0x000000);
        t->star = rgb(0xB35900);
        t->star_off = rgb(0x767676);
        t->warn = rgb(0xB00020);
        t->ok = rgb(0x005A1F);
        t->chip = rgb(0xFFFFFF);
        t->chip_on = rgb(0x000000);
        t->chip_text_on = rgb(0xFFFFFF);
        t->field = rgb(0xFFFFFF);
        t->focus = rgb(0x9A5B00);
        t->overlay = rgba(0x000000, 200);
        t->key = rgb(0xFFFFFF);
        t->key_special = rgb(0xD9D9D9);
        /* Over the white cards and fields: 3:1 darker, black text still 6.6:1 on it
         * (test_ui_theme). */
        t->pressed = rgba(0x000000, 110);
    } else {
        t->bg = rgb(0xF5F0E6);
        t->panel = rgb(0xFFFFFF);
        t->card = rgb(0xFFFFFF);
        t->text = rgb(0x1F2A24);
        t->muted = rgb(0x5B6660);
        t->accent = rgb(0x00704A);
        t->accent_text = rgb(0xFFFFFF);
        t->line = rgb(0x8A8272); /* field and card edges: 3:1 on white and on bg */
        t->star = rgb(0xB7791F);
        t->star_off = rgb(0x8A8272);
        t->warn = rgb(0xC0392B);
        t->ok = rgb(0x1E7D45);
        t->chip = rgb(0xFFFFFF);
        t->chip_on = rgb(0x00704A);
        t->chip_text_on = rgb(0xFFFFFF);
        t->field = rgb(0xFFFFFF);
        t->focus = rgb(0xB7791F);
        t->overlay = rgba(0x10201A, 170);
        t->key = rgb(0xFFFFFF);
        t->key_special = rgb(0xE4DED0);
        t->pressed = rgba(0x000000, 110); /* as in the high-contrast theme */
    }
}

#define PAIR(what, fg, bg, ratio)                                                                  \
    { what, offsetof(ui_theme, fg), offsetof(ui_theme, bg), ratio, UI_PRESS_NONE }
/* A widget's label on its face (look_widget, the keyboard's keys), which inverts when pressed. */
#define FACE(what, fg, bg, ratio)                                                                  \
    { what, offsetof(ui_theme, fg), offsetof(ui_theme, bg), ratio, UI_PRESS_INVERT }
/* Text on a card or in a field, which the pressed shade covers (look_pressed). */
#define SHADED(what, fg, bg, ratio)                                                                \
    { what, offsetof(ui_theme, fg), offsetof(ui_theme, bg), ratio, UI_PRESS_SHADE }

/* What the screens draw on what (look_*, the screens, the keyboard, the top layer). */
static const ui_theme_pair pairs[] = {
    PAIR("text on the background", text, bg, 4.5),
    FACE("text on a panel (a special key)", text, panel, 4.5),
    SHADED("text on a card", text, card, 4.5),
    FACE("button and chip label", text, chip, 4.5),
    SHADED("typed text in a field", text, field, 4.5),
    FACE("key label", text, key, 4.5),
    PAIR("special key label", text, key_special, 4.5),
    PAIR("secondary text on the background", muted, bg, 4.5),
    PAIR("secondary text on a panel", muted, panel, 4.5),
    PAIR("secondary text on a card", muted, card, 4.5),
    PAIR("field hint", muted, field, 4.5),
    FACE("header title, a ticked box's mark", accent_text, accent, 4.5),
    FACE("main action label", chip_text_on, accent, 4.5),
    FACE("chosen chip label", chip_text_on, chip_on, 4.5),
    PAIR("accent text on the background", accent, bg, 4.5),
    PAIR("accent text on a panel", accent, panel, 4.5),
    PAIR("error message on the background", warn, bg, 4.5),
    PAIR("error message on a panel", warn, panel, 4.5),
    PAIR("success message on the background", ok, bg, 4.5),
    PAIR("success message on a panel", ok, panel, 4.5),
    PAIR("field border", line, field, 3.0),
    PAIR("card and button edge on the background", line, bg, 3.0),
    PAIR("button edge on a chip", line, chip, 3.0),
    PAIR("focused field border", focus, field, 3.0),
    PAIR("error field border", warn, field, 3.0),
    FACE("an empty check box's frame", muted, field, 3.0),
    PAIR("star on a card", star, card, 3.0),
    PAIR("star on the background", star, bg, 3.0),
    PAIR("empty star on a card", star_off, card, 3.0),
    PAIR("empty star on the background", star_off, bg, 3.0),
    PAIR("chart bar on a panel", star, panel, 3.0),
};

const ui_theme_pair *ui_theme_pairs(size_t *count) {
    *count = OCOP_COUNT(pairs);
    return pairs;
}

/* `c` under the translucent `shade`. */
static SDL_Color shaded(SDL_Color c, SDL_Color shade) {
    double a = shade.a / 255.0;
    SDL_Color out = {(uint8_t)(shade.r * a + c.r * (1 - a) + 0.5),
                     (uint8_t)(shade.g * a + c.g * (1 - a) + 0.5),
                     (uint8_t)(shade.b * a + c.b * (1 - a) + 0.5), 255};
    return out;
}

void ui_theme_pressed(const ui_theme *t, ui_theme_press press, SDL_Color face, SDL_Color label,
                      SDL_Color *pressed_face, SDL_Color *pressed_label) {
    switch (press) {
    case UI_PRESS_INVERT:
        *pressed_face = label;
        *pressed_label = face;
        return;
    case UI_PRESS_SHADE:
        *pressed_face = shaded(face, t->pressed);
        *pressed_label = shaded(label, t->pressed);
        return;
    case UI_PRESS_NONE:
        break;
    }
    *pressed_face = face;
    *pressed_label = label;
}

SDL_Color ui_theme_colour(const ui_theme *t, size_t offset) {
    OCOP_ASSERT(offset + sizeof(SDL_Color) <= sizeof *t && offset % sizeof(SDL_Color) == 0);
    SDL_Color c;
    memcpy(&c, (const char *)t + offset, sizeof c);
    return c;
}
