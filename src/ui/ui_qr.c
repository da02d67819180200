/* ui_qr.c: QR textures and vCards; see ui_qr.h. */
#include "ui/ui_qr.h"

#include "core/phone.h"

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

/* vCard text values escape backslash, comma, semicolon and line breaks (RFC 2426 §4, RFC 6350
 * §3.4): CR LF, a bare LF and a bare CR (a spreadsheet cell's break) each become one "\n", so
 * no raw CR ever ends a content line early. */
static void append_escaped(strbuf *out, const char *s) {
    for (; *s; s++) {
        if (*s == '\\' || *s == ',' || *s == ';') {
            sb_append_char(out, '\\');
            sb_append_char(out, *s);
        } else if (*s == '\r') {
            sb_append(out, "\\n");
            if (s[1] == '\n') {
                s++;
            }
        } else if (*s == '\n') {
            sb_append(out, "\\n");
        } else {
            sb_append_char(out, *s);
        }
    }
}

void ui_qr_zalo_link(const char *phone, char *out, size_t cap) {
    char local[32];
    out[0] = '\0';
    if (phone && phone_zalo(phone, local, sizeof local)) {
        str_format(out, cap, "https://zalo.me/%s", local);
    }
}

/* BEGIN, VERSION, FN and N (required in 3.0; an organisation's name goes in the family-name
 * part, as phones show it). */
static void begin_card(strbuf *out, const char *name) {
    sb_append(out, "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:");
    append_escaped(out, name);
    sb_append(out, "\r\nN:");
    append_escaped(out, name);
    sb_append(out, ";;;;");
}

/* TEL (in its +CC form when it is a number) and the Zalo URL of `zalo_phone`. */
static void append_phone(strbuf *out, const char *phone, const char *zalo_phone) {
    char e164[32], zalo[64];
    if (phone[0]) {
        sb_append(out, "\r\nTEL;TYPE=WORK,VOICE:");
        append_escaped(out, phone_normalize(phone, e164, sizeof e164, NULL) == 0 ? e164 : phone);
    }
    ui_qr_zalo_link(zalo_phone, zalo, sizeof zalo);
    if (zalo[0]) {
        sb_append(out, "\r\nURL:");
        sb_append(out, zalo);
    }
}

void ui_qr_vcard_desk(const kiosk_desk_config *desk, const char *name, const char *event,
                      strbuf *out) {
    if (!name[0] && !desk->phone[0]) {
        return;
    }
    begin_card(out, name[0] ? name : desk->phone);
    if (event && event[0]) {
        sb_append(out, "\r\nORG:");
        append_escaped(out, event);
    }
    append_phone(out, desk->phone, desk->zalo[0] ? desk->zalo : desk->phone);
    if (desk->booth[0]) {
        sb_append(out, "\r\nNOTE:");
        append_escaped(out, desk->booth);
    }
    sb_append(out, "\r\nEND:VCARD\r\n");
}

int ui_qr_vcards(const match_result *r, int max_cards, strbuf *out) {
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
        begin_card(out, l->producer);
        sb_append(out, "\r\nORG:");
        append_escaped(out, l->producer);
        append_phone(out, l->phone, l->phone);
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
    return cards;
}
