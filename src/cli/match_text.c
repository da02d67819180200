/* match_text.c: see match_text.h. */
#include "cli/match_text.h"

#include "cli/cli.h"
#include "core/units.h"

#include <cjson/cJSON.h>
#include <stdlib.h>

void match_text_print(const match_result *r, const match_words *w, FILE *out) {
    char why[512], amount[96];
    match_words_summary(r, w, why, sizeof why);
    fprintf(out, "%s\n", why);
    for (int i = 0; i < r->n_lines; i++) {
        const match_line *l = &r->lines[i];
        match_words_why(&l->why, w, why, sizeof why);
        /* The buyer's unit in the output's language: "5,000 boxes", "5.000 hộp". */
        units_format_amount(l->quantity, 3, l->unit, w->lang, amount, sizeof amount);
        fprintf(out, "  %s  %-12s %s  %s, %s (%s)\n      %s\n", l->month, l->product, amount,
                l->name, l->producer, l->province, why);
        if (l->phone[0] || l->email[0]) {
            fprintf(out, "      %s %s\n", l->phone, l->email);
        }
    }
    match_words_reason(&r->reason, w, why, sizeof why);
    if (why[0]) {
        fprintf(out, "%s\n", why);
    }
}

void match_text_print_json(const match_result *r, const match_words *w) {
    cJSON *root = match_result_to_cjson(r);
    match_words_cjson(root, w);
    char *text = cJSON_PrintUnformatted(root);
    OCOP_ASSERT(text != NULL);
    cJSON_Delete(root);
    cli_print_json(text);
    free(text);
}
