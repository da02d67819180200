#!/bin/sh
# `make install` (cmake --install) puts the program, its assets, fonts and default config under
# a prefix, and the installed program runs from anywhere on that data: a fresh default database
# is seeded with the demo catalogue from share/ocop-kiosk.
set -u
. "$OCOP_SRC/tests/cli/lib.sh"
unset OCOP_DATA_DIR

cmake --install "$(dirname "$OCOP")" --prefix "$T/prefix" >"$T/install.log" 2>&1
expect_status 0 "cmake --install succeeds into a temporary prefix"
for f in bin/ocop-kiosk share/ocop-kiosk/kiosk-config/kiosk.ini \
    share/ocop-kiosk/kiosk-config/logos/demo-organiser.svg \
    share/ocop-kiosk/fonts/NotoSans-Regular.ttf share/ocop-kiosk/fonts/NotoSans-Bold.ttf \
    share/ocop-kiosk/assets/catalog/catalog.csv share/ocop-kiosk/assets/catalog/images/food.svg; do
    if [ -f "$T/prefix/$f" ]; then pass; else fail "installed $f"; fi
done

mkdir "$T/box"
(cd "$T/box" && "$T/prefix/bin/ocop-kiosk" search --json "mat hoa dua") >"$T/out" 2>"$T/err"
expect_status 0 "the installed program searches a fresh default database"
expect_grep '"name_vi":"Mật hoa dừa"' "$T/out" "the default database was seeded from the installed catalogue"
expect_grep "demo catalogue" "$T/err" "the seeding is announced on stderr"
if [ -f "$T/box/ocop-kiosk.db" ]; then pass; else fail "the default database is made in the working directory"; fi

(cd "$T/box" && "$T/prefix/bin/ocop-kiosk" shot --screen browse --size 800x480 -o "$T/b.png") \
    >/dev/null 2>&1
expect_status 0 "the installed program renders a screen with the installed fonts"
# The installed demo kiosk.ini finds its organiser's logo next to it.
(cd "$T/box" && "$T/prefix/bin/ocop-kiosk" shot --screen attract --size 800x480 -o "$T/a.png") \
    >/dev/null 2>"$T/a.err"
expect_status 0 "the installed program renders the attract screen"
expect_no_grep "event.logos" "$T/a.err" "the installed demo logo opens"

finish
