/*
 * bundle_db.h: checking and applying a USB update bundle (core/bundle.h) on a kiosk: a new
 * kiosk.ini replaces the file the kiosk's settings came from, a catalogue is imported into its
 * database as `ocop-kiosk import` does. Checked first, all of it, without writing anything;
 * applied all or nothing.
 */
#ifndef OCOP_BUNDLE_DB_H
#define OCOP_BUNDLE_DB_H

#include "core/bundle.h"
#include "core/config.h"
#include "db/catalog_db.h"
#include "db/db.h"

/* What a bundle would change. */
typedef struct bundle_check {
    bool has_catalogue;         /* the stick has a catalogue (checked: it imports) */
    int products;               /* products in it */
    catalog_import_stats stats; /* new / updated products, new producers, capacity rows */
    bool has_settings;          /* the stick has a kiosk.ini (checked: it loads) */
    int settings_changed;       /* keys whose value it changes */
    strbuf changes;             /* one line "section.key: OLD -> NEW" per changed key */
} bundle_check;

/* Checks everything bundle `b` would replace, writing nothing: its kiosk.ini must load as
 * config_load would load it and must name this kiosk's database (a stick does not move the
 * fair's data); its catalogue is imported in a transaction that is rolled back. `current` is
 * the kiosk's settings: their source_path names the file a new kiosk.ini replaces. Returns 0
 * with *out filled (bundle_check_free releases it), or -1 with `err` holding the first problem
 * ("FILE:LINE: column: reason" for the catalogue, "FILE:LINE: key: reason" for kiosk.ini). */
int bundle_db_check(db *d, const bundle *b, const kiosk_config *current, bundle_check *out,
                    ocop_error *err);

/* Frees a bundle_check; accepts a zeroed one. */
void bundle_check_free(bundle_check *c);

/* Replaces what bundle_db_check accepted, checking it again: the new kiosk.ini is written to a
 * temporary file beside the current one, the catalogue is imported (one transaction), and only
 * then the kiosk.ini is renamed over the current one. Any failure before that rename leaves the
 * database and the settings as they were. Sets *products (the catalogue's products, 0 without
 * one). Returns 0, or -1 with `err` set. */
int bundle_db_apply(db *d, const bundle *b, const kiosk_config *current, int *products,
                    ocop_error *err);

#endif
