/* test_pace.c: the pause a kiosk draining a backlog leaves the central server between batches
 * (pace.h): a buyer's fresh lead is never paused, the last batch is not followed by a pause, and
 * a backlog's pause grows with its batch's server time. */
#include "test_support.h"

#include "core/pace.h"

static void a_buyer_waiting_is_never_paused_however_slow_the_server(void **state) {
    (void)state;
    double slow[] = {0.5, 20, 250, 4000};
    for (size_t i = 0; i < sizeof slow / sizeof slow[0]; i++) {
        pace_batch b = {.buyer_waiting = true, .more_waiting = true, .server_ms = slow[i]};
        assert_true(pace_pause_ms(&b) == 0);
        b.more_waiting = false;
        assert_true(pace_pause_ms(&b) == 0);
    }
}

static void the_last_batch_of_a_push_is_not_followed_by_a_pause(void **state) {
    (void)state;
    pace_batch b = {.buyer_waiting = false, .more_waiting = false, .server_ms = 30};
    assert_true(pace_pause_ms(&b) == 0);
}

static void a_backlog_pauses_k_times_its_batch_so_it_takes_a_bounded_share(void **state) {
    (void)state;
    pace_batch b = {.buyer_waiting = false, .more_waiting = true, .server_ms = 12.5};
    double pause = pace_pause_ms(&b);
    assert_true(pause == PACE_BACKLOG_K * 12.5);
    /* The backlog's share of its kiosk's wall time: its server time over that plus the pause. */
    assert_true(12.5 / (12.5 + pause) <= 1.0 / (1 + PACE_BACKLOG_K) + 1e-12);
    b.server_ms = 25;
    assert_true(pace_pause_ms(&b) == 2 * pause);
}

static void a_batch_without_a_measured_time_is_not_paused(void **state) {
    (void)state;
    pace_batch b = {.buyer_waiting = false, .more_waiting = true, .server_ms = 0};
    assert_true(pace_pause_ms(&b) == 0);
    b.server_ms = -1; /* a clock step backwards */
    assert_true(pace_pause_ms(&b) == 0);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_buyer_waiting_is_never_paused_however_slow_the_server),
        cmocka_unit_test(the_last_batch_of_a_push_is_not_followed_by_a_pause),
        cmocka_unit_test(a_backlog_pauses_k_times_its_batch_so_it_takes_a_bounded_share),
        cmocka_unit_test(a_batch_without_a_measured_time_is_not_paused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
