/*
 * main.c: ocop-kiosk's entry point. Takes the global options out of argv, reads kiosk.ini and
 * dispatches to a subcommand (one file per subcommand in src/cli/), or starts the kiosk when
 * no subcommand is named.
 */
#include "cli/cli.h"
#include "cli/commands.h"

#include "core/clock.h"
#include "core/paths.h"
#include "ui/ui_version.h"
#include "ocop_build_config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const cli_command *const commands[] = {
    &cmd_kiosk,    /* cmd_kiosk.c */
    &cmd_import,   /* cmd_import.c */
    &cmd_search,   /* cmd_search.c */
    &cmd_match,    /* cmd_match.c */
    &cmd_inquire,  /* cmd_inquire.c */
    &cmd_allocate, /* cmd_allocate.c */
    &cmd_unmet,    /* cmd_unmet.c */
    &cmd_export,   /* cmd_export.c */
    &cmd_merge,    /* cmd_merge.c */
    &cmd_set_pin,  /* cmd_set_pin.c */
    &cmd_purge,    /* cmd_purge.c */
    &cmd_type,     /* cmd_type.c */
    &cmd_shot,     /* cmd_shot.c */
    &cmd_server,   /* cmd_server.c */
    &cmd_sync,     /* cmd_sync.c */
    &cmd_bench,    /* cmd_bench.c */
};

/* The commands that work on the central server with the global --server URL. */
static bool takes_server(const char *name) {
    static const char *const names[] = {"server", "import", "export", "unmet", "allocate"};
    for (size_t i = 0; i < OCOP_COUNT(names); i++) {
        if (strcmp(name, names[i]) == 0) {
            return true;
        }
    }
    return false;
}

static void print_help(void) {
    printf("ocop-kiosk %s: the OCOP trade-fair kiosk and its organiser tools\n\n"
           "Usage: ocop-kiosk [--db FILE] [--config FILE] [COMMAND] [OPTIONS]\n\n"
           "With no command, starts the kiosk. Commands:\n",
           OCOP_VERSION);
    for (size_t i = 0; i < OCOP_COUNT(commands); i++) {
        printf("  %-10s %s\n", commands[i]->name, commands[i]->summary);
    }
    printf("\nGlobal options:\n"
           "  --db FILE      the database (default: kiosk.ini's database, else ocop-kiosk.db)\n"
           "  --config FILE  the kiosk.ini to read (default: kiosk-config/kiosk.ini)\n"
           "  --server URL   import, export, unmet, allocate on the fair's central\n"
           "                 PostgreSQL server (postgresql://USER@HOST/DB; the password from\n"
           "                 [sync] password_file or PGPASSFILE, never in the URL)\n"
           "  -h, --help     this help; 'ocop-kiosk COMMAND --help' for a command's\n"
           "  --version      the program's version\n\n"
           "Exit status: 0 success, 1 bad input or failed work, 2 usage.\n");
}

/* The global options, wherever they stand (before or after the command): */
typedef struct global_options {
    const char *db;     /* --db FILE, or NULL */
    const char *config; /* --config FILE, or NULL */
    const char *server; /* --server URL, or NULL */
} global_options;

static bool is_command(const char *name) {
    if (strcmp(name, "help") == 0) {
        return true;
    }
    for (size_t i = 0; i < OCOP_COUNT(commands); i++) {
        if (strcmp(name, commands[i]->name) == 0) {
            return true;
        }
    }
    return false;
}

/* Takes the global options out of argv (*argc shrinks; the rest keeps its order) into *g with
 * getopt_long, as every command parses its own (cli_getopt): "--db FILE" and "--db=FILE"
 * alike, a missing or empty value is a usage error. A command's own options and arguments are
 * left in place ("-" first in the option string: nothing is permuted), up to a "--". A global
 * option is known by its whole name only: a command's options may be abbreviated as getopt
 * allows, so "allocate --co" stays --commit. Before a command name, only global options may
 * stand. Returns EXIT_OK, or EXIT_USAGE after printing the error. */
static int take_global_options(int *argc, char **argv, global_options *g) {
    enum { O_DB = 256, O_CONFIG, O_SERVER, O_HELP, O_VERSION };
    static const struct option long_options[] = {
        {"db", required_argument, NULL, O_DB},
        {"config", required_argument, NULL, O_CONFIG},
        {"server", required_argument, NULL, O_SERVER},
        /* Not taken out: main() and the commands answer them. */
        {"help", no_argument, NULL, O_HELP},
        {"version", no_argument, NULL, O_VERSION},
        {0},
    };
    static const char *const what[] = {"a file name", "a file name",
                                       "a URL (postgresql://USER@HOST/DB)"};
    bool *drop = xcalloc((size_t)*argc + 1, sizeof *drop);
    const char *unknown = NULL; /* the first other option before any argument */
    bool seen_argument = false;
    int status = EXIT_OK;
    opterr = 0;
    optind = 0; /* glibc: start afresh */
    for (;;) {
        int before = optind > 0 ? optind : 1;
        int c = getopt_long(*argc, argv, "-:h", long_options, NULL);
        if (c == -1) {
            break;
        }
        const char *arg = argv[before];
        if (c == 1) { /* an argument: the command's name, or one of the command's arguments */
            if (!seen_argument && unknown && is_command(optarg)) {
                fprintf(stderr,
                        "ocop-kiosk: unknown global option '%.*s' before the command '%s' (the "
                        "global options are --db, --config and --server; a command's own "
                        "options follow its name)\nTry 'ocop-kiosk --help'.\n",
                        (int)strcspn(unknown, "="), unknown, optarg);
                status = EXIT_USAGE;
                break;
            }
            seen_argument = true;
            continue;
        }
        if (c == ':' || c == '?') {
            /* Not a global option, or one without its value at the very end. */
            size_t n = strcspn(arg, "=");
            for (size_t k = 0; c == ':' && k < OCOP_COUNT(what); k++) {
                if (n == strlen(long_options[k].name) + 2 &&
                    strncmp(arg + 2, long_options[k].name, n - 2) == 0) {
                    fprintf(stderr, "ocop-kiosk: %.*s needs %s\n", (int)n, arg, what[k]);
                    status = EXIT_USAGE;
                }
            }
            if (status != EXIT_OK) {
                break;
            }
            if (!unknown && !seen_argument && arg[0] == '-') {
                unknown = arg;
            }
            continue;
        }
        if (c == 'h' || c == O_HELP || c == O_VERSION) {
            continue;
        }
        int k = c - O_DB;
        const char *name = long_options[k].name;
        size_t len = strlen(name);
        if (strncmp(arg, "--", 2) != 0 || strncmp(arg + 2, name, len) != 0 ||
            (arg[2 + len] != '\0' && arg[2 + len] != '=')) {
            /* An abbreviation: the command's to judge. */
            if (!unknown && !seen_argument) {
                unknown = arg;
            }
            continue;
        }
        if (!optarg[0] || (arg[2 + len] == '\0' && optarg[0] == '-' && optarg[1] == '-')) {
            /* "--db=", or "--db --json": the value is missing. */
            fprintf(stderr, "ocop-kiosk: --%s needs %s%s%s%s\n", name, what[k],
                    optarg[0] ? " (got the option '" : "", optarg[0] ? optarg : "",
                    optarg[0] ? "')" : "");
            status = EXIT_USAGE;
            break;
        }
        *(c == O_DB ? &g->db : c == O_CONFIG ? &g->config : &g->server) = optarg;
        for (int i = before; i < optind; i++) {
            drop[i] = true;
        }
    }
    int kept = 1;
    for (int i = 1; i < *argc; i++) {
        if (!drop[i]) {
            argv[kept++] = argv[i];
        }
    }
    argv[kept] = NULL;
    *argc = kept;
    free(drop);
    optind = 0;
    return status;
}

int main(int argc, char **argv) {
    clock_start_mark("main");
    cli_env env = {0};
    config_defaults(&env.config);
    ocop_error clock_err;
    if (clock_init_from_env(&env.clock, CLOCK_RUNNING, &clock_err) != 0) {
        fprintf(stderr, "ocop-kiosk: %s\n", clock_err.msg);
        return EXIT_FAILED;
    }

    global_options g = {0};
    if (take_global_options(&argc, argv, &g) != EXIT_OK) {
        return EXIT_USAGE;
    }
    const char *db_opt = g.db;
    const char *config_opt = g.config;
    const char *server_opt = g.server;

    /* kiosk.ini: --config, else the data folder's kiosk-config/kiosk.ini when there is one. */
    char default_config[4096];
    const char *config_path = config_opt;
    if (!config_path &&
        paths_data_file(default_config, sizeof default_config, "kiosk-config/kiosk.ini")) {
        struct stat st;
        if (stat(default_config, &st) == 0) {
            config_path = default_config;
        }
    }
    if (config_path) {
        ocop_error err;
        if (config_load(config_path, &env.config, &err) != 0) {
            fprintf(stderr, "ocop-kiosk: %s\n", err.msg);
            return EXIT_FAILED;
        }
        env.config_path = config_path;
    }
    env.db_path = db_opt ? db_opt : env.config.database;
    env.db_from_option = db_opt != NULL;
    env.server_url = server_opt;

    if (argc >= 2 && (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0 ||
                      strcmp(argv[1], "help") == 0)) {
        print_help();
        return EXIT_OK;
    }
    if (argc >= 2 && strcmp(argv[1], "--version") == 0) {
        char libs[256];
        ui_version_describe(libs, sizeof libs);
        printf("ocop-kiosk %s (%s)\n", OCOP_VERSION, libs);
        return EXIT_OK;
    }
    if (argc < 2 || argv[1][0] == '-') {
        if (server_opt) {
            fprintf(stderr, "ocop-kiosk: the kiosk takes its server from kiosk.ini [sync] url, "
                            "not from --server\n");
            return EXIT_USAGE;
        }
        return cmd_kiosk.run(argc, argv, &env);
    }
    for (size_t i = 0; i < OCOP_COUNT(commands); i++) {
        if (strcmp(argv[1], commands[i]->name) == 0) {
            if (server_opt && !takes_server(commands[i]->name)) {
                fprintf(stderr,
                        "ocop-kiosk: --server applies to import, export, unmet, allocate "
                        "and server, not to '%s'\n",
                        argv[1]);
                return EXIT_USAGE;
            }
            return commands[i]->run(argc - 1, argv + 1, &env);
        }
    }
    fprintf(stderr, "ocop-kiosk: unknown command '%s'\nTry 'ocop-kiosk --help'.\n", argv[1]);
    return EXIT_USAGE;
}
