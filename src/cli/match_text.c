/* match_text.c: see match_text.h. */
#include "cli/match_text.h"

void match_text_print(const match_result *r, FILE *out) {
    fprintf(out, "requested %.3f %s, covered %.3f %s, unmet %.3f %s\n", r->requested, r->base_unit,
            r->covered, r->base_unit, r->unmet, r->base_unit);
    for (int i = 0; i < r->n_lines; i++) {
        const match_line *l = &r->lines[i];
        fprintf(out, "  %s  %-12s %10.3f %-6s %s, %s (%s)\n      %s\n", l->month, l->product,
                l->quantity, l->unit, l->name, l->producer, l->province, l->why);
        if (l->phone[0] || l->email[0]) {
            fprintf(out, "      %s %s\n", l->phone, l->email);
        }
    }
    if (r->reason[0]) {
        fprintf(out, "%s\n", r->reason);
    }
}
