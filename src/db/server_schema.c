/*
 * server_schema.c: the central server's migrations (server.h). Migration i takes the version
 * in ocop_schema from i to i+1. Never edit a migration that has shipped; append a new one.
 *
 * Each migration is a list of statements that are each idempotent (IF NOT EXISTS) and run one
 * at a time outside any data transaction: CockroachDB and YugabyteDB do not promise
 * transactional DDL, so a migration interrupted half way is simply run again.
 *
 * Conventions, as in the kiosk's SQLite schema (schema.c): times are UTC ISO 8601 text
 * ("2026-11-29T13:47:20Z", compared as text); months are "YYYY-MM" (capacity '*' = every
 * month not listed); quantities the matcher compares are in the product's base unit. Keys are
 * natural (product code, producer name and province, lead UUID): no sequences, which
 * distributed engines make slow or non-monotonic.
 *
 * Catalogue versions: every import bumps catalog_version.version in its serialisable
 * transaction and stamps the rows it wrote with the new value, so kiosks pull what changed
 * since the version they last saw (versions are in commit order, because every import writes
 * the one catalog_version row).
 *
 * hold_total (migration 2): for each (product, month), `held` is the sum of its batch holds and
 * of the instant holds counted, and `expires_first` the earliest expiry among those instant
 * holds (NULL when none). The row is exact while expires_first is NULL or later than now;
 * '' (earlier than any time) marks it stale, and a stale or missing row is recomputed from the
 * hold rows by the next transaction that needs it. Whoever writes hold rows keeps it: the push
 * adds what it grants; anything else marks the pairs it changed stale or rebuilds the table
 * (server_holds.c).
 */
#include "db/server_internal.h"

static const char *const migration_1[] = {
    "CREATE TABLE IF NOT EXISTS catalog_version ("
    "  id      INT PRIMARY KEY CHECK (id = 1),"
    "  version BIGINT NOT NULL"
    ")",
    "INSERT INTO catalog_version (id, version) VALUES (1, 0) ON CONFLICT (id) DO NOTHING",

    /* A producer is known by its name within a province (the catalogue has no producer
     * code), as in the kiosk. */
    "CREATE TABLE IF NOT EXISTS producer ("
    "  name          TEXT NOT NULL,"
    "  province      TEXT NOT NULL,"
    "  kind          TEXT NOT NULL DEFAULT 'other'"
    "                CHECK (kind IN ('cooperative', 'company', 'household', 'other')),"
    "  province_code TEXT,"
    "  district      TEXT,"
    "  phone         TEXT,"
    "  email         TEXT,"
    "  address       TEXT,"
    "  version       BIGINT NOT NULL,"
    "  PRIMARY KEY (name, province)"
    ")",
    "CREATE INDEX IF NOT EXISTS producer_version ON producer (version)",

    "CREATE TABLE IF NOT EXISTS product ("
    "  code              TEXT PRIMARY KEY,"
    "  producer_name     TEXT NOT NULL,"
    "  producer_province TEXT NOT NULL,"
    "  name_vi           TEXT NOT NULL,"
    "  name_en           TEXT,"
    "  grp               TEXT NOT NULL,"
    "  stars             INT NOT NULL CHECK (stars BETWEEN 1 AND 5),"
    "  cert_no           TEXT,"
    "  cert_date         TEXT,"
    "  cert_expiry       TEXT,"
    "  description_vi    TEXT,"
    "  description_en    TEXT,"
    "  unit              TEXT NOT NULL,"
    "  measure           TEXT,"
    "  base_unit         TEXT NOT NULL CHECK (base_unit IN ('kg', 'l', 'piece')),"
    "  base_per_unit     DOUBLE PRECISION NOT NULL CHECK (base_per_unit > 0),"
    "  price_min_vnd     BIGINT,"
    "  price_max_vnd     BIGINT,"
    "  moq               DOUBLE PRECISION,"
    "  lead_time_days    INT,"
    "  image             TEXT,"
    "  updated_at        TEXT NOT NULL,"
    "  version           BIGINT NOT NULL,"
    "  FOREIGN KEY (producer_name, producer_province) REFERENCES producer (name, province)"
    ")",
    "CREATE INDEX IF NOT EXISTS product_version ON product (version)",
    "CREATE INDEX IF NOT EXISTS product_producer ON product (producer_name, producer_province)",

    "CREATE TABLE IF NOT EXISTS capacity ("
    "  product_code  TEXT NOT NULL REFERENCES product (code),"
    "  month         TEXT NOT NULL,"
    "  quantity      DOUBLE PRECISION NOT NULL CHECK (quantity >= 0),"
    "  unit          TEXT NOT NULL,"
    "  base_quantity DOUBLE PRECISION NOT NULL CHECK (base_quantity >= 0),"
    "  version       BIGINT NOT NULL,"
    "  PRIMARY KEY (product_code, month)"
    ")",
    "CREATE INDEX IF NOT EXISTS capacity_version ON capacity (version)",

    /* Fairs and their catalogues: `--server URL import --fair NAME` puts the file's products
     * in that fair; a kiosk with [sync] fair = NAME pulls only them. */
    "CREATE TABLE IF NOT EXISTS fair ("
    "  name       TEXT PRIMARY KEY,"
    "  created_at TEXT NOT NULL"
    ")",
    "CREATE TABLE IF NOT EXISTS fair_product ("
    "  fair         TEXT NOT NULL REFERENCES fair (name),"
    "  product_code TEXT NOT NULL REFERENCES product (code),"
    "  version      BIGINT NOT NULL,"
    "  PRIMARY KEY (fair, product_code)"
    ")",
    "CREATE INDEX IF NOT EXISTS fair_product_version ON fair_product (fair, version)",

    /* Kiosks that pushed something: last contact, for the organiser. */
    "CREATE TABLE IF NOT EXISTS kiosk ("
    "  id            TEXT PRIMARY KEY,"
    "  fair          TEXT,"
    "  first_contact TEXT NOT NULL,"
    "  last_contact  TEXT NOT NULL"
    ")",

    /* Leads from every kiosk, by the UUID the kiosk gave them. hold_state (grant.h): 'confirmed'
     * when the server granted what the buyer was told; 'cut' when it granted less (capacity
     * taken elsewhere while the kiosk was offline): hold_note says what, for the organiser;
     * 'provisional' only on a lead another kiosk merged in before its own kiosk pushed it. */
    "CREATE TABLE IF NOT EXISTS inquiry ("
    "  id              TEXT PRIMARY KEY,"
    "  kiosk_id        TEXT NOT NULL,"
    "  fair            TEXT,"
    "  created_at      TEXT NOT NULL,"
    "  buyer_name      TEXT,"
    "  buyer_company   TEXT,"
    "  buyer_phone     TEXT,"
    "  buyer_email     TEXT,"
    "  buyer_province  TEXT,"
    "  lang            TEXT NOT NULL DEFAULT 'vi',"
    "  product_code    TEXT,"
    "  grp             TEXT,"
    "  query           TEXT,"
    "  quantity        DOUBLE PRECISION NOT NULL CHECK (quantity > 0),"
    "  unit            TEXT NOT NULL,"
    "  base_quantity   DOUBLE PRECISION,"
    "  base_unit       TEXT,"
    "  month_from      TEXT NOT NULL,"
    "  month_to        TEXT NOT NULL,"
    "  min_stars       INT,"
    "  max_price_vnd   BIGINT,"
    "  note            TEXT,"
    "  consent_contact INT NOT NULL DEFAULT 0,"
    "  consent_share   INT NOT NULL DEFAULT 0,"
    "  status          TEXT NOT NULL DEFAULT 'open'"
    "                  CHECK (status IN ('open', 'allocated', 'closed')),"
    "  match_json      TEXT,"
    "  duplicate_of    TEXT,"
    "  exported_at     TEXT,"
    "  purged_at       TEXT,"
    "  hold_state      TEXT CHECK (hold_state IN ('provisional', 'confirmed', 'cut')),"
    "  hold_note       TEXT,"
    "  received_at     TEXT NOT NULL,"
    "  updated_at      TEXT NOT NULL"
    ")",
    "CREATE INDEX IF NOT EXISTS inquiry_created ON inquiry (created_at)",
    "CREATE INDEX IF NOT EXISTS inquiry_status ON inquiry (status)",
    "CREATE INDEX IF NOT EXISTS inquiry_kiosk ON inquiry (kiosk_id)",
    "CREATE INDEX IF NOT EXISTS inquiry_fair ON inquiry (fair, created_at)",

    /* Capacity promised to a lead, across all kiosks: the free capacity every hold
     * transaction reads is declared − these (batch, and instant ones not expired). */
    "CREATE TABLE IF NOT EXISTS hold ("
    "  inquiry_id    TEXT NOT NULL REFERENCES inquiry (id) ON DELETE CASCADE,"
    "  product_code  TEXT NOT NULL,"
    "  month         TEXT NOT NULL,"
    "  kind          TEXT NOT NULL CHECK (kind IN ('instant', 'batch')),"
    "  base_quantity DOUBLE PRECISION NOT NULL CHECK (base_quantity > 0),"
    "  created_at    TEXT NOT NULL,"
    "  expires_at    TEXT,"
    "  PRIMARY KEY (inquiry_id, product_code, month, kind)"
    ")",
    "CREATE INDEX IF NOT EXISTS hold_product_month ON hold (product_code, month)",

    "CREATE TABLE IF NOT EXISTS product_view ("
    "  id           TEXT PRIMARY KEY,"
    "  kiosk_id     TEXT NOT NULL,"
    "  fair         TEXT,"
    "  product_code TEXT NOT NULL,"
    "  viewed_at    TEXT NOT NULL"
    ")",
    "CREATE INDEX IF NOT EXISTS product_view_product ON product_view (product_code)",

    /* Every outbox row a kiosk pushed, by its id: a row pushed twice (the kiosk died before it
     * heard the answer) is applied once. */
    "CREATE TABLE IF NOT EXISTS sync_applied ("
    "  id         TEXT PRIMARY KEY,"
    "  kiosk_id   TEXT NOT NULL,"
    "  kind       TEXT NOT NULL,"
    "  applied_at TEXT NOT NULL"
    ")",

    /* Exports made from the server (`--server URL export`), as export_log in the kiosk. */
    "CREATE TABLE IF NOT EXISTS export_log ("
    "  id          TEXT PRIMARY KEY,"
    "  exported_at TEXT NOT NULL,"
    "  format      TEXT NOT NULL,"
    "  target      TEXT NOT NULL,"
    "  split       TEXT,"
    "  leads       INT NOT NULL"
    ")",
    NULL,
};

/* What every hold transaction reads instead of summing hold rows (server_holds.c): one row
 * per (product, month) with the capacity held there, read and written by INSERT … ON CONFLICT
 * DO UPDATE, which takes a row lock and no predicate lock. Summing the hold rows made
 * PostgreSQL's serialisable transactions conflict across products (predicate locks on shared
 * index pages, promoted to whole relations past 32 rows), so ten kiosks pushing at once mostly
 * retried. Filled lazily (a missing or stale row is recomputed from the hold rows); `server
 * init` fills it for the holds already there. */
static const char *const migration_2[] = {
    "CREATE TABLE IF NOT EXISTS hold_total ("
    "  product_code  TEXT NOT NULL,"
    "  month         TEXT NOT NULL,"
    "  held          DOUBLE PRECISION NOT NULL,"
    "  expires_first TEXT,"
    "  PRIMARY KEY (product_code, month)"
    ")",
    NULL,
};

const char *const *const server_migrations[] = {
    migration_1,
    migration_2,
};
const int server_migration_count = (int)OCOP_COUNT(server_migrations);
