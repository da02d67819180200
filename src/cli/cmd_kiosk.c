/* cmd_kiosk.c: `ocop-kiosk [--window WxH] [--lang vi|en] [--software] [--script FILE]`, the
 * kiosk itself. */
#include "cli/commands.h"

#include "core/clock.h"
#include "db/sync_thread.h"
#include "ui/ui_run.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
    "Usage: ocop-kiosk [--db FILE] [--config FILE] [--window WxH] [--lang vi|en] [--software]\n"
    "                  [--frames N] [--script FILE]\n"
    "\n"
    "Starts the touch-screen kiosk, full screen at the display's size unless --window is given.\n"
    "  --window WxH   a window of W x H pixels instead of full screen (e.g. 1280x800)\n"
    "  --lang vi|en   the language a visitor starts in (default: kiosk.ini's lang)\n"
    "  --software     use SDL's software renderer (no GPU)\n"
    "  --frames N     quit after N frames (smoke tests)\n"
    "  --script FILE  play touches and take screenshots in the real window, as `shot --script`\n"
    "                 does headless, on the real clock (tests of the display path)\n"
    "F11 toggles large text; a USB keyboard types into the focused field.\n";

static int run(int argc, char **argv, cli_env *env) {
    if (cli_wants_help(argc, argv, usage)) {
        return EXIT_OK;
    }
    ui_run_options o = {0};
    enum { O_WINDOW = 256, O_LANG, O_SOFTWARE, O_SCRIPT, O_FRAMES };
    static const struct option long_options[] = {
        {"window", required_argument, NULL, O_WINDOW},
        {"lang", required_argument, NULL, O_LANG},
        {"software", no_argument, NULL, O_SOFTWARE},
        {"script", required_argument, NULL, O_SCRIPT},
        {"frames", required_argument, NULL, O_FRAMES},
        {0},
    };
    cli_options opts = {.command = "kiosk", .shortopts = "", .longopts = long_options};
    const char *val;
    long long n;
    for (int c; (c = cli_getopt(&opts, argc, argv, &val)) != -1;) {
        switch (c) {
        case O_WINDOW:
            if (!cli_parse_size(val, &o.width, &o.height)) {
                return cli_usage_error("kiosk", "--window %s: expected WxH, e.g. 1280x800", val);
            }
            break;
        case O_LANG:
            if (strcmp(val, "vi") != 0 && strcmp(val, "en") != 0) {
                return cli_usage_error("kiosk", "--lang %s: expected vi or en", val);
            }
            o.lang = val;
            break;
        case O_SOFTWARE:
            o.software = true;
            break;
        case O_SCRIPT:
            o.script = val;
            break;
        case O_FRAMES:
            if (!cli_parse_int(val, 1, INT32_MAX, &n)) {
                return cli_usage_error("kiosk", "--frames %s: expected a number of frames", val);
            }
            o.max_frames = (int)n;
            break;
        default:
            return EXIT_USAGE;
        }
    }
    if (opts.next < argc) {
        return cli_usage_error("kiosk", "unexpected argument '%s'", argv[opts.next]);
    }
    db *d = cli_create_db(env);
    if (!d) {
        return EXIT_FAILED;
    }
    clock_start_mark("database ready");
    ui_catalog *catalog = ui_catalog_from_db(d);
    ocop_error err;
    o.sync = cli_sync_thread_start(env, d);
    int rc = ui_run_kiosk(&env->config, catalog, &o, &err);
    sync_thread_stop(o.sync);
    ui_catalog_destroy(catalog);
    db_close(d);
    if (rc != 0) {
        return cli_fail("%s", err.msg);
    }
    return EXIT_OK;
}

const cli_command cmd_kiosk = {"kiosk", "the touch-screen kiosk (the default)", usage, run};
