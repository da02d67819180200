#!/bin/sh
# test_sync_kill.sh: a kiosk killed (SIGKILL) again and again while it pushes its outbox to the
# central server (a real PostgreSQL started for this test): after it restarts and finishes,
# nothing is lost and nothing is on the server twice: every lead once, its hold once, every
# product view once (a view pushed twice would count twice if the server did not apply each
# outbox row only once).
set -u
. "$OCOP_SRC/tests/cli/lib.sh"
. "$OCOP_SRC/tests/support/pg.sh"
. "$OCOP_SRC/tests/support/outbox.sh"
LEADS=400
VIEWS=200
one_product_server
# Small batches: the push takes many server transactions, so that kills land inside it.
printf '[kiosk]\nid = kill-me\n[sync]\nurl = %s\nbatch = 4\n' "$PG_URL" >"$T/k.ini"
"$OCOP" --config "$T/k.ini" --db "$T/k.db" sync --once >"$T/out" 2>&1
expect_status 0 "the kiosk pulls the catalogue"

# Leads and views taken while the server was unreachable, written straight into the kiosk's
# database (its triggers put each in the outbox, as the kiosk's own writes do).
offline_leads "$T/k.db" kill-me B1 1 "$MONTH" "$LEADS"
sqlite3 "$T/k.db" "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $VIEWS)
INSERT INTO product_view (product_id, viewed_at)
SELECT (SELECT id FROM product WHERE code = 'B1'), strftime('%Y-%m-%dT%H:%M:%SZ', 'now') FROM n;"
total=$(sqlite3 "$T/k.db" "SELECT count(*) FROM outbox")
expect_eq "$total" "$((2 * LEADS + VIEWS))" "every lead, hold and view is in the outbox"

# Kill the pushing kiosk in the middle of its push, again and again. Timing by the clock is not
# reliable on a loaded machine (the program may not yet have connected, or may have finished), so
# the test watches the outbox and kills the kiosk as soon as it has shrunk: the push has then
# committed at least one batch on both sides and has most of its batches still to go.
waiting_rows() { sqlite3 -cmd ".timeout 5000" "$T/k.db" "SELECT count(*) FROM outbox"; }
KILLS=5
kills=0
mid=0
waiting=$total
while [ "$waiting" -gt 0 ] && [ $kills -lt $KILLS ]; do
    "$OCOP" --config "$T/k.ini" --db "$T/k.db" sync --once >"$T/round.out" 2>&1 &
    pid=$!
    polls=0
    while kill -0 $pid 2>/dev/null && [ $polls -lt 3000 ]; do
        if [ "$(waiting_rows)" -lt "$waiting" ]; then
            kill -KILL $pid 2>/dev/null && kills=$((kills + 1))
            break
        fi
        polls=$((polls + 1))
        sleep 0.01
    done
    wait $pid 2>/dev/null
    now_waiting=$(waiting_rows)
    if [ "$now_waiting" -gt 0 ] && [ "$now_waiting" -lt "$waiting" ]; then
        mid=$((mid + 1))
    fi
    waiting=$now_waiting
done
echo "kills: $kills, of which $mid stopped a push half way" >&2
expect_eq "$([ $mid -ge 3 ] && echo yes || echo "only $mid")" "yes" \
    "at least three kills stopped the push half way"

"$OCOP" --config "$T/k.ini" --db "$T/k.db" sync --once >"$T/out" 2>&1
expect_status 0 "after the kills the kiosk finishes its push"
expect_backlog_once "$T/k.db" "$LEADS"
expect_eq "$(pg_sql "SELECT count(*) FROM product_view WHERE kiosk_id = 'kill-me'")" "$VIEWS" \
    "every product view once"

finish
