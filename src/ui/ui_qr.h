/*
 * ui_qr.h: QR codes (libqrencode) as textures, and the vCard text the thank-you screen encodes so
 * that a buyer's phone camera saves the matched producers' contacts.
 */
#ifndef OCOP_UI_QR_H
#define OCOP_UI_QR_H

#include "core/config.h"
#include "core/match.h"
#include "core/strbuf.h"

#include <SDL.h>

/* Encodes `text` (UTF-8, byte mode, error correction M) into a texture of one pixel per module
 * with a 4-module quiet zone, scaled with nearest-neighbour sampling. *size gets its width in
 * modules. Returns NULL when the text is too long for a QR code. The caller destroys it. */
SDL_Texture *ui_qr_texture(SDL_Renderer *renderer, const char *text, int *size);

/* Appends one vCard 3.0 (RFC 2426) per distinct producer of `r` (name, phone, e-mail, a Zalo
 * link as URL when the phone is Vietnamese, the product as a note), at most `max_cards`, to
 * `out`. Returns the number of cards appended. */
int ui_qr_vcards(const match_result *r, int max_cards, strbuf *out);

/* Appends the organisers' desk as a vCard 3.0: `name` (in the visitor's language), the event
 * `event` as organisation, the booth as a note, phone and Zalo link. Nothing when the desk has
 * neither name nor phone. */
void ui_qr_vcard_desk(const kiosk_desk_config *desk, const char *name, const char *event,
                      strbuf *out);

/* The Zalo link of a phone number ("https://zalo.me/0912345678"), or "" when it is not a
 * Vietnamese number. */
void ui_qr_zalo_link(const char *phone, char *out, size_t cap);

#endif
