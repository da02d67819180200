/* cmd_match.c: `ocop-kiosk match`, the instant match from the shell (a dry run). */
#include "cli/commands.h"
#include "cli/match_text.h"

#include "core/province.h"
#include "core/units.h"
#include "db/match_db.h"

#include <errno.h>
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
    for (int i = 1; i < argc; i++) {
        bool missing = false;
        const char *v;
        if (strcmp(argv[i], "--json") == 0) {
            json = true;
        } else if ((v = cli_option_value(argc, argv, &i, "--product", &missing))) {
            if (!set_field(in.product, sizeof in.product, v)) {
                return cli_fail("match: --product: too long");
            }
        } else if ((v = cli_option_value(argc, argv, &i, "--group", &missing))) {
            if (inquiry_group_key(v, in.group, sizeof in.group) != 0) {
                return cli_fail("match: --group: unknown product group \"%s\" (food, beverages, "
                                "herbal, textiles, handicrafts, ornamental, tourism)",
                                v);
            }
        } else if ((v = cli_option_value(argc, argv, &i, "--query", &missing))) {
            if (!set_field(in.query, sizeof in.query, v)) {
                return cli_fail("match: --query: too long");
            }
        } else if ((v = cli_option_value(argc, argv, &i, "--qty", &missing))) {
            qty = v;
        } else if ((v = cli_option_value(argc, argv, &i, "--unit", &missing))) {
            if (!set_field(in.unit, sizeof in.unit, v)) {
                return cli_fail("match: --unit: too long");
            }
        } else if ((v = cli_option_value(argc, argv, &i, "--months", &missing))) {
            months = v;
        } else if ((v = cli_option_value(argc, argv, &i, "--province", &missing))) {
            if (!set_field(in.buyer_province, sizeof in.buyer_province, v)) {
                return cli_fail("match: --province: too long");
            }
        } else if ((v = cli_option_value(argc, argv, &i, "--min-stars", &missing))) {
            min_stars = v;
        } else if ((v = cli_option_value(argc, argv, &i, "--max-price", &missing))) {
            max_price = v;
        } else if ((v = cli_option_value(argc, argv, &i, "--lang", &missing))) {
            if (strcmp(v, "vi") != 0 && strcmp(v, "en") != 0) {
                return cli_usage_error("match", "--lang must be vi or en");
            }
            str_copy(in.lang, sizeof in.lang, v);
        } else if (missing) {
            return cli_usage_error("match", "%s needs a value", argv[i]);
        } else {
            return cli_usage_error("match", "unknown option or argument '%s'", argv[i]);
        }
        if (missing) {
            return cli_usage_error("match", "%s needs a value", argv[i]);
        }
    }
    if (!in.product[0] && !in.group[0] && !in.query[0]) {
        return cli_usage_error("match", "one of --product, --group or --query is needed");
    }
    if (!qty || !in.unit[0] || !months) {
        return cli_usage_error("match", "--qty, --unit and --months are needed");
    }
    ocop_error err;
    if (units_parse_number(qty, &in.quantity, &err) != 0) {
        return cli_fail("match: --qty: %s", err.msg);
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
    if (min_stars) {
        char *end;
        long n = strtol(min_stars, &end, 10);
        if (*end || end == min_stars || n < 1 || n > 5) {
            return cli_fail("match: --min-stars: must be 1 to 5, not \"%s\"", min_stars);
        }
        in.min_stars = (int)n;
    }
    if (max_price) {
        char *end;
        errno = 0;
        long long n = strtoll(max_price, &end, 10);
        if (errno == ERANGE) {
            return cli_fail("match: --max-price: \"%s\" is too large", max_price);
        }
        if (*end || end == max_price || n < 0) {
            return cli_fail("match: --max-price: must be a whole number of VND, not \"%s\"",
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
    db *d = cli_open_db(env);
    if (!d) {
        return EXIT_FAILED;
    }
    match_result *r = xmalloc(sizeof *r);
    int status = EXIT_OK;
    if (match_db_run(d, &in, clock_now(&env->clock), &env->config, r, &err) != 0) {
        status = cli_fail("%s", err.msg);
    } else if (json) {
        char *text = match_result_to_json(r);
        cli_print_json(text);
        free(text);
    } else {
        match_text_print(r, stdout);
    }
    free(r);
    db_close(d);
    return status;
}

const cli_command cmd_match = {
    .name = "match",
    .summary = "instant match of a quantity against free capacity (dry run)",
    .usage = usage,
    .run = run,
};
