/* pin.c: organiser PIN rules, hashing and lockout; see pin.h. */
#include "core/pin.h"

#include <sodium.h>
#include <string.h>

int pin_check_rules(const char *pin, ocop_error *err) {
    size_t n = pin ? strlen(pin) : 0;
    for (size_t i = 0; i < n; i++) {
        if (pin[i] < '0' || pin[i] > '9') {
            return error_set(err, "the PIN must contain digits only");
        }
    }
    if (n < PIN_MIN_DIGITS || n > PIN_MAX_DIGITS) {
        return error_set(err, "the PIN must have %d to %d digits", PIN_MIN_DIGITS, PIN_MAX_DIGITS);
    }
    return 0;
}

int pin_hash(const char *pin, char *out, size_t cap, ocop_error *err) {
    OCOP_ASSERT(cap >= crypto_pwhash_STRBYTES);
    if (sodium_init() < 0) {
        return error_set(err, "libsodium could not be initialised");
    }
    /* Interactive limits (64 MiB, a fraction of a second): the PIN is typed at a kiosk. */
    if (crypto_pwhash_str(out, pin, strlen(pin), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
        return error_set(err, "not enough memory to hash the PIN");
    }
    return 0;
}

bool pin_verify(const char *hash, const char *pin) {
    if (!hash || !pin || sodium_init() < 0) {
        return false;
    }
    /* crypto_pwhash_str_verify wants the string inside its fixed-size buffer. */
    char buf[crypto_pwhash_STRBYTES] = {0};
    if (!str_copy(buf, sizeof buf, hash)) {
        return false;
    }
    return crypto_pwhash_str_verify(buf, pin, strlen(pin)) == 0;
}

int64_t pin_lockout_ms(int failures) {
    if (failures < PIN_FREE_ATTEMPTS) {
        return 0;
    }
    int64_t ms = PIN_LOCKOUT_FIRST_MS;
    for (int i = PIN_FREE_ATTEMPTS; i < failures && ms < PIN_LOCKOUT_MAX_MS; i++) {
        ms *= 2;
    }
    return ms < PIN_LOCKOUT_MAX_MS ? ms : PIN_LOCKOUT_MAX_MS;
}

int64_t pin_lockout_remaining_ms(int failures, int64_t last_failure_ms, int64_t now_ms) {
    int64_t lock = pin_lockout_ms(failures);
    if (lock == 0) {
        return 0;
    }
    int64_t elapsed = now_ms > last_failure_ms ? now_ms - last_failure_ms : 0;
    return elapsed >= lock ? 0 : lock - elapsed;
}
