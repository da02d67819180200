/*
 * base.h: the few things every module needs.
 *
 * - OCOP_ASSERT: a broken invariant stops the program with file and line, in release builds too.
 * - x-allocators: out of memory is fatal, so callers never check for NULL.
 * - Checked string helpers that replace strcpy/strcat/sprintf (HACKING.md): they always
 *   NUL-terminate and return false when the result was truncated.
 * - ocop_error: a message buffer that functions fill on recoverable failure.
 */
#ifndef OCOP_BASE_H
#define OCOP_BASE_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define OCOP_ASSERT(cond)                                                                          \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            ocop_fatal(__FILE__, __LINE__, "assertion failed: %s", #cond);                         \
        }                                                                                          \
    } while (0)

#define OCOP_COUNT(array) (sizeof(array) / sizeof((array)[0]))

/* Prints "FILE:LINE: message" on stderr and aborts. Never returns. */
_Noreturn void ocop_fatal(const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Allocators that abort on failure. xfree-ing is plain free(). */
void *xmalloc(size_t size);
void *xcalloc(size_t count, size_t size);
/* Resizes `ptr` to count*size bytes, checking the multiplication for overflow. */
void *xreallocarray(void *ptr, size_t count, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

/* Copies `src` into `dst` of capacity `cap` (bytes, including the NUL). Returns false when
 * `src` did not fit; `dst` then holds a truncated copy that does not end inside a UTF-8
 * sequence. */
bool str_copy(char *dst, size_t cap, const char *src);
/* Appends `src` to the NUL-terminated `dst`; same contract as str_copy. */
bool str_append(char *dst, size_t cap, const char *src);
/* snprintf into `dst`; returns false on truncation or encoding error. */
bool str_format(char *dst, size_t cap, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Truncates `s` (length `len`) to at most `max` bytes without cutting a UTF-8 sequence;
 * returns the new length. */
size_t str_utf8_trim(char *s, size_t len, size_t max);
/* True when `s` is NULL or has only ASCII white space. */
bool str_blank(const char *s);
/* Removes leading and trailing ASCII white space in place; returns `s`. */
char *str_trim(char *s);
/* ASCII-only case-insensitive equality (for keywords such as "csv", "vi"). */
bool str_ieq(const char *a, const char *b);
/* True when `s` starts with `prefix`. */
bool str_starts(const char *s, const char *prefix);

/* A recoverable failure's message, for the caller to print or show. */
typedef struct ocop_error {
    char msg[1024];
} ocop_error;

/* Sets the message (printf format). `err` may be NULL. Returns -1 so that callers can write
 * `return error_set(err, ...);`. */
int error_set(ocop_error *err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int error_setv(ocop_error *err, const char *fmt, va_list ap);

#endif
