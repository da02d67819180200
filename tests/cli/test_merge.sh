#!/bin/sh
# End to end: `ocop-kiosk merge` brings other kiosks' leads in by UUID, flags the same buyer
# asking twice at two kiosks, changes nothing when run again, leaves the other file as it was,
# and refuses a database of a newer schema.
set -u
. "$OCOP_SRC/tests/cli/lib.sh"
a="$T/kiosk-a.db"
b="$T/kiosk-b.db"
fixture="$OCOP_SRC/tests/data/organiser_leads.sql"

for f in "$a" "$b"; do
    "$OCOP" --db "$f" import "$OCOP_SRC/tests/data/organiser_catalog.csv" \
        --capacity "$OCOP_SRC/tests/data/organiser_capacity.csv" >/dev/null
    sqlite3 -bail "$f" <"$fixture"
done
# Kiosk B: lead 1 (seen at both kiosks), the same buyer asking the same thing again at B, and a
# new buyer.
sqlite3 "$b" "DELETE FROM inquiry WHERE id <> '11111111-1111-4111-8111-111111111111';
INSERT INTO inquiry (id, kiosk_id, created_at, buyer_name, buyer_phone, grp, quantity, unit,
  month_from, month_to, consent_share)
VALUES ('55555555-5555-4555-8555-555555555555', 'KIOSK-B', '2026-11-29T07:00:00Z',
  'Nguyen Thi Hoa', '+84912345678', 'food', 600, 'l', '2026-12', '2026-12', 1),
  ('66666666-6666-4666-8666-666666666666', 'KIOSK-B', '2026-11-29T07:30:00Z', 'Võ Văn Tâm',
  '+84911000999', 'beverages', 10, 'l', '2026-12', '2026-12', 0);"
b_sum=$(sha256sum <"$b")

"$OCOP" --db "$a" merge "$b" >"$T/out" 2>&1
expect_status 0 "merge succeeds"
expect_grep "2 new leads, 1 already here, 1 probable duplicate flagged" "$T/out" \
    "merge reports new, present and duplicate leads"
expect_eq "$(sqlite3 "$a" "SELECT COUNT(*) FROM inquiry")" "6" "the new leads came in"
expect_eq "$(sqlite3 "$a" "SELECT duplicate_of FROM inquiry
    WHERE id = '55555555-5555-4555-8555-555555555555'")" \
    "11111111-1111-4111-8111-111111111111" "the same buyer's second inquiry is flagged, not dropped"
expect_eq "$(sqlite3 "$a" "SELECT kiosk_id FROM inquiry
    WHERE id = '66666666-6666-4666-8666-666666666666'")" "KIOSK-B" "merged leads keep their kiosk"
expect_eq "$(sha256sum <"$b")" "$b_sum" "the other kiosk's file is not changed"

before=$(sqlite3 "$a" .dump | sha256sum)
"$OCOP" --db "$a" merge "$b" >"$T/out" 2>&1
expect_status 0 "merging again succeeds"
expect_grep "0 new leads, 3 already here, 0 probable duplicates flagged" "$T/out" \
    "merging again finds nothing new"
expect_eq "$(sqlite3 "$a" .dump | sha256sum)" "$before" "merging twice changes nothing"

# The merged leads export with their duplicate flag.
"$OCOP" --db "$a" export --format csv -o "$T/all.csv" --lang en >/dev/null 2>&1
expect_grep "55555555-5555-4555-8555-555555555555,.*,11111111-1111-4111-8111-111111111111," \
    "$T/all.csv" "the export shows the probable duplicate"

# A database written by a newer ocop-kiosk is refused and left alone.
cp "$b" "$T/newer.db"
sqlite3 "$T/newer.db" "PRAGMA user_version = 99"
newer_sum=$(sha256sum <"$T/newer.db")
before=$(sqlite3 "$a" .dump | sha256sum)
"$OCOP" --db "$a" merge "$T/newer.db" >"$T/out" 2>&1
expect_status 1 "a newer schema is refused"
expect_grep "newer.db: database schema version 99 is newer" "$T/out" "the refusal names file and version"
expect_eq "$(sha256sum <"$T/newer.db")" "$newer_sum" "the newer file is not changed"
expect_eq "$(sqlite3 "$a" .dump | sha256sum)" "$before" "nothing was merged from it"

"$OCOP" --db "$a" merge "$a" >"$T/out" 2>&1
expect_status 1 "merging the database into itself is refused"
"$OCOP" --db "$a" merge "$T/nope.db" >"$T/out" 2>&1
expect_status 1 "a missing file is refused"
expect_grep "nope.db" "$T/out" "the missing file is named"
[ ! -e "$T/nope.db" ]
expect_status 0 "merge does not create a missing file"
"$OCOP" --db "$a" merge >/dev/null 2>&1
expect_status 2 "merge without a file is a usage error"

finish
