/*
 * fuzz_inquiry_json.c: libFuzzer harness for the inquiry JSON of `ocop-kiosk inquire`
 * (inquiry_from_json_len: cJSON, the fields, inquiry_validate).
 *
 * Any bytes. It must not crash, leak or read out of bounds. On success the inquiry must hold
 * what validation promises: a name, a phone in its stored form (+ and 7 to 15 digits, +84... for
 * a Vietnamese number, normalising it again changes nothing) or an e-mail, a quantity above 0,
 * months YYYY-MM with the first not after the last, stars 0..5, a price not below 0. On failure the
 * message is one line (no raw control character). Seeds: tests/fuzz/seeds/fuzz_inquiry_json/.
 */
#include "core/inquiry.h"
#include "core/month.h"
#include "core/phone.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void fail(const char *what, const char *detail) {
    fprintf(stderr, "fuzz_inquiry_json: %s: %s\n", what, detail);
    abort();
}

/* "+" and 7 to 15 digits, and phone_normalize gives it back unchanged. */
static bool phone_stored_form(const char *phone) {
    size_t digits = strspn(phone + 1, "0123456789");
    if (phone[0] != '+' || phone[1 + digits] != '\0' || digits < 7 || digits > 15) {
        return false;
    }
    char again[32];
    ocop_error err;
    return phone_normalize(phone, again, sizeof again, &err) == 0 && strcmp(again, phone) == 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    char *text = malloc(size + 1);
    memcpy(text, data, size);
    text[size] = '\0';
    inquiry_request in;
    ocop_error err;
    if (inquiry_from_json_len(text, size, &in, &err) == 0) {
        if (!in.buyer_name[0]) {
            fail("accepted without a name", text);
        }
        if (!in.buyer_phone[0] && !in.buyer_email[0]) {
            fail("accepted without a phone or an e-mail", text);
        }
        if (in.buyer_phone[0] && !phone_stored_form(in.buyer_phone)) {
            fail("a phone not in its stored form", in.buyer_phone);
        }
        if (!(in.quantity > 0)) {
            fail("accepted a quantity not above 0", text);
        }
        if (!month_valid(in.month_from) || !month_valid(in.month_to) ||
            strcmp(in.month_from, in.month_to) > 0) {
            fail("accepted bad months", text);
        }
        if (in.min_stars < 0 || in.min_stars > 5 || in.max_price_vnd < 0) {
            fail("accepted stars or price out of range", text);
        }
    } else {
        for (const char *p = err.msg; *p; p++) {
            if ((unsigned char)*p < 0x20 || *p == 0x7f) {
                fail("a raw control byte in the message", err.msg);
            }
        }
    }
    free(text);
    return 0;
}
