/* cmd_kiosk.c: `ocop-kiosk [--window WxH] [--lang vi|en]`, the kiosk. Placeholder until the UI
 * lands (issue 4): opens the database so that `make run` exercises the whole start-up. */
#include "cli/commands.h"

#include <stdio.h>

static const char usage[] = "Usage: ocop-kiosk [--window WxH] [--lang vi|en]\n";

static int run(int argc, char **argv, cli_env *env) {
    if (cli_wants_help(argc, argv, usage)) {
        return EXIT_OK;
    }
    db *d = cli_open_db(env);
    if (!d) {
        return EXIT_FAILED;
    }
    db_close(d);
    return EXIT_OK;
}

const cli_command cmd_kiosk = {"kiosk", "the touch-screen kiosk (the default)", usage, run};
