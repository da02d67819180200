/* scr_inquiry.c: the inquiry form. Name, company, phone, e-mail, province, quantity with the
 * product's units, month window, minimum stars, note, and two consent boxes worded for Decree
 * 13/2023/ND-CP that start unticked. Messages appear next to the wrong fields; nothing typed is
 * lost. The focused field stays above the on-screen keyboard. */
#include "ui/screens/screens.h"

#include "db/sync_thread.h"

#include "core/month.h"
#include "core/units.h"
#include "ui/ui_draw.h"
#include "ui/ui_lead.h"
#include "ui/ui_look.h"

#include <string.h>

#define UNIT_CHOICES 8

enum {
    ACT_BACK = 1,
    ACT_SUBMIT,
    ACT_FIELD, /* arg = ui_field_id */
    ACT_UNIT,
    ACT_MONTH_START, /* arg = months from now */
    ACT_MONTH_COUNT, /* arg = months */
    ACT_STARS,       /* arg = minimum stars */
    ACT_CONSENT_CONTACT,
    ACT_CONSENT_SHARE,
    ACT_PROVINCE_PICK,
};

enum { PICK_UNIT = 10, PICK_PROVINCE };

static const int form_fields[] = {UI_F_NAME,     UI_F_COMPANY,  UI_F_PHONE, UI_F_EMAIL,
                                  UI_F_PROVINCE, UI_F_QUANTITY, UI_F_NOTE};

static const char *const field_keys[UI_F_COUNT] = {
    [UI_F_NAME] = "inquiry.name",         [UI_F_COMPANY] = "inquiry.company",
    [UI_F_PHONE] = "inquiry.phone",       [UI_F_EMAIL] = "inquiry.email",
    [UI_F_PROVINCE] = "inquiry.province", [UI_F_QUANTITY] = "inquiry.quantity",
    [UI_F_NOTE] = "inquiry.note",
};

typedef struct inquiry_state {
    product_record rec;
    int found;
    char units[UNIT_CHOICES][32];
    int unit_count;
    int offset;    /* pixels the form is scrolled up (dragged, or to keep the focused field
                      visible) */
    int content_h; /* the whole form's height */
    int bar_y;     /* the action bar's buttons */
    int content_top;
    int view_bottom; /* where the form's viewport ends: the action bar's top, the keyboard's,
                        or above the strip of the "more below" pill */
    SDL_Rect more;   /* that pill (w = 0: the form fits, or the keyboard is up) */
    SDL_Rect consent_box;
} inquiry_state;

static inquiry_state *state_of(const ui_app *a) {
    return a->screen_state[UI_SCREEN_INQUIRY];
}

static void add_unit(inquiry_state *st, const char *u) {
    if (!u || !*u || st->unit_count >= UNIT_CHOICES) {
        return;
    }
    for (int i = 0; i < st->unit_count; i++) {
        if (strcmp(st->units[i], u) == 0) {
            return;
        }
    }
    str_copy(st->units[st->unit_count++], sizeof st->units[0], u);
}

/* The product's units: its sale unit, then the trade units of its base (mass or volume). */
static void make_units(inquiry_state *st) {
    st->unit_count = 0;
    add_unit(st, st->rec.unit);
    if (strcmp(st->rec.base_unit, "kg") == 0 || !st->rec.base_unit[0]) {
        static const char *const mass[] = {"kg", "yến", "tạ", "tấn"};
        if (st->rec.base_unit[0] || strcmp(st->rec.unit, "kg") == 0) {
            for (size_t i = 0; i < OCOP_COUNT(mass); i++) {
                add_unit(st, mass[i]);
            }
        }
    } else if (strcmp(st->rec.base_unit, "l") == 0) {
        add_unit(st, "l");
    }
}

/* The first month asked: the one chosen, else next month; never a month already past (a
 * visit that crossed a month's end keeps its choice while it is still to come). */
static int first_month(const ui_app *a) {
    int this_month = clock_this_month(&a->clock);
    int chosen = a->session->month_first > 0 ? a->session->month_first : this_month + 1;
    return chosen < this_month ? this_month : chosen;
}

/* The top of the action bar's background (a margin above its buttons). */
static int bar_top(const ui_app *a, const inquiry_state *st) {
    return st->bar_y - ui_px(a, 32) / 4;
}

static void enter(ui_app *a) {
    inquiry_state *st = state_of(a);
    ocop_error err;
    memset(&st->rec, 0, sizeof st->rec);
    st->found = ui_catalog_get(a->catalog, a->session->product, &st->rec, &err);
    make_units(st);
    st->offset = 0;
    /* The default, next month, is pinned when the form shows: the month the buyer sees chosen
     * stays chosen if the visit runs past midnight at the month's end. */
    if (a->session->month_first == 0) {
        a->session->month_first = clock_this_month(&a->clock) + 1;
    }
    if (a->session->unit >= st->unit_count) {
        a->session->unit = 0;
    }
    a->dirty = true;
}

void scr_inquiry_sample(ui_app *a) {
    inquiry_state *st = state_of(a);
    ui_session *s = a->session;
    ui_field_set(&s->fields[UI_F_NAME], ui_app_str(a, "inquiry.sample_name"));
    ui_field_set(&s->fields[UI_F_COMPANY], ui_app_str(a, "inquiry.sample_company"));
    ui_field_set(&s->fields[UI_F_PHONE], ui_app_str(a, "inquiry.sample_phone"));
    ui_field_set(&s->fields[UI_F_EMAIL], ui_app_str(a, "inquiry.sample_email"));
    ui_field_set(&s->fields[UI_F_PROVINCE], ui_app_str(a, "inquiry.sample_province"));
    /* As a buyer types it on the keypad: no thousands separator, a decimal comma. */
    char q[32];
    units_format_number(st->rec.moq > 0 ? st->rec.moq : 1, q, sizeof q);
    for (char *c = strchr(q, '.'); c; c = strchr(c, '.')) {
        *c = ',';
    }
    ui_field_set(&s->fields[UI_F_QUANTITY], q);
    s->unit = 0;
    s->month_first = 0;
    s->month_count = 1;
    s->consent_contact = true;
    s->consent_share = true;
}

/* Sets field `f`'s message to the string `key`. */
static void field_says(ui_app *a, ui_field_id f, const char *key) {
    str_copy(a->session->field_error[f], sizeof a->session->field_error[0], ui_app_str(a, key));
}

/* Fills s->request from the form, has the core judge every field (inquiry_validate_fields: the
 * rules `inquire` applies, the form has none of its own but the typed quantity's digits, the
 * product's minimum order and the consent this kiosk asks for), and words each field's
 * problem. Returns the number of wrong fields. */
static int validate(ui_app *a) {
    inquiry_state *st = state_of(a);
    ui_session *s = a->session;
    inquiry_request *in = &s->request;
    memset(s->field_error, 0, sizeof s->field_error);
    s->form_error[0] = '\0';
    memset(in, 0, sizeof *in);
    double qty = 0;
    bool typed = ui_lead_quantity_check(ui_field_text(&s->fields[UI_F_QUANTITY]), &qty);
    const char *unit = st->unit_count ? st->units[s->unit < st->unit_count ? s->unit : 0] : "";
    str_copy(in->buyer_name, sizeof in->buyer_name, ui_field_text(&s->fields[UI_F_NAME]));
    str_copy(in->buyer_company, sizeof in->buyer_company, ui_field_text(&s->fields[UI_F_COMPANY]));
    /* A phone longer than the field holds is no phone: kept whole, it fails as one. */
    bool phone_fits =
        str_copy(in->buyer_phone, sizeof in->buyer_phone, ui_field_text(&s->fields[UI_F_PHONE]));
    str_copy(in->buyer_email, sizeof in->buyer_email, ui_field_text(&s->fields[UI_F_EMAIL]));
    str_copy(in->buyer_province, sizeof in->buyer_province,
             ui_field_text(&s->fields[UI_F_PROVINCE]));
    str_copy(in->product, sizeof in->product, s->product);
    in->quantity = qty;
    str_copy(in->unit, sizeof in->unit, unit);
    int first = first_month(a);
    month_format(first, in->month_from);
    month_format(first + s->month_count - 1, in->month_to);
    in->min_stars = s->form_min_stars;
    str_copy(in->note, sizeof in->note, ui_field_text(&s->fields[UI_F_NOTE]));
    str_copy(in->lang, sizeof in->lang, a->lang == UI_LANG_EN ? "en" : "vi");
    in->consent_contact = s->consent_contact;
    in->consent_share = s->consent_share;

    inquiry_errors *e = xmalloc(sizeof *e);
    inquiry_validate_fields(in, e);
    if (!phone_fits && e->problem[INQUIRY_FIELD_PHONE] == INQUIRY_OK) {
        e->problem[INQUIRY_FIELD_PHONE] = INQUIRY_INVALID;
    }
    int bad = 0;
    if (e->problem[INQUIRY_FIELD_NAME] != INQUIRY_OK) {
        field_says(a, UI_F_NAME, "inquiry.err_name");
        bad++;
    }
    if (e->problem[INQUIRY_FIELD_PHONE] != INQUIRY_OK) {
        field_says(a, UI_F_PHONE,
                   e->problem[INQUIRY_FIELD_PHONE] == INQUIRY_NO_CONTACT ? "inquiry.err_contact"
                                                                         : "inquiry.err_phone");
        bad++;
    }
    if (e->problem[INQUIRY_FIELD_EMAIL] != INQUIRY_OK) {
        field_says(a, UI_F_EMAIL, "inquiry.err_email");
        bad++;
    }
    char m[48], line[160];
    inquiry_problem quantity = e->problem[INQUIRY_FIELD_QUANTITY];
    if (!typed) {
        field_says(a, UI_F_QUANTITY, "inquiry.err_quantity_number");
    } else if (quantity == INQUIRY_TOO_LARGE) {
        look_qty(m, sizeof m, INQUIRY_QUANTITY_MAX, a->lang);
        str_format(s->field_error[UI_F_QUANTITY], sizeof s->field_error[0],
                   ui_app_str(a, "inquiry.err_quantity_max"), m);
    } else if (quantity == INQUIRY_TOO_SMALL) {
        /* Less than 1 g or 1 ml: the least, in the unit the buyer chose. */
        unit_info u;
        if (units_lookup(unit, &u, NULL) == 0 && u.to_base > 0) {
            look_amount(a, line, sizeof line, 0.001 / u.to_base, unit);
            str_format(s->field_error[UI_F_QUANTITY], sizeof s->field_error[0],
                       ui_app_str(a, "inquiry.err_moq"), line);
        } else {
            field_says(a, UI_F_QUANTITY, "inquiry.err_quantity");
        }
    } else if (quantity != INQUIRY_OK) {
        field_says(a, UI_F_QUANTITY, "inquiry.err_quantity");
    }
    bad += !typed || quantity != INQUIRY_OK;
    /* The minimum order, in whatever unit the buyer chose: compared in base units (1 l of a
     * product whose minimum is 10 bottles of 500 ml is 1 l < 5 l). It says more than "less
     * than 1 ml", so it is what a quantity that small is told. */
    if (typed && (quantity == INQUIRY_OK || quantity == INQUIRY_TOO_SMALL) && st->rec.moq > 0 &&
        unit[0]) {
        unit_base base;
        double want, least;
        if (units_product_base(st->rec.unit, st->rec.measure, &base, NULL) == 0 &&
            units_to_base(qty, unit, &base, &want, NULL) == 0 &&
            units_to_base(st->rec.moq, st->rec.unit, &base, &least, NULL) == 0 &&
            want < least * (1 - 1e-9)) {
            look_amount(a, line, sizeof line, st->rec.moq, st->rec.unit);
            if (strcmp(unit, st->rec.unit) != 0 && base.base_per_unit > 0 &&
                strcmp(base.base_unit, "piece") != 0) {
                /* "At least 10 bottles (5 L)": the minimum also in the base the buyer's unit
                 * converts through. */
                look_amount(a, m, sizeof m, least, base.base_unit);
                str_append(line, sizeof line, " (");
                str_append(line, sizeof line, m);
                str_append(line, sizeof line, ")");
            }
            str_format(s->field_error[UI_F_QUANTITY], sizeof s->field_error[0],
                       ui_app_str(a, "inquiry.err_moq"), line);
            bad += quantity == INQUIRY_OK;
        }
    }
    /* The fields the form does not mark (it chose them: unit, months, product …) make the
     * form's message. */
    for (int f = 0; f < INQUIRY_FIELD_COUNT; f++) {
        bool marked = f == INQUIRY_FIELD_NAME || f == INQUIRY_FIELD_PHONE ||
                      f == INQUIRY_FIELD_EMAIL || f == INQUIRY_FIELD_QUANTITY;
        bad += !marked && e->problem[f] != INQUIRY_OK;
    }
    free(e);
    if (!s->consent_contact) {
        str_copy(s->form_error, sizeof s->form_error, ui_app_str(a, "inquiry.err_consent"));
        bad++;
    } else if (bad) {
        str_copy(s->form_error, sizeof s->form_error, ui_app_str(a, "inquiry.err_form"));
    }
    return bad;
}

int scr_inquiry_submit(ui_app *a, bool store) {
    inquiry_state *st = state_of(a);
    ui_session *s = a->session;
    if (st->found != 1) {
        str_copy(s->form_error, sizeof s->form_error, ui_app_str(a, "product.not_found"));
        return -1;
    }
    if (validate(a) > 0) {
        a->dirty = true;
        return -1;
    }
    ocop_error err;
    s->lead_id[0] = '\0';
    s->lead_error[0] = '\0';
    /* Recording computes the match against the capacity free at that moment and commits the
     * lead before anything says "thank you"; a dry run shows the match when it cannot. The same
     * product's form submitted again in this visit edits the lead it recorded. */
    const char *edit = strcmp(s->recorded_product, s->product) == 0 ? s->recorded_id : NULL;
    if (store && ui_lead_record(a->catalog, &a->config, &s->request, clock_now(&a->clock), edit,
                                s->lead_id, sizeof s->lead_id, &s->result, &err) == 0) {
        str_copy(s->recorded_id, sizeof s->recorded_id, s->lead_id);
        str_copy(s->recorded_product, sizeof s->recorded_product, s->product);
        /* With a fair's server, the capacity is held there while the buyer waits. */
        s->hold_state[0] = '\0';
        if (a->sync) {
            sync_thread_lead_recorded(a->sync, ui_catalog_db(a->catalog), s->lead_id,
                                      clock_now(&a->clock), &s->result, s->hold_state);
        }
        s->submitted = true;
        ui_app_focus(a, -1);
        ui_app_go(a, UI_SCREEN_RESULT);
        return 0;
    }
    if (store) {
        str_copy(s->lead_error, sizeof s->lead_error, err.msg);
    }
    if (ui_lead_match(a->catalog, &a->config, &s->request, clock_now(&a->clock), &s->result,
                      &err) != 0) {
        str_copy(s->form_error, sizeof s->form_error, err.msg);
        return -1;
    }
    s->submitted = true;
    ui_app_focus(a, -1);
    ui_app_go(a, UI_SCREEN_RESULT);
    return 0;
}

static bool event(ui_app *a, const ui_event *e) {
    inquiry_state *st = state_of(a);
    ui_session *s = a->session;
    if (e->type == UI_EV_DRAG) {
        /* The form follows the finger (no momentum needed for one screen and a half). */
        st->offset -= e->y;
        int max = st->content_h - (st->view_bottom - st->content_top);
        if (st->offset > max) {
            st->offset = max;
        }
        if (st->offset < 0) {
            st->offset = 0;
        }
        return true;
    }
    if (e->type != UI_EV_TAP) {
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
        ui_app_back(a);
        break;
    case ACT_SUBMIT:
        scr_inquiry_submit(a, true);
        break;
    case ACT_FIELD:
        ui_app_focus(a, w->arg);
        break;
    case ACT_PROVINCE_PICK: {
        const char *names[UI_PICKER_MAX];
        int n = ui_app_provinces(a, names, UI_PICKER_MAX);
        int selected = -1;
        for (int i = 0; i < n; i++) {
            if (strcmp(names[i], ui_field_text(&s->fields[UI_F_PROVINCE])) == 0) {
                selected = i;
            }
        }
        ui_app_pick(a, PICK_PROVINCE, ui_app_str(a, "inquiry.province"), names, n, selected);
        break;
    }
    case ACT_UNIT: {
        const char *names[UNIT_CHOICES];
        for (int i = 0; i < st->unit_count; i++) {
            names[i] = look_unit(a, st->units[i], 1);
        }
        ui_app_pick(a, PICK_UNIT, ui_app_str(a, "inquiry.unit"), names, st->unit_count, s->unit);
        break;
    }
    case ACT_MONTH_START:
        s->month_first = w->arg;
        break;
    case ACT_MONTH_COUNT:
        s->month_count = w->arg;
        break;
    case ACT_STARS:
        s->form_min_stars = w->arg;
        break;
    case ACT_CONSENT_CONTACT:
        s->consent_contact = !s->consent_contact;
        s->form_error[0] = '\0';
        break;
    case ACT_CONSENT_SHARE:
        s->consent_share = !s->consent_share;
        break;
    default:
        break;
    }
    return true;
}

/* Adds a row of chips; returns the height used. */
static int chip_row(ui_app *a, int x, int y, int max_x, int id, const int *args,
                    const char *const *labels, int n, int selected) {
    int gap = ui_px(a, 10), bh = ui_touch(a, 60), x0 = x, rows = 1;
    for (int i = 0; i < n; i++) {
        int w = look_button_width(a, labels[i]);
        if (x + w > max_x && x > x0) {
            x = x0;
            y += bh + gap;
            rows++;
        }
        ui_widgets_add(&a->widgets, UI_W_CHIP, id, args[i], (SDL_Rect){x, y, w, bh}, labels[i])
            ->on = args[i] == selected;
        x += w + gap;
    }
    return rows * (bh + gap);
}

static void update(ui_app *a) {
    inquiry_state *st = state_of(a);
    ui_session *s = a->session;
    ui_widget_list *l = &a->widgets;
    ui_widgets_clear(l);
    if (a->picker.done) {
        a->picker.done = false;
        if (a->picker.target == PICK_PROVINCE && a->picker.result >= 0 &&
            a->picker.result < a->province_count) {
            ui_field_set(&s->fields[UI_F_PROVINCE], a->provinces[a->picker.result]);
        }
        if (a->picker.target == PICK_UNIT && a->picker.result >= 0) {
            s->unit = a->picker.result;
        }
    }
    /* A portrait screen has the height for taller fields, set further apart. */
    bool portrait = a->h > a->w;
    int pad = ui_px(a, 32), gap = ui_px(a, portrait ? 30 : 10),
        bh = ui_touch(a, portrait ? 88 : 66);
    int cap_h = ui_text_line_height(a->text, look_caption_font(a));
    int err_h = ui_text_line_height(a->text, UI_FONT_SMALL), note_h = err_h;
    st->content_top =
        look_header_height(a) + ui_text_line_height(a->text, UI_FONT_HEADING) + ui_px(a, 12);
    st->bar_y = a->h - ui_touch(a, 72) - ui_px(a, 16);
    bool two_cols = a->w >= a->h;
    int col_w = two_cols ? (a->w - 3 * pad) / 2 : a->w - 2 * pad;
    int x1 = pad, x2 = two_cols ? pad * 2 + col_w : pad;
    int field_step = cap_h + bh + err_h + gap;

    /* 1. Everything at content coordinates (y from 0). Left: who the buyer is; right: what, how
     * much, when. One column on a portrait screen. */
    SDL_Rect rects[UI_F_COUNT];
    int y = cap_h;
    static const int left[] = {UI_F_NAME, UI_F_COMPANY, UI_F_PHONE, UI_F_EMAIL};
    for (size_t i = 0; i < OCOP_COUNT(left); i++) {
        rects[left[i]] = (SDL_Rect){x1, y, col_w, bh};
        y += field_step;
    }
    int left_bottom = y - cap_h;
    int y2 = two_cols ? cap_h : y;
    /* The province: typed, or picked from the list (no typing needed). */
    const char *choose = ui_app_str(a, "inquiry.choose");
    int choose_w = look_button_width(a, choose);
    rects[UI_F_PROVINCE] = (SDL_Rect){x2, y2, col_w - choose_w - gap, bh};
    ui_widgets_add(l, UI_W_BUTTON, ACT_PROVINCE_PICK, 0,
                   (SDL_Rect){x2 + col_w - choose_w, y2, choose_w, bh}, choose);
    y2 += field_step;
    int unit_w = look_button_width(a, "thùng") + ui_px(a, 60);
    rects[UI_F_QUANTITY] = (SDL_Rect){x2, y2, col_w - unit_w - gap, bh};
    SDL_Rect unit_rect = {x2 + col_w - unit_w, y2, unit_w, bh};
    y2 += bh + err_h + gap + cap_h;
    for (size_t i = 0; i < OCOP_COUNT(form_fields); i++) {
        int f = form_fields[i];
        if (f != UI_F_NOTE) {
            ui_widgets_add(l, UI_W_FIELD, ACT_FIELD, f, rects[f], ui_app_str(a, field_keys[f]));
        }
    }
    char unit_label[64];
    str_copy(unit_label, sizeof unit_label,
             st->unit_count ? look_unit(a, st->units[s->unit < st->unit_count ? s->unit : 0], 1)
                            : "");
    ui_widgets_add(l, UI_W_BUTTON, ACT_UNIT, 0, unit_rect, unit_label);
    /* Months: the first month, then how many; then the minimum stars. */
    int max_x = x2 + col_w;
    /* This month and the two after it, on the clock now: a visit that crosses midnight at a
     * month's end sees the new months. */
    int this_month = clock_this_month(&a->clock);
    int starts[3];
    char month_labels[3][16];
    const char *ml[3];
    for (int i = 0; i < 3; i++) {
        char ym[MONTH_TEXT_SIZE];
        starts[i] = this_month + i;
        month_format(starts[i], ym);
        str_format(month_labels[i], sizeof month_labels[i], "%.2s/%.4s", ym + 5, ym);
        ml[i] = month_labels[i];
    }
    y2 += chip_row(a, x2, y2, max_x, ACT_MONTH_START, starts, ml, 3, first_month(a));
    int counts[3] = {1, 2, 3};
    char count_labels[3][48];
    const char *cl[3];
    for (int i = 0; i < 3; i++) {
        str_format(count_labels[i], sizeof count_labels[i],
                   ui_app_str(a, counts[i] == 1 ? "inquiry.month_one" : "inquiry.month_count"),
                   counts[i]);
        cl[i] = count_labels[i];
    }
    y2 += chip_row(a, x2, y2, max_x, ACT_MONTH_COUNT, counts, cl, 3, s->month_count);
    y2 += cap_h;
    /* A minimum above the product's own rating would refuse the product itself. */
    int stars[4] = {0, 3, 4, 5};
    const char *sl[4] = {ui_app_str(a, "inquiry.any_stars"), "3", "4", "5"};
    int n_stars = 4;
    while (st->found == 1 && n_stars > 1 && stars[n_stars - 1] > st->rec.stars) {
        n_stars--;
    }
    if (s->form_min_stars > stars[n_stars - 1]) {
        s->form_min_stars = 0;
    }
    y2 += chip_row(a, x2, y2, max_x, ACT_STARS, stars, sl, n_stars, s->form_min_stars);
    rects[UI_F_NOTE] = (SDL_Rect){x2, y2 + cap_h, col_w, bh};
    ui_widgets_add(l, UI_W_FIELD, ACT_FIELD, UI_F_NOTE, rects[UI_F_NOTE],
                   ui_app_str(a, field_keys[UI_F_NOTE]));
    y2 += cap_h + bh + err_h + gap;
    /* Consent, across the whole width. */
    int consent_y = (left_bottom > y2 ? left_bottom : y2) + gap;
    int cw = a->w - 2 * pad;
    /* Both boxes as tall as the longer label needs (one line or two). */
    int longest = ui_text_width(a->text, UI_FONT_BODY, ui_app_str(a, "inquiry.consent_contact"));
    int share_w = ui_text_width(a->text, UI_FONT_BODY, ui_app_str(a, "inquiry.consent_share"));
    longest = share_w > longest ? share_w : longest;
    int check_h = longest < cw - ui_px(a, 90) ? ui_touch(a, 64) : ui_touch(a, 110);
    st->consent_box = (SDL_Rect){pad, consent_y, cw, cap_h + 2 * check_h + gap + note_h};
    SDL_Rect c1 = {pad, consent_y + cap_h + gap, cw, check_h};
    SDL_Rect c2 = {pad, c1.y + check_h, cw, check_h};
    ui_widgets_add(l, UI_W_CHECK, ACT_CONSENT_CONTACT, 0, c1,
                   ui_app_str(a, "inquiry.consent_contact"))
        ->on = s->consent_contact;
    ui_widgets_add(l, UI_W_CHECK, ACT_CONSENT_SHARE, 0, c2, ui_app_str(a, "inquiry.consent_share"))
        ->on = s->consent_share;
    st->content_h = st->consent_box.y + st->consent_box.h + note_h + gap;

    /* 2. The viewport: from under the product line to the top of the action bar's background
     * (or of the keyboard). A form taller than that ends above a strip of its own that holds
     * the "drag up to see more" pill: the pill never lies over a field or a consent row, and
     * no widget reaches under the bar. With the keyboard up the buyer is typing in a field
     * kept in view, and the little room above the keys is the form's: no pill. */
    int view_top = st->content_top, view_bottom = a->kb.visible ? a->kb.top_px : bar_top(a, st);
    st->more = (SDL_Rect){0, 0, 0, 0};
    if (!a->kb.visible && st->content_h > view_bottom - view_top) {
        view_bottom = look_more_strip(a, view_bottom, &st->more);
    }
    st->view_bottom = view_bottom;

    /* 3. The scroll offset: keep the focused field above the keyboard. */
    if (s->focus >= 0 && s->focus != UI_F_SEARCH) {
        SDL_Rect r = rects[s->focus];
        int top = view_top + r.y - cap_h - st->offset;
        int bottom = view_top + r.y + r.h + err_h - st->offset;
        if (bottom > view_bottom - gap) {
            st->offset += bottom - (view_bottom - gap);
        }
        if (top < view_top) {
            st->offset -= view_top - top;
        }
    }
    int max = st->content_h - (view_bottom - view_top);
    if (st->offset > max && s->focus < 0) {
        st->offset = max;
    }
    if (st->offset < 0) {
        st->offset = 0;
    }

    /* 4. To screen coordinates. */
    int dy = view_top - st->offset;
    SDL_Rect view = {0, view_top, a->w, view_bottom - view_top};
    for (int i = 0; i < l->count; i++) {
        l->items[i].r.y += dy;
        l->items[i].view = view; /* the bar and the keyboard lie over the rest */
    }
    st->consent_box.y += dy;

    /* 5. The action bar, under the form's viewport. */
    look_add_button(a, l, UI_W_BUTTON, ACT_BACK, 0, pad, st->bar_y, ui_app_str(a, "common.back"));
    const char *submit = ui_app_str(a, "inquiry.submit");
    int sw = look_button_width(a, submit) + ui_px(a, 80);
    ui_widgets_add(l, UI_W_PRIMARY, ACT_SUBMIT, 0,
                   (SDL_Rect){a->w - pad - sw, st->bar_y, sw, ui_touch(a, 72)}, submit);
}

static void draw(const ui_app *a) {
    const inquiry_state *st = state_of(a);
    const ui_theme *t = &a->theme;
    const ui_session *s = a->session;
    int pad = ui_px(a, 32);
    ui_font_role cap_font = look_caption_font(a);
    int cap_h = ui_text_line_height(a->text, cap_font);
    int note_h = ui_text_line_height(a->text, UI_FONT_SMALL);
    SDL_Rect view = {0, st->content_top, a->w, st->view_bottom - st->content_top};
    SDL_RenderSetClipRect(a->renderer, &view);
    for (int i = 0; i < a->widgets.count; i++) {
        const ui_widget *w = &a->widgets.items[i];
        if (w->kind == UI_W_FIELD) {
            bool optional = w->arg == UI_F_COMPANY || w->arg == UI_F_NOTE ||
                            w->arg == UI_F_PROVINCE || w->arg == UI_F_EMAIL || w->arg == UI_F_PHONE;
            char caption[160];
            str_format(caption, sizeof caption, "%s%s%s", w->label, optional ? " " : " *",
                       optional && w->arg != UI_F_PHONE && w->arg != UI_F_EMAIL
                           ? ui_app_str(a, "inquiry.optional")
                           : "");
            look_field(a, w, caption, &s->fields[w->arg], NULL, s->field_error[w->arg],
                       s->focus == w->arg);
        } else if (w->id == ACT_UNIT) {
            ui_text_draw(a->text, cap_font, ui_app_str(a, "inquiry.unit"), t->muted, w->r.x,
                         w->r.y - cap_h, UI_ALIGN_LEFT, w->r.w);
        }
    }
    /* Captions of the chip groups: above the first chip of each. */
    int last_id = 0;
    for (int i = 0; i < a->widgets.count; i++) {
        const ui_widget *w = &a->widgets.items[i];
        if (w->kind == UI_W_CHIP && w->id != last_id) {
            if (w->id == ACT_MONTH_START || w->id == ACT_STARS) {
                ui_text_draw(
                    a->text, cap_font,
                    ui_app_str(a, w->id == ACT_STARS ? "inquiry.min_stars" : "inquiry.months"),
                    t->muted, w->r.x, w->r.y - cap_h, UI_ALIGN_LEFT, a->w / 2);
            }
            last_id = w->id;
        }
        if (w->kind != UI_W_FIELD && w->id != ACT_BACK && w->id != ACT_SUBMIT) {
            look_widget(a, w);
        }
    }
    ui_text_draw(a->text, UI_FONT_BOLD, ui_app_str(a, "inquiry.consent_title"), t->text,
                 st->consent_box.x, st->consent_box.y, UI_ALIGN_LEFT, st->consent_box.w);
    ui_text_draw(a->text, UI_FONT_SMALL, ui_app_str(a, "inquiry.consent_note"), t->muted,
                 st->consent_box.x, st->consent_box.y + st->consent_box.h - note_h, UI_ALIGN_LEFT,
                 st->consent_box.w);
    SDL_RenderSetClipRect(a->renderer, NULL);
    /* When the form goes on below the fold, say so (in its strip, update's layout). */
    if (st->more.w > 0 && st->content_h - view.h - st->offset > ui_px(a, 8)) {
        look_more_pill(a, st->more);
    }
    /* Header and the product line. */
    look_header(a, ui_app_str(a, "inquiry.title"));
    ui_draw_rect(
        a->renderer,
        (SDL_Rect){0, look_header_height(a), a->w, st->content_top - look_header_height(a)}, t->bg);
    char about[400];
    const char *name =
        a->lang == UI_LANG_EN && st->rec.name_en[0] ? st->rec.name_en : st->rec.name_vi;
    str_format(about, sizeof about, ui_app_str(a, "inquiry.about"), name);
    ui_text_draw(a->text, UI_FONT_HEADING, about, t->text, pad, look_header_height(a) + ui_px(a, 6),
                 UI_ALIGN_LEFT, a->w - 2 * pad);
    /* The action bar. */
    if (!a->kb.visible) {
        int top = bar_top(a, st);
        ui_draw_rect(a->renderer, (SDL_Rect){0, top, a->w, a->h - top}, t->bg);
        for (int i = 0; i < a->widgets.count; i++) {
            const ui_widget *w = &a->widgets.items[i];
            if (w->id == ACT_BACK || w->id == ACT_SUBMIT) {
                look_widget(a, w);
            }
        }
        if (s->form_error[0]) {
            const ui_widget *back = &a->widgets.items[0];
            for (int i = 0; i < a->widgets.count; i++) {
                if (a->widgets.items[i].id == ACT_BACK) {
                    back = &a->widgets.items[i];
                }
            }
            ui_text_draw(a->text, UI_FONT_BOLD, s->form_error, t->warn, back->r.x + back->r.w + pad,
                         back->r.y + (back->r.h - ui_text_line_height(a->text, UI_FONT_BOLD)) / 2,
                         UI_ALIGN_LEFT, a->w * 55 / 100);
        }
    }
}

const ui_screen scr_inquiry = {"inquiry", enter, NULL, event, update, draw, sizeof(inquiry_state)};
