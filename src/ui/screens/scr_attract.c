/* scr_attract.c: the attract loop: the catalogue's best products sliding by (each with what
 * its OCOP stars mean), the organisers' logos, the event's name, dates and venue ([event] in
 * kiosk.ini) and "Chạm để bắt đầu / Touch to start". Any touch starts. */
#include "ui/screens/screens.h"

#include "ui/ui_draw.h"
#include "ui/ui_images.h"
#include "ui/ui_look.h"

#include <math.h>
#include <stdio.h>

#define SHOWCASE_MAX  12
#define SLIDE_MS      6000u /* one product on screen */
#define TRANSITION_MS 700u  /* the slide to the next */

enum { ACT_START = 1 };

/* An organiser's logo (kiosk.ini [event] logos). */
typedef struct attract_logo {
    char name[CONFIG_TEXT_MAX]; /* as kiosk.ini writes it */
    char path[512];             /* where it was found (config_file_path) */
    int w, h;                   /* its own size in pixels: the shape it is drawn in */
    ui_image_state state;       /* its decode at its own size, by the picture worker */
} attract_logo;

typedef struct attract_state {
    product_card items[SHOWCASE_MAX];
    int count;
    uint32_t start_ms;
    int shown; /* the product last drawn, to redraw when the slide changes */
    char error[256];
    attract_logo asked[CONFIG_LOGOS_MAX]; /* the logos kiosk.ini names that have a path */
    int asked_count;
    bool logos_asked;                     /* asked for (once, at the first visit) */
    attract_logo logos[CONFIG_LOGOS_MAX]; /* those that opened, in kiosk.ini's order */
    int logo_count;
    bool logos_checked; /* every logo asked for opened or failed: logos[] is final */
} attract_state;

static attract_state *state_of(const ui_app *a) {
    return a->screen_state[UI_SCREEN_ATTRACT];
}

/* Names a logo that cannot be shown, with the file and the key, on stderr: the kiosk goes on
 * without it (a missing logo must not keep the fair's kiosk dark). */
static void logo_problem(const ui_app *a, const char *name, const char *why) {
    const kiosk_config *cfg = &a->config;
    fprintf(stderr, "ocop-kiosk: %s:%d: event.logos: %s: %s; the attract screen goes without it\n",
            cfg->source_path[0] ? cfg->source_path : "kiosk.ini", cfg->event_logos_line, name, why);
}

/* Asks the picture worker for each logo kiosk.ini names at its own size, to learn its shape
 * (and that it opens) without a decode on the screens' thread. */
static void ask_logos(ui_app *a, attract_state *st) {
    const kiosk_config *cfg = &a->config;
    st->asked_count = 0;
    for (int i = 0; i < cfg->event_logo_count; i++) {
        attract_logo *logo = &st->asked[st->asked_count];
        if (!config_file_path(cfg, cfg->event_logos[i], logo->path, sizeof logo->path)) {
            logo_problem(a, cfg->event_logos[i], "the path is too long");
            continue;
        }
        str_copy(logo->name, sizeof logo->name, cfg->event_logos[i]);
        logo->state = UI_IMAGE_PENDING;
        ui_images_request(a->images, logo->path, 0, 0);
        st->asked_count++;
    }
    st->logos_asked = true;
}

/* Reads how the logos' decodes stand; when every one has opened or failed, keeps those that
 * opened (the screen shows without logos until then, so that the header is laid out once). */
static void check_logos(ui_app *a, attract_state *st) {
    bool waiting = false;
    for (int i = 0; i < st->asked_count; i++) {
        attract_logo *logo = &st->asked[i];
        if (logo->state != UI_IMAGE_PENDING) {
            continue;
        }
        ocop_error err;
        logo->state = ui_images_state(a->images, logo->path, 0, 0, &logo->w, &logo->h, &err);
        if (logo->state == UI_IMAGE_FAILED) {
            logo_problem(a, logo->name, err.msg);
        } else if (logo->state == UI_IMAGE_PENDING) {
            ui_images_request(a->images, logo->path, 0, 0); /* still wanted: not evicted */
            waiting = true;
        }
    }
    if (waiting) {
        return;
    }
    st->logo_count = 0;
    for (int i = 0; i < st->asked_count; i++) {
        if (st->asked[i].state == UI_IMAGE_READY && st->asked[i].w > 0 && st->asked[i].h > 0) {
            st->logos[st->logo_count++] = st->asked[i];
        }
    }
    st->logos_checked = true;
    a->dirty = true;
}

/* Where the logos are drawn: in a row at the left of the header band, each as tall as the band
 * leaves room for (up to 160 design pixels, or half the band when that is more) and as wide as
 * its own shape says (never stretched), all of them together at most a quarter of the screen's
 * width (smaller when they would be wider). Fills
 * out[0..logo_count) and returns where the header's text may start. */
static int logo_rects(const ui_app *a, const attract_state *st, SDL_Rect *out) {
    int left = ui_px(a, 48);
    if (st->logo_count == 0) {
        return left;
    }
    int head_h = a->h * 20 / 100, gap = ui_px(a, 24);
    int box_h = head_h - 2 * ui_px(a, 24), tallest = ui_px(a, 160);
    tallest = tallest > head_h / 2 ? tallest : head_h / 2; /* a portrait screen's band is tall */
    box_h = box_h < tallest ? box_h : tallest;
    int gaps = gap * (st->logo_count - 1), most = a->w / 4 - gaps;
    long widths = 0; /* of all the logos at box_h */
    for (int i = 0; i < st->logo_count; i++) {
        widths += (long)st->logos[i].w * box_h / st->logos[i].h;
    }
    int h = widths > most ? (int)(box_h * (long)most / widths) : box_h;
    int x = left;
    for (int i = 0; i < st->logo_count; i++) {
        int lh = h > 1 ? h : 1;
        int lw = (int)((long)st->logos[i].w * lh / st->logos[i].h);
        out[i] = (SDL_Rect){x, (head_h - lh) / 2, lw > 1 ? lw : 1, lh};
        x += out[i].w + gap;
    }
    return x - gap + ui_px(a, 32);
}

static void enter(ui_app *a) {
    attract_state *st = state_of(a);
    if (!st->logos_asked) {
        ask_logos(a, st);
    }
    search_filter f = {.min_stars = 4};
    search_results r;
    ocop_error err;
    st->count = 0;
    st->error[0] = '\0';
    st->start_ms = a->now_ms;
    st->shown = -1;
    if (ui_catalog_search(a->catalog, NULL, &f, 0, SHOWCASE_MAX, &r, &err) != 0) {
        str_copy(st->error, sizeof st->error, err.msg);
        return;
    }
    for (int i = 0; i < r.count && i < SHOWCASE_MAX; i++) {
        st->items[st->count++] = r.items[i];
    }
    ui_catalog_results_free(a->catalog, &r);
}

static bool event(ui_app *a, const ui_event *e) {
    if (e->type == UI_EV_TAP) {
        ui_app_go(a, UI_SCREEN_BROWSE);
        return true;
    }
    return false;
}

static SDL_Rect slide_rect(const ui_app *a) {
    int w = a->w * 80 / 100, h = a->h * 52 / 100;
    return (SDL_Rect){(a->w - w) / 2, a->h * 24 / 100, w, h};
}

/* A slide taller than wide (a portrait screen) shows its picture above the text, using the
 * height, rather than beside it in a narrow column. */
static bool stacked(SDL_Rect slide) {
    return slide.h > slide.w;
}

/* The side of the slide's square picture: beside the text, the slide's height but at most 45 %
 * of its width (the text needs room beside it); above the text (stacked), the slide's width but
 * at most 45 % of its height. */
static int picture_side(const ui_app *a, SDL_Rect slide) {
    int pad = ui_px(a, 36);
    if (stacked(slide)) {
        int side = slide.w - 2 * pad, most = slide.h * 45 / 100;
        return side < most ? side : most;
    }
    int side = slide.h - 2 * pad, most = (slide.w - 2 * pad) * 45 / 100;
    return side < most ? side : most;
}

/* Which product shows and how far the slide to the next has gone (0..1). */
static void position(const ui_app *a, int *index, float *progress) {
    const attract_state *st = state_of(a);
    uint32_t t = a->now_ms - st->start_ms;
    *index = st->count ? (int)((t / SLIDE_MS) % (uint32_t)st->count) : 0;
    uint32_t in = t % SLIDE_MS;
    *progress = in > SLIDE_MS - TRANSITION_MS
                    ? (float)(in - (SLIDE_MS - TRANSITION_MS)) / TRANSITION_MS
                    : 0.0f;
}

static void update(ui_app *a) {
    attract_state *st = state_of(a);
    ui_widgets_clear(&a->widgets);
    char label[256];
    str_format(label, sizeof label, "%s / %s", ui_str(a->strings, UI_LANG_VI, "attract.touch"),
               ui_str(a->strings, UI_LANG_EN, "attract.touch"));
    ui_widgets_add(&a->widgets, UI_W_AREA, ACT_START, 0, (SDL_Rect){0, 0, a->w, a->h}, label);
    int index;
    float progress;
    position(a, &index, &progress);
    SDL_Rect r = slide_rect(a);
    if (st->count) {
        for (int k = 0; k < 2; k++) {
            const product_card *c = &st->items[(index + k) % st->count];
            int side = picture_side(a, r); /* the size draw_slide shows it at */
            look_request_picture(a, c->image, c->picture, c->group, side, side);
        }
    }
    if (!st->logos_checked) {
        check_logos(a, st);
    }
    SDL_Rect logos[CONFIG_LOGOS_MAX];
    logo_rects(a, st, logos);
    for (int i = 0; i < st->logo_count; i++) {
        ui_images_request(a->images, st->logos[i].path, logos[i].w, logos[i].h);
    }
    if (progress > 0.0f) {
        a->dirty = true;
    }
    if (st->shown != index) {
        st->shown = index;
        a->dirty = true;
    }
}

static void draw_slide(const ui_app *a, const product_card *c, SDL_Rect r) {
    const ui_theme *t = &a->theme;
    ui_draw_round_rect(a->renderer, r, ui_px(a, 28), t->card);
    int pad = ui_px(a, 36);
    int side = picture_side(a, r);
    SDL_Rect pic = {r.x + pad, r.y + pad, side, side};
    if (stacked(r)) {
        pic.x = r.x + (r.w - side) / 2;
    }
    look_picture(a, pic, c->image, c->picture, c->group);
    int x = pic.x + pic.w + pad, y = pic.y + ui_px(a, 10);
    if (stacked(r)) {
        x = r.x + pad;
        y = pic.y + pic.h + pad;
    }
    int tw = r.x + r.w - pad - x;
    const char *name = a->lang == UI_LANG_EN && c->name_en[0] ? c->name_en : c->name_vi;
    /* A long name in the title size rather than cut (word wrapping leaves part of each line
     * empty, hence the margin in the test for two lines). */
    bool huge = ui_text_width(a->text, UI_FONT_HUGE, name) <= tw * 17 / 10;
    y += ui_text_draw_wrapped(a->text, huge ? UI_FONT_HUGE : UI_FONT_TITLE, name, t->text, x, y, tw,
                              huge ? 2 : 3);
    y += ui_px(a, 20);
    ui_draw_stars(a->renderer, x, y + ui_px(a, 30), ui_px(a, 60), c->stars, 5, t->star,
                  t->star_off);
    y += ui_px(a, 68);
    /* What the stars mean: a visitor from abroad has not heard of OCOP's 100-point scale. */
    char key[32];
    str_format(key, sizeof key, "attract.stars_%d", c->stars < 1 ? 1 : c->stars > 5 ? 5 : c->stars);
    y += ui_text_draw_wrapped(a->text, UI_FONT_SMALL, ui_app_str(a, key), t->muted, x, y, tw, 2) +
         ui_px(a, 16);
    if (ui_text_width(a->text, UI_FONT_HEADING, c->producer) <= tw) {
        ui_text_draw(a->text, UI_FONT_HEADING, c->producer, t->text, x, y, UI_ALIGN_LEFT, tw);
        y += ui_text_line_height(a->text, UI_FONT_HEADING) + ui_px(a, 8);
    } else { /* a long registered name: smaller, on two lines */
        y += ui_text_draw_wrapped(a->text, UI_FONT_BODY, c->producer, t->text, x, y, tw, 2) +
             ui_px(a, 8);
    }
    char line[256];
    str_format(line, sizeof line, "%s · %s", c->province, look_group_name(a, c->group));
    ui_text_draw(a->text, UI_FONT_HEADING, line, t->muted, x, y, UI_ALIGN_LEFT, tw);
}

/* Where text in the header between heights y0 and y1 must end: before the language and
 * large-text buttons (the top layer) where they reach into that band, else at the margin. */
static int header_room_right(const ui_app *a, int y0, int y1) {
    int margin = ui_px(a, 24), right = a->w - margin;
    for (int i = 0; i < a->top_widgets.count; i++) {
        SDL_Rect b = a->top_widgets.items[i].r;
        if (b.y < y1 && b.y + b.h > y0 && b.x - margin < right) {
            right = b.x - margin;
        }
    }
    return right;
}

static void draw(const ui_app *a) {
    const attract_state *st = state_of(a);
    const ui_theme *t = &a->theme;
    ui_draw_rect(a->renderer, (SDL_Rect){0, 0, a->w, a->h * 20 / 100}, t->accent);
    const kiosk_config *cfg = &a->config;
    bool en = a->lang == UI_LANG_EN;
    const char *event_name = en ? cfg->event_name_en : cfg->event_name_vi;
    /* Under the name, when the config gives them: the dates and the venue (English falls back
     * to the Vietnamese text, which a foreign buyer can still show to a taxi driver). */
    const char *dates = en && cfg->event_dates_en[0] ? cfg->event_dates_en : cfg->event_dates_vi;
    const char *venue = en && cfg->event_venue_en[0] ? cfg->event_venue_en : cfg->event_venue_vi;
    char when_where[2 * CONFIG_TEXT_MAX + 8];
    str_format(when_where, sizeof when_where, "%s%s%s", dates, dates[0] && venue[0] ? " · " : "",
               venue);
    SDL_Rect logos[CONFIG_LOGOS_MAX];
    int tx = logo_rects(a, st, logos);
    for (int i = 0; i < st->logo_count; i++) {
        int tw, th;
        SDL_Texture *tex =
            ui_images_lookup(a->images, st->logos[i].path, logos[i].w, logos[i].h, &tw, &th);
        if (tex) {
            SDL_RenderCopy(a->renderer, tex, NULL, &logos[i]);
            ui_text_record_picture(a->text, st->logos[i].name, logos[i]);
        }
    }
    /* The name in the title size, the dates and venue in the body size, each a size smaller
     * when it would not fit beside the logos and the buttons; the dates and venue wrap to a
     * second line before they are cut. */
    int head_h = a->h * 20 / 100, line_gap = ui_px(a, 6);
    int text_w = header_room_right(a, 0, head_h) - tx;
    ui_font_role name_font = ui_text_width(a->text, UI_FONT_TITLE, event_name) <= text_w
                                 ? UI_FONT_TITLE
                                 : UI_FONT_HEADING;
    ui_font_role sub_font =
        ui_text_width(a->text, UI_FONT_BODY, when_where) <= text_w ? UI_FONT_BODY : UI_FONT_SMALL;
    int lh = ui_text_line_height(a->text, name_font), sub_h = 0;
    if (when_where[0]) {
        int most = 2 * ui_text_line_height(a->text, sub_font);
        sub_h = ui_text_wrapped_height(a->text, sub_font, when_where, text_w);
        sub_h = (sub_h < most ? sub_h : most) + line_gap;
    }
    int ty = (head_h - lh - sub_h) / 2;
    ui_text_draw(a->text, name_font, event_name, t->accent_text, tx, ty, UI_ALIGN_LEFT,
                 header_room_right(a, ty, ty + lh) - tx);
    if (when_where[0]) {
        ui_text_draw_wrapped(a->text, sub_font, when_where, t->accent_text, tx, ty + lh + line_gap,
                             text_w, 2);
    }
    SDL_Rect r = slide_rect(a);
    if (st->count) {
        int index;
        float progress;
        position(a, &index, &progress);
        /* Ease out: the next product slides in from the right. */
        float e = 1.0f - powf(1.0f - progress, 3.0f);
        int shift = (int)(e * (a->w));
        SDL_Rect cur = r, next = r;
        cur.x -= shift;
        next.x += a->w - shift;
        draw_slide(a, &st->items[index], cur);
        if (progress > 0.0f) {
            draw_slide(a, &st->items[(index + 1) % st->count], next);
        }
        /* Dots: where we are in the loop. */
        int dot = ui_px(a, 14), gap = ui_px(a, 34);
        int x0 = a->w / 2 - (st->count - 1) * gap / 2;
        for (int i = 0; i < st->count; i++) {
            ui_draw_circle(a->renderer, (float)(x0 + i * gap), (float)(r.y + r.h + ui_px(a, 36)),
                           (float)dot / 2, i == index ? t->accent : t->line);
        }
    } else {
        ui_text_draw_wrapped(a->text, UI_FONT_HEADING,
                             st->error[0] ? st->error : ui_app_str(a, "attract.empty"), t->muted,
                             r.x, r.y + r.h / 3, r.w, 4);
    }
    /* Both languages: a visitor has not chosen one yet. */
    int by = a->h * 86 / 100;
    SDL_Rect band = {a->w / 2 - ui_px(a, 560), by - ui_px(a, 20), ui_px(a, 1120), ui_px(a, 110)};
    ui_draw_round_rect(a->renderer, band, band.h / 2, t->accent);
    char touch[256];
    str_format(touch, sizeof touch, "%s  /  %s", ui_str(a->strings, UI_LANG_VI, "attract.touch"),
               ui_str(a->strings, UI_LANG_EN, "attract.touch"));
    int th = ui_text_line_height(a->text, UI_FONT_TITLE);
    ui_text_draw(a->text, UI_FONT_TITLE, touch, t->accent_text, a->w / 2,
                 band.y + (band.h - th) / 2, UI_ALIGN_CENTER, band.w - ui_px(a, 40));
}

const ui_screen scr_attract = {"attract", enter, NULL, event, update, draw, sizeof(attract_state)};
