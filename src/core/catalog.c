/* catalog.c: groups, cell checks and CSV records of the catalogue; see catalog.h. */
#include "core/catalog.h"

#include "core/fold.h"
#include "core/paths.h"
#include "core/strbuf.h"
#include "core/units.h"
#include "core/utf8.h"

#include <csv.h>
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- groups -------------------------------------------------------------------------------- */

typedef struct group_entry {
    const char *key;
    const char *name_vi;
    const char *name_en;
    /* Spellings after key_form(): folded, punctuation turned into single spaces. */
    const char *aliases[12];
    /* What search finds the group's products by: the key and the Vietnamese names of both
     * generations, folded (search_db_sql.h indexes it). */
    const char *search_words;
} group_entry;

static const group_entry groups[] = {
    {"food", "Thực phẩm", "Food", {"food", "foods", "thuc pham", NULL}, "food thuc pham"},
    {"beverages",
     "Đồ uống",
     "Beverages",
     {"beverages", "beverage", "drinks", "drink", "do uong", NULL},
     "beverages do uong"},
    {"herbal",
     "Thảo dược",
     "Herbal products",
     {"herbal", "herbs", "herb", "herbal products", "thao duoc", "duoc lieu", "thao duoc duoc lieu",
      "duoc lieu thao duoc", "duoc lieu va san pham tu duoc lieu", "san pham tu duoc lieu", NULL},
     "herbal thao duoc duoc lieu"},
    {"textiles",
     "Vải và may mặc",
     "Textiles and garments",
     {"textiles", "textile", "textiles and garments", "vai va may mac", "vai may mac", "vai",
      "may mac", NULL},
     "textiles vai may mac"},
    {"handicrafts",
     "Thủ công mỹ nghệ",
     "Handicrafts and souvenirs",
     {"handicrafts", "handicraft", "handicrafts and souvenirs", "thu cong my nghe",
      "luu niem noi that trang tri", "thu cong my nghe luu niem noi that trang tri", "luu niem",
      "thu cong my nghe va luu niem", "do luu niem", NULL},
     "handicrafts thu cong my nghe luu niem noi that trang tri"},
    {"ornamental",
     "Sinh vật cảnh",
     "Ornamental plants and animals",
     {"ornamental", "ornamentals", "ornamental plants and animals", "sinh vat canh", "cay canh",
      NULL},
     "ornamental sinh vat canh"},
    {"tourism",
     "Dịch vụ du lịch",
     "Rural tourism",
     {"tourism", "rural tourism", "dich vu du lich", "du lich cong dong", "du lich",
      "dich vu du lich nong thon", "dich vu du lich nong thon ban hang",
      "dich vu du lich nong thon va ban hang", "du lich cong dong diem du lich",
      "du lich cong dong va diem du lich", NULL},
     "tourism dich vu du lich cong dong"},
};

size_t catalog_group_count(void) {
    return OCOP_COUNT(groups);
}

const char *catalog_group_key_at(size_t i) {
    OCOP_ASSERT(i < OCOP_COUNT(groups));
    return groups[i].key;
}

/* Folded text with every run of characters other than ASCII letters and digits turned into one
 * space, trimmed: "Thảo dược / Dược liệu" → "thao duoc duoc lieu". Caller frees. */
static char *key_form(const char *text) {
    char *f = fold_text(text);
    size_t n = 0;
    bool space = false;
    for (const char *p = f; *p; p++) {
        unsigned char c = (unsigned char)*p;
        if (c < 0x80 && isalnum(c)) {
            if (space && n > 0) {
                f[n++] = ' ';
            }
            space = false;
            f[n++] = (char)c;
        } else {
            space = true;
        }
    }
    f[n] = '\0';
    return f;
}

const char *catalog_group_key(const char *text) {
    if (!text) {
        return NULL;
    }
    char *k = key_form(text);
    const char *found = NULL;
    for (size_t i = 0; i < OCOP_COUNT(groups) && !found; i++) {
        for (size_t j = 0; j < OCOP_COUNT(groups[i].aliases) && groups[i].aliases[j]; j++) {
            if (strcmp(k, groups[i].aliases[j]) == 0) {
                found = groups[i].key;
                break;
            }
        }
    }
    free(k);
    return found;
}

const char *catalog_group_name(const char *key, const char *lang) {
    if (!key) {
        return NULL;
    }
    for (size_t i = 0; i < OCOP_COUNT(groups); i++) {
        if (strcmp(key, groups[i].key) == 0) {
            return lang && strcmp(lang, "vi") == 0 ? groups[i].name_vi : groups[i].name_en;
        }
    }
    return NULL;
}

const char *catalog_group_search_words(const char *key) {
    if (!key) {
        return NULL;
    }
    for (size_t i = 0; i < OCOP_COUNT(groups); i++) {
        if (strcmp(key, groups[i].key) == 0) {
            return groups[i].search_words;
        }
    }
    return key;
}

/* ---- cells --------------------------------------------------------------------------------- */

int catalog_parse_stars(const char *text, int *out, ocop_error *err) {
    double v;
    ocop_error inner;
    if (units_parse_number(text, &v, &inner) != 0 || v != floor(v) || v < 1 || v > 5) {
        return error_set(err, "\"%s\" is not 1–5", text);
    }
    *out = (int)v;
    return 0;
}

static bool all_digits(const char *s, size_t n) {
    for (size_t i = 0; i < n; i++) {
        if (!isdigit((unsigned char)s[i])) {
            return false;
        }
    }
    return true;
}

static int days_in_month(int year, int month) {
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month == 2 && ((year % 4 == 0 && year % 100 != 0) || year % 400 == 0)) {
        return 29;
    }
    return days[month - 1];
}

int catalog_parse_date(const char *text, char out[11], ocop_error *err) {
    size_t n = strlen(text);
    if (n != 10 || !all_digits(text, 4) || text[4] != '-' || !all_digits(text + 5, 2) ||
        text[7] != '-' || !all_digits(text + 8, 2)) {
        return error_set(err, "\"%s\" is not a date YYYY-MM-DD", text);
    }
    int year = atoi(text);
    int month = atoi(text + 5);
    int day = atoi(text + 8);
    if (year < 1900 || month < 1 || month > 12 || day < 1 || day > days_in_month(year, month)) {
        return error_set(err, "\"%s\" is not a date in the calendar", text);
    }
    memcpy(out, text, 11);
    return 0;
}

int catalog_parse_month(const char *text, char out[8], ocop_error *err) {
    if (strcmp(text, "*") == 0) {
        str_copy(out, 8, "*");
        return 0;
    }
    size_t n = strlen(text);
    if (n != 7 || !all_digits(text, 4) || text[4] != '-' || !all_digits(text + 5, 2)) {
        return error_set(err, "\"%s\" is not a month YYYY-MM", text);
    }
    int year = atoi(text);
    int month = atoi(text + 5);
    if (year < 1900 || month < 1 || month > 12) {
        return error_set(err, "\"%s\" is not a month in the calendar", text);
    }
    memcpy(out, text, 8);
    return 0;
}

typedef struct kind_alias {
    const char *form; /* key_form() spelling */
    const char *kind;
} kind_alias;

static const kind_alias kind_aliases[] = {
    {"cooperative", "cooperative"},
    {"coop", "cooperative"},
    {"htx", "cooperative"},
    {"hop tac xa", "cooperative"},
    {"to hop tac", "cooperative"},
    {"company", "company"},
    {"cong ty", "company"},
    {"cty", "company"},
    {"doanh nghiep", "company"},
    {"doanh nghiep tu nhan", "company"},
    {"dntn", "company"},
    {"enterprise", "company"},
    {"household", "household"},
    {"ho kinh doanh", "household"},
    {"hkd", "household"},
    {"ho gia dinh", "household"},
    {"ho san xuat", "household"},
    {"co so", "household"},
    {"co so san xuat", "household"},
    {"other", "other"},
    {"khac", "other"},
};

const char *catalog_parse_kind(const char *text) {
    char *k = key_form(text);
    const char *found = NULL;
    for (size_t i = 0; i < OCOP_COUNT(kind_aliases); i++) {
        if (strcmp(k, kind_aliases[i].form) == 0) {
            found = kind_aliases[i].kind;
            break;
        }
    }
    free(k);
    return found;
}

/* True when the key form `k` starts with the words `prefix`. */
static bool starts_with_words(const char *k, const char *prefix) {
    size_t n = strlen(prefix);
    return strncmp(k, prefix, n) == 0 && (k[n] == '\0' || k[n] == ' ');
}

const char *catalog_kind_from_name(const char *producer_name) {
    static const kind_alias prefixes[] = {
        {"hop tac xa", "cooperative"},
        {"htx", "cooperative"},
        {"cong ty", "company"},
        {"chi nhanh cong ty", "company"},
        {"cty", "company"},
        {"doanh nghiep", "company"},
        {"dntn", "company"},
        {"ho kinh doanh", "household"},
        {"hkd", "household"},
    };
    char *k = key_form(producer_name);
    const char *found = "other";
    for (size_t i = 0; i < OCOP_COUNT(prefixes); i++) {
        if (starts_with_words(k, prefixes[i].form)) {
            found = prefixes[i].kind;
            break;
        }
    }
    free(k);
    return found;
}

int catalog_parse_price(const char *text, int64_t *out, ocop_error *err) {
    char buf[64];
    if (!str_copy(buf, sizeof buf, text)) {
        return error_set(err, "\"%s\" is not a price in đồng", text);
    }
    str_trim(buf);
    /* A trailing currency: đ, ₫, vnd, vnđ (any case). */
    static const char *const suffixes[] = {"vnđ", "VNĐ", "vnd", "VND", "Vnd", "đ", "₫", "Đ"};
    for (size_t i = 0; i < OCOP_COUNT(suffixes); i++) {
        size_t n = strlen(buf), m = strlen(suffixes[i]);
        if (n > m && strcmp(buf + n - m, suffixes[i]) == 0) {
            buf[n - m] = '\0';
            str_trim(buf);
            break;
        }
    }
    if (buf[0] == '-') {
        return error_set(err, "\"%s\" is negative", text);
    }
    if (buf[0] == '\0') {
        return error_set(err, "\"%s\" is not a price in đồng", text);
    }
    char sep = 0;
    int64_t value = 0;
    size_t group = 0;  /* digits in the current group */
    bool first = true; /* still in the first group */
    for (const char *p = buf; *p; p++) {
        char c = *p;
        if (isdigit((unsigned char)c)) {
            if (value > INT64_C(100000000000000)) {
                return error_set(err, "\"%s\" is too large", text);
            }
            value = value * 10 + (c - '0');
            group++;
        } else if (c == '.' || c == ',' || c == ' ') {
            if ((sep && c != sep) || group == 0 || (first && group > 3) || (!first && group != 3)) {
                return error_set(err, "\"%s\" is not a whole number of đồng", text);
            }
            sep = c;
            first = false;
            group = 0;
        } else {
            return error_set(err, "\"%s\" is not a price in đồng", text);
        }
    }
    if (sep && group != 3) {
        return error_set(err, "\"%s\" is not a whole number of đồng", text);
    }
    if (group == 0) {
        return error_set(err, "\"%s\" is not a price in đồng", text);
    }
    *out = value;
    return 0;
}

int catalog_parse_quantity(const char *text, double *out, ocop_error *err) {
    double v;
    if (units_parse_number(text, &v, err) != 0) {
        return -1;
    }
    if (v < 0) {
        return error_set(err, "\"%s\" is negative", text);
    }
    *out = v;
    return 0;
}

int catalog_parse_count(const char *text, int *out, ocop_error *err) {
    if (text[0] == '-' && all_digits(text + 1, strlen(text + 1)) && text[1]) {
        return error_set(err, "\"%s\" is negative", text);
    }
    size_t n = strlen(text);
    if (n == 0 || n > 6 || !all_digits(text, n)) {
        return error_set(err, "\"%s\" is not a whole number", text);
    }
    *out = atoi(text);
    return 0;
}

/* ---- images -------------------------------------------------------------------------------- */

bool catalog_image_path(const char *image, char *out, size_t cap) {
    if (!image || !image[0]) {
        return false;
    }
    if (image[0] == '/') {
        return str_copy(out, cap, image);
    }
    char rel[4096];
    return str_format(rel, sizeof rel, "assets/%s", image) && paths_data_file(out, cap, rel);
}

/* ---- CSV ----------------------------------------------------------------------------------- */

typedef struct reader {
    catalog_csv *csv;
    strbuf *problems;
    char **fields; /* the record being read */
    size_t count, cap;
    int record_line; /* line where the record being read started; 0 before it starts */
    long nul_field;  /* index of a field of this record holding a NUL byte, or -1 */
    bool have_header;
    size_t rows_cap; /* room in csv->rows */
} reader;

static void on_field(void *data, size_t len, void *ctx) {
    reader *r = ctx;
    if (r->count == r->cap) {
        r->cap = r->cap ? r->cap * 2 : 16;
        r->fields = xreallocarray(r->fields, r->cap, sizeof *r->fields);
    }
    if (data && memchr(data, '\0', len) && r->nul_field < 0) {
        r->nul_field = (long)r->count;
    }
    r->fields[r->count++] = xstrndup(data ? data : "", data ? len : 0);
}

static void free_fields(char **fields, size_t count) {
    for (size_t i = 0; i < count; i++) {
        free(fields[i]);
    }
    free(fields);
}

/* The header's name for field i, escaped for a message into `out` (a header cell may hold a
 * line break or, before the header is checked, any bytes). */
static const char *column_name(const reader *r, size_t i, char *out, size_t cap) {
    if (!r->have_header) {
        return "header";
    }
    if (i < r->csv->header.count && r->csv->header.fields[i][0]) {
        const char *name = r->csv->header.fields[i];
        utf8_printable(name, strlen(name), out, cap);
        return out;
    }
    return "csv";
}

static void on_record(int term, void *ctx) {
    reader *r = ctx;
    (void)term;
    catalog_csv_row row = {.line = r->record_line, .count = r->count, .fields = r->fields};
    r->fields = NULL;
    r->count = r->cap = 0;
    r->record_line = 0;

    bool blank = true;
    bool bad = false;
    char column[256];
    if (r->nul_field >= 0) {
        sb_appendf(r->problems, "%s:%d: %s: contains a NUL byte (is this a text file?)\n",
                   r->csv->file, row.line,
                   column_name(r, (size_t)r->nul_field, column, sizeof column));
        r->nul_field = -1;
        bad = true;
    }
    for (size_t i = 0; i < row.count; i++) {
        size_t len = strlen(row.fields[i]);
        size_t at = utf8_invalid_at(row.fields[i], len);
        if (at < len) {
            sb_appendf(r->problems, "%s:%d: %s: malformed UTF-8 (byte 0x%02X)\n", r->csv->file,
                       row.line, column_name(r, i, column, sizeof column),
                       (unsigned char)row.fields[i][at]);
            bad = true;
            continue;
        }
        char *nfc = utf8_nfc(row.fields[i]);
        OCOP_ASSERT(nfc);
        str_trim(nfc);
        free(row.fields[i]);
        row.fields[i] = nfc;
        blank = blank && nfc[0] == '\0';
    }
    if (blank && !bad) {
        free_fields(row.fields, row.count);
        return;
    }
    if (!r->have_header) {
        if (bad) {
            free_fields(row.fields, row.count);
            row.fields = NULL;
            row.count = 0;
        }
        r->csv->header = row;
        r->have_header = true;
        return;
    }
    if (!bad && row.count > r->csv->header.count) {
        size_t extra = 0;
        for (size_t i = r->csv->header.count; i < row.count; i++) {
            extra += row.fields[i][0] != '\0';
        }
        if (extra) {
            sb_appendf(r->problems, "%s:%d: csv: %zu fields but the header has %zu\n", r->csv->file,
                       row.line, row.count, r->csv->header.count);
            bad = true;
        }
    }
    if (bad) {
        free_fields(row.fields, row.count);
        row.fields = NULL;
        row.count = 0;
    }
    catalog_csv *csv = r->csv;
    if (csv->count == r->rows_cap) {
        r->rows_cap = r->rows_cap ? r->rows_cap * 2 : 64;
        csv->rows = xreallocarray(csv->rows, r->rows_cap, sizeof *csv->rows);
    }
    csv->rows[csv->count++] = row;
}

static char *read_whole_file(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f) {
        return NULL;
    }
    strbuf sb = {0};
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
        sb_append_len(&sb, chunk, n);
    }
    bool failed = ferror(f);
    fclose(f);
    if (failed) {
        sb_free(&sb);
        return NULL;
    }
    *len = sb.len;
    return sb.data ? sb_take(&sb) : xstrdup("");
}

catalog_csv *catalog_csv_read(const char *path, strbuf *problems) {
    OCOP_ASSERT(path && problems);
    size_t len = 0;
    char *text = read_whole_file(path, &len);
    if (!text) {
        char name[1024];
        utf8_printable(path, strlen(path), name, sizeof name);
        sb_appendf(problems, "%s: cannot read: %s\n", name, strerror(errno));
        return NULL;
    }
    catalog_csv *csv = catalog_csv_parse(path, text, len, problems);
    free(text);
    return csv;
}

/* libcsv grows a field's buffer by its block size (128 bytes) at a time, which copies a field of
 * n bytes n/128 times: minutes for a 10 MB cell under ASan. The file is fed in pieces of at most
 * this many bytes and the block size raised to the buffer's size before each piece, so the
 * buffer at least doubles each time it grows. */
#define CSV_FEED_BYTES 65536

catalog_csv *catalog_csv_parse(const char *name, const char *text, size_t len, strbuf *problems) {
    OCOP_ASSERT(name && text && problems);
    catalog_csv *csv = xcalloc(1, sizeof *csv);
    /* The name goes into every message: escaped once here. */
    char shown[1024];
    utf8_printable(name, strlen(name), shown, sizeof shown);
    csv->file = xstrdup(shown);
    const char *path = csv->file;
    const unsigned char *u = (const unsigned char *)text;
    if (len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF))) {
        sb_appendf(problems,
                   "%s:1: csv: the file is UTF-16 (\"Unicode text\"); save it as \"CSV UTF-8\"\n",
                   path);
        return csv;
    }

    struct csv_parser parser;
    if (csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI) != 0) {
        ocop_fatal(__FILE__, __LINE__, "csv_init failed");
    }
    reader r = {.csv = csv, .problems = problems, .nul_field = -1};
    size_t pos = 0;
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
        pos = 3;
    }
    /* Spreadsheets set to Vietnamese write CSV with semicolons (the comma is the decimal mark
     * there): the header line decides. */
    size_t commas = 0, semicolons = 0;
    for (size_t i = pos; i < len && text[i] != '\n' && text[i] != '\r'; i++) {
        commas += text[i] == ',';
        semicolons += text[i] == ';';
    }
    if (semicolons > commas) {
        csv_set_delim(&parser, ';');
    }
    /* Feed libcsv one physical line at a time so that the line a record starts on is known:
     * a record starts on the first line, after the previous record ended, that holds more than
     * a line ending. Lines end with LF, CRLF or a lone CR. */
    int line = 0;
    bool failed = false;
    while (pos < len && !failed) {
        line++;
        size_t end = pos;
        while (end < len && text[end] != '\n' &&
               !(text[end] == '\r' && (end + 1 >= len || text[end + 1] != '\n'))) {
            end++;
        }
        if (end < len) {
            end++; /* the LF, or the lone CR */
        }
        if (r.record_line == 0) {
            for (size_t i = pos; i < end; i++) {
                if (text[i] != '\r' && text[i] != '\n') {
                    r.record_line = line;
                    break;
                }
            }
        }
        for (size_t at = pos; at < end && !failed;) {
            size_t piece = end - at < CSV_FEED_BYTES ? end - at : CSV_FEED_BYTES;
            csv_set_blk_size(&parser, parser.entry_size > 128 ? parser.entry_size : 128);
            size_t used = csv_parse(&parser, text + at, piece, on_field, on_record, &r);
            if (used != piece) {
                sb_appendf(problems, "%s:%d: csv: %s (a quote inside an unquoted field?)\n", path,
                           line, csv_strerror(csv_error(&parser)));
                failed = true;
            }
            at += piece;
        }
        pos = end;
    }
    if (!failed && csv_fini(&parser, on_field, on_record, &r) != 0) {
        sb_appendf(problems, "%s:%d: csv: a quoted field is not closed\n", path,
                   r.record_line ? r.record_line : line);
    }
    csv_free(&parser);
    free_fields(r.fields, r.count);
    return csv;
}

void catalog_csv_free(catalog_csv *csv) {
    if (!csv) {
        return;
    }
    free_fields(csv->header.fields, csv->header.count);
    for (size_t i = 0; i < csv->count; i++) {
        free_fields(csv->rows[i].fields, csv->rows[i].count);
    }
    free(csv->rows);
    free(csv->file);
    free(csv);
}

int catalog_csv_column(const catalog_csv *csv, const char *name) {
    for (size_t i = 0; i < csv->header.count; i++) {
        char *f = fold_text(csv->header.fields[i]);
        str_trim(f);
        bool same = strcmp(f, name) == 0;
        free(f);
        if (same) {
            return (int)i;
        }
    }
    return -1;
}

const char *catalog_csv_field(const catalog_csv_row *row, int col) {
    if (col < 0 || (size_t)col >= row->count || !row->fields) {
        return "";
    }
    return row->fields[col];
}
