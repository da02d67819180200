#!/bin/sh
# test_units.sh: units as an open vocabulary, end to end. A catalogue sold by the lon (can), the
# bịch, the nải, by words the program does not know (chục, thẩu: one warning for the file) and
# by spoken measures (ký, lạng) imports; search finds its products; match and inquire convert
# what a buyer asks in those units. A slip of a weight (tá for tạ) refuses the file.
# Env: $OCOP (the built binary), $OCOP_SRC (the source tree).
set -u
. "$OCOP_SRC/tests/cli/lib.sh"
DB="$T/fair.db"
CAT="$T/catalogue.csv"
cat >"$CAT" <<'CSV'
code,name_vi,name_en,producer,province,stars,group,unit,measure,capacity
BT-NCD-01,Nước cốt dừa,Coconut milk,HTX Dừa Bến Tre,Bến Tre,4,food,lon,400 ml,5000
BT-KD-01,Kẹo dừa,Coconut candy,HTX Dừa Bến Tre,Bến Tre,3,food,bịch,500 g,2000
TV-CH-01,Chuối sứ,Silk banana,HTX Chuối Trà Vinh,Trà Vinh,3,food,nải,,300
TV-TR-01,Trứng vịt muối,Salted duck eggs,HTX Vịt Trà Vinh,Trà Vinh,3,food,chục,,800
HG-TR-01,Trà shan tuyết,Shan tuyet tea,HTX Chè Hà Giang,Hà Giang,5,beverages,thẩu,"1,5 kg",100
HG-TR-02,Trà shan tuyết túi lọc,Shan tuyet tea bags,HTX Chè Hà Giang,Hà Giang,4,beverages,Chục,,50
DL-CP-01,Cà phê hạt,Coffee beans,HTX Cà phê Ea Tu,Đắk Lắk,4,food,ký,,900
DL-CP-02,Cà phê bột,Ground coffee,HTX Cà phê Ea Tu,Đắk Lắk,4,food,lạng,,900
CSV

"$OCOP" --db "$DB" import "$CAT" >"$T/out" 2>"$T/err"
expect_status 0 "a catalogue sold by the lon, the chục and the lạng imports"
expect_grep "8 products imported (8 new, 0 updated)" "$T/out" "every row is imported"
expect_eq "$(grep -c . "$T/err")" 1 "one warning for the whole file"
expect_grep "^warning: $CAT:5: unit: \"chục\" (2 rows), \"thẩu\" (1 row): not units this program knows, taken as count units" \
    "$T/err" "the warning names the new units, with the first row that uses one"
expect_no_grep '"lon"\|"bịch"\|"nải"\|"ký"\|"lạng"' "$T/err" "known units are not warned about"

# search finds them
"$OCOP" --db "$DB" search --json nuoc cot dua >"$T/s.json"
expect_status 0 "search runs"
expect_grep '"code":"BT-NCD-01"' "$T/s.json" "search finds the product sold by the lon"

# match: 24 lon of 400 ml are 9.6 l; 10 chục (typed without marks) are 10 chục.
"$OCOP" --db "$DB" match --product BT-NCD-01 --qty 24 --unit lon --months 2027-01 --json \
    >"$T/m1.json" 2>"$T/err"
expect_status 0 "match in lon"
expect_grep '"requested":9.6,"unit":"lon","base_unit":"l","covered":9.6,"unmet":0' "$T/m1.json" \
    "24 lon of 400 ml are 9.6 l, all covered"
"$OCOP" --db "$DB" match --product TV-TR-01 --qty 10 --unit chuc --months 2027-01 --json \
    >"$T/m2.json" 2>"$T/err"
expect_status 0 "match in a unit the program does not know"
expect_grep '"requested":10,"unit":"chuc","base_unit":"piece","covered":10,' "$T/m2.json" \
    "10 chục typed without marks are the product's 10 chục"
"$OCOP" --db "$DB" match --product TV-TR-01 --qty 10 --unit hộp --months 2027-01 --json \
    >"$T/m3.json" 2>"$T/err"
expect_grep '"covered":0' "$T/m3.json" "another count unit has no known size"
expect_grep 'TV-TR-01: sold by the chục, which cannot be converted to box\|TV-TR-01: bán theo «chục», không đổi được sang «hộp»' \
    "$T/m3.json" "the reason names both units, in the explanation's language"
"$OCOP" --db "$DB" match --product HG-TR-01 --qty 3 --unit kg --months 2027-01 --json \
    >"$T/m4.json" 2>"$T/err"
expect_grep '"requested":3,"unit":"kg","base_unit":"kg","covered":3,' "$T/m4.json" \
    "a new unit with a measure converts to kg (2 thẩu of 1.5 kg)"
"$OCOP" --db "$DB" match --product DL-CP-02 --qty 2 --unit cân --months 2027-01 --json \
    >"$T/m5.json" 2>"$T/err"
expect_grep '"requested":2,"unit":"cân","base_unit":"kg","covered":2,' "$T/m5.json" \
    "2 cân of a product sold by the lạng are 2 kg"
"$OCOP" --db "$DB" match --product DL-CP-01 --qty 25 --unit lạng --months 2027-01 --json \
    >"$T/m6.json" 2>"$T/err"
expect_grep '"requested":2.5,"unit":"lạng","base_unit":"kg","covered":2.5,' "$T/m6.json" \
    "25 lạng of a product sold by the ký are 2.5 kg"

# inquire stores an inquiry in lon and holds what it matched
cat >"$T/inq.json" <<'JSON'
{"buyer": {"name": "Lê Thị Thu", "company": "Cty Nước Giải Khát", "phone": "0912 345 678",
           "email": "thu@example.vn", "province": "Hà Nội"},
 "product": "BT-NCD-01", "quantity": 240, "unit": "lon", "months": ["2027-02"],
 "lang": "en", "consent": {"contact": true, "share_with_producers": true}}
JSON
"$OCOP" --db "$DB" inquire --json <"$T/inq.json" >"$T/inq.out" 2>"$T/err"
expect_status 0 "inquire in lon"
expect_grep '"match":{"requested":96,"unit":"lon","base_unit":"l","covered":96,' "$T/inq.out" \
    "240 lon of 400 ml are 96 l"
"$OCOP" --db "$DB" export --format csv --lang en -o "$T/leads.csv" >"$T/out" 2>&1
expect_status 0 "the lead exports in English"
expect_grep ',240,cans,2027-02,' "$T/leads.csv" "the English export says cans for lon"
expect_grep ',96,96,0,L,' "$T/leads.csv" "and L for the litre base"

# a slip of a weight refuses the file and changes nothing
cp "$DB" "$T/before.db"
printf 'code,name_vi,producer,province,stars,group,unit\nX-1,Trứng gà,HTX Gà,Trà Vinh,3,food,tá\n' \
    >"$T/bad.csv"
"$OCOP" --db "$DB" import "$T/bad.csv" >"$T/out" 2>"$T/err"
expect_status 1 "a catalogue sold by the tá is refused"
expect_grep "^$T/bad.csv:2: unit: \"tá\" is too close to the weight unit tạ to be taken as a count" \
    "$T/err" "the refusal names the row, the word and the weight it looks like"
cmp -s "$DB" "$T/before.db"
expect_status 0 "the refused import left the database as it was"

finish
