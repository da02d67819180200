/* xlsx_lazy.c: libxlsxwriter, loaded when the program first writes a spreadsheet.
 *
 * Only `export --format xlsx` (and the organiser's export to a USB stick) writes XLSX. Linked
 * with -lxlsxwriter, every start of the program, the kiosk's included, loaded it and the
 * libraries under it (minizip, OpenSSL's libcrypto) before main: about 6 ms of CPU here (an
 * empty program linked with the kiosk's libraries, with and without it; the README's performance
 * section). So the program is not linked with libxlsxwriter: this file defines the functions
 * lead_export.c calls, checked by the compiler against xlsxwriter.h's prototypes; the first call
 * of any of them opens the library (core/lazy_lib.h) and each then calls the library's own.
 * Calling one that is not in XLSX_FUNCTIONS is a link error: add it there with its prototype.
 */
#include "core/base.h"
#include "core/lazy_lib.h"

#include <pthread.h>
#include <xlsxwriter.h>

#define XLSX_LIBRARY "libxlsxwriter.so.4" /* Debian 12's libxlsxwriter4 */

/* X(return type, name, parameters, arguments), V(...) for those that return nothing. */
#define XLSX_FUNCTIONS(X, V)                                                                       \
    X(lxw_workbook *, workbook_new_opt, (const char *filename, lxw_workbook_options *options),     \
      (filename, options))                                                                         \
    X(lxw_worksheet *, workbook_add_worksheet, (lxw_workbook * workbook, const char *sheetname),   \
      (workbook, sheetname))                                                                       \
    X(lxw_format *, workbook_add_format, (lxw_workbook * workbook), (workbook))                    \
    X(lxw_error, workbook_close, (lxw_workbook * workbook), (workbook))                            \
    X(lxw_error, worksheet_write_number,                                                           \
      (lxw_worksheet * worksheet, lxw_row_t row, lxw_col_t col, double number,                     \
       lxw_format *format),                                                                        \
      (worksheet, row, col, number, format))                                                       \
    X(lxw_error, worksheet_write_string,                                                           \
      (lxw_worksheet * worksheet, lxw_row_t row, lxw_col_t col, const char *string,                \
       lxw_format *format),                                                                        \
      (worksheet, row, col, string, format))                                                       \
    X(lxw_error, worksheet_set_row,                                                                \
      (lxw_worksheet * worksheet, lxw_row_t row, double height, lxw_format *format),               \
      (worksheet, row, height, format))                                                            \
    X(lxw_error, worksheet_set_column,                                                             \
      (lxw_worksheet * worksheet, lxw_col_t first_col, lxw_col_t last_col, double width,           \
       lxw_format *format),                                                                        \
      (worksheet, first_col, last_col, width, format))                                             \
    X(lxw_error, worksheet_autofilter,                                                             \
      (lxw_worksheet * worksheet, lxw_row_t first_row, lxw_col_t first_col, lxw_row_t last_row,    \
       lxw_col_t last_col),                                                                        \
      (worksheet, first_row, first_col, last_row, last_col))                                       \
    V(worksheet_freeze_panes, (lxw_worksheet * worksheet, lxw_row_t row, lxw_col_t col),           \
      (worksheet, row, col))                                                                       \
    V(format_set_bold, (lxw_format * format), (format))                                            \
    V(format_set_text_wrap, (lxw_format * format), (format))                                       \
    V(format_set_bg_color, (lxw_format * format, lxw_color_t color), (format, color))              \
    V(format_set_align, (lxw_format * format, uint8_t alignment), (format, alignment))             \
    X(char *, lxw_strerror, (lxw_error error_num), (error_num))

/* The library's functions, filled once (pthread_once). */
static struct {
#define TABLE_ENTRY(ret, name, params, args) ret(*name) params;
#define TABLE_ENTRY_VOID(name, params, args) void(*name) params;
    XLSX_FUNCTIONS(TABLE_ENTRY, TABLE_ENTRY_VOID)
#undef TABLE_ENTRY
#undef TABLE_ENTRY_VOID
} xlsx;
static pthread_once_t xlsx_once = PTHREAD_ONCE_INIT;

static void xlsx_load(void) {
    static const lazy_lib lib = {XLSX_LIBRARY, "libxlsxwriter", "libxlsxwriter4",
                                 "writing a spreadsheet (XLSX)"};
#define NAME(ret, name, params, args) #name,
#define NAME_VOID(name, params, args) #name,
    static const char *const names[] = {XLSX_FUNCTIONS(NAME, NAME_VOID)};
#undef NAME
#undef NAME_VOID
    void *found[OCOP_COUNT(names)];
    lazy_lib_load(&lib, names, found, OCOP_COUNT(names));
    size_t i = 0;
#define TAKE(ret, name, params, args) *(void **)&xlsx.name = found[i++];
#define TAKE_VOID(name, params, args) *(void **)&xlsx.name = found[i++];
    XLSX_FUNCTIONS(TAKE, TAKE_VOID)
#undef TAKE
#undef TAKE_VOID
}

#define DEFINE(ret, name, params, args)                                                            \
    ret name params {                                                                              \
        pthread_once(&xlsx_once, xlsx_load);                                                       \
        return xlsx.name args;                                                                     \
    }
#define DEFINE_VOID(name, params, args)                                                            \
    void name params {                                                                             \
        pthread_once(&xlsx_once, xlsx_load);                                                       \
        xlsx.name args;                                                                            \
    }
XLSX_FUNCTIONS(DEFINE, DEFINE_VOID)
