#!/bin/sh
# End to end: `ocop-kiosk set-pin` reads the PIN from standard input and stores only an
# Argon2id hash: the PIN's text is nowhere in the database files or the program's output.
set -u
. "$OCOP_SRC/tests/cli/lib.sh"
db="$T/kiosk.db"
pin=739164825301
head -1 "$OCOP_SRC/assets/catalog/catalog.csv" >"$T/header.csv" # an empty catalogue
"$OCOP" --db "$db" import "$T/header.csv" >/dev/null 2>&1 # only the kiosk and import create one

printf '%s\n' "$pin" | "$OCOP" --db "$db" set-pin >"$T/out" 2>"$T/err"
expect_status 0 "set-pin succeeds"
expect_grep "organiser PIN set" "$T/out" "set-pin confirms"
expect_no_grep "$pin" "$T/out" "the PIN is not printed"
expect_no_grep "$pin" "$T/err" "the PIN is not logged"
expect_eq "$(sqlite3 "$db" "SELECT substr(value, 1, 10) FROM setting
    WHERE key = 'organiser_pin_hash'")" '$argon2id$' "an Argon2id hash is stored"
found=0
for f in "$db" "$db-wal" "$db-shm"; do
    if [ -e "$f" ] && grep -a -q "$pin" "$f"; then found=1; fi
done
expect_eq "$found" "0" "the PIN's text is not in the database or its WAL"
expect_eq "$(sqlite3 "$db" .dump | grep -c "$pin")" "0" "the PIN is not in a dump either"

# A second PIN replaces the first; the old hash is gone.
old=$(sqlite3 "$db" "SELECT value FROM setting WHERE key = 'organiser_pin_hash'")
printf '4821\r\n' | "$OCOP" --db "$db" set-pin >/dev/null 2>&1
expect_status 0 "a PIN with a CRLF line end is accepted"
new=$(sqlite3 "$db" "SELECT value FROM setting WHERE key = 'organiser_pin_hash'")
[ "$old" != "$new" ]
expect_status 0 "setting a PIN again replaces the hash"

printf '12ab\n' | "$OCOP" --db "$db" set-pin >"$T/out" 2>&1
expect_status 1 "a PIN with letters is refused"
expect_grep "digits" "$T/out" "the refusal says what a PIN is"
expect_no_grep "12ab" "$T/out" "the refused PIN is not echoed"
printf '123\n' | "$OCOP" --db "$db" set-pin >"$T/out" 2>&1
expect_status 1 "a three-digit PIN is refused"
"$OCOP" --db "$db" set-pin </dev/null >"$T/out" 2>&1
expect_status 1 "no PIN on standard input is refused"
"$OCOP" --db "$db" set-pin 4821 >"$T/out" 2>&1
expect_status 2 "a PIN on the command line is a usage error"
expect_grep "standard input" "$T/out" "the usage error says where the PIN goes"
expect_eq "$(sqlite3 "$db" "SELECT value FROM setting WHERE key = 'organiser_pin_hash'")" "$new" \
    "refused PINs change nothing"

finish
