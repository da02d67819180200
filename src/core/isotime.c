/* isotime.c: ISO 8601 times without TZ or timegm; see isotime.h. */
#include "core/isotime.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

/* Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm). */
static int64_t days_from_civil(int64_t y, int m, int d) {
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void civil_from_days(int64_t z, int *y, int *m, int *d) {
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

static int64_t floor_div(int64_t a, int64_t b) {
    return a >= 0 ? a / b : -((-a + b - 1) / b);
}

static bool format(int64_t t, char *out, size_t cap, const char *suffix) {
    int64_t days = floor_div(t, 86400);
    int64_t secs = t - days * 86400;
    int y, m, d;
    civil_from_days(days, &y, &m, &d);
    return str_format(out, cap, "%04d-%02d-%02dT%02d:%02d:%02d%s", y, m, d, (int)(secs / 3600),
                      (int)(secs / 60 % 60), (int)(secs % 60), suffix);
}

bool isotime_format_utc(int64_t t, char *out, size_t cap) {
    return format(t, out, cap, "Z");
}

bool isotime_format_local(int64_t t, int offset_s, char *out, size_t cap) {
    int off = offset_s < 0 ? -offset_s : offset_s;
    char suffix[8];
    str_format(suffix, sizeof suffix, "%c%02d:%02d", offset_s < 0 ? '-' : '+', off / 3600,
               off / 60 % 60);
    return format(t + offset_s, out, cap, suffix);
}

/* Reads exactly `n` digits at *p. */
static bool digits(const char **p, int n, int *out) {
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (!isdigit((unsigned char)(*p)[i])) {
            return false;
        }
        v = v * 10 + ((*p)[i] - '0');
    }
    *p += n;
    *out = v;
    return true;
}

int isotime_parse(const char *text, int default_offset_s, int64_t *out, ocop_error *err) {
    return isotime_parse_zoned(text, default_offset_s, out, NULL, NULL, err);
}

int isotime_parse_zoned(const char *text, int default_offset_s, int64_t *out, int *offset_out,
                        bool *explicit_out, ocop_error *err) {
    static const char expect[] = "expected a date and time such as 2026-11-29, 2026-11-29T14:30 or "
                                 "2026-11-29T14:30:00+07:00";
    const char *p = text ? text : "";
    int y, mo, d, h = 0, mi = 0, s = 0;
    if (!digits(&p, 4, &y) || *p++ != '-' || !digits(&p, 2, &mo) || *p++ != '-' ||
        !digits(&p, 2, &d)) {
        return error_set(err, "'%s': %s", text ? text : "", expect);
    }
    static const int month_days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (mo < 1 || mo > 12 || d < 1 || d > month_days[mo - 1] || (mo == 2 && d == 29 && !leap)) {
        return error_set(err, "'%s': no such date", text);
    }
    if (*p == 'T' || *p == 't' || *p == ' ') {
        p++;
        if (!digits(&p, 2, &h) || *p++ != ':' || !digits(&p, 2, &mi)) {
            return error_set(err, "'%s': %s", text, expect);
        }
        if (*p == ':') {
            p++;
            if (!digits(&p, 2, &s)) {
                return error_set(err, "'%s': %s", text, expect);
            }
            if (*p == '.' || *p == ',') {
                p++;
                while (isdigit((unsigned char)*p)) {
                    p++;
                }
            }
        }
        if (h > 23 || mi > 59 || s > 60) {
            return error_set(err, "'%s': no such time of day", text);
        }
    }
    int offset = default_offset_s;
    bool named = *p != '\0';
    if (*p == 'Z' || *p == 'z') {
        offset = 0;
        p++;
    } else if (*p == '+' || *p == '-') {
        int sign = *p++ == '-' ? -1 : 1;
        int oh, om = 0;
        if (!digits(&p, 2, &oh)) {
            return error_set(err, "'%s': bad UTC offset", text);
        }
        if (*p == ':') {
            p++;
        }
        if (*p && !digits(&p, 2, &om)) {
            return error_set(err, "'%s': bad UTC offset", text);
        }
        if (oh > 14 || om > 59) {
            return error_set(err, "'%s': bad UTC offset", text);
        }
        offset = sign * (oh * 3600 + om * 60);
    }
    if (*p != '\0') {
        return error_set(err, "'%s': %s", text, expect);
    }
    *out = days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s - offset;
    if (offset_out) {
        *offset_out = offset;
    }
    if (explicit_out) {
        *explicit_out = named;
    }
    return 0;
}

void isotime_local_date(int64_t t, int offset_s, int *year, int *month, int *day) {
    int y, m, d;
    civil_from_days(floor_div(t + offset_s, 86400), &y, &m, &d);
    if (year) {
        *year = y;
    }
    if (month) {
        *month = m;
    }
    if (day) {
        *day = d;
    }
}

bool isotime_format_date(int64_t t, int offset_s, char *out, size_t cap) {
    int y, m, d;
    isotime_local_date(t, offset_s, &y, &m, &d);
    return str_format(out, cap, "%04d-%02d-%02d", y, m, d);
}

bool isotime_format_stamp(int64_t t, int offset_s, char *out, size_t cap) {
    int64_t local = t + offset_s;
    int64_t secs = local - floor_div(local, 86400) * 86400;
    int y, m, d;
    isotime_local_date(t, offset_s, &y, &m, &d);
    return str_format(out, cap, "%04d%02d%02d-%02d%02d%02d", y, m, d, (int)(secs / 3600),
                      (int)(secs / 60 % 60), (int)(secs % 60));
}

int isotime_system_offset(int64_t t) {
    time_t tt = (time_t)t;
    struct tm tm;
    if (!localtime_r(&tt, &tm)) {
        return 0;
    }
    return (int)tm.tm_gmtoff;
}

int64_t isotime_local_day_start(int64_t t, int offset_s) {
    int64_t local = t + offset_s;
    return floor_div(local, 86400) * 86400 - offset_s;
}
