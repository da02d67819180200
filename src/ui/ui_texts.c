/* ui_texts.c: the screen as JSON for tests; see ui_texts.h. */
#include "ui/ui_texts.h"

#include "core/outfile.h"

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

/* One entry; a text partly hidden by a scrolled viewport (`seen` set) also gets "seen", the
 * part of its box on view, as [x, y, w, h]. */
static cJSON *add(cJSON *list, const char *text, SDL_Rect r, bool tappable, bool cut, bool clipped,
                  const SDL_Rect *seen) {
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "text", text);
    cJSON_AddNumberToObject(o, "x", r.x);
    cJSON_AddNumberToObject(o, "y", r.y);
    cJSON_AddNumberToObject(o, "w", r.w);
    cJSON_AddNumberToObject(o, "h", r.h);
    cJSON_AddBoolToObject(o, "tappable", tappable);
    cJSON_AddBoolToObject(o, "cut", cut);
    cJSON_AddBoolToObject(o, "clipped", clipped);
    if (seen) {
        int box[4] = {seen->x, seen->y, seen->w, seen->h};
        cJSON_AddItemToObject(o, "seen", cJSON_CreateIntArray(box, 4));
    }
    cJSON_AddItemToArray(list, o);
    return o;
}

/* The widgets of `l` that lie (at least partly) within `visible`, as much of each as is seen
 * (a widget half under the keyboard is only its upper half to a finger). */
static void add_widgets(cJSON *list, const ui_widget_list *l, SDL_Rect visible) {
    for (int i = 0; i < l->count; i++) {
        const ui_widget *w = &l->items[i];
        SDL_Rect seen, shown = ui_widget_seen(w);
        if (shown.w <= 0 || shown.h <= 0 || !SDL_IntersectRect(&shown, &visible, &seen)) {
            continue;
        }
        add(list, w->label, seen, true, false, seen.w < w->r.w || seen.h < w->r.h, NULL);
    }
}

int ui_texts_write(const ui_app *a, const char *path, ocop_error *err) {
    cJSON *list = cJSON_CreateArray();
    const ui_text_item *items;
    int n = ui_text_recorded(a->text, &items);
    for (int i = 0; i < n; i++) {
        cJSON *o = add(list, items[i].text, items[i].r, false, items[i].cut, items[i].clipped,
                       items[i].clipped ? &items[i].seen : NULL);
        if (items[i].picture) {
            cJSON_AddBoolToObject(o, "picture", true);
        }
    }
    SDL_Rect all = {0, 0, a->w, a->h};
    add_widgets(list, &a->top_widgets, all);
    if (a->kb.visible) {
        add_widgets(list, &a->kb.keys, all);
    }
    if (!a->picker.open && !a->idle_warning) {
        SDL_Rect visible = all;
        if (a->kb.visible) {
            visible.h = a->kb.top_px;
        }
        add_widgets(list, &a->widgets, visible);
    }
    char *json = cJSON_Print(list);
    cJSON_Delete(list);
    if (!json) {
        return error_set(err, "%s: out of memory writing the screen's texts", path);
    }
    size_t len = strlen(json);
    json[len] = '\n'; /* cJSON_Print's terminator becomes the file's last newline */
    int rc = outfile_write_all(path, json, len + 1, err);
    free(json);
    return rc;
}
