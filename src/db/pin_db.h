/*
 * pin_db.h: the organiser PIN, kept in the database's `setting` table: its Argon2id hash (never
 * the PIN) and the lockout state (failures, time of the last one), with the rules and the
 * hashing of core/pin.h.
 */
#ifndef OCOP_PIN_DB_H
#define OCOP_PIN_DB_H

#include "db/db.h"

#include <stdint.h>

/* Checks the PIN rules, hashes `pin` (Argon2id) and stores only the hash; resets the lockout.
 * Returns 0, or -1 with `err` saying which rule failed (never the PIN itself). */
int pin_db_set(db *d, const char *pin, ocop_error *err);

/* True when an organiser PIN has been set. */
bool pin_db_is_set(db *d);

typedef enum pin_result {
    PIN_ACCEPTED, /* right PIN: failures reset */
    PIN_REJECTED, /* wrong PIN: failure counted; *locked_ms may now be > 0 */
    PIN_LOCKED,   /* not even tried: locked for *locked_ms more */
    PIN_NOT_SET,  /* no PIN was set (`ocop-kiosk set-pin`) */
    PIN_ERROR     /* the database failed; `err` says why */
} pin_result;

/* Tries `pin` at `now_ms` (wall clock, ms since 1970) against the stored hash, honouring and
 * updating the lockout state (pin.h: 5 failures lock 30 s, doubling). *locked_ms (may be NULL)
 * is how long the entry is locked from now. */
pin_result pin_db_try(db *d, const char *pin, int64_t now_ms, int64_t *locked_ms, ocop_error *err);

/* How long (ms) PIN entry is still locked at `now_ms`; 0 when a PIN may be tried. */
int64_t pin_db_locked_ms(db *d, int64_t now_ms);

#endif
