#!/bin/sh
# End to end: `ocop-kiosk purge --older-than DAYS` removes buyers' personal data from leads
# older than DAYS (also from the database file's bytes) and keeps the anonymous counts.
set -u
. "$OCOP_SRC/tests/cli/lib.sh"
db="$T/kiosk.db"
"$OCOP" --db "$db" import "$OCOP_SRC/tests/data/organiser_catalog.csv" \
    --capacity "$OCOP_SRC/tests/data/organiser_capacity.csv" >/dev/null
sqlite3 -bail "$db" <"$OCOP_SRC/tests/data/organiser_leads.sql"
# One more lead from now; then two of the fixture's leads made old and the rest recent, so that
# the test does not depend on the day it runs.
sqlite3 "$db" "INSERT INTO inquiry (id, kiosk_id, created_at, buyer_name, buyer_phone, grp,
  quantity, unit, month_from, month_to) VALUES ('99999999-9999-4999-8999-999999999999', 'K',
  strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), 'Recent Buyer', '+84977777777', 'food', 1, 'kg',
  '2026-12', '2026-12')"
sqlite3 "$db" "UPDATE inquiry SET created_at = CASE WHEN id LIKE '1111%' OR id LIKE '2222%'
  THEN '2020-01-01T00:00:00Z' ELSE strftime('%Y-%m-%dT%H:%M:%SZ', 'now') END"

"$OCOP" --db "$db" purge --older-than 30 >"$T/out" 2>&1
expect_status 0 "purge succeeds"
expect_grep "purged the personal data of 2 leads" "$T/out" "purge says how many leads"
expect_eq "$(sqlite3 "$db" "SELECT COUNT(*) FROM inquiry")" "5" "the leads stay as anonymous counts"
expect_eq "$(sqlite3 "$db" "SELECT COUNT(*) FROM inquiry WHERE purged_at IS NOT NULL
  AND buyer_name IS NULL AND buyer_phone IS NULL AND buyer_email IS NULL")" "2" \
    "the old leads lost their personal data"
expect_eq "$(sqlite3 "$db" "SELECT buyer_province FROM inquiry WHERE id LIKE '1111%'")" "Hà Nội" \
    "the province stays for the statistics"
expect_eq "$(sqlite3 "$db" "SELECT buyer_name FROM inquiry WHERE id LIKE '9999%'")" \
    "Recent Buyer" "a recent lead keeps its data"
found=0
for f in "$db" "$db-wal"; do
    if [ -e "$f" ] && grep -a -q -e "+84912345678" -e "Nguyễn Thị Hoa" "$f"; then found=1; fi
done
expect_eq "$found" "0" "the purged phone and name are gone from the database files"

"$OCOP" --db "$db" export --format json -o "$T/after.json" >/dev/null 2>&1
expect_eq "$(sqlite3 "$db" "SELECT json_extract(readfile('$T/after.json'), '\$.leads[0].purged')")" \
    "1" "exports mark purged leads"

"$OCOP" --db "$db" purge --older-than 30 >"$T/out" 2>&1
expect_grep "of 0 leads" "$T/out" "purging again has nothing to do"
"$OCOP" --db "$db" purge >/dev/null 2>&1
expect_status 2 "--older-than is required"
"$OCOP" --db "$db" purge --older-than -3 >/dev/null 2>&1
expect_status 2 "a negative number of days is a usage error"
"$OCOP" --db "$db" purge --older-than soon >"$T/out" 2>&1
expect_status 2 "a word is not a number of days"
expect_grep "soon" "$T/out" "the bad value is named"

finish
