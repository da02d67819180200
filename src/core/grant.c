/* grant.c: the outcome of the server's grants for a lead; see grant.h. */
#include "core/grant.h"

#include "core/number.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

const char *grant_outcome(const char *before, bool shown_now, const grant_line *lines, int n,
                          strbuf *note) {
    if (shown_now) {
        return "confirmed";
    }
    bool cut = before && strcmp(before, "cut") == 0;
    bool noted = false;
    for (int i = 0; i < n; i++) {
        const grant_line *l = &lines[i];
        if (l->granted < l->asked - GRANT_EPSILON) {
            cut = true;
            if (note) {
                char asked[32], granted[32];
                /* Up to three decimals, no trailing zeros ("12.5", "30"): number.h. */
                number_format_plain(l->asked, 3, asked, sizeof asked);
                number_format_plain(l->granted, 3, granted, sizeof granted);
                sb_appendf(note, "%s%s %s: %s → %s %s", noted || note->len ? "; " : "", l->product,
                           l->month, asked, granted, l->base_unit);
                noted = true;
            }
        }
    }
    return cut ? "cut" : "confirmed";
}

/* The grant line of product `code` in `month`, or NULL. */
static const grant_line *find(const grant_line *lines, int n, const char *code, const char *month) {
    for (int i = 0; i < n; i++) {
        if (strcmp(lines[i].product, code) == 0 && strcmp(lines[i].month, month) == 0) {
            return &lines[i];
        }
    }
    return NULL;
}

/* The share of a line that was granted: 1 when it had no grant line. */
static double factor(const grant_line *g) {
    if (!g || !(g->asked > 0)) {
        return 1.0;
    }
    double f = g->granted / g->asked;
    return f < 0 ? 0 : (f > 1 ? 1 : f);
}

void grant_apply(match_result *r, const grant_line *lines, int n) {
    int kept = 0;
    double covered = 0;
    for (int i = 0; i < r->n_lines; i++) {
        match_line l = r->lines[i];
        double f = factor(find(lines, n, l.product, l.month));
        if (f <= 0) {
            continue;
        }
        l.quantity *= f;
        l.base_quantity *= f;
        l.product_base_quantity *= f;
        covered += l.base_quantity;
        r->lines[kept++] = l;
    }
    r->n_lines = kept;
    r->covered = covered;
    r->unmet = r->requested > covered ? r->requested - covered : 0;
}

static double rounded(double v) {
    return round(v * 1000.0) / 1000.0;
}

char *grant_apply_json(const char *json, const grant_line *lines, int n) {
    cJSON *root = json ? cJSON_Parse(json) : NULL;
    cJSON *list = root ? cJSON_GetObjectItemCaseSensitive(root, "lines") : NULL;
    if (!cJSON_IsArray(list)) {
        cJSON_Delete(root);
        return NULL;
    }
    double covered = 0;
    for (cJSON *l = list->child; l;) {
        cJSON *next = l->next;
        const char *code = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(l, "product"));
        const char *month = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(l, "month"));
        cJSON *qty = cJSON_GetObjectItemCaseSensitive(l, "quantity");
        cJSON *base = cJSON_GetObjectItemCaseSensitive(l, "base_quantity");
        double f = code && month ? factor(find(lines, n, code, month)) : 1.0;
        if (f <= 0) {
            cJSON_Delete(cJSON_DetachItemViaPointer(list, l));
        } else {
            if (cJSON_IsNumber(qty)) {
                cJSON_SetNumberValue(qty, rounded(qty->valuedouble * f));
            }
            if (cJSON_IsNumber(base)) {
                cJSON_SetNumberValue(base, rounded(base->valuedouble * f));
                covered += base->valuedouble;
            }
        }
        l = next;
    }
    cJSON *requested = cJSON_GetObjectItemCaseSensitive(root, "requested");
    cJSON *cov = cJSON_GetObjectItemCaseSensitive(root, "covered");
    cJSON *unmet = cJSON_GetObjectItemCaseSensitive(root, "unmet");
    double req = cJSON_IsNumber(requested) ? requested->valuedouble : 0;
    if (cJSON_IsNumber(cov)) {
        cJSON_SetNumberValue(cov, rounded(covered));
    }
    if (cJSON_IsNumber(unmet)) {
        cJSON_SetNumberValue(unmet, rounded(req > covered ? req - covered : 0));
    }
    char *text = cJSON_PrintUnformatted(root);
    OCOP_ASSERT(text != NULL);
    cJSON_Delete(root);
    return text;
}
