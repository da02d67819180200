/* ui_lead.c: checking, matching and recording an inquiry for the kiosk; see ui_lead.h. */
#include "ui/ui_lead.h"

#include "core/units.h"
#include "core/isotime.h"
#include "db/lead_db.h"
#include "db/match_db.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool ui_lead_quantity_check(const char *text, double *out) {
    double v;
    *out = 0;
    if (str_blank(text) || units_parse_number(text, &v, NULL) != 0 || !isfinite(v)) {
        return false;
    }
    *out = v;
    return true;
}

int ui_lead_match(ui_catalog *c, const kiosk_config *cfg, inquiry_request *in, int64_t now,
                  match_result *out, ocop_error *err) {
    if (inquiry_validate(in, err) != 0) {
        return -1;
    }
    return match_db_run(ui_catalog_db(c), in, now, cfg, out, err);
}

int ui_lead_record(ui_catalog *c, const kiosk_config *cfg, inquiry_request *in, int64_t now,
                   const char *edit_id, char *id, size_t id_cap, match_result *shown,
                   ocop_error *err) {
    id[0] = '\0';
    char uuid[MATCH_DB_ID_SIZE];
    if (match_db_save_inquiry(ui_catalog_db(c), in, now, cfg, edit_id, uuid, shown, err) != 0) {
        return -1;
    }
    str_copy(id, id_cap, uuid);
    return 0;
}

int ui_lead_capacity(ui_catalog *c, const product_record *p, int64_t now, const char *month0,
                     double declared_out[2], double free_out[2], ocop_error *err) {
    return match_db_capacity(ui_catalog_db(c), p->id, month0, 2, now, declared_out, free_out,
                             err) == 0
               ? 1
               : -1;
}

int ui_lead_record_view(ui_catalog *c, const char *code, int64_t now, ocop_error *err) {
    char stamp[32];
    isotime_format_utc(now, stamp, sizeof stamp);
    return lead_db_record_view(ui_catalog_db(c), code, stamp, err);
}

void ui_lead_reference(const char *id, char out[8]) {
    size_t n = 0;
    for (; id[n] && n < 6; n++) {
        out[n] = (char)toupper((unsigned char)id[n]);
    }
    out[n == 6 ? 6 : 0] = '\0';
}
