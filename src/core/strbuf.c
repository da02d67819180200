/* strbuf.c: growable byte buffer; see strbuf.h. */
#include "core/strbuf.h"

#include "core/base.h"
#include "core/utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void reserve(strbuf *sb, size_t extra) {
    size_t need = sb->len + extra + 1;
    if (need <= sb->cap) {
        return;
    }
    size_t cap = sb->cap ? sb->cap : 64;
    while (cap < need) {
        OCOP_ASSERT(cap <= SIZE_MAX / 2);
        cap *= 2;
    }
    sb->data = xreallocarray(sb->data, cap, 1);
    sb->cap = cap;
}

void sb_append_len(strbuf *sb, const char *s, size_t len) {
    reserve(sb, len);
    memcpy(sb->data + sb->len, s, len);
    sb->len += len;
    sb->data[sb->len] = '\0';
}

void sb_append(strbuf *sb, const char *s) {
    sb_append_len(sb, s, strlen(s));
}

void sb_append_char(strbuf *sb, char c) {
    sb_append_len(sb, &c, 1);
}

void sb_append_printable(strbuf *sb, const char *s, size_t len) {
    /* The longest escape, \xNN, takes 4 bytes for 1. */
    OCOP_ASSERT(len <= (SIZE_MAX - 1) / 4);
    reserve(sb, 4 * len);
    bool whole = utf8_printable(s, len, sb->data + sb->len, sb->cap - sb->len);
    OCOP_ASSERT(whole);
    sb->len += strlen(sb->data + sb->len);
}

void sb_appendv(strbuf *sb, const char *fmt, va_list ap) {
    va_list copy;
    va_copy(copy, ap);
    int n = vsnprintf(NULL, 0, fmt, copy);
    va_end(copy);
    OCOP_ASSERT(n >= 0);
    reserve(sb, (size_t)n);
    vsnprintf(sb->data + sb->len, (size_t)n + 1, fmt, ap);
    sb->len += (size_t)n;
}

void sb_appendf(strbuf *sb, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    sb_appendv(sb, fmt, ap);
    va_end(ap);
}

void sb_reset(strbuf *sb) {
    sb->len = 0;
    if (sb->data) {
        sb->data[0] = '\0';
    }
}

const char *sb_str(const strbuf *sb) {
    return sb->data ? sb->data : "";
}

char *sb_take(strbuf *sb) {
    char *s = sb->data ? sb->data : xstrdup("");
    sb->data = NULL;
    sb->len = sb->cap = 0;
    return s;
}

void sb_free(strbuf *sb) {
    free(sb->data);
    sb->data = NULL;
    sb->len = sb->cap = 0;
}
