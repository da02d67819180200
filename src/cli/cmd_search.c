/* cmd_search.c: `ocop-kiosk search [--min-stars N] [--group G] [--province P] [--json] QUERY…`,
 * the kiosk's product search from the shell (search_db.h does the work). */
#include "cli/commands.h"

#include "core/strbuf.h"
#include "core/utf8.h"
#include "db/search_db.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
    "Usage: ocop-kiosk search [--min-stars N] [--group G] [--province P] [--json]\n"
    "                         [--limit N] [--offset N] [--] QUERY...\n"
    "\n"
    "Finds products as the kiosk's search box does: accents and case do not matter\n"
    "(\"mat hoa dua\" finds \"Mật hoa dừa\"), every word is the start of a word (\"mat ho\"),\n"
    "words of 3+ letters are also found inside words, product codes are found too.\n"
    "Name matches come first, then more stars. No QUERY lists every product.\n"
    "\n"
    "Options:\n"
    "  --min-stars N   only products with at least N stars (1-5)\n"
    "  --group G       food, beverages, herbal, textiles, handicrafts, ornamental, tourism,\n"
    "                  or the Vietnamese name (\"Đồ uống\", \"do uong\", \"Dược liệu\", ...)\n"
    "  --province P    the producer's province, old or new name, accents optional\n"
    "  --limit N       at most N results (default: all)\n"
    "  --offset N      skip the first N results\n"
    "  --json          {\"total\": N, \"results\": [{\"code\", \"name_vi\", \"name_en\", "
    "\"stars\",\n"
    "                  \"group\", \"producer\", \"province\", \"image\", \"picture\"}]}\n"
    "                  picture: the illustration shown when image is empty\n"
    "                  (assets/catalog/images/PICTURE.svg), \"\" for the group's own\n"
    "  --              the rest is the query, even when it starts with '-'\n";

/* Prints `s` in a column `width` code points wide: padded, or cut with "…". */
static void print_cell(const char *s, size_t width) {
    size_t n = utf8_length(s);
    if (n <= width) {
        fputs(s, stdout);
        for (size_t i = n; i < width; i++) {
            fputc(' ', stdout);
        }
        return;
    }
    size_t bytes = 0;
    for (size_t i = 0; i + 1 < width; i++) {
        do {
            bytes++;
        } while (s[bytes] && ((unsigned char)s[bytes] & 0xC0) == 0x80);
    }
    fwrite(s, 1, bytes, stdout);
    fputs("…", stdout);
}

static void print_table(const search_results *res) {
    if (res->total == 0) {
        printf("No product matches.\n");
        return;
    }
    print_cell("CODE", 14);
    fputs("  ", stdout);
    print_cell("STARS", 5);
    fputs("  ", stdout);
    print_cell("NAME", 40);
    fputs("  ", stdout);
    print_cell("GROUP", 11);
    fputs("  ", stdout);
    print_cell("PRODUCER", 32);
    fputs("  PROVINCE\n", stdout);
    for (int i = 0; i < res->count; i++) {
        const product_card *c = &res->items[i];
        char stars[32] = "";
        for (int s = 0; s < c->stars && s < 5; s++) {
            str_append(stars, sizeof stars, "★");
        }
        print_cell(c->code, 14);
        fputs("  ", stdout);
        print_cell(stars, 5);
        fputs("  ", stdout);
        print_cell(c->name_vi, 40);
        fputs("  ", stdout);
        print_cell(c->group, 11);
        fputs("  ", stdout);
        print_cell(c->producer, 32);
        printf("  %s\n", c->province);
    }
    if (res->count < res->total) {
        printf("%d of %d product%s\n", res->count, res->total, res->total == 1 ? "" : "s");
    } else {
        printf("%d product%s\n", res->total, res->total == 1 ? "" : "s");
    }
}

static void print_json(const search_results *res) {
    cJSON *root = cJSON_CreateObject();
    cJSON_AddNumberToObject(root, "total", res->total);
    cJSON *list = cJSON_AddArrayToObject(root, "results");
    for (int i = 0; i < res->count; i++) {
        const product_card *c = &res->items[i];
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "code", c->code);
        cJSON_AddStringToObject(o, "name_vi", c->name_vi);
        cJSON_AddStringToObject(o, "name_en", c->name_en);
        cJSON_AddNumberToObject(o, "stars", c->stars);
        cJSON_AddStringToObject(o, "group", c->group);
        cJSON_AddStringToObject(o, "producer", c->producer);
        cJSON_AddStringToObject(o, "province", c->province);
        cJSON_AddStringToObject(o, "image", c->image);
        cJSON_AddStringToObject(o, "picture", c->picture);
        cJSON_AddItemToArray(list, o);
    }
    char *text = cJSON_PrintUnformatted(root);
    OCOP_ASSERT(text);
    cli_print_json(text);
    cJSON_free(text);
    cJSON_Delete(root);
}

static int run(int argc, char **argv, cli_env *env) {
    if (cli_wants_help(argc, argv, usage)) {
        return EXIT_OK;
    }
    search_filter filter = {0};
    bool json = false;
    int limit = -1, offset = 0;
    strbuf query = {0};
    int status = EXIT_OK;
    enum { O_JSON = 256, O_MIN_STARS, O_LIMIT, O_OFFSET, O_GROUP, O_PROVINCE };
    static const struct option long_options[] = {
        {"json", no_argument, NULL, O_JSON},
        {"min-stars", required_argument, NULL, O_MIN_STARS},
        {"limit", required_argument, NULL, O_LIMIT},
        {"offset", required_argument, NULL, O_OFFSET},
        {"group", required_argument, NULL, O_GROUP},
        {"province", required_argument, NULL, O_PROVINCE},
        {0},
    };
    cli_options o = {.command = "search", .shortopts = "", .longopts = long_options};
    const char *v;
    long long n;
    for (int c; (c = cli_getopt(&o, argc, argv, &v)) != -1;) {
        switch (c) {
        case O_JSON:
            json = true;
            break;
        case O_MIN_STARS:
            if (!cli_parse_int(v, 1, 5, &n)) {
                status = cli_usage_error("search",
                                         "--min-stars needs a number from 1 to 5, not '%s'", v);
                goto done;
            }
            filter.min_stars = (int)n;
            break;
        case O_LIMIT:
        case O_OFFSET:
            if (!cli_parse_int(v, 0, 1000000000, &n)) {
                status = cli_usage_error("search", "%s needs a whole number >= 0, not '%s'",
                                         c == O_LIMIT ? "--limit" : "--offset", v);
                goto done;
            }
            *(c == O_LIMIT ? &limit : &offset) = (int)n;
            break;
        case O_GROUP:
        case O_PROVINCE:
            if (str_blank(v)) {
                status = cli_usage_error("search", "%s needs a value",
                                         c == O_GROUP ? "--group" : "--province");
                goto done;
            }
            if (c == O_GROUP && !search_db_group_key(v)) {
                status = cli_usage_error("search",
                                         "--group: unknown product group '%s' (use food, "
                                         "beverages, herbal, textiles, handicrafts, ornamental, "
                                         "tourism or their Vietnamese names)",
                                         v);
                goto done;
            }
            *(c == O_GROUP ? &filter.group : &filter.province) = v;
            break;
        default:
            status = EXIT_USAGE; /* use -- before a query that starts with '-' */
            goto done;
        }
    }
    for (int i = o.next; i < argc; i++) {
        sb_appendf(&query, "%s%s", query.len ? " " : "", argv[i]);
    }

    /* Bad bytes are bad input, not a query that finds nothing. */
    const struct {
        const char *text;
        const char *what;
    } texts[] = {{sb_str(&query), "QUERY"}, {filter.province, "--province"}};
    for (size_t t = 0; t < OCOP_COUNT(texts); t++) {
        if (texts[t].text && !utf8_valid(texts[t].text, strlen(texts[t].text))) {
            status = cli_fail("search: %s: not valid UTF-8 (at byte %zu)", texts[t].what,
                              utf8_invalid_at(texts[t].text, strlen(texts[t].text)) + 1);
            goto done;
        }
    }

    db *d = cli_open_db(env);
    if (!d) {
        status = EXIT_FAILED;
        goto done;
    }
    search_results res;
    ocop_error err;
    if (search_db_query(d, sb_str(&query), &filter, offset, limit, &res, &err) != 0) {
        status = cli_fail("search: %s", err.msg);
    } else {
        if (json) {
            print_json(&res);
        } else {
            print_table(&res);
        }
        search_results_free(&res);
    }
    db_close(d);
done:
    sb_free(&query);
    return status;
}

const cli_command cmd_search = {"search", "find products as the kiosk does (accents optional)",
                                usage, run};
