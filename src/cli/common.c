/* common.c: helpers shared by the subcommands; see cli.h. */
#include "cli/cli.h"

#include "core/paths.h"
#include "db/catalog_db.h"
#include "db/server.h"
#include "ui/ui_strings.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

static bool file_exists(const char *path) {
    struct stat st;
    return stat(path, &st) == 0;
}

server *cli_server_connect(cli_env *env, const char *url, bool any_schema) {
    server_options o = {.url = url,
                        .password_file = env->config.sync.password_file,
                        .connect_timeout_s = env->config.sync.timeout_seconds};
    server *s = NULL;
    ocop_error err;
    if (server_connect(&o, &s, &err) != 0 || (!any_schema && server_check_schema(s, &err) != 0)) {
        fprintf(stderr, "ocop-kiosk: %s\n", err.msg);
        server_close(s);
        return NULL;
    }
    return s;
}

static db *open_db(cli_env *env, int flags) {
    bool fresh = !file_exists(env->db_path);
    db *d = NULL;
    ocop_error err;
    if (db_open(env->db_path, flags, &d, &err) != 0) {
        fprintf(stderr, "ocop-kiosk: %s\n", err.msg);
        return NULL;
    }
    /* A fresh database at the default path is the out-of-the-box kiosk: give it the demo
     * catalogue. A database the user named (--db) is theirs to fill with `import`. The seed
     * is all or nothing; a failure leaves an empty, usable database and says why. */
    if (fresh && !env->db_from_option && db_is_empty(d)) {
        char catalog[4096], capacity[4096];
        if (!paths_data_file(catalog, sizeof catalog, "assets/catalog/catalog.csv") ||
            !paths_data_file(capacity, sizeof capacity, "assets/catalog/capacity.csv")) {
            fprintf(stderr, "ocop-kiosk: the data folder's path is too long to seed the demo\n");
        } else {
            int n = catalog_db_seed(d, catalog, capacity, &err);
            if (n < 0) {
                fprintf(stderr, "ocop-kiosk: %s\n", err.msg);
            } else {
                fprintf(stderr, "ocop-kiosk: created %s with the demo catalogue (%d products)\n",
                        env->db_path, n);
            }
        }
    }
    return d;
}

ui_strings *cli_strings_load(const char *command) {
    char dir[4096];
    ocop_error err;
    if (!paths_data_file(dir, sizeof dir, "kiosk-config")) {
        fprintf(stderr, "ocop-kiosk: %s: the kiosk's strings (kiosk-config) are not found\n",
                command);
        return NULL;
    }
    ui_strings *strings = ui_strings_load(dir, &err);
    if (!strings) {
        fprintf(stderr, "ocop-kiosk: %s: %s\n", command, err.msg);
    }
    return strings;
}

db *cli_open_db(cli_env *env) {
    /* The embedded default (no --db) is made on first use, as DESIGN §5 promises. */
    return open_db(env, env->db_from_option ? 0 : DB_OPEN_CREATE);
}

db *cli_create_db(cli_env *env) {
    return open_db(env, DB_OPEN_CREATE);
}

bool cli_wants_help(int argc, char **argv, const char *usage) {
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--") == 0) {
            break;
        }
        if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
            fputs(usage, stdout);
            return true;
        }
    }
    return false;
}

int cli_usage_error(const char *command, const char *fmt, ...) {
    va_list ap;
    fprintf(stderr, "ocop-kiosk %s: ", command);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\nTry 'ocop-kiosk %s --help'.\n", command);
    return EXIT_USAGE;
}

int cli_fail(const char *fmt, ...) {
    va_list ap;
    fputs("ocop-kiosk: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    return EXIT_FAILED;
}

void cli_print_json(const char *json) {
    fputs(json, stdout);
    fputc('\n', stdout);
}

bool cli_parse_size(const char *s, int *w, int *h) {
    char x;
    int used = 0;
    return sscanf(s, "%d%c%d%n", w, &x, h, &used) == 3 && s[used] == '\0' &&
           (x == 'x' || x == 'X') && *w >= 64 && *h >= 64 && *w <= 16384 && *h <= 16384;
}

int cli_getopt(cli_options *o, int argc, char **argv, const char **value) {
    const char *given = o->shortopts ? o->shortopts : "";
    bool stop_at_argument = given[0] == '+';
    char shortopts[64];
    /* ':' first: a missing value is reported as ':' (not '?'), and getopt prints nothing. */
    str_format(shortopts, sizeof shortopts, "%s:%s", stop_at_argument ? "+" : "",
               given + stop_at_argument);
    if (!o->started) {
        optind = 0; /* glibc: start afresh (a command may parse twice in one process) */
        o->started = true;
    }
    opterr = 0;
    optopt = 0;
    int c = getopt_long(argc, argv, shortopts, o->longopts, NULL);
    *value = optarg;
    o->next = optind;
    if (c != '?' && c != ':') {
        return c;
    }
    /* optopt names a short option; for a long one, the argument just read does. */
    char name[64];
    if (optopt > ' ' && optopt < 127 && strchr(given, optopt)) {
        str_format(name, sizeof name, "-%c", optopt);
    } else {
        const char *arg = argv[optind - 1 > 0 ? optind - 1 : 1];
        size_t n = strcspn(arg, "=");
        str_format(name, sizeof name, "%.*s", (int)(n < 60 ? n : 60), arg);
    }
    if (c == ':') {
        cli_usage_error(o->command, "%s needs a value", name);
    } else {
        cli_usage_error(o->command, "unknown option '%s'", name);
    }
    return '?';
}

bool cli_parse_int(const char *text, long long min, long long max, long long *out) {
    if (!text || !*text) {
        return false;
    }
    char *end = NULL;
    errno = 0;
    long long v = strtoll(text, &end, 10);
    if (errno != 0 || end == text || *end != '\0' || v < min || v > max) {
        return false;
    }
    *out = v;
    return true;
}
