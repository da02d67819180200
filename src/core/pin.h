/*
 * pin.h: the organiser PIN. Rules, Argon2id hashing through libsodium, and the lockout policy.
 *
 * The PIN is never stored: only the crypto_pwhash_str string ("$argon2id$v=19$m=…"), which
 * carries its own salt and cost. Wrong guesses lock the organiser screen for a while that
 * grows: the policy is a pure function of the count of consecutive failures and of the times
 * passed in, so tests drive it with a fake clock.
 */
#ifndef OCOP_PIN_H
#define OCOP_PIN_H

#include "core/base.h"

#include <stdint.h>

#define PIN_MIN_DIGITS 4
#define PIN_MAX_DIGITS 12
/* Room for a crypto_pwhash_str string (crypto_pwhash_STRBYTES is 128). */
#define PIN_HASH_MAX 128
/* Failures allowed before the first lockout. */
#define PIN_FREE_ATTEMPTS 5
/* The first lockout, which doubles with each further failure, up to PIN_LOCKOUT_MAX_MS. */
#define PIN_LOCKOUT_FIRST_MS 30000
#define PIN_LOCKOUT_MAX_MS   (60 * 60 * 1000)

/* Checks the PIN rules: 4 to 12 ASCII digits, nothing else. Returns 0, or -1 with `err` saying
 * which rule failed (the message never contains the PIN). */
int pin_check_rules(const char *pin, ocop_error *err);

/* Hashes `pin` (already checked) with Argon2id (libsodium's interactive limits) into `out`
 * (capacity `cap` >= PIN_HASH_MAX). Returns 0, or -1 with `err` set (libsodium could not start
 * or had no memory). */
int pin_hash(const char *pin, char *out, size_t cap, ocop_error *err);

/* True when `pin` matches `hash` (a pin_hash string). False for a malformed hash. Takes the
 * same time whatever prefix of the PIN is right. */
bool pin_verify(const char *hash, const char *pin);

/* How long the PIN entry is locked (ms) after `failures` consecutive wrong PINs: 0 for the
 * first PIN_FREE_ATTEMPTS - 1, then 30 s at the 5th, doubling with each further failure,
 * never more than PIN_LOCKOUT_MAX_MS. */
int64_t pin_lockout_ms(int failures);

/* Milliseconds the entry is still locked at `now_ms` after `failures` failures, the last at
 * `last_failure_ms` (both on the same clock, e.g. wall time in ms). 0 when a PIN may be tried.
 * A clock that went backwards counts as no time passed. */
int64_t pin_lockout_remaining_ms(int failures, int64_t last_failure_ms, int64_t now_ms);

#endif
