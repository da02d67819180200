/* search_db.c: the product search; see search_db.h. The index: search_db_sql.h (migrations 3, 6).
 */
#include "db/search_db.h"

#include "core/catalog.h"
#include "core/fold.h"
#include "core/picture.h"
#include "core/province.h"
#include "core/spell.h"
#include "core/strbuf.h"
#include "core/utf8.h"
#include "db/db_internal.h"
#include "db/search_db_sql.h"

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#define SEARCH_MAX_WORDS      12 /* more words than this are ignored (a kiosk query is short) */
#define SEARCH_MAX_WORD_BYTES 64 /* a longer "word" is cut (never inside a UTF-8 sequence) */
/* Words inside words are looked for only when word matches are fewer than this (with more,
 * the buyer has plenty, and excluding them would cost a set of that size), and at most
 * SEARCH_INSIDE_MAX of them are added. Both bound the work per keystroke. */
#define SEARCH_INSIDE_IF_FEWER 1000
#define SEARCH_INSIDE_MAX      500
/* Near-misses of the query's words (spell.h) are looked for only when the words as typed (and
 * their compounds and codes) match fewer products than this -- when nothing matches, as
 * Typesense does by default (typo_tokens_threshold 1): a buyer who gets what was typed is not
 * shown "rừng" for "rang", and the scan of the catalogue's words is skipped. Nor when the
 * words as typed find products that the filters (stars, group, province) leave out: words the
 * catalogue holds are not slips ("ruou" with the food group finds nothing, not "rau"). At most
 * SEARCH_TYPOS_PER_WORD catalogue words (the nearest) stand in for one query word. */
#define SEARCH_TYPOS_IF_FEWER 1
#define SEARCH_TYPOS_PER_WORD 8
/* A word written as two (`cacao` for "ca cao") is tried at most this many ways. */
#define SEARCH_SPLITS_PER_WORD 3

/* ---- groups and provinces ------------------------------------------------------------------ */

const char *search_db_group_key(const char *text) {
    return text ? catalog_group_key(text) : NULL;
}

/* Does a producer's province `stored` satisfy the filter `wanted`? Both go through
 * province_find (old or new names, accents optional, "TP." and the like). A current name takes
 * in the old provinces merged into it; an old name takes itself and producers filed under its
 * current unit (a catalogue may already say "Vĩnh Long" for a Trà Vinh producer), not its
 * merged siblings. `as_shown`: only the place `wanted` names, however it is spelt (the browse
 * screen's picker lists names as cards show them). Names the table does not know match when
 * they fold to the same text. */
static bool province_accepts(const char *wanted, const char *stored, bool as_shown) {
    province_place w, s;
    bool known_w = province_find(wanted, &w), known_s = province_find(stored, &s);
    if (!known_w || !known_s) {
        char *a = fold_text(wanted), *b = fold_text(stored);
        bool same = strcmp(str_trim(a), str_trim(b)) == 0;
        free(a);
        free(b);
        return same;
    }
    if (w.unit != s.unit) {
        return false;
    }
    if (as_shown) {
        return strcmp(w.name, s.name) == 0;
    }
    return !w.is_old || !s.is_old || strcmp(w.name, s.name) == 0;
}

/* Which place a card's province `stored` names, as a key (caller frees): the table's spelling
 * of the place ("Trà Vinh" for "Tỉnh Trà Vinh" or "tra vinh"), or the folded text when the
 * table does not know it. Two spellings of one place give the same key. */
static char *place_key(const char *stored) {
    province_place p;
    if (province_find(stored, &p)) {
        return xstrdup(p.name);
    }
    char *folded = fold_text(stored);
    char *key = xstrdup(str_trim(folded));
    free(folded);
    return key;
}

/* A list of strings (owned). */
typedef struct string_list {
    char **items;
    int n;
} string_list;

static void string_list_free(string_list *l) {
    for (int i = 0; i < l->n; i++) {
        free(l->items[i]);
    }
    free(l->items);
    *l = (string_list){0};
}

static int compare_province_names(const void *a, const void *b) {
    return province_collate(*(char *const *)a, *(char *const *)b);
}

int search_db_provinces(db *d, char (*names)[SEARCH_PROVINCE_NAME_MAX], int max, int *count,
                        ocop_error *err) {
    /* The spellings with most products first: the one a place's cards mostly show names it. */
    static const char sql[] = "SELECT pr.province FROM producer pr JOIN product p"
                              " ON p.producer_id = pr.id GROUP BY pr.province"
                              " ORDER BY count(*) DESC, pr.province";
    *count = 0;
    sqlite3_stmt *st = db_prepare(d, sql, err);
    if (!st) {
        return -1;
    }
    /* Every place once, by its key, named as written (trimmed). */
    string_list shown = {0}, keys = {0};
    int rc;
    while ((rc = db_step(d, st, err)) == SQLITE_ROW) {
        const char *stored = (const char *)sqlite3_column_text(st, 0);
        if (!stored || str_blank(stored)) {
            continue;
        }
        char *key = place_key(stored);
        bool seen = false;
        for (int i = 0; i < keys.n && !seen; i++) {
            seen = strcmp(keys.items[i], key) == 0;
        }
        if (seen) {
            free(key);
            continue;
        }
        keys.items = xreallocarray(keys.items, (size_t)keys.n + 1, sizeof *keys.items);
        keys.items[keys.n++] = key;
        shown.items = xreallocarray(shown.items, (size_t)shown.n + 1, sizeof *shown.items);
        char *name = xstrdup(stored);
        shown.items[shown.n++] = xstrdup(str_trim(name));
        free(name);
    }
    sqlite3_reset(st);
    if (rc == SQLITE_DONE) {
        if (shown.n > 0) {
            qsort(shown.items, (size_t)shown.n, sizeof *shown.items, compare_province_names);
        }
        for (int i = 0; i < shown.n && i < max; i++) {
            str_copy(names[(*count)++], SEARCH_PROVINCE_NAME_MAX, shown.items[i]);
        }
    }
    string_list_free(&shown);
    string_list_free(&keys);
    return rc == SQLITE_DONE ? 0 : -1;
}

/* The producers' province spellings that satisfy `wanted` into *out. Distinct spellings are
 * few (tens), and the producer_province index makes reading them cheap. Returns 0 or -1. */
static int province_spellings(db *d, const char *wanted, bool as_shown, string_list *out,
                              ocop_error *err) {
    static const char sql[] = "SELECT DISTINCT province FROM producer";
    *out = (string_list){0};
    sqlite3_stmt *st = db_prepare(d, sql, err);
    if (!st) {
        return -1;
    }
    int rc;
    while ((rc = db_step(d, st, err)) == SQLITE_ROW) {
        const char *stored = (const char *)sqlite3_column_text(st, 0);
        if (stored && province_accepts(wanted, stored, as_shown)) {
            out->items = xreallocarray(out->items, (size_t)out->n + 1, sizeof *out->items);
            out->items[out->n++] = xstrdup(stored);
        }
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        string_list_free(out);
        return -1;
    }
    return 0;
}

/* The spellings as a JSON array (caller frees), for `IN (SELECT value FROM json_each(…))`. */
static char *string_list_json(const string_list *l) {
    cJSON *list = cJSON_CreateArray();
    OCOP_ASSERT(list);
    for (int i = 0; i < l->n; i++) {
        cJSON_AddItemToArray(list, cJSON_CreateString(l->items[i]));
    }
    char *json = cJSON_PrintUnformatted(list);
    OCOP_ASSERT(json);
    cJSON_Delete(list);
    return json;
}

/* ---- the query ----------------------------------------------------------------------------- */

typedef struct query_words {
    int n;
    char word[SEARCH_MAX_WORDS][SEARCH_MAX_WORD_BYTES];
} query_words;

/* A code point that unicode61 keeps inside a token: letters, numbers, private use. */
static bool is_word_char(int32_t cp) {
    if (cp < 0x80) {
        return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
    }
    utf8proc_category_t c = utf8proc_category(cp);
    return (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO) ||
           (c >= UTF8PROC_CATEGORY_ND && c <= UTF8PROC_CATEGORY_NO) || c == UTF8PROC_CATEGORY_CO;
}

/* Folds the user's text and cuts it into words the way the index was (unicode61 on folded
 * text), so that every word is letters and digits only and can be quoted safely. */
static void split_words(const char *query, query_words *out) {
    out->n = 0;
    if (!query) {
        return;
    }
    char *folded = fold_text(query); /* valid UTF-8: fold sanitises */
    const char *p = folded;
    size_t left = strlen(folded);
    char *cur = NULL;
    size_t cur_len = 0;
    while (left > 0) {
        int32_t cp;
        size_t used = utf8_decode(p, left, &cp);
        OCOP_ASSERT(used > 0);
        if (is_word_char(cp)) {
            if (!cur && out->n < SEARCH_MAX_WORDS) {
                cur = out->word[out->n++];
                cur_len = 0;
                cur[0] = '\0';
            }
            if (cur && cur_len + used < SEARCH_MAX_WORD_BYTES) {
                memcpy(cur + cur_len, p, used);
                cur_len += used;
                cur[cur_len] = '\0';
            }
        } else {
            cur = NULL;
        }
        p += used;
        left -= used;
    }
    free(folded);
}

/* Appends the words of `words` whose length in characters is within [min_chars, max_chars]
 * (max_chars < 0: no bound), each quoted (split_words keeps letters and digits only, so a word
 * holds no '"'), with `*` when `prefix`, separated by spaces (FTS5's implicit AND). Returns the
 * number of words appended. */
static int append_words(strbuf *sb, const query_words *words, bool prefix, int min_chars,
                        int max_chars) {
    int used = 0;
    for (int i = 0; i < words->n; i++) {
        int chars = (int)utf8_length(words->word[i]);
        if (chars < min_chars || (max_chars >= 0 && chars > max_chars)) {
            continue;
        }
        OCOP_ASSERT(!strchr(words->word[i], '"'));
        sb_appendf(sb, "%s\"%s\"%s", used ? " " : "", words->word[i], prefix ? "*" : "");
        used++;
    }
    return used;
}

/* ---- other spellings of the query's words ------------------------------------------------ */

/* The other ways a query word may be found, all as FTS5 phrases of folded words:
 * - `split`: the word cut in two words of the catalogue ("cacao" → "ca cao", "banhtrang" →
 *   "banh trang"), or cut where letters meet digits ("tv049" → "tv 049", as the index holds a
 *   code "TV-049"): each a phrase, its last word a prefix;
 * - `joined`: this word and the next written together are (the start of) a word of the
 *   catalogue ("ca cao" → "cacao");
 * - `typo`: words of the catalogue near this one (spell.h), nearest first, each exact. */
typedef struct word_alts {
    char split[SEARCH_SPLITS_PER_WORD][SEARCH_MAX_WORD_BYTES + 2];
    int n_split;
    char joined[2 * SEARCH_MAX_WORD_BYTES];
    char typo[SEARCH_TYPOS_PER_WORD][SEARCH_MAX_WORD_BYTES];
    int n_typo;
} word_alts;

/* 1 when the catalogue has the word `word` (or, with `prefix`, a word starting with it), 0
 * when not, -1 on error. */
static int vocab_has(db *d, const char *word, bool prefix, ocop_error *err) {
    static const char exact_sql[] = "SELECT 1 FROM search_vocab WHERE word = :w";
    /* U+10FFFF's UTF-8 sorts after every continuation a word can have. */
    static const char prefix_sql[] = "SELECT 1 FROM search_vocab WHERE word >= :w"
                                     " AND word < :w || char(1114111) LIMIT 1";
    sqlite3_stmt *st = db_prepare(d, prefix ? prefix_sql : exact_sql, err);
    if (!st) {
        return -1;
    }
    db_bind_text(st, ":w", word);
    int rc = db_step(d, st, err);
    sqlite3_reset(st);
    return rc == -1 ? -1 : rc == SQLITE_ROW;
}

static bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

/* Fills the splits and the join of every word (the typos come later, only when needed).
 * Returns 0 or -1. */
static int find_splits(db *d, const query_words *words, word_alts *alts, ocop_error *err) {
    for (int i = 0; i < words->n; i++) {
        const char *w = words->word[i];
        word_alts *a = &alts[i];
        size_t len = strlen(w);
        bool letters = false, digits = false, ascii = true;
        for (size_t k = 0; k < len; k++) {
            letters |= !is_digit(w[k]);
            digits |= is_digit(w[k]);
            ascii &= (unsigned char)w[k] < 0x80;
        }
        if (!ascii) {
            continue;
        }
        if (letters && digits) { /* a code: cut wherever letters and digits meet */
            char *out = a->split[a->n_split++];
            size_t o = 0;
            for (size_t k = 0; k < len; k++) {
                if (k > 0 && is_digit(w[k]) != is_digit(w[k - 1])) {
                    out[o++] = ' ';
                }
                out[o++] = w[k];
            }
            out[o] = '\0';
            continue;
        }
        if (digits) {
            continue;
        }
        /* Two words of two letters or more, the first whole, the second a prefix. */
        for (size_t cut = 2; cut + 2 <= len && a->n_split < SEARCH_SPLITS_PER_WORD; cut++) {
            char left[SEARCH_MAX_WORD_BYTES];
            memcpy(left, w, cut);
            left[cut] = '\0';
            int has = vocab_has(d, left, false, err);
            if (has == 1) {
                has = vocab_has(d, w + cut, true, err);
            }
            if (has < 0) {
                return -1;
            }
            if (has) {
                str_format(a->split[a->n_split++], sizeof a->split[0], "%s %s", left, w + cut);
            }
        }
        if (i + 1 < words->n) {
            str_format(a->joined, sizeof a->joined, "%s%s", w, words->word[i + 1]);
            int has = vocab_has(d, a->joined, true, err);
            if (has < 0) {
                return -1;
            }
            if (!has) {
                a->joined[0] = '\0';
            }
        }
    }
    return 0;
}

/* Fills the typos of every word from the catalogue's words. Returns the number of words that
 * got some, or -1. */
static int find_typos(db *d, const query_words *words, word_alts *alts, ocop_error *err) {
    static const char sql[] = "SELECT word FROM search_vocab";
    int budget[SEARCH_MAX_WORDS], dist[SEARCH_MAX_WORDS][SEARCH_TYPOS_PER_WORD];
    bool any = false;
    for (int i = 0; i < words->n; i++) {
        budget[i] = spell_budget(utf8_length(words->word[i]));
        any |= budget[i] > 0;
    }
    if (!any) {
        return 0;
    }
    sqlite3_stmt *st = db_prepare(d, sql, err);
    if (!st) {
        return -1;
    }
    int rc;
    while ((rc = db_step(d, st, err)) == SQLITE_ROW) {
        const char *v = (const char *)sqlite3_column_text(st, 0);
        if (!v || strlen(v) >= SEARCH_MAX_WORD_BYTES) {
            continue;
        }
        for (int i = 0; i < words->n; i++) {
            if (budget[i] == 0) {
                continue;
            }
            /* Every query word is a prefix: the distance is to the nearest start of v. */
            int dv = spell_distance(words->word[i], v, budget[i], true);
            if (dv == 0 || dv > budget[i]) {
                continue; /* the word as typed finds v already, or v is too far */
            }
            word_alts *a = &alts[i];
            /* Insert by distance, keeping the nearest SEARCH_TYPOS_PER_WORD. */
            int at = a->n_typo;
            while (at > 0 && dist[i][at - 1] > dv) {
                at--;
            }
            if (at >= SEARCH_TYPOS_PER_WORD) {
                continue;
            }
            int last = a->n_typo < SEARCH_TYPOS_PER_WORD ? a->n_typo : SEARCH_TYPOS_PER_WORD - 1;
            for (int k = last; k > at; k--) {
                dist[i][k] = dist[i][k - 1];
                memcpy(a->typo[k], a->typo[k - 1], sizeof a->typo[k]);
            }
            dist[i][at] = dv;
            str_copy(a->typo[at], sizeof a->typo[at], v);
            if (a->n_typo < SEARCH_TYPOS_PER_WORD) {
                a->n_typo++;
            }
        }
    }
    sqlite3_reset(st);
    if (rc == -1) {
        return -1;
    }
    int with = 0;
    for (int i = 0; i < words->n; i++) {
        with += alts[i].n_typo > 0;
    }
    return with;
}

/* Appends word i as an FTS5 expression: the word as typed (a prefix) or any of its other
 * spellings, `^` before each when `anchored` (the column must start with it), typos only with
 * `typos`. Words hold letters and digits only (split_words), so quoting is safe. */
static void append_word(strbuf *sb, const query_words *words, const word_alts *alts, int i,
                        bool anchored, bool typos) {
    const word_alts *a = &alts[i];
    const char *hat = anchored ? "^" : "";
    int n = 1 + a->n_split + (typos ? a->n_typo : 0);
    OCOP_ASSERT(!strchr(words->word[i], '"'));
    sb_appendf(sb, "%s%s\"%s\"*", n > 1 ? "(" : "", hat, words->word[i]);
    for (int k = 0; k < a->n_split; k++) {
        sb_appendf(sb, " OR %s\"%s\"*", hat, a->split[k]);
    }
    for (int k = 0; typos && k < a->n_typo; k++) {
        sb_appendf(sb, " OR %s\"%s\"", hat, a->typo[k]);
    }
    if (n > 1) {
        sb_append(sb, ")");
    }
}

/* Appends every word (all must match), a pair written together as one word as an
 * alternative to the two ("ca cao" is also "cacao"*); `anchored`: the first word starts the
 * column. */
static void append_query(strbuf *sb, const query_words *words, const word_alts *alts, bool anchored,
                         bool typos) {
    for (int i = 0; i < words->n; i++) {
        if (i > 0) {
            sb_append(sb, " AND "); /* FTS5's implicit AND joins phrases only, not groups */
        }
        bool hat = anchored && i == 0;
        if (alts[i].joined[0] && i + 1 < words->n) {
            sb_append(sb, "((");
            append_word(sb, words, alts, i, hat, typos);
            sb_append(sb, " AND ");
            append_word(sb, words, alts, i + 1, false, typos);
            sb_appendf(sb, ") OR %s\"%s\"*)", hat ? "^" : "", alts[i].joined);
            i++;
        } else {
            append_word(sb, words, alts, i, hat, typos);
        }
    }
}

/* The filter part of an FTS5 expression: the group key (a token only that group's words hold)
 * and the province spellings as phrases of their folded words. "" when there is no filter. */
static void build_filter(strbuf *sb, const char *group, const string_list *provinces) {
    if (group) {
        OCOP_ASSERT(!strchr(group, '"'));
        sb_appendf(sb, "{grp} : \"%s\"", group);
    }
    if (provinces && provinces->n > 0) {
        sb_appendf(sb, "%s{province} : (", sb->len ? " AND " : "");
        int phrases = 0;
        for (int i = 0; i < provinces->n; i++) {
            query_words w;
            split_words(provinces->items[i], &w);
            if (w.n == 0) {
                continue;
            }
            sb_append(sb, phrases++ ? " OR \"" : "\"");
            for (int j = 0; j < w.n; j++) {
                sb_appendf(sb, "%s%s", j ? " " : "", w.word[j]);
            }
            sb_append(sb, "\"");
        }
        if (phrases == 0) {
            sb_append(sb, "\"\"");
        }
        sb_append(sb, ")");
    }
}

/* The filter conditions of the no-text listing (p = product). */
#define FILTER_SQL                                                                                 \
    " p.stars >= :min_stars AND (:grp IS NULL OR p.grp = :grp)"                                    \
    " AND (:provinces IS NULL OR p.producer_id IN (SELECT id FROM producer WHERE province IN"      \
    "      (SELECT value FROM json_each(:provinces))))"

#define CARD_COLUMNS                                                                               \
    "p.id, p.code, p.name_vi, coalesce(p.name_en, ''), p.stars, p.grp, pr.name, pr.province,"      \
    " coalesce(p.image, '')"

static void bind_filter(sqlite3_stmt *st, int min_stars, const char *group, const char *provinces) {
    db_bind_int64(st, ":min_stars", min_stars);
    db_bind_text(st, ":grp", group);
    db_bind_text(st, ":provinces", provinces);
}

/* Fills *c from a row of CARD_COLUMNS. Over-long text is cut at a UTF-8 boundary (str_copy). */
static void read_card(sqlite3_stmt *st, product_card *c) {
    memset(c, 0, sizeof *c);
    c->id = sqlite3_column_int64(st, 0);
    db_column_copy(st, 1, c->code, sizeof c->code);
    db_column_copy(st, 2, c->name_vi, sizeof c->name_vi);
    db_column_copy(st, 3, c->name_en, sizeof c->name_en);
    c->stars = sqlite3_column_int(st, 4);
    db_column_copy(st, 5, c->group, sizeof c->group);
    db_column_copy(st, 6, c->producer, sizeof c->producer);
    db_column_copy(st, 7, c->province, sizeof c->province);
    db_column_copy(st, 8, c->image, sizeof c->image);
    const char *kind = picture_pick(c->name_vi, c->name_en);
    str_copy(c->picture, sizeof c->picture, kind ? kind : "");
}

/* No text: everything that passes the filter (`provinces`: a JSON array of spellings, or
 * NULL), best first; the product_browse index gives the order, so a page costs no sort. */
static int list_all(db *d, int min_stars, const char *group, const char *provinces, int offset,
                    int limit, search_results *out, ocop_error *err) {
    static const char count_sql[] = "SELECT count(*) FROM product p WHERE" FILTER_SQL;
    static const char page_sql[] =
        "SELECT " CARD_COLUMNS " FROM product p JOIN producer pr ON pr.id = p.producer_id"
        " WHERE" FILTER_SQL " ORDER BY p.stars DESC, p.name_folded, p.id"
        " LIMIT :limit OFFSET :offset";
    /* Without a filter, SQLite counts the rows of the smallest index without reading them. */
    static const char count_all_sql[] = "SELECT count(*) FROM product";
    bool filtered = min_stars > 1 || group || provinces;
    sqlite3_stmt *st = db_prepare(d, filtered ? count_sql : count_all_sql, err);
    if (!st) {
        return -1;
    }
    if (filtered) {
        bind_filter(st, min_stars, group, provinces);
    }
    if (db_step(d, st, err) != SQLITE_ROW) {
        return -1;
    }
    out->total = sqlite3_column_int(st, 0);
    sqlite3_reset(st);

    int want = limit < 0 ? out->total : limit;
    if (want <= 0 || offset >= out->total) {
        return 0;
    }
    if (want > out->total - offset) {
        want = out->total - offset;
    }
    st = db_prepare(d, page_sql, err);
    if (!st) {
        return -1;
    }
    bind_filter(st, min_stars, group, provinces);
    db_bind_int64(st, ":limit", want);
    db_bind_int64(st, ":offset", offset);
    out->items = xcalloc((size_t)want, sizeof *out->items);
    int rc = SQLITE_DONE;
    while (out->count < want && (rc = db_step(d, st, err)) == SQLITE_ROW) {
        read_card(st, &out->items[out->count++]);
    }
    sqlite3_reset(st);
    return rc == -1 ? -1 : 0;
}

/* Browse keys (search_db_sql.h). */
#define KEY_ID_BITS     38
#define KEY_STARS_SHIFT 58

static int64_t key_product_id(int64_t key) {
    return key & ((INT64_C(1) << KEY_ID_BITS) - 1);
}

/* The keys of products with at least `min_stars` stars are those below this bound. */
static int64_t stars_bound(int min_stars) {
    if (min_stars <= 1) {
        return INT64_MAX;
    }
    if (min_stars > 5) {
        return 0;
    }
    return (int64_t)(5 - min_stars + 1) << KEY_STARS_SHIFT;
}

/* The statements, all over the FTS5 index in browse-key order. */
static const char count_sql[] =
    "SELECT count(*) FROM product_fts WHERE product_fts MATCH :match AND rowid < :below";
static const char list_sql[] =
    "SELECT rowid FROM product_fts WHERE product_fts MATCH :match AND rowid < :below"
    " ORDER BY rowid LIMIT :limit OFFSET :offset";
static const char has_sql[] =
    "SELECT count(*) FROM product_fts WHERE product_fts MATCH :match AND rowid = :key";
static const char code_sql[] =
    "SELECT d.key FROM product p JOIN search_doc d ON d.product_id = p.id"
    " WHERE p.code = :code OR p.code = upper(:code) ORDER BY p.code = :code DESC LIMIT 1";
/* Words inside words: substrings of the folded name/English name/code (trigrams) that are not
 * already word matches; the group and province filters on the product (these rows are few). */
static const char inside_sql[] =
    "SELECT t.rowid FROM product_tri t JOIN product p ON p.id = (t.rowid & 274877906943)"
    " WHERE product_tri MATCH :tri AND t.rowid < :below"
    " AND t.rowid NOT IN (SELECT rowid FROM product_fts WHERE product_fts MATCH :match)"
    " AND" FILTER_SQL " ORDER BY t.rowid LIMIT :limit";

/* count(*) of `match` with rowid below `below`; -1 on error. */
static int64_t fts_count(db *d, const char *match, int64_t below, ocop_error *err) {
    sqlite3_stmt *st = db_prepare(d, count_sql, err);
    if (!st) {
        return -1;
    }
    db_bind_text(st, ":match", match);
    db_bind_int64(st, ":below", below);
    int64_t n = db_step(d, st, err) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
    sqlite3_reset(st);
    return n;
}

/* The number of products matching `match` (whatever their stars), counted up to `cap` only:
 * FTS5 stops there. -1 on error. */
static int64_t fts_count_upto(db *d, const char *match, int64_t cap, ocop_error *err) {
    static const char upto_sql[] = "SELECT count(*) FROM (SELECT 1 FROM product_fts"
                                   " WHERE product_fts MATCH :match LIMIT :cap)";
    sqlite3_stmt *st = db_prepare(d, upto_sql, err);
    if (!st) {
        return -1;
    }
    db_bind_text(st, ":match", match);
    db_bind_int64(st, ":cap", cap);
    int64_t n = db_step(d, st, err) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
    sqlite3_reset(st);
    return n;
}

/* 1 when the key `key` matches `match`, 0 when not, -1 on error. */
static int fts_has(db *d, const char *match, int64_t key, ocop_error *err) {
    sqlite3_stmt *st = db_prepare(d, has_sql, err);
    if (!st) {
        return -1;
    }
    db_bind_text(st, ":match", match);
    db_bind_int64(st, ":key", key);
    int n = db_step(d, st, err) == SQLITE_ROW ? (sqlite3_column_int(st, 0) > 0) : -1;
    sqlite3_reset(st);
    return n;
}

/* A growable list of keys. */
typedef struct key_list {
    int64_t *items;
    int n, cap;
} key_list;

static void keys_add(key_list *l, int64_t key) {
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 64;
        l->items = xreallocarray(l->items, (size_t)l->cap, sizeof *l->items);
    }
    l->items[l->n++] = key;
}

/* Appends up to `n` keys of `match` (below `below`) from position `from` to `page`, leaving
 * out `skip`. Returns the number appended (fewer than n: the list ran out), or -1. */
static int64_t list_keys(db *d, const char *match, int64_t below, int64_t from, int64_t n,
                         int64_t skip, key_list *page, ocop_error *err) {
    sqlite3_stmt *st = db_prepare(d, list_sql, err);
    if (!st) {
        return -1;
    }
    db_bind_text(st, ":match", match);
    db_bind_int64(st, ":below", below);
    db_bind_int64(st, ":limit", n < 0 ? -1 : n + 1); /* one more in case `skip` is among them */
    db_bind_int64(st, ":offset", from);
    int rc = SQLITE_DONE;
    int64_t taken = 0;
    while ((n < 0 || taken < n) && (rc = db_step(d, st, err)) == SQLITE_ROW) {
        int64_t key = sqlite3_column_int64(st, 0);
        if (key != skip) {
            keys_add(page, key);
            taken++;
        }
    }
    sqlite3_reset(st);
    return rc == -1 ? -1 : taken;
}

/* Text search (ranks in search_db.h). Each rank is read from the index in browse-key order and
 * the reading stops when the page is full, so the first page costs its own rows plus one count
 * (the total) and one look at level 2 (empty: ranks 0 to 2 are not read), however many products
 * match; later pages count the ranks they skip.
 *
 * The ranks are differences of nested expressions: level 0 (the name or code starts with the
 * first word and holds the others) ⊂ level 1 (name or code) ⊂ level 2 (also the English name)
 * ⊂ level 3 (the same, near-misses of the words too) ⊂ level 4 (level 3, or the words as
 * typed anywhere: producer, province, district, group names);
 * rank k is level k NOT level k-1. Every level takes a word's other spellings (compounds,
 * codes: word_alts); near-misses are looked for only when the words as typed match few
 * products, filters or not (SEARCH_TYPOS_IF_FEWER), else levels 3 and 4 are levels 2 and
 * "anywhere" without them. Rank 5, words inside words, is read whole, and only when every word has
 * three letters or more (trigrams need three) and word matches are few (SEARCH_INSIDE_IF_FEWER). */
enum { LEVELS = 5, LEVEL_TYPOS = 3 };

typedef struct text_search {
    db *d;
    int64_t below;               /* browse-key bound for the stars filter */
    strbuf level[LEVELS];        /* FTS5 expressions, filters included */
    strbuf rank[LEVELS];         /* level k NOT level k-1 */
    int64_t level_count[LEVELS]; /* -1 until counted */
    int64_t hit;                 /* key of the product whose code is the query, or -1 */
    int hit_rank;
} text_search;

static int64_t level_count(text_search *t, int k, ocop_error *err) {
    if (k < 0) {
        return 0;
    }
    if (t->level_count[k] < 0) {
        t->level_count[k] = fts_count(t->d, sb_str(&t->level[k]), t->below, err);
    }
    return t->level_count[k];
}

/* Rank k's size without the code hit; -1 on error. */
static int64_t rank_count(text_search *t, int k, ocop_error *err) {
    int64_t upper = level_count(t, k, err);
    int64_t lower = upper < 0 ? -1 : level_count(t, k - 1, err);
    if (lower < 0) {
        return -1;
    }
    return upper - lower - (t->hit >= 0 && t->hit_rank == k ? 1 : 0);
}

/* The key of the product whose code is `query` when it passes the search and its filters, with
 * its rank; -1 when none. Returns 0 or -1 on error. */
static int find_code_hit(text_search *t, const char *query, ocop_error *err) {
    t->hit = -1;
    char code[SEARCH_MAX_WORD_BYTES * 2];
    if (!str_copy(code, sizeof code, query)) {
        return 0; /* longer than any code */
    }
    str_trim(code);
    sqlite3_stmt *st = db_prepare(t->d, code_sql, err);
    if (!st) {
        return -1;
    }
    db_bind_text(st, ":code", code);
    int rc = db_step(t->d, st, err);
    int64_t key = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
    sqlite3_reset(st);
    if (rc == -1) {
        return -1;
    }
    if (key < 0 || key >= t->below) {
        return 0;
    }
    for (int k = 0; k < LEVELS; k++) {
        int has = fts_has(t->d, sb_str(&t->level[k]), key, err);
        if (has < 0) {
            return -1;
        }
        if (has) {
            t->hit = key;
            t->hit_rank = k;
            return 0;
        }
    }
    return 0; /* filtered out */
}

/* Appends to `page` entries [from, from + n) of rank k (n < 0: all), the code hit left out. */
static int rank_page(text_search *t, int k, int64_t from, int64_t n, key_list *page,
                     ocop_error *err) {
    int64_t sql_from = from;
    if (t->hit >= 0 && t->hit_rank == k && from > 0) {
        /* Positions after the hit move up by one in the SQL list: where is it? */
        int64_t at = fts_count(t->d, sb_str(&t->level[k]), t->hit, err);
        int64_t before = k == 0 ? 0 : fts_count(t->d, sb_str(&t->level[k - 1]), t->hit, err);
        if (at < 0 || before < 0) {
            return -1;
        }
        if (at - before <= from) {
            sql_from++;
        }
    }
    return list_keys(t->d, sb_str(&t->rank[k]), t->below, sql_from, n, t->hit, page, err) < 0 ? -1
                                                                                              : 0;
}

static int find_text(db *d, const char *query, const query_words *words, int min_stars,
                     const char *group, const string_list *provinces, int offset, int limit,
                     search_results *out, ocop_error *err) {
    text_search t = {.d = d, .below = stars_bound(min_stars), .hit = -1};
    strbuf filter = {0}, w = {0}, w_first = {0}, tri = {0};
    strbuf unfiltered = {0}; /* level 4 without the filters */
    key_list page = {0}, inside = {0};
    word_alts *alts = xcalloc((size_t)words->n, sizeof *alts);
    int status = -1;

    build_filter(&filter, group, provinces);
    const char *and_filter = filter.len ? " AND " : "";
    if (find_splits(d, words, alts, err) != 0) {
        goto done;
    }
    append_query(&w, words, alts, false, false);
    append_query(&w_first, words, alts, true, false);
    sb_appendf(&t.level[0], "{name code} : (%s)%s%s", sb_str(&w_first), and_filter,
               sb_str(&filter));
    sb_appendf(&t.level[1], "{name code} : (%s)%s%s", sb_str(&w), and_filter, sb_str(&filter));
    sb_appendf(&t.level[2], "{name name_en code} : (%s)%s%s", sb_str(&w), and_filter,
               sb_str(&filter));
    sb_append(&t.level[3], sb_str(&t.level[2]));
    sb_appendf(&t.level[4], "(%s)%s%s", sb_str(&w), and_filter, sb_str(&filter));
    for (int k = 0; k < LEVELS; k++) {
        t.level_count[k] = -1;
    }
    if (level_count(&t, LEVELS - 1, err) < 0) {
        goto done;
    }
    /* Near-misses and words inside words depend on the word matches without the filters (a
     * filter only narrows the list): counted, when filtered, only as far as the thresholds
     * they are compared with (SEARCH_INSIDE_IF_FEWER when words inside words are possible). */
    bool filtered = filter.len > 0 || t.below != INT64_MAX;
    bool has_inside = append_words(&tri, words, false, 3, -1) == words->n;
    int64_t unfiltered_cap = has_inside ? SEARCH_INSIDE_IF_FEWER : SEARCH_TYPOS_IF_FEWER;
    sb_appendf(&unfiltered, "(%s)", sb_str(&w));
    int64_t unfiltered_n = t.level_count[LEVELS - 1];
    if (filtered && unfiltered_n < unfiltered_cap) {
        unfiltered_n = fts_count_upto(d, sb_str(&unfiltered), unfiltered_cap, err);
        if (unfiltered_n < 0) {
            goto done;
        }
    }
    bool typos = false;
    if (unfiltered_n < SEARCH_TYPOS_IF_FEWER) {
        int with = find_typos(d, words, alts, err);
        if (with < 0) {
            goto done;
        }
        typos = with > 0;
    }
    if (typos) {
        strbuf f = {0};
        append_query(&f, words, alts, false, true);
        sb_reset(&t.level[3]);
        sb_reset(&t.level[4]);
        sb_reset(&unfiltered);
        sb_appendf(&t.level[3], "{name name_en code} : (%s)%s%s", sb_str(&f), and_filter,
                   sb_str(&filter));
        /* Near-misses count in product names and codes only: a slip that happens to match a
         * producer's, place's or group's word is noise. */
        sb_appendf(&unfiltered, "(({name name_en code} : (%s)) OR (%s))", sb_str(&f), sb_str(&w));
        sb_appendf(&t.level[4], "%s%s%s", sb_str(&unfiltered), and_filter, sb_str(&filter));
        sb_free(&f);
        t.level_count[LEVELS - 1] = -1;
        if (level_count(&t, LEVELS - 1, err) < 0) {
            goto done;
        }
        unfiltered_n = filtered ? fts_count_upto(d, sb_str(&unfiltered), unfiltered_cap, err)
                                : t.level_count[LEVELS - 1];
        if (unfiltered_n < 0) {
            goto done;
        }
    }
    for (int k = 0; k < LEVELS; k++) {
        if (k == 0) {
            sb_append(&t.rank[k], sb_str(&t.level[k]));
        } else {
            sb_appendf(&t.rank[k], "(%s) NOT (%s)", sb_str(&t.level[k]), sb_str(&t.level[k - 1]));
        }
    }

    if (find_code_hit(&t, query, err) != 0) {
        goto done;
    }
    if (has_inside && unfiltered_n < SEARCH_INSIDE_IF_FEWER) {
        sqlite3_stmt *st = db_prepare(d, inside_sql, err);
        if (!st) {
            goto done;
        }
        db_bind_text(st, ":tri", sb_str(&tri));
        db_bind_int64(st, ":below", t.below);
        /* Word matches whatever the filters: fewer than SEARCH_INSIDE_IF_FEWER, and they take
         * out most trigram rows before the product is read for the filters. */
        db_bind_text(st, ":match", sb_str(&unfiltered));
        db_bind_int64(st, ":min_stars", 0); /* the key bound did it */
        db_bind_int64(st, ":limit", SEARCH_INSIDE_MAX);
        db_bind_text(st, ":grp", group);
        char *json = provinces ? string_list_json(provinces) : NULL;
        db_bind_text(st, ":provinces", json);
        free(json);
        int rc;
        while ((rc = db_step(d, st, err)) == SQLITE_ROW) {
            keys_add(&inside, sqlite3_column_int64(st, 0));
        }
        sqlite3_reset(st);
        if (rc == -1) {
            goto done;
        }
    }
    int64_t total = t.level_count[LEVELS - 1] + inside.n;
    out->total = total > INT32_MAX ? INT32_MAX : (int)total;

    /* The page: the code hit, ranks 0 to 3, then the inside-word rank. `skip` is how many of
     * the page's first entries are still to be passed over, `need` how many are wanted (-1:
     * all). */
    int64_t skip = offset, need = limit < 0 ? -1 : limit;
    if (t.hit >= 0 && need != 0) {
        if (skip == 0) {
            keys_add(&page, t.hit);
            need = need < 0 ? -1 : need - 1;
        } else {
            skip--;
        }
    }
    /* Word matches not yet passed over or read: once none is left, the remaining ranks are
     * empty and their queries are not run. */
    int64_t left = t.level_count[LEVELS - 1] - (t.hit >= 0 ? 1 : 0);
    /* Levels 0 to 2 nest. When the widest is empty (often so with filters: the words name
     * products of other groups, and only producers or places are left), ranks 0 to 2 are
     * skipped: reading each would go through the words' whole lists, with their positions
     * for the columns, to find nothing, where one look at level 2 does it once. */
    int first = 0;
    if (need != 0 && left > 0) {
        key_list probe = {0};
        int64_t n = list_keys(d, sb_str(&t.level[2]), t.below, 0, 1, -1, &probe, err);
        free(probe.items);
        if (n < 0) {
            goto done;
        }
        if (n == 0) {
            first = LEVEL_TYPOS;
            for (int k = 0; k < LEVEL_TYPOS; k++) {
                t.level_count[k] = 0;
            }
        }
    }
    for (int k = first; k < LEVELS && need != 0 && left > 0; k++) {
        if (k == LEVEL_TYPOS && !typos) {
            continue; /* level 3 is level 2: an empty rank */
        }
        if (skip > 0) {
            int64_t c = rank_count(&t, k, err);
            if (c < 0) {
                goto done;
            }
            if (skip >= c) {
                skip -= c;
                left -= c;
                continue;
            }
        }
        int before = page.n;
        if (rank_page(&t, k, skip, need, &page, err) != 0) {
            goto done;
        }
        left -= skip + (page.n - before);
        skip = 0;
        if (need > 0) {
            need -= page.n - before;
        }
    }
    for (int64_t i = skip; i < inside.n && need != 0; i++) {
        keys_add(&page, inside.items[i]);
        if (need > 0) {
            need--;
        }
    }

    static const char card_sql[] =
        "SELECT " CARD_COLUMNS " FROM product p JOIN producer pr ON pr.id = p.producer_id"
        " WHERE p.id = :id";
    out->items = page.n ? xcalloc((size_t)page.n, sizeof *out->items) : NULL;
    sqlite3_stmt *st = db_prepare(d, card_sql, err);
    if (!st) {
        goto done;
    }
    for (int i = 0; i < page.n; i++) {
        sqlite3_reset(st);
        db_bind_int64(st, ":id", key_product_id(page.items[i]));
        int rc = db_step(d, st, err);
        if (rc == -1) {
            goto done;
        }
        if (rc == SQLITE_ROW) { /* else a stale entry: search_db_rebuild mends it */
            read_card(st, &out->items[out->count++]);
        }
    }
    sqlite3_reset(st);
    status = 0;
done:
    sb_free(&filter);
    sb_free(&w);
    sb_free(&w_first);
    sb_free(&tri);
    sb_free(&unfiltered);
    for (int k = 0; k < LEVELS; k++) {
        sb_free(&t.level[k]);
        sb_free(&t.rank[k]);
    }
    free(page.items);
    free(inside.items);
    free(alts);
    return status;
}

int search_db_query(db *d, const char *query, const search_filter *filter, int offset, int limit,
                    search_results *out, ocop_error *err) {
    *out = (search_results){0};
    search_filter none = {0};
    if (!filter) {
        filter = &none;
    }
    if (offset < 0) {
        offset = 0;
    }
    const char *group = NULL;
    if (filter->group && !str_blank(filter->group)) {
        group = search_db_group_key(filter->group);
        if (!group) {
            return error_set(err,
                             "unknown product group '%s' (use food, beverages, herbal, textiles, "
                             "handicrafts, ornamental, tourism or their Vietnamese names)",
                             filter->group);
        }
    }
    /* Changes made since the last search enter the index first. */
    if (search_db_sync(d, err) != 0) {
        return -1;
    }
    /* The whole search reads one snapshot (counts and page agree). */
    if (db_begin(d, false, err) != 0) {
        return -1;
    }
    string_list provinces = {0};
    bool by_province = filter->province && !str_blank(filter->province);
    int rc = 0;
    if (by_province) {
        rc = province_spellings(d, filter->province, filter->province_as_shown, &provinces, err);
    }
    if (rc == 0 && (!by_province || provinces.n > 0)) { /* else no producer there: no match */
        query_words words;
        split_words(query, &words);
        if (words.n == 0) {
            char *json = by_province ? string_list_json(&provinces) : NULL;
            rc = list_all(d, filter->min_stars, group, json, offset, limit, out, err);
            free(json);
        } else {
            rc = find_text(d, query, &words, filter->min_stars, group,
                           by_province ? &provinces : NULL, offset, limit, out, err);
        }
    }
    string_list_free(&provinces);
    if (rc == 0) {
        rc = db_commit(d, err);
    } else {
        db_rollback(d);
    }
    if (rc != 0) {
        search_results_free(out);
    }
    return rc;
}

void search_results_free(search_results *r) {
    if (!r) {
        return;
    }
    free(r->items);
    *r = (search_results){0};
}

int search_db_sync(db *d, ocop_error *err) {
    static const char queued_sql[] = "SELECT count(*) FROM search_queue";
    static const char products_sql[] = "SELECT count(*) FROM product";
    static const char sync_sql[] = SEARCH_SQL_SYNC;
    static const char rebuild_sql[] = SEARCH_SQL_REBUILD;
    sqlite3_stmt *st = db_prepare(d, queued_sql, err);
    if (!st || db_step(d, st, err) != SQLITE_ROW) {
        return -1;
    }
    int64_t queued = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    if (queued == 0 || sqlite3_db_readonly(db_handle(d), "main") == 1) {
        return 0; /* up to date, or read-only: search the index as it is */
    }
    if (db_begin(d, true, err) != 0) {
        return -1;
    }
    /* Inside the write lock: another process may have synced meanwhile. */
    int64_t products = -1;
    st = db_prepare(d, queued_sql, err);
    if (st && db_step(d, st, err) == SQLITE_ROW) {
        queued = sqlite3_column_int64(st, 0);
        sqlite3_reset(st);
        st = db_prepare(d, products_sql, err);
        if (st && db_step(d, st, err) == SQLITE_ROW) {
            products = sqlite3_column_int64(st, 0);
            sqlite3_reset(st);
        }
    }
    int rc = products < 0 ? -1 : 0;
    if (rc == 0 && queued > 0) {
        /* Most of the catalogue changed (an import, a generated catalogue): one rebuild is
         * several times faster than row by row, and leaves a compact index. */
        bool rebuild = queued > 1000 && queued * 4 > products;
        rc = db_exec(d, rebuild ? rebuild_sql : sync_sql, err);
    }
    if (rc == 0) {
        return db_commit(d, err);
    }
    db_rollback(d);
    return -1;
}

int search_db_rebuild(db *d, ocop_error *err) {
    static const char sql[] = SEARCH_SQL_REBUILD;
    if (db_begin(d, true, err) != 0) {
        return -1;
    }
    if (db_exec(d, sql, err) != 0) {
        db_rollback(d);
        return -1;
    }
    return db_commit(d, err);
}
