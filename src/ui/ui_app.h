/*
 * ui_app.h: the kiosk application: the screen stack, the top layer (on-screen keyboard, pickers,
 * idle warning, language and large-text buttons), the visitor's session, and the frame loop.
 *
 * Screens are const tables of functions on a small stack (STYLE §11). Events go to the top layer
 * first, then to the top screen; `update` lays out and animates (and sets `dirty`); `draw`
 * paints and changes no state; navigation asked during an event happens between frames. Time is
 * passed in (`now_ms`), so tests and `shot` run on a fake clock.
 */
#ifndef OCOP_UI_APP_H
#define OCOP_UI_APP_H

#include "core/clock.h"
#include "core/config.h"
#include "core/inquiry.h"
#include "core/match.h"
#include "ui/ui_catalog.h"
#include "ui/ui_event.h"
#include "ui/ui_field.h"
#include "ui/ui_images.h"
#include "ui/ui_keyboard.h"
#include "ui/ui_scroll.h"
#include "ui/ui_strings.h"
#include "ui/ui_text.h"
#include "ui/ui_theme.h"
#include "ui/ui_widgets.h"

#include <SDL.h>
#include <stdbool.h>
#include <stdint.h>
#include <time.h>

typedef struct ui_app ui_app;

typedef enum ui_screen_id {
    UI_SCREEN_ATTRACT,
    UI_SCREEN_BROWSE,
    UI_SCREEN_PRODUCT,
    UI_SCREEN_INQUIRY,
    UI_SCREEN_RESULT,
    UI_SCREEN_THANKS,
    UI_SCREEN_ORGANISER, /* behind a long press in the attract screen's top-left corner + PIN */
    UI_SCREEN_COUNT
} ui_screen_id;

typedef struct ui_screen {
    const char *name; /* "attract", "browse", … (the names `shot --screen` takes) */
    void (*enter)(ui_app *a);
    void (*leave)(ui_app *a);
    /* Returns true when the event was used. */
    bool (*event)(ui_app *a, const ui_event *e);
    /* Layout and animation at a->now_ms; fills a->widgets; sets a->dirty when the picture moved. */
    void (*update)(ui_app *a);
    void (*draw)(const ui_app *a);
    /* Bytes of the screen's own state (its layout, what it read, what it shows), which the app
     * allocates zeroed when it is created and owns (ui_app.screen_state), one per app: screens
     * keep nothing in file statics. What `enter` acquires, `leave` releases. */
    size_t state_size;
} ui_screen;

/* The form's and the search's fields. */
typedef enum ui_field_id {
    UI_F_SEARCH,
    UI_F_NAME,
    UI_F_COMPANY,
    UI_F_PHONE,
    UI_F_EMAIL,
    UI_F_PROVINCE,
    UI_F_QUANTITY,
    UI_F_NOTE,
    UI_F_COUNT
} ui_field_id;

/* Everything one visitor chose or typed; wiped by the idle reset. */
typedef struct ui_session {
    ui_field fields[UI_F_COUNT];
    char field_error[UI_F_COUNT][160]; /* validation message shown next to the field */
    int focus;                         /* ui_field_id with the keyboard, or -1 */
    /* The keyboard's language, a choice apart from the screens': until the visitor taps its
     * toggle, text fields compose Vietnamese (Telex/VNI) when the screens are in Vietnamese and
     * type plain letters in English ("Max Lee" stays "Max Lee"). */
    enum { UI_KB_IME_FOLLOW, UI_KB_IME_ON, UI_KB_IME_OFF } kb_ime;
    /* browse filters */
    int min_stars; /* 0, 3, 4, 5 */
    int group;     /* index into ui_groups, or -1 for all */
    /* the province picked, as the picker lists it (search_db_provinces), or "" for all */
    char province[SEARCH_PROVINCE_NAME_MAX];
    char product[64]; /* the product being looked at */
    /* inquiry form */
    int unit;           /* index into the product's unit choices */
    int month_first;    /* the first month asked (month.h number); 0 = next month */
    int month_count;    /* 1..3 */
    int form_min_stars; /* 0 = any */
    bool consent_contact;
    bool consent_share;
    char form_error[256];
    /* answer */
    bool submitted;
    inquiry_request request;
    match_result result;
    char lead_id[40];
    char lead_error[256];
    /* The lead this visit recorded for `recorded_product`: submitting that product's form again
     * (Back, then Submit; or a double tap) edits it instead of storing a second one. */
    char recorded_id[40];
    char recorded_product[64];
    /* The fair's server's answer for the lead (sync_thread.h): "confirmed", "provisional" (the
     * result screen tells the buyer), or "" (no server, or nothing held). */
    char hold_state[16];
} ui_session;

/* The top layer's picker: a list of choices over the screen (province, unit, group). */
/* Room for the 63 provinces before July 2025 and more: the browse screen lists the places its
 * cards name, old and new. */
#define UI_PICKER_MAX 128
typedef struct ui_picker {
    bool open;
    int target; /* what is being picked (the screen's id) */
    int count;
    char title[128];
    char options[UI_PICKER_MAX][96];
    int selected; /* -1 none */
    int result;   /* chosen index after close, or -1 when cancelled */
    bool done;    /* a choice waits for the screen to read it */
    /* More options than fit scroll in their viewport (rows never shrink under a fingertip). */
    ui_scroll scroll;
    SDL_Rect view; /* the options' viewport, laid out in update */
    bool reveal;   /* scroll the selected option into view at the next layout */
} ui_picker;

struct ui_app {
    SDL_Renderer *renderer;
    int w, h;     /* output size, pixels */
    float scale;  /* text and layout scale: 1.0 for 1920x1080 */
    int touch_px; /* the smallest a tappable widget may be, each way (ui_app_touch_px) */
    ui_text *text;
    ui_strings *strings;
    ui_images *images;
    ui_catalog *catalog;
    kiosk_config config;
    ui_lang lang;
    bool large; /* large text and high contrast */
    ui_theme theme;
    char data_dir[1024];

    const ui_screen *stack[8];
    void *screen_state[UI_SCREEN_COUNT]; /* each screen's state (ui_screen.state_size), owned */
    int depth;
    int nav_to;     /* screen to push between frames, or -1 */
    bool nav_back;  /* pop between frames */
    bool nav_reset; /* back to attract and wipe */

    uint32_t now_ms;        /* frame time: animations, idle timer (fake in tests) */
    ocop_clock clock;       /* the wall clock: leads, holds, months, "today" (clock.h) */
    uint32_t last_input_ms; /* last touch or key */
    bool idle_warning;      /* the countdown is showing */
    uint32_t idle_shown_s;  /* countdown second last drawn */
    bool dirty;             /* something changed: draw a frame */
    bool quit;
    bool record_views;        /* the real kiosk records product page views; screenshots do not */
    struct sync_thread *sync; /* the fair's server (sync_thread.h), or NULL: none */

    /* pointer tracking: one pressed-plus-position state */
    bool pressed;
    int press_x, press_y, last_x, last_y;
    uint32_t press_ms; /* when the pointer went down (the organiser's long press) */
    bool dragging;
    bool press_shown;       /* press_widget is drawn pressed (cleared when a drag begins) */
    ui_widget press_widget; /* a copy of the widget the finger went down on */

    ui_session *session;
    ui_keyboard kb;
    ui_picker picker;
    ui_widget_list widgets;     /* the top screen's */
    ui_widget_list top_widgets; /* the top layer's (language, large text, idle, picker) */

    int warm_step; /* the next piece of ui_app_warm's work (ui_warm_piece) */

    char *province_buf; /* the [provinces] list, split in place */
    const char *provinces[UI_PICKER_MAX];
    int province_count;
};

/* Loads strings, fonts and the image worker for a renderer of w x h pixels. `catalog` is
 * borrowed. The app's clock starts real; the caller may set a->clock (clock.h) before the first
 * update. Returns the app or NULL with `err` set (a missing font or strings file is reported
 * here, before any window shows). */
ui_app *ui_app_create(SDL_Renderer *renderer, int w, int h, const kiosk_config *config,
                      ui_catalog *catalog, const char *data_dir, ocop_error *err);
void ui_app_destroy(ui_app *a);

/* The pieces of ui_app_warm, in order: the browse grid's search for one word with many matches
 * (a first keystroke's kind), then for one with few, which runs the near-miss and
 * words-inside-words statements a longer query reaches. (Rasterising the fonts' glyphs ahead
 * was tried and measured no gain: the grid's first frame has drawn them already.) */
typedef enum ui_warm_piece {
    UI_WARM_SEARCH_MANY,
    UI_WARM_SEARCH_FEW,
    UI_WARM_DONE /* all done */
} ui_warm_piece;

/* Does the next small piece (a few ms) of the work a buyer's first keystroke in the search field
 * would otherwise pay: the search statements prepared and run once, the index's first pages
 * read (the browse grid's searches, scr_browse_warm). For the kiosk loop, when the first frame
 * is on screen and no input waits; it draws nothing. `what` (may be NULL) receives the piece's
 * name. Returns true when it did a piece, false when all are done (then it does nothing). */
bool ui_app_warm(ui_app *a, const char **what);

/* The screen with `name` ("attract", …), or -1. */
int ui_app_screen_by_name(const char *name);
/* Puts the app on screen `id` at once (for `shot` and tests): the stack is the natural path to
 * it (attract, browse, product, …). */
void ui_app_show(ui_app *a, ui_screen_id id);
/* Asks for navigation between frames. */
void ui_app_go(ui_app *a, ui_screen_id id);
void ui_app_back(ui_app *a);
/* Back to attract, every field wiped. */
void ui_app_reset(ui_app *a);
/* The screen on top. */
ui_screen_id ui_app_current(const ui_app *a);

/* Feeds one event at time now_ms (top layer first). */
void ui_app_event(ui_app *a, const ui_event *e, uint32_t now_ms);
/* Advances the clock to now_ms: navigation, idle timer, layout, animation. */
void ui_app_update(ui_app *a, uint32_t now_ms);
/* Paints the whole frame (no state changes). */
void ui_app_draw(const ui_app *a);
/* The output changed size. */
void ui_app_resize(ui_app *a, int w, int h);
/* Switches the language / large-text mode. */
void ui_app_set_lang(ui_app *a, ui_lang lang);
void ui_app_set_large(ui_app *a, bool large);

/* The text of `key` in the current language. */
const char *ui_app_str(const ui_app *a, const char *key);
/* Pixels for `design_px` at 1920x1080. */
int ui_px(const ui_app *a, float design_px);
/* The smallest width and height, in pixels, of anything a finger must hit on a w x h output
 * whose panel measures `diagonal_inches` (0 = not known): 9 mm at the panel's pixel density,
 * and never under 48 px (the size of a fingertip on common touch guidelines, and the fallback
 * when the diagonal is not known). */
int ui_app_touch_px(int w, int h, double diagonal_inches);
/* ui_px(design_px), but at least a->touch_px: the size of a touch target. */
int ui_touch(const ui_app *a, float design_px);
/* Focuses field `id` (shows the keyboard), or -1 to close the keyboard. */
void ui_app_focus(ui_app *a, int field);
/* A finger on scroll `s`, whose view is `view`: a press inside the view takes hold of it
 * (stopping a flick), drags move it, the release lets it go (a flick may follow). Returns true
 * when the event was the scroll's: a press that stopped a flick, a drag, the release of a drag.
 * Other events: false. */
bool ui_app_scroll_touch(ui_app *a, ui_scroll *s, SDL_Rect view, const ui_event *e);
/* Opens the picker over the screen. */
void ui_app_pick(ui_app *a, int target, const char *title, const char *const *options, int count,
                 int selected);
/* True while a finger is on `w` (a widget of the current layout: the one the press went down on,
 * same kind, action, place and label) and it is drawn pressed. */
bool ui_app_pressed(const ui_app *a, const ui_widget *w);
/* Finds a visible widget whose label contains `text` (top layer first). */
const ui_widget *ui_app_find(const ui_app *a, const char *text);

/* The provinces offered by the inquiry form's picker of where the buyer is from: the 34 of
 * today (kiosk-config strings, [provinces] list), in Vietnamese alphabetical order
 * (province_collate). The browse screen's filter lists the
 * catalogue's own (ui_catalog_provinces). */
int ui_app_provinces(const ui_app *a, const char **names, int max);
/* "YYYY-MM" of the month `offset` months after the current one on the app's clock. */
void ui_app_month(const ui_app *a, int offset, char out[8]);

#endif
