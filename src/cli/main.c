/*
 * main.c: ocop-kiosk's entry point. Takes the global options out of argv, reads kiosk.ini and
 * dispatches to a subcommand (one file per subcommand in src/cli/), or starts the kiosk when
 * no subcommand is named.
 */
#include "cli/cli.h"
#include "cli/commands.h"

#include "core/paths.h"
#include "ui/ui_version.h"
#include "ocop_build_config.h"

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

/* Removes argv[i] and, when `with_value`, argv[i+1]; returns the value or NULL. */
static char *take_option(int *argc, char **argv, int i, bool with_value) {
    char *value = NULL;
    int drop = 1;
    char *eq = strchr(argv[i], '=');
    if (eq) {
        value = eq + 1;
    } else if (with_value && i + 1 < *argc) {
        value = argv[i + 1];
        drop = 2;
    }
    memmove(&argv[i], &argv[i + drop], (size_t)(*argc - i - drop + 1) * sizeof *argv);
    *argc -= drop;
    return value;
}

static bool is_option(const char *arg, const char *name) {
    size_t n = strlen(name);
    return strncmp(arg, name, n) == 0 && (arg[n] == '\0' || arg[n] == '=');
}

int main(int argc, char **argv) {
    cli_env env = {0};
    config_defaults(&env.config);
    ocop_error clock_err;
    if (clock_init_from_env(&env.clock, CLOCK_RUNNING, &clock_err) != 0) {
        fprintf(stderr, "ocop-kiosk: %s\n", clock_err.msg);
        return EXIT_FAILED;
    }

    const char *db_opt = NULL;
    const char *config_opt = NULL;
    const char *server_opt = NULL;
    for (int i = 1; i < argc;) {
        if (strcmp(argv[i], "--") == 0) {
            break;
        }
        if (is_option(argv[i], "--server")) {
            char *value = take_option(&argc, argv, i, true);
            if (!value || !*value) {
                fprintf(stderr, "ocop-kiosk: --server needs a URL (postgresql://USER@HOST/DB)\n");
                return EXIT_USAGE;
            }
            server_opt = value;
            continue;
        }
        if (is_option(argv[i], "--db") || is_option(argv[i], "--config")) {
            bool is_db = is_option(argv[i], "--db");
            char *value = take_option(&argc, argv, i, true);
            if (!value || !*value) {
                fprintf(stderr, "ocop-kiosk: %s needs a file name\n", is_db ? "--db" : "--config");
                return EXIT_USAGE;
            }
            *(is_db ? &db_opt : &config_opt) = value;
            continue;
        }
        i++;
    }

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
