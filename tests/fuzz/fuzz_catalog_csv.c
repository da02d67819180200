/*
 * fuzz_catalog_csv.c: libFuzzer harness for the catalogue import (catalog_db_check_text: the
 * CSV reader, every column's parser and the rows' checks, in a transaction that is rolled back).
 *
 * Any bytes as a catalogue file. It must not crash, leak or read out of bounds; it returns a
 * count or -1; an error leaves a report whose every line names the file ("fuzz.csv:LINE: ...")
 * and holds no raw control character (messages are escaped). Seeds: tests/fuzz/seeds/
 * fuzz_catalog_csv/. Build and run: `make fuzz` (clang).
 */
#include "fuzz_db_support.h"

#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Checks the report's lines; aborts on a bad one. */
static void check_report(const char *report, size_t len, const char *name, const char *other) {
    const char *p = report;
    while (p < report + len) {
        const char *end = memchr(p, '\n', (size_t)(report + len - p));
        size_t n = end ? (size_t)(end - p) : (size_t)(report + len - p);
        const char *line = p;
        if (strncmp(line, "warning: ", 9) == 0) {
            line += 9;
        }
        if (strncmp(line, name, strlen(name)) != 0 && strncmp(line, other, strlen(other)) != 0) {
            fprintf(stderr, "fuzz: a report line that does not name the file: %.*s\n", (int)n, p);
            abort();
        }
        for (size_t i = 0; i < n; i++) {
            unsigned char c = (unsigned char)p[i];
            if (c < 0x20 || c == 0x7f) {
                fprintf(stderr, "fuzz: a raw control byte 0x%02x in: %.*s\n", c, (int)n, p);
                abort();
            }
        }
        p += n + 1;
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    db *d = fuzz_db();
    char *report = NULL;
    size_t report_len = 0;
    FILE *f = open_memstream(&report, &report_len);
#ifdef FUZZ_CAPACITY
    catalog_db_text cat = {"base.csv", fuzz_catalogue, sizeof fuzz_catalogue - 1};
    catalog_db_text cap = {"fuzz.csv", (const char *)data, size};
    int rc = catalog_db_check_text(d, &cat, &cap, f, NULL);
#else
    catalog_db_text cat = {"fuzz.csv", (const char *)data, size};
    int rc = catalog_db_check_text(d, &cat, NULL, f, NULL);
#endif
    fclose(f);
    if (rc < -1) {
        fprintf(stderr, "fuzz: import returned %d\n", rc);
        abort();
    }
    check_report(report, report_len, "fuzz.csv:", "base.csv:");
    free(report);
    return 0;
}
