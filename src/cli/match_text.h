/* match_text.h: the human-readable form of an instant match, shared by `match` and `inquire`. */
#ifndef OCOP_MATCH_TEXT_H
#define OCOP_MATCH_TEXT_H

#include "core/match.h"

#include <stdio.h>

/* Writes `r` as a short table (one line per producer and month, with its "why") to `out`. */
void match_text_print(const match_result *r, FILE *out);

#endif
