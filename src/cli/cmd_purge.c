/* cmd_purge.c: `ocop-kiosk purge --older-than DAYS`, the retention policy; see lead_db_purge. */
#include "cli/commands.h"

#include "core/isotime.h"
#include "db/lead_db.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char usage[] =
    "Usage: ocop-kiosk purge --older-than DAYS\n"
    "\n"
    "Deletes the personal data (name, company, phone, e-mail, note) of every lead created\n"
    "more than DAYS days ago. What was asked, the province, the match and the counts stay,\n"
    "anonymous, for the organisers' statistics. Export the leads you need first.\n";

static int run(int argc, char **argv, cli_env *env) {
    if (cli_wants_help(argc, argv, usage)) {
        return EXIT_OK;
    }
    const char *days_text = NULL;
    static const struct option long_options[] = {
        {"older-than", required_argument, NULL, 'd'},
        {0},
    };
    cli_options o = {.command = "purge", .shortopts = "", .longopts = long_options};
    const char *v;
    for (int c; (c = cli_getopt(&o, argc, argv, &v)) != -1;) {
        if (c != 'd') {
            return EXIT_USAGE;
        }
        days_text = v;
    }
    if (o.next < argc) {
        return cli_usage_error("purge", "unexpected argument '%s'", argv[o.next]);
    }
    if (!days_text) {
        return cli_usage_error("purge", "--older-than DAYS is required");
    }
    char *end = NULL;
    errno = 0;
    long days = strtol(days_text, &end, 10);
    if (errno != 0 || end == days_text || *end != '\0' || days < 0 || days > 36500) {
        return cli_usage_error("purge",
                               "--older-than: '%s' is not a number of days (0 to "
                               "36500)",
                               days_text);
    }
    int64_t now = clock_now(&env->clock);
    char now_utc[32], cutoff_utc[32];
    isotime_format_utc(now, now_utc, sizeof now_utc);
    isotime_format_utc(now - (int64_t)days * 86400, cutoff_utc, sizeof cutoff_utc);

    db *d = cli_open_db(env);
    if (!d) {
        return EXIT_FAILED;
    }
    int purged = 0;
    ocop_error err;
    int status = EXIT_OK;
    if (lead_db_purge(d, cutoff_utc, now_utc, &purged, &err) != 0) {
        status = cli_fail("%s", err.msg);
    } else {
        printf("purged the personal data of %d lead%s created before %s\n", purged,
               purged == 1 ? "" : "s", cutoff_utc);
    }
    db_close(d);
    return status;
}

const cli_command cmd_purge = {"purge", "delete buyers' personal data older than DAYS", usage, run};
