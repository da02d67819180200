#!/bin/sh
# test_start.sh: what the kiosk's start does not do (issue 14, the README's performance section).
# - libpq and the libraries under it are loaded only when the program talks to a server
#   (src/db/pq_lazy.c), libxlsxwriter only when it writes a spreadsheet (src/core/xlsx_lazy.c),
#   SDL_image and its codecs at the first picture (src/ui/sdl_image_lazy.c), not before main.
# - With no display to open it fails with a message, instead of drawing offscreen.
# - In a real X window it does not fork to launch a session bus, nor parse X's compose table
#   (ui_platform.c, skip_desktop_services), and a thread of its own maps the window's framebuffer
#   in while the main thread loads fonts and screens (start_warming). Needs xvfb-run and strace;
#   skipped without them.
set -u
. "$OCOP_SRC/tests/cli/lib.sh"
export OCOP_DATA_DIR="$OCOP_SRC"
DB="$T/kiosk.db"
"$OCOP" --db "$DB" import "$OCOP_SRC/assets/catalog/catalog.csv" >/dev/null 2>&1
expect_status 0 "the demo catalogue imports"

# The dynamic loader names every library it loads (LD_DEBUG=files), at start or by dlopen.
LD_DEBUG=files LD_DEBUG_OUTPUT="$T/ld_kiosk" "$OCOP" --db "$DB" --frames 2 >/dev/null 2>&1
expect_status 0 "the kiosk runs two frames headless"
cat "$T"/ld_kiosk.* >"$T/ld_kiosk.txt"
expect_grep "libSDL2" "$T/ld_kiosk.txt" "the loader's list names what the kiosk loads"
expect_no_grep "libpq" "$T/ld_kiosk.txt" "a kiosk without a server does not load libpq"
expect_no_grep "libgssapi_krb5" "$T/ld_kiosk.txt" "nor Kerberos under it"
expect_no_grep "libxlsxwriter" "$T/ld_kiosk.txt" "nor libxlsxwriter"
expect_no_grep "libcrypto" "$T/ld_kiosk.txt" "nor OpenSSL's libcrypto under it"
expect_no_grep "file=libSDL2_image[^ ]* \[0\];  needed by" "$T/ld_kiosk.txt" \
    "SDL_image is not loaded before main"

# Idle after its first frame, the kiosk warms what a buyer's first keystroke would pay
# (ui_app_warm: the search statements and the index's pages), each piece once, and never before the
# first frame is on screen (OCOP_REPORT_START names each step on stderr, in order).
printf 'wait 1500\n' >"$T/idle.txt"
OCOP_REPORT_START=1 "$OCOP" --db "$DB" --window 1280x800 --frames 1 --script "$T/idle.txt" \
    >/dev/null 2>"$T/warm.err"
expect_status 0 "the kiosk runs idle for 1.5 s headless"
expect_eq "$(grep -m1 -o "first frame after\|warm-up" "$T/warm.err")" "first frame after" \
    "the first frame is on screen before any warm-up"
for piece in "search many" "search few"; do
    expect_eq "$(grep -c "warm-up: $piece, " "$T/warm.err")" "1" "the warm-up does $piece once"
done
expect_no_grep "warm-up: .* after frame 0$" "$T/warm.err" "no warm-up piece before a frame"

# A shot with the demo catalogue's pictures opens SDL_image when it first decodes one.
LD_DEBUG=files LD_DEBUG_OUTPUT="$T/ld_shot" "$OCOP" --db "$DB" shot --screen browse \
    --size 1280x800 -o "$T/browse.png" >/dev/null 2>&1
expect_status 0 "a shot of the browse grid works"
cat "$T"/ld_shot.* >"$T/ld_shot.txt"
expect_grep "file=libSDL2_image-2.0.so.0 .*dynamically loaded" "$T/ld_shot.txt" \
    "and loads SDL_image by dlopen to decode the pictures"
expect_grep "PNG" "$T/browse.png" "and writes the PNG through it"

LD_DEBUG=files LD_DEBUG_OUTPUT="$T/ld_xlsx" "$OCOP" --db "$DB" export --format xlsx \
    -o "$T/leads.xlsx" >"$T/xlsx.out" 2>&1
expect_status 0 "export --format xlsx works"
cat "$T"/ld_xlsx.* >"$T/ld_xlsx.txt"
expect_grep "file=libxlsxwriter.so.4.*dynamically loaded" "$T/ld_xlsx.txt" \
    "writing a spreadsheet loads libxlsxwriter when it first calls it"
expect_grep "^PK" "$T/leads.xlsx" "and the file is a spreadsheet (a zip)"

# Port 1 refuses: the command loads libpq, tries, and reports libpq's own error.
LD_DEBUG=files LD_DEBUG_OUTPUT="$T/ld_server" "$OCOP" server init \
    "postgresql://127.0.0.1:1/none?connect_timeout=5" >"$T/server.out" 2>&1
expect_status 1 "server init on a port that refuses fails"
cat "$T"/ld_server.* >"$T/ld_server.txt"
expect_grep "file=libpq.so.5.*dynamically loaded" "$T/ld_server.txt" \
    "a command that talks to a server loads libpq when it first calls it"
expect_grep "127.0.0.1" "$T/server.out" "libpq's message names the server"

# No display at all: the kiosk says so and fails (SDL would draw offscreen, seen by nobody).
env -u SDL_VIDEODRIVER -u WAYLAND_DISPLAY DISPLAY=:199 XDG_RUNTIME_DIR="$T" \
    ASAN_OPTIONS=detect_leaks=0 "$OCOP" --db "$DB" --frames 2 >"$T/nodisplay.out" 2>&1
expect_status 1 "the kiosk fails when no display answers"
expect_grep "cannot open the display: no X server (DISPLAY=:199)" "$T/nodisplay.out" \
    "and names the display it tried"

if ! command -v xvfb-run >/dev/null 2>&1 || ! command -v strace >/dev/null 2>&1; then
    echo "SKIP: the real window's start needs xvfb-run and strace" \
        "(scripts/install-deps.sh --test installs them)"
    finish
    exit $?
fi
unset SDL_VIDEODRIVER SDL_RENDER_DRIVER DBUS_SESSION_BUS_ADDRESS XCOMPOSEFILE
# No session bus: no address and no runtime folder with one.
export XDG_RUNTIME_DIR="$T/runtime"
mkdir -m 700 "$XDG_RUNTIME_DIR"
ASAN_OPTIONS=detect_leaks=0 timeout 300 xvfb-run -a -s "-screen 0 1280x800x24" \
    strace -f -y -o "$T/strace.txt" -e trace=execve,openat,read,madvise "$OCOP" --db "$DB" --frames 2 \
    >"$T/x11.out" 2>&1
expect_status 0 "the kiosk runs two frames in a real X window"
expect_grep "NotoSans" "$T/strace.txt" "strace saw the kiosk open its files"
execs=$(grep -c "execve(" "$T/strace.txt")
expect_eq "$execs" "1" "the kiosk runs no other program at start (libdbus's dbus-launch)"
expect_no_grep "read([0-9]*<[^>]*/Compose>" "$T/strace.txt" "X's compose table is not read"
# The framebuffer of a 1280x800 window: 4,096,000 bytes, mapped in by another thread.
main_pid=$(awk 'NR == 1 {print $1}' "$T/strace.txt")
expect_grep "^[0-9]* *madvise(0x[0-9a-f]*, 4096000, MADV_POPULATE_WRITE" "$T/strace.txt" \
    "the window's framebuffer is mapped in"
expect_no_grep "^$main_pid *madvise([^)]*MADV_POPULATE_WRITE" "$T/strace.txt" \
    "by a thread other than the main one, which meanwhile loads fonts and screens"
finish
