/*
 * csvout.h: cells for spreadsheets, and the CSV writer organisers' exports use.
 *
 * Two jobs, kept in one place so that every export format agrees:
 *
 * - Formula neutralisation (CSV injection, OWASP): a cell whose text starts with `=`, `+`, `-`,
 *   `@`, a tab or a carriage return would be run as a formula by Excel or LibreOffice when the
 *   file is opened. Such text gets a leading apostrophe, which spreadsheets show as text. The
 *   CSV, XLSX and JSON exports all pass their text through csvout_neutralise, so a buyer who
 *   types "=HYPERLINK(…)" as a company name cannot attack the organiser's spreadsheet.
 * - CSV as Excel on a Vietnamese Windows opens it correctly: UTF-8 with a byte-order mark
 *   (without it Excel reads the file as the ANSI code page and garbles Vietnamese), CRLF line
 *   ends and RFC 4180 quoting (a field holding a comma, a double quote, CR or LF is quoted and
 *   its quotes doubled).
 */
#ifndef OCOP_CSVOUT_H
#define OCOP_CSVOUT_H

#include "core/base.h"
#include "core/strbuf.h"

#include <stdint.h>

/* The UTF-8 byte-order mark that starts every CSV export. */
#define CSVOUT_BOM "\xEF\xBB\xBF"

/* True when a spreadsheet would take `text` (NULL is "") as a formula: it starts with `=`,
 * `+`, `-`, `@`, a tab or a carriage return. */
bool csvout_is_formula(const char *text);

/* Appends `text` (NULL is "") to `out`, neutralised: formula-like text gets a leading
 * apostrophe; any other text is appended unchanged. */
void csvout_neutralise(strbuf *out, const char *text);

/* The neutralised copy of `text` (NULL is ""), malloc'd; the caller frees it. */
char *csvout_safe_dup(const char *text);

/* A CSV being built in a strbuf. Zero it, then csvout_begin. */
typedef struct csvout {
    strbuf *out; /* not owned */
    int column;  /* fields written on the current row */
} csvout;

/* Starts a CSV in `out` (appends the BOM). */
void csvout_begin(csvout *w, strbuf *out);
/* Appends one text field (NULL is an empty field): neutralised, then quoted when needed. */
void csvout_text(csvout *w, const char *text);
/* Appends one numeric field: integers without decimals, otherwise up to 6 significant
 * decimals with a point (no thousands separators). Never quoted, never neutralised: a number
 * is not a formula even when negative. */
void csvout_number(csvout *w, double value);
/* Appends one integer field. */
void csvout_int(csvout *w, int64_t value);
/* Ends the current row with CRLF. */
void csvout_end_row(csvout *w);

#endif
