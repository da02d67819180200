/* cmd_shot.c: `ocop-kiosk shot`, a screen rendered headless to a PNG (DESIGN §5). */
#include "cli/commands.h"

#include "db/catgen.h"
#include "db/sync_thread.h"
#include "ui/ui_run.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char usage[] =
    "Usage: ocop-kiosk shot --screen NAME --size WxH -o FILE.png [--product CODE] [--lang vi|en]\n"
    "                       [--script FILE] [--large] [--texts FILE.json]\n"
    "\n"
    "Renders a kiosk screen without a display (SDL dummy driver, software renderer) and writes\n"
    "a PNG. NAME: attract, browse, product, inquiry, result, thanks, organiser. Without a\n"
    "script, result and thanks show a sample inquiry for the product (its minimum order, next\n"
    "month); organiser shows its PIN pad (a script can type the PIN).\n"
    "  --product CODE  the product shown (default: the catalogue's first)\n"
    "  --script FILE   touches to play first, one per line:\n"
    "                    tap \"LABEL\"            the first visible widget whose text contains "
    "LABEL\n"
    "                    tap X Y\n"
    "                    drag X1 Y1 X2 Y2 MS\n"
    "                    type TEXT              keystrokes on the on-screen keyboard\n"
    "                    wait MS                advances the kiosk's clock\n"
    "                    shot FILE              writes a PNG of the screen now\n"
    "  --large         large-text / high-contrast mode\n"
    "  --texts FILE    also write what is on screen as JSON: [{\"text\", \"x\", \"y\", \"w\", "
    "\"h\",\n"
    "                  \"tappable\", \"cut\", \"clipped\"}], every visible text and tappable "
    "widget\n"
    "                  in screen pixels (cut: shown with an ellipsis; a clipped text also has\n"
    "                  \"seen\": [x, y, w, h], the part of it a scrolled box shows)\n"
    "  --synthetic N   N products made by the catalogue generator in a temporary database,\n"
    "                  instead of the kiosk's (large catalogues; removed afterwards)\n"
    "OCOP_TODAY=YYYY-MM-DD fixes the kiosk's calendar (reproducible pictures).\n";

/* A generated catalogue for --synthetic: `n` products (catgen.h) with capacity from the clock's
 * month on, in a new database in a new directory `dir` (mkdtemp), written through the ordinary
 * tables like an import. Returns the open database, or NULL with `err` set (nothing left). */
static db *generate(cli_env *env, int n, char *dir, size_t dir_cap, ocop_error *err) {
    const char *tmp = getenv("TMPDIR");
    str_format(dir, dir_cap, "%s/ocop-shot-XXXXXX", tmp && tmp[0] ? tmp : "/tmp");
    if (!mkdtemp(dir)) {
        error_set(err, "cannot make a temporary directory in %s", tmp && tmp[0] ? tmp : "/tmp");
        dir[0] = '\0';
        return NULL;
    }
    char path[600], month[8];
    str_format(path, sizeof path, "%s/generated.db", dir);
    clock_month(&env->clock, 0, month);
    catgen_options o;
    catgen_defaults(&o);
    o.n_products = n;
    o.first_month = month;
    db *d = NULL;
    if (db_open(path, DB_OPEN_CREATE, &d, err) != 0 || catgen_generate(d, &o, err) < 0) {
        db_close(d);
        return NULL;
    }
    return d;
}

/* Removes the directory generate() made and the database in it. */
static void remove_generated(const char *dir) {
    if (!dir[0]) {
        return;
    }
    static const char *const files[] = {"generated.db", "generated.db-wal", "generated.db-shm",
                                        "generated.db-journal"};
    for (size_t i = 0; i < OCOP_COUNT(files); i++) {
        char path[600];
        str_format(path, sizeof path, "%s/%s", dir, files[i]);
        unlink(path);
    }
    rmdir(dir);
}

static int run(int argc, char **argv, cli_env *env) {
    if (cli_wants_help(argc, argv, usage)) {
        return EXIT_OK;
    }
    ui_shot_options o = {0};
    int synthetic = 0;
    enum { O_LARGE = 256, O_SCREEN, O_SIZE, O_PRODUCT, O_LANG, O_SCRIPT, O_SYNTHETIC, O_TEXTS };
    static const struct option long_options[] = {
        {"large", no_argument, NULL, O_LARGE},
        {"screen", required_argument, NULL, O_SCREEN},
        {"size", required_argument, NULL, O_SIZE},
        {"output", required_argument, NULL, 'o'},
        {"product", required_argument, NULL, O_PRODUCT},
        {"lang", required_argument, NULL, O_LANG},
        {"script", required_argument, NULL, O_SCRIPT},
        {"synthetic", required_argument, NULL, O_SYNTHETIC},
        {"texts", required_argument, NULL, O_TEXTS},
        {0},
    };
    cli_options opts = {.command = "shot", .shortopts = "o:", .longopts = long_options};
    const char *val;
    long long n;
    for (int c; (c = cli_getopt(&opts, argc, argv, &val)) != -1;) {
        switch (c) {
        case O_LARGE:
            o.large = true;
            break;
        case O_SCREEN:
            o.screen = val;
            break;
        case O_SIZE:
            if (!cli_parse_size(val, &o.width, &o.height)) {
                return cli_usage_error("shot", "--size %s: expected WxH, e.g. 1920x1080", val);
            }
            break;
        case 'o':
            o.output = val;
            break;
        case O_PRODUCT:
            o.product = val;
            break;
        case O_LANG:
            if (strcmp(val, "vi") != 0 && strcmp(val, "en") != 0) {
                return cli_usage_error("shot", "--lang %s: expected vi or en", val);
            }
            o.lang = val;
            break;
        case O_TEXTS:
            o.texts = val;
            break;
        case O_SCRIPT:
            o.script = val;
            break;
        case O_SYNTHETIC:
            if (!cli_parse_int(val, 1, 1000000, &n)) {
                return cli_usage_error("shot", "--synthetic %s: expected a product count", val);
            }
            synthetic = (int)n;
            break;
        default:
            return EXIT_USAGE;
        }
    }
    if (opts.next < argc) {
        return cli_usage_error("shot", "unexpected argument '%s'", argv[opts.next]);
    }
    if (!o.screen || !o.output || o.width == 0) {
        return cli_usage_error("shot", "--screen, --size and -o are required");
    }
    ocop_error err;
    char scratch[512] = "";
    db *d;
    if (synthetic > 0) {
        d = generate(env, synthetic, scratch, sizeof scratch, &err);
        if (!d) {
            remove_generated(scratch);
            return cli_fail("shot: --synthetic %d: %s", synthetic, err.msg);
        }
    } else {
        d = cli_open_db(env);
        if (!d) {
            return EXIT_FAILED;
        }
    }
    ui_catalog *catalog = ui_catalog_from_db(d);
    /* A generated catalogue is nobody's: nothing of it goes to the fair's server. */
    o.sync = synthetic > 0 ? NULL : cli_sync_thread_start(env, d);
    int rc = ui_run_shot(&env->config, catalog, &o, &err);
    sync_thread_stop(o.sync);
    ui_catalog_destroy(catalog);
    db_close(d);
    remove_generated(scratch);
    if (rc != 0) {
        return cli_fail("shot: %s", err.msg);
    }
    return EXIT_OK;
}

const cli_command cmd_shot = {"shot", "render a kiosk screen headless to a PNG", usage, run};
