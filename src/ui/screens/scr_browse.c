/* scr_browse.c: the product grid: star chips, group and province pickers, search as you type,
 * kinetic scrolling. Cards are fetched a page at a time around what is visible, so the grid
 * works the same with 20 or 20,000 products. The province picker lists the provinces the cards
 * name (old, pre-2025 names where the catalogue uses them); an empty result offers to clear
 * every filter. */
#include "ui/screens/screens.h"

#include "core/catalog.h"
#include "ui/ui_draw.h"
#include "ui/ui_lead.h"
#include "ui/ui_look.h"
#include "ui/ui_scroll.h"

#include <stdio.h>
#include <string.h>

#define PAGE_CARDS 48
#define PAGES_KEPT 8
#define NONE_LINES 4 /* the "nothing found" message's most lines */

enum {
    ACT_BACK = 1,
    ACT_SEARCH,
    ACT_STARS, /* arg = min stars */
    ACT_GROUP,
    ACT_PROVINCE,
    ACT_CARD, /* arg = result index */
    ACT_CLEAR,
    ACT_CLEAR_FILTERS, /* stars, group, province and the search text */
};

enum { PICK_GROUP = 1, PICK_PROVINCE };

typedef struct page {
    int index; /* page number, -1 when empty */
    int count;
    product_card cards[PAGE_CARDS];
    uint64_t used;
} page;

typedef struct browse_state {
    /* the query the pages belong to */
    char query[512];
    int min_stars, group;
    char province[SEARCH_PROVINCE_NAME_MAX];
    bool valid;
    int total;
    char error[256];
    page pages[PAGES_KEPT];
    uint64_t tick;
    ui_scroll scroll;
    /* layout */
    SDL_Rect grid; /* the scrolled area */
    int cols, card_w, card_h, gap;
    int first_row, last_row; /* visible rows */
    SDL_Rect none;           /* the "nothing found" message, when shown */
    /* The provinces of the catalogue's products, read when the province picker opens. */
    char provinces[UI_PICKER_MAX - 1][SEARCH_PROVINCE_NAME_MAX];
    int province_count;
} browse_state;

static browse_state *state_of(const ui_app *a) {
    return a->screen_state[UI_SCREEN_BROWSE];
}

static const page *find_page(const browse_state *st, int index) {
    for (int i = 0; i < PAGES_KEPT; i++) {
        if (st->pages[i].index == index) {
            return &st->pages[i];
        }
    }
    return NULL;
}

static void filter_of(const ui_app *a, search_filter *f) {
    const ui_session *s = a->session;
    f->min_stars = s->min_stars;
    f->group = s->group >= 0 ? catalog_group_key_at((size_t)s->group) : NULL;
    /* The name as the picker lists it: that place only, as its cards show it. */
    f->province = s->province[0] ? s->province : NULL;
    f->province_as_shown = true;
}

/* Is any filter or search text narrowing the grid? */
static bool filtered(const ui_session *s) {
    return s->min_stars > 0 || s->group >= 0 || s->province[0] ||
           !ui_field_empty(&s->fields[UI_F_SEARCH]);
}

static void load_page(ui_app *a, int index) {
    browse_state *st = state_of(a);
    if (find_page(st, index)) {
        return;
    }
    page *victim = &st->pages[0];
    for (int i = 0; i < PAGES_KEPT; i++) {
        if (st->pages[i].index < 0) {
            victim = &st->pages[i];
            break;
        }
        if (st->pages[i].used < victim->used) {
            victim = &st->pages[i];
        }
    }
    search_filter f;
    filter_of(a, &f);
    search_results r;
    ocop_error err;
    if (ui_catalog_search(a->catalog, st->query, &f, index * PAGE_CARDS, PAGE_CARDS, &r, &err) !=
        0) {
        str_copy(st->error, sizeof st->error, err.msg);
        return;
    }
    victim->index = index;
    victim->count = r.count < PAGE_CARDS ? r.count : PAGE_CARDS;
    if (victim->count > 0) { /* an empty result has no items (NULL) */
        memcpy(victim->cards, r.items, (size_t)victim->count * sizeof(product_card));
    }
    victim->used = ++st->tick;
    if (index == 0) {
        st->total = r.total;
    }
    ui_catalog_results_free(a->catalog, &r);
    a->dirty = true;
}

static void invalidate(browse_state *st) {
    st->valid = false;
}

static void enter(ui_app *a) {
    invalidate(state_of(a));
    a->dirty = true;
}

static const product_card *card_at(const browse_state *st, int i) {
    const page *p = find_page(st, i / PAGE_CARDS);
    if (!p || i % PAGE_CARDS >= p->count) {
        return NULL;
    }
    return &p->cards[i % PAGE_CARDS];
}

static bool event(ui_app *a, const ui_event *e) {
    browse_state *st = state_of(a);
    ui_session *s = a->session;
    switch (e->type) {
    case UI_EV_PRESS:
    case UI_EV_DRAG:
    case UI_EV_RELEASE:
        return ui_app_scroll_touch(a, &st->scroll, st->grid, e);
    case UI_EV_TAP:
        break;
    default:
        return false;
    }
    const ui_widget *w = ui_widgets_hit(&a->widgets, e->x, e->y);
    if (!w) {
        if (s->focus >= 0) {
            ui_app_focus(a, -1);
            return true;
        }
        return false;
    }
    switch (w->id) {
    case ACT_BACK:
        ui_app_reset(a);
        break;
    case ACT_SEARCH:
        ui_app_focus(a, UI_F_SEARCH);
        break;
    case ACT_CLEAR:
        ui_field_wipe(&s->fields[UI_F_SEARCH]);
        break;
    case ACT_CLEAR_FILTERS:
        s->min_stars = 0;
        s->group = -1;
        s->province[0] = '\0';
        ui_field_wipe(&s->fields[UI_F_SEARCH]);
        ui_app_focus(a, -1);
        break;
    case ACT_STARS:
        s->min_stars = w->arg;
        break;
    case ACT_GROUP: {
        const char *names[UI_PICKER_MAX];
        int n = (int)catalog_group_count();
        names[0] = ui_app_str(a, "browse.all_groups");
        for (int i = 0; i < n && i + 1 < UI_PICKER_MAX; i++) {
            names[i + 1] = look_group_name(a, catalog_group_key_at((size_t)i));
        }
        ui_app_pick(a, PICK_GROUP, ui_app_str(a, "browse.group"), names, n + 1, s->group + 1);
        break;
    }
    case ACT_PROVINCE: {
        const char *names[UI_PICKER_MAX];
        names[0] = ui_app_str(a, "browse.all_provinces");
        /* Read when the picker opens, not at every entry to the grid (a Back from a product
         * page): on 100,000 products the list costs about 18 ms. A sync may bring new ones. */
        ocop_error err;
        if (ui_catalog_provinces(a->catalog, st->provinces, (int)OCOP_COUNT(st->provinces),
                                 &st->province_count, &err) != 0) {
            fprintf(stderr, "ocop-kiosk: %s\n", err.msg); /* the picker offers "all" alone */
        }
        int selected = 0;
        for (int i = 0; i < st->province_count; i++) {
            names[i + 1] = st->provinces[i];
            if (strcmp(st->provinces[i], s->province) == 0) {
                selected = i + 1;
            }
        }
        ui_app_pick(a, PICK_PROVINCE, ui_app_str(a, "browse.province"), names,
                    st->province_count + 1, selected);
        break;
    }
    case ACT_CARD: {
        const product_card *c = card_at(st, w->arg);
        if (c) {
            str_copy(s->product, sizeof s->product, c->code);
            ocop_error err;
            if (a->record_views &&
                ui_lead_record_view(a->catalog, c->code, clock_now(&a->clock), &err) != 0) {
                fprintf(stderr, "ocop-kiosk: %s\n", err.msg); /* statistics only: go on */
            }
            ui_app_go(a, UI_SCREEN_PRODUCT);
        }
        break;
    }
    default:
        break;
    }
    return true;
}

static void layout_filters(ui_app *a, int *y_out) {
    ui_session *s = a->session;
    ui_widget_list *l = &a->widgets;
    int pad = ui_px(a, 24), gap = ui_px(a, 12);
    int y = look_header_height(a) + pad + ui_text_line_height(a->text, UI_FONT_SMALL);
    int bh = ui_touch(a, 72);
    int x = pad;
    /* Back (to the start), then the search field, flexible. */
    x += look_add_button(a, l, UI_W_BUTTON, ACT_BACK, 0, x, y, ui_app_str(a, "common.back")) + gap;
    int sw = a->w - x - pad;
    if (sw > ui_px(a, 900)) {
        sw = ui_px(a, 900);
    }
    ui_widgets_add(l, UI_W_FIELD, ACT_SEARCH, UI_F_SEARCH, (SDL_Rect){x, y, sw, bh},
                   ui_app_str(a, "browse.search"));
    if (!ui_field_empty(&s->fields[UI_F_SEARCH])) {
        const char *clear = ui_app_str(a, "browse.clear");
        int cw = look_button_width(a, clear);
        if (x + sw + gap + cw < a->w - pad) {
            look_add_button(a, l, UI_W_BUTTON, ACT_CLEAR, 0, x + sw + gap, y, clear);
        }
    }
    y += bh + gap;
    /* Chips: stars, group, province; wrapped onto more rows on narrow screens. */
    static const int star_values[4] = {0, 3, 4, 5};
    static const char *const star_keys[4] = {"browse.stars_all", "browse.stars_3", "browse.stars_4",
                                             "browse.stars_5"};
    x = pad;
    char group_label[160], province_label[160];
    str_format(group_label, sizeof group_label, "%s: %s", ui_app_str(a, "browse.group"),
               s->group >= 0 ? look_group_name(a, catalog_group_key_at((size_t)s->group))
                             : ui_app_str(a, "browse.all_groups"));
    str_format(province_label, sizeof province_label, "%s: %s", ui_app_str(a, "browse.province"),
               s->province[0] ? s->province : ui_app_str(a, "browse.all_provinces"));
    for (int i = 0; i < 6; i++) {
        const char *label =
            i < 4 ? ui_app_str(a, star_keys[i]) : (i == 4 ? group_label : province_label);
        int w = look_button_width(a, label);
        if (x + w > a->w - pad && x > pad) {
            x = pad;
            y += bh + gap;
        }
        ui_widget *wd =
            ui_widgets_add(l, UI_W_CHIP, i < 4 ? ACT_STARS : (i == 4 ? ACT_GROUP : ACT_PROVINCE),
                           i < 4 ? star_values[i] : 0, (SDL_Rect){x, y, w, bh}, label);
        wd->on = i < 4 ? s->min_stars == star_values[i] : (i == 4 ? s->group >= 0 : s->province[0]);
        x += w + gap;
    }
    *y_out = y + bh + gap;
}

/* The side of a card's square picture: the card's height, at most 30 % of its width (the
 * rest is for the text). */
static int card_picture(const ui_app *a) {
    const browse_state *st = state_of(a);
    int side = st->card_h - 2 * ui_px(a, 16), most = st->card_w * 30 / 100;
    return side < most ? side : most;
}

/* Nothing found: the message, and under it a large button that clears every filter and the
 * search text, when something narrows the grid and the button fits above the keyboard. */
static void layout_none(ui_app *a) {
    browse_state *st = state_of(a);
    st->none = (SDL_Rect){0, 0, 0, 0};
    if (st->total > 0) {
        return;
    }
    int pad = ui_px(a, 24);
    const char *msg = st->error[0] ? st->error : ui_app_str(a, "browse.none");
    int h = ui_text_wrapped_height(a->text, UI_FONT_HEADING, msg, a->w - 2 * pad);
    int most = NONE_LINES * ui_text_line_height(a->text, UI_FONT_HEADING);
    st->none = (SDL_Rect){pad, st->grid.y + ui_px(a, 40), a->w - 2 * pad, h < most ? h : most};
    if (st->error[0] || !filtered(a->session)) {
        return;
    }
    const char *label = ui_app_str(a, "browse.clear_filters");
    /* Larger than the other buttons (half again a fingertip on a small panel): it is the one
     * way on from here. */
    int bw = look_button_width(a, label) + ui_px(a, 80), bh = ui_touch(a, 112);
    if (bh < a->touch_px * 3 / 2) {
        bh = a->touch_px * 3 / 2;
    }
    if (bw > a->w - 2 * pad) {
        bw = a->w - 2 * pad;
    }
    int y = st->none.y + st->none.h + ui_px(a, 32);
    if (y + bh <= st->grid.y + st->grid.h) {
        ui_widgets_add(&a->widgets, UI_W_PRIMARY, ACT_CLEAR_FILTERS, 0, (SDL_Rect){pad, y, bw, bh},
                       label);
    }
}

static void update(ui_app *a) {
    browse_state *st = state_of(a);
    ui_session *s = a->session;
    ui_widgets_clear(&a->widgets);
    /* A finished pick. */
    if (a->picker.done) {
        a->picker.done = false;
        if (a->picker.result >= 0) {
            if (a->picker.target == PICK_GROUP) {
                s->group = a->picker.result - 1;
            } else if (a->picker.target == PICK_PROVINCE) {
                int i = a->picker.result - 1;
                str_copy(s->province, sizeof s->province,
                         i >= 0 && i < st->province_count ? st->provinces[i] : "");
            }
        }
    }
    /* The query changed (typing, chips): start over from the top. */
    const char *q = ui_field_text(&s->fields[UI_F_SEARCH]);
    bool same_query = st->valid && strcmp(q, st->query) == 0 && st->min_stars == s->min_stars &&
                      st->group == s->group && strcmp(st->province, s->province) == 0;
    if (!same_query) {
        bool was_valid = st->valid;
        str_copy(st->query, sizeof st->query, q);
        st->min_stars = s->min_stars;
        st->group = s->group;
        str_copy(st->province, sizeof st->province, s->province);
        for (int i = 0; i < PAGES_KEPT; i++) {
            st->pages[i].index = -1;
        }
        st->error[0] = '\0';
        st->total = 0;
        if (was_valid) {
            ui_scroll_to(&st->scroll, 0);
        }
        st->valid = true;
        load_page(a, 0);
        a->dirty = true;
    }
    int top;
    layout_filters(a, &top);
    /* The grid. */
    int pad = ui_px(a, 24);
    st->gap = ui_px(a, 20);
    /* Wide enough for a producer's registered name, and in large text a long English name
     * ("Three-colour bánh tét (cylindrical sticky-rice cake)"), on two lines beside the
     * picture: one column in large text on a portrait screen. */
    int min_card = ui_px(a, a->large ? 720 : 520);
    st->cols = (a->w - 2 * pad + st->gap) / (min_card + st->gap);
    if (st->cols < 1) {
        st->cols = 1;
    }
    st->card_w = (a->w - 2 * pad - (st->cols - 1) * st->gap) / st->cols;
    /* Tall enough for what a card shows: the name on two lines, in English the Vietnamese name,
     * producer (two lines), province and group, and the stars below them. */
    int small = ui_text_line_height(a->text, UI_FONT_SMALL);
    st->card_h = 2 * ui_px(a, 16) + 2 * ui_text_line_height(a->text, UI_FONT_BOLD) +
                 (a->lang == UI_LANG_EN ? 4 : 3) * small + ui_px(a, 4) + ui_px(a, 30) +
                 ui_px(a, 12);
    int bottom = a->kb.visible ? a->kb.top_px : a->h;
    st->grid = (SDL_Rect){0, top, a->w, bottom - top};
    layout_none(a);
    int rows = (st->total + st->cols - 1) / st->cols;
    int content = rows * (st->card_h + st->gap) + pad;
    ui_scroll_set_max(&st->scroll, (float)(content - st->grid.h));
    if (ui_scroll_update(&st->scroll, a->now_ms) || ui_scroll_moving(&st->scroll)) {
        a->dirty = true;
    }
    int off = (int)st->scroll.offset;
    st->first_row = off / (st->card_h + st->gap);
    st->last_row = (off + st->grid.h) / (st->card_h + st->gap);
    if (st->last_row >= rows) {
        st->last_row = rows - 1;
    }
    /* Fetch what is visible (and a row beyond), then lay the cards out as touch targets. */
    for (int row = st->first_row; row <= st->last_row + 1 && row < rows; row++) {
        int first = row * st->cols;
        load_page(a, first / PAGE_CARDS);
        load_page(a, (first + st->cols - 1) / PAGE_CARDS);
    }
    int pic = card_picture(a);
    for (int row = st->first_row; row <= st->last_row; row++) {
        for (int col = 0; col < st->cols; col++) {
            int i = row * st->cols + col;
            const product_card *c = card_at(st, i);
            if (!c) {
                continue;
            }
            page *p = (page *)find_page(st, i / PAGE_CARDS);
            p->used = ++st->tick;
            SDL_Rect r = {pad + col * (st->card_w + st->gap),
                          top + row * (st->card_h + st->gap) - off, st->card_w, st->card_h};
            const char *name = a->lang == UI_LANG_EN && c->name_en[0] ? c->name_en : c->name_vi;
            SDL_Rect vis;
            if (SDL_IntersectRect(&r, &st->grid, &vis)) {
                /* Touched, listed and drawn pressed only where the grid shows it. */
                ui_widgets_add(&a->widgets, UI_W_CARD, ACT_CARD, i, r, name)->view = st->grid;
                look_request_picture(a, c->image, c->picture, c->group, pic, pic);
            }
        }
    }
}

static void draw_card(const ui_app *a, const product_card *c, SDL_Rect r) {
    const ui_theme *t = &a->theme;
    int radius = look_radius(a, UI_W_CARD, r.h);
    ui_draw_round_rect(a->renderer, r, radius, t->card);
    if (a->large) {
        ui_draw_round_frame(a->renderer, r, radius, ui_px(a, 2), t->line);
    }
    int pad = ui_px(a, 16);
    int side = card_picture(a);
    SDL_Rect pic = {r.x + pad, r.y + pad, side, side};
    look_picture(a, pic, c->image, c->picture, c->group);
    int x = pic.x + pic.w + pad, y = r.y + pad;
    int w = r.x + r.w - pad - x;
    bool en = a->lang == UI_LANG_EN && c->name_en[0];
    const char *name = en ? c->name_en : c->name_vi;
    y += ui_text_draw_wrapped(a->text, UI_FONT_BOLD, name, t->text, x, y, w, 2);
    if (en && strcmp(c->name_en, c->name_vi) != 0) {
        /* Buyers ask producers for it by its Vietnamese name. */
        ui_text_draw(a->text, UI_FONT_SMALL, c->name_vi, t->text, x, y, UI_ALIGN_LEFT, w);
        y += ui_text_line_height(a->text, UI_FONT_SMALL);
    }
    y += ui_px(a, 4);
    /* Producers' registered names are long ("Công ty TNHH Sản xuất, kinh doanh tổng hợp
     * Đông Á"): two lines, as the name. */
    y += ui_text_draw_wrapped(a->text, UI_FONT_SMALL, c->producer, t->muted, x, y, w, 2);
    char line[192];
    str_format(line, sizeof line, "%s · %s", c->province, look_group_name(a, c->group));
    ui_text_draw(a->text, UI_FONT_SMALL, line, t->muted, x, y, UI_ALIGN_LEFT, w);
    int star = ui_px(a, 30);
    ui_draw_stars(a->renderer, x,
                  y + ui_text_line_height(a->text, UI_FONT_SMALL) + ui_px(a, 8) + star / 2, star,
                  c->stars, 5, t->star, t->star_off);
}

static void draw(const ui_app *a) {
    const browse_state *st = state_of(a);
    const ui_theme *t = &a->theme;
    const ui_session *s = a->session;
    look_header(a, ui_app_str(a, "browse.title"));
    /* The cards, clipped to the grid. */
    SDL_RenderSetClipRect(a->renderer, &st->grid);
    int pad = ui_px(a, 24);
    int off = (int)st->scroll.offset;
    for (int row = st->first_row; row <= st->last_row; row++) {
        for (int col = 0; col < st->cols; col++) {
            int i = row * st->cols + col;
            SDL_Rect r = {pad + col * (st->card_w + st->gap),
                          st->grid.y + row * (st->card_h + st->gap) - off, st->card_w, st->card_h};
            const product_card *c = card_at(st, i);
            if (c) {
                draw_card(a, c, r);
            } else if (i < st->total) {
                ui_draw_round_rect(a->renderer, r, look_radius(a, UI_W_CARD, r.h), t->panel);
            }
        }
    }
    if (st->total == 0) {
        const char *msg = st->error[0] ? st->error : ui_app_str(a, "browse.none");
        ui_text_draw_wrapped(a->text, UI_FONT_HEADING, msg, t->muted, st->none.x, st->none.y,
                             st->none.w, NONE_LINES);
    }
    SDL_RenderSetClipRect(a->renderer, NULL);
    /* Filters above the grid. */
    ui_draw_rect(a->renderer,
                 (SDL_Rect){0, look_header_height(a), a->w, st->grid.y - look_header_height(a)},
                 t->bg);
    for (int i = 0; i < a->widgets.count; i++) {
        const ui_widget *w = &a->widgets.items[i];
        if (w->kind == UI_W_FIELD) {
            /* The long hint where it fits whole, else the field's name: never half a hint. */
            const char *hint = ui_app_str(a, "browse.search_hint");
            if (ui_text_width(a->text, UI_FONT_BODY, hint) > w->r.w - 2 * ui_px(a, 16)) {
                hint = ui_app_str(a, "browse.search");
            }
            look_field(a, w, NULL, &s->fields[UI_F_SEARCH], hint, NULL, s->focus == UI_F_SEARCH);
        }
    }
    look_widgets(a, &a->widgets);
    char count[128];
    look_count(a, count, sizeof count, "browse.count", st->total);
    ui_text_draw(a->text, UI_FONT_SMALL, count, t->muted, ui_px(a, 24),
                 look_header_height(a) + ui_px(a, 8), UI_ALIGN_LEFT, a->w / 2);
    /* A scroll bar while there is more. */
    if (st->scroll.max > 0) {
        float frac = st->grid.h / (st->grid.h + st->scroll.max);
        int bar_h = (int)(st->grid.h * frac);
        if (bar_h < ui_px(a, 40)) {
            bar_h = ui_px(a, 40);
        }
        int bar_y = st->grid.y + (int)((st->grid.h - bar_h) * (st->scroll.offset / st->scroll.max));
        ui_draw_round_rect(a->renderer, (SDL_Rect){a->w - ui_px(a, 12), bar_y, ui_px(a, 8), bar_h},
                           ui_px(a, 4), t->line);
    }
}

/* Leaving browse means going back to the start: the next visitor starts at the top. */
static void leave(ui_app *a) {
    browse_state *st = state_of(a);
    ui_scroll_to(&st->scroll, 0);
    invalidate(st);
}

const ui_screen scr_browse = {"browse", enter, leave, event, update, draw, sizeof(browse_state)};

int scr_browse_warm(ui_app *a, const char *query) {
    search_filter f;
    filter_of(a, &f);
    search_results r;
    ocop_error err;
    if (ui_catalog_search(a->catalog, query, &f, 0, PAGE_CARDS, &r, &err) != 0) {
        return -1;
    }
    ui_catalog_results_free(a->catalog, &r);
    return 0;
}

ui_scroll *scr_browse_scroll(ui_app *a) {
    browse_state *st = state_of(a);
    return &st->scroll;
}
