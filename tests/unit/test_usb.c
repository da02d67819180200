/* test_usb.c: finding USB sticks in a (fake) mount table. */
#include "test_support.h"

#include "core/usb.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int setup(void **state) {
    *state = (void *)test_tmpdir();
    return 0;
}

static int teardown(void **state) {
    test_tmpdir_remove();
    return 0;
}

static const char *const roots[] = {"/media", "/run/media"};

static void sticks_under_media_and_run_media_are_found_with_their_labels(void **state) {
    const char *table =
        test_write_file(*state, "mounts",
                        "/dev/sda1 / ext4 rw,relatime 0 0\n"
                        "proc /proc proc rw,nosuid 0 0\n"
                        "tmpfs /run tmpfs rw,nosuid 0 0\n"
                        "/dev/sdb1 /media/kiosk/USB\\040STICK vfat rw,nosuid,nodev,uid=1000 0 0\n"
                        "/dev/sdc1 /run/media/organiser/DATA exfat ro,nosuid 0 0\n"
                        "/dev/sdd1 /mediabackup ext4 rw 0 0\n"
                        "/dev/sde1 /media ext4 rw 0 0\n"
                        "tmpfs /media/ram tmpfs rw 0 0\n"
                        "systemd-1 /media/auto autofs rw 0 0\n");
    usb_drive drives[USB_MAX_DRIVES];
    ocop_error err;
    int n = usb_find_drives(table, roots, 2, drives, USB_MAX_DRIVES, &err);
    assert_int_equal(n, 2);
    assert_string_equal(drives[0].mount_point, "/media/kiosk/USB STICK");
    assert_string_equal(drives[0].label, "USB STICK");
    assert_string_equal(drives[0].device, "/dev/sdb1");
    assert_string_equal(drives[0].fs_type, "vfat");
    assert_true(drives[0].writable);
    assert_string_equal(drives[1].mount_point, "/run/media/organiser/DATA");
    assert_string_equal(drives[1].label, "DATA");
    assert_false(drives[1].writable);
}

static void a_table_without_sticks_gives_none(void **state) {
    const char *table = test_write_file(*state, "mounts", "/dev/sda1 / ext4 rw 0 0\n");
    usb_drive drives[USB_MAX_DRIVES];
    ocop_error err;
    assert_int_equal(usb_find_drives(table, roots, 2, drives, USB_MAX_DRIVES, &err), 0);
    table = test_write_file(*state, "empty", "");
    assert_int_equal(usb_find_drives(table, roots, 2, drives, USB_MAX_DRIVES, &err), 0);
}

static void no_more_drives_than_the_caller_has_room_for_are_returned(void **state) {
    const char *table = test_write_file(*state, "mounts",
                                        "/dev/sdb1 /media/a vfat rw 0 0\n"
                                        "/dev/sdc1 /media/b vfat rw 0 0\n"
                                        "/dev/sdd1 /media/c vfat rw 0 0\n");
    usb_drive drives[2];
    ocop_error err;
    assert_int_equal(usb_find_drives(table, roots, 2, drives, 2, &err), 2);
    assert_string_equal(drives[1].label, "b");
}

static void other_roots_can_be_given_so_that_tests_need_no_real_mounts(void **state) {
    const char *table = test_write_file(*state, "mounts",
                                        "/dev/sdb1 /tmp/fake/media/STICK vfat rw 0 0\n"
                                        "/dev/sdc1 /media/REAL vfat rw 0 0\n");
    const char *fake[] = {"/tmp/fake/media"};
    usb_drive drives[4];
    ocop_error err;
    assert_int_equal(usb_find_drives(table, fake, 1, drives, 4, &err), 1);
    assert_string_equal(drives[0].label, "STICK");
}

static void an_unreadable_mount_table_is_an_error_naming_it(void **state) {
    usb_drive drives[4];
    ocop_error err;
    assert_int_equal(usb_find_drives("/nonexistent/mounts", roots, 2, drives, 4, &err), -1);
    assert_non_null(strstr(err.msg, "/nonexistent/mounts"));
}

/* ---- reading a stick's files ---------------------------------------------------------------- */

static void a_plain_file_on_the_stick_is_read_whole_with_a_nul_after_it(void **state) {
    test_write_file(*state, "catalog.csv", "code,name\nA,b\n");
    char *data = NULL;
    size_t len = 0;
    ocop_error err;
    assert_int_equal(usb_read_file(*state, "catalog.csv", 1000, &data, &len, &err), 1);
    assert_int_equal(len, 14);
    assert_string_equal(data, "code,name\nA,b\n");
    free(data);
}

static void a_missing_file_is_not_an_error(void **state) {
    char *data = NULL;
    size_t len = 0;
    ocop_error err;
    assert_int_equal(usb_read_file(*state, "catalog.csv", 1000, &data, &len, &err), 0);
    assert_null(data);
}

/* The kiosk showed the first line of any file a stick's link pointed to (issue 13 item 5). */
static void a_symbolic_link_on_the_stick_is_refused_not_followed(void **state) {
    char secret[4096], link[4096];
    str_format(secret, sizeof secret, "%s", test_write_file(*state, "secret", "root:x:0:0\n"));
    str_format(link, sizeof link, "%s/catalog.csv", (const char *)*state);
    assert_int_equal(symlink(secret, link), 0);
    char *data = NULL;
    size_t len = 0;
    ocop_error err;
    assert_int_equal(usb_read_file(*state, "catalog.csv", 1000, &data, &len, &err), -1);
    assert_null(data);
    assert_non_null(strstr(err.msg, "catalog.csv: is a symbolic link"));
    assert_null(strstr(err.msg, "root:x"));
}

static void a_fifo_or_a_folder_is_refused_without_waiting(void **state) {
    char path[4096];
    str_format(path, sizeof path, "%s/catalog.csv", (const char *)*state);
    assert_int_equal(mkfifo(path, 0600), 0); /* no writer: a blocking open would hang here */
    char *data = NULL;
    size_t len = 0;
    ocop_error err;
    assert_int_equal(usb_read_file(*state, "catalog.csv", 1000, &data, &len, &err), -1);
    assert_non_null(strstr(err.msg, "is not a plain file (a pipe)"));
    str_format(path, sizeof path, "%s/capacity.csv", (const char *)*state);
    assert_int_equal(mkdir(path, 0700), 0);
    assert_int_equal(usb_read_file(*state, "capacity.csv", 1000, &data, &len, &err), -1);
    assert_non_null(strstr(err.msg, "is not a plain file (a folder)"));
    assert_null(data);
}

static void a_file_larger_than_the_cap_is_refused(void **state) {
    test_write_file(*state, "catalog.csv", "0123456789abcdef");
    char *data = NULL;
    size_t len = 0;
    ocop_error err;
    assert_int_equal(usb_read_file(*state, "catalog.csv", 16, &data, &len, &err), 1);
    free(data);
    data = NULL;
    assert_int_equal(usb_read_file(*state, "catalog.csv", 15, &data, &len, &err), -1);
    assert_null(data);
    assert_non_null(strstr(err.msg, "more than the"));
}

static void only_a_file_name_is_accepted_not_a_path(void **state) {
    char *data = NULL;
    size_t len = 0;
    ocop_error err;
    const char *bad[] = {"../etc/passwd", "a/b", "..", ".", ""};
    for (size_t i = 0; i < OCOP_COUNT(bad); i++) {
        assert_int_equal(usb_read_file(*state, bad[i], 1000, &data, &len, &err), -1);
    }
    assert_null(data);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(
            sticks_under_media_and_run_media_are_found_with_their_labels, setup, teardown),
        cmocka_unit_test_setup_teardown(a_table_without_sticks_gives_none, setup, teardown),
        cmocka_unit_test_setup_teardown(no_more_drives_than_the_caller_has_room_for_are_returned,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(other_roots_can_be_given_so_that_tests_need_no_real_mounts,
                                        setup, teardown),
        cmocka_unit_test(an_unreadable_mount_table_is_an_error_naming_it),
        cmocka_unit_test_setup_teardown(a_plain_file_on_the_stick_is_read_whole_with_a_nul_after_it,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(a_missing_file_is_not_an_error, setup, teardown),
        cmocka_unit_test_setup_teardown(a_symbolic_link_on_the_stick_is_refused_not_followed, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(a_fifo_or_a_folder_is_refused_without_waiting, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(a_file_larger_than_the_cap_is_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(only_a_file_name_is_accepted_not_a_path, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
