/* ui_field.c: text fields over the IME engine; see ui_field.h. */
#include "ui/ui_field.h"

#include "core/base.h"
#include "core/utf8.h"

#include <string.h>

static ime_mode initial_mode(const ui_field *f) {
    return f->kind == UI_FIELD_TEXT ? f->vietnamese_mode : IME_OFF;
}

void ui_field_init(ui_field *f, ui_field_kind kind, size_t max_chars, const char *ime,
                   const char *tone_style) {
    memset(f, 0, sizeof *f);
    f->kind = kind;
    f->max_chars = max_chars;
    f->vietnamese_mode = ime && str_ieq(ime, "vni") ? IME_VNI : IME_TELEX;
    f->style = tone_style && str_ieq(tone_style, "new") ? IME_STYLE_NEW : IME_STYLE_OLD;
    f->ime = ime_field_create(initial_mode(f), f->style);
    ime_set_max_chars(f->ime, max_chars);
}

void ui_field_free(ui_field *f) {
    if (f->ime) {
        ime_clear(f->ime);
        ime_field_destroy(f->ime);
        f->ime = NULL;
    }
}

const char *ui_field_text(const ui_field *f) {
    return f->ime ? ime_text(f->ime) : "";
}

size_t ui_field_composing(const ui_field *f) {
    return f->ime ? ime_composing_start(f->ime) : 0;
}

bool ui_field_empty(const ui_field *f) {
    return !f->ime || ime_text_len(f->ime) == 0;
}

void ui_field_wipe(ui_field *f) {
    if (!f->ime) {
        return;
    }
    /* Overwrite, then start a new engine: the old one's buffers go back to the allocator. */
    ime_clear(f->ime);
    ime_field_destroy(f->ime);
    f->ime = ime_field_create(initial_mode(f), f->style);
    ime_set_max_chars(f->ime, f->max_chars);
}

void ui_field_set(ui_field *f, const char *text) {
    ime_set_text(f->ime, text ? text : "");
}

static bool accepts(const ui_field *f, int32_t cp) {
    switch (f->kind) {
    case UI_FIELD_NUMBER:
        return (cp >= '0' && cp <= '9') || cp == ',' || cp == '.';
    case UI_FIELD_PHONE:
        return (cp >= '0' && cp <= '9') || cp == '+' || cp == ' ';
    case UI_FIELD_PLAIN:
        return cp > ' ' && cp < 127;
    case UI_FIELD_TEXT:
        return cp >= ' ' && cp != 127;
    }
    return false;
}

bool ui_field_type(ui_field *f, const char *utf8) {
    bool changed = false;
    size_t len = strlen(utf8);
    for (size_t i = 0; i < len;) {
        int32_t cp;
        size_t n = utf8_decode(utf8 + i, len - i, &cp);
        if (n == 0) {
            break;
        }
        i += n;
        if (!accepts(f, cp)) {
            continue;
        }
        /* The engine refuses a key past the limit (IME_FULL) but still takes one that only
         * composes (aa → â). */
        if (ime_key(f->ime, (uint32_t)cp) == IME_OK) {
            changed = true;
        }
    }
    return changed;
}

bool ui_field_backspace(ui_field *f) {
    return ime_backspace(f->ime);
}

bool ui_field_tone(ui_field *f, ime_tone_kind tone) {
    return ime_tone(f->ime, tone) == IME_OK;
}

bool ui_field_letter(ui_field *f, const char *utf8) {
    int32_t cp;
    if (utf8_decode(utf8, strlen(utf8), &cp) == 0) {
        return false;
    }
    if (ime_get_mode(f->ime) == IME_OFF) {
        return ui_field_type(f, utf8);
    }
    return ime_letter_button(f->ime, (uint32_t)cp) == IME_OK;
}

void ui_field_commit(ui_field *f) {
    ime_commit(f->ime);
}

void ui_field_set_vietnamese(ui_field *f, bool on) {
    if (f->kind == UI_FIELD_TEXT) {
        ime_set_mode(f->ime, on ? f->vietnamese_mode : IME_OFF);
    }
}

bool ui_field_vietnamese(const ui_field *f) {
    return ime_get_mode(f->ime) != IME_OFF;
}
