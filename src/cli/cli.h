/*
 * cli.h: what every subcommand gets, and the helpers they share.
 *
 * Exit status (DESIGN §5): 0 success, 1 bad input or failed work (message on stderr,
 * nothing half-written), 2 usage. Usage is the command line itself: an unknown option, a
 * missing value, a value not of the option's kind (--min-stars 9, an unknown --group, --lang
 * fr, --size 640); every command parses with cli_getopt, so the same mistake exits the same
 * everywhere. What the options describe (an inquiry's months or quantity, a file) failing its
 * own checks is bad input. The global options (`--db FILE`, `--config FILE`, `--server URL`)
 * are taken out of argv by main() with getopt_long wherever they stand, so a subcommand sees
 * only its own options.
 */
#ifndef OCOP_CLI_H
#define OCOP_CLI_H

#include "core/clock.h"
#include "core/config.h"
#include "db/db.h"
#include "db/server_fair.h"

enum { EXIT_OK = 0, EXIT_FAILED = 1, EXIT_USAGE = 2 };

typedef struct cli_env {
    const char *db_path;     /* --db, else kiosk.ini's database */
    bool db_from_option;     /* the user named the database */
    const char *config_path; /* the kiosk.ini that was read, or NULL for the defaults */
    const char *server_url;  /* --server URL: import, export, unmet, allocate work on the
                                central server instead of the database file */
    kiosk_config config;
    ocop_clock clock; /* the one clock: real, or started by OCOP_NOW / OCOP_TODAY (clock.h) */
} cli_env;

/* A subcommand: argv[0] is its name; returns an exit status. */
typedef int (*cli_run_fn)(int argc, char **argv, cli_env *env);

typedef struct cli_command {
    const char *name;
    const char *summary; /* one line for `ocop-kiosk --help` */
    const char *usage;   /* the whole --help text of the subcommand */
    cli_run_fn run;
} cli_command;

/* The kiosk's string tables (kiosk-config/strings_vi.ini and strings_en.ini where the program's
 * data is, paths.h), for what the CLI words as the kiosk does. Prints "ocop-kiosk: COMMAND:
 * reason" and returns NULL when they cannot be read. Destroy with ui_strings_destroy. */
struct ui_strings;
struct ui_strings *cli_strings_load(const char *command);

/* Opens the database named by env. A missing file named by --db is refused (a typo must not
 * create an empty database); the default one is created and seeded (cli_create_db). Prints the
 * error and returns NULL on failure. */
db *cli_open_db(cli_env *env);
/* The same, creating the database when it is missing (the kiosk and `sync`, which pulls the
 * catalogue; `import` opens its own). A new, empty database at the default path (no --db) is
 * seeded with the demo catalogue. */
db *cli_create_db(cli_env *env);

/* Connects to `url` (the password from kiosk.ini's [sync] password_file, else libpq's
 * PGPASSFILE) and checks its schema unless `any_schema`. Prints the error and returns NULL on
 * failure. The caller closes it with server_close (db/server.h). */
typedef struct server server;
server *cli_server_connect(cli_env *env, const char *url, bool any_schema);

/* Runs `fn` on the database named by env or, with --server URL, on a copy of the server's
 * leads of `fair` (all fairs when NULL) and catalogue (server_fair.h; `mode` says what goes
 * back, `now_utc` is the time it stamps). Prints "ocop-kiosk: WHAT: reason" on failure.
 * Returns EXIT_OK or EXIT_FAILED. (cmd_server.c) */
int cli_run_on_db(cli_env *env, const char *what, const char *fair, server_fair_mode mode,
                  const char *now_utc, server_fair_fn fn, void *ctx);

/* With kiosk.ini [sync] url, starts the kiosk's sync thread on the database `d` is open on
 * (sync_thread.h); NULL without a server, or when it cannot start (said on stderr: the kiosk
 * then works offline, its outbox kept). Stop it with sync_thread_stop. (cmd_sync.c) */
struct sync_thread *cli_sync_thread_start(cli_env *env, db *d);

/* Prints `usage` to stdout when argv holds -h/--help (and returns true). */
bool cli_wants_help(int argc, char **argv, const char *usage);
/* Prints "ocop-kiosk NAME: message" and the usage hint on stderr; returns EXIT_USAGE. */
int cli_usage_error(const char *command, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Prints "ocop-kiosk: message" on stderr; returns EXIT_FAILED. */
int cli_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* The one option parser of every command: glibc getopt_long over the command's argv (argv[0]
 * is the command's name), so "--name value", "--name=value", "-o value", "-ovalue" and "--"
 * work alike everywhere, and arguments that are not options may stand anywhere (they are
 * moved after the options; a `shortopts` starting with '+' stops at the first one instead).
 *
 *   cli_options o = {.command = "match", .shortopts = "o:", .longopts = long_options};
 *   const char *v;
 *   for (int c; (c = cli_getopt(&o, argc, argv, &v)) != -1;) {
 *       switch (c) { case 'o': …; default: return EXIT_USAGE; }
 *   }
 *   // argv[o.next] … argv[argc - 1]: the other arguments
 *
 * Returns the option's `val` (v its value, or NULL), -1 after the last option, or '?' after
 * printing the usage error (an unknown option, a missing value): the command then exits with
 * EXIT_USAGE. */
#include <getopt.h>
typedef struct cli_options {
    const char *command;           /* for messages: "ocop-kiosk COMMAND: …" */
    const char *shortopts;         /* as getopt's, without the leading ':' ("" for none) */
    const struct option *longopts; /* as getopt_long's, ending with {0} */
    int next;                      /* after the last call: the first other argument */
    bool started;
} cli_options;
int cli_getopt(cli_options *o, int argc, char **argv, const char **value);

/* Parses an option's whole number in [min, max] ("--min-stars 3"); false when `text` is not
 * one (empty, not a number, something after it, out of range). */
bool cli_parse_int(const char *text, long long min, long long max, long long *out);

/* Parses a window size "WxH" (e.g. "1280x800"; 64 to 16384 pixels each way, nothing after it).
 * Returns false when `s` is not one. */
bool cli_parse_size(const char *s, int *w, int *h);

/* Writes the NUL-terminated `json` and a newline to stdout. */
void cli_print_json(const char *json);

#endif
