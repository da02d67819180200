#!/bin/sh
# test_hostile.sh: loose and hostile input to the commands (issue 13 items 4, 6, 7, 10): export
# targets that are not regular files, `-o -`, leftovers of a killed export, inquiry JSON with
# a NUL and garbage after it or a key given twice, an e-mail with CR LF, --max-price beyond
# 64 bits, --config and --script naming a folder, shot scripts with values out of bounds.
set -u
. "$OCOP_SRC/tests/cli/lib.sh"
export OCOP_DATA_DIR="$OCOP_SRC"
DB="$T/fair.db"
"$OCOP" --db "$DB" import "$OCOP_SRC/tests/data/organiser_catalog.csv" \
    --capacity "$OCOP_SRC/tests/data/organiser_capacity.csv" >/dev/null 2>&1
sqlite3 -bail "$DB" <"$OCOP_SRC/tests/data/organiser_leads.sql"

run() {
    "$OCOP" "$@" >"$T/out" 2>"$T/err"
    rc=$?
}

# --- export -o: only regular files are replaced; '-' is standard output ----------------------
mkfifo "$T/fifo"
mkdir "$T/folder"
ln -s /dev/null "$T/to-device"
: >"$T/real.csv"
ln -s "$T/real.csv" "$T/to-file"
for target in fifo folder to-device to-file; do
    run --db "$DB" export --format csv -o "$T/$target"
    expect_eq "$rc" 1 "export -o $target exits 1"
    expect_grep "refusing to replace it" "$T/err" "export -o $target says why"
done
[ -p "$T/fifo" ] && [ -d "$T/folder" ] && [ -L "$T/to-device" ] && [ -L "$T/to-file" ]
expect_status 0 "the pipe, folder and links are still what they were"
expect_eq "$(wc -c <"$T/real.csv")" 0 "the file behind the link is untouched"

run --db "$DB" export --format csv -o -
expect_eq "$rc" 0 "export -o - succeeds"
expect_eq "$(head -c 3 "$T/out" | od -An -tx1 | tr -d ' ')" "efbbbf" "export -o -: CSV on stdout"
expect_grep "exported [0-9]* leads* to standard output" "$T/err" "export -o -: the report on stderr"
run --db "$DB" export --format xlsx -o -
expect_eq "$(head -c 2 "$T/out")" "PK" "export --format xlsx -o -: a workbook on stdout"
run --db "$DB" export --format csv --split producer -o -
expect_eq "$rc" 2 "export --split with -o - is a usage error"

# A killed export's temporary file (named: a FAT stick has no unnamed files) is removed by the
# next export to the same name; a normal export leaves none.
printf 'secret phone 0912345678\n' >"$T/leads.csv.tmp-a1b2c3"
run --db "$DB" export --format csv -o "$T/leads.csv"
expect_eq "$rc" 0 "export succeeds"
expect_eq "$(ls "$T" | grep -c 'leads.csv.tmp-')" 0 "no temporary file is left next to it"
expect_eq "$(stat -c %a "$T/leads.csv")" 600 "the export is mode 0600"

# --- inquiry JSON --------------------------------------------------------------------------
inq='{"buyer": {"name": "A", "phone": "0912345678"}, "group": "food", "quantity": 5,
 "unit": "kg", "months": ["2027-01"], "consent": {"contact": true}}'
printf '%s' "$inq" >"$T/inq.json"
run --db "$DB" inquire <"$T/inq.json"
expect_eq "$rc" 0 "a good inquiry is accepted"
{
    printf '%s' "$inq"
    printf '\000garbage'
} >"$T/nul.json"
run --db "$DB" inquire <"$T/nul.json"
expect_eq "$rc" 1 "an inquiry followed by NUL and garbage is refused"
expect_grep "NUL" "$T/err" "the NUL is named"
printf '{"buyer": {"name": "A", "phone": "0912345678", "phone": "0987654321"}, "group": "food",
 "quantity": 5, "unit": "kg", "months": ["2027-01"]}' >"$T/dup.json"
run --db "$DB" inquire <"$T/dup.json"
expect_eq "$rc" 1 "a key given twice is refused"
expect_grep '"phone": the key appears twice' "$T/err" "the duplicate key is named"
printf '{"buyer": {"name": "A", "email": "a@b.vn\\r\\nBcc: x@y.vn"}, "group": "food",
 "quantity": 5, "unit": "kg", "months": ["2027-01"]}' >"$T/crlf.json"
run --db "$DB" inquire <"$T/crlf.json"
expect_eq "$rc" 1 "an e-mail with CR LF is refused"
expect_eq "$(wc -l <"$T/err")" 1 "the error about it is one line"

# --- options and files ---------------------------------------------------------------------
run --db "$DB" match --group food --qty 5 --unit kg --months 2027-01 \
    --max-price 99999999999999999999
expect_eq "$rc" 2 "--max-price beyond 64 bits is refused, not saturated"
expect_grep "max-price needs a whole number" "$T/err" "--max-price: the reason is given"
mkdir "$T/conf.d"
run --config "$T/conf.d" --db "$DB" search x
expect_eq "$rc" 1 "--config naming a folder is refused"
expect_grep "a folder" "$T/err" "--config folder: the reason is given"

# --- shot scripts ----------------------------------------------------------------------------
shot() {
    run --db "$DB" shot --screen browse --size 320x240 -o "$T/s.png" "$@"
}
shot --script "$T/conf.d"
expect_eq "$rc" 1 "shot --script naming a folder is refused"
for line in "drag 0 0 2147483647 -2147483648 100" "drag 10 10 20 20 2147483647" \
    "tap 2147483647 5"; do
    printf '%s\n' "$line" >"$T/script.txt"
    start=$(date +%s)
    shot --script "$T/script.txt"
    expect_eq "$rc" 1 "script '$line' is refused"
    expect_grep "script.txt:1:" "$T/err" "script '$line': the line is named"
    expect_eq "$(($(date +%s) - start < 30))" 1 "script '$line' ends at once"
done
printf 'wait 86400000\nshot %s\n' "$T/day.png" >"$T/script.txt"
start=$(date +%s)
shot --script "$T/script.txt"
expect_eq "$rc" 0 "wait 86400000 (a day) is played"
expect_eq "$(($(date +%s) - start < 60))" 1 "wait 86400000 jumps the fake clock"
shot --synthetic 99999999999
expect_eq "$rc" 2 "--synthetic 99999999999 is a usage error"
shot --synthetic 2000000
expect_eq "$rc" 2 "--synthetic beyond a million is a usage error"

finish
