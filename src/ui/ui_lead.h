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

/* Parses a quantity typed on the keypad ("2", "0,5", units_parse_number) into *out. Returns
 * false (and *out 0) when it is no number: empty, letters, or an ambiguous "1.500". Whether
 * the number may be asked for is inquiry_validate_fields' to say. */
bool ui_lead_quantity_check(const char *text, double *out);

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
