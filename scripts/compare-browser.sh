#!/bin/sh
# compare-browser.sh: the kiosk next to a browser kiosk, in one run on this machine.
#
# Shows the demo catalogue twice on a virtual 1920x1080 X display (Xvfb):
#   - ocop-kiosk, through its own real-window benchmark (`bench --only ui --json`: launch -> grid
#     presented, median of 5, and Σ PSS with the grid shown);
#   - the same products as one static page (the same cards: illustration, Vietnamese name, stars,
#     province) in Debian's Chromium `--kiosk`: launch -> the page's second animation frame after
#     the grid is in the document, and Σ PSS of every Chromium process once the page is shown.
# and prints both side by side. Not part of `make test` (it takes a minute and needs Chromium:
# `sudo apt install chromium`). Timings depend on what else the machine does: the load average
# is printed with them.
#
# Usage: scripts/compare-browser.sh [BUILD_DIR]   (default: build; run from the source folder)
set -eu

src=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-build}
ocop="$build/ocop-kiosk"
runs=5

say() { printf '%s\n' "$*" >&2; }
[ -x "$ocop" ] || { say "compare-browser: $ocop not built (make, or give the build folder)"; exit 1; }
browser=$(command -v chromium || command -v chromium-browser || true)
[ -n "$browser" ] || { say "compare-browser: Chromium is not installed (sudo apt install chromium)"; exit 1; }
command -v Xvfb >/dev/null || { say "compare-browser: Xvfb is not installed (sudo apt install xvfb)"; exit 1; }
command -v python3 >/dev/null || { say "compare-browser: python3 is needed"; exit 1; }

T=$(mktemp -d "${TMPDIR:-/tmp}/compare-browser.XXXXXX")
xvfb_pid=""
cleanup() {
    [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null
    rm -rf "$T"
}
trap cleanup EXIT INT TERM

# The products as the kiosk shows them: the demo catalogue imported by the program itself.
"$ocop" --db "$T/demo.db" import "$src/assets/catalog/catalog.csv" \
    --capacity "$src/assets/catalog/capacity.csv" >/dev/null
"$ocop" --db "$T/demo.db" search --json >"$T/products.json"

# The page: the grid of the browse screen (4 columns at 1920 px), every card's picture an SVG
# from the project, loaded by the browser as the kiosk loads it. It reports the wall-clock time
# (ms since the epoch) of the second animation frame after the grid was built: the first
# frame that can show it.
python3 - "$T/products.json" "$src" "$T/page.html" <<'PY'
import html, json, sys
products = json.load(open(sys.argv[1]))["results"]
src, out = sys.argv[2], sys.argv[3]
def picture(p):
    if p["image"]:
        return p["image"] if p["image"].startswith("/") else f"{src}/assets/catalog/{p['image']}"
    kind = p["picture"] or p["group"]
    return f"{src}/assets/catalog/images/{kind}.svg"
cards = "".join(
    f'<div class="card"><img src="file://{html.escape(picture(p))}" width="160" height="160">'
    f'<div><b>{html.escape(p["name_vi"])}</b><div class="stars">{"★" * p["stars"]}</div>'
    f'<div>{html.escape(p["province"])}</div></div></div>' for p in products)
open(out, "w", encoding="utf-8").write(f"""<!doctype html><html lang="vi"><meta charset="utf-8">
<title>OCOP</title><style>
body {{ margin: 0; font: 20px "Noto Sans", sans-serif; background: #f4efe4; }}
header {{ background: #00704a; color: #fff; font-size: 40px; padding: 16px 32px; }}
main {{ display: grid; grid-template-columns: repeat(4, 1fr); gap: 16px; padding: 16px 32px; }}
.card {{ display: flex; gap: 12px; background: #fff; border-radius: 12px; padding: 12px; }}
.stars {{ color: #a86a00; font-size: 24px; }}
</style><header>Sản phẩm OCOP</header><main id="grid"></main>
<script>
document.getElementById("grid").innerHTML = {json.dumps(cards)};
requestAnimationFrame(() => requestAnimationFrame(() =>
    console.log("ocop-painted " + (performance.timeOrigin + performance.now()).toFixed(1))));
</script></html>""")
PY

# A display of our own for the browser (the kiosk's bench starts its own in the same way).
Xvfb -displayfd 3 -screen 0 1920x1080x24 -nolisten tcp 3>"$T/display" 2>"$T/xvfb.log" &
xvfb_pid=$!
i=0
while [ ! -s "$T/display" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
[ -s "$T/display" ] || { say "compare-browser: Xvfb did not start: $(cat "$T/xvfb.log")"; exit 1; }
display=":$(cat "$T/display")"

now_ms() { python3 -c 'import time; print(f"{time.time()*1000:.1f}")'; }

# Σ PSS (KiB) of a process and all its descendants.
pss_tree() {
    python3 - "$1" <<'PY'
import os, sys
root, kids = int(sys.argv[1]), {}
for d in os.listdir("/proc"):
    if d.isdigit():
        try:
            ppid = int(open(f"/proc/{d}/stat").read().rsplit(")", 1)[1].split()[1])
        except OSError:
            continue
        kids.setdefault(ppid, []).append(int(d))
todo, total = [root], 0
while todo:
    pid = todo.pop()
    todo += kids.get(pid, [])
    try:
        for line in open(f"/proc/{pid}/smaps_rollup"):
            if line.startswith("Pss:"):
                total += int(line.split()[1])
    except OSError:
        pass
print(total)
PY
}

sandbox=""
[ "$(id -u)" -eq 0 ] && sandbox="--no-sandbox" # Chromium refuses to run as root with it
b_launch=""
b_pss=""
r=0
while [ $r -lt $runs ]; do
    rm -rf "$T/profile"
    t0=$(now_ms)
    DISPLAY=$display "$browser" $sandbox --kiosk --no-first-run --no-default-browser-check \
        --user-data-dir="$T/profile" --window-position=0,0 --window-size=1920,1080 \
        --enable-logging=stderr --v=0 "file://$T/page.html" >"$T/browser.log" 2>&1 &
    bpid=$!
    i=0
    while ! grep -q 'ocop-painted' "$T/browser.log" 2>/dev/null && [ $i -lt 600 ]; do
        sleep 0.05
        i=$((i + 1))
    done
    painted=$(sed -n 's/.*ocop-painted \([0-9.]*\).*/\1/p' "$T/browser.log" | head -1)
    if [ -z "$painted" ]; then
        kill "$bpid" 2>/dev/null
        say "compare-browser: Chromium showed no page within 30 s; its log:"
        tail -20 "$T/browser.log" >&2
        exit 1
    fi
    sleep 2 # at rest with the page shown, as the kiosk's PSS is read
    b_launch="$b_launch $(python3 -c "print(f'{$painted - $t0:.1f}')")"
    b_pss="$b_pss $(pss_tree "$bpid")"
    kill "$bpid" 2>/dev/null
    wait "$bpid" 2>/dev/null || true
    r=$((r + 1))
done

# The kiosk, in the same run: its own real-window benchmark (launches interleaved with the
# 20,000-product catalogue; medians of 5).
OCOP_DATA_DIR="$src" "$ocop" bench --only ui --json >"$T/kiosk.json" 2>"$T/kiosk.err" || {
    say "compare-browser: ocop-kiosk bench failed:"
    cat "$T/kiosk.err" >&2
    exit 1
}

python3 - "$T/kiosk.json" "$b_launch" "$b_pss" <<'PY'
import json, os, statistics, sys
m = {x["name"]: x["value"] for x in json.load(open(sys.argv[1]))["metrics"]}
launch = [float(x) for x in sys.argv[2].split()]
pss = [int(x) / 1024 for x in sys.argv[3].split()]
if "start_first_frame_demo_ms" not in m:
    sys.exit("compare-browser: the kiosk's bench ran no real window (see its stderr)")
print(f"demo catalogue, Xvfb 1920x1080, load average {os.getloadavg()[0]:.1f} "
      f"(medians of {len(launch)} launches each)")
print(f"{'figure':44} {'ocop-kiosk':>12} {'Chromium':>12}")
print(f"{'launch -> products on screen (ms)':44} {m['start_first_frame_demo_ms']:12.0f} "
      f"{statistics.median(launch):12.0f}")
print(f"{'memory at rest, sum of PSS (MiB)':44} {m['pss_demo_mb']:12.1f} "
      f"{statistics.median(pss):12.1f}")
PY
