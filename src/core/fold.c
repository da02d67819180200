/* fold.c: search keys; see fold.h. */
#include "core/fold.h"

#include "core/base.h"
#include "core/strbuf.h"
#include "core/utf8.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* Letters with a stroke have no decomposition, so utf8proc keeps them: map them by hand.
 * U+0111 đ (after case folding Đ U+0110 is đ); U+00F0 ð, seen in badly converted data. */
static int32_t unstroke(int32_t cp) {
    switch (cp) {
    case 0x0111:
    case 0x00F0:
        return 'd';
    default:
        return cp;
    }
}

/* A text decomposed and case folded (and its marks stripped when asked), walked code point by
 * code point: decomposed_open, decomposed_next until it returns false, decomposed_close. */
typedef struct decomposed {
    utf8proc_uint8_t *text;
    size_t len; /* bytes of `text`: at least its number of code points */
    size_t at;  /* bytes walked */
} decomposed;

/* Decomposes `s`, malformed UTF-8 replaced by U+FFFD first. */
static void decomposed_open(decomposed *d, const char *s, bool strip) {
    size_t len = strlen(s);
    char *clean = NULL;
    if (!utf8_valid(s, len)) {
        clean = utf8_sanitize(s, len);
        s = clean;
    }
    d->text = NULL;
    utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)s, 0, &d->text,
                                      UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_DECOMPOSE |
                                          UTF8PROC_CASEFOLD | (strip ? UTF8PROC_STRIPMARK : 0));
    OCOP_ASSERT(n >= 0);
    free(clean);
    d->len = (size_t)n;
    d->at = 0;
}

/* The next code point into *cp; false at the end. */
static bool decomposed_next(decomposed *d, int32_t *cp) {
    if (d->at >= d->len) {
        return false;
    }
    size_t used = utf8_decode((const char *)d->text + d->at, d->len - d->at, cp);
    OCOP_ASSERT(used > 0);
    d->at += used;
    return true;
}

static void decomposed_close(decomposed *d) {
    free(d->text);
    d->text = NULL;
}

char *fold_text(const char *s) {
    decomposed d;
    decomposed_open(&d, s, true);
    strbuf sb = {0};
    int32_t cp;
    while (decomposed_next(&d, &cp)) {
        char enc[4];
        size_t m = utf8_encode(unstroke(cp), enc);
        sb_append_len(&sb, enc, m);
    }
    decomposed_close(&d);
    return sb_take(&sb);
}

/* ---- Vietnamese order ------------------------------------------------------------------------ */

/* A text's sort key: one primary weight per letter (its base letter times 4, plus its
 * modifier's rank) and that letter's tone (0 none, 1 huyền … 5 nặng). */
typedef struct collation_key {
    uint32_t *primary;
    uint8_t *tone;
    size_t n;
} collation_key;

/* The rank a modifying mark gives its letter (breve, circumflex, horn), or 0 for none. */
static uint32_t modifier_rank(int32_t mark) {
    switch (mark) {
    case 0x0306: /* breve: ă */
        return 1;
    case 0x0302: /* circumflex: â ê ô */
        return 2;
    case 0x031B: /* horn: ơ ư */
        return 3;
    default:
        return 0;
    }
}

/* The tone a combining mark writes (CLDR "vi" order), or 0 when it is not a tone mark. */
static uint8_t tone_rank(int32_t mark) {
    switch (mark) {
    case 0x0300: /* huyền */
        return 1;
    case 0x0309: /* hỏi */
        return 2;
    case 0x0303: /* ngã */
        return 3;
    case 0x0301: /* sắc */
        return 4;
    case 0x0323: /* nặng */
        return 5;
    default:
        return 0;
    }
}

static void collation_key_make(const char *s, collation_key *k) {
    decomposed d;
    decomposed_open(&d, s, false);
    /* At most one letter per code point, and a code point is at least a byte. */
    k->primary = xcalloc(d.len + 1, sizeof *k->primary);
    k->tone = xcalloc(d.len + 1, sizeof *k->tone);
    k->n = 0;
    int32_t cp;
    while (decomposed_next(&d, &cp)) {
        const utf8proc_property_t *prop = utf8proc_get_property(cp);
        if (prop->category == UTF8PROC_CATEGORY_MN) {
            if (k->n > 0) { /* a mark with no letter before it is ignored (bytes decide) */
                k->primary[k->n - 1] += modifier_rank(cp);
                uint8_t tone = tone_rank(cp);
                if (tone) {
                    k->tone[k->n - 1] = tone;
                }
            }
            continue;
        }
        /* đ has no decomposition: d with a stroke, right after d. */
        k->primary[k->n++] = cp == 0x0111 ? 'd' * 4u + 1u : (uint32_t)cp * 4u;
    }
    decomposed_close(&d);
}

static void collation_key_free(collation_key *k) {
    free(k->primary);
    free(k->tone);
}

int fold_collate(const char *a, const char *b) {
    collation_key ka, kb;
    collation_key_make(a, &ka);
    collation_key_make(b, &kb);
    size_t n = ka.n < kb.n ? ka.n : kb.n;
    int order = 0;
    for (size_t i = 0; i < n && order == 0; i++) {
        order = ka.primary[i] < kb.primary[i] ? -1 : ka.primary[i] > kb.primary[i];
    }
    if (order == 0) {
        order = ka.n < kb.n ? -1 : ka.n > kb.n;
    }
    for (size_t i = 0; i < n && order == 0; i++) {
        order = ka.tone[i] < kb.tone[i] ? -1 : ka.tone[i] > kb.tone[i];
    }
    if (order == 0) {
        order = strcmp(a, b);
    }
    collation_key_free(&ka);
    collation_key_free(&kb);
    return order;
}
