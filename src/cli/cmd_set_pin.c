/* cmd_set_pin.c: `ocop-kiosk set-pin`, the organiser PIN from standard input. */
#include "cli/commands.h"

#include "core/pin.h"
#include "db/pin_db.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

static const char usage[] =
    "Usage: ocop-kiosk set-pin < PIN\n"
    "\n"
    "Sets the PIN that opens the organiser screen: 4 to 12 digits, read from standard input\n"
    "(never from the command line, where other users and the shell history would see it).\n"
    "At a terminal it is asked twice without echo. Only an Argon2id hash is stored.\n";

/* Reads one line from stdin into `buf` without the line end; echo off at a terminal. */
static bool read_line(const char *prompt, char *buf, size_t cap) {
    bool tty = isatty(STDIN_FILENO);
    struct termios old, quiet;
    if (tty) {
        fputs(prompt, stderr);
        fflush(stderr);
        tcgetattr(STDIN_FILENO, &old);
        quiet = old;
        quiet.c_lflag &= ~(tcflag_t)ECHO;
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
    }
    bool ok = fgets(buf, (int)cap, stdin) != NULL;
    if (tty) {
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
        fputc('\n', stderr);
    }
    if (ok) {
        buf[strcspn(buf, "\r\n")] = '\0';
    }
    return ok;
}

static int run(int argc, char **argv, cli_env *env) {
    if (cli_wants_help(argc, argv, usage)) {
        return EXIT_OK;
    }
    static const struct option no_options[] = {{0}};
    cli_options o = {.command = "set-pin", .shortopts = "", .longopts = no_options};
    const char *v;
    if (cli_getopt(&o, argc, argv, &v) != -1) {
        return EXIT_USAGE; /* it takes no options */
    }
    if (o.next < argc) {
        return cli_usage_error("set-pin", "the PIN is read from standard input, not from "
                                          "the command line");
    }
    char pin[64] = {0}, again[64] = {0};
    int status = EXIT_FAILED;
    ocop_error err;
    if (!read_line("New organiser PIN (4 to 12 digits): ", pin, sizeof pin)) {
        cli_fail("set-pin: no PIN on standard input");
        goto done;
    }
    if (pin_check_rules(pin, &err) != 0) {
        cli_fail("set-pin: %s", err.msg);
        goto done;
    }
    if (isatty(STDIN_FILENO)) {
        if (!read_line("Again: ", again, sizeof again) || strcmp(pin, again) != 0) {
            cli_fail("set-pin: the two PINs differ; nothing was changed");
            goto done;
        }
    }
    db *d = cli_open_db(env);
    if (!d) {
        goto done;
    }
    if (pin_db_set(d, pin, &err) != 0) {
        cli_fail("set-pin: %s", err.msg);
    } else {
        printf("organiser PIN set (stored as an Argon2id hash)\n");
        status = EXIT_OK;
    }
    db_close(d);
done:
    sodium_memzero(pin, sizeof pin);
    sodium_memzero(again, sizeof again);
    return status;
}

const cli_command cmd_set_pin = {"set-pin", "set the organiser PIN (read from standard input)",
                                 usage, run};
