/*
 * script.c: reads the actions of a screen script (script.h).
 */
#include "core/script.h"

#include "core/utf8.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

static const char *skip_blanks(const char *s) {
    while (*s == ' ' || *s == '\t') {
        s++;
    }
    return s;
}

/* Reads whole numbers separated by blanks until the end of the line: true when exactly `n` were
 * there, each within [lo, hi] (a number too large for a long counts as LONG_MAX). */
static bool read_numbers(const char *s, long *out, int n, long lo, long hi) {
    for (int i = 0; i < n; i++) {
        s = skip_blanks(s);
        char *end;
        long v = strtol(s, &end, 10); /* saturates: too large is out of range below */
        if (end == s || v < lo || v > hi || (*end && *end != ' ' && *end != '\t')) {
            return false;
        }
        out[i] = v;
        s = end;
    }
    return *skip_blanks(s) == '\0';
}

/* A "quoted text" (the quotes are taken off; nothing may follow the closing one) or the rest of
 * the line with its blanks trimmed. */
static int read_text(const char *s, char *out, size_t cap, ocop_error *err) {
    s = skip_blanks(s);
    if (*s == '"') {
        const char *end = strrchr(s + 1, '"');
        if (!end) {
            return error_set(err, "no closing quote");
        }
        if (*skip_blanks(end + 1)) {
            return error_set(err, "text after the closing quote");
        }
        size_t n = (size_t)(end - s - 1);
        if (n >= cap) {
            return error_set(err, "the text is longer than %zu bytes", cap - 1);
        }
        memcpy(out, s + 1, n);
        out[n] = '\0';
        return 0;
    }
    if (!str_copy(out, cap, s)) {
        return error_set(err, "the text is longer than %zu bytes", cap - 1);
    }
    str_trim(out);
    return 0;
}

int script_parse_line(const char *line, script_step *out, ocop_error *err) {
    memset(out, 0, sizeof *out);
    const char *s = skip_blanks(line);
    size_t len = strcspn(s, "\r\n");
    while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t')) {
        len--;
    }
    if (len == 0 || s[0] == '#') {
        return 0;
    }
    char body[1024];
    if (len >= sizeof body) {
        return error_set(err, "the line is longer than %zu bytes", sizeof body - 1);
    }
    memcpy(body, s, len);
    body[len] = '\0';
    size_t vn = strcspn(body, " \t");
    const char *rest = body + vn;
    long v[5];
    if (vn == 3 && strncmp(body, "tap", 3) == 0) {
        if (read_numbers(rest, v, 2, LONG_MIN, LONG_MAX)) {
            if (v[0] < -SCRIPT_COORD_MAX || v[0] > SCRIPT_COORD_MAX || v[1] < -SCRIPT_COORD_MAX ||
                v[1] > SCRIPT_COORD_MAX) {
                return error_set(err, "tap %ld %ld: outside the screen (more than %d px away)",
                                 v[0], v[1], SCRIPT_COORD_MAX);
            }
            out->verb = SCRIPT_TAP_AT;
            out->x1 = (int)v[0];
            out->y1 = (int)v[1];
            return 1;
        }
        out->verb = SCRIPT_TAP_LABEL;
        if (read_text(rest, out->text, sizeof out->text, err) != 0 || !out->text[0]) {
            return error_set(err, "tap needs \"LABEL\" or X Y (each within %d px of the screen)",
                             SCRIPT_COORD_MAX);
        }
        return 1;
    }
    if (vn == 4 && strncmp(body, "drag", 4) == 0) {
        if (!read_numbers(rest, v, 5, -SCRIPT_COORD_MAX, SCRIPT_COORD_MAX) || v[4] < 0 ||
            v[4] > SCRIPT_DRAG_MAX_MS) {
            return error_set(err,
                             "drag needs X1 Y1 X2 Y2 MS (points within %d px of the screen, MS 0 "
                             "to %d)",
                             SCRIPT_COORD_MAX, SCRIPT_DRAG_MAX_MS);
        }
        out->verb = SCRIPT_DRAG;
        out->x1 = (int)v[0];
        out->y1 = (int)v[1];
        out->x2 = (int)v[2];
        out->y2 = (int)v[3];
        out->ms = v[4];
        return 1;
    }
    if (vn == 4 && strncmp(body, "type", 4) == 0) {
        out->verb = SCRIPT_TYPE;
        ocop_error why;
        if (read_text(rest, out->text, sizeof out->text, &why) != 0) {
            return error_set(err, "type: %s", why.msg);
        }
        return 1;
    }
    if (vn == 4 && strncmp(body, "wait", 4) == 0) {
        if (!read_numbers(rest, v, 1, 0, SCRIPT_WAIT_MAX_MS)) {
            return error_set(err, "wait needs milliseconds (0 to %ld)", SCRIPT_WAIT_MAX_MS);
        }
        out->verb = SCRIPT_WAIT;
        out->ms = v[0];
        return 1;
    }
    if (vn == 4 && strncmp(body, "shot", 4) == 0) {
        out->verb = SCRIPT_SHOT;
        if (read_text(rest, out->text, sizeof out->text, err) != 0 || !out->text[0]) {
            return error_set(err, "shot needs a file name");
        }
        return 1;
    }
    char verb[64];
    utf8_printable(body, vn, verb, sizeof verb);
    return error_set(err, "unknown action '%s' (tap, drag, type, wait, shot)", verb);
}
