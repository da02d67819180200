/* scr_product.c: one product: picture, names, producer, place, stars, certificate (warned when
 * expired), price, minimum order, capacity, description, and "Send inquiry". The page is one
 * body that scrolls between the header and the action bar (a drag anywhere below the header
 * moves it; a bar shows where it is, and a pill says when it goes on below): on a small screen
 * in large text the picture and the facts scroll away and the description gets the height. */
#include "ui/screens/screens.h"

#include "core/units.h"

#include "ui/ui_draw.h"
#include "ui/ui_lead.h"
#include "ui/ui_look.h"
#include "ui/ui_scroll.h"

#include <string.h>

enum { ACT_BACK = 1, ACT_INQUIRE };

typedef struct product_state {
    product_record rec;
    int found; /* 1 found, 0 not, -1 error */
    int capacity_known;
    double declared_base[2]; /* declared capacity this month and next, product base units */
    double free_base[2];     /* what is still free of it */
    char error[256];
    /* The body's layout (update's) in page coordinates: as drawn when not scrolled. */
    SDL_Rect picture;
    SDL_Rect desc;         /* the description's box, as tall as its whole text */
    int bar_y;             /* top of the action bar's buttons */
    SDL_Rect view;         /* the body's viewport on screen: under the header, above the bar or the
                              strip of the "drag up to see more" pill */
    SDL_Rect more;         /* that pill (w = 0: the page fits) */
    SDL_Rect touch;        /* where a finger scrolls the body: all under the header (a drag that
                              starts on a button scrolls and does not press it) */
    const char *laid_text; /* what the layout was made for: text, type size, screen */
    int laid_lh, laid_w, laid_h;
    ui_scroll scroll; /* of the body, when it is taller than its viewport */
} product_state;

static product_state *state_of(const ui_app *a) {
    return a->screen_state[UI_SCREEN_PRODUCT];
}

static void enter(ui_app *a) {
    product_state *st = state_of(a);
    ocop_error err;
    memset(&st->rec, 0, sizeof st->rec);
    st->found = ui_catalog_get(a->catalog, a->session->product, &st->rec, &err);
    if (st->found < 0) {
        str_copy(st->error, sizeof st->error, err.msg);
    }
    st->capacity_known = 0;
    ui_scroll_to(&st->scroll, 0);
    st->laid_text = NULL;
    if (st->found == 1) {
        char month[8];
        ui_app_month(a, 0, month);
        st->capacity_known = ui_lead_capacity(a->catalog, &st->rec, clock_now(&a->clock), month,
                                              st->declared_base, st->free_base, &err) == 1 &&
                             (st->declared_base[0] > 0 || st->declared_base[1] > 0);
    }
    a->dirty = true;
}

static bool event(ui_app *a, const ui_event *e) {
    product_state *st = state_of(a);
    if (e->type != UI_EV_TAP) {
        /* A finger on a page taller than its viewport scrolls it. */
        return st->scroll.max > 0 && ui_app_scroll_touch(a, &st->scroll, st->touch, e);
    }
    const ui_widget *w = ui_widgets_hit(&a->widgets, e->x, e->y);
    if (!w) {
        return false;
    }
    if (w->id == ACT_BACK) {
        ui_app_back(a);
    } else if (w->id == ACT_INQUIRE && st->found == 1) {
        ui_app_go(a, UI_SCREEN_INQUIRY);
    }
    return true;
}

static const char *description(const ui_app *a, const product_record *p);
static SDL_Rect text_column(const ui_app *a, const product_state *st, bool paint);

/* Lays the body out (st->picture, st->desc, st->view, st->more) for the screen, with the
 * action bar at st->bar_y. The picture's frame starts below the header at `top`. Portrait: across
 * the whole width, as tall as its width when the text below it leaves at least 4 lines of the
 * description (or all of it when shorter) on view before any scrolling, never under a third of
 * its width. Landscape: a square beside the text, at most 34 % of the width and 45 % of the
 * height. Whatever does not fit above the bar scrolls. */
static void layout(ui_app *a, product_state *st, int top) {
    int pad = ui_px(a, 32), header = look_header_height(a);
    int bar_top = st->bar_y - pad / 4;
    SDL_Rect pill;
    int strip_top = look_more_strip(a, bar_top, &pill);
    if (a->h > a->w) {
        int pw = a->w - 2 * pad;
        st->picture = (SDL_Rect){pad, top, pw, 0};
        SDL_Rect d = text_column(a, st, false); /* where the text below it would end */
        int lines = 4 * ui_text_line_height(a->text, UI_FONT_BODY);
        int ph = strip_top - d.y - (d.h < lines ? d.h : lines);
        ph = ph < pw ? ph : pw;
        st->picture.h = ph > pw / 3 ? ph : pw / 3;
    } else {
        /* At most 45 % of the height: on a short screen the text beside it needs the width. */
        int side = a->w * 34 / 100 < a->h * 45 / 100 ? a->w * 34 / 100 : a->h * 45 / 100;
        int avail = st->bar_y - pad - top;
        side = side < avail ? side : avail;
        st->picture = (SDL_Rect){pad, top, side, side};
    }
    st->desc = text_column(a, st, false);
    int page_bottom = st->desc.y + st->desc.h + pad;
    st->touch = (SDL_Rect){0, header, a->w, a->h - header};
    if (page_bottom <= bar_top) {
        st->view = (SDL_Rect){0, header, a->w, bar_top - header};
        st->more = (SDL_Rect){0, 0, 0, 0};
        ui_scroll_set_max(&st->scroll, 0);
        return;
    }
    st->view = (SDL_Rect){0, header, a->w, strip_top - header};
    st->more = pill;
    ui_scroll_set_max(&st->scroll, (float)(page_bottom - strip_top));
}

static void update(ui_app *a) {
    product_state *st = state_of(a);
    ui_widgets_clear(&a->widgets);
    int pad = ui_px(a, 32), bh = ui_touch(a, 72);
    st->bar_y = a->h - bh - pad;
    look_add_button(a, &a->widgets, UI_W_BUTTON, ACT_BACK, 0, pad, st->bar_y,
                    ui_app_str(a, "common.back"));
    if (st->found == 1) {
        const char *send = ui_app_str(a, "product.send_inquiry");
        int w = look_button_width(a, send) + ui_px(a, 40);
        ui_widgets_add(&a->widgets, UI_W_PRIMARY, ACT_INQUIRE, 0,
                       (SDL_Rect){a->w - pad - w, st->bar_y, w, bh}, send);
    }
    int top = look_header_height(a) + pad;
    if (st->found != 1) {
        st->picture = (SDL_Rect){pad, top, 0, 0};
        return;
    }
    /* Laid out again only when the text, the type size or the screen changed (it measures
     * the description). */
    const char *desc = description(a, &st->rec);
    int lh = ui_text_line_height(a->text, UI_FONT_BODY);
    if (desc != st->laid_text || lh != st->laid_lh || a->w != st->laid_w || a->h != st->laid_h) {
        layout(a, st, top);
        st->laid_text = desc;
        st->laid_lh = lh;
        st->laid_w = a->w;
        st->laid_h = a->h;
    }
    if (a->h > a->w) {
        look_request_picture_cover(a, st->rec.image, st->rec.picture, st->rec.group, st->picture.w,
                                   st->picture.h);
    } else {
        look_request_picture(a, st->rec.image, st->rec.picture, st->rec.group, st->picture.w,
                             st->picture.h);
    }
    if (ui_scroll_update(&st->scroll, a->now_ms) || ui_scroll_moving(&st->scroll)) {
        a->dirty = true;
    }
}

/* "caption: value" on one line, drawn when `paint` (else only measured); returns the height
 * used. */
static int info_line(const ui_app *a, bool paint, int x, int y, int w, const char *caption,
                     const char *value, SDL_Color ink) {
    const ui_theme *t = &a->theme;
    int lh = ui_text_line_height(a->text, UI_FONT_BODY);
    int cw = ui_text_width(a->text, UI_FONT_BODY, caption) + ui_px(a, 10);
    if (cw + ui_text_width(a->text, UI_FONT_BOLD, value) <= w) {
        if (paint) {
            ui_text_draw(a->text, UI_FONT_BODY, caption, t->muted, x, y, UI_ALIGN_LEFT, w);
            ui_text_draw(a->text, UI_FONT_BOLD, value, ink, x + cw, y, UI_ALIGN_LEFT, w - cw);
        }
        return lh + ui_px(a, 6);
    }
    /* Too long for one line (a long producer name, large text): the value wraps under its
     * caption rather than being cut (at most 3 lines, as drawn). */
    int h;
    if (paint) {
        ui_text_draw(a->text, UI_FONT_BODY, caption, t->muted, x, y, UI_ALIGN_LEFT, w);
        h = ui_text_draw_wrapped(a->text, UI_FONT_BOLD, value, ink, x, y + lh, w, 3);
    } else {
        h = ui_text_wrapped_height(a->text, UI_FONT_BOLD, value, w);
        int most = 3 * ui_text_line_height(a->text, UI_FONT_BOLD);
        h = h < most ? h : most;
    }
    return lh + h + ui_px(a, 6);
}

static const char *description(const ui_app *a, const product_record *p) {
    return a->lang == UI_LANG_EN && p->description_en[0] ? p->description_en : p->description_vi;
}

/* The text beside the picture, names to capacity, drawn when `paint` (scrolled by the body's
 * offset; else only measured, for update's layout). Returns the description's box in page
 * coordinates, as tall as its whole text: beside the picture when it ends there, else under
 * the picture at the whole width. */
static SDL_Rect text_column(const ui_app *a, const product_state *st, bool paint) {
    const ui_theme *t = &a->theme;
    int pad = ui_px(a, 32);
    const product_record *p = &st->rec;
    /* Drawn on screen where the scrolled body shows it; measured in page coordinates. */
    int off = paint ? (int)st->scroll.offset : 0;
    /* Beside the picture; on a portrait screen under it. */
    bool portrait = a->h > a->w;
    int x = portrait ? pad : st->picture.x + st->picture.w + pad;
    int y = (portrait ? st->picture.y + st->picture.h + pad : st->picture.y) - off;
    int w = a->w - pad - x;
    bool en = a->lang == UI_LANG_EN;
    const char *name = en && p->name_en[0] ? p->name_en : p->name_vi;
    const char *other = en ? p->name_vi : p->name_en;
    if (paint) {
        y += ui_text_draw_wrapped(a->text, UI_FONT_TITLE, name, t->text, x, y, w, 2);
    } else {
        int h = ui_text_wrapped_height(a->text, UI_FONT_TITLE, name, w);
        int most = 2 * ui_text_line_height(a->text, UI_FONT_TITLE);
        y += h < most ? h : most;
    }
    if (other[0]) {
        if (paint) {
            ui_text_draw(a->text, UI_FONT_HEADING, other, t->muted, x, y, UI_ALIGN_LEFT, w);
        }
        y += ui_text_line_height(a->text, UI_FONT_HEADING);
    }
    y += ui_px(a, 8);
    int star = ui_px(a, 40);
    if (paint) {
        int sw =
            ui_draw_stars(a->renderer, x, y + star / 2, star, p->stars, 5, t->star, t->star_off);
        char stars[64];
        str_format(stars, sizeof stars, ui_app_str(a, "product.stars"), p->stars);
        ui_text_draw(a->text, UI_FONT_BODY, stars, t->muted, x + sw + ui_px(a, 12),
                     y + (star - ui_text_line_height(a->text, UI_FONT_BODY)) / 2, UI_ALIGN_LEFT,
                     w - sw);
    }
    y += star + ui_px(a, 14);

    char value[512], kind_key[64];
    str_format(kind_key, sizeof kind_key, "kinds.%s",
               p->producer_kind[0] ? p->producer_kind : "other");
    str_format(value, sizeof value, "%s (%s)", p->producer, ui_app_str(a, kind_key));
    y += info_line(a, paint, x, y, w, ui_app_str(a, "product.producer"), value, t->text);
    if (p->district[0]) {
        str_format(value, sizeof value, "%s, %s", p->district, p->province);
    } else {
        str_copy(value, sizeof value, p->province);
    }
    y += info_line(a, paint, x, y, w, ui_app_str(a, "product.place"), value, t->text);
    char measure[64];
    double mq;
    unit_info mu;
    if (p->measure[0] && units_parse_measure(p->measure, &mq, &mu, NULL) == 0) {
        /* "1 chai = 500 ml" / "1 bottle = 500 ml", never a bare "l". */
        char one[64];
        look_amount(a, one, sizeof one, 1, p->unit);
        look_amount(a, measure, sizeof measure, mq, mu.name);
        str_format(value, sizeof value, "%s · %s = %s", look_group_name(a, p->group), one, measure);
    } else {
        str_format(value, sizeof value, "%s · %s", look_group_name(a, p->group),
                   p->measure[0] ? p->measure : look_unit(a, p->unit, 1));
    }
    y += info_line(a, paint, x, y, w, ui_app_str(a, "product.group"), value, t->text);
    if (p->cert_no[0] || p->cert_expiry[0]) {
        char today[11];
        clock_today(&a->clock, today);
        bool expired = p->cert_expiry[0] && strcmp(p->cert_expiry, today) < 0;
        str_format(value, sizeof value,
                   ui_app_str(a, expired ? "product.cert_expired" : "product.cert_valid"),
                   p->cert_no[0] ? p->cert_no : "—", p->cert_expiry[0] ? p->cert_expiry : "—");
        y += info_line(a, paint, x, y, w, ui_app_str(a, "product.certificate"), value,
                       expired ? t->warn : t->text);
    }
    if (p->price_min_vnd >= 0) {
        char lo[48], hi[48];
        look_vnd(lo, sizeof lo, p->price_min_vnd, a->lang);
        look_vnd(hi, sizeof hi, p->price_max_vnd >= 0 ? p->price_max_vnd : p->price_min_vnd,
                 a->lang);
        const char *per = look_unit(a, p->unit, 1);
        if (p->price_max_vnd > p->price_min_vnd) {
            str_format(value, sizeof value, "%s – %s / %s", lo, hi, per);
        } else {
            str_format(value, sizeof value, "%s / %s", lo, per);
        }
        y += info_line(a, paint, x, y, w, ui_app_str(a, "product.price"), value, t->text);
    }
    if (p->moq > 0) {
        look_amount(a, value, sizeof value, p->moq, p->unit);
        y += info_line(a, paint, x, y, w, ui_app_str(a, "product.moq"), value, t->text);
    }
    if (st->capacity_known) {
        /* In sale units when the product converts (base per unit), else in its base unit. */
        double per = p->base_per_unit > 0 ? p->base_per_unit : 1;
        const char *unit = p->base_per_unit > 0 ? p->unit : p->base_unit;
        char d0[32], d1[32], f0[32], f1[32];
        look_qty(d0, sizeof d0, (double)(long long)(st->declared_base[0] / per), a->lang);
        look_qty(d1, sizeof d1, (double)(long long)(st->declared_base[1] / per), a->lang);
        look_qty(f0, sizeof f0, (double)(long long)(st->free_base[0] / per), a->lang);
        look_qty(f1, sizeof f1, (double)(long long)(st->free_base[1] / per), a->lang);
        const char *u_d0 = look_unit(a, unit, st->declared_base[0] / per);
        const char *u_d1 = look_unit(a, unit, st->declared_base[1] / per);
        const char *u_f0 = look_unit(a, unit, st->free_base[0] / per);
        const char *u_f1 = look_unit(a, unit, st->free_base[1] / per);
        if (st->declared_base[0] == st->declared_base[1]) {
            str_format(value, sizeof value, ui_app_str(a, "product.capacity_month"), d0, u_d0);
        } else {
            str_format(value, sizeof value, ui_app_str(a, "product.capacity_months"), d0, u_d0, d1,
                       u_d1);
        }
        y += info_line(a, paint, x, y, w, ui_app_str(a, "product.capacity"), value, t->text);
        str_format(value, sizeof value, ui_app_str(a, "product.capacity_free"), f0, u_f0, f1, u_f1);
        y += info_line(a, paint, x, y, w, ui_app_str(a, "product.free"), value, t->text);
    } else {
        y += info_line(a, paint, x, y, w, ui_app_str(a, "product.capacity"),
                       ui_app_str(a, "product.capacity_unknown"), t->muted);
    }
    y += ui_px(a, 10);
    y += off;
    const char *desc = description(a, p);
    /* Beside the picture only when it ends there; else below it at the whole width (a small
     * screen in large text has little room beside it). */
    int picture_bottom = st->picture.y + st->picture.h + ui_px(a, 10);
    if (y < picture_bottom &&
        y + ui_text_wrapped_height(a->text, UI_FONT_BODY, desc, w) > picture_bottom) {
        y = picture_bottom;
    }
    if (y >= picture_bottom) {
        x = pad;
        w = a->w - 2 * pad;
    }
    return (SDL_Rect){x, y, w,
                      desc[0] ? ui_text_wrapped_height(a->text, UI_FONT_BODY, desc, w) : 0};
}

static void draw(const ui_app *a) {
    const product_state *st = state_of(a);
    const ui_theme *t = &a->theme;
    look_header(a, ui_app_str(a, "product.title"));
    int pad = ui_px(a, 32);
    if (st->found != 1) {
        const char *msg = st->found < 0 ? st->error : ui_app_str(a, "product.not_found");
        ui_text_draw_wrapped(a->text, UI_FONT_HEADING, msg, t->muted, pad,
                             look_header_height(a) + pad, a->w - 2 * pad, 4);
        look_widgets(a, &a->widgets);
        return;
    }
    const product_record *p = &st->rec;
    /* The body, scrolled, within its viewport: nothing of it under the header or the bar. */
    int off = (int)st->scroll.offset;
    SDL_Rect pic = st->picture;
    pic.y -= off;
    SDL_RenderSetClipRect(a->renderer, &st->view);
    if (a->h > a->w) {
        look_picture_cover(a, pic, p->image, p->picture, p->group);
    } else {
        look_picture(a, pic, p->image, p->picture, p->group);
    }
    text_column(a, st, true);
    /* The description at the body size, whole (never smaller type, never cut): the body
     * scrolls to it. The box is update's, which measured the same column. */
    const char *desc = description(a, p);
    SDL_Rect d = st->desc;
    if (desc[0]) {
        ui_text_draw_wrapped(a->text, UI_FONT_BODY, desc, t->text, d.x, d.y - off, d.w, 0);
    }
    SDL_RenderSetClipRect(a->renderer, NULL);
    if (st->scroll.max > 0) { /* where in the page the viewport is */
        SDL_Rect v = st->view;
        int bar_h = (int)((float)v.h * v.h / (v.h + st->scroll.max));
        bar_h = bar_h > ui_px(a, 24) ? bar_h : ui_px(a, 24);
        int bar_y = v.y + (int)((v.h - bar_h) * (st->scroll.offset / st->scroll.max));
        ui_draw_round_rect(a->renderer,
                           (SDL_Rect){a->w - pad + ui_px(a, 10), bar_y, ui_px(a, 8), bar_h},
                           ui_px(a, 4), t->line);
        if (st->scroll.max - st->scroll.offset > ui_px(a, 8)) { /* it goes on below */
            look_more_pill(a, st->more);
        }
    }
    look_widgets(a, &a->widgets);
}

const ui_screen scr_product = {"product", enter, NULL, event, update, draw, sizeof(product_state)};
