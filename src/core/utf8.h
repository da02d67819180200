/*
 * utf8.h: UTF-8 validation, decoding and NFC normalisation (through utf8proc).
 * Everything the program stores or shows is valid NFC UTF-8; this is where that is made so.
 */
#ifndef OCOP_UTF8_H
#define OCOP_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* True when `s[0..len)` is well-formed UTF-8 (no overlongs, surrogates or values > U+10FFFF). */
bool utf8_valid(const char *s, size_t len);
/* Byte offset of the first malformed sequence in `s[0..len)`, or `len` when there is none. */
size_t utf8_invalid_at(const char *s, size_t len);
/* Decodes one code point from `s[0..len)` into *cp. Returns the bytes used, or 0 when the
 * sequence is malformed or cut short. */
size_t utf8_decode(const char *s, size_t len, int32_t *cp);
/* Encodes `cp` into `out` (4 bytes available); returns the bytes written, 0 for an invalid
 * code point. */
size_t utf8_encode(int32_t cp, char out[4]);
/* Number of code points in the valid UTF-8 string `s`. */
size_t utf8_length(const char *s);
/* Byte offset of the start of the code point before `pos` in `s` (0 when pos is 0). */
size_t utf8_prev(const char *s, size_t pos);

/* Copies `s[0..len)` into `out` (capacity `cap`, always NUL-terminated) so that it shows as one
 * readable line whatever it holds: control characters (C0, DEL, C1) become \n, \r, \t, \xNN or
 * \u00NN, and every byte of a malformed UTF-8 sequence becomes \xNN; valid text, backslashes
 * included, is copied as is. Messages that quote what a file or a person gave use it, so that a
 * CR LF cannot split a message and raw bytes never reach a terminal. Never cuts an escape or a
 * character; returns false when the result was truncated. */
bool utf8_printable(const char *s, size_t len, char *out, size_t cap);

/* NFC copy of the NUL-terminated `s`, or NULL when `s` is not valid UTF-8. Caller frees. */
char *utf8_nfc(const char *s);
/* Copy of `s[0..len)` with every malformed sequence replaced by U+FFFD, then NFC.
 * Never fails. Caller frees. */
char *utf8_sanitize(const char *s, size_t len);

#endif
