/* test_ui_strings.c: the kiosk's texts (kiosk-config/strings_*.ini, ui_strings.c). */
#include "test_support.h"

#include "core/match_words.h"
#include "ui/ui_strings.h"

#include <dirent.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static ui_strings *load(void) {
    ocop_error err;
    ui_strings *s = ui_strings_load(OCOP_SOURCE_DIR "/kiosk-config", &err);
    if (!s) {
        fail_msg("%s", err.msg);
    }
    return s;
}

static void both_language_files_have_exactly_the_same_keys(void **state) {
    (void)state;
    ui_strings *s = load();
    for (int l = 0; l < UI_LANG_COUNT; l++) {
        int other = 1 - l;
        for (int i = 0; i < ui_strings_count(s, (ui_lang)l); i++) {
            const char *key = ui_strings_key(s, (ui_lang)l, i);
            if (!ui_strings_has(s, (ui_lang)other, key)) {
                fail_msg("%s is in strings_%s.ini but not in strings_%s.ini", key,
                         l == 0 ? "vi" : "en", l == 0 ? "en" : "vi");
            }
        }
    }
    ui_strings_destroy(s);
}

/* Every "section.key" literal in src/ui must be in the files (no text lives in the code). */
static void check_file(const ui_strings *s, const char *path, regex_t *re, int *checked) {
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    char line[4096];
    while (fgets(line, sizeof line, f)) {
        const char *p = line;
        regmatch_t m[2];
        while (regexec(re, p, 2, m, 0) == 0) {
            char key[128];
            int n = (int)(m[1].rm_eo - m[1].rm_so);
            snprintf(key, sizeof key, "%.*s", n, p + m[1].rm_so);
            (*checked)++;
            for (int l = 0; l < UI_LANG_COUNT; l++) {
                if (!ui_strings_has(s, (ui_lang)l, key)) {
                    fail_msg("%s uses \"%s\", missing from strings_%s.ini", path, key,
                             l == 0 ? "vi" : "en");
                }
            }
            p += m[0].rm_eo;
        }
    }
    fclose(f);
}

static void every_key_the_screens_use_is_in_both_files(void **state) {
    (void)state;
    ui_strings *s = load();
    regex_t re;
    assert_int_equal(regcomp(&re,
                             "\"((common|attract|browse|product|inquiry|result|thanks|idle|kb|"
                             "groups|kinds|provinces|organiser)\\.[a-z_0-9]+)\"",
                             REG_EXTENDED),
                     0);
    int checked = 0;
    const char *dirs[] = {OCOP_SOURCE_DIR "/src/ui", OCOP_SOURCE_DIR "/src/ui/screens"};
    for (size_t d = 0; d < 2; d++) {
        DIR *dir = opendir(dirs[d]);
        assert_non_null(dir);
        struct dirent *e;
        while ((e = readdir(dir))) {
            size_t n = strlen(e->d_name);
            if (n > 2 && strcmp(e->d_name + n - 2, ".c") == 0) {
                char path[1024];
                snprintf(path, sizeof path, "%s/%s", dirs[d], e->d_name);
                check_file(s, path, &re, &checked);
            }
        }
        closedir(dir);
    }
    regfree(&re);
    assert_true(checked > 50);
    /* Keys made at run time. */
    const char *kinds[] = {"kinds.cooperative", "kinds.company", "kinds.household", "kinds.other"};
    for (size_t i = 0; i < 4; i++) {
        assert_true(ui_strings_has(s, UI_LANG_VI, kinds[i]));
        assert_true(ui_strings_has(s, UI_LANG_EN, kinds[i]));
    }
    ui_strings_destroy(s);
}

static void a_missing_key_shows_the_key_rather_than_crashing(void **state) {
    (void)state;
    ui_strings *s = load();
    assert_string_equal(ui_str(s, UI_LANG_EN, "nowhere.nothing"), "nowhere.nothing");
    assert_string_equal(ui_str(s, UI_LANG_EN, "attract.touch"), "Touch to start");
    assert_string_equal(ui_str(s, UI_LANG_VI, "attract.touch"), "Chạm để bắt đầu");
    ui_strings_destroy(s);
}

static void an_indented_line_continues_the_value_above(void **state) {
    (void)state;
    const char *dir = test_tmpdir();
    test_write_file(dir, "strings_vi.ini", "[a]\nlong = một hai\n    ba bốn\n");
    test_write_file(dir, "strings_en.ini", "[a]\nlong = one two\n  three\n");
    ocop_error err;
    ui_strings *s = ui_strings_load(dir, &err);
    assert_non_null(s);
    assert_string_equal(ui_str(s, UI_LANG_VI, "a.long"), "một hai ba bốn");
    assert_string_equal(ui_str(s, UI_LANG_EN, "a.long"), "one two three");
    ui_strings_destroy(s);
    test_tmpdir_remove();
}

static void a_broken_file_is_reported_with_its_name_and_line(void **state) {
    (void)state;
    const char *dir = test_tmpdir();
    test_write_file(dir, "strings_vi.ini", "[a]\nx = 1\nthis line has no equals sign\n");
    test_write_file(dir, "strings_en.ini", "[a]\nx = 1\n");
    ocop_error err;
    assert_null(ui_strings_load(dir, &err));
    assert_non_null(strstr(err.msg, "strings_vi.ini:3"));
    test_tmpdir_remove();
}

/* The real files: every key has the same "%s"/"%d" in both languages, in the same order (the
 * program passes the same arguments whatever the language). ui_strings_load checks it. */
static void every_vi_and_en_string_has_the_same_placeholders(void **state) {
    (void)state;
    ocop_error err;
    ui_strings *s = ui_strings_load(OCOP_SOURCE_DIR "/kiosk-config", &err);
    if (!s) {
        fail_msg("%s", err.msg);
    }
    ui_strings_destroy(s);
}

/* A copy of the real files with one placeholder changed, then one missing, is refused with
 * the key named. */
static void a_copy_whose_placeholders_differ_is_refused_naming_the_key(void **state) {
    (void)state;
    static const struct {
        const char *from, *to;
    } breaks[] = {
        {"requested = You need %s %s in %s", "requested = You need %d %s in %s"},
        {"requested = You need %s %s in %s", "requested = You need %s in %s"},
        {"requested = You need %s %s in %s", "requested = You need %s %s in %s (100%%)"},
    };
    const char *dir = test_tmpdir();
    char vi[1024], en[1024];
    snprintf(vi, sizeof vi, "%s/strings_vi.ini", dir);
    snprintf(en, sizeof en, "%s/strings_en.ini", dir);
    test_copy_file(OCOP_SOURCE_DIR "/kiosk-config/strings_vi.ini", vi);
    FILE *f = fopen(OCOP_SOURCE_DIR "/kiosk-config/strings_en.ini", "r");
    assert_non_null(f);
    static char text[65536];
    size_t n = fread(text, 1, sizeof text - 1, f);
    fclose(f);
    text[n] = '\0';
    for (size_t b = 0; b < sizeof breaks / sizeof breaks[0]; b++) {
        char *at = strstr(text, breaks[b].from);
        assert_non_null(at);
        static char broken[65536 + 64];
        snprintf(broken, sizeof broken, "%.*s%s%s", (int)(at - text), text, breaks[b].to,
                 at + strlen(breaks[b].from));
        test_write_file(dir, "strings_en.ini", broken);
        ocop_error err;
        ui_strings *s = ui_strings_load(dir, &err);
        if (b < 2) {
            assert_null(s);
            assert_non_null(strstr(err.msg, "strings_en.ini: result.requested"));
        } else {
            assert_non_null(s); /* "%%" is a percent sign, no placeholder */
            ui_strings_destroy(s);
        }
    }
    test_tmpdir_remove();
}

/* The words of a match (match_words.h) asked through a callback that insists on both files. */
static const ui_strings *match_tables;
static int match_words_asked;
static const char *word_in_both_files(const void *ctx, const char *lang, const char *key) {
    if (!ui_strings_has(match_tables, UI_LANG_VI, key) ||
        !ui_strings_has(match_tables, UI_LANG_EN, key)) {
        fail_msg("%s is not in both strings_vi.ini and strings_en.ini", key);
    }
    match_words_asked++;
    return ui_strings_word_in(ctx, lang, key);
}

static void every_match_reason_code_and_why_has_words_in_both_files(void **state) {
    (void)state;
    ui_strings *s = load();
    match_tables = s;
    for (int i = 0; i < match_words_key_count(); i++) {
        assert_true(ui_strings_has(s, UI_LANG_VI, match_words_key(i)));
        assert_true(ui_strings_has(s, UI_LANG_EN, match_words_key(i)));
    }
    static const char *const langs[] = {"vi", "en"};
    for (size_t l = 0; l < OCOP_COUNT(langs); l++) {
        match_words w = {.word = word_in_both_files, .ctx = s, .lang = langs[l]};
        char text[512];
        for (int code = MATCH_REASON_NONE + 1; code < MATCH_REASON_COUNT; code++) {
            match_reason r = {.code = (match_reason_code)code,
                              .product = "P1",
                              .unit = "hộp",
                              .asked = "chai",
                              .detail = ""};
            if (code == MATCH_REASON_TEXT) {
                str_copy(r.detail, sizeof r.detail, "d");
            }
            match_words_asked = 0;
            match_words_reason(&r, &w, text, sizeof text);
            assert_true(text[0] != '\0');
            /* An older database's words are shown as they are. */
            assert_int_equal(match_words_asked > 0, code != MATCH_REASON_TEXT);
            if (code == MATCH_REASON_UNIT) {
                /* Without the unit it is too close to: the other wording. */
                r.unit[0] = '\0';
                match_words_asked = 0;
                match_words_reason(&r, &w, text, sizeof text);
                assert_int_equal(match_words_asked, 1);
                /* A lead stored before the codes: the units module's message, as it was. */
                str_copy(r.detail, sizeof r.detail, "d");
                match_words_asked = 0;
                match_words_reason(&r, &w, text, sizeof text);
                assert_string_equal(text, "P1: d");
                assert_int_equal(match_words_asked, 0);
            }
        }
        /* Every part of a "why": capped, priced as a range, at a distance; then the others. */
        match_why why = {.stars = 4,
                         .covers_percent = 0,
                         .distance_km = 12,
                         .price_min_vnd = 1000,
                         .price_max_vnd = 2000,
                         .price_unit = "chai",
                         .cap_percent = 50};
        match_words_asked = 0;
        match_words_why(&why, &w, text, sizeof text);
        why = (match_why){.stars = 4,
                          .covers_percent = 60,
                          .same_province = true,
                          .price_min_vnd = 1000,
                          .price_max_vnd = 1000,
                          .price_unit = "chai"};
        match_words_why(&why, &w, text, sizeof text);
        assert_int_equal(match_words_asked, 9);
    }
    ui_strings_destroy(s);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(both_language_files_have_exactly_the_same_keys),
        cmocka_unit_test(every_key_the_screens_use_is_in_both_files),
        cmocka_unit_test(a_missing_key_shows_the_key_rather_than_crashing),
        cmocka_unit_test(an_indented_line_continues_the_value_above),
        cmocka_unit_test(a_broken_file_is_reported_with_its_name_and_line),
        cmocka_unit_test(every_vi_and_en_string_has_the_same_placeholders),
        cmocka_unit_test(every_match_reason_code_and_why_has_words_in_both_files),
        cmocka_unit_test(a_copy_whose_placeholders_differ_is_refused_naming_the_key),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
