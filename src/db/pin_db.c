/* pin_db.c: the organiser PIN in the database's settings; see pin_db.h. */
#include "db/pin_db.h"

#include "db/db_internal.h"

#include "core/pin.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PIN_HASH_KEY         "organiser_pin_hash"
#define PIN_FAILURES_KEY     "organiser_pin_failures"
#define PIN_LAST_FAILURE_KEY "organiser_pin_last_failure_ms"

int pin_db_set(db *d, const char *pin, ocop_error *err) {
    if (pin_check_rules(pin, err) != 0) {
        return -1;
    }
    char hash[PIN_HASH_MAX];
    if (pin_hash(pin, hash, sizeof hash, err) != 0) {
        return -1;
    }
    /* Overwrite the previous hash's bytes too. */
    if (db_exec(d, "PRAGMA secure_delete = ON", err) != 0 || db_begin(d, true, err) != 0) {
        return -1;
    }
    if (db_setting_set(d, PIN_HASH_KEY, hash, err) != 0 ||
        db_setting_set(d, PIN_FAILURES_KEY, "0", err) != 0 ||
        db_setting_set(d, PIN_LAST_FAILURE_KEY, "0", err) != 0) {
        db_rollback(d);
        return -1;
    }
    return db_commit(d, err);
}

bool pin_db_is_set(db *d) {
    char *hash = db_setting_get(d, PIN_HASH_KEY);
    bool set = hash && *hash;
    free(hash);
    return set;
}

static int64_t setting_int(db *d, const char *key) {
    char *v = db_setting_get(d, key);
    int64_t n = v ? strtoll(v, NULL, 10) : 0;
    free(v);
    return n;
}

int64_t pin_db_locked_ms(db *d, int64_t now_ms) {
    return pin_lockout_remaining_ms((int)setting_int(d, PIN_FAILURES_KEY),
                                    setting_int(d, PIN_LAST_FAILURE_KEY), now_ms);
}

pin_result pin_db_try(db *d, const char *pin, int64_t now_ms, int64_t *locked_ms, ocop_error *err) {
    int64_t dummy;
    if (!locked_ms) {
        locked_ms = &dummy;
    }
    *locked_ms = 0;
    char *hash = db_setting_get(d, PIN_HASH_KEY);
    if (!hash || !*hash) {
        free(hash);
        return PIN_NOT_SET;
    }
    int failures = (int)setting_int(d, PIN_FAILURES_KEY);
    int64_t last = setting_int(d, PIN_LAST_FAILURE_KEY);
    *locked_ms = pin_lockout_remaining_ms(failures, last, now_ms);
    if (*locked_ms > 0) {
        free(hash);
        return PIN_LOCKED;
    }
    bool ok = pin_verify(hash, pin);
    free(hash);
    char num[32];
    int rc;
    if (ok) {
        rc = db_setting_set(d, PIN_FAILURES_KEY, "0", err);
    } else {
        failures++;
        str_format(num, sizeof num, "%d", failures);
        rc = db_begin(d, true, err);
        if (rc == 0) {
            rc = db_setting_set(d, PIN_FAILURES_KEY, num, err);
            str_format(num, sizeof num, "%lld", (long long)now_ms);
            if (rc == 0) {
                rc = db_setting_set(d, PIN_LAST_FAILURE_KEY, num, err);
            }
            if (rc == 0) {
                rc = db_commit(d, err);
            } else {
                db_rollback(d);
            }
        }
        *locked_ms = pin_lockout_remaining_ms(failures, now_ms, now_ms);
    }
    if (rc != 0) {
        return PIN_ERROR;
    }
    return ok ? PIN_ACCEPTED : PIN_REJECTED;
}
