#!/bin/sh
# test_disk.sh: a full disk and a read-only folder (issue 13 item 9). On a small tmpfs (needs
# root and mount; skipped with the reason printed otherwise): opening, inquire, import and
# export on a full disk say "the disk is full" and name the file, exit 1, store nothing half;
# once space is freed everything works; a read-only mount says "read-only".
set -u
. "$OCOP_SRC/tests/cli/lib.sh"
if [ "$(id -u)" != 0 ]; then
    echo "skipped: a small tmpfs needs root (this runs as $(id -un))"
    echo "0 passed, 0 failed"
    exit 0
fi
small="$T/small"
mkdir "$small"
if ! mount -t tmpfs -o size=2m,mode=0755 tmpfs "$small" 2>"$T/mount.err"; then
    echo "skipped: cannot mount a tmpfs here: $(cat "$T/mount.err")"
    echo "0 passed, 0 failed"
    exit 0
fi
trap 'umount "$small" 2>/dev/null; rm -rf "$T"' EXIT

DB="$small/fair.db"
"$OCOP" --db "$DB" import "$OCOP_SRC/tests/data/organiser_catalog.csv" \
    --capacity "$OCOP_SRC/tests/data/organiser_capacity.csv" >/dev/null 2>&1
expect_status 0 "a database on the small disk"
printf '{"buyer": {"name": "A", "phone": "0912345678"}, "group": "food", "quantity": 5,
 "unit": "kg", "months": ["2027-01"], "consent": {"contact": true}}' >"$T/inq.json"
"$OCOP" --db "$DB" inquire <"$T/inq.json" >/dev/null 2>&1
expect_status 0 "a lead is stored while there is room"
leads=$(sqlite3 "$DB" "SELECT count(*) FROM inquiry")

# Fill the disk to the last block.
dd if=/dev/zero of="$small/fill" bs=4k 2>/dev/null
sum=$(sha256sum <"$DB")

"$OCOP" --db "$DB" inquire <"$T/inq.json" >"$T/out" 2>"$T/err"
expect_status 1 "inquire on a full disk exits 1"
expect_grep "the disk is full" "$T/err" "inquire on a full disk says so"
expect_grep "$DB" "$T/err" "inquire on a full disk names the file"
expect_eq "$(wc -c <"$T/out")" 0 "inquire on a full disk prints no lead id"

"$OCOP" --db "$DB" export --format csv -o "$small/leads.csv" >"$T/out" 2>"$T/err"
expect_status 1 "export to a full disk exits 1"
expect_grep "the disk is full" "$T/err" "export to a full disk says so"
[ ! -e "$small/leads.csv" ] && [ -z "$(ls "$small" | grep 'leads.csv.tmp-')" ]
expect_status 0 "export to a full disk leaves no file, whole or partial"

"$OCOP" --db "$small/new.db" import "$OCOP_SRC/tests/data/organiser_catalog.csv" \
    >"$T/out" 2>"$T/err"
expect_status 1 "import into a new database on a full disk exits 1"
expect_grep "the disk is full" "$T/err" "import on a full disk says so"
[ ! -e "$small/new.db" ]
expect_status 0 "import on a full disk leaves no empty database behind"

rm -f "$small/fill"
expect_eq "$(sqlite3 "$DB" "PRAGMA integrity_check")" ok "the database is whole after all that"
expect_eq "$(sqlite3 "$DB" "SELECT count(*) FROM inquiry")" "$leads" \
    "no lead was half-stored on the full disk"
"$OCOP" --db "$DB" inquire <"$T/inq.json" >/dev/null 2>&1
expect_status 0 "inquire works again once there is room"
: "$sum"

# A read-only folder (a read-only mount: root ignores folder modes).
if mount -o remount,ro "$small" 2>/dev/null; then
    "$OCOP" --db "$DB" inquire <"$T/inq.json" >"$T/out" 2>"$T/err"
    expect_status 1 "inquire on a read-only folder exits 1"
    expect_grep "read-only" "$T/err" "a read-only folder is named as such"
    expect_grep "$DB" "$T/err" "a read-only folder: the message names the file"
else
    echo "skipped: cannot remount the tmpfs read-only"
fi
finish
