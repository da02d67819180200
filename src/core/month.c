/* month.c: calendar months as "YYYY-MM" and as one number; see month.h. */
#include "core/month.h"

#include "core/base.h"
#include "core/isotime.h"

int month_parse(const char *text) {
    if (!text) {
        return -1;
    }
    /* By hand, not sscanf/atoi: a group match reads one month per capacity and hold row. */
    int y = 0;
    for (int i = 0; i < 4; i++) {
        if (text[i] < '0' || text[i] > '9') {
            return -1;
        }
        y = y * 10 + (text[i] - '0');
    }
    if (text[4] != '-' || text[5] < '0' || text[5] > '9' || text[6] < '0' || text[6] > '9' ||
        text[7] != '\0') {
        return -1;
    }
    int m = (text[5] - '0') * 10 + (text[6] - '0');
    return m >= 1 && m <= 12 && y >= 1900 ? y * 12 + m - 1 : -1;
}

bool month_valid(const char *text) {
    return month_parse(text) >= 0;
}

void month_format(int month, char out[MONTH_TEXT_SIZE]) {
    OCOP_ASSERT(month >= MONTH_FIRST && month <= MONTH_LAST);
    str_format(out, MONTH_TEXT_SIZE, "%04d-%02d", month / 12, month % 12 + 1);
}

bool month_add(const char *text, int n, char out[MONTH_TEXT_SIZE]) {
    out[0] = '\0';
    int m = month_parse(text);
    if (m < 0 || (int64_t)m + n < MONTH_FIRST || (int64_t)m + n > MONTH_LAST) {
        return false;
    }
    month_format(m + n, out);
    return true;
}

int month_span(const char *from, const char *to) {
    int a = month_parse(from), b = month_parse(to);
    if (a < 0 || b < 0) {
        return INT32_MIN;
    }
    return b - a + 1;
}

int month_of_time(int64_t t, int offset_s) {
    int y, m;
    isotime_local_date(t, offset_s, &y, &m, NULL);
    return y * 12 + m - 1;
}
