/* cmd_import.c: `ocop-kiosk import CATALOG.csv [--capacity CAP.csv]` (DESIGN §5): loads or
 * updates the catalogue, all or nothing. Problems go to stderr one per line as
 * "FILE:LINE: column: reason" (warnings prefixed "warning: "); the summary goes to stdout.
 *
 * The database is opened without the demo seeding of cli_open_db: an organiser importing a
 * catalogue into a new database wants that catalogue, not the demo one next to it. */
#include "cli/commands.h"

#include "db/catalog_db.h"
#include "db/server.h"
#include "db/server_catalog.h"

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

static const char usage[] =
    "Usage: ocop-kiosk [--db FILE] import CATALOG.csv [--capacity CAPACITY.csv]\n"
    "       ocop-kiosk --server URL import CATALOG.csv [--capacity CAPACITY.csv] [--fair NAME]\n"
    "\n"
    "Loads or updates the catalogue (upsert by product code), all or nothing: when any row\n"
    "is wrong, every problem is listed on stderr as FILE:LINE: column: reason and nothing\n"
    "is written.\n"
    "\n"
    "CATALOG.csv columns (any order; UTF-8, BOM allowed, CRLF or LF):\n"
    "  required  code, name_vi, producer, province, stars, group, unit\n"
    "  optional  name_en, producer_kind, district, phone, email, cert_no, cert_date,\n"
    "            cert_expiry, measure, price_min_vnd, price_max_vnd, moq, lead_time_days,\n"
    "            capacity, capacity_unit, image, description_vi, description_en\n"
    "CAPACITY.csv columns: code, month (YYYY-MM, or * for every month), quantity, unit\n"
    "\n"
    "With the global --server URL the catalogue goes to the fair's central server (same\n"
    "rules, one transaction); kiosks pull it. --fair NAME also lists the file's products in\n"
    "that fair: a kiosk with [sync] fair = NAME pulls only its fair's products.\n"
    "\n"
    "Exit status: 0 imported, 1 refused (nothing written), 2 usage.\n";

/* Removes the database file and its WAL companions. */
static void remove_database(const char *path) {
    static const char *const suffixes[] = {"", "-wal", "-shm", "-journal"};
    for (size_t i = 0; i < OCOP_COUNT(suffixes); i++) {
        char name[4096];
        if (str_format(name, sizeof name, "%s%s", path, suffixes[i])) {
            remove(name);
        }
    }
}

static void print_summary(const char *catalog, int n, const catalog_import_stats *stats) {
    printf("%s: %d product%s imported (%d new, %d updated), %d new producer%s, %d capacity "
           "row%s%s",
           catalog, n, n == 1 ? "" : "s", stats->products_new, stats->products_updated,
           stats->producers_new, stats->producers_new == 1 ? "" : "s", stats->capacity_rows,
           stats->capacity_rows == 1 ? "" : "s", stats->warnings ? "" : "\n");
    if (stats->warnings) {
        printf(", %d warning%s\n", stats->warnings, stats->warnings == 1 ? "" : "s");
    }
}

static int import_to_server(cli_env *env, const char *catalog, const char *capacity,
                            const char *fair) {
    server *s = cli_server_connect(env, env->server_url, false);
    if (!s) {
        return EXIT_FAILED;
    }
    catalog_import_stats stats;
    int64_t version = 0;
    ocop_error err;
    int n = server_catalog_import(s, catalog, capacity, fair, clock_now(&env->clock), stderr,
                                  &stats, &version, &err);
    if (n < 0) {
        int rc = strcmp(err.msg, "refused") == 0
                     ? cli_fail("import refused; the server %s is unchanged", server_name(s))
                     : cli_fail("server %s: %s; nothing was imported", server_name(s), err.msg);
        server_close(s);
        return rc;
    }
    print_summary(catalog, n, &stats);
    printf("server %s: catalogue version %lld%s%s\n", server_name(s), (long long)version,
           fair ? ", fair " : "", fair ? fair : "");
    server_close(s);
    return EXIT_OK;
}

static int run(int argc, char **argv, cli_env *env) {
    if (cli_wants_help(argc, argv, usage)) {
        return EXIT_OK;
    }
    const char *catalog = NULL;
    const char *capacity = NULL;
    const char *fair = NULL;
    enum { O_FAIR = 256, O_CAPACITY };
    static const struct option long_options[] = {
        {"fair", required_argument, NULL, O_FAIR},
        {"capacity", required_argument, NULL, O_CAPACITY},
        {0},
    };
    cli_options o = {.command = "import", .shortopts = "", .longopts = long_options};
    const char *v;
    for (int c; (c = cli_getopt(&o, argc, argv, &v)) != -1;) {
        switch (c) {
        case O_FAIR:
            if (!v[0]) {
                return cli_usage_error("import", "--fair needs the fair's name");
            }
            fair = v;
            break;
        case O_CAPACITY:
            if (!v[0]) {
                return cli_usage_error("import", "--capacity needs a file name");
            }
            if (capacity) {
                return cli_usage_error("import", "--capacity given twice");
            }
            capacity = v;
            break;
        default:
            return EXIT_USAGE;
        }
    }
    for (int i = o.next; i < argc; i++) {
        if (catalog) {
            return cli_usage_error("import", "one catalogue file at a time ('%s' and '%s')",
                                   catalog, argv[i]);
        }
        catalog = argv[i];
    }
    if (!catalog) {
        return cli_usage_error("import", "no catalogue file given");
    }
    if (fair && !env->server_url) {
        return cli_usage_error("import", "--fair is for the central server (--server URL)");
    }
    if (env->server_url) {
        return import_to_server(env, catalog, capacity, fair);
    }

    struct stat st;
    bool existed = stat(env->db_path, &st) == 0;
    db *d = NULL;
    ocop_error err;
    if (db_open(env->db_path, DB_OPEN_CREATE, &d, &err) != 0) {
        return cli_fail("%s", err.msg);
    }
    catalog_import_stats stats;
    int n = catalog_db_import_ex(d, catalog, capacity, stderr, &stats);
    db_close(d);
    if (n < 0) {
        if (!existed) {
            /* Refused into a database this run created: leave no empty file behind. */
            remove_database(env->db_path);
            return cli_fail("import refused; no database was created");
        }
        return cli_fail("import refused; the database %s is unchanged", env->db_path);
    }
    print_summary(catalog, n, &stats);
    return EXIT_OK;
}

const cli_command cmd_import = {"import", "load or update the catalogue from a CSV file", usage,
                                run};
