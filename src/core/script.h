/*
 * script.h: the lines of a `shot` / `kiosk --script` script, read without a screen.
 *
 * One action per line; blank lines and lines starting with # are skipped:
 *   tap X Y | tap "LABEL" | drag X1 Y1 X2 Y2 MS | type "TEXT" | wait MS | shot FILE
 * The reader only checks the words and numbers; what a tap finds on screen is the UI's business
 * (ui_run.c). Kept apart from SDL so that it can be tested and fuzzed on its own.
 */
#ifndef OCOP_SCRIPT_H
#define OCOP_SCRIPT_H

#include "core/base.h"

/* Coordinates: a generous margin around any screen, so that drag arithmetic cannot overflow. */
#define SCRIPT_COORD_MAX   100000
#define SCRIPT_DRAG_MAX_MS 60000
#define SCRIPT_WAIT_MAX_MS (24L * 3600 * 1000)

typedef enum {
    SCRIPT_TAP_AT,    /* x1, y1 */
    SCRIPT_TAP_LABEL, /* text: the widget's label */
    SCRIPT_DRAG,      /* x1, y1 to x2, y2 in ms */
    SCRIPT_TYPE,      /* text: what the buyer types (may be empty) */
    SCRIPT_WAIT,      /* ms */
    SCRIPT_SHOT,      /* text: the PNG's file name */
} script_verb;

typedef struct script_step {
    script_verb verb;
    int x1, y1, x2, y2;
    long ms;
    char text[512];
} script_step;

/* Reads one line (without or with its newline). Returns 1 with the action in *out, 0 for a blank
 * or comment line, -1 with `err` saying what is wrong (the caller adds the file and line). */
int script_parse_line(const char *line, script_step *out, ocop_error *err);

#endif
