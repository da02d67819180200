/*
 * schema.c: the migrations. Migration i takes PRAGMA user_version from i to i+1 and runs in its
 * own transaction (db.c). Never edit a migration that has shipped; append a new one.
 *
 * Conventions: times are UTC ISO 8601 text ("2026-11-29T13:47:20Z"); months are "YYYY-MM";
 * quantities the matcher compares are in the product's base unit (kg, l or piece: units.h),
 * next to the quantity and unit as the person typed them.
 */
#include "db/db_internal.h"

static const char migration_1[] =
    /* Key-value settings: kiosk id, organiser PIN hash, lockout state. */
    "CREATE TABLE setting ("
    "  key   TEXT PRIMARY KEY,"
    "  value TEXT NOT NULL"
    ");"

    /* A producer is known by its name within a province (the catalogue has no producer code). */
    "CREATE TABLE producer ("
    "  id            INTEGER PRIMARY KEY,"
    "  name          TEXT NOT NULL,"
    "  kind          TEXT NOT NULL DEFAULT 'other'"
    "                CHECK (kind IN ('cooperative', 'company', 'household', 'other')),"
    "  province      TEXT NOT NULL," /* as the catalogue gives it, NFC */
    "  province_code TEXT,"          /* one of the 34 units since 2025-07-01, when known */
    "  district      TEXT,"
    "  phone         TEXT," /* +84… */
    "  email         TEXT,"
    "  address       TEXT,"
    "  UNIQUE (name, province)"
    ");"

    "CREATE TABLE product ("
    "  id             INTEGER PRIMARY KEY,"
    "  code           TEXT NOT NULL UNIQUE,"
    "  producer_id    INTEGER NOT NULL REFERENCES producer (id),"
    "  name_vi        TEXT NOT NULL,"
    "  name_en        TEXT,"
    "  grp            TEXT NOT NULL" /* English key: food, beverages, herbal, … */
    "                 CHECK (grp IN ('food', 'beverages', 'herbal', 'textiles', 'handicrafts',"
    "                                'ornamental', 'tourism')),"
    "  stars          INTEGER NOT NULL CHECK (stars BETWEEN 1 AND 5),"
    "  cert_no        TEXT,"
    "  cert_date      TEXT," /* YYYY-MM-DD */
    "  cert_expiry    TEXT," /* YYYY-MM-DD */
    "  description_vi TEXT,"
    "  description_en TEXT,"
    "  unit           TEXT NOT NULL," /* sale unit as sold: chai, kg, hộp … */
    "  measure        TEXT,"          /* one sale unit, as written: '500 ml' */
    "  base_unit      TEXT NOT NULL CHECK (base_unit IN ('kg', 'l', 'piece')),"
    "  base_per_unit  REAL NOT NULL CHECK (base_per_unit > 0)," /* base units in one sale unit */
    "  price_min_vnd  INTEGER CHECK (price_min_vnd >= 0),"      /* per sale unit */
    "  price_max_vnd  INTEGER CHECK (price_max_vnd >= price_min_vnd),"
    "  moq            REAL CHECK (moq >= 0)," /* minimum order, sale units */
    "  lead_time_days INTEGER CHECK (lead_time_days >= 0),"
    "  image          TEXT,"          /* path relative to the assets folder */
    "  name_folded    TEXT NOT NULL," /* fold(name_vi): search key */
    "  updated_at     TEXT NOT NULL"
    ");"
    "CREATE INDEX product_producer ON product (producer_id);"
    "CREATE INDEX product_grp ON product (grp, stars);"
    "CREATE INDEX product_stars ON product (stars);"

    /* Declared monthly capacity. month '*' is the default for every month not listed. */
    "CREATE TABLE capacity ("
    "  product_id    INTEGER NOT NULL REFERENCES product (id) ON DELETE CASCADE,"
    "  month         TEXT NOT NULL CHECK (month = '*' OR month GLOB "
    "'[0-9][0-9][0-9][0-9]-[0-1][0-9]'),"
    "  quantity      REAL NOT NULL CHECK (quantity >= 0)," /* as declared, in `unit` */
    "  unit          TEXT NOT NULL,"
    "  base_quantity REAL NOT NULL CHECK (base_quantity >= 0)," /* in the product's base unit */
    "  PRIMARY KEY (product_id, month)"
    ") WITHOUT ROWID;"

    /* A buyer's inquiry: the lead. Product references are by code so that leads merged from
     * another kiosk's database keep their meaning. */
    "CREATE TABLE inquiry ("
    "  id                  TEXT PRIMARY KEY," /* UUID */
    "  kiosk_id            TEXT NOT NULL,"
    "  created_at          TEXT NOT NULL,"
    "  buyer_name          TEXT,"
    "  buyer_company       TEXT,"
    "  buyer_phone         TEXT," /* normalised +84… */
    "  buyer_email         TEXT,"
    "  buyer_province      TEXT,"
    "  lang                TEXT NOT NULL DEFAULT 'vi' CHECK (lang IN ('vi', 'en')),"
    "  product_code        TEXT,"
    "  grp                 TEXT,"
    "  query               TEXT,"
    "  quantity            REAL NOT NULL CHECK (quantity > 0),"
    "  unit                TEXT NOT NULL,"
    "  base_quantity       REAL,"
    "  base_unit           TEXT,"
    "  month_from          TEXT NOT NULL,"
    "  month_to            TEXT NOT NULL CHECK (month_to >= month_from),"
    "  min_stars           INTEGER CHECK (min_stars BETWEEN 1 AND 5),"
    "  max_price_vnd       INTEGER CHECK (max_price_vnd >= 0),"
    "  note                TEXT,"
    "  consent_contact     INTEGER NOT NULL DEFAULT 0 CHECK (consent_contact IN (0, 1)),"
    "  consent_share       INTEGER NOT NULL DEFAULT 0 CHECK (consent_share IN (0, 1)),"
    "  status              TEXT NOT NULL DEFAULT 'open'"
    "                      CHECK (status IN ('open', 'allocated', 'closed')),"
    "  match_json          TEXT," /* the explained match the buyer was shown */
    "  duplicate_of        TEXT," /* probable duplicate found by merge */
    "  exported_at         TEXT,"
    "  purged_at           TEXT," /* personal data removed */
    "  CHECK (product_code IS NOT NULL OR grp IS NOT NULL OR query IS NOT NULL)"
    ");"
    "CREATE INDEX inquiry_created ON inquiry (created_at);"
    "CREATE INDEX inquiry_status ON inquiry (status);"

    /* Capacity promised to an inquiry: instant holds expire, batch allocations do not. */
    "CREATE TABLE hold ("
    "  id            INTEGER PRIMARY KEY,"
    "  inquiry_id    TEXT NOT NULL REFERENCES inquiry (id) ON DELETE CASCADE,"
    "  product_id    INTEGER NOT NULL REFERENCES product (id) ON DELETE CASCADE,"
    "  month         TEXT NOT NULL,"
    "  base_quantity REAL NOT NULL CHECK (base_quantity > 0),"
    "  kind          TEXT NOT NULL CHECK (kind IN ('instant', 'batch')),"
    "  created_at    TEXT NOT NULL,"
    "  expires_at    TEXT," /* NULL for batch */
    "  CHECK ((kind = 'batch') = (expires_at IS NULL))"
    ");"
    "CREATE INDEX hold_product_month ON hold (product_id, month);"
    "CREATE INDEX hold_inquiry ON hold (inquiry_id);"

    /* Product views at the kiosk, for the organisers' statistics. */
    "CREATE TABLE product_view ("
    "  product_id INTEGER NOT NULL REFERENCES product (id) ON DELETE CASCADE,"
    "  viewed_at  TEXT NOT NULL"
    ");"
    "CREATE INDEX product_view_product ON product_view (product_id);";

/* Organiser tools (issue 6): the record of exports (`export --new` takes the leads never
 * exported), and indexes for merge's duplicate check and for `--new`. */
static const char migration_2[] =
    "CREATE TABLE export_log ("
    "  id          INTEGER PRIMARY KEY,"
    "  exported_at TEXT NOT NULL,"
    "  format      TEXT NOT NULL CHECK (format IN ('csv', 'xlsx', 'json')),"
    "  target      TEXT NOT NULL," /* the file, or the folder of a split export */
    "  split       TEXT CHECK (split IN ('producer', 'province')),"
    "  leads       INTEGER NOT NULL CHECK (leads >= 0)"
    ");"
    "CREATE INDEX inquiry_buyer_phone ON inquiry (buyer_phone);"
    "CREATE INDEX inquiry_exported ON inquiry (exported_at);";

/* Search (search_db.c): folded search text and two FTS5 indexes over it (search_db_sql.h has
 * the design). Frozen as it shipped last: the first release's version built the index with
 * triggers calling fold(); databases made by it are repaired by migration 6. The text is
 * written out here, not built from search_db_sql.h's macros, so that changing the index's SQL
 * can never change a shipped migration again. */
// clang-format off
static const char migration_3[] =
    "CREATE TABLE search_doc (  key        INTEGER PRIMARY KEY,  product_id INTEGER NOT NULL"
    " UNIQUE,  name TEXT, name_en TEXT, code TEXT, producer TEXT, province TEXT, district"
    " TEXT,  grp TEXT, tri TEXT);"
    "CREATE TABLE search_queue (product_id INTEGER PRIMARY KEY);"
    "CREATE VIRTUAL TABLE product_fts USING fts5(name, name_en, code, producer, province,"
    " district, grp,  content = 'search_doc', content_rowid = 'key',  tokenize = 'unicode61"
    " remove_diacritics 0', prefix = '1 2 3');"
    "CREATE VIRTUAL TABLE product_tri USING fts5(tri,  content = 'search_doc', content_rowid"
    " = 'key', tokenize = 'trigram');"
    "CREATE TRIGGER search_product_insert AFTER INSERT ON product BEGIN  INSERT INTO"
    " search_queue SELECT new.id  WHERE NOT EXISTS (SELECT 1 FROM search_queue WHERE"
    " product_id = new.id);"
    "END;"
    "CREATE TRIGGER search_product_delete AFTER DELETE ON product BEGIN  INSERT INTO"
    " search_queue SELECT old.id  WHERE NOT EXISTS (SELECT 1 FROM search_queue WHERE"
    " product_id = old.id);"
    "END;"
    "CREATE TRIGGER search_product_update AFTER UPDATE OF id, code, name_vi, name_en, grp,"
    " stars, producer_id ON product BEGIN  INSERT INTO search_queue SELECT old.id  WHERE NOT"
    " EXISTS (SELECT 1 FROM search_queue WHERE product_id = old.id);"
    "  INSERT INTO search_queue SELECT new.id  WHERE NOT EXISTS (SELECT 1 FROM search_queue"
    " WHERE product_id = new.id);"
    "END;"
    "CREATE TRIGGER search_producer_update AFTER UPDATE OF name, province, district ON"
    " producer BEGIN  INSERT INTO search_queue SELECT id FROM product WHERE producer_id ="
    " new.id  AND id NOT IN (SELECT product_id FROM search_queue);"
    "END;"
    "INSERT INTO search_queue SELECT id FROM product;"
    "CREATE INDEX product_browse ON product (stars DESC, name_folded);"
    "CREATE INDEX producer_province ON producer (province);";
// clang-format on

/* The instant match by group (match_db.c) reads what ranking needs of thousands of products:
 * a covering index keeps that to the index pages instead of the wide product rows. */
static const char migration_4[] =
    "CREATE INDEX product_match ON product (grp, stars, code, producer_id, unit, measure,"
    " base_unit, base_per_unit, price_min_vnd, price_max_vnd, moq, cert_expiry);";

/* The outbox (issue 15, sync.h): every lead, hold, edit, view and purge written here also
 * writes an outbox row in the same transaction (these triggers), which the sync pushes to the
 * fair's central server in order and deletes once the server has it. A row names what changed
 * (`ref`: a lead's id, or a product_view rowid), not a copy of it: the push sends the lead as
 * it is then, so a purge leaves no personal data behind in the outbox. `id` is random and
 * unique: the server applies each row once, however often it is pushed.
 *
 * hold_state: what the buyer was told about the lead's holds and what the server made of
 * them. NULL: no server has answered (a kiosk without a server, or one that has not pushed
 * yet); 'provisional': the buyer was told the hold is provisional (the kiosk was offline);
 * 'confirmed': the server granted what the buyer was told; 'cut': it granted less (another
 * kiosk had taken the capacity meanwhile), hold_note says what, for the organiser. */
#define OUTBOX_ROW(kind, ref)                                                                      \
    "INSERT INTO outbox (id, kind, ref, created_at) VALUES (lower(hex(randomblob(16))), '" kind    \
    "', " ref ", strftime('%Y-%m-%dT%H:%M:%SZ', 'now'));"
static const char migration_5[] =
    "CREATE TABLE outbox ("
    "  seq        INTEGER PRIMARY KEY AUTOINCREMENT," /* push order */
    "  id         TEXT NOT NULL UNIQUE,"
    "  kind       TEXT NOT NULL CHECK (kind IN ('lead', 'hold', 'edit', 'view', 'purge')),"
    "  ref        TEXT NOT NULL,"
    "  created_at TEXT NOT NULL"
    ");"
    "CREATE INDEX outbox_ref ON outbox (ref);"
    "ALTER TABLE inquiry ADD COLUMN hold_state TEXT"
    "  CHECK (hold_state IN ('provisional', 'confirmed', 'cut'));"
    "ALTER TABLE inquiry ADD COLUMN hold_note TEXT;"
    "CREATE TRIGGER outbox_lead AFTER INSERT ON inquiry BEGIN " OUTBOX_ROW(
        "lead",
        "NEW.id") " END;"
                  "CREATE TRIGGER outbox_edit AFTER UPDATE OF kiosk_id, created_at, buyer_name, "
                  "buyer_company,"
                  " buyer_phone, buyer_email, buyer_province, lang, product_code, grp, query, "
                  "quantity, unit,"
                  " base_quantity, base_unit, month_from, month_to, min_stars, max_price_vnd, note,"
                  " consent_contact, consent_share, match_json, hold_state, hold_note ON inquiry"
                  " WHEN NEW.purged_at IS OLD.purged_at BEGIN " OUTBOX_ROW(
                      "edit",
                      "NEW.id") " END;"
                                "CREATE TRIGGER outbox_purge AFTER UPDATE OF purged_at ON inquiry"
                                " WHEN NEW.purged_at IS NOT NULL AND OLD.purged_at IS NULL"
                                " BEGIN " OUTBOX_ROW(
                                    "purge",
                                    "NEW.id") " END;"
                                              "CREATE TRIGGER outbox_hold_insert AFTER INSERT ON "
                                              "hold"
                                              " BEGIN " OUTBOX_ROW(
                                                  "hold",
                                                  "NEW.inquiry_id") " END;"
                                                                    "CREATE TRIGGER "
                                                                    "outbox_hold_update AFTER "
                                                                    "UPDATE ON hold"
                                                                    " BEGIN " OUTBOX_ROW(
                                                                        "hold",
                                                                        "NEW.inquiry_id") " END;"
                                                                                          "CREATE "
                                                                                          "TRIGGER "
                                                                                          "outbox_"
                                                                                          "hold_"
                                                                                          "delete "
                                                                                          "AFTER "
                                                                                          "DELETE "
                                                                                          "ON hold"
                                                                                          " BEGIN"
                                                                                          " " OUTBOX_ROW(
                                                                                              "hol"
                                                                                              "d",
                                                                                              "OLD."
                                                                                              "inqu"
                                                                                              "iry_"
                                                                                              "id") " END;"
                                                                                                    "CREATE TRIGGER outbox_view AFTER INSERT ON product_view"
                                                                                                    " BEGIN " OUTBOX_ROW(
                                                                                                        "view",
                                                                                                        "NEW.rowid") " END;";
#undef OUTBOX_ROW

/* Repairs the search index's triggers of databases made before migration 3 took its final
 * form (the first release's triggers folded text with fold(), so only this program could write
 * the catalogue, and there was no search_queue): whatever version of migration 3 a database
 * ran, it ends with the triggers and queue of the current one, every product queued so the
 * next search rebuilds the index (search_db_sync). On a database that ran the final migration
 * 3 it changes nothing but queueing a rebuild. */
// clang-format off
static const char migration_6[] =
    "DROP TRIGGER IF EXISTS search_product_insert;"
    "DROP TRIGGER IF EXISTS search_product_delete;"
    "DROP TRIGGER IF EXISTS search_product_update;"
    "DROP TRIGGER IF EXISTS search_producer_update;"
    "CREATE TABLE IF NOT EXISTS search_queue (product_id INTEGER PRIMARY KEY);"
    "CREATE TRIGGER search_product_insert AFTER INSERT ON product BEGIN"
    "  INSERT INTO search_queue SELECT new.id"
    "  WHERE NOT EXISTS (SELECT 1 FROM search_queue WHERE product_id = new.id);"
    "END;"
    "CREATE TRIGGER search_product_delete AFTER DELETE ON product BEGIN"
    "  INSERT INTO search_queue SELECT old.id"
    "  WHERE NOT EXISTS (SELECT 1 FROM search_queue WHERE product_id = old.id);"
    "END;"
    "CREATE TRIGGER search_product_update"
    " AFTER UPDATE OF id, code, name_vi, name_en, grp, stars, producer_id ON product BEGIN"
    "  INSERT INTO search_queue SELECT old.id"
    "  WHERE NOT EXISTS (SELECT 1 FROM search_queue WHERE product_id = old.id);"
    "  INSERT INTO search_queue SELECT new.id"
    "  WHERE NOT EXISTS (SELECT 1 FROM search_queue WHERE product_id = new.id);"
    "END;"
    "CREATE TRIGGER search_producer_update"
    " AFTER UPDATE OF name, province, district ON producer BEGIN"
    "  INSERT INTO search_queue SELECT id FROM product WHERE producer_id = new.id"
    "  AND id NOT IN (SELECT product_id FROM search_queue);"
    "END;"
    "INSERT OR IGNORE INTO search_queue SELECT id FROM product;"
    "DELETE FROM setting WHERE key = 'search.bulk';";
// clang-format on

/* The catalogue's words, for compounds and typos in search (search_db_sql.h,
 * SEARCH_SQL_VOCAB fills them); every product is queued so the next search_db_sync does. */
static const char migration_7[] =
    "CREATE TABLE search_vocab (word TEXT PRIMARY KEY) WITHOUT ROWID;"
    "CREATE VIRTUAL TABLE product_vocab USING fts5vocab(product_fts, 'row');"
    "INSERT OR IGNORE INTO search_queue SELECT id FROM product;";

/* Every migration that has shipped, in order. Never edit one (test_db.c pins their text):
 * append a new one that repairs what needs repairing. */
const char *const db_migrations[] = {
    migration_1, migration_2, migration_3, migration_4, migration_5, migration_6, migration_7,
};
const int db_migration_count = (int)OCOP_COUNT(db_migrations);
