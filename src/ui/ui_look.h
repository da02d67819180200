/*
 * ui_look.h: the kiosk's common look, shared by the screens: buttons, chips, fields, check boxes,
 * the screen header, product pictures (photo, group illustration, or a drawn placeholder) and
 * helpers that lay out rows of buttons.
 */
#ifndef OCOP_UI_LOOK_H
#define OCOP_UI_LOOK_H

#include "ui/ui_app.h"

/* The radius in output pixels of the corners of a widget of `kind` and `height_px` as drawn
 * (chips are pills; an invisible area has none). */
int look_radius(const ui_app *a, ui_widget_kind kind, int height_px);
/* The shape `w` is drawn as: its box (for a check box the square, not its label) and, in
 * *radius, the radius of its corners (look_radius). Drawing a widget, and its pressed look, take
 * the shape from here. */
SDL_Rect look_widget_shape(const ui_app *a, const ui_widget *w, int *radius);
/* The pressed look of a card or a field while a finger is on it: the theme's pressed shade over
 * its shape (look_widget_shape), within its scrolled viewport when it has one. Nothing for the
 * other kinds: buttons, chips, keys and check boxes draw themselves pressed (inverted, as
 * ui_theme_pressed says) when ui_app_pressed. */
void look_pressed(const ui_app *a, const ui_widget *w);
/* Draws the face of a button, chip or key in `r` with corners of `radius`: `fill` edged
 * `edge_px` wide with `edge` (0: no edge); while `pressed`, inverted (the label's colour `ink` as
 * the face, still edged, an edgeless face edged with `fill`). Returns the colour to draw its
 * label in. */
SDL_Color look_face(const ui_app *a, SDL_Rect r, int radius, SDL_Color fill, SDL_Color ink,
                    int edge_px, SDL_Color edge, bool pressed);
/* Draws a widget of any kind in the common look (fields show their text; see look_field). */
void look_widget(const ui_app *a, const ui_widget *w);
/* Draws every widget in `l` whose kind is not UI_W_CARD, UI_W_FIELD or UI_W_AREA. */
void look_widgets(const ui_app *a, const ui_widget_list *l);
/* The font of a form field's caption and of a group of chips' (look_field draws it above the
 * field): small, but the body size on a portrait screen. */
ui_font_role look_caption_font(const ui_app *a);
/* A form field: caption above, the box with the field's text (or a grey hint), the word being
 * composed underlined, a caret when focused, a red message below. */
void look_field(const ui_app *a, const ui_widget *w, const char *caption, const ui_field *field,
                const char *hint, const char *error, bool focused);
/* The header band with a title; returns its height. */
int look_header(const ui_app *a, const char *title);
/* Height of the header band. */
int look_header_height(const ui_app *a);
/* The "drag up to see more" cue of a scrolled view that ends at `bottom_px` (an action bar's
 * top): sets *pill to its box, centred in a strip of its own above bottom_px, and returns where
 * the view must now end (the strip's top), so that the pill never lies over the content and
 * nothing of the content reaches under the bar. */
int look_more_strip(const ui_app *a, int bottom_px, SDL_Rect *pill);
/* Draws the pill look_more_strip placed: a chevron and "drag up to see more" (common.more_below).
 * Call it only while the content goes on below the view. */
void look_more_pill(const ui_app *a, SDL_Rect pill);
/* Asks for a product's picture at w x h (call in update). The picture is the product's own
 * `image` when it has one, else the illustration of its `picture` kind (picture.h; the card's or
 * record's `picture`), else its `group`'s illustration. */
void look_request_picture(ui_app *a, const char *image, const char *picture, const char *group,
                          int w, int h);
/* Draws a product's picture (chosen as look_request_picture does) in `r`: an organiser's photo
 * fills it (cropped to its shape, not stretched), an illustration is fitted whole; a placeholder
 * while loading or when there is none. */
void look_picture(const ui_app *a, SDL_Rect r, const char *image, const char *picture,
                  const char *group);
/* look_request_picture for look_picture_cover's w x h frame. */
void look_request_picture_cover(ui_app *a, const char *image, const char *picture,
                                const char *group, int w, int h);
/* look_picture, but an illustration too fills `r` (its middle, cut to r's shape, never
 * stretched), as a photo does: the wide picture across the top of a portrait page. Ask for it
 * with look_request_picture_cover. */
void look_picture_cover(const ui_app *a, SDL_Rect r, const char *image, const char *picture,
                        const char *group);
/* The label of an English group key in the current language. */
const char *look_group_name(const ui_app *a, const char *group);
/* Adds a button sized to its label at (x, y); returns its width. */
int look_add_button(ui_app *a, ui_widget_list *l, ui_widget_kind kind, int id, int arg, int x,
                    int y, const char *label);
/* Width a button with `label` would take. */
int look_button_width(const ui_app *a, const char *label);
/* Draws one line of text in which every ★ (U+2605, which Noto Sans lacks) is drawn as a star
 * shape in the star colour. Returns the width used. */
int look_text_stars(const ui_app *a, ui_font_role role, const char *s, SDL_Color color, int x,
                    int y, int max_w);
/* Formats a VND amount with the language's thousands separators ("85.000 ₫", "85,000 ₫"). */
void look_vnd(char *out, size_t cap, int64_t vnd, ui_lang lang);
/* Formats a quantity without useless decimals, with the language's marks: Vietnamese "1.260",
 * "1,5"; English "1,260", "1.5". */
void look_qty(char *out, size_t cap, double q, ui_lang lang);
/* The name of `unit` for `qty` of it in the current language (units_label): English names and
 * plurals ("bottle", "bottles", "L"), the Vietnamese spelling otherwise. */
const char *look_unit(const ui_app *a, const char *unit, double qty);
/* The string `key` with a count `n` in place of its "%s" (look_qty's marks, "1,260"): the
 * singular `key`_one ("1 product") when n is 1 and the strings have it. */
void look_count(const ui_app *a, char *out, size_t cap, const char *key, long n);
/* "1,260 bottles" / "1.260 chai": look_qty and look_unit together. */
void look_amount(const ui_app *a, char *out, size_t cap, double q, const char *unit);

#endif
