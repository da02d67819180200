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
    "Usage: ocop-kiosk [--server URL] allocate [--commit [--accept-shrink]] [--keep-holds]\n"
    "                  [--dimacs FILE] [--json]\n\n"
    "Allocates all open inquiries against all free capacity: first the largest total\n"
    "quantity, then the buyers' instant holds (promises), then fair shares between buyers,\n"
    "then higher stars, nearer producers and lower prices; whole sale units and minimum\n"
    "orders are kept. Says \"certified optimal\" only when that is proven; otherwise prints\n"
    "the bound (the relaxation's total, which nothing can exceed) and the gap to it.\n"
    "A dry run unless --commit.\n"
    "  --commit         store the result as batch allocations (replacing the inquiries'\n"
    "                   instant holds) in one transaction; a count asked by group or text\n"
    "                   (\"500 hộp\") keeps its holds on products measured by weight or volume\n"
    "                   (and gets only the rest), as do holds on products whose sale unit\n"
    "                   is not whole in thousandths (\"holds_kept\").\n"
    "                   Refused when an inquiry would get less than its instant holds\n"
    "                   promised: the inquiries and amounts are listed\n"
    "  --accept-shrink  commit even so (the organiser has seen the list)\n"
    "  --keep-holds     promises as lower bounds (default: kept unless that lowers the total)\n"
    "  --dimacs FILE    also write the relaxation in DIMACS min-cost format (glpsol --mincost)\n"
    "  --json           {\"allocated\", \"cost\", \"bound\", \"gap\", \"certified\",\n"
    "                   \"total_proven\", \"objective_proven\", \"objective_gap\",\n"
    "                   \"holds_kept\", \"holds_kept_why\", \"shrink\": [...],\n"
    "                   \"allocations\": [{\"inquiry\", \"product\", \"month\", "
    "\"base_quantity\",\n"
    "                   \"base_unit\"}]}\n"
    "With --server URL, the open inquiries of every kiosk and every fair on the central\n"
    "server at once (a producer's capacity is shared by all fairs), in one serialisable\n"
    "transaction with the kiosks' holds.\n";

/* Why some holds stay outside the batch (README "Batch allocation", alloc_db.h). */
static const char holds_kept_why[] =
    "a count asked by group or text is allocated only from products sold by the piece: its instant "
    "holds on products measured by weight or volume are kept as they are and come off its quantity "
    "(boxes of different sizes are not one unit of one network flow: each product would convert "
    "the count at its own rate, which a min-cost flow cannot express); so are holds on products "
    "whose sale unit is not a whole number of thousandths of a gram, millilitre or piece (1/3 kg), "
    "which stay out of the batch";

typedef struct allocate_job {
    int64_t now;
    alloc_db_options o;
    alloc_db_batch b;
    bool have;
} allocate_job;

static int allocate_on(db *d, void *ctx, ocop_error *err) {
    allocate_job *job = ctx;
    if (job->have) { /* the server transaction is being retried: start again */
        alloc_db_batch_free(&job->b);
        job->have = false;
    }
    if (job->o.dimacs) {
        rewind(job->o.dimacs);
        if (ftruncate(fileno(job->o.dimacs), 0) != 0) {
            return error_set(err, "cannot rewrite the DIMACS file");
        }
    }
    int rc = alloc_db_run(d, job->now, &job->o, &job->b, err);
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
    bool json = false;
    alloc_db_options o = {0};
    const char *dimacs_path = NULL;
    enum { O_JSON = 256, O_COMMIT, O_ACCEPT_SHRINK, O_KEEP_HOLDS, O_DIMACS };
    static const struct option long_options[] = {
        {"json", no_argument, NULL, O_JSON},
        {"commit", no_argument, NULL, O_COMMIT},
        {"accept-shrink", no_argument, NULL, O_ACCEPT_SHRINK},
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
            o.commit = true;
            break;
        case O_ACCEPT_SHRINK:
            o.accept_shrink = true;
            break;
        case O_KEEP_HOLDS:
            o.keep_holds = true;
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
    if (o.accept_shrink && !o.commit) {
        return cli_usage_error("allocate", "--accept-shrink only goes with --commit");
    }
    if (dimacs_path) {
        o.dimacs = fopen(dimacs_path, "w");
        if (!o.dimacs) {
            return cli_fail("allocate: %s: cannot write the DIMACS file", dimacs_path);
        }
    }
    char now_utc[32];
    isotime_format_utc(clock_now(&env->clock), now_utc, sizeof now_utc);
    allocate_job job = {.now = clock_now(&env->clock), .o = o};
    int status =
        cli_run_on_db(env, "allocate", NULL, o.commit ? SERVER_FAIR_ALLOCATE : SERVER_FAIR_READ,
                      now_utc, allocate_on, &job);
    alloc_db_batch b = job.b;
    if (status != EXIT_OK) {
        /* cli_run_on_db said why */
    } else if (json) {
        cJSON *root = cJSON_CreateObject();
        cJSON_AddNumberToObject(root, "allocated", out_number(b.allocated));
        cJSON_AddNumberToObject(root, "cost", (double)b.cost);
        cJSON_AddNumberToObject(root, "demand", out_number(b.demand));
        cJSON_AddNumberToObject(root, "bound", out_number(b.bound));
        cJSON_AddNumberToObject(root, "gap", out_number(b.gap));
        cJSON_AddNumberToObject(root, "lp_cost", (double)b.lp_cost);
        cJSON_AddNumberToObject(root, "lp_objective", (double)b.lp_objective);
        cJSON_AddBoolToObject(root, "committed", b.committed);
        cJSON_AddBoolToObject(root, "certified", b.optimal);
        cJSON_AddBoolToObject(root, "total_proven", b.total_proven);
        cJSON_AddBoolToObject(root, "objective_proven", b.objective_proven);
        cJSON_AddNumberToObject(root, "objective_gap", (double)b.objective_gap);
        cJSON_AddNumberToObject(root, "inquiries", b.inquiries);
        cJSON_AddNumberToObject(root, "offers", b.offers);
        cJSON_AddNumberToObject(root, "classes", b.classes);
        cJSON_AddNumberToObject(root, "arcs", b.arcs);
        cJSON_AddNumberToObject(root, "holds_kept", b.holds_kept);
        cJSON_AddStringToObject(root, "holds_kept_why", holds_kept_why);
        cJSON *shrink = cJSON_AddArrayToObject(root, "shrink");
        for (int i = 0; i < b.n_shrink; i++) {
            cJSON *s = cJSON_CreateObject();
            cJSON_AddStringToObject(s, "inquiry", b.shrink[i].inquiry);
            cJSON_AddNumberToObject(s, "promised", out_number(b.shrink[i].promised));
            cJSON_AddNumberToObject(s, "allocated", out_number(b.shrink[i].allocated));
            cJSON_AddStringToObject(s, "base_unit", b.shrink[i].base_unit);
            cJSON_AddItemToArray(shrink, s);
        }
        cJSON *list = cJSON_AddArrayToObject(root, "allocations");
        for (int i = 0; i < b.n; i++) {
            cJSON *a = cJSON_CreateObject();
            cJSON_AddStringToObject(a, "inquiry", b.items[i].inquiry);
            cJSON_AddStringToObject(a, "product", b.items[i].product);
            cJSON_AddStringToObject(a, "month", b.items[i].month);
            cJSON_AddNumberToObject(a, "base_quantity", out_number(b.items[i].base_quantity));
            cJSON_AddStringToObject(a, "base_unit", b.items[i].base_unit);
            cJSON_AddItemToArray(list, a);
        }
        char *text = cJSON_PrintUnformatted(root);
        cli_print_json(text);
        free(text);
        cJSON_Delete(root);
    } else {
        printf("%d open inquir%s, %d offer%s: allocated %.3f of %.3f (base units), cost %lld",
               b.inquiries, b.inquiries == 1 ? "y" : "ies", b.offers, b.offers == 1 ? "" : "s",
               b.allocated, b.demand, (long long)b.cost);
        if (b.optimal) {
            printf(", certified optimal\n");
        } else {
            printf("\nbound %.3f, gap %.3f (whole sale units and minimum orders; %s)\n", b.bound,
                   b.gap,
                   b.objective_proven ? "the exact search proved it optimal: the largest total, "
                                        "then the least cost and penalties"
                   : b.total_proven   ? "the total is proven the largest possible, the cost is "
                                        "not proven optimal"
                                      : "not proven optimal");
            if (!b.objective_proven) {
                printf("objective gap %lld (cost and penalties above the relaxation's, which no "
                       "allocation can go below)\n",
                       (long long)b.objective_gap);
            }
        }
        for (int i = 0; i < b.n; i++) {
            printf("  %s  %-12s %s %12.3f %s\n", b.items[i].inquiry, b.items[i].product,
                   b.items[i].month, b.items[i].base_quantity, b.items[i].base_unit);
        }
        if (b.holds_kept > 0) {
            printf("  %d instant hold%s kept as they are: %s\n", b.holds_kept,
                   b.holds_kept == 1 ? "" : "s", holds_kept_why);
        }
        for (int i = 0; i < b.n_shrink; i++) {
            printf("  promise shrinks: %s  %.3f %s promised, %.3f allocated (-%.3f)\n",
                   b.shrink[i].inquiry, b.shrink[i].promised, b.shrink[i].base_unit,
                   b.shrink[i].allocated, b.shrink[i].promised - b.shrink[i].allocated);
        }
        if (!b.commit_refused) {
            printf(b.committed ? "Committed as batch allocations.\n"
                               : "Dry run: nothing written (use --commit).\n");
        }
    }
    if (status == EXIT_OK && b.commit_refused) {
        status = cli_fail("allocate: %d inquiries would get less than their instant holds "
                          "promised (listed above); nothing written. Commit with "
                          "--accept-shrink to accept, or --keep-holds to keep them",
                          b.n_shrink);
    }
    if (job.have) {
        alloc_db_batch_free(&b);
    }
    if (o.dimacs && fclose(o.dimacs) != 0 && status == EXIT_OK) {
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
