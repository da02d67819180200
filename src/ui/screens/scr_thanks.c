/* scr_thanks.c: the visit's useful ending. The lead's short reference; each matched producer's
 * phone and e-mail as text (phones the Vietnamese way, with a Zalo link); the organisers' desk
 * (kiosk.ini [desk]) when a producer has no contact or nothing matched; and a QR code of the same
 * contacts as vCards for the buyer's phone. The screen only asks to scan a code it shows. */
#include "ui/screens/screens.h"

#include "core/phone.h"
#include "ui/ui_draw.h"
#include "ui/ui_lead.h"
#include "ui/ui_look.h"
#include "ui/ui_qr.h"

#include <string.h>

#define MAX_CARDS    4
#define QR_MAX_BYTES 1000 /* a denser code is hard for a phone camera at arm's length */

enum { ACT_DONE = 1 };

typedef struct thanks_state {
    SDL_Texture *qr;
    int modules;
    int cards;      /* producers in the code */
    bool need_desk; /* no producer, or one without phone and e-mail: show the desk */
    bool desk_in_qr;
} thanks_state;

static thanks_state *state_of(const ui_app *a) {
    return a->screen_state[UI_SCREEN_THANKS];
}

static bool has_desk(const ui_app *a) {
    const kiosk_desk_config *d = &a->config.desk;
    return d->name_vi[0] || d->name_en[0] || d->phone[0];
}

static const char *desk_name(const ui_app *a) {
    const kiosk_desk_config *d = &a->config.desk;
    const char *name = a->lang == UI_LANG_EN && d->name_en[0] ? d->name_en : d->name_vi;
    return name[0] ? name : ui_app_str(a, "thanks.desk");
}

/* True when line i is the first line of its producer. */
static bool first_of_producer(const match_result *r, int i) {
    for (int k = 0; k < i; k++) {
        if (strcmp(r->lines[k].producer, r->lines[i].producer) == 0) {
            return false;
        }
    }
    return true;
}

static void leave(ui_app *a) {
    thanks_state *st = state_of(a);
    (void)a;
    if (st->qr) {
        SDL_DestroyTexture(st->qr);
        st->qr = NULL;
    }
}

static void enter(ui_app *a) {
    thanks_state *st = state_of(a);
    leave(a);
    const match_result *r = &a->session->result;
    bool any = false, missing = false;
    for (int i = 0; i < r->n_lines; i++) {
        if (first_of_producer(r, i)) {
            any = true;
            missing |= !r->lines[i].phone[0] && !r->lines[i].email[0];
        }
    }
    st->need_desk = !any || missing;
    strbuf desk = {0};
    if (st->need_desk && has_desk(a)) {
        ui_qr_vcard_desk(&a->config.desk, desk_name(a),
                         a->lang == UI_LANG_EN ? a->config.event_name_en : a->config.event_name_vi,
                         &desk);
    }
    strbuf text = {0};
    for (int max = MAX_CARDS; max >= 0; max--) {
        sb_reset(&text);
        st->cards = ui_qr_vcards(r, max, &text);
        sb_append(&text, sb_str(&desk));
        if (text.len <= QR_MAX_BYTES) {
            break;
        }
    }
    st->desk_in_qr = desk.len > 0 && text.len <= QR_MAX_BYTES;
    if (text.len > 0 && text.len <= QR_MAX_BYTES) {
        st->qr = ui_qr_texture(a->renderer, sb_str(&text), &st->modules);
    }
    sb_free(&text);
    sb_free(&desk);
    a->dirty = true;
}

static bool event(ui_app *a, const ui_event *e) {
    if (e->type != UI_EV_TAP) {
        return false;
    }
    const ui_widget *w = ui_widgets_hit(&a->widgets, e->x, e->y);
    if (w && w->id == ACT_DONE) {
        ui_app_reset(a);
        return true;
    }
    return false;
}

static int bar_height(const ui_app *a) {
    return ui_touch(a, 80) + 2 * ui_px(a, 24);
}

static void update(ui_app *a) {
    ui_widgets_clear(&a->widgets);
    const char *done = ui_app_str(a, "thanks.done");
    int w = look_button_width(a, done) + ui_px(a, 120);
    int bh = ui_touch(a, 80);
    ui_widgets_add(&a->widgets, UI_W_PRIMARY, ACT_DONE, 0,
                   (SDL_Rect){a->w - ui_px(a, 32) - w, a->h - bh - ui_px(a, 24), w, bh}, done);
}

/* "0912 345 678 · mai@example.vn", from what is known. */
static void contact_line(const char *phone, const char *email, char *out, size_t cap) {
    char shown[48];
    phone_format(phone, shown, sizeof shown);
    str_format(out, cap, "%s%s%s", shown, shown[0] && email[0] ? " · " : "", email);
}

/* Draws a wrapped paragraph (when `paint`; else only measures it) and returns the y below it. */
static int para(const ui_app *a, bool paint, ui_font_role role, const char *s, SDL_Color c, int x,
                int y, int w, int lines) {
    if (paint) {
        return y + ui_text_draw_wrapped(a->text, role, s, c, x, y, w, lines);
    }
    int h = ui_text_wrapped_height(a->text, role, s, w);
    int most = lines * ui_text_line_height(a->text, role);
    return y + (lines > 0 && h > most ? most : h);
}

/* One line of text (drawn when `paint`); returns the y below it. */
static int text_line(const ui_app *a, bool paint, ui_font_role role, const char *s, SDL_Color c,
                     int x, int y, int w) {
    if (paint) {
        ui_text_draw(a->text, role, s, c, x, y, UI_ALIGN_LEFT, w);
    }
    return y + ui_text_line_height(a->text, role);
}

/* The Zalo line under a phone ("Zalo: zalo.me/0912345678"), when it has one. */
static int zalo_line(const ui_app *a, bool paint, const char *phone, int x, int y, int w) {
    char link[64], line[128];
    ui_qr_zalo_link(phone, link, sizeof link);
    if (!link[0]) {
        return y;
    }
    str_format(line, sizeof line, ui_app_str(a, "thanks.zalo"), link + strlen("https://"));
    return text_line(a, paint, UI_FONT_BODY, line, a->theme.muted, x, y, w);
}

/* The text under (or beside) the code, from `y` in the column `tx`..`tx + tw`, above `bottom`:
 * the scan hint (when there is a code), each producer's contacts, the desk and what happens
 * next. Drawn when `paint`, else only measured. Returns the y below it. */
static int contacts(const ui_app *a, bool paint, int tx, int y, int tw, int bottom) {
    const thanks_state *st = state_of(a);
    const ui_theme *t = &a->theme;
    const ui_session *s = a->session;
    const match_result *r = &s->result;
    int pad = ui_px(a, 40);
    if (st->qr) {
        bool producers = st->cards > 0;
        y = para(a, paint, UI_FONT_HEADING,
                 ui_app_str(a, producers ? "thanks.scan" : "thanks.scan_desk"), t->text, tx, y, tw,
                 3);
        y += ui_px(a, 16);
    }
    int lh = ui_text_line_height(a->text, UI_FONT_BODY);
    int bh = ui_text_line_height(a->text, UI_FONT_BOLD);
    char line[320];
    if (r->n_lines == 0) {
        y = para(a, paint, UI_FONT_BODY, ui_app_str(a, "thanks.none"), t->warn, tx, y, tw, 3);
        y += ui_px(a, 12);
    } else {
        y = text_line(a, paint, UI_FONT_BOLD, ui_app_str(a, "thanks.contacts"), t->muted, tx, y,
                      tw);
        y += ui_px(a, 6);
    }
    /* Room kept below the producers for the desk and the closing line. */
    int reserve = 2 * lh + (st->need_desk && has_desk(a) ? 2 * bh + 3 * lh : 0);
    int shown = 0;
    for (int i = 0; i < r->n_lines; i++) {
        const match_line *l = &r->lines[i];
        if (!first_of_producer(r, i)) {
            continue;
        }
        bool contact = l->phone[0] || l->email[0];
        if (y + bh + lh * (contact ? 2 : 1) > bottom - reserve ||
            (shown >= st->cards && st->cards > 0)) {
            break;
        }
        shown++;
        y = para(a, paint, UI_FONT_BOLD, l->producer, t->text, tx, y, tw, 2);
        if (contact) {
            contact_line(l->phone, l->email, line, sizeof line);
            y = text_line(a, paint, UI_FONT_BODY, line, t->text, tx, y, tw);
            y = zalo_line(a, paint, l->phone, tx, y, tw);
        } else {
            y = para(a, paint, UI_FONT_BODY, ui_app_str(a, "thanks.no_contact"), t->muted, tx, y,
                     tw, 2);
        }
        y += ui_px(a, 10);
    }
    if (st->need_desk && has_desk(a)) {
        const kiosk_desk_config *d = &a->config.desk;
        y += ui_px(a, 6);
        y = text_line(a, paint, UI_FONT_BOLD, ui_app_str(a, "thanks.desk_title"), t->muted, tx, y,
                      tw);
        y += ui_px(a, 6);
        str_format(line, sizeof line, "%s", desk_name(a));
        if (d->booth[0]) {
            char booth[96];
            str_format(booth, sizeof booth, ui_app_str(a, "thanks.booth"), d->booth);
            str_format(line, sizeof line, "%s, %s", desk_name(a), booth);
        }
        y = para(a, paint, UI_FONT_BOLD, line, t->text, tx, y, tw, 2);
        if (d->phone[0]) {
            contact_line(d->phone, "", line, sizeof line);
            y = text_line(a, paint, UI_FONT_BODY, line, t->text, tx, y, tw);
        }
        y = zalo_line(a, paint, d->zalo[0] ? d->zalo : d->phone, tx, y, tw);
        y += ui_px(a, 10);
    }
    /* What happens next: the lead is saved and someone will connect the buyer. */
    const char *next = s->lead_id[0]
                           ? ui_app_str(a, "thanks.connect")
                           : ui_app_str(a, st->need_desk ? "thanks.ask_desk" : "thanks.next");
    const ui_widget *done = a->widgets.count > 0 ? &a->widgets.items[0] : NULL;
    int nw = done && y + 2 * lh > done->r.y ? done->r.x - tx - pad : tw;
    return para(a, paint, UI_FONT_BODY, next, t->text, tx, y, nw > 0 ? nw : tw, 3);
}

static void draw(const ui_app *a) {
    const thanks_state *st = state_of(a);
    const ui_theme *t = &a->theme;
    const ui_session *s = a->session;
    look_header(a, ui_app_str(a, "thanks.title"));
    int pad = ui_px(a, 40);
    int top = look_header_height(a) + ui_px(a, 24);
    int bottom = a->h - bar_height(a);
    /* The reference, big enough to read out at the desk. */
    if (s->lead_id[0]) {
        char ref[8];
        ui_lead_reference(s->lead_id, ref);
        const char *label = ui_app_str(a, "thanks.reference");
        int lw = ui_text_width(a->text, UI_FONT_HEADING, label);
        int th = ui_text_line_height(a->text, UI_FONT_TITLE);
        int hh = ui_text_line_height(a->text, UI_FONT_HEADING);
        if (lw + pad + ui_text_width(a->text, UI_FONT_TITLE, ref) <= a->w - 2 * pad) {
            ui_text_draw(a->text, UI_FONT_HEADING, label, t->text, pad, top + (th - hh) / 2,
                         UI_ALIGN_LEFT, 0);
            ui_text_draw(a->text, UI_FONT_TITLE, ref, t->accent, pad + lw + pad / 2, top,
                         UI_ALIGN_LEFT, 0);
            top += th + ui_px(a, 16);
        } else {
            top = para(a, true, UI_FONT_HEADING, label, t->text, pad, top, a->w - 2 * pad, 0);
            ui_text_draw(a->text, UI_FONT_TITLE, ref, t->accent, pad, top, UI_ALIGN_LEFT, 0);
            top += th + ui_px(a, 16);
        }
    }
    /* The code: left of the text on a wide screen, above it on a tall one, where the room
     * left is shared out evenly above the code, between it and the text, and below the text. */
    bool tall = a->h > a->w;
    int tx = pad, tw = a->w - 2 * pad;
    int side = 0, gap = ui_px(a, 24);
    if (st->qr) {
        side = tall ? (a->w - 2 * pad) * 2 / 3 : bottom - top;
        if (!tall && side > a->w * 2 / 5) {
            side = a->w * 2 / 5;
        }
        if (!tall) {
            tx = pad + side + pad;
            tw = a->w - tx - pad;
        }
    }
    int qr_y = top, text_y = tall && side > 0 ? top + side + gap : top;
    if (tall) {
        int spare = bottom - contacts(a, false, tx, text_y, tw, bottom);
        /* Half of the room left makes the code larger (easier for a phone from a step away),
         * up to 85 % of the width. */
        int most = (a->w - 2 * pad) * 85 / 100;
        if (side > 0 && spare > 0) {
            int grow = spare / 2 < most - side ? spare / 2 : most - side;
            grow = grow > 0 ? grow : 0;
            side += grow;
            text_y += grow;
            spare -= grow;
        }
        if (spare > 3 * gap) {
            qr_y += spare / 3;
            text_y += spare / 3 * (side > 0 ? 2 : 1);
        }
    }
    if (st->qr) {
        int qx = tall ? (a->w - side) / 2 : pad;
        /* Whole pixels per module keep the code crisp. */
        int per = side / st->modules;
        int q = per * st->modules;
        SDL_Rect dst = {qx + (side - q) / 2, qr_y + (side - q) / 2, q, q};
        ui_draw_rect(a->renderer, (SDL_Rect){qx, qr_y, side, side},
                     (SDL_Color){255, 255, 255, 255});
        SDL_RenderCopy(a->renderer, st->qr, NULL, &dst);
    }
    contacts(a, true, tx, text_y, tw, bottom);
    look_widgets(a, &a->widgets);
}

const ui_screen scr_thanks = {"thanks", enter, leave, event, update, draw, sizeof(thanks_state)};
