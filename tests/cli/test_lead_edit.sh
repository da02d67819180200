#!/bin/sh
# test_lead_edit.sh: one lead per visit. A buyer who submits, goes Back from the result to the
# form, changes the quantity and submits again edits the same lead (same id, created_at kept,
# its holds replaced in one transaction): one lead, and the capacity is held once, for the new
# quantity. Scripted visits on the demo catalogue, through the real binary.
# Env: $OCOP (the built binary), $OCOP_SRC (the source tree).
set -u
. "$OCOP_SRC/tests/cli/lib.sh"
export OCOP_DATA_DIR="$OCOP_SRC"
unset OCOP_TODAY
DB="$T/kiosk.db"
"$OCOP" --db "$DB" import "$OCOP_SRC/assets/catalog/catalog.csv" \
    --capacity "$OCOP_SRC/assets/catalog/capacity.csv" >"$T/import.out" 2>&1
expect_status 0 "the demo catalogue imports"
printf '[kiosk]\nidle_seconds = 3600\n[match]\nhold_days = 14\n' >"$T/kiosk.ini"

# visit FILE QUANTITY...: a visit that submits the form once per quantity, going Back from the
# result between two submissions.
visit() {
    out=$1
    shift
    cat >"$out" <<'SCRIPT'
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
tap "Done"
tap "Contact me"
tap "Share with producers"
SCRIPT
    first=1
    for q in "$@"; do
        if [ "$first" -eq 0 ]; then
            printf 'tap "Back"\n' >>"$out"
        fi
        first=0
        printf 'tap "Quantity"\n' >>"$out"
        # Clear what the last submission left, then type the new quantity.
        printf 'tap "Delete"\ntap "Delete"\ntap "Delete"\ntap "Delete"\n' >>"$out"
        printf 'type "%s"\ntap "Done"\nwait 60000\ntap "Submit"\n' "$q" >>"$out"
    done
}

visit "$T/once.txt" 20
OCOP_NOW=2026-12-10T09:00:00+07:00 "$OCOP" --db "$DB" --config "$T/kiosk.ini" shot \
    --screen attract --size 1280x800 --script "$T/once.txt" -o "$T/once.png" 2>"$T/once.err"
expect_status 0 "a visit that submits once"
sed 's/^/    | /' "$T/once.err" | head -5
held_once=$(sqlite3 "$DB" "SELECT printf('%.3f', SUM(base_quantity)) FROM hold")
lines_once=$(sqlite3 "$DB" "SELECT COUNT(*) FROM hold")
[ "$lines_once" -gt 0 ]
expect_status 0 "the lead of 20 holds capacity ($lines_once holds, $held_once base units)"
sqlite3 "$DB" "DELETE FROM hold; DELETE FROM inquiry"

# Submit 30, Back, Submit 20: one lead of 20 with the holds of a lead of 20.
visit "$T/twice.txt" 30 20
OCOP_NOW=2026-12-10T09:00:00+07:00 "$OCOP" --db "$DB" --config "$T/kiosk.ini" shot \
    --screen attract --size 1280x800 --script "$T/twice.txt" -o "$T/twice.png" 2>"$T/twice.err"
expect_status 0 "a visit that submits, goes back and submits again"
sed 's/^/    | /' "$T/twice.err" | head -5
expect_eq "$(sqlite3 "$DB" "SELECT COUNT(*) FROM inquiry")" 1 "one lead for the visit"
expect_eq "$(sqlite3 "$DB" "SELECT quantity FROM inquiry")" 20.0 "the lead has the new quantity"
expect_eq "$(sqlite3 "$DB" "SELECT COUNT(DISTINCT inquiry_id) FROM hold")" 1 \
    "every hold is the one lead's"
expect_eq "$(sqlite3 "$DB" "SELECT printf('%.3f', SUM(base_quantity)) FROM hold")" "$held_once" \
    "the capacity is held once, for the new quantity"
expect_eq "$(sqlite3 "$DB" "SELECT COUNT(*) FROM hold")" "$lines_once" "as many holds as one lead"
# created_at is the first submission; the holds run from the second (a minute later).
expect_eq "$(sqlite3 "$DB" "SELECT created_at < (SELECT MIN(created_at) FROM hold) FROM inquiry")" \
    1 "the lead keeps its first time; the new holds are from the second submission"
expect_eq "$(sqlite3 "$DB" "SELECT json_extract(match_json, '$.requested') = base_quantity
    FROM inquiry")" 1 "the match stored is the second one"

finish
