#!/bin/sh
# test_sync_pace.sh: a kiosk draining a backlog (leads taken during a network cut) leaves the
# central server to other kiosks between its batches (pace.h), against a real PostgreSQL started
# for this test:
# - the backlog, in small batches, pauses between them for about PACE_BACKLOG_K times their
#   server time, and still arrives completely, each lead and hold exactly once, confirmed;
# - a push that fits in one batch (a buyer's fresh lead) does not pause at all.
set -u
. "$OCOP_SRC/tests/cli/lib.sh"
. "$OCOP_SRC/tests/support/pg.sh"
. "$OCOP_SRC/tests/support/outbox.sh"
LEADS=30
BATCH=4
one_product_server
printf '[kiosk]\nid = pace-me\n[sync]\nurl = %s\nbatch = %d\n' "$PG_URL" "$BATCH" >"$T/k.ini"
K() { "$OCOP" --config "$T/k.ini" --db "$T/k.db" "$@"; }
K sync --once >"$T/out" 2>&1
expect_status 0 "the kiosk pulls the catalogue"

offline_leads "$T/k.db" pace-me B1 1 "$MONTH" "$LEADS"
rows=$((2 * LEADS))
expect_eq "$(sqlite3 "$T/k.db" "SELECT count(*) FROM outbox")" "$rows" \
    "the backlog: every lead and its hold in the outbox"

num() { sed -n "s/.*\"$1\":\([0-9.e+-]*\).*/\1/p" "$2"; }
K sync --once --json >"$T/drain.json" 2>"$T/drain.err"
expect_status 0 "the kiosk pushes its backlog"
expect_eq "$(num pushed "$T/drain.json") $(num batches "$T/drain.json")" \
    "$rows $(((rows + BATCH - 1) / BATCH))" "the backlog went in batches of $BATCH"
server_ms=$(num server_ms "$T/drain.json")
paused_ms=$(num paused_ms "$T/drain.json")
echo "backlog of $rows rows: server $server_ms ms, paused $paused_ms ms" >&2
# Every batch but the last is followed by a pause of K times its server time (K >= 1), so the
# pauses add up to at least the server time of all batches but one: with 15 batches, at least
# half of the whole unless one batch took as long as the other fourteen.
expect_eq "$(awk -v s="$server_ms" -v p="$paused_ms" 'BEGIN { print (s > 0 && p >= s / 2) ? "paced" : "p=" p " s=" s }')" \
    "paced" "the backlog paused between its batches, for at least half its server time"

expect_backlog_once "$T/k.db" "$LEADS"
expect_eq "$(pg_sql "SELECT count(*) FROM sync_applied WHERE kiosk_id = 'pace-me'")" "$rows" \
    "every outbox row applied once"

# A buyer's fresh lead, then a push of it: one batch, no pause.
printf '{"buyer": {"name": "Mai", "phone": "0912 345 678", "province": "Hà Nội"},
 "product": "B1", "quantity": 20, "unit": "kg", "months": ["%s"], "lang": "vi",
 "consent": {"contact": true, "share_with_producers": true}}\n' "$MONTH" >"$T/inq.json"
K inquire --json <"$T/inq.json" >"$T/inq.out" 2>&1
expect_grep '"hold":"confirmed"' "$T/inq.out" "the buyer's lead is held by the server at once"
offline_leads "$T/k.db" pace-me B1 1 "$MONTH" 1
K sync --once --json >"$T/one.json" 2>&1
expect_eq "$(num pushed "$T/one.json") $(num paused_ms "$T/one.json")" "2 0" \
    "a push that fits in one batch does not pause"
finish
