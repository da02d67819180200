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
    "Usage: ocop-kiosk unmet [--json]\n\n"
    "Unmet demand: for every inquiry not closed, what its holds and batch allocations do not\n"
    "cover, spread evenly over its months, by product, group or free text and month, with\n"
    "the number of inquiries: the list a province needs for its next OCOP round.\n"
    "  --json   {\"items\": [{\"product\"|\"group\"|\"query\", \"month\", \"base_quantity\",\n"
    "           \"base_unit\", \"inquiries\"}]}\n";

static int run(int argc, char **argv, cli_env *env) {
    if (cli_wants_help(argc, argv, usage)) {
        return EXIT_OK;
    }
    bool json = false;
    static const struct option long_options[] = {
        {"json", no_argument, NULL, 'j'},
        {0},
    };
    cli_options opts = {.command = "unmet", .shortopts = "", .longopts = long_options};
    const char *v;
    for (int c; (c = cli_getopt(&opts, argc, argv, &v)) != -1;) {
        if (c != 'j') {
            return EXIT_USAGE;
        }
        json = true;
    }
    if (opts.next < argc) {
        return cli_usage_error("unmet", "unexpected argument '%s'", argv[opts.next]);
    }
    db *d = cli_open_db(env);
    if (!d) {
        return EXIT_FAILED;
    }
    unmet_item *items;
    int n;
    ocop_error err;
    if (match_db_unmet(d, clock_now(&env->clock), &items, &n, &err) != 0) {
        db_close(d);
        return cli_fail("unmet: %s", err.msg);
    }
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
    db_close(d);
    return EXIT_OK;
}

const cli_command cmd_unmet = {
    .name = "unmet",
    .summary = "unmet demand by product or group and month",
    .usage = usage,
    .run = run,
};
