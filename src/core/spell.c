/* spell.c: typo distances for folded Vietnamese; see spell.h. */
#include "core/spell.h"

#include "core/base.h"

#include <string.h>

int spell_budget(size_t letters) {
    if (letters < 3) {
        return 0;
    }
    if (letters == 3) {
        return SPELL_SLIP;
    }
    return letters <= 7 ? SPELL_EDIT : 2 * SPELL_EDIT;
}

/* Where in a word a slip counts. */
enum { AT_START, AT_END, ANYWHERE };

/* Spellings that sound alike in some region, either way round (spell.h). */
static const struct {
    const char *a, *b;
    int where;
    size_t la, lb; /* their lengths, known here rather than measured in each cell */
} slips[] = {
#define SLIP(a, b, where)                                                                          \
    { a, b, where, sizeof a - 1, sizeof b - 1 }
    SLIP("s", "x", AT_START), SLIP("ch", "tr", AT_START), SLIP("d", "gi", AT_START),
    SLIP("d", "r", AT_START), SLIP("gi", "r", AT_START),  SLIP("l", "n", AT_START),
    SLIP("n", "ng", AT_END),  SLIP("c", "t", AT_END),     SLIP("i", "y", ANYWHERE),
#undef SLIP
};

/* True when s[0..len) ends with `tail` at `at` (the tail occupies s[at - strlen(tail)..at)). */
static bool ends_with_at(const char *s, size_t at, const char *tail, size_t tail_len) {
    return at >= tail_len && memcmp(s + at - tail_len, tail, tail_len) == 0;
}

static int min2(int a, int b) {
    return a < b ? a : b;
}

/* The cheapest slip rule that ends at typed[i], word[j] (i, j: lengths of the prefixes), or
 * -1 when none applies: d[i - la][j - lb] + SPELL_SLIP for a matching rule. */
static int slip_cost(const char *typed, size_t n, size_t i, const char *word, size_t m, size_t j,
                     int d[SPELL_MAX_WORD + 1][SPELL_MAX_WORD + 1]) {
    int best = -1;
    for (size_t r = 0; r < OCOP_COUNT(slips); r++) {
        for (int way = 0; way < 2; way++) {
            const char *x = way ? slips[r].b : slips[r].a;
            const char *y = way ? slips[r].a : slips[r].b;
            size_t lx = way ? slips[r].lb : slips[r].la, ly = way ? slips[r].la : slips[r].lb;
            /* Where first, then the letters: this runs for every cell of the table, and most
             * rules hold only at the start or the end (11 % of the kiosk's CPU while typing
             * was these comparisons, issue 14). */
            if (slips[r].where == AT_START && (i != lx || j != ly)) {
                continue;
            }
            if (slips[r].where == AT_END && (i != n || j != m)) {
                continue;
            }
            if (!ends_with_at(typed, i, x, lx) || !ends_with_at(word, j, y, ly)) {
                continue;
            }
            int c = d[i - lx][j - ly] + SPELL_SLIP;
            best = best < 0 ? c : min2(best, c);
        }
    }
    return best;
}

int spell_distance(const char *typed, const char *word, int max, bool prefix) {
    OCOP_ASSERT(typed && word && max >= 0);
    size_t n = strlen(typed), m = strlen(word);
    if (n > SPELL_MAX_WORD || m > SPELL_MAX_WORD) {
        return max + 1;
    }
    if (!prefix && (n > m ? n - m : m - n) * SPELL_SLIP > (size_t)max) {
        return max + 1; /* every letter of difference costs at least a slip */
    }
    /* d[i][j]: the cost of typing typed[0..i) for word[0..j). */
    int d[SPELL_MAX_WORD + 1][SPELL_MAX_WORD + 1];
    for (size_t j = 0; j <= m; j++) {
        d[0][j] = (int)j * SPELL_EDIT;
    }
    int prev_min = 0; /* the smallest cost of the row before */
    for (size_t i = 1; i <= n; i++) {
        d[i][0] = (int)i * SPELL_EDIT;
        int row_min = d[i][0];
        for (size_t j = 1; j <= m; j++) {
            int c = d[i - 1][j - 1] + (typed[i - 1] == word[j - 1] ? 0 : SPELL_EDIT);
            c = min2(c, d[i - 1][j] + SPELL_EDIT);
            c = min2(c, d[i][j - 1] + SPELL_EDIT);
            if (i >= 2 && j >= 2 && typed[i - 1] == word[j - 2] && typed[i - 2] == word[j - 1] &&
                typed[i - 1] != typed[i - 2]) {
                c = min2(c, d[i - 2][j - 2] + SPELL_SLIP);
            }
            int s = slip_cost(typed, n, i, word, m, j, d);
            if (s >= 0) {
                c = min2(c, s);
            }
            d[i][j] = c;
            row_min = min2(row_min, c);
        }
        /* Rules reach back two rows at most: when two rows in a row are over, so is the end. */
        if (row_min > max && prev_min > max) {
            return max + 1;
        }
        prev_min = row_min;
    }
    int best = d[n][m];
    if (prefix) {
        for (size_t j = 0; j < m; j++) {
            best = min2(best, d[n][j]);
        }
    }
    return best > max ? max + 1 : best;
}
