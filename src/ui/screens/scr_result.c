/* scr_result.c: the instant match: which producers can supply, how much each and why, and what
 * is not covered. */
#include "ui/screens/screens.h"

#include "core/match_words.h"
#include "core/phone.h"

#include "ui/ui_draw.h"
#include "ui/ui_lead.h"
#include "ui/ui_look.h"

#include <string.h>

enum { ACT_BACK = 1, ACT_FINISH };

/* A card page shows the pictures of the first lines, as many as fit. */
#define CARD_PICTURES 8

typedef struct result_state {
    int bar_y;
    /* The layout update chose for the free height (card_picture): the side of the cards'
     * pictures in px (0: none), and whether a landscape screen shows the compact list because
     * its lines do not fit as cards with pictures. */
    int side;
    bool compact;
    /* Each line's product by its Vietnamese name, shown under the English one (a buyer asks
     * the producer for it by that name); "" when the catalogue has none or it is the same. */
    char name_vi[MATCH_MAX_LINES][256];
    /* Each line's picture (look_picture's image, picture kind and group), shown on its card. */
    char image[MATCH_MAX_LINES][256];
    char picture[MATCH_MAX_LINES][PICTURE_KIND_MAX];
    char group[MATCH_MAX_LINES][16];
} result_state;

static result_state *state_of(const ui_app *a) {
    return a->screen_state[UI_SCREEN_RESULT];
}

static void enter(ui_app *a) {
    result_state *st = state_of(a);
    const match_result *r = &a->session->result;
    for (int i = 0; i < r->n_lines; i++) {
        product_record rec;
        ocop_error err;
        st->name_vi[i][0] = st->image[i][0] = st->picture[i][0] = st->group[i][0] = '\0';
        if (ui_catalog_get(a->catalog, r->lines[i].product, &rec, &err) != 1) {
            continue;
        }
        if (strcmp(rec.name_vi, r->lines[i].name) != 0) {
            str_copy(st->name_vi[i], sizeof st->name_vi[i], rec.name_vi);
        }
        str_copy(st->image[i], sizeof st->image[i], rec.image);
        str_copy(st->picture[i], sizeof st->picture[i], rec.picture);
        str_copy(st->group[i], sizeof st->group[i], rec.group);
    }
    a->dirty = true;
}

static bool event(ui_app *a, const ui_event *e) {
    if (e->type != UI_EV_TAP) {
        return false;
    }
    const ui_widget *w = ui_widgets_hit(&a->widgets, e->x, e->y);
    if (!w) {
        return false;
    }
    if (w->id == ACT_BACK) {
        ui_app_back(a);
    } else if (w->id == ACT_FINISH) {
        ui_app_go(a, UI_SCREEN_THANKS);
    }
    return true;
}

/* The "producer — product" title of line `l` into `out`. */
static void line_title(const match_line *l, char *out, size_t cap) {
    str_format(out, cap, "%s — %s", l->producer, l->name);
}

/* Line `l`'s contacts ("phone · e-mail") into `out` (cap bytes). Returns the words to show:
 * `out`, or that there is none (the organisers' desk connects the buyer). */
static const char *line_contact(const ui_app *a, const match_line *l, char *out, size_t cap) {
    char phone[48];
    phone_format(l->phone, phone, sizeof phone);
    str_format(out, cap, "%s%s%s", phone, phone[0] && l->email[0] ? " · " : "", l->email);
    return out[0] ? out : ui_app_str(a, "thanks.no_contact");
}

/* Line `i` as a card at (x, y), `w` wide, drawn when `paint` (else only measured): picture,
 * title, Vietnamese name, stars and quantity beside it (the only line on a portrait screen:
 * under it, the picture centred above; `side` 0: no picture); why and the contacts below, all
 * at least at the body size. Returns the card's height. */
static int card_row(const ui_app *a, int i, int x, int y, int w, const match_words *words, int side,
                    bool paint) {
    const result_state *st = state_of(a);
    const ui_theme *t = &a->theme;
    const match_line *l = &a->session->result.lines[i];
    bool alone = a->session->result.n_lines == 1, picture = side > 0;
    bool stacked = alone && picture && a->h > a->w;
    int in = ui_px(a, 24), star = ui_px(a, 34);
    int bh = ui_text_line_height(a->text, UI_FONT_BOLD),
        lh = ui_text_line_height(a->text, UI_FONT_BODY);
    /* The text's column: beside the picture, or (stacked) under it, across the card. */
    int below = stacked ? side + in : 0;
    int tx = x + in + (picture && !stacked ? side + in : 0), tw = x + w - in - tx;
    const char *name_vi = a->lang == UI_LANG_EN ? st->name_vi[i] : "";
    char title[512], line[512];
    line_title(l, title, sizeof title);
    /* The title (at most 3 lines; larger when it is the only line), the Vietnamese name, stars
     * and how much. */
    ui_font_role title_role = alone ? UI_FONT_HEADING : UI_FONT_BOLD;
    int title_lh = ui_text_line_height(a->text, title_role);
    int th = ui_text_wrapped_height(a->text, title_role, title, tw);
    th = th < 3 * title_lh ? th : 3 * title_lh;
    char lq[32], ym[16];
    look_qty(lq, sizeof lq, l->quantity, a->lang);
    str_format(ym, sizeof ym, "%.2s/%.4s", l->month + 5, l->month);
    str_format(line, sizeof line, ui_app_str(a, "result.line_qty"), lq,
               look_unit(a, l->unit, l->quantity), ym);
    /* How much: beside the stars, or under them when the picture leaves too little width. */
    int stars_w = (int)(5 * star * 1.1f); /* what ui_draw_stars returns for five */
    int qty_w = ui_text_width(a->text, UI_FONT_BOLD, line);
    bool qty_under = stars_w + ui_px(a, 16) + qty_w > tw;
    int beside = th + (name_vi[0] ? lh : 0) + ui_px(a, 8) + (star > bh ? star : bh) +
                 (qty_under ? ui_text_wrapped_height(a->text, UI_FONT_BOLD, line, tw) : 0);
    /* Why (the matcher's facts, worded) and the contacts: under the words beside the picture
     * when they fit there (a wide card is then no taller than its picture), else across the
     * card below. The ★ in why is drawn as a shape about a line high. */
    char why[512], contact[512];
    match_words_why(&l->why, words, why, sizeof why);
    const char *contact_text = line_contact(a, l, contact, sizeof contact);
    /* The contact is what the buyer came for: in bold when there is one. */
    ui_font_role contact_role = contact[0] ? UI_FONT_BOLD : UI_FONT_BODY;
    bool aside = picture && !stacked && ui_text_width(a->text, UI_FONT_BODY, why) + lh <= tw &&
                 ui_text_width(a->text, contact_role, contact_text) <= tw;
    int foot = ui_px(a, 12) + lh + (bh > lh ? bh : lh);
    beside += aside ? foot : 0;
    int top_h = picture && !stacked && side > beside ? side : below + beside;
    int h = in + top_h + (aside ? 0 : foot) + in;
    if (!paint) {
        return h;
    }
    ui_draw_round_rect(a->renderer, (SDL_Rect){x, y, w, h}, ui_px(a, 14), t->card);
    if (a->large) { /* high contrast: the card's colour is the page's */
        ui_draw_round_frame(a->renderer, (SDL_Rect){x, y, w, h}, ui_px(a, 14), ui_px(a, 2),
                            t->line);
    }
    if (picture) {
        int px = stacked ? x + (w - side) / 2 : x + in;
        SDL_Rect r = {px, y + in, side, side};
        look_picture(a, r, st->image[i], st->picture[i], st->group[i]);
        /* Named by the product's code in `shot --texts`: tests see which card has a picture. */
        ui_text_record_picture(a->text, l->product, r);
    }
    int cy = y + in + below;
    cy += ui_text_draw_wrapped(a->text, title_role, title, t->text, tx, cy, tw, 3);
    if (name_vi[0]) {
        ui_text_draw(a->text, UI_FONT_BODY, name_vi, t->text, tx, cy, UI_ALIGN_LEFT, tw);
        cy += lh;
    }
    cy += ui_px(a, 8);
    int sw = ui_draw_stars(a->renderer, tx, cy + star / 2, star, l->stars, 5, t->star, t->star_off);
    if (qty_under) {
        cy += (star > bh ? star : bh);
        ui_text_draw_wrapped(a->text, UI_FONT_BOLD, line, t->accent, tx, cy, tw, 0);
    } else {
        ui_text_draw(a->text, UI_FONT_BOLD, line, t->accent, tx + sw + ui_px(a, 16),
                     cy + (star - bh) / 2, UI_ALIGN_LEFT, tw - sw - ui_px(a, 16));
    }
    int fx = aside ? tx : x + in, fw = aside ? tw : w - 2 * in;
    cy = y + in + (aside ? beside - foot : top_h) + ui_px(a, 12);
    look_text_stars(a, UI_FONT_BODY, why, t->muted, fx, cy, fw);
    ui_text_draw(a->text, contact_role, contact_text, contact[0] ? t->text : t->muted, fx, cy + lh,
                 UI_ALIGN_LEFT, fw);
    return h;
}

static void months_text(const inquiry_request *in, char *out, size_t cap) {
    if (strcmp(in->month_from, in->month_to) == 0) {
        str_format(out, cap, "%.2s/%.4s", in->month_from + 5, in->month_from);
    } else {
        str_format(out, cap, "%.2s/%.4s – %.2s/%.4s", in->month_from + 5, in->month_from,
                   in->month_to + 5, in->month_to);
    }
}

/* The match's summary in the buyer's unit (the match counts in base units: l, kg, pieces):
 * "Covered: 10 bottles" into `covered`, and into `rest` (cap bytes each) what is not covered
 * or that all is. Returns true when some of the quantity is not covered. Both layouts show
 * these words. */
static bool summary_lines(const ui_app *a, char *covered, char *rest, size_t cap) {
    const match_result *r = &a->session->result;
    const inquiry_request *in = &a->session->request;
    double per = r->requested > 0 ? in->quantity / r->requested : 1;
    const char *unit = r->requested > 0 ? in->unit : r->base_unit;
    char number[48];
    look_qty(number, sizeof number, r->covered * per, a->lang);
    str_format(covered, cap, ui_app_str(a, "result.covered"), number,
               look_unit(a, unit, r->covered * per));
    if (r->unmet <= 1e-9) {
        str_copy(rest, cap, ui_app_str(a, "result.all_covered"));
        return false;
    }
    look_qty(number, sizeof number, r->unmet * per, a->lang);
    str_format(rest, cap, ui_app_str(a, "result.unmet"), number,
               look_unit(a, unit, r->unmet * per));
    return true;
}

/* "You need 10 bottles in 01/2027" into out (cap bytes). */
static void requested_line(const ui_app *a, char *out, size_t cap) {
    const inquiry_request *in = &a->session->request;
    char q[32], months[48];
    look_qty(q, sizeof q, in->quantity, a->lang);
    months_text(in, months, sizeof months);
    str_format(out, cap, ui_app_str(a, "result.requested"), q, look_unit(a, in->unit, in->quantity),
               months);
}

/* The matcher explains in codes; the words are the visitor's language's (match_words.h). */
static match_words words_of(const ui_app *a) {
    return (match_words){
        .word = ui_strings_word_in, .ctx = a->strings, .lang = a->session->request.lang};
}

/* `s` wrapped to `w` in at most `max_lines` lines at (x, y), drawn when `paint` (else only
 * measured). Returns the height it takes. */
static int wrapped(const ui_app *a, bool paint, ui_font_role role, const char *s, SDL_Color color,
                   int x, int y, int w, int max_lines) {
    if (paint) {
        return ui_text_draw_wrapped(a->text, role, s, color, x, y, w, max_lines);
    }
    int h = ui_text_wrapped_height(a->text, role, s, w);
    int most = max_lines * ui_text_line_height(a->text, role);
    return h < most ? h : most;
}

/* The top of the line saying whether the inquiry is saved, just above the bar; the page ends
 * above it. */
static int saved_y(const ui_app *a) {
    return state_of(a)->bar_y - ui_px(a, 8) - ui_text_line_height(a->text, UI_FONT_BODY);
}

/* The top of the card page at (x, y), `w` wide, drawn when `paint` (else only measured):
 * what was asked and how much is covered (or why nothing is) in large type, and the
 * provisional notice when offline. Returns its height, with the gap under it. */
static int page_summary(const ui_app *a, const match_words *words, int x, int y, int w,
                        bool paint) {
    const ui_theme *t = &a->theme;
    const match_result *r = &a->session->result;
    int gap = ui_px(a, 12), top = y;
    char line[512];
    requested_line(a, line, sizeof line);
    y += wrapped(a, paint, UI_FONT_TITLE, line, t->text, x, y, w, 2) + gap;
    if (r->n_lines == 0) {
        char reason[512];
        match_words_reason(&r->reason, words, reason, sizeof reason);
        y += wrapped(a, paint, UI_FONT_HEADING, reason[0] ? reason : ui_app_str(a, "result.none"),
                     t->warn, x, y, w, 3);
    } else {
        char covered[256], rest[256];
        bool unmet = summary_lines(a, covered, rest, sizeof covered);
        y += wrapped(a, paint, UI_FONT_HEADING, covered, t->ok, x, y, w, 2);
        y += wrapped(a, paint, UI_FONT_HEADING, rest, unmet ? t->warn : t->ok, x, y, w, 2);
    }
    y += gap;
    if (strcmp(a->session->hold_state, "provisional") == 0) {
        /* Offline: the quantities wait for the fair's server (sync_thread.h). */
        y += wrapped(a, paint, UI_FONT_BODY, ui_app_str(a, "result.provisional"), t->warn, x, y, w,
                     3);
        y += gap;
    }
    return y - top;
}

/* Where the parts of the card page go: the summary from `top`, the next step (its words in
 * `next`) from `next_y` down to above the bar, and between them `room` for the cards from
 * `cards_y`. */
typedef struct page_layout {
    int x, w, top;
    int cards_y, room;
    int next_y;
    char next[512];
} page_layout;

static void page_layout_make(const ui_app *a, const match_words *words, page_layout *l) {
    int pad = ui_px(a, 32), gap = ui_px(a, 12);
    l->x = pad;
    l->w = a->w - 2 * pad;
    l->top = look_header_height(a) + ui_px(a, 20);
    /* Above the line saying the inquiry is saved, which is drawn under `bottom`. */
    int bottom = saved_y(a) - ui_px(a, 6);
    l->cards_y = l->top + page_summary(a, words, l->x, l->top, l->w, false);
    str_format(l->next, sizeof l->next, ui_app_str(a, "result.next"),
               ui_app_str(a, "result.finish"));
    l->next_y =
        bottom - gap - wrapped(a, false, UI_FONT_HEADING, l->next, a->theme.text, l->x, 0, l->w, 3);
    l->room = l->next_y - gap - l->cards_y;
}

/* The height of every line's card with pictures `side` px square (the first CARD_PICTURES
 * lines; 0: none), with the gaps between them. */
static int cards_height(const ui_app *a, const match_words *words, const page_layout *l, int side) {
    int h = 0;
    for (int i = 0; i < a->session->result.n_lines; i++) {
        h += card_row(a, i, l->x, 0, l->w, words, i < CARD_PICTURES ? side : 0, false) +
             (i > 0 ? ui_px(a, 16) : 0);
    }
    return h;
}

/* The side of the cards' pictures, 0 for none (issue 11: the pictures use the free height,
 * larger the fewer lines share it): the largest at which every line's card fits between the
 * summary and the next step, at most 9/20 of the screen's height (2/5 in large text) and the
 * card's inside width for a lone line on a portrait screen (its picture above its words), 2/5
 * of it beside the words; none when that is under 160 px (a small screen shows the words). A
 * card grows with its picture, so the side is found by halving. */
static int card_picture(const ui_app *a, const match_words *words, const page_layout *l) {
    int n = a->session->result.n_lines, inside = l->w - 2 * ui_px(a, 24);
    int least = ui_px(a, 160), most = a->h * (a->large ? 2 : 9) / (a->large ? 5 : 20);
    int wide = n == 1 && a->h > a->w ? inside : inside * 2 / 5;
    most = most < wide ? most : wide;
    if (n == 0 || most < least || cards_height(a, words, l, least) > l->room) {
        return 0;
    }
    while (least < most) {
        int mid = least + (most - least + 1) / 2;
        if (cards_height(a, words, l, mid) <= l->room) {
            least = mid;
        } else {
            most = mid - 1;
        }
    }
    return least;
}

/* The card page (issue 11: use the height): the summary at the top, the next step at the
 * bottom, just above the button it names, and between them one card per match line with
 * pictures `side` px square (as many as fit), centred in the height left. */
static void card_page(const ui_app *a, const match_words *words, int side) {
    page_layout l;
    page_layout_make(a, words, &l);
    page_summary(a, words, l.x, l.top, l.w, true);
    ui_text_draw_wrapped(a->text, UI_FONT_HEADING, l.next, a->theme.text, l.x, l.next_y, l.w, 3);
    const match_result *r = &a->session->result;
    int card_gap = ui_px(a, 16), cards_h = 0, cards = 0;
    for (int i = 0; i < r->n_lines; i++) {
        int h = card_row(a, i, l.x, 0, l.w, words, i < CARD_PICTURES ? side : 0, false);
        if (h > l.room - cards_h - (i > 0 ? card_gap : 0)) {
            break;
        }
        cards_h += h + (i > 0 ? card_gap : 0);
        cards = i + 1;
    }
    int y = l.cards_y + (l.room - cards_h) / 2;
    for (int i = 0; i < cards; i++) {
        y += card_row(a, i, l.x, y, l.w, words, i < CARD_PICTURES ? side : 0, true) + card_gap;
    }
}

static void update(ui_app *a) {
    result_state *st = state_of(a);
    ui_widgets_clear(&a->widgets);
    int pad = ui_px(a, 32), bh = ui_touch(a, 72);
    st->bar_y = a->h - bh - ui_px(a, 16);
    look_add_button(a, &a->widgets, UI_W_BUTTON, ACT_BACK, 0, pad, st->bar_y,
                    ui_app_str(a, "common.back"));
    const char *finish = ui_app_str(a, "result.finish");
    int w = look_button_width(a, finish) + ui_px(a, 40);
    ui_widgets_add(&a->widgets, UI_W_PRIMARY, ACT_FINISH, 0,
                   (SDL_Rect){a->w - pad - w, st->bar_y, w, bh}, finish);
    /* Cards with pictures as large as the free height allows; a landscape screen whose lines
     * do not fit so shows the compact list, a portrait one the cards without pictures. */
    match_words words = words_of(a);
    page_layout l;
    page_layout_make(a, &words, &l);
    st->side = card_picture(a, &words, &l);
    const match_result *r = &a->session->result;
    st->compact = a->h <= a->w && r->n_lines > 0 && st->side == 0;
    for (int i = 0; st->side > 0 && i < r->n_lines && i < CARD_PICTURES; i++) {
        look_request_picture(a, st->image[i], st->picture[i], st->group[i], st->side, st->side);
    }
}

static void draw(const ui_app *a) {
    const result_state *st = state_of(a);
    const ui_theme *t = &a->theme;
    const ui_session *s = a->session;
    const match_result *r = &s->result;
    look_header(a, ui_app_str(a, "result.title"));
    int pad = ui_px(a, 32);
    int x = pad, y = look_header_height(a) + ui_px(a, 20), w = a->w - 2 * pad;
    int bottom = saved_y(a) - ui_px(a, 6);
    char line[512];
    /* The matcher explains in codes; the words are the visitor's language's (match_words.h). */
    match_words words = words_of(a);
    /* Larger type, a card each and the next step when they fit, else the compact list. */
    bool compact = st->compact;
    if (!compact) {
        card_page(a, &words, st->side);
    } else {
        requested_line(a, line, sizeof line);
        ui_text_draw(a->text, UI_FONT_HEADING, line, t->text, x, y, UI_ALIGN_LEFT, w);
        y += ui_text_line_height(a->text, UI_FONT_HEADING) + ui_px(a, 6);
        if (r->n_lines == 0) {
            char reason[512];
            match_words_reason(&r->reason, &words, reason, sizeof reason);
            y += ui_text_draw_wrapped(a->text, UI_FONT_BODY,
                                      reason[0] ? reason : ui_app_str(a, "result.none"), t->warn, x,
                                      y, w, 3);
        } else {
            char covered[256], rest[256];
            bool unmet = summary_lines(a, covered, rest, sizeof covered);
            ui_text_draw(a->text, UI_FONT_BOLD, covered, t->ok, x, y, UI_ALIGN_LEFT, w / 2);
            ui_text_draw(a->text, UI_FONT_BOLD, rest, unmet ? t->warn : t->ok, x + w / 2, y,
                         UI_ALIGN_LEFT, w / 2);
            y += ui_text_line_height(a->text, UI_FONT_BOLD);
        }
        y += ui_px(a, 12);
        if (strcmp(s->hold_state, "provisional") == 0) {
            /* Offline: the quantities wait for the fair's server (sync_thread.h). */
            y += ui_text_draw_wrapped(a->text, UI_FONT_BODY, ui_app_str(a, "result.provisional"),
                                      t->warn, x, y, w, 3);
            y += ui_px(a, 12);
        }
    }
    /* The compact list: one small card per line, as many as fit above the bar. */
    int lh = ui_text_line_height(a->text, UI_FONT_BOLD),
        sh = ui_text_line_height(a->text, UI_FONT_SMALL);
    int row_h = lh + 2 * sh + ui_px(a, 28);
    int star = ui_px(a, 26);
    int stars_w = (int)(5 * star * 1.1f); /* what ui_draw_stars returns for five */
    for (int i = 0; compact && i < r->n_lines; i++) {
        const match_line *l = &r->lines[i];
        /* "Producer — product" on a second line when one is too short (long registered names,
         * large text): never cut. */
        line_title(l, line, sizeof line);
        int title_w = w * 62 / 100 - stars_w;
        int title_lines = ui_text_width(a->text, UI_FONT_BOLD, line) > title_w ? 2 : 1;
        const char *name_vi = a->lang == UI_LANG_EN ? st->name_vi[i] : "";
        int this_h = row_h + (title_lines - 1) * lh + (name_vi[0] ? sh : 0);
        if (y + this_h > bottom) {
            break;
        }
        SDL_Rect card = {x, y, w, this_h - ui_px(a, 10)};
        ui_draw_round_rect(a->renderer, card, ui_px(a, 14), t->card);
        int cx = card.x + ui_px(a, 20), cy = card.y + ui_px(a, 10);
        int sw =
            ui_draw_stars(a->renderer, cx, cy + lh / 2, star, l->stars, 5, t->star, t->star_off);
        ui_text_draw_wrapped(a->text, UI_FONT_BOLD, line, t->text, cx + sw + ui_px(a, 14), cy,
                             title_w, title_lines);
        char lq[32], ym[16];
        look_qty(lq, sizeof lq, l->quantity, a->lang);
        str_format(ym, sizeof ym, "%.2s/%.4s", l->month + 5, l->month);
        str_format(line, sizeof line, ui_app_str(a, "result.line_qty"), lq,
                   look_unit(a, l->unit, l->quantity), ym);
        ui_text_draw(a->text, UI_FONT_BOLD, line, t->accent, card.x + card.w - ui_px(a, 20), cy,
                     UI_ALIGN_RIGHT, w * 34 / 100);
        cy += lh * title_lines;
        if (name_vi[0]) {
            ui_text_draw(a->text, UI_FONT_SMALL, name_vi, t->text, cx + sw + ui_px(a, 14), cy,
                         UI_ALIGN_LEFT, title_w);
            cy += sh;
        }
        /* The matcher explains every line (match.h), worded in the visitor's language. */
        char why[512];
        match_words_why(&l->why, &words, why, sizeof why);
        look_text_stars(a, UI_FONT_SMALL, why, t->muted, cx, cy, card.w - ui_px(a, 40));
        cy += sh;
        ui_text_draw(a->text, UI_FONT_SMALL, line_contact(a, l, line, sizeof line), t->muted, cx,
                     cy, UI_ALIGN_LEFT, card.w - ui_px(a, 40));
        y += this_h;
    }
    /* Whether the lead is stored. */
    if (s->lead_id[0]) {
        char ref[8];
        ui_lead_reference(s->lead_id, ref);
        str_format(line, sizeof line, ui_app_str(a, "result.saved"), ref);
        ui_text_draw(a->text, UI_FONT_BODY, line, t->ok, x, saved_y(a), UI_ALIGN_LEFT, w);
    } else if (s->lead_error[0]) {
        str_format(line, sizeof line, ui_app_str(a, "result.not_saved"), s->lead_error);
        ui_text_draw(a->text, UI_FONT_BODY, line, t->warn, x, saved_y(a), UI_ALIGN_LEFT, w);
    }
    look_widgets(a, &a->widgets);
}

const ui_screen scr_result = {"result", enter, NULL, event, update, draw, sizeof(result_state)};
