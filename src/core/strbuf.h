/*
 * strbuf.h: a growable, always NUL-terminated byte buffer (after redis sds, without the
 * header tricks). Used to build a whole output (JSON, CSV, a message) in one buffer.
 *
 * A zeroed strbuf is valid and empty: `strbuf sb = {0};`. Call sb_free when done.
 */
#ifndef OCOP_STRBUF_H
#define OCOP_STRBUF_H

#include <stdarg.h>
#include <stddef.h>

typedef struct strbuf {
    char *data; /* NUL-terminated once anything was added; NULL while empty */
    size_t len; /* bytes, without the NUL */
    size_t cap; /* bytes allocated */
} strbuf;

void sb_append(strbuf *sb, const char *s);
void sb_append_len(strbuf *sb, const char *s, size_t len);
void sb_append_char(strbuf *sb, char c);
void sb_appendf(strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void sb_appendv(strbuf *sb, const char *fmt, va_list ap);
/* Appends `s[0..len)` escaped as utf8_printable does (one readable line, no raw bytes). */
void sb_append_printable(strbuf *sb, const char *s, size_t len);
/* Empties the buffer and keeps its memory. */
void sb_reset(strbuf *sb);
/* The text; "" for an empty buffer, never NULL. Valid until the next change. */
const char *sb_str(const strbuf *sb);
/* Hands the text to the caller (who frees it) and leaves the buffer empty. */
char *sb_take(strbuf *sb);
void sb_free(strbuf *sb);

#endif
