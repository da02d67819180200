#!/bin/sh
# test_fault.sh: crafted and damaged databases (issue 13 items 1-3, issue 10 items 4-6). Each is
# opened as the kiosk's own database (--db) and as a file to merge; every one gives a clear
# message and exit 1 (never an abort, never a crash), and the file is left byte for byte as it
# was, with no -wal or -shm made next to it. Also: names that are not files, a typo in --db, the
# mode of a new database, and a merge from a read-only folder.
set -u
. "$OCOP_SRC/tests/cli/lib.sh"

good="$T/good.db"
"$OCOP" --db "$good" import "$OCOP_SRC/tests/data/organiser_catalog.csv" \
    --capacity "$OCOP_SRC/tests/data/organiser_capacity.csv" >/dev/null 2>&1
sqlite3 -bail "$good" <"$OCOP_SRC/tests/data/organiser_leads.sql"
version=$(sqlite3 "$good" "PRAGMA user_version")
printf '{"buyer": {"name": "A", "phone": "0912345678"}, "group": "food", "quantity": 5,
 "unit": "kg", "months": ["2027-01"], "consent": {"contact": true}}' >"$T/inq.json"

# run ARGS...: the program with stdout and stderr kept, an inquiry on stdin; $rc is its exit
# status.
run() {
    "$OCOP" "$@" >"$T/out" 2>"$T/err" <"$T/inq.json"
    rc=$?
}

# craft NAME SQL: a copy of the good database changed by SQL (through the sqlite3 program).
craft() {
    cp "$good" "$T/$1.db"
    sqlite3 -bail "$T/$1.db" "$2"
}

# refused NAME PATTERN WHAT: the crafted file is refused as the kiosk's database (search, export)
# and as a file to merge, with a message matching PATTERN, exit 1, the file unchanged.
refused() {
    f="$T/$1.db"
    sum=$(sha256sum <"$f")
    run --db "$f" search --json x
    expect_eq "$rc" 1 "$3: search exits 1"
    expect_grep "$2" "$T/err" "$3: search says why"
    expect_grep "$f" "$T/err" "$3: the message names the file"
    run --db "$f" export --format csv -o "$T/x.csv"
    expect_eq "$rc" 1 "$3: export exits 1"
    cp "$good" "$T/mine.db"
    run --db "$T/mine.db" merge "$f"
    expect_eq "$rc" 1 "$3: merge exits 1"
    expect_grep "$2" "$T/err" "$3: merge says why"
    expect_eq "$(sha256sum <"$f")" "$sum" "$3: the file is unchanged"
    [ ! -e "$f-wal" ] && [ ! -e "$f-shm" ]
    expect_status 0 "$3: no -wal or -shm is left next to it"
    [ ! -e "$T/x.csv" ]
    expect_status 0 "$3: no export was written"
}

for v in -1 -3 -100 -2147483648; do
    craft "neg$v" "PRAGMA user_version = $v"
    refused "neg$v" "schema version $v" "user_version $v"
done
craft huge "PRAGMA user_version = 2147483647"
refused huge "schema version 2147483647 is newer" "user_version 2147483647"
craft next "PRAGMA user_version = $((version + 1))"
refused next "newer than this program" "user_version $((version + 1))"

craft nofts "DROP TABLE product_fts"
refused nofts "no table product_fts" "a missing product_fts table"
craft noinq "PRAGMA foreign_keys = OFF; DROP TABLE inquiry"
refused noinq "no table inquiry" "a missing inquiry table"
craft nocol "ALTER TABLE inquiry DROP COLUMN note"
refused nocol "no column inquiry.note" "a missing column"

# Another program's database: schema version 0 with tables, or a foreign file claiming 4.
rm -f "$T/foreign.db"
sqlite3 "$T/foreign.db" "CREATE TABLE customer (id INTEGER PRIMARY KEY, phone TEXT);
    INSERT INTO customer VALUES (1, '0912345678')"
refused foreign "another program's tables" "a foreign database (version 0)"
sqlite3 "$T/foreign.db" "PRAGMA user_version = 4"
refused foreign "not an ocop-kiosk database" "a foreign database claiming version 4"

head -c 5000 "$good" >"$T/truncated.db"
refused truncated "damaged\|not an ocop-kiosk" "a truncated database"
printf 'Gạo,ST25\n' >"$T/text.db"
refused text "not an SQLite file" "a text file"

# --- names that are not files ---------------------------------------------------------------
printf '[kiosk]\ndatabase =\n' >"$T/empty-db.ini"
"$OCOP" --config "$T/empty-db.ini" inquire <"$T/inq.json" >"$T/out" 2>"$T/err"
expect_status 1 "kiosk.ini 'database =' empty: inquire exits 1"
expect_grep "not a file name" "$T/err" "an empty database name is refused loudly"
expect_eq "$(wc -c <"$T/out")" 0 "an empty database name: no lead id is printed"
for name in ":memory:" "file:$T/uri.db?mode=memory"; do
    "$OCOP" --db "$name" inquire <"$T/inq.json" >"$T/out" 2>"$T/err"
    expect_status 1 "--db $name: inquire exits 1"
    expect_grep "not a file name" "$T/err" "--db $name is refused"
    expect_eq "$(wc -c <"$T/out")" 0 "--db $name: no lead id is printed"
done

# --- only the kiosk and import create a database; mode 0600 ----------------------------------
for cmd in "search x" "export --format csv -o $T/typo.csv" "inquire" "purge --older-than 1" \
    "unmet" "merge $good"; do
    # shellcheck disable=SC2086 # the command's words
    run --db "$T/typo.db" $cmd
    expect_eq "$rc" 1 "$cmd on a missing --db exits 1"
    expect_grep "no such database" "$T/err" "$cmd on a missing --db says so"
    [ ! -e "$T/typo.db" ]
    expect_status 0 "$cmd on a missing --db creates nothing"
done
run --db "$T/new.db" import "$OCOP_SRC/tests/data/organiser_catalog.csv"
expect_eq "$rc" 0 "import creates a database"
expect_eq "$(stat -c %a "$T/new.db")" 600 "a new database is mode 0600"
# SQLite gives the -wal and -shm the database's mode; look while a connection holds them.
sqlite3 "$T/new.db" "SELECT count(*) FROM product" \
    ".shell stat -c %a $T/new.db-wal $T/new.db-shm >$T/modes" >/dev/null
expect_eq "$(sort -u "$T/modes" | tr -d '\n')" 600 "its -wal and -shm are mode 0600"

# --- merge: a WAL left behind, a read-only folder ---------------------------------------------
# The other kiosk was copied while running: its last lead is only in the -wal.
mkdir "$T/stick"
cp "$good" "$T/live.db"
sqlite3 "$T/live.db" "PRAGMA journal_mode = WAL" >/dev/null
sqlite3 "$T/live.db" "PRAGMA wal_autocheckpoint = 0;
    INSERT INTO inquiry (id, kiosk_id, created_at, buyer_name, buyer_phone, grp, quantity, unit,
      month_from, month_to)
    VALUES ('77777777-7777-4777-8777-777777777777', 'KIOSK-W', '2026-11-29T07:00:00Z', 'Wal',
      '+84911000777', 'food', 5, 'kg', '2026-12', '2026-12');" \
    ".shell cp $T/live.db $T/live.db-wal $T/stick/" >/dev/null
[ -s "$T/stick/live.db-wal" ]
expect_status 0 "the copied kiosk has its last lead in a -wal"
sums=$(cd "$T/stick" && sha256sum live.db live.db-wal)
chmod 0555 "$T/stick"
cp "$good" "$T/mine.db"
run --db "$T/mine.db" merge "$T/stick/live.db"
expect_eq "$rc" 0 "merge from a folder with a -wal succeeds"
expect_eq "$(sqlite3 "$T/mine.db" "SELECT buyer_name FROM inquiry WHERE kiosk_id = 'KIOSK-W'")" \
    Wal "the lead that was only in the -wal is merged"
expect_eq "$(cd "$T/stick" && sha256sum live.db live.db-wal)" "$sums" \
    "the other kiosk's files are unchanged"
[ ! -e "$T/stick/live.db-shm" ]
expect_status 0 "no -shm is made next to the other kiosk's file"
[ -z "$(ls -A "$T/mine.db-tmp" 2>/dev/null)" ]
expect_status 0 "the private copy is removed after the merge"
# A real read-only file system (root ignores folder modes): a read-only bind mount.
if [ "$(id -u)" = 0 ] && mount --bind "$T/stick" "$T/stick" 2>/dev/null; then
    if mount -o remount,ro,bind "$T/stick" 2>/dev/null; then
        cp "$good" "$T/mine.db"
        run --db "$T/mine.db" merge "$T/stick/live.db"
        expect_eq "$rc" 0 "merge from a read-only mount succeeds"
        expect_eq "$(sqlite3 "$T/mine.db" "SELECT count(*) FROM inquiry
            WHERE kiosk_id = 'KIOSK-W'")" 1 "merge from a read-only mount brings the lead in"
    else
        echo "skipped: read-only remount not permitted here"
    fi
    umount "$T/stick"
else
    echo "skipped: the read-only mount case needs root and mount (not available)"
fi
chmod 0755 "$T/stick"
chmod 0000 "$T/stick/live.db"
if ! cat "$T/stick/live.db" >/dev/null 2>&1; then
    run --db "$T/mine.db" merge "$T/stick/live.db"
    expect_eq "$rc" 1 "an unreadable file: merge exits 1"
    expect_grep "Permission denied" "$T/err" "an unreadable file: the real cause is named"
else
    echo "skipped: root reads a mode-0 file, so the unreadable case cannot be made"
fi
chmod 0644 "$T/stick/live.db"

finish
