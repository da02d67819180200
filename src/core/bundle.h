/*
 * bundle.h: an update brought to a kiosk box on a USB stick, for boxes without a network: a new
 * kiosk.ini and/or a catalogue (with its capacity file), in the stick's top folder.
 *
 * The organiser screen reads the bundle whole (usb_read_file: plain files only, no links,
 * size-capped), checks it and shows what it would change (bundle_db_check), and only when the
 * organiser confirms replaces anything (bundle_db_apply), all or nothing. Files are found by
 * name, the first of each list that the stick holds:
 *   settings   ocop-kiosk.ini, kiosk.ini
 *   catalogue  ocop-catalog.csv, ocop-catalogue.csv, catalog.csv, catalogue.csv
 *   capacity   ocop-capacity.csv, capacity.csv (read only with a catalogue)
 */
#ifndef OCOP_BUNDLE_H
#define OCOP_BUNDLE_H

#include "core/base.h"
#include "core/strbuf.h"
#include "core/usb.h"

typedef struct bundle_file {
    const char *name; /* its name on the stick (static), or NULL when the stick has none */
    char *text;       /* its bytes, NUL-terminated; owned by the bundle */
    size_t len;
} bundle_file;

typedef struct bundle {
    char dir[USB_PATH_MAX]; /* the stick's mount point */
    bundle_file settings;
    bundle_file catalogue;
    bundle_file capacity;
} bundle;

/* Reads the bundle in the folder `dir` into *b (zeroed first). Returns 1 when the stick holds a
 * catalogue or a kiosk.ini, 0 when it holds neither, -1 with `err` naming the first file that
 * was refused (then *b holds nothing). bundle_free releases it in every case. */
int bundle_read(const char *dir, bundle *b, ocop_error *err);

/* Frees what bundle_read read; accepts a zeroed bundle. */
void bundle_free(bundle *b);

/* Appends to `out` one line "section.key: OLD -> NEW" for every key whose value differs
 * between two kiosk.ini texts (a key missing on one side shows as "(default)"), in the order
 * of the new text, then of the old. Either text may be "" (no file: the defaults). Returns how
 * many keys differ. */
int bundle_settings_changes(const char *old_text, const char *new_text, strbuf *out);

#endif
