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
sed '/^shot /d; s/^tap "Export leads to USB"$/tap "Import from USB"/' "$T/unlock.txt" \
    >"$T/import.txt"
{ cat "$T/import.txt"; echo 'tap "Replace"'; } >"$T/replace.txt"
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
expect_status 0 "a plain catalogue on the stick is read and checked"
expect_eq "$(sqlite3 "$db" "SELECT COUNT(*) FROM product WHERE code = 'USB-1'")" "0" \
    "it is shown, not imported, until Replace is tapped"
shot "$T/replace.txt"
expect_status 0 "the import of a plain catalogue runs through"
expect_eq "$(sqlite3 "$db" "SELECT COUNT(*) FROM product WHERE code = 'USB-1'")" "1" \
    "a plain catalogue file on the stick is imported"
rm "$stick/ocop-catalog.csv"

# A new kiosk.ini with a catalogue (issue 16): shown with its changes, replaced with Replace
# together with the import; the kiosk then quits to start again on it. One whose catalogue is
# refused replaces nothing.
printf '[event]\nname_en = Organiser test fair\n[kiosk]\ndatabase = %s\n' "$db" >"$T/kiosk.ini"
printf '[event]\nname_en = Stick fair\n[kiosk]\ndatabase = %s\nidle_seconds = 60\n' "$db" \
    >"$stick/ocop-kiosk.ini"
sed 's/^USB-1,/USB-2,/' "$T/stick.csv" >"$stick/ocop-catalog.csv"
printf 'TV-MHD,2026-12,-5,l\n' | cat "$OCOP_SRC/tests/data/organiser_capacity.csv" - \
    >"$stick/ocop-capacity.csv"
{ cat "$T/import.txt"; echo "shot $T/refused.png"; } >"$T/refused.txt"
"$OCOP" --db "$db" --config "$T/kiosk.ini" shot --screen attract --size 1280x720 --lang en \
    -o "$T/last.png" --script "$T/refused.txt" >"$T/out" 2>&1
expect_status 0 "a bundle with a refused capacity file runs through"
expect_eq "$(sqlite3 "$db" "SELECT COUNT(*) FROM product WHERE code = 'USB-2'")" "0" \
    "a refused bundle imports nothing"
expect_grep "Stick fair" "$stick/ocop-kiosk.ini" "(the stick is as it was)"
expect_no_grep "Stick fair" "$T/kiosk.ini" "a refused bundle leaves the kiosk's kiosk.ini"
sed '$d' "$stick/ocop-capacity.csv" >"$T/cap" && mv "$T/cap" "$stick/ocop-capacity.csv"
{ cat "$T/import.txt"; echo "shot $T/preview.png"; echo 'tap "Replace"'; echo "shot $T/replaced.png"; } \
    >"$T/bundle.txt"
"$OCOP" --db "$db" --config "$T/kiosk.ini" shot --screen attract --size 1280x720 --lang en \
    -o "$T/last.png" --script "$T/bundle.txt" >"$T/out" 2>&1
expect_status 0 "a good bundle is shown and replaced"
expect_eq "$(sqlite3 "$db" "SELECT COUNT(*) FROM product WHERE code = 'USB-2'")" "1" \
    "its catalogue is imported"
if cmp -s "$stick/ocop-kiosk.ini" "$T/kiosk.ini"; then pass; else
    fail "its kiosk.ini replaces the kiosk's"
fi
[ -n "${OCOP_KEEP_SHOTS:-}" ] && cp "$T/preview.png" "$T/replaced.png" "$T/refused.png" "$OCOP_KEEP_SHOTS/"
rm "$stick/ocop-kiosk.ini" "$stick/ocop-catalog.csv" "$stick/ocop-capacity.csv"

# No stick: the export says so and writes nothing.
printf '' >"$T/empty-mounts"
OCOP_MOUNT_TABLE="$T/empty-mounts" shot "$T/unlock.txt"
expect_status 0 "the export without a stick does not fail the kiosk"
expect_eq "$(ls "$T/media/organiser/STICK" | wc -l | tr -d ' ')" "1" "nothing more was written"

# The PIN pad says how long a PIN is (not how the box sets one); "Leave kiosk mode" asks
# first: the question in the screen's language, "Stay" takes it back, only the second tap quits.
CHECK="$OCOP_SRC/tests/cli/screen_texts.py"
texts() { # texts NAME SCRIPT [LANG]: the organiser flow's screen as JSON in $T/NAME.json
    "$OCOP" --db "$db" shot --screen attract --size 1280x720 --lang "${3:-en}" -o "$T/$1.png" \
        --texts "$T/$1.json" --script "$2" >"$T/out" 2>&1
    expect_status 0 "shot $1"
}
check() { # check MESSAGE JSON CHECK...
    msg=$1
    shift
    if python3 "$CHECK" "$@" >"$T/check.out"; then pass; else fail "$msg: $(cat "$T/check.out")"; fi
}
printf 'drag 20 20 20 20 3200\n' >"$T/pad.txt"
texts pad "$T/pad.txt"
check "the PIN pad gives the PIN's length" "$T/pad.json" has "4 to 12 digits"
check "the PIN pad names no command-line tool" "$T/pad.json" lacks "set-pin"
sed '/^shot /d; /^tap "Export leads to USB"$/d' "$T/unlock.txt" >"$T/leave.txt"
echo 'tap "Leave kiosk mode"' >>"$T/leave.txt"
texts leave "$T/leave.txt"
check "Leave kiosk mode asks first" "$T/leave.json" has "Leave kiosk mode? The kiosk closes"
check "the question offers to stay" "$T/leave.json" tap-exact "Stay"
check "the question offers to leave" "$T/leave.json" tap-exact "Leave kiosk mode"
{ cat "$T/leave.txt"; echo 'tap "Tiếng Việt"'; } >"$T/leave_vi.txt"
texts leave_vi "$T/leave_vi.txt"
check "the question follows the language" "$T/leave_vi.json" has "Thoát chế độ ki-ốt? Ki-ốt sẽ đóng"
{ cat "$T/leave.txt"; echo 'tap "Stay"'; } >"$T/stay.txt"
texts stay "$T/stay.txt"
check "Stay takes the question back" "$T/stay.json" lacks "Leave kiosk mode?"
check "Stay brings the export back" "$T/stay.json" tap "Export leads to USB"

# Large text at 800x480, both languages: the count tiles hold their numbers and the chart's
# rows are not drawn over each other or over the legend (fewer rows rather than overlap).
sed '/^tap "Leave kiosk mode"$/d' "$T/leave.txt" >"$T/open.txt"
{ cat "$T/open.txt"; echo 'tap "Tiếng Việt"'; } >"$T/open_vi.txt"
for lang in en vi; do
    script="$T/open.txt"
    [ "$lang" = vi ] && script="$T/open_vi.txt"
    "$OCOP" --db "$db" shot --screen attract --size 800x480 --lang en --large \
        -o "$T/large_$lang.png" --texts "$T/large_$lang.json" --script "$script" >"$T/out" 2>&1
    expect_status 0 "shot large_$lang"
    check "the organiser screen in large text ($lang) has no text over another, none cut" \
        "$T/large_$lang.json" no-overlap + inside 800 480 + not-cut
done

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
