/* match.c: ranking, splitting and explaining an instant match; see match.h. The explanation is
 * codes and numbers: the words are the string tables' (match_words.h). */
#include "core/month.h"
#include "core/match.h"

#include "core/province.h"
#include "core/units.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Quantities closer than this (in base units) are equal: sums of doubles drift. */
#define EPS 1e-9

/* What the ranking needs to know about one usable candidate. */
typedef struct ranked {
    const match_candidate *c;
    double k;                         /* match base units per product base unit */
    double allowed[MATCH_MAX_MONTHS]; /* product base units this inquiry may take */
    bool capped[MATCH_MAX_MONTHS];    /* the small-producer share cap applied */
    double coverage;                  /* 0–1: what it could cover of the request */
    double distance_km;               /* from the buyer; HUGE_VAL when unknown */
    bool same_province;
} ranked;

static bool countable(const match_candidate *c) {
    return c->measure[0] != '\0' || strcmp(c->base_unit, "piece") == 0;
}

/* The match's base unit and the requested quantity in it. */
typedef struct conv_base {
    char base_unit[8];
    double requested;
} conv_base;

/* The base of the inquiry's unit `iu` (a count unit: pieces, until a product code says
 * otherwise in convert()). */
static void base_of(const inquiry_request *in, const unit_info *iu, conv_base *out) {
    if (iu->kind == UNIT_MASS || iu->kind == UNIT_VOLUME) {
        str_copy(out->base_unit, sizeof out->base_unit, iu->kind == UNIT_MASS ? "kg" : "l");
        out->requested = in->quantity * iu->to_base;
    } else {
        str_copy(out->base_unit, sizeof out->base_unit, "piece");
        out->requested = in->quantity;
    }
}

/* Sets *why to `code` for product `c` (a `unit` of it) and the inquiry's unit; returns -1. */
static int say_why(match_reason *why, match_reason_code code, const match_candidate *c,
                   const char *unit, const inquiry_request *in) {
    if (why) {
        memset(why, 0, sizeof *why);
        why->code = code;
        str_copy(why->product, sizeof why->product, c->product);
        str_copy(why->unit, sizeof why->unit, unit);
        str_copy(why->asked, sizeof why->asked, in->unit);
    }
    return -1;
}

/* Sets *why to MATCH_REASON_UNIT for the inquiry's unit, which units_lookup refused: `unit`
 * is the weight or volume unit it is too close to ("tá": tạ), or "". */
static void unit_reason(const inquiry_request *in, match_reason *why) {
    memset(why, 0, sizeof *why);
    why->code = MATCH_REASON_UNIT;
    str_copy(why->asked, sizeof why->asked, in->unit);
    const char *near = units_near_measure(in->unit);
    str_copy(why->unit, sizeof why->unit, near ? near : "");
}

/* How `c` converts: sets *k (match base per product base) and, for a product-code count
 * inquiry, the match's base and requested. Returns 0, or -1 with *why saying why not (NULL:
 * the caller does not want to know). */
static int convert(const inquiry_request *in, const unit_info *iu, const match_candidate *c,
                   conv_base *out, double *k, match_reason *why) {
    if (iu->kind == UNIT_COUNT) {
        /* iu is in->unit's: look up only the product's unit (same_unit would fold both). */
        unit_info cu;
        if (units_lookup(c->unit, &cu, NULL) != 0 || !units_same(&cu, iu)) {
            return say_why(why, MATCH_REASON_SOLD_BY, c, c->unit, in);
        }
        if (in->product[0] != '\0') {
            /* One product: answer in its base (50 l for 100 chai of 500 ml). */
            str_copy(out->base_unit, sizeof out->base_unit, c->base_unit);
            out->requested = in->quantity * c->base_per_unit;
            *k = 1.0;
        } else {
            /* By group or text: count sale units, whatever each one holds. */
            *k = 1.0 / c->base_per_unit;
        }
        return 0;
    }
    if (strcmp(c->base_unit, out->base_unit) == 0) {
        *k = 1.0; /* a mass or volume unit of a product with that base: no lookup per product */
        return 0;
    }
    /* A mass or volume unit and a product of another base never convert: the product is sold
     * by the piece with no weight or volume given, or measured the other way. */
    if (strcmp(c->base_unit, "piece") == 0) {
        return say_why(why, MATCH_REASON_SOLD_BY, c, c->unit, in);
    }
    return say_why(why, MATCH_REASON_MEASURED_IN, c, c->base_unit, in);
}

/* Producers' provinces repeat (34 units, a few spellings each): remember the last lookups so
 * that a group of thousands of candidates folds each spelling once. */
typedef struct province_memo {
    struct {
        const char *text; /* points into a candidate, which outlives the memo; NULL: free */
        bool found;
        province_place place;
    } slots[256]; /* open addressing by a hash of the text */
} province_memo;

static bool find_province(province_memo *memo, const char *text, province_place *out) {
    uint32_t h = 2166136261u; /* FNV-1a */
    for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
        h = (h ^ *p) * 16777619u;
    }
    for (size_t probe = 0; probe < OCOP_COUNT(memo->slots); probe++) {
        size_t i = (h + probe) % OCOP_COUNT(memo->slots);
        if (!memo->slots[i].text) {
            bool found = province_find(text, out);
            memo->slots[i].text = text;
            memo->slots[i].found = found;
            memo->slots[i].place = *out;
            return found;
        }
        if (strcmp(memo->slots[i].text, text) == 0) {
            *out = memo->slots[i].place;
            return memo->slots[i].found;
        }
    }
    return province_find(text, out); /* full: look up without remembering */
}

static int compare_ranked(const void *pa, const void *pb) {
    const ranked *a = pa, *b = pb;
    if (a->c->stars != b->c->stars) {
        return b->c->stars - a->c->stars;
    }
    if (fabs(a->coverage - b->coverage) > EPS) {
        return a->coverage > b->coverage ? -1 : 1;
    }
    if (a->same_province != b->same_province) {
        return a->same_province ? -1 : 1;
    }
    if (a->distance_km != b->distance_km) {
        return a->distance_km < b->distance_km ? -1 : 1;
    }
    int64_t pa_min = a->c->price_min_vnd < 0 ? INT64_MAX : a->c->price_min_vnd;
    int64_t pb_min = b->c->price_min_vnd < 0 ? INT64_MAX : b->c->price_min_vnd;
    if (pa_min != pb_min) {
        return pa_min < pb_min ? -1 : 1;
    }
    return strcmp(a->c->product, b->c->product);
}

/* The facts behind a line of `r` that takes `share` of the request. */
static void make_why(const ranked *r, double share, bool capped, const match_policy *policy,
                     match_why *out) {
    const match_candidate *c = r->c;
    memset(out, 0, sizeof *out);
    out->stars = c->stars;
    out->covers_percent = (int)lround(share * 100.0);
    out->same_province = r->same_province;
    out->distance_km =
        !r->same_province && r->distance_km != HUGE_VAL ? (int)lround(r->distance_km) : -1;
    out->price_min_vnd = c->price_min_vnd;
    out->price_max_vnd = c->price_max_vnd;
    str_copy(out->price_unit, sizeof out->price_unit, c->unit);
    out->cap_percent = capped ? policy->max_share_percent : 0;
}

/* What ranking found out besides the order: for the reason when nothing matched. */
typedef struct rank_stats {
    int n_fit;           /* passed the product, stars and price filters */
    int n_unconvertible; /* of those, could not be converted */
    match_reason first_conversion_error;
} rank_stats;

/* Sets *out (the match's base and requested) from the inquiry's unit, filters and converts
 * the candidates and returns them ranked (*n_ranked of them; the caller frees the array), or
 * NULL when the inquiry's unit is not one (see unit_reason). */
static ranked *rank_candidates(const inquiry_request *in, const match_candidate *cands, int n_cands,
                               const match_policy *policy, conv_base *out, int *n_ranked,
                               rank_stats *stats) {
    memset(stats, 0, sizeof *stats);
    *n_ranked = 0;
    int n_months = month_span(in->month_from, in->month_to);
    OCOP_ASSERT(n_months >= 1 && n_months <= MATCH_MAX_MONTHS);

    unit_info iu;
    if (units_lookup(in->unit, &iu, NULL) != 0) {
        str_copy(out->base_unit, sizeof out->base_unit, "piece");
        out->requested = in->quantity;
        return NULL;
    }
    base_of(in, &iu, out);

    province_memo *memo = xcalloc(1, sizeof *memo);
    province_place buyer;
    bool buyer_known = province_find(in->buyer_province, &buyer);
    ranked *list = xmalloc((size_t)(n_cands > 0 ? n_cands : 1) * sizeof *list);
    int n = 0;
    for (int i = 0; i < n_cands; i++) {
        const match_candidate *c = &cands[i];
        if (in->product[0] != '\0' && strcmp(c->product, in->product) != 0) {
            continue;
        }
        if (c->stars < in->min_stars) {
            continue;
        }
        if (in->max_price_vnd > 0 && c->price_min_vnd > in->max_price_vnd) {
            continue;
        }
        stats->n_fit++;
        ranked *r = &list[n];
        memset(r, 0, sizeof *r);
        r->c = c;
        match_reason cerr = {0};
        /* Only the first conversion error is kept: the others are not looked into. */
        match_reason *want_err = stats->n_unconvertible == 0 ? &cerr : NULL;
        if (!(c->base_per_unit > 0) || convert(in, &iu, c, out, &r->k, want_err) != 0) {
            if (stats->n_unconvertible++ == 0) {
                stats->first_conversion_error = cerr;
            }
            continue;
        }
        double total = 0;
        for (int m = 0; m < n_months; m++) {
            double free_base = c->free_base[m] > 0 ? c->free_base[m] : 0;
            double allowed = free_base;
            if (free_base < policy->small_producer_capacity) {
                allowed = free_base * policy->max_share_percent / 100.0;
                r->capped[m] = policy->max_share_percent < 100 && free_base > 0;
            }
            r->allowed[m] = allowed;
            total += allowed * r->k;
        }
        if (total <= EPS) {
            continue;
        }
        r->coverage = out->requested > 0 ? fmin(1.0, total / out->requested) : 0;
        r->distance_km = HUGE_VAL;
        province_place producer;
        if (buyer_known && find_province(memo, c->province, &producer)) {
            r->same_province = producer.unit == buyer.unit;
            r->distance_km = province_distance_km(&buyer, &producer);
        }
        n++;
    }
    free(memo);
    *n_ranked = n;
    return list;
}

static int compare_ranked_ptr(const void *pa, const void *pb) {
    return compare_ranked(*(const ranked *const *)pa, *(const ranked *const *)pb);
}

/* Moves the `k` best of p[0..n) to the front (in no particular order): quickselect, expected
 * linear time. */
static void select_best(const ranked **p, int n, int k) {
    int lo = 0, hi = n - 1;
    while (lo < hi) {
        const ranked *pivot = p[lo + (hi - lo) / 2];
        int i = lo, j = hi;
        while (i <= j) {
            while (compare_ranked(p[i], pivot) < 0) {
                i++;
            }
            while (compare_ranked(p[j], pivot) > 0) {
                j--;
            }
            if (i <= j) {
                const ranked *t = p[i];
                p[i] = p[j];
                p[j] = t;
                i++;
                j--;
            }
        }
        if (k - 1 <= j) {
            hi = j;
        } else if (k - 1 >= i) {
            lo = i;
        } else {
            return;
        }
    }
}

int match_rank(const inquiry_request *in, const match_candidate *cands, int n_cands,
               const match_policy *policy, int limit, int *order) {
    conv_base base;
    int n;
    rank_stats stats;
    ranked *list = rank_candidates(in, cands, n_cands, policy, &base, &n, &stats);
    const ranked **ptrs = xmalloc((size_t)(n > 0 ? n : 1) * sizeof *ptrs);
    for (int i = 0; i < n; i++) {
        ptrs[i] = &list[i];
    }
    /* Only the best `limit` are wanted: select them in linear time, then sort just those. */
    if (limit >= 0 && limit < n) {
        select_best(ptrs, n, limit);
        n = limit;
    }
    qsort(ptrs, (size_t)n, sizeof *ptrs, compare_ranked_ptr);
    for (int i = 0; i < n; i++) {
        order[i] = (int)(ptrs[i]->c - cands);
    }
    free(ptrs);
    free(list);
    return n;
}

void match_compute(const inquiry_request *in, const match_candidate *cands, int n_cands,
                   const match_policy *policy, match_result *out) {
    memset(out, 0, sizeof *out);
    bool vi = strcmp(in->lang, "en") != 0; /* the product names' language */
    int n_months = month_span(in->month_from, in->month_to);
    int n;
    rank_stats stats;
    conv_base base;
    str_copy(out->unit, sizeof out->unit, in->unit);
    ranked *list = rank_candidates(in, cands, n_cands, policy, &base, &n, &stats);
    str_copy(out->base_unit, sizeof out->base_unit, base.base_unit);
    out->requested = base.requested;
    if (!list) {
        unit_reason(in, &out->reason);
        out->unmet = out->requested;
        return;
    }
    qsort(list, (size_t)n, sizeof *list, compare_ranked);
    int n_fit = stats.n_fit, n_unconvertible = stats.n_unconvertible;
    match_reason first_conversion_error = stats.first_conversion_error;

    double remaining = out->requested;
    /* A producer with free capacity was passed over because the quantity is less than one
     * of its sale units, or below its minimum order: said so, not "no free capacity". */
    bool too_small = false;
    for (int i = 0; i < n && remaining > EPS && out->n_lines < MATCH_MAX_LINES; i++) {
        ranked *r = &list[i];
        const match_candidate *c = r->c;
        double take[MATCH_MAX_MONTHS] = {0};
        double total = 0, left = remaining;
        for (int m = 0; m < n_months && left > EPS; m++) {
            double t = fmin(left / r->k, r->allowed[m]); /* product base units */
            if (countable(c)) {
                t = floor(t / c->base_per_unit + 1e-9) * c->base_per_unit;
            }
            if (t <= EPS) {
                continue;
            }
            take[m] = t;
            total += t;
            left -= t * r->k;
        }
        if (total <= EPS || total + EPS < c->moq * c->base_per_unit) {
            too_small = true;
            continue; /* less than a sale unit, or below the producer's minimum order */
        }
        for (int m = 0; m < n_months && out->n_lines < MATCH_MAX_LINES; m++) {
            if (take[m] <= EPS) {
                continue;
            }
            match_line *line = &out->lines[out->n_lines++];
            line->product_id = c->product_id;
            str_copy(line->product, sizeof line->product, c->product);
            str_copy(line->name, sizeof line->name, !vi && c->name_en[0] ? c->name_en : c->name_vi);
            str_copy(line->producer, sizeof line->producer, c->producer);
            str_copy(line->province, sizeof line->province, c->province);
            str_copy(line->phone, sizeof line->phone, c->phone);
            str_copy(line->email, sizeof line->email, c->email);
            month_add(in->month_from, m, line->month);
            line->product_base_quantity = take[m];
            line->base_quantity = take[m] * r->k;
            line->quantity = line->base_quantity / out->requested * in->quantity;
            str_copy(line->unit, sizeof line->unit, in->unit);
            line->stars = c->stars;
            bool capped = r->capped[m] && take[m] + EPS >= r->allowed[m];
            make_why(r, line->base_quantity / out->requested, capped, policy, &line->why);
            out->covered += line->base_quantity;
            remaining -= line->base_quantity;
        }
    }
    out->unmet = out->requested - out->covered;
    if (out->unmet < EPS * (1 + out->requested)) {
        out->unmet = 0;
        out->covered = out->requested;
    }

    if (out->n_lines == 0) {
        if (n_fit == 0) {
            out->reason.code = MATCH_REASON_NO_FIT;
        } else if (n_unconvertible == n_fit) {
            out->reason = first_conversion_error;
        } else if (too_small) {
            out->reason.code = MATCH_REASON_TOO_SMALL;
        } else {
            out->reason.code = MATCH_REASON_NO_CAPACITY;
        }
    }
    free(list);
}

int match_convert(const inquiry_request *in, const match_candidate *c, double *k,
                  match_reason *why) {
    unit_info iu;
    if (units_lookup(in->unit, &iu, NULL) != 0) {
        if (why) {
            unit_reason(in, why);
        }
        return -1;
    }
    if (!(c->base_per_unit > 0)) {
        return say_why(why, MATCH_REASON_SOLD_BY, c, c->unit, in); /* no base quantity per unit */
    }
    conv_base base;
    base_of(in, &iu, &base);
    return convert(in, &iu, c, &base, k, why);
}

static const char *const reason_names[MATCH_REASON_COUNT] = {
    [MATCH_REASON_NONE] = "none",
    [MATCH_REASON_NO_FIT] = "no_fit",
    [MATCH_REASON_SOLD_BY] = "sold_by",
    [MATCH_REASON_MEASURED_IN] = "measured_in",
    [MATCH_REASON_UNIT] = "unit",
    [MATCH_REASON_TOO_SMALL] = "too_small",
    [MATCH_REASON_NO_CAPACITY] = "no_capacity",
    [MATCH_REASON_TEXT] = "text",
};

const char *match_reason_name(match_reason_code code) {
    OCOP_ASSERT(code >= 0 && code < MATCH_REASON_COUNT);
    return reason_names[code];
}

match_reason_code match_reason_from_name(const char *name) {
    for (int i = 0; i < MATCH_REASON_COUNT; i++) {
        if (strcmp(reason_names[i], name) == 0) {
            return (match_reason_code)i;
        }
    }
    return MATCH_REASON_COUNT;
}

/* Rounds a quantity for output: three decimals are grams, millilitres or 1/1000 piece. */
static double out_number(double v) {
    return round(v * 1000.0) / 1000.0;
}

void *match_result_to_cjson(const match_result *r) {
    cJSON *root = cJSON_CreateObject();
    cJSON_AddNumberToObject(root, "requested", out_number(r->requested));
    cJSON_AddStringToObject(root, "unit", r->unit);
    cJSON_AddStringToObject(root, "base_unit", r->base_unit);
    cJSON_AddNumberToObject(root, "covered", out_number(r->covered));
    cJSON_AddNumberToObject(root, "unmet", out_number(r->unmet));
    cJSON *lines = cJSON_AddArrayToObject(root, "lines");
    for (int i = 0; i < r->n_lines; i++) {
        const match_line *l = &r->lines[i];
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "product", l->product);
        cJSON_AddStringToObject(o, "name", l->name);
        cJSON_AddStringToObject(o, "producer", l->producer);
        cJSON_AddStringToObject(o, "province", l->province);
        cJSON_AddStringToObject(o, "phone", l->phone);
        cJSON_AddStringToObject(o, "email", l->email);
        cJSON_AddNumberToObject(o, "stars", l->stars);
        cJSON_AddStringToObject(o, "month", l->month);
        cJSON_AddNumberToObject(o, "quantity", out_number(l->quantity));
        cJSON_AddStringToObject(o, "unit", l->unit);
        cJSON_AddNumberToObject(o, "base_quantity", out_number(l->base_quantity));
        const match_why *w = &l->why;
        if (w->text[0]) {
            cJSON_AddStringToObject(o, "why", w->text);
        } else {
            cJSON *why = cJSON_AddObjectToObject(o, "why");
            cJSON_AddNumberToObject(why, "stars", w->stars);
            cJSON_AddNumberToObject(why, "covers_percent", w->covers_percent);
            cJSON_AddBoolToObject(why, "same_province", w->same_province);
            cJSON_AddNumberToObject(why, "distance_km", w->distance_km);
            cJSON_AddNumberToObject(why, "price_min_vnd", (double)w->price_min_vnd);
            cJSON_AddNumberToObject(why, "price_max_vnd", (double)w->price_max_vnd);
            cJSON_AddStringToObject(why, "price_unit", w->price_unit);
            cJSON_AddNumberToObject(why, "cap_percent", w->cap_percent);
        }
        cJSON_AddItemToArray(lines, o);
    }
    const match_reason *why = &r->reason;
    if (why->code == MATCH_REASON_TEXT) {
        cJSON_AddStringToObject(root, "reason", why->detail);
    } else if (why->code != MATCH_REASON_NONE) {
        cJSON *o = cJSON_AddObjectToObject(root, "reason");
        cJSON_AddStringToObject(o, "code", match_reason_name(why->code));
        cJSON_AddStringToObject(o, "product", why->product);
        cJSON_AddStringToObject(o, "unit", why->unit);
        cJSON_AddStringToObject(o, "asked", why->asked);
        cJSON_AddStringToObject(o, "detail", why->detail);
    }
    return root;
}

static void json_text(const cJSON *obj, const char *key, char *out, size_t cap) {
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    str_copy(out, cap, cJSON_IsString(v) ? v->valuestring : "");
}

static double json_number(const cJSON *obj, const char *key, double fallback) {
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    return cJSON_IsNumber(v) ? v->valuedouble : fallback;
}

void match_why_from_cjson(const void *json, match_why *w) {
    const cJSON *v = json;
    memset(w, 0, sizeof *w);
    if (cJSON_IsString(v)) {
        str_copy(w->text, sizeof w->text, v->valuestring);
        return;
    }
    w->stars = (int)json_number(v, "stars", 0);
    w->covers_percent = (int)json_number(v, "covers_percent", 0);
    w->same_province = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(v, "same_province"));
    w->distance_km = (int)json_number(v, "distance_km", -1);
    w->price_min_vnd = (int64_t)json_number(v, "price_min_vnd", -1);
    w->price_max_vnd = (int64_t)json_number(v, "price_max_vnd", -1);
    json_text(v, "price_unit", w->price_unit, sizeof w->price_unit);
    w->cap_percent = (int)json_number(v, "cap_percent", 0);
}

void match_reason_from_cjson(const void *json, match_reason *r) {
    const cJSON *v = json;
    memset(r, 0, sizeof *r);
    if (cJSON_IsString(v)) {
        r->code = v->valuestring[0] ? MATCH_REASON_TEXT : MATCH_REASON_NONE;
        str_copy(r->detail, sizeof r->detail, v->valuestring);
        return;
    }
    if (!cJSON_IsObject(v)) {
        return;
    }
    char name[32];
    json_text(v, "code", name, sizeof name);
    r->code = match_reason_from_name(name);
    if (r->code == MATCH_REASON_COUNT) {
        r->code = MATCH_REASON_NONE; /* a newer kiosk's code: nothing this one can word */
    }
    json_text(v, "product", r->product, sizeof r->product);
    json_text(v, "unit", r->unit, sizeof r->unit);
    json_text(v, "asked", r->asked, sizeof r->asked);
    json_text(v, "detail", r->detail, sizeof r->detail);
}

void match_line_from_cjson(const void *json, match_line *l) {
    const cJSON *line = json;
    memset(l, 0, sizeof *l);
    json_text(line, "product", l->product, sizeof l->product);
    json_text(line, "name", l->name, sizeof l->name);
    json_text(line, "producer", l->producer, sizeof l->producer);
    json_text(line, "province", l->province, sizeof l->province);
    json_text(line, "phone", l->phone, sizeof l->phone);
    json_text(line, "email", l->email, sizeof l->email);
    json_text(line, "month", l->month, sizeof l->month);
    json_text(line, "unit", l->unit, sizeof l->unit);
    match_why_from_cjson(cJSON_GetObjectItemCaseSensitive(line, "why"), &l->why);
    l->quantity = json_number(line, "quantity", 0);
    l->base_quantity = json_number(line, "base_quantity", 0);
    l->stars = (int)json_number(line, "stars", 0);
}

void match_result_from_json(const char *json, match_result *m) {
    /* Not a memset of the whole result: its 64 lines are 80 KB, and this runs per lead. */
    m->requested = m->covered = m->unmet = 0;
    m->unit[0] = m->base_unit[0] = '\0';
    memset(&m->reason, 0, sizeof m->reason);
    m->n_lines = 0;
    cJSON *root = json ? cJSON_Parse(json) : NULL;
    if (!cJSON_IsObject(root)) {
        cJSON_Delete(root);
        return;
    }
    m->requested = json_number(root, "requested", 0);
    m->covered = json_number(root, "covered", 0);
    m->unmet = json_number(root, "unmet", m->requested - m->covered);
    json_text(root, "unit", m->unit, sizeof m->unit);
    json_text(root, "base_unit", m->base_unit, sizeof m->base_unit);
    match_reason_from_cjson(cJSON_GetObjectItemCaseSensitive(root, "reason"), &m->reason);
    const cJSON *line;
    cJSON_ArrayForEach(line, cJSON_GetObjectItemCaseSensitive(root, "lines")) {
        if (m->n_lines >= MATCH_MAX_LINES || !cJSON_IsObject(line)) {
            continue;
        }
        match_line_from_cjson(line, &m->lines[m->n_lines++]);
    }
    cJSON_Delete(root);
}

char *match_result_to_json(const match_result *r) {
    cJSON *root = match_result_to_cjson(r);
    char *text = cJSON_PrintUnformatted(root);
    OCOP_ASSERT(text != NULL);
    cJSON_Delete(root);
    /* cJSON allocates with malloc by default, so the caller's free() is right. */
    return text;
}
