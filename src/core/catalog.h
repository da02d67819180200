/*
 * catalog.h: the catalogue's vocabulary and the checks of one catalogue cell (DESIGN §3, §5),
 * and the reading of a catalogue-style CSV file into records with their line numbers.
 *
 * Product groups. The OCOP programme sorts products into groups whose Vietnamese names changed
 * between the 2019 criteria (Decision 1048/QĐ-TTg: Thực phẩm, Đồ uống, Thảo dược, Vải và may
 * mặc, Lưu niệm – nội thất – trang trí, Dịch vụ du lịch nông thôn và bán hàng) and the 2023
 * criteria (Decision 148/QĐ-TTg: …, Dược liệu và sản phẩm từ dược liệu, Thủ công mỹ nghệ, Sinh
 * vật cảnh, Du lịch cộng đồng …). The program stores one stable English key per group:
 *
 *     food  beverages  herbal  textiles  handicrafts  ornamental  tourism
 *
 * catalog_group_key() turns whatever a spreadsheet or a person typed (either generation's
 * Vietnamese name, with or without accents, any case, "/" or "–" or "()" as separators, or the
 * key itself) into the key; catalog_group_name() gives the key's display name in Vietnamese or
 * English. The UI shows catalog_group_name(key, lang); search and the CLI accept anything
 * catalog_group_key() accepts.
 */
#ifndef OCOP_CATALOG_H
#define OCOP_CATALOG_H

#include "core/base.h"

#include <stddef.h>
#include <stdint.h>

/* ---- product groups ---------------------------------------------------------------------- */

/* The number of groups (7), and the key of group i (0 ≤ i < count) in display order. */
size_t catalog_group_count(void);
const char *catalog_group_key_at(size_t i);

/* The English key ("food", …) of a group named by `text`, or NULL when `text` names no group.
 * The returned string is static. Examples that give "herbal": "Thảo dược", "thao duoc",
 * "Thảo dược / Dược liệu", "Dược liệu và sản phẩm từ dược liệu", "HERBAL". */
const char *catalog_group_key(const char *text);

/* The display name of group `key` in `lang` ("vi" or "en"; anything else is English): "Thực
 * phẩm" / "Food". Returns a static string, or NULL when `key` is not a group key. */
const char *catalog_group_name(const char *key, const char *lang);

/* The words search finds products of group `key` by: the key and the group's Vietnamese names
 * of both generations, folded ("herbal thao duoc duoc lieu"). Static; `key` itself when it is
 * not a group key, NULL for NULL. The search index calls it as SQL group_words(grp). */
const char *catalog_group_search_words(const char *key);

/* ---- one cell ---------------------------------------------------------------------------- */
/* Each checker takes the cell's text (already trimmed and NFC) and returns 0 with the value, or
 * -1 with `err` set to the reason alone (no file, line or column: the caller adds those), e.g.
 * "\"6\" is not 1–5". */

/* Stars: a whole number 1–5 ("4", also "4.0"). */
int catalog_parse_stars(const char *text, int *out, ocop_error *err);

/* A date YYYY-MM-DD that exists in the calendar (2024-02-29 yes, 2023-02-29 no). `out` gets the
 * same 10 characters. */
int catalog_parse_date(const char *text, char out[11], ocop_error *err);

/* A month YYYY-MM (month 01–12), or "*" for "every month not listed". `out` gets it. */
int catalog_parse_month(const char *text, char out[8], ocop_error *err);

/* A producer kind: cooperative | company | household | other, or a Vietnamese synonym ("HTX",
 * "hợp tác xã", "công ty", "doanh nghiệp", "DNTN", "hộ kinh doanh", "hộ gia đình", "cơ sở",
 * "khác" …, with or without accents). Returns the static key, or NULL when unknown. */
const char *catalog_parse_kind(const char *text);

/* The kind a producer's name states by its legal form: "Hợp tác xã …"/"HTX …" → cooperative,
 * "Công ty …"/"Chi nhánh Công ty …"/"Doanh nghiệp …"/"DNTN …" → company, "Hộ kinh doanh …"/
 * "HKD …" → household; anything else → "other" (never a guess beyond what the name says). */
const char *catalog_kind_from_name(const char *producer_name);

/* A price in whole đồng, ≥ 0: "12000", "12.000", "12,000", "1.200.000", "12 000", with an
 * optional trailing "đ", "₫", "vnd" or "vnđ". A separator must be followed by exactly three
 * digits ("12,5" is refused: not a whole number of đồng). */
int catalog_parse_price(const char *text, int64_t *out, ocop_error *err);

/* A quantity ≥ 0 with a decimal comma or point (units_parse_number's rules). */
int catalog_parse_quantity(const char *text, double *out, ocop_error *err);

/* A whole number ≥ 0 (lead time in days). */
int catalog_parse_count(const char *text, int *out, ocop_error *err);

/* ---- images ------------------------------------------------------------------------------ */

/* Where the kiosk finds a product's stored `image` value: an absolute path is used as is; a
 * relative one is relative to the data folder's assets/ (paths.h), e.g. "catalog/images/food.svg"
 * → "<data>/assets/catalog/images/food.svg". Writes the file name into `out`; returns false when
 * `image` is empty or the result did not fit. */
bool catalog_image_path(const char *image, char *out, size_t cap);

/* ---- reading a CSV file ------------------------------------------------------------------ */

/* One record of a CSV file: its fields (NFC, trimmed) and the physical line it starts on
 * (1 = the first line of the file; a quoted field that spans lines does not shift the next
 * record's number). */
typedef struct catalog_csv_row {
    int line;
    size_t count;
    char **fields;
} catalog_csv_row;

/* A whole CSV file: the first non-blank record is the header. */
typedef struct catalog_csv {
    char *file; /* the name used in messages (as given to catalog_csv_read) */
    catalog_csv_row header;
    size_t count; /* data records, blank ones skipped */
    catalog_csv_row *rows;
} catalog_csv;

/* Reads `path` (RFC 4180 through libcsv; UTF-8 with or without a BOM; CRLF, LF or CR; fields
 * separated by commas, or by semicolons when the header line has more of those, as spreadsheets
 * set to Vietnamese write them; a UTF-16 file is refused with a hint). Every
 * field is checked for well-formed UTF-8, trimmed of spaces and normalised to NFC. Problems
 * (cannot open, bad quoting, malformed UTF-8, a record with more fields than the header) are
 * appended to `problems`, one per line as "FILE:LINE: column: reason\n", where column is the
 * header's name for the field ("header" on the header line, "csv" for quoting). Returns the
 * file (caller frees with catalog_csv_free) even when some records had problems (those records
 * have no fields), or NULL when the file could not be read at all. */
typedef struct strbuf strbuf;
catalog_csv *catalog_csv_read(const char *path, strbuf *problems);
/* The same, for a file already in memory: `text[0..len)` (any bytes) is the file's content and
 * `name` the file name used in messages. Never returns NULL. */
catalog_csv *catalog_csv_parse(const char *name, const char *text, size_t len, strbuf *problems);
void catalog_csv_free(catalog_csv *csv);

/* The index of the header column whose folded, trimmed name is `name`, or -1. */
int catalog_csv_column(const catalog_csv *csv, const char *name);

/* Field `col` of `row`; "" when the record is shorter or col < 0. Never NULL. */
const char *catalog_csv_field(const catalog_csv_row *row, int col);

#endif
