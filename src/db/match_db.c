/* match_db.c: candidates, free capacity, inquiries with holds, unmet demand; see match_db.h. */
#include "db/match_db.h"

#include "db/db_internal.h"

#include "core/fold.h"
#include "core/strbuf.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>

void match_db_format_time(int64_t t, char *out, size_t cap) {
    time_t tt = (time_t)t;
    struct tm tm;
    gmtime_r(&tt, &tm);
    char buf[32];
    strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    str_copy(out, cap, buf);
}

match_policy match_db_policy(const kiosk_config *cfg) {
    match_policy p = {.max_share_percent = cfg->max_share_percent,
                      .small_producer_capacity = cfg->small_producer_capacity};
    return p;
}

/* The columns every candidate query returns, in this order. */
#define CANDIDATE_COLUMNS                                                                          \
    "p.id, p.code, p.name_vi, COALESCE(p.name_en, ''), pr.name, pr.province,"                      \
    " COALESCE(pr.phone, ''), COALESCE(pr.email, ''), p.stars, p.unit, COALESCE(p.measure, ''),"   \
    " p.base_unit, p.base_per_unit, COALESCE(p.price_min_vnd, -1),"                                \
    " COALESCE(p.price_max_vnd, -1), COALESCE(p.moq, 0)"

/* Filters every candidate query shares: stars, lowest price, a certificate still valid. */
#define CANDIDATE_FILTERS                                                                          \
    " AND p.stars >= :min_stars"                                                                   \
    " AND (:max_price <= 0 OR p.price_min_vnd IS NULL OR p.price_min_vnd <= :max_price)"           \
    " AND (p.cert_expiry IS NULL OR p.cert_expiry = '' OR p.cert_expiry >= :today)"

static const char sql_by_product[] =
    "SELECT " CANDIDATE_COLUMNS " FROM product p JOIN producer pr ON pr.id = p.producer_id"
    " WHERE p.code = :code" CANDIDATE_FILTERS;

static const char sql_by_group[] =
    "SELECT " CANDIDATE_COLUMNS " FROM product p JOIN producer pr ON pr.id = p.producer_id"
    " WHERE p.grp = :grp" CANDIDATE_FILTERS;

/* Free text: every folded word of the query, in order, inside the folded name. */
static const char sql_by_text[] =
    "SELECT " CANDIDATE_COLUMNS " FROM product p JOIN producer pr ON pr.id = p.producer_id"
    " WHERE p.name_folded LIKE :pattern ESCAPE '\\'" CANDIDATE_FILTERS;

/* Declared capacity for the window, and the product's default row ('*'). */
static const char sql_capacity[] =
    "SELECT month, base_quantity FROM capacity"
    " WHERE product_id = :pid AND (month = '*' OR month BETWEEN :from AND :to)";

/* What is already promised: batch allocations, and unexpired holds of other inquiries. */
static const char sql_held[] =
    "SELECT month, SUM(base_quantity) FROM hold"
    " WHERE product_id = :pid AND month BETWEEN :from AND :to"
    "   AND (kind = 'batch' OR (expires_at > :now AND inquiry_id IS NOT :self))"
    " GROUP BY month";

static void column_text(sqlite3_stmt *st, int col, char *dst, size_t cap) {
    const unsigned char *t = sqlite3_column_text(st, col);
    str_copy(dst, cap, t ? (const char *)t : "");
}

/* Index of `month` in the window starting at `from`, or -1. */
static int month_index(const char *from, const char *month, int n_months) {
    if (!inquiry_month_valid(month)) {
        return -1;
    }
    int i = inquiry_month_span(from, month) - 1;
    return i >= 0 && i < n_months ? i : -1;
}

/* Fills c->free_base for the window; returns 1 when any month has free capacity, 0 when none,
 * -1 on error. */
static int load_free(db *d, match_candidate *c, const inquiry_request *in, int n_months,
                     const char *now_text, const char *self, ocop_error *err) {
    double declared[MATCH_MAX_MONTHS] = {0};
    bool listed[MATCH_MAX_MONTHS] = {0};
    double fallback = 0;
    sqlite3_stmt *st = db_prepare(d, sql_capacity, err);
    if (!st) {
        return -1;
    }
    db_bind_int64(st, ":pid", c->product_id);
    db_bind_text(st, ":from", in->month_from);
    db_bind_text(st, ":to", in->month_to);
    int rc;
    while ((rc = db_step(d, st, err)) == SQLITE_ROW) {
        const char *month = (const char *)sqlite3_column_text(st, 0);
        double q = sqlite3_column_double(st, 1);
        if (month && strcmp(month, "*") == 0) {
            fallback = q;
            continue;
        }
        int i = month ? month_index(in->month_from, month, n_months) : -1;
        if (i >= 0) {
            declared[i] = q;
            listed[i] = true;
        }
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        return -1;
    }
    bool any = false;
    for (int i = 0; i < n_months; i++) {
        if (!listed[i]) {
            declared[i] = fallback;
        }
        any = any || declared[i] > 0;
    }
    if (!any) {
        return 0;
    }
    st = db_prepare(d, sql_held, err);
    if (!st) {
        return -1;
    }
    db_bind_int64(st, ":pid", c->product_id);
    db_bind_text(st, ":from", in->month_from);
    db_bind_text(st, ":to", in->month_to);
    db_bind_text(st, ":now", now_text);
    db_bind_text(st, ":self", self);
    while ((rc = db_step(d, st, err)) == SQLITE_ROW) {
        const char *month = (const char *)sqlite3_column_text(st, 0);
        int i = month ? month_index(in->month_from, month, n_months) : -1;
        if (i >= 0) {
            declared[i] -= sqlite3_column_double(st, 1);
        }
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        return -1;
    }
    any = false;
    for (int i = 0; i < n_months; i++) {
        c->free_base[i] = declared[i] > 0 ? declared[i] : 0;
        any = any || c->free_base[i] > 0;
    }
    return any ? 1 : 0;
}

/* "%mat%hoa%dua%": the folded words in order, LIKE's wildcards in them escaped. */
static void text_pattern(const char *query, strbuf *out) {
    char *folded = fold_text(query);
    sb_append_char(out, '%');
    bool in_word = false;
    for (const char *p = folded; *p; p++) {
        char c = *p;
        if (c == ' ' || c == '\t' || c == ',' || c == '.' || c == '-' || c == '/') {
            if (in_word) {
                sb_append_char(out, '%');
                in_word = false;
            }
            continue;
        }
        if (c == '%' || c == '_' || c == '\\') {
            sb_append_char(out, '\\');
        }
        sb_append_char(out, c);
        in_word = true;
    }
    if (in_word) {
        sb_append_char(out, '%');
    }
    free(folded);
}

int match_db_candidates(db *d, const inquiry_request *in, int64_t now, const char *self_inquiry,
                        match_candidate **out, int *n, ocop_error *err) {
    *out = NULL;
    *n = 0;
    int n_months = inquiry_month_span(in->month_from, in->month_to);
    OCOP_ASSERT(n_months >= 1 && n_months <= MATCH_MAX_MONTHS);
    char now_text[32], today[16];
    match_db_format_time(now, now_text, sizeof now_text);
    str_copy(today, sizeof today, now_text);
    today[10] = '\0';

    sqlite3_stmt *st;
    strbuf pattern = {0};
    if (in->product[0]) {
        st = db_prepare(d, sql_by_product, err);
        if (st) {
            db_bind_text(st, ":code", in->product);
        }
    } else if (in->group[0]) {
        st = db_prepare(d, sql_by_group, err);
        if (st) {
            db_bind_text(st, ":grp", in->group);
        }
    } else {
        st = db_prepare(d, sql_by_text, err);
        if (st) {
            text_pattern(in->query, &pattern);
            db_bind_text(st, ":pattern", sb_str(&pattern));
        }
    }
    sb_free(&pattern);
    if (!st) {
        return -1;
    }
    db_bind_int64(st, ":min_stars", in->min_stars);
    db_bind_int64(st, ":max_price", in->max_price_vnd);
    db_bind_text(st, ":today", today);

    int cap = 16, count = 0, rc;
    match_candidate *list = xmalloc((size_t)cap * sizeof *list);
    while ((rc = db_step(d, st, err)) == SQLITE_ROW) {
        if (count == cap) {
            cap *= 2;
            list = xreallocarray(list, (size_t)cap, sizeof *list);
        }
        match_candidate *c = &list[count];
        memset(c, 0, sizeof *c);
        c->product_id = sqlite3_column_int64(st, 0);
        column_text(st, 1, c->product, sizeof c->product);
        column_text(st, 2, c->name_vi, sizeof c->name_vi);
        column_text(st, 3, c->name_en, sizeof c->name_en);
        column_text(st, 4, c->producer, sizeof c->producer);
        column_text(st, 5, c->province, sizeof c->province);
        column_text(st, 6, c->phone, sizeof c->phone);
        column_text(st, 7, c->email, sizeof c->email);
        c->stars = sqlite3_column_int(st, 8);
        column_text(st, 9, c->unit, sizeof c->unit);
        column_text(st, 10, c->measure, sizeof c->measure);
        column_text(st, 11, c->base_unit, sizeof c->base_unit);
        c->base_per_unit = sqlite3_column_double(st, 12);
        c->price_min_vnd = sqlite3_column_int64(st, 13);
        c->price_max_vnd = sqlite3_column_int64(st, 14);
        c->moq = sqlite3_column_double(st, 15);
        count++;
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        free(list);
        return -1;
    }
    /* Free capacity per month; candidates with none in the window are dropped here. */
    int kept = 0;
    for (int i = 0; i < count; i++) {
        int has = load_free(d, &list[i], in, n_months, now_text, self_inquiry, err);
        if (has < 0) {
            free(list);
            return -1;
        }
        if (has) {
            if (kept != i) {
                list[kept] = list[i];
            }
            kept++;
        }
    }
    *out = list;
    *n = kept;
    return 0;
}

int match_db_run(db *d, const inquiry_request *in, int64_t now, const kiosk_config *cfg,
                 match_result *out, ocop_error *err) {
    match_candidate *cands;
    int n;
    if (match_db_candidates(d, in, now, NULL, &cands, &n, err) != 0) {
        return -1;
    }
    match_policy policy = match_db_policy(cfg);
    match_compute(in, cands, n, &policy, out);
    free(cands);
    return 0;
}

/* A random (version 4) UUID from the kernel's CSPRNG. */
static int make_uuid(char out[MATCH_DB_ID_SIZE], ocop_error *err) {
    unsigned char b[16];
    size_t got = 0;
    while (got < sizeof b) {
        ssize_t r = getrandom(b + got, sizeof b - got, 0);
        if (r < 0) {
            return error_set(err, "cannot get random bytes for an inquiry id");
        }
        got += (size_t)r;
    }
    b[6] = (unsigned char)((b[6] & 0x0f) | 0x40); /* version 4 */
    b[8] = (unsigned char)((b[8] & 0x3f) | 0x80); /* RFC 4122 variant */
    char buf[64];
    str_format(buf, sizeof buf,
               "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", b[0], b[1],
               b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14],
               b[15]);
    str_copy(out, MATCH_DB_ID_SIZE, buf);
    return 0;
}

/* The kiosk id stamped on leads: kiosk.ini's, else the database's, else a new one kept in the
 * database (inside the caller's transaction). */
static int kiosk_id(db *d, const kiosk_config *cfg, char *out, size_t cap, ocop_error *err) {
    if (cfg->kiosk_id[0]) {
        str_copy(out, cap, cfg->kiosk_id);
        return 0;
    }
    char *stored = db_setting_get(d, "kiosk_id");
    if (stored) {
        str_copy(out, cap, stored);
        free(stored);
        return 0;
    }
    char uuid[MATCH_DB_ID_SIZE];
    if (make_uuid(uuid, err) != 0) {
        return -1;
    }
    char id[32];
    str_format(id, sizeof id, "kiosk-%.8s", uuid);
    if (db_setting_set(d, "kiosk_id", id, err) != 0) {
        return -1;
    }
    str_copy(out, cap, id);
    return 0;
}

static const char sql_insert_inquiry[] =
    "INSERT INTO inquiry (id, kiosk_id, created_at, buyer_name, buyer_company, buyer_phone,"
    " buyer_email, buyer_province, lang, product_code, grp, query, quantity, unit, base_quantity,"
    " base_unit, month_from, month_to, min_stars, max_price_vnd, note, consent_contact,"
    " consent_share, status, match_json)"
    " VALUES (:id, :kiosk, :created, :name, :company, :phone, :email, :province, :lang, :product,"
    " :grp, :query, :quantity, :unit, :base_quantity, :base_unit, :from, :to, :min_stars,"
    " :max_price, :note, :consent_contact, :consent_share, 'open', :match_json)";

static const char sql_insert_hold[] =
    "INSERT INTO hold (inquiry_id, product_id, month, base_quantity, kind, created_at,"
    " expires_at) VALUES (:inquiry, :product, :month, :qty, 'instant', :created, :expires)";

static const char *blank_null(const char *s) {
    return str_blank(s) ? NULL : s;
}

static int insert_inquiry(db *d, const inquiry_request *in, const char *id, const char *kiosk,
                          const char *created, const match_result *m, ocop_error *err) {
    sqlite3_stmt *st = db_prepare(d, sql_insert_inquiry, err);
    if (!st) {
        return -1;
    }
    char *json = match_result_to_json(m);
    db_bind_text(st, ":id", id);
    db_bind_text(st, ":kiosk", kiosk);
    db_bind_text(st, ":created", created);
    db_bind_text(st, ":name", blank_null(in->buyer_name));
    db_bind_text(st, ":company", blank_null(in->buyer_company));
    db_bind_text(st, ":phone", blank_null(in->buyer_phone));
    db_bind_text(st, ":email", blank_null(in->buyer_email));
    db_bind_text(st, ":province", blank_null(in->buyer_province));
    db_bind_text(st, ":lang", in->lang);
    db_bind_text(st, ":product", blank_null(in->product));
    db_bind_text(st, ":grp", blank_null(in->group));
    db_bind_text(st, ":query", blank_null(in->query));
    db_bind_double(st, ":quantity", in->quantity);
    db_bind_text(st, ":unit", in->unit);
    db_bind_double(st, ":base_quantity", m->requested);
    db_bind_text(st, ":base_unit", m->base_unit);
    db_bind_text(st, ":from", in->month_from);
    db_bind_text(st, ":to", in->month_to);
    if (in->min_stars > 0) {
        db_bind_int64(st, ":min_stars", in->min_stars);
    }
    if (in->max_price_vnd > 0) {
        db_bind_int64(st, ":max_price", in->max_price_vnd);
    }
    db_bind_text(st, ":note", blank_null(in->note));
    db_bind_int64(st, ":consent_contact", in->consent_contact);
    db_bind_int64(st, ":consent_share", in->consent_share);
    db_bind_text(st, ":match_json", json);
    int rc = db_step(d, st, err);
    sqlite3_reset(st);
    free(json);
    return rc == SQLITE_DONE ? 0 : -1;
}

int match_db_record_inquiry(db *d, inquiry_request *in, int64_t now, const kiosk_config *cfg,
                            char id_out[MATCH_DB_ID_SIZE], match_result *shown, ocop_error *err) {
    id_out[0] = '\0';
    if (inquiry_validate(in, err) != 0) {
        return -1;
    }
    char id[MATCH_DB_ID_SIZE];
    if (make_uuid(id, err) != 0) {
        return -1;
    }
    char created[32], expires[32], kiosk[64];
    match_db_format_time(now, created, sizeof created);
    match_db_format_time(now + (int64_t)cfg->hold_days * 86400, expires, sizeof expires);

    /* The write lock is taken first, so the capacity read below is still free when the holds
     * are written: another kiosk's inquiry waits (busy timeout) until this one commits. */
    if (db_begin(d, true, err) != 0) {
        return -1;
    }
    if (kiosk_id(d, cfg, kiosk, sizeof kiosk, err) != 0 ||
        match_db_run(d, in, now, cfg, shown, err) != 0 ||
        insert_inquiry(d, in, id, kiosk, created, shown, err) != 0) {
        goto fail;
    }
    for (int i = 0; i < shown->n_lines; i++) {
        const match_line *line = &shown->lines[i];
        sqlite3_stmt *st = db_prepare(d, sql_insert_hold, err);
        if (!st) {
            goto fail;
        }
        db_bind_text(st, ":inquiry", id);
        db_bind_int64(st, ":product", line->product_id);
        db_bind_text(st, ":month", line->month);
        db_bind_double(st, ":qty", line->product_base_quantity);
        db_bind_text(st, ":created", created);
        db_bind_text(st, ":expires", expires);
        int rc = db_step(d, st, err);
        sqlite3_reset(st);
        if (rc != SQLITE_DONE) {
            goto fail;
        }
    }
    if (db_commit(d, err) != 0) {
        return -1;
    }
    str_copy(id_out, MATCH_DB_ID_SIZE, id);
    return 0;
fail:
    db_rollback(d);
    return -1;
}

int match_db_sweep_holds(db *d, int64_t now, ocop_error *err) {
    static const char sql[] = "DELETE FROM hold WHERE kind = 'instant' AND expires_at <= :now";
    char now_text[32];
    match_db_format_time(now, now_text, sizeof now_text);
    sqlite3_stmt *st = db_prepare(d, sql, err);
    if (!st) {
        return -1;
    }
    db_bind_text(st, ":now", now_text);
    int rc = db_step(d, st, err);
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? sqlite3_changes(db_handle(d)) : -1;
}

/* Every inquiry not closed, with what its live holds cover, in the inquiry's base unit: a
 * count-unit inquiry by group counts sale units (pieces), so a hold in litres is divided by the
 * product's litres per unit. */
static const char sql_unmet[] =
    "SELECT i.product_code, i.grp, i.query, i.base_quantity, i.base_unit, i.month_from,"
    " i.month_to,"
    " (SELECT COALESCE(SUM(CASE WHEN p.base_unit = i.base_unit THEN h.base_quantity"
    "                          ELSE h.base_quantity / p.base_per_unit END), 0)"
    "    FROM hold h JOIN product p ON p.id = h.product_id"
    "   WHERE h.inquiry_id = i.id AND (h.kind = 'batch' OR h.expires_at > :now))"
    " FROM inquiry i"
    " WHERE i.status <> 'closed' AND i.base_quantity IS NOT NULL AND i.base_unit IS NOT NULL";

static int compare_unmet(const void *pa, const void *pb) {
    const unmet_item *a = pa, *b = pb;
    int c = strcmp(a->kind, b->kind);
    if (c == 0) {
        c = strcmp(a->key, b->key);
    }
    if (c == 0) {
        c = strcmp(a->month, b->month);
    }
    if (c == 0) {
        c = strcmp(a->base_unit, b->base_unit);
    }
    return c;
}

int match_db_unmet(db *d, int64_t now, unmet_item **out, int *n, ocop_error *err) {
    *out = NULL;
    *n = 0;
    char now_text[32];
    match_db_format_time(now, now_text, sizeof now_text);
    sqlite3_stmt *st = db_prepare(d, sql_unmet, err);
    if (!st) {
        return -1;
    }
    db_bind_text(st, ":now", now_text);
    int cap = 16, count = 0, rc;
    unmet_item *items = xmalloc((size_t)cap * sizeof *items);
    while ((rc = db_step(d, st, err)) == SQLITE_ROW) {
        double requested = sqlite3_column_double(st, 3);
        double covered = sqlite3_column_double(st, 7);
        double unmet = requested - covered;
        if (unmet <= 1e-9 * (1 + requested)) {
            continue;
        }
        const char *kind = sqlite3_column_text(st, 0)   ? "product"
                           : sqlite3_column_text(st, 1) ? "group"
                                                        : "query";
        int col = strcmp(kind, "product") == 0 ? 0 : strcmp(kind, "group") == 0 ? 1 : 2;
        char key[256], base_unit[8], from[8], to[8];
        column_text(st, col, key, sizeof key);
        column_text(st, 4, base_unit, sizeof base_unit);
        column_text(st, 5, from, sizeof from);
        column_text(st, 6, to, sizeof to);
        if (!inquiry_month_valid(from) || !inquiry_month_valid(to)) {
            continue; /* the schema does not check the form; a merged foreign row may be odd */
        }
        int months = inquiry_month_span(from, to);
        if (months < 1 || months > MATCH_MAX_MONTHS) {
            continue;
        }
        for (int m = 0; m < months; m++) {
            char month[8];
            match_month_add(from, m, month);
            unmet_item *it = NULL;
            for (int j = 0; j < count; j++) {
                if (strcmp(items[j].kind, kind) == 0 && strcmp(items[j].key, key) == 0 &&
                    strcmp(items[j].month, month) == 0 &&
                    strcmp(items[j].base_unit, base_unit) == 0) {
                    it = &items[j];
                    break;
                }
            }
            if (!it) {
                if (count == cap) {
                    cap *= 2;
                    items = xreallocarray(items, (size_t)cap, sizeof *items);
                }
                it = &items[count++];
                memset(it, 0, sizeof *it);
                str_copy(it->kind, sizeof it->kind, kind);
                str_copy(it->key, sizeof it->key, key);
                str_copy(it->month, sizeof it->month, month);
                str_copy(it->base_unit, sizeof it->base_unit, base_unit);
            }
            it->base_quantity += unmet / months;
            it->inquiries++;
        }
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        free(items);
        return -1;
    }
    qsort(items, (size_t)count, sizeof *items, compare_unmet);
    *out = items;
    *n = count;
    return 0;
}
