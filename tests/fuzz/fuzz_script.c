/*
 * fuzz_script.c: libFuzzer harness for the lines of a screen script (script_parse_line, the
 * reader behind `shot --script` and `kiosk --script`).
 *
 * Any bytes, as one line. It must not crash or read out of bounds. An action it accepts is
 * within what script.h promises: taps and drags within SCRIPT_COORD_MAX of the screen, a drag's
 * and a wait's milliseconds within their limits, a label and a file name not empty, texts
 * NUL-terminated within their field. A refusal is one readable line (no raw control byte).
 * Seeds: tests/fuzz/seeds/fuzz_script/.
 */
#include "core/script.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void fail(const char *what, const char *detail) {
    fprintf(stderr, "fuzz_script: %s: %s\n", what, detail);
    abort();
}

static bool coord_ok(int v) {
    return v >= -SCRIPT_COORD_MAX && v <= SCRIPT_COORD_MAX;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    char *line = malloc(size + 1);
    memcpy(line, data, size);
    line[size] = '\0';
    script_step st;
    ocop_error err;
    int rc = script_parse_line(line, &st, &err);
    if (rc > 0) {
        if (!memchr(st.text, '\0', sizeof st.text)) {
            fail("a text not terminated", line);
        }
        switch (st.verb) {
        case SCRIPT_TAP_AT:
            if (!coord_ok(st.x1) || !coord_ok(st.y1)) {
                fail("a tap off the screen", line);
            }
            break;
        case SCRIPT_DRAG:
            if (!coord_ok(st.x1) || !coord_ok(st.y1) || !coord_ok(st.x2) || !coord_ok(st.y2) ||
                st.ms < 0 || st.ms > SCRIPT_DRAG_MAX_MS) {
                fail("a drag out of range", line);
            }
            break;
        case SCRIPT_WAIT:
            if (st.ms < 0 || st.ms > SCRIPT_WAIT_MAX_MS) {
                fail("a wait out of range", line);
            }
            break;
        case SCRIPT_TAP_LABEL:
        case SCRIPT_SHOT:
            if (!st.text[0]) {
                fail("an empty label or file name", line);
            }
            break;
        case SCRIPT_TYPE:
            break;
        default:
            fail("an unknown verb", line);
        }
    } else if (rc < 0) {
        for (const char *p = err.msg; *p; p++) {
            if ((unsigned char)*p < 0x20 || *p == 0x7f) {
                fail("a raw control byte in the message", err.msg);
            }
        }
    } else if (rc != 0) {
        fail("an unexpected return", line);
    }
    free(line);
    return 0;
}
