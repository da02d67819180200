/*
 * inquiry.h: a buyer's inquiry as the kiosk form or `ocop-kiosk inquire` gives it (DESIGN §5,
 * "Inquiry JSON"), validated and normalised (phone to +84…, text to NFC).
 */
#ifndef OCOP_INQUIRY_H
#define OCOP_INQUIRY_H

#include "core/base.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The longest month window an inquiry may ask for. */
#define INQUIRY_MAX_MONTHS 24

typedef struct inquiry_request {
    char buyer_name[128];
    char buyer_company[128];
    char buyer_phone[32]; /* normalised +84… or "" */
    char buyer_email[128];
    char buyer_province[64];
    char product[64]; /* product code, or "" */
    char group[16];   /* English group key, or "" */
    char query[256];  /* free text, or "" */
    double quantity;  /* > 0, in `unit` */
    char unit[32];
    char month_from[8];    /* YYYY-MM */
    char month_to[8];      /* YYYY-MM, >= month_from */
    int min_stars;         /* 0 = any */
    int64_t max_price_vnd; /* per sale unit; 0 = any */
    char note[512];
    char lang[3]; /* vi | en */
    bool consent_contact;
    bool consent_share;
} inquiry_request;

/* Parses the inquiry JSON of DESIGN §5 into *out and validates it with inquiry_validate.
 * `quantity` may be a JSON number or a string ("0,5"); `months` an array of one or two months
 * or one month as a string; `group` an English key or a Vietnamese group name (stored as the
 * key). Returns 0, or -1 with `err` naming the field ("buyer.phone: …"; "line 3: not valid
 * JSON …" for syntax). */
int inquiry_from_json(const char *json, inquiry_request *out, ocop_error *err);

/* Validates and normalises a lead built by the kiosk form, in place: text to NFC and trimmed,
 * buyer.name required, a phone or an e-mail required (phone normalised to +84…, e-mail
 * checked), then everything inquiry_validate_request checks. Same messages as
 * inquiry_from_json. Returns 0 or -1 with `err` set. */
int inquiry_validate(inquiry_request *in, ocop_error *err);

/* Validates what is to be matched, without the buyer (for `ocop-kiosk match`, a dry run):
 * exactly one of product/group/query (group normalised to its English key), quantity > 0,
 * a known unit, months YYYY-MM in order (month_to "" = month_from) and at most
 * INQUIRY_MAX_MONTHS long, min_stars 0–5, max_price_vnd >= 0, lang vi|en ("" = vi).
 * Returns 0 or -1 with `err` naming the field. */
int inquiry_validate_request(inquiry_request *in, ocop_error *err);

/* The English key ("herbal") of a product group named by its key or Vietnamese name of either
 * generation, with or without accents ("Thảo dược / Dược liệu", "Dược liệu và sản phẩm từ dược
 * liệu", "do uong"): catalog_group_key's one table. Returns 0, or -1 when unknown. */
int inquiry_group_key(const char *name, char *out, size_t cap);

#endif
