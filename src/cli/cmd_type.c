/* cmd_type.c: `ocop-kiosk type [--ime telex|vni|off] [--style old|new] KEYS…`: what the
 * on-screen keyboard's engine makes of these keystrokes. The arguments are joined by single
 * spaces and typed one key at a time; the field's text (NFC) is printed. A word is committed
 * (and restored when it is not Vietnamese) only by what follows it, so end with a space to see
 * the last word committed. */
#include "cli/commands.h"

#include "core/ime.h"
#include "core/utf8.h"

#include <stdio.h>
#include <string.h>

static const char usage[] =
    "Usage: ocop-kiosk type [--ime telex|vni|off] [--style old|new] KEYS...\n"
    "\n"
    "Types KEYS (the arguments joined by single spaces) into a text field of the on-screen\n"
    "keyboard and prints the field's text, NFC. A trailing space commits the last word\n"
    "(a word that is not Vietnamese then comes back as typed).\n"
    "\n"
    "  --ime telex|vni|off  input method (default telex; off: phone and e-mail fields)\n"
    "  --style old|new      tone placement: old hòa, khỏe, thủy (default) or new hoà, khoẻ, thuỷ\n"
    "\n"
    "Example: ocop-kiosk type 'Maajt hoa duwfa '  prints  Mật hoa dừa\n";

static int run(int argc, char **argv, cli_env *env) {
    (void)env;
    if (cli_wants_help(argc, argv, usage)) {
        return EXIT_OK;
    }
    ime_mode mode = IME_TELEX;
    ime_style style = IME_STYLE_OLD;
    enum { O_IME = 256, O_STYLE };
    static const struct option long_options[] = {
        {"ime", required_argument, NULL, O_IME},
        {"style", required_argument, NULL, O_STYLE},
        {0},
    };
    /* '+': the keys start at the first argument that is not an option. */
    cli_options o = {.command = "type", .shortopts = "+", .longopts = long_options};
    const char *v;
    for (int c; (c = cli_getopt(&o, argc, argv, &v)) != -1;) {
        switch (c) {
        case O_IME:
            if (strcmp(v, "telex") == 0) {
                mode = IME_TELEX;
            } else if (strcmp(v, "vni") == 0) {
                mode = IME_VNI;
            } else if (strcmp(v, "off") == 0) {
                mode = IME_OFF;
            } else {
                return cli_usage_error("type",
                                       "--ime: unknown input method '%s' (telex, vni or off)", v);
            }
            break;
        case O_STYLE:
            if (strcmp(v, "old") == 0) {
                style = IME_STYLE_OLD;
            } else if (strcmp(v, "new") == 0) {
                style = IME_STYLE_NEW;
            } else {
                return cli_usage_error("type", "--style: unknown tone style '%s' (old or new)", v);
            }
            break;
        default:
            return EXIT_USAGE;
        }
    }
    int i = o.next;
    if (i >= argc) {
        return cli_usage_error("type", "no keys given");
    }

    ime_field *field = ime_field_create(mode, style);
    int status = EXIT_OK;
    for (int a = i; a < argc && status == EXIT_OK; a++) {
        const char *keys = argv[a];
        size_t len = strlen(keys);
        if (!utf8_valid(keys, len)) {
            status = cli_fail("type: argument %d: not valid UTF-8 (at byte %zu)", a - i + 1,
                              utf8_invalid_at(keys, len) + 1);
            break;
        }
        if (a > i && ime_key(field, ' ') != IME_OK) {
            status = cli_fail("type: the text is longer than a field holds (%d bytes)",
                              IME_MAX_TEXT_BYTES);
            break;
        }
        size_t nth = 0;
        for (size_t p = 0; p < len;) {
            int32_t cp;
            size_t used = utf8_decode(keys + p, len - p, &cp);
            nth++;
            ime_status st = ime_key(field, (uint32_t)cp);
            if (st == IME_BAD_KEY) {
                status = cli_fail("type: argument %d, character %zu (U+%04X): a control character "
                                  "cannot be typed",
                                  a - i + 1, nth, (unsigned)cp);
                break;
            }
            if (st == IME_FULL) {
                status = cli_fail("type: argument %d, character %zu: the text is longer than a "
                                  "field holds (%d bytes)",
                                  a - i + 1, nth, IME_MAX_TEXT_BYTES);
                break;
            }
            p += used;
        }
    }
    if (status == EXIT_OK) {
        fputs(ime_text(field), stdout);
        fputc('\n', stdout);
    }
    ime_field_destroy(field);
    return status;
}

const cli_command cmd_type = {"type", "what the on-screen keyboard makes of keystrokes (Telex/VNI)",
                              usage, run};
