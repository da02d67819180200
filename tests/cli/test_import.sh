#!/bin/sh
# test_import.sh: `ocop-kiosk import` end to end on temporary databases: exit codes, the
# summary, one line per mistake, and a refused import leaving the database byte-identical.
set -u
: "${OCOP:?set OCOP to the built binary}"
: "${OCOP_SRC:?set OCOP_SRC to the source tree}"

tmp=$(mktemp -d /tmp/ocop-import-XXXXXX)
trap 'rm -rf "$tmp"' EXIT INT TERM
failures=0

fail() {
    echo "FAIL: $*" >&2
    failures=$((failures + 1))
}

# expect_exit CODE DESCRIPTION -- COMMAND...: runs COMMAND with stdout/stderr in $tmp/out, $tmp/err.
expect_exit() {
    want=$1
    what=$2
    shift 3
    "$@" >"$tmp/out" 2>"$tmp/err"
    got=$?
    if [ "$got" -ne "$want" ]; then
        fail "$what: exit $got, expected $want"
        sed 's/^/    stderr: /' "$tmp/err" >&2
    fi
}

# expect_line FILE LINE DESCRIPTION: FILE holds LINE exactly.
expect_line() {
    if ! grep -qxF -- "$2" "$1"; then
        fail "$3: no line '$2' in:"
        sed 's/^/    /' "$1" >&2
    fi
}

db="$tmp/fair.db"
cat="$OCOP_SRC/assets/catalog/catalog.csv"
cap="$OCOP_SRC/assets/catalog/capacity.csv"

# --- usage: exit 2 ---------------------------------------------------------------------------
expect_exit 2 "no catalogue" -- "$OCOP" --db "$db" import
expect_exit 2 "unknown option" -- "$OCOP" --db "$db" import "$cat" --frobnicate
expect_exit 2 "--capacity without a file" -- "$OCOP" --db "$db" import "$cat" --capacity
expect_exit 2 "two catalogues" -- "$OCOP" --db "$db" import "$cat" "$cat"
expect_exit 0 "--help" -- "$OCOP" import --help
grep -q "CAPACITY.csv" "$tmp/out" || fail "--help does not describe the capacity file"
[ -e "$db" ] && fail "a usage error created the database"

# --- the demo catalogue ----------------------------------------------------------------------
expect_exit 0 "demo catalogue" -- "$OCOP" --db "$db" import "$cat" --capacity "$cap"
grep -q "products imported (.* new, 0 updated)" "$tmp/out" || fail "no summary: $(cat "$tmp/out")"
[ -s "$tmp/err" ] && fail "the demo catalogue gave warnings: $(cat "$tmp/err")"
n=$(sed -n 's/.*: \([0-9]*\) products imported.*/\1/p' "$tmp/out")
[ "${n:-0}" -ge 60 ] || fail "only ${n:-0} demo products"

# --capacity=FILE works as well, and a second import updates.
expect_exit 0 "re-import" -- "$OCOP" --db "$db" import "$cat" "--capacity=$cap"
grep -q "(0 new, $n updated), 0 new producers" "$tmp/out" || fail "re-import: $(cat "$tmp/out")"

# --- a file with mistakes is refused and the database is byte-identical ----------------------
cp "$db" "$tmp/before.db"
printf 'code,name_vi,producer,province,stars,group,unit,capacity,cert_date,ghi_chu\n' >"$tmp/bad.csv"
printf 'TV-001,Chả hoa mới,HKD X,Trà Vinh,5,food,cây,10,,\n' >>"$tmp/bad.csv"
printf 'X-2,"Hai\ndòng",HKD X,Trà Vinh,6,food,kg,,,\n' >>"$tmp/bad.csv"
printf 'X-3,Ba,HKD X,Trà Vinh,4,Đồ ăn,kg,-1,2023-02-29,\n' >>"$tmp/bad.csv"
printf 'X-4,Bốn,HKD X,Trà Vinh,4,food,tá,,,\n' >>"$tmp/bad.csv"
printf 'X-2,Năm,HKD X,Trà Vinh,4,food,kg,,,\n' >>"$tmp/bad.csv"
printf 'X-6,,HKD X,Trà Vinh,4,food,kg,,,\n' >>"$tmp/bad.csv"
expect_exit 1 "bad catalogue" -- "$OCOP" --db "$db" import "$tmp/bad.csv"
b="$tmp/bad.csv"
expect_line "$tmp/err" "warning: $b:1: ghi_chu: unknown column, ignored" "unknown column"
expect_line "$tmp/err" "$b:3: stars: \"6\" is not 1–5" "stars"
expect_line "$tmp/err" "$b:5: group: unknown group \"Đồ ăn\" (food, beverages, herbal, textiles, handicrafts, ornamental, tourism, or their Vietnamese names)" "group"
expect_line "$tmp/err" "$b:5: capacity: \"-1\" is negative" "capacity"
expect_line "$tmp/err" "$b:5: cert_date: \"2023-02-29\" is not a date in the calendar" "date"
expect_line "$tmp/err" "$b:6: unit: \"tá\" is too close to the weight unit tạ to be taken as a count: write tạ if that is meant, or another word for a count" "unit"
expect_line "$tmp/err" "$b:7: code: \"X-2\" repeated (first on line 3)" "repeated code"
expect_line "$tmp/err" "$b:8: name_vi: required value missing" "missing value"
[ "$(grep -c "^$b:" "$tmp/err")" -eq 7 ] || fail "expected 7 problems, got: $(cat "$tmp/err")"
[ -s "$tmp/out" ] && fail "a refused import printed a summary"
cmp -s "$db" "$tmp/before.db" || fail "a refused import changed the database file"

# A bad capacity file refuses a good catalogue too.
printf 'code,month,quantity,unit\nTV-001,2027-1,5,cây\nNOPE,2027-01,5,kg\nTV-001,2027-02,5,l\n' >"$tmp/cap.csv"
expect_exit 1 "bad capacity" -- "$OCOP" --db "$db" import "$cat" --capacity "$tmp/cap.csv"
c="$tmp/cap.csv"
expect_line "$tmp/err" "$c:2: month: \"2027-1\" is not a month YYYY-MM" "month"
expect_line "$tmp/err" "$c:3: code: unknown product \"NOPE\" (not in the catalogue file nor the database)" "unknown product"
expect_line "$tmp/err" "$c:4: unit: cannot convert l to kg: the product is measured by weight" "conversion"
cmp -s "$db" "$tmp/before.db" || fail "a refused capacity import changed the database file"

# Refused into a new database: no file is left behind.
expect_exit 1 "bad catalogue into a new database" -- "$OCOP" --db "$tmp/fresh.db" import "$tmp/bad.csv"
[ -e "$tmp/fresh.db" ] && fail "a refused import left a new database file behind"
grep -q "no database was created" "$tmp/err" || fail "refused into a new database: $(tail -1 "$tmp/err")"

expect_exit 1 "missing file" -- "$OCOP" --db "$db" import "$tmp/nope.csv"
expect_line "$tmp/err" "$tmp/nope.csv: cannot read: No such file or directory" "missing file"

# --- BOM, CRLF, quoted newlines, NFD, decimal comma, thousands separators --------------------
printf '\357\273\277name_vi,code,producer,province,stars,group,unit,measure,price_min_vnd,description_vi\r\n' >"$tmp/crlf.csv"
printf 'Ma\314\202\314\243t ong,Y-1,HTX Ong,Bến Tre,4,thuc pham,hũ,"0,5 kg",85.000,"một\r\nhai"\r\n' >>"$tmp/crlf.csv"
printf 'Kẹo,Y-2,HTX Ong,Bến Tre,3,Thực phẩm,gói,200 g,"12,000",\r\n' >>"$tmp/crlf.csv"
expect_exit 0 "BOM and CRLF" -- "$OCOP" --db "$tmp/new.db" import "$tmp/crlf.csv"
grep -q "2 products imported (2 new, 0 updated), 1 new producer, 0 capacity rows" "$tmp/out" ||
    fail "BOM and CRLF: $(cat "$tmp/out")"

if [ "$failures" -ne 0 ]; then
    echo "$failures failure(s)" >&2
    exit 1
fi
echo "test_import: all passed"
