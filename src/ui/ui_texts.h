/*
 * ui_texts.h: what is on screen as data, for `shot --texts` (tests check words, sizes and overlap
 * without reading pixels).
 */
#ifndef OCOP_UI_TEXTS_H
#define OCOP_UI_TEXTS_H

#include "ui/ui_app.h"

/* Writes `path` (atomically) as a JSON array of every string the last recorded frame drew
 * (ui_text_record) and every widget a finger can reach now:
 * [{"text", "x", "y", "w", "h", "tappable", "cut", "clipped"}] in screen pixels. "cut" marks a
 * string shown with an ellipsis; "clipped" one partly hidden by a scrolled viewport or the
 * keyboard (a widget's x, y, w, h are then its visible part). A picture recorded with
 * ui_text_record_picture (an organiser's logo) is an entry with "picture": true, its name as
 * "text". Widgets hidden
 * by an overlay (picker, idle warning) or under the keyboard are left out. Returns 0, or -1 with
 * `err` set. */
int ui_texts_write(const ui_app *a, const char *path, ocop_error *err);

#endif
