#!/bin/sh
# End to end: match, inquire, allocate and unmet on the demo catalogue: JSON shapes, exit
# codes, dry runs that write nothing, --commit that does, and concurrent inquiries that never
# hold more than the free capacity.
set -u
. "$OCOP_SRC/tests/cli/lib.sh"

CAT="$OCOP_SRC/assets/catalog"
DB="$T/fair.db"
"$OCOP" --db "$DB" import "$CAT/catalog.csv" --capacity "$CAT/capacity.csv" >"$T/out" 2>&1
expect_status 0 "the demo catalogue imports"

# --- match ---------------------------------------------------------------------------------
"$OCOP" --db "$DB" match --group "Thực phẩm" --qty 1 --unit tấn --months 2026-12..2027-01 \
    --province "Hà Nội" --json >"$T/match.json" 2>"$T/err"
expect_status 0 "match by group succeeds"
for key in '"requested":1000' '"unit":"tấn"' '"base_unit":"kg"' '"covered":' '"unmet":' \
    '"lines":\[{' '"product":' '"producer":' '"month":"2026-12"' '"quantity":' \
    '"base_quantity":' '"why":"[1-5]★'; do
    expect_grep "$key" "$T/match.json" "match JSON has $key"
done

"$OCOP" --db "$DB" match --product TV-001 --qty 10 --unit cây --months 2026-12 --lang en \
    --json >"$T/m2.json"
expect_status 0 "match by product succeeds"
expect_grep '"base_unit":"kg"' "$T/m2.json" "a product sold by 500 g cây answers in kg"
expect_grep '"requested":5,' "$T/m2.json" "10 cây of 500 g are 5 kg"
expect_grep 'covers 100 %' "$T/m2.json" "the why is in English with --lang en"

"$OCOP" --db "$DB" match --product TV-001 --qty 10 --unit l --months 2026-12 --json >"$T/m3.json"
expect_status 0 "an unconvertible unit is an answer, not a failure"
expect_grep '"reason":"TV-001: tính theo kg, không đổi được sang lít"' "$T/m3.json" \
    "the reason says it cannot convert, in the kiosk's language (no English from the units module)"
"$OCOP" --db "$DB" match --product TV-001 --qty 10 --unit l --months 2026-12 --json --lang en \
    >"$T/m3en.json"
expect_grep '"reason":"TV-001: measured in kg, which cannot be converted to L"' "$T/m3en.json" \
    "and in English with --lang en"
expect_grep '"covered":0' "$T/m3.json" "nothing is covered"

"$OCOP" --db "$DB" match --qty 1 --unit kg --months 2026-12 >"$T/out" 2>&1
expect_status 2 "match without product, group or query is a usage error"
"$OCOP" --db "$DB" match --group food --qty 1 --unit kg --months 2026-13 >"$T/out" 2>&1
expect_status 1 "a bad month is bad input"
expect_grep 'months: "2026-13" is not a month' "$T/out" "the bad month is named"
"$OCOP" --db "$DB" match --group food --qty 1 --unit tá --months 2026-12 >"$T/out" 2>&1
expect_status 1 "a slip of a weight unit is bad input"
expect_grep 'unit:' "$T/out" "the unit field is named"
"$OCOP" --db "$DB" match --group food --qty 1 --unit kg --months 2026-12 --bogus >"$T/out" 2>&1
expect_status 2 "an unknown option is a usage error"

# --- inquire -------------------------------------------------------------------------------
cat >"$T/inq.json" <<'JSON'
{"buyer": {"name": "Nguyễn Văn A", "company": "Cty ABC", "phone": "0912 345 678",
           "email": "a@example.vn", "province": "Hà Nội"},
 "product": "TV-001", "quantity": 100, "unit": "kg", "months": ["2026-12"],
 "min_stars": 3, "lang": "vi", "consent": {"contact": true, "share_with_producers": true}}
JSON
"$OCOP" --db "$DB" inquire --json <"$T/inq.json" >"$T/inq.out"
expect_status 0 "inquire records a valid inquiry"
expect_grep '^{"id":"[0-9a-f]\{8\}-[0-9a-f]\{4\}-4[0-9a-f]\{3\}-[89ab][0-9a-f]\{3\}-[0-9a-f]\{12\}","match":{"requested":100,' \
    "$T/inq.out" "inquire prints a UUID v4 and its match"

"$OCOP" --db "$DB" inquire <"$T/inq.json" >"$T/inq.txt"
expect_status 0 "inquire without --json"
expect_grep '^[0-9a-f]\{8\}-' "$T/inq.txt" "the text form starts with the id"

sed 's/0912 345 678/12ab/' "$T/inq.json" | "$OCOP" --db "$DB" inquire >"$T/out" 2>&1
expect_status 1 "a bad phone number is refused"
expect_grep 'buyer.phone' "$T/out" "the bad field is named"
printf '{"buyer": ' | "$OCOP" --db "$DB" inquire >"$T/out" 2>&1
expect_status 1 "broken JSON is refused"
expect_grep '<stdin>: line 1' "$T/out" "the message says where"
"$OCOP" --db "$DB" inquire extra <"$T/inq.json" >"$T/out" 2>&1
expect_status 2 "an argument to inquire is a usage error"

# --- allocate: dry run writes nothing, --commit does ---------------------------------------
"$OCOP" --db "$DB" allocate --json >"$T/a1.json"
expect_status 0 "allocate dry run"
for key in '"allocated":200' '"cost":' '"allocations":\[{"inquiry":"' '"product":"TV-001"' \
    '"month":"2026-12"' '"base_quantity":' '"base_unit":"kg"' '"inquiries":2' \
    '"committed":false'; do
    expect_grep "$key" "$T/a1.json" "allocate JSON has $key"
done
"$OCOP" --db "$DB" allocate --json >"$T/a2.json"
expect_eq "$(cat "$T/a2.json")" "$(cat "$T/a1.json")" "a dry run changes nothing"
"$OCOP" --db "$DB" allocate --dimacs "$T/inst.min" >/dev/null
expect_status 0 "allocate --dimacs"
expect_grep '^p min ' "$T/inst.min" "the DIMACS file has its problem line"
"$OCOP" --db "$DB" allocate --commit --json >"$T/a3.json"
expect_status 0 "allocate --commit"
expect_grep '"committed":true' "$T/a3.json" "the commit is reported"
"$OCOP" --db "$DB" allocate --json >"$T/a4.json"
expect_grep '"inquiries":0' "$T/a4.json" "after --commit no inquiry is open any more"
"$OCOP" --db "$DB" allocate --frobnicate >"$T/out" 2>&1
expect_status 2 "an unknown allocate option is a usage error"

# --- unmet ---------------------------------------------------------------------------------
"$OCOP" --db "$DB" unmet --json >"$T/u0.json"
expect_status 0 "unmet"
expect_eq "$(cat "$T/u0.json")" '{"items":[]}' "all demand met so far"
sed -e 's/"product": "TV-001"/"group": "Sinh vật cảnh"/' -e 's/"quantity": 100/"quantity": 7/' \
    -e 's/"unit": "kg"/"unit": "tấn"/' "$T/inq.json" >"$T/big.json"
"$OCOP" --db "$DB" inquire --json <"$T/big.json" >/dev/null
"$OCOP" --db "$DB" unmet --json >"$T/u1.json"
expect_grep '{"items":\[{"group":"ornamental","month":"2026-12","base_quantity":[0-9.]*,"base_unit":"kg","inquiries":1}' \
    "$T/u1.json" "unmet lists the group, month, quantity and inquiries"

# --- concurrent inquiries never hold more than the free capacity ---------------------------
# TV-001 in 2027-02: 360 cây of 500 g = 180 kg. Six buyers ask 60 kg each at once; with no
# share cap, together they may hold 180 kg and never more.
printf '[match]\nsmall_producer_capacity = 0\n' >"$T/nocap.ini"
sed -e 's/"2026-12"/"2027-02"/' -e 's/"quantity": 100/"quantity": 60/' "$T/inq.json" >"$T/c.json"
i=0
while [ $i -lt 6 ]; do
    "$OCOP" --db "$DB" --config "$T/nocap.ini" inquire --json <"$T/c.json" >"$T/c$i.out" 2>&1 &
    i=$((i + 1))
done
wait
total=0
i=0
while [ $i -lt 6 ]; do
    c=$(sed -n 's/.*"match":{"requested":60,"unit":"kg","base_unit":"kg","covered":\([0-9.]*\).*/\1/p' "$T/c$i.out")
    if [ -z "$c" ]; then
        fail "concurrent inquire $i printed no match: $(cat "$T/c$i.out")"
        c=0
    fi
    total=$(awk -v a="$total" -v b="$c" 'BEGIN { print a + b }')
    i=$((i + 1))
done
expect_eq "$total" "180" "six concurrent inquiries hold exactly the 180 kg free, not more"

finish
