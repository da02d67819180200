/* match_db_lead.c: recording leads with their instant holds (one transaction, an edit by the
 * same visit replaces them), sweeping expired holds, and unmet demand; see match_db.h. */
#include "db/db_internal.h"
#include "db/match_db_internal.h"

#include "core/isotime.h"
#include "core/month.h"

#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

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

/* An edit of a lead by the same visit (Back, then Submit again): everything the form gives is
 * replaced; the id, kiosk and created_at stay. exported_at is cleared so `export --new` takes
 * the lead as it is now; hold_state and hold_note too, as its new holds wait for the fair's
 * server's answer (sync.h). */
static const char sql_update_inquiry[] =
    "UPDATE inquiry SET buyer_name = :name, buyer_company = :company, buyer_phone = :phone,"
    " buyer_email = :email, buyer_province = :province, lang = :lang, product_code = :product,"
    " grp = :grp, query = :query, quantity = :quantity, unit = :unit,"
    " base_quantity = :base_quantity, base_unit = :base_unit, month_from = :from,"
    " month_to = :to, min_stars = :min_stars, max_price_vnd = :max_price, note = :note,"
    " consent_contact = :consent_contact, consent_share = :consent_share,"
    " match_json = :match_json, exported_at = NULL, hold_state = NULL, hold_note = NULL"
    " WHERE id = :id";

/* Whether the lead `id` may still be edited by its visit: it exists, is open and was not
 * purged. */
static const char sql_editable[] =
    "SELECT 1 FROM inquiry WHERE id = :id AND status = 'open' AND purged_at IS NULL";

static const char sql_drop_instant_holds[] =
    "DELETE FROM hold WHERE inquiry_id = :id AND kind = 'instant'";

static const char sql_insert_hold[] =
    "INSERT INTO hold (inquiry_id, product_id, month, base_quantity, kind, created_at,"
    " expires_at) VALUES (:inquiry, :product, :month, :qty, 'instant', :created, :expires)";

static const char *blank_null(const char *s) {
    return str_blank(s) ? NULL : s;
}

/* Inserts the lead `id` (kiosk and created given), or with `update` rewrites the lead `id`
 * (kiosk and created unused). */
static int write_inquiry(db *d, bool update, const inquiry_request *in, const char *id,
                         const char *kiosk, const char *created, const match_result *m,
                         ocop_error *err) {
    sqlite3_stmt *st = db_prepare(d, update ? sql_update_inquiry : sql_insert_inquiry, err);
    if (!st) {
        return -1;
    }
    char *json = match_result_to_json(m);
    db_bind_text(st, ":id", id);
    if (!update) {
        db_bind_text(st, ":kiosk", kiosk);
        db_bind_text(st, ":created", created);
    }
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

/* 1 when the lead `id` may be edited (sql_editable), 0 when not, -1 on error. */
static int editable(db *d, const char *id, ocop_error *err) {
    sqlite3_stmt *st = db_prepare(d, sql_editable, err);
    if (!st) {
        return -1;
    }
    db_bind_text(st, ":id", id);
    int rc = db_step(d, st, err);
    sqlite3_reset(st);
    return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

/* Removes the instant holds of the lead `id`. */
static int drop_instant_holds(db *d, const char *id, ocop_error *err) {
    sqlite3_stmt *st = db_prepare(d, sql_drop_instant_holds, err);
    if (!st) {
        return -1;
    }
    db_bind_text(st, ":id", id);
    int rc = db_step(d, st, err);
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? 0 : -1;
}

int match_db_save_inquiry(db *d, inquiry_request *in, int64_t now, const kiosk_config *cfg,
                          const char *edit_id, char id_out[MATCH_DB_ID_SIZE], match_result *shown,
                          ocop_error *err) {
    id_out[0] = '\0';
    if (inquiry_validate(in, err) != 0) {
        return -1;
    }
    char id[MATCH_DB_ID_SIZE], created[32], expires[32], kiosk[64] = "";
    isotime_format_utc(now, created, sizeof created);
    isotime_format_utc(now + (int64_t)cfg->hold_days * 86400, expires, sizeof expires);

    /* The write lock is taken first, so the capacity read below is still free when the holds
     * are written: another kiosk's inquiry waits (busy timeout) until this one commits. */
    if (db_begin(d, true, err) != 0) {
        return -1;
    }
    int edit = 0;
    if (edit_id && edit_id[0]) {
        edit = editable(d, edit_id, err);
        if (edit < 0) {
            goto fail;
        }
    }
    if (edit) {
        /* The lead's own holds are given back first, so the match sees what it held as free. */
        str_copy(id, sizeof id, edit_id);
        if (drop_instant_holds(d, id, err) != 0) {
            goto fail;
        }
    } else if (make_uuid(id, err) != 0 || kiosk_id(d, cfg, kiosk, sizeof kiosk, err) != 0) {
        goto fail;
    }
    if (match_db_run_except(d, in, now, cfg, edit ? id : NULL, shown, err) != 0 ||
        write_inquiry(d, edit, in, id, kiosk, created, shown, err) != 0) {
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

int match_db_record_inquiry(db *d, inquiry_request *in, int64_t now, const kiosk_config *cfg,
                            char id_out[MATCH_DB_ID_SIZE], match_result *shown, ocop_error *err) {
    return match_db_save_inquiry(d, in, now, cfg, NULL, id_out, shown, err);
}

int match_db_sweep_holds(db *d, int64_t now, ocop_error *err) {
    static const char sql[] = "DELETE FROM hold WHERE kind = 'instant' AND expires_at <= :now";
    char now_text[32];
    isotime_format_utc(now, now_text, sizeof now_text);
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
    isotime_format_utc(now, now_text, sizeof now_text);
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
        db_column_copy(st, col, key, sizeof key);
        db_column_copy(st, 4, base_unit, sizeof base_unit);
        db_column_copy(st, 5, from, sizeof from);
        db_column_copy(st, 6, to, sizeof to);
        if (!month_valid(from) || !month_valid(to)) {
            continue; /* the schema does not check the form; a merged foreign row may be odd */
        }
        int months = month_span(from, to);
        if (months < 1 || months > MATCH_MAX_MONTHS) {
            continue;
        }
        for (int m = 0; m < months; m++) {
            char month[8];
            month_add(from, m, month);
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
