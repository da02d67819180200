/* cmd_inquire.c: `ocop-kiosk inquire < INQUIRY.json`, a lead recorded as the kiosk form does. */
#include "cli/commands.h"
#include "cli/match_text.h"

#include "core/strbuf.h"
#include "db/match_db.h"
#include "db/sync.h"
#include "ui/ui_strings.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char usage[] =
    "Usage: ocop-kiosk inquire [--json] < INQUIRY.json\n\n"
    "Records an inquiry (the JSON of DESIGN §5) exactly as the kiosk form does: validates it,\n"
    "matches it against the capacity free at that moment, stores the lead and places instant\n"
    "holds (kiosk.ini [match] hold_days) in one transaction. Prints the new id and the match.\n"
    "With a server in kiosk.ini [sync] url, the server then holds the capacity (the match\n"
    "shown is what it granted), or, when it cannot be reached within [sync] timeout_seconds,\n"
    "the hold is provisional and the notice the kiosk shows the buyer is printed. As text,\n"
    "a line says whether the server holds it (\"hold: confirmed\" / \"hold: provisional\",\n"
    "then the notice), in the inquiry's language.\n"
    "  --json   {\"id\": \"<uuid>\", \"match\": {…as `match --json`…}}, with a server also\n"
    "           \"hold\": \"confirmed\"|\"provisional\" and, when provisional, \"notice\"\n";

/* Reads all of `f` (*len bytes); the caller frees. Returns NULL when it is too big to be an
 * inquiry. */
static char *read_all(FILE *f, size_t *len) {
    enum { MAX_INQUIRY_BYTES = 1 << 20 };
    strbuf sb = {0};
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0) {
        sb_append_len(&sb, buf, n);
        if (sb.len > MAX_INQUIRY_BYTES) {
            sb_free(&sb);
            return NULL;
        }
    }
    *len = sb.len;
    return sb_take(&sb);
}

static int run(int argc, char **argv, cli_env *env) {
    if (cli_wants_help(argc, argv, usage)) {
        return EXIT_OK;
    }
    bool json = false;
    static const struct option long_options[] = {
        {"json", no_argument, NULL, 'j'},
        {0},
    };
    cli_options opts = {.command = "inquire", .shortopts = "", .longopts = long_options};
    const char *v;
    for (int c; (c = cli_getopt(&opts, argc, argv, &v)) != -1;) {
        if (c != 'j') {
            return EXIT_USAGE;
        }
        json = true;
    }
    if (opts.next < argc) {
        return cli_usage_error("inquire",
                               "unexpected argument '%s' (the inquiry is read from standard "
                               "input)",
                               argv[opts.next]);
    }
    size_t len = 0;
    char *text = read_all(stdin, &len);
    if (!text) {
        return cli_fail("inquire: <stdin>: larger than an inquiry can be (1 MiB)");
    }
    inquiry_request in;
    ocop_error err;
    if (inquiry_from_json_len(text, len, &in, &err) != 0) {
        free(text);
        return cli_fail("inquire: <stdin>: %s", err.msg);
    }
    free(text);
    /* The words of the match and of the provisional notice (the result screen's). */
    ui_strings *strings = cli_strings_load("inquire");
    if (!strings) {
        return EXIT_FAILED;
    }
    match_words words = {.word = ui_strings_word_in, .ctx = strings, .lang = in.lang};
    db *d = cli_open_db(env);
    if (!d) {
        ui_strings_destroy(strings);
        return EXIT_FAILED;
    }
    match_result *r = xmalloc(sizeof *r);
    char id[MATCH_DB_ID_SIZE];
    char hold[16];
    int status = EXIT_OK;
    sync_session *session = env->config.sync.url[0] ? sync_session_create(&env->config) : NULL;
    const char *notice = NULL;
    bool recorded = sync_record_inquiry(session, d, &in, clock_now(&env->clock), &env->config, id,
                                        r, hold, &err) == 0;
    if (recorded && strcmp(hold, "provisional") == 0) {
        notice = ui_strings_word_in(strings, in.lang, "result.provisional");
    }
    if (!recorded) {
        status = cli_fail("inquire: %s", err.msg);
    } else if (json) {
        cJSON *root = cJSON_CreateObject();
        cJSON_AddStringToObject(root, "id", id);
        cJSON *match = match_result_to_cjson(r);
        match_words_cjson(match, &words);
        cJSON_AddItemToObject(root, "match", match);
        if (hold[0]) {
            cJSON_AddStringToObject(root, "hold", hold);
        }
        if (notice) {
            cJSON_AddStringToObject(root, "notice", notice);
        }
        char *out = cJSON_PrintUnformatted(root);
        cli_print_json(out);
        free(out);
        cJSON_Delete(root);
    } else {
        printf("%s\n", id);
        match_text_print(r, &words, stdout);
        if (hold[0]) {
            char line[128];
            match_words_hold(hold, &words, line, sizeof line);
            printf("%s\n", line);
            if (notice) { /* its own line: it begins with the same words ("Held provisionally") */
                printf("  %s\n", notice);
            }
        }
    }
    sync_session_destroy(session);
    ui_strings_destroy(strings);
    free(r);
    db_close(d);
    return status;
}

const cli_command cmd_inquire = {
    .name = "inquire",
    .summary = "record an inquiry (JSON on standard input) and hold its match",
    .usage = usage,
    .run = run,
};
