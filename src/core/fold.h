/*
 * fold.h: the search key of a text. Case folded, diacritics removed and đ/Đ turned into d,
 * so that "mat hoa dua", "MẬT HOA DỪA" and its NFD spelling all give "mat hoa dua".
 * (SQLite's FTS5 remove_diacritics keeps đ: U+0111 has no decomposition.)
 */
#ifndef OCOP_FOLD_H
#define OCOP_FOLD_H

#include <stddef.h>

/* The folded form of the NUL-terminated `s` (any normalisation form). Malformed UTF-8 is
 * replaced by U+FFFD first, so this never fails. Caller frees. */
char *fold_text(const char *s);

/* Compares the NUL-terminated `a` and `b` in Vietnamese alphabetical order (CLDR "vi"): letter by
 * letter, ignoring case and tones, with a letter's modified forms after it (a < ă < â, d < đ,
 * e < ê, o < ô < ơ, u < ư: "Đồng Tháp" after "Dương", before "Gia Lai"); then by tones (none,
 * huyền, hỏi, ngã, sắc, nặng); then byte by byte, so that only equal texts compare equal.
 * Malformed UTF-8 compares as its U+FFFD replacement. Decomposes both texts on every call: for
 * sorting short lists (the provinces of a picker), not a catalogue. Returns <0, 0 or >0, as
 * strcmp does. */
int fold_collate(const char *a, const char *b);

#endif
