/*
 * ui_lead.h: what the kiosk does with a submitted inquiry: check the contact details, run the
 * instant match, record the lead. Wraps the core and database modules for the screens.
 */
#ifndef OCOP_UI_LEAD_H
#define OCOP_UI_LEAD_H

#include "core/config.h"
#include "core/inquiry.h"
#include "core/match.h"
#include "ui/ui_catalog.h"

#include <stdbool.h>
#include <stdint.h>

/* Normalises a phone number (phone_normalize: +84…, or another country's +DIGITS); returns false
 * when it is not a possible number. */
bool ui_lead_phone_ok(const char *text, char *normalised, size_t cap);
/* True when `text` looks like an e-mail address. */
bool ui_lead_email_ok(const char *text);
/* The largest quantity the form takes (the core allows more; no fair deals in more). */
#define UI_LEAD_QUANTITY_MAX 1e9

/* What is wrong with a typed quantity, so the form can say so. */
typedef enum ui_qty_check {
    UI_QTY_OK,
    UI_QTY_NOT_NUMBER,   /* empty, letters, or an ambiguous "1.500" */
    UI_QTY_NOT_POSITIVE, /* 0 */
    UI_QTY_TOO_LARGE,    /* above UI_LEAD_QUANTITY_MAX */
} ui_qty_check;

/* Parses a quantity typed on the keypad ("2", "0,5", units_parse_number) and says what is
 * wrong; *out gets the number when it is UI_QTY_OK (else 0). */
ui_qty_check ui_lead_quantity_check(const char *text, double *out);

/* The instant match for `in` at `now` (a dry run: nothing written), with kiosk.ini's rules;
 * validates and normalises `in` first. Returns 0, or -1 with `err`. */
int ui_lead_match(ui_catalog *c, const kiosk_config *cfg, inquiry_request *in, int64_t now,
                  match_result *out, ocop_error *err);

/* Records the lead with its instant holds, durably, and writes its id; *shown gets the match as
 * recorded (capacity may have changed since the dry run). With `edit_id` (the id this visit's
 * earlier Submit got, else NULL or "") that lead is edited instead, its holds replaced in the
 * same transaction (match_db_save_inquiry). Returns 0, or -1 with `err` set (then nothing was
 * stored). */
int ui_lead_record(ui_catalog *c, const kiosk_config *cfg, inquiry_request *in, int64_t now,
                   const char *edit_id, char *id, size_t id_cap, match_result *shown,
                   ocop_error *err);

/* Declared and free capacity of product `p` in `month0` and the month after, in the product's
 * base units (p->base_unit), as match_db_capacity gives them. Returns 1 when known, -1 on
 * error. */
int ui_lead_capacity(ui_catalog *c, const product_record *p, int64_t now, const char *month0,
                     double declared_out[2], double free_out[2], ocop_error *err);

/* Records that product `code`'s page was opened at `now` (the organisers' "most viewed").
 * Returns 0, or -1 with `err` set. */
int ui_lead_record_view(ui_catalog *c, const char *code, int64_t now, ocop_error *err);

/* The short reference a buyer reads out at the desk: the first six characters of the lead's id
 * (a UUID, as exports show it), in capitals ("3F9A2C"). "" when `id` is shorter. */
void ui_lead_reference(const char *id, char out[8]);

#endif
