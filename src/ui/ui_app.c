/* ui_app.c: screen stack, top layer, session, idle reset; see ui_app.h. */
#include "ui/ui_app.h"

#include "core/province.h"
#include "ui/screens/screens.h"
#include "ui/ui_draw.h"
#include "ui/ui_keyboard.h"
#include "ui/ui_look.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TOUCH_MIN_MM       9.0   /* issue 11: a fingertip's target on the real screen */
#define TOUCH_MIN_PX       48    /* and never less than this many pixels */
#define TAP_SLOP_DESIGN_PX 18.0f /* a touch that moves less than this is a tap */
#define IMAGE_BUDGET_BYTES (64u * 1024u * 1024u)

enum { TOP_LANG = 1, TOP_LARGE, TOP_IDLE_CONTINUE, TOP_PICK_OPTION, TOP_PICK_CANCEL };

static const ui_screen *const screen_table[UI_SCREEN_COUNT] = {
    &scr_attract, &scr_browse, &scr_product, &scr_inquiry, &scr_result, &scr_thanks, &scr_organiser,
};

/* The hidden gesture to the organiser screen: a long press in the attract screen's top-left
 * corner (the language buttons are top right). Buyers do not stumble on it, and the PIN guards
 * the screen anyway. */
#define ORGANISER_CORNER_DESIGN_PX 120.0f
#define ORGANISER_HOLD_MS          3000u

static void set_theme(ui_app *a) {
    ui_theme_fill(&a->theme, a->large);
}

static void compute_scale(ui_app *a) {
    /* Scale from the output size (DPI queries fail on the dummy driver, Xvfb and many panels):
     * 1.0 at 1920x1080, limited by width so that a 4:3 or 5:3 screen still fits its layout. */
    float sh = a->h / 1080.0f, sw = a->w / 1920.0f;
    a->scale = sh < sw ? sh : sw;
    if (a->h > a->w) {
        /* A portrait panel is read from a step away, and its screens stack what landscape
         * sets side by side: they are laid out for a width of 1440 (not 1920), so the type is
         * a third larger than the width alone would allow (0.75 at 1080x1920). */
        a->scale = a->w / 1440.0f;
    }
    /* Below this, text on a 7-inch 800x480 panel is too small to read at arm's length; the
     * layouts wrap and scroll instead. */
    if (a->scale < 0.5f) {
        a->scale = 0.5f;
    }
    a->touch_px = ui_app_touch_px(a->w, a->h, a->config.diagonal_inches);
}

int ui_app_touch_px(int w, int h, double diagonal_inches) {
    if (diagonal_inches <= 0.0 || w <= 0 || h <= 0) {
        return TOUCH_MIN_PX;
    }
    double px_per_mm = hypot((double)w, (double)h) / (diagonal_inches * 25.4);
    int px = (int)ceil(TOUCH_MIN_MM * px_per_mm - 1e-9);
    return px > TOUCH_MIN_PX ? px : TOUCH_MIN_PX;
}

int ui_touch(const ui_app *a, float design_px) {
    int v = ui_px(a, design_px);
    return v > a->touch_px ? v : a->touch_px;
}

static void setup_fields(ui_session *s, const kiosk_config *cfg) {
    static const ui_field_kind kinds[UI_F_COUNT] = {
        [UI_F_SEARCH] = UI_FIELD_TEXT,     [UI_F_NAME] = UI_FIELD_TEXT,
        [UI_F_COMPANY] = UI_FIELD_TEXT,    [UI_F_PHONE] = UI_FIELD_PHONE,
        [UI_F_EMAIL] = UI_FIELD_PLAIN,     [UI_F_PROVINCE] = UI_FIELD_TEXT,
        [UI_F_QUANTITY] = UI_FIELD_NUMBER, [UI_F_NOTE] = UI_FIELD_TEXT,
    };
    static const size_t limits[UI_F_COUNT] = {
        [UI_F_SEARCH] = 60, [UI_F_NAME] = 80,     [UI_F_COMPANY] = 100, [UI_F_PHONE] = 20,
        [UI_F_EMAIL] = 100, [UI_F_PROVINCE] = 40, [UI_F_QUANTITY] = 12, [UI_F_NOTE] = 200,
    };
    for (int i = 0; i < UI_F_COUNT; i++) {
        ui_field_init(&s->fields[i], kinds[i], limits[i], cfg->ime, cfg->tone_style);
    }
}

/* Wipes every trace of the visitor: fields, choices, the answer. The fields keep their (fresh)
 * IME state; everything else is overwritten with zeros. */
static void session_wipe(ui_session *s) {
    ui_field fields[UI_F_COUNT];
    for (int i = 0; i < UI_F_COUNT; i++) {
        ui_field_wipe(&s->fields[i]);
        fields[i] = s->fields[i];
    }
    volatile unsigned char *p = (volatile unsigned char *)s;
    for (size_t i = 0; i < sizeof *s; i++) {
        p[i] = 0;
    }
    memcpy(s->fields, fields, sizeof fields);
    s->focus = -1;
    s->group = -1;
    s->month_count = 1;
}

static int compare_provinces(const void *x, const void *y) {
    return province_collate(*(const char *const *)x, *(const char *const *)y);
}

/* The form's picker lists the 34 in plain Vietnamese alphabetical order, as the browse picker
 * does: a buyer from anywhere finds a name where the alphabet puts it. (Forms that put Hà Nội and
 * TP. Hồ Chí Minh first serve a crowd from the two cities; a provincial OCOP fair's buyers come
 * from everywhere, and both are at most a short scroll away in order.) */
static void load_provinces(ui_app *a) {
    free(a->province_buf);
    a->province_buf = xstrdup(ui_str(a->strings, UI_LANG_VI, "provinces.list"));
    a->province_count = 0;
    for (char *p = a->province_buf; p && *p && a->province_count < UI_PICKER_MAX;) {
        char *bar = strchr(p, '|');
        if (bar) {
            *bar = '\0';
        }
        a->provinces[a->province_count++] = str_trim(p);
        p = bar ? bar + 1 : NULL;
    }
    qsort(a->provinces, (size_t)a->province_count, sizeof a->provinces[0], compare_provinces);
}

ui_app *ui_app_create(SDL_Renderer *renderer, int w, int h, const kiosk_config *config,
                      ui_catalog *catalog, const char *data_dir, ocop_error *err) {
    ui_app *a = xcalloc(1, sizeof *a);
    a->renderer = renderer;
    a->w = w;
    a->h = h;
    a->config = *config;
    a->catalog = catalog;
    str_copy(a->data_dir, sizeof a->data_dir, data_dir);
    a->lang = str_ieq(config->lang, "en") ? UI_LANG_EN : UI_LANG_VI;
    a->large = config->large_text;
    clock_init_real(&a->clock);
    a->nav_to = -1;
    char dir[1100];
    str_format(dir, sizeof dir, "%s/kiosk-config", data_dir);
    a->strings = ui_strings_load(dir, err);
    if (!a->strings) {
        goto fail;
    }
    a->text = ui_text_create(renderer, err);
    if (!a->text) {
        goto fail;
    }
    compute_scale(a);
    if (ui_text_set_scale(a->text, a->scale, a->large, err) != 0) {
        goto fail;
    }
    a->images = ui_images_create(renderer, IMAGE_BUDGET_BYTES);
    a->session = xcalloc(1, sizeof *a->session);
    setup_fields(a->session, &a->config);
    session_wipe(a->session);
    load_provinces(a);
    set_theme(a);
    for (int i = 0; i < UI_SCREEN_COUNT; i++) {
        a->screen_state[i] = xcalloc(1, screen_table[i]->state_size);
    }
    a->stack[0] = &scr_attract;
    a->depth = 1;
    scr_attract.enter(a);
    a->dirty = true;
    return a;
fail:
    ui_app_destroy(a);
    return NULL;
}

void ui_app_destroy(ui_app *a) {
    if (!a) {
        return;
    }
    while (a->depth > 0) {
        const ui_screen *s = a->stack[--a->depth];
        if (s->leave) {
            s->leave(a);
        }
    }
    if (a->session) {
        session_wipe(a->session);
        for (int i = 0; i < UI_F_COUNT; i++) {
            ui_field_free(&a->session->fields[i]);
        }
        free(a->session);
    }
    for (int i = 0; i < UI_SCREEN_COUNT; i++) {
        free(a->screen_state[i]);
    }
    ui_images_destroy(a->images);
    ui_text_destroy(a->text);
    ui_strings_destroy(a->strings);
    free(a->province_buf);
    free(a);
}

bool ui_app_warm(ui_app *a, const char **what) {
    static const char *const names[UI_WARM_DONE] = {"search many", "search few"};
    if (a->warm_step >= UI_WARM_DONE) {
        return false;
    }
    int step = a->warm_step++;
    if (what) {
        *what = names[step];
    }
    /* A word with many matches, as a first keystroke's, and a made-up one, with few. */
    scr_browse_warm(a, step == UI_WARM_SEARCH_MANY ? "a" : "qxzw");
    return true;
}

int ui_app_screen_by_name(const char *name) {
    for (int i = 0; i < UI_SCREEN_COUNT; i++) {
        if (strcmp(screen_table[i]->name, name) == 0) {
            return i;
        }
    }
    return -1;
}

ui_screen_id ui_app_current(const ui_app *a) {
    for (int i = 0; i < UI_SCREEN_COUNT; i++) {
        if (a->stack[a->depth - 1] == screen_table[i]) {
            return (ui_screen_id)i;
        }
    }
    return UI_SCREEN_ATTRACT;
}

/* OCOP_LOG_SCREENS=1 logs every screen change on stderr (tests of the real window path). */
static void log_screen(const ui_app *a) {
    static int enabled = -1;
    if (enabled < 0) {
        const char *v = getenv("OCOP_LOG_SCREENS");
        enabled = v && strcmp(v, "1") == 0;
    }
    if (enabled) {
        fprintf(stderr, "ocop-kiosk: screen %s\n", a->stack[a->depth - 1]->name);
    }
}

static void push(ui_app *a, ui_screen_id id) {
    OCOP_ASSERT(a->depth < (int)OCOP_COUNT(a->stack));
    ui_app_focus(a, -1);
    a->stack[a->depth++] = screen_table[id];
    if (screen_table[id]->enter) {
        screen_table[id]->enter(a);
    }
    a->dirty = true;
    log_screen(a);
}

static void pop(ui_app *a) {
    if (a->depth <= 1) {
        return;
    }
    ui_app_focus(a, -1);
    const ui_screen *s = a->stack[--a->depth];
    if (s->leave) {
        s->leave(a);
    }
    const ui_screen *top = a->stack[a->depth - 1];
    if (top->enter) {
        top->enter(a);
    }
    a->dirty = true;
    log_screen(a);
}

static void reset_now(ui_app *a) {
    while (a->depth > 1) {
        const ui_screen *s = a->stack[--a->depth];
        if (s->leave) {
            s->leave(a);
        }
    }
    session_wipe(a->session);
    a->picker.open = false;
    a->picker.done = false;
    a->kb.visible = false;
    a->idle_warning = false;
    a->lang = str_ieq(a->config.lang, "en") ? UI_LANG_EN : UI_LANG_VI;
    if (a->large != a->config.large_text) {
        ui_app_set_large(a, a->config.large_text);
    }
    if (a->stack[0]->enter) {
        a->stack[0]->enter(a);
    }
    a->dirty = true;
    log_screen(a);
}

void ui_app_show(ui_app *a, ui_screen_id id) {
    char product[sizeof a->session->product];
    str_copy(product, sizeof product, a->session->product);
    reset_now(a);
    str_copy(a->session->product, sizeof a->session->product, product);
    if (id == UI_SCREEN_ORGANISER) {
        push(a, id); /* straight from the attract loop, as the gesture goes */
        return;
    }
    /* The natural path: attract → browse → product → inquiry → result → thanks. */
    for (int i = UI_SCREEN_BROWSE; i <= (int)id; i++) {
        push(a, (ui_screen_id)i);
    }
}

void ui_app_go(ui_app *a, ui_screen_id id) {
    a->nav_to = id;
}

void ui_app_back(ui_app *a) {
    a->nav_back = true;
}

void ui_app_reset(ui_app *a) {
    a->nav_reset = true;
}

const char *ui_app_str(const ui_app *a, const char *key) {
    return ui_str(a->strings, a->lang, key);
}

int ui_px(const ui_app *a, float design_px) {
    int v = (int)(design_px * a->scale + 0.5f);
    return v < 1 && design_px > 0 ? 1 : v;
}

void ui_app_focus(ui_app *a, int field) {
    if (a->session->focus >= 0 && a->session->focus != field) {
        ui_field_commit(&a->session->fields[a->session->focus]);
    }
    a->session->focus = field;
    a->kb.visible = field >= 0;
    a->kb.shift = false;
    a->kb.symbols = false;
    if (field >= 0) {
        ui_field *f = &a->session->fields[field];
        if (f->kind == UI_FIELD_TEXT) {
            int choice = a->session->kb_ime;
            ui_field_set_vietnamese(f, choice == UI_KB_IME_FOLLOW ? a->lang == UI_LANG_VI
                                                                  : choice == UI_KB_IME_ON);
        }
        a->kb.vietnamese = ui_field_vietnamese(f);
    }
    a->dirty = true;
}

void ui_app_pick(ui_app *a, int target, const char *title, const char *const *options, int count,
                 int selected) {
    ui_picker *p = &a->picker;
    ui_app_focus(a, -1);
    p->open = true;
    p->done = false;
    p->target = target;
    p->count = count < UI_PICKER_MAX ? count : UI_PICKER_MAX;
    p->selected = selected;
    p->result = -1;
    ui_scroll_to(&p->scroll, 0);
    p->reveal = true;
    str_copy(p->title, sizeof p->title, title);
    for (int i = 0; i < p->count; i++) {
        str_copy(p->options[i], sizeof p->options[i], options[i]);
    }
    a->dirty = true;
}

int ui_app_provinces(const ui_app *a, const char **names, int max) {
    int n = a->province_count < max ? a->province_count : max;
    for (int i = 0; i < n; i++) {
        names[i] = a->provinces[i];
    }
    return n;
}

void ui_app_month(const ui_app *a, int offset, char out[8]) {
    clock_month(&a->clock, offset, out);
}

void ui_app_set_lang(ui_app *a, ui_lang lang) {
    a->lang = lang;
    if (a->session->focus >= 0) {
        ui_app_focus(a, a->session->focus); /* the keyboard follows unless the visitor chose */
    }
    a->dirty = true;
}

/* Large text and a new window size re-open the fonts. When that fails the kiosk goes on with
 * the fonts it has (large text stays off, text keeps its size) and says why on stderr: a buyer
 * at the screen is better served by small text than by no kiosk. */
void ui_app_set_large(ui_app *a, bool large) {
    ocop_error err;
    if (ui_text_set_scale(a->text, a->scale, large, &err) != 0) {
        fprintf(stderr, "ocop-kiosk: large text is not available: %s\n", err.msg);
        return;
    }
    a->large = large;
    set_theme(a);
    a->dirty = true;
}

void ui_app_resize(ui_app *a, int w, int h) {
    a->w = w;
    a->h = h;
    compute_scale(a);
    ocop_error err;
    if (ui_text_set_scale(a->text, a->scale, a->large, &err) != 0) {
        fprintf(stderr, "ocop-kiosk: text keeps its size for the new window: %s\n", err.msg);
    }
    a->dirty = true;
}

const ui_widget *ui_app_find(const ui_app *a, const char *text) {
    SDL_Rect all = {0, 0, a->w, a->h};
    const ui_widget *w = ui_widgets_find(&a->top_widgets, text, all);
    if (w) {
        return w;
    }
    if (a->kb.visible) {
        w = ui_widgets_find(&a->kb.keys, text, all);
        if (w) {
            return w;
        }
    }
    if (a->picker.open || a->idle_warning) {
        return NULL; /* the overlay hides the screen */
    }
    SDL_Rect visible = all;
    if (a->kb.visible) {
        visible.h = a->kb.top_px;
    }
    return ui_widgets_find(&a->widgets, text, visible);
}

/* ---- top layer ------------------------------------------------------------------------- */

/* The picker's options in a box over the screen: as many columns as the longest option allows
 * (an option is never cut), rows a fingertip high; what does not fit scrolls in the box. `bh`:
 * the height of the Cancel button. */
static void picker_layout(ui_app *a, int bh) {
    ui_picker *p = &a->picker;
    ui_widget_list *l = &a->top_widgets;
    int gap = ui_px(a, 10), margin = ui_px(a, 20), title_h = ui_px(a, 90);
    int box_w = a->w - ui_px(a, 160);
    int inner = box_w - 2 * margin;
    int cell_h = ui_touch(a, 60) + gap;
    int max_h = a->h - ui_px(a, 260);
    int widest = 0;
    for (int i = 0; i < p->count; i++) {
        int w = ui_text_width(a->text, UI_FONT_BOLD, p->options[i]);
        widest = w > widest ? w : widest;
    }
    int most = inner / (widest + gap + ui_px(a, 24));
    most = most < 1 ? 1 : (most > 8 ? 8 : most);
    int cols = p->count <= 8 ? 2 : (a->w > a->h ? 4 : 2);
    cols = cols < most ? cols : most;
    int rows = (p->count + cols - 1) / cols;
    while (rows * cell_h > max_h && cols < most) {
        cols++;
        rows = (p->count + cols - 1) / cols;
    }
    int list_h = rows * cell_h < max_h ? rows * cell_h : max_h;
    int box_h = title_h + list_h + margin + bh + margin;
    SDL_Rect box = {(a->w - box_w) / 2, (a->h - box_h) / 2, box_w, box_h};
    p->view = (SDL_Rect){box.x + margin, box.y + title_h, inner, list_h};
    ui_scroll_set_max(&p->scroll, (float)(rows * cell_h - list_h));
    if (p->reveal) { /* the current choice in the middle of the box */
        p->reveal = false;
        int row = p->selected >= 0 ? p->selected / cols : 0;
        ui_scroll_to(&p->scroll, (float)(row * cell_h - (list_h - cell_h) / 2));
    }
    if (ui_scroll_update(&p->scroll, a->now_ms) || ui_scroll_moving(&p->scroll)) {
        a->dirty = true;
    }
    int off = (int)p->scroll.offset;
    int cw = inner / cols;
    for (int i = 0; i < p->count; i++) {
        SDL_Rect r = {p->view.x + (i % cols) * cw, p->view.y + (i / cols) * cell_h - off, cw - gap,
                      cell_h - gap};
        SDL_Rect seen;
        if (!SDL_IntersectRect(&r, &p->view, &seen)) {
            continue; /* scrolled out of the box: not there for a finger */
        }
        ui_widget *w = ui_widgets_add(l, UI_W_CHIP, TOP_PICK_OPTION, i, r, p->options[i]);
        w->on = i == p->selected;
        w->view = p->view;
    }
    const char *cancel = ui_app_str(a, "common.cancel");
    int cwid = ui_text_width(a->text, UI_FONT_BOLD, cancel) + ui_px(a, 16) * 4;
    SDL_Rect cr = {box.x + box.w - cwid - margin, box.y + box.h - bh - margin, cwid, bh};
    ui_widgets_add(l, UI_W_BUTTON, TOP_PICK_CANCEL, 0, cr, cancel);
}

bool ui_app_scroll_touch(ui_app *a, ui_scroll *s, SDL_Rect view, const ui_event *e) {
    switch (e->type) {
    case UI_EV_PRESS: {
        if (!ui_rect_contains(view, e->x, e->y)) {
            return false;
        }
        bool was_moving = ui_scroll_moving(s);
        ui_scroll_press(s, a->now_ms);
        return was_moving;
    }
    case UI_EV_DRAG:
        if (!s->dragging) {
            return false;
        }
        ui_scroll_drag(s, (float)e->y, a->now_ms);
        return true;
    case UI_EV_RELEASE:
        if (!s->dragging) {
            return false;
        }
        ui_scroll_release(s, a->now_ms);
        return true;
    default:
        return false;
    }
}

/* Drags in the picker's box scroll its options (the picker is modal: nothing else moves).
 * Returns true when the event was the picker's. */
static bool picker_scroll(ui_app *a, const ui_event *e) {
    if (e->type != UI_EV_PRESS && e->type != UI_EV_DRAG && e->type != UI_EV_RELEASE) {
        return false;
    }
    ui_app_scroll_touch(a, &a->picker.scroll, a->picker.view, e);
    a->dirty = true;
    return true;
}

static void top_layout(ui_app *a) {
    ui_widget_list *l = &a->top_widgets;
    ui_widgets_clear(l);
    int bh = ui_touch(a, 64), pad = ui_px(a, 16);
    /* Language and large-text buttons, top right, on every screen. */
    const char *lang_label = ui_app_str(a, "common.lang_toggle");
    const char *large_label = ui_app_str(a, "common.large_text");
    int lw = ui_text_width(a->text, UI_FONT_BOLD, lang_label) + pad * 2;
    int aw = ui_text_width(a->text, UI_FONT_BOLD, large_label) + pad * 2;
    lw = lw > a->touch_px ? lw : a->touch_px;
    aw = aw > a->touch_px ? aw : a->touch_px;
    SDL_Rect lr = {a->w - pad - lw, pad, lw, bh};
    SDL_Rect ar = {lr.x - pad / 2 - aw, pad, aw, bh};
    if (!a->picker.open && !a->idle_warning) {
        ui_widgets_add(l, UI_W_BUTTON, TOP_LANG, 0, lr, lang_label);
        ui_widgets_add(l, UI_W_BUTTON, TOP_LARGE, 0, ar, large_label)->on = a->large;
    }
    if (a->picker.open) {
        picker_layout(a, bh);
    }
    if (a->idle_warning) {
        const char *cont = ui_app_str(a, "idle.continue");
        int cw = ui_text_width(a->text, UI_FONT_BOLD, cont) + pad * 6;
        SDL_Rect cr = {(a->w - cw) / 2, a->h / 2 + ui_px(a, 90), cw, ui_touch(a, 80)};
        ui_widgets_add(l, UI_W_PRIMARY, TOP_IDLE_CONTINUE, 0, cr, cont);
    }
}

static bool top_tap(ui_app *a, int x, int y) {
    const ui_widget *w = ui_widgets_hit(&a->top_widgets, x, y);
    if (a->idle_warning) {
        /* Any touch means someone is there. */
        a->idle_warning = false;
        a->dirty = true;
        return true;
    }
    if (w) {
        switch (w->id) {
        case TOP_LANG:
            ui_app_set_lang(a, a->lang == UI_LANG_VI ? UI_LANG_EN : UI_LANG_VI);
            return true;
        case TOP_LARGE:
            ui_app_set_large(a, !a->large);
            return true;
        case TOP_PICK_OPTION:
            a->picker.result = w->arg;
            a->picker.open = false;
            a->picker.done = true;
            a->dirty = true;
            return true;
        case TOP_PICK_CANCEL:
            a->picker.result = -1;
            a->picker.open = false;
            a->picker.done = true;
            a->dirty = true;
            return true;
        default:
            break;
        }
    }
    if (a->picker.open) {
        return true; /* modal */
    }
    if (a->kb.visible && kb_tap(a, x, y)) {
        return true;
    }
    return false;
}

static void top_draw(const ui_app *a) {
    const ui_theme *t = &a->theme;
    if (a->kb.visible) {
        kb_draw(a);
    }
    if (a->picker.open || a->idle_warning) {
        ui_draw_rect(a->renderer, (SDL_Rect){0, 0, a->w, a->h}, t->overlay);
    }
    if (a->picker.open) {
        const ui_picker *p = &a->picker;
        const ui_widget *cancel = NULL;
        for (int i = 0; i < a->top_widgets.count; i++) {
            if (a->top_widgets.items[i].id == TOP_PICK_CANCEL) {
                cancel = &a->top_widgets.items[i];
            }
        }
        if (cancel) {
            int bx = ui_px(a, 80);
            int top = p->view.y - ui_px(a, 90);
            SDL_Rect box = {bx, top, a->w - 2 * bx, cancel->r.y + cancel->r.h + ui_px(a, 20) - top};
            ui_draw_round_rect(a->renderer, box, ui_px(a, 20), t->panel);
            ui_text_draw(a->text, UI_FONT_HEADING, p->title, t->text, box.x + ui_px(a, 24),
                         box.y + ui_px(a, 24), UI_ALIGN_LEFT, box.w - ui_px(a, 48));
        }
        if (p->scroll.max > 0) { /* where the box is in the list */
            SDL_Rect v = p->view;
            int bar_h = (int)((float)v.h * v.h / (v.h + p->scroll.max));
            bar_h = bar_h > ui_px(a, 40) ? bar_h : ui_px(a, 40);
            int bar_y = v.y + (int)((v.h - bar_h) * (p->scroll.offset / p->scroll.max));
            int bar_x = v.x + v.w + (ui_px(a, 20) - ui_px(a, 8)) / 2;
            ui_draw_round_rect(a->renderer, (SDL_Rect){bar_x, bar_y, ui_px(a, 8), bar_h},
                               ui_px(a, 4), t->line);
        }
    }
    if (a->idle_warning) {
        uint32_t warn_ms = (uint32_t)a->config.idle_warning_seconds * 1000u;
        uint32_t since = a->now_ms - a->last_input_ms - (uint32_t)a->config.idle_seconds * 1000u;
        int left = (int)((warn_ms > since ? warn_ms - since : 0) + 999) / 1000;
        int bw = ui_px(a, 1040) < a->w - ui_px(a, 40) ? ui_px(a, 1040) : a->w - ui_px(a, 40);
        SDL_Rect box = {(a->w - bw) / 2, a->h / 2 - ui_px(a, 200), bw, ui_px(a, 400)};
        ui_draw_round_rect(a->renderer, box, ui_px(a, 24), t->panel);
        ui_text_draw(a->text, UI_FONT_TITLE, ui_app_str(a, "idle.title"), t->text, a->w / 2,
                     box.y + ui_px(a, 40), UI_ALIGN_CENTER, box.w - ui_px(a, 40));
        char msg[256];
        bool one = left == 1 && ui_strings_has(a->strings, a->lang, "idle.countdown_one");
        str_format(msg, sizeof msg, ui_app_str(a, one ? "idle.countdown_one" : "idle.countdown"),
                   left);
        ui_text_draw_wrapped(a->text, UI_FONT_HEADING, msg, t->muted, box.x + ui_px(a, 30),
                             box.y + ui_px(a, 130), box.w - ui_px(a, 60), 3);
    }
    for (int i = 0; i < a->top_widgets.count; i++) {
        const ui_widget *w = &a->top_widgets.items[i];
        SDL_RenderSetClipRect(a->renderer, w->view.w > 0 ? &w->view : NULL);
        look_widget(a, w);
    }
    SDL_RenderSetClipRect(a->renderer, NULL);
}

/* ---- events, update, draw -------------------------------------------------------------- */

static const ui_screen *top_screen(const ui_app *a) {
    return a->stack[a->depth - 1];
}

static void dispatch(ui_app *a, const ui_event *e) {
    if (e->type == UI_EV_TAP && top_tap(a, e->x, e->y)) {
        return;
    }
    if (a->picker.open && !a->idle_warning && picker_scroll(a, e)) {
        return;
    }
    if (a->picker.open || a->idle_warning) {
        return;
    }
    if (e->type == UI_EV_TAP && a->kb.visible && e->y >= a->kb.top_px) {
        return;
    }
    if ((e->type == UI_EV_KEY || e->type == UI_EV_TEXT) && a->kb.visible && kb_physical(a, e)) {
        return;
    }
    const ui_screen *s = top_screen(a);
    if (s->event && s->event(a, e)) {
        a->dirty = true;
    }
}

/* The widget a press lands on, for the pressed look (top layer first, as events go), or NULL. */
static const ui_widget *pressed_widget(const ui_app *a, int x, int y) {
    const ui_widget *w = ui_widgets_hit(&a->top_widgets, x, y);
    if (!w && a->kb.visible && y >= a->kb.top_px) {
        w = ui_widgets_hit(&a->kb.keys, x, y);
    }
    if (!w && !a->picker.open && !a->idle_warning) {
        w = ui_widgets_hit(&a->widgets, x, y);
    }
    return w && w->kind != UI_W_AREA ? w : NULL;
}

bool ui_app_pressed(const ui_app *a, const ui_widget *w) {
    const ui_widget *p = &a->press_widget;
    return a->pressed && a->press_shown && w->kind == p->kind && w->id == p->id &&
           w->arg == p->arg && SDL_RectEquals(&w->r, &p->r) && strcmp(w->label, p->label) == 0;
}

void ui_app_event(ui_app *a, const ui_event *e, uint32_t now_ms) {
    a->now_ms = now_ms;
    if (e->type == UI_EV_QUIT) {
        a->quit = true;
        return;
    }
    if (e->type == UI_EV_RESIZE) {
        ui_app_resize(a, e->x, e->y);
        return;
    }
    if (e->type == UI_EV_HOVER) {
        return;
    }
    a->last_input_ms = now_ms;
    if (e->type == UI_EV_KEY && e->key == UI_KEY_F11) {
        ui_app_set_large(a, !a->large);
        return;
    }
    int slop = ui_px(a, TAP_SLOP_DESIGN_PX);
    switch (e->type) {
    case UI_EV_PRESS: {
        a->pressed = true;
        a->dragging = false;
        const ui_widget *under = pressed_widget(a, e->x, e->y);
        a->press_shown = under != NULL;
        if (under) {
            a->press_widget = *under; /* the list is laid out again before the next draw */
        }
        a->dirty = true;
        a->press_ms = now_ms;
        a->press_x = a->last_x = e->x;
        a->press_y = a->last_y = e->y;
        dispatch(a, e);
        break;
    }
    case UI_EV_MOVE:
        if (!a->pressed) {
            break;
        }
        if (!a->dragging && (abs(e->x - a->press_x) > slop || abs(e->y - a->press_y) > slop)) {
            a->dragging = true;
            a->press_shown = false;
            a->dirty = true;
        }
        if (a->dragging) {
            ui_event d = {.type = UI_EV_DRAG, .x = e->x - a->last_x, .y = e->y - a->last_y};
            a->last_x = e->x;
            a->last_y = e->y;
            dispatch(a, &d);
        }
        break;
    case UI_EV_RELEASE:
        if (!a->pressed) {
            break;
        }
        a->pressed = false;
        a->press_shown = false;
        a->dirty = true;
        if (!a->dragging && ui_app_current(a) == UI_SCREEN_ATTRACT && !a->idle_warning &&
            a->press_x < ui_px(a, ORGANISER_CORNER_DESIGN_PX) &&
            a->press_y < ui_px(a, ORGANISER_CORNER_DESIGN_PX) &&
            now_ms - a->press_ms >= ORGANISER_HOLD_MS) {
            ui_app_go(a, UI_SCREEN_ORGANISER); /* the long press is not also a tap */
            break;
        }
        dispatch(a, e);
        if (!a->dragging) {
            ui_event t = {.type = UI_EV_TAP, .x = e->x, .y = e->y};
            dispatch(a, &t);
        }
        a->dragging = false;
        break;
    default:
        dispatch(a, e);
        break;
    }
}

void ui_app_update(ui_app *a, uint32_t now_ms) {
    a->now_ms = now_ms;
    if (a->last_input_ms == 0 && now_ms > 0 && a->depth == 1) {
        a->last_input_ms = now_ms;
    }
    if (a->nav_reset) {
        a->nav_reset = false;
        a->nav_back = false;
        a->nav_to = -1;
        reset_now(a);
    }
    if (a->nav_back) {
        a->nav_back = false;
        pop(a);
    }
    if (a->nav_to >= 0) {
        int to = a->nav_to;
        a->nav_to = -1;
        if (to == UI_SCREEN_ATTRACT) {
            reset_now(a);
        } else {
            push(a, (ui_screen_id)to);
        }
    }
    /* Idle: the attract loop is the resting state; anywhere else, warn then reset. */
    if (ui_app_current(a) != UI_SCREEN_ATTRACT) {
        uint32_t idle = now_ms - a->last_input_ms;
        uint32_t warn_at = (uint32_t)a->config.idle_seconds * 1000u;
        uint32_t reset_at = warn_at + (uint32_t)a->config.idle_warning_seconds * 1000u;
        if (idle >= reset_at) {
            reset_now(a);
        } else if (idle >= warn_at) {
            if (!a->idle_warning) {
                a->idle_warning = true;
                a->dirty = true;
            }
            /* Redraw once a second for the countdown. */
            if ((idle - warn_at) / 1000u != a->idle_shown_s) {
                a->idle_shown_s = (idle - warn_at) / 1000u;
                a->dirty = true;
            }
        }
    } else {
        a->idle_warning = false;
    }
    if (ui_images_pump(a->images)) {
        a->dirty = true;
    }
    /* The keyboard first: the screen keeps its focused field above kb.top_px. */
    if (a->kb.visible) {
        kb_layout(a);
    } else {
        a->kb.top_px = a->h;
    }
    const ui_screen *s = top_screen(a);
    if (s->update) {
        s->update(a);
    }
    top_layout(a);
}

void ui_app_draw(const ui_app *a) {
    const ui_theme *t = &a->theme;
    SDL_SetRenderDrawColor(a->renderer, t->bg.r, t->bg.g, t->bg.b, 255);
    SDL_RenderClear(a->renderer);
    const ui_screen *s = top_screen(a);
    if (s->draw) {
        s->draw(a);
    }
    top_draw(a);
    if (a->pressed && a->press_shown) {
        /* Touch feedback until the finger lifts: a card or field darkens within its own shape
         * (buttons, chips and keys drew themselves inverted: ui_app_pressed). */
        look_pressed(a, &a->press_widget);
    }
}
