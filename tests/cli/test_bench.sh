#!/bin/sh
# End to end: the `ocop-kiosk bench` harness's options (the measuring itself takes minutes on
# 100,000 products and is run by hand: README "Performance figures").
set -u
. "$OCOP_SRC/tests/cli/lib.sh"

"$OCOP" bench --list >"$T/out" 2>&1
expect_status 0 "--list succeeds"
expect_grep "^search " "$T/out" "--list names the search area"

"$OCOP" bench --help >"$T/out" 2>&1
expect_status 0 "--help succeeds"
expect_grep '"metrics"' "$T/out" "--help describes the JSON"

"$OCOP" bench --only nosuch >"$T/out" 2>&1
expect_status 2 "an unknown area is a usage error"
expect_grep "nosuch" "$T/out" "the unknown area is named"
expect_grep "areas: search" "$T/out" "the areas are listed"

"$OCOP" bench --only >"$T/out" 2>&1
expect_status 2 "--only without a name is a usage error"

# A smoke run on small sizes, so the harness cannot rot (no timing is asserted: the machine may be
# busy). The ui area runs the kiosk in a real window on Xvfb when it is installed.
export OCOP_DATA_DIR="$OCOP_SRC"
TMPDIR="$T" ASAN_OPTIONS=detect_leaks=0 "$OCOP" bench --small --verbose --only ui --json \
    >"$T/ui.json" 2>"$T/ui.err"
expect_status 0 "bench --small --only ui succeeds"
for name in ui_cold_start_to_first_frame_ms ui_scroll_frame_p50_20k_1080p ui_peak_memory; do
    expect_grep "\"$name\"" "$T/ui.json" "the headless figure $name is reported"
done
if command -v Xvfb >/dev/null 2>&1; then
    for name in start_first_frame_ms start_first_frame_demo_ms scroll_frame_p50_ms \
        scroll_frame_p99_ms scroll_frame_max_ms key_to_frame_p95_ms pss_demo_mb pss_20k_mb \
        rss_peak_mb; do
        expect_grep "\"$name\"" "$T/ui.json" "the real-window figure $name is reported"
    done
    # A start with the page cache emptied first: root only (/proc/sys/vm/drop_caches).
    if [ "$(id -u)" -eq 0 ] && [ -w /proc/sys/vm/drop_caches ]; then
        expect_grep '"start_first_frame_uncached_demo_ms"' "$T/ui.json" \
            "the start from an empty page cache is reported"
    else
        expect_grep "start from an empty page cache skipped: cannot write /proc/sys/vm/drop_caches" \
            "$T/ui.err" "the skipped start from an empty page cache says why"
    fi
    if command -v python3 >/dev/null 2>&1; then
        python3 - "$T/ui.json" >"$T/check.out" 2>&1 <<'PY'
import json, sys
m = {x["name"]: x["value"] for x in json.load(open(sys.argv[1]))["metrics"]}
# Plausible, not fast: a frame was presented, memory was read, frames and keys were timed.
assert 0 < m["start_first_frame_ms"] < 120000, m
assert 1 < m["pss_20k_mb"] < m["rss_peak_mb"] * 2, m
assert m["scroll_frame_p50_ms"] > 0 and m["key_to_frame_p95_ms"] > 0, m
print("ok")
PY
        expect_grep "^ok" "$T/check.out" "the real-window figures are plausible"
    fi
    # --verbose: each keystroke typed into the search field ("mat o" on small sizes), in order,
    # with its key -> frame and what the kiosk says it cost.
    grep "^bench ui: key " "$T/ui.err" | awk '{print $4, $5}' | tr '\n' ' ' >"$T/keys.txt"
    expect_eq "$(cat "$T/keys.txt")" "1 m 2 a 3 t 4 space 5 o " \
        "bench --verbose names each key in the order typed"
    expect_grep "^bench ui: key  1 m .* ms: CPU ms in its frame: update .* (search .*), draw .*, present .*; main-thread CPU .* ms; [0-9]* strings rasterised$" \
        "$T/ui.err" "and says what the key cost"
fi
# Without Xvfb and without a display, the real window is skipped and says why.
mkdir "$T/bin"
ln -s "$(command -v sh)" "$T/bin/sh"
env -u DISPLAY PATH="$T/bin" TMPDIR="$T" ASAN_OPTIONS=detect_leaks=0 "$OCOP" bench --small \
    --only ui --json >"$T/nox.json" 2>"$T/nox.err"
expect_status 0 "bench without a display still measures headless"
expect_grep "real window skipped: Xvfb is not installed and there is no DISPLAY" "$T/nox.err" \
    "the skipped real window says why"
expect_no_grep "start_first_frame_ms" "$T/nox.json" "no real-window figure without a window"

# The side-by-side script with a browser (run by hand) at least parses and says what it misses.
sh -n "$OCOP_SRC/scripts/compare-browser.sh"
expect_status 0 "scripts/compare-browser.sh parses"
sh "$OCOP_SRC/scripts/compare-browser.sh" "$T/nobuild" >"$T/out" 2>&1
expect_status 1 "compare-browser.sh without a build fails"
expect_grep "not built" "$T/out" "and says the build is missing"

"$OCOP" bench --fast >"$T/out" 2>&1
expect_status 2 "an unknown option is a usage error"

finish
