/* scr_inquiry.c: (being written) */
#include "ui/screens/screens.h"

#include "ui/ui_look.h"

static void draw(const ui_app *a) {
    look_header(a, ui_app_str(a, "inquiry.title"));
}

const ui_screen scr_inquiry = {"inquiry", NULL, NULL, NULL, NULL, draw};

void scr_inquiry_sample(ui_app *a) {
    (void)a;
}

int scr_inquiry_submit(ui_app *a, bool store) {
    (void)store;
    ui_app_go(a, UI_SCREEN_RESULT);
    return 0;
}
