/* ui_field.c: text field editing; see ui_field.h. */
#include "ui/ui_field.h"

#include "core/base.h"
#include "core/utf8.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

void ui_field_wipe(ui_field *f) {
    /* volatile writes so the compiler cannot drop the wipe as a dead store */
    volatile char *p = f->text;
    for (size_t i = 0; i < sizeof f->text; i++) {
        p[i] = 0;
    }
}

void ui_field_set(ui_field *f, const char *text) {
    ui_field_wipe(f);
    str_copy(f->text, sizeof f->text, text ? text : "");
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
        size_t max = f->max_chars ? f->max_chars : sizeof f->text;
        if (accepts(f, cp) && utf8_length(f->text) < max) {
            char one[5] = {0};
            memcpy(one, utf8 + i, n);
            changed |= str_append(f->text, sizeof f->text, one);
        }
        i += n;
    }
    return changed;
}

bool ui_field_backspace(ui_field *f) {
    size_t len = strlen(f->text);
    if (len == 0) {
        return false;
    }
    size_t at = utf8_prev(f->text, len);
    memset(f->text + at, 0, len - at);
    return true;
}

static bool is_tone_mark(int32_t cp) {
    return cp == 0x0300 || cp == 0x0301 || cp == 0x0303 || cp == 0x0309 || cp == 0x0323;
}

static bool is_vowel(int32_t cp) {
    switch (cp | 0x20) {
    case 'a':
    case 'e':
    case 'i':
    case 'o':
    case 'u':
    case 'y':
        return true;
    default:
        return false;
    }
}

/* Until the IME engine (core/ime.h) is wired in, the tone buttons use this rule: the mark goes
 * on the vowel with a shape mark (â ê ô ơ ư ă) if the word has one, else on the last vowel. */
bool ui_field_tone(ui_field *f, ui_tone tone) {
    static const int32_t marks[] = {0, 0x0301, 0x0300, 0x0309, 0x0303, 0x0323};
    size_t len = strlen(f->text);
    size_t word = len;
    while (word > 0 && f->text[word - 1] != ' ') {
        word--;
    }
    if (word == len) {
        return false;
    }
    utf8proc_int32_t cps[UI_FIELD_MAX * 2];
    utf8proc_ssize_t n =
        utf8proc_decompose((const utf8proc_uint8_t *)f->text + word, (utf8proc_ssize_t)(len - word),
                           cps, (utf8proc_ssize_t)OCOP_COUNT(cps) - 1, UTF8PROC_DECOMPOSE);
    if (n <= 0) {
        return false;
    }
    /* Remove the old tone. */
    utf8proc_ssize_t m = 0;
    for (utf8proc_ssize_t i = 0; i < n; i++) {
        if (!is_tone_mark(cps[i])) {
            cps[m++] = cps[i];
        }
    }
    n = m;
    utf8proc_ssize_t target = -1;
    for (utf8proc_ssize_t i = 0; i < n; i++) {
        if (is_vowel(cps[i])) {
            bool shaped =
                i + 1 < n && (cps[i + 1] == 0x0302 || cps[i + 1] == 0x0306 || cps[i + 1] == 0x031B);
            if (shaped || target < 0 ||
                !(target >= 0 && (cps[target + 1] == 0x0302 || cps[target + 1] == 0x0306 ||
                                  cps[target + 1] == 0x031B))) {
                target = i;
            }
        }
    }
    if (target < 0) {
        return false;
    }
    if (tone != UI_TONE_NONE) {
        utf8proc_ssize_t at = target + 1;
        while (at < n && (cps[at] == 0x0302 || cps[at] == 0x0306 || cps[at] == 0x031B)) {
            at++;
        }
        memmove(&cps[at + 1], &cps[at], (size_t)(n - at) * sizeof cps[0]);
        cps[at] = marks[tone];
        n++;
    }
    char out[UI_FIELD_MAX * 4];
    size_t o = 0;
    for (utf8proc_ssize_t i = 0; i < n && o + 4 < sizeof out; i++) {
        o += (size_t)utf8proc_encode_char(cps[i], (utf8proc_uint8_t *)out + o);
    }
    out[o] = '\0';
    char *nfc = utf8_nfc(out);
    if (!nfc) {
        return false;
    }
    char rebuilt[UI_FIELD_MAX];
    memcpy(rebuilt, f->text, word);
    rebuilt[word] = '\0';
    bool fits = str_append(rebuilt, sizeof rebuilt, nfc);
    free(nfc);
    if (!fits || strcmp(rebuilt, f->text) == 0) {
        return false;
    }
    ui_field_set(f, rebuilt);
    return true;
}
