/*
 * fuzz_ime.c: libFuzzer harness for the Telex/VNI engine (core/ime.h).
 *
 * The input is a script: byte 0 picks the mode and the style, every next byte is one action
 * (a key, backspace, a tone or shape button, commit, a mode or style switch, set_text, a
 * ready-made Vietnamese letter, any 24-bit code point, one key repeated up to 2040 times, a
 * character limit). After every action the field's text must be valid UTF-8, in NFC, no longer than
 * IME_MAX_TEXT_BYTES and as long as ime_text_len says; anything else (or a crash, or a sanitizer
 * report) is a finding. Build and run: `make fuzz` (clang). Seeds: tests/fuzz/seeds/fuzz_ime/.
 */
#include "core/ime.h"
#include "core/utf8.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(const ime_field *f, size_t step) {
    const char *t = ime_text(f);
    size_t len = strlen(t);
    char *nfc = utf8_valid(t, len) ? utf8_nfc(t) : NULL;
    if (len != ime_text_len(f) || len > IME_MAX_TEXT_BYTES || ime_composing_start(f) > len ||
        !nfc || strcmp(nfc, t) != 0) {
        fprintf(stderr, "fuzz_ime: bad text after action %zu: '%s' (len %zu, said %zu)\n", step, t,
                len, ime_text_len(f));
        abort();
    }
    free(nfc);
}

/* The keyboard's letter buttons, and letters a hardware keyboard may send ready-made. */
static const uint32_t buttons[] = {0x0103, 0x00E2, 0x00EA, 0x00F4, 0x01A1, 0x01B0, 0x0111,
                                   0x0102, 0x00C2, 0x00CA, 0x00D4, 0x01A0, 0x01AF, 0x0110};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size == 0) {
        return 0;
    }
    ime_field *f = ime_field_create((ime_mode)(data[0] % 3),
                                    (data[0] >> 2) & 1 ? IME_STYLE_NEW : IME_STYLE_OLD);
    size_t i = 1;
    size_t step = 0;
    while (i < size) {
        uint8_t op = data[i++];
        if (op < 0xC0) {
            (void)ime_key(f, op);
        } else if (op < 0xC8) {
            (void)ime_backspace(f);
        } else if (op < 0xCE) {
            (void)ime_tone(f, (ime_tone_kind)(op - 0xC8));
        } else if (op < 0xD2) {
            (void)ime_shape(f, (ime_shape_kind)(op - 0xCE));
        } else if (op == 0xD2) {
            ime_commit(f);
        } else if (op == 0xD3) {
            ime_set_style(f, ime_get_style(f) == IME_STYLE_OLD ? IME_STYLE_NEW : IME_STYLE_OLD);
        } else if (op == 0xD4 && i < size) {
            ime_set_mode(f, (ime_mode)(data[i++] % 3));
        } else if (op == 0xD5 && i < size) {
            (void)ime_letter_button(f, buttons[data[i++] % (sizeof buttons / sizeof *buttons)]);
        } else if (op == 0xD6 && i < size) {
            /* a precomposed Vietnamese letter (U+1EA0…U+1EF9) or a Latin-1/Extended-A letter */
            uint8_t b = data[i++];
            (void)ime_key(f, b < 0x5A ? 0x1EA0u + b : 0xC0u + (b - 0x5Au));
        } else if (op == 0xD7 && i + 3 <= size) {
            uint32_t cp = (uint32_t)data[i] << 16 | (uint32_t)data[i + 1] << 8 | data[i + 2];
            i += 3;
            (void)ime_key(f, cp);
        } else if (op == 0xD8 && i < size) {
            /* set_text with the next n bytes, whatever they are */
            size_t n = data[i++];
            if (n > size - i) {
                n = size - i;
            }
            char *text = malloc(n + 1);
            memcpy(text, data + i, n);
            text[n] = '\0';
            (void)ime_set_text(f, text);
            free(text);
            i += n;
        } else if (op == 0xD9 && i < size) {
            size_t n = data[i++];
            if (n > size - i) {
                n = size - i;
            }
            char *text = malloc(n + 1);
            memcpy(text, data + i, n);
            text[n] = '\0';
            (void)ime_type_utf8(f, text);
            free(text);
            i += n;
        } else if (op == 0xDA) {
            ime_clear(f);
        } else if (op == 0xDC && i < size) {
            ime_set_max_chars(f, data[i++]); /* 0: no limit */
        } else if (op == 0xDB && i + 2 <= size) {
            /* one key many times: reaches the word and field limits with short inputs */
            uint8_t key = data[i] & 0x7F; /* ASCII: other keys renormalise the whole text */
            size_t times = (size_t)data[i + 1] * 8;
            i += 2;
            for (size_t k = 0; k < times; k++) {
                (void)ime_key(f, key);
            }
        } else {
            (void)ime_key(f, op);
        }
        check(f, step++);
    }
    ime_commit(f);
    check(f, step);
    ime_field_destroy(f);
    return 0;
}
