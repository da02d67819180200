/*
 * ui_field.h: one text field of the kiosk (search box, form fields): its text, what kind of
 * keyboard it wants, and the editing actions the on-screen keyboard performs on it.
 */
#ifndef OCOP_UI_FIELD_H
#define OCOP_UI_FIELD_H

#include <stdbool.h>
#include <stddef.h>

#define UI_FIELD_MAX 256

typedef enum ui_field_kind {
    UI_FIELD_TEXT,   /* Vietnamese letters through the IME */
    UI_FIELD_PLAIN,  /* e-mail: letters without the IME, and @ . - _ */
    UI_FIELD_NUMBER, /* quantity: digits and a decimal comma */
    UI_FIELD_PHONE,  /* digits, + and spaces */
} ui_field_kind;

typedef enum ui_tone {
    UI_TONE_NONE,
    UI_TONE_ACUTE, /* sắc */
    UI_TONE_GRAVE, /* huyền */
    UI_TONE_HOOK,  /* hỏi */
    UI_TONE_TILDE, /* ngã */
    UI_TONE_DOT,   /* nặng */
} ui_tone;

typedef struct ui_field {
    ui_field_kind kind;
    size_t max_chars; /* code points allowed; 0 = the buffer's size */
    char text[UI_FIELD_MAX];
} ui_field;

/* Empties the field and overwrites its old bytes (a visitor's phone number must not linger). */
void ui_field_wipe(ui_field *f);
/* Replaces the text. */
void ui_field_set(ui_field *f, const char *text);
/* Types `utf8` (one key's output) at the end; characters the field's kind refuses are ignored.
 * Returns true when the text changed. */
bool ui_field_type(ui_field *f, const char *utf8);
/* Deletes the last character. Returns true when the text changed. */
bool ui_field_backspace(ui_field *f);
/* Puts `tone` on the current (last) word's vowel, replacing any tone it had; UI_TONE_NONE
 * removes it. Returns true when the text changed. */
bool ui_field_tone(ui_field *f, ui_tone tone);

#endif
