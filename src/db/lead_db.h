/*
 * lead_db.h: leads in the database for organisers: export queries and the record of exports,
 * merging other kiosks' databases, purging personal data, the organiser screen's statistics.
 * The organiser PIN is pin_db.h.
 *
 * Times are UTC ISO 8601 text as the schema stores them ("2026-11-29T13:47:20Z"); callers
 * compute them from the clock (isotime.h), so tests pass fixed times.
 */
#ifndef OCOP_LEAD_DB_H
#define OCOP_LEAD_DB_H

#include "core/lead_export.h"
#include "db/db.h"

#include <stdint.h>

/* ---- export ---------------------------------------------------------------------------- */

typedef struct lead_filter {
    const char *since; /* UTC ISO time: only leads created at or after it; NULL = all */
    bool only_new;     /* only leads never exported from this database */
} lead_filter;

/* Reads the leads that pass `filter`, oldest first, into *out (which the caller frees with
 * lead_list_free). Match lines that lack the producer's province, the product's name or stars
 * get them from the catalogue (by product code), so that exports can split by province.
 * Returns 0, or -1 with `err` set. */
int lead_db_list(db *d, const lead_filter *filter, lead_list *out, ocop_error *err);

/* Records an export made at `now_utc`: the leads of `leads` whose `included` entry is true
 * (all of them when `included` is NULL) get exported_at (when not already set), and one row
 * goes to export_log (format, target file or folder, split, count). One transaction. Returns
 * 0, or -1 with `err` set. */
int lead_db_record_export(db *d, const lead_record *leads, const bool *included, int n,
                          const char *format, const char *target, const char *split,
                          const char *now_utc, ocop_error *err);

/* Lists the leads that pass `filter`, writes them to `target` (a file, or with `split` a
 * folder: lead_export_split) and records the export made at `now_utc`. This is
 * `ocop-kiosk export` and the organiser screen's "export to USB" button. *listed (may be
 * NULL) is how many leads passed the filter, *exported how many went into a file, *files how
 * many files were written. Returns 0, or -1 with `err` set (a file that was written stays;
 * "written but not recorded" is said so). A read-only database is refused before any file is
 * written. */
int lead_db_export(db *d, const lead_filter *filter, const lead_export_options *opt,
                   lead_split split, const char *target, const char *now_utc, int *listed,
                   int *exported, int *files, ocop_error *err);

/* ---- merge ----------------------------------------------------------------------------- */

typedef struct lead_merge_stats {
    int added;              /* leads new to this database */
    int already_present;    /* leads whose UUID was here already (left as they are) */
    int duplicates_flagged; /* leads newly marked as a probable duplicate (duplicate_of) */
    bool upgraded_copy;     /* the other file had an older schema: a migrated copy was read */
} lead_merge_stats;

/* Brings in the leads of another kiosk's database at `other_path`, by UUID: a lead already
 * here is left alone, so merging twice changes nothing. The other file is only read, never
 * written: at this schema version it is opened read-only; at an older one it is copied to a
 * temporary file (SQLite backup API) which is migrated and read, then removed; a newer one is
 * refused. Afterwards a lead from one kiosk whose buyer (normalised phone) asked for the same
 * product (or group, or text) in the same months as an earlier lead from another kiosk is
 * flagged with duplicate_of = that earlier lead's id; nothing is dropped. Holds and product
 * views of the other kiosk are not merged. One transaction. Returns 0, or -1 with `err`
 * naming the file. */
int lead_db_merge(db *d, const char *other_path, lead_merge_stats *stats, ocop_error *err);

/* ---- retention ------------------------------------------------------------------------- */

/* Removes the personal data (buyer name, company, phone, e-mail, note) of leads created before
 * `cutoff_utc` and stamps them purged_at = `now_utc`; what was asked, the province, the match
 * and the counts stay, anonymous. The freed bytes are overwritten (secure_delete) and the WAL
 * is checkpointed and truncated, so the data does not linger in the files. *purged is the
 * number of leads purged now. Returns 0, or -1 with `err` set. */
int lead_db_purge(db *d, const char *cutoff_utc, const char *now_utc, int *purged, ocop_error *err);

/* ---- organiser statistics -------------------------------------------------------------- */

#define LEAD_STATS_MAX 10

typedef struct lead_product_stat {
    char code[64];
    char name_vi[256];
    char name_en[256];
    char base_unit[8];
    double demand;   /* base units: asked for by code, plus what group/text inquiries got */
    double capacity; /* base units: declared capacity summed over the months of that demand */
    int views;       /* times its page was opened at the kiosk */
} lead_product_stat;

typedef struct lead_unmet_stat {
    char product[64];  /* what was asked: a product code, */
    char name_vi[256]; /* (its names when known) */
    char name_en[256];
    char group[16];  /* or a group key, */
    char query[256]; /* or free text */
    char base_unit[8];
    double unmet; /* base units */
    int inquiries;
} lead_unmet_stat;

typedef struct lead_stats {
    int leads_today;
    int leads_total; /* purged leads included: they stay as anonymous counts */
    int n_demand;    /* products with the largest demand, largest first */
    lead_product_stat demand[LEAD_STATS_MAX];
    int n_viewed; /* most viewed products, most first */
    lead_product_stat viewed[LEAD_STATS_MAX];
    int n_unmet; /* largest unmet demand first */
    lead_unmet_stat unmet[LEAD_STATS_MAX];
} lead_stats;

/* Fills *out. "Today" is [day_start_utc, day_end_utc) (the caller's local day, isotime.h).
 * Closed leads do not count as demand. Returns 0, or -1 with `err` set. */
int lead_db_stats(db *d, const char *day_start_utc, const char *day_end_utc, lead_stats *out,
                  ocop_error *err);

/* Records that a product's page was shown at `now_utc` (the organisers' "most viewed").
 * Returns 0, or -1 with `err` set (an unknown code is not an error: nothing is recorded). */
int lead_db_record_view(db *d, const char *product_code, const char *now_utc, ocop_error *err);

#endif
