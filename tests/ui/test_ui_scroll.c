/* test_ui_scroll.c: kinetic scrolling of the browse grid (ui_scroll.c), on a fake clock. */
#include "test_support.h"

#include "ui/ui_scroll.h"

static void drag(ui_scroll *s, float total_dy, uint32_t start_ms, uint32_t ms) {
    ui_scroll_press(s, start_ms);
    int steps = (int)(ms / 16u);
    for (int i = 1; i <= steps; i++) {
        ui_scroll_drag(s, total_dy / steps, start_ms + (uint32_t)i * 16u);
    }
}

static void a_drag_moves_the_content_with_the_finger(void **state) {
    (void)state;
    ui_scroll s = {0};
    ui_scroll_set_max(&s, 5000);
    drag(&s, -300, 1000, 480); /* finger moves up 300 px: content scrolls down 300 px */
    assert_float_equal(s.offset, 300, 0.5);
}

static void a_fast_flick_keeps_moving_after_release_and_comes_to_rest(void **state) {
    (void)state;
    ui_scroll s = {0};
    ui_scroll_set_max(&s, 100000);
    drag(&s, -400, 1000, 160); /* 2500 px/s */
    uint32_t t = 1000 + 160;
    ui_scroll_release(&s, t);
    float at_release = s.offset;
    assert_true(ui_scroll_moving(&s));
    ui_scroll_update(&s, t + 100);
    float after_100 = s.offset;
    assert_true(after_100 > at_release);
    ui_scroll_update(&s, t + 200);
    /* Decelerating: the second 100 ms go less far than the first. */
    assert_true(s.offset - after_100 < after_100 - at_release);
    for (uint32_t ms = 216; ms < 5000; ms += 16) {
        ui_scroll_update(&s, t + ms);
    }
    assert_false(ui_scroll_moving(&s));
    assert_true(s.offset > at_release + 500);
}

static void a_finger_that_stops_before_lifting_does_not_flick(void **state) {
    (void)state;
    ui_scroll s = {0};
    ui_scroll_set_max(&s, 100000);
    drag(&s, -400, 1000, 160);
    ui_scroll_release(&s, 1000 + 160 + 300); /* held still for 300 ms */
    assert_false(ui_scroll_moving(&s));
}

static void a_touch_during_a_flick_stops_it(void **state) {
    (void)state;
    ui_scroll s = {0};
    ui_scroll_set_max(&s, 100000);
    drag(&s, -400, 1000, 160);
    ui_scroll_release(&s, 1160);
    ui_scroll_update(&s, 1200);
    float where = s.offset;
    ui_scroll_press(&s, 1210);
    assert_false(ui_scroll_moving(&s));
    assert_false(ui_scroll_update(&s, 1400));
    assert_float_equal(s.offset, where, 0.01);
}

static void the_offset_never_leaves_zero_to_max(void **state) {
    (void)state;
    ui_scroll s = {0};
    ui_scroll_set_max(&s, 800);
    drag(&s, 500, 1000, 160); /* pulling down at the top */
    assert_float_equal(s.offset, 0, 0.01);
    drag(&s, -5000, 2000, 96); /* a huge flick */
    ui_scroll_release(&s, 2096);
    for (uint32_t t = 2100; t < 6000; t += 16) {
        ui_scroll_update(&s, t);
        assert_true(s.offset >= 0 && s.offset <= 800);
    }
    assert_float_equal(s.offset, 800, 0.01);
    ui_scroll_set_max(&s, 100); /* fewer results after a search */
    assert_float_equal(s.offset, 100, 0.01);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_drag_moves_the_content_with_the_finger),
        cmocka_unit_test(a_fast_flick_keeps_moving_after_release_and_comes_to_rest),
        cmocka_unit_test(a_finger_that_stops_before_lifting_does_not_flick),
        cmocka_unit_test(a_touch_during_a_flick_stops_it),
        cmocka_unit_test(the_offset_never_leaves_zero_to_max),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
