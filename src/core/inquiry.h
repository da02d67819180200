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
/* The same for `len` bytes read from a file or a pipe: a NUL byte among them (a document
 * followed by "\0garbage") is an error, not the end of the text. A key given twice in one
 * object is an error in both. */
int inquiry_from_json_len(const char *json, size_t len, inquiry_request *out, ocop_error *err);

/* Validates and normalises a lead built by the kiosk form, in place: text to NFC and trimmed,
 * buyer.name required, a phone or an e-mail required (phone normalised to +84…, e-mail
 * checked), then everything inquiry_validate_request checks. Same messages as
 * inquiry_from_json. Returns 0 or -1 with `err` set (the first thing wrong). */
int inquiry_validate(inquiry_request *in, ocop_error *err);

/* The largest quantity an inquiry may ask for, in its unit: the kiosk form, `inquire` and
 * `match` alike (no fair deals in more). */
#define INQUIRY_QUANTITY_MAX 1e9

/* Every field of an inquiry, each with its own problem and message (the form marks those it
 * shows; `inquire` and `match` report the first). */
typedef enum inquiry_field {
    INQUIRY_FIELD_NAME,      /* buyer.name */
    INQUIRY_FIELD_COMPANY,   /* buyer.company */
    INQUIRY_FIELD_PHONE,     /* buyer.phone, and "neither a phone nor an e-mail" */
    INQUIRY_FIELD_EMAIL,     /* buyer.email */
    INQUIRY_FIELD_PROVINCE,  /* buyer.province */
    INQUIRY_FIELD_PRODUCT,   /* product, and "not exactly one of product, group, query" */
    INQUIRY_FIELD_GROUP,     /* group */
    INQUIRY_FIELD_QUERY,     /* query */
    INQUIRY_FIELD_QUANTITY,  /* quantity */
    INQUIRY_FIELD_UNIT,      /* unit */
    INQUIRY_FIELD_MONTHS,    /* months (month_from, month_to) */
    INQUIRY_FIELD_MIN_STARS, /* min_stars */
    INQUIRY_FIELD_MAX_PRICE, /* max_price_vnd */
    INQUIRY_FIELD_NOTE,      /* note */
    INQUIRY_FIELD_LANG,      /* lang */
    INQUIRY_FIELD_COUNT
} inquiry_field;

/* The field's name in the inquiry JSON and in messages ("buyer.phone", "months"). */
const char *inquiry_field_name(inquiry_field field);

/* What is wrong with a field: the caller words it (the kiosk from its string tables). */
typedef enum inquiry_problem {
    INQUIRY_OK,
    INQUIRY_MISSING,      /* name, unit: empty */
    INQUIRY_NO_CONTACT,   /* phone: neither a phone nor an e-mail */
    INQUIRY_INVALID,      /* not one (a phone, an e-mail, a unit, a month …), too long, not
                             UTF-8: the field's message says which */
    INQUIRY_NOT_POSITIVE, /* quantity: 0 or less */
    INQUIRY_TOO_LARGE,    /* quantity: above INQUIRY_QUANTITY_MAX */
    INQUIRY_TOO_SMALL,    /* quantity: less than 1 g or 1 ml (0.001 of the base unit) */
} inquiry_problem;

typedef struct inquiry_errors {
    inquiry_problem problem[INQUIRY_FIELD_COUNT];
    ocop_error message[INQUIRY_FIELD_COUNT]; /* each field's message, as inquiry_validate's */
    ocop_error first;                        /* what inquiry_validate reports */
    int count;                               /* fields with a problem */
} inquiry_errors;

/* inquiry_validate, judging every field rather than stopping at the first: *out gets each
 * field's problem and message (the kiosk form marks them all at once with inquiry_validate's
 * rules, and has none of its own). Returns the number of wrong fields: 0 when `in` is valid
 * (and normalised, as after inquiry_validate). */
int inquiry_validate_fields(inquiry_request *in, inquiry_errors *out);

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
