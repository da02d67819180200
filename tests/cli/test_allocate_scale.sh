#!/bin/sh
# At the issue's scale: `ocop-kiosk allocate` end to end (the binary, SQLite reads, classes,
# links, solve, whole units, commit) on 2,000 generated products (catgen, two months of
# capacity) with 10,000 and then 50,000 open inquiries (bench's generator: the database
# `bench --only alloc --keep` leaves). A checker that reads the database itself (not
# allocate's model) verifies every allocation: the inquiry's product or group, minimum stars,
# months, base unit and certificate; free capacity per product and month; no inquiry above
# its quantity; whole sale units; minimum orders per (product, inquiry); the dry run and the
# commit give the same allocations and the commit wrote exactly them.
#
# The issue's goals are 2 s (10,000) and 15 s (50,000) wall clock and 400 MiB on a quiet
# machine; CI shares 2 cores with other jobs, so the time limits here are only sanity
# bounds, several times the goals (the goals themselves are measured by `bench`, README
# "Performance figures"). Memory does not depend on the load: 400 MiB is checked as is,
# except under AddressSanitizer, whose shadow memory and quarantine inflate it; there the
# time bounds are widened and only the 10,000 inquiries are run (`bench --small`), so that
# the test stays near a minute.
set -u
. "$OCOP_SRC/tests/cli/lib.sh"

if ! command -v python3 >/dev/null 2>&1; then
    fail "python3 is not installed (scripts/install-deps.sh --test)"
    finish
    exit 1
fi
asan=0
small=
if grep -q __asan_init "$OCOP"; then
    asan=1
    small=--small
fi

TMPDIR="$T" ASAN_OPTIONS=detect_leaks=0 "$OCOP" bench $small --only alloc --keep --json \
    >"$T/bench.json" 2>"$T/bench.err"
expect_status 0 "bench --only alloc succeeds"
scratch=$(sed -n 's/^bench: scratch directory kept: //p' "$T/bench.err")
DB50="$scratch/alloc-bench.db"
[ -f "$DB50" ]
expect_status 0 "bench keeps its database ($DB50)"
names="allocate_10k_x_2k_s allocate_10k_x_2k_arcs allocate_10k_2k_s"
if [ "$asan" = 0 ]; then
    names="$names allocate_50k_x_2k_s allocate_50k_x_2k_arcs allocate_peak_rss allocate_50k_s"
    expect_no_grep "not reported" "$T/bench.err" "bench's summary finds every allocate figure"
fi
for name in $names; do
    expect_grep "\"$name\"" "$T/bench.json" "bench reports $name"
done

# The 10,000 inquiries: the first generator run (ids bench-1-…); the second added 40,000.
DB10="$T/alloc10k.db"
cp "$DB50" "$DB10"
sqlite3 "$DB10" "DELETE FROM inquiry WHERE id LIKE 'bench-2-%'"
expect_status 0 "the 10,000-inquiry copy is made"

python3 - "$OCOP" "$DB10" "$DB50" "$T/bench.json" "$asan" >"$T/check.out" 2>&1 <<'PY'
import json, math, os, resource, sqlite3, subprocess, sys, time
from collections import defaultdict

ocop, db10, db50, bench_path, asan = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5] == "1"
NOW = "2026-11-29T12:00:00Z"  # the clock of every run (OCOP_NOW), as bench's
slow = 8 if asan else 1
failures = []

def check(ok, what):
    if not ok:
        failures.append(what)
        print("FAIL:", what)

def run(db, *args):
    """Runs allocate; returns (its JSON, wall seconds)."""
    env = dict(os.environ, OCOP_NOW=NOW, ASAN_OPTIONS="detect_leaks=0")
    t0 = time.monotonic()
    p = subprocess.run([ocop, "--db", db, "allocate", "--json", *args], capture_output=True,
                       env=env)
    wall = time.monotonic() - t0
    check(p.returncode == 0, "allocate %s on %s exits 0 (%s)" % (args, db, p.stderr.decode()[-300:]))
    return json.loads(p.stdout), wall

def peak_children_mib():
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024.0

def verify(db, dry, committed, label):
    con = sqlite3.connect(db)
    con.row_factory = sqlite3.Row
    prod = {r["code"]: r for r in con.execute(
        "SELECT id, code, grp, stars, measure, base_unit, base_per_unit, COALESCE(moq, 0) AS moq,"
        " cert_expiry FROM product")}
    inq = {r["id"]: r for r in con.execute(
        "SELECT id, product_code, grp, query, base_quantity, base_unit, month_from, month_to,"
        " COALESCE(min_stars, 0) AS min_stars, COALESCE(max_price_vnd, 0) AS max_price, status"
        " FROM inquiry")}
    cap = {(r[0], r[1]): r[2] for r in con.execute(
        "SELECT product_id, month, base_quantity FROM capacity")}
    check(con.execute("SELECT COUNT(*) FROM hold WHERE kind = 'instant'").fetchone()[0] == 0,
          "%s: the generated database has no instant holds (the checker assumes so)" % label)
    # The committed rows, exactly as stored.
    rows = [(r[0], r[1], r[2], r[3]) for r in con.execute(
        "SELECT h.inquiry_id, p.code, h.month, h.base_quantity FROM hold h"
        " JOIN product p ON p.id = h.product_id WHERE h.kind = 'batch'")]
    check(len(rows) == len(dry["allocations"]),
          "%s: the commit wrote %d rows for %d allocations" % (label, len(rows), len(dry["allocations"])))
    key = lambda a: (a["inquiry"], a["product"], a["month"])
    check(sorted(map(key, dry["allocations"])) == sorted(map(key, committed["allocations"])) and
          [a["base_quantity"] for a in sorted(dry["allocations"], key=key)] ==
          [a["base_quantity"] for a in sorted(committed["allocations"], key=key)],
          "%s: the dry run and the commit give the same allocations" % label)
    stored = {(i, c, m): q for i, c, m, q in rows}
    for a in committed["allocations"]:
        q = stored.get(key(a))
        check(q is not None and abs(q - a["base_quantity"]) <= 0.0005,
              "%s: allocation %s is stored as printed" % (label, key(a)))
    used = defaultdict(float)
    got = defaultdict(float)
    pair = defaultdict(float)
    bad = 0
    total = 0.0
    for i, code, month, q in rows:
        p, r = prod[code], inq[i]
        total += q
        eligible = (
            q > 0 and r["base_unit"] == p["base_unit"] and
            (r["product_code"] == code if r["product_code"] else True) and
            (r["grp"] == p["grp"] if r["grp"] else True) and
            r["query"] is None and p["stars"] >= r["min_stars"] and
            r["month_from"] <= month <= r["month_to"] and
            (not p["cert_expiry"] or p["cert_expiry"] >= NOW[:10]) and
            r["status"] == "allocated")
        if (p["measure"] or p["base_unit"] == "piece"):
            units = q / p["base_per_unit"]
            eligible = eligible and abs(units - round(units)) <= 1e-6 * max(1.0, units)
        if not eligible and bad < 5:
            print("not eligible or not whole units:", i, code, month, q, dict(p), dict(r))
        bad += not eligible
        used[(p["id"], month)] += q
        got[i] += q
        pair[(i, code)] += q
    check(bad == 0, "%s: %d allocations break eligibility, whole units or status" % (label, bad))
    over_cap = [k for k, v in used.items()
                if v > cap.get(k, cap.get((k[0], "*"), 0.0)) * (1 + 1e-9) + 1e-6]
    check(not over_cap, "%s: capacity exceeded on %s" % (label, over_cap[:5]))
    over_q = [i for i, v in got.items() if v > inq[i]["base_quantity"] * (1 + 1e-9) + 1e-6]
    check(not over_q, "%s: inquiries above their quantity: %s" % (label, over_q[:5]))
    below_moq = [k for k, v in pair.items()
                 if v < prod[k[1]]["moq"] * prod[k[1]]["base_per_unit"] * (1 - 1e-9) - 1e-6]
    check(not below_moq, "%s: below the minimum order: %s" % (label, below_moq[:5]))
    check(abs(total - dry["allocated"]) <= 0.001 * max(1, len(rows)),
          "%s: allocated %.3f is the sum of the rows %.3f" % (label, dry["allocated"], total))
    check(dry["bound"] >= dry["allocated"] - 1e-6 and abs(dry["gap"] - (dry["bound"] - dry["allocated"])) < 0.01,
          "%s: bound %.3f ≥ allocated %.3f, gap their difference" % (label, dry["bound"], dry["allocated"]))
    # The issue's rule where no MIP can be solved: the gap is at most one sale unit per
    # (inquiry, product) pair used (a product sold by kg or l without a measured unit is
    # allocated in whole grams or millilitres: its unit is 0.001).
    allowance = sum(prod[c]["base_per_unit"] if (prod[c]["measure"] or prod[c]["base_unit"] == "piece")
                    else 0.001 for (_, c) in pair)
    check(dry["gap"] <= allowance + 1e-6, "%s: gap %.3f within one sale unit per (inquiry, product) "
          "pair used (%d pairs, %.3f)" % (label, dry["gap"], len(pair), allowance))
    # Whole units and minimum orders cost little here (measured: 31.5 of 3.87 million base units
    # at 10k, 82 at 50k): a rounding or repair regression shows as a gap far above that.
    check(dry["gap"] <= 1e-4 * dry["bound"], "%s: gap %.2f within 0.01 %% of the bound %.1f" %
          (label, dry["gap"], dry["bound"]))
    # The objective (cost + penalties) is never below the relaxation's; proven is said only
    # with the total proven too.
    check(dry["objective_gap"] >= 0, "%s: objective gap %s not negative" % (label, dry["objective_gap"]))
    check(not dry["objective_proven"] or dry["total_proven"],
          "%s: objective proven without the total" % label)
    # Every inquiry that got something is marked allocated; the others stay open.
    for i, r in inq.items():
        if (r["status"] == "allocated") != (got[i] > 0):
            check(False, "%s: inquiry %s is %s with %.3f allocated" % (label, i, r["status"], got[i]))
            break
    print("%s: %d (inquiry, product) pairs, one sale unit each %.3f" % (label, len(pair), allowance))
    print("%s: %d allocations, allocated %.2f, bound %.2f, gap %.2f, certified %s, total_proven %s, "
          "objective_proven %s, objective_gap %d" %
          (label, len(rows), dry["allocated"], dry["bound"], dry["gap"], dry["certified"], dry["total_proven"],
           dry["objective_proven"], dry["objective_gap"]))

runs = [(db10, "10k x 2k", 2, 10000)] + ([] if asan else [(db50, "50k x 2k", 15, 50000)])
for db, label, goal_s, n in runs:
    dry, wall = run(db)
    peak = peak_children_mib()
    check(dry["inquiries"] == n, "%s: %d inquiries in the model" % (label, dry["inquiries"]))
    print("%s: dry run %.2f s wall (goal %d s on a quiet machine), peak RSS so far %.0f MiB, "
          "%d arcs, %d classes" % (label, wall, goal_s, peak, dry["arcs"], dry["classes"]))
    # Sanity bounds, not the goals: CI shares 2 cores (see the header).
    check(wall < 5 * goal_s * slow, "%s: the dry run took %.1f s" % (label, wall))
    if not asan:
        check(peak < 400, "%s: peak RSS %.0f MiB under 400 MiB" % (label, peak))
    committed, _ = run(db, "--commit")
    check(committed["committed"] is True, "%s: --commit commits" % label)
    verify(db, dry, committed, label)

bench = {m["name"]: m["value"] for m in json.load(open(bench_path))["metrics"]}
for name, goal in (("allocate_10k_x_2k_s", 2),) + ((("allocate_50k_x_2k_s", 15),) if not asan else ()):
    check(0 < bench[name] < 5 * goal * slow, "bench %s = %.2f s" % (name, bench[name]))
if not asan:
    check(bench["allocate_peak_rss"] < 400, "bench peak RSS %.0f MiB" % bench["allocate_peak_rss"])
print("ok" if not failures else "%d failures" % len(failures))
PY
sed 's/^/    /' "$T/check.out"
expect_grep "^ok" "$T/check.out" "allocate at scale keeps every invariant"
rm -rf "$scratch"

finish
