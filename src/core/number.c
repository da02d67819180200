/* number.c: numbers as text; see number.h. */
#include "core/number.h"

#include "core/base.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* Drops the trailing zeros of the fraction in `text`, and the point when nothing is left of
 * it. */
static void drop_trailing_zeros(char *text) {
    char *dot = strchr(text, '.');
    if (!dot) {
        return;
    }
    char *end = text + strlen(text) - 1;
    while (end > dot && *end == '0') {
        *end-- = '\0';
    }
    if (end == dot) {
        *end = '\0';
    }
}

char *number_format_plain(double v, int decimals, char *out, size_t cap) {
    OCOP_ASSERT(out && cap > 0 && decimals >= 0 && decimals <= 9);
    char buf[400]; /* %f of 1e308 has 309 digits */
    if (isfinite(v) && v == floor(v) && fabs(v) < 1e15) {
        snprintf(buf, sizeof buf, "%.0f", v);
    } else {
        snprintf(buf, sizeof buf, "%.*f", decimals, v);
        drop_trailing_zeros(buf);
    }
    str_copy(out, cap, strcmp(buf, "-0") == 0 ? "0" : buf);
    return out;
}

/* Puts `sep` between every three digits of the digit string `digits` (no sign). */
static void group_digits(const char *digits, char sep, char *out, size_t cap) {
    char grouped[64];
    size_t n = strlen(digits), o = 0;
    for (size_t i = 0; i < n && o + 2 < sizeof grouped; i++) {
        if (i > 0 && (n - i) % 3 == 0) {
            grouped[o++] = sep;
        }
        grouped[o++] = digits[i];
    }
    grouped[o] = '\0';
    str_copy(out, cap, grouped);
}

char *number_format_whole(int64_t v, bool vi, char *out, size_t cap) {
    OCOP_ASSERT(out && cap > 0);
    char digits[32], grouped[48];
    /* The magnitude as unsigned, so that INT64_MIN has one too. */
    uint64_t m = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    snprintf(digits, sizeof digits, "%llu", (unsigned long long)m);
    group_digits(digits, vi ? '.' : ',', grouped, sizeof grouped);
    str_format(out, cap, "%s%s", v < 0 ? "-" : "", grouped);
    return out;
}

char *number_format_human(double v, int decimals, bool vi, char *out, size_t cap) {
    OCOP_ASSERT(out && cap > 0 && decimals >= 0 && decimals <= 9);
    bool negative = v < 0;
    char text[400];
    snprintf(text, sizeof text, "%.*f", decimals, fabs(v)); /* fabs: -0.0 too */
    char *dot = strchr(text, '.');
    char frac[16] = "";
    if (dot) {
        *dot = '\0';
        str_copy(frac, sizeof frac, dot + 1);
        size_t n = strlen(frac);
        while (n > 0 && frac[n - 1] == '0') {
            frac[--n] = '\0';
        }
    }
    char whole[64];
    group_digits(text, vi ? '.' : ',', whole, sizeof whole);
    bool zero = !frac[0] && strcmp(whole, "0") == 0;
    if (frac[0]) {
        str_format(out, cap, "%s%s%c%s", negative ? "-" : "", whole, vi ? ',' : '.', frac);
    } else {
        str_format(out, cap, "%s%s", negative && !zero ? "-" : "", whole);
    }
    return out;
}
