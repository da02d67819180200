/* test_bundle_db.c: a USB update bundle (new kiosk.ini and catalogue) is read from a stick
 * folder, checked without writing anything, and applied all or nothing, on a real SQLite
 * database and real settings files. */
#include "test_support.h"

#include "core/bundle.h"
#include "db/bundle_db.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char catalogue_csv[] =
    "code,name_vi,producer,province,stars,group,unit\n"
    "TV-MHD,Mật hoa dừa,HTX Dừa sáp Cầu Kè,Trà Vinh,4,Thực phẩm,chai\n"
    "LC-MO,Mật ong bạc hà,Công ty Mật ong Bạc Hà,Lào Cai,5,Thực phẩm,kg\n";

typedef struct fixture {
    char dir[512];      /* the test's folder */
    char stick[600];    /* a folder standing for the stick's mount point */
    char settings[600]; /* the kiosk's current kiosk.ini */
    char db_path[600];
    kiosk_config current;
    db *d;
} fixture;

static char *read_all(const char *path) {
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    static char buf[8192];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    return buf;
}

static int count_products(db *d) {
    product_record p;
    ocop_error err;
    return catalog_db_get(d, "TV-MHD", &p, &err) + catalog_db_get(d, "LC-MO", &p, &err);
}

static int setup(void **state) {
    fixture *f = calloc(1, sizeof *f);
    snprintf(f->dir, sizeof f->dir, "%s", test_tmpdir());
    snprintf(f->stick, sizeof f->stick, "%s/STICK", f->dir);
    mkdir(f->stick, 0755);
    snprintf(f->db_path, sizeof f->db_path, "%s/fair.db", f->dir);
    char ini[1024];
    snprintf(ini, sizeof ini,
             "[event]\nname_en = Old fair\n[kiosk]\ndatabase = %s\nidle_seconds = 90\n",
             f->db_path);
    snprintf(f->settings, sizeof f->settings, "%s", test_write_file(f->dir, "kiosk.ini", ini));
    config_defaults(&f->current);
    ocop_error err;
    assert_int_equal(config_load(f->settings, &f->current, &err), 0);
    assert_string_equal(f->current.source_path, f->settings);
    f->d = test_open_db(f->db_path);
    *state = f;
    return 0;
}

static int teardown(void **state) {
    fixture *f = *state;
    db_close(f->d);
    free(f);
    test_tmpdir_remove();
    return 0;
}

/* The stick's kiosk.ini: a new event name and idle time, the same database. */
static void write_stick_settings(fixture *f, const char *extra) {
    char ini[1024];
    snprintf(ini, sizeof ini,
             "[event]\nname_en = New fair\n[kiosk]\ndatabase = %s\nidle_seconds = 60\n%s",
             f->db_path, extra);
    test_write_file(f->stick, "ocop-kiosk.ini", ini);
}

/* The stick's bundle is refused by both the check and the apply with a message holding
 * `why`, and neither the database nor the kiosk's kiosk.ini changed. */
static void expect_refused_and_nothing_changed(fixture *f, const char *why) {
    char before[8192];
    snprintf(before, sizeof before, "%s", read_all(f->settings));
    bundle b;
    ocop_error err;
    assert_int_equal(bundle_read(f->stick, &b, &err), 1);
    bundle_check c;
    assert_int_equal(bundle_db_check(f->d, &b, &f->current, &c, &err), -1);
    assert_non_null(strstr(err.msg, why));
    int products = -1;
    assert_int_equal(bundle_db_apply(f->d, &b, &f->current, &products, &err), -1);
    assert_non_null(strstr(err.msg, why));
    assert_int_equal(count_products(f->d), 0);
    assert_string_equal(read_all(f->settings), before);
    bundle_free(&b);
}

static void a_stick_with_neither_a_catalogue_nor_a_kiosk_ini_holds_no_bundle(void **state) {
    fixture *f = *state;
    test_write_file(f->stick, "notes.txt", "hello\n");
    test_write_file(f->stick, "ocop-capacity.csv", "code,month,quantity,unit\n");
    bundle b;
    ocop_error err;
    assert_int_equal(bundle_read(f->stick, &b, &err), 0);
    bundle_free(&b);
}

static void a_good_bundle_is_shown_without_writing_then_applied_whole(void **state) {
    fixture *f = *state;
    write_stick_settings(f, "");
    test_write_file(f->stick, "ocop-catalog.csv", catalogue_csv);
    char before[8192];
    snprintf(before, sizeof before, "%s", read_all(f->settings));
    bundle b;
    ocop_error err;
    assert_int_equal(bundle_read(f->stick, &b, &err), 1);
    assert_string_equal(b.settings.name, "ocop-kiosk.ini");
    assert_string_equal(b.catalogue.name, "ocop-catalog.csv");
    assert_null(b.capacity.name);

    bundle_check c;
    assert_int_equal(bundle_db_check(f->d, &b, &f->current, &c, &err), 0);
    assert_true(c.has_catalogue);
    assert_int_equal(c.products, 2);
    assert_int_equal(c.stats.products_new, 2);
    assert_int_equal(c.stats.producers_new, 2);
    assert_true(c.has_settings);
    assert_int_equal(c.settings_changed, 2);
    assert_non_null(strstr(sb_str(&c.changes), "event.name_en: \"Old fair\" -> \"New fair\"\n"));
    assert_non_null(strstr(sb_str(&c.changes), "kiosk.idle_seconds: \"90\" -> \"60\"\n"));
    bundle_check_free(&c);
    /* Checking wrote nothing. */
    assert_int_equal(count_products(f->d), 0);
    assert_string_equal(read_all(f->settings), before);

    int products = -1;
    assert_int_equal(bundle_db_apply(f->d, &b, &f->current, &products, &err), 0);
    assert_int_equal(products, 2);
    assert_int_equal(count_products(f->d), 2);
    assert_string_equal(read_all(f->settings), b.settings.text);
    struct stat st;
    assert_int_equal(stat(f->settings, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0600);
    bundle_free(&b);
}

static void a_bad_catalogue_row_refuses_the_whole_bundle_and_keeps_the_settings(void **state) {
    fixture *f = *state;
    write_stick_settings(f, "");
    test_write_file(f->stick, "catalog.csv",
                    "code,name_vi,producer,province,stars,group,unit\n"
                    "TV-MHD,Mật hoa dừa,HTX Dừa sáp Cầu Kè,Trà Vinh,4,Thực phẩm,chai\n"
                    "LC-MO,Mật ong bạc hà,Công ty Mật ong Bạc Hà,Lào Cai,6,Thực phẩm,kg\n");
    expect_refused_and_nothing_changed(f, "catalog.csv:3: stars:");
}

static void a_bad_kiosk_ini_refuses_the_whole_bundle_and_imports_nothing(void **state) {
    fixture *f = *state;
    write_stick_settings(f, "idle_warning_seconds = soon\n");
    test_write_file(f->stick, "ocop-catalog.csv", catalogue_csv);
    expect_refused_and_nothing_changed(f, "ocop-kiosk.ini:6: kiosk.idle_warning_seconds:");
}

static void a_kiosk_ini_naming_another_database_is_refused(void **state) {
    fixture *f = *state;
    test_write_file(f->stick, "kiosk.ini", "[kiosk]\ndatabase = other.db\n");
    test_write_file(f->stick, "ocop-catalog.csv", catalogue_csv);
    expect_refused_and_nothing_changed(f, "database = other.db");
}

static void a_kiosk_ini_alone_replaces_only_the_settings(void **state) {
    fixture *f = *state;
    write_stick_settings(f, "");
    bundle b;
    ocop_error err;
    assert_int_equal(bundle_read(f->stick, &b, &err), 1);
    assert_null(b.catalogue.name);
    bundle_check c;
    assert_int_equal(bundle_db_check(f->d, &b, &f->current, &c, &err), 0);
    assert_false(c.has_catalogue);
    bundle_check_free(&c);
    int products = -1;
    assert_int_equal(bundle_db_apply(f->d, &b, &f->current, &products, &err), 0);
    assert_int_equal(products, 0);
    assert_string_equal(read_all(f->settings), b.settings.text);
    bundle_free(&b);
}

static void a_kiosk_on_built_in_settings_cannot_take_a_kiosk_ini(void **state) {
    fixture *f = *state;
    write_stick_settings(f, "");
    kiosk_config built_in;
    config_defaults(&built_in);
    assert_true(str_copy(built_in.database, sizeof built_in.database, f->db_path));
    bundle b;
    ocop_error err;
    assert_int_equal(bundle_read(f->stick, &b, &err), 1);
    bundle_check c;
    assert_int_equal(bundle_db_check(f->d, &b, &built_in, &c, &err), -1);
    assert_non_null(strstr(err.msg, "built-in settings"));
    bundle_free(&b);
}

static void a_linked_kiosk_ini_on_the_stick_is_refused(void **state) {
    fixture *f = *state;
    char link[700];
    snprintf(link, sizeof link, "%s/kiosk.ini", f->stick);
    assert_int_equal(symlink(f->settings, link), 0);
    bundle b;
    ocop_error err;
    assert_int_equal(bundle_read(f->stick, &b, &err), -1);
    assert_non_null(strstr(err.msg, "symbolic link"));
    bundle_free(&b);
}

static void settings_changes_name_defaults_and_removed_keys(void **state) {
    (void)state;
    strbuf out = {0};
    int n = bundle_settings_changes("[kiosk]\nlang = vi\nid = A\n",
                                    "[kiosk]\nlang = en\n"
                                    "[match]\nhold_days = 7\n",
                                    &out);
    assert_int_equal(n, 3);
    assert_string_equal(sb_str(&out), "kiosk.lang: \"vi\" -> \"en\"\n"
                                      "match.hold_days: (default) -> \"7\"\n"
                                      "kiosk.id: \"A\" -> (default)\n");
    sb_free(&out);
    assert_int_equal(bundle_settings_changes("[a]\nb = 1\n", "[a]\nb = 1\n", &out), 0);
    sb_free(&out);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(
            a_stick_with_neither_a_catalogue_nor_a_kiosk_ini_holds_no_bundle, setup, teardown),
        cmocka_unit_test_setup_teardown(a_good_bundle_is_shown_without_writing_then_applied_whole,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(
            a_bad_catalogue_row_refuses_the_whole_bundle_and_keeps_the_settings, setup, teardown),
        cmocka_unit_test_setup_teardown(
            a_bad_kiosk_ini_refuses_the_whole_bundle_and_imports_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(a_kiosk_ini_naming_another_database_is_refused, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(a_kiosk_ini_alone_replaces_only_the_settings, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(a_kiosk_on_built_in_settings_cannot_take_a_kiosk_ini, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(a_linked_kiosk_ini_on_the_stick_is_refused, setup,
                                        teardown),
        cmocka_unit_test(settings_changes_name_defaults_and_removed_keys),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
