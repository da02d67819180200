/* inquiry.c: the inquiry JSON of DESIGN §5, parsed with cJSON and validated; see inquiry.h. */
#include "core/inquiry.h"

#include "core/catalog.h"
#include "core/fold.h"
#include "core/month.h"
#include "core/phone.h"
#include "core/units.h"
#include "core/utf8.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static inquiry_problem quantity_problem(double quantity, ocop_error *err);
static void check_request(inquiry_request *in, inquiry_errors *out);

int inquiry_group_key(const char *name, char *out, size_t cap) {
    const char *key = catalog_group_key(name); /* the one table of groups */
    if (!key) {
        return -1;
    }
    str_copy(out, cap, key);
    return 0;
}

/* Copies NFC text into a fixed field, refusing what does not fit or is not UTF-8. */
static int set_text(char *dst, size_t cap, const char *src, const char *field, ocop_error *err) {
    if (!src) {
        dst[0] = '\0';
        return 0;
    }
    char *nfc = utf8_nfc(src);
    if (!nfc) {
        return error_set(err, "%s: not valid UTF-8", field);
    }
    str_trim(nfc);
    bool fits = str_copy(dst, cap, nfc);
    free(nfc);
    if (!fits) {
        return error_set(err, "%s: too long (at most %zu bytes)", field, cap - 1);
    }
    return 0;
}

static const char *const field_names[INQUIRY_FIELD_COUNT] = {
    [INQUIRY_FIELD_NAME] = "buyer.name",
    [INQUIRY_FIELD_COMPANY] = "buyer.company",
    [INQUIRY_FIELD_PHONE] = "buyer.phone",
    [INQUIRY_FIELD_EMAIL] = "buyer.email",
    [INQUIRY_FIELD_PROVINCE] = "buyer.province",
    [INQUIRY_FIELD_PRODUCT] = "product",
    [INQUIRY_FIELD_GROUP] = "group",
    [INQUIRY_FIELD_QUERY] = "query",
    [INQUIRY_FIELD_QUANTITY] = "quantity",
    [INQUIRY_FIELD_UNIT] = "unit",
    [INQUIRY_FIELD_MONTHS] = "months",
    [INQUIRY_FIELD_MIN_STARS] = "min_stars",
    [INQUIRY_FIELD_MAX_PRICE] = "max_price_vnd",
    [INQUIRY_FIELD_NOTE] = "note",
    [INQUIRY_FIELD_LANG] = "lang",
};

const char *inquiry_field_name(inquiry_field field) {
    OCOP_ASSERT(field >= 0 && field < INQUIRY_FIELD_COUNT);
    return field_names[field];
}

/* Records that `field` is wrong (`problem`, message `e`): the first problem of a field is kept,
 * and the first of all is out->first, the one inquiry_validate reports. */
static void record(inquiry_errors *out, inquiry_field field, inquiry_problem problem,
                   const ocop_error *e) {
    if (out->problem[field] != INQUIRY_OK) {
        return;
    }
    out->problem[field] = problem;
    out->message[field] = *e;
    if (out->count++ == 0) {
        out->first = *e;
    }
}

/* record() with the message "<field's name>: <fmt …>", so that every message names its field. */
static void wrong(inquiry_errors *out, inquiry_field field, inquiry_problem problem,
                  const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static void wrong(inquiry_errors *out, inquiry_field field, inquiry_problem problem,
                  const char *fmt, ...) {
    ocop_error what, e;
    va_list ap;
    va_start(ap, fmt);
    error_setv(&what, fmt, ap);
    va_end(ap);
    error_set(&e, "%s: %s", inquiry_field_name(field), what.msg);
    record(out, field, problem, &e);
}

static bool is_ok(const inquiry_errors *out, inquiry_field field) {
    return out->problem[field] == INQUIRY_OK;
}

static void clear_errors(inquiry_errors *out) {
    memset(out->problem, 0, sizeof out->problem);
    out->count = 0;
    for (int f = 0; f < INQUIRY_FIELD_COUNT; f++) {
        out->message[f].msg[0] = '\0';
    }
    out->first.msg[0] = '\0';
}

int inquiry_validate_fields(inquiry_request *in, inquiry_errors *out) {
    clear_errors(out);
    ocop_error e;
    /* Text fields arrive from a form or from JSON: NFC and trimmed either way. */
    struct {
        char *text;
        size_t cap;
        inquiry_field field;
    } texts[] = {
        {in->buyer_name, sizeof in->buyer_name, INQUIRY_FIELD_NAME},
        {in->buyer_company, sizeof in->buyer_company, INQUIRY_FIELD_COMPANY},
        {in->buyer_email, sizeof in->buyer_email, INQUIRY_FIELD_EMAIL},
        {in->buyer_province, sizeof in->buyer_province, INQUIRY_FIELD_PROVINCE},
        {in->product, sizeof in->product, INQUIRY_FIELD_PRODUCT},
        {in->query, sizeof in->query, INQUIRY_FIELD_QUERY},
        {in->note, sizeof in->note, INQUIRY_FIELD_NOTE},
        {in->unit, sizeof in->unit, INQUIRY_FIELD_UNIT},
    };
    for (size_t i = 0; i < OCOP_COUNT(texts); i++) {
        char *copy = xstrdup(texts[i].text);
        if (set_text(texts[i].text, texts[i].cap, copy, inquiry_field_name(texts[i].field), &e) !=
            0) {
            record(out, texts[i].field, INQUIRY_INVALID, &e);
        }
        free(copy);
    }
    if (str_blank(in->buyer_name)) {
        wrong(out, INQUIRY_FIELD_NAME, INQUIRY_MISSING, "missing (who is asking?)");
    }
    if (str_blank(in->buyer_phone) && str_blank(in->buyer_email)) {
        wrong(out, INQUIRY_FIELD_PHONE, INQUIRY_NO_CONTACT,
              "missing (a phone number or an e-mail address is needed so that producers can "
              "answer)");
    }
    if (!str_blank(in->buyer_phone)) {
        char phone[sizeof in->buyer_phone];
        ocop_error perr;
        if (phone_normalize(in->buyer_phone, phone, sizeof phone, &perr) != 0) {
            wrong(out, INQUIRY_FIELD_PHONE, INQUIRY_INVALID, "%s", perr.msg);
        } else {
            str_copy(in->buyer_phone, sizeof in->buyer_phone, phone);
        }
    }
    if (!str_blank(in->buyer_email) && is_ok(out, INQUIRY_FIELD_EMAIL)) {
        ocop_error eerr;
        if (phone_check_email(in->buyer_email, &eerr) != 0) {
            wrong(out, INQUIRY_FIELD_EMAIL, INQUIRY_INVALID, "%s", eerr.msg);
        }
    }
    check_request(in, out); /* what is to be matched */
    return out->count;
}

int inquiry_validate(inquiry_request *in, ocop_error *err) {
    inquiry_errors *errors = xmalloc(sizeof *errors);
    int wrong_fields = inquiry_validate_fields(in, errors);
    if (wrong_fields > 0 && err) {
        *err = errors->first;
    }
    free(errors);
    return wrong_fields > 0 ? -1 : 0;
}

int inquiry_validate_request(inquiry_request *in, ocop_error *err) {
    inquiry_errors *errors = xmalloc(sizeof *errors);
    clear_errors(errors);
    check_request(in, errors);
    int wrong_fields = errors->count;
    if (wrong_fields > 0 && err) {
        *err = errors->first;
    }
    free(errors);
    return wrong_fields > 0 ? -1 : 0;
}

/* inquiry_validate_request's checks, recording every wrong field in `out` (each field's first
 * problem; out->first is the first of all, in the order below). A check that reads another
 * field (a unit's kind for the smallest quantity) runs only when that field is right. */
static void check_request(inquiry_request *in, inquiry_errors *out) {
    /* `match` fills these straight from the command line: only UTF-8 goes further (into the
     * search, the messages and the JSON printed). */
    const struct {
        const char *text;
        inquiry_field field;
    } texts[] = {
        {in->product, INQUIRY_FIELD_PRODUCT},
        {in->group, INQUIRY_FIELD_GROUP},
        {in->query, INQUIRY_FIELD_QUERY},
        {in->unit, INQUIRY_FIELD_UNIT},
        {in->buyer_province, INQUIRY_FIELD_PROVINCE},
    };
    for (size_t i = 0; i < OCOP_COUNT(texts); i++) {
        if (!utf8_valid(texts[i].text, strlen(texts[i].text))) {
            wrong(out, texts[i].field, INQUIRY_INVALID, "not valid UTF-8");
        }
    }
    int kinds = !str_blank(in->product) + !str_blank(in->group) + !str_blank(in->query);
    if (kinds != 1) {
        wrong(out, INQUIRY_FIELD_PRODUCT, INQUIRY_INVALID,
              "give exactly one of product, group or query (%d given)", kinds);
    }
    if (!str_blank(in->group) && is_ok(out, INQUIRY_FIELD_GROUP)) {
        char key[sizeof in->group];
        if (inquiry_group_key(in->group, key, sizeof key) != 0) {
            wrong(out, INQUIRY_FIELD_GROUP, INQUIRY_INVALID,
                  "unknown product group \"%s\" (food, beverages, herbal, textiles, "
                  "handicrafts, ornamental, tourism, or the Vietnamese name)",
                  in->group);
        } else {
            str_copy(in->group, sizeof in->group, key);
        }
    }
    ocop_error e;
    inquiry_problem quantity = quantity_problem(in->quantity, &e);
    if (quantity != INQUIRY_OK) {
        record(out, INQUIRY_FIELD_QUANTITY, quantity, &e);
    }
    unit_info unit = {0};
    ocop_error uerr;
    if (str_blank(in->unit)) {
        wrong(out, INQUIRY_FIELD_UNIT, INQUIRY_MISSING, "missing");
    } else if (is_ok(out, INQUIRY_FIELD_UNIT) && units_lookup(in->unit, &unit, &uerr) != 0) {
        wrong(out, INQUIRY_FIELD_UNIT, INQUIRY_INVALID, "%s", uerr.msg);
    }
    /* Quantities are kept in grams, millilitres or pieces (the batch allocation's units): less
     * than one of those cannot be served without giving more than was asked. */
    if (quantity == INQUIRY_OK && is_ok(out, INQUIRY_FIELD_UNIT) && unit.kind != UNIT_COUNT &&
        in->quantity * unit.to_base < 0.001 * (1 - 1e-9)) {
        wrong(out, INQUIRY_FIELD_QUANTITY, INQUIRY_TOO_SMALL,
              "%g %s is less than 1 %s, the smallest quantity recorded", in->quantity, unit.name,
              unit.kind == UNIT_MASS ? "g" : "ml");
    }
    if (str_blank(in->month_to)) {
        str_copy(in->month_to, sizeof in->month_to, in->month_from);
    }
    if (!month_valid(in->month_from)) {
        wrong(out, INQUIRY_FIELD_MONTHS, INQUIRY_INVALID, "\"%s\" is not a month (YYYY-MM)",
              in->month_from);
    } else if (!month_valid(in->month_to)) {
        wrong(out, INQUIRY_FIELD_MONTHS, INQUIRY_INVALID, "\"%s\" is not a month (YYYY-MM)",
              in->month_to);
    } else {
        int span = month_span(in->month_from, in->month_to);
        if (span < 1) {
            wrong(out, INQUIRY_FIELD_MONTHS, INQUIRY_INVALID, "%s is before %s", in->month_to,
                  in->month_from);
        } else if (span > INQUIRY_MAX_MONTHS) {
            wrong(out, INQUIRY_FIELD_MONTHS, INQUIRY_INVALID,
                  "a window of %d months is too long (at most %d)", span, INQUIRY_MAX_MONTHS);
        }
    }
    if (in->min_stars < 0 || in->min_stars > 5) {
        wrong(out, INQUIRY_FIELD_MIN_STARS, INQUIRY_INVALID, "must be 1 to 5 (or 0 for any)");
    }
    if (in->max_price_vnd < 0) {
        wrong(out, INQUIRY_FIELD_MAX_PRICE, INQUIRY_INVALID, "must not be negative");
    }
    if (str_blank(in->lang)) {
        str_copy(in->lang, sizeof in->lang, "vi");
    }
    if (strcmp(in->lang, "vi") != 0 && strcmp(in->lang, "en") != 0) {
        wrong(out, INQUIRY_FIELD_LANG, INQUIRY_INVALID, "must be vi or en");
    }
}

/* Whether `quantity` is one an inquiry may ask for: INQUIRY_OK, or the problem with `err`
 * set. */
static inquiry_problem quantity_problem(double quantity, ocop_error *err) {
    if (!(quantity > 0)) {
        error_set(err, "quantity: must be a number greater than 0 (and at most 10^9)");
        return INQUIRY_NOT_POSITIVE;
    }
    if (!isfinite(quantity) || quantity > INQUIRY_QUANTITY_MAX) {
        error_set(err, "quantity: must be a number greater than 0 (and at most 10^9)");
        return INQUIRY_TOO_LARGE;
    }
    return INQUIRY_OK;
}

/* The string member `name` of `obj` (NULL when absent or null); an error when of another type. */
static int get_string(const cJSON *obj, const char *name, const char *field, const char **out,
                      ocop_error *err) {
    *out = NULL;
    const cJSON *item = cJSON_GetObjectItemCaseSensitive(obj, name);
    if (!item || cJSON_IsNull(item)) {
        return 0;
    }
    if (!cJSON_IsString(item)) {
        return error_set(err, "%s: must be a string", field);
    }
    *out = item->valuestring;
    return 0;
}

static int get_text(const cJSON *obj, const char *name, const char *field, char *dst, size_t cap,
                    ocop_error *err) {
    const char *s;
    if (get_string(obj, name, field, &s, err) != 0) {
        return -1;
    }
    return set_text(dst, cap, s, field, err);
}

/* A whole number: a JSON integer, or absent/null (then `dflt`). */
static int get_int(const cJSON *obj, const char *name, int64_t dflt, int64_t *out,
                   ocop_error *err) {
    *out = dflt;
    const cJSON *item = cJSON_GetObjectItemCaseSensitive(obj, name);
    if (!item || cJSON_IsNull(item)) {
        return 0;
    }
    if (!cJSON_IsNumber(item) || item->valuedouble != floor(item->valuedouble) ||
        fabs(item->valuedouble) > 9e15) {
        return error_set(err, "%s: must be a whole number", name);
    }
    *out = (int64_t)item->valuedouble;
    return 0;
}

static int get_bool(const cJSON *obj, const char *name, const char *field, bool *out,
                    ocop_error *err) {
    *out = false;
    const cJSON *item = cJSON_GetObjectItemCaseSensitive(obj, name);
    if (!item || cJSON_IsNull(item)) {
        return 0;
    }
    if (!cJSON_IsBool(item)) {
        return error_set(err, "%s: must be true or false", field);
    }
    *out = cJSON_IsTrue(item);
    return 0;
}

static int parse(const cJSON *root, inquiry_request *out, ocop_error *err) {
    if (!cJSON_IsObject(root)) {
        return error_set(err, "inquiry: must be a JSON object");
    }
    const cJSON *buyer = cJSON_GetObjectItemCaseSensitive(root, "buyer");
    if (buyer && !cJSON_IsNull(buyer)) {
        if (!cJSON_IsObject(buyer)) {
            return error_set(err, "buyer: must be an object");
        }
        if (get_text(buyer, "name", "buyer.name", out->buyer_name, sizeof out->buyer_name, err) ||
            get_text(buyer, "company", "buyer.company", out->buyer_company,
                     sizeof out->buyer_company, err) ||
            get_text(buyer, "phone", "buyer.phone", out->buyer_phone, sizeof out->buyer_phone,
                     err) ||
            get_text(buyer, "email", "buyer.email", out->buyer_email, sizeof out->buyer_email,
                     err) ||
            get_text(buyer, "province", "buyer.province", out->buyer_province,
                     sizeof out->buyer_province, err)) {
            return -1;
        }
    }
    if (get_text(root, "product", "product", out->product, sizeof out->product, err) ||
        get_text(root, "query", "query", out->query, sizeof out->query, err) ||
        get_text(root, "unit", "unit", out->unit, sizeof out->unit, err) ||
        get_text(root, "note", "note", out->note, sizeof out->note, err) ||
        get_text(root, "lang", "lang", out->lang, sizeof out->lang, err)) {
        return -1;
    }
    const char *group;
    if (get_string(root, "group", "group", &group, err) != 0) {
        return -1;
    }
    if (group && !utf8_valid(group, strlen(group))) {
        return error_set(err, "group: not valid UTF-8");
    }
    if (group && !str_blank(group)) {
        if (inquiry_group_key(group, out->group, sizeof out->group) != 0) {
            return error_set(err,
                             "group: unknown product group \"%.100s\" (food, beverages, herbal, "
                             "textiles, handicrafts, ornamental, tourism, or the Vietnamese name)",
                             group);
        }
    }

    const cJSON *qty = cJSON_GetObjectItemCaseSensitive(root, "quantity");
    if (!qty || cJSON_IsNull(qty)) {
        return error_set(err, "quantity: missing");
    }
    if (cJSON_IsNumber(qty)) {
        out->quantity = qty->valuedouble;
    } else if (cJSON_IsString(qty)) {
        ocop_error nerr;
        if (units_parse_number(qty->valuestring, &out->quantity, &nerr) != 0) {
            return error_set(err, "quantity: %s", nerr.msg);
        }
    } else {
        return error_set(err, "quantity: must be a number");
    }

    const cJSON *months = cJSON_GetObjectItemCaseSensitive(root, "months");
    if (!months || cJSON_IsNull(months)) {
        return error_set(err, "months: missing (one month, or the first and last month)");
    }
    if (cJSON_IsString(months)) {
        if (!str_copy(out->month_from, sizeof out->month_from, months->valuestring)) {
            return error_set(err, "months: \"%.40s\" is not a month (YYYY-MM)",
                             months->valuestring);
        }
    } else if (cJSON_IsArray(months)) {
        int n = cJSON_GetArraySize(months);
        if (n < 1 || n > 2) {
            return error_set(err, "months: give one month, or the first and last month");
        }
        for (int i = 0; i < n; i++) {
            const cJSON *m = cJSON_GetArrayItem(months, i);
            char *dst = i == 0 ? out->month_from : out->month_to;
            if (!cJSON_IsString(m) || !str_copy(dst, 8, m->valuestring) || !month_valid(dst)) {
                return error_set(err, "months[%d]: not a month (YYYY-MM)", i);
            }
        }
    } else {
        return error_set(err, "months: must be an array of months (YYYY-MM)");
    }

    int64_t v;
    if (get_int(root, "min_stars", 0, &v, err) != 0) {
        return -1;
    }
    if (v < 0 || v > 5) {
        return error_set(err, "min_stars: must be 1 to 5 (or 0 for any)");
    }
    out->min_stars = (int)v;
    if (get_int(root, "max_price_vnd", 0, &out->max_price_vnd, err) != 0) {
        return -1;
    }
    const cJSON *consent = cJSON_GetObjectItemCaseSensitive(root, "consent");
    if (consent && !cJSON_IsNull(consent)) {
        if (!cJSON_IsObject(consent)) {
            return error_set(err, "consent: must be an object");
        }
        if (get_bool(consent, "contact", "consent.contact", &out->consent_contact, err) ||
            get_bool(consent, "share_with_producers", "consent.share_with_producers",
                     &out->consent_share, err)) {
            return -1;
        }
    }
    return 0;
}

static int compare_keys(const void *a, const void *b) {
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The first key that appears twice in one object of the tree at `node` (cJSON keeps both and
 * lookups see only the first: a second "phone" would be silently ignored), or NULL. */
static const char *duplicate_key(const cJSON *node) {
    if (!cJSON_IsObject(node) && !cJSON_IsArray(node)) {
        return NULL;
    }
    size_t n = 0;
    for (const cJSON *c = node->child; c; c = c->next) {
        const char *inner = duplicate_key(c);
        if (inner) {
            return inner;
        }
        n++;
    }
    if (!cJSON_IsObject(node) || n < 2) {
        return NULL;
    }
    const char **keys = xmalloc(n * sizeof *keys);
    size_t k = 0;
    for (const cJSON *c = node->child; c; c = c->next) {
        keys[k++] = c->string ? c->string : "";
    }
    qsort(keys, n, sizeof *keys, compare_keys);
    const char *dup = NULL;
    for (size_t i = 1; i < n && !dup; i++) {
        if (strcmp(keys[i - 1], keys[i]) == 0) {
            dup = keys[i];
        }
    }
    free(keys);
    return dup;
}

int inquiry_from_json_len(const char *json, size_t len, inquiry_request *out, ocop_error *err) {
    const char *nul = memchr(json, '\0', len);
    if (nul) {
        memset(out, 0, sizeof *out);
        int line = 1;
        for (const char *p = json; p < nul; p++) {
            line += *p == '\n';
        }
        return error_set(err,
                         "line %d: a NUL byte; an inquiry is one JSON document and nothing "
                         "after it",
                         line);
    }
    return inquiry_from_json(json, out, err);
}

int inquiry_from_json(const char *json, inquiry_request *out, ocop_error *err) {
    memset(out, 0, sizeof *out);
    /* One document and nothing after it: "{…} {…}" is not an inquiry. */
    cJSON *root = cJSON_ParseWithOpts(json, NULL, true);
    if (!root) {
        const char *at = cJSON_GetErrorPtr();
        int line = 1;
        for (const char *p = json; at && p < at && *p; p++) {
            line += *p == '\n';
        }
        return error_set(err, "line %d: not valid JSON near \"%.20s\"", line, at ? at : "");
    }
    const char *dup = duplicate_key(root);
    if (dup) {
        error_set(err, "\"%s\": the key appears twice in one object", dup);
        cJSON_Delete(root);
        return -1;
    }
    int rc = parse(root, out, err);
    cJSON_Delete(root);
    if (rc != 0) {
        return -1;
    }
    return inquiry_validate(out, err);
}
