/* ui_qr.c: QR textures and vCards; see ui_qr.h. */
#include "ui/ui_qr.h"

#include <qrencode.h>
#include <string.h>

#define QUIET_ZONE 4

SDL_Texture *ui_qr_texture(SDL_Renderer *renderer, const char *text, int *size) {
    QRcode *qr = QRcode_encodeString8bit(text, 0, QR_ECLEVEL_M);
    if (!qr) {
        return NULL;
    }
    int n = qr->width + 2 * QUIET_ZONE;
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, n, n, 32, SDL_PIXELFORMAT_ARGB8888);
    if (!s) {
        QRcode_free(qr);
        return NULL;
    }
    Uint32 white = SDL_MapRGB(s->format, 255, 255, 255), black = SDL_MapRGB(s->format, 0, 0, 0);
    SDL_FillRect(s, NULL, white);
    for (int y = 0; y < qr->width; y++) {
        Uint32 *row = (Uint32 *)((Uint8 *)s->pixels + (y + QUIET_ZONE) * s->pitch);
        for (int x = 0; x < qr->width; x++) {
            if (qr->data[y * qr->width + x] & 1) {
                row[x + QUIET_ZONE] = black;
            }
        }
    }
    SDL_Texture *t = SDL_CreateTextureFromSurface(renderer, s);
    if (t) {
        SDL_SetTextureScaleMode(t, SDL_ScaleModeNearest);
    }
    SDL_FreeSurface(s);
    QRcode_free(qr);
    *size = n;
    return t;
}

/* vCard text values escape backslash, comma, semicolon and newline (RFC 6350 §3.4). */
static void append_escaped(strbuf *out, const char *s) {
    for (; *s; s++) {
        if (*s == '\\' || *s == ',' || *s == ';') {
            sb_append_char(out, '\\');
            sb_append_char(out, *s);
        } else if (*s == '\n') {
            sb_append(out, "\\n");
        } else {
            sb_append_char(out, *s);
        }
    }
}

void ui_qr_vcards(const match_result *r, int max_cards, strbuf *out) {
    int cards = 0;
    for (int i = 0; i < r->n_lines && cards < max_cards; i++) {
        const match_line *l = &r->lines[i];
        bool seen = false;
        for (int k = 0; k < i; k++) {
            seen |= strcmp(r->lines[k].producer, l->producer) == 0;
        }
        if (seen) {
            continue;
        }
        sb_append(out, "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:");
        append_escaped(out, l->producer);
        sb_append(out, "\r\nORG:");
        append_escaped(out, l->producer);
        if (l->phone[0]) {
            sb_append(out, "\r\nTEL;TYPE=WORK:");
            append_escaped(out, l->phone);
        }
        if (l->email[0]) {
            sb_append(out, "\r\nEMAIL:");
            append_escaped(out, l->email);
        }
        if (l->province[0]) {
            sb_append(out, "\r\nADR;TYPE=WORK:;;;;");
            append_escaped(out, l->province);
            sb_append(out, ";;Việt Nam");
        }
        sb_append(out, "\r\nNOTE:OCOP ");
        sb_appendf(out, "%d* ", l->stars);
        append_escaped(out, l->name);
        sb_append(out, " (");
        append_escaped(out, l->product);
        sb_append(out, ")\r\nEND:VCARD\r\n");
        cards++;
    }
}
