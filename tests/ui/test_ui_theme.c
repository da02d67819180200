/* test_ui_theme.c: the kiosk's colours (ui_theme.c) meet WCAG 2.1 AA: every colour the screens
 * draw on another (ui_theme_pairs) in both themes has at least 4.5:1 for text and 3:1 for large
 * text, control edges and stars; and a pressed widget's face changes by 3:1 while its label
 * stays readable. The colours are read from the theme itself, never copied. */
#include "test_support.h"

#include "ui/ui_theme.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* WCAG 2.1 relative luminance of an sRGB colour. */
static double luminance(SDL_Color c) {
    double channel[3] = {c.r / 255.0, c.g / 255.0, c.b / 255.0};
    for (int i = 0; i < 3; i++) {
        channel[i] =
            channel[i] <= 0.03928 ? channel[i] / 12.92 : pow((channel[i] + 0.055) / 1.055, 2.4);
    }
    return 0.2126 * channel[0] + 0.7152 * channel[1] + 0.0722 * channel[2];
}

static double contrast(SDL_Color a, SDL_Color b) {
    double la = luminance(a), lb = luminance(b);
    return la > lb ? (la + 0.05) / (lb + 0.05) : (lb + 0.05) / (la + 0.05);
}

static void the_contrast_formula_gives_the_wcag_reference_values(void **state) {
    (void)state;
    SDL_Color black = {0, 0, 0, 255}, white = {255, 255, 255, 255}, grey = {0x76, 0x76, 0x76, 255};
    assert_true(fabs(contrast(black, white) - 21.0) < 1e-9);
    assert_true(fabs(contrast(white, white) - 1.0) < 1e-9);
    /* #767676 on white is the usual "just AA" grey: 4.54:1. */
    assert_true(fabs(contrast(grey, white) - 4.54) < 0.01);
}

static void check_theme(bool large) {
    ui_theme t;
    ui_theme_fill(&t, large);
    size_t n;
    const ui_theme_pair *pairs = ui_theme_pairs(&n);
    assert_true(n >= 20); /* text, hints, buttons, errors, borders, stars */
    int failures = 0;
    for (size_t i = 0; i < n; i++) {
        SDL_Color fg = ui_theme_colour(&t, pairs[i].fg), bg = ui_theme_colour(&t, pairs[i].bg);
        double ratio = contrast(fg, bg);
        if (ratio < pairs[i].min_ratio) {
            print_message("%s theme: %s: #%02X%02X%02X on #%02X%02X%02X is %.2f:1, needs %.1f:1\n",
                          large ? "large-text" : "normal", pairs[i].what, fg.r, fg.g, fg.b, bg.r,
                          bg.g, bg.b, ratio, pairs[i].min_ratio);
            failures++;
        }
    }
    assert_int_equal(failures, 0);
}

static void every_colour_pair_of_the_normal_theme_meets_wcag_aa(void **state) {
    (void)state;
    check_theme(false);
}

static void every_colour_pair_of_the_large_text_theme_meets_wcag_aa(void **state) {
    (void)state;
    check_theme(true);
}

/* The least contrast between a widget's face and the same face pressed: the 3:1 WCAG asks of
 * a control's state against its surroundings, which a glance sees. It was 1.45:1 while one
 * translucent shade went over every face, light and dark, and the labels had to stay readable
 * under it. */
#define PRESSED_MIN_RATIO 3.0

static void check_pressed(bool large) {
    ui_theme t;
    ui_theme_fill(&t, large);
    size_t n;
    const ui_theme_pair *pairs = ui_theme_pairs(&n);
    int inverted = 0, shaded = 0, failures = 0;
    for (size_t i = 0; i < n; i++) {
        if (pairs[i].press == UI_PRESS_NONE) {
            continue;
        }
        inverted += pairs[i].press == UI_PRESS_INVERT;
        shaded += pairs[i].press == UI_PRESS_SHADE;
        SDL_Color label = ui_theme_colour(&t, pairs[i].fg), face = ui_theme_colour(&t, pairs[i].bg);
        SDL_Color pressed, pressed_label;
        ui_theme_pressed(&t, pairs[i].press, face, label, &pressed, &pressed_label);
        double change = contrast(pressed, face), readable = contrast(pressed_label, pressed);
        if (change < PRESSED_MIN_RATIO || readable < pairs[i].min_ratio) {
            print_message("%s theme: %s: #%02X%02X%02X pressed is #%02X%02X%02X, %.2f:1 from it "
                          "(needs %.2f:1), its label %.2f:1 on it (needs %.1f:1)\n",
                          large ? "large-text" : "normal", pairs[i].what, face.r, face.g, face.b,
                          pressed.r, pressed.g, pressed.b, change, PRESSED_MIN_RATIO, readable,
                          pairs[i].min_ratio);
            failures++;
        }
    }
    assert_true(inverted >= 6); /* buttons, chosen chips, the main action, keys, check boxes */
    assert_true(shaded >= 2);   /* cards, fields */
    assert_int_equal(failures, 0);
}

/* The shade was black at 60/255 in both themes: on the high-contrast theme's black chosen chip
 * it changed nothing (1.00:1), on its blue main action 1.27:1, on the normal theme's green
 * 1.43:1; then a grey one gave every face 1.45:1 at best. */
static void
a_pressed_face_differs_by_3_to_1_with_a_readable_label_in_the_normal_theme(void **state) {
    (void)state;
    check_pressed(false);
}

static void
a_pressed_face_differs_by_3_to_1_with_a_readable_label_in_the_large_text_theme(void **state) {
    (void)state;
    check_pressed(true);
}

static void the_pairs_name_colours_of_the_theme(void **state) {
    (void)state;
    size_t n;
    const ui_theme_pair *pairs = ui_theme_pairs(&n);
    for (size_t i = 0; i < n; i++) {
        assert_true(pairs[i].fg % sizeof(SDL_Color) == 0 && pairs[i].fg < sizeof(ui_theme));
        assert_true(pairs[i].bg % sizeof(SDL_Color) == 0 && pairs[i].bg < sizeof(ui_theme));
        assert_true(pairs[i].fg != pairs[i].bg);
        assert_true(pairs[i].min_ratio == 4.5 || pairs[i].min_ratio == 3.0);
    }
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_contrast_formula_gives_the_wcag_reference_values),
        cmocka_unit_test(the_pairs_name_colours_of_the_theme),
        cmocka_unit_test(every_colour_pair_of_the_normal_theme_meets_wcag_aa),
        cmocka_unit_test(every_colour_pair_of_the_large_text_theme_meets_wcag_aa),
        cmocka_unit_test(
            a_pressed_face_differs_by_3_to_1_with_a_readable_label_in_the_normal_theme),
        cmocka_unit_test(
            a_pressed_face_differs_by_3_to_1_with_a_readable_label_in_the_large_text_theme),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
