/* cmd_export.c: `ocop-kiosk export`, leads for organisers (DESIGN §5); see lead_export.h. */
#include "cli/commands.h"

#include "core/isotime.h"
#include "core/lead_export.h"
#include "db/lead_db.h"
#include "ui/ui_strings.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

static const char usage[] =
    "Usage: ocop-kiosk [--server URL] export --format csv|xlsx|json -o FILE\n"
    "                         [--since TIME | --new] [--split producer|province] [--lang vi|en]\n"
    "                         [--fair NAME]\n"
    "\n"
    "Writes the leads (buyers' inquiries and what they were matched with) to FILE.\n"
    "  --format F   csv (UTF-8 with BOM, opens in Excel), xlsx (sheets of leads, matches\n"
    "               and a summary) or json\n"
    "  -o FILE      the file to write (mode 0600, written atomically; an existing device,\n"
    "               link, pipe or folder is refused); '-' for standard output; with\n"
    "               --split, a folder\n"
    "  --since TIME only leads created at or after TIME (2026-11-29, 2026-11-29T14:00,\n"
    "               2026-11-29T14:00+07:00; local time when no offset is given)\n"
    "  --new        only leads never exported before (every export is recorded)\n"
    "  --split producer|province\n"
    "               one file per producer (or per producer province) in the folder -o,\n"
    "               holding only the leads whose buyer agreed to be shared with producers,\n"
    "               and only that producer's (province's) share of each match\n"
    "  --lang vi|en column names and labels (default: kiosk.ini's lang)\n"
    "  --fair NAME  with --server URL: only that fair's leads (default: every fair's)\n"
    "With --server URL, the leads of every kiosk on the fair's central server; --new and the\n"
    "export record are the server's.\n";

typedef struct export_job {
    const lead_filter *filter;
    const lead_export_options *opt;
    lead_split split;
    const char *output, *now_utc;
    int listed, exported, files;
} export_job;

static int export_on(db *d, void *ctx, ocop_error *err) {
    export_job *job = ctx;
    job->listed = job->exported = job->files = 0;
    return lead_db_export(d, job->filter, job->opt, job->split, job->output, job->now_utc,
                          &job->listed, &job->exported, &job->files, err);
}

static int run(int argc, char **argv, cli_env *env) {
    if (cli_wants_help(argc, argv, usage)) {
        return EXIT_OK;
    }
    const char *format = NULL, *output = NULL, *since = NULL, *split = NULL, *fair = NULL;
    const char *lang = env->config.lang;
    bool only_new = false;
    enum { O_FORMAT = 256, O_SINCE, O_SPLIT, O_LANG, O_NEW, O_FAIR };
    static const struct option long_options[] = {
        {"format", required_argument, NULL, O_FORMAT}, {"output", required_argument, NULL, 'o'},
        {"since", required_argument, NULL, O_SINCE},   {"split", required_argument, NULL, O_SPLIT},
        {"lang", required_argument, NULL, O_LANG},     {"new", no_argument, NULL, O_NEW},
        {"fair", required_argument, NULL, O_FAIR},     {0},
    };
    cli_options o = {.command = "export", .shortopts = "o:", .longopts = long_options};
    const char *v;
    for (int c; (c = cli_getopt(&o, argc, argv, &v)) != -1;) {
        switch (c) {
        case O_FORMAT:
            format = v;
            break;
        case 'o':
            output = v;
            break;
        case O_SINCE:
            since = v;
            break;
        case O_SPLIT:
            split = v;
            break;
        case O_LANG:
            lang = v;
            break;
        case O_NEW:
            only_new = true;
            break;
        case O_FAIR:
            fair = v;
            break;
        default:
            return EXIT_USAGE;
        }
    }
    if (o.next < argc) {
        return cli_usage_error("export", "unexpected argument '%s'", argv[o.next]);
    }
    lead_export_options opt = {0};
    if (!format || lead_format_parse(format, &opt.format) != 0) {
        return cli_usage_error("export", "--format must be csv, xlsx or json");
    }
    if (!output || !*output) {
        return cli_usage_error("export", "-o FILE is required");
    }
    bool to_stdout = strcmp(output, "-") == 0;
    if (to_stdout && split) {
        return cli_usage_error("export", "--split writes a folder of files, not '-o -'");
    }
    if (fair && !env->server_url) {
        return cli_usage_error("export", "--fair is for the central server (--server URL)");
    }
    if (since && only_new) {
        return cli_usage_error("export", "--since and --new cannot be used together");
    }
    lead_split split_by = LEAD_SPLIT_NONE;
    if (split) {
        if (strcmp(split, "producer") == 0) {
            split_by = LEAD_SPLIT_PRODUCER;
        } else if (strcmp(split, "province") == 0) {
            split_by = LEAD_SPLIT_PROVINCE;
        } else {
            return cli_usage_error("export", "--split must be producer or province");
        }
    }
    if (strcmp(lang, "vi") != 0 && strcmp(lang, "en") != 0) {
        return cli_usage_error("export", "--lang must be vi or en");
    }
    opt.english = strcmp(lang, "en") == 0;
    /* Times are shown, and read, in the local time of the kiosk's clock (TZ, or OCOP_NOW's). */
    int64_t now = clock_now(&env->clock);
    opt.utc_offset_s = clock_utc_offset(&env->clock, now);

    ocop_error err;
    char since_utc[32];
    lead_filter filter = {.only_new = only_new};
    if (since) {
        int64_t t;
        if (isotime_parse(since, opt.utc_offset_s, &t, &err) != 0) {
            return cli_usage_error("export", "--since %s", err.msg);
        }
        isotime_format_utc(t, since_utc, sizeof since_utc);
        filter.since = since_utc;
    }

    /* Column titles and labels: the kiosk's string tables, in the export's language. */
    ui_strings_lang words = {.strings = cli_strings_load("export"),
                             .lang = opt.english ? UI_LANG_EN : UI_LANG_VI};
    if (!words.strings) {
        return EXIT_FAILED;
    }
    opt.words = ui_strings_word;
    opt.words_ctx = &words;
    opt.match_words = ui_strings_word_in;
    opt.match_words_ctx = words.strings;

    char now_utc[32];
    isotime_format_utc(now, now_utc, sizeof now_utc);
    export_job job = {
        .filter = &filter, .opt = &opt, .split = split_by, .output = output, .now_utc = now_utc};
    int status = cli_run_on_db(env, "export", fair, SERVER_FAIR_EXPORT, now_utc, export_on, &job);
    ui_strings_destroy((ui_strings *)words.strings);
    if (status != EXIT_OK) {
        return status;
    }
    int exported = job.exported, files = job.files, left = job.listed - job.exported;
    if (split_by == LEAD_SPLIT_NONE) {
        /* With -o - the data is on stdout: the report goes to stderr. */
        fprintf(to_stdout ? stderr : stdout, "exported %d lead%s to %s\n", exported,
                exported == 1 ? "" : "s", to_stdout ? "standard output" : output);
    } else {
        printf("exported %d lead%s into %d file%s in %s (%d lead%s without consent to sharing "
               "or without a match %s left out)\n",
               exported, exported == 1 ? "" : "s", files, files == 1 ? "" : "s", output, left,
               left == 1 ? "" : "s", left == 1 ? "was" : "were");
    }
    return EXIT_OK;
}

const cli_command cmd_export = {"export", "export leads as CSV, XLSX or JSON", usage, run};
