#!/bin/sh
# End to end: the organiser screen, driven headless with `shot` scripts. A long press in the
# attract screen's top-left corner opens the PIN pad; the right PIN unlocks the statistics and
# the buttons; "export to USB" writes the leads to a (fake) USB stick; five wrong PINs lock the
# pad; a short press in the corner does not open it.
set -u
. "$OCOP_SRC/tests/cli/lib.sh"
export TZ=Asia/Ho_Chi_Minh OCOP_TODAY=2026-11-29
db="$T/kiosk.db"
"$OCOP" --db "$db" import "$OCOP_SRC/tests/data/organiser_catalog.csv" \
    --capacity "$OCOP_SRC/tests/data/organiser_capacity.csv" >/dev/null
sqlite3 -bail "$db" <"$OCOP_SRC/tests/data/organiser_leads.sql"
printf '2468\n' | "$OCOP" --db "$db" set-pin >/dev/null

# A fake stick: a folder under a fake automount root, listed in a fake mount table.
mkdir -p "$T/media/organiser/STICK"
printf '/dev/sdz1 %s/media/organiser/STICK vfat rw,nosuid,nodev 0 0\n' "$T" >"$T/mounts"
export OCOP_MOUNT_TABLE="$T/mounts" OCOP_USB_ROOTS="$T/media"

shot() { # shot SCRIPT: runs the kiosk headless from the attract screen through SCRIPT
    "$OCOP" --db "$db" shot --screen attract --size 1280x720 --lang en -o "$T/last.png" \
        --script "$1" >"$T/out" 2>&1
}

cat >"$T/unlock.txt" <<EOS
drag 20 20 20 20 3200
shot $T/pin.png
tap "2"
tap "4"
tap "6"
tap "8"
tap "OK"
shot $T/organiser.png
tap "Export leads to USB"
shot $T/exported.png
EOS
shot "$T/unlock.txt"
expect_status 0 "long press, PIN and export run through"
[ -s "$T/organiser.png" ]
expect_status 0 "the organiser screen was rendered"
n=$(ls "$T/media/organiser/STICK" | grep -c '^ocop-leads-.*\.xlsx$')
expect_eq "$n" "1" "the leads were exported to the stick as XLSX"
f=$(ls "$T/media/organiser/STICK"/ocop-leads-*.xlsx)
expect_eq "$(stat -c %a "$f")" "600" "the exported file is readable by its owner only"
unzip -p "$f" xl/sharedStrings.xml >"$T/ss.xml"
expect_grep "Nguyễn Thị Hoa" "$T/ss.xml" "the exported workbook holds the leads"
expect_eq "$(sqlite3 "$db" "SELECT COUNT(*) FROM inquiry WHERE exported_at IS NOT NULL")" "4" \
    "the screen's export is recorded like the command's"
expect_eq "$(sqlite3 "$db" "SELECT value FROM setting WHERE key = 'organiser_pin_failures'")" "0" \
    "the right PIN leaves no failure"

# Import from the stick: a plain catalogue file is imported; one that is a symbolic link (to a
# file anywhere the kiosk can read) or a FIFO is refused without following or waiting, and the
# catalogue is unchanged (issue 13 item 5).
sed -n 1p "$OCOP_SRC/tests/data/organiser_catalog.csv" >"$T/stick.csv"
sed -n 2p "$OCOP_SRC/tests/data/organiser_catalog.csv" | sed 's/^[^,]*,/USB-1,/' >>"$T/stick.csv"
sed '/^shot /d; s/^tap "Export leads to USB"$/tap "Import catalogue from USB"/' "$T/unlock.txt" \
    >"$T/import.txt"
stick="$T/media/organiser/STICK"
ln -s "$T/stick.csv" "$stick/ocop-catalog.csv"
shot "$T/import.txt"
expect_status 0 "the import with a linked catalogue runs through"
expect_eq "$(sqlite3 "$db" "SELECT COUNT(*) FROM product WHERE code = 'USB-1'")" "0" \
    "a catalogue that is a symbolic link on the stick is not followed"
rm "$stick/ocop-catalog.csv"
mkfifo "$stick/ocop-catalog.csv"
timeout 120 "$OCOP" --db "$db" shot --screen attract --size 1280x720 --lang en -o "$T/last.png" \
    --script "$T/import.txt" >"$T/out" 2>&1
expect_status 0 "a FIFO on the stick does not hang the kiosk"
rm "$stick/ocop-catalog.csv"
cp "$T/stick.csv" "$stick/ocop-catalog.csv"
shot "$T/import.txt"
expect_status 0 "the import of a plain catalogue runs through"
expect_eq "$(sqlite3 "$db" "SELECT COUNT(*) FROM product WHERE code = 'USB-1'")" "1" \
    "a plain catalogue file on the stick is imported"
rm "$stick/ocop-catalog.csv"

# No stick: the export says so and writes nothing.
printf '' >"$T/empty-mounts"
OCOP_MOUNT_TABLE="$T/empty-mounts" shot "$T/unlock.txt"
expect_status 0 "the export without a stick does not fail the kiosk"
expect_eq "$(ls "$T/media/organiser/STICK" | wc -l | tr -d ' ')" "1" "nothing more was written"

# Five wrong PINs: the pad locks and even the right PIN does not open it.
cat >"$T/wrong.txt" <<EOS
drag 20 20 20 20 3200
tap "1"
tap "OK"
tap "1"
tap "OK"
tap "1"
tap "OK"
tap "1"
tap "OK"
tap "1"
tap "OK"
tap "2"
tap "4"
tap "6"
tap "8"
tap "OK"
shot $T/locked.png
tap "Export leads to USB"
EOS
shot "$T/wrong.txt"
expect_status 1 "after five wrong PINs the screen stays locked"
expect_grep 'no visible widget labelled "Export leads to USB"' "$T/out" \
    "the organiser buttons are not offered while locked"
expect_eq "$(sqlite3 "$db" "SELECT value FROM setting WHERE key = 'organiser_pin_failures'")" "5" \
    "the failures are counted in the database"

# A short press in the corner is a plain touch: no PIN pad.
cat >"$T/short.txt" <<EOS
drag 20 20 20 20 500
tap "OK"
EOS
shot "$T/short.txt"
expect_status 1 "a short press does not open the organiser screen"

finish
