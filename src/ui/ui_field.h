/*
 * ui_field.h: one text field of the kiosk (search box, form fields): its content (kept by the
 * IME engine, core/ime.h, which composes Telex/VNI words), what kind of keyboard it wants, and
 * the editing actions the on-screen keyboard performs on it.
 */
#ifndef OCOP_UI_FIELD_H
#define OCOP_UI_FIELD_H

#include "core/ime.h"

#include <stdbool.h>
#include <stddef.h>

typedef enum ui_field_kind {
    UI_FIELD_TEXT, /* Vietnamese letters through the IME (or plain when the visitor turns it off) */
    UI_FIELD_PLAIN,  /* e-mail: letters without the IME, and @ . - _ */
    UI_FIELD_NUMBER, /* quantity: digits and a decimal comma */
    UI_FIELD_PHONE,  /* digits, + and spaces */
} ui_field_kind;

typedef struct ui_field {
    ui_field_kind kind;
    size_t max_chars;         /* code points allowed */
    ime_mode vietnamese_mode; /* IME_TELEX or IME_VNI (kiosk.ini), for UI_FIELD_TEXT */
    ime_style style;
    ime_field *ime; /* owned */
} ui_field;

/* Sets the field up (allocates its IME state). `ime`: "telex" or "vni"; `tone_style`: "old" or
 * "new" (kiosk.ini). Free with ui_field_free. */
void ui_field_init(ui_field *f, ui_field_kind kind, size_t max_chars, const char *ime,
                   const char *tone_style);
void ui_field_free(ui_field *f);

/* The text to show (NFC UTF-8, never NULL; valid until the next change). */
const char *ui_field_text(const ui_field *f);
/* Byte offset in ui_field_text where the word being composed starts (its length when none). */
size_t ui_field_composing(const ui_field *f);
/* True when the field is empty. */
bool ui_field_empty(const ui_field *f);
/* Empties the field; its memory is released and made anew so that no byte of the last
 * visitor's text stays in it. */
void ui_field_wipe(ui_field *f);
/* Replaces the text. */
void ui_field_set(ui_field *f, const char *text);
/* Types `utf8` (one key's output, or text from a USB keyboard); characters the field's kind
 * refuses are ignored. Returns true when the text changed. */
bool ui_field_type(ui_field *f, const char *utf8);
/* Deletes the last letter (of the word being composed) or character. */
bool ui_field_backspace(ui_field *f);
/* The tone buttons: puts `tone` on the current word (the same tone again removes it). */
bool ui_field_tone(ui_field *f, ime_tone_kind tone);
/* The letter buttons ă â ê ô ơ ư đ: marks the current word's matching letter, or types it. */
bool ui_field_letter(ui_field *f, const char *utf8);
/* Commits the word being composed (the field loses focus). */
void ui_field_commit(ui_field *f);
/* Turns the IME on (Vietnamese) or off (plain letters) for a text field. */
void ui_field_set_vietnamese(ui_field *f, bool on);
/* True when the IME composes Vietnamese in this field. */
bool ui_field_vietnamese(const ui_field *f);

#endif
