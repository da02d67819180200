/* test_ui_fonts.c: large text and a new window size re-open the fonts; when that fails (the font
 * files replaced under a running kiosk) the kiosk goes on with the fonts it has instead of
 * aborting. A program of its own: the data folder (OCOP_DATA_DIR, read once per process) is a
 * temporary copy whose fonts the test removes. */
#include "test_support.h"

#include "core/paths.h"
#include "ui/ui_app.h"
#include "ui/ui_platform.h"
#include "ui/ui_text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char data_dir[1024];

static const char *const fonts[] = {"NotoSans-Regular.ttf", "NotoSans-Bold.ttf"};

/* Widths are kept once measured (screens lay out from them every frame): the kept width is the
 * one measured, for every string even when many share a slot, and it follows the fonts when
 * they are opened at another size. */
static void a_kept_width_is_the_measured_one_and_follows_the_font_size(void **state) {
    (void)state;
    ui_platform p;
    ocop_error err;
    ui_platform_options o = {.width = 800, .height = 480, .headless = true};
    if (ui_platform_open(&p, &o, &err) != 0) {
        fail_msg("%s", err.msg);
    }
    ui_text *t = ui_text_create(p.renderer, &err);
    if (!t || ui_text_set_scale(t, 1.0f, false, &err) != 0) {
        fail_msg("%s", err.msg);
    }
    enum { STRINGS = 3000 }; /* several times the slots: many strings share one */
    static int first[STRINGS];
    char s[128];
    for (int pass = 0; pass < 2; pass++) {
        for (int i = 0; i < STRINGS; i++) {
            snprintf(s, sizeof s, "Mật hoa dừa %d%s", i, i % 7 == 0 ? " Trà Vinh" : "");
            int w = ui_text_width(t, (ui_font_role)(i % UI_FONT_COUNT), s);
            assert_true(w > 0);
            if (pass == 0) {
                first[i] = w;
            } else if (w != first[i]) {
                fail_msg("\"%s\": %d px kept, %d px measured", s, w, first[i]);
            }
        }
    }
    /* Longer than what is kept: measured each time, wider than its beginning. */
    memset(s, 'm', 120);
    s[120] = '\0';
    int long_w = ui_text_width(t, UI_FONT_BODY, s);
    s[60] = '\0';
    assert_true(long_w > ui_text_width(t, UI_FONT_BODY, s));
    /* Large text opens the fonts 1.3 times bigger: the same string is wider, then as before. */
    const char *label = "Gửi yêu cầu mua hàng";
    int normal = ui_text_width(t, UI_FONT_BOLD, label);
    assert_int_equal(ui_text_set_scale(t, 1.0f, true, &err), 0);
    int large = ui_text_width(t, UI_FONT_BOLD, label);
    assert_true(large > normal * 6 / 5);
    assert_int_equal(ui_text_set_scale(t, 1.0f, false, &err), 0);
    assert_int_equal(ui_text_width(t, UI_FONT_BOLD, label), normal);
    /* A wrapped height is kept too (the grid's "nothing found" is laid out every frame), for
     * its width: narrower is taller, and asking again at each width gives what was measured. */
    const char *msg = "Không tìm thấy sản phẩm nào. Thử bỏ bớt bộ lọc hoặc gõ từ khác.";
    static const int widths[] = {2000, 300, 600, 300, 2000, 600};
    int heights[OCOP_COUNT(widths)];
    for (size_t i = 0; i < OCOP_COUNT(widths); i++) {
        heights[i] = ui_text_wrapped_height(t, UI_FONT_HEADING, msg, widths[i]);
    }
    int line = ui_text_line_height(t, UI_FONT_HEADING);
    assert_int_equal(heights[0], line);
    assert_true(heights[1] > heights[2] && heights[2] > heights[0]);
    assert_int_equal(heights[3], heights[1]);
    assert_int_equal(heights[4], heights[0]);
    assert_int_equal(heights[5], heights[2]);
    /* And not for another font: the same words in body type take fewer lines at 300 px. */
    assert_true(ui_text_wrapped_height(t, UI_FONT_SMALL, msg, 300) < heights[1]);
    ui_text_destroy(t);
    ui_platform_close(&p);
}

static void losing_the_font_files_keeps_the_kiosk_running(void **state) {
    ui_platform p;
    ocop_error err;
    ui_platform_options o = {.width = 800, .height = 480, .headless = true};
    if (ui_platform_open(&p, &o, &err) != 0) {
        fail_msg("%s", err.msg);
    }
    kiosk_config cfg;
    config_defaults(&cfg);
    db *d = test_open_db(test_demo_db());
    ui_catalog *catalog = ui_catalog_from_db(d);
    ui_app *a = ui_app_create(p.renderer, p.w, p.h, &cfg, catalog, OCOP_SOURCE_DIR, &err);
    if (!a) {
        fail_msg("%s", err.msg);
    }
    ui_app_update(a, 1000);
    ui_app_draw(a);

    /* Large text works while the files are there. */
    ui_app_set_large(a, true);
    assert_true(a->large);
    ui_app_set_large(a, false);
    assert_false(a->large);

    /* An upgrade removes the files the kiosk opened its fonts from. */
    for (size_t i = 0; i < sizeof fonts / sizeof fonts[0]; i++) {
        char path[1100];
        snprintf(path, sizeof path, "%s/fonts/%s", data_dir, fonts[i]);
        assert_int_equal(unlink(path), 0);
    }
    ui_app_set_large(a, true); /* aborted the kiosk before */
    assert_false(a->large);
    ui_app_resize(a, 1280, 800);
    ui_app_update(a, 2000);
    ui_app_draw(a); /* text still draws with the fonts the kiosk has */
    assert_true(ui_app_find(a, cfg.lang[0] == 'e' ? "Touch to start" : "Chạm để bắt đầu") != NULL);

    ui_app_destroy(a);
    ui_catalog_destroy(catalog);
    db_close(d);
    ui_platform_close(&p);
}

int main(void) {
    /* The data folder: the source tree's, with copies of the fonts the test can remove. */
    snprintf(data_dir, sizeof data_dir, "%s", test_tmpdir());
    char path[1100], src[1100];
    snprintf(path, sizeof path, "%s/fonts", data_dir);
    if (mkdir(path, 0700) != 0) {
        return 1;
    }
    for (size_t i = 0; i < sizeof fonts / sizeof fonts[0]; i++) {
        snprintf(src, sizeof src, "%s/fonts/%s", OCOP_SOURCE_DIR, fonts[i]);
        snprintf(path, sizeof path, "%s/fonts/%s", data_dir, fonts[i]);
        test_copy_file(src, path);
    }
    const char *links[] = {"assets", "kiosk-config"};
    for (size_t i = 0; i < sizeof links / sizeof links[0]; i++) {
        snprintf(src, sizeof src, "%s/%s", OCOP_SOURCE_DIR, links[i]);
        snprintf(path, sizeof path, "%s/%s", data_dir, links[i]);
        if (symlink(src, path) != 0) {
            return 1;
        }
    }
    setenv("OCOP_DATA_DIR", data_dir, 1);
    const struct CMUnitTest tests[] = {
        /* Before the fonts are removed. */
        cmocka_unit_test(a_kept_width_is_the_measured_one_and_follows_the_font_size),
        cmocka_unit_test(losing_the_font_files_keeps_the_kiosk_running),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    test_tmpdir_remove();
    return rc;
}
