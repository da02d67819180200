/* sync_thread.c: the kiosk's sync thread; see sync_thread.h. */
#include "db/sync_thread.h"

#include "core/clock.h"
#include "db/sync.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct sync_thread {
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t wake;
    bool stop, poked;
    long rounds;
    db *d;                 /* the thread's own connection */
    sync_session *session; /* the thread's */
    sync_session *ui;      /* the kiosk thread's (sync_thread_lead_recorded) */
    ocop_clock clock;
    int interval_s;
};

/* One push and pull. Returns true when both worked. */
static bool round_trip(sync_thread *t) {
    int64_t now = clock_now(&t->clock);
    sync_push_stats push;
    server_pull_stats pull;
    ocop_error err;
    bool ok = sync_push(t->session, t->d, now, NULL, 0, &push, &err) == 0 &&
              sync_pull(t->session, t->d, now, &pull, &err) == 0;
    return ok;
}

/* Waits on t->wake (t->lock held) until `wait_s` seconds have passed or the thread is asked to
 * stop or poked. */
static void wait_for(sync_thread *t, double wait_s) {
    struct timespec until;
    clock_gettime(CLOCK_MONOTONIC, &until);
    until.tv_sec += (time_t)wait_s;
    until.tv_nsec += (long)((wait_s - (double)(time_t)wait_s) * 1e9);
    if (until.tv_nsec >= 1000000000L) {
        until.tv_sec++;
        until.tv_nsec -= 1000000000L;
    }
    while (!t->stop && !t->poked && pthread_cond_timedwait(&t->wake, &t->lock, &until) == 0) {
    }
}

/* The pause of a backlog between two batches (pace.h). A poke means a buyer's lead was left
 * waiting behind the backlog (sync_thread_lead_recorded): the pause ends and the rest of the
 * backlog goes without pauses, as it does when the kiosk stops. The poke stays set, so that a
 * round follows at once for what came in since. */
static bool pause_or_hurry(void *ctx, double ms) {
    sync_thread *t = ctx;
    pthread_mutex_lock(&t->lock);
    wait_for(t, ms / 1000.0);
    bool hurry = t->stop || t->poked;
    pthread_mutex_unlock(&t->lock);
    return hurry;
}

static void *thread_main(void *arg) {
    sync_thread *t = arg;
    pthread_mutex_lock(&t->lock);
    while (!t->stop) {
        t->poked = false;
        pthread_mutex_unlock(&t->lock);
        bool ok = round_trip(t);
        pthread_mutex_lock(&t->lock);
        t->rounds++;
        /* After a failure: again when the backoff allows (at least 1 s later). */
        double wait_s = t->interval_s;
        if (!ok) {
            double backoff = sync_session_wait_s(t->session);
            wait_s = backoff < 1 ? 1 : (backoff < wait_s ? backoff : wait_s);
        }
        wait_for(t, wait_s);
    }
    pthread_mutex_unlock(&t->lock);
    return NULL;
}

sync_thread *sync_thread_start(const kiosk_config *cfg, const char *db_path, ocop_error *err) {
    OCOP_ASSERT(cfg->sync.url[0]);
    sync_thread *t = xcalloc(1, sizeof *t);
    if (db_open(db_path, 0, &t->d, err) != 0 ||
        clock_init_from_env(&t->clock, CLOCK_RUNNING, err) != 0) {
        db_close(t->d);
        free(t);
        return NULL;
    }
    t->session = sync_session_create(cfg);
    sync_session_set_pause(t->session, pause_or_hurry, t);
    /* One batch while the buyer waits ([sync] timeout_seconds to connect); the thread sends
     * the rest. */
    t->ui = sync_session_create(cfg);
    t->interval_s = cfg->sync.interval_seconds > 0 ? cfg->sync.interval_seconds : 30;
    pthread_mutex_init(&t->lock, NULL);
    pthread_condattr_t attr;
    pthread_condattr_init(&attr);
    pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
    pthread_cond_init(&t->wake, &attr);
    pthread_condattr_destroy(&attr);
    if (pthread_create(&t->thread, NULL, thread_main, t) != 0) {
        error_set(err, "cannot start the sync thread");
        sync_session_destroy(t->session);
        sync_session_destroy(t->ui);
        db_close(t->d);
        pthread_cond_destroy(&t->wake);
        pthread_mutex_destroy(&t->lock);
        free(t);
        return NULL;
    }
    return t;
}

void sync_thread_poke(sync_thread *t) {
    pthread_mutex_lock(&t->lock);
    t->poked = true;
    pthread_cond_signal(&t->wake);
    pthread_mutex_unlock(&t->lock);
}

void sync_thread_stop(sync_thread *t) {
    if (!t) {
        return;
    }
    pthread_mutex_lock(&t->lock);
    t->stop = true;
    pthread_cond_signal(&t->wake);
    pthread_mutex_unlock(&t->lock);
    pthread_join(t->thread, NULL);
    sync_session_destroy(t->session);
    sync_session_destroy(t->ui);
    db_close(t->d);
    pthread_cond_destroy(&t->wake);
    pthread_mutex_destroy(&t->lock);
    free(t);
}

long sync_thread_rounds(sync_thread *t) {
    pthread_mutex_lock(&t->lock);
    long n = t->rounds;
    pthread_mutex_unlock(&t->lock);
    return n;
}

void sync_thread_lead_recorded(sync_thread *t, db *d, const char *id, int64_t now,
                               match_result *shown, char state[16]) {
    ocop_error err;
    if (sync_lead_recorded(t->ui, d, id, now, shown, state, &err) != 0) {
        str_copy(state, 16, "provisional");
    }
    if (strcmp(state, "confirmed") != 0) {
        sync_thread_poke(t);
    }
}
