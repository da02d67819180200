#!/bin/sh
# test_kill.sh: SIGKILL at random moments during inquire, import, merge (of an older schema:
# through a private copy), allocate --commit, purge and export (issue 13, "keep it that way").
# After every kill: the database passes SQLite's integrity and foreign-key checks, the next
# command works, the private folder holds no copy of another kiosk's leads once the database
# is opened again, and no export is left half-written under its final name or as a temporary
# file after the next export. Bounded: ROUNDS kills per command, each after at most ~0.4 s.
# The random delays come from a seed printed first (KILL_SEED=N repeats a run).
set -u
. "$OCOP_SRC/tests/cli/lib.sh"
ROUNDS=${KILL_ROUNDS:-5}
seed=${KILL_SEED:-$(od -An -N2 -tu2 /dev/urandom | tr -d ' ')}
echo "test_kill: seed $seed, $ROUNDS rounds per command"
n=0
mkdir "$T/tmp"
export TMPDIR="$T/tmp" # nothing of another kiosk may land in a shared temporary folder
left=0
# delay: the next random delay in seconds (0.000-0.399), from the seed.
delay() {
    n=$((n + 1))
    awk -v s="$seed" -v n="$n" 'BEGIN { srand(s * 1000 + n); printf "%.3f", rand() * 0.4 }'
}

DB="$T/fair.db"
"$OCOP" --db "$DB" import "$OCOP_SRC/assets/catalog/catalog.csv" \
    --capacity "$OCOP_SRC/assets/catalog/capacity.csv" >/dev/null 2>&1
# Many leads, so that merge, purge and export take long enough to be killed in the middle.
lead_sql="WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000)
INSERT INTO inquiry (id, kiosk_id, created_at, buyer_name, buyer_phone, grp, quantity, unit,
  base_quantity, base_unit, month_from, month_to, consent_contact, consent_share)
SELECT printf('%08x-0000-4000-8000-%012d', i, i), 'KIOSK-X', '2026-11-01T00:00:00Z',
  'Người mua ' || i, printf('+8491%07d', i), 'food', 5, 'kg', 5, 'kg', '2026-12', '2026-12', 1,
  1 FROM n;"
cp "$DB" "$T/other.db"
sqlite3 "$T/other.db" "$lead_sql"
sqlite3 "$DB" "$(printf '%s' "$lead_sql" | sed 's/KIOSK-X/KIOSK-A/; s/-4000-/-4aaa-/')"
printf '{"buyer": {"name": "A", "phone": "0912345678"}, "group": "food", "quantity": 5,
 "unit": "kg", "months": ["2027-01"], "consent": {"contact": true}}' >"$T/inq.json"

# consistent WHAT: the database is whole after a kill during WHAT.
consistent() {
    expect_eq "$(sqlite3 "$DB" "PRAGMA integrity_check")" ok "$1: integrity_check after the kill"
    expect_eq "$(sqlite3 "$DB" "PRAGMA foreign_key_check" | wc -l)" 0 \
        "$1: foreign keys hold after the kill"
}

# killed WHAT ARGS...: runs ocop-kiosk ARGS in the background and kills it after a random delay.
killed() {
    what=$1
    shift
    "$OCOP" --db "$DB" "$@" <"$T/inq.json" >/dev/null 2>&1 &
    pid=$!
    sleep "$(delay)"
    kill -9 "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    consistent "$what"
}

r=0
while [ "$r" -lt "$ROUNDS" ]; do
    r=$((r + 1))
    killed inquire inquire
    killed import import "$OCOP_SRC/assets/catalog/catalog.csv" \
        --capacity "$OCOP_SRC/assets/catalog/capacity.csv"
    killed merge merge "$T/other.db"
    [ -n "$(ls -A "$T/fair.db-tmp" 2>/dev/null)" ] && left=$((left + 1))
    expect_eq "$(ls -A "$T/tmp" | wc -l)" 0 "merge: nothing in \$TMPDIR"
    # The next start (any read-write open) removes what a killed merge left.
    "$OCOP" --db "$DB" unmet >/dev/null 2>&1
    expect_eq "$(ls -A "$T/fair.db-tmp" 2>/dev/null | wc -l)" 0 \
        "merge: no private copy left once the database is opened again"
    killed "allocate --commit" allocate --commit
    killed purge purge --older-than 400
    [ -f "$T/leads.json" ] && cp "$T/leads.json" "$T/before.json"
    killed export export --format json -o "$T/leads.json"
    if [ -f "$T/leads.json" ]; then
        python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$T/leads.json" 2>/dev/null
        expect_status 0 "export: the file under the final name is whole (JSON parses)"
    fi
    expect_eq "$(ls "$T" | grep -c 'leads.json.tmp-')" 0 "export: no named temporary file"
done

echo "test_kill: $left of $ROUNDS killed merges left a private copy (removed at the next open)"

# After all that, everything still works and the merge is complete.
"$OCOP" --db "$DB" merge "$T/other.db" >"$T/out" 2>&1
expect_status 0 "merge after the kills"
expect_eq "$(sqlite3 "$DB" "SELECT count(*) FROM inquiry WHERE kiosk_id = 'KIOSK-X'")" 3000 \
    "every lead of the other kiosk is there once"
"$OCOP" --db "$DB" export --format csv -o "$T/final.csv" >/dev/null 2>&1
expect_status 0 "export after the kills"
finish
