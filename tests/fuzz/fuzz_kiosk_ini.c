/*
 * fuzz_kiosk_ini.c: libFuzzer harness for kiosk.ini (config_load_text: libinih and every key's
 * parser).
 *
 * Any bytes. It must not crash, leak or read out of bounds; all or nothing: on failure the
 * configuration is exactly what it was, on success every value is within its documented range
 * and every text is NUL-terminated within its field; a password in sync.url is never accepted.
 * Seeds: tests/fuzz/seeds/fuzz_kiosk_ini/.
 */
#include "core/config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void fail(const char *what) {
    fprintf(stderr, "fuzz_kiosk_ini: %s\n", what);
    abort();
}

#define TERMINATED(field) (memchr((field), '\0', sizeof(field)) != NULL)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    kiosk_config cfg, before;
    config_defaults(&cfg);
    before = cfg;
    ocop_error err;
    /* Warnings about unknown keys go to stderr: keep the fuzzer's output readable. */
    FILE *saved = stderr;
    stderr = fopen("/dev/null", "w");
    int rc = config_load_text("fuzz.ini", (const char *)data, size, &cfg, &err);
    fclose(stderr);
    stderr = saved;
    if (rc != 0) {
        if (memcmp(&cfg, &before, sizeof cfg) != 0) {
            fail("a refused file changed the configuration");
        }
        return 0;
    }
    if (cfg.idle_seconds < 10 || cfg.idle_seconds > 3600 || cfg.idle_warning_seconds < 3 ||
        cfg.idle_warning_seconds > 300 || cfg.hold_days < 1 || cfg.hold_days > 365 ||
        cfg.max_share_percent < 1 || cfg.max_share_percent > 100 ||
        cfg.small_producer_capacity < 0 || cfg.sync.interval_seconds < 5 || cfg.sync.batch < 1 ||
        cfg.sync.timeout_seconds < 1) {
        fail("a number out of its range was accepted");
    }
    if (!TERMINATED(cfg.database) || !TERMINATED(cfg.kiosk_id) || !TERMINATED(cfg.lang) ||
        !TERMINATED(cfg.ime) || !TERMINATED(cfg.sync.url) || !TERMINATED(cfg.event_name_vi)) {
        fail("a text field is not terminated");
    }
    if (strcmp(cfg.lang, "vi") != 0 && strcmp(cfg.lang, "en") != 0) {
        fail("a language other than vi/en was accepted");
    }
    if (config_url_has_password(cfg.sync.url)) {
        fail("a password in sync.url was accepted");
    }
    return 0;
}
