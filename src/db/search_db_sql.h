/*
 * search_db_sql.h: for src/db/ only. The SQL search_db.c indexes with (sync and rebuild). The
 * tables and triggers it works on were made by migrations 3 and 6 (schema.c), written out
 * there as they shipped: a change here must come with a new migration when it changes them.
 *
 * search_doc holds each product's folded search text (fold(): case, diacritics, đ → d), keyed
 * by a *browse key* rather than the product id:
 *
 *     key = (5 - stars) << 58 | name4 << 38 | product id      (product id < 2^38)
 *
 * where name4 packs the first four characters of the folded name (5 bits each: 0 space or
 * other, 1–5 digits, 6–31 a–z). FTS5 returns matches in rowid order, so ascending key is
 * "more stars first, then by name (first four letters), then catalogue order": the search
 * reads a page of results straight from the index and stops (no sort over every match), and
 * "at least N stars" is a rowid range. product_fts (words, prefix indexes 1–3) and product_tri
 * (trigrams, for words inside words) are external-content FTS5 tables over search_doc.
 *
 * Triggers on product and producer only queue the ids of changed products (search_queue): they
 * call no fold(), so any SQLite connection may write the catalogue (the sqlite3 shell, test
 * fixtures), and a bulk load queues cheaply. search_db_sync (called by every search) folds and
 * indexes the queued products in one statement each, or rebuilds the whole index when most of
 * it changed.
 */
#ifndef OCOP_SEARCH_DB_SQL_H
#define OCOP_SEARCH_DB_SQL_H

/* SQL assembled from macros reads best laid out by hand. */
// clang-format off

/* The 5-bit code of character i (1-based) of the folded name P.f. */
#define SEARCH_SQL_CHAR(i)                                                                         \
    "(CASE WHEN substr(P.f, " #i ", 1) BETWEEN 'a' AND 'z'"                                        \
    " THEN unicode(substr(P.f, " #i ", 1)) - 91"                                                   \
    " WHEN substr(P.f, " #i ", 1) BETWEEN '0' AND '9'"                                             \
    " THEN (unicode(substr(P.f, " #i ", 1)) - 48) / 2 + 1 ELSE 0 END)"

/* The browse key of the product row P (with P.f = fold(P.name_vi)). */
#define SEARCH_SQL_KEY                                                                             \
    "(((5 - P.stars) << 58)"                                                                       \
    " | (((" SEARCH_SQL_CHAR(1) " << 15) | (" SEARCH_SQL_CHAR(2) " << 10)"                         \
    " | (" SEARCH_SQL_CHAR(3) " << 5) | " SEARCH_SQL_CHAR(4) ") << 38)"                            \
    " | P.id)"

/* The words a product group is found by: its key and its Vietnamese names, folded, from the
 * one group table (core/catalog.c, through the SQL function group_words of db.c). */
#define SEARCH_SQL_GROUP_WORDS "group_words(P.grp)"

/* Product rows as a source P for SEARCH_SQL_INSERT_DOCS. */
#define SEARCH_SQL_NEW_ROW                                                                         \
    "(SELECT new.id AS id, new.code AS code, new.name_vi AS name_vi, new.name_en AS name_en,"     \
    " new.grp AS grp, new.stars AS stars, new.producer_id AS producer_id,"                         \
    " fold(new.name_vi) AS f)"
#define SEARCH_SQL_ALL_ROWS                                                                        \
    "(SELECT id, code, name_vi, name_en, grp, stars, producer_id, fold(name_vi) AS f"             \
    " FROM product)"
#define SEARCH_SQL_QUEUED_ROWS                                                                     \
    "(SELECT id, code, name_vi, name_en, grp, stars, producer_id, fold(name_vi) AS f"             \
    " FROM product WHERE id IN (SELECT product_id FROM search_queue))"

/* Adds the search_doc rows of the products in `rows` (one of the sources above). */
#define SEARCH_SQL_INSERT_DOCS(rows)                                                               \
    "INSERT INTO search_doc (key, product_id, name, name_en, code, producer, province,"           \
    " district, grp, tri)"                                                                         \
    " SELECT " SEARCH_SQL_KEY ", P.id, P.f, fold(coalesce(P.name_en, '')), fold(P.code),"        \
    " fold(pr.name), fold(pr.province), fold(coalesce(pr.district, '')),"                          \
    " " SEARCH_SQL_GROUP_WORDS ","                                                                 \
    " fold(P.name_vi || ' | ' || coalesce(P.name_en, '') || ' | ' || P.code)"                     \
    " FROM " rows " AS P JOIN producer pr ON pr.id = P.producer_id;"

#define SEARCH_SQL_FTS_COLUMNS "name, name_en, code, producer, province, district, grp"

/* Indexes the products `which` (an SQL condition on search_doc.product_id). */
#define SEARCH_SQL_INDEX(which)                                                                    \
    "INSERT INTO product_fts (rowid, " SEARCH_SQL_FTS_COLUMNS ")"                                  \
    " SELECT key, " SEARCH_SQL_FTS_COLUMNS " FROM search_doc WHERE product_id " which ";"          \
    "INSERT INTO product_tri (rowid, tri)"                                                         \
    " SELECT key, tri FROM search_doc WHERE product_id " which ";"

/* Removes the products `which` from the indexes (external content: the old values are
 * given back to FTS5 from search_doc) and from search_doc. */
#define SEARCH_SQL_UNINDEX(which)                                                                  \
    "INSERT INTO product_fts (product_fts, rowid, " SEARCH_SQL_FTS_COLUMNS ")"                     \
    " SELECT 'delete', key, " SEARCH_SQL_FTS_COLUMNS                                               \
    " FROM search_doc WHERE product_id " which ";"                                                 \
    "INSERT INTO product_tri (product_tri, rowid, tri)"                                            \
    " SELECT 'delete', key, tri FROM search_doc WHERE product_id " which ";"                       \
    "DELETE FROM search_doc WHERE product_id " which ";"

/* The whole index again from the product and producer tables, merged into one b-tree segment
 * per index ('optimize': smaller, and faster to query than the segments a rebuild leaves). */
#define SEARCH_SQL_REBUILD                                                                         \
    "DELETE FROM search_doc;"                                                                      \
    SEARCH_SQL_INSERT_DOCS(SEARCH_SQL_ALL_ROWS)                                                    \
    "INSERT INTO product_fts (product_fts) VALUES ('rebuild');"                                    \
    "INSERT INTO product_tri (product_tri) VALUES ('rebuild');"                                    \
    "INSERT INTO product_fts (product_fts) VALUES ('optimize');"                                   \
    "INSERT INTO product_tri (product_tri) VALUES ('optimize');"                                   \
    "DELETE FROM search_queue;"                                                                    \
    SEARCH_SQL_VOCAB

#define SEARCH_SQL_QUEUED "IN (SELECT product_id FROM search_queue)"

/* The words of the catalogue (search_vocab, migration 7), for compounds and typos: every term
 * of the word index that starts with a letter (numbers are never near-misses of anything),
 * read again after every change to the index. Reading them through product_vocab walks the
 * whole index (tens of milliseconds on 100,000 products), so it happens once per change, not
 * per keystroke. */
#define SEARCH_SQL_VOCAB                                                                           \
    "DELETE FROM search_vocab;"                                                                    \
    "INSERT INTO search_vocab (word) SELECT term FROM product_vocab WHERE term >= 'a';"

/* The queued products again (deleted ones leave the index), then an empty queue. */
#define SEARCH_SQL_SYNC                                                                            \
    SEARCH_SQL_UNINDEX(SEARCH_SQL_QUEUED)                                                          \
    SEARCH_SQL_INSERT_DOCS(SEARCH_SQL_QUEUED_ROWS)                                                 \
    SEARCH_SQL_INDEX(SEARCH_SQL_QUEUED)                                                            \
    "DELETE FROM search_queue;"                                                                    \
    SEARCH_SQL_VOCAB

// clang-format on

#endif
