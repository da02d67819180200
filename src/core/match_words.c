/* match_words.c: see match_words.h. The keys are here; the words are the string tables'. */
#include "core/match_words.h"

#include "core/number.h"
#include "core/units.h"

#include <cjson/cJSON.h>
#include <string.h>

/* Between the parts of a "why": punctuation, the same in every language. */
#define WHY_SEPARATOR " · "

static const char *const reason_keys[MATCH_REASON_COUNT] = {
    [MATCH_REASON_NONE] = NULL,
    [MATCH_REASON_NO_FIT] = "match.reason_no_fit",
    [MATCH_REASON_SOLD_BY] = "match.reason_sold_by",
    [MATCH_REASON_MEASURED_IN] = "match.reason_measured_in",
    [MATCH_REASON_UNIT] = "match.reason_unit", /* or reason_unit_near */
    [MATCH_REASON_TOO_SMALL] = "match.reason_too_small",
    [MATCH_REASON_NO_CAPACITY] = "match.reason_no_capacity",
    [MATCH_REASON_TEXT] = NULL, /* stored words */
};

/* The keys that are not one reason's: a why's parts, and a second wording of a reason. */
static const char *const other_keys[] = {
    "match.why_stars",         "match.why_covers",     "match.why_covers_little",
    "match.why_same_province", "match.why_distance",   "match.why_price",
    "match.why_price_range",   "match.why_cap",        "match.reason_unit_near",
    "match.summary",           "match.hold_confirmed", "match.hold_provisional",
};

static const char *word(const match_words *w, const char *key) {
    return w->word(w->ctx, w->lang, key);
}

/* Appends WHY_SEPARATOR and `part` to out. */
static void add_part(char *out, size_t cap, const char *part) {
    str_append(out, cap, WHY_SEPARATOR);
    str_append(out, cap, part);
}

void match_words_why(const match_why *why, const match_words *w, char *out, size_t cap) {
    if (why->text[0]) {
        str_copy(out, cap, why->text);
        return;
    }
    bool vi = strcmp(w->lang, "en") != 0;
    char text[512], part[192];
    str_format(text, sizeof text, word(w, "match.why_stars"), why->stars);
    if (why->covers_percent == 0) {
        str_format(part, sizeof part, word(w, "match.why_covers_little"), 1);
    } else {
        str_format(part, sizeof part, word(w, "match.why_covers"), why->covers_percent);
    }
    add_part(text, sizeof text, part);
    if (why->same_province) {
        add_part(text, sizeof text, word(w, "match.why_same_province"));
    } else if (why->distance_km >= 0) {
        char km[32];
        number_format_whole(why->distance_km, vi, km, sizeof km);
        str_format(part, sizeof part, word(w, "match.why_distance"), km);
        add_part(text, sizeof text, part);
    }
    if (why->price_min_vnd >= 0) {
        /* Priced per one sale unit, named in the language ("₫/bottle", "₫/chai"). */
        const char *unit = units_label(why->price_unit, vi ? "vi" : "en", 1);
        char lo[48], hi[48];
        number_format_whole(why->price_min_vnd, vi, lo, sizeof lo);
        if (why->price_max_vnd > why->price_min_vnd) {
            number_format_whole(why->price_max_vnd, vi, hi, sizeof hi);
            str_format(part, sizeof part, word(w, "match.why_price_range"), lo, hi, unit);
        } else {
            str_format(part, sizeof part, word(w, "match.why_price"), lo, unit);
        }
        add_part(text, sizeof text, part);
    }
    if (why->cap_percent > 0) {
        str_format(part, sizeof part, word(w, "match.why_cap"), why->cap_percent);
        add_part(text, sizeof text, part);
    }
    str_copy(out, cap, text);
}

void match_words_reason(const match_reason *reason, const match_words *w, char *out, size_t cap) {
    switch (reason->code) {
    case MATCH_REASON_NONE:
    case MATCH_REASON_COUNT:
        str_copy(out, cap, "");
        return;
    case MATCH_REASON_TEXT:
        str_copy(out, cap, reason->detail);
        return;
    case MATCH_REASON_UNIT:
        if (reason->detail[0]) {
            /* A lead stored before these codes: the units module's message, as it was shown. */
            if (reason->product[0]) {
                str_format(out, cap, "%s: %s", reason->product, reason->detail);
            } else {
                str_copy(out, cap, reason->detail);
            }
        } else if (reason->unit[0]) {
            str_format(out, cap, word(w, "match.reason_unit_near"), reason->asked, reason->unit,
                       reason->unit);
        } else {
            str_format(out, cap, word(w, "match.reason_unit"), reason->asked);
        }
        return;
    case MATCH_REASON_SOLD_BY:
    case MATCH_REASON_MEASURED_IN:
        /* In the screen's language: "sold by the box" in English, "lít" for l in Vietnamese. */
        str_format(out, cap, word(w, reason_keys[reason->code]), reason->product,
                   units_label(reason->unit, w->lang, 1), units_label(reason->asked, w->lang, 1));
        return;
    case MATCH_REASON_NO_FIT:
    case MATCH_REASON_TOO_SMALL:
    case MATCH_REASON_NO_CAPACITY:
        str_copy(out, cap, word(w, reason_keys[reason->code]));
        return;
    }
    str_copy(out, cap, "");
}

void match_words_summary(const match_result *r, const match_words *w, char *out, size_t cap) {
    /* Up to 3 decimals, as the JSON's base quantities are exact to the gram or millilitre. */
    char requested[96], covered[96], unmet[96];
    units_format_amount(r->requested, 3, r->base_unit, w->lang, requested, sizeof requested);
    units_format_amount(r->covered, 3, r->base_unit, w->lang, covered, sizeof covered);
    units_format_amount(r->unmet, 3, r->base_unit, w->lang, unmet, sizeof unmet);
    str_format(out, cap, word(w, "match.summary"), requested, covered, unmet);
}

void match_words_hold(const char *state, const match_words *w, char *out, size_t cap) {
    if (strcmp(state, "confirmed") == 0) {
        str_copy(out, cap, word(w, "match.hold_confirmed"));
    } else if (strcmp(state, "provisional") == 0) {
        str_copy(out, cap, word(w, "match.hold_provisional"));
    } else {
        OCOP_ASSERT(state[0] == '\0');
        str_copy(out, cap, "");
    }
}

void match_words_cjson(void *json, const match_words *w) {
    cJSON *root = json;
    char words[512];
    cJSON *line;
    cJSON_ArrayForEach(line, cJSON_GetObjectItemCaseSensitive(root, "lines")) {
        cJSON *why = cJSON_GetObjectItemCaseSensitive(line, "why");
        if (cJSON_IsObject(why)) {
            match_why facts;
            match_why_from_cjson(why, &facts);
            match_words_why(&facts, w, words, sizeof words);
            cJSON_ReplaceItemInObjectCaseSensitive(line, "why", cJSON_CreateString(words));
        }
    }
    cJSON *reason = cJSON_GetObjectItemCaseSensitive(root, "reason");
    if (cJSON_IsObject(reason)) {
        match_reason facts;
        match_reason_from_cjson(reason, &facts);
        match_words_reason(&facts, w, words, sizeof words);
        cJSON_ReplaceItemInObjectCaseSensitive(root, "reason", cJSON_CreateString(words));
    }
}

int match_words_key_count(void) {
    int n = (int)OCOP_COUNT(other_keys);
    for (int i = 0; i < MATCH_REASON_COUNT; i++) {
        n += reason_keys[i] != NULL;
    }
    return n;
}

const char *match_words_key(int i) {
    OCOP_ASSERT(i >= 0 && i < match_words_key_count());
    if (i < (int)OCOP_COUNT(other_keys)) {
        return other_keys[i];
    }
    i -= (int)OCOP_COUNT(other_keys);
    for (int c = 0; c < MATCH_REASON_COUNT; c++) {
        if (reason_keys[c] && i-- == 0) {
            return reason_keys[c];
        }
    }
    return NULL;
}
