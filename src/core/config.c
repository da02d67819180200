/* config.c: kiosk.ini through libinih; see config.h. */
#include "core/config.h"

#include "core/phone.h"

#include <errno.h>
#include <ini.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

void config_defaults(kiosk_config *cfg) {
    memset(cfg, 0, sizeof *cfg);
    str_copy(cfg->event_name_vi, sizeof cfg->event_name_vi, "Hội chợ OCOP – Xúc tiến thương mại");
    str_copy(cfg->event_name_en, sizeof cfg->event_name_en, "OCOP Trade Promotion Fair");
    str_copy(cfg->database, sizeof cfg->database, "ocop-kiosk.db");
    str_copy(cfg->lang, sizeof cfg->lang, "vi");
    str_copy(cfg->ime, sizeof cfg->ime, "telex");
    str_copy(cfg->tone_style, sizeof cfg->tone_style, "old");
    cfg->idle_seconds = 90;
    cfg->idle_warning_seconds = 15;
    cfg->hold_days = 14;
    cfg->max_share_percent = 50;
    cfg->small_producer_capacity = 5000;
    cfg->large_text = false;
    cfg->diagonal_inches = 21.5;
    str_copy(cfg->renderer, sizeof cfg->renderer, "auto");
    cfg->sync.interval_seconds = 30;
    cfg->sync.batch = 200;
    cfg->sync.timeout_seconds = 5;
}

/* True when `text` has the key "password" followed by '=' (conninfo "password=…" or a URI's
 * query "?password=…"), as a whole word. */
static bool has_password_key(const char *text) {
    static const char key[] = "password";
    for (const char *p = strstr(text, key); p; p = strstr(p + 1, key)) {
        bool word_start = p == text || p[-1] == ' ' || p[-1] == '?' || p[-1] == '&';
        const char *q = p + sizeof key - 1;
        while (*q == ' ') {
            q++;
        }
        if (word_start && *q == '=') {
            return true;
        }
    }
    return false;
}

bool config_url_has_password(const char *url) {
    if (has_password_key(url)) {
        return true;
    }
    const char *scheme = strstr(url, "://");
    if (!scheme) {
        return false;
    }
    /* postgresql://user:password@host…: a ':' in the user part, before '@' and the path. */
    const char *authority = scheme + 3;
    size_t len = strcspn(authority, "/?");
    const char *at = memchr(authority, '@', len);
    return at && memchr(authority, ':', (size_t)(at - authority)) != NULL;
}

typedef struct load_state {
    kiosk_config *cfg;
    const char *path;
    FILE *file;
    int line;
    ocop_error *err;
    bool failed;
} load_state;

static bool parse_int(const char *value, int min, int max, int *out) {
    char *end;
    long v = strtol(value, &end, 10);
    if (end == value || *end != '\0' || v < min || v > max) {
        return false;
    }
    *out = (int)v;
    return true;
}

static bool parse_bool(const char *value, bool *out) {
    if (str_ieq(value, "true") || str_ieq(value, "yes") || strcmp(value, "1") == 0) {
        *out = true;
        return true;
    }
    if (str_ieq(value, "false") || str_ieq(value, "no") || strcmp(value, "0") == 0) {
        *out = false;
        return true;
    }
    return false;
}

/* A decimal number (a comma is taken as the decimal mark, as Vietnamese write it) in
 * [min, max], or exactly 0 when `zero_ok`. */
static bool parse_decimal(const char *value, double min, double max, bool zero_ok, double *out) {
    char text[32];
    if (!str_copy(text, sizeof text, value)) {
        return false;
    }
    char *comma = strchr(text, ',');
    if (comma) {
        *comma = '.';
    }
    char *end;
    double v = strtod(text, &end);
    bool in_range = (zero_ok && v == 0.0) || (v >= min && v <= max);
    if (end == text || *end != '\0' || !in_range) {
        return false;
    }
    *out = v;
    return true;
}

#define NUMBER_TEXT_(n) #n
#define NUMBER_TEXT(n)  NUMBER_TEXT_(n) /* a macro's value as a string literal */

/* [event] logos: file names separated by commas, blanks around each ignored. Returns NULL, or
 * why the value is refused. */
static const char *parse_logos(const char *value, kiosk_config *c) {
    c->event_logo_count = 0;
    const char *p = value;
    while (*p) {
        size_t len = strcspn(p, ",");
        const char *start = p, *end = p + len;
        while (start < end && (*start == ' ' || *start == '\t')) {
            start++;
        }
        while (end > start && (end[-1] == ' ' || end[-1] == '\t')) {
            end--;
        }
        if (end > start) {
            if (c->event_logo_count == CONFIG_LOGOS_MAX) {
                return "more than " NUMBER_TEXT(CONFIG_LOGOS_MAX) " logos";
            }
            if ((size_t)(end - start) >= CONFIG_TEXT_MAX) {
                return "a file name too long";
            }
            char *name = c->event_logos[c->event_logo_count++];
            memcpy(name, start, (size_t)(end - start));
            name[end - start] = '\0';
        }
        p += len + (p[len] == ',');
    }
    return NULL;
}

bool config_file_path(const kiosk_config *cfg, const char *name, char *out, size_t cap) {
    const char *slash = strrchr(cfg->source_path, '/');
    if (name[0] == '/' || !slash) {
        return str_copy(out, cap, name);
    }
    return str_format(out, cap, "%.*s/%s", (int)(slash - cfg->source_path), cfg->source_path, name);
}

static bool one_of(const char *value, const char *a, const char *b) {
    return strcmp(value, a) == 0 || strcmp(value, b) == 0;
}

/* inih calls this for each line, like fgets; counting here gives messages their line number
 * (Debian's libinih is built without INI_HANDLER_LINENO). */
static char *read_line(char *str, int num, void *stream) {
    load_state *s = stream;
    char *line = fgets(str, num, s->file);
    if (line) {
        s->line++;
    }
    return line;
}

/* Returns 1 when the key was known and its value good, 0 with a message otherwise. */
static int on_entry(void *user, const char *section, const char *key, const char *value) {
    load_state *s = user;
    int line = s->line;
    kiosk_config *c = s->cfg;
    char full[128];
    str_format(full, sizeof full, "%s.%s", section, key);
    const char *reason = NULL;

#define TEXT(name, field)                                                                          \
    if (strcmp(full, name) == 0) {                                                                 \
        if (!str_copy(c->field, sizeof c->field, value))                                           \
            reason = "too long";                                                                   \
        goto done;                                                                                 \
    }
#define INT(name, field, lo, hi)                                                                   \
    if (strcmp(full, name) == 0) {                                                                 \
        if (!parse_int(value, lo, hi, &c->field))                                                  \
            reason = "not a whole number in range (" #lo "–" #hi ")";                              \
        goto done;                                                                                 \
    }

    TEXT("event.name_vi", event_name_vi)
    TEXT("event.name_en", event_name_en)
    TEXT("event.dates_vi", event_dates_vi)
    TEXT("event.dates_en", event_dates_en)
    TEXT("event.venue_vi", event_venue_vi)
    TEXT("event.venue_en", event_venue_en)
    if (strcmp(full, "event.logos") == 0) {
        reason = parse_logos(value, c);
        c->event_logos_line = line;
        goto done;
    }
    TEXT("kiosk.database", database)
    TEXT("kiosk.id", kiosk_id)
    INT("kiosk.idle_seconds", idle_seconds, 10, 3600)
    INT("kiosk.idle_warning_seconds", idle_warning_seconds, 3, 300)
    INT("match.hold_days", hold_days, 1, 365)
    INT("match.max_share_percent", max_share_percent, 1, 100)
    INT("match.small_producer_capacity", small_producer_capacity, 0, 1000000000)
    TEXT("desk.name_vi", desk.name_vi)
    TEXT("desk.name_en", desk.name_en)
    TEXT("desk.booth", desk.booth)
    if (strcmp(full, "desk.phone") == 0 || strcmp(full, "desk.zalo") == 0) {
        char *field = strcmp(key, "phone") == 0 ? c->desk.phone : c->desk.zalo;
        char e164[32];
        ocop_error why;
        if (value[0] && phone_normalize(value, e164, sizeof e164, &why) != 0) {
            reason = "not a phone number (0294 3855 123, +84 912 345 678)";
        } else if (!str_copy(field, sizeof c->desk.phone, value)) {
            reason = "too long";
        }
        goto done;
    }
    TEXT("sync.password_file", sync.password_file)
    TEXT("sync.fair", sync.fair)
    INT("sync.interval_seconds", sync.interval_seconds, 5, 86400)
    INT("sync.batch", sync.batch, 1, 5000)
    INT("sync.timeout_seconds", sync.timeout_seconds, 1, 120)
    if (strcmp(full, "sync.url") == 0) {
        if (config_url_has_password(value)) {
            reason = "holds a password: put it in the file named by password_file (or in "
                     "PGPASSFILE), never in kiosk.ini";
            value = "(hidden)";
        } else if (!str_copy(c->sync.url, sizeof c->sync.url, value)) {
            reason = "too long";
        }
        goto done;
    }
    if (strcmp(full, "kiosk.lang") == 0) {
        if (!one_of(value, "vi", "en")) {
            reason = "must be vi or en";
        } else {
            str_copy(c->lang, sizeof c->lang, value);
        }
        goto done;
    }
    if (strcmp(full, "keyboard.ime") == 0) {
        if (!one_of(value, "telex", "vni")) {
            reason = "must be telex or vni";
        } else {
            str_copy(c->ime, sizeof c->ime, value);
        }
        goto done;
    }
    if (strcmp(full, "keyboard.tone_style") == 0) {
        if (!one_of(value, "old", "new")) {
            reason = "must be old or new";
        } else {
            str_copy(c->tone_style, sizeof c->tone_style, value);
        }
        goto done;
    }
    if (strcmp(full, "kiosk.renderer") == 0) {
        if (!one_of(value, "auto", "software") && !one_of(value, "opengl", "opengles2")) {
            reason = "must be auto, software, opengl or opengles2";
        } else {
            str_copy(c->renderer, sizeof c->renderer, value);
        }
        goto done;
    }
    if (strcmp(full, "screen.diagonal_inches") == 0) {
        if (!parse_decimal(value, 3.0, 150.0, true, &c->diagonal_inches)) {
            reason = "not a diagonal in inches (3–150, e.g. 21.5), or 0 for not known";
        }
        goto done;
    }
    if (strcmp(full, "kiosk.large_text") == 0) {
        if (!parse_bool(value, &c->large_text)) {
            reason = "must be true or false";
        }
        goto done;
    }
#undef TEXT
#undef INT
    fprintf(stderr, "%s:%d: warning: unknown key %s (ignored)\n", s->path, line, full);
    return 1;
done:
    if (reason && !s->failed) {
        error_set(s->err, "%s:%d: %s: %s: \"%s\"", s->path, line, full, reason, value);
        s->failed = true;
    }
    return 1;
}

/* Parses the kiosk.ini open in `f` (named `path` in messages) over `cfg`, all or nothing. */
static int load_stream(FILE *f, const char *path, kiosk_config *cfg, ocop_error *err) {
    kiosk_config copy = *cfg;
    load_state s = {.cfg = &copy, .path = path, .file = f, .err = err};
    int rc = ini_parse_stream(read_line, &s, on_entry, &s);
    if (rc == 0 && ferror(f)) {
        return error_set(err, "%s: cannot read configuration file", path);
    }
    if (rc > 0 && !s.failed) {
        return error_set(err, "%s:%d: syntax error", path, rc);
    }
    if (rc < 0) {
        return error_set(err, "%s: cannot read configuration file", path);
    }
    if (s.failed) {
        return -1;
    }
    *cfg = copy;
    return 0;
}

int config_load(const char *path, kiosk_config *cfg, ocop_error *err) {
    FILE *f = fopen(path, "r");
    if (!f) {
        return error_set(err, "%s: cannot open configuration file: %s", path, strerror(errno));
    }
    /* A folder opens and reads as empty: it would be taken as a kiosk.ini that sets nothing. */
    struct stat st;
    if (fstat(fileno(f), &st) != 0 || S_ISDIR(st.st_mode)) {
        fclose(f);
        return error_set(err, "%s: a folder, not a configuration file", path);
    }
    int rc = load_stream(f, path, cfg, err);
    fclose(f);
    if (rc == 0 && !str_copy(cfg->source_path, sizeof cfg->source_path, path)) {
        cfg->source_path[0] = '\0'; /* too long to name: treated as not replaceable */
    }
    return rc;
}

int config_load_text(const char *name, const char *text, size_t len, kiosk_config *cfg,
                     ocop_error *err) {
    if (len == 0) {
        return 0; /* an empty file sets nothing */
    }
    FILE *f = fmemopen((void *)text, len, "r");
    if (!f) {
        return error_set(err, "%s: cannot read configuration text", name);
    }
    int rc = load_stream(f, name, cfg, err);
    fclose(f);
    return rc;
}
