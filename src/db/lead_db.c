/* lead_db.c: export queries, merge, purge and organiser statistics; see lead_db.h. */
#include "db/lead_db.h"

#include "core/month.h"

#include "db/db_internal.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- export ---------------------------------------------------------------------------- */

/* Fills the catalogue's facts into match lines that lack them (the matcher's JSON is only
 * required to name the product, producer and month). Returns a malloc'd JSON text, or NULL to
 * keep the original. */
static char *enrich_match(db *d, const char *json) {
    static const char sql[] = "SELECT pr.name, pr.province, p.name_vi, p.stars FROM product p "
                              "JOIN producer pr ON pr.id = p.producer_id WHERE p.code = :code";
    cJSON *root = json ? cJSON_Parse(json) : NULL;
    cJSON *lines = cJSON_GetObjectItemCaseSensitive(root, "lines");
    bool changed = false;
    cJSON *line;
    cJSON_ArrayForEach(line, lines) {
        const cJSON *code = cJSON_GetObjectItemCaseSensitive(line, "product");
        if (!cJSON_IsString(code) || (cJSON_GetObjectItemCaseSensitive(line, "province") &&
                                      cJSON_GetObjectItemCaseSensitive(line, "producer") &&
                                      cJSON_GetObjectItemCaseSensitive(line, "name") &&
                                      cJSON_GetObjectItemCaseSensitive(line, "stars"))) {
            continue;
        }
        sqlite3_stmt *st = db_prepare(d, sql, NULL);
        if (!st) {
            break;
        }
        db_bind_text(st, ":code", code->valuestring);
        if (db_step(d, st, NULL) == SQLITE_ROW) {
            static const char *const keys[] = {"producer", "province", "name"};
            for (int k = 0; k < 3; k++) {
                if (!cJSON_GetObjectItemCaseSensitive(line, keys[k])) {
                    const unsigned char *t = sqlite3_column_text(st, k);
                    cJSON_AddStringToObject(line, keys[k], t ? (const char *)t : "");
                }
            }
            if (!cJSON_GetObjectItemCaseSensitive(line, "stars")) {
                cJSON_AddNumberToObject(line, "stars", sqlite3_column_int(st, 3));
            }
            changed = true;
        }
        sqlite3_reset(st);
    }
    char *out = NULL;
    if (changed) {
        char *text = cJSON_PrintUnformatted(root);
        out = xstrdup(text);
        cJSON_free(text);
    }
    cJSON_Delete(root);
    return out;
}

int lead_db_list(db *d, const lead_filter *filter, lead_list *out, ocop_error *err) {
    static const char sql[] =
        "SELECT i.id, i.kiosk_id, i.created_at, i.buyer_name, i.buyer_company, i.buyer_phone,"
        "       i.buyer_email, i.buyer_province, i.lang, i.product_code, p.name_vi, p.name_en,"
        "       i.grp, i.query, i.quantity, i.unit, i.base_quantity, i.base_unit,"
        "       i.month_from, i.month_to, i.min_stars, i.max_price_vnd, i.note,"
        "       i.consent_contact, i.consent_share, i.status, i.duplicate_of,"
        "       i.purged_at IS NOT NULL, i.match_json "
        "FROM inquiry i LEFT JOIN product p ON p.code = i.product_code "
        "WHERE (:since IS NULL OR i.created_at >= :since)"
        "  AND (:only_new = 0 OR i.exported_at IS NULL) "
        "ORDER BY i.created_at, i.id";
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st = db_prepare(d, sql, err);
    if (!st) {
        return -1;
    }
    db_bind_text(st, ":since", filter ? filter->since : NULL);
    db_bind_int64(st, ":only_new", filter && filter->only_new);
    int cap = 0;
    int rc;
    while ((rc = db_step(d, st, err)) == SQLITE_ROW) {
        if (out->count == cap) {
            cap = cap ? cap * 2 : 64;
            out->items = xreallocarray(out->items, (size_t)cap, sizeof *out->items);
        }
        lead_record *r = &out->items[out->count++];
        memset(r, 0, sizeof *r);
        db_column_copy(st, 0, r->id, sizeof r->id);
        db_column_copy(st, 1, r->kiosk, sizeof r->kiosk);
        db_column_copy(st, 2, r->created_at, sizeof r->created_at);
        db_column_copy(st, 3, r->buyer_name, sizeof r->buyer_name);
        db_column_copy(st, 4, r->buyer_company, sizeof r->buyer_company);
        db_column_copy(st, 5, r->buyer_phone, sizeof r->buyer_phone);
        db_column_copy(st, 6, r->buyer_email, sizeof r->buyer_email);
        db_column_copy(st, 7, r->buyer_province, sizeof r->buyer_province);
        db_column_copy(st, 8, r->lang, sizeof r->lang);
        db_column_copy(st, 9, r->product, sizeof r->product);
        db_column_copy(st, 10, r->product_name_vi, sizeof r->product_name_vi);
        db_column_copy(st, 11, r->product_name_en, sizeof r->product_name_en);
        db_column_copy(st, 12, r->group, sizeof r->group);
        db_column_copy(st, 13, r->query, sizeof r->query);
        r->quantity = sqlite3_column_double(st, 14);
        db_column_copy(st, 15, r->unit, sizeof r->unit);
        r->base_quantity =
            sqlite3_column_type(st, 16) == SQLITE_NULL ? -1 : sqlite3_column_double(st, 16);
        db_column_copy(st, 17, r->base_unit, sizeof r->base_unit);
        db_column_copy(st, 18, r->month_from, sizeof r->month_from);
        db_column_copy(st, 19, r->month_to, sizeof r->month_to);
        r->min_stars = sqlite3_column_int(st, 20);
        r->max_price_vnd = sqlite3_column_int64(st, 21);
        db_column_copy(st, 22, r->note, sizeof r->note);
        r->consent_contact = sqlite3_column_int(st, 23) != 0;
        r->consent_share = sqlite3_column_int(st, 24) != 0;
        db_column_copy(st, 25, r->status, sizeof r->status);
        db_column_copy(st, 26, r->duplicate_of, sizeof r->duplicate_of);
        r->purged = sqlite3_column_int(st, 27) != 0;
        r->match_json = db_column_strdup(st, 28);
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        lead_list_free(out);
        return -1;
    }
    /* Enrich after the scan: the enrichment query uses the same connection. */
    for (int i = 0; i < out->count; i++) {
        char *better = enrich_match(d, out->items[i].match_json);
        if (better) {
            free(out->items[i].match_json);
            out->items[i].match_json = better;
        }
    }
    return 0;
}

int lead_db_record_export(db *d, const lead_record *leads, const bool *included, int n,
                          const char *format, const char *target, const char *split,
                          const char *now_utc, ocop_error *err) {
    static const char mark_sql[] =
        "UPDATE inquiry SET exported_at = :now WHERE id = :id AND exported_at IS NULL";
    static const char log_sql[] =
        "INSERT INTO export_log (exported_at, format, target, split, leads) "
        "VALUES (:now, :format, :target, :split, :leads)";
    if (db_begin(d, true, err) != 0) {
        return -1;
    }
    int count = 0;
    for (int i = 0; i < n; i++) {
        if (included && !included[i]) {
            continue;
        }
        sqlite3_stmt *st = db_prepare(d, mark_sql, err);
        if (!st) {
            goto fail;
        }
        db_bind_text(st, ":now", now_utc);
        db_bind_text(st, ":id", leads[i].id);
        int rc = db_step(d, st, err);
        sqlite3_reset(st);
        if (rc != SQLITE_DONE) {
            goto fail;
        }
        count++;
    }
    sqlite3_stmt *st = db_prepare(d, log_sql, err);
    if (!st) {
        goto fail;
    }
    db_bind_text(st, ":now", now_utc);
    db_bind_text(st, ":format", format);
    db_bind_text(st, ":target", target);
    db_bind_text(st, ":split", split);
    db_bind_int64(st, ":leads", count);
    int rc = db_step(d, st, err);
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        goto fail;
    }
    return db_commit(d, err);
fail:
    db_rollback(d);
    return -1;
}

static const char *split_name(lead_split split) {
    switch (split) {
    case LEAD_SPLIT_NONE:
        return NULL;
    case LEAD_SPLIT_PRODUCER:
        return "producer";
    case LEAD_SPLIT_PROVINCE:
        return "province";
    }
    return NULL;
}

int lead_db_export(db *d, const lead_filter *filter, const lead_export_options *opt,
                   lead_split split, const char *target, const char *now_utc, int *listed,
                   int *exported, int *files, ocop_error *err) {
    int dummy_listed;
    if (!listed) {
        listed = &dummy_listed;
    }
    *listed = *exported = *files = 0;
    /* Every export is recorded (--new relies on it): on a database that cannot be written,
     * refuse before any file is written rather than write one that is not recorded. */
    if (sqlite3_db_readonly(db_handle(d), "main") == 1) {
        return error_set(err,
                         "%s: the database is read-only, so the export could not be "
                         "recorded; nothing was written",
                         db_path(d));
    }
    lead_list leads;
    if (lead_db_list(d, filter, &leads, err) != 0) {
        return -1;
    }
    *listed = leads.count;
    int rc = -1;
    bool *included = NULL;
    if (split == LEAD_SPLIT_NONE) {
        if (lead_export_write(target, leads.items, leads.count, opt, err) != 0) {
            goto done;
        }
        *exported = leads.count;
        *files = 1;
    } else {
        included = xcalloc((size_t)(leads.count ? leads.count : 1), sizeof *included);
        if (lead_export_split(target, leads.items, leads.count, split, opt, included, files, err) !=
            0) {
            goto done;
        }
        for (int i = 0; i < leads.count; i++) {
            *exported += included[i];
        }
    }
    ocop_error why;
    if (lead_db_record_export(d, leads.items, included, leads.count,
                              lead_format_extension(opt->format), target, split_name(split),
                              now_utc, &why) != 0) {
        error_set(err, "%s: the export was written but could not be recorded: %s", target, why.msg);
        goto done;
    }
    rc = 0;
done:
    free(included);
    lead_list_free(&leads);
    return rc;
}

/* ---- merge ----------------------------------------------------------------------------- */

/* The inquiry columns a merge copies, in the order of both statements below. exported_at is
 * not copied: leads are new to this database's exports. */
static const char *const merge_columns[] = {
    "id",           "kiosk_id",        "created_at",     "buyer_name", "buyer_company",
    "buyer_phone",  "buyer_email",     "buyer_province", "lang",       "product_code",
    "grp",          "query",           "quantity",       "unit",       "base_quantity",
    "base_unit",    "month_from",      "month_to",       "min_stars",  "max_price_vnd",
    "note",         "consent_contact", "consent_share",  "status",     "match_json",
    "duplicate_of", "purged_at",
};

static const char merge_select_sql[] =
    "SELECT id, kiosk_id, created_at, buyer_name, buyer_company, buyer_phone, buyer_email,"
    "       buyer_province, lang, product_code, grp, query, quantity, unit, base_quantity,"
    "       base_unit, month_from, month_to, min_stars, max_price_vnd, note, consent_contact,"
    "       consent_share, status, match_json, duplicate_of, purged_at "
    "FROM inquiry ORDER BY created_at, id";

static const char merge_insert_sql[] =
    "INSERT INTO inquiry (id, kiosk_id, created_at, buyer_name, buyer_company, buyer_phone,"
    "  buyer_email, buyer_province, lang, product_code, grp, query, quantity, unit,"
    "  base_quantity, base_unit, month_from, month_to, min_stars, max_price_vnd, note,"
    "  consent_contact, consent_share, status, match_json, duplicate_of, purged_at) "
    "VALUES (:id, :kiosk_id, :created_at, :buyer_name, :buyer_company, :buyer_phone,"
    "  :buyer_email, :buyer_province, :lang, :product_code, :grp, :query, :quantity, :unit,"
    "  :base_quantity, :base_unit, :month_from, :month_to, :min_stars, :max_price_vnd, :note,"
    "  :consent_contact, :consent_share, :status, :match_json, :duplicate_of, :purged_at) "
    "ON CONFLICT (id) DO NOTHING";

/* Same buyer (phone), same thing asked, same months, another kiosk, earlier (created_at, then
 * id: a total order, so two databases merged either way flag the same lead). Only leads not
 * flagged yet are touched, so a second merge changes nothing. */
static const char flag_duplicates_sql[] =
    "UPDATE inquiry AS l SET duplicate_of = ("
    "  SELECT e.id FROM inquiry e"
    "  WHERE e.buyer_phone = l.buyer_phone AND e.kiosk_id <> l.kiosk_id"
    "    AND e.month_from = l.month_from AND e.month_to = l.month_to"
    "    AND e.product_code IS l.product_code AND e.grp IS l.grp"
    "    AND fold(e.query) IS fold(l.query)"
    "    AND (e.created_at < l.created_at OR (e.created_at = l.created_at AND e.id < l.id))"
    "  ORDER BY e.created_at, e.id LIMIT 1) "
    "WHERE l.duplicate_of IS NULL AND l.buyer_phone IS NOT NULL AND EXISTS ("
    "  SELECT 1 FROM inquiry e"
    "  WHERE e.buyer_phone = l.buyer_phone AND e.kiosk_id <> l.kiosk_id"
    "    AND e.month_from = l.month_from AND e.month_to = l.month_to"
    "    AND e.product_code IS l.product_code AND e.grp IS l.grp"
    "    AND fold(e.query) IS fold(l.query)"
    "    AND (e.created_at < l.created_at OR (e.created_at = l.created_at AND e.id < l.id)))";

/* Copies the file `src` (when it exists; a missing -wal is fine) to `dst` (mode 0600).
 * Returns 1 when copied, 0 when `src` does not exist and may not, -1 with `err` naming the
 * real cause. */
static int copy_file(const char *src, const char *dst, bool optional, const char *name,
                     ocop_error *err) {
    int in = open(src, O_RDONLY | O_CLOEXEC);
    if (in < 0) {
        if (optional && errno == ENOENT) {
            return 0;
        }
        return error_set(err, "%s: cannot read: %s", name, strerror(errno));
    }
    struct stat st;
    if (fstat(in, &st) != 0 || !S_ISREG(st.st_mode)) {
        close(in);
        return error_set(err, "%s: not a regular file, so not a database", name);
    }
    int out = open(dst, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (out < 0) {
        int e = errno;
        close(in);
        return error_set(err, "%s: cannot make a private copy in %s: %s", name, dst,
                         e == ENOSPC ? "the disk is full" : strerror(e));
    }
    char buf[1 << 16];
    ssize_t n;
    int e = 0;
    while ((n = read(in, buf, sizeof buf)) != 0) {
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            e = errno;
            break;
        }
        for (ssize_t done = 0; done < n;) {
            ssize_t w = write(out, buf + done, (size_t)(n - done));
            if (w < 0 && errno == EINTR) {
                continue;
            }
            if (w <= 0) {
                e = w < 0 ? errno : ENOSPC;
                break;
            }
            done += w;
        }
        if (e) {
            break;
        }
    }
    close(in);
    if (close(out) != 0 && e == 0) {
        e = errno;
    }
    if (e) {
        return error_set(err, "%s: cannot make a private copy: %s", name,
                         e == ENOSPC ? "the disk is full" : strerror(e));
    }
    return 1;
}

/* Opens the other database for reading, as lead_db_merge describes: it is copied (with its
 * -wal, which may hold leads not yet in the main file) into a work folder next to this
 * kiosk's database, and the copy is opened (and migrated when older). Nothing is ever
 * written next to the other file, so a read-only stick works and keeps no -wal or -shm. */
static int open_other(db *d, const char *path, db **other, db_scratch *work, bool *upgraded,
                      ocop_error *err) {
    *upgraded = false;
    if (db_scratch_open(d, work, err) != 0) {
        return -1;
    }
    char copy[sizeof work->dir + 32], wal_src[4200], wal_copy[sizeof copy + 8];
    str_format(copy, sizeof copy, "%s/other.db", work->dir);
    str_format(wal_copy, sizeof wal_copy, "%s-wal", copy);
    if (!str_format(wal_src, sizeof wal_src, "%s-wal", path)) {
        return error_set(err, "%s: file name too long", path);
    }
    if (copy_file(path, copy, false, path, err) < 0 ||
        copy_file(wal_src, wal_copy, true, wal_src, err) < 0) {
        return -1;
    }
    if (db_open_as(copy, path, 0, other, err) != 0) {
        return -1;
    }
    if (db_found_version(*other) == 0) {
        db_close(*other);
        *other = NULL;
        return error_set(err, "%s: not an ocop-kiosk database (empty, no schema)", path);
    }
    *upgraded = db_found_version(*other) < db_schema_version();
    return 0;
}

static bool same_file(const char *a, const char *b) {
    struct stat sa, sb;
    return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev &&
           sa.st_ino == sb.st_ino;
}

int lead_db_merge(db *d, const char *other_path, lead_merge_stats *stats, ocop_error *err) {
    memset(stats, 0, sizeof *stats);
    struct stat st_other;
    if (stat(other_path, &st_other) != 0) {
        return error_set(err, "%s: %s", other_path, strerror(errno));
    }
    if (same_file(other_path, db_path(d))) {
        return error_set(err, "%s: this is the kiosk's own database", other_path);
    }
    db *other = NULL;
    db_scratch work;
    if (open_other(d, other_path, &other, &work, &stats->upgraded_copy, err) != 0) {
        db_scratch_close(&work);
        return -1;
    }
    int result = -1;
    if (db_begin(d, true, err) != 0) {
        goto done;
    }
    sqlite3_stmt *sel = db_prepare(other, merge_select_sql, err);
    if (!sel) {
        db_rollback(d);
        goto done;
    }
    int rc;
    while ((rc = db_step(other, sel, err)) == SQLITE_ROW) {
        sqlite3_stmt *ins = db_prepare(d, merge_insert_sql, err);
        if (!ins) {
            break;
        }
        for (int c = 0; c < (int)OCOP_COUNT(merge_columns); c++) {
            char name[40];
            str_format(name, sizeof name, ":%s", merge_columns[c]);
            int index = sqlite3_bind_parameter_index(ins, name);
            OCOP_ASSERT(index > 0);
            sqlite3_bind_value(ins, index, sqlite3_column_value(sel, c));
        }
        int irc = db_step(d, ins, err);
        sqlite3_reset(ins);
        if (irc != SQLITE_DONE) {
            rc = -1;
            break;
        }
        if (sqlite3_changes(db_handle(d)) > 0) {
            stats->added++;
        } else {
            stats->already_present++;
        }
    }
    sqlite3_reset(sel);
    if (rc != SQLITE_DONE) {
        /* Copy the cause first: formatting err->msg into itself is undefined. */
        ocop_error why = {"merge failed"};
        if (err) {
            why = *err;
        }
        error_set(err, "%s: %s", other_path, why.msg);
        db_rollback(d);
        goto done;
    }
    if (db_exec(d, flag_duplicates_sql, err) != 0) {
        db_rollback(d);
        goto done;
    }
    stats->duplicates_flagged = sqlite3_changes(db_handle(d));
    result = db_commit(d, err);
done:
    db_close(other);
    db_scratch_close(&work);
    if (result != 0) {
        memset(stats, 0, sizeof *stats);
    }
    return result;
}

/* ---- retention ------------------------------------------------------------------------- */

int lead_db_purge(db *d, const char *cutoff_utc, const char *now_utc, int *purged,
                  ocop_error *err) {
    static const char sql[] =
        "UPDATE inquiry SET buyer_name = NULL, buyer_company = NULL, buyer_phone = NULL,"
        "  buyer_email = NULL, note = NULL, purged_at = :now "
        "WHERE created_at < :cutoff AND purged_at IS NULL";
    *purged = 0;
    /* Overwrite freed space with zeros, so the removed text does not linger in free pages. */
    if (db_exec(d, "PRAGMA secure_delete = ON", err) != 0 || db_begin(d, true, err) != 0) {
        return -1;
    }
    sqlite3_stmt *st = db_prepare(d, sql, err);
    if (!st) {
        db_rollback(d);
        return -1;
    }
    db_bind_text(st, ":now", now_utc);
    db_bind_text(st, ":cutoff", cutoff_utc);
    int rc = db_step(d, st, err);
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        db_rollback(d);
        return -1;
    }
    *purged = sqlite3_changes(db_handle(d));
    if (db_commit(d, err) != 0) {
        return -1;
    }
    /* The old page images live on in the WAL until a checkpoint; TRUNCATE also empties it.
     * A busy reader (the kiosk) can keep the checkpoint from finishing: say so. */
    sqlite3_stmt *ck = NULL;
    int busy = 0;
    if (sqlite3_prepare_v2(db_handle(d), "PRAGMA wal_checkpoint(TRUNCATE)", -1, &ck, NULL) ==
            SQLITE_OK &&
        sqlite3_step(ck) == SQLITE_ROW) {
        busy = sqlite3_column_int(ck, 0);
    }
    sqlite3_finalize(ck);
    if (busy) {
        return error_set(err,
                         "%s: personal data removed, but another program (a running kiosk?) "
                         "kept the write-ahead log from being emptied; run purge again once "
                         "it is closed",
                         db_path(d));
    }
    return 0;
}

/* ---- organiser statistics -------------------------------------------------------------- */

typedef struct demand_acc {
    char code[64];
    double demand;
    int n_months;
    char (*months)[8];
} demand_acc;

typedef struct demand_table {
    int count, cap;
    demand_acc *items;
} demand_table;

static demand_acc *demand_get(demand_table *t, const char *code) {
    for (int i = 0; i < t->count; i++) {
        if (strcmp(t->items[i].code, code) == 0) {
            return &t->items[i];
        }
    }
    if (t->count == t->cap) {
        t->cap = t->cap ? t->cap * 2 : 32;
        t->items = xreallocarray(t->items, (size_t)t->cap, sizeof *t->items);
    }
    demand_acc *a = &t->items[t->count++];
    memset(a, 0, sizeof *a);
    str_copy(a->code, sizeof a->code, code);
    return a;
}

static void demand_add_month(demand_acc *a, const char *month) {
    for (int i = 0; i < a->n_months; i++) {
        if (strcmp(a->months[i], month) == 0) {
            return;
        }
    }
    a->months = xreallocarray(a->months, (size_t)a->n_months + 1, sizeof *a->months);
    str_copy(a->months[a->n_months++], sizeof *a->months, month);
}

/* Every month of the inclusive window from..to (at most 60). */
static void demand_add_window(demand_acc *a, const char *from, const char *to) {
    int first = month_parse(from), last = month_parse(to);
    for (int m = first; first >= 0 && m <= last && m < first + 60; m++) {
        char month[MONTH_TEXT_SIZE];
        month_format(m, month);
        demand_add_month(a, month);
    }
}

static int demand_order(const void *a, const void *b) {
    const lead_product_stat *x = a, *y = b;
    if (x->demand != y->demand) {
        return x->demand < y->demand ? 1 : -1;
    }
    return strcmp(x->code, y->code);
}

/* Product names, base unit and capacity over the months of its demand. */
static int product_facts(db *d, const demand_acc *a, lead_product_stat *out, ocop_error *err) {
    static const char product_sql[] =
        "SELECT id, name_vi, COALESCE(name_en, ''), base_unit FROM product WHERE code = :code";
    static const char capacity_sql[] =
        "SELECT COALESCE("
        "  (SELECT base_quantity FROM capacity WHERE product_id = :id AND month = :month),"
        "  (SELECT base_quantity FROM capacity WHERE product_id = :id AND month = '*'), 0)";
    memset(out, 0, sizeof *out);
    str_copy(out->code, sizeof out->code, a->code);
    out->demand = a->demand;
    sqlite3_stmt *st = db_prepare(d, product_sql, err);
    if (!st) {
        return -1;
    }
    db_bind_text(st, ":code", a->code);
    int rc = db_step(d, st, err);
    int64_t id = -1;
    if (rc == SQLITE_ROW) {
        id = sqlite3_column_int64(st, 0);
        db_column_copy(st, 1, out->name_vi, sizeof out->name_vi);
        db_column_copy(st, 2, out->name_en, sizeof out->name_en);
        db_column_copy(st, 3, out->base_unit, sizeof out->base_unit);
    }
    sqlite3_reset(st);
    if (rc < 0) {
        return -1;
    }
    for (int i = 0; id >= 0 && i < a->n_months; i++) {
        st = db_prepare(d, capacity_sql, err);
        if (!st) {
            return -1;
        }
        db_bind_int64(st, ":id", id);
        db_bind_text(st, ":month", a->months[i]);
        rc = db_step(d, st, err);
        if (rc == SQLITE_ROW) {
            out->capacity += sqlite3_column_double(st, 0);
        }
        sqlite3_reset(st);
        if (rc < 0) {
            return -1;
        }
    }
    return 0;
}

static int stats_demand(db *d, lead_stats *out, ocop_error *err) {
    /* Asked for by code: the whole request (in base units) and its months. */
    static const char asked_sql[] =
        "SELECT product_code, month_from, month_to,"
        "  COALESCE(CASE WHEN json_valid(match_json)"
        "                THEN json_extract(match_json, '$.requested') END, base_quantity, 0) "
        "FROM inquiry WHERE product_code IS NOT NULL AND status <> 'closed'";
    /* What group and text inquiries (or other products' inquiries) were offered of it. */
    static const char offered_sql[] =
        "SELECT json_extract(j.value, '$.product'), json_extract(j.value, '$.month'),"
        "       json_extract(j.value, '$.base_quantity') "
        "FROM inquiry i, json_each(CASE WHEN json_valid(i.match_json) THEN i.match_json"
        "                          ELSE '{}' END, '$.lines') j "
        "WHERE i.status <> 'closed'"
        "  AND json_extract(j.value, '$.product') IS NOT i.product_code";
    demand_table t = {0};
    int result = -1;
    sqlite3_stmt *st = db_prepare(d, asked_sql, err);
    if (!st) {
        goto done;
    }
    int rc;
    while ((rc = db_step(d, st, err)) == SQLITE_ROW) {
        demand_acc *a = demand_get(&t, (const char *)sqlite3_column_text(st, 0));
        a->demand += sqlite3_column_double(st, 3);
        const unsigned char *from = sqlite3_column_text(st, 1);
        const unsigned char *to = sqlite3_column_text(st, 2);
        demand_add_window(a, from ? (const char *)from : "", to ? (const char *)to : "");
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        goto done;
    }
    st = db_prepare(d, offered_sql, err);
    if (!st) {
        goto done;
    }
    while ((rc = db_step(d, st, err)) == SQLITE_ROW) {
        const unsigned char *code = sqlite3_column_text(st, 0);
        const unsigned char *month = sqlite3_column_text(st, 1);
        if (!code) {
            continue;
        }
        demand_acc *a = demand_get(&t, (const char *)code);
        a->demand += sqlite3_column_double(st, 2);
        if (month) {
            demand_add_month(a, (const char *)month);
        }
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        goto done;
    }
    lead_product_stat *all = xcalloc((size_t)(t.count ? t.count : 1), sizeof *all);
    for (int i = 0; i < t.count; i++) {
        if (product_facts(d, &t.items[i], &all[i], err) != 0) {
            free(all);
            goto done;
        }
    }
    qsort(all, (size_t)t.count, sizeof *all, demand_order);
    out->n_demand = t.count < LEAD_STATS_MAX ? t.count : LEAD_STATS_MAX;
    memcpy(out->demand, all, (size_t)out->n_demand * sizeof *all);
    free(all);
    result = 0;
done:
    for (int i = 0; i < t.count; i++) {
        free(t.items[i].months);
    }
    free(t.items);
    return result;
}

int lead_db_stats(db *d, const char *day_start_utc, const char *day_end_utc, lead_stats *out,
                  ocop_error *err) {
    static const char counts_sql[] =
        "SELECT COUNT(*), COALESCE(SUM(created_at >= :from AND created_at < :to), 0) "
        "FROM inquiry";
    static const char viewed_sql[] =
        "SELECT p.code, p.name_vi, COALESCE(p.name_en, ''), p.base_unit, COUNT(*) AS n "
        "FROM product_view v JOIN product p ON p.id = v.product_id "
        "GROUP BY v.product_id ORDER BY n DESC, p.code LIMIT :limit";
    static const char unmet_sql[] =
        "SELECT COALESCE(i.product_code, ''), COALESCE(p.name_vi, ''),"
        "       COALESCE(p.name_en, ''), COALESCE(i.grp, ''), COALESCE(i.query, ''),"
        "       COALESCE(json_extract(i.match_json, '$.base_unit'), i.base_unit, '') AS bu,"
        "       SUM(json_extract(i.match_json, '$.unmet')) AS unmet, COUNT(*) "
        "FROM inquiry i LEFT JOIN product p ON p.code = i.product_code "
        "WHERE i.status <> 'closed' AND (CASE WHEN json_valid(i.match_json)"
        "  THEN json_extract(i.match_json, '$.unmet') END) > 0 "
        "GROUP BY i.product_code, i.grp, i.query, bu "
        "ORDER BY unmet DESC LIMIT :limit";
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st = db_prepare(d, counts_sql, err);
    if (!st) {
        return -1;
    }
    db_bind_text(st, ":from", day_start_utc);
    db_bind_text(st, ":to", day_end_utc);
    int rc = db_step(d, st, err);
    if (rc == SQLITE_ROW) {
        out->leads_total = sqlite3_column_int(st, 0);
        out->leads_today = sqlite3_column_int(st, 1);
    }
    sqlite3_reset(st);
    if (rc != SQLITE_ROW) {
        return -1;
    }

    st = db_prepare(d, viewed_sql, err);
    if (!st) {
        return -1;
    }
    db_bind_int64(st, ":limit", LEAD_STATS_MAX);
    while ((rc = db_step(d, st, err)) == SQLITE_ROW) {
        lead_product_stat *v = &out->viewed[out->n_viewed++];
        db_column_copy(st, 0, v->code, sizeof v->code);
        db_column_copy(st, 1, v->name_vi, sizeof v->name_vi);
        db_column_copy(st, 2, v->name_en, sizeof v->name_en);
        db_column_copy(st, 3, v->base_unit, sizeof v->base_unit);
        v->views = sqlite3_column_int(st, 4);
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        return -1;
    }

    st = db_prepare(d, unmet_sql, err);
    if (!st) {
        return -1;
    }
    db_bind_int64(st, ":limit", LEAD_STATS_MAX);
    while ((rc = db_step(d, st, err)) == SQLITE_ROW) {
        lead_unmet_stat *u = &out->unmet[out->n_unmet++];
        db_column_copy(st, 0, u->product, sizeof u->product);
        db_column_copy(st, 1, u->name_vi, sizeof u->name_vi);
        db_column_copy(st, 2, u->name_en, sizeof u->name_en);
        db_column_copy(st, 3, u->group, sizeof u->group);
        db_column_copy(st, 4, u->query, sizeof u->query);
        db_column_copy(st, 5, u->base_unit, sizeof u->base_unit);
        u->unmet = sqlite3_column_double(st, 6);
        u->inquiries = sqlite3_column_int(st, 7);
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        return -1;
    }
    if (stats_demand(d, out, err) != 0) {
        return -1;
    }
    /* The chart shows views next to demand. */
    for (int i = 0; i < out->n_demand; i++) {
        for (int k = 0; k < out->n_viewed; k++) {
            if (strcmp(out->demand[i].code, out->viewed[k].code) == 0) {
                out->demand[i].views = out->viewed[k].views;
            }
        }
    }
    return 0;
}

int lead_db_record_view(db *d, const char *product_code, const char *now_utc, ocop_error *err) {
    static const char sql[] = "INSERT INTO product_view (product_id, viewed_at) "
                              "SELECT id, :now FROM product WHERE code = :code";
    sqlite3_stmt *st = db_prepare(d, sql, err);
    if (!st) {
        return -1;
    }
    db_bind_text(st, ":now", now_utc);
    db_bind_text(st, ":code", product_code);
    int rc = db_step(d, st, err);
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? 0 : -1;
}
