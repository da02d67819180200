/* test_script.c: reading the lines of a screen script (core/script.h). */
#include "test_support.h"

#include "core/script.h"

#include <string.h>

static script_step parse_ok(const char *line) {
    script_step st;
    ocop_error err = {{0}};
    int rc = script_parse_line(line, &st, &err);
    if (rc != 1) {
        fail_msg("'%s': %d %s", line, rc, err.msg);
    }
    return st;
}

static const char *parse_bad(const char *line) {
    static ocop_error err;
    script_step st;
    memset(&err, 0, sizeof err);
    if (script_parse_line(line, &st, &err) != -1) {
        fail_msg("'%s' was accepted", line);
    }
    return err.msg;
}

static void every_action_is_read_with_its_arguments(void **state) {
    script_step st = parse_ok("tap 640 -12\n");
    assert_int_equal(st.verb, SCRIPT_TAP_AT);
    assert_int_equal(st.x1, 640);
    assert_int_equal(st.y1, -12);
    st = parse_ok("  tap \"Tìm kiếm\"  \r\n");
    assert_int_equal(st.verb, SCRIPT_TAP_LABEL);
    assert_string_equal(st.text, "Tìm kiếm");
    st = parse_ok("tap Gửi yêu cầu");
    assert_string_equal(st.text, "Gửi yêu cầu");
    st = parse_ok("tap 10 items"); /* two words that are not both numbers are a label */
    assert_int_equal(st.verb, SCRIPT_TAP_LABEL);
    assert_string_equal(st.text, "10 items");
    st = parse_ok("drag 100 700 100 200 400");
    assert_int_equal(st.verb, SCRIPT_DRAG);
    assert_int_equal(st.x2, 100);
    assert_int_equal(st.y2, 200);
    assert_int_equal(st.ms, 400);
    st = parse_ok("type \"\"");
    assert_int_equal(st.verb, SCRIPT_TYPE);
    assert_string_equal(st.text, "");
    st = parse_ok("type mat hoa dua");
    assert_string_equal(st.text, "mat hoa dua");
    st = parse_ok("wait 86400000");
    assert_int_equal(st.verb, SCRIPT_WAIT);
    assert_int_equal(st.ms, 86400000);
    st = parse_ok("shot \"out/a b.png\"");
    assert_int_equal(st.verb, SCRIPT_SHOT);
    assert_string_equal(st.text, "out/a b.png");
}

static void blank_lines_and_comments_are_nothing(void **state) {
    script_step st;
    ocop_error err;
    assert_int_equal(script_parse_line("", &st, &err), 0);
    assert_int_equal(script_parse_line("   \t\r\n", &st, &err), 0);
    assert_int_equal(script_parse_line("# tap 1 2", &st, &err), 0);
}

static void bad_lines_say_what_is_wrong(void **state) {
    assert_non_null(strstr(parse_bad("jump 1 2"), "unknown action 'jump'"));
    assert_non_null(strstr(parse_bad("tap"), "tap needs"));
    assert_non_null(strstr(parse_bad("tap 200000 5"), "outside the screen"));
    assert_non_null(strstr(parse_bad("tap 99999999999999999999 5"), "outside the screen"));
    assert_non_null(strstr(parse_bad("wait 99999999999999999999"), "wait needs"));
    assert_non_null(strstr(parse_bad("drag 1 2 3 4"), "drag needs"));
    assert_non_null(strstr(parse_bad("drag 1 2 3 4 60001"), "drag needs"));
    assert_non_null(strstr(parse_bad("drag 1 2 3 4 5 6"), "drag needs"));
    assert_non_null(strstr(parse_bad("wait -1"), "wait needs"));
    assert_non_null(strstr(parse_bad("wait 10abc"), "wait needs"));
    assert_non_null(strstr(parse_bad("wait 86400001"), "wait needs"));
    assert_non_null(strstr(parse_bad("type \"open"), "no closing quote"));
    assert_non_null(strstr(parse_bad("type \"a\" b"), "after the closing quote"));
    assert_non_null(strstr(parse_bad("shot"), "shot needs a file name"));
    /* A verb with control bytes is shown escaped, on one line. */
    const char *msg = parse_bad("ta\x01p 1 2");
    assert_null(strchr(msg, '\x01'));
    assert_non_null(strstr(msg, "\\x01") ? msg : strstr(msg, "\\u0001"));
}

static void a_line_too_long_is_refused_not_split(void **state) {
    char line[2000];
    memset(line, 'a', sizeof line - 1);
    line[sizeof line - 1] = '\0';
    memcpy(line, "type ", 5);
    assert_non_null(strstr(parse_bad(line), "longer than"));
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_action_is_read_with_its_arguments),
        cmocka_unit_test(blank_lines_and_comments_are_nothing),
        cmocka_unit_test(bad_lines_say_what_is_wrong),
        cmocka_unit_test(a_line_too_long_is_refused_not_split),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
