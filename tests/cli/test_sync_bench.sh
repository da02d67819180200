#!/bin/sh
# test_sync_bench.sh: `ocop-kiosk bench --only sync` (issue 15's scale figures): without a
# server it is skipped, saying why, and exits 0; with one (a real PostgreSQL started for this
# test) it runs the whole benchmark at a hundredth of its sizes and reports the four figures,
# leaving nothing behind in the database. The full-size figures are in the README.
set -u
. "$OCOP_SRC/tests/cli/lib.sh"
. "$OCOP_SRC/tests/support/pg.sh"

env -u OCOP_BENCH_SERVER "$OCOP" bench --only sync >"$T/out" 2>"$T/err"
expect_status 0 "bench --only sync without a server"
expect_grep "bench sync: skipped: no server" "$T/err" "it says why it was skipped"

pg_start
export PGPASSFILE="$PG_PASSFILE"
OCOP_BENCH_SERVER="$PG_URL" OCOP_BENCH_SYNC_SCALE=0.01 "$OCOP" bench --only sync --json \
    >"$T/out" 2>"$T/err"
expect_status 0 "bench --only sync on a real server"
for m in sync_first_pull_s sync_push_leads_per_s sync_hold_tx_p50 sync_hold_tx_p95; do
    expect_grep "\"$m\"" "$T/out" "the bench reports $m"
done
expect_grep "1000 products (200 in the fair) and 10000 leads" "$T/err" "it says what it loaded"
expect_grep "10 kiosks pushed 500 leads" "$T/err" "ten kiosks pushed fifty leads each"
# Every sample is a hold: the buyer's leads ask what the catalogue gives (above its minimum
# order); the bench fails when the server takes one without confirming its hold (a push that
# gave up after its retries leaves it provisional, not confirmed).
held=$(sed -n "s/.*the buyer's \([0-9]*\) hold transactions: \([0-9]*\) confirmed, [0-9]* run again.*/\1 \2/p" "$T/err")
expect_eq "$(echo "$held" | awk '{ print ($2 > 0 && $2 <= $1) ? "held" : $0 }')" "held" \
    "the buyer's hold transactions confirmed holds"
expect_eq "$(pg_sql "SELECT count(*) FROM information_schema.schemata WHERE schema_name LIKE 'ocop_bench_%'")" \
    "0" "the bench dropped its schema"
expect_eq "$(pg_sql "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'")" \
    "0" "and wrote nothing elsewhere"
cat "$T/out" >&2
finish
