/* scr_thanks.c: (being written) */
#include "ui/screens/screens.h"

#include "ui/ui_look.h"

static void draw(const ui_app *a) {
    look_header(a, ui_app_str(a, "thanks.title"));
}

const ui_screen scr_thanks = {"thanks", NULL, NULL, NULL, NULL, draw};
