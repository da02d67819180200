/* sync.c: the session with the central server, pushing the outbox, pulling the catalogue;
 * see sync.h. The outbox and its triggers are SQLite migration 5 (schema.c); what a grant
 * means is grant.h. */
#include "db/sync.h"

#include "core/grant.h"
#include "core/isotime.h"
#include "core/pace.h"
#include "db/db_internal.h"
#include "db/match_db.h"
#include "db/server_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct sync_session {
    kiosk_config cfg;
    server *conn;
    int failures;        /* connection failures in a row */
    double retry_at_ms;  /* monotonic: no new attempt before */
    sync_pause_fn pause; /* the backlog's pauses (pace.h); NULL: sleep */
    void *pause_ctx;
};

/* The setting keys the sync keeps in the kiosk database. */
#define KEY_LAST_CONTACT "sync_last_contact"
#define KEY_LAST_ERROR   "sync_last_error"

static double mono_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

sync_session *sync_session_create(const kiosk_config *cfg) {
    OCOP_ASSERT(cfg->sync.url[0]);
    sync_session *s = xcalloc(1, sizeof *s);
    s->cfg = *cfg;
    return s;
}

void sync_session_destroy(sync_session *s) {
    if (s) {
        server_close(s->conn);
        free(s);
    }
}

void sync_session_set_pause(sync_session *s, sync_pause_fn wait, void *ctx) {
    s->pause = wait;
    s->pause_ctx = ctx;
}

/* Waits `ms` between two batches of a backlog; true when a buyer now waits behind it. */
static bool pause_backlog(sync_session *s, double ms) {
    if (s->pause) {
        return s->pause(s->pause_ctx, ms);
    }
    struct timespec ts = {.tv_sec = (time_t)(ms / 1000.0)};
    ts.tv_nsec = (long)((ms - (double)ts.tv_sec * 1000.0) * 1e6);
    while (nanosleep(&ts, &ts) != 0) {
    }
    return false;
}

bool sync_session_online(const sync_session *s) {
    return s->conn && !server_broken(s->conn);
}

double sync_session_wait_s(const sync_session *s) {
    if (s->conn && !server_broken(s->conn)) {
        return 0;
    }
    double left = (s->retry_at_ms - mono_ms()) / 1000.0;
    return left > 0 ? left : 0;
}

/* Forgets a broken connection; the next attempt waits 1 s, 2 s … 60 s. */
static void drop(sync_session *s) {
    server_close(s->conn);
    s->conn = NULL;
    s->failures++;
    double wait_s = s->failures >= 7 ? 60 : (double)(1 << (s->failures - 1));
    s->retry_at_ms = mono_ms() + wait_s * 1000.0;
}

int sync_session_connect(sync_session *s, ocop_error *err) {
    if (s->conn && !server_broken(s->conn)) {
        return 0;
    }
    if (s->conn) {
        drop(s);
    }
    double now = mono_ms();
    if (now < s->retry_at_ms) {
        return error_set(err, "server unreachable; next attempt in %.0f s",
                         (s->retry_at_ms - now) / 1000.0 + 0.5);
    }
    server_options o = {.url = s->cfg.sync.url,
                        .password_file = s->cfg.sync.password_file,
                        .connect_timeout_s = s->cfg.sync.timeout_seconds};
    if (server_connect(&o, &s->conn, err) != 0) {
        s->conn = NULL;
        drop(s);
        return -1;
    }
    if (server_check_schema(s->conn, err) != 0) {
        drop(s);
        return -1;
    }
    s->failures = 0;
    return 0;
}

static void stamp(int64_t t, char out[32]) {
    isotime_format_utc(t, out, 32);
}

/* Records the outcome of an exchange in `d` (best effort: a failure to record is not a
 * failure of the exchange). */
static void record_contact(db *d, int64_t now, const char *error) {
    ocop_error ignored;
    if (error) {
        db_setting_set(d, KEY_LAST_ERROR, error, &ignored);
        return;
    }
    char t[32];
    stamp(now, t);
    db_setting_set(d, KEY_LAST_CONTACT, t, &ignored);
    db_setting_set(d, KEY_LAST_ERROR, "", &ignored);
}

/* After a failed exchange: drop a broken connection and remember the error. */
static int exchange_failed(sync_session *s, db *d, int64_t now, ocop_error *err) {
    if (s->conn && server_broken(s->conn)) {
        drop(s);
    }
    record_contact(d, now, err->msg);
    return -1;
}

int sync_pull(sync_session *s, db *d, int64_t now, server_pull_stats *stats, ocop_error *err) {
    if (sync_session_connect(s, err) != 0) {
        return exchange_failed(s, d, now, err);
    }
    if (server_catalog_pull(s->conn, d, s->cfg.sync.fair, stats, err) != 0) {
        return exchange_failed(s, d, now, err);
    }
    record_contact(d, now, NULL);
    return 0;
}

/* ---- the outbox, read --------------------------------------------------------------------- */

/* The lead columns a kiosk sends, in the order of sql_put_inquiries' arrays. */
enum {
    L_ID,
    L_KIOSK,
    L_CREATED,
    L_NAME,
    L_COMPANY,
    L_PHONE,
    L_EMAIL,
    L_PROVINCE,
    L_LANG,
    L_PRODUCT,
    L_GROUP,
    L_QUERY,
    L_QUANTITY,
    L_UNIT,
    L_BASE_QUANTITY,
    L_BASE_UNIT,
    L_FROM,
    L_TO,
    L_MIN_STARS,
    L_MAX_PRICE,
    L_NOTE,
    L_CONSENT_CONTACT,
    L_CONSENT_SHARE,
    L_MATCH_JSON,
    L_DUPLICATE_OF,
    L_PURGED_AT,
    L_HOLD_STATE,
    L_HOLD_NOTE,
    L_COUNT
};

static const char sql_read_lead[] =
    "SELECT id, kiosk_id, created_at, buyer_name, buyer_company, buyer_phone, buyer_email,"
    " buyer_province, lang, product_code, grp, query, quantity, unit, base_quantity, base_unit,"
    " month_from, month_to, min_stars, max_price_vnd, note, consent_contact, consent_share,"
    " match_json, duplicate_of, purged_at, hold_state, hold_note FROM inquiry WHERE id = :id";

static const char sql_read_holds[] =
    "SELECT p.code, h.month, h.base_quantity, h.created_at, h.expires_at, p.base_unit"
    " FROM hold h JOIN product p ON p.id = h.product_id"
    " WHERE h.inquiry_id = :id AND h.kind = 'instant' ORDER BY h.id";

static const char sql_read_view[] =
    "SELECT p.code, v.viewed_at FROM product_view v JOIN product p ON p.id = v.product_id"
    " WHERE v.rowid = :rowid";

typedef struct asked_hold {
    char product[64];
    char month[8];
    char base_unit[8];
    double quantity;
    char created_at[32];
    char expires_at[32];
} asked_hold;

typedef struct lead {
    char *v[L_COUNT]; /* owned text, NULL for NULL */
    bool own;         /* recorded by this kiosk: its holds are granted on the server */
    bool fresh;       /* at least one of its outbox rows was not applied by the server yet */
    bool inserted;    /* new to the server: inserted by this transaction */
    int n_holds;
    asked_hold *holds;
    const char *outcome; /* for an own fresh lead: grant_outcome's result */
    char *note;          /* owned */
    char *match_json;    /* owned: rewritten to the grants (buyer shown now), or NULL */
} lead;

typedef struct op {
    int64_t seq;
    char id[40];
    char kind[8];
    char ref[64];
    int lead; /* index into batch.leads, or -1 */
    /* a view */
    char product[64];
    char viewed_at[32];
    bool fresh;
} op;

/* What the server holds for one of this kiosk's leads after the push: its state (the columns
 * of sql_answer_states) and its holds (the rows of `holds` whose inquiry is the lead). */
enum { A_ID, A_HOLD_STATE, A_HOLD_NOTE, A_MATCH_JSON, A_STATUS, A_COUNT };
typedef struct answer {
    char *v[A_COUNT];      /* owned; NULL for NULL */
    const PGresult *holds; /* b->put_holds or b->read_holds */
} answer;

typedef struct batch {
    op *ops;
    int n_ops;
    int64_t last_seq;
    lead *leads;
    int n_leads;
    char kiosk_id[64];
    /* the server's answer, per own lead */
    answer *answers;
    int n_answers;
    PGresult *put_holds;   /* the holds this transaction inserted (SERVER_HOLD_* columns) */
    PGresult *read_states; /* id, hold_state, hold_note, match_json, status */
    PGresult *read_holds;  /* the holds of the leads read back (SERVER_HOLD_* columns) */
} batch;

static void answers_clear(batch *b) {
    for (int i = 0; i < b->n_answers; i++) {
        for (int c = 0; c < A_COUNT; c++) {
            free(b->answers[i].v[c]);
        }
    }
    free(b->answers);
    b->answers = NULL;
    b->n_answers = 0;
    PQclear(b->put_holds);
    PQclear(b->read_states);
    PQclear(b->read_holds);
    b->put_holds = b->read_states = b->read_holds = NULL;
}

static void batch_free(batch *b) {
    for (int i = 0; i < b->n_leads; i++) {
        for (int c = 0; c < L_COUNT; c++) {
            free(b->leads[i].v[c]);
        }
        free(b->leads[i].holds);
        free(b->leads[i].note);
        free(b->leads[i].match_json);
    }
    free(b->leads);
    free(b->ops);
    answers_clear(b);
    memset(b, 0, sizeof *b);
}

/* This kiosk's id as stamped on its leads: kiosk.ini's, else the database's. "" when neither
 * (no lead was recorded here: every lead in it was merged in). */
static void own_kiosk_id(const sync_session *s, db *d, char *out, size_t cap) {
    if (s->cfg.kiosk_id[0]) {
        str_copy(out, cap, s->cfg.kiosk_id);
        return;
    }
    char *stored = db_setting_get(d, "kiosk_id");
    str_copy(out, cap, stored ? stored : "");
    free(stored);
}

/* Reads lead `id` (and its instant holds) into a new entry of b->leads; returns its index, or
 * -1 when the lead is gone, -2 on error. */
static int read_lead(db *d, batch *b, const char *id, ocop_error *err) {
    for (int i = 0; i < b->n_leads; i++) {
        if (strcmp(b->leads[i].v[L_ID], id) == 0) {
            return i;
        }
    }
    sqlite3_stmt *st = db_prepare(d, sql_read_lead, err);
    if (!st) {
        return -2;
    }
    db_bind_text(st, ":id", id);
    int rc = db_step(d, st, err);
    if (rc != SQLITE_ROW) {
        sqlite3_reset(st);
        return rc == SQLITE_DONE ? -1 : -2;
    }
    b->leads = xreallocarray(b->leads, (size_t)b->n_leads + 1, sizeof *b->leads);
    lead *l = &b->leads[b->n_leads];
    memset(l, 0, sizeof *l);
    for (int c = 0; c < L_COUNT; c++) {
        l->v[c] = db_column_strdup(st, c);
    }
    sqlite3_reset(st);
    l->own = b->kiosk_id[0] && l->v[L_KIOSK] && strcmp(l->v[L_KIOSK], b->kiosk_id) == 0;
    st = db_prepare(d, sql_read_holds, err);
    if (!st) {
        return -2;
    }
    db_bind_text(st, ":id", id);
    while ((rc = db_step(d, st, err)) == SQLITE_ROW) {
        l->holds = xreallocarray(l->holds, (size_t)l->n_holds + 1, sizeof *l->holds);
        asked_hold *h = &l->holds[l->n_holds++];
        db_column_copy(st, 0, h->product, sizeof h->product);
        db_column_copy(st, 1, h->month, sizeof h->month);
        h->quantity = sqlite3_column_double(st, 2);
        db_column_copy(st, 3, h->created_at, sizeof h->created_at);
        db_column_copy(st, 4, h->expires_at, sizeof h->expires_at);
        db_column_copy(st, 5, h->base_unit, sizeof h->base_unit);
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        return -2;
    }
    return b->n_leads++;
}

/* Reads the first `limit` outbox rows and what they name, in one read transaction. */
static int read_batch(sync_session *s, db *d, int limit, batch *b, ocop_error *err) {
    static const char sql_ops[] = "SELECT seq, id, kind, ref FROM outbox ORDER BY seq LIMIT :limit";
    own_kiosk_id(s, d, b->kiosk_id, sizeof b->kiosk_id);
    if (db_begin(d, false, err) != 0) {
        return -1;
    }
    sqlite3_stmt *st = db_prepare(d, sql_ops, err);
    if (!st) {
        goto fail;
    }
    db_bind_int64(st, ":limit", limit);
    int rc;
    while ((rc = db_step(d, st, err)) == SQLITE_ROW) {
        b->ops = xreallocarray(b->ops, (size_t)b->n_ops + 1, sizeof *b->ops);
        op *o = &b->ops[b->n_ops++];
        memset(o, 0, sizeof *o);
        o->seq = sqlite3_column_int64(st, 0);
        db_column_copy(st, 1, o->id, sizeof o->id);
        db_column_copy(st, 2, o->kind, sizeof o->kind);
        db_column_copy(st, 3, o->ref, sizeof o->ref);
        o->lead = -1;
        b->last_seq = o->seq;
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        goto fail;
    }
    for (int i = 0; i < b->n_ops; i++) {
        op *o = &b->ops[i];
        if (strcmp(o->kind, "view") == 0) {
            st = db_prepare(d, sql_read_view, err);
            if (!st) {
                goto fail;
            }
            db_bind_int64(st, ":rowid", strtoll(o->ref, NULL, 10));
            rc = db_step(d, st, err);
            if (rc == SQLITE_ROW) {
                db_column_copy(st, 0, o->product, sizeof o->product);
                db_column_copy(st, 1, o->viewed_at, sizeof o->viewed_at);
            }
            sqlite3_reset(st);
            if (rc < 0) {
                goto fail;
            }
        } else {
            o->lead = read_lead(d, b, o->ref, err);
            if (o->lead == -2) {
                goto fail;
            }
        }
    }
    db_rollback(d); /* a read transaction: nothing to keep */
    return 0;
fail:
    db_rollback(d);
    return -1;
}

/* ---- the outbox, pushed --------------------------------------------------------------------- */

#define APPLY_OPS                                                                                  \
    "INSERT INTO sync_applied (id, kiosk_id, kind, applied_at)"                                    \
    " SELECT t.id, $2, t.kind, $4 FROM unnest($1::TEXT[], $3::TEXT[]) AS t (id, kind)"             \
    " ON CONFLICT (id) DO NOTHING RETURNING id"

static const char sql_applied[] = APPLY_OPS;

/* push_one_trip: the rows applied, refused unless all $5 of them are new to the server. */
static const char sql_applied_all_new[] =
    "WITH added AS (" APPLY_OPS
    ") SELECT " SERVER_REFUSE_UNLESS("count(*) = $5::INT") " FROM added";

static const char sql_kiosk[] =
    "INSERT INTO kiosk (id, fair, first_contact, last_contact) VALUES ($1, NULLIF($2, ''), $3, $3)"
    " ON CONFLICT (id) DO UPDATE SET fair = excluded.fair, last_contact = excluded.last_contact";

static const char sql_open_leads[] =
    "SELECT id FROM inquiry WHERE id = ANY($1::TEXT[]) AND status <> 'open'";

/* The own leads the server had, released: their instant holds go (and the totals of what they
 * held are marked stale). */
static const char sql_release[] =
    "DELETE FROM hold WHERE inquiry_id = ANY($1::TEXT[]) AND kind = 'instant'"
    " RETURNING product_code, month";

/* Declared capacity of (product, month) pairs: the month's row, else '*', else 0. */
static const char sql_declared[] = "SELECT k.product_code, k.month, " SERVER_DECLARED(
    "k") " FROM unnest($1::TEXT[], $2::TEXT[]) AS k (product_code, month)";

/* The leads of a batch, as one statement: each column one array parameter ($1 … $28), then
 * the kiosk's fair ($29), its id ($30) and now ($31). */
#define PUT_INQUIRIES                                                                              \
    "INSERT INTO inquiry (id, kiosk_id, created_at, buyer_name, buyer_company, buyer_phone,"       \
    " buyer_email, buyer_province, lang, product_code, grp, query, quantity, unit,"                \
    " base_quantity, base_unit, month_from, month_to, min_stars, max_price_vnd, note,"             \
    " consent_contact, consent_share, match_json, duplicate_of, purged_at, hold_state,"            \
    " hold_note, fair, received_at, updated_at)"                                                   \
    " SELECT t.*, CASE WHEN t.kiosk_id = $30 THEN NULLIF($29, '') END, $31, $31"                   \
    " FROM unnest($1::TEXT[], $2::TEXT[], $3::TEXT[], $4::TEXT[], $5::TEXT[], $6::TEXT[],"         \
    " $7::TEXT[], $8::TEXT[], $9::TEXT[], $10::TEXT[], $11::TEXT[], $12::TEXT[],"                  \
    " $13::FLOAT8[], $14::TEXT[], $15::FLOAT8[], $16::TEXT[], $17::TEXT[], $18::TEXT[],"           \
    " $19::INT[], $20::BIGINT[], $21::TEXT[], $22::INT[], $23::INT[], $24::TEXT[],"                \
    " $25::TEXT[], $26::TEXT[], $27::TEXT[], $28::TEXT[])"                                         \
    " AS t (id, kiosk_id, created_at, buyer_name, buyer_company, buyer_phone, buyer_email,"        \
    " buyer_province, lang, product_code, grp, query, quantity, unit, base_quantity,"              \
    " base_unit, month_from, month_to, min_stars, max_price_vnd, note, consent_contact,"           \
    " consent_share, match_json, duplicate_of, purged_at, hold_state, hold_note)"

/* New leads only, without reading the table (so without predicate locks): the ids returned are
 * the leads the server did not have. */
static const char sql_new_inquiries[] = PUT_INQUIRIES " ON CONFLICT (id) DO NOTHING RETURNING id";

/* push_one_trip: the new leads, refused unless the $33 own ones (ids $32) are all new. */
static const char sql_new_inquiries_own_new[] =
    "WITH added AS (" PUT_INQUIRIES " ON CONFLICT (id) DO NOTHING RETURNING id)"
    " SELECT " SERVER_REFUSE_UNLESS(
        "count(*) = $33::INT") " FROM added WHERE added.id = ANY($32::TEXT[])";

static const char sql_put_inquiries[] = PUT_INQUIRIES
    " ON CONFLICT (id) DO UPDATE SET created_at = excluded.created_at,"
    " buyer_name = excluded.buyer_name, buyer_company = excluded.buyer_company,"
    " buyer_phone = excluded.buyer_phone, buyer_email = excluded.buyer_email,"
    " buyer_province = excluded.buyer_province, lang = excluded.lang,"
    " product_code = excluded.product_code, grp = excluded.grp, query = excluded.query,"
    " quantity = excluded.quantity, unit = excluded.unit,"
    " base_quantity = excluded.base_quantity, base_unit = excluded.base_unit,"
    " month_from = excluded.month_from, month_to = excluded.month_to,"
    " min_stars = excluded.min_stars, max_price_vnd = excluded.max_price_vnd,"
    " note = excluded.note, consent_contact = excluded.consent_contact,"
    " consent_share = excluded.consent_share, match_json = excluded.match_json,"
    " purged_at = excluded.purged_at, hold_state = excluded.hold_state,"
    " hold_note = excluded.hold_note, updated_at = excluded.updated_at"
    " WHERE inquiry.kiosk_id = excluded.kiosk_id AND excluded.kiosk_id = $30";

static const char sql_put_views[] =
    "INSERT INTO product_view (id, kiosk_id, fair, product_code, viewed_at)"
    " SELECT t.id, $4, NULLIF($5, ''), t.product_code, t.viewed_at"
    " FROM unnest($1::TEXT[], $2::TEXT[], $3::TEXT[]) AS t (id, product_code, viewed_at)"
    " ON CONFLICT (id) DO NOTHING";

static const char sql_answer_states[] =
    "SELECT id, hold_state, hold_note, match_json, status FROM inquiry"
    " WHERE id = ANY($1::TEXT[])";

static const char sql_answer_holds[] =
    "SELECT inquiry_id, product_code, month, kind, base_quantity, created_at, expires_at"
    " FROM hold WHERE inquiry_id = ANY($1::TEXT[])";

typedef struct push_job {
    batch *b;
    const char *shown_now;
    char now[32];
    const char *fair;
    int confirmed, cut, leads, views;
    bool one_trip; /* try push_one_trip (else the long way) */
    bool refused;  /* push_one_trip's guards refused: run it the long way */
} push_job;

/* Free capacity left for grants, per (product, month), as the transaction goes. */
typedef struct free_entry {
    const char *product, *month;
    double free;
} free_entry;

static free_entry *find_free(free_entry *f, int n, const char *product, const char *month) {
    for (int i = 0; i < n; i++) {
        if (strcmp(f[i].product, product) == 0 && strcmp(f[i].month, month) == 0) {
            return &f[i];
        }
    }
    return NULL;
}

/* True for an own, fresh, open lead whose holds are granted in this transaction. */
static bool grants_here(const lead *l) {
    return l->own && l->fresh && l->outcome != NULL;
}

/* Grants the asked holds of the batch's own fresh open leads, in outbox order, from `free`;
 * sets each lead's outcome, note and (buyer shown now) match JSON. `granted` gets one entry per
 * asked hold, in order. */
static void grant_all(push_job *job, free_entry *free_list, int n_free, double *granted) {
    int k = 0;
    for (int i = 0; i < job->b->n_leads; i++) {
        lead *l = &job->b->leads[i];
        if (!grants_here(l)) {
            continue;
        }
        grant_line *lines = xcalloc((size_t)l->n_holds + 1, sizeof *lines);
        int n = 0;
        for (int h = 0; h < l->n_holds; h++) {
            asked_hold *a = &l->holds[h];
            double g = 0;
            if (strcmp(a->expires_at, job->now) > 0) { /* an expired hold asks nothing */
                free_entry *f = find_free(free_list, n_free, a->product, a->month);
                g = f && f->free > 0 ? (a->quantity < f->free ? a->quantity : f->free) : 0;
                if (f) {
                    f->free -= g;
                }
                grant_line *gl = &lines[n++];
                str_copy(gl->product, sizeof gl->product, a->product);
                str_copy(gl->month, sizeof gl->month, a->month);
                str_copy(gl->base_unit, sizeof gl->base_unit, a->base_unit);
                gl->asked = a->quantity;
                gl->granted = g;
            }
            granted[k++] = g;
        }
        bool shown = job->shown_now && strcmp(job->shown_now, l->v[L_ID]) == 0;
        strbuf note = {0};
        if (l->v[L_HOLD_NOTE] && l->v[L_HOLD_NOTE][0]) {
            sb_append(&note, l->v[L_HOLD_NOTE]);
        }
        const char *before = l->v[L_HOLD_STATE];
        l->outcome = grant_outcome(before, shown, lines, n, &note);
        free(l->note);
        l->note = strcmp(l->outcome, "cut") == 0 ? sb_take(&note) : NULL;
        sb_free(&note);
        free(l->match_json);
        l->match_json = shown ? grant_apply_json(l->v[L_MATCH_JSON], lines, n) : NULL;
        bool was_cut = before && strcmp(before, "cut") == 0;
        if (strcmp(l->outcome, "cut") == 0 && !was_cut) {
            job->cut++;
        } else if (strcmp(l->outcome, "confirmed") == 0 &&
                   !(before && strcmp(before, "confirmed") == 0)) {
            job->confirmed++;
        }
        free(lines);
    }
}

/* Marks which ops the server had not applied yet (`r`: the ids it just recorded). */
static void mark_fresh(batch *b, const PGresult *r) {
    for (int i = 0; i < PQntuples(r); i++) {
        const char *id = PQgetvalue(r, i, 0);
        for (int k = 0; k < b->n_ops; k++) {
            if (strcmp(b->ops[k].id, id) == 0) {
                b->ops[k].fresh = true;
                if (b->ops[k].lead >= 0) {
                    b->leads[b->ops[k].lead].fresh = true;
                }
            }
        }
    }
}

/* The lead columns of `l` as the server gets them: its outcome, note and (buyer shown now)
 * match when its holds are granted here. */
static const char *lead_value(const lead *l, int c) {
    if (grants_here(l) && c == L_HOLD_STATE) {
        return l->outcome;
    }
    if (grants_here(l) && c == L_HOLD_NOTE) {
        return l->note;
    }
    if (grants_here(l) && c == L_MATCH_JSON && l->match_json) {
        return l->match_json;
    }
    return l->v[c];
}

/* The parameters of PUT_INQUIRIES … for the leads `pick` selects, into `p` (empty when it
 * selects none). Returns how many leads. */
static int lead_params(const push_job *job, bool (*pick)(const lead *), server_params *p) {
    const batch *b = job->b;
    server_array cols[L_COUNT];
    memset(cols, 0, sizeof cols);
    int n = 0;
    for (int i = 0; i < b->n_leads; i++) {
        const lead *l = &b->leads[i];
        if (!pick(l)) {
            continue;
        }
        for (int c = 0; c < L_COUNT; c++) {
            server_array_add(&cols[c], lead_value(l, c));
        }
        n++;
    }
    if (n == 0) {
        return 0;
    }
    for (int c = 0; c < L_COUNT; c++) {
        server_params_take_array(p, &cols[c]);
    }
    server_params_text(p, job->fair);
    server_params_text(p, b->kiosk_id);
    server_params_text(p, job->now);
    return n;
}

static bool is_any(const lead *l) {
    (void)l;
    return true;
}

static bool is_own(const lead *l) {
    return l->own;
}

static bool is_own_fresh(const lead *l) {
    return l->own && l->fresh;
}

/* An own fresh lead the server already had (an edit, a purge, a batch sent again). */
static bool is_own_known(const lead *l) {
    return l->own && l->fresh && !l->inserted;
}

static lead *find_lead(batch *b, const char *id) {
    for (int k = 0; k < b->n_leads; k++) {
        if (strcmp(b->leads[k].v[L_ID], id) == 0) {
            return &b->leads[k];
        }
    }
    return NULL;
}

/* Step 2 of push_attempt: the own leads the server had. Not open there: the organiser's holds
 * stay, nothing is granted. Open: their instant holds are released (the totals of what they
 * held marked stale) and granted again below. */
static int release_known(server *s, batch *b, ocop_error *err) {
    server_array known = {0};
    int n = 0;
    for (int i = 0; i < b->n_leads; i++) {
        if (is_own_known(&b->leads[i])) {
            server_array_add(&known, b->leads[i].v[L_ID]);
            n++;
        }
    }
    if (n == 0) {
        sb_free(&known.sb);
        return 0;
    }
    server_params p = {0};
    server_params_take_array(&p, &known);
    PGresult *r = server_exec(s, sql_open_leads, &p, err);
    if (!r) {
        server_params_free(&p);
        return -1;
    }
    for (int i = 0; i < PQntuples(r); i++) {
        lead *l = find_lead(b, PQgetvalue(r, i, 0));
        if (l) {
            l->outcome = NULL; /* not open: its holds are the server's */
        }
    }
    PQclear(r);
    r = server_exec(s, sql_release, &p, err);
    server_params_free(&p);
    if (!r) {
        return -1;
    }
    int rows = PQntuples(r);
    const char **products = xcalloc((size_t)rows + 1, sizeof *products);
    const char **months = xcalloc((size_t)rows + 1, sizeof *months);
    for (int i = 0; i < rows; i++) {
        products[i] = PQgetvalue(r, i, 0);
        months[i] = PQgetvalue(r, i, 1);
    }
    int rc = server_holds_stale(s, products, months, rows, err);
    free(products);
    free(months);
    PQclear(r);
    return rc;
}

/* The (product, month) pairs the holds of the leads `pick` selects ask, each once (strings
 * borrowed from the batch), with free = 0; *n gets how many. */
static free_entry *asked_pairs(const batch *b, bool (*pick)(const lead *), int *n) {
    int cap = 0;
    for (int i = 0; i < b->n_leads; i++) {
        cap += pick(&b->leads[i]) ? b->leads[i].n_holds : 0;
    }
    free_entry *list = xcalloc((size_t)cap + 1, sizeof *list);
    *n = 0;
    for (int i = 0; i < b->n_leads; i++) {
        const lead *l = &b->leads[i];
        for (int h = 0; pick(l) && h < l->n_holds; h++) {
            if (!find_free(list, *n, l->holds[h].product, l->holds[h].month)) {
                list[*n].product = l->holds[h].product;
                list[*n].month = l->holds[h].month;
                (*n)++;
            }
        }
    }
    return list;
}

/* The parameters of sql_declared and of the totals' lock for the n pairs. */
static void pair_params(const free_entry *list, int n, server_params *p_declared,
                        server_params *p_lock, server_step *lock) {
    const char **products = xcalloc((size_t)n + 1, sizeof *products);
    const char **months = xcalloc((size_t)n + 1, sizeof *months);
    for (int i = 0; i < n; i++) {
        products[i] = list[i].product;
        months[i] = list[i].month;
    }
    server_params_array(p_declared, products, n);
    server_params_array(p_declared, months, n);
    server_holds_lock_step(products, months, n, p_lock, lock);
    free(products);
    free(months);
}

/* Sets the free capacity of the n pairs of `list` from the results of the totals' lock
 * (`locked`, recomputing stale totals) and of sql_declared. Returns 0 or -1. */
static int set_free(server *s, push_job *job, free_entry *list, int n, const PGresult *locked,
                    const PGresult *declared, ocop_error *err) {
    const char **products = xcalloc((size_t)n + 1, sizeof *products);
    const char **months = xcalloc((size_t)n + 1, sizeof *months);
    double *held = xcalloc((size_t)n + 1, sizeof *held);
    for (int i = 0; i < n; i++) {
        products[i] = list[i].product;
        months[i] = list[i].month;
    }
    int rc = server_holds_locked(s, locked, products, months, n, job->now, held, err);
    for (int i = 0; rc == 0 && i < PQntuples(declared); i++) {
        free_entry *f = find_free(list, n, PQgetvalue(declared, i, 0), PQgetvalue(declared, i, 1));
        if (f) {
            f->free = server_double(declared, i, 2) - held[f - list];
        }
    }
    free(products);
    free(months);
    free(held);
    return rc;
}

/* Step 2 when release_known released holds: the free capacity of every (product, month) the granted
 * leads ask, their totals locked (again: the release marked some stale) until the transaction
 * ends. Returns the list (n_free entries), or NULL on error. */
static free_entry *free_capacity(server *s, push_job *job, int *n_free, ocop_error *err) {
    free_entry *list = asked_pairs(job->b, grants_here, n_free);
    if (*n_free == 0) {
        return list;
    }
    server_params p_declared = {0}, p_lock = {0};
    server_step steps[2];
    pair_params(list, *n_free, &p_declared, &p_lock, &steps[0]);
    steps[1] = (server_step){.sql = sql_declared, .p = &p_declared};
    int rc = server_pipeline(s, steps, 2, false, err);
    server_params_free(&p_declared);
    server_params_free(&p_lock);
    if (rc == 0) {
        rc = set_free(s, job, list, *n_free, steps[0].result, steps[1].result, err);
    }
    PQclear(steps[0].result);
    PQclear(steps[1].result);
    if (rc != 0) {
        free(list);
        return NULL;
    }
    return list;
}

/* Step 4: the parameters of server_holds_put_sql for the granted holds, one row per (lead, product,
 * month). Returns how many rows. */
static int hold_params(const batch *b, const double *granted, server_params *p) {
    server_array h_id = {0}, h_product = {0}, h_month = {0}, h_qty = {0}, h_created = {0},
                 h_expires = {0};
    int n_holds = 0, k = 0;
    for (int i = 0; i < b->n_leads; i++) {
        const lead *l = &b->leads[i];
        if (!grants_here(l)) {
            continue;
        }
        for (int h = 0; h < l->n_holds; h++, k++) {
            if (granted[k] <= GRANT_EPSILON) {
                continue;
            }
            /* Two lines of one product and month become one hold row. */
            double qty = granted[k];
            bool merged = false;
            for (int e = 0; e < h; e++) {
                merged |= strcmp(l->holds[e].product, l->holds[h].product) == 0 &&
                          strcmp(l->holds[e].month, l->holds[h].month) == 0;
            }
            if (merged) {
                continue;
            }
            for (int e = h + 1; e < l->n_holds; e++) {
                if (strcmp(l->holds[e].product, l->holds[h].product) == 0 &&
                    strcmp(l->holds[e].month, l->holds[h].month) == 0) {
                    qty += granted[k + (e - h)];
                }
            }
            server_array_add(&h_id, l->v[L_ID]);
            server_array_add(&h_product, l->holds[h].product);
            server_array_add(&h_month, l->holds[h].month);
            server_array_add_double(&h_qty, qty);
            server_array_add(&h_created, l->holds[h].created_at);
            server_array_add(&h_expires, l->holds[h].expires_at);
            n_holds++;
        }
    }
    server_params_take_array(p, &h_id);
    server_params_take_array(p, &h_product);
    server_params_take_array(p, &h_month);
    server_params_take_array(p, &h_qty);
    server_params_take_array(p, &h_created);
    server_params_take_array(p, &h_expires);
    return n_holds;
}

/* Step 4: the server's answer for this kiosk's leads in the batch, fresh or not (a batch sent
 * again after a crash gets the answer the first sending did not hear). A lead this transaction
 * inserted and granted is answered from what it writes (its holds: b->put_holds, set with
 * answers_written_holds once written); the others are read back: their ids go into `p` for
 * sql_answer_states and sql_answer_holds. Returns how many are read back. */
static int answer_written(push_job *job, server_params *p) {
    batch *b = job->b;
    b->answers = xcalloc((size_t)b->n_leads + 1, sizeof *b->answers);
    server_array ask = {0};
    int n_ask = 0;
    for (int i = 0; i < b->n_leads; i++) {
        const lead *l = &b->leads[i];
        if (!l->own) {
            continue;
        }
        if (!(l->inserted && grants_here(l))) {
            server_array_add(&ask, l->v[L_ID]);
            n_ask++;
            continue;
        }
        answer *a = &b->answers[b->n_answers++];
        a->v[A_ID] = xstrdup(l->v[L_ID]);
        a->v[A_HOLD_STATE] = xstrdup(l->outcome);
        a->v[A_HOLD_NOTE] = l->note ? xstrdup(l->note) : NULL;
        const char *match = lead_value(l, L_MATCH_JSON);
        a->v[A_MATCH_JSON] = match ? xstrdup(match) : NULL;
        a->v[A_STATUS] = xstrdup("open");
    }
    if (n_ask == 0) {
        sb_free(&ask.sb);
        return 0;
    }
    server_params_take_array(p, &ask);
    return n_ask;
}

/* The answers answer_written made (the first b->n_answers) read their holds from b->put_holds,
 * now that it is set. */
static void answers_written_holds(batch *b) {
    for (int i = 0; i < b->n_answers; i++) {
        b->answers[i].holds = b->put_holds;
    }
}

/* The answers of the leads read back (b->read_states and b->read_holds set). */
static void answer_read(batch *b) {
    for (int i = 0; i < PQntuples(b->read_states); i++) {
        answer *a = &b->answers[b->n_answers++];
        for (int c = 0; c < A_COUNT; c++) {
            a->v[c] = server_is_null(b->read_states, i, c)
                          ? NULL
                          : xstrdup(PQgetvalue(b->read_states, i, c));
        }
        a->holds = b->read_holds;
    }
}

/* Frees the parameters of a pipeline's steps and their results. */
static void steps_free(server_params *p, int n_params, server_step *steps, int n_steps) {
    for (int i = 0; i < n_params; i++) {
        server_params_free(&p[i]);
    }
    for (int i = 0; i < n_steps; i++) {
        PQclear(steps[i].result);
        steps[i].result = NULL;
    }
}

/* The parameters of sql_applied (and, with the count of rows added, sql_applied_all_new): every
 * outbox row of the batch. */
static void applied_params(const push_job *job, server_params *p) {
    const batch *b = job->b;
    server_array ids = {0}, kinds = {0};
    for (int i = 0; i < b->n_ops; i++) {
        server_array_add(&ids, b->ops[i].id);
        server_array_add(&kinds, b->ops[i].kind);
    }
    server_params_take_array(p, &ids);
    server_params_text(p, b->kiosk_id[0] ? b->kiosk_id : "unknown");
    server_params_take_array(p, &kinds);
    server_params_text(p, job->now);
}

/* The parameters of sql_kiosk; false (and none) when the kiosk has no id. */
static bool kiosk_params(const push_job *job, server_params *p) {
    if (!job->b->kiosk_id[0]) {
        return false;
    }
    server_params_text(p, job->b->kiosk_id);
    server_params_text(p, job->fair);
    server_params_text(p, job->now);
    return true;
}

/* The parameters of sql_put_views: the fresh views of the batch. Counts them in job->views and
 * returns how many. */
static int view_params(push_job *job, server_params *p) {
    const batch *b = job->b;
    server_array v_id = {0}, v_product = {0}, v_at = {0};
    for (int i = 0; i < b->n_ops; i++) {
        const op *o = &b->ops[i];
        if (o->fresh && strcmp(o->kind, "view") == 0 && o->product[0]) {
            server_array_add(&v_id, o->id);
            server_array_add(&v_product, o->product);
            server_array_add(&v_at, o->viewed_at);
            job->views++;
        }
    }
    server_params_take_array(p, &v_id);
    server_params_take_array(p, &v_product);
    server_params_take_array(p, &v_at);
    server_params_text(p, b->kiosk_id[0] ? b->kiosk_id : "unknown");
    server_params_text(p, job->fair);
    return job->views;
}

/* The push in one round trip, for the usual batch: rows the server has not seen, leads of this
 * kiosk new to it, and free capacity for all they ask. Everything is decided before anything is
 * sent, on that assumption: every row fresh, every own lead inserted, every asked hold granted
 * whole (grant_all against unlimited free capacity); then BEGIN, the statements and COMMIT go
 * in one pipeline, three of them guards (SERVER_REFUSE_UNLESS) that abort the transaction when
 * the assumption is wrong: a row the server had applied (a batch sent again), an own lead it
 * had (an edit), or a held total that is stale or leaves less free than the batch takes of it
 * (server_holds_check_step). Then job->refused is set and the caller runs the push the long
 * way. When the guards pass, the long way would have granted the same: with at least what the
 * batch takes of a pair free, grant_all grants each of its holds whole.
 *
 * Why: the long way needs the locked totals before it can grant, so it makes two round trips,
 * and between them the server process holds the totals' locks while it waits for the kiosk to
 * be scheduled, compute the grants and answer; under load that wait was most of a buyer's hold
 * transaction (docs/server.md). */
static int push_one_trip(server *s, push_job *job, ocop_error *err) {
    batch *b = job->b;
    server_array own_ids = {0};
    int n_own = 0;
    for (int i = 0; i < b->n_ops; i++) {
        b->ops[i].fresh = true;
    }
    for (int i = 0; i < b->n_leads; i++) {
        lead *l = &b->leads[i];
        l->fresh = true;
        job->leads++;
        if (l->own) {
            l->inserted = true;
            l->outcome = ""; /* set by grant_all */
            server_array_add(&own_ids, l->v[L_ID]);
            n_own++;
        }
    }
    int n_pairs, n_asked = 0;
    free_entry *pairs = asked_pairs(b, grants_here, &n_pairs);
    for (int i = 0; i < n_pairs; i++) {
        pairs[i].free = HUGE_VAL;
    }
    for (int i = 0; i < b->n_leads; i++) {
        n_asked += grants_here(&b->leads[i]) ? b->leads[i].n_holds : 0;
    }
    double *granted = xcalloc((size_t)n_asked + 1, sizeof *granted);
    grant_all(job, pairs, n_pairs, granted);
    /* What the grants take of each pair, and the pairs as the check's parameters. */
    double *taken = xcalloc((size_t)n_pairs + 1, sizeof *taken);
    const char **products = xcalloc((size_t)n_pairs + 1, sizeof *products);
    const char **months = xcalloc((size_t)n_pairs + 1, sizeof *months);
    for (int i = 0, k = 0; i < b->n_leads; i++) {
        const lead *l = &b->leads[i];
        for (int h = 0; grants_here(l) && h < l->n_holds; h++, k++) {
            taken[find_free(pairs, n_pairs, l->holds[h].product, l->holds[h].month) - pairs] +=
                granted[k];
        }
    }
    for (int i = 0; i < n_pairs; i++) {
        products[i] = pairs[i].product;
        months[i] = pairs[i].month;
    }

    /* The totals are locked last, just before the holds are written, so that another push
     * waits on them for as little as possible (the locks last until COMMIT). */
    enum { P_APPLIED, P_KIOSK, P_LEADS, P_VIEWS, P_CHECK, P_HOLDS, P_ASK, P_COUNT };
    server_params p[P_COUNT];
    memset(p, 0, sizeof p);
    server_step steps[SERVER_MAX_PIPELINE];
    int n = 0, i_holds = -1;
    applied_params(job, &p[P_APPLIED]);
    server_params_int(&p[P_APPLIED], b->n_ops);
    steps[n++] = (server_step){.sql = sql_applied_all_new, .p = &p[P_APPLIED]};
    if (kiosk_params(job, &p[P_KIOSK])) {
        steps[n++] = (server_step){.sql = sql_kiosk, .p = &p[P_KIOSK]};
    }
    if (lead_params(job, is_any, &p[P_LEADS]) > 0) {
        server_params_take_array(&p[P_LEADS], &own_ids);
        server_params_int(&p[P_LEADS], n_own);
        steps[n++] = (server_step){.sql = sql_new_inquiries_own_new, .p = &p[P_LEADS]};
    }
    sb_free(&own_ids.sb);
    if (view_params(job, &p[P_VIEWS]) > 0) {
        steps[n++] = (server_step){.sql = sql_put_views, .p = &p[P_VIEWS]};
    }
    if (n_pairs > 0) {
        server_holds_check_step(products, months, taken, n_pairs, job->now, &p[P_CHECK],
                                &steps[n++]);
    }
    if (hold_params(b, granted, &p[P_HOLDS]) > 0) {
        i_holds = n;
        steps[n++] = (server_step){.sql = server_holds_put_sql, .p = &p[P_HOLDS]};
    }
    int n_ask = answer_written(job, &p[P_ASK]); /* every own lead is answered from its writes */
    OCOP_ASSERT(n_ask == 0);
    int rc = server_pipeline(s, steps, n, true, err);
    if (rc != 0) {
        job->refused = server_refused(s);
    } else if (i_holds >= 0) {
        b->put_holds = steps[i_holds].result; /* kept: the answer reads it */
        steps[i_holds].result = NULL;
        answers_written_holds(b);
    }
    steps_free(p, P_COUNT, steps, n);
    free(granted);
    free(taken);
    free(products);
    free(months);
    free(pairs);
    return rc;
}

/* One attempt of the push, inside the server's serialisable transaction. Every statement on
 * the tables all kiosks write (inquiry, hold, hold_total, sync_applied, product_view) is an
 * INSERT … ON CONFLICT, which PostgreSQL runs without predicate locks, so that pushes of
 * different kiosks do not conflict; only leads the server already had are read (rare: edits,
 * a batch sent again), and two pushes holding the same product and month wait for each other
 * on its total.
 *
 * With job->one_trip, push_one_trip (one round trip, the usual batch). Else the long way, for
 * any batch: the statements go in two pipelines (server_pipeline), so that it costs two round
 * trips to the server whatever its size (it cost ten, then three): the time a buyer waits, and
 * the time a push keeps its totals locked, is then mostly the server's work, not the network's
 * or the scheduler's (on a busy machine each round trip waits for the server's process and
 * then the kiosk's to be scheduled). The cut is where the kiosk must compute: the grants need
 * the locked totals. */
static int push_attempt(server *s, void *ctx, ocop_error *err) {
    push_job *job = ctx;
    batch *b = job->b;
    job->confirmed = job->cut = job->leads = job->views = 0;
    answers_clear(b);
    for (int i = 0; i < b->n_ops; i++) {
        b->ops[i].fresh = false;
    }
    for (int i = 0; i < b->n_leads; i++) {
        b->leads[i].fresh = false;
        b->leads[i].inserted = false;
        b->leads[i].outcome = NULL;
    }
    if (job->one_trip) {
        return push_one_trip(s, job, err);
    }

    /* 1. One round trip: which rows are new to the server; the kiosk's contact; the leads it
     * does not have yet (all of the batch's: a lead none of whose rows is new was sent before,
     * and ON CONFLICT leaves it); and, for what the own leads ask, the held totals locked and
     * the declared capacity (which leads are granted is known only after it, so it may lock a
     * pair more than needed: the pairs of a lead sent again). */
    enum { P_APPLIED, P_KIOSK, P_NEW, P_LOCK, P_DECLARED, P_COUNT };
    server_params p[P_COUNT];
    memset(p, 0, sizeof p);
    server_step steps[SERVER_MAX_PIPELINE];
    int n = 0, i_new = -1, i_lock = -1;
    applied_params(job, &p[P_APPLIED]);
    steps[n++] = (server_step){.sql = sql_applied, .p = &p[P_APPLIED]};
    if (kiosk_params(job, &p[P_KIOSK])) {
        steps[n++] = (server_step){.sql = sql_kiosk, .p = &p[P_KIOSK]};
    }
    if (lead_params(job, is_any, &p[P_NEW]) > 0) {
        i_new = n;
        steps[n++] = (server_step){.sql = sql_new_inquiries, .p = &p[P_NEW]};
    }
    int n_asked_pairs;
    free_entry *free_list = asked_pairs(b, is_own, &n_asked_pairs);
    if (n_asked_pairs > 0) {
        i_lock = n;
        pair_params(free_list, n_asked_pairs, &p[P_DECLARED], &p[P_LOCK], &steps[n++]);
        steps[n++] = (server_step){.sql = sql_declared, .p = &p[P_DECLARED]};
    }
    if (server_pipeline(s, steps, n, false, err) != 0) {
        steps_free(p, P_COUNT, steps, 0);
        free(free_list);
        return -1;
    }
    mark_fresh(b, steps[0].result);
    for (int i = 0; i_new >= 0 && i < PQntuples(steps[i_new].result); i++) {
        lead *l = find_lead(b, PQgetvalue(steps[i_new].result, i, 0));
        if (l) {
            l->inserted = true;
        }
    }
    bool known = false;
    for (int i = 0; i < b->n_leads; i++) {
        job->leads += b->leads[i].fresh;
        if (is_own_fresh(&b->leads[i])) {
            b->leads[i].outcome = ""; /* granted below, unless release_known says otherwise */
        }
        known |= is_own_known(&b->leads[i]);
    }

    /* 2. The own leads it had (rare: an edit, a batch sent again): their holds are released
     * and the totals locked and read again, statement by statement. Else the free capacity
     * of the pairs the granted leads ask, from step 1. */
    int n_free = 0;
    int rc = 0;
    if (known) {
        free(free_list);
        free_list = NULL;
        rc = release_known(s, b, err);
        if (rc == 0) {
            free_list = free_capacity(s, job, &n_free, err);
            rc = free_list ? 0 : -1;
        }
    } else if (i_lock >= 0) {
        /* The pairs of the granted leads (own and fresh): some or all of those locked. */
        free(free_list);
        free_list = asked_pairs(b, grants_here, &n_free);
        rc = n_free > 0 ? set_free(s, job, free_list, n_free, steps[i_lock].result,
                                   steps[i_lock + 1].result, err)
                        : 0;
    }
    steps_free(p, P_COUNT, steps, n);
    if (rc != 0) {
        free(free_list);
        return -1;
    }

    /* 3. The grants, in outbox order. */
    int n_asked = 0;
    for (int i = 0; i < b->n_leads; i++) {
        n_asked += grants_here(&b->leads[i]) ? b->leads[i].n_holds : 0;
    }
    double *granted = xcalloc((size_t)n_asked + 1, sizeof *granted);
    grant_all(job, free_list, n_free, granted);
    free(free_list);

    /* 4. One round trip: the own leads as they are now, with their outcome (the ones just
     * inserted again), the granted holds with what they add to the totals, the product views,
     * the answer of the leads not written here (read after those writes: the statements run
     * in order), and COMMIT. */
    enum { W_LEADS, W_HOLDS, W_VIEWS, W_ASK, W_COUNT };
    server_params w[W_COUNT];
    memset(w, 0, sizeof w);
    n = 0;
    int i_holds = -1, i_states = -1;
    if (lead_params(job, is_own_fresh, &w[W_LEADS]) > 0) {
        steps[n++] = (server_step){.sql = sql_put_inquiries, .p = &w[W_LEADS]};
    }
    if (hold_params(b, granted, &w[W_HOLDS]) > 0) {
        i_holds = n;
        steps[n++] = (server_step){.sql = server_holds_put_sql, .p = &w[W_HOLDS]};
    }
    free(granted);
    if (view_params(job, &w[W_VIEWS]) > 0) {
        steps[n++] = (server_step){.sql = sql_put_views, .p = &w[W_VIEWS]};
    }
    if (answer_written(job, &w[W_ASK]) > 0) {
        i_states = n;
        steps[n++] = (server_step){.sql = sql_answer_states, .p = &w[W_ASK]};
        steps[n++] = (server_step){.sql = sql_answer_holds, .p = &w[W_ASK]};
    }
    rc = n > 0 ? server_pipeline(s, steps, n, true, err) : 0;
    if (rc == 0 && i_holds >= 0) {
        b->put_holds = steps[i_holds].result; /* kept: the answer reads it */
        steps[i_holds].result = NULL;
        answers_written_holds(b);
    }
    if (rc == 0 && i_states >= 0) {
        b->read_states = steps[i_states].result;
        b->read_holds = steps[i_states + 1].result;
        steps[i_states].result = steps[i_states + 1].result = NULL;
        answer_read(b);
    }
    steps_free(w, W_COUNT, steps, n);
    return rc;
}

/* ---- the answer, applied --------------------------------------------------------------------- */

static const char sql_newer_op[] =
    "SELECT 1 FROM outbox WHERE ref = :ref AND seq > :seq AND kind <> 'view' LIMIT 1";
static const char sql_drop_holds[] = "DELETE FROM hold WHERE inquiry_id = :id";
static const char sql_mirror_hold[] =
    "INSERT INTO hold (inquiry_id, product_id, month, base_quantity, kind, created_at,"
    " expires_at) SELECT :id, p.id, :month, :qty, :kind, :created, :expires"
    " FROM product p WHERE p.code = :code";
static const char sql_mirror_state[] =
    "UPDATE inquiry SET hold_state = :state, hold_note = :note,"
    " match_json = COALESCE(:match, match_json), status = :status WHERE id = :id";
static const char sql_ack[] = "DELETE FROM outbox WHERE seq <= :seq";
static const char sql_echo[] = "DELETE FROM outbox WHERE seq > :seq";
static const char sql_last_seq[] =
    "SELECT COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'outbox'), 0)";

static const char *null_if_empty(const PGresult *r, int row, int col) {
    return PQgetisnull(r, row, col) ? NULL : PQgetvalue(r, row, col);
}

/* Makes lead a->v[A_ID]'s holds and state in `d` what the server answered. */
static int mirror_lead(db *d, const batch *b, const answer *a, ocop_error *err) {
    const char *id = a->v[A_ID];
    const PGresult *holds = a->holds;
    sqlite3_stmt *st = db_prepare(d, sql_newer_op, err);
    if (!st) {
        return -1;
    }
    db_bind_text(st, ":ref", id);
    db_bind_int64(st, ":seq", b->last_seq);
    int rc = db_step(d, st, err);
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        return rc == SQLITE_ROW ? 0 : -1; /* changed since it was read: its newer row decides */
    }
    st = db_prepare(d, sql_drop_holds, err);
    if (!st) {
        return -1;
    }
    db_bind_text(st, ":id", id);
    rc = db_step(d, st, err);
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        return -1;
    }
    for (int i = 0; holds && i < PQntuples(holds); i++) {
        if (strcmp(PQgetvalue(holds, i, SERVER_HOLD_INQUIRY), id) != 0) {
            continue;
        }
        st = db_prepare(d, sql_mirror_hold, err);
        if (!st) {
            return -1;
        }
        db_bind_text(st, ":id", id);
        db_bind_text(st, ":code", PQgetvalue(holds, i, SERVER_HOLD_PRODUCT));
        db_bind_text(st, ":month", PQgetvalue(holds, i, SERVER_HOLD_MONTH));
        db_bind_text(st, ":kind", PQgetvalue(holds, i, SERVER_HOLD_KIND));
        db_bind_double(st, ":qty", server_double(holds, i, SERVER_HOLD_QUANTITY));
        db_bind_text(st, ":created", PQgetvalue(holds, i, SERVER_HOLD_CREATED));
        db_bind_text(st, ":expires", null_if_empty(holds, i, SERVER_HOLD_EXPIRES));
        rc = db_step(d, st, err);
        sqlite3_reset(st);
        if (rc != SQLITE_DONE) {
            return -1;
        }
    }
    st = db_prepare(d, sql_mirror_state, err);
    if (!st) {
        return -1;
    }
    db_bind_text(st, ":state", a->v[A_HOLD_STATE]);
    db_bind_text(st, ":note", a->v[A_HOLD_NOTE]);
    db_bind_text(st, ":match", a->v[A_MATCH_JSON]);
    db_bind_text(st, ":status", a->v[A_STATUS]);
    db_bind_text(st, ":id", id);
    rc = db_step(d, st, err);
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? 0 : -1;
}

/* One SQLite transaction: mirror the answer, acknowledge the batch, drop the echo (the outbox
 * rows the mirroring itself wrote: the server has that already). */
static int apply_answer(db *d, const batch *b, int64_t now, ocop_error *err) {
    if (db_begin(d, true, err) != 0) {
        return -1;
    }
    sqlite3_stmt *st = db_prepare(d, sql_last_seq, err);
    if (!st || db_step(d, st, err) != SQLITE_ROW) {
        goto fail;
    }
    int64_t before = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    for (int i = 0; i < b->n_answers; i++) {
        if (mirror_lead(d, b, &b->answers[i], err) != 0) {
            goto fail;
        }
    }
    st = db_prepare(d, sql_ack, err);
    if (!st) {
        goto fail;
    }
    db_bind_int64(st, ":seq", b->last_seq);
    if (db_step(d, st, err) != SQLITE_DONE) {
        goto fail;
    }
    st = db_prepare(d, sql_echo, err);
    if (!st) {
        goto fail;
    }
    db_bind_int64(st, ":seq", before);
    if (db_step(d, st, err) != SQLITE_DONE) {
        goto fail;
    }
    char t[32];
    stamp(now, t);
    if (db_setting_set(d, KEY_LAST_CONTACT, t, err) != 0 ||
        db_setting_set(d, KEY_LAST_ERROR, "", err) != 0) {
        goto fail;
    }
    return db_commit(d, err);
fail:
    db_rollback(d);
    return -1;
}

int sync_push(sync_session *s, db *d, int64_t now, const char *shown_now, int max_batches,
              sync_push_stats *stats, ocop_error *err) {
    memset(stats, 0, sizeof *stats);
    if (sync_session_connect(s, err) != 0) {
        return exchange_failed(s, d, now, err);
    }
    long retries_before = server_retries(s->conn);
    long trips_before = server_round_trips(s->conn);
    bool buyer_waiting = shown_now != NULL;
    double pause_ms = 0; /* before the next batch, if there is one */
    for (int n = 0; max_batches <= 0 || n < max_batches; n++) {
        batch b = {0};
        if (read_batch(s, d, s->cfg.sync.batch, &b, err) != 0) {
            batch_free(&b);
            return -1;
        }
        if (b.n_ops == 0) {
            batch_free(&b);
            break;
        }
        if (pause_ms > 0) {
            double p0 = mono_ms();
            buyer_waiting = pause_backlog(s, pause_ms);
            stats->paused_ms += mono_ms() - p0;
        }
        push_job job = {
            .b = &b, .shown_now = shown_now, .fair = s->cfg.sync.fair, .one_trip = true};
        stamp(now, job.now);
        double t0 = mono_ms();
        int tx = server_transaction(s->conn, false, push_attempt, &job, err);
        if (tx != 0 && job.refused) { /* not the usual batch: the long way */
            job.one_trip = job.refused = false;
            tx = server_transaction(s->conn, false, push_attempt, &job, err);
        }
        double batch_ms = mono_ms() - t0;
        stats->server_ms += batch_ms;
        /* A full batch has a backlog behind it; a short one emptied the outbox, and what came
         * in since is a buyer's fresh lead, not a backlog. */
        pace_batch paced = {.buyer_waiting = buyer_waiting,
                            .more_waiting = b.n_ops >= s->cfg.sync.batch &&
                                            (max_batches <= 0 || n + 1 < max_batches),
                            .server_ms = batch_ms};
        pause_ms = pace_pause_ms(&paced);
        if (tx != 0) {
            batch_free(&b);
            stats->retries = server_retries(s->conn) - retries_before;
            stats->round_trips = server_round_trips(s->conn) - trips_before;
            return exchange_failed(s, d, now, err);
        }
        int rc = apply_answer(d, &b, now, err);
        stats->rows += b.n_ops;
        batch_free(&b);
        if (rc != 0) {
            return -1;
        }
        stats->leads += job.leads;
        stats->views += job.views;
        stats->confirmed += job.confirmed;
        stats->cut += job.cut;
        stats->batches++;
    }
    stats->retries = server_retries(s->conn) - retries_before;
    stats->round_trips = server_round_trips(s->conn) - trips_before;
    return 0;
}

/* ---- the lead the buyer waits for ------------------------------------------------------- */

static const char sql_lead_state[] = "SELECT hold_state, match_json FROM inquiry WHERE id = :id";
static const char sql_mark_provisional[] =
    "UPDATE inquiry SET hold_state = 'provisional' WHERE id = :id AND hold_state IS NULL";
static const char sql_shown_confirmed[] =
    "UPDATE inquiry SET hold_state = 'confirmed', hold_note = NULL,"
    " match_json = COALESCE(:match, match_json) WHERE id = :id";
static const char sql_lead_holds[] =
    "SELECT p.code, h.month, sum(h.base_quantity) FROM hold h JOIN product p"
    " ON p.id = h.product_id WHERE h.inquiry_id = :id GROUP BY p.code, h.month";

/* The grant lines of `shown` against the holds `d` has for lead `id` now. */
static int grants_of(db *d, const char *id, const match_result *shown, grant_line **out, int *n,
                     ocop_error *err) {
    *out = xcalloc((size_t)shown->n_lines + 1, sizeof **out);
    *n = 0;
    for (int i = 0; i < shown->n_lines; i++) {
        grant_line *g = &(*out)[(*n)++];
        str_copy(g->product, sizeof g->product, shown->lines[i].product);
        str_copy(g->month, sizeof g->month, shown->lines[i].month);
        g->asked = shown->lines[i].product_base_quantity;
    }
    sqlite3_stmt *st = db_prepare(d, sql_lead_holds, err);
    if (!st) {
        return -1;
    }
    db_bind_text(st, ":id", id);
    int rc;
    while ((rc = db_step(d, st, err)) == SQLITE_ROW) {
        const char *code = (const char *)sqlite3_column_text(st, 0);
        const char *month = (const char *)sqlite3_column_text(st, 1);
        for (int i = 0; i < *n; i++) {
            if (strcmp((*out)[i].product, code) == 0 && strcmp((*out)[i].month, month) == 0) {
                (*out)[i].granted = sqlite3_column_double(st, 2);
            }
        }
    }
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? 0 : -1;
}

int sync_lead_recorded(sync_session *s, db *d, const char *id, int64_t now, match_result *shown,
                       char state[16], ocop_error *err) {
    sync_push_stats stats;
    ocop_error why; /* an unreachable server makes the holds provisional, not an error */
    sync_push(s, d, now, id, 1, &stats, &why);
    if (db_begin(d, true, err) != 0) {
        return -1;
    }
    sqlite3_stmt *st = db_prepare(d, sql_lead_state, err);
    if (!st) {
        goto fail;
    }
    db_bind_text(st, ":id", id);
    int rc = db_step(d, st, err);
    char *stored = rc == SQLITE_ROW ? db_column_strdup(st, 0) : NULL;
    char *json = rc == SQLITE_ROW ? db_column_strdup(st, 1) : NULL;
    sqlite3_reset(st);
    if (rc != SQLITE_ROW) {
        if (rc == SQLITE_DONE) {
            error_set(err, "lead %s is not in the database", id);
        }
        goto fail;
    }
    if (!stored && shown->n_lines == 0) {
        /* Nothing was held: there is nothing provisional to tell. */
        free(json);
        state[0] = '\0';
        return db_commit(d, err);
    }
    if (!stored) {
        /* The server did not answer in time (or was not reached): the buyer is told. */
        st = db_prepare(d, sql_mark_provisional, err);
        if (!st) {
            free(json);
            goto fail;
        }
        db_bind_text(st, ":id", id);
        rc = db_step(d, st, err);
        sqlite3_reset(st);
        free(json);
        if (rc != SQLITE_DONE) {
            goto fail;
        }
        str_copy(state, 16, "provisional");
        return db_commit(d, err);
    }
    /* The server answered (this push, or the kiosk's sync thread just before it): the buyer
     * is shown what it granted. */
    grant_line *lines = NULL;
    int n = 0;
    if (grants_of(d, id, shown, &lines, &n, err) != 0) {
        free(stored);
        free(json);
        free(lines);
        goto fail;
    }
    grant_apply(shown, lines, n);
    if (strcmp(stored, "confirmed") != 0) {
        /* The sync thread got there first and judged the lead as if its buyer had gone. */
        char *fixed = grant_apply_json(json, lines, n);
        st = db_prepare(d, sql_shown_confirmed, err);
        if (!st) {
            rc = -1;
        } else {
            db_bind_text(st, ":match", fixed);
            db_bind_text(st, ":id", id);
            rc = db_step(d, st, err);
            sqlite3_reset(st);
        }
        free(fixed);
    } else {
        rc = SQLITE_DONE;
    }
    free(lines);
    free(stored);
    free(json);
    if (rc != SQLITE_DONE) {
        goto fail;
    }
    str_copy(state, 16, "confirmed");
    return db_commit(d, err);
fail:
    db_rollback(d);
    return -1;
}

int sync_record_inquiry(sync_session *s, db *d, inquiry_request *in, int64_t now,
                        const kiosk_config *cfg, char id_out[37], match_result *shown,
                        char state[16], ocop_error *err) {
    state[0] = '\0';
    if (match_db_record_inquiry(d, in, now, cfg, id_out, shown, err) != 0) {
        return -1;
    }
    if (!s) {
        return 0;
    }
    /* The lead is stored: a failure from here on must not lose it (the outbox has it). */
    ocop_error why;
    if (sync_lead_recorded(s, d, id_out, now, shown, state, &why) != 0) {
        str_copy(state, 16, "provisional");
    }
    return 0;
}

/* ---- status ---------------------------------------------------------------------------- */

int sync_status_read(db *d, sync_status *out, ocop_error *err) {
    static const char sql[] = "SELECT (SELECT count(*) FROM outbox),"
                              " (SELECT count(*) FROM inquiry WHERE hold_state = 'provisional'),"
                              " (SELECT count(*) FROM inquiry WHERE hold_state = 'cut')";
    memset(out, 0, sizeof *out);
    char *v = db_setting_get(d, KEY_LAST_CONTACT);
    str_copy(out->last_contact, sizeof out->last_contact, v ? v : "");
    free(v);
    v = db_setting_get(d, KEY_LAST_ERROR);
    str_copy(out->last_error, sizeof out->last_error, v ? v : "");
    free(v);
    v = db_setting_get(d, "sync_catalog_version");
    out->catalog_version = v ? strtoll(v, NULL, 10) : 0;
    free(v);
    sqlite3_stmt *st = db_prepare(d, sql, err);
    if (!st) {
        return -1;
    }
    int rc = db_step(d, st, err);
    if (rc == SQLITE_ROW) {
        out->waiting = sqlite3_column_int(st, 0);
        out->provisional = sqlite3_column_int(st, 1);
        out->cut = sqlite3_column_int(st, 2);
    }
    sqlite3_reset(st);
    return rc == SQLITE_ROW ? 0 : -1;
}
