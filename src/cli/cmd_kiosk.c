/* cmd_kiosk.c: `ocop-kiosk [--window WxH] [--lang vi|en] [--software] [--script FILE]`, the
 * kiosk itself. */
#include "cli/commands.h"

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
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        const char *val = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(arg, "--window") == 0 && val) {
            if (!cli_parse_size(val, &o.width, &o.height)) {
                return cli_usage_error("kiosk", "--window %s: expected WxH, e.g. 1280x800", val);
            }
            i++;
        } else if (strcmp(arg, "--lang") == 0 && val) {
            if (strcmp(val, "vi") != 0 && strcmp(val, "en") != 0) {
                return cli_usage_error("kiosk", "--lang %s: expected vi or en", val);
            }
            o.lang = val;
            i++;
        } else if (strcmp(arg, "--software") == 0) {
            o.software = true;
        } else if (strcmp(arg, "--script") == 0 && val) {
            o.script = val;
            i++;
        } else if (strcmp(arg, "--frames") == 0 && val) {
            o.max_frames = atoi(val);
            i++;
        } else {
            return cli_usage_error("kiosk", "unknown option '%s'", arg);
        }
    }
    db *d = cli_open_db(env);
    if (!d) {
        return EXIT_FAILED;
    }
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
