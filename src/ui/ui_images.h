/*
 * ui_images.h: product pictures, decoded off the main thread and kept in a bounded texture cache.
 *
 * Decoding a photo costs 1-60 ms (PNG and big JPEGs the most), which would stall scrolling, so a
 * worker thread decodes (IMG_Load; SVG illustrations are rasterised at the size asked) and the
 * main thread only turns finished surfaces into textures. The cache holds at most `budget_bytes`
 * of textures (w*h*4) and evicts the least recently drawn. Requests made last are decoded
 * first, so the cards on screen now win over cards scrolled past.
 *
 * Call pattern: update asks (ui_images_request) and pumps (ui_images_pump); draw only looks up
 * (ui_images_lookup), which never starts work.
 */
#ifndef OCOP_UI_IMAGES_H
#define OCOP_UI_IMAGES_H

#include "core/base.h"

#include <SDL.h>
#include <stdbool.h>
#include <stddef.h>

typedef struct ui_images ui_images;

/* Starts the worker. `budget_bytes`: the most texture memory kept. Destroy with
 * ui_images_destroy (joins the worker). */
ui_images *ui_images_create(SDL_Renderer *renderer, size_t budget_bytes);
void ui_images_destroy(ui_images *im);

/* Asks for `path` rasterised to fit w x h pixels (vector images; bitmaps keep their size).
 * Cheap when already asked or loaded. */
void ui_images_request(ui_images *im, const char *path, int w, int h);
/* Turns decoded surfaces into textures and trims the cache. Returns true when a new picture
 * became available (the screen should redraw). */
bool ui_images_pump(ui_images *im);
/* The texture for `path` at w x h when loaded (its size in *tw, *th), else NULL. */
SDL_Texture *ui_images_lookup(ui_images *im, const char *path, int w, int h, int *tw, int *th);
/* Where a request stands. */
typedef enum ui_image_state {
    UI_IMAGE_PENDING, /* queued or decoding (or never asked) */
    UI_IMAGE_READY,   /* decoded: ui_images_lookup has it */
    UI_IMAGE_FAILED,  /* cannot be shown */
} ui_image_state;
/* Where the request for `path` at w x h stands (after ui_images_pump): ready, with the texture's
 * size in *tw, *th (a picture asked at 0 x 0 is decoded at its own size, an SVG's at 96 dpi:
 * what the attract screen learns an organiser's logo's shape from); failed, with `err` saying
 * why ("cannot open …: No such file or directory", "… is not a picture the kiosk can read
 * (…)"); or pending. */
ui_image_state ui_images_state(ui_images *im, const char *path, int w, int h, int *tw, int *th,
                               ocop_error *err);
/* Pictures decoded since the program started on a thread that is not a picture worker: a
 * stall of the screens, which must stay 0 (tests read it). */
long ui_images_decoded_off_worker(void);
/* True while requests are queued or decoding (headless screenshots wait for this). */
bool ui_images_busy(ui_images *im);
/* Texture bytes held now. */
size_t ui_images_bytes(const ui_images *im);

#endif
