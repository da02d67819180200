/*
 * ui_qr.h: QR codes (libqrencode) as textures, and the vCard text the thank-you screen encodes so
 * that a buyer's phone camera saves the matched producers' contacts.
 */
#ifndef OCOP_UI_QR_H
#define OCOP_UI_QR_H

#include "core/match.h"
#include "core/strbuf.h"

#include <SDL.h>

/* Encodes `text` (UTF-8, byte mode, error correction M) into a texture of one pixel per module
 * with a 4-module quiet zone, scaled with nearest-neighbour sampling. *size gets its width in
 * modules. Returns NULL when the text is too long for a QR code. The caller destroys it. */
SDL_Texture *ui_qr_texture(SDL_Renderer *renderer, const char *text, int *size);

/* Appends one vCard 3.0 per distinct producer of `r` (name, phone, e-mail, the product as a
 * note), at most `max_cards`, to `out`. */
void ui_qr_vcards(const match_result *r, int max_cards, strbuf *out);

#endif
