/* cmd_sync.c: `ocop-kiosk sync [--once] [--status] [--json]` (DESIGN §5, §8): push this kiosk's
 * outbox to the fair's server and pull the catalogue from it. */
#include "cli/commands.h"

#include "db/sync.h"
#include "db/sync_thread.h"

#include <cjson/cJSON.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static const char usage[] =
    "Usage: ocop-kiosk sync [--once] [--status] [--json]\n"
    "\n"
    "Pushes this kiosk's outbox (leads, holds, edits, product views, purges) to the fair's\n"
    "central server named by kiosk.ini [sync] url, in order and each once, and pulls the\n"
    "catalogue changes from it. The kiosk does this by itself while it runs; this command is\n"
    "for a kiosk box without a screen, and for organisers.\n"
    "\n"
    "  (none)     every [sync] interval_seconds until stopped (Ctrl-C)\n"
    "  --once     once; exit status 1 when the server could not be reached\n"
    "  --status   what this kiosk knows (last contact, rows waiting); no server contact\n"
    "  --json     one JSON document (with --once or --status)\n";

static volatile sig_atomic_t stop;

static void on_signal(int sig) {
    (void)sig;
    stop = 1;
}

static int print_status(db *d, const cli_env *env, bool json) {
    sync_status st;
    ocop_error err;
    if (sync_status_read(d, &st, &err) != 0) {
        return cli_fail("sync: %s", err.msg);
    }
    if (json) {
        cJSON *root = cJSON_CreateObject();
        cJSON_AddStringToObject(root, "server", env->config.sync.url);
        cJSON_AddStringToObject(root, "last_contact", st.last_contact);
        cJSON_AddStringToObject(root, "last_error", st.last_error);
        cJSON_AddNumberToObject(root, "waiting", st.waiting);
        cJSON_AddNumberToObject(root, "provisional", st.provisional);
        cJSON_AddNumberToObject(root, "cut", st.cut);
        cJSON_AddNumberToObject(root, "catalog_version", (double)st.catalog_version);
        char *text = cJSON_PrintUnformatted(root);
        cli_print_json(text);
        cJSON_free(text);
        cJSON_Delete(root);
        return EXIT_OK;
    }
    printf("server:          %s\n", env->config.sync.url[0] ? env->config.sync.url : "(none)");
    printf("last contact:    %s\n", st.last_contact[0] ? st.last_contact : "never");
    if (st.last_error[0]) {
        printf("last error:      %s\n", st.last_error);
    }
    printf("waiting:         %d outbox row%s\n", st.waiting, st.waiting == 1 ? "" : "s");
    printf("provisional:     %d lead%s\n", st.provisional, st.provisional == 1 ? "" : "s");
    printf("cut (call them): %d lead%s\n", st.cut, st.cut == 1 ? "" : "s");
    printf("catalogue:       version %lld\n", (long long)st.catalog_version);
    return EXIT_OK;
}

/* One push and pull; prints what happened. Returns EXIT_OK or EXIT_FAILED. */
static int round_trip(sync_session *s, db *d, const ocop_clock *clock, bool json, bool quiet) {
    sync_push_stats push;
    server_pull_stats pull = {0};
    ocop_error push_err, pull_err;
    int64_t now = clock_now(clock);
    bool pushed = sync_push(s, d, now, NULL, 0, &push, &push_err) == 0;
    bool pulled = pushed && sync_pull(s, d, now, &pull, &pull_err) == 0;
    if (json) {
        cJSON *root = cJSON_CreateObject();
        cJSON_AddBoolToObject(root, "ok", pushed && pulled);
        cJSON_AddNumberToObject(root, "pushed", push.rows);
        cJSON_AddNumberToObject(root, "leads", push.leads);
        cJSON_AddNumberToObject(root, "views", push.views);
        cJSON_AddNumberToObject(root, "confirmed", push.confirmed);
        cJSON_AddNumberToObject(root, "cut", push.cut);
        cJSON_AddNumberToObject(root, "batches", push.batches);
        cJSON_AddNumberToObject(root, "retries", (double)push.retries);
        cJSON_AddNumberToObject(root, "round_trips", (double)push.round_trips);
        cJSON_AddNumberToObject(root, "server_ms", push.server_ms);
        cJSON_AddNumberToObject(root, "paused_ms", push.paused_ms);
        cJSON_AddNumberToObject(root, "products", pull.products);
        cJSON_AddNumberToObject(root, "catalog_version", (double)pull.to_version);
        if (!pushed || !pulled) {
            cJSON_AddStringToObject(root, "error", !pushed ? push_err.msg : pull_err.msg);
        }
        char *text = cJSON_PrintUnformatted(root);
        cli_print_json(text);
        cJSON_free(text);
        cJSON_Delete(root);
    } else {
        if (!pushed) {
            fprintf(stderr, "ocop-kiosk: sync: push: %s\n", push_err.msg);
        } else if (!pulled) {
            fprintf(stderr, "ocop-kiosk: sync: pull: %s\n", pull_err.msg);
        }
        if (pushed && (!quiet || push.rows > 0)) {
            printf("pushed %d outbox row%s (%d lead%s, %d view%s; %d confirmed, %d cut) in %d "
                   "transaction%s (%ld round trip%s), %ld retried\n",
                   push.rows, push.rows == 1 ? "" : "s", push.leads, push.leads == 1 ? "" : "s",
                   push.views, push.views == 1 ? "" : "s", push.confirmed, push.cut, push.batches,
                   push.batches == 1 ? "" : "s", push.round_trips, push.round_trips == 1 ? "" : "s",
                   push.retries);
            if (push.paused_ms > 0) {
                printf("paused %.0f ms between batches for the other kiosks (server time %.0f "
                       "ms)\n",
                       push.paused_ms, push.server_ms);
            }
        }
        if (pulled && (!quiet || pull.products > 0 || pull.capacity_rows > 0)) {
            printf("pulled %d product%s and %d capacity row%s (catalogue version %lld → %lld)\n",
                   pull.products, pull.products == 1 ? "" : "s", pull.capacity_rows,
                   pull.capacity_rows == 1 ? "" : "s", (long long)pull.from_version,
                   (long long)pull.to_version);
        }
        fflush(stdout);
    }
    return pushed && pulled ? EXIT_OK : EXIT_FAILED;
}

static int run(int argc, char **argv, cli_env *env) {
    if (cli_wants_help(argc, argv, usage)) {
        return EXIT_OK;
    }
    bool once = false, status = false, json = false;
    enum { O_ONCE = 256, O_STATUS, O_JSON };
    static const struct option long_options[] = {
        {"once", no_argument, NULL, O_ONCE},
        {"status", no_argument, NULL, O_STATUS},
        {"json", no_argument, NULL, O_JSON},
        {0},
    };
    cli_options opts = {.command = "sync", .shortopts = "", .longopts = long_options};
    const char *v;
    for (int c; (c = cli_getopt(&opts, argc, argv, &v)) != -1;) {
        switch (c) {
        case O_ONCE:
            once = true;
            break;
        case O_STATUS:
            status = true;
            break;
        case O_JSON:
            json = true;
            break;
        default:
            return EXIT_USAGE;
        }
    }
    if (opts.next < argc) {
        return cli_usage_error("sync", "unexpected argument '%s'", argv[opts.next]);
    }
    if (once && status) {
        return cli_usage_error("sync", "--once and --status do not go together");
    }
    if (json && !once && !status) {
        return cli_usage_error("sync", "--json needs --once or --status");
    }
    if (!status && !env->config.sync.url[0]) {
        return cli_fail("sync: no server: set [sync] url in %s",
                        env->config_path ? env->config_path : "kiosk.ini");
    }
    db *d = cli_create_db(env);
    if (!d) {
        return EXIT_FAILED;
    }
    int rc;
    if (status) {
        rc = print_status(d, env, json);
    } else {
        sync_session *s = sync_session_create(&env->config);
        if (once) {
            rc = round_trip(s, d, &env->clock, json, false);
        } else {
            struct sigaction sa = {0};
            sa.sa_handler = on_signal;
            sigaction(SIGINT, &sa, NULL);
            sigaction(SIGTERM, &sa, NULL);
            rc = EXIT_OK;
            while (!stop) {
                round_trip(s, d, &env->clock, false, true);
                for (int t = 0; t < env->config.sync.interval_seconds * 10 && !stop; t++) {
                    struct timespec tick = {0, 100 * 1000 * 1000};
                    nanosleep(&tick, NULL);
                }
            }
        }
        sync_session_destroy(s);
    }
    db_close(d);
    return rc;
}

struct sync_thread *cli_sync_thread_start(cli_env *env, db *d) {
    if (!env->config.sync.url[0]) {
        return NULL;
    }
    ocop_error err;
    sync_thread *t = sync_thread_start(&env->config, db_path(d), &err);
    if (!t) {
        fprintf(stderr,
                "ocop-kiosk: no sync with the fair's server (%s); leads wait in the outbox\n",
                err.msg);
    }
    return t;
}

const cli_command cmd_sync = {"sync", "push leads to and pull the catalogue from the fair's server",
                              usage, run};
