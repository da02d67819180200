/*
 * lead_export.h: leads for organisers, as CSV, XLSX or JSON (DESIGN §5, `ocop-kiosk export`).
 *
 * The database layer (lead_db.h) reads the leads into lead_record; this module turns them into
 * files and knows nothing of SQLite. Every text cell of CSV and XLSX goes through
 * csvout_neutralise, so buyers' text can never run as a spreadsheet formula; JSON, read by
 * programs, holds the text as stored (a phone stays "+84…"). Files are written atomically
 * with mode 0600 (outfile.h).
 *
 * - CSV: UTF-8 with BOM, CRLF, RFC 4180; one row per lead; column names in the chosen language
 *   (lead_export_options.words).
 * - XLSX (libxlsxwriter): a sheet of leads (the CSV's columns), a sheet of match lines (one row
 *   per producer, product and month offered to a lead), and a summary (inquiries; requested vs
 *   matched vs unmet per asked product, per buyer province, per minimum star level, in base
 *   units, one row per base unit since kg and litres do not add up). Frozen header rows.
 * - JSON: {"leads": [{"id", "created_at", "kiosk", "buyer": {…}, "product", "group", "query",
 *   "quantity", "unit", "months", "min_stars", "consent": {…}, "match": {…}}]}.
 *
 * Times are shown in local time with their offset ("2026-11-29T20:47:20+07:00").
 */
#ifndef OCOP_LEAD_EXPORT_H
#define OCOP_LEAD_EXPORT_H

#include "core/base.h"
#include "core/match_words.h"

#include <stdint.h>

/* One lead as stored (inquiry table) plus the product's names. Text is "" when unknown. */
typedef struct lead_record {
    char id[40]; /* UUID */
    char kiosk[64];
    char created_at[24]; /* UTC "YYYY-MM-DDTHH:MM:SSZ" */
    char buyer_name[128];
    char buyer_company[128];
    char buyer_phone[32]; /* +84… */
    char buyer_email[128];
    char buyer_province[64];
    char lang[3];
    char product[64];          /* asked product code, or "" */
    char product_name_vi[256]; /* that product's names when the catalogue knows it */
    char product_name_en[256];
    char group[16]; /* asked group (English key), or "" */
    char query[256];
    double quantity; /* in `unit` */
    char unit[32];
    double base_quantity; /* < 0 when unknown */
    char base_unit[8];
    char month_from[8];
    char month_to[8];
    int min_stars;         /* 0 = any */
    int64_t max_price_vnd; /* 0 = any */
    char note[512];
    bool consent_contact;
    bool consent_share;
    char status[16]; /* open | allocated | closed */
    char duplicate_of[40];
    bool purged;      /* personal data removed by `purge` */
    char *match_json; /* the match JSON the buyer was shown (match.h), owned; NULL when none */
} lead_record;

typedef struct lead_list {
    int count;
    lead_record *items; /* owned; lead_list_free */
} lead_list;

/* Frees the items and their match_json; leaves an empty list. Accepts an empty list. */
void lead_list_free(lead_list *list);

typedef enum lead_format { LEAD_FORMAT_CSV, LEAD_FORMAT_XLSX, LEAD_FORMAT_JSON } lead_format;
typedef enum lead_split { LEAD_SPLIT_NONE, LEAD_SPLIT_PRODUCER, LEAD_SPLIT_PROVINCE } lead_split;

/* "csv", "xlsx", "json" (any case). Returns 0, or -1 for an unknown name. */
int lead_format_parse(const char *name, lead_format *out);
/* The file extension of a format, without the dot. */
const char *lead_format_extension(lead_format format);

/* The export's words (sheet names, column titles, yes/no, statuses, the summary's labels): the
 * text of the string-table key `key` ("export.col_id": kiosk-config/strings_*.ini, section
 * [export]) in the export's language, never NULL, living as long as the export. `ctx` is
 * lead_export_options.words_ctx. The core holds the keys, the string tables the words. */
typedef const char *lead_export_words(const void *ctx, const char *key);

typedef struct lead_export_options {
    lead_format format;
    bool english;     /* product, group and unit names in English; Vietnamese otherwise (say the
                         same language as `words`) */
    int utc_offset_s; /* local time = UTC + this (Vietnam: 25200) */
    lead_export_words *words; /* required (ui_strings_word) */
    const void *words_ctx;
    /* The words of the matches' "why" and "reason", in each lead's language (the buyer's, as
     * shown): required (ui_strings_word_in, its ctx a ui_strings). */
    match_words_fn *match_words;
    const void *match_words_ctx;
} lead_export_options;

/* Writes `n` leads to the file `path` in opt->format, atomically, mode 0600. Returns 0, or -1
 * with `err` naming the file (the final name is then untouched). */
int lead_export_write(const char *path, const lead_record *leads, int n,
                      const lead_export_options *opt, ocop_error *err);

/* Writes one file per producer (LEAD_SPLIT_PRODUCER; a producer is a name in a province) or per
 * producer province (LEAD_SPLIT_PROVINCE) into the folder `dir` (created, mode 0700, when
 * missing). A file holds the leads that were matched to that producer (province) and whose
 * buyer consented to sharing with producers, with only that producer's (province's) match
 * lines and the figures derived from them, so that no producer sees another's offers: the
 * matched quantity is the sum of the file's lines, and the unmet quantity (which depends on
 * the other producers' offers) is left empty (JSON: "unmet": null). File names are the folded name:
 * "htx-dua-sap-tra-vinh.csv". `exported` (n entries, may be NULL) tells which leads went into
 * at least one file. *files_written is the number of files. Returns 0, or -1 with `err` set
 * (files already written stay, each complete). */
int lead_export_split(const char *dir, const lead_record *leads, int n, lead_split split,
                      const lead_export_options *opt, bool *exported, int *files_written,
                      ocop_error *err);

/* Converts a stored UTC time "YYYY-MM-DDTHH:MM:SSZ" to local time with its offset
 * ("YYYY-MM-DDTHH:MM:SS+07:00") into `out`. Text that is not such a time is copied as is.
 * Returns false when `out` was too small. */
bool lead_export_local_time(const char *utc, int utc_offset_s, char *out, size_t cap);

/* A file-name-safe, ASCII, lower-case form of `text` ("HTX Dừa Sáp" -> "htx-dua-sap"), at most
 * `cap` - 1 bytes; "unnamed" when nothing is left. */
void lead_export_slug(const char *text, char *out, size_t cap);

#endif
