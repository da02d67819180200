/* cmd_allocate.c: `ocop-kiosk allocate`, the optimal batch allocation of open inquiries. */
#include "cli/commands.h"

#include "core/isotime.h"
#include "db/alloc_db.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static const char usage[] =
    "Usage: ocop-kiosk [--server URL] allocate [--commit] [--keep-holds] [--dimacs FILE]\n"
    "                  [--json]\n\n"
    "Allocates all open inquiries against free capacity as a min-cost flow: first the\n"
    "largest total quantity, then fair shares between buyers, then higher stars, nearer\n"
    "producers and lower prices. A dry run unless --commit.\n"
    "  --commit       store the result as batch allocations (replacing the inquiries'\n"
    "                 instant holds) in one transaction; a count asked by group or text\n"
    "                 (\"500 hộp\") keeps its holds on products measured by weight or volume\n"
    "  --keep-holds   keep the open inquiries' instant holds as lower bounds (default:\n"
    "                 release them into the pool)\n"
    "  --dimacs FILE  also write the instance in DIMACS min-cost format (glpsol --mincost)\n"
    "  --json         {\"allocated\", \"cost\", \"allocations\": [{\"inquiry\", \"product\",\n"
    "                 \"month\", \"base_quantity\", \"base_unit\"}]}\n"
    "With --server URL, the open inquiries of every kiosk and every fair on the central\n"
    "server at once (a producer's capacity is shared by all fairs), in one serialisable\n"
    "transaction with the kiosks' holds.\n";

typedef struct allocate_job {
    int64_t now;
    bool keep_holds, commit;
    FILE *dimacs;
    alloc_db_batch b;
    bool have;
} allocate_job;

static int allocate_on(db *d, void *ctx, ocop_error *err) {
    allocate_job *job = ctx;
    if (job->have) { /* the server transaction is being retried: start again */
        alloc_db_batch_free(&job->b);
        job->have = false;
    }
    if (job->dimacs) {
        rewind(job->dimacs);
        if (ftruncate(fileno(job->dimacs), 0) != 0) {
            return error_set(err, "cannot rewrite the DIMACS file");
        }
    }
    int rc = alloc_db_run(d, job->now, job->keep_holds, job->commit, job->dimacs, &job->b, err);
    job->have = true; /* freed as after a success, as alloc_db_run allows */
    return rc;
}

static double out_number(double v) {
    return round(v * 1000.0) / 1000.0;
}

static int run(int argc, char **argv, cli_env *env) {
    if (cli_wants_help(argc, argv, usage)) {
        return EXIT_OK;
    }
    bool json = false, commit = false, keep_holds = false;
    const char *dimacs_path = NULL;
    enum { O_JSON = 256, O_COMMIT, O_KEEP_HOLDS, O_DIMACS };
    static const struct option long_options[] = {
        {"json", no_argument, NULL, O_JSON},
        {"commit", no_argument, NULL, O_COMMIT},
        {"keep-holds", no_argument, NULL, O_KEEP_HOLDS},
        {"dimacs", required_argument, NULL, O_DIMACS},
        {0},
    };
    cli_options opts = {.command = "allocate", .shortopts = "", .longopts = long_options};
    const char *v;
    for (int c; (c = cli_getopt(&opts, argc, argv, &v)) != -1;) {
        switch (c) {
        case O_JSON:
            json = true;
            break;
        case O_COMMIT:
            commit = true;
            break;
        case O_KEEP_HOLDS:
            keep_holds = true;
            break;
        case O_DIMACS:
            dimacs_path = v;
            break;
        default:
            return EXIT_USAGE;
        }
    }
    if (opts.next < argc) {
        return cli_usage_error("allocate", "unexpected argument '%s'", argv[opts.next]);
    }
    FILE *dimacs = NULL;
    if (dimacs_path) {
        dimacs = fopen(dimacs_path, "w");
        if (!dimacs) {
            return cli_fail("allocate: %s: cannot write the DIMACS file", dimacs_path);
        }
    }
    char now_utc[32];
    isotime_format_utc(clock_now(&env->clock), now_utc, sizeof now_utc);
    allocate_job job = {.now = clock_now(&env->clock),
                        .keep_holds = keep_holds,
                        .commit = commit,
                        .dimacs = dimacs};
    int status =
        cli_run_on_db(env, "allocate", NULL, commit ? SERVER_FAIR_ALLOCATE : SERVER_FAIR_READ,
                      now_utc, allocate_on, &job);
    alloc_db_batch b = job.b;
    if (status != EXIT_OK) {
        /* cli_run_on_db said why */
    } else if (json) {
        cJSON *root = cJSON_CreateObject();
        cJSON_AddNumberToObject(root, "allocated", out_number(b.allocated));
        cJSON_AddNumberToObject(root, "cost", (double)b.cost);
        cJSON_AddNumberToObject(root, "demand", out_number(b.demand));
        cJSON_AddBoolToObject(root, "committed", b.committed);
        cJSON_AddBoolToObject(root, "certified", b.certified);
        cJSON_AddNumberToObject(root, "inquiries", b.inquiries);
        cJSON_AddNumberToObject(root, "offers", b.offers);
        cJSON *list = cJSON_AddArrayToObject(root, "allocations");
        for (int i = 0; i < b.n; i++) {
            cJSON *o = cJSON_CreateObject();
            cJSON_AddStringToObject(o, "inquiry", b.items[i].inquiry);
            cJSON_AddStringToObject(o, "product", b.items[i].product);
            cJSON_AddStringToObject(o, "month", b.items[i].month);
            cJSON_AddNumberToObject(o, "base_quantity", out_number(b.items[i].base_quantity));
            cJSON_AddStringToObject(o, "base_unit", b.items[i].base_unit);
            cJSON_AddItemToArray(list, o);
        }
        char *text = cJSON_PrintUnformatted(root);
        cli_print_json(text);
        free(text);
        cJSON_Delete(root);
    } else {
        printf("%d open inquiries, %d offers: allocated %.3f of %.3f (base units), cost %lld%s\n",
               b.inquiries, b.offers, b.allocated, b.demand, (long long)b.cost,
               b.certified ? ", certified optimal" : "");
        for (int i = 0; i < b.n; i++) {
            printf("  %s  %-12s %s %12.3f %s\n", b.items[i].inquiry, b.items[i].product,
                   b.items[i].month, b.items[i].base_quantity, b.items[i].base_unit);
        }
        printf(b.committed ? "Committed as batch allocations.\n"
                           : "Dry run: nothing written (use --commit).\n");
    }
    if (job.have) {
        alloc_db_batch_free(&b);
    }
    if (dimacs && fclose(dimacs) != 0 && status == EXIT_OK) {
        status = cli_fail("allocate: %s: write failed", dimacs_path);
    }
    return status;
}

const cli_command cmd_allocate = {
    .name = "allocate",
    .summary = "optimal batch allocation of open inquiries (dry run unless --commit)",
    .usage = usage,
    .run = run,
};
