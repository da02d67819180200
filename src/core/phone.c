/* phone.c: Vietnamese (and other countries') phone numbers and e-mail addresses; see phone.h.
 *
 * The national significant number (NSN, the number after +84 or after the trunk 0) is:
 * - mobile: 9 digits, 3x/5x/7x/8x/9x with an allocated second digit (the 2018 plan: the old
 *   11-digit 01xx numbers moved to 03x, 05x, 07x, 08x);
 * - fixed line: 10 digits starting with 2 (the 2017 plan: 024 Hà Nội, 028 TP. Hồ Chí Minh and
 *   02xx for the other provinces, each with its subscriber number).
 * Service numbers (1800, 1900) and short codes are not a person's number.
 */
#include "core/phone.h"

#include <string.h>

#define NSN_MAX 16 /* digits kept while reading; anything longer is too long anyway */

/* Mobile blocks by their first two NSN digits. */
static bool mobile_prefix(const char *nsn) {
    static const char *const blocks[] = {
        "32", "33", "34", "35", "36", "37", "38", "39", /* Viettel */
        "52", "55", "56", "58", "59",                   /* Vietnamobile, Reddi, Gmobile */
        "70", "76", "77", "78", "79",                   /* MobiFone */
        "81", "82", "83", "84", "85", "86", "87", "88", "89",
        "90", "91", "92", "93", "94", "96", "97", "98", "99",
    };
    for (size_t i = 0; i < OCOP_COUNT(blocks); i++) {
        if (nsn[0] == blocks[i][0] && nsn[1] == blocks[i][1]) {
            return true;
        }
    }
    return false;
}

/* The 2018 move of 11-digit mobile numbers: old NSN prefix (3 digits after 0) → new (2). */
static const char *old_mobile_prefix(const char *nsn) {
    static const struct {
        const char *old, *now;
    } moved[] = {
        {"162", "32"}, {"163", "33"}, {"164", "34"}, {"165", "35"}, {"166", "36"}, {"167", "37"},
        {"168", "38"}, {"169", "39"}, {"120", "70"}, {"121", "79"}, {"122", "77"}, {"126", "76"},
        {"128", "78"}, {"123", "83"}, {"124", "84"}, {"125", "85"}, {"127", "81"}, {"129", "82"},
        {"186", "56"}, {"188", "58"}, {"199", "59"},
    };
    for (size_t i = 0; i < OCOP_COUNT(moved); i++) {
        if (strncmp(nsn, moved[i].old, 3) == 0) {
            return moved[i].now;
        }
    }
    return NULL;
}

/* Bytes of the UTF-8 character at `s` (for quoting it in a message), never past the NUL. */
static int char_bytes(const char *s) {
    unsigned char c = (unsigned char)s[0];
    int n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    for (int i = 1; i < n; i++) {
        if (!s[i]) {
            return i;
        }
    }
    return n;
}

/* Separators people put in numbers. */
static bool separator(char c) {
    return c == ' ' || c == '\t' || c == '.' || c == '-' || c == '(' || c == ')';
}

/* Another country's number after its "+" or "00": E.164 allows at most 15 digits with the
 * country code (which never starts with 0); fewer than 7 is no subscriber's number. The digits
 * are kept as they are (each country has its own plan). */
static int international(const char *text, const char *digits, size_t len, char *out, size_t cap,
                         ocop_error *err) {
    if (len == 0 || digits[0] == '0') {
        return error_set(err, "phone number '%s': a country code never starts with 0", text);
    }
    if (len < 7) {
        return error_set(err, "phone number '%s' is too short for an international number", text);
    }
    if (len > 15) {
        return error_set(err,
                         "phone number '%s' is too long: an international number has at most 15 "
                         "digits",
                         text);
    }
    char result[32];
    str_format(result, sizeof result, "+%.*s", (int)len, digits);
    if (!str_copy(out, cap, result)) {
        out[0] = '\0';
        return error_set(err, "phone number '%s': no room for the result", text);
    }
    return 0;
}

int phone_normalize(const char *text, char *out, size_t cap, ocop_error *err) {
    OCOP_ASSERT(out && cap > 0);
    out[0] = '\0';
    if (!text || str_blank(text)) {
        return error_set(err, "phone number is empty");
    }
    char digits[NSN_MAX + 8];
    size_t n = 0, total = 0;
    bool plus = false;
    for (size_t i = 0; text[i]; i++) {
        char c = text[i];
        if (separator(c)) {
            continue;
        }
        if (c == '+') {
            if (plus || total > 0) {
                return error_set(err, "phone number '%s': '+' may only start the number", text);
            }
            plus = true;
            continue;
        }
        if (c < '0' || c > '9') {
            return error_set(err, "phone number '%s' has '%.*s', which is not a digit", text,
                             char_bytes(text + i), text + i);
        }
        total++;
        if (n < sizeof digits - 1) {
            digits[n++] = c;
        }
    }
    digits[n] = '\0';
    if (total == 0) {
        return error_set(err, "phone number '%s' has no digits", text);
    }

    /* Find the national significant number. */
    const char *nsn = digits;
    size_t len = total;
    if (plus || strncmp(digits, "00", 2) == 0) {
        size_t skip = plus ? 0 : 2;
        if (strncmp(digits + skip, "84", 2) != 0) {
            return international(text, digits + skip, total - skip, out, cap, err);
        }
        nsn = digits + skip + 2;
        len = total - skip - 2;
        if (len > 0 && nsn[0] == '0') { /* "+84 (0) 912 …" */
            nsn++;
            len--;
        }
    } else if (digits[0] == '0') {
        nsn = digits + 1;
        len = total - 1;
    } else if (strncmp(digits, "84", 2) == 0 && (total == 11 || total == 12)) {
        nsn = digits + 2; /* 84912345678: the country code without '+' */
        len = total - 2;
    } else if (strncmp(digits, "1800", 4) == 0 || strncmp(digits, "1900", 4) == 0) {
        return error_set(err, "phone number '%s' is a service number (1800/1900), not a person's",
                         text);
    } else if (total == 9 && mobile_prefix(digits)) {
        nsn = digits; /* the leading 0 forgotten: 912345678 */
        len = total;
    } else {
        return error_set(err,
                         "phone number '%s' should start with 0 (0912 345 678) or +84 "
                         "(+84 912 345 678)",
                         text);
    }

    if (len == 0) {
        return error_set(err, "phone number '%s' has nothing after the prefix", text);
    }
    if (nsn[0] == '1' && len == 10) {
        const char *now = old_mobile_prefix(nsn);
        if (now) {
            return error_set(err,
                             "phone number '%s' is an old 11-digit mobile number; since 2018 it "
                             "is 0%s%s",
                             text, now, nsn + 3);
        }
    }
    if (nsn[0] == '2') {
        if (len < 10) {
            return error_set(err,
                             "phone number '%s' is too short: a fixed line has 11 digits with the "
                             "area code (024 3xxx xxxx)",
                             text);
        }
        if (len > 10) {
            return error_set(err, "phone number '%s' is too long: a fixed line has 11 digits",
                             text);
        }
    } else if (strchr("35789", nsn[0])) {
        if (len >= 2 && !mobile_prefix(nsn)) {
            return error_set(err, "phone number '%s': 0%c%c is not a Vietnamese mobile prefix",
                             text, nsn[0], nsn[1]);
        }
        if (len < 9) {
            return error_set(err,
                             "phone number '%s' is too short: a mobile number has 10 digits "
                             "(0912 345 678)",
                             text);
        }
        if (len > 9) {
            return error_set(err,
                             "phone number '%s' is too long: a mobile number has 10 digits "
                             "(0912 345 678)",
                             text);
        }
    } else {
        return error_set(err,
                         "phone number '%s': 0%c… is neither a mobile (03, 05, 07, 08, 09) nor a "
                         "fixed line (02)",
                         text, nsn[0]);
    }
    OCOP_ASSERT(len <= NSN_MAX);
    char result[32];
    str_format(result, sizeof result, "+84%.*s", (int)len, nsn);
    if (!str_copy(out, cap, result)) {
        out[0] = '\0';
        return error_set(err, "phone number '%s': no room for the result", text);
    }
    return 0;
}

bool phone_zalo(const char *text, char *out, size_t cap) {
    char e164[32];
    out[0] = '\0';
    if (phone_normalize(text, e164, sizeof e164, NULL) != 0 || strncmp(e164, "+84", 3) != 0) {
        return false;
    }
    char local[32];
    str_format(local, sizeof local, "0%s", e164 + 3);
    if (!str_copy(out, cap, local)) {
        out[0] = '\0';
        return false;
    }
    return true;
}

void phone_format(const char *text, char *out, size_t cap) {
    OCOP_ASSERT(out && cap > 0);
    char e164[32], local[32];
    if (!text || phone_normalize(text, e164, sizeof e164, NULL) != 0) {
        str_copy(out, cap, text ? text : "");
        return;
    }
    if (!phone_zalo(text, local, sizeof local)) {
        /* Another country: its code, then the rest as one block (grouping differs by country). */
        str_format(out, cap, "%s", e164);
        return;
    }
    size_t n = strlen(local);
    if (local[1] == '2' && (local[2] == '4' || local[2] == '8')) {
        /* Hà Nội and TP. Hồ Chí Minh: 024 3825 1234. */
        str_format(out, cap, "%.3s %.4s %s", local, local + 3, local + 7);
    } else if (local[1] == '2' && n == 11) {
        /* Other provinces' fixed lines: 0294 3832 111. */
        str_format(out, cap, "%.4s %.4s %s", local, local + 4, local + 8);
    } else {
        /* Mobiles: 0912 345 678. */
        str_format(out, cap, "%.4s %.3s %s", local, local + 4, local + 7);
    }
}

/* Characters allowed in the local part besides letters and digits (RFC 5322 atext and '.');
 * bytes >= 0x80 (UTF-8, RFC 6531) are allowed too. */
static bool local_char(unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c >= 0x80 || (c && strchr("!#$%&'*+-/=?^_`{|}~.", c));
}

static bool domain_char(unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c >= 0x80;
}

int phone_check_email(const char *text, ocop_error *err) {
    if (!text || !*text) {
        return error_set(err, "e-mail address is empty");
    }
    size_t len = strlen(text);
    if (len > 254) {
        return error_set(err, "e-mail address is too long (%zu characters, at most 254)", len);
    }
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)text[i];
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
            return error_set(err, "e-mail address '%s' has a space", text);
        }
        if (c < 0x20 || c == 0x7F) {
            return error_set(err, "e-mail address has a control character");
        }
    }
    const char *at = strchr(text, '@');
    if (!at) {
        return error_set(err, "e-mail address '%s' has no '@'", text);
    }
    if (strchr(at + 1, '@')) {
        return error_set(err, "e-mail address '%s' has more than one '@'", text);
    }
    size_t local_len = (size_t)(at - text);
    if (local_len == 0) {
        return error_set(err, "e-mail address '%s' has nothing before the '@'", text);
    }
    if (local_len > 64) {
        return error_set(err, "e-mail address '%s': the part before '@' is longer than 64", text);
    }
    if (text[0] == '.' || at[-1] == '.') {
        return error_set(err, "e-mail address '%s': the part before '@' starts or ends with '.'",
                         text);
    }
    for (size_t i = 0; i < local_len; i++) {
        if (!local_char((unsigned char)text[i])) {
            return error_set(err, "e-mail address '%s' has '%c' before the '@'", text, text[i]);
        }
        if (text[i] == '.' && text[i + 1] == '.') {
            return error_set(err, "e-mail address '%s' has '..'", text);
        }
    }
    const char *domain = at + 1;
    if (!*domain) {
        return error_set(err, "e-mail address '%s' has no domain after the '@'", text);
    }
    if (!strchr(domain, '.')) {
        return error_set(err, "e-mail address '%s': the domain '%s' has no '.' (gmail.com, …)",
                         text, domain);
    }
    /* Labels: 1–63 characters, letters, digits, '-' (not at either end). */
    const char *label = domain;
    for (;;) {
        const char *dot = strchr(label, '.');
        size_t n = dot ? (size_t)(dot - label) : strlen(label);
        if (n == 0) {
            return error_set(err,
                             "e-mail address '%s': the domain has an empty part ('..' or a "
                             "'.' at an end)",
                             text);
        }
        if (n > 63) {
            return error_set(err, "e-mail address '%s': a domain part is longer than 63", text);
        }
        if (label[0] == '-' || label[n - 1] == '-') {
            return error_set(err, "e-mail address '%s': a domain part starts or ends with '-'",
                             text);
        }
        for (size_t i = 0; i < n; i++) {
            if (!domain_char((unsigned char)label[i])) {
                return error_set(err, "e-mail address '%s' has '%c' in the domain", text, label[i]);
            }
        }
        if (!dot) {
            /* The top-level domain: two letters at least, not all digits. */
            bool letter = false;
            for (size_t i = 0; i < n; i++) {
                unsigned char c = (unsigned char)label[i];
                letter = letter || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
            }
            if (n < 2 || !letter) {
                return error_set(err, "e-mail address '%s': '%s' is not a top-level domain", text,
                                 label);
            }
            break;
        }
        label = dot + 1;
    }
    return 0;
}
