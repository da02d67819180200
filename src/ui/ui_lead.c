/* ui_lead.c: checking, matching and recording an inquiry for the kiosk; see ui_lead.h. */
#include "ui/ui_lead.h"

#include "core/phone.h"
#include "core/units.h"
#include "core/isotime.h"
#include "db/lead_db.h"
#include "db/match_db.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool ui_lead_phone_ok(const char *text, char *normalised, size_t cap) {
    ocop_error err;
    return phone_normalize(text, normalised, cap, &err) == 0;
}

bool ui_lead_email_ok(const char *text) {
    ocop_error err;
    return phone_check_email(text, &err) == 0;
}

ui_qty_check ui_lead_quantity_check(const char *text, double *out) {
    double v;
    *out = 0;
    if (str_blank(text) || units_parse_number(text, &v, NULL) != 0 || !isfinite(v)) {
        return UI_QTY_NOT_NUMBER;
    }
    if (!(v > 0)) {
        return UI_QTY_NOT_POSITIVE;
    }
    if (v > UI_LEAD_QUANTITY_MAX) {
        return UI_QTY_TOO_LARGE;
    }
    *out = v;
    return UI_QTY_OK;
}

static int preview_match(ui_catalog *c, const inquiry_request *in, match_result *out, bool *preview,
                         ocop_error *err) {
    memset(out, 0, sizeof *out);
    str_copy(out->unit, sizeof out->unit, in->unit);
    *preview = true;
    /* Preview: the chosen product first, then the same group's other products. */
    product_record rec;
    int found = ui_catalog_get(c, in->product, &rec, err);
    if (found < 0) {
        return -1;
    }
    if (found == 0) {
        return error_set(err, "product %s: not in the catalogue", in->product);
    }
    search_filter f = {.min_stars = in->min_stars, .group = rec.group};
    search_results r;
    if (ui_catalog_search(c, NULL, &f, 0, 200, &r, err) != 0) {
        return -1;
    }
    /* The product itself, then same province, then the rest (already ranked by stars). */
    for (int pass = 0; pass < 3 && out->n_lines < 8; pass++) {
        for (int i = 0; i < r.count && out->n_lines < 8; i++) {
            const product_card *card = &r.items[i];
            bool self = strcmp(card->code, in->product) == 0;
            bool near = strcmp(card->province, in->buyer_province) == 0;
            if ((pass == 0) != self || (pass == 1 && !near) || (pass == 2 && near)) {
                continue;
            }
            bool dup = false;
            for (int k = 0; k < out->n_lines; k++) {
                dup |= strcmp(out->lines[k].producer, card->producer) == 0;
            }
            if (dup) {
                continue;
            }
            match_line *l = &out->lines[out->n_lines++];
            str_copy(l->product, sizeof l->product, card->code);
            str_copy(l->name, sizeof l->name,
                     str_ieq(in->lang, "en") && card->name_en[0] ? card->name_en : card->name_vi);
            str_copy(l->producer, sizeof l->producer, card->producer);
            str_copy(l->province, sizeof l->province, card->province);
            str_copy(l->month, sizeof l->month, in->month_from);
            str_copy(l->unit, sizeof l->unit, in->unit);
            l->stars = card->stars;
            product_record full;
            ocop_error ignored;
            if (ui_catalog_get(c, card->code, &full, &ignored) == 1) {
                str_copy(l->phone, sizeof l->phone, full.phone);
                str_copy(l->email, sizeof l->email, full.email);
            }
        }
    }
    ui_catalog_results_free(c, &r);
    return 0;
}

int ui_lead_match(ui_catalog *c, const kiosk_config *cfg, inquiry_request *in, int64_t now,
                  match_result *out, bool *preview, ocop_error *err) {
    db *d = ui_catalog_db(c);
    if (!d) {
        return preview_match(c, in, out, preview, err);
    }
    *preview = false;
    if (inquiry_validate(in, err) != 0) {
        return -1;
    }
    return match_db_run(d, in, now, cfg, out, err);
}

int ui_lead_record(ui_catalog *c, const kiosk_config *cfg, inquiry_request *in, int64_t now,
                   const char *edit_id, char *id, size_t id_cap, match_result *shown,
                   ocop_error *err) {
    id[0] = '\0';
    db *d = ui_catalog_db(c);
    if (!d) {
        return error_set(err, "no database: a synthetic catalogue records nothing");
    }
    char uuid[MATCH_DB_ID_SIZE];
    if (match_db_save_inquiry(d, in, now, cfg, edit_id, uuid, shown, err) != 0) {
        return -1;
    }
    str_copy(id, id_cap, uuid);
    return 0;
}

int ui_lead_capacity(ui_catalog *c, const product_record *p, int64_t now, const char *month0,
                     double declared_out[2], double free_out[2], ocop_error *err) {
    db *d = ui_catalog_db(c);
    if (!d) {
        return 0;
    }
    return match_db_capacity(d, p->id, month0, 2, now, declared_out, free_out, err) == 0 ? 1 : -1;
}

int ui_lead_record_view(ui_catalog *c, const char *code, int64_t now, ocop_error *err) {
    db *d = ui_catalog_db(c);
    if (!d) {
        return 0;
    }
    char stamp[32];
    isotime_format_utc(now, stamp, sizeof stamp);
    return lead_db_record_view(d, code, stamp, err);
}

void ui_lead_reference(const char *id, char out[8]) {
    size_t n = 0;
    for (; id[n] && n < 6; n++) {
        out[n] = (char)toupper((unsigned char)id[n]);
    }
    out[n == 6 ? 6 : 0] = '\0';
}
