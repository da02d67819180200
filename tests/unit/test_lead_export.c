/* test_lead_export.c: leads to files: atomic 0600 output, local times, split files that hold
 * only consented leads and only their producer's share, file names. */
#include "test_support.h"

#include "core/lead_export.h"
#include "core/outfile.h"
#include "core/strbuf.h"
#include "ui/ui_strings.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static int setup(void **state) {
    *state = (void *)test_tmpdir();
    return 0;
}

static int teardown(void **state) {
    test_tmpdir_remove();
    return 0;
}

static char *slurp(const char *path) {
    FILE *f = fopen(path, "rb");
    if (!f) {
        return NULL;
    }
    strbuf sb = {0};
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0) {
        sb_append_len(&sb, buf, n);
    }
    fclose(f);
    return sb.data ? sb_take(&sb) : xstrdup("");
}

static int mode_of(const char *path) {
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    return (int)(st.st_mode & 0777);
}

static int files_in(const char *dir) {
    DIR *d = opendir(dir);
    assert_non_null(d);
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        n += e->d_name[0] != '.';
    }
    closedir(d);
    return n;
}

/* Three leads: A (consents) matched to two producers, B (no consent) matched to the first,
 * C (consents) matched to nobody. */
static lead_record *three_leads(void) {
    lead_record *r = xcalloc(3, sizeof *r);
    static const char *const ids[] = {"aaaaaaaa-0000-4000-8000-000000000001",
                                      "bbbbbbbb-0000-4000-8000-000000000002",
                                      "cccccccc-0000-4000-8000-000000000003"};
    for (int i = 0; i < 3; i++) {
        str_copy(r[i].id, sizeof r[i].id, ids[i]);
        str_copy(r[i].kiosk, sizeof r[i].kiosk, "K1");
        str_copy(r[i].created_at, sizeof r[i].created_at, "2026-11-29T17:30:00Z");
        str_copy(r[i].group, sizeof r[i].group, "food");
        str_copy(r[i].unit, sizeof r[i].unit, "kg");
        str_copy(r[i].month_from, sizeof r[i].month_from, "2026-12");
        str_copy(r[i].month_to, sizeof r[i].month_to, "2026-12");
        str_copy(r[i].status, sizeof r[i].status, "open");
        r[i].quantity = 10;
        r[i].base_quantity = 10;
        r[i].consent_share = i != 1;
    }
    str_copy(r[0].buyer_name, sizeof r[0].buyer_name, "Buyer A");
    str_copy(r[1].buyer_name, sizeof r[1].buyer_name, "Buyer B");
    str_copy(r[2].buyer_name, sizeof r[2].buyer_name, "Buyer C");
    r[0].match_json = xstrdup(
        "{\"requested\":10,\"unit\":\"kg\",\"base_unit\":\"kg\",\"covered\":10,\"unmet\":0,"
        "\"lines\":[{\"product\":\"P1\",\"producer\":\"HTX Một\",\"province\":\"Bến Tre\","
        "\"month\":\"2026-12\",\"quantity\":6,\"unit\":\"kg\",\"base_quantity\":6,\"why\":\"x\"},"
        "{\"product\":\"P2\",\"producer\":\"Hộ Hai\",\"province\":\"Sơn La\",\"month\":"
        "\"2026-12\",\"quantity\":4,\"unit\":\"kg\",\"base_quantity\":4,\"why\":\"y\"}]}");
    r[1].match_json = xstrdup(
        "{\"requested\":10,\"unit\":\"kg\",\"base_unit\":\"kg\",\"covered\":6,\"unmet\":4,"
        "\"lines\":[{\"product\":\"P1\",\"producer\":\"HTX Một\",\"province\":\"Bến Tre\","
        "\"month\":\"2026-12\",\"quantity\":6,\"unit\":\"kg\",\"base_quantity\":6,\"why\":\"x\"}"
        "]}");
    r[2].match_json = NULL;
    return r;
}

static void free_leads(lead_record *r) {
    lead_list l = {.count = 3, .items = r};
    lead_list_free(&l);
}

static void stored_utc_times_are_shown_in_local_time_with_the_offset(void **state) {
    char buf[40];
    assert_true(lead_export_local_time("2026-11-29T17:30:00Z", 7 * 3600, buf, sizeof buf));
    assert_string_equal(buf, "2026-11-30T00:30:00+07:00");
    assert_true(lead_export_local_time("2026-11-29T17:30:00Z", 0, buf, sizeof buf));
    assert_string_equal(buf, "2026-11-29T17:30:00+00:00");
    assert_true(lead_export_local_time("not a time", 7 * 3600, buf, sizeof buf));
    assert_string_equal(buf, "not a time");
}

static void file_names_are_folded_to_ascii(void **state) {
    char slug[64];
    lead_export_slug("HTX Dừa Sáp Cầu Kè Trà Vinh", slug, sizeof slug);
    assert_string_equal(slug, "htx-dua-sap-cau-ke-tra-vinh");
    lead_export_slug("Đắk Lắk / ../..", slug, sizeof slug);
    assert_string_equal(slug, "dak-lak");
    lead_export_slug("***", slug, sizeof slug);
    assert_string_equal(slug, "unnamed");
    lead_export_slug("abcdefghijklmnop", slug, 8);
    assert_string_equal(slug, "abcdefg");
}

static void an_export_replaces_the_file_whole_with_owner_only_permissions(void **state) {
    char path[512];
    str_format(path, sizeof path, "%s/leads.csv", (const char *)*state);
    test_write_file(*state, "leads.csv", "old contents");
    chmod(path, 0644);
    lead_record *r = three_leads();
    lead_export_options opt = {
        .format = LEAD_FORMAT_CSV, .english = true, .utc_offset_s = 7 * 3600};
    test_export_words(&opt);
    ocop_error err;
    assert_int_equal(lead_export_write(path, r, 3, &opt, &err), 0);
    assert_int_equal(mode_of(path), 0600);
    char *text = slurp(path);
    assert_true(str_starts(text, "\xEF\xBB\xBFInquiry ID,Time,"));
    assert_non_null(strstr(text, "2026-11-30T00:30:00+07:00"));
    assert_non_null(strstr(text, "HTX Một; Hộ Hai"));
    assert_null(strstr(text, "old contents"));
    free(text);
    assert_int_equal(files_in(*state), 1); /* no temporary file left */
    free_leads(r);
}

static void a_failed_export_leaves_nothing_behind(void **state) {
    char path[512];
    str_format(path, sizeof path, "%s/no/such/folder/leads.xlsx", (const char *)*state);
    lead_record *r = three_leads();
    lead_export_options opt = {.format = LEAD_FORMAT_XLSX};
    test_export_words(&opt);
    ocop_error err;
    assert_int_equal(lead_export_write(path, r, 3, &opt, &err), -1);
    assert_non_null(strstr(err.msg, "leads.xlsx"));
    assert_int_equal(files_in(*state), 0);
    free_leads(r);
}

static void per_producer_files_hold_only_consented_leads_and_that_producers_lines(void **state) {
    char dir[512], path[600];
    str_format(dir, sizeof dir, "%s/out", (const char *)*state);
    lead_record *r = three_leads();
    lead_export_options opt = {.format = LEAD_FORMAT_JSON};
    test_export_words(&opt);
    bool exported[3];
    int files = 0;
    ocop_error err;
    assert_int_equal(
        lead_export_split(dir, r, 3, LEAD_SPLIT_PRODUCER, &opt, exported, &files, &err), 0);
    assert_int_equal(files, 2);
    assert_int_equal(files_in(dir), 2);
    assert_true(exported[0]);
    assert_false(exported[1]); /* no consent */
    assert_false(exported[2]); /* no producer */
    assert_int_equal(mode_of(dir), 0700);

    str_format(path, sizeof path, "%s/htx-mot-ben-tre.json", dir);
    assert_int_equal(mode_of(path), 0600);
    char *text = slurp(path);
    assert_non_null(text);
    assert_non_null(strstr(text, "Buyer A"));
    assert_null(strstr(text, "Buyer B"));
    assert_null(strstr(text, "Buyer C"));
    assert_null(strstr(text, "Hộ Hai")); /* the other producer's offer is not shown */
    free(text);
    str_format(path, sizeof path, "%s/ho-hai-son-la.json", dir);
    text = slurp(path);
    assert_non_null(text);
    assert_non_null(strstr(text, "Buyer A"));
    assert_null(strstr(text, "HTX Một"));
    free(text);
    free_leads(r);
}

/* Reads the file's text; an XLSX file is read as its sheets' XML (unzip). */
static char *file_text(const char *path, lead_format format) {
    if (format != LEAD_FORMAT_XLSX) {
        return slurp(path);
    }
    char cmd[800];
    str_format(cmd, sizeof cmd, "unzip -p '%s' 'xl/worksheets/*.xml' xl/sharedStrings.xml", path);
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    strbuf sb = {0};
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, p)) > 0) {
        sb_append_len(&sb, buf, n);
    }
    assert_int_equal(pclose(p), 0);
    return sb_take(&sb);
}

/* A number as the format writes it: a CSV cell, an XLSX value, a JSON member. */
static bool has_number(const char *text, lead_format format, const char *v) {
    char a[64], b[64];
    switch (format) {
    case LEAD_FORMAT_CSV:
        str_format(a, sizeof a, ",%s,", v);
        str_format(b, sizeof b, ",%s\r", v);
        break;
    case LEAD_FORMAT_XLSX:
        /* A number cell; a text cell (t="s") holds an index into the shared strings. */
        str_format(a, sizeof a, "<v>%s</v>", v);
        for (const char *p = strstr(text, a); p; p = strstr(p + 1, a)) {
            if (p - text < 7 || strncmp(p - 7, " t=\"s\">", 7) != 0) {
                return true;
            }
        }
        return false;
    case LEAD_FORMAT_JSON:
        str_format(a, sizeof a, ":\t%s,", v); /* cJSON_Print's layout */
        str_format(b, sizeof b, ":\t%s\n", v);
        break;
    }
    return strstr(text, a) || strstr(text, b);
}

static void a_producers_split_file_shows_no_figure_of_another_producer(void **state) {
    static const lead_format formats[] = {LEAD_FORMAT_CSV, LEAD_FORMAT_XLSX, LEAD_FORMAT_JSON};
    lead_record *r = xcalloc(1, sizeof *r);
    str_copy(r->id, sizeof r->id, "dddddddd-eeee-4fff-8aaa-bbbbbbbbbbbb");
    str_copy(r->kiosk, sizeof r->kiosk, "K1");
    str_copy(r->created_at, sizeof r->created_at, "2026-11-29T16:10:00Z");
    str_copy(r->buyer_name, sizeof r->buyer_name, "Buyer D");
    str_copy(r->group, sizeof r->group, "food");
    str_copy(r->unit, sizeof r->unit, "kg");
    str_copy(r->month_from, sizeof r->month_from, "2026-12");
    str_copy(r->month_to, sizeof r->month_to, "2026-12");
    str_copy(r->status, sizeof r->status, "open");
    r->quantity = 100;
    r->base_quantity = 100;
    r->consent_share = true;
    /* 100 kg asked: HTX Một offers 37, Hộ Hai 21; 58 covered, 42 unmet. */
    r->match_json = xstrdup(
        "{\"requested\":100,\"unit\":\"kg\",\"base_unit\":\"kg\",\"covered\":58,\"unmet\":42,"
        "\"lines\":[{\"product\":\"P1\",\"producer\":\"HTX Một\",\"province\":\"Bến Tre\","
        "\"month\":\"2026-12\",\"quantity\":37,\"unit\":\"kg\",\"base_quantity\":37,"
        "\"why\":\"x\"},{\"product\":\"P2\",\"producer\":\"Hộ Hai\",\"province\":\"Sơn La\","
        "\"month\":\"2026-12\",\"quantity\":21,\"unit\":\"kg\",\"base_quantity\":21,"
        "\"why\":\"y\"}]}");
    for (size_t i = 0; i < OCOP_COUNT(formats); i++) {
        char dir[512], path[600];
        str_format(dir, sizeof dir, "%s/split-%zu", (const char *)*state, i);
        lead_export_options opt = {.format = formats[i], .english = true};
        test_export_words(&opt);
        int files = 0;
        ocop_error err;
        assert_int_equal(
            lead_export_split(dir, r, 1, LEAD_SPLIT_PRODUCER, &opt, NULL, &files, &err), 0);
        assert_int_equal(files, 2);
        str_format(path, sizeof path, "%s/ho-hai-son-la.%s", dir,
                   lead_format_extension(formats[i]));
        char *text = file_text(path, formats[i]);
        assert_non_null(text);
        assert_non_null(strstr(text, "Buyer D"));
        assert_true(has_number(text, formats[i], "21"));  /* its own offer */
        assert_true(has_number(text, formats[i], "100")); /* what the buyer asked */
        /* Nothing of HTX Một: not its offer, nor the lead's totals that include it. */
        assert_null(strstr(text, "HTX M"));
        assert_false(has_number(text, formats[i], "37"));
        assert_false(has_number(text, formats[i], "58"));
        assert_false(has_number(text, formats[i], "42"));
        free(text);
        /* The whole export still shows the lead's totals. */
        str_format(path, sizeof path, "%s/all.%s", dir, lead_format_extension(formats[i]));
        assert_int_equal(lead_export_write(path, r, 1, &opt, &err), 0);
        text = file_text(path, formats[i]);
        assert_true(has_number(text, formats[i], "58"));
        assert_true(has_number(text, formats[i], "42"));
        free(text);
    }
    lead_list l = {.count = 1, .items = r};
    lead_list_free(&l);
}

static void per_province_files_are_named_after_the_province(void **state) {
    char dir[512], path[600];
    str_format(dir, sizeof dir, "%s/prov", (const char *)*state);
    lead_record *r = three_leads();
    lead_export_options opt = {.format = LEAD_FORMAT_CSV};
    test_export_words(&opt);
    int files = 0;
    ocop_error err;
    assert_int_equal(lead_export_split(dir, r, 3, LEAD_SPLIT_PROVINCE, &opt, NULL, &files, &err),
                     0);
    assert_int_equal(files, 2);
    str_format(path, sizeof path, "%s/ben-tre.csv", dir);
    char *text = slurp(path);
    assert_non_null(text);
    assert_non_null(strstr(text, "Buyer A"));
    assert_null(strstr(text, "Buyer B"));
    free(text);
    free_leads(r);
}

static void a_split_into_a_plain_file_is_refused(void **state) {
    const char *file = test_write_file(*state, "afile", "x");
    lead_record *r = three_leads();
    lead_export_options opt = {.format = LEAD_FORMAT_CSV};
    test_export_words(&opt);
    int files = 0;
    ocop_error err;
    assert_int_equal(lead_export_split(file, r, 3, LEAD_SPLIT_PRODUCER, &opt, NULL, &files, &err),
                     -1);
    assert_non_null(strstr(err.msg, "not a folder"));
    free_leads(r);
}

/* The export's words are the string tables' (kiosk-config [export]), not text inside the core:
 * an organiser who rewords a column title in strings_en.ini sees it in the file. */
static void the_exports_words_come_from_the_string_tables(void **state) {
    const char *dir = *state;
    static const char *const files[] = {"strings_vi.ini", "strings_en.ini"};
    for (size_t i = 0; i < OCOP_COUNT(files); i++) {
        char from[600];
        str_format(from, sizeof from, "%s/kiosk-config/%s", OCOP_SOURCE_DIR, files[i]);
        char *text = slurp(from);
        assert_non_null(text);
        strbuf edited = {0};
        const char *at = strstr(text, "\ncol_buyer = ");
        assert_non_null(at);
        sb_append_len(&edited, text, (size_t)(at - text));
        sb_append(&edited, i == 0 ? "\ncol_buyer = Khách mua" : "\ncol_buyer = Purchaser");
        sb_append(&edited, strchr(at + 1, '\n'));
        test_write_file(dir, files[i], sb_str(&edited));
        sb_free(&edited);
        free(text);
    }
    ocop_error err;
    ui_strings *strings = ui_strings_load(dir, &err);
    assert_non_null(strings);
    lead_record *r = three_leads();
    for (int l = 0; l < UI_LANG_COUNT; l++) {
        ui_strings_lang words = {.strings = strings, .lang = (ui_lang)l};
        lead_export_options opt = {.format = LEAD_FORMAT_CSV,
                                   .english = l == UI_LANG_EN,
                                   .words = ui_strings_word,
                                   .words_ctx = &words,
                                   .match_words = ui_strings_word_in,
                                   .match_words_ctx = strings};
        char path[600];
        str_format(path, sizeof path, "%s/leads-%d.csv", dir, l);
        assert_int_equal(lead_export_write(path, r, 3, &opt, &err), 0);
        char *text = slurp(path);
        assert_non_null(strstr(text, l == UI_LANG_EN ? ",Kiosk,Purchaser,Company,"
                                                     : ",Ki-ốt,Khách mua,Công ty,"));
        free(text);
    }
    free_leads(r);
    ui_strings_destroy(strings);
}

/* Every word the export asks for is in both string tables: a missing key would print the key
 * itself ("export.col_buyer") into organisers' files. */
static ui_strings *both_tables;
static const char *word_in_both_tables(const void *ctx, const char *key) {
    assert_true(ui_strings_has(both_tables, UI_LANG_VI, key));
    assert_true(ui_strings_has(both_tables, UI_LANG_EN, key));
    return ui_strings_word(ctx, key);
}

static void every_word_of_the_export_is_in_both_string_tables(void **state) {
    ocop_error err;
    both_tables = ui_strings_load(OCOP_SOURCE_DIR "/kiosk-config", &err);
    assert_non_null(both_tables);
    lead_record *r = three_leads();
    str_copy(r[1].status, sizeof r[1].status, "allocated");
    str_copy(r[2].status, sizeof r[2].status, "closed");
    r[0].min_stars = 4;
    static const lead_format formats[] = {LEAD_FORMAT_CSV, LEAD_FORMAT_XLSX, LEAD_FORMAT_JSON};
    for (int l = 0; l < UI_LANG_COUNT; l++) {
        for (size_t f = 0; f < OCOP_COUNT(formats); f++) {
            ui_strings_lang words = {.strings = both_tables, .lang = (ui_lang)l};
            lead_export_options opt = {.format = formats[f],
                                       .english = l == UI_LANG_EN,
                                       .words = word_in_both_tables,
                                       .words_ctx = &words,
                                       .match_words = ui_strings_word_in,
                                       .match_words_ctx = both_tables};
            char path[600], split[600];
            str_format(path, sizeof path, "%s/all-%d.%s", (const char *)*state, l,
                       lead_format_extension(formats[f]));
            str_format(split, sizeof split, "%s/split-%d-%zu", (const char *)*state, l, f);
            int files;
            assert_int_equal(lead_export_write(path, r, 3, &opt, &err), 0);
            assert_int_equal(
                lead_export_split(split, r, 3, LEAD_SPLIT_PRODUCER, &opt, NULL, &files, &err), 0);
        }
    }
    free_leads(r);
    ui_strings_destroy(both_tables);
    both_tables = NULL;
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(stored_utc_times_are_shown_in_local_time_with_the_offset),
        cmocka_unit_test(file_names_are_folded_to_ascii),
        cmocka_unit_test_setup_teardown(
            an_export_replaces_the_file_whole_with_owner_only_permissions, setup, teardown),
        cmocka_unit_test_setup_teardown(a_failed_export_leaves_nothing_behind, setup, teardown),
        cmocka_unit_test_setup_teardown(
            per_producer_files_hold_only_consented_leads_and_that_producers_lines, setup, teardown),
        cmocka_unit_test_setup_teardown(per_province_files_are_named_after_the_province, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(a_split_into_a_plain_file_is_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(the_exports_words_come_from_the_string_tables, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(every_word_of_the_export_is_in_both_string_tables, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(a_producers_split_file_shows_no_figure_of_another_producer,
                                        setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
