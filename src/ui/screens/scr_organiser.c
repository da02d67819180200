/*
 * scr_organiser.c: the organisers' screen, behind a long press in the attract screen's top-left
 * corner and the organiser PIN (pin_db_try: Argon2id hash, growing lockout).
 *
 * Unlocked, it shows the lead counts (today, in total), demand against declared capacity per
 * product as a bar chart drawn here, the most viewed products and the unmet demand, and buttons
 * to export the leads to a USB stick, to update the kiosk from it (a catalogue and/or a new
 * kiosk.ini: checked and shown first, replaced only when the organiser confirms, all or
 * nothing; see core/bundle.h), to leave kiosk mode and to lock. Statistics are read when the screen
 * unlocks and after each action, never per frame. Leaving the screen (or the idle reset) locks it
 * again and wipes the typed PIN.
 *
 * Test hooks: OCOP_MOUNT_TABLE names another mount table and OCOP_USB_ROOTS (colon-separated)
 * other automount roots, so that tests can offer a folder as a USB stick.
 */
#include "ui/screens/screens.h"

#include "core/bundle.h"
#include "core/isotime.h"
#include "core/pin.h"
#include "core/usb.h"
#include "db/sync.h"
#include "db/bundle_db.h"
#include "db/catalog_db.h"
#include "db/lead_db.h"
#include "db/pin_db.h"
#include "ui/ui_draw.h"
#include "ui/ui_look.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum {
    ACT_DIGIT = 1,
    ACT_CLEAR,
    ACT_UNLOCK,
    ACT_BACK,
    ACT_EXPORT,
    ACT_IMPORT,
    ACT_LEAVE,     /* asks first */
    ACT_LEAVE_YES, /* confirmed: the kiosk quits */
    ACT_LEAVE_NO,
    ACT_REPLACE,
    ACT_CANCEL
};

#define RESTART_DELAY_MS 3000 /* the organiser reads that the kiosk restarts */

#define CHART_ROWS 8
#define LIST_ROWS  5

typedef struct organiser_state {
    bool unlocked;
    char pin[PIN_MAX_DIGITS + 1]; /* typed digits; wiped on leave */
    char message[512];            /* the last result or refusal */
    bool message_bad;
    lead_stats stats;
    bool have_stats;
    int64_t locked_until_ms; /* wall clock, for the countdown */
    bool pending;            /* a USB update read and checked, waiting for Replace or Cancel */
    bool confirm_leave;      /* "Leave kiosk mode?" waits for an answer */
    bundle update;           /* its files */
    char preview[4096];      /* what it would change, shown instead of the statistics */
    int64_t restart_at_ms;   /* wall clock: quit (to be started again) on new settings */
    SDL_Rect chart, lists;   /* laid out in update */
    char sync_line[512];     /* the fair's server: last contact, rows waiting ("" without one) */
    usb_drive drives[USB_MAX_DRIVES]; /* the sticks found by the last export or update */
} organiser_state;

static organiser_state *state_of(const ui_app *a) {
    return a->screen_state[UI_SCREEN_ORGANISER];
}

/* Zeroes the PIN in a way the compiler keeps. */
static void wipe_pin(organiser_state *st) {
    volatile char *p = st->pin;
    for (size_t i = 0; i < sizeof st->pin; i++) {
        p[i] = 0;
    }
}

static int64_t wall_ms(const ui_app *a) {
    return clock_now_ms(&a->clock);
}

static db *app_db(const ui_app *a) {
    return ui_catalog_db(a->catalog);
}

static void say(ui_app *a, bool bad, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void say(ui_app *a, bool bad, const char *fmt, ...) {
    organiser_state *st = state_of(a);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(st->message, sizeof st->message, fmt, ap);
    va_end(ap);
    st->message_bad = bad;
    a->dirty = true;
}

static void load_stats(ui_app *a) {
    organiser_state *st = state_of(a);
    db *d = app_db(a);
    st->have_stats = false;
    /* "Today" on the kiosk's clock, in local time (OCOP_NOW fixes it for screenshots). */
    int64_t now = clock_now(&a->clock);
    int64_t start = isotime_local_day_start(now, clock_utc_offset(&a->clock, now));
    char from[32], to[32];
    isotime_format_utc(start, from, sizeof from);
    isotime_format_utc(start + 86400, to, sizeof to);
    ocop_error err;
    if (lead_db_stats(d, from, to, &st->stats, &err) != 0) {
        say(a, true, "%s", err.msg);
        return;
    }
    st->have_stats = true;
    st->sync_line[0] = '\0';
    sync_status ss;
    if (a->config.sync.url[0] && sync_status_read(d, &ss, &err) == 0) {
        str_format(st->sync_line, sizeof st->sync_line, ui_app_str(a, "organiser.sync"),
                   ss.last_contact[0] ? ss.last_contact : ui_app_str(a, "organiser.sync_never"),
                   ss.waiting, ss.provisional, ss.cut);
    }
}

static void enter(ui_app *a) {
    a->dirty = true;
}

static void drop_update(organiser_state *st) {
    bundle_free(&st->update);
    st->pending = false;
    st->preview[0] = '\0';
}

static void leave(ui_app *a) {
    organiser_state *st = state_of(a);
    drop_update(st);
    wipe_pin(st);
    st->unlocked = false;
    st->confirm_leave = false;
    st->message[0] = '\0';
    st->have_stats = false;
    memset(&st->stats, 0, sizeof st->stats);
}

static void try_pin(ui_app *a) {
    organiser_state *st = state_of(a);
    db *d = app_db(a);
    int64_t now = wall_ms(a), locked = 0;
    ocop_error err;
    pin_result r = pin_db_try(d, st->pin, now, &locked, &err);
    wipe_pin(st);
    switch (r) {
    case PIN_ACCEPTED:
        st->unlocked = true;
        st->message[0] = '\0';
        load_stats(a);
        break;
    case PIN_REJECTED:
    case PIN_LOCKED:
        st->locked_until_ms = now + locked;
        if (locked > 0) {
            say(a, true, ui_app_str(a, "organiser.pin_locked"), (int)((locked + 999) / 1000));
        } else {
            say(a, true, "%s", ui_app_str(a, "organiser.pin_wrong"));
        }
        break;
    case PIN_NOT_SET:
        say(a, true, "%s", ui_app_str(a, "organiser.pin_not_set"));
        break;
    case PIN_ERROR:
        say(a, true, "%s", err.msg);
        break;
    }
}

/* The first writable USB drive, or NULL with the message set. */
static const usb_drive *find_stick(ui_app *a, usb_drive *drives, bool need_write) {
    const char *table = getenv("OCOP_MOUNT_TABLE");
    const char *roots_env = getenv("OCOP_USB_ROOTS");
    const char *roots[8];
    int n_roots = 0;
    char roots_buf[1024];
    if (roots_env && *roots_env) {
        str_copy(roots_buf, sizeof roots_buf, roots_env);
        char *save = NULL;
        for (char *r = strtok_r(roots_buf, ":", &save); r && n_roots < 8;
             r = strtok_r(NULL, ":", &save)) {
            roots[n_roots++] = r;
        }
    } else {
        for (int i = 0; i < usb_default_root_count; i++) {
            roots[n_roots++] = usb_default_roots[i];
        }
    }
    ocop_error err;
    int n = usb_find_drives(table && *table ? table : USB_MOUNT_TABLE, roots, n_roots, drives,
                            USB_MAX_DRIVES, &err);
    if (n < 0) {
        say(a, true, "%s", err.msg);
        return NULL;
    }
    for (int i = 0; i < n; i++) {
        if (drives[i].writable || !need_write) {
            return &drives[i];
        }
    }
    if (n > 0) {
        say(a, true, ui_app_str(a, "organiser.usb_readonly"), drives[0].label);
    } else {
        say(a, true, "%s", ui_app_str(a, "organiser.no_usb"));
    }
    return NULL;
}

static void export_to_usb(ui_app *a) {
    const usb_drive *stick = find_stick(a, state_of(a)->drives, true);
    db *d = app_db(a);
    if (!stick) {
        return;
    }
    int64_t now = clock_now(&a->clock);
    int offset = clock_utc_offset(&a->clock, now);
    char stamp[32], path[USB_PATH_MAX + 128], now_utc[32];
    isotime_format_stamp(now, offset, stamp, sizeof stamp);
    /* The kiosk id names the file, so that sticks from several kiosks do not collide: kiosk.ini's
     * id, else the one the kiosk made for itself (setting kiosk_id). */
    char kiosk[64];
    char *made = a->config.kiosk_id[0] ? NULL : db_setting_get(d, "kiosk_id");
    lead_export_slug(a->config.kiosk_id[0] ? a->config.kiosk_id
                     : made                ? made
                                           : "kiosk",
                     kiosk, sizeof kiosk);
    free(made);
    str_format(path, sizeof path, "%s/ocop-leads-%s-%s.xlsx", stick->mount_point, kiosk, stamp);
    isotime_format_utc(now, now_utc, sizeof now_utc);
    ui_strings_lang words = {.strings = a->strings, .lang = a->lang};
    lead_export_options opt = {.format = LEAD_FORMAT_XLSX,
                               .english = a->lang == UI_LANG_EN,
                               .utc_offset_s = offset,
                               .words = ui_strings_word,
                               .words_ctx = &words,
                               .match_words = ui_strings_word_in,
                               .match_words_ctx = a->strings};
    int listed, exported, files;
    ocop_error err;
    if (lead_db_export(d, NULL, &opt, LEAD_SPLIT_NONE, path, now_utc, &listed, &exported, &files,
                       &err) != 0) {
        say(a, true, ui_app_str(a, "organiser.export_failed"), err.msg);
        return;
    }
    say(a, false, ui_app_str(a, "organiser.exported"), exported, path);
    load_stats(a);
}

/* Reads the stick's update (catalogue and/or kiosk.ini), checks all of it without writing, and
 * shows what it would change; Replace applies it. */
static void import_from_usb(ui_app *a) {
    organiser_state *st = state_of(a);
    const usb_drive *stick = find_stick(a, st->drives, false);
    db *d = app_db(a);
    drop_update(st);
    if (!stick) {
        return;
    }
    ocop_error err;
    int found = bundle_read(stick->mount_point, &st->update, &err);
    if (found <= 0) {
        if (found < 0) {
            say(a, true, ui_app_str(a, "organiser.import_failed"), err.msg);
        } else {
            say(a, true, ui_app_str(a, "organiser.no_catalogue"), stick->label);
        }
        drop_update(st);
        return;
    }
    bundle_check c;
    if (bundle_db_check(d, &st->update, &a->config, &c, &err) != 0) {
        say(a, true, ui_app_str(a, "organiser.import_failed"), err.msg);
        drop_update(st);
        return;
    }
    char line[1024];
    str_format(st->preview, sizeof st->preview, ui_app_str(a, "organiser.update_title"),
               stick->label);
    if (c.has_catalogue) {
        str_format(line, sizeof line, ui_app_str(a, "organiser.update_catalogue"),
                   st->update.catalogue.name, c.products, c.stats.products_new,
                   c.stats.products_updated, c.stats.producers_new, c.stats.capacity_rows);
        str_append(st->preview, sizeof st->preview, "\n");
        str_append(st->preview, sizeof st->preview, line);
    }
    if (c.has_settings) {
        str_format(line, sizeof line, ui_app_str(a, "organiser.update_settings"),
                   st->update.settings.name, c.settings_changed);
        str_append(st->preview, sizeof st->preview, "\n");
        str_append(st->preview, sizeof st->preview, line);
        str_append(st->preview, sizeof st->preview, "\n");
        str_append(st->preview, sizeof st->preview, sb_str(&c.changes));
        size_t n = strlen(st->preview);
        if (n > 0 && st->preview[n - 1] == '\n') {
            st->preview[n - 1] = '\0';
        }
    }
    bundle_check_free(&c);
    st->pending = true;
    say(a, false, "%s", ui_app_str(a, "organiser.update_confirm"));
}

static void replace_from_usb(ui_app *a) {
    organiser_state *st = state_of(a);
    db *d = app_db(a);
    if (!st->pending) {
        return;
    }
    bool settings = st->update.settings.name != NULL;
    int products = 0;
    ocop_error err;
    if (bundle_db_apply(d, &st->update, &a->config, &products, &err) != 0) {
        say(a, true, ui_app_str(a, "organiser.import_failed"), err.msg);
    } else if (settings) {
        say(a, false, ui_app_str(a, "organiser.update_restart"), products);
        st->restart_at_ms = wall_ms(a) + RESTART_DELAY_MS;
    } else {
        say(a, false, ui_app_str(a, "organiser.imported"), products, st->update.catalogue.name);
    }
    drop_update(st);
    load_stats(a);
}

static void add_digit(ui_app *a, char c) {
    organiser_state *st = state_of(a);
    size_t n = strlen(st->pin);
    if (n < PIN_MAX_DIGITS) {
        st->pin[n] = c;
        st->pin[n + 1] = '\0';
    }
    a->dirty = true;
}

static bool event(ui_app *a, const ui_event *e) {
    organiser_state *st = state_of(a);
    if (!st->unlocked && e->type == UI_EV_TEXT) {
        for (const char *p = e->text; *p; p++) {
            if (*p >= '0' && *p <= '9') {
                add_digit(a, *p);
            }
        }
        return true;
    }
    if (!st->unlocked && e->type == UI_EV_KEY) {
        if (e->key == UI_KEY_ENTER) {
            try_pin(a);
        } else if (e->key == UI_KEY_BACKSPACE) {
            size_t n = strlen(st->pin);
            if (n > 0) {
                st->pin[n - 1] = '\0';
            }
        } else if (e->key == UI_KEY_ESCAPE) {
            ui_app_reset(a);
        }
        return true;
    }
    if (e->type != UI_EV_TAP) {
        return false;
    }
    const ui_widget *w = ui_widgets_hit(&a->widgets, e->x, e->y);
    if (!w) {
        return false;
    }
    switch (w->id) {
    case ACT_DIGIT:
        add_digit(a, (char)('0' + w->arg));
        break;
    case ACT_CLEAR:
        wipe_pin(st);
        break;
    case ACT_UNLOCK:
        try_pin(a);
        break;
    case ACT_BACK:
        ui_app_reset(a); /* back to the attract loop, locked */
        break;
    case ACT_EXPORT:
        export_to_usb(a);
        break;
    case ACT_IMPORT:
        import_from_usb(a);
        break;
    case ACT_REPLACE:
        replace_from_usb(a);
        break;
    case ACT_CANCEL:
        drop_update(st);
        st->message[0] = '\0';
        if (!st->have_stats) {
            load_stats(a); /* or the message says why not */
        }
        break;
    case ACT_LEAVE: /* the kiosk closes until the box starts it again: ask first */
        st->confirm_leave = true;
        st->message[0] = '\0';
        break;
    case ACT_LEAVE_NO:
        st->confirm_leave = false;
        st->message[0] = '\0';
        break;
    case ACT_LEAVE_YES:
        a->quit = true;
        break;
    default:
        return false;
    }
    return true;
}

/* The count tiles' height: their caption and big number whole, in large text too. */
static int tile_height(const ui_app *a) {
    return ui_px(a, 24) + ui_text_line_height(a->text, UI_FONT_BODY) +
           ui_text_line_height(a->text, UI_FONT_HUGE);
}

static void layout_pin_pad(ui_app *a) {
    int key = ui_touch(a, 120), gap = ui_px(a, 18);
    /* Keys as wide as their longest word needs ("Đồng ý" in large text), all alike. */
    int kw = key;
    const char *words[2] = {ui_app_str(a, "organiser.clear"), ui_app_str(a, "common.ok")};
    for (int i = 0; i < 2; i++) {
        int need = ui_text_width(a->text, UI_FONT_BOLD, words[i]) + ui_px(a, 40);
        kw = need > kw ? need : kw;
    }
    int pad_w = 3 * kw + 2 * gap;
    int x0 = (a->w - pad_w) / 2;
    int y0 = look_header_height(a) + ui_px(a, 250);
    static const char *const digits[] = {"1", "2", "3", "4", "5", "6", "7", "8", "9"};
    for (int i = 0; i < 9; i++) {
        SDL_Rect r = {x0 + (i % 3) * (kw + gap), y0 + (i / 3) * (key + gap), kw, key};
        ui_widgets_add(&a->widgets, UI_W_KEY, ACT_DIGIT, i + 1, r, digits[i]);
    }
    int y3 = y0 + 3 * (key + gap);
    ui_widgets_add(&a->widgets, UI_W_BUTTON, ACT_CLEAR, 0, (SDL_Rect){x0, y3, kw, key},
                   ui_app_str(a, "organiser.clear"));
    ui_widgets_add(&a->widgets, UI_W_KEY, ACT_DIGIT, 0, (SDL_Rect){x0 + kw + gap, y3, kw, key},
                   "0");
    ui_widgets_add(&a->widgets, UI_W_PRIMARY, ACT_UNLOCK, 0,
                   (SDL_Rect){x0 + 2 * (kw + gap), y3, kw, key}, ui_app_str(a, "common.ok"));
}

static void update(ui_app *a) {
    organiser_state *st = state_of(a);
    if (st->restart_at_ms && wall_ms(a) >= st->restart_at_ms) {
        st->restart_at_ms = 0;
        a->quit = true; /* the kiosk session (or the X11 loop) starts it again on the new file */
    }
    ui_widgets_clear(&a->widgets);
    int pad = ui_px(a, 32), bh = ui_touch(a, 72);
    int bar_y = a->h - bh - pad;
    int x = pad;
    x += look_add_button(a, &a->widgets, UI_W_BUTTON, ACT_BACK, 0, x, bar_y,
                         ui_app_str(a, st->unlocked ? "organiser.lock" : "common.back")) +
         pad / 2;
    if (!st->unlocked) {
        layout_pin_pad(a);
        return;
    }
    if (st->confirm_leave) {
        const char *yes = ui_app_str(a, "organiser.leave");
        int yw = look_button_width(a, yes);
        ui_widgets_add(&a->widgets, UI_W_PRIMARY, ACT_LEAVE_YES, 0,
                       (SDL_Rect){a->w - pad - yw, bar_y, yw, bh}, yes);
        const char *no = ui_app_str(a, "organiser.leave_no");
        int nw = look_button_width(a, no);
        ui_widgets_add(&a->widgets, UI_W_BUTTON, ACT_LEAVE_NO, 0,
                       (SDL_Rect){a->w - pad - yw - pad / 2 - nw, bar_y, nw, bh}, no);
    } else if (st->pending) {
        x += look_add_button(a, &a->widgets, UI_W_PRIMARY, ACT_REPLACE, 0, x, bar_y,
                             ui_app_str(a, "organiser.replace")) +
             pad / 2;
        look_add_button(a, &a->widgets, UI_W_BUTTON, ACT_CANCEL, 0, x, bar_y,
                        ui_app_str(a, "organiser.cancel"));
    } else {
        x += look_add_button(a, &a->widgets, UI_W_PRIMARY, ACT_EXPORT, 0, x, bar_y,
                             ui_app_str(a, "organiser.export")) +
             pad / 2;
        look_add_button(a, &a->widgets, UI_W_BUTTON, ACT_IMPORT, 0, x, bar_y,
                        ui_app_str(a, "organiser.import"));
    }
    if (!st->confirm_leave) {
        const char *leave_label = ui_app_str(a, "organiser.leave");
        int lw = look_button_width(a, leave_label);
        ui_widgets_add(&a->widgets, UI_W_BUTTON, ACT_LEAVE, 0,
                       (SDL_Rect){a->w - pad - lw, bar_y, lw, bh}, leave_label);
    }
    int top = look_header_height(a) + pad + tile_height(a) + ui_px(a, 20);
    int msg_h = ui_text_line_height(a->text, UI_FONT_BODY) * 2 + pad / 2;
    int bottom = bar_y - pad / 2 - msg_h;
    int left_w = (a->w - 3 * pad) * 60 / 100;
    st->chart = (SDL_Rect){pad, top, left_w, bottom - top};
    st->lists = (SDL_Rect){2 * pad + left_w, look_header_height(a) + pad, a->w - 3 * pad - left_w,
                           bottom - look_header_height(a) - pad};
}

/* ---- drawing ----------------------------------------------------------------------------- */

static void draw_pin(const ui_app *a) {
    const organiser_state *st = state_of(a);
    const ui_theme *t = &a->theme;
    int y = look_header_height(a) + ui_px(a, 40);
    ui_text_draw(a->text, UI_FONT_TITLE, ui_app_str(a, "organiser.pin_title"), t->text, a->w / 2, y,
                 UI_ALIGN_CENTER, a->w - ui_px(a, 64));
    y += ui_text_line_height(a->text, UI_FONT_TITLE) + ui_px(a, 8);
    char hint[256]; /* how long a PIN is: the pad takes no more digits than that */
    str_format(hint, sizeof hint, ui_app_str(a, "organiser.pin_hint"), PIN_MIN_DIGITS,
               PIN_MAX_DIGITS);
    ui_text_draw(a->text, UI_FONT_BODY, hint, t->muted, a->w / 2, y, UI_ALIGN_CENTER,
                 a->w - ui_px(a, 64));
    /* One dot per digit typed: never the digits themselves. */
    int n = (int)strlen(st->pin);
    int dot = ui_px(a, 14), gap = ui_px(a, 40);
    int cy = look_header_height(a) + ui_px(a, 200);
    int x0 = a->w / 2 - ((PIN_MAX_DIGITS - 1) * gap) / 2;
    for (int i = 0; i < PIN_MAX_DIGITS; i++) {
        ui_draw_circle(a->renderer, (float)(x0 + i * gap), (float)cy,
                       (float)(i < n ? dot : dot / 3), i < n ? t->text : t->line);
    }
    if (st->message[0]) {
        int key_bottom = 0; /* under the pad's last row */
        for (int i = 0; i < a->widgets.count; i++) {
            const SDL_Rect *r = &a->widgets.items[i].r;
            if (a->widgets.items[i].id == ACT_UNLOCK && r->y + r->h > key_bottom) {
                key_bottom = r->y + r->h;
            }
        }
        ui_text_draw(a->text, UI_FONT_HEADING, st->message, st->message_bad ? t->warn : t->ok,
                     a->w / 2, key_bottom + ui_px(a, 10), UI_ALIGN_CENTER, a->w - ui_px(a, 128));
    }
    look_widgets(a, &a->widgets);
}

static void format_qty(const ui_app *a, double q, const char *unit, char *out, size_t cap) {
    look_amount(a, out, cap, q, unit);
}

static const char *product_name(const ui_app *a, const lead_product_stat *p) {
    if (a->lang == UI_LANG_EN && p->name_en[0]) {
        return p->name_en;
    }
    return p->name_vi[0] ? p->name_vi : p->code;
}

/* A tile with a big number. */
static void draw_tile(const ui_app *a, SDL_Rect r, const char *caption, int value) {
    const ui_theme *t = &a->theme;
    ui_draw_round_rect(a->renderer, r, ui_px(a, 16), t->panel);
    ui_draw_round_frame(a->renderer, r, ui_px(a, 16), ui_px(a, 2), t->line);
    ui_text_draw(a->text, UI_FONT_BODY, caption, t->muted, r.x + ui_px(a, 20), r.y + ui_px(a, 12),
                 UI_ALIGN_LEFT, r.w - ui_px(a, 40));
    char num[32];
    str_format(num, sizeof num, "%d", value);
    ui_text_draw(a->text, UI_FONT_HUGE, num, t->text, r.x + ui_px(a, 20),
                 r.y + ui_px(a, 12) + ui_text_line_height(a->text, UI_FONT_BODY), UI_ALIGN_LEFT,
                 r.w - ui_px(a, 40));
}

/* Horizontal bars: demand (amber, the stars' colour) over capacity (the accent), one scale per
 * base unit so that kg and litres are never drawn against each other. */
static void draw_chart(const ui_app *a) {
    const organiser_state *st = state_of(a);
    const ui_theme *t = &a->theme;
    SDL_Rect c = st->chart;
    ui_draw_round_rect(a->renderer, c, ui_px(a, 16), t->panel);
    int pad = ui_px(a, 20);
    int y = c.y + pad;
    /* Titles wrap rather than lose their end on a small screen or in large text. */
    y += ui_text_draw_wrapped(a->text, UI_FONT_HEADING, ui_app_str(a, "organiser.chart_title"),
                              t->text, c.x + pad, y, c.w - 2 * pad, 2) +
         ui_px(a, 6);
    /* Legend. */
    int sq = ui_px(a, 18), lx = c.x + pad;
    int lh = ui_text_line_height(a->text, UI_FONT_SMALL);
    ui_draw_rect(a->renderer, (SDL_Rect){lx, y + (lh - sq) / 2, sq, sq}, t->star);
    lx += sq + ui_px(a, 8);
    lx += ui_text_draw(a->text, UI_FONT_SMALL, ui_app_str(a, "organiser.demand"), t->muted, lx, y,
                       UI_ALIGN_LEFT, 0) +
          ui_px(a, 24);
    ui_draw_rect(a->renderer, (SDL_Rect){lx, y + (lh - sq) / 2, sq, sq}, t->accent);
    lx += sq + ui_px(a, 8);
    ui_text_draw(a->text, UI_FONT_SMALL, ui_app_str(a, "organiser.capacity"), t->muted, lx, y,
                 UI_ALIGN_LEFT, 0);
    y += lh + ui_px(a, 12);

    const lead_stats *s = &st->stats;
    int rows = s->n_demand < CHART_ROWS ? s->n_demand : CHART_ROWS;
    if (rows == 0) {
        ui_text_draw(a->text, UI_FONT_BODY, ui_app_str(a, "organiser.none"), t->muted, c.x + pad, y,
                     UI_ALIGN_LEFT, c.w - 2 * pad);
        return;
    }
    int label_w = c.w * 30 / 100;
    int value_w = ui_px(a, 250);
    int bar_x = c.x + pad + label_w + ui_px(a, 12);
    int bar_w = c.x + c.w - pad - value_w - bar_x;
    /* Rows share the room left, each at least a line of text high: on a small screen or in
     * large text fewer rows are shown rather than drawn over each other. */
    int room = c.y + c.h - pad - y;
    int min_row = ui_text_line_height(a->text, UI_FONT_BODY) + ui_px(a, 4);
    int row_h = room / CHART_ROWS > min_row ? room / CHART_ROWS : min_row;
    if (rows > room / min_row) {
        rows = room / min_row > 0 ? room / min_row : 0;
    }
    int bar_h = row_h * 30 / 100;
    for (int i = 0; i < rows; i++) {
        const lead_product_stat *p = &s->demand[i];
        double scale = 0;
        for (int k = 0; k < rows; k++) {
            if (strcmp(s->demand[k].base_unit, p->base_unit) == 0) {
                scale = scale > s->demand[k].demand ? scale : s->demand[k].demand;
                scale = scale > s->demand[k].capacity ? scale : s->demand[k].capacity;
            }
        }
        int ry = y + i * row_h;
        int mid = ry + row_h / 2;
        ui_text_draw(a->text, UI_FONT_BODY, product_name(a, p), t->text, c.x + pad,
                     mid - ui_text_line_height(a->text, UI_FONT_BODY) / 2, UI_ALIGN_LEFT, label_w);
        int dw = scale > 0 ? (int)(bar_w * (p->demand / scale) + 0.5) : 0;
        int cw = scale > 0 ? (int)(bar_w * (p->capacity / scale) + 0.5) : 0;
        ui_draw_rect(a->renderer, (SDL_Rect){bar_x, mid - bar_h - 1, bar_w, 2 * bar_h + 2}, t->bg);
        ui_draw_rect(a->renderer, (SDL_Rect){bar_x, mid - bar_h, dw > 0 ? dw : 1, bar_h}, t->star);
        ui_draw_rect(a->renderer, (SDL_Rect){bar_x, mid + 1, cw > 0 ? cw : 1, bar_h}, t->accent);
        if (p->demand > p->capacity) {
            /* Demand beyond capacity: a warning tick where capacity ends. */
            ui_draw_rect(a->renderer,
                         (SDL_Rect){bar_x + cw, mid - bar_h - ui_px(a, 4), ui_px(a, 4),
                                    2 * bar_h + ui_px(a, 8)},
                         t->warn);
        }
        char d[64], cap[64], both[140];
        format_qty(a, p->demand, p->base_unit, d, sizeof d);
        format_qty(a, p->capacity, p->base_unit, cap, sizeof cap);
        str_format(both, sizeof both, "%s / %s", d, cap);
        ui_text_draw(a->text, UI_FONT_SMALL, both, p->demand > p->capacity ? t->warn : t->muted,
                     c.x + c.w - pad, mid - lh / 2, UI_ALIGN_RIGHT, value_w);
    }
}

static void draw_lists(const ui_app *a) {
    const organiser_state *st = state_of(a);
    const ui_theme *t = &a->theme;
    SDL_Rect r = st->lists;
    ui_draw_round_rect(a->renderer, r, ui_px(a, 16), t->panel);
    int pad = ui_px(a, 20), x = r.x + pad, w = r.w - 2 * pad;
    int y = r.y + pad;
    int bh = ui_text_line_height(a->text, UI_FONT_BODY) + ui_px(a, 6);
    const lead_stats *s = &st->stats;
    y += ui_text_draw_wrapped(a->text, UI_FONT_HEADING, ui_app_str(a, "organiser.viewed_title"),
                              t->text, x, y, w, 2) +
         ui_px(a, 6);
    if (s->n_viewed == 0) {
        ui_text_draw(a->text, UI_FONT_BODY, ui_app_str(a, "organiser.none"), t->muted, x, y,
                     UI_ALIGN_LEFT, w);
        y += bh;
    }
    for (int i = 0; i < s->n_viewed && i < LIST_ROWS; i++) {
        char views[64];
        if (s->viewed[i].views == 1) {
            str_copy(views, sizeof views, ui_app_str(a, "organiser.views_one"));
        } else {
            str_format(views, sizeof views, ui_app_str(a, "organiser.views"), s->viewed[i].views);
        }
        int vw = ui_text_draw(a->text, UI_FONT_BODY, views, t->muted, x + w, y, UI_ALIGN_RIGHT, 0);
        ui_text_draw(a->text, UI_FONT_BODY, product_name(a, &s->viewed[i]), t->text, x, y,
                     UI_ALIGN_LEFT, w - vw - ui_px(a, 16));
        y += bh;
    }
    y += ui_px(a, 24);
    y += ui_text_draw_wrapped(a->text, UI_FONT_HEADING, ui_app_str(a, "organiser.unmet_title"),
                              t->text, x, y, w, 2) +
         ui_px(a, 6);
    if (s->n_unmet == 0) {
        ui_text_draw(a->text, UI_FONT_BODY, ui_app_str(a, "organiser.none"), t->muted, x, y,
                     UI_ALIGN_LEFT, w);
    }
    for (int i = 0; i < s->n_unmet && i < LIST_ROWS; i++) {
        const lead_unmet_stat *u = &s->unmet[i];
        const char *what = u->product[0] ? (a->lang == UI_LANG_EN && u->name_en[0] ? u->name_en
                                            : u->name_vi[0]                        ? u->name_vi
                                                                                   : u->product)
                           : u->group[0] ? look_group_name(a, u->group)
                                         : u->query;
        char qty[64], line[128];
        format_qty(a, u->unmet, u->base_unit, qty, sizeof qty);
        str_format(line, sizeof line, "%s · ", qty);
        char inq[64];
        if (u->inquiries == 1) {
            str_copy(inq, sizeof inq, ui_app_str(a, "organiser.inquiries_one"));
        } else {
            str_format(inq, sizeof inq, ui_app_str(a, "organiser.inquiries"), u->inquiries);
        }
        str_append(line, sizeof line, inq);
        int qw = ui_text_draw(a->text, UI_FONT_BODY, line, t->warn, x + w, y, UI_ALIGN_RIGHT, 0);
        ui_text_draw(a->text, UI_FONT_BODY, what, t->text, x, y, UI_ALIGN_LEFT,
                     w - qw - ui_px(a, 16));
        y += bh;
    }
}

static void draw(const ui_app *a) {
    const organiser_state *st = state_of(a);
    const ui_theme *t = &a->theme;
    look_header(a, ui_app_str(a, "organiser.title"));
    if (!st->unlocked) {
        draw_pin(a);
        return;
    }
    int pad = ui_px(a, 32);
    if (st->pending) {
        int bar_y = a->h - ui_touch(a, 72) - pad;
        int line_h = ui_text_line_height(a->text, UI_FONT_BODY);
        int top = look_header_height(a) + pad;
        ui_text_draw_wrapped(a->text, UI_FONT_BODY, st->preview, t->text, pad, top, a->w - 2 * pad,
                             (bar_y - pad - top) / line_h - 2);
        ui_text_draw_wrapped(a->text, UI_FONT_BODY, st->message, t->ok, pad,
                             bar_y - pad / 2 - 2 * line_h, a->w - 2 * pad, 2);
        look_widgets(a, &a->widgets);
        return;
    }
    if (!st->have_stats) { /* the message says why */
        ui_text_draw_wrapped(a->text, UI_FONT_HEADING, st->message, t->warn, pad,
                             look_header_height(a) + pad, a->w - 2 * pad, 3);
        look_widgets(a, &a->widgets);
        return;
    }
    int tile_w = (st->chart.w - pad / 2) / 2;
    int tile_h = tile_height(a);
    int ty = look_header_height(a) + pad;
    draw_tile(a, (SDL_Rect){st->chart.x, ty, tile_w, tile_h}, ui_app_str(a, "organiser.today"),
              st->stats.leads_today);
    draw_tile(a, (SDL_Rect){st->chart.x + tile_w + pad / 2, ty, tile_w, tile_h},
              ui_app_str(a, "organiser.total"), st->stats.leads_total);
    if (st->sync_line[0]) {
        int sh = ui_text_line_height(a->text, UI_FONT_SMALL);
        ui_text_draw(a->text, UI_FONT_SMALL, st->sync_line, t->muted, a->w - pad,
                     (look_header_height(a) - sh) / 2, UI_ALIGN_RIGHT, a->w / 2);
    }
    draw_chart(a);
    draw_lists(a);
    /* The question, in the language on screen now; else the last result. */
    const char *message =
        st->confirm_leave ? ui_app_str(a, "organiser.leave_confirm") : st->message;
    if (message[0]) {
        int bar_y = a->h - ui_touch(a, 72) - pad;
        int msg_h = ui_text_line_height(a->text, UI_FONT_BODY) * 2;
        ui_text_draw_wrapped(a->text, UI_FONT_BODY, message,
                             st->message_bad || st->confirm_leave ? t->warn : t->ok, pad,
                             bar_y - pad / 2 - msg_h, a->w - 2 * pad, 2);
    }
    look_widgets(a, &a->widgets);
}

const ui_screen scr_organiser = {
    "organiser", enter, leave, event, update, draw, sizeof(organiser_state)};
