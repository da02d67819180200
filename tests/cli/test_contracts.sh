#!/bin/sh
# test_contracts.sh: the command-line and file contracts of DESIGN §3 and §5 that others' tests
# and organisers' scripts rely on, checked as an outsider would: one named check per relied-on
# option, exit status, JSON key and file rule. Exit status: 0 success, 1 bad input or failed
# work (a message on stderr, nothing half-written), 2 usage. `--json` prints one JSON document.
set -u
. "$OCOP_SRC/tests/cli/lib.sh"

DB="$T/fair.db"

# run NAME ARGS...: runs the binary; stdout in $T/out, stderr in $T/err, status in $rc.
run() {
    "$OCOP" "$@" >"$T/out" 2>"$T/err"
    rc=$?
}

# expect_rc CODE MESSAGE: checks $rc of the last `run`.
expect_rc() {
    if [ "$rc" -eq "$1" ]; then pass; else
        fail "$2 (exit $rc, wanted $1)"
        sed 's/^/    stderr| /' "$T/err" | head -5
    fi
}

# expect_one_json MESSAGE: stdout of the last `run` is exactly one JSON object on one line.
expect_one_json() {
    if [ "$(wc -l <"$T/out")" -eq 1 ] && grep -q '^{.*}$' "$T/out"; then pass; else
        fail "$1: stdout is not one JSON document"
        head -c 300 "$T/out" | sed 's/^/    stdout| /'
    fi
}

# expect_keys MESSAGE KEY...: stdout of the last `run` holds "KEY": for every KEY.
expect_keys() {
    what=$1
    shift
    for key in "$@"; do
        expect_grep "\"$key\":" "$T/out" "$what has \"$key\""
    done
}

dump() { sqlite3 "$1" .dump; }

# --- a catalogue as spreadsheets write it: BOM, CRLF, quoting, shuffled columns, an unknown
# column, accented / unaccented / English groups, decimal comma, thousands separators ---------
printf '\357\273\277unit,stars,group,province,producer,name_vi,code,ghi_chu,measure,price_min_vnd,capacity,capacity_unit\r\n' >"$T/cat.csv"
printf 'kg,4,Thực phẩm,Sóc Trăng,HTX Lúa,"Gạo ""thơm"", ST25",K1,x,,20.000,800,kg\r\n' >>"$T/cat.csv"
printf 'chai,5,thuc pham,Kiên Giang,HTX Mắm,Nước mắm,L1,x,500 ml,"50,000",1000,chai\r\n' >>"$T/cat.csv"
printf 'cái,3,handicrafts,Hà Nội,HTX Tre,Giỏ tre,P1,x,,150000,200,cái\r\n' >>"$T/cat.csv"
printf 'hộp,4,Đồ uống,Đồng Tháp,HTX Sen,Trà sen,H1,x,"0,25 kg",90000,400,hộp\r\n' >>"$T/cat.csv"
printf 'code,month,quantity,unit\nK1,2026-12,"1,5",tấn\n' >"$T/cap.csv"

run import --db "$DB" "$T/cat.csv" --capacity "$T/cap.csv"
expect_rc 0 "import: --db after the subcommand; BOM, CRLF, quotes, any column order"
expect_grep "4 products imported (4 new, 0 updated), 4 new producers, 5 capacity rows" "$T/out" \
    "import: the summary counts products, producers and capacity rows"
expect_grep "^warning: $T/cat.csv:1: ghi_chu: unknown column, ignored$" "$T/err" \
    "import: an unknown column is a warning naming FILE:LINE: column"
expect_eq "$(sqlite3 "$DB" "SELECT group_concat(code || '=' || grp || '/' || price_min_vnd || '/' || base_per_unit, ' ') FROM (SELECT * FROM product ORDER BY code)")" \
    "H1=beverages/90000/0.25 K1=food/20000/1.0 L1=food/50000/0.5 P1=handicrafts/150000/1.0" \
    "import: groups by name or key, decimal comma measures, thousands separators in prices"
expect_eq "$(sqlite3 "$DB" "SELECT name_vi FROM product WHERE code = 'K1'")" 'Gạo "thơm", ST25' \
    "import: RFC 4180 quotes and commas inside a field"

cp "$DB" "$T/before.db"
printf 'code,name_vi,producer,province,stars,group,unit\nX1,Gạo,P,Hà Nội,6,food,kg\nX2,G\377o,P,Hà Nội,4,food,kg\n' >"$T/bad.csv"
printf 'code,month,quantity,unit\nK1,2026-13,5,kg\nK1,2027-01,-5,kg\nK1,2027-02,1e309,kg\n' >"$T/badcap.csv"
run --db "$DB" import "$T/bad.csv" --capacity "$T/badcap.csv"
expect_rc 1 "import: bad rows are bad input"
expect_grep "^$T/bad.csv:2: stars: " "$T/err" "import: FILE:LINE: column: reason (stars)"
expect_grep "^$T/bad.csv:3: name_vi: malformed UTF-8" "$T/err" "import: invalid UTF-8 is reported"
expect_grep "^$T/badcap.csv:2: month: " "$T/err" "import: capacity month 2026-13 is refused"
expect_grep "^$T/badcap.csv:3: quantity: .*negative" "$T/err" "import: a negative capacity is refused"
expect_grep "^$T/badcap.csv:4: quantity: " "$T/err" "import: 1e309 is not a number"
cmp -s "$DB" "$T/before.db"
expect_status 0 "import: a refused import leaves the database byte-identical"
: >"$T/empty.csv"
run --db "$DB" import "$T/empty.csv"
expect_rc 1 "import: an empty file is bad input"
printf 'code,name_vi,producer,province,stars,group,unit\r\n' >"$T/header.csv"
run --db "$DB" import "$T/header.csv"
expect_rc 0 "import: a header-only file imports nothing and succeeds"

# --- --db everywhere, the default database, files that are not databases -------------------
for cmd in kiosk import search match inquire allocate unmet export merge set-pin purge type \
    shot bench; do
    run "$cmd" --help
    expect_rc 0 "$cmd --help"
    expect_grep "^Usage: ocop-kiosk" "$T/out" "$cmd --help prints its usage on stdout"
done
run no-such-command
expect_rc 2 "an unknown command is a usage error"

mkdir "$T/home"
printf '[kiosk]\ndatabase = %s\n' "$DB" >"$T/kiosk.ini"
(cd "$T/home" && "$OCOP" --config "$T/kiosk.ini" search --json Gạo >"$T/out" 2>"$T/err")
expect_grep '"total":1,' "$T/out" "the database comes from kiosk.ini when --db is absent"
(cd "$T/home" && "$OCOP" search --json >"$T/out" 2>"$T/err")
expect_grep '"total":[1-9][0-9]' "$T/out" "no --db and no kiosk.ini: ocop-kiosk.db with the demo"
[ -f "$T/home/ocop-kiosk.db" ]
expect_status 0 "the embedded default database is ocop-kiosk.db in the working directory"

mkdir "$T/adir"
for db in "$T/adir" "$T/missing/x.db"; do
    run --db "$db" search --json x
    expect_rc 1 "--db $db: search fails"
    expect_grep "$db" "$T/err" "--db $db: the message names the file"
    expect_eq "$(wc -c <"$T/out")" "0" "--db $db: nothing on stdout"
    run --db "$db" inquire --json </dev/null
    expect_rc 1 "--db $db: inquire fails"
done
[ ! -e "$T/missing" ]
expect_status 0 "a --db in a missing folder creates nothing"

# --- search ---------------------------------------------------------------------------------
run --db "$DB" search --json gao
expect_rc 0 "search --json"
expect_one_json "search --json"
expect_keys "search" total results code name_vi name_en stars group producer province
expect_grep '"total":1,' "$T/out" "search: accent-free text finds accented names"
run search --json "--db=$DB" gao
expect_grep '"total":1,' "$T/out" "--db=FILE works too, after the subcommand"
run --db "$DB" search --min-stars 5 --group "Thực phẩm" --province "Kien Giang" --json
expect_grep '"total":1,"results":\[{"code":"L1"' "$T/out" "search: --min-stars, --group, --province"
run --db "$DB" search --json "$(printf 'g\377o')"
expect_rc 1 "search: an invalid UTF-8 query is bad input"
run --db "$DB" search --min-stars
expect_rc 2 "search: --min-stars without a value is a usage error"

# --- match ----------------------------------------------------------------------------------
run --db "$DB" match --product K1 --qty 2 --unit tấn --months 2026-12 --json
expect_rc 0 "match --product"
expect_one_json "match --json"
expect_keys "match" requested unit base_unit covered unmet lines product producer month quantity \
    base_quantity why
# 1,5 tấn declared; a small producer (under 5 t a month) is promised at most 50 % of it.
expect_grep '^{"requested":2000,"unit":"tấn","base_unit":"kg","covered":750,"unmet":1250,' \
    "$T/out" "match: requested/covered/unmet in base units"
expect_grep '"month":"2026-12","quantity":0.75,"unit":"tấn","base_quantity":750,"why":"4★' \
    "$T/out" "match: a line's quantity in the asked unit, base_quantity in the base unit, why"

for u in "tấn 2000" "tan 2000" "ton 2000" "yến 20" "tạ 200" "g 0.002" "kg 2"; do
    run --db "$DB" match --group food --qty 2 --unit "${u% *}" --months 2026-12 --json
    expect_grep "^{\"requested\":${u#* },\"unit\":\"${u% *}\",\"base_unit\":\"kg\"" "$T/out" \
        "match: 2 ${u% *} is ${u#* } kg"
done
run --db "$DB" match --product L1 --qty 1500 --unit ml --months 2026-12 --json
expect_grep '"requested":1.5,"unit":"ml","base_unit":"l","covered":1.5,' "$T/out" \
    "match: ml to l through the product's chai of 500 ml"
run --db "$DB" match --product L1 --qty 3 --unit chai --months 2027-01 --json
expect_grep '"requested":1.5,"unit":"chai","base_unit":"l","covered":1.5' "$T/out" \
    "match: a count unit converts through the product's measure"
run --db "$DB" match --query "tra sen" --qty 1 --unit kg --months 2026-12..2027-01 --json
expect_grep '"requested":1,"unit":"kg","base_unit":"kg","covered":1,' "$T/out" \
    "match --query with a month window: kg from hộp of 0,25 kg"
run --db "$DB" match --product P1 --qty 2 --unit kg --months 2026-12 --json
expect_rc 0 "match: an unconvertible inquiry is an answer"
expect_grep '"covered":0,"unmet":2,"lines":\[\],"reason":"P1: bán theo «cái», không đổi được sang «kg»"' \
    "$T/out" "match: kg of a piece product with no weight is told so, not guessed"
run --db "$DB" match --group food --qty 5 --unit kg --months 2026-12 --province "Sóc Trăng" \
    --min-stars 4 --max-price 30000 --json
expect_grep '"lines":\[{"product":"K1".*"why":"4★ · [^"]*cùng tỉnh' "$T/out" \
    "match: --province, --min-stars, --max-price"
run --db "$DB" match --product L1 --qty 0.3 --unit l --months 2026-12 --lang en --json
expect_grep '"reason":"The quantity is less than one sale unit' "$T/out" \
    "match: less than one bottle is not called 'no free capacity'"

for bad in "--months 2026-13" "--months 2026-12.." "--months 2027-01..2026-12" "--qty -5" \
    "--qty 1e309" "--qty 0" "--unit tá"; do
    # shellcheck disable=SC2086
    run --db "$DB" match --group food --qty 1 --unit kg --months 2026-12 $bad --json
    expect_rc 1 "match $bad is bad input"
    expect_grep "^ocop-kiosk: match: .*\(months\|qty\|quantity\|unit\)" "$T/err" \
        "match $bad: the message names the field"
done
run --db "$DB" match --query "$(printf 'tr\377')" --qty 1 --unit kg --months 2026-12 --json
expect_rc 1 "match: an invalid UTF-8 --query is bad input"
run --db "$DB" match --qty 1 --unit kg --months 2026-12
expect_rc 2 "match without --product/--group/--query is a usage error"
run --db "$DB" match --group food --qty 1 --unit kg --months 2026-12 --bogus
expect_rc 2 "match: an unknown option is a usage error"

# --- inquire: the DESIGN example, with one of product / group / query -------------------------
cat >"$T/inq.json" <<'JSON'
{"buyer": {"name": "Nguyễn Văn A", "company": "Cty ABC", "phone": "0912 345 678", "email": "a@example.vn", "province": "Hà Nội"},
 "product": "K1",
 "quantity": 2, "unit": "tấn", "months": ["2026-12", "2027-02"],
 "min_stars": 4, "max_price_vnd": 90000, "note": "giao Hà Nội", "lang": "vi",
 "consent": {"contact": true, "share_with_producers": true}}
JSON
run --db "$DB" inquire --json <"$T/inq.json"
expect_rc 0 "inquire: the DESIGN example"
expect_one_json "inquire --json"
expect_grep '^{"id":"[0-9a-f]\{8\}-[0-9a-f]\{4\}-[0-9a-f]\{4\}-[0-9a-f]\{4\}-[0-9a-f]\{12\}","match":{"requested":2000,"unit":"tấn","base_unit":"kg","covered":' \
    "$T/out" "inquire: {\"id\": uuid, \"match\": {…as match…}}"
id=$(sed -n 's/^{"id":"\([^"]*\)".*/\1/p' "$T/out")
expect_eq "$(sqlite3 "$DB" "SELECT buyer_phone || ' ' || month_from || '..' || month_to FROM inquiry WHERE id = '$id'")" \
    "+84912345678 2026-12..2027-02" "inquire: phone normalised to +84…, months a two-element window"
expect_eq "$(sqlite3 "$DB" "SELECT count(*) > 0 FROM hold WHERE inquiry_id = '$id' AND kind = 'instant'")" \
    "1" "inquire: instant holds are placed"
sed -e 's/"product": "K1"/"group": "Đồ uống"/' -e 's/\["2026-12", "2027-02"\]/["2027-01"]/' \
    -e 's/"tấn"/"kg"/' "$T/inq.json" >"$T/inq_group.json"
run --db "$DB" inquire --json <"$T/inq_group.json"
expect_grep '"match":{"requested":2,"unit":"kg"' "$T/out" "inquire: by group, one-element months"
sed -e 's/"product": "K1"/"query": "nuoc mam"/' -e 's/"tấn"/"l"/' "$T/inq.json" >"$T/inq_query.json"
run --db "$DB" inquire --json <"$T/inq_query.json"
expect_grep '"match":{"requested":2,"unit":"l","base_unit":"l"' "$T/out" "inquire: by query"

n_before=$(sqlite3 "$DB" "SELECT count(*) FROM inquiry")
# FIELD|SED: the field the message must name, and how to spoil the example.
for case in 'buyer.phone|s/"0912 345 678"/"12ab"/' 'months.0.|s/"2026-12", "2027-02"/"2026-13"/' \
    'quantity|s/"quantity": 2/"quantity": -2/' 'quantity|s/"quantity": 2/"quantity": 1e309/' \
    'min_stars|s/"min_stars": 4/"min_stars": 9/' \
    'product|s/"product": "K1"/"product": "K1", "group": "food"/' \
    'consent.contact|s/"contact": true/"contact": "yes"/' \
    "buyer.name|s/Nguyễn/$(printf 'Ng\377')/"; do
    sed "${case#*|}" "$T/inq.json" >"$T/badinq.json"
    run --db "$DB" inquire --json <"$T/badinq.json"
    expect_rc 1 "inquire: a bad ${case%%|*} is bad input"
    expect_grep "^ocop-kiosk: inquire: <stdin>: ${case%%|*}: " "$T/err" \
        "inquire: the bad field ${case%%|*} is named"
done
(cat "$T/inq.json" && echo '{}') >"$T/two.json"
run --db "$DB" inquire --json <"$T/two.json"
expect_rc 1 "inquire: text after the JSON document is bad input"
run --db "$DB" inquire --json </dev/null
expect_rc 1 "inquire: empty input is bad input"
expect_eq "$(sqlite3 "$DB" "SELECT count(*) FROM inquiry")" "$n_before" \
    "inquire: refused inquiries write nothing"
run --db "$DB" inquire extra <"$T/inq.json"
expect_rc 2 "inquire: an argument is a usage error"

# --- allocate and unmet -----------------------------------------------------------------------
# 500 hộp of beverages: a count by group, held in H1's kg (hộp of 0,25 kg): 200 hộp (half of a
# small producer's 400). The batch cannot re-allocate such a hold; it must not drop it either.
sed -e 's/"product": "K1"/"group": "Đồ uống"/' -e 's/\["2026-12", "2027-02"\]/["2027-03"]/' \
    -e 's/"quantity": 2/"quantity": 500/' -e 's/"tấn"/"hộp"/' "$T/inq.json" >"$T/inq_boxes.json"
run --db "$DB" inquire --json <"$T/inq_boxes.json"
expect_grep '"match":{"requested":500,"unit":"hộp","base_unit":"piece","covered":200,' "$T/out" \
    "inquire: 500 hộp by group are counted in pieces, 200 held"
boxes=$(sed -n 's/^{"id":"\([^"]*\)".*/\1/p' "$T/out")
dump "$DB" >"$T/dump1"
run --db "$DB" allocate --json
expect_rc 0 "allocate --json (dry run)"
expect_one_json "allocate --json"
expect_keys "allocate" allocated cost allocations inquiry product month base_quantity base_unit
dump "$DB" >"$T/dump2"
cmp -s "$T/dump1" "$T/dump2"
expect_status 0 "allocate: a dry run writes nothing (dump before = after)"
run --db "$DB" allocate --commit --json
expect_rc 0 "allocate --commit"
expect_grep '"committed":true' "$T/out" "allocate --commit says it committed"
expect_eq "$(sqlite3 "$DB" "SELECT count(*) > 0 FROM hold WHERE kind = 'batch'")" "1" \
    "allocate --commit writes batch allocations"
expect_eq "$(sqlite3 "$DB" "SELECT sum(base_quantity) FROM hold WHERE inquiry_id = '$boxes'")" \
    "50.0" "allocate --commit keeps the 200 hộp (50 kg) it cannot re-allocate"
run --db "$DB" allocate --frobnicate
expect_rc 2 "allocate: an unknown option is a usage error"

sed -e 's/"product": "K1"/"group": "Sinh vật cảnh"/' "$T/inq.json" >"$T/inq_none.json"
"$OCOP" --db "$DB" inquire <"$T/inq_none.json" >/dev/null 2>&1
run --db "$DB" unmet --json
expect_rc 0 "unmet --json"
expect_one_json "unmet --json"
expect_keys "unmet" items month base_quantity base_unit inquiries
expect_grep '{"group":"ornamental","month":"2026-12","base_quantity":[0-9.]*,"base_unit":"kg","inquiries":1}' \
    "$T/out" "unmet: by group and month, in base units, with the number of inquiries"
expect_grep '{"group":"beverages","month":"2027-03","base_quantity":300,"base_unit":"piece","inquiries":1}' \
    "$T/out" "unmet: the 500 hộp less the 200 still held"
run --db "$DB" unmet extra
expect_rc 2 "unmet: an argument is a usage error"

# --- export, merge, set-pin, purge ----------------------------------------------------------
run --db "$DB" export --format json -o "$T/leads.json"
expect_rc 0 "export --format json"
for key in leads id created_at kiosk buyer name company phone email province product group \
    query quantity unit months min_stars consent contact share_with_producers match; do
    expect_grep "\"$key\":" "$T/leads.json" "export json has \"$key\""
done
expect_grep '"phone":[[:space:]]*"+84912345678"' "$T/leads.json" "export json: the normalised phone"
run --db "$DB" export --format csv -o "$T/leads.csv"
expect_rc 0 "export --format csv"
expect_eq "$(head -c 3 "$T/leads.csv" | od -An -tx1 | tr -d ' ')" "efbbbf" "export csv starts with a BOM"
run --db "$DB" export --format xlsx -o "$T/leads.xlsx"
expect_eq "$(head -c 2 "$T/leads.xlsx")" "PK" "export xlsx is a zip (Office Open XML)"
run --db "$DB" export --format csv --new -o "$T/new.csv"
expect_grep "exported 0 leads" "$T/out" "export --new: nothing new after the exports above"
run --db "$DB" export --format csv --since 2000-01-01 -o "$T/since.csv"
expect_rc 0 "export --since"
run --db "$DB" export --format csv --split producer -o "$T/split"
expect_rc 0 "export --split producer"
[ -d "$T/split" ]
expect_status 0 "export --split writes a folder"
run --db "$DB" export --format csv --since 2000-01-01 --new -o "$T/x.csv"
expect_rc 2 "export: --since with --new is a usage error"
run --db "$DB" export --format pdf -o "$T/x.pdf"
expect_rc 2 "export: an unknown format is a usage error"
run --db "$DB" export --format=json "--output=$T/eq.json"
expect_rc 0 "export takes --option=value like the other commands"
expect_grep '"leads":' "$T/eq.json" "export --format=json wrote JSON"
run --db "$DB" export --format
expect_rc 2 "export: an option without its value is a usage error"

head -1 "$OCOP_SRC/assets/catalog/catalog.csv" >"$T/header.csv" # only import creates one
"$OCOP" --db "$T/other.db" import "$T/header.csv" >/dev/null 2>&1
"$OCOP" --db "$T/other.db" inquire <"$T/inq_group.json" >/dev/null 2>&1
run --db "$DB" merge "$T/other.db"
expect_grep "1 new lead," "$T/out" "merge brings in the other kiosk's lead"
run --db "$DB" merge "$T/other.db"
expect_grep "0 new leads, 1 already here" "$T/out" "merge twice: no duplicates"
run --db "$DB" merge "$T/empty.csv"
expect_rc 1 "merge: a file that is not a database is bad input"
run --db "$DB" merge
expect_rc 2 "merge: no file is a usage error"

echo 2468 | "$OCOP" --db "$DB" set-pin >/dev/null 2>&1
expect_status 0 "set-pin reads the PIN from standard input"
expect_grep '^\$argon2id\$' "$(sqlite3 "$DB" "SELECT value FROM setting WHERE key = 'organiser_pin_hash'" >"$T/pin" && echo "$T/pin")" \
    "set-pin stores an Argon2id hash"
run --db "$DB" set-pin 2468
expect_rc 2 "set-pin: a PIN on the command line is a usage error"

sqlite3 "$DB" "UPDATE inquiry SET created_at = '2026-01-01T00:00:00Z' WHERE id = '$id'"
run --db "$DB" purge --older-than=36500
expect_rc 0 "purge takes --older-than=DAYS too"
run --db "$DB" purge --older-than
expect_rc 2 "purge: --older-than without a number is a usage error"
run --db "$DB" purge --older-than 30
expect_rc 0 "purge --older-than 30"
expect_eq "$(sqlite3 "$DB" "SELECT count(buyer_name) || ' ' || count(*) FROM inquiry WHERE id = '$id'")" \
    "0 1" "purge removes the old lead's name and keeps the anonymous lead"
expect_eq "$(sqlite3 "$DB" "SELECT count(*) > 0 FROM inquiry WHERE buyer_name IS NOT NULL")" "1" \
    "purge keeps the names of newer leads"
run --db "$DB" purge --older-than -1
expect_rc 2 "purge: a negative number of days is a usage error"
if [ "$(id -u)" -ne 0 ]; then
    cp "$DB" "$T/ro.db"
    chmod 444 "$T/ro.db"
    run --db "$T/ro.db" purge --older-than 0
    expect_rc 1 "purge on a read-only database fails"
    expect_eq "$(wc -c <"$T/out")" "0" "purge: no success line when it failed"
    run --db "$T/ro.db" export --format csv -o "$T/ro.csv"
    expect_rc 1 "export from a read-only database fails"
    [ ! -e "$T/ro.csv" ]
    expect_status 0 "export: a read-only database is refused before the file is written"
fi

# --- type, shot -----------------------------------------------------------------------------
run type 'Maajt hoa duwfa '
expect_eq "$(cat "$T/out")" "Mật hoa dừa " "type: Telex, trailing space commits"
expect_eq "$(od -An -tx1 "$T/out" | tr -d ' \n' | cut -c1-10)" "4de1baad74" \
    "type prints NFC (ậ is one code point)"
run type --ime vni --style new 'hoa2 '
expect_eq "$(cat "$T/out")" "hoà " "type --ime vni --style new"
run type "$(printf 'a\377')"
expect_rc 1 "type: an invalid UTF-8 argument is bad input"
run type --ime klingon a
expect_rc 2 "type: an unknown --ime is a usage error"

run --db "$DB" shot --screen browse --size 320x240 -o "$T/s.png"
expect_rc 0 "shot --screen browse"
expect_eq "$(head -c 4 "$T/s.png" | od -An -c | tr -d ' ')" "211PNG" "shot writes a PNG"
run --db "$DB" shot --screen browse --size big -o "$T/s2.png"
expect_rc 2 "shot: a bad --size is a usage error"

finish
