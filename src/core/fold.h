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

#endif
