/*
 * pace.h: how long a kiosk draining a backlog of outbox rows leaves the central server to the
 * other kiosks between two of its batches (DESIGN §8, issue 15). Pure: no clock, no SQL.
 *
 * After a network cut a kiosk may have thousands of rows waiting. Pushed back to back, ten such
 * kiosks keep the server's processes busy without a break, and a buyer at another kiosk whose
 * hold transaction arrives meanwhile waits for a core behind them (on a small server, most of
 * that buyer's time). A backlog therefore pauses after each batch for PACE_BACKLOG_K times the
 * batch's own server time, which caps its share of the kiosk's wall time at 1 / (1 + K) and
 * scales the pause with how loaded the server is.
 *
 * A buyer's fresh lead is never paced: the push made while the buyer waits sends one batch
 * with no pause, and a backlog push stops pausing as soon as a buyer waits behind it.
 */
#ifndef OCOP_PACE_H
#define OCOP_PACE_H

#include <stdbool.h>

/* The backlog's pause, in multiples of its batch's server time: the backlog gets at most a
 * quarter of its kiosk's wall time. Chosen by measurement (README, "The central server"): ten
 * kiosks pushing 5,000 leads each while a buyer takes holds, K = 1, 3 and 6 interleaved with
 * unpaced runs at load 8-10. K = 3 lowered the buyer's hold p95 from 32-37 ms to 20-24 ms with
 * the push at 1,750-1,860 leads/s; K = 6 lowered it more (15-21 ms) but slowed the
 * push to 1,160-1,400 leads/s, too near the 1,000 leads/s it must keep up; K = 1 gave 26-31
 * ms. */
#define PACE_BACKLOG_K 3

/* One batch of a push, just acknowledged. */
typedef struct pace_batch {
    bool buyer_waiting; /* a buyer waits for a lead of this push (or behind it): never paused */
    bool more_waiting;  /* rows still wait after this batch and the push goes on to send them */
    double server_ms;   /* the batch's server transaction, with its retries: wall ms (>= 0) */
} pace_batch;

/* The pause before the push sends its next batch, in ms: 0 when a buyer waits or nothing more
 * is sent, else PACE_BACKLOG_K x server_ms. */
double pace_pause_ms(const pace_batch *b);

#endif
