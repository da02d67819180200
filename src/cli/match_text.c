/* match_text.c: see match_text.h. */
#include "cli/match_text.h"

#include "cli/cli.h"

#include <cjson/cJSON.h>
#include <stdlib.h>

void match_text_print(const match_result *r, const match_words *w, FILE *out) {
    fprintf(out, "requested %.3f %s, covered %.3f %s, unmet %.3f %s\n", r->requested, r->base_unit,
            r->covered, r->base_unit, r->unmet, r->base_unit);
    char why[512];
    for (int i = 0; i < r->n_lines; i++) {
        const match_line *l = &r->lines[i];
        match_words_why(&l->why, w, why, sizeof why);
        fprintf(out, "  %s  %-12s %10.3f %-6s %s, %s (%s)\n      %s\n", l->month, l->product,
                l->quantity, l->unit, l->name, l->producer, l->province, why);
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
