/*
 * sync.h: a kiosk and the fair's central server (DESIGN §8, issue 15). The kiosk stays
 * offline-first on its SQLite file; a sync session pushes the outbox to the server and pulls
 * the catalogue from it.
 *
 * A session owns one server connection and reconnects by itself, waiting longer after each
 * failure (1 s doubling to 60 s) so that a kiosk whose network is down does not make buyers
 * wait: while it waits, sync_session_online is false and work is refused at once.
 *
 * A session is used by one thread at a time (the kiosk's sync thread, or a command).
 */
#ifndef OCOP_SYNC_H
#define OCOP_SYNC_H

#include "core/config.h"
#include "core/match.h"
#include "db/db.h"
#include "db/server_catalog.h"

#include <stdint.h>

typedef struct sync_session sync_session;

/* A session for the server of cfg->sync (its url must not be empty), pushing as the kiosk
 * cfg->kiosk_id (else the database's own kiosk id); nothing is connected yet. `cfg` is
 * copied. */
sync_session *sync_session_create(const kiosk_config *cfg);
void sync_session_destroy(sync_session *s); /* accepts NULL */

/* Connects when not connected, unless a recent failure says to wait (then fails at once,
 * saying so). The backoff runs on the monotonic clock. Returns 0, or -1 with `err` set. */
int sync_session_connect(sync_session *s, ocop_error *err);

/* True when the connection is up (the last exchange worked). */
bool sync_session_online(const sync_session *s);

/* Seconds until the next connection attempt is allowed after failures (the backoff), 0 when
 * it may be tried now. */
double sync_session_wait_s(const sync_session *s);

/* Pulls the catalogue changes into `d` (server_catalog_pull with [sync] fair), connecting
 * first when needed. `now` (Unix seconds) stamps the last contact, or the last error, in `d`.
 * Returns 0, or -1 with `err` set. */
int sync_pull(sync_session *s, db *d, int64_t now, server_pull_stats *stats, ocop_error *err);

typedef struct sync_push_stats {
    int rows;         /* outbox rows the server acknowledged */
    int leads;        /* leads sent */
    int views;        /* product views sent */
    int confirmed;    /* leads whose holds the server confirmed now */
    int cut;          /* leads whose provisional holds were cut now: flagged for the organiser */
    int batches;      /* server transactions */
    long retries;     /* of which retried after a serialisation failure (40001/40P01) */
    long round_trips; /* to the server, in those transactions: one for the usual batch */
    double server_ms; /* wall time spent in the server transactions (with their retries) */
    double paused_ms; /* wall time a backlog paused between batches for other kiosks (pace.h) */
} sync_push_stats;

/* How a push of a backlog waits out its pauses between batches (pace.h): `wait` waits up to
 * `ms` milliseconds and returns true when a buyer now waits behind the backlog (then it may
 * return early, and the push sends the rest without pauses). Without one the push sleeps.
 * `ctx` is the caller's, passed back; it must outlive the session's pushes. */
typedef bool (*sync_pause_fn)(void *ctx, double ms);
void sync_session_set_pause(sync_session *s, sync_pause_fn wait, void *ctx);

/* Pushes the outbox of `d` to the server in order, [sync] batch rows per server transaction,
 * until it is empty or `max_batches` (> 0; 0 = no limit) batches were sent. A backlog (a full
 * batch with more rows behind it) pauses before each further batch (pace.h), unless a buyer
 * waits: `shown_now` is set, or the session's pause function said so. For each batch:
 * the leads and views it names are read as they are now; in one serialisable transaction the
 * server applies each outbox row once (by its id), grants the holds of this kiosk's leads
 * against its free capacity (grant.h) and answers with its holds; then, in one SQLite
 * transaction, this kiosk's holds become the server's, each lead's hold state is set and the
 * rows are deleted. A lead changed again meanwhile is left for its newer outbox row.
 * `shown_now` (else NULL) is the lead whose buyer is waiting for the result: its grants
 * become what the buyer is shown. `now` (Unix seconds) decides which holds have expired and
 * stamps the last contact. A failure part way loses nothing: what was not acknowledged is
 * pushed again and applied once. Returns 0, or -1 with `err` set (also kept in `d` as the
 * last error). */
int sync_push(sync_session *s, db *d, int64_t now, const char *shown_now, int max_batches,
              sync_push_stats *stats, ocop_error *err);

/* After lead `id` was recorded, while its buyer waits: pushes the outbox (one batch) when the
 * server answers, else marks the lead's holds 'provisional'. Then `state` is the lead's hold
 * state: "confirmed" (the server's answer: `shown`, the match as recorded, is scaled to what
 * it granted), "provisional" (the buyer must be told), or "" (the server did not answer but
 * the lead holds nothing). Returns 0, or -1 with `err` set on a
 * database error (an unreachable server is not an error: the holds are provisional). */
int sync_lead_recorded(sync_session *s, db *d, const char *id, int64_t now, match_result *shown,
                       char state[16], ocop_error *err);

/* Records a lead as the kiosk form does (match_db_record_inquiry: the lead and its instant
 * holds are durable in `d` before anything else), then, with a session (else NULL: a kiosk
 * without a server), has the server hold the capacity while the buyer waits
 * (sync_lead_recorded). `state` gets "confirmed", "provisional", or "" (no session, or nothing to
 * hold). Returns 0, or -1 with `err` set (then nothing was recorded). */
int sync_record_inquiry(sync_session *s, db *d, inquiry_request *in, int64_t now,
                        const kiosk_config *cfg, char id_out[37], match_result *shown,
                        char state[16], ocop_error *err);

/* What `d` knows of its sync, without asking the server. */
typedef struct sync_status {
    char last_contact[32]; /* UTC ISO time of the last successful exchange, "" never */
    char last_error[256];  /* the last failure's message, "" when the last attempt worked */
    int64_t catalog_version;
    int waiting;     /* outbox rows not yet acknowledged by the server */
    int provisional; /* leads whose holds wait for the server */
    int cut;         /* leads whose provisional holds the server cut: the organiser calls them */
} sync_status;

/* Fills *out from `d`. Returns 0, or -1 with `err` set. */
int sync_status_read(db *d, sync_status *out, ocop_error *err);

#endif
