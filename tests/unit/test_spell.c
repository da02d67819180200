/* test_spell.c: typo distances on folded Vietnamese (spell.h). */
#include "test_support.h"

#include "core/spell.h"

#include <string.h>

static void the_budget_grows_with_the_length_of_the_word(void **state) {
    assert_int_equal(spell_budget(1), 0);
    assert_int_equal(spell_budget(2), 0);
    assert_int_equal(spell_budget(3), SPELL_SLIP);
    assert_int_equal(spell_budget(4), SPELL_EDIT);
    assert_int_equal(spell_budget(7), SPELL_EDIT);
    assert_int_equal(spell_budget(8), 2 * SPELL_EDIT);
    assert_int_equal(spell_budget(20), 2 * SPELL_EDIT);
}

static void ordinary_edits_cost_two(void **state) {
    assert_int_equal(spell_distance("rieg", "rieng", 4, false), SPELL_EDIT); /* one dropped */
    assert_int_equal(spell_distance("rieng", "rieng", 4, false), 0);
    assert_int_equal(spell_distance("mang", "mong", 4, false), SPELL_EDIT); /* one changed */
    assert_int_equal(spell_distance("dauu", "dau", 4, false), SPELL_EDIT);  /* one added */
    assert_int_equal(spell_distance("thanhh", "thanh", 4, false), SPELL_EDIT);
    assert_int_equal(spell_distance("mang", "mua", 8, false), 3 * SPELL_EDIT);
}

static void regional_spellings_and_swapped_neighbours_cost_one(void **state) {
    struct {
        const char *typed, *word;
    } slips[] = {
        {"xap", "sap"},    {"sap", "xap"},   {"cha", "tra"}, {"tra", "cha"}, {"dua", "giua"},
        {"gium", "dum"},   {"rung", "dung"}, {"ro", "gio"},  {"lon", "non"}, {"rien", "rieng"},
        {"rieng", "rien"}, {"gat", "gac"},   {"mac", "mat"}, {"ky", "ki"},   {"thuy", "thui"},
        {"hao", "hoa"},    {"tarn", "tran"},
    };
    for (size_t i = 0; i < OCOP_COUNT(slips); i++) {
        int d = spell_distance(slips[i].typed, slips[i].word, 4, false);
        if (d != SPELL_SLIP) {
            fail_msg("%s → %s: %d, expected %d", slips[i].typed, slips[i].word, d, SPELL_SLIP);
        }
    }
}

static void regional_slips_count_only_where_the_sounds_are(void **state) {
    /* s/x, ch/tr, d/gi/r, l/n start a word; n/ng and c/t end one. */
    assert_int_equal(spell_distance("ross", "rosx", 4, false), SPELL_EDIT);
    assert_int_equal(spell_distance("acha", "atra", 4, false), 2 * SPELL_EDIT);
    assert_int_equal(spell_distance("tinha", "tingha", 4, false), SPELL_EDIT);
    assert_int_equal(spell_distance("catu", "cacu", 4, false), SPELL_EDIT);
    assert_int_equal(spell_distance("gat", "gac", 4, true), SPELL_SLIP);  /* the word ends there */
    assert_int_equal(spell_distance("gat", "gach", 4, true), SPELL_EDIT); /* not its end: gac|h */
}

static void a_word_being_typed_is_compared_with_the_start_of_the_other(void **state) {
    assert_int_equal(spell_distance("rie", "rieng", 4, true), 0);
    assert_int_equal(spell_distance("rie", "rieng", 2, false), 3); /* over the limit: max + 1 */
    assert_int_equal(spell_distance("xa", "sap", 1, true), SPELL_SLIP);
    assert_int_equal(spell_distance("sau rieg", "sau riengg", 4, true), SPELL_EDIT);
    assert_int_equal(spell_distance("", "abc", 0, true), 0);
}

static void the_result_stops_at_the_limit(void **state) {
    assert_int_equal(spell_distance("abcdef", "uvwxyz", 2, false), 3);
    assert_int_equal(spell_distance("abc", "abcdefgh", 4, false), 5);
    assert_int_equal(spell_distance("mat", "mat", 0, false), 0);
    assert_int_equal(spell_distance("mat", "mac", 0, false), 1);
    char longer[SPELL_MAX_WORD + 2];
    memset(longer, 'a', sizeof longer - 1);
    longer[sizeof longer - 1] = '\0';
    assert_int_equal(spell_distance(longer, longer, 4, false), 5);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_budget_grows_with_the_length_of_the_word),
        cmocka_unit_test(ordinary_edits_cost_two),
        cmocka_unit_test(regional_spellings_and_swapped_neighbours_cost_one),
        cmocka_unit_test(regional_slips_count_only_where_the_sounds_are),
        cmocka_unit_test(a_word_being_typed_is_compared_with_the_start_of_the_other),
        cmocka_unit_test(the_result_stops_at_the_limit),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
