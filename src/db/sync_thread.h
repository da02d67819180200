/*
 * sync_thread.h: the kiosk's sync thread (issue 15). While the kiosk runs, a thread of its own,
 * on its own connection to the kiosk's database and its own server session, pushes the outbox
 * and pulls the catalogue: at start, then every [sync] interval_seconds, and sooner when asked
 * (a lead was recorded offline). A failed round is tried again after the session's backoff
 * (1 s doubling to 60 s) instead of the full interval, so a kiosk whose server comes back
 * confirms or cuts its provisional holds within a minute.
 *
 * The buyer waiting on the result screen is served by the kiosk's own thread
 * (sync_thread_lead_recorded), through a second server session owned here but used only by
 * that thread, which waits at most [sync] timeout_seconds to connect: the buyer is then told
 * that the hold is provisional.
 *
 * A backlog (after a network cut) is pushed with pauses between batches, so that other kiosks'
 * buyers are not queued behind it on the server (pace.h); a lead recorded here while it drains
 * ends the pauses.
 */
#ifndef OCOP_SYNC_THREAD_H
#define OCOP_SYNC_THREAD_H

#include "core/config.h"
#include "core/match.h"
#include "db/db.h"

typedef struct sync_thread sync_thread;

/* Starts the thread for cfg->sync (its url must not be empty) on the database file `db_path`.
 * The thread stamps times with the one clock (clock.h: the system clock, or OCOP_NOW's).
 * Returns the thread, or NULL with `err` set (the database could not be opened). */
sync_thread *sync_thread_start(const kiosk_config *cfg, const char *db_path, ocop_error *err);

/* Asks the thread to stop, waits for the round in progress, frees everything. Accepts NULL. */
void sync_thread_stop(sync_thread *t);

/* Wakes the thread for a round now (it may be waiting out its interval or a backoff). A
 * backlog it is pushing stops pausing between batches (pace.h): a buyer's lead waits behind
 * it. */
void sync_thread_poke(sync_thread *t);

/* For the kiosk's own thread, right after lead `id` was recorded in `d` (the kiosk's
 * connection): has the server hold its capacity while the buyer waits (sync_lead_recorded),
 * and pokes the sync thread when it could not. `state` gets "confirmed" (`shown` is what the
 * server granted), "provisional" (tell the buyer) or "" (nothing held). Never fails: a
 * database error leaves the lead to the sync thread and `state` "provisional". */
void sync_thread_lead_recorded(sync_thread *t, db *d, const char *id, int64_t now,
                               match_result *shown, char state[16]);

/* Rounds the thread finished, ok or not (for tests and the organiser screen). */
long sync_thread_rounds(sync_thread *t);

#endif
