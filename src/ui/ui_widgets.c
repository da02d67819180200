/* ui_widgets.c: touchable rectangles; see ui_widgets.h. */
#include "ui/ui_widgets.h"

#include "core/base.h"

#include <string.h>

void ui_widgets_clear(ui_widget_list *l) {
    l->count = 0;
}

ui_widget *ui_widgets_add(ui_widget_list *l, ui_widget_kind kind, int id, int arg, SDL_Rect r,
                          const char *label) {
    OCOP_ASSERT(l->count < UI_WIDGETS_MAX);
    ui_widget *w = &l->items[l->count++];
    w->r = r;
    w->kind = kind;
    w->id = id;
    w->arg = arg;
    w->on = false;
    w->view = (SDL_Rect){0, 0, 0, 0};
    str_copy(w->label, sizeof w->label, label ? label : "");
    return w;
}

SDL_Rect ui_widget_seen(const ui_widget *w) {
    SDL_Rect seen = w->r;
    if (w->view.w > 0 && !SDL_IntersectRect(&w->r, &w->view, &seen)) {
        seen = (SDL_Rect){0, 0, 0, 0};
    }
    return seen;
}

const ui_widget *ui_widgets_hit(const ui_widget_list *l, int x, int y) {
    for (int i = l->count - 1; i >= 0; i--) {
        SDL_Rect r = ui_widget_seen(&l->items[i]);
        if (x >= r.x && y >= r.y && x < r.x + r.w && y < r.y + r.h) {
            return &l->items[i];
        }
    }
    return NULL;
}

const ui_widget *ui_widgets_find(const ui_widget_list *l, const char *text, SDL_Rect clip) {
    for (int i = 0; i < l->count; i++) {
        const ui_widget *w = &l->items[i];
        SDL_Rect inter, seen = ui_widget_seen(w);
        if (seen.w <= 0) {
            continue;
        }
        if (strstr(w->label, text) && SDL_IntersectRect(&seen, &clip, &inter)) {
            return w;
        }
    }
    return NULL;
}
