/* test_grant.c: what the central server's grants mean for a lead (grant.h): the buyer waiting
 * is shown the grants, a provisional hold is confirmed or cut with a note, the match shown is
 * scaled line by line. */
#include "test_support.h"

#include "core/grant.h"

#include <stdlib.h>
#include <string.h>

static grant_line line(const char *code, const char *month, double asked, double granted) {
    grant_line g = {0};
    str_copy(g.product, sizeof g.product, code);
    str_copy(g.month, sizeof g.month, month);
    str_copy(g.base_unit, sizeof g.base_unit, "kg");
    g.asked = asked;
    g.granted = granted;
    return g;
}

static void a_provisional_hold_granted_in_full_is_confirmed_without_a_note(void **state) {
    grant_line lines[] = {line("P1", "2026-12", 30, 30), line("P2", "2026-12", 5, 5)};
    strbuf note = {0};
    assert_string_equal(grant_outcome("provisional", false, lines, 2, &note), "confirmed");
    assert_int_equal(note.len, 0);
    assert_string_equal(grant_outcome(NULL, false, lines, 2, &note), "confirmed");
    sb_free(&note);
}

static void a_provisional_hold_granted_in_part_is_cut_and_the_note_says_what(void **state) {
    grant_line lines[] = {line("P1", "2026-12", 30, 12.5), line("P2", "2027-01", 5, 5),
                          line("P3", "2027-01", 2, 0)};
    strbuf note = {0};
    assert_string_equal(grant_outcome("provisional", false, lines, 3, &note), "cut");
    assert_string_equal(sb_str(&note), "P1 2026-12: 30 → 12.5 kg; P3 2027-01: 2 → 0 kg");
    sb_free(&note);
}

static void the_buyer_waiting_is_shown_the_grants_so_nothing_is_cut(void **state) {
    grant_line lines[] = {line("P1", "2026-12", 30, 10)};
    strbuf note = {0};
    assert_string_equal(grant_outcome(NULL, true, lines, 1, &note), "confirmed");
    assert_int_equal(note.len, 0);
    sb_free(&note);
}

static void a_lead_once_cut_stays_cut_and_keeps_its_note(void **state) {
    grant_line lines[] = {line("P1", "2026-12", 10, 10)};
    strbuf note = {0};
    sb_append(&note, "P1 2026-12: 30 → 10 kg");
    assert_string_equal(grant_outcome("cut", false, lines, 1, &note), "cut");
    assert_string_equal(sb_str(&note), "P1 2026-12: 30 → 10 kg");
    sb_free(&note);
}

static match_result two_line_match(void) {
    match_result r = {0};
    r.requested = 50;
    r.covered = 40;
    r.unmet = 10;
    r.n_lines = 2;
    str_copy(r.lines[0].product, sizeof r.lines[0].product, "P1");
    str_copy(r.lines[0].month, sizeof r.lines[0].month, "2026-12");
    r.lines[0].quantity = r.lines[0].base_quantity = r.lines[0].product_base_quantity = 30;
    str_copy(r.lines[1].product, sizeof r.lines[1].product, "P2");
    str_copy(r.lines[1].month, sizeof r.lines[1].month, "2026-12");
    r.lines[1].quantity = r.lines[1].base_quantity = r.lines[1].product_base_quantity = 10;
    return r;
}

static void the_match_shown_is_scaled_to_the_grants_and_lines_granted_nothing_go(void **state) {
    match_result r = two_line_match();
    grant_line lines[] = {line("P1", "2026-12", 30, 15), line("P2", "2026-12", 10, 0)};
    grant_apply(&r, lines, 2);
    assert_int_equal(r.n_lines, 1);
    assert_string_equal(r.lines[0].product, "P1");
    assert_float_equal(r.lines[0].quantity, 15, 1e-9);
    assert_float_equal(r.lines[0].product_base_quantity, 15, 1e-9);
    assert_float_equal(r.covered, 15, 1e-9);
    assert_float_equal(r.unmet, 35, 1e-9);
}

static void the_recorded_match_json_is_scaled_the_same_way(void **state) {
    match_result r = two_line_match();
    char *json = match_result_to_json(&r);
    grant_line lines[] = {line("P1", "2026-12", 30, 15), line("P2", "2026-12", 10, 0)};
    char *scaled = grant_apply_json(json, lines, 2);
    assert_non_null(scaled);
    assert_non_null(strstr(scaled, "\"covered\":15,"));
    assert_non_null(strstr(scaled, "\"unmet\":35,"));
    assert_non_null(strstr(scaled, "\"product\":\"P1\""));
    assert_null(strstr(scaled, "\"product\":\"P2\""));
    assert_non_null(strstr(scaled, "\"quantity\":15,"));
    assert_null(grant_apply_json("{\"not\": \"a match\"}", lines, 2));
    assert_null(grant_apply_json(NULL, lines, 2));
    free(scaled);
    free(json);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_provisional_hold_granted_in_full_is_confirmed_without_a_note),
        cmocka_unit_test(a_provisional_hold_granted_in_part_is_cut_and_the_note_says_what),
        cmocka_unit_test(the_buyer_waiting_is_shown_the_grants_so_nothing_is_cut),
        cmocka_unit_test(a_lead_once_cut_stays_cut_and_keeps_its_note),
        cmocka_unit_test(the_match_shown_is_scaled_to_the_grants_and_lines_granted_nothing_go),
        cmocka_unit_test(the_recorded_match_json_is_scaled_the_same_way),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
