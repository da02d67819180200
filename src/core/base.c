/* base.c: fatal errors, allocators that cannot fail, checked string helpers. */
#include "core/base.h"

#include "core/utf8.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void ocop_fatal(const char *file, int line, const char *fmt, ...) {
    va_list ap;
    fprintf(stderr, "%s:%d: ", file, line);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    abort();
}

void *xmalloc(size_t size) {
    void *p = malloc(size ? size : 1);
    if (!p) {
        ocop_fatal(__FILE__, __LINE__, "out of memory (%zu bytes)", size);
    }
    return p;
}

void *xcalloc(size_t count, size_t size) {
    void *p = calloc(count ? count : 1, size ? size : 1);
    if (!p) {
        ocop_fatal(__FILE__, __LINE__, "out of memory (%zu x %zu bytes)", count, size);
    }
    return p;
}

void *xreallocarray(void *ptr, size_t count, size_t size) {
    if (size && count > SIZE_MAX / size) {
        ocop_fatal(__FILE__, __LINE__, "allocation overflow (%zu x %zu)", count, size);
    }
    size_t total = count * size;
    void *p = realloc(ptr, total ? total : 1);
    if (!p) {
        ocop_fatal(__FILE__, __LINE__, "out of memory (%zu bytes)", total);
    }
    return p;
}

char *xstrdup(const char *s) {
    return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n) {
    size_t len = strnlen(s, n);
    char *p = xmalloc(len + 1);
    memcpy(p, s, len);
    p[len] = '\0';
    return p;
}

size_t str_utf8_trim(char *s, size_t len, size_t max) {
    if (len <= max) {
        return len;
    }
    size_t cut = max;
    /* Step back over continuation bytes so that no sequence is cut in two. */
    while (cut > 0 && ((unsigned char)s[cut] & 0xC0) == 0x80) {
        cut--;
    }
    s[cut] = '\0';
    return cut;
}

bool str_copy(char *dst, size_t cap, const char *src) {
    OCOP_ASSERT(cap > 0);
    size_t len = strlen(src);
    if (len < cap) {
        memcpy(dst, src, len + 1);
        return true;
    }
    /* src[keep] is the first byte left out: if it continues a sequence, leave the whole
     * sequence out. */
    size_t keep = cap - 1;
    while (keep > 0 && ((unsigned char)src[keep] & 0xC0) == 0x80) {
        keep--;
    }
    memcpy(dst, src, keep);
    dst[keep] = '\0';
    return false;
}

bool str_append(char *dst, size_t cap, const char *src) {
    size_t used = strnlen(dst, cap);
    OCOP_ASSERT(used < cap);
    return str_copy(dst + used, cap - used, src);
}

bool str_format(char *dst, size_t cap, const char *fmt, ...) {
    OCOP_ASSERT(cap > 0);
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(dst, cap, fmt, ap);
    va_end(ap);
    if (n < 0) {
        dst[0] = '\0';
        return false;
    }
    if ((size_t)n >= cap) {
        str_utf8_trim(dst, strlen(dst), cap - 1);
        return false;
    }
    return true;
}

bool str_blank(const char *s) {
    if (!s) {
        return true;
    }
    for (; *s; s++) {
        if (!isspace((unsigned char)*s)) {
            return false;
        }
    }
    return true;
}

char *str_trim(char *s) {
    size_t len = strlen(s);
    while (len > 0 && isspace((unsigned char)s[len - 1])) {
        s[--len] = '\0';
    }
    size_t start = 0;
    while (s[start] && isspace((unsigned char)s[start])) {
        start++;
    }
    if (start) {
        memmove(s, s + start, len - start + 1);
    }
    return s;
}

bool str_ieq(const char *a, const char *b) {
    for (; *a && *b; a++, b++) {
        if (tolower((unsigned char)*a) != tolower((unsigned char)*b)) {
            return false;
        }
    }
    return *a == *b;
}

bool str_starts(const char *s, const char *prefix) {
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

int error_setv(ocop_error *err, const char *fmt, va_list ap) {
    if (err) {
        /* Messages quote file names and what people typed: escape what would not show as
         * itself (utf8_printable), so a message is one line and never holds raw bytes. */
        char raw[sizeof err->msg];
        int n = vsnprintf(raw, sizeof raw, fmt, ap);
        if (n >= (int)sizeof raw) {
            /* Cut short: drop a last character that vsnprintf cut in two. */
            size_t len = strlen(raw), last = utf8_prev(raw, len);
            int32_t cp;
            if (utf8_decode(raw + last, len - last, &cp) == 0) {
                raw[last] = '\0';
            }
        }
        utf8_printable(raw, strlen(raw), err->msg, sizeof err->msg);
    }
    return -1;
}

int error_set(ocop_error *err, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    error_setv(err, fmt, ap);
    va_end(ap);
    return -1;
}
