/*
 * inquiry.h: a buyer's inquiry as the kiosk form or `ocop-kiosk inquire` gives it (DESIGN §5,
 * "Inquiry JSON"), validated and normalised (phone to +84…, text to NFC).
 */
#ifndef OCOP_INQUIRY_H
#define OCOP_INQUIRY_H

#include "core/base.h"

#include <stdbool.h>

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

/* Parses the inquiry JSON of DESIGN §5 into *out and validates it (one of product/group/query,
 * quantity > 0, known unit, months YYYY-MM in order, stars 1–5, phone and e-mail well formed).
 * Returns 0, or -1 with `err` naming the field ("buyer.phone: …"). */
int inquiry_from_json(const char *json, inquiry_request *out, ocop_error *err);

/* Validates an inquiry built by the kiosk form; same rules and messages as inquiry_from_json. */
int inquiry_validate(inquiry_request *in, ocop_error *err);

#endif
