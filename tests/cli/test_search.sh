#!/bin/sh
# End to end: `ocop-kiosk search` on the demo catalogue, imported through the program.
set -u
. "$OCOP_SRC/tests/cli/lib.sh"

DB="$T/search.db"
"$OCOP" --db "$DB" import "$OCOP_SRC/assets/catalog/catalog.csv" >"$T/import.out" 2>&1
expect_status 0 "the demo catalogue imports"
imported=$(sed -n 's/.*: \([0-9][0-9]*\) products imported.*/\1/p' "$T/import.out")

# codes FILE: the result codes of a --json output, one per line, in order.
codes() { grep -o '"code":"[^"]*"' "$1" | sed 's/"code":"//; s/"$//'; }
# total FILE: the "total" of a --json output.
total() { sed -n 's/^{"total":\([0-9]*\),.*/\1/p' "$1"; }

search() { "$OCOP" --db "$DB" search "$@"; }

# Accents, case and normalisation do not matter.
search --json mat hoa dua >"$T/plain.json"
expect_status 0 "an accent-free search succeeds"
expect_eq "$(codes "$T/plain.json" | head -1)" "TV-049" "the 5-star Mật hoa dừa comes first"
expect_grep '"name_vi":"Mật hoa dừa"' "$T/plain.json" "results carry the accented name"
expect_grep '"code":"TV-049"[^}]*"picture":"nectar"' "$T/plain.json" \
    "results name the illustration the kiosk shows (picture.c)"
for field in total results code name_vi name_en stars group producer province; do
    expect_grep "\"$field\":" "$T/plain.json" "the JSON has \"$field\""
done
search --json "Mật hoa dừa" >"$T/accented.json"
expect_eq "$(cat "$T/accented.json")" "$(cat "$T/plain.json")" "accented gives the same results"
search --json "MẬT HOA DỪA" >"$T/upper.json"
expect_eq "$(cat "$T/upper.json")" "$(cat "$T/plain.json")" "upper case gives the same results"
# NFD: a + U+0323 + U+0302, u + U+031B + U+0300.
search --json "$(printf 'Ma\314\243\314\202t hoa du\314\233\314\200a')" >"$T/nfd.json"
expect_eq "$(cat "$T/nfd.json")" "$(cat "$T/plain.json")" "NFD input gives the same results"
search --json mat hoa dua >"$T/again.json"
expect_eq "$(total "$T/plain.json")" "$(codes "$T/plain.json" | wc -l | tr -d ' ')" \
    "total counts every result when there is no limit"

# Every word is a prefix, while typing.
search --json mat ho >"$T/typing.json"
expect_grep '"code":"TV-049"' "$T/typing.json" "'mat ho' finds Mật hoa dừa"

# đ is d.
search --json duong hoa dua >"$T/d.json"
expect_eq "$(codes "$T/d.json" | head -1)" "TV-050" "'duong' finds Đường hoa dừa"
search --json "ĐƯỜNG" >"$T/d2.json"
expect_grep '"code":"TV-050"' "$T/d2.json" "'ĐƯỜNG' finds Đường hoa dừa"

# Product codes.
search --json tv-049 >"$T/code.json"
expect_eq "$(codes "$T/code.json" | head -1)" "TV-049" "a product code is found, any case"

# Filters.
search --json --min-stars 5 dua >"$T/stars.json"
expect_grep '"stars":5' "$T/stars.json" "--min-stars 5 finds 5-star products"
expect_no_grep '"stars":[1-4]' "$T/stars.json" "--min-stars 5 keeps out fewer stars"
search --json --group beverages tra >"$T/bev.json"
expect_grep '"group":"beverages"' "$T/bev.json" "--group beverages finds drinks"
expect_eq "$(grep -o '"group":"[^"]*"' "$T/bev.json" | grep -vc beverages)" "0" \
    "--group beverages keeps other groups out"
search --json --group "Đồ uống" tra >"$T/bev_vi.json"
expect_eq "$(cat "$T/bev_vi.json")" "$(cat "$T/bev.json")" "--group takes the Vietnamese name"
search --json --group "do uong" tra >"$T/bev_plain.json"
expect_eq "$(cat "$T/bev_plain.json")" "$(cat "$T/bev.json")" "--group takes it without accents"
search --json --province "Bến Tre" >"$T/bt.json"
expect_grep '"code":"BT-' "$T/bt.json" "--province Bến Tre finds Bến Tre products"
expect_no_grep '"code":"TV-' "$T/bt.json" "--province Bến Tre keeps Trà Vinh out"
search --json --province "ben tre" >"$T/bt_plain.json"
expect_eq "$(cat "$T/bt_plain.json")" "$(cat "$T/bt.json")" "--province without accents"
# Bến Tre and Trà Vinh are part of Vĩnh Long since 1 July 2025.
search --json --province "Vĩnh Long" >"$T/vl.json"
expect_grep '"code":"BT-' "$T/vl.json" "--province Vĩnh Long takes in old Bến Tre"
expect_grep '"code":"TV-' "$T/vl.json" "--province Vĩnh Long takes in old Trà Vinh"
expect_no_grep '"code":"ST-' "$T/vl.json" "--province Vĩnh Long keeps Sóc Trăng out"
search --json --min-stars 5 --group food --province "Trà Vinh" dua >"$T/all3.json"
expect_no_grep '"code":"BT-' "$T/all3.json" "filters combine (province)"
expect_no_grep '"stars":[1-4]' "$T/all3.json" "filters combine (stars)"

# An empty query lists everything, best first.
search --json >"$T/everything.json"
expect_eq "$(total "$T/everything.json")" "$imported" "no query lists every product"
expect_no_grep '"stars":[1-4].*"stars":5' "$T/everything.json" "more stars come first"
search --json --limit 5 --offset 5 >"$T/page.json"
expect_eq "$(codes "$T/page.json" | tr '\n' ' ')" \
    "$(codes "$T/everything.json" | sed -n 6,10p | tr '\n' ' ')" "--limit and --offset page"

# Hostile text is text.
search --json -- '"' '*' 'NEAR(mat' "'); DROP TABLE product; --" '-x' '{name}:' '^' >"$T/hostile.json" 2>"$T/hostile.err"
expect_status 0 "quotes, stars and FTS operators are not syntax"
expect_eq "$(total "$T/hostile.json")" "0" "they match nothing here"
search --json -- "-mat" "hoa*" '"dua"' >"$T/hostile2.json"
expect_eq "$(codes "$T/hostile2.json" | head -1)" "TV-049" "punctuation around words is ignored"
search --json >"$T/after.json"
expect_eq "$(total "$T/after.json")" "$imported" "the catalogue is intact"

# The table.
search mat hoa dua >"$T/table.out"
expect_status 0 "the table prints"
expect_grep "^CODE" "$T/table.out" "the table has a header"
expect_grep "Mật hoa dừa" "$T/table.out" "the table shows names"
expect_grep "★★★★★" "$T/table.out" "the table shows stars"
expect_grep "products$" "$T/table.out" "the table ends with the count"
search zzzzqqq >"$T/none.out"
expect_status 0 "no match is not an error"
expect_grep "No product matches" "$T/none.out" "no match says so"

# Search that forgives (issue 12), on the imported demo catalogue: typos, regional spellings,
# words written as one or two, codes without their dash.
search --json mat hao dua >"$T/typo.json"
expect_eq "$(codes "$T/typo.json" | head -1)" "TV-049" "'mat hao dua' (hao/hoa swapped) finds Mật hoa dừa"
search --json sau rieg >"$T/typo2.json"
expect_grep '"name_vi":"Kẹo dừa sầu riêng"' "$T/typo2.json" "'sau rieg' finds sầu riêng"
search --json tinh dau gat >"$T/typo3.json"
expect_eq "$(codes "$T/typo3.json")" "TV-025" "'tinh dau gat' finds Tinh dầu gấc"
search --json gao st25 >"$T/typo4.json"
expect_eq "$(codes "$T/typo4.json")" "ST-001" "'gao st25' finds Gạo thơm ST24, one letter off"
search --json dua xap >"$T/xap.json"
expect_grep '"name_vi":"Dừa sáp Hòa Tân"' "$T/xap.json" "'dua xap' (s/x) finds Dừa sáp"
search --json cacao >"$T/cacao.json"
search --json ca cao >"$T/ca_cao.json"
expect_grep '"code":"BT-002"' "$T/cacao.json" "'cacao' finds Kẹo dừa ca cao"
expect_eq "$(codes "$T/cacao.json" | sort)" "$(codes "$T/ca_cao.json" | sort)" \
    "'cacao' and 'ca cao' find the same products"
search --json tv049 >"$T/code2.json"
expect_eq "$(codes "$T/code2.json" | head -1)" "TV-049" "'tv049' finds TV-049"
search --json tra >"$T/tra.json"
expect_eq "$(codes "$T/tra.json" | head -1)" "TV-006" \
    "'tra': a name starting with Trà before the products of Trà Vinh"

# Usage errors.
search --group spaceships mat >"$T/out" 2>&1
expect_status 2 "an unknown group is a usage error"
expect_grep "spaceships" "$T/out" "the unknown group is named"
search --min-stars 9 mat >"$T/out" 2>&1
expect_status 2 "--min-stars out of 1-5 is a usage error"
search --min-stars >"$T/out" 2>&1
expect_status 2 "--min-stars without a value is a usage error"
search --colour mat >"$T/out" 2>&1
expect_status 2 "an unknown option is a usage error"
expect_grep "'--colour'" "$T/out" "the unknown option is named"
search --help >"$T/out" 2>&1
expect_status 0 "--help succeeds"
expect_grep "min-stars" "$T/out" "--help lists the options"

finish
