/* ui_look.c: the common look; see ui_look.h. */
#include "ui/ui_look.h"

#include "core/catalog.h"
#include "core/number.h"
#include "core/picture.h"
#include "core/units.h"
#include "ui/ui_draw.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

int look_header_height(const ui_app *a) {
    /* Tall enough for the language and large-text buttons (touch-sized) it carries. */
    int h = ui_px(a, 96), buttons = a->touch_px + 2 * ui_px(a, 16);
    return h > buttons ? h : buttons;
}

int look_header(const ui_app *a, const char *title) {
    const ui_theme *t = &a->theme;
    int h = look_header_height(a);
    ui_draw_rect(a->renderer, (SDL_Rect){0, 0, a->w, h}, t->accent);
    int lh = ui_text_line_height(a->text, UI_FONT_TITLE);
    ui_text_draw(a->text, UI_FONT_TITLE, title, t->accent_text, ui_px(a, 32), (h - lh) / 2,
                 UI_ALIGN_LEFT, a->w / 2);
    return h;
}

int look_more_strip(const ui_app *a, int bottom_px, SDL_Rect *pill) {
    int line_h = ui_text_line_height(a->text, UI_FONT_SMALL);
    int w = ui_text_width(a->text, UI_FONT_SMALL, ui_app_str(a, "common.more_below")) +
            line_h * 3 / 2 + ui_px(a, 32);
    int h = line_h + ui_px(a, 12);
    int top = bottom_px - h - ui_px(a, 12);
    *pill = (SDL_Rect){(a->w - w) / 2, top + ui_px(a, 6), w, h};
    return top;
}

void look_more_pill(const ui_app *a, SDL_Rect pill) {
    const ui_theme *t = &a->theme;
    int line_h = ui_text_line_height(a->text, UI_FONT_SMALL);
    int chevron = line_h * 3 / 4;
    ui_draw_round_rect(a->renderer, pill, pill.h / 2, t->accent);
    float cx = (float)(pill.x + ui_px(a, 12) + chevron / 2);
    float cy = (float)(pill.y + pill.h / 2);
    float half = (float)chevron / 2;
    ui_draw_line(a->renderer, cx - half, cy - half / 2, cx, cy + half / 2, 2.5f, t->accent_text);
    ui_draw_line(a->renderer, cx, cy + half / 2, cx + half, cy - half / 2, 2.5f, t->accent_text);
    ui_text_draw(a->text, UI_FONT_SMALL, ui_app_str(a, "common.more_below"), t->accent_text,
                 pill.x + ui_px(a, 20) + chevron, pill.y + ui_px(a, 6), UI_ALIGN_LEFT,
                 pill.w - chevron - ui_px(a, 24));
}

int look_button_width(const ui_app *a, const char *label) {
    int w = ui_text_width(a->text, UI_FONT_BOLD, label) + ui_px(a, 56);
    return w > a->touch_px ? w : a->touch_px;
}

int look_add_button(ui_app *a, ui_widget_list *l, ui_widget_kind kind, int id, int arg, int x,
                    int y, const char *label) {
    int w = look_button_width(a, label);
    ui_widgets_add(l, kind, id, arg, (SDL_Rect){x, y, w, ui_touch(a, 72)}, label);
    return w;
}

int look_radius(const ui_app *a, ui_widget_kind kind, int height_px) {
    switch (kind) {
    case UI_W_BUTTON:
    case UI_W_PRIMARY:
        return ui_px(a, 14);
    case UI_W_CHIP:
        return height_px / 2;
    case UI_W_KEY:
    case UI_W_FIELD:
        return ui_px(a, 10);
    case UI_W_CHECK:
        return ui_px(a, 8);
    case UI_W_CARD:
        return ui_px(a, 18);
    case UI_W_AREA:
        break;
    }
    return 0;
}

SDL_Rect look_widget_shape(const ui_app *a, const ui_widget *w, int *radius) {
    SDL_Rect r = w->r;
    if (w->kind == UI_W_CHECK) {
        int box = w->r.h < ui_px(a, 56) ? w->r.h : ui_px(a, 56);
        r = (SDL_Rect){w->r.x, w->r.y + (w->r.h - box) / 2, box, box};
    }
    *radius = look_radius(a, w->kind, r.h);
    return r;
}

/* How a widget of `kind` shows a finger on it (ui_theme.h): a card or a field, which hold
 * pictures and typed text, under the pressed shade; the rest inverted. */
static ui_theme_press press_of(ui_widget_kind kind) {
    switch (kind) {
    case UI_W_CARD:
    case UI_W_FIELD:
        return UI_PRESS_SHADE;
    case UI_W_AREA:
        return UI_PRESS_NONE;
    default:
        return UI_PRESS_INVERT;
    }
}

void look_pressed(const ui_app *a, const ui_widget *w) {
    if (press_of(w->kind) != UI_PRESS_SHADE) {
        return;
    }
    int radius;
    SDL_Rect r = look_widget_shape(a, w, &radius);
    SDL_RenderSetClipRect(a->renderer, w->view.w > 0 ? &w->view : NULL);
    ui_draw_round_rect(a->renderer, r, radius, a->theme.pressed);
    SDL_RenderSetClipRect(a->renderer, NULL);
}

SDL_Color look_face(const ui_app *a, SDL_Rect r, int radius, SDL_Color fill, SDL_Color ink,
                    int edge_px, SDL_Color edge, bool pressed) {
    if (!pressed) {
        ui_draw_round_rect(a->renderer, r, radius, fill);
        if (edge_px > 0) {
            ui_draw_round_frame(a->renderer, r, radius, edge_px, edge);
        }
        return ink;
    }
    SDL_Color face, label;
    ui_theme_pressed(&a->theme, UI_PRESS_INVERT, fill, ink, &face, &label);
    ui_draw_round_rect(a->renderer, r, radius, face);
    /* An edgeless face (the main action, a chosen chip) turns light: its own colour edges it,
     * so that it keeps its shape on a light background. */
    ui_draw_round_frame(a->renderer, r, radius, edge_px > 0 ? edge_px : ui_px(a, 4),
                        edge_px > 0 ? edge : fill);
    return label;
}

void look_widget(const ui_app *a, const ui_widget *w) {
    const ui_theme *t = &a->theme;
    int radius;
    SDL_Rect shape = look_widget_shape(a, w, &radius);
    int lh = ui_text_line_height(a->text, UI_FONT_BOLD);
    bool pressed = ui_app_pressed(a, w);
    switch (w->kind) {
    case UI_W_BUTTON:
    case UI_W_PRIMARY:
    case UI_W_CHIP:
    case UI_W_KEY: {
        bool strong = w->kind == UI_W_PRIMARY || w->on;
        SDL_Color fill = w->kind == UI_W_PRIMARY ? t->accent : (w->on ? t->chip_on : t->chip);
        SDL_Color ink = look_face(a, w->r, radius, fill, strong ? t->chip_text_on : t->text,
                                  strong ? 0 : ui_px(a, 2), t->line, pressed);
        ui_text_draw(a->text, UI_FONT_BOLD, w->label, ink, w->r.x + w->r.w / 2,
                     w->r.y + (w->r.h - lh) / 2, UI_ALIGN_CENTER, w->r.w - ui_px(a, 12));
        break;
    }
    case UI_W_CHECK: {
        SDL_Rect b = shape;
        int box = b.w;
        /* The box's face and what is drawn on it: the mark when ticked, else the frame. */
        SDL_Color face = w->on ? t->accent : t->field, mark = w->on ? t->accent_text : t->muted;
        if (pressed) {
            ui_theme_pressed(t, press_of(w->kind), face, mark, &face, &mark);
        }
        ui_draw_round_rect(a->renderer, b, radius, face);
        ui_draw_round_frame(a->renderer, b, radius, ui_px(a, 3), w->on ? t->accent : t->muted);
        if (w->on) {
            ui_draw_check(a->renderer, b, ui_px(a, 6), mark);
        }
        int tx = b.x + box + ui_px(a, 18), tw = w->r.w - box - ui_px(a, 18);
        int lh1 = ui_text_line_height(a->text, UI_FONT_BODY);
        bool one_line = ui_text_width(a->text, UI_FONT_BODY, w->label) <= tw;
        ui_text_draw_wrapped(a->text, UI_FONT_BODY, w->label, t->text, tx,
                             one_line ? b.y + (box - lh1) / 2 : w->r.y, tw, 3);
        break;
    }
    default:
        break;
    }
}

void look_widgets(const ui_app *a, const ui_widget_list *l) {
    for (int i = 0; i < l->count; i++) {
        const ui_widget *w = &l->items[i];
        if (w->kind != UI_W_CARD && w->kind != UI_W_FIELD && w->kind != UI_W_AREA) {
            look_widget(a, w);
        }
    }
}

ui_font_role look_caption_font(const ui_app *a) {
    /* A portrait panel is read from a step away: its captions are as large as its text. */
    return a->h > a->w ? UI_FONT_BODY : UI_FONT_SMALL;
}

void look_field(const ui_app *a, const ui_widget *w, const char *caption, const ui_field *field,
                const char *hint, const char *error, bool focused) {
    const char *text = ui_field_text(field);
    size_t composing = ui_field_composing(field);
    const ui_theme *t = &a->theme;
    ui_font_role cap_font = look_caption_font(a);
    int cap_h = ui_text_line_height(a->text, cap_font);
    if (caption && *caption) {
        ui_text_draw(a->text, cap_font, caption, t->muted, w->r.x, w->r.y - cap_h, UI_ALIGN_LEFT,
                     w->r.w);
    }
    bool bad = error && *error;
    int radius = look_radius(a, UI_W_FIELD, w->r.h);
    ui_draw_round_rect(a->renderer, w->r, radius, t->field);
    ui_draw_round_frame(a->renderer, w->r, radius, ui_px(a, focused ? 4 : 2),
                        bad ? t->warn : (focused ? t->focus : t->line));
    int lh = ui_text_line_height(a->text, UI_FONT_BODY);
    int pad = ui_px(a, 16);
    int tx = w->r.x + pad, ty = w->r.y + (w->r.h - lh) / 2;
    int tw = 0;
    if (text && *text) {
        /* Long text: show its end, where the typing is. */
        int full = ui_text_width(a->text, UI_FONT_BODY, text);
        const char *shown = text;
        while (full > w->r.w - 3 * pad && *shown) {
            shown++;
            while ((*shown & 0xC0) == 0x80) {
                shown++;
            }
            full = ui_text_width(a->text, UI_FONT_BODY, shown);
        }
        tw = ui_text_draw(a->text, UI_FONT_BODY, shown, t->text, tx, ty, UI_ALIGN_LEFT, 0);
        size_t skipped = (size_t)(shown - text);
        if (focused && composing < strlen(text) && composing >= skipped) {
            /* The Telex/VNI word still being composed: underlined, as IMEs show it. */
            char prefix[1100];
            size_t n =
                composing - skipped < sizeof prefix - 1 ? composing - skipped : sizeof prefix - 1;
            memcpy(prefix, shown, n);
            prefix[n] = '\0';
            int x0 = tx + ui_text_width(a->text, UI_FONT_BODY, prefix);
            ui_draw_rect(a->renderer,
                         (SDL_Rect){x0, ty + lh - ui_px(a, 4), tx + tw - x0, ui_px(a, 3)},
                         t->accent);
        }
    } else if (hint && *hint && !focused) {
        ui_text_draw(a->text, UI_FONT_BODY, hint, t->muted, tx, ty, UI_ALIGN_LEFT,
                     w->r.w - 2 * pad);
    }
    if (focused) {
        /* The caret: a bar after the text. */
        ui_draw_rect(a->renderer,
                     (SDL_Rect){tx + tw + ui_px(a, 2), ty + lh / 8, ui_px(a, 3), lh * 3 / 4},
                     t->text);
    }
    if (bad) {
        ui_text_draw(a->text, UI_FONT_SMALL, error, t->warn, w->r.x, w->r.y + w->r.h + ui_px(a, 2),
                     UI_ALIGN_LEFT, w->r.w + ui_px(a, 200));
    }
}

void look_request_picture(ui_app *a, const char *image, const char *picture, const char *group,
                          int w, int h) {
    char path[1024];
    picture_path(a->data_dir, image, picture, group, path, sizeof path);
    ui_images_request(a->images, path, w, h);
}

static uint32_t group_colour(const char *group) {
    static const uint32_t colours[] = {0xF4D9A6, 0xC9E4D6, 0xD5E8B5, 0xE8CFE0,
                                       0xE7D3BE, 0xCFE3F0, 0xF1D0C4};
    for (size_t i = 0; i < catalog_group_count() && i < OCOP_COUNT(colours); i++) {
        if (group && strcmp(group, catalog_group_key_at(i)) == 0) {
            return colours[i];
        }
    }
    return 0xE6E1D5;
}

/* The side of the square an illustration is asked at to cover a w x h frame whole. */
static int cover_side(int w, int h) {
    return w > h ? w : h;
}

void look_request_picture_cover(ui_app *a, const char *image, const char *picture,
                                const char *group, int w, int h) {
    int side = cover_side(w, h);
    look_request_picture(a, image, picture, group, side, side);
}

/* look_picture, and with `cover` look_picture_cover. */
static void draw_picture(const ui_app *a, SDL_Rect r, const char *image, const char *picture,
                         const char *group, bool cover) {
    char path[1024];
    picture_path(a->data_dir, image, picture, group, path, sizeof path);
    int tw = 0, th = 0;
    int ask_w = cover ? cover_side(r.w, r.h) : r.w, ask_h = cover ? cover_side(r.w, r.h) : r.h;
    SDL_Texture *tex = ui_images_lookup(a->images, path, ask_w, ask_h, &tw, &th);
    uint32_t c = group_colour(group);
    if (tex && tw > 0 && th > 0 && ((image && *image) || cover)) {
        /* An organiser's photo fills the frame: its middle, cut to the frame's shape, never
         * stretched (and so does an illustration asked to cover). */
        SDL_Rect src = {0, 0, tw, th};
        if ((long)tw * r.h > (long)th * r.w) {
            src.w = (int)((long)th * r.w / r.h);
            src.x = (tw - src.w) / 2;
        } else {
            src.h = (int)((long)tw * r.h / r.w);
            src.y = (th - src.h) / 2;
        }
        SDL_RenderCopy(a->renderer, tex, &src, &r);
        return;
    }
    if (tex && tw > 0 && th > 0) {
        /* The project's illustrations are shown whole: fitted inside r, keeping the aspect
         * ratio. */
        float s = fminf((float)r.w / tw, (float)r.h / th);
        int dw = (int)(tw * s), dh = (int)(th * s);
        SDL_Rect dst = {r.x + (r.w - dw) / 2, r.y + (r.h - dh) / 2, dw, dh};
        SDL_RenderCopy(a->renderer, tex, NULL, &dst);
        return;
    }
    ui_draw_rect(a->renderer, r,
                 (SDL_Color){(uint8_t)(c >> 16), (uint8_t)(c >> 8), (uint8_t)c, 255});
    /* Placeholder: the group's name on its colour. */
    const char *name = look_group_name(a, group);
    int lh = ui_text_line_height(a->text, UI_FONT_SMALL);
    ui_text_draw(a->text, UI_FONT_SMALL, name, a->theme.muted, r.x + r.w / 2, r.y + (r.h - lh) / 2,
                 UI_ALIGN_CENTER, r.w - ui_px(a, 8));
}

void look_picture(const ui_app *a, SDL_Rect r, const char *image, const char *picture,
                  const char *group) {
    draw_picture(a, r, image, picture, group, false);
}

void look_picture_cover(const ui_app *a, SDL_Rect r, const char *image, const char *picture,
                        const char *group) {
    draw_picture(a, r, image, picture, group, true);
}

const char *look_group_name(const ui_app *a, const char *group) {
    const char *name =
        group && *group ? catalog_group_name(group, a->lang == UI_LANG_EN ? "en" : "vi") : NULL;
    return name ? name : ui_app_str(a, "groups.other");
}

int look_text_stars(const ui_app *a, ui_font_role role, const char *s, SDL_Color color, int x,
                    int y, int max_w) {
    static const char star[] = "\xE2\x98\x85"; /* U+2605 */
    int lh = ui_text_line_height(a->text, role);
    int size = lh * 3 / 5;
    int cx = x, end = max_w > 0 ? x + max_w : 1 << 30;
    char seg[512];
    while (*s && cx < end) {
        const char *next = strstr(s, star);
        size_t n = next ? (size_t)(next - s) : strlen(s);
        if (n > 0) {
            if (n >= sizeof seg) {
                n = sizeof seg - 1;
            }
            memcpy(seg, s, n);
            seg[n] = '\0';
            str_utf8_trim(seg, n, n);
            cx += ui_text_draw(a->text, role, seg, color, cx, y, UI_ALIGN_LEFT, end - cx);
        }
        if (!next) {
            break;
        }
        if (cx + size <= end) {
            ui_draw_star(a->renderer, cx + size * 0.55f, y + lh * 0.5f, size * 0.5f, a->theme.star);
        }
        cx += size + size / 8;
        s = next + strlen(star);
    }
    return cx - x;
}

void look_vnd(char *out, size_t cap, int64_t vnd, ui_lang lang) {
    char grouped[48];
    number_format_whole(vnd < 0 ? 0 : vnd, lang != UI_LANG_EN, grouped, sizeof grouped);
    str_format(out, cap, "%s \xE2\x82\xAB", grouped);
}

void look_qty(char *out, size_t cap, double q, ui_lang lang) {
    number_format_human(q, 2, lang != UI_LANG_EN, out, cap);
}

void look_count(const ui_app *a, char *out, size_t cap, const char *key, long n) {
    char one[96], num[32];
    str_format(one, sizeof one, "%s_one", key);
    look_qty(num, sizeof num, (double)n, a->lang);
    bool singular = n == 1 && ui_strings_has(a->strings, a->lang, one);
    str_format(out, cap, ui_app_str(a, singular ? one : key), num);
}

const char *look_unit(const ui_app *a, const char *unit, double qty) {
    return units_label(unit, a->lang == UI_LANG_EN ? "en" : "vi", qty);
}

void look_amount(const ui_app *a, char *out, size_t cap, double q, const char *unit) {
    units_format_amount(q, 2, unit, a->lang == UI_LANG_EN ? "en" : "vi", out, cap);
}
