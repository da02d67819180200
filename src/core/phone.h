/*
 * phone.h: Vietnamese phone numbers and e-mail addresses as buyers type them.
 */
#ifndef OCOP_PHONE_H
#define OCOP_PHONE_H

#include "core/base.h"

#include <stdbool.h>
#include <stddef.h>

/* Normalises a Vietnamese phone number to +84 followed by the national number without its
 * leading 0: "0912 345 678", "84912345678", "+84 912-345-678" all give "+84912345678".
 * Spaces, dots, dashes and parentheses are ignored. Returns 0, or -1 with `err` saying why the
 * number is impossible (too short/long, letters, not a Vietnamese number, bad prefix). */
int phone_normalize(const char *text, char *out, size_t cap, ocop_error *err);

/* A sanity check of an e-mail address (one @, a dot in the domain, no spaces, sane length).
 * Returns 0, or -1 with `err` saying what is wrong. */
int phone_check_email(const char *text, ocop_error *err);

#endif
