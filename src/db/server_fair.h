/*
 * server_fair.h: the organiser's commands on the central server (`ocop-kiosk --server URL
 * export|unmet|allocate`, DESIGN §5, §8): the whole fair, or all fairs, at once.
 *
 * The commands run exactly the code they run on a kiosk's database, on a private copy: in one
 * serialisable server transaction, the server's catalogue (every product, producer and
 * capacity row: capacity is the producers', shared by every fair) and the leads of the fair
 * (all fairs when none is named) with their holds are copied into a scratch SQLite file of the
 * kiosk's schema, the command works on it, and what it changed goes back to the server in the
 * same transaction. A conflict with a kiosk pushing at that moment (SQLSTATE 40001/40P01) runs
 * it all again on a fresh copy, so a batch allocation can never promise capacity a kiosk held
 * meanwhile.
 */
#ifndef OCOP_SERVER_FAIR_H
#define OCOP_SERVER_FAIR_H

#include "db/db.h"
#include "db/server.h"

typedef enum server_fair_mode {
    SERVER_FAIR_READ,     /* nothing goes back (unmet, allocate's dry run) */
    SERVER_FAIR_EXPORT,   /* leads whose exported_at became `now` and the export's log row */
    SERVER_FAIR_ALLOCATE, /* leads that went from open to allocated: their status and holds */
} server_fair_mode;

/* Works on the copy: returns 0, or -1 with `err` set. Called again from scratch on a fresh
 * copy when the server transaction is retried, so it must reset what it returned before. */
typedef int (*server_fair_fn)(db *copy, void *ctx, ocop_error *err);

/* Copies the server (leads of `fair`, all fairs when NULL or ""), runs `fn` on the copy and
 * writes back what `mode` says, all in one serialisable transaction. `now_utc` is the time the
 * command stamps (the export's exported_at). *leads (may be NULL) gets the number of leads
 * copied. Returns 0, or -1 with `err` set (nothing written on the server). */
int server_fair_run(server *s, const char *fair, server_fair_mode mode, const char *now_utc,
                    server_fair_fn fn, void *ctx, int *leads, ocop_error *err);

#endif
