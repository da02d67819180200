/* csvout.c: formula neutralisation and the CSV writer; see csvout.h. */
#include "core/csvout.h"

#include "core/number.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

bool csvout_is_formula(const char *text) {
    if (!text) {
        return false;
    }
    switch (text[0]) {
    case '=':
    case '+':
    case '-':
    case '@':
    case '\t':
    case '\r':
        return true;
    default:
        return false;
    }
}

void csvout_neutralise(strbuf *out, const char *text) {
    if (!text) {
        return;
    }
    if (csvout_is_formula(text)) {
        sb_append_char(out, '\'');
    }
    sb_append(out, text);
}

char *csvout_safe_dup(const char *text) {
    strbuf sb = {0};
    csvout_neutralise(&sb, text);
    if (!sb.data) {
        return xstrdup("");
    }
    return sb_take(&sb);
}

void csvout_begin(csvout *w, strbuf *out) {
    w->out = out;
    w->column = 0;
    sb_append(out, CSVOUT_BOM);
}

static void separator(csvout *w) {
    if (w->column > 0) {
        sb_append_char(w->out, ',');
    }
    w->column++;
}

void csvout_text(csvout *w, const char *text) {
    OCOP_ASSERT(w->out != NULL);
    separator(w);
    if (!text || !*text) {
        return;
    }
    strbuf safe = {0};
    csvout_neutralise(&safe, text);
    const char *s = sb_str(&safe);
    if (strpbrk(s, ",\"\r\n") == NULL) {
        sb_append(w->out, s);
    } else {
        sb_append_char(w->out, '"');
        for (const char *p = s; *p; p++) {
            if (*p == '"') {
                sb_append_char(w->out, '"');
            }
            sb_append_char(w->out, *p);
        }
        sb_append_char(w->out, '"');
    }
    sb_free(&safe);
}

void csvout_number(csvout *w, double value) {
    OCOP_ASSERT(w->out != NULL);
    separator(w);
    if (!isfinite(value)) {
        return;
    }
    char buf[64];
    sb_append(w->out, number_format_plain(value, 6, buf, sizeof buf));
}

void csvout_int(csvout *w, int64_t value) {
    OCOP_ASSERT(w->out != NULL);
    separator(w);
    sb_appendf(w->out, "%lld", (long long)value);
}

void csvout_end_row(csvout *w) {
    OCOP_ASSERT(w->out != NULL);
    sb_append(w->out, "\r\n");
    w->column = 0;
}
