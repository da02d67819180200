#!/bin/sh
# test_kiosk_wayland.sh: the kiosk box's real display path. The kiosk starts as the packaged
# unit starts it (debian/ocop-kiosk.service: its cage options and its Environment=, so SDL's
# native Wayland backend) under the cage compositor with wlroots' headless backend, full screen
# on cage's output, and shows the attract screen; a scripted touch (kiosk --script, SDL finger
# events) opens the product grid. Pictures are the kiosk's own (the script's `shot`, read back
# from its renderer); the Wayland protocol log shows the window going full screen at the
# output's size and its frames being handed to the compositor.
# Needs cage (scripts/install-deps.sh --test). cage refuses to run as root: as root, cage and
# the kiosk run as nobody on copies in a private folder.
set -u
. "$OCOP_SRC/tests/cli/lib.sh"
if ! command -v cage >/dev/null 2>&1; then
    echo "SKIP: cage is not installed (scripts/install-deps.sh --test installs it)"
    exit 0
fi
if ! "$OCOP" kiosk --help | grep -q -- '--script'; then
    echo "SKIP: this kiosk has no --script to play touches and take its own pictures"
    exit 0
fi
UNIT="$OCOP_SRC/debian/ocop-kiosk.service"
chmod 0755 "$T"
mkdir -p "$T/run" "$T/data" "$T/shots"
cp "$OCOP" "$T/ocop-kiosk"
for d in assets kiosk-config fonts; do
    [ -d "$OCOP_SRC/$d" ] && cp -r "$OCOP_SRC/$d" "$T/data/"
done
"$T/ocop-kiosk" --db "$T/kiosk.db" import "$T/data/assets/catalog/catalog.csv" \
    --capacity "$T/data/assets/catalog/capacity.csv" >/dev/null 2>&1
expect_status 0 "the demo catalogue imports"

cat >"$T/script.txt" <<EOS
wait 1000
shot $T/shots/attract.png
tap 640 400
wait 1000
shot $T/shots/browse.png
EOS
run_as=""
if [ "$(id -u)" -eq 0 ]; then
    chown -R nobody "$T"
    run_as="setpriv --reuid=nobody --regid=nogroup --clear-groups"
fi
chmod 0700 "$T/run"

# The unit's cage options (between 'cage' and '--') and its environment.
cage_opts=$(sed -n 's|^ExecStart=.*/usr/bin/cage \(.*\) -- .*|\1|p' "$UNIT")
unit_env=$(sed -n 's/^Environment=//p' "$UNIT")
expect_grep 'SDL_VIDEODRIVER=wayland' "$UNIT" "the unit asks SDL for its Wayland backend"

# Leak checking is off for this one process: SDL's Wayland backend and Mesa keep allocations
# at exit (not ours; the headless tests check our code).
unset SDL_VIDEODRIVER SDL_RENDER_DRIVER DISPLAY WAYLAND_DISPLAY
# shellcheck disable=SC2086
env $unit_env XDG_RUNTIME_DIR="$T/run" HOME="$T" WLR_BACKENDS=headless WLR_LIBINPUT_NO_DEVICES=1 \
    OCOP_DATA_DIR="$T/data" OCOP_LOG_SCREENS=1 WAYLAND_DEBUG=client ASAN_OPTIONS=detect_leaks=0 \
    timeout 120 $run_as cage $cage_opts -- \
    "$T/ocop-kiosk" --db "$T/kiosk.db" --script "$T/script.txt" >"$T/cage.log" 2>"$T/kiosk.err" &
cage_pid=$!
n=0
while [ $n -lt 900 ] && ! [ -s "$T/shots/browse.png" ]; do
    sleep 0.1
    n=$((n + 1))
done
sleep 0.5 # the PNG is written whole before the kiosk goes on
kill "$cage_pid" 2>/dev/null
wait "$cage_pid" 2>/dev/null

# png_size FILE: "W H" from the PNG header.
png_size() { od -An -tu1 -j16 -N8 "$1" | awk '{ print $1 * 16777216 + $2 * 65536 + $3 * 256 + $4, $5 * 16777216 + $6 * 65536 + $7 * 256 + $8 }'; }

expect_grep "xdg_toplevel@[0-9]*\.set_fullscreen" "$T/kiosk.err" "the kiosk asks cage for full screen over Wayland"
expect_grep "xdg_toplevel@[0-9]*\.configure(1280, 720" "$T/kiosk.err" "cage gives it its whole 1280x720 output"
expect_grep "wl_surface@[0-9]*\.attach(wl_buffer@" "$T/kiosk.err" "the kiosk's frames are handed to the compositor"
for shot in attract browse; do
    f="$T/shots/$shot.png"
    if [ -s "$f" ]; then
        pass
        expect_eq "$(png_size "$f")" "1280 720" "the $shot picture has the output's size"
        # A blank 1280x720 picture compresses to a few kB; a screen with text and pictures does not.
        size=$(wc -c <"$f")
        if [ "$size" -gt 20000 ]; then pass; else fail "the $shot picture is not blank ($size bytes)"; fi
    else
        fail "the kiosk took its $shot picture under cage"
        grep -v '^\[' "$T/kiosk.err" | head -20 | sed 's/^/    kiosk| /'
        sed 's/^/    cage| /' "$T/cage.log" | head -10
    fi
done
expect_grep "screen browse" "$T/kiosk.err" "a touch on the attract screen opens the product grid"
[ -n "${OCOP_KEEP_SHOTS:-}" ] && cp "$T/shots/"*.png "$OCOP_KEEP_SHOTS/" 2>/dev/null
finish
