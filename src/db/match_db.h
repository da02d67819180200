/*
 * match_db.h: the instant match against the database, recording inquiries with holds, and
 * the organisers' unmet demand view. DESIGN §4. The batch allocation is alloc_db.h.
 * Three files implement it, one job each: match_db_capacity.c (free capacity), match_db.c
 * (candidates, the match, its query plans), match_db_lead.c (leads with holds, sweep, unmet).
 *
 * Free capacity of a product in a month = declared capacity (the month's row, else the
 * product's '*' default row, else 0) − batch allocations (hold rows kind='batch') − unexpired
 * instant holds of other inquiries (kind='instant' AND expires_at > now), never below 0.
 *
 * For the kiosk (UI):
 *   inquiry_request in = {...};            // from the form
 *   if (inquiry_validate(&in, &err) != 0)  // field errors for the form
 *   match_result shown;
 *   match_db_run(d, &in, time(NULL), &cfg, &shown, &err);   // preview, writes nothing
 *   char id[MATCH_DB_ID_SIZE];
 *   match_db_record_inquiry(d, &in, time(NULL), &cfg, id, &shown, &err);
 *       // commits the lead (synchronous=FULL) and its holds; only then say "thank you"
 * Both may take up to the database's busy timeout when another kiosk holds the write lock.
 */
#ifndef OCOP_MATCH_DB_H
#define OCOP_MATCH_DB_H

#include "core/config.h"
#include "core/inquiry.h"
#include "core/match.h"
#include "db/db.h"

#include <stdint.h>
#include <stdio.h>

#define MATCH_DB_ID_SIZE 37 /* a UUID's 36 characters and the NUL */

/* By free text, the first this many products the kiosk's search finds are candidates. */
#define MATCH_DB_TEXT_LIMIT 200

/* The policy of kiosk.ini [match] as match_compute wants it. */
match_policy match_db_policy(const kiosk_config *cfg);

/* Finds the candidates for `in` (validated by inquiry_validate_request): by product code, by
 * group (covering index product_match), or by free text (the kiosk's search, search_db.h:
 * the first MATCH_DB_TEXT_LIMIT products it finds); stars ≥ min, lowest
 * price ≤ max, certificate not expired on `now`'s date, and their free capacity per month of
 * the window at time `now` (Unix seconds, UTC), not counting the holds of `self_inquiry` (an
 * inquiry id, or NULL); products with no free capacity in the window are left out. Only what
 * ranking needs is read: name_vi, name_en, producer, phone and email are left "" (match_db_run
 * reads them for the lines). With a `policy` (else NULL) a group is read star level by star
 * level from 5 down, stopping where the candidates read already cover the whole request
 * under that policy (products with fewer stars would get nothing from match_compute); with
 * NULL every candidate is returned. *out is malloc'd (the caller frees it), *n its length.
 * Returns 0, or -1 with `err` set. */
int match_db_candidates(db *d, const inquiry_request *in, int64_t now, const char *self_inquiry,
                        const match_policy *policy, match_candidate **out, int *n, ocop_error *err);

/* The capacity of one product (`product_id`, product_record.id) for `n_months` months
 * (1 … MATCH_MAX_MONTHS) from `month_from` (YYYY-MM) at time `now` (Unix seconds), in the
 * product's base units: declared[i] as the producer declared it (the month's row, else the
 * product's '*' default, else 0) and free_base[i] = declared − batch allocations − unexpired
 * instant holds (never below 0). The product screen shows both. Returns 0, or -1 with `err`
 * set. */
int match_db_capacity(db *d, int64_t product_id, const char *month_from, int n_months, int64_t now,
                      double *declared, double *free_base, ocop_error *err);

/* The instant match for `in` at time `now` (Unix seconds) with the rules of `cfg`: a dry run,
 * nothing is written. `in` must have passed inquiry_validate_request (or inquiry_validate).
 * Returns 0 (*out filled, out->reason saying why when nothing matched), or -1 on a database
 * error. */
int match_db_run(db *d, const inquiry_request *in, int64_t now, const kiosk_config *cfg,
                 match_result *out, ocop_error *err);

/* Records a lead as the kiosk form does: validates `in` (inquiry_validate; normalises it in
 * place), then in ONE BEGIN IMMEDIATE transaction computes the match against the capacity free
 * at that moment, inserts the inquiry (a new UUID v4 id, created_at = `now` in UTC, kiosk id
 * from cfg->kiosk_id, else the database's 'kiosk_id' setting, made and stored on first use;
 * the match shown as match_json) and places instant holds for every line, expiring after
 * cfg->hold_days. Two kiosks (processes) on one database are serialised by the write lock, so
 * the same capacity is never held twice. On return 0, `id_out` holds the id, *shown the match
 * (what to show the buyer) and the lead is durable. Returns -1 with `err` set (a field error
 * "buyer.phone: …", or a database error) and then nothing was written. */
int match_db_record_inquiry(db *d, inquiry_request *in, int64_t now, const kiosk_config *cfg,
                            char id_out[MATCH_DB_ID_SIZE], match_result *shown, ocop_error *err);

/* match_db_record_inquiry, or with `edit_id` (the id an earlier Submit of the same visit got;
 * NULL or "" for none) an edit of that lead: in the same one transaction its instant holds are
 * given back, the match is computed again, the lead's fields are replaced (same id, kiosk and
 * created_at; exported_at cleared, so `export --new` takes it again) and its new holds placed.
 * A lead that is no longer open or was purged is not edited: a new lead is recorded. `id_out`
 * gets the id (edit_id when edited). Returns 0, or -1 with `err` set and nothing changed. */
int match_db_save_inquiry(db *d, inquiry_request *in, int64_t now, const kiosk_config *cfg,
                          const char *edit_id, char id_out[MATCH_DB_ID_SIZE], match_result *shown,
                          ocop_error *err);

/* Removes expired instant holds (they are ignored anyway; this keeps the table small).
 * Returns the number removed, or -1 with `err` set. */
int match_db_sweep_holds(db *d, int64_t now, ocop_error *err);

/* Unmet demand (DESIGN §4, `ocop-kiosk unmet`): for every inquiry not closed, its base
 * quantity minus what its holds (unexpired instant and batch) cover, spread evenly over the
 * months of its window, summed by product code / group / free text and month. */
typedef struct unmet_item {
    char kind[8];  /* "product", "group" or "query" */
    char key[256]; /* the code, group key or text */
    char month[8]; /* YYYY-MM */
    double base_quantity;
    char base_unit[8];
    int inquiries; /* inquiries with something unmet in that month */
} unmet_item;

/* Fills *out (malloc'd, caller frees) with *n items sorted by kind, key, month. Returns 0 or -1
 * with `err` set. */
int match_db_unmet(db *d, int64_t now, unmet_item **out, int *n, ocop_error *err);

/* The query plans (EXPLAIN QUERY PLAN) of the instant match's statements: by product, by
 * group, capacity and holds, one line per plan step as "STATEMENT: detail". For the test that
 * proves indexes are used (no "SCAN product"/"SCAN capacity") and for diagnosis. The caller
 * frees the text. Returns NULL with `err` set on error. */
char *match_db_explain(db *d, ocop_error *err);

#endif
