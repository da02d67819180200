/* match_text.h: the human-readable form of an instant match, shared by `match` and `inquire`. */
#ifndef OCOP_MATCH_TEXT_H
#define OCOP_MATCH_TEXT_H

#include "core/match.h"
#include "core/match_words.h"

#include <stdio.h>

/* Writes `r` as a short table (one line per producer and month, with its "why" worded by `w`)
 * to `out`, then the reason when nothing matched. */
void match_text_print(const match_result *r, const match_words *w, FILE *out);

/* Prints `r` as the JSON of `match --json` (its "why" and "reason" worded by `w`). */
void match_text_print_json(const match_result *r, const match_words *w);

#endif
