/*
 * spell.h: how far a typed word is from a word of the catalogue, counting the slips people make
 * when they write Vietnamese without marks (search typos, near-misses of unit names).
 *
 * Both words are folded (fold.h: lower case, no marks, đ → d). The distance is a weighted edit
 * distance (Damerau–Levenshtein with a few rules of several letters):
 *
 * - SPELL_EDIT (2) for a letter added, dropped or changed;
 * - SPELL_SLIP (1) for the spellings that Vietnamese regions pronounce alike and so write
 *   either way, and for two neighbouring letters swapped (hao/hoa, typing vowels in the wrong
 *   order is the commonest Telex slip):
 *     at the start of a word  s/x, ch/tr, d/gi/r, l/n  (sáp/xáp, trà/chà, dừa/giừa/rừa, lúa/núa)
 *     at the end of a word    n/ng, c/t                (riêng/riên, gấc/gất)
 *     anywhere                i/y                      (kỷ/kỉ, thủy/thủi)
 *
 * How much a query word may differ (spell_budget) grows with its length, as Meilisearch and
 * Typesense do: nothing under three letters; one slip at three letters; one edit (or two slips)
 * at four to seven; two edits at eight or more.
 */
#ifndef OCOP_SPELL_H
#define OCOP_SPELL_H

#include <stdbool.h>
#include <stddef.h>

#define SPELL_EDIT 2 /* one letter added, dropped or changed */
#define SPELL_SLIP 1 /* a regional spelling, two neighbours swapped */

/* The longest word compared, in bytes; longer words are never near anything. */
#define SPELL_MAX_WORD 48

/* The distance a query word of `letters` letters (code points) may be from a catalogue word:
 * 0 under 3 letters, SPELL_SLIP at 3, SPELL_EDIT at 4 to 7, 2 * SPELL_EDIT from 8. */
int spell_budget(size_t letters);

/* The distance from the folded word `typed` to the folded word `word`, if it is at most `max`;
 * otherwise max + 1 (the computation stops as soon as it cannot stay within `max`). With
 * `prefix`, `word` may go on after what was typed: the distance is to the nearest start of
 * `word` (for a word still being typed: "rie" is 0 from "rieng", "xa" 1 from "sap"), and
 * end-of-word slips count only at the end of `word`. Words are
 * compared byte by byte (folded Vietnamese is ASCII); a word longer than SPELL_MAX_WORD is
 * max + 1 from everything. */
int spell_distance(const char *typed, const char *word, int max, bool prefix);

#endif
