#!/bin/sh
# test_sync_kiosk.sh: the kiosk program itself with a fair's server (issue 15), against a real
# PostgreSQL started for this test:
# - a visit typed through the kiosk's screens (`shot --script`, the kiosk's own code) while the
#   server answers: the lead's hold is the server's ("confirmed"), no provisional notice;
# - the same with the server stopped: the hold is provisional (the result screen's notice);
# - the kiosk (`ocop-kiosk`, its sync thread) started while the server is still down: it keeps
#   trying with backoff; the server restarted: without anything else, the thread pushes the
#   waiting lead once, the server confirms its hold, and the thread pulled the catalogue that
#   changed meanwhile.
# Nothing waits on a fixed delay: the test polls the kiosk's database, with a generous limit.
set -u
. "$OCOP_SRC/tests/cli/lib.sh"
. "$OCOP_SRC/tests/support/pg.sh"
pg_start
export PGPASSFILE="$PG_PASSFILE"
export SDL_RENDER_DRIVER=software

"$OCOP" server init "$PG_URL" >"$T/out" 2>&1
expect_status 0 "server init"
CAT="$OCOP_SRC/assets/catalog"
"$OCOP" --server "$PG_URL" import "$CAT/catalog.csv" --capacity "$CAT/capacity.csv" >"$T/out" 2>&1
expect_status 0 "the demo catalogue on the server"
printf '[kiosk]\nid = hall-1\n[sync]\nurl = %s\ninterval_seconds = 5\n' "$PG_URL" >"$T/k.ini"
K() { "$OCOP" --config "$T/k.ini" --db "$T/k.db" "$@"; }
K sync --once >"$T/out" 2>&1
expect_status 0 "the kiosk pulls the catalogue"

# One visit, typed on the kiosk's screens, ending on the result screen.
cat >"$T/visit.txt" <<'SCRIPT'
tap "English"
tap "Touch to start"
tap "Search"
type "mat hoa dua"
tap "Done"
tap "Coconut flower nectar"
tap "Send inquiry"
tap "Name"
type "Mai"
tap "Phone"
type "0912 345 678"
tap "Quantity"
type "20"
tap "Done"
tap "Contact me"
tap "Share with producers"
tap "Submit"
SCRIPT
visit() { # visit: one lead through the screens; prints its id
    K shot --screen attract --size 1280x800 --script "$T/visit.txt" -o "$T/result.png" \
        >"$T/shot.out" 2>&1
    expect_status 0 "the visit runs to the result screen"
    sqlite3 "$T/k.db" "SELECT id FROM inquiry ORDER BY created_at DESC, rowid DESC LIMIT 1"
}
state_of() { sqlite3 -cmd ".timeout 5000" "$T/k.db" "SELECT COALESCE(hold_state, '-') FROM inquiry WHERE id = '$1'"; }

online=$(visit)
expect_eq "$(state_of "$online")" "confirmed" "online, the buyer is shown the server's hold"
expect_eq "$(pg_sql "SELECT hold_state FROM inquiry WHERE id = '$online'")" "confirmed" \
    "the server has the lead and holds its capacity"
held=$(pg_sql "SELECT to_char(sum(base_quantity), 'FM999990.000') FROM hold WHERE inquiry_id = '$online'")
expect_eq "$held" "$(sqlite3 "$T/k.db" "SELECT printf('%.3f', sum(base_quantity)) FROM hold WHERE inquiry_id = '$online'")" \
    "the kiosk's hold is the server's hold"
expect_eq "$(awk -v h="$held" 'BEGIN { print (h > 0) ? "ok" : h }')" "ok" "something is held"

pg_stop_server
offline=$(visit)
expect_eq "$(state_of "$offline")" "provisional" \
    "offline, the hold is provisional: the result screen tells the buyer"
grep -q "^provisional = " "$OCOP_SRC/kiosk-config/strings_en.ini" && pass ||
    fail "the result screen's provisional notice is in the string table"

# The kiosk starts while the server is down; its sync thread fails and backs off.
sqlite3 "$T/k.db" "DELETE FROM setting WHERE key = 'sync_last_error'"
SDL_VIDEODRIVER=dummy "$OCOP" --config "$T/k.ini" --db "$T/k.db" --window 800x600 --software \
    >"$T/kiosk.out" 2>&1 &
kiosk=$!
waited=0
until [ -n "$(K sync --status --json 2>/dev/null | sed -n 's/.*"last_error":"\([^"]\)[^"]*".*/\1/p')" ] ||
    ! kill -0 $kiosk 2>/dev/null || [ $waited -ge 600 ]; do
    sleep 0.2
    waited=$((waited + 1))
done
K sync --status --json >"$T/status" 2>&1
expect_grep '"last_error":"cannot reach the server' "$T/status" \
    "the kiosk's sync thread tried the stopped server and says why it failed"
expect_grep '"provisional":1' "$T/status" "one provisional lead waits"

# Meanwhile the organiser renames a product on the server.
sed 's/^TV-049,Mật hoa dừa/TV-049,Mật hoa dừa nguyên chất/' "$CAT/catalog.csv" >"$T/renamed.csv"
pg_restart
"$OCOP" --server "$PG_URL" import "$T/renamed.csv" >"$T/out" 2>&1
expect_status 0 "a product renamed on the server"

# Nothing else runs: the kiosk's own thread reconnects (its backoff is at most 60 s).
waited=0
until [ "$(state_of "$offline")" = "confirmed" ] || ! kill -0 $kiosk 2>/dev/null ||
    [ $waited -ge 1200 ]; do
    sleep 0.2
    waited=$((waited + 1))
done
expect_eq "$(state_of "$offline")" "confirmed" \
    "after the server is back, the kiosk's thread confirms the provisional hold"
until [ "$(sqlite3 -cmd ".timeout 5000" "$T/k.db" "SELECT count(*) FROM product WHERE code = 'TV-049' AND name_vi LIKE '%nguyên chất'")" = 1 ] ||
    ! kill -0 $kiosk 2>/dev/null || [ $waited -ge 1200 ]; do
    sleep 0.2
    waited=$((waited + 1))
done
expect_eq "$(sqlite3 "$T/k.db" "SELECT name_vi FROM product WHERE code = 'TV-049'")" \
    "Mật hoa dừa nguyên chất" "the kiosk's thread pulled the renamed product"
expect_eq "$(pg_sql "SELECT count(*) FROM inquiry WHERE id IN ('$online', '$offline')")" "2" \
    "both leads are on the server, once each"
expect_eq "$(pg_sql "SELECT hold_state || ' ' || to_char((SELECT sum(base_quantity) FROM hold WHERE inquiry_id = inquiry.id), 'FM999990.000') FROM inquiry WHERE id = '$offline'")" \
    "confirmed $held" "the server confirmed the offline lead's hold, as much as the first's"
expect_eq "$(sqlite3 "$T/k.db" "SELECT count(*) FROM outbox")" "0" "nothing waits in the outbox"

kill -TERM $kiosk 2>/dev/null
wait $kiosk
expect_status 0 "the kiosk stops cleanly (its sync thread joined)"

finish
