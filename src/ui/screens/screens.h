/* screens.h: the kiosk's screens, one file each (DESIGN §6). */
#ifndef OCOP_SCREENS_H
#define OCOP_SCREENS_H

#include "ui/ui_app.h"
#include "ui/ui_scroll.h"

extern const ui_screen scr_attract;
extern const ui_screen scr_browse;
extern const ui_screen scr_product;
extern const ui_screen scr_inquiry;
extern const ui_screen scr_result;
extern const ui_screen scr_thanks;
extern const ui_screen scr_organiser; /* scr_organiser.c: PIN, statistics, USB export */

/* Fills the inquiry form with a sample buyer for the current product: its minimum order, next
 * month (for `shot` without a script). */
void scr_inquiry_sample(ui_app *a);
/* Validates the form; on success runs the match (and, when `store`, records the lead) and goes
 * to the result screen. Returns 0, or -1 with the messages set next to the fields. */
int scr_inquiry_submit(ui_app *a, bool store);

/* Runs, and forgets, the search the browse grid would run for `query` with the session's
 * filters (its first page): idle-time warm-up (ui_app_warm), so that the search statements are
 * prepared and the index's first pages read before a buyer's first keystroke needs them.
 * Changes nothing on screen. Returns 0, or -1 when the search failed (the grid reports it
 * when it searches). */
int scr_browse_warm(ui_app *a, const char *query);

/* The browse grid's scroll state in app `a` (the benchmark drives it; tests read it). */
ui_scroll *scr_browse_scroll(ui_app *a);

#endif
