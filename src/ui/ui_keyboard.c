/* ui_keyboard.c: the on-screen keyboard; see ui_keyboard.h. */
#include "ui/ui_keyboard.h"

#include "core/utf8.h"
#include "ui/ui_app.h"
#include "ui/ui_draw.h"
#include "ui/ui_look.h"

#include <string.h>

enum {
    KB_CHAR = 1, /* types its label */
    KB_BACKSPACE,
    KB_SPACE,
    KB_DONE,
    KB_SHIFT,
    KB_SYMBOLS,
    KB_TOGGLE_VI,
    KB_TONE,  /* arg = ui_tone */
    KB_SHAPE, /* types its label (a Vietnamese letter) */
};

static const char *const letter_rows[3] = {"qwertyuiop", "asdfghjkl", "zxcvbnm"};
static const char *const symbol_rows[3] = {"1234567890", "@.-_/&()+", ",:;!?'\"#"};
static const char *const tone_labels[5] = {"\xC3\xA1", "\xC3\xA0", "\xE1\xBA\xA3", "\xC3\xA3",
                                           "\xE1\xBA\xA1"}; /* á à ả ã ạ */
static const char *const shape_letters[7] = {"ă", "â", "ê", "ô", "ơ", "ư", "đ"};

static ui_field *focused(ui_app *a) {
    int f = a->session->focus;
    return f >= 0 ? &a->session->fields[f] : NULL;
}

static void add_key(ui_app *a, int id, int arg, SDL_Rect r, const char *label) {
    ui_widgets_add(&a->kb.keys, UI_W_KEY, id, arg, r, label);
}

/* Lays out one row of single-character keys from `chars` (ASCII), keys `kw` wide, starting at x. */
static int char_row(ui_app *a, const char *chars, int x, int y, int kw, int kh, int gap) {
    for (const char *c = chars; *c; c++) {
        char label[2] = {*c, 0};
        if (a->kb.shift && *c >= 'a' && *c <= 'z') {
            label[0] = (char)(*c - 32);
        }
        add_key(a, KB_CHAR, 0, (SDL_Rect){x, y, kw - gap, kh - gap}, label);
        x += kw;
    }
    return x;
}

static void layout_pad(ui_app *a, bool phone, SDL_Rect area, int gap) {
    static const char *const pad_number[12] = {"1", "2", "3", "4", "5", "6",
                                               "7", "8", "9", ",", "0", NULL};
    static const char *const pad_phone[12] = {"1", "2", "3", "4", "5", "6",
                                              "7", "8", "9", "+", "0", NULL};
    const char *const *pad = phone ? pad_phone : pad_number;
    int rows = 4, cols = 4;
    int kh = area.h / rows;
    int kw = kh * 2;
    if (kw * cols > area.w) {
        kw = area.w / cols;
    }
    int x0 = area.x + (area.w - kw * cols) / 2;
    for (int i = 0; i < 12; i++) {
        SDL_Rect r = {x0 + (i % 3) * kw, area.y + (i / 3) * kh, kw - gap, kh - gap};
        if (pad[i]) {
            add_key(a, KB_CHAR, 0, r, pad[i]);
        } else {
            add_key(a, KB_BACKSPACE, 0, r, ui_app_str(a, "kb.backspace"));
        }
    }
    SDL_Rect done = {x0 + 3 * kw, area.y, kw - gap, kh * 4 - gap};
    add_key(a, KB_DONE, 0, done, ui_app_str(a, "kb.done"));
}

void kb_layout(ui_app *a) {
    ui_keyboard *kb = &a->kb;
    ui_widgets_clear(&kb->keys);
    ui_field *f = focused(a);
    if (!f) {
        kb->top_px = a->h;
        return;
    }
    int gap = ui_px(a, 8);
    bool pad = f->kind == UI_FIELD_NUMBER || f->kind == UI_FIELD_PHONE;
    int rows = pad ? 4 : 5;
    int kh = ui_px(a, pad ? 84 : 80);
    if (kh * rows > a->h * 45 / 100) {
        kh = a->h * 45 / 100 / rows;
    }
    if (kh - gap < a->touch_px) {
        kh = a->touch_px + gap; /* a fingertip's size wins over the room left for the form */
    }
    int height = kh * rows + gap * 2;
    kb->top_px = a->h - height;
    SDL_Rect area = {gap, kb->top_px + gap, a->w - 2 * gap, height - 2 * gap};
    if (pad) {
        layout_pad(a, f->kind == UI_FIELD_PHONE, area, gap);
        return;
    }
    int kw = area.w / 11;
    if (kw > kh * 2) {
        kw = kh * 2;
    }
    int x0 = area.x + (area.w - kw * 11) / 2;
    int y = area.y;
    bool vi = f->kind == UI_FIELD_TEXT && kb->vietnamese;
    /* Row 0: tone and shape buttons (Vietnamese), or digits and e-mail signs (plain). */
    if (vi) {
        int x = x0;
        for (int i = 0; i < 5; i++) {
            add_key(a, KB_TONE, i + 1, (SDL_Rect){x, y, kw - gap, kh - gap}, tone_labels[i]);
            x += kw;
        }
        int sw = (kw * 6) / 7;
        for (int i = 0; i < 7; i++) {
            add_key(a, KB_SHAPE, 0, (SDL_Rect){x, y, sw - gap, kh - gap}, shape_letters[i]);
            x += sw;
        }
    } else {
        char_row(a, "1234567890", x0, y, kw, kh, gap);
        add_key(a, KB_CHAR, 0, (SDL_Rect){x0 + 10 * kw, y, kw - gap, kh - gap}, "@");
    }
    y += kh;
    const char *const *rows3 = kb->symbols ? symbol_rows : letter_rows;
    int x = char_row(a, rows3[0], x0, y, kw, kh, gap);
    add_key(a, KB_BACKSPACE, 0, (SDL_Rect){x, y, kw - gap, kh - gap},
            ui_app_str(a, "kb.backspace"));
    y += kh;
    x = char_row(a, rows3[1], x0 + kw / 2, y, kw, kh, gap);
    if (f->kind == UI_FIELD_PLAIN && !kb->symbols) {
        add_key(a, KB_CHAR, 0, (SDL_Rect){x, y, kw - gap, kh - gap}, ".");
    }
    y += kh;
    add_key(a, KB_SHIFT, 0, (SDL_Rect){x0, y, kw + kw / 2 - gap, kh - gap},
            ui_app_str(a, "kb.shift"));
    x = char_row(a, rows3[2], x0 + kw + kw / 2, y, kw, kh, gap);
    if (f->kind == UI_FIELD_PLAIN && !kb->symbols) {
        x = char_row(a, "-_", x, y, kw, kh, gap);
    } else if (!kb->symbols) {
        x = char_row(a, ",.", x, y, kw, kh, gap);
    }
    y += kh;
    x = x0;
    int wide = kw * 2;
    add_key(a, KB_SYMBOLS, 0, (SDL_Rect){x, y, wide - gap, kh - gap},
            ui_app_str(a, kb->symbols ? "kb.letters" : "kb.symbols"));
    x += wide;
    if (f->kind == UI_FIELD_TEXT) {
        add_key(a, KB_TOGGLE_VI, 0, (SDL_Rect){x, y, wide - gap, kh - gap},
                ui_app_str(a, kb->vietnamese ? "kb.vi_on" : "kb.vi_off"));
    }
    x += wide;
    add_key(a, KB_SPACE, 0, (SDL_Rect){x, y, kw * 5 - gap, kh - gap}, ui_app_str(a, "kb.space"));
    x += kw * 5;
    add_key(a, KB_DONE, 0, (SDL_Rect){x, y, x0 + kw * 11 - x - gap, kh - gap},
            ui_app_str(a, "kb.done"));
}

void kb_draw(const ui_app *a) {
    const ui_theme *t = &a->theme;
    SDL_Rect back = {0, a->kb.top_px, a->w, a->h - a->kb.top_px};
    ui_draw_rect(a->renderer, back, t->key_special);
    ui_draw_rect(a->renderer, (SDL_Rect){0, a->kb.top_px, a->w, ui_px(a, 2)}, t->line);
    for (int i = 0; i < a->kb.keys.count; i++) {
        const ui_widget *w = &a->kb.keys.items[i];
        int radius = look_radius(a, UI_W_KEY, w->r.h);
        bool special = w->id != KB_CHAR && w->id != KB_SHAPE && w->id != KB_TONE;
        bool on = (w->id == KB_SHIFT && a->kb.shift) || (w->id == KB_TOGGLE_VI && a->kb.vietnamese);
        SDL_Color fill = on ? t->chip_on : (w->id == KB_DONE ? t->accent : t->key);
        SDL_Color ink = (on || w->id == KB_DONE) ? t->chip_text_on : t->text;
        if (special && !on && w->id != KB_DONE) {
            fill = t->panel;
        }
        ink = look_face(a, w->r, radius, fill, ink, ui_px(a, 1) + 1, t->line, ui_app_pressed(a, w));
        ui_font_role role = special ? UI_FONT_BOLD : UI_FONT_HEADING;
        int lh = ui_text_line_height(a->text, role);
        ui_text_draw(a->text, role, w->label, ink, w->r.x + w->r.w / 2, w->r.y + (w->r.h - lh) / 2,
                     UI_ALIGN_CENTER, w->r.w - ui_px(a, 6));
    }
}

static void press_key(ui_app *a, const ui_widget *w) {
    ui_field *f = focused(a);
    if (!f) {
        return;
    }
    a->dirty = true;
    switch (w->id) {
    case KB_CHAR:
    case KB_SHAPE:
        if (w->id == KB_SHAPE) {
            ui_field_letter(f, w->label);
        } else {
            ui_field_type(f, w->label);
        }
        if (a->kb.shift) {
            a->kb.shift = false;
        }
        break;
    case KB_TONE:
        ui_field_tone(f, (ime_tone_kind)w->arg);
        break;
    case KB_BACKSPACE:
        ui_field_backspace(f);
        break;
    case KB_SPACE:
        ui_field_type(f, " ");
        break;
    case KB_DONE:
        ui_app_focus(a, -1);
        break;
    case KB_SHIFT:
        a->kb.shift = !a->kb.shift;
        break;
    case KB_SYMBOLS:
        a->kb.symbols = !a->kb.symbols;
        break;
    case KB_TOGGLE_VI:
        a->kb.vietnamese = !a->kb.vietnamese;
        ui_field_set_vietnamese(f, a->kb.vietnamese);
        /* The visitor's own choice: it holds in every field until the visit ends. */
        a->session->kb_ime = a->kb.vietnamese ? UI_KB_IME_ON : UI_KB_IME_OFF;
        break;
    default:
        break;
    }
    if (a->session->focus >= 0) {
        a->session->field_error[a->session->focus][0] = '\0'; /* being corrected */
    }
    kb_layout(a);
}

bool kb_tap(ui_app *a, int x, int y) {
    if (!a->kb.visible || y < a->kb.top_px) {
        return false;
    }
    const ui_widget *w = ui_widgets_hit(&a->kb.keys, x, y);
    if (w) {
        press_key(a, w);
    }
    return true;
}

static const ui_widget *find_key(const ui_app *a, int id, const char *label) {
    for (int i = 0; i < a->kb.keys.count; i++) {
        const ui_widget *w = &a->kb.keys.items[i];
        if (w->id == id && (!label || strcmp(w->label, label) == 0)) {
            return w;
        }
    }
    return NULL;
}

static bool tap_key(ui_app *a, int id, const char *label) {
    const ui_widget *w = find_key(a, id, label);
    if (!w) {
        return false;
    }
    ui_widget copy = *w; /* press_key re-lays the keys out */
    press_key(a, &copy);
    return true;
}

void kb_type(ui_app *a, const char *utf8) {
    size_t len = strlen(utf8);
    for (size_t i = 0; i < len && focused(a);) {
        int32_t cp;
        size_t n = utf8_decode(utf8 + i, len - i, &cp);
        if (n == 0) {
            break;
        }
        char one[5] = {0};
        memcpy(one, utf8 + i, n);
        i += n;
        kb_layout(a);
        if (cp == ' ') {
            if (!tap_key(a, KB_SPACE, NULL)) {
                ui_field_type(focused(a), " ");
            }
            continue;
        }
        if (tap_key(a, KB_CHAR, one) || tap_key(a, KB_SHAPE, one)) {
            continue;
        }
        bool upper = cp >= 'A' && cp <= 'Z';
        if (upper && find_key(a, KB_SHIFT, NULL) && !a->kb.shift) {
            tap_key(a, KB_SHIFT, NULL);
            if (tap_key(a, KB_CHAR, one)) {
                continue;
            }
        }
        if (find_key(a, KB_SYMBOLS, NULL)) {
            tap_key(a, KB_SYMBOLS, NULL);
            bool done = tap_key(a, KB_CHAR, one);
            tap_key(a, KB_SYMBOLS, NULL);
            if (done) {
                continue;
            }
        }
        /* No key makes it (a letter with its tone, say): straight into the field. */
        ui_field_type(focused(a), one);
        a->dirty = true;
    }
}

bool kb_physical(ui_app *a, const ui_event *e) {
    ui_field *f = focused(a);
    if (!f) {
        return false;
    }
    if (e->type == UI_EV_TEXT) {
        ui_field_type(f, e->text);
    } else if (e->key == UI_KEY_BACKSPACE) {
        ui_field_backspace(f);
    } else if (e->key == UI_KEY_ENTER || e->key == UI_KEY_ESCAPE) {
        ui_app_focus(a, -1);
    } else {
        return false;
    }
    a->dirty = true;
    return true;
}
