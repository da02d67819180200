/* test_ui_lead.c: one lead per visit at the kiosk, headless on the demo catalogue in a real
 * SQLite file: a double tap on Submit (both taps arrive before the next frame) stores one lead
 * with one set of holds. */
#include "test_support.h"

#include "db/db_internal.h"
#include "ui/screens/screens.h"
#include "ui/ui_app.h"
#include "ui/ui_keyboard.h"
#include "ui/ui_platform.h"

#include <stdlib.h>
#include <string.h>

typedef struct fixture {
    ui_platform p;
    db *d;
    ui_catalog *catalog;
    ui_app *a;
    uint32_t clock;
} fixture;

static void step(fixture *f, uint32_t ms) {
    uint32_t end = f->clock + ms;
    while (f->clock < end) {
        f->clock += 16;
        ui_app_update(f->a, f->clock);
    }
}

static void feed(fixture *f, ui_event_type type, int x, int y) {
    ui_event e = {.type = type, .x = x, .y = y};
    ui_app_event(f->a, &e, f->clock);
}

static const ui_widget *find(fixture *f, const char *label) {
    ui_app_update(f->a, f->clock);
    const ui_widget *w = ui_app_find(f->a, label);
    if (!w) {
        fail_msg("no visible widget \"%s\" on %s", label, f->a->stack[f->a->depth - 1]->name);
    }
    return w;
}

static void tap(fixture *f, const char *label) {
    SDL_Rect seen = ui_widget_seen(find(f, label));
    int x = seen.x + seen.w / 2, y = seen.y + seen.h / 2;
    feed(f, UI_EV_PRESS, x, y);
    step(f, 48);
    feed(f, UI_EV_RELEASE, x, y);
    step(f, 64);
}

static int64_t count(db *d, const char *sql) {
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db_handle(d), sql, -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    int64_t v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

static int setup(void **state) {
    fixture *f = calloc(1, sizeof *f);
    char path[512];
    str_format(path, sizeof path, "%s/kiosk.db", test_tmpdir());
    test_copy_file(test_demo_db(), path); /* imported once for the program */
    f->d = test_open_db(path);
    ocop_error err;
    ui_platform_options o = {.width = 1280, .height = 800, .headless = true};
    if (ui_platform_open(&f->p, &o, &err) != 0) {
        fail_msg("%s", err.msg);
    }
    kiosk_config cfg;
    config_defaults(&cfg);
    str_copy(cfg.lang, sizeof cfg.lang, "en");
    cfg.idle_seconds = 3600;
    f->catalog = ui_catalog_from_db(f->d);
    f->a = ui_app_create(f->p.renderer, f->p.w, f->p.h, &cfg, f->catalog, OCOP_SOURCE_DIR, &err);
    if (!f->a) {
        fail_msg("%s", err.msg);
    }
    f->clock = 1000;
    ui_app_update(f->a, f->clock);
    *state = f;
    return 0;
}

static int teardown(void **state) {
    fixture *f = *state;
    ui_app_destroy(f->a);
    ui_catalog_destroy(f->catalog);
    ui_platform_close(&f->p);
    db_close(f->d);
    free(f);
    test_tmpdir_remove();
    return 0;
}

/* Attract → search → the coconut nectar → its form, filled in. */
static void fill_form(fixture *f) {
    tap(f, "Touch to start");
    tap(f, "Search");
    kb_type(f->a, "mat hoa dua");
    tap(f, "Done");
    tap(f, "Coconut flower nectar");
    tap(f, "Send inquiry");
    assert_int_equal(ui_app_current(f->a), UI_SCREEN_INQUIRY);
    tap(f, "Name");
    kb_type(f->a, "Le Van Binh");
    tap(f, "Phone");
    kb_type(f->a, "0912345678");
    tap(f, "Quantity");
    kb_type(f->a, "20");
    tap(f, "Done");
    tap(f, "Contact me");
    tap(f, "Share with producers");
}

static void a_double_tap_on_submit_stores_one_lead(void **state) {
    fixture *f = *state;
    fill_form(f);
    const ui_widget *w = find(f, "Submit");
    int x = w->r.x + w->r.w / 2, y = w->r.y + w->r.h / 2;
    /* Both taps come in one batch of events, before the frame that changes screens. */
    feed(f, UI_EV_PRESS, x, y);
    feed(f, UI_EV_RELEASE, x, y);
    feed(f, UI_EV_PRESS, x, y);
    feed(f, UI_EV_RELEASE, x, y);
    step(f, 64);
    assert_int_equal(ui_app_current(f->a), UI_SCREEN_RESULT);
    assert_int_equal(count(f->d, "SELECT COUNT(*) FROM inquiry"), 1);
    assert_true(count(f->d, "SELECT COUNT(*) FROM hold") > 0);
    assert_int_equal(count(f->d, "SELECT COUNT(DISTINCT inquiry_id) FROM hold"), 1);
    assert_string_equal(f->a->session->lead_id,
                        (const char *)f->a->session->recorded_id); /* the id shown */
}

static void back_then_submit_edits_the_lead_and_another_product_is_another(void **state) {
    fixture *f = *state;
    fill_form(f);
    tap(f, "Submit");
    assert_int_equal(ui_app_current(f->a), UI_SCREEN_RESULT);
    char first[40];
    str_copy(first, sizeof first, f->a->session->lead_id);
    /* Back to the form: Submit again edits the same lead. */
    tap(f, "Back");
    assert_int_equal(ui_app_current(f->a), UI_SCREEN_INQUIRY);
    tap(f, "Submit");
    assert_string_equal(f->a->session->lead_id, first);
    assert_int_equal(count(f->d, "SELECT COUNT(*) FROM inquiry"), 1);
    /* Another product's form in the same visit is a lead of its own. */
    str_copy(f->a->session->product, sizeof f->a->session->product, "TV-005");
    ui_app_go(f->a, UI_SCREEN_INQUIRY);
    step(f, 64);
    assert_int_equal(ui_app_current(f->a), UI_SCREEN_INQUIRY);
    tap(f, "Submit");
    assert_int_equal(ui_app_current(f->a), UI_SCREEN_RESULT);
    assert_true(f->a->session->lead_id[0] != '\0');
    assert_string_not_equal(f->a->session->lead_id, first);
    assert_int_equal(count(f->d, "SELECT COUNT(*) FROM inquiry"), 2);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(a_double_tap_on_submit_stores_one_lead, setup, teardown),
        cmocka_unit_test_setup_teardown(
            back_then_submit_edits_the_lead_and_another_product_is_another, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
