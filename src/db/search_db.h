/*
 * search_db.h: the kiosk's product search (accent-insensitive, prefix per word, filters), used
 * by the browse screen as the buyer types and by `ocop-kiosk search`.
 *
 * How it works: the query is folded exactly as the catalogue is (fold.h: case, diacritics,
 * đ → d, NFC or NFD alike) and cut into words; every word is a prefix ("mat ho" finds "Mật hoa
 * dừa"), and every word must be found somewhere in the product's name (vi or en), code,
 * producer, province/district or group names (migration 3: FTS5 tables over folded text, see
 * search_db_sql.h). When every word has three letters or more and word matches are few (under
 * 1,000), words are also looked for inside the words of the name, English name and code ("rang"
 * finds "Bánh tráng"): up to 500 such products, ranked after all word matches.
 * The user's text is only ever bound as a parameter and every word is quoted for FTS5, so
 * quotes, `*`, `NEAR`, `-`, `AND`, parentheses typed by a buyer are plain text.
 *
 * Ranking, best first: a product whose code is the query exactly; names (or codes) that start with
 * the first word and hold the others; names or codes that hold every word; English names that do;
 * every word somewhere (producer, province, district, group names too); words inside words. Within
 * a rank: more stars first, then the name's first four letters, then catalogue order (the browse
 * key, search_db_sql.h). An empty query lists everything by stars (best first), then name.
 */
#ifndef OCOP_SEARCH_DB_H
#define OCOP_SEARCH_DB_H

#include "core/picture.h"
#include "db/db.h"

#include <stdbool.h>
#include <stdint.h>

typedef struct search_filter {
    int min_stars;        /* 0 = any */
    const char *group;    /* English key or Vietnamese name; NULL = any */
    const char *province; /* province name (old or new, accents optional); NULL = any */
    /* false: a current province takes in the old ones merged into it ("Vĩnh Long" finds Trà
     * Vinh's products); true: only the place `province` names, as search_db_provinces lists it
     * ("Vĩnh Long" finds products filed under Vĩnh Long, however spelt, not Trà Vinh's). */
    bool province_as_shown;
} search_filter;

/* One result: what a product card in the grid shows. */
typedef struct product_card {
    int64_t id;
    char code[64];
    char name_vi[256];
    char name_en[256];
    int stars;
    char group[16];
    char producer[256];
    char province[64];
    char image[256];
    char picture[PICTURE_KIND_MAX]; /* the illustration kind picked from the names (picture.h);
                                       "" when none fits: the group's picture */
} product_card;

typedef struct search_results {
    int total;           /* all matches, whatever the limit */
    int count;           /* entries in items */
    product_card *items; /* owned; search_results_free */
} search_results;

/* Runs `query` (user text, any accents; NULL or "" lists everything) with `filter` (NULL = no
 * filter), ranked as described above. Returns `limit` results from `offset` (limit < 0: all).
 * An unknown group in the filter is an error naming it; an unknown province simply matches
 * nothing. Returns 0, or -1 with `err` set (*out is then empty). *out is overwritten (not
 * freed first); free it with search_results_free. */
int search_db_query(db *d, const char *query, const search_filter *filter, int offset, int limit,
                    search_results *out, ocop_error *err);
/* Frees the items and empties *r. Accepts an empty or zeroed struct. */
void search_results_free(search_results *r);

#define SEARCH_PROVINCE_NAME_MAX 64 /* bytes of a province name in search_db_provinces */

/* The provinces that have products, as the browse screen's picker offers them: the names their
 * cards show (an old, pre-2025 name stays old, as on the card), each place once however the
 * catalogue spells it ("Trà Vinh", "tra vinh" and "Tỉnh Trà Vinh" are one place, named by the
 * spelling most of its products have), in Vietnamese alphabetical order without the
 * administrative prefix ("Tỉnh Bến Tre" under B: province_collate).
 * Picking one is the filter {.province = name, .province_as_shown = true}. Writes at most
 * `max` names into `names` (caller's array; a name is cut at a UTF-8 boundary to fit) and
 * their number into *count (when there are more, the first `max` in that order). Returns 0, or
 * -1 with `err` set (*count is then 0). */
int search_db_provinces(db *d, char (*names)[SEARCH_PROVINCE_NAME_MAX], int max, int *count,
                        ocop_error *err);

/* The English group key (static string: "food", "beverages", "herbal", "textiles",
 * "handicrafts", "ornamental", "tourism") for `text`, which is a key or a Vietnamese group
 * name with or without accents ("Đồ uống", "do uong", "Dược liệu", "Lưu niệm – nội thất –
 * trang trí"). Returns NULL when `text` names no group. */
const char *search_db_group_key(const char *text);

/* Brings the search index up to date with the catalogue: products changed since the last call
 * (queued by triggers, from any connection) are folded and indexed; when most of the catalogue
 * changed, the whole index is rebuilt at once. search_db_query calls it first; call it after a
 * big import to pay the indexing there rather than at the first keystroke. Does nothing on a
 * read-only connection. Returns 0, or -1 with `err` set. */
int search_db_sync(db *d, ocop_error *err);

/* Rebuilds the whole search index from the product and producer tables in its own
 * transaction (after changes made without this program's fold(), for instance). */
int search_db_rebuild(db *d, ocop_error *err);

#endif
