/*
 * ime.c: the Telex/VNI engine; see ime.h. Written from the spelling rules (research notes §3),
 * not from another engine's code.
 *
 * The word being composed is a list of letters (an ASCII base, a shape mark, a case) and ONE
 * tone for the whole word. Every key is applied to a copy of the word; the copy replaces the
 * word only when the result fits the field, so a refused key changes nothing. The word is drawn
 * after every change: the tone's place is decided then, from the last syllable of the word.
 */
#include "core/ime.h"

#include "core/base.h"
#include "core/utf8.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

enum { MARK_NONE, MARK_CIRCUMFLEX, MARK_BREVE, MARK_HORN, MARK_STROKE };

typedef struct letter {
    char base;    /* lower-case ASCII letter, or a digit typed in VNI that made no mark */
    uint8_t mark; /* MARK_*: only circumflex on a/e/o, breve on a, horn on o/u, stroke on d */
    bool upper;
    bool from_w; /* an ư made by a bare Telex w: typing w again gives back the w alone */
} letter;

typedef struct word {
    letter letters[IME_MAX_WORD_LETTERS];
    int count;
    int tone;                              /* ime_tone_kind */
    char keys[IME_MAX_WORD_KEY_BYTES + 1]; /* what was typed, for the restore */
    size_t keys_len;
    bool tone_undone; /* the last key undid a tone (tess: the second s is a letter) */
    bool typed_on;    /* ... and a consonant was typed next (tesst): see commit_output */
} word;

/* Bytes of a drawn word: three bytes is the longest letter (U+1EA0…U+1EF9). */
#define WORD_TEXT_MAX (IME_MAX_WORD_LETTERS * 3 + 1)

struct ime_field {
    ime_mode mode;
    ime_style style;
    word w;
    size_t committed_len; /* text[0..committed_len) is committed; the word is drawn after it */
    size_t text_len;
    size_t max_chars; /* code points the text may hold; 0: only IME_MAX_TEXT_BYTES */
    char text[IME_MAX_TEXT_BYTES + 1];
};

/* The vowels with each tone, NFC code points: rows a ă â e ê i o ô ơ u ư y, columns none, sắc,
 * huyền, hỏi, ngã, nặng (test_ime checks every entry against utf8proc's composition). */
static const uint32_t vowel_table[12][6] = {
    {0x0061, 0x00E1, 0x00E0, 0x1EA3, 0x00E3, 0x1EA1}, /* a */
    {0x0103, 0x1EAF, 0x1EB1, 0x1EB3, 0x1EB5, 0x1EB7}, /* ă */
    {0x00E2, 0x1EA5, 0x1EA7, 0x1EA9, 0x1EAB, 0x1EAD}, /* â */
    {0x0065, 0x00E9, 0x00E8, 0x1EBB, 0x1EBD, 0x1EB9}, /* e */
    {0x00EA, 0x1EBF, 0x1EC1, 0x1EC3, 0x1EC5, 0x1EC7}, /* ê */
    {0x0069, 0x00ED, 0x00EC, 0x1EC9, 0x0129, 0x1ECB}, /* i */
    {0x006F, 0x00F3, 0x00F2, 0x1ECF, 0x00F5, 0x1ECD}, /* o */
    {0x00F4, 0x1ED1, 0x1ED3, 0x1ED5, 0x1ED7, 0x1ED9}, /* ô */
    {0x01A1, 0x1EDB, 0x1EDD, 0x1EDF, 0x1EE1, 0x1EE3}, /* ơ */
    {0x0075, 0x00FA, 0x00F9, 0x1EE7, 0x0169, 0x1EE5}, /* u */
    {0x01B0, 0x1EE9, 0x1EEB, 0x1EED, 0x1EEF, 0x1EF1}, /* ư */
    {0x0079, 0x00FD, 0x1EF3, 0x1EF7, 0x1EF9, 0x1EF5}, /* y */
};
static const char vowel_row_base[12] = {'a', 'a', 'a', 'e', 'e', 'i', 'o', 'o', 'o', 'u', 'u', 'y'};
static const uint8_t vowel_row_mark[12] = {
    MARK_NONE, MARK_BREVE,      MARK_CIRCUMFLEX, MARK_NONE, MARK_CIRCUMFLEX, MARK_NONE,
    MARK_NONE, MARK_CIRCUMFLEX, MARK_HORN,       MARK_NONE, MARK_HORN,       MARK_NONE};

#define CP_D_STROKE 0x0111u

/* The rhymes (vowels + final, no tone) of Vietnamese syllables, glides written o/u as spelt
 * (oa, uy). After qu the rhyme is looked up with its glide (qua → oa, quốc → uôc), or among
 * qu_rhymes; after gi with or without the i (giữa → ưa, giếng → iêng). The k of Central
 * Highlands names is accepted after ă, â and u (Đắk Lắk, Krông Búk), as is uêu (nguều). */
static const char *const rhymes[] = {
    "a",    "ac",   "ach",  "ai",  "am",   "an",  "ang",  "anh",  "ao",   "ap",   "at",  "au",
    "ay",   "ăc",   "ăk",   "ăm",  "ăn",   "ăng", "ăp",   "ăt",   "âc",   "âk",   "âm",  "ân",
    "âng",  "âp",   "ât",   "âu",  "ây",   "e",   "ec",   "em",   "en",   "eng",  "eo",  "ep",
    "et",   "ê",    "êch",  "êm",  "ên",   "ênh", "êp",   "êt",   "êu",   "i",    "ia",  "ich",
    "im",   "in",   "inh",  "ip",  "it",   "iu",  "iêc",  "iêm",  "iên",  "iêng", "iêp", "iêt",
    "iêu",  "y",    "yêm",  "yên", "yêng", "yêt", "yêu",  "o",    "oc",   "oi",   "om",  "on",
    "ong",  "op",   "ot",   "ooc", "oong", "oa",  "oac",  "oach", "oai",  "oam",  "oan", "oang",
    "oanh", "oao",  "oap",  "oat", "oay",  "oăc", "oăm",  "oăn",  "oăng", "oăt",  "oe",  "oen",
    "oeo",  "oet",  "ô",    "ôc",  "ôi",   "ôm",  "ôn",   "ông",  "ôp",   "ôt",   "ơ",   "ơi",
    "ơm",   "ơn",   "ơp",   "ơt",  "u",    "uc",  "uk",   "ui",   "um",   "un",   "ung", "up",
    "ut",   "ua",   "uôc",  "uôi", "uôm",  "uôn", "uông", "uôt",  "uân",  "uâng", "uât", "uây",
    "uê",   "uêch", "uênh", "uêu", "uơ",   "uy",  "uya",  "uych", "uynh", "uyp",  "uyt", "uyu",
    "uyên", "uyêt", "ư",    "ưc",  "ưi",   "ưm",  "ưng",  "ưt",   "ưu",   "ưa",   "ươc", "ươi",
    "ươm",  "ươn",  "ương", "ươp", "ươt",  "ươu",
};

/* Rhymes written after qu without a glide of their own in the table: quên, quết, quều, quít,
 * quắp, quấc, quạu (gonhanh.org's test suite, issue 12). */
static const char *const qu_rhymes[] = {"ên", "êt", "êu", "it", "ăp", "âc", "au"};

/* Initial consonants, đ written '#'; kr only in Central Highlands names (Krông Búk). */
static const char *const initials[] = {"",   "b",  "c", "ch", "d",  "#",  "g",   "gh", "gi", "h",
                                       "k",  "kh", "l", "m",  "n",  "ng", "ngh", "nh", "p",  "ph",
                                       "qu", "r",  "s", "t",  "th", "tr", "v",   "x",  "kr"};

/* ---------------------------------------------------------------------------------------- */
/* Letters                                                                                  */

static int vowel_row(char base, int mark) {
    for (int row = 0; row < 12; row++) {
        if (vowel_row_base[row] == base && vowel_row_mark[row] == mark) {
            return row;
        }
    }
    return -1;
}

static bool is_vowel(const letter *l) {
    return l->base == 'a' || l->base == 'e' || l->base == 'i' || l->base == 'o' || l->base == 'u' ||
           l->base == 'y';
}

static bool is_ascii_letter(uint32_t cp) {
    return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
}

/* The code point of `l` with `tone` (0 for none). */
static uint32_t letter_cp(const letter *l, int tone, bool keep_case) {
    uint32_t cp;
    int row = vowel_row(l->base, l->mark);
    if (row >= 0) {
        cp = vowel_table[row][tone];
    } else {
        OCOP_ASSERT(tone == 0);
        if (l->base == 'd' && l->mark == MARK_STROKE) {
            cp = CP_D_STROKE;
        } else {
            OCOP_ASSERT(l->mark == MARK_NONE);
            cp = (unsigned char)l->base;
        }
    }
    return keep_case && l->upper ? (uint32_t)utf8proc_toupper((utf8proc_int32_t)cp) : cp;
}

/* Splits a ready-made letter (a, Ế, đ, …) into a letter and a tone. False for anything else;
 * only letters that draw back to exactly `cp` are taken (not İ, not K for Kelvin). */
static bool decompose(uint32_t cp, letter *out, int *tone) {
    *out = (letter){0};
    *tone = 0;
    if (is_ascii_letter(cp)) {
        out->base = (char)(cp | 0x20);
        out->upper = cp < 'a';
        return true;
    }
    if (cp < 0x80 || cp > 0x1EFF) {
        return false;
    }
    uint32_t lower = (uint32_t)utf8proc_tolower((utf8proc_int32_t)cp);
    out->upper = lower != cp;
    if (lower == CP_D_STROKE) {
        out->base = 'd';
        out->mark = MARK_STROKE;
    } else {
        bool found = false;
        for (int row = 0; row < 12 && !found; row++) {
            for (int t = 0; t < 6; t++) {
                if (vowel_table[row][t] == lower) {
                    out->base = vowel_row_base[row];
                    out->mark = vowel_row_mark[row];
                    *tone = t;
                    found = true;
                    break;
                }
            }
        }
        if (!found) {
            return false;
        }
    }
    return letter_cp(out, *tone, true) == cp;
}

/* ---------------------------------------------------------------------------------------- */
/* The last syllable of a word                                                              */

/* letters[start..nuc) initial consonants, [nuc..fin) the vowels, [fin..count) the final.
 * With no vowel at all, every letter is initial (nuc == fin == count). */
typedef struct syllable {
    int start, nuc, fin;
} syllable;

static syllable analyse(const word *w) {
    const letter *l = w->letters;
    int i = w->count;
    while (i > 0 && !is_vowel(&l[i - 1])) {
        i--;
    }
    if (i == 0) {
        return (syllable){0, w->count, w->count};
    }
    int fin = i;
    while (i > 0 && is_vowel(&l[i - 1])) {
        i--;
    }
    int nuc = i;
    while (i > 0 && !is_vowel(&l[i - 1])) {
        i--;
    }
    int start = i;
    /* qu and gi are consonants when another vowel follows: quý, giữa (but gì, gìn). */
    if (nuc - start == 1 && fin - nuc >= 2 && l[nuc].mark == MARK_NONE &&
        l[start].mark == MARK_NONE &&
        ((l[start].base == 'q' && l[nuc].base == 'u') ||
         (l[start].base == 'g' && l[nuc].base == 'i'))) {
        nuc++;
    }
    return (syllable){start, nuc, fin};
}

/* Where the tone goes, or -1 when the last syllable has no vowel. */
static int tone_position(const word *w, syllable s, ime_style style) {
    const letter *l = w->letters;
    int len = s.fin - s.nuc;
    if (len <= 0) {
        return -1;
    }
    if (len == 1) {
        return s.nuc;
    }
    for (int k = s.nuc; k + 1 < s.fin; k++) { /* ươ: on the ơ (người, trường) */
        if (l[k].base == 'u' && l[k].mark == MARK_HORN && l[k + 1].base == 'o' &&
            l[k + 1].mark == MARK_HORN) {
            return k + 1;
        }
    }
    for (int k = s.fin - 1; k >= s.nuc; k--) { /* a shaped vowel takes it (tiếng, thuở) */
        if (l[k].mark != MARK_NONE) {
            return k;
        }
    }
    if (len >= 3 || s.fin < w->count) { /* middle of three (ngoái); second before a final */
        return s.nuc + 1;
    }
    if (style == IME_STYLE_NEW) { /* hoà, khoẻ, thuỷ */
        char a = l[s.nuc].base;
        char b = l[s.nuc + 1].base;
        if ((a == 'o' && (b == 'a' || b == 'e')) || (a == 'u' && b == 'y')) {
            return s.nuc + 1;
        }
    }
    return s.nuc; /* hòa, mùa, cái */
}

/* -1: not a Vietnamese final; 0: none or m n ng nh; 1: c ch k p t (only sắc and nặng). */
static int final_kind(const word *w, syllable s) {
    char f[4] = {0};
    int n = w->count - s.fin;
    if (n > 2) {
        return -1;
    }
    for (int i = 0; i < n; i++) {
        const letter *l = &w->letters[s.fin + i];
        if (l->mark != MARK_NONE) {
            return -1;
        }
        f[i] = l->base;
    }
    if (n == 0 || !strcmp(f, "m") || !strcmp(f, "n") || !strcmp(f, "ng") || !strcmp(f, "nh")) {
        return 0;
    }
    if (!strcmp(f, "c") || !strcmp(f, "ch") || !strcmp(f, "k") || !strcmp(f, "p") ||
        !strcmp(f, "t")) {
        return 1;
    }
    return -1;
}

static bool stop_allows(int tone) {
    return tone == IME_TONE_NONE || tone == IME_TONE_ACUTE || tone == IME_TONE_DOT;
}

/* ---------------------------------------------------------------------------------------- */
/* Drawing and checking a word                                                              */

/* Draws `w` into out[WORD_TEXT_MAX]; returns the bytes written (NUL not counted). */
static size_t render_word(const word *w, ime_style style, char *out) {
    syllable s = analyse(w);
    int at = w->tone ? tone_position(w, s, style) : -1;
    size_t len = 0;
    for (int i = 0; i < w->count; i++) {
        char enc[4];
        size_t m =
            utf8_encode((int32_t)letter_cp(&w->letters[i], i == at ? w->tone : 0, true), enc);
        OCOP_ASSERT(m > 0 && len + m < WORD_TEXT_MAX);
        memcpy(out + len, enc, m);
        len += m;
    }
    out[len] = '\0';
    return len;
}

static bool in_list(const char *const *list, size_t n, const char *s) {
    for (size_t i = 0; i < n; i++) {
        if (!strcmp(list[i], s)) {
            return true;
        }
    }
    return false;
}

static bool is_rhyme(const char *prefix, const char *rest) {
    char buf[WORD_TEXT_MAX + 4];
    if (!str_copy(buf, sizeof buf, prefix) || !str_append(buf, sizeof buf, rest)) {
        return false;
    }
    return in_list(rhymes, OCOP_COUNT(rhymes), buf);
}

/* True when `w` is one valid Vietnamese syllable, or has no vowel but a đ (abbreviations such
 * as SĐT and the đ of prices are not restored). */
static bool word_valid(const word *w) {
    const letter *l = w->letters;
    bool any_vowel = false;
    bool any_stroke = false;
    for (int i = 0; i < w->count; i++) {
        if (l[i].base < 'a' || l[i].base > 'z') {
            return false; /* a VNI digit that made no mark */
        }
        any_vowel = any_vowel || is_vowel(&l[i]);
        any_stroke = any_stroke || l[i].mark == MARK_STROKE;
    }
    if (!any_vowel) {
        return any_stroke; /* SĐT, 500.000đ are kept; www is restored */
    }
    syllable s = analyse(w);
    if (s.start != 0) {
        return false; /* more than one syllable: alô, Samsung */
    }
    char init[8];
    int ni = 0;
    for (int i = 0; i < s.nuc; i++) {
        if (ni >= 4 ||
            (l[i].mark != MARK_NONE && !(l[i].base == 'd' && l[i].mark == MARK_STROKE))) {
            return false;
        }
        init[ni++] = l[i].mark == MARK_STROKE ? '#' : l[i].base;
    }
    init[ni] = '\0';
    if (!in_list(initials, OCOP_COUNT(initials), init)) {
        return false;
    }
    char rhyme[WORD_TEXT_MAX];
    size_t len = 0;
    for (int i = s.nuc; i < w->count; i++) {
        len += utf8_encode((int32_t)letter_cp(&l[i], 0, false), rhyme + len);
    }
    rhyme[len] = '\0';
    bool ok;
    if (!strcmp(init, "qu")) {
        ok = is_rhyme("u", rhyme) || is_rhyme("o", rhyme) ||
             in_list(qu_rhymes, OCOP_COUNT(qu_rhymes), rhyme);
    } else if (!strcmp(init, "gi")) {
        ok = is_rhyme("", rhyme) || is_rhyme("i", rhyme);
    } else {
        ok = is_rhyme("", rhyme);
    }
    if (!ok) {
        return false;
    }
    /* k, gh, ngh before i e ê (y); c, g, ng elsewhere (ghi, kem, nghe; ca, gà, ngủ; but gì). */
    char v = l[s.nuc].base;
    bool front = v == 'i' || v == 'e' || v == 'y';
    if (!strcmp(init, "k") || !strcmp(init, "gh") || !strcmp(init, "ngh")) {
        if (!front || (v == 'y' && strcmp(init, "k") != 0)) {
            return false;
        }
    }
    if ((!strcmp(init, "c") && front) || (!strcmp(init, "g") && v == 'e') ||
        (!strcmp(init, "ng") && (v == 'e' || v == 'i'))) {
        return false;
    }
    if (final_kind(w, s) == 1 && w->tone != IME_TONE_ACUTE && w->tone != IME_TONE_DOT) {
        return false; /* học, bặt; but not "dât" (data) */
    }
    return true;
}

/* ---------------------------------------------------------------------------------------- */
/* Editing a word                                                                           */

static void word_clear(word *w) {
    w->count = 0;
    w->tone = 0;
    w->keys_len = 0;
    w->keys[0] = '\0';
    w->tone_undone = false;
    w->typed_on = false;
}

static bool append_letter(word *w, letter l) {
    if (w->count >= IME_MAX_WORD_LETTERS) {
        return false;
    }
    w->letters[w->count++] = l;
    return true;
}

static void remove_letter(word *w, int at) {
    memmove(&w->letters[at], &w->letters[at + 1], (size_t)(w->count - at - 1) * sizeof(letter));
    w->count--;
}

/* The tone needs a vowel: a word that lost its last vowel loses its tone. */
static void fix_tone(word *w) {
    syllable s = analyse(w);
    if (s.nuc == s.fin) {
        w->tone = 0;
    }
}

/* After a letter is typed: ư+o or u+ơ followed by something is ươ (uwoi → ươi, uowc → ươc). */
static void normalise(word *w) {
    syllable s = analyse(w);
    letter *l = w->letters;
    for (int k = s.nuc; k + 1 < s.fin; k++) {
        if (l[k].base != 'u' || l[k + 1].base != 'o' || k + 2 >= w->count) {
            continue;
        }
        if (l[k].mark == MARK_HORN && l[k + 1].mark == MARK_NONE) {
            l[k + 1].mark = MARK_HORN;
        } else if (l[k].mark == MARK_NONE && l[k + 1].mark == MARK_HORN) {
            l[k].mark = MARK_HORN;
        }
    }
}

/* What a mark key did: T_DONE (made the mark), T_UNDONE (removed the same mark: a typed key
 * then goes in as a letter), T_NONE (nothing to mark: a typed key goes in as a letter),
 * T_FULL (a bare w found no room for its ư). */
typedef enum { T_DONE, T_UNDONE, T_NONE, T_FULL } transform;

static transform tone_key(word *w, int tone) {
    syllable s = analyse(w);
    if (tone == IME_TONE_NONE) {
        if (!w->tone) {
            return T_NONE;
        }
        w->tone = 0;
        return T_DONE;
    }
    if (s.nuc == s.fin || s.start != 0) {
        return T_NONE;
    }
    int kind = final_kind(w, s);
    if (kind < 0 || (kind == 1 && !stop_allows(tone))) {
        return T_NONE; /* catr, âs: the key is a letter */
    }
    if (w->tone == tone) {
        w->tone = 0;
        return T_UNDONE;
    }
    w->tone = tone;
    return T_DONE;
}

/* Circumflex on the last vowel of the syllable with base `base` (any of a e o when 0). */
static transform circumflex_key(word *w, char base) {
    syllable s = analyse(w);
    letter *l = w->letters;
    for (int k = s.fin - 1; k >= s.nuc; k--) {
        bool match =
            base ? l[k].base == base : (l[k].base == 'a' || l[k].base == 'e' || l[k].base == 'o');
        if (!match) {
            continue;
        }
        if (l[k].mark == MARK_CIRCUMFLEX) {
            l[k].mark = MARK_NONE;
            return T_UNDONE;
        }
        l[k].mark = MARK_CIRCUMFLEX; /* replaces a breve or a horn (toowi → tơi → …) */
        if (l[k].base == 'o' && k > s.nuc && l[k - 1].base == 'u' && l[k - 1].mark == MARK_HORN) {
            l[k - 1].mark = MARK_NONE; /* ươ + o → uô */
            l[k - 1].from_w = false;
        }
        return T_DONE;
    }
    return T_NONE;
}

static transform breve_key(word *w) {
    syllable s = analyse(w);
    letter *l = w->letters;
    for (int k = s.fin - 1; k >= s.nuc; k--) {
        if (l[k].base == 'a') {
            if (l[k].mark == MARK_BREVE) {
                l[k].mark = MARK_NONE;
                return T_UNDONE;
            }
            l[k].mark = MARK_BREVE;
            return T_DONE;
        }
    }
    return T_NONE;
}

/* A bare Telex w is ư after nothing or after a consonant that ư can follow (w, như, trừ), but
 * not after q, k, gh, ngh, p (qw, kw stay as typed). */
static bool bare_w_allowed(const word *w, syllable s) {
    char init[8];
    int n = s.nuc - s.start;
    if (n > 3) {
        return false;
    }
    for (int i = 0; i < n; i++) {
        const letter *l = &w->letters[s.start + i];
        init[i] = l->mark == MARK_STROKE ? '#' : l->base;
    }
    init[n] = '\0';
    static const char *const ok[] = {"",  "b",  "c",  "ch", "d", "#", "g", "h",  "kh", "l", "m",
                                     "n", "ng", "nh", "ph", "r", "s", "t", "th", "tr", "v", "x"};
    return s.start == 0 && in_list(ok, OCOP_COUNT(ok), init);
}

/* Telex w (horn or breve, `telex`) or VNI 7 (horn only). `typed`: a key (undoing a bare-w ư
 * removes it) rather than a button. */
static transform horn_key(word *w, bool telex, bool typed, bool upper) {
    syllable s = analyse(w);
    letter *l = w->letters;
    if (s.nuc == s.fin) {
        if (!telex || !typed || !bare_w_allowed(w, s)) {
            return T_NONE;
        }
        return append_letter(w, (letter){'u', MARK_HORN, upper, true}) ? T_DONE : T_FULL;
    }
    /* gi is a consonant before ư: giw → giư, giwax → giữa. */
    if (telex && typed && s.start == 0 && s.nuc == 1 && s.fin == 2 && w->count == 2 &&
        l[0].base == 'g' && l[1].base == 'i' && l[0].mark == MARK_NONE && l[1].mark == MARK_NONE) {
        return append_letter(w, (letter){'u', MARK_HORN, upper, true}) ? T_DONE : T_FULL;
    }
    for (int k = s.nuc; k + 1 < s.fin; k++) { /* uo: ươ or uơ */
        letter *u = &l[k];
        letter *o = &l[k + 1];
        if (u->base != 'u' || o->base != 'o') {
            continue;
        }
        if (o->mark != MARK_HORN) {
            o->mark = MARK_HORN;
            if (k + 2 < w->count) { /* cương, but thuở */
                u->mark = MARK_HORN;
            }
            return T_DONE;
        }
        if (u->mark != MARK_HORN) {
            u->mark = MARK_HORN;
            return T_DONE;
        }
        u->mark = MARK_NONE;
        u->from_w = false;
        o->mark = MARK_NONE;
        return T_UNDONE;
    }
    letter *target = NULL;
    if (telex) { /* oa → oă (hoặc) */
        for (int k = s.nuc; k + 1 < s.fin && !target; k++) {
            if (l[k].base == 'o' && l[k + 1].base == 'a') {
                target = &l[k + 1];
            }
        }
    }
    if (!target && s.fin - s.nuc >= 2 && l[s.nuc].base == 'u' &&
        (l[s.nuc + 1].base == 'a' || l[s.nuc + 1].base == 'i' || l[s.nuc + 1].base == 'u')) {
        target = &l[s.nuc]; /* ưa, ưi, ưu */
    }
    for (int k = s.fin - 1; k >= s.nuc && !target; k--) {
        char b = l[k].base;
        bool after_q = k > 0 && l[k - 1].base == 'q';
        if (b == 'o' || (b == 'u' && !after_q) || (telex && b == 'a')) {
            target = &l[k];
        }
    }
    if (!target) {
        return T_NONE;
    }
    int mark = target->base == 'a' ? MARK_BREVE : MARK_HORN;
    if (target->mark == mark) {
        if (target->from_w && typed && target == &l[w->count - 1]) {
            remove_letter(w, (int)(target - l)); /* ww → w; but wiw → uiw */
        } else {
            target->mark = MARK_NONE;
            target->from_w = false;
        }
        return T_UNDONE;
    }
    target->mark = (uint8_t)mark;
    return T_DONE;
}

/* đ: the last d among the initial consonants (dd → đ, SDD → SĐ). */
static transform stroke_key(word *w) {
    syllable s = analyse(w);
    letter *l = w->letters;
    for (int k = s.nuc - 1; k >= s.start; k--) {
        if (l[k].base == 'd') {
            if (l[k].mark == MARK_STROKE) {
                l[k].mark = MARK_NONE;
                return T_UNDONE;
            }
            l[k].mark = MARK_STROKE;
            return T_DONE;
        }
    }
    return T_NONE;
}

/* The mark (or tone) a key asks for; the key is a lower-case ASCII letter or digit. */
static transform mark_key(word *w, ime_mode mode, char k, bool upper) {
    if (mode == IME_TELEX) {
        switch (k) {
        case 's':
            return tone_key(w, IME_TONE_ACUTE);
        case 'f':
            return tone_key(w, IME_TONE_GRAVE);
        case 'r':
            return tone_key(w, IME_TONE_HOOK);
        case 'x':
            return tone_key(w, IME_TONE_TILDE);
        case 'j':
            return tone_key(w, IME_TONE_DOT);
        case 'z':
            return tone_key(w, IME_TONE_NONE);
        case 'a':
        case 'e':
        case 'o':
            return circumflex_key(w, k);
        case 'w':
            return horn_key(w, true, true, upper);
        case 'd':
            return stroke_key(w);
        default:
            return T_NONE;
        }
    }
    switch (k) {
    case '0':
        return tone_key(w, IME_TONE_NONE);
    case '1':
    case '2':
    case '3':
    case '4':
    case '5':
        return tone_key(w, k - '0');
    case '6':
        return circumflex_key(w, 0);
    case '7':
        return horn_key(w, false, true, upper);
    case '8':
        return breve_key(w);
    case '9':
        return stroke_key(w);
    default:
        return T_NONE;
    }
}

/* True when the last syllable of `w` can still become a Vietnamese syllable: its vowels and
 * final so far start some rhyme (after qu and gi as in word_valid). A word without vowels can. */
static bool rhyme_possible(const word *w) {
    syllable s = analyse(w);
    if (s.nuc == s.fin) {
        return true;
    }
    const letter *l = w->letters;
    char rhyme[WORD_TEXT_MAX];
    size_t len = 0;
    for (int i = s.nuc; i < w->count; i++) {
        if (l[i].base < 'a' || l[i].base > 'z' || l[i].mark == MARK_STROKE) {
            return false;
        }
        len += utf8_encode((int32_t)letter_cp(&l[i], 0, false), rhyme + len);
    }
    rhyme[len] = '\0';
    bool qu = s.nuc - s.start == 2 && l[s.start].base == 'q' && l[s.start + 1].base == 'u';
    bool gi = s.nuc - s.start == 2 && l[s.start].base == 'g' && l[s.start + 1].base == 'i';
    for (size_t r = 0; r < OCOP_COUNT(rhymes); r++) {
        const char *x = rhymes[r];
        if (!strncmp(x, rhyme, len) ||
            (qu && (x[0] == 'u' || x[0] == 'o') && !strncmp(x + 1, rhyme, len)) ||
            (gi && x[0] == 'i' && !strncmp(x + 1, rhyme, len))) {
            return true;
        }
    }
    for (size_t r = 0; qu && r < OCOP_COUNT(qu_rhymes); r++) {
        if (!strncmp(qu_rhymes[r], rhyme, len)) {
            return true;
        }
    }
    return false;
}

/* Keys that put a shape mark on a vowel (not a tone, not đ). */
static bool is_shape_key(ime_mode mode, char k) {
    if (mode == IME_TELEX) {
        return k == 'a' || k == 'e' || k == 'o' || k == 'w';
    }
    return k == '6' || k == '7' || k == '8';
}

static bool is_tone_key(ime_mode mode, char k) {
    return mode == IME_TELEX ? strchr("sfrxj", k) != NULL : (k >= '1' && k <= '5');
}

/* Applies one typed key to `w`. False when the word is full (letters or remembered keys). */
static bool word_take_key(word *w, ime_mode mode, uint32_t cp) {
    char enc[4];
    size_t m = utf8_encode((int32_t)cp, enc);
    OCOP_ASSERT(m > 0);
    if (w->keys_len + m > IME_MAX_WORD_KEY_BYTES) {
        return false;
    }
    memcpy(w->keys + w->keys_len, enc, m);
    w->keys_len += m;
    w->keys[w->keys_len] = '\0';

    letter l;
    int tone;
    if (cp >= 0x80) { /* a ready-made letter: ế is e, circumflex, sắc */
        bool ok = decompose(cp, &l, &tone);
        OCOP_ASSERT(ok);
        if (!append_letter(w, l)) {
            return false;
        }
        if (tone) {
            w->tone = tone;
        }
    } else {
        bool upper = cp >= 'A' && cp <= 'Z';
        char k = (char)(upper ? cp | 0x20 : cp);
        /* A shape mark that no syllable allows is not made: the key is a letter (chuwaa →
         * chưaa, not chưâ; ngoeo, not ngôe; taiw, not tăi). Only while the syllable could
         * still be Vietnamese: English words keep the marks they always got. */
        bool guard = is_shape_key(mode, k) && rhyme_possible(w);
        word before;
        if (guard) {
            before = *w;
        }
        transform t = mark_key(w, mode, k, upper);
        if (t == T_FULL) {
            return false;
        }
        if (guard && t == T_DONE && !rhyme_possible(w)) {
            *w = before;
            t = T_NONE;
        }
        if (w->tone_undone && t != T_DONE && !strchr("aeiouy", k)) {
            w->typed_on = true;
        }
        w->tone_undone = t == T_UNDONE && is_tone_key(mode, k);
        if (t != T_DONE && !append_letter(w, (letter){k, MARK_NONE, upper, false})) {
            return false;
        }
    }
    normalise(w);
    fix_tone(w);
    return true;
}

/* ---------------------------------------------------------------------------------------- */
/* The field                                                                                */

static size_t max_size(size_t a, size_t b) {
    return a > b ? a : b;
}

/* Code points in s[0..len) (valid UTF-8). */
static size_t count_chars(const char *s, size_t len) {
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        n += ((unsigned char)s[i] & 0xC0) != 0x80;
    }
    return n;
}

/* True when a text of `bytes` bytes and `chars` code points fits the field. */
static bool text_fits(const ime_field *f, size_t bytes, size_t chars) {
    return bytes <= IME_MAX_TEXT_BYTES && (f->max_chars == 0 || chars <= f->max_chars);
}

/* True when the field can hold `w` after `extra` (the bytes of a word about to be committed,
 * `extra_len` of them) and its committed text: as drawn and as typed. A drawn word has one code
 * point per letter. */
static bool word_fits(const ime_field *f, const char *extra, size_t extra_len, const word *w) {
    char buf[WORD_TEXT_MAX];
    size_t drawn = render_word(w, f->style, buf);
    size_t bytes = f->committed_len + extra_len + max_size(drawn, w->keys_len);
    if (f->max_chars == 0) {
        return text_fits(f, bytes, 0); /* skip counting: the usual case */
    }
    size_t chars = count_chars(f->text, f->committed_len) + count_chars(extra, extra_len) +
                   max_size((size_t)w->count, count_chars(w->keys, w->keys_len));
    return text_fits(f, bytes, chars);
}

/* Overwrites `n` bytes at `p` so that a visitor's text does not linger in memory (DESIGN §6:
 * the next visitor must not see the last one's phone number). */
static void wipe(void *p, size_t n) {
    volatile unsigned char *b = p;
    for (size_t i = 0; i < n; i++) {
        b[i] = 0;
    }
}

/* Draws the word after the committed text. */
static void refresh(ime_field *f) {
    char buf[WORD_TEXT_MAX];
    size_t n = render_word(&f->w, f->style, buf);
    OCOP_ASSERT(f->committed_len + n <= IME_MAX_TEXT_BYTES);
    memcpy(f->text + f->committed_len, buf, n);
    f->text_len = f->committed_len + n;
    f->text[f->text_len] = '\0';
}

/* What committing the word adds to the text: the word as drawn, or as typed when it is not a
 * Vietnamese syllable. */
static size_t commit_output(const ime_field *f, char *out) {
    if (word_valid(&f->w)) {
        return render_word(&f->w, f->style, out);
    }
    /* UniKey's habit: a tone key pressed twice types it as a letter, and a consonant typed
     * next gives the plain word shown (tesst → test, disstance → distance). A doubled key at
     * the end or before a vowel is restored as typed, as English doubles it (herr, class,
     * Office, lesson), and so is a word that shows a mark (coffee, not cofê). */
    if (f->w.typed_on && f->w.tone == 0) {
        bool plain = true;
        for (int i = 0; i < f->w.count && plain; i++) {
            plain = f->w.letters[i].mark == MARK_NONE;
        }
        if (plain) {
            return render_word(&f->w, f->style, out);
        }
    }
    memcpy(out, f->w.keys, f->w.keys_len + 1);
    return f->w.keys_len;
}

static void commit_word(ime_field *f) {
    char buf[IME_MAX_WORD_KEY_BYTES + WORD_TEXT_MAX];
    size_t n = commit_output(f, buf);
    OCOP_ASSERT(f->committed_len + n <= IME_MAX_TEXT_BYTES);
    memcpy(f->text + f->committed_len, buf, n);
    f->committed_len += n;
    word_clear(&f->w);
    refresh(f);
}

/* Takes the word at the very end of the committed text back for editing, when it is made of
 * letters, has at most one tone, and draws back to the same bytes. */
static void reopen(ime_field *f) {
    if (f->mode == IME_OFF || f->w.count > 0 || f->committed_len == 0) {
        return;
    }
    size_t start = f->committed_len;
    int letters = 0;
    while (start > 0) {
        size_t prev = utf8_prev(f->text, start);
        int32_t cp;
        letter l;
        int tone;
        if (utf8_decode(f->text + prev, start - prev, &cp) == 0 ||
            !decompose((uint32_t)cp, &l, &tone)) {
            break;
        }
        if (++letters > IME_MAX_WORD_LETTERS) {
            return;
        }
        start = prev;
    }
    if (start == f->committed_len || f->committed_len - start > IME_MAX_WORD_KEY_BYTES) {
        return;
    }
    word w;
    word_clear(&w);
    for (size_t p = start; p < f->committed_len;) {
        int32_t cp;
        size_t used = utf8_decode(f->text + p, f->committed_len - p, &cp);
        letter l;
        int tone;
        bool ok = used > 0 && decompose((uint32_t)cp, &l, &tone);
        OCOP_ASSERT(ok);
        if (tone && w.tone) {
            return; /* two tones: not one word the engine could have made */
        }
        if (tone) {
            w.tone = tone;
        }
        ok = append_letter(&w, l);
        OCOP_ASSERT(ok);
        p += used;
    }
    char buf[WORD_TEXT_MAX];
    size_t n = render_word(&w, f->style, buf);
    size_t old = f->committed_len - start;
    if (n != old || memcmp(buf, f->text + start, n) != 0) {
        return;
    }
    memcpy(w.keys, buf, n + 1);
    w.keys_len = n;
    f->w = w;
    f->committed_len = start;
}

/* A word changed by a button or by backspace is remembered as drawn: it is not restored. */
static void keys_from_drawing(word *w, ime_style style) {
    char buf[WORD_TEXT_MAX];
    size_t n = render_word(w, style, buf);
    OCOP_ASSERT(n <= IME_MAX_WORD_KEY_BYTES);
    memcpy(w->keys, buf, n + 1);
    w->keys_len = n;
    w->tone_undone = false;
    w->typed_on = false;
}

/* Replaces the word by `w` (a button's result) when it fits. */
static ime_status set_word(ime_field *f, word *w) {
    keys_from_drawing(w, f->style);
    if (!word_fits(f, "", 0, w)) {
        return IME_FULL;
    }
    f->w = *w;
    refresh(f);
    return IME_OK;
}

ime_field *ime_field_create(ime_mode mode, ime_style style) {
    ime_field *f = xcalloc(1, sizeof *f);
    f->mode = mode;
    f->style = style;
    word_clear(&f->w);
    return f;
}

void ime_field_destroy(ime_field *field) {
    if (field) {
        wipe(field, sizeof *field);
    }
    free(field);
}

void ime_set_mode(ime_field *field, ime_mode mode) {
    commit_word(field);
    field->mode = mode;
}

ime_mode ime_get_mode(const ime_field *field) {
    return field->mode;
}

void ime_set_style(ime_field *field, ime_style style) {
    field->style = style;
    if (!word_fits(field, "", 0, &field->w)) {
        field->style = style == IME_STYLE_OLD ? IME_STYLE_NEW : IME_STYLE_OLD;
        commit_word(field); /* it fitted as it was: commit it, then switch */
        field->style = style;
    }
    refresh(field);
}

ime_style ime_get_style(const ime_field *field) {
    return field->style;
}

static bool key_allowed(uint32_t cp) {
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
        return false;
    }
    return utf8proc_category((utf8proc_int32_t)cp) != UTF8PROC_CATEGORY_CC;
}

static bool is_word_key(ime_mode mode, uint32_t cp) {
    if (is_ascii_letter(cp)) {
        return true;
    }
    if (cp >= '0' && cp <= '9') {
        return mode == IME_VNI;
    }
    letter l;
    int tone;
    return cp >= 0x80 && decompose(cp, &l, &tone);
}

/* Adds `cp` to the committed text (no word is being composed). Text outside ASCII is
 * normalised again, since a combining mark composes with what precedes it. */
static ime_status append_plain(ime_field *f, uint32_t cp) {
    OCOP_ASSERT(f->w.count == 0 && f->committed_len == f->text_len);
    char enc[4];
    size_t m = utf8_encode((int32_t)cp, enc);
    OCOP_ASSERT(m > 0);
    if (cp < 0x80) {
        if (!text_fits(f, f->committed_len + m, count_chars(f->text, f->committed_len) + 1)) {
            return IME_FULL;
        }
        memcpy(f->text + f->committed_len, enc, m);
        f->committed_len += m;
        f->text_len = f->committed_len;
        f->text[f->text_len] = '\0';
        return IME_OK;
    }
    char joined[IME_MAX_TEXT_BYTES + 5];
    memcpy(joined, f->text, f->committed_len);
    memcpy(joined + f->committed_len, enc, m);
    joined[f->committed_len + m] = '\0';
    char *nfc = utf8_nfc(joined);
    OCOP_ASSERT(nfc);
    size_t n = strlen(nfc);
    ime_status st = IME_FULL;
    if (text_fits(f, n, count_chars(nfc, n))) {
        memcpy(f->text, nfc, n + 1);
        f->committed_len = f->text_len = n;
        st = IME_OK;
    }
    wipe(joined, sizeof joined);
    free(nfc);
    return st;
}

ime_status ime_key(ime_field *field, uint32_t cp) {
    ime_field *f = field;
    if (!key_allowed(cp)) {
        return IME_BAD_KEY;
    }
    if (f->mode == IME_OFF) {
        return append_plain(f, cp);
    }
    if (!is_word_key(f->mode, cp)) {
        /* Space, punctuation, other scripts: the word ends here. */
        char buf[IME_MAX_WORD_KEY_BYTES + WORD_TEXT_MAX];
        size_t n = commit_output(f, buf);
        char enc[4];
        size_t bytes = f->committed_len + n + utf8_encode((int32_t)cp, enc);
        size_t chars = count_chars(f->text, f->committed_len) + count_chars(buf, n) + 1;
        if (!text_fits(f, bytes, chars)) {
            return IME_FULL;
        }
        commit_word(f);
        return append_plain(f, cp);
    }
    reopen(f);
    word next = f->w;
    bool restart = !word_take_key(&next, f->mode, cp);
    char out[IME_MAX_WORD_KEY_BYTES + WORD_TEXT_MAX] = "";
    size_t out_len = 0;
    if (restart) { /* the word is full: it is committed and the key starts a new one */
        out_len = commit_output(f, out);
        word_clear(&next);
        bool ok = word_take_key(&next, f->mode, cp);
        OCOP_ASSERT(ok);
    }
    if (!word_fits(f, out, out_len, &next)) {
        return IME_FULL;
    }
    if (restart) {
        commit_word(f);
    }
    f->w = next;
    refresh(f);
    return IME_OK;
}

ime_status ime_type_utf8(ime_field *field, const char *text) {
    size_t len = strlen(text);
    for (size_t p = 0; p < len;) {
        int32_t cp;
        size_t used = utf8_decode(text + p, len - p, &cp);
        if (used == 0) {
            return IME_BAD_KEY;
        }
        ime_status st = ime_key(field, (uint32_t)cp);
        if (st != IME_OK) {
            return st;
        }
        p += used;
    }
    return IME_OK;
}

bool ime_backspace(ime_field *field) {
    ime_field *f = field;
    if (f->w.count > 0) {
        word w = f->w;
        w.count--;
        fix_tone(&w);
        keys_from_drawing(&w, f->style);
        f->w = w;
        refresh(f);
        return true;
    }
    if (f->committed_len == 0) {
        return false;
    }
    /* The start of the last grapheme: a base and the marks that did not compose with it. */
    size_t last = 0;
    int32_t prev = -1;
    utf8proc_int32_t state = 0;
    for (size_t p = 0; p < f->committed_len;) {
        int32_t cp;
        size_t used = utf8_decode(f->text + p, f->committed_len - p, &cp);
        OCOP_ASSERT(used > 0);
        if (prev < 0 || utf8proc_grapheme_break_stateful(prev, cp, &state)) {
            last = p;
        }
        prev = cp;
        p += used;
    }
    f->committed_len = last;
    refresh(f);
    return true;
}

void ime_commit(ime_field *field) {
    commit_word(field);
}

ime_status ime_tone(ime_field *field, ime_tone_kind tone) {
    ime_field *f = field;
    if (f->mode == IME_OFF || (int)tone < IME_TONE_NONE || tone > IME_TONE_DOT) {
        return IME_NOT_APPLICABLE;
    }
    reopen(f);
    word w = f->w;
    syllable s = analyse(&w);
    if (s.nuc == s.fin) {
        return IME_NOT_APPLICABLE;
    }
    if (tone == IME_TONE_NONE) {
        if (!w.tone) {
            return IME_NOT_APPLICABLE;
        }
        w.tone = 0;
    } else {
        if (final_kind(&w, s) == 1 && !stop_allows(tone)) {
            return IME_NOT_APPLICABLE;
        }
        w.tone = w.tone == (int)tone ? 0 : (int)tone;
    }
    return set_word(f, &w);
}

ime_status ime_shape(ime_field *field, ime_shape_kind shape) {
    ime_field *f = field;
    if (f->mode == IME_OFF) {
        return IME_NOT_APPLICABLE;
    }
    reopen(f);
    if (f->w.count == 0) {
        return IME_NOT_APPLICABLE;
    }
    word w = f->w;
    transform t;
    switch (shape) {
    case IME_SHAPE_CIRCUMFLEX:
        t = circumflex_key(&w, 0);
        break;
    case IME_SHAPE_BREVE:
        t = breve_key(&w);
        break;
    case IME_SHAPE_HORN:
        t = horn_key(&w, false, false, false);
        break;
    case IME_SHAPE_STROKE:
        t = stroke_key(&w);
        break;
    default:
        return IME_NOT_APPLICABLE;
    }
    if (t == T_NONE || t == T_FULL) {
        return IME_NOT_APPLICABLE;
    }
    return set_word(f, &w);
}

ime_status ime_letter_button(ime_field *field, uint32_t cp) {
    ime_field *f = field;
    letter want;
    int tone;
    if (!decompose(cp, &want, &tone) || tone != 0 || want.mark == MARK_NONE) {
        return IME_BAD_KEY;
    }
    if (f->mode == IME_OFF) {
        return ime_key(f, cp);
    }
    reopen(f);
    word w = f->w;
    syllable s = analyse(&w);
    transform t = T_NONE;
    if (w.count > 0) {
        if (want.mark == MARK_STROKE) {
            t = stroke_key(&w);
        } else if (want.mark == MARK_HORN) {
            bool has_uo = false;
            for (int k = s.nuc; k + 1 < s.fin; k++) {
                has_uo = has_uo || (w.letters[k].base == 'u' && w.letters[k + 1].base == 'o');
            }
            letter *target = NULL;
            for (int k = s.fin - 1; k >= s.nuc && !target && !has_uo; k--) {
                if (w.letters[k].base == want.base) {
                    target = &w.letters[k];
                }
            }
            if (has_uo) {
                t = horn_key(&w, false, false, false);
            } else if (target) {
                t = target->mark == MARK_HORN ? T_UNDONE : T_DONE;
                target->mark = t == T_DONE ? MARK_HORN : MARK_NONE;
                target->from_w = false;
            }
        } else if (want.mark == MARK_BREVE) {
            t = breve_key(&w);
        } else {
            t = circumflex_key(&w, want.base);
        }
    }
    if (t == T_NONE) {
        return ime_key(f, cp); /* no such letter in the word: type it */
    }
    return set_word(f, &w);
}

ime_status ime_set_text(ime_field *field, const char *text) {
    char *clean = utf8_sanitize(text, strlen(text));
    size_t n = strlen(clean);
    ime_status st = IME_OK;
    if (!text_fits(field, n, count_chars(clean, n))) {
        st = IME_FULL;
    }
    for (size_t p = 0; p < n && st == IME_OK;) {
        int32_t cp;
        size_t used = utf8_decode(clean + p, n - p, &cp);
        OCOP_ASSERT(used > 0);
        if (!key_allowed((uint32_t)cp)) {
            st = IME_BAD_KEY;
        }
        p += used;
    }
    if (st == IME_OK) {
        ime_clear(field);
        memcpy(field->text, clean, n + 1);
        field->committed_len = field->text_len = n;
    }
    wipe(clean, n);
    free(clean);
    return st;
}

void ime_clear(ime_field *field) {
    wipe(&field->w, sizeof field->w);
    wipe(field->text, sizeof field->text);
    word_clear(&field->w);
    field->committed_len = 0;
    refresh(field);
}

void ime_set_max_chars(ime_field *field, size_t max_chars) {
    field->max_chars = max_chars;
}

const char *ime_text(const ime_field *field) {
    return field->text;
}

size_t ime_text_len(const ime_field *field) {
    return field->text_len;
}

size_t ime_composing_start(const ime_field *field) {
    return field->w.count > 0 ? field->committed_len : field->text_len;
}
