#!/bin/sh
# test_clock.sh: the kiosk's one clock end to end. A scripted visit that starts at 23:58 on New
# Year's Eve and submits after midnight is stamped with the moment of submission, asks for the
# months the screen shows then, and its holds expire from then; `wait` jumps the fake clock (a
# day's wait takes no longer than a second's); exports show local time with its offset.
# Env: $OCOP (the built binary), $OCOP_SRC (the source tree).
set -u
. "$OCOP_SRC/tests/cli/lib.sh"
export OCOP_DATA_DIR="$OCOP_SRC"
unset OCOP_TODAY
DB="$T/kiosk.db"
"$OCOP" --db "$DB" import "$OCOP_SRC/assets/catalog/catalog.csv" \
    --capacity "$OCOP_SRC/assets/catalog/capacity.csv" >"$T/import.out" 2>&1
expect_status 0 "the demo catalogue imports"
# A long idle time: the visit below waits minutes between two taps.
printf '[kiosk]\nidle_seconds = 3600\n[match]\nhold_days = 14\n' >"$T/kiosk.ini"

cat >"$T/visit.txt" <<'SCRIPT'
tap "English"
tap "Touch to start"
tap "Search"
type "mat hoa dua"
tap "Done"
tap "Coconut flower nectar"
tap "Send inquiry"
tap "Name"
type "Nguyeenx Thij Mai"
tap "Phone"
type "0912 345 678"
tap "Quantity"
type "20"
tap "Done"
tap "Contact me"
tap "Share with producers"
shot BEFORE_PNG
wait 240000
shot AFTER_PNG
tap "Submit"
SCRIPT
sed -i "s|BEFORE_PNG|$T/before.png|; s|AFTER_PNG|$T/after.png|" "$T/visit.txt"
OCOP_NOW=2026-12-31T23:58:00+07:00 "$OCOP" --db "$DB" --config "$T/kiosk.ini" shot \
    --screen attract --size 1280x800 --script "$T/visit.txt" -o "$T/result.png" 2>"$T/visit.err"
expect_status 0 "the visit across midnight runs to the result"
sed 's/^/    | /' "$T/visit.err" | head -5

# The lead is stamped when it was submitted (00:02 on 1 January), not when the kiosk started.
# (The script's taps take a few seconds of the fake clock besides the wait.)
created=$(sqlite3 "$DB" "SELECT substr(created_at, 1, 16) FROM inquiry")
expect_eq "$created" "2026-12-31T17:02" "created_at is the moment of submission (UTC)"
# The month chosen before midnight (next month: January 2027) is kept: it is still to come.
months=$(sqlite3 "$DB" "SELECT month_from || '..' || month_to FROM inquiry")
expect_eq "$months" "2027-01..2027-01" "the month asked is the one chosen on the screen"
expires=$(sqlite3 "$DB" "SELECT COUNT(*) FROM hold h JOIN inquiry i ON i.id = h.inquiry_id
    WHERE h.expires_at = strftime('%Y-%m-%dT%H:%M:%SZ', i.created_at, '+14 days')")
expect_eq "$expires" "$(sqlite3 "$DB" "SELECT COUNT(*) FROM hold")" \
    "holds expire hold_days after the submission"
[ "$expires" -gt 0 ]
expect_status 0 "the lead holds capacity"

# Exports: local time with its offset (the clock's zone), whatever TZ says.
OCOP_NOW=2027-01-01T08:00:00+07:00 TZ=UTC "$OCOP" --db "$DB" export --format json \
    -o "$T/leads.json" >/dev/null 2>"$T/export.err"
expect_status 0 "export the lead"
expect_grep '"created_at":[[:space:]]*"2027-01-01T00:02:[0-9][0-9]+07:00"' "$T/leads.json" \
    "the export shows the local time with +07:00"

# A fake clock that starts at a time without an offset reads it in TZ's zone.
TZ=Asia/Ho_Chi_Minh OCOP_NOW=2027-01-01T08:00:00 "$OCOP" --db "$DB" export --format csv \
    -o "$T/leads.csv" >/dev/null 2>&1
expect_status 0 "export with OCOP_NOW in local time"
expect_grep '2027-01-01T00:02:[0-9][0-9]+07:00' "$T/leads.csv" "CSV shows the same local time"

# `wait` jumps: a day's wait is no slower than a few seconds of frames.
printf 'tap "Touch to start"\nwait 86400000\nwait 86400000\n' >"$T/day.txt"
start=$(date +%s)
OCOP_NOW=2026-12-31T23:58:00+07:00 "$OCOP" --db "$DB" shot --screen attract --size 800x480 \
    --script "$T/day.txt" -o "$T/day.png" 2>"$T/day.err"
expect_status 0 "two waits of a day each run"
took=$(($(date +%s) - start))
[ "$took" -le 20 ]
expect_status 0 "two days of waiting take seconds, not minutes (took ${took}s)"

# A malformed OCOP_NOW is refused, naming it.
OCOP_NOW=soon "$OCOP" --db "$DB" unmet >/dev/null 2>"$T/bad.err"
expect_status 1 "a bad OCOP_NOW fails"
expect_grep "OCOP_NOW=soon" "$T/bad.err" "the message names the variable"

finish
