/* scr_thanks.c: thank you, with a QR code of the matched producers' contacts (vCards) for the
 * buyer's phone; then back to the start. */
#include "ui/screens/screens.h"

#include "ui/ui_draw.h"
#include "ui/ui_look.h"
#include "ui/ui_qr.h"

#include <string.h>

#define MAX_CARDS    4
#define QR_MAX_BYTES 1000 /* a denser code is hard for a phone camera at arm's length */

enum { ACT_DONE = 1 };

static struct {
    SDL_Texture *qr;
    int modules;
    int cards; /* producers in the code (the list beside it shows the same) */
} st;

static void leave(ui_app *a) {
    if (st.qr) {
        SDL_DestroyTexture(st.qr);
        st.qr = NULL;
    }
}

static void enter(ui_app *a) {
    leave(a);
    strbuf text = {0};
    for (st.cards = MAX_CARDS; st.cards >= 1; st.cards--) {
        sb_reset(&text);
        ui_qr_vcards(&a->session->result, st.cards, &text);
        if (text.len <= QR_MAX_BYTES) {
            break;
        }
    }
    if (text.len > 0) {
        st.qr = ui_qr_texture(a->renderer, sb_str(&text), &st.modules);
    }
    sb_free(&text);
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

static void update(ui_app *a) {
    ui_widgets_clear(&a->widgets);
    const char *done = ui_app_str(a, "thanks.done");
    int w = look_button_width(a, done) + ui_px(a, 120);
    int bh = ui_px(a, 80);
    ui_widgets_add(&a->widgets, UI_W_PRIMARY, ACT_DONE, 0,
                   (SDL_Rect){a->w - ui_px(a, 32) - w, a->h - bh - ui_px(a, 24), w, bh}, done);
}

static void draw(const ui_app *a) {
    const ui_theme *t = &a->theme;
    const match_result *r = &a->session->result;
    look_header(a, ui_app_str(a, "thanks.title"));
    int pad = ui_px(a, 40);
    int top = look_header_height(a) + pad;
    int side = a->h - top - ui_px(a, 140);
    if (side > a->w / 2 - pad) {
        side = a->w / 2 - pad;
    }
    int x = pad;
    if (st.qr) {
        /* Whole pixels per module keep the code crisp. */
        int per = side / st.modules;
        int q = per * st.modules;
        SDL_Rect dst = {x + (side - q) / 2, top + (side - q) / 2, q, q};
        ui_draw_rect(a->renderer, (SDL_Rect){x, top, side, side}, (SDL_Color){255, 255, 255, 255});
        SDL_RenderCopy(a->renderer, st.qr, NULL, &dst);
    }
    int tx = x + side + pad, tw = a->w - tx - pad, y = top;
    y += ui_text_draw_wrapped(a->text, UI_FONT_HEADING, ui_app_str(a, "thanks.scan"), t->text, tx,
                              y, tw, 3);
    y += ui_px(a, 20);
    ui_text_draw(a->text, UI_FONT_BOLD, ui_app_str(a, "thanks.contacts"), t->muted, tx, y,
                 UI_ALIGN_LEFT, tw);
    y += ui_text_line_height(a->text, UI_FONT_BOLD) + ui_px(a, 6);
    int lh = ui_text_line_height(a->text, UI_FONT_BODY);
    int bottom = a->h - ui_px(a, 150) - lh * 2;
    int shown = 0;
    for (int i = 0; i < r->n_lines && shown < st.cards && y + 2 * lh <= bottom; i++) {
        const match_line *l = &r->lines[i];
        bool seen = false;
        for (int k = 0; k < i; k++) {
            seen |= strcmp(r->lines[k].producer, l->producer) == 0;
        }
        if (seen) {
            continue;
        }
        shown++;
        ui_text_draw(a->text, UI_FONT_BOLD, l->producer, t->text, tx, y, UI_ALIGN_LEFT, tw);
        y += lh;
        char line[256];
        str_format(line, sizeof line, "%s%s%s", l->phone, l->phone[0] && l->email[0] ? " · " : "",
                   l->email);
        ui_text_draw(a->text, UI_FONT_BODY, line, t->muted, tx, y, UI_ALIGN_LEFT, tw);
        y += lh + ui_px(a, 8);
    }
    ui_text_draw_wrapped(a->text, UI_FONT_BODY, ui_app_str(a, "thanks.next"), t->text, tx,
                         a->h - ui_px(a, 130) - lh * 2, tw - ui_px(a, 300), 2);
    look_widgets(a, &a->widgets);
}

const ui_screen scr_thanks = {"thanks", enter, leave, event, update, draw};
