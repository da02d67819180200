/*
 * ime.h: the Vietnamese input engine of the on-screen keyboard (Telex and VNI), one text field
 * at a time.
 *
 * An ime_field holds a field's whole content: the committed text, then the word being composed
 * (always the last word: the kiosk's fields edit at the end only, there is no cursor). Keys go
 * in one code point at a time; ime_text() gives the text to show, always valid NFC UTF-8.
 *
 * How a word is composed (DESIGN §6, research notes §3):
 * - Telex: aa ee oo → â ê ô, aw ow uw → ă ơ ư, uow/uwow → ươ, a bare w → ư, dd → đ; tones
 *   s f r x j (sắc huyền hỏi ngã nặng), z removes the tone. VNI: 6 circumflex, 7 horn, 8 breve,
 *   9 đ; tones 1 2 3 4 5, 0 removes the tone.
 * - The tone belongs to the word, not to a letter: it is placed when the word is drawn, by the
 *   spelling rules (qu/gi are consonants; a vowel with a shape mark takes it, ơ in ươ; the middle
 *   of three vowels; the second of two before a final consonant; else the first of two, except
 *   oa/oe/uy in the new style: hòa (IME_STYLE_OLD) or hoà (IME_STYLE_NEW)). Typing on after the
 *   tone moves it ("hoaf" + "n" → "hoàn"). Finals c ch p t take only sắc and nặng.
 * - Pressing a mark key twice undoes it and types the key: aaa → aa, ddd → dd, herr → her,
 *   ww → w. (Committed, such a word is not Vietnamese and comes back as typed: "herr". That
 *   keeps English double letters: class, coffee, staff.)
 * - A shape mark no Vietnamese syllable allows is not made: the key is a letter (chuwaa →
 *   chưaa, ngoeo, taiw). gi takes a bare w (giwax → giữa).
 * - When a word is committed (space, punctuation, ime_commit) and is not a valid Vietnamese
 *   syllable, the keys come back as typed (Samsung, coffee, FARM), except after a tone key
 *   pressed twice and then a consonant: the plain word shown (tesst → test, as UniKey). Words
 * without a vowel but with a đ (abbreviations such as SĐT, prices in đ) are kept as composed.
 * - IME_OFF (phone and e-mail fields) types every key as it is.
 *
 * Memory: one allocation at ime_field_create; no allocation per keystroke on the normal path
 * (only a key outside ASCII and Vietnamese letters makes the text be normalised again).
 *
 * How a screen uses it (one ime_field per text field):
 *   create with IME_TELEX/IME_VNI (IME_OFF for phone and e-mail) and the kiosk's style;
 *   letter, digit, space and punctuation keys, or SDL_TEXTINPUT text → ime_key / ime_type_utf8;
 *   the ⌫ key → ime_backspace; the tone strip (´ ` ̉ ˜ ̣) → ime_tone; the letter keys
 *   ă â ê ô ơ ư đ → ime_letter_button (or ime_shape for a generic mark key);
 *   focus leaves the field or the form is sent → ime_commit, then read ime_text;
 *   draw ime_text, underlining from ime_composing_start to the end;
 *   idle reset → ime_clear (or destroy); a VI/EN toggle → ime_set_mode.
 */
#ifndef OCOP_IME_H
#define OCOP_IME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The longest text a field holds, in UTF-8 bytes without the terminating NUL. A key that would
 * make the text longer is refused (IME_FULL). */
#define IME_MAX_TEXT_BYTES 1024
/* The longest word composed at once, in letters; a longer run of letters is committed and a new
 * word starts. */
#define IME_MAX_WORD_LETTERS 32
/* The keys remembered for one word (for the restore of non-Vietnamese words), in bytes. */
#define IME_MAX_WORD_KEY_BYTES 128

typedef struct ime_field ime_field;

typedef enum ime_mode {
    IME_TELEX, /* Telex keys (aa, aw, dd, s f r x j z) */
    IME_VNI,   /* VNI digits (6 7 8 9, 1–5, 0) */
    IME_OFF    /* plain text: phone and e-mail fields */
} ime_mode;

typedef enum ime_style {
    IME_STYLE_OLD, /* hòa, khỏe, thủy (default; textbooks, Launchpad's guide) */
    IME_STYLE_NEW  /* hoà, khoẻ, thuỷ */
} ime_style;

/* The five tones, in the order of the VNI digits 1–5 and the Telex keys s f r x j. */
typedef enum ime_tone_kind {
    IME_TONE_NONE = 0,
    IME_TONE_ACUTE = 1, /* sắc ´ */
    IME_TONE_GRAVE = 2, /* huyền ` */
    IME_TONE_HOOK = 3,  /* hỏi ̉ */
    IME_TONE_TILDE = 4, /* ngã ˜ */
    IME_TONE_DOT = 5    /* nặng ̣ */
} ime_tone_kind;

typedef enum ime_shape_kind {
    IME_SHAPE_CIRCUMFLEX, /* â ê ô: on the last a, e or o of the word's vowels */
    IME_SHAPE_BREVE,      /* ă: on the last a */
    IME_SHAPE_HORN,       /* ơ ư, ươ for uo */
    IME_SHAPE_STROKE      /* đ: on the last d of the initial consonants */
} ime_shape_kind;

typedef enum ime_status {
    IME_OK = 0,         /* done; the text changed */
    IME_NOT_APPLICABLE, /* a tone or shape the current word cannot take; nothing changed */
    IME_BAD_KEY,        /* a control character or not a Unicode scalar value; nothing changed */
    IME_FULL            /* the text would exceed IME_MAX_TEXT_BYTES; nothing changed */
} ime_status;

/* A new, empty field. Destroy with ime_field_destroy. Never NULL (out of memory is fatal). */
ime_field *ime_field_create(ime_mode mode, ime_style style);
/* Overwrites the field's memory (a visitor's text must not linger) and frees it; NULL is
 * allowed. */
void ime_field_destroy(ime_field *field);

/* Limits the text to `max_chars` code points (0: no limit but IME_MAX_TEXT_BYTES), counting
 * the word being composed both as drawn and as typed, since either may be committed. Keys that
 * would go beyond are refused with IME_FULL. The current text is not cut. */
void ime_set_max_chars(ime_field *field, size_t max_chars);

/* Switches the input method. The word being composed is committed first (with its restore). */
void ime_set_mode(ime_field *field, ime_mode mode);
ime_mode ime_get_mode(const ime_field *field);
/* Switches the tone style; the word being composed is drawn again in the new style. Committed
 * text is not changed. */
void ime_set_style(ime_field *field, ime_style style);
ime_style ime_get_style(const ime_field *field);

/* Types one key: `cp` is a Unicode code point (letters, digits, space, punctuation, or a
 * ready-made Vietnamese letter such as ế from a hardware keyboard). Letters (and VNI digits)
 * compose the current word; anything else commits the word (with its restore) and is added as
 * it is. Returns IME_OK, IME_BAD_KEY (controls such as '\n' or '\b', surrogates, values above
 * U+10FFFF) or IME_FULL. */
ime_status ime_key(ime_field *field, uint32_t cp);

/* Types every code point of the NUL-terminated UTF-8 `text` (e.g. an SDL_TEXTINPUT event), in
 * order, with ime_key. Stops at the first refused key and returns its status; malformed UTF-8
 * is IME_BAD_KEY. Keys before the refused one stay typed. */
ime_status ime_type_utf8(ime_field *field, const char *text);

/* Removes the last letter of the word being composed (its shape goes with it, the word's tone
 * stays while the word still has a vowel for it: "loạn" → "lọa"), or, with no word being
 * composed, the last character (grapheme) of the text. Returns false when the text was empty. */
bool ime_backspace(ime_field *field);

/* Commits the word being composed, as when the field loses focus: a word that is not a valid
 * Vietnamese syllable comes back as typed. */
void ime_commit(ime_field *field);

/* Puts `tone` on the current word (IME_TONE_NONE removes it), as the tone buttons of the
 * touch keyboard do. The same tone again removes it. With no word being composed, the last
 * word of the text is taken up again when it directly precedes the end. Returns
 * IME_NOT_APPLICABLE when there is no word, no vowel, or the final (c ch p t) forbids that tone.
 * A word edited by a button is never restored to its keys. */
ime_status ime_tone(ime_field *field, ime_tone_kind tone);

/* Puts a shape mark on the current word, as the shape buttons do (same mark again removes it).
 * Returns IME_NOT_APPLICABLE when the word has no letter for it (no vowel a/e/o for a
 * circumflex, no d among its initial consonants for a stroke, …). */
ime_status ime_shape(ime_field *field, ime_shape_kind shape);

/* One of the keyboard's letter buttons ă â ê ô ơ ư đ (either case): puts that letter's mark on
 * the matching letter of the current word (the same button again removes it); when the word
 * has no such letter, types the letter itself. Returns IME_BAD_KEY for any other `cp`. */
ime_status ime_letter_button(ime_field *field, uint32_t cp);

/* Replaces the whole content by `text` (malformed UTF-8 is replaced by U+FFFD, then NFC), with
 * no word being composed. Returns IME_FULL and changes nothing when it is longer than
 * IME_MAX_TEXT_BYTES (or the ime_set_max_chars limit), IME_BAD_KEY when it holds a control
 * character. */
ime_status ime_set_text(ime_field *field, const char *text);
/* Empties the field and overwrites the old bytes, as after a visitor leaves (mode, style and
 * the limit stay). */
void ime_clear(ime_field *field);

/* The text to show: committed text followed by the word being composed, NFC UTF-8. Owned by
 * the field; valid until the next call that changes it. */
const char *ime_text(const ime_field *field);
/* Length of ime_text in bytes. */
size_t ime_text_len(const ime_field *field);
/* Byte offset in ime_text where the word being composed starts (to underline it); equal to
 * ime_text_len when no word is being composed. */
size_t ime_composing_start(const ime_field *field);

#endif
