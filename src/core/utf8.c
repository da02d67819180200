/* utf8.c: UTF-8 checks and NFC; see utf8.h. */
#include "core/utf8.h"

#include "core/base.h"
#include "core/strbuf.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

size_t utf8_decode(const char *s, size_t len, int32_t *cp) {
    utf8proc_int32_t value = -1;
    if (len == 0) {
        return 0;
    }
    utf8proc_ssize_t n =
        utf8proc_iterate((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, &value);
    if (n <= 0 || value < 0) {
        return 0;
    }
    *cp = value;
    return (size_t)n;
}

size_t utf8_encode(int32_t cp, char out[4]) {
    if (!utf8proc_codepoint_valid(cp)) {
        return 0;
    }
    return (size_t)utf8proc_encode_char(cp, (utf8proc_uint8_t *)out);
}

size_t utf8_invalid_at(const char *s, size_t len) {
    size_t i = 0;
    while (i < len) {
        int32_t cp;
        size_t n = utf8_decode(s + i, len - i, &cp);
        if (n == 0) {
            return i;
        }
        i += n;
    }
    return len;
}

bool utf8_printable(const char *s, size_t len, char *out, size_t cap) {
    OCOP_ASSERT(cap > 0);
    size_t w = 0;
    for (size_t i = 0; i < len;) {
        int32_t cp = -1;
        size_t n = utf8_decode(s + i, len - i, &cp);
        char esc[8];
        const char *piece = s + i;
        size_t piece_len = n;
        if (n == 0) {
            str_format(esc, sizeof esc, "\\x%02X", (unsigned char)s[i]);
            n = 1;
            piece = esc;
            piece_len = strlen(esc);
        } else if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0)) {
            if (cp == '\n' || cp == '\r' || cp == '\t') {
                str_format(esc, sizeof esc, "\\%c", cp == '\n' ? 'n' : cp == '\r' ? 'r' : 't');
            } else if (cp < 0x80) {
                str_format(esc, sizeof esc, "\\x%02X", (unsigned)cp);
            } else {
                str_format(esc, sizeof esc, "\\u%04X", (unsigned)cp);
            }
            piece = esc;
            piece_len = strlen(esc);
        }
        if (w + piece_len >= cap) {
            out[w] = '\0';
            return false;
        }
        memcpy(out + w, piece, piece_len);
        w += piece_len;
        i += n;
    }
    out[w] = '\0';
    return true;
}

bool utf8_valid(const char *s, size_t len) {
    return utf8_invalid_at(s, len) == len;
}

size_t utf8_length(const char *s) {
    size_t count = 0;
    for (; *s; s++) {
        if (((unsigned char)*s & 0xC0) != 0x80) {
            count++;
        }
    }
    return count;
}

size_t utf8_prev(const char *s, size_t pos) {
    if (pos == 0) {
        return 0;
    }
    pos--;
    while (pos > 0 && ((unsigned char)s[pos] & 0xC0) == 0x80) {
        pos--;
    }
    return pos;
}

char *utf8_nfc(const char *s) {
    utf8proc_uint8_t *out = NULL;
    utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)s, 0, &out,
                                      UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPOSE);
    if (n < 0) {
        if (n == UTF8PROC_ERROR_NOMEM) {
            ocop_fatal(__FILE__, __LINE__, "out of memory in NFC normalisation");
        }
        return NULL;
    }
    return (char *)out;
}

char *utf8_sanitize(const char *s, size_t len) {
    strbuf sb = {0};
    size_t i = 0;
    while (i < len) {
        int32_t cp;
        size_t n = utf8_decode(s + i, len - i, &cp);
        if (n == 0 || cp == 0) {
            sb_append(&sb, "\xEF\xBF\xBD");
            i++;
            continue;
        }
        sb_append_len(&sb, s + i, n);
        i += n;
    }
    char *raw = sb_take(&sb);
    char *nfc = utf8_nfc(raw);
    OCOP_ASSERT(nfc != NULL);
    free(raw);
    return nfc;
}
