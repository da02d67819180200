#!/bin/sh
# test_kiosk_x11.sh: the real window path. The kiosk runs full screen on a virtual X server with
# no window manager (xvfb-run), where a 0x0 fullscreen-desktop window would be 1x1: the window
# must cover the screen, and real X clicks and key presses (xdotool) must reach it once each.
# Needs xvfb, xauth, xdotool and x11-utils (scripts/install-deps.sh --test).
set -u
. "$OCOP_SRC/tests/cli/lib.sh"
for tool in xvfb-run xdotool xwininfo; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "SKIP: $tool is not installed (scripts/install-deps.sh --test installs it)"
        exit 0
    fi
done
export OCOP_DATA_DIR="$OCOP_SRC"
unset SDL_VIDEODRIVER SDL_RENDER_DRIVER
DB="$T/kiosk.db"
"$OCOP" --db "$DB" import "$OCOP_SRC/assets/catalog/catalog.csv" \
    --capacity "$OCOP_SRC/assets/catalog/capacity.csv" >/dev/null 2>&1
expect_status 0 "the demo catalogue imports"

# Leak checking is off for this one process: SDL's X11 backend leaves allocations of libdbus
# and of the dlopened Mesa driver at exit (not ours; the headless tests check our code).
cat >"$T/session.sh" <<SESSION
wait_for() { # PATTERN: up to 60 s for the kiosk to log it (a loaded machine is slow)
    n=0
    while [ \$n -lt 600 ] && ! grep -q "\$1" "$T/kiosk.err"; do sleep 0.1; n=\$((n + 1)); done
}
ASAN_OPTIONS=detect_leaks=0 OCOP_LOG_SCREENS=1 "$OCOP" --db "$DB" --lang en 2>"$T/kiosk.err" &
pid=\$!
i=0
while [ \$i -lt 600 ] && ! xwininfo -root -tree | grep -q '"ocop-kiosk"'; do
    sleep 0.1; i=\$((i + 1))
done
sleep 1
xwininfo -root -tree | grep '"ocop-kiosk"' >"$T/window.txt"
xdotool mousemove 640 700 click 1   # anywhere on the attract loop
wait_for "screen browse"
sleep 1
xdotool mousemove 400 122 click 1   # the search field at 1280x800
sleep 1
xdotool key Escape                  # closes the keyboard
sleep 1
xdotool mousemove 160 280 click 1   # the first card
wait_for "screen product"
sleep 1
xdotool mousemove 60 755 click 1    # the product's Back
sleep 1
xdotool mousemove 50 122 click 1    # Back: to the start
wait_for "screen attract"
sleep 0.5
kill \$pid
wait \$pid
SESSION
timeout 300 xvfb-run -a -s "-screen 0 1280x800x24" sh "$T/session.sh"
expect_grep "1280x800+0+0" "$T/window.txt" "the window covers the whole screen (not 1x1)"
expect_grep "screen browse" "$T/kiosk.err" "a real click starts the visit"
expect_grep "screen attract" "$T/kiosk.err" "Back returns to the attract loop"
expect_grep "screen product" "$T/kiosk.err" "a click on a card opens the product"
product=$(grep -c "screen product" "$T/kiosk.err")
expect_eq "$product" "1" "one click, one screen change (no double events)"

# The renderer (kiosk.ini `renderer`): auto is SDL's software renderer on X11, presented without
# SDL's OpenGL probe (which maps Mesa's driver into the process); a bad value names file, line
# and key.
printf '[kiosk]\nrenderer = vulkan\n' >"$T/bad.ini"
"$OCOP" --config "$T/bad.ini" --db "$DB" --frames 1 >"$T/bad.out" 2>&1
expect_status 1 "an unknown renderer is refused"
expect_grep "bad.ini:2: kiosk.renderer: must be auto, software, opengl or opengles2" "$T/bad.out" \
    "the bad renderer is reported with file, line and key"
cat >"$T/probe.sh" <<PROBE
OCOP_REPORT_START=1 ASAN_OPTIONS=detect_leaks=0 "$OCOP" --db "$DB" --frames 1 2>"$T/auto.err" &
pid=\$!
sleep 0.1
# While it starts: which shared objects it maps (the probe would add Mesa's swrast/LLVM).
n=0
while [ \$n -lt 100 ] && ! grep -q "first frame" "$T/auto.err"; do
    cat /proc/\$pid/maps >>"$T/auto.maps" 2>/dev/null; sleep 0.05; n=\$((n + 1))
done
wait \$pid
printf '[kiosk]\nrenderer = software\n' >"$T/sw.ini"
OCOP_REPORT_START=1 "$OCOP" --config "$T/sw.ini" --db "$DB" --frames 1 2>"$T/sw.err"
PROBE
timeout 60 xvfb-run -a -s "-screen 0 1280x800x24" sh "$T/probe.sh"
expect_grep "first frame after .* (software renderer)" "$T/auto.err" "auto is the software renderer on X11"
expect_no_grep "dri\.so\|libLLVM" "$T/auto.maps" "no OpenGL driver is loaded to decide how to present"
expect_grep "(software renderer)" "$T/sw.err" "renderer = software is honoured"

if command -v sqlite3 >/dev/null 2>&1; then
    views=$(sqlite3 "$DB" "SELECT count(*) FROM product_view")
    expect_eq "$views" "1" "the product page view is recorded for the organisers"
fi
finish
