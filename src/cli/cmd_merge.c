/* cmd_merge.c: `ocop-kiosk merge OTHER.db…`, leads from other kiosks; see lead_db_merge. */
#include "cli/commands.h"

#include "db/lead_db.h"

#include <stdio.h>

static const char usage[] =
    "Usage: ocop-kiosk merge OTHER.db...\n"
    "\n"
    "Brings the leads of other kiosks' databases into this one (--db), by their id: a lead\n"
    "already here is left as it is, so merging the same file twice changes nothing. The\n"
    "other files are only read. One that an older ocop-kiosk wrote is read through an\n"
    "upgraded temporary copy; one that a newer ocop-kiosk wrote is refused. A buyer (same\n"
    "phone) who asked for the same thing in the same months at two kiosks is flagged as a\n"
    "probable duplicate (\"duplicate_of\" in exports), never dropped.\n";

static int run(int argc, char **argv, cli_env *env) {
    if (cli_wants_help(argc, argv, usage)) {
        return EXIT_OK;
    }
    static const struct option no_options[] = {{0}};
    cli_options o = {.command = "merge", .shortopts = "", .longopts = no_options};
    const char *v;
    if (cli_getopt(&o, argc, argv, &v) != -1) {
        return EXIT_USAGE; /* it takes no options */
    }
    if (o.next >= argc) {
        return cli_usage_error("merge", "name at least one database to merge");
    }
    db *d = cli_open_db(env);
    if (!d) {
        return EXIT_FAILED;
    }
    int status = EXIT_OK;
    for (int i = o.next; i < argc; i++) {
        lead_merge_stats stats;
        ocop_error err;
        if (lead_db_merge(d, argv[i], &stats, &err) != 0) {
            cli_fail("%s (nothing was merged from it)", err.msg);
            status = EXIT_FAILED;
            continue;
        }
        printf("%s: %d new lead%s, %d already here, %d probable duplicate%s flagged%s\n", argv[i],
               stats.added, stats.added == 1 ? "" : "s", stats.already_present,
               stats.duplicates_flagged, stats.duplicates_flagged == 1 ? "" : "s",
               stats.upgraded_copy ? " (read through an upgraded copy; the file is unchanged)"
                                   : "");
    }
    db_close(d);
    return status;
}

const cli_command cmd_merge = {"merge", "bring in leads from other kiosks' databases", usage, run};
