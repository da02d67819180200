/*
 * phone.h: Vietnamese phone numbers and e-mail addresses as buyers type them.
 */
#ifndef OCOP_PHONE_H
#define OCOP_PHONE_H

#include "core/base.h"

#include <stdbool.h>
#include <stddef.h>

/* Normalises a Vietnamese phone number to +84 followed by the national number without its
 * leading 0: "0912 345 678", "84912345678", "+84 912-345-678" all give "+84912345678". Another
 * country's number, written with "+" or "00" and its country code, is kept as +DIGITS after a
 * length check (E.164: 7 to 15 digits): "+49 30 1234567" gives "+49301234567".
 * Spaces, dots, dashes and parentheses are ignored. Returns 0, or -1 with `err` saying why the
 * number is impossible (too short/long, letters, bad prefix). */
int phone_normalize(const char *text, char *out, size_t cap, ocop_error *err);

/* Writes `text` the way people read a phone number aloud: a Vietnamese number with its trunk 0
 * in the usual groups ("0912 345 678", "0294 3832 111", "024 3825 1234"); any other number that
 * phone_normalize accepts in its +DIGITS form; text it refuses is copied as it is. A result longer
 * than `cap` is cut (out is always terminated). */
void phone_format(const char *text, char *out, size_t cap);

/* The number for a Zalo link (https://zalo.me/NUMBER): a Vietnamese number as its ten or eleven
 * local digits ("0912345678"). Returns false (out = "") for anything else. */
bool phone_zalo(const char *text, char *out, size_t cap);

/* A sanity check of an e-mail address (one @, a dot in the domain, no spaces, sane length).
 * Returns 0, or -1 with `err` saying what is wrong. */
int phone_check_email(const char *text, ocop_error *err);

#endif
