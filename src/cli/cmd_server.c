/* cmd_server.c: `ocop-kiosk server init URL` (DESIGN §5, §8): creates or migrates the central
 * PostgreSQL schema, versioned like the kiosk's SQLite schema. */
#include "cli/commands.h"

#include "db/server.h"

#include <stdio.h>
#include <string.h>

static const char usage[] =
    "Usage: ocop-kiosk server init URL\n"
    "\n"
    "Creates the fair's central schema on a PostgreSQL server (or a PostgreSQL-compatible\n"
    "one: CockroachDB, YugabyteDB), or migrates it to this program's version. Running it\n"
    "again changes nothing; a server newer than the program is refused.\n"
    "\n"
    "URL: postgresql://USER@HOST:PORT/DATABASE (or libpq's \"host=… dbname=…\"). The\n"
    "password is never in the URL: it comes from the file named by kiosk.ini's [sync]\n"
    "password_file, else from PGPASSFILE or ~/.pgpass.\n"
    "\n"
    "Then load the catalogue: ocop-kiosk --server URL import CATALOG.csv [--fair NAME]\n"
    "Exit status: 0 done, 1 failed (message on stderr), 2 usage.\n";

static int run(int argc, char **argv, cli_env *env) {
    if (cli_wants_help(argc, argv, usage)) {
        return EXIT_OK;
    }
    static const struct option no_options[] = {{0}};
    cli_options o = {.command = "server", .shortopts = "", .longopts = no_options};
    const char *v;
    if (cli_getopt(&o, argc, argv, &v) != -1) {
        return EXIT_USAGE; /* it takes no options */
    }
    int n = argc - o.next;
    char **args = argv + o.next;
    if (n < 1) {
        return cli_usage_error("server", "which action? (init)");
    }
    if (strcmp(args[0], "init") != 0) {
        return cli_usage_error("server", "unknown action '%s' (init)", args[0]);
    }
    const char *url = env->server_url;
    if (n == 2) {
        url = args[1];
    } else if (n > 2) {
        return cli_usage_error("server", "init takes one URL");
    }
    if (!url || !url[0]) {
        return cli_usage_error("server", "init needs the server's URL");
    }
    server *s = cli_server_connect(env, url, true);
    if (!s) {
        return EXIT_FAILED;
    }
    int from = 0, to = 0;
    ocop_error err;
    int rc = server_init(s, &from, &to, &err);
    if (rc != 0) {
        fprintf(stderr, "ocop-kiosk: server %s: %s\n", server_name(s), err.msg);
    } else if (from == to) {
        printf("server %s: schema already at version %d\n", server_name(s), to);
    } else if (from == 0) {
        printf("server %s: schema created (version %d)\n", server_name(s), to);
    } else {
        printf("server %s: schema migrated from version %d to %d\n", server_name(s), from, to);
    }
    server_close(s);
    return rc == 0 ? EXIT_OK : EXIT_FAILED;
}

int cli_run_on_db(cli_env *env, const char *what, const char *fair, server_fair_mode mode,
                  const char *now_utc, server_fair_fn fn, void *ctx) {
    ocop_error err;
    int rc;
    if (env->server_url) {
        server *s = cli_server_connect(env, env->server_url, false);
        if (!s) {
            return EXIT_FAILED;
        }
        rc = server_fair_run(s, fair, mode, now_utc, fn, ctx, NULL, &err);
        server_close(s);
    } else {
        db *d = cli_open_db(env);
        if (!d) {
            return EXIT_FAILED;
        }
        rc = fn(d, ctx, &err);
        db_close(d);
    }
    return rc == 0 ? EXIT_OK : cli_fail("%s: %s", what, err.msg);
}

const cli_command cmd_server = {
    .name = "server",
    .summary = "create or migrate the fair's central PostgreSQL schema",
    .usage = usage,
    .run = run,
};
