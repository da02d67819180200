/*
 * match_words.h: the words of an instant match's explanation (match.h gives codes and numbers):
 * a line's "why" and the reason nothing matched, in a language, from the string tables'
 * [match] keys (kiosk-config/strings_*.ini) reached through a callback, so that the core
 * holds the keys and the tables the words. The result screen, `match`/`inquire` and the lead
 * export word a match here.
 */
#ifndef OCOP_MATCH_WORDS_H
#define OCOP_MATCH_WORDS_H

#include "core/match.h"

#include <stddef.h>

/* The text of `key` ("match.why_covers") in `lang` ("vi" or "en"): never NULL, living as long
 * as the caller's tables (ui_strings_word_in). */
typedef const char *match_words_fn(const void *ctx, const char *lang, const char *key);

/* Where the words come from: the callback, its context and the language. */
typedef struct match_words {
    match_words_fn *word;
    const void *ctx;
    const char *lang; /* "vi" or "en" */
} match_words;

/* Writes the words of `why` to out (cap bytes): "4★ · covers 60 % · same province ·
 * 12,000–15,000 ₫/chai"; a stored match's words (why->text) as they are. */
void match_words_why(const match_why *why, const match_words *w, char *out, size_t cap);

/* Writes the words of `reason` to out (cap bytes); "" for MATCH_REASON_NONE. */
void match_words_reason(const match_reason *reason, const match_words *w, char *out, size_t cap);

/* Writes the match's totals in base units to out (cap bytes): "requested 2,000 kg, covered
 * 750 kg, unmet 1,250 kg" / "yêu cầu 2.000 kg, đáp ứng 750 kg, còn thiếu 1.250 kg", with the
 * language's unit names and thousands marks (units_format_amount). */
void match_words_summary(const match_result *r, const match_words *w, char *out, size_t cap);

/* Writes the state of a lead's holds on the fair's server, `state` as sync_record_inquiry
 * gives it ("confirmed", "provisional" or ""), to out (cap bytes): "hold: confirmed" /
 * "giữ chỗ: đã xác nhận"; "" for "" (no server, or nothing held). */
void match_words_hold(const char *state, const match_words *w, char *out, size_t cap);

/* Replaces, in a match JSON tree of match_result_to_cjson (`root`, a cJSON *), every line's
 * "why" and the "reason" by their words: the form that `match --json`, `inquire --json` and
 * the JSON export print (DESIGN §5). Words already there (an older stored match) stay. */
void match_words_cjson(void *root, const match_words *w);

/* The i-th key (0 ≤ i < match_words_key_count()) that wording may ask for: for the test that
 * every one is in both string tables. */
int match_words_key_count(void);
const char *match_words_key(int i);

#endif
