#!/bin/sh
# End to end: `ocop-kiosk export` as organisers use it. The leads come from
# tests/data/organiser_leads.sql (inserted with the sqlite3 shell, as the kiosk would have
# recorded them). Checks the bytes a spreadsheet reads: CSV (BOM, CRLF, RFC 4180 quoting,
# neutralised formulas), XLSX (a zip of well-formed XML holding the text), JSON (the keys of
# DESIGN §5), --new, --since, --split and file modes.
set -u
. "$OCOP_SRC/tests/cli/lib.sh"
export TZ=Asia/Ho_Chi_Minh
db="$T/kiosk.db"

# The test catalogue imported as organisers do, then the leads as the kiosk records them.
"$OCOP" --db "$db" import "$OCOP_SRC/tests/data/organiser_catalog.csv" \
    --capacity "$OCOP_SRC/tests/data/organiser_capacity.csv" >/dev/null
expect_status 0 "the test catalogue imports"
sqlite3 -bail "$db" <"$OCOP_SRC/tests/data/organiser_leads.sql"
expect_status 0 "the leads load"

# jq-free JSON checks: SQLite's JSON functions on the file.
json() { sqlite3 "$db" "SELECT json_extract(readfile('$1'), '$2')"; }

# ---- CSV ------------------------------------------------------------------------------------
"$OCOP" --db "$db" export --format csv -o "$T/leads.csv" >"$T/out" 2>&1
expect_status 0 "CSV export succeeds"
expect_grep "exported 4 leads" "$T/out" "the export says how many leads"
expect_eq "$(head -c 3 "$T/leads.csv" | od -An -tx1 | tr -d ' \n')" "efbbbf" \
    "the CSV starts with the UTF-8 byte-order mark"
expect_eq "$(awk '!/\r$/' "$T/leads.csv" | wc -l | tr -d ' ')" "0" "every CSV line ends with CRLF"
expect_eq "$(wc -l <"$T/leads.csv" | tr -d ' ')" "5" "a header and one row per lead"
expect_eq "$(stat -c %a "$T/leads.csv")" "600" "the CSV is readable by its owner only"
expect_grep "Người mua,Công ty,Điện thoại" "$T/leads.csv" "column names are Vietnamese by default"
expect_grep '"Giao tại kho, ""gấp"", trước Tết"' "$T/leads.csv" \
    "a field with commas and quotes is quoted and its quotes doubled"
expect_grep "\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\"" "$T/leads.csv" \
    "a company name that is a formula is neutralised with an apostrophe"
expect_grep ",'@Lê Minh," "$T/leads.csv" "a name starting with @ is neutralised"
expect_grep ",'+cmd|' /C calc'!A0," "$T/leads.csv" "a name starting with + is neutralised"
expect_no_grep ',[=+@-]' "$T/leads.csv" "no field starts like a formula"
expect_no_grep ',"[=+@-]' "$T/leads.csv" "no quoted field starts like a formula"
expect_grep "2026-11-29T11:30:00+07:00" "$T/leads.csv" "times are local ISO 8601 with the offset"
expect_grep 'Công ty Mật ong Bạc Hà; HTX Dừa sáp Cầu Kè' "$T/leads.csv" \
    "the matched producers are listed"
expect_grep 'Công ty Mật ong Bạc Hà (LC-MO, 2026-12): 15 kg' "$T/leads.csv" \
    "each producer's quantity is listed"
expect_grep ',có,không,' "$T/leads.csv" "consent flags are exported"

"$OCOP" --db "$db" export --format csv -o "$T/en.csv" --lang en >/dev/null 2>&1
expect_grep "Buyer,Company,Phone" "$T/en.csv" "--lang en gives English column names"
expect_grep ',600,L,2026-12,' "$T/en.csv" "--lang en writes a litre as L, never a bare l"
expect_grep '(TV-MHD, 2026-12): 500 L"' "$T/en.csv" "--lang en: quantities per producer in L"

# ---- XLSX -----------------------------------------------------------------------------------
"$OCOP" --db "$db" export --format xlsx -o "$T/leads.xlsx" >"$T/out" 2>&1
expect_status 0 "XLSX export succeeds"
expect_eq "$(stat -c %a "$T/leads.xlsx")" "600" "the XLSX is readable by its owner only"
unzip -tq "$T/leads.xlsx" >"$T/out" 2>&1
expect_status 0 "the XLSX is a valid zip"
mkdir "$T/x" && (cd "$T/x" && unzip -q "$T/leads.xlsx")
bad=0
for f in $(find "$T/x" -name '*.xml' -o -name '*.rels'); do
    xmllint --noout "$f" 2>>"$T/xml.err" || bad=$((bad + 1))
done
expect_eq "$bad" "0" "every part of the XLSX is well-formed XML"
for sheet in sheet1 sheet2 sheet3; do
    [ -f "$T/x/xl/worksheets/$sheet.xml" ]
    expect_status 0 "the workbook has $sheet"
done
expect_grep 'name="Yêu cầu"' "$T/x/xl/workbook.xml" "the leads sheet is named"
expect_grep 'name="Kết quả ghép"' "$T/x/xl/workbook.xml" "the matches sheet is named"
expect_grep 'name="Tổng hợp"' "$T/x/xl/workbook.xml" "the summary sheet is named"
expect_grep 'state="frozen"' "$T/x/xl/worksheets/sheet1.xml" "the leads header row is frozen"
expect_grep 'state="frozen"' "$T/x/xl/worksheets/sheet2.xml" "the matches header row is frozen"
expect_grep '<col min="1" max="1" width=' "$T/x/xl/worksheets/sheet1.xml" "columns have widths"
ss="$T/x/xl/sharedStrings.xml"
expect_grep '<t>Nguyễn Thị Hoa</t>' "$ss" "the cells hold the buyer's name"
expect_grep "<t>'=HYPERLINK" "$ss" "a formula is neutralised in XLSX too"
expect_no_grep '<t>=' "$ss" "no XLSX text starts with ="
expect_no_grep '<f>' "$T/x/xl/worksheets/sheet1.xml" "the leads sheet holds no formula"
expect_grep '<t>HTX Dừa sáp Cầu Kè</t>' "$ss" "the matches sheet names the producers"
expect_grep '<t>Trà Vinh</t>' "$ss" "match lines carry the producer's province"
expect_grep '<t>Số yêu cầu</t>' "$ss" "the summary counts inquiries"
s3="$T/x/xl/worksheets/sheet3.xml"
expect_grep '<c r="B1"><v>4</v></c>' "$s3" "the summary counts the four inquiries"
expect_grep '<c r="D8"><v>450</v></c><c r="E8"><v>300</v></c><c r="F8"><v>150</v></c>' "$s3" \
    "the summary gives requested, matched and unmet kg of the honey asked by code"

# ---- JSON -----------------------------------------------------------------------------------
"$OCOP" --db "$db" export --format json -o "$T/leads.json" >/dev/null 2>&1
expect_status 0 "JSON export succeeds"
expect_eq "$(sqlite3 "$db" "SELECT json_valid(readfile('$T/leads.json'))")" "1" "the JSON is valid"
expect_eq "$(json "$T/leads.json" '$.leads[0].id')" "11111111-1111-4111-8111-111111111111" "leads.id"
expect_eq "$(json "$T/leads.json" '$.leads[0].created_at')" "2026-11-28T10:00:00+07:00" \
    "leads.created_at in local time with offset"
expect_eq "$(json "$T/leads.json" '$.leads[0].kiosk')" "KIOSK-A" "leads.kiosk"
expect_eq "$(json "$T/leads.json" '$.leads[0].buyer.name')" "Nguyễn Thị Hoa" "buyer.name"
expect_eq "$(json "$T/leads.json" '$.leads[0].buyer.email')" "hoa@example.vn" "buyer.email"
expect_eq "$(json "$T/leads.json" '$.leads[0].buyer.province')" "Hà Nội" "buyer.province"
expect_eq "$(json "$T/leads.json" '$.leads[1].buyer.company')" \
    "'=HYPERLINK(\"http://evil.example\",\"click\")" "JSON neutralises a formula typed by a buyer"
expect_eq "$(json "$T/leads.json" '$.leads[1].product')" "LC-MO" "leads.product"
expect_eq "$(json "$T/leads.json" '$.leads[0].group')" "food" "leads.group"
expect_eq "$(json "$T/leads.json" '$.leads[3].query')" "mật" "leads.query"
expect_eq "$(json "$T/leads.json" '$.leads[0].quantity')" "600" "leads.quantity"
expect_eq "$(json "$T/leads.json" '$.leads[0].unit')" "l" "leads.unit"
expect_eq "$(json "$T/leads.json" '$.leads[2].months')" '["2027-01","2027-02"]' "leads.months"
expect_eq "$(json "$T/leads.json" '$.leads[0].min_stars')" "4" "leads.min_stars"
expect_eq "$(json "$T/leads.json" '$.leads[0].consent.contact')" "1" "consent.contact"
expect_eq "$(json "$T/leads.json" '$.leads[1].consent.share_with_producers')" "0" \
    "consent.share_with_producers"
expect_eq "$(json "$T/leads.json" '$.leads[0].match.covered')" "500" "match.covered"
expect_eq "$(json "$T/leads.json" '$.leads[0].match.lines[0].producer')" "HTX Dừa sáp Cầu Kè" \
    "match.lines[].producer"
for key in id created_at kiosk buyer product group query quantity unit months min_stars consent \
    match; do
    expect_eq "$(sqlite3 "$db" "SELECT json_type(readfile('$T/leads.json'), '\$.leads[1].$key') IS NOT NULL")" \
        "1" "every lead has the key '$key'"
done

# ---- --since and --new ----------------------------------------------------------------------
"$OCOP" --db "$db" export --format csv -o "$T/since.csv" --since 2026-11-29T12:00 >"$T/out" 2>&1
expect_status 0 "--since succeeds"
expect_grep "exported 2 leads" "$T/out" "--since local 12:00 keeps the two later leads"
"$OCOP" --db "$db" export --format csv -o "$T/since.csv" --since yesterday >"$T/out" 2>&1
expect_status 2 "a bad --since is a usage error"
expect_grep "yesterday" "$T/out" "the bad time is named"
"$OCOP" --db "$db" export --format csv -o "$T/x.csv" --since 2026-11-29 --new >/dev/null 2>&1
expect_status 2 "--since and --new together are a usage error"

"$OCOP" --db "$db" export --format csv -o "$T/new0.csv" --new >"$T/out" 2>&1
expect_grep "exported 0 leads" "$T/out" "leads taken by earlier exports are not new"
db2="$T/fresh.db"
"$OCOP" --db "$db2" import "$OCOP_SRC/tests/data/organiser_catalog.csv" \
    --capacity "$OCOP_SRC/tests/data/organiser_capacity.csv" >/dev/null
sqlite3 -bail "$db2" <"$OCOP_SRC/tests/data/organiser_leads.sql"
"$OCOP" --db "$db2" export --format csv -o "$T/new1.csv" --new >"$T/out" 2>&1
expect_status 0 "--new succeeds"
expect_grep "exported 4 leads" "$T/out" "the first --new takes every lead"
"$OCOP" --db "$db2" export --format csv -o "$T/new2.csv" --new >"$T/out" 2>&1
expect_status 0 "a second --new succeeds"
expect_grep "exported 0 leads" "$T/out" "the second --new has nothing"
expect_eq "$(wc -l <"$T/new2.csv" | tr -d ' ')" "1" "the second --new file has only the header"
expect_eq "$(sqlite3 "$db2" "SELECT COUNT(*) || ' ' || SUM(leads) FROM export_log")" "2 4" \
    "every export is recorded with its count"
sqlite3 "$db2" "INSERT INTO inquiry (id, kiosk_id, created_at, grp, quantity, unit, month_from,
    month_to) VALUES ('88888888-8888-4888-8888-888888888888', 'KIOSK-A', '2026-11-30T01:00:00Z',
    'food', 1, 'kg', '2026-12', '2026-12')"
"$OCOP" --db "$db2" export --format json -o "$T/new3.json" --new >"$T/out" 2>&1
expect_grep "exported 1 lead to" "$T/out" "a lead recorded after the last export is new"
expect_eq "$(json "$T/new3.json" '$.leads[0].id')" "88888888-8888-4888-8888-888888888888" \
    "the new lead is the one exported"

# ---- --split --------------------------------------------------------------------------------
"$OCOP" --db "$db" export --format csv --split producer -o "$T/producers" >"$T/out" 2>&1
expect_status 0 "--split producer succeeds"
expect_eq "$(ls "$T/producers" | tr '\n' ' ')" \
    "cong-ty-mat-ong-bac-ha-lao-cai.csv htx-dua-sap-cau-ke-tra-vinh.csv " \
    "one file per matched producer"
expect_eq "$(stat -c %a "$T/producers")" "700" "the split folder is private"
expect_eq "$(stat -c %a "$T/producers/htx-dua-sap-cau-ke-tra-vinh.csv")" "600" \
    "split files are readable by their owner only"
expect_no_grep "22222222" "$T/producers/cong-ty-mat-ong-bac-ha-lao-cai.csv" \
    "a lead without consent to sharing is not in the producer's file"
expect_grep "44444444" "$T/producers/cong-ty-mat-ong-bac-ha-lao-cai.csv" \
    "a consented lead matched to the producer is in its file"
expect_no_grep "11111111" "$T/producers/cong-ty-mat-ong-bac-ha-lao-cai.csv" \
    "a lead matched to another producer only is not in the file"
expect_no_grep "HTX Dừa sáp" "$T/producers/cong-ty-mat-ong-bac-ha-lao-cai.csv" \
    "a producer does not see another producer's offer"
expect_grep "11111111" "$T/producers/htx-dua-sap-cau-ke-tra-vinh.csv" "the other producer has its leads"
"$OCOP" --db "$db" export --format json --split province -o "$T/provinces" >/dev/null 2>&1
expect_status 0 "--split province succeeds"
expect_eq "$(ls "$T/provinces" | tr '\n' ' ')" "lao-cai.json tra-vinh.json " \
    "one file per producer province"
expect_eq "$(json "$T/provinces/lao-cai.json" '$.leads[0].match.lines[0].province')" "Lào Cai" \
    "a province file holds its province's lines"
"$OCOP" --db "$db" export --format csv --split district -o "$T/d" >/dev/null 2>&1
expect_status 2 "an unknown --split is a usage error"

# ---- failures write nothing -----------------------------------------------------------------
"$OCOP" --db "$db" export --format csv -o "$T/missing/leads.csv" >"$T/out" 2>&1
expect_status 1 "an export into a missing folder fails"
expect_grep "missing/leads.csv" "$T/out" "the failing file is named"
"$OCOP" --db "$db" export -o "$T/x.csv" >/dev/null 2>&1
expect_status 2 "--format is required"
"$OCOP" --db "$db" export --format pdf -o "$T/x.pdf" >/dev/null 2>&1
expect_status 2 "an unknown format is a usage error"
expect_eq "$(ls "$T" | grep -c 'tmp-')" "0" "no temporary file is left behind"

# ---- a lead recorded by `ocop-kiosk inquire` (the kiosk's own path) -------------------------
db3="$T/inquire.db"
"$OCOP" --db "$db3" import "$OCOP_SRC/tests/data/organiser_catalog.csv" \
    --capacity "$OCOP_SRC/tests/data/organiser_capacity.csv" >/dev/null
printf '%s' '{"buyer": {"name": "Lý Thị Lan", "company": "=1+2", "phone": "0912 000 111",
  "email": "lan@example.vn", "province": "Hà Nội"}, "product": "LC-MO", "quantity": 200,
  "unit": "kg", "months": ["2026-12"],
  "consent": {"contact": true, "share_with_producers": true}}' |
    "$OCOP" --db "$db3" inquire --json >"$T/inq.out" 2>&1
expect_status 0 "inquire records a lead"
id=$(sqlite3 "$db3" "SELECT json_extract(readfile('$T/inq.out'), '\$.id')")
"$OCOP" --db "$db3" export --format json -o "$T/inq.json" >/dev/null 2>&1
expect_eq "$(json "$T/inq.json" '$.leads[0].id')" "$id" "the recorded lead is exported by its id"
expect_eq "$(json "$T/inq.json" '$.leads[0].buyer.phone')" "+84912000111" \
    "its phone is normalised to +84… (DESIGN §3), with no spreadsheet quote in JSON"
expect_eq "$(json "$T/inq.json" '$.leads[0].buyer.company')" "'=1+2" \
    "JSON neutralises typed text that a spreadsheet would run, but not the checked phone"
expect_eq "$(json "$T/inq.json" '$.leads[0].match.requested')" \
    "$(sqlite3 "$db3" "SELECT json_extract(readfile('$T/inq.out'), '\$.match.requested')")" \
    "the exported match is the one the buyer was shown"
"$OCOP" --db "$db3" export --format csv --split producer -o "$T/inqsplit" >/dev/null 2>&1
expect_eq "$(ls "$T/inqsplit")" "cong-ty-mat-ong-bac-ha-lao-cai.csv" \
    "the recorded lead goes to the producer it was matched with"

finish
