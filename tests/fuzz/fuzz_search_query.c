/*
 * fuzz_search_query.c: libFuzzer harness for the search query builder (search_db_query: the
 * words split from the buyer's text and written into an FTS5 MATCH expression, then run on a
 * small catalogue).
 *
 * Any bytes as the query (up to the first NUL, as the kiosk's text field gives it), with the
 * first byte choosing a filter. The query must never fail (an FTS5 syntax error from the
 * buyer's text would be a finding), never crash, and never return more results than asked or
 * a total below what it returned. Seeds: tests/fuzz/seeds/fuzz_search_query/.
 */
#include "fuzz_db_support.h"

#include "db/search_db.h"

#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    db *d = fuzz_db();
    char *query = malloc(size + 1);
    memcpy(query, data, size);
    query[size] = '\0';
    search_filter filter = {0};
    const char *text = query;
    if (size > 0) {
        unsigned char pick = data[0];
        filter.min_stars = pick % 6;
        filter.group = (pick & 0x10) ? "food" : NULL;
        filter.province = (pick & 0x20) ? "Trà Vinh" : NULL;
        text = query + 1;
    }
    search_results r;
    ocop_error err;
    if (search_db_query(d, text, &filter, 0, 5, &r, &err) != 0) {
        fprintf(stderr, "fuzz_search_query: the query failed: %s\n", err.msg);
        abort();
    }
    if (r.count > 5 || r.total < r.count) {
        fprintf(stderr, "fuzz_search_query: %d results of total %lld\n", (int)r.count,
                (long long)r.total);
        abort();
    }
    search_results_free(&r);
    free(query);
    return 0;
}
