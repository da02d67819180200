/* test_usb.c: finding USB sticks in a (fake) mount table. */
#include "test_support.h"

#include "core/usb.h"

#include <string.h>

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
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
