/* ui_catalog.c: the screens' product source, the database; see ui_catalog.h. */
#include "ui/ui_catalog.h"

#include "core/clock.h"

#include <stdlib.h>

struct ui_catalog {
    db *d;            /* not owned */
    double search_ms; /* the calling threads' CPU time in ui_catalog_search since creation */
};

ui_catalog *ui_catalog_from_db(db *d) {
    OCOP_ASSERT(d != NULL);
    ui_catalog *c = xcalloc(1, sizeof *c);
    c->d = d;
    return c;
}

void ui_catalog_destroy(ui_catalog *c) {
    free(c);
}

db *ui_catalog_db(const ui_catalog *c) {
    return c->d;
}

int ui_catalog_search(ui_catalog *c, const char *query, const search_filter *filter, int offset,
                      int limit, search_results *out, ocop_error *err) {
    double t0 = clock_thread_cpu_ms();
    int rc = search_db_query(c->d, query, filter, offset, limit, out, err);
    c->search_ms += clock_thread_cpu_ms() - t0;
    return rc;
}

double ui_catalog_search_ms(const ui_catalog *c) {
    return c->search_ms;
}

int ui_catalog_provinces(ui_catalog *c, char (*names)[SEARCH_PROVINCE_NAME_MAX], int max,
                         int *count, ocop_error *err) {
    return search_db_provinces(c->d, names, max, count, err);
}

void ui_catalog_results_free(ui_catalog *c, search_results *r) {
    (void)c;
    search_results_free(r);
}

int ui_catalog_get(ui_catalog *c, const char *code, product_record *out, ocop_error *err) {
    return catalog_db_get(c->d, code, out, err);
}

int ui_catalog_showcase(ui_catalog *c, int i, product_card *out, ocop_error *err) {
    search_filter f = {.min_stars = 4};
    search_results r;
    if (ui_catalog_search(c, NULL, &f, 0, 12, &r, err) != 0) {
        return -1;
    }
    int found = 0;
    if (r.count > 0) {
        *out = r.items[(i % r.count + r.count) % r.count];
        found = 1;
    }
    ui_catalog_results_free(c, &r);
    return found;
}
