/* cmd_unmet.c: `ocop-kiosk unmet`, what no certified producer can supply. */
#include "cli/commands.h"

#include "db/match_db.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char usage[] =
    "Usage: ocop-kiosk [--server URL] unmet [--fair NAME] [--json]\n\n"
    "Unmet demand: for every inquiry not closed, what its holds and batch allocations do not\n"
    "cover, spread evenly over its months, by product, group or free text and month, with\n"
    "the number of inquiries: the list a province needs for its next OCOP round.\n"
    "With --server URL, the leads of every kiosk on the fair's central server: all fairs,\n"
    "or only fair NAME with --fair.\n"
    "  --json   {\"items\": [{\"product\"|\"group\"|\"query\", \"month\", \"base_quantity\",\n"
    "           \"base_unit\", \"inquiries\"}]}\n";

typedef struct unmet_job {
    int64_t now;
    unmet_item *items;
    int n;
} unmet_job;

static int unmet_on(db *d, void *ctx, ocop_error *err) {
    unmet_job *job = ctx;
    free(job->items);
    job->items = NULL;
    job->n = 0;
    return match_db_unmet(d, job->now, &job->items, &job->n, err);
}

static int run(int argc, char **argv, cli_env *env) {
    if (cli_wants_help(argc, argv, usage)) {
        return EXIT_OK;
    }
    bool json = false;
    const char *fair = NULL;
    static const struct option long_options[] = {
        {"json", no_argument, NULL, 'j'},
        {"fair", required_argument, NULL, 'f'},
        {0},
    };
    cli_options opts = {.command = "unmet", .shortopts = "", .longopts = long_options};
    const char *v;
    for (int c; (c = cli_getopt(&opts, argc, argv, &v)) != -1;) {
        if (c == 'f') {
            fair = v;
            continue;
        }
        if (c != 'j') {
            return EXIT_USAGE;
        }
        json = true;
    }
    if (opts.next < argc) {
        return cli_usage_error("unmet", "unexpected argument '%s'", argv[opts.next]);
    }
    if (fair && !env->server_url) {
        return cli_usage_error("unmet", "--fair is for the central server (--server URL)");
    }
    unmet_job job = {.now = clock_now(&env->clock)};
    if (cli_run_on_db(env, "unmet", fair, SERVER_FAIR_READ, NULL, unmet_on, &job) != EXIT_OK) {
        free(job.items);
        return EXIT_FAILED;
    }
    unmet_item *items = job.items;
    int n = job.n;
    if (json) {
        cJSON *root = cJSON_CreateObject();
        cJSON *list = cJSON_AddArrayToObject(root, "items");
        for (int i = 0; i < n; i++) {
            cJSON *o = cJSON_CreateObject();
            cJSON_AddStringToObject(o, items[i].kind, items[i].key);
            cJSON_AddStringToObject(o, "month", items[i].month);
            cJSON_AddNumberToObject(o, "base_quantity",
                                    round(items[i].base_quantity * 1000.0) / 1000.0);
            cJSON_AddStringToObject(o, "base_unit", items[i].base_unit);
            cJSON_AddNumberToObject(o, "inquiries", items[i].inquiries);
            cJSON_AddItemToArray(list, o);
        }
        char *out = cJSON_PrintUnformatted(root);
        cli_print_json(out);
        free(out);
        cJSON_Delete(root);
    } else if (n == 0) {
        printf("No unmet demand.\n");
    } else {
        printf("%-8s %-24s %-7s %14s %-5s %s\n", "by", "what", "month", "unmet", "unit",
               "inquiries");
        for (int i = 0; i < n; i++) {
            printf("%-8s %-24s %-7s %14.3f %-5s %d\n", items[i].kind, items[i].key, items[i].month,
                   items[i].base_quantity, items[i].base_unit, items[i].inquiries);
        }
    }
    free(items);
    return EXIT_OK;
}

const cli_command cmd_unmet = {
    .name = "unmet",
    .summary = "unmet demand by product or group and month",
    .usage = usage,
    .run = run,
};
