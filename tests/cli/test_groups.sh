#!/bin/sh
# test_groups.sh: one table of product groups (core/catalog.h) for every command: the 2023
# criteria's wording is a group for search, match and inquire alike, and the export names a
# group as the screens do.
# Env: $OCOP (the built binary), $OCOP_SRC (the source tree).
set -u
. "$OCOP_SRC/tests/cli/lib.sh"
export OCOP_DATA_DIR="$OCOP_SRC"
DB="$T/kiosk.db"
"$OCOP" --db "$DB" import "$OCOP_SRC/assets/catalog/catalog.csv" \
    --capacity "$OCOP_SRC/assets/catalog/capacity.csv" >"$T/import.out" 2>&1
expect_status 0 "the demo catalogue imports"

G2023="Dược liệu và sản phẩm từ dược liệu"
"$OCOP" --db "$DB" search --group "$G2023" --json >"$T/search.json" 2>"$T/err"
expect_status 0 "search --group takes the 2023 wording"
"$OCOP" --db "$DB" match --group "$G2023" --qty 1 --unit kg --months 2026-12 --json \
    >"$T/match.json" 2>"$T/err"
expect_status 0 "match --group takes the 2023 wording"
sed 's/^/    | /' "$T/err" | head -3
printf '{"buyer":{"name":"An","phone":"0912345678"},"group":"%s","quantity":1,"unit":"kg","months":["2026-12"],"consent":{"contact":true}}' \
    "$G2023" >"$T/inq.json"
"$OCOP" --db "$DB" inquire --json <"$T/inq.json" >"$T/inq.out" 2>"$T/err"
expect_status 0 "inquire takes the 2023 wording"
sed 's/^/    | /' "$T/err" | head -3
expect_eq "$(sqlite3 "$DB" "SELECT grp FROM inquiry")" "herbal" "stored as the group's key"

# The export names the group as the screens do (catalog_group_name): handicrafts in English.
printf '{"buyer":{"name":"Binh","phone":"0912345679"},"group":"Thủ công mỹ nghệ","quantity":1,"unit":"cái","months":["2026-12"],"consent":{"contact":true}}' \
    >"$T/inq2.json"
"$OCOP" --db "$DB" inquire --json <"$T/inq2.json" >"$T/inq2.out" 2>"$T/err"
expect_status 0 "inquire by handicrafts"
"$OCOP" --db "$DB" export --format csv --lang en -o "$T/leads.csv" >"$T/out" 2>&1
expect_status 0 "export in English"
expect_grep "Handicrafts and souvenirs" "$T/leads.csv" "the export's English group name is the screens'"
expect_grep "Herbal products" "$T/leads.csv" "herbal by its English name"

finish
