/* cmd_match.c: `ocop-kiosk match`, the instant match from the shell (a dry run). */
#include "cli/commands.h"
#include "cli/match_text.h"

#include "core/province.h"
#include "core/units.h"
#include "db/match_db.h"
#include "ui/ui_strings.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char usage[] =
    "Usage: ocop-kiosk match (--product CODE|--group G|--query TEXT) --qty Q --unit U\n"
    "                        --months YYYY-MM[..YYYY-MM] [--province P] [--min-stars N]\n"
    "                        [--max-price VND] [--lang vi|en] [--json]\n\n"
    "The instant match the kiosk shows, as a dry run: which producers can supply the\n"
    "quantity in the months asked, how much each, and why; nothing is written.\n"
    "  --product CODE     one product; --group G a product group (food, beverages, herbal,\n"
    "                     textiles, handicrafts, ornamental, tourism or the Vietnamese name);\n"
    "                     --query TEXT products whose name holds these words\n"
    "  --qty Q --unit U   how much, in any unit (kg, tấn, l, chai …; \"0,5\" is fine)\n"
    "  --months M[..M2]   one month, or an inclusive window\n"
    "  --province P       the buyer's province (nearer producers first)\n"
    "  --min-stars N      1–5;  --max-price VND  per sale unit\n"
    "  --lang vi|en       language of the explanations (default: kiosk.ini)\n"
    "  --json             {\"requested\", \"unit\", \"base_unit\", \"covered\", \"unmet\", "
    "\"lines\"}\n";

static bool set_field(char *dst, size_t cap, const char *value) {
    return str_copy(dst, cap, value);
}

static int run(int argc, char **argv, cli_env *env) {
    if (cli_wants_help(argc, argv, usage)) {
        return EXIT_OK;
    }
    inquiry_request in = {0};
    str_copy(in.lang, sizeof in.lang, env->config.lang);
    bool json = false;
    const char *qty = NULL, *months = NULL, *min_stars = NULL, *max_price = NULL;
    enum {
        O_JSON = 256,
        O_PRODUCT,
        O_GROUP,
        O_QUERY,
        O_QTY,
        O_UNIT,
        O_MONTHS,
        O_PROVINCE,
        O_MIN_STARS,
        O_MAX_PRICE,
        O_LANG
    };
    static const struct option long_options[] = {
        {"json", no_argument, NULL, O_JSON},
        {"product", required_argument, NULL, O_PRODUCT},
        {"group", required_argument, NULL, O_GROUP},
        {"query", required_argument, NULL, O_QUERY},
        {"qty", required_argument, NULL, O_QTY},
        {"unit", required_argument, NULL, O_UNIT},
        {"months", required_argument, NULL, O_MONTHS},
        {"province", required_argument, NULL, O_PROVINCE},
        {"min-stars", required_argument, NULL, O_MIN_STARS},
        {"max-price", required_argument, NULL, O_MAX_PRICE},
        {"lang", required_argument, NULL, O_LANG},
        {0},
    };
    cli_options o = {.command = "match", .shortopts = "", .longopts = long_options};
    const char *v;
    for (int c; (c = cli_getopt(&o, argc, argv, &v)) != -1;) {
        char *field = NULL;
        size_t cap = 0;
        switch (c) {
        case O_JSON:
            json = true;
            break;
        case O_PRODUCT:
            field = in.product, cap = sizeof in.product;
            break;
        case O_GROUP:
            if (inquiry_group_key(v, in.group, sizeof in.group) != 0) {
                return cli_usage_error("match",
                                       "--group: unknown product group \"%s\" (food, beverages, "
                                       "herbal, textiles, handicrafts, ornamental, tourism)",
                                       v);
            }
            break;
        case O_QUERY:
            field = in.query, cap = sizeof in.query;
            break;
        case O_QTY:
            qty = v;
            break;
        case O_UNIT:
            field = in.unit, cap = sizeof in.unit;
            break;
        case O_MONTHS:
            months = v;
            break;
        case O_PROVINCE:
            field = in.buyer_province, cap = sizeof in.buyer_province;
            break;
        case O_MIN_STARS:
            min_stars = v;
            break;
        case O_MAX_PRICE:
            max_price = v;
            break;
        case O_LANG:
            if (strcmp(v, "vi") != 0 && strcmp(v, "en") != 0) {
                return cli_usage_error("match", "--lang must be vi or en");
            }
            str_copy(in.lang, sizeof in.lang, v);
            break;
        default:
            return EXIT_USAGE;
        }
        if (field && !set_field(field, cap, v)) {
            return cli_usage_error("match", "'%.40s…' is too long (%zu bytes at most)", v, cap - 1);
        }
    }
    if (o.next < argc) {
        return cli_usage_error("match", "unexpected argument '%s'", argv[o.next]);
    }
    if (!in.product[0] && !in.group[0] && !in.query[0]) {
        return cli_usage_error("match", "one of --product, --group or --query is needed");
    }
    if (!qty || !in.unit[0] || !months) {
        return cli_usage_error("match", "--qty, --unit and --months are needed");
    }
    ocop_error err;
    if (units_parse_number(qty, &in.quantity, &err) != 0) {
        return cli_fail("match: --qty: %s", err.msg); /* the inquiry's quantity: bad input */
    }
    const char *dots = strstr(months, "..");
    if (dots) {
        if ((size_t)(dots - months) >= sizeof in.month_from || dots[2] == '\0' ||
            !str_copy(in.month_to, sizeof in.month_to, dots + 2)) {
            return cli_fail("match: --months: \"%s\" is not YYYY-MM or YYYY-MM..YYYY-MM", months);
        }
        memcpy(in.month_from, months, (size_t)(dots - months));
        in.month_from[dots - months] = '\0';
    } else if (!str_copy(in.month_from, sizeof in.month_from, months)) {
        return cli_fail("match: --months: \"%s\" is not YYYY-MM or YYYY-MM..YYYY-MM", months);
    }
    long long n;
    if (min_stars) {
        if (!cli_parse_int(min_stars, 1, 5, &n)) {
            return cli_usage_error("match", "--min-stars needs a number from 1 to 5, not '%s'",
                                   min_stars);
        }
        in.min_stars = (int)n;
    }
    if (max_price) {
        if (!cli_parse_int(max_price, 0, INT64_MAX, &n)) {
            return cli_usage_error("match", "--max-price needs a whole number of VND, not '%s'",
                                   max_price);
        }
        in.max_price_vnd = n;
    }
    if (inquiry_validate_request(&in, &err) != 0) {
        return cli_fail("match: %s", err.msg);
    }
    province_place place;
    if (in.buyer_province[0] && !province_find(in.buyer_province, &place)) {
        fprintf(stderr, "ocop-kiosk: match: warning: unknown province \"%s\": distances not used\n",
                in.buyer_province);
    }
    ui_strings *strings = cli_strings_load("match");
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
    int status = EXIT_OK;
    if (match_db_run(d, &in, clock_now(&env->clock), &env->config, r, &err) != 0) {
        status = cli_fail("%s", err.msg);
    } else if (json) {
        match_text_print_json(r, &words);
    } else {
        match_text_print(r, &words, stdout);
    }
    free(r);
    db_close(d);
    ui_strings_destroy(strings);
    return status;
}

const cli_command cmd_match = {
    .name = "match",
    .summary = "instant match of a quantity against free capacity (dry run)",
    .usage = usage,
    .run = run,
};
