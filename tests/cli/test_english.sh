#!/bin/sh
# test_english.sh: the kiosk works for a foreign buyer. In English the on-screen keyboard types
# plain letters ("Max Lee" stays "Max Lee") until the visitor turns Vietnamese on, and in
# Vietnamese it composes Telex; an international phone number is accepted and stored as +CC…;
# units have English names and plurals ("10 bottles", never a bare "l"); numbers have the
# language's thousands separators (3,120 / 3.120); "1 product", not "1 products" (screens, and
# the CLI's search, export, import, allocate and merge; `match` and `inquire` print English unit
# names in English and Vietnamese ones in Vietnamese); English cards, pages and result lines
# also show the Vietnamese name. Checked on `shot --texts`.
# Env: $OCOP (the built binary), $OCOP_SRC (the source tree).
set -u
. "$OCOP_SRC/tests/cli/lib.sh"
export OCOP_DATA_DIR="$OCOP_SRC"
export OCOP_NOW=2026-12-05T10:00:00+07:00
TEXTS="$OCOP_SRC/tests/cli/screen_texts.py"
PY=/usr/bin/python3
DB="$T/k.db"
"$OCOP" --db "$DB" import "$OCOP_SRC/assets/catalog/catalog.csv" \
    --capacity "$OCOP_SRC/assets/catalog/capacity.csv" >"$T/import.out" 2>&1
expect_status 0 "the demo catalogue imports"

# check MESSAGE JSON CHECK [ARG]: a screen_texts.py check.
check() {
    msg=$1
    shift
    if $PY "$TEXTS" "$@" >"$T/check.out" 2>&1; then pass; else
        fail "$msg: $(cat "$T/check.out")"
    fi
}

# shot NAME LANG SCREEN [SCRIPT]: renders SCREEN for TV-049 (coconut flower nectar, 500 ml
# bottles) into $T/NAME.png and $T/NAME.json.
shot() {
    script=""
    [ $# -ge 4 ] && script="--script $4"
    # shellcheck disable=SC2086
    "$OCOP" --db "$DB" shot --screen "$3" --size 1280x800 --lang "$2" --product TV-049 \
        -o "$T/$1.png" --texts "$T/$1.json" $script 2>"$T/$1.err"
    expect_status 0 "shot $3 in $2 ($1)"
}

# --- the keyboard's language is its own ------------------------------------------------------
printf 'tap "Name"\ntype "Max Lee"\n' >"$T/name.txt"
shot name_en en inquiry "$T/name.txt"
check "in English the keyboard types plain letters" "$T/name_en.json" has "Max Lee"
check "no Telex in English: no 'Mã Lê'" "$T/name_en.json" lacks "Mã Lê"
check "the keyboard's toggle shows plain typing" "$T/name_en.json" tap "No accents"
printf 'tap "Họ và tên"\ntype "Nguyeenx Max"\n' >"$T/name_vi.txt"
shot name_vi vi inquiry "$T/name_vi.txt"
check "in Vietnamese the keyboard composes Telex" "$T/name_vi.json" has "Nguyễn"
printf 'tap "Name"\ntap "No accents"\ntype "Nguyeenx"\n' >"$T/toggle.txt"
shot toggle en inquiry "$T/toggle.txt"
check "an English visitor who turns Vietnamese on gets Telex" "$T/toggle.json" has "Nguyễn"

# --- an international phone number, through the form, into the lead ---------------------------
cat >"$T/visit.txt" <<'SCRIPT'
tap "Name"
type "Max Lee"
tap "Phone"
type "+49 30 1234567"
tap "Quantity"
type "20"
tap "Done"
tap "Contact me"
tap "Submit"
wait 300
SCRIPT
shot visit en inquiry "$T/visit.txt"
check "the form goes on to the result" "$T/visit.json" has "You need 20 bottles"
"$OCOP" --db "$DB" export --format json -o "$T/leads.json" >"$T/export.out" 2>&1
expect_grep '"phone":[[:space:]]*"+49301234567"' "$T/leads.json" "the German number is stored as +49…"
expect_grep '"name":[[:space:]]*"Max Lee"' "$T/leads.json" "the English name is stored as typed"
expect_grep "exported 1 lead to" "$T/export.out" "the CLI says '1 lead', not '1 leads'"

# --- units, plurals, thousands, both names -----------------------------------------------------
shot product_en en product
check "English unit name and the measure" "$T/product_en.json" has "1 bottle = 500 ml"
check "plural unit with a thousands comma" "$T/product_en.json" has "3,120 bottles"
check "the price per bottle" "$T/product_en.json" has "115,000 ₫ – 138,000 ₫ / bottle"
check "minimum order in bottles" "$T/product_en.json" has "10 bottles"
check "the page shows the Vietnamese name too" "$T/product_en.json" has "Mật hoa dừa"
shot product_vi vi product
check "Vietnamese thousands point" "$T/product_vi.json" has "3.120 chai"
check "Vietnamese prices" "$T/product_vi.json" has "115.000 ₫ – 138.000 ₫ / chai"
shot browse_en en browse
check "English count of products" "$T/browse_en.json" has "66 products"
check "an English card shows the Vietnamese name" "$T/browse_en.json" has "Mật hoa dừa"
shot result_en en result
check "an English result line shows the Vietnamese name" "$T/result_en.json" has "Mật hoa dừa"
check "the result line is not cut" "$T/result_en.json" not-cut
printf 'tap "Search"\ntype "giam mat hoa dua"\ntap "Done"\n' >"$T/one.txt"
shot browse_one en browse "$T/one.txt"
check "one product found is '1 product'" "$T/browse_one.json" has "1 product"
check "never '1 products'" "$T/browse_one.json" lacks "1 products"
"$OCOP" --db "$DB" search "giam mat hoa dua" >"$T/search.out" 2>&1
expect_grep "^1 product$" "$T/search.out" "search says '1 product'"

# --- "1 …", not "1 …s", in every CLI message that counts ---------------------------------------
printf 'code,name_vi,name_en,producer,province,stars,group,unit,capacity,colour\n' >"$T/one.csv"
printf 'ONE-1,Kẹo dừa,Coconut candy,HTX Dừa Cầu Kè,Trà Vinh,4,food,hộp,100,red\n' >>"$T/one.csv"
"$OCOP" --db "$T/one.db" import "$T/one.csv" >"$T/one.out" 2>"$T/one.err"
expect_status 0 "a one-product catalogue imports"
expect_grep ": 1 product imported (1 new, 0 updated), 1 new producer, 1 capacity row, 1 warning$" \
    "$T/one.out" "import counts one product, producer, capacity row and warning in the singular"
cat >"$T/one.json" <<'JSON'
{"buyer": {"name": "Max Lee", "phone": "+49 30 1234567"}, "product": "ONE-1", "quantity": 5,
 "unit": "box", "months": ["2027-01"], "lang": "en",
 "consent": {"contact": true, "share_with_producers": true}}
JSON
"$OCOP" --db "$T/one.db" inquire <"$T/one.json" >"$T/inquire.out" 2>&1
expect_status 0 "one inquiry is recorded"
"$OCOP" --db "$T/one.db" allocate >"$T/allocate.out" 2>&1
expect_status 0 "allocate runs on one inquiry"
expect_grep "^1 open inquiry, 1 offer: allocated " "$T/allocate.out" \
    "allocate says '1 open inquiry, 1 offer'"
head -1 "$T/one.csv" >"$T/header.csv"
"$OCOP" --db "$T/other.db" import "$T/header.csv" >/dev/null 2>&1
"$OCOP" --db "$T/other.db" merge "$T/one.db" >"$T/merge.out" 2>&1
expect_status 0 "merge brings in the one lead"
expect_grep ": 1 new lead, 0 already here, 0 probable duplicates flagged$" "$T/merge.out" \
    "merge says '1 new lead'"

# --- `match` and `inquire` as text: all English or all Vietnamese -------------------------------
printf 'code,name_vi,name_en,producer,province,stars,group,unit,capacity\n' >"$T/cli.csv"
printf 'CLI-1,Kẹo dừa,Coconut candy,HTX Dừa Cầu Kè,Trà Vinh,4,food,hộp,6000\n' >>"$T/cli.csv"
"$OCOP" --db "$T/cli.db" import "$T/cli.csv" >/dev/null 2>&1
expect_status 0 "a catalogue sold by the hộp imports"
"$OCOP" --db "$T/cli.db" match --product CLI-1 --qty 5000 --unit hộp --months 2027-01 --lang en \
    >"$T/match_en.out" 2>&1
expect_status 0 "match in English"
expect_grep "^requested 5,000 pieces, covered 5,000 pieces, unmet 0 pieces$" "$T/match_en.out" \
    "English totals: English words, unit names and thousands commas"
expect_grep "^  2027-01  CLI-1 .* 5,000 boxes  Coconut candy, " "$T/match_en.out" \
    "an English line gives the buyer's hộp as '5,000 boxes'"
expect_no_grep "hộp\|cái\|đáp ứng" "$T/match_en.out" "no Vietnamese unit or word in English output"
"$OCOP" --db "$T/cli.db" match --product CLI-1 --qty 1 --unit hop --months 2027-01 --lang en \
    >"$T/match_one.out" 2>&1
expect_grep " 1 box  " "$T/match_one.out" "one hộp is '1 box', not '1 boxes'"
"$OCOP" --db "$T/cli.db" match --product CLI-1 --qty 5000 --unit box --months 2027-01 --lang vi \
    >"$T/match_vi.out" 2>&1
expect_grep "^yêu cầu 5.000 cái, đáp ứng 5.000 cái, còn thiếu 0 cái$" "$T/match_vi.out" \
    "Vietnamese totals: Vietnamese words, unit names and thousands points"
expect_grep "^  2027-01  CLI-1 .* 5.000 hộp  Kẹo dừa, " "$T/match_vi.out" \
    "a Vietnamese line gives the buyer's box as '5.000 hộp'"
expect_no_grep "requested\|covered\|unmet\|box\|piece" "$T/match_vi.out" \
    "no English word in Vietnamese output"
sed 's/"ONE-1", "quantity": 5,/"CLI-1", "quantity": 1260,/' "$T/one.json" >"$T/cli.json"
"$OCOP" --db "$T/cli.db" inquire <"$T/cli.json" >"$T/inquire_en.out" 2>&1
expect_status 0 "an English inquiry is recorded"
expect_grep "^requested 1,260 pieces, " "$T/inquire_en.out" "inquire's English totals"
expect_grep " 1,260 boxes  Coconut candy, " "$T/inquire_en.out" "inquire's English line"
expect_no_grep "hộp" "$T/inquire_en.out" "no Vietnamese unit in inquire's English output"

finish
