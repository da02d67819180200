/* scr_result.c: (being written) */
#include "ui/screens/screens.h"

#include "ui/ui_look.h"

static void draw(const ui_app *a) {
    look_header(a, ui_app_str(a, "result.title"));
}

const ui_screen scr_result = {"result", NULL, NULL, NULL, NULL, draw};
