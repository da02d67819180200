#!/bin/sh
# test_browse_filters.sh: the browse screen's filters on the demo catalogue, driven through the
# real screen (`shot --script`, `--texts`), issue 11:
#   - the province picker lists only the provinces the catalogue's products come from, named
#     as their cards name them (old, pre-2025 names such as Trà Vinh and Bến Tre), in Vietnamese
#     alphabetical order; picking one shows exactly the products whose cards name it;
#   - names with an administrative prefix ("Tỉnh Bến Tre", "TP. Hồ Chí Minh") sort without it;
#   - the inquiry form's picker of where the buyer is from keeps all 34 provinces of today, in
#     Vietnamese alphabetical order;
#   - a search that finds nothing offers a large "clear filters" button, in both languages and
#     at 1920x1080 and 800x480, which clears stars, group, province and the search text and
#     shows the whole grid again.
set -u
. "$OCOP_SRC/tests/cli/lib.sh"
export OCOP_DATA_DIR="$OCOP_SRC" TZ=Asia/Ho_Chi_Minh OCOP_TODAY=2026-11-29
CHECK="$OCOP_SRC/tests/cli/screen_texts.py"
CSV="$OCOP_SRC/assets/catalog/catalog.csv"
DB="$T/kiosk.db"
"$OCOP" --db "$DB" import "$CSV" --capacity "$OCOP_SRC/assets/catalog/capacity.csv" \
    >"$T/import.out" 2>&1
expect_status 0 "the demo catalogue imports"

# What the catalogue says, read from the CSV here (not from the program): the province column's
# distinct names, and how many products each has.
python3 - "$CSV" >"$T/provinces.txt" <<'EOF'
import collections, csv, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8-sig")))
for name, n in collections.Counter(r["province"].strip() for r in rows).items():
    print(f"{name}\t{n}")
print(f"*\t{len(rows)}")
EOF
count_of() { awk -F '\t' -v p="$1" '$1 == p { print $2 }' "$T/provinces.txt"; }
expect_eq "$(count_of 'Trà Vinh' | grep -c .)" "1" "the demo catalogue has Trà Vinh products"
expect_eq "$(count_of 'Bến Tre' | grep -c .)" "1" "the demo catalogue has Bến Tre products"

# shot NAME SIZE LANG SCRIPT-LINES...: renders browse after the script; $T/NAME.json, .png.
shot() {
    name=$1 size=$2 lang=$3
    shift 3
    printf '%s\n' "$@" >"$T/$name.txt"
    "$OCOP" --db "$DB" shot --screen browse --size "$size" --lang "$lang" -o "$T/$name.png" \
        --texts "$T/$name.json" --script "$T/$name.txt" >"$T/$name.err" 2>&1
    expect_status 0 "shot $name"
}
# options FILE FIRST LAST: the tappable labels from FIRST to LAST (the picker's options), in
# reading order (top to bottom, left to right), joined by "|". FIRST "": from the first one.
options() {
    python3 - "$@" <<'EOF'
import json, sys
items = [i for i in json.load(open(sys.argv[1], encoding="utf-8")) if i.get("tappable")]
items.sort(key=lambda i: (i["y"], i["x"]))
names = [i["text"] for i in items]
first = names.index(sys.argv[2]) if sys.argv[2] else -1
last = names.index(sys.argv[3])
print("|".join(names[first + 1:last]))
EOF
}
# larger FILE LABEL REF: the tappable LABEL is at least half again as high as REF, and wider.
larger() {
    python3 - "$@" <<'EOF'
import json, sys
items = {i["text"]: i for i in json.load(open(sys.argv[1], encoding="utf-8")) if i.get("tappable")}
big, ref = items[sys.argv[2]], items[sys.argv[3]]
if not (big["h"] * 2 >= ref["h"] * 3 and big["w"] > ref["w"]):
    print(f"{sys.argv[2]} is {big['w']}x{big['h']}, {sys.argv[3]} {ref['w']}x{ref['h']}")
    sys.exit(1)
EOF
}
# count FILE: the number of products the screen says it shows.
count() { python3 -c '
import json, re, sys
for i in json.load(open(sys.argv[1], encoding="utf-8")):
    m = re.fullmatch(r"([0-9.,]+) (sản phẩm|products?)", i["text"])
    if m:
        print(re.sub(r"[.,]", "", m.group(1)))
        break' "$1"; }

# The picker: the catalogue's provinces as cards name them, in Vietnamese order, nothing else.
want=$(cut -f 1 "$T/provinces.txt" | grep -v '^\*$' | python3 -c '
import sys
# Vietnamese alphabetical order of these names, worked out by hand: B, S, T, V.
order = ["Bến Tre", "Sóc Trăng", "Trà Vinh", "Vĩnh Long"]
names = sys.stdin.read().split("\n")
assert sorted(filter(None, names)) == sorted(order), names
print("|".join(order))')
shot pick_vi 1920x1080 vi 'tap "Tỉnh: Cả nước"'
expect_eq "$(options "$T/pick_vi.json" "Cả nước" "Huỷ")" "$want" \
    "the province picker lists the catalogue's provinces in Vietnamese order"
shot pick_en 800x480 en 'tap "Province: All provinces"'
expect_eq "$(options "$T/pick_en.json" "All provinces" "Cancel")" "$want" \
    "the province picker lists the same names in English, at 800x480"
if $CHECK "$T/pick_vi.json" no-tap-exact "Hà Nội" + no-tap-exact "Cần Thơ" >"$T/check.out"; then
    pass
else
    fail "a province with no product is not offered: $(cat "$T/check.out")"
fi

# A catalogue that writes the administrative prefix ("Tỉnh", "Thành phố", "TP.") lists each
# name as written but sorted without it: Tỉnh Bến Tre under B, not T (issue 11).
printf 'code,name_vi,producer,province,stars,group,unit\n' >"$T/prefix.csv"
n=0
for p in "Tây Ninh" "TP. Hồ Chí Minh" "Tỉnh Bến Tre" "Sóc Trăng" "Thành phố Cần Thơ" "An Giang" \
    "Tỉnh Trà Vinh"; do
    n=$((n + 1))
    printf 'PX-%d,Kẹo dừa %d,HTX %d,%s,4,food,hộp\n' $n $n $n "$p" >>"$T/prefix.csv"
done
"$OCOP" --db "$T/prefix.db" import "$T/prefix.csv" >"$T/prefix.out" 2>&1
expect_status 0 "a catalogue with prefixed province names imports"
main_db=$DB DB="$T/prefix.db"
shot pick_prefix 1920x1080 vi 'tap "Tỉnh: Cả nước"'
DB=$main_db
expect_eq "$(options "$T/pick_prefix.json" "Cả nước" "Huỷ")" \
    "An Giang|Tỉnh Bến Tre|Thành phố Cần Thơ|TP. Hồ Chí Minh|Sóc Trăng|Tây Ninh|Tỉnh Trà Vinh" \
    "the province picker sorts names by what follows Tỉnh / Thành phố / TP., as written"

# Picking an old name shows its products, and only those: every card names it.
for p in "Trà Vinh" "Bến Tre" "Vĩnh Long" "Sóc Trăng"; do
    shot picked 1920x1080 vi 'tap "Tỉnh: Cả nước"' "tap \"$p\""
    expect_eq "$(count "$T/picked.json")" "$(count_of "$p")" "picking $p shows its products"
    python3 - "$T/picked.json" "$p" >"$T/cards.out" <<'EOF'
import json, sys
lines = [i["text"] for i in json.load(open(sys.argv[1], encoding="utf-8")) if " · " in i["text"]]
wrong = [l for l in lines if not l.startswith(sys.argv[2] + " · ")]
print(len(lines), wrong)
EOF
    case $(cat "$T/cards.out") in
    "0 "*) fail "picking $p shows no card" ;;
    *" []") pass ;;
    *) fail "picking $p shows cards of elsewhere: $(cat "$T/cards.out")" ;;
    esac
    if $CHECK "$T/picked.json" tap-exact "Tỉnh: $p" >"$T/check.out"; then pass; else
        fail "the chip names the province picked: $(cat "$T/check.out")"
    fi
done

# The inquiry form's buyer province keeps all 34 of today, products or not, in Vietnamese
# alphabetical order (the strings file lists them north to south).
printf 'tap "Chọn"\n' >"$T/inq.txt"
"$OCOP" --db "$DB" shot --screen inquiry --size 1920x1080 --lang vi --product TV-049 \
    -o "$T/inq.png" --texts "$T/inq.json" --script "$T/inq.txt" >"$T/inq.err" 2>&1
expect_status 0 "shot of the form's province picker"
if $CHECK "$T/inq.json" tap-exact "Hà Nội" + tap-exact "Cần Thơ" + no-tap-exact "Trà Vinh" \
    >"$T/check.out"; then pass; else
    fail "the form's picker offers today's provinces: $(cat "$T/check.out")"
fi
# Worked out by hand: a < ă < â, d < đ, o < ô < ơ, u < ư, letters before tones, a space
# before any letter ("Cà Mau" < "Cao Bằng", "Hà Tĩnh" < "Hải Phòng").
expect_eq "$(options "$T/inq.json" "" "Huỷ" | tr '|' '\n' | grep -c .)" "34" \
    "the form's picker lists all 34 at 1920x1080"
expect_eq "$(options "$T/inq.json" "" "Huỷ")" "$(printf '%s|' \
    "An Giang" "Bắc Ninh" "Cà Mau" "Cao Bằng" "Cần Thơ" "Đà Nẵng" "Đắk Lắk" "Điện Biên" \
    "Đồng Nai" "Đồng Tháp" "Gia Lai" "Hà Nội" "Hà Tĩnh" "Hải Phòng" "Hồ Chí Minh" "Huế" \
    "Hưng Yên" "Khánh Hoà" "Lai Châu" "Lạng Sơn" "Lào Cai" "Lâm Đồng" "Nghệ An" "Ninh Bình" \
    "Phú Thọ" "Quảng Ngãi" "Quảng Ninh" "Quảng Trị" "Sơn La" "Tây Ninh" "Thái Nguyên" \
    "Thanh Hoá" "Tuyên Quang" "Vĩnh Long" | sed 's/|$//')" \
    "the form's picker lists the 34 provinces in Vietnamese alphabetical order"

# Nothing found: a large "clear filters" button, which clears everything and shows the grid.
all=$(count_of '*')
for size in 1920x1080 800x480; do
    w=${size%x*} h=${size#*x}
    shot none_vi_$size $size vi 'tap "5 sao"' 'tap "Nhóm: Tất cả nhóm"' 'tap "Đồ uống"' \
        'tap "Tỉnh: Cả nước"' 'tap "Sóc Trăng"'
    expect_eq "$(count "$T/none_vi_$size.json")" "0" "5 stars, drinks, Sóc Trăng: nothing ($size)"
    if $CHECK "$T/none_vi_$size.json" tap-exact "Xoá bộ lọc, xem tất cả" + min-target 48 \
        + no-tap-overlap + inside "$w" "$h" + not-cut + no-overlap >"$T/check.out"; then pass; else
        fail "nothing found offers to clear the filters ($size, vi): $(cat "$T/check.out")"
    fi
    shot none_en_$size $size en 'tap "Search"' 'type zzqqxx' 'tap "Done"'
    expect_eq "$(count "$T/none_en_$size.json")" "0" "a search for zzqqxx finds nothing ($size)"
    if $CHECK "$T/none_en_$size.json" tap-exact "Clear filters, show all" + min-target 48 \
        + no-tap-overlap + inside "$w" "$h" + not-cut + no-overlap >"$T/check.out"; then pass; else
        fail "nothing found offers to clear the filters ($size, en): $(cat "$T/check.out")"
    fi
    if larger "$T/none_vi_$size.json" "Xoá bộ lọc, xem tất cả" "Quay lại" >"$T/check.out" &&
        larger "$T/none_en_$size.json" "Clear filters, show all" "Back" >>"$T/check.out"; then
        pass
    else
        fail "the clear-filters button is large ($size): $(cat "$T/check.out")"
    fi
    # Every filter and the text at once, then the button.
    shot cleared_$size $size en 'tap "5 stars"' 'tap "Group: All groups"' 'tap "Beverages"' \
        'tap "Province: All provinces"' 'tap "Sóc Trăng"' 'tap "Search"' 'type zzqqxx' \
        'tap "Done"' 'tap "Clear filters, show all"'
    expect_eq "$(count "$T/cleared_$size.json")" "$all" "clear filters shows every product ($size)"
    if $CHECK "$T/cleared_$size.json" tap-exact "Group: All groups" \
        + tap-exact "Province: All provinces" + lacks "zzqqxx" \
        + no-tap-exact "Clear filters, show all" >"$T/check.out"; then pass; else
        fail "clear filters resets group, province and text ($size): $(cat "$T/check.out")"
    fi
done
# The stars too: after clearing, "3 stars and up" shows fewer than all only if the reset
# happened (the chip state is not in the texts, so check by effect).
shot stars 1920x1080 en 'tap "5 stars"' 'tap "Province: All provinces"' 'tap "Sóc Trăng"' \
    'tap "Clear filters, show all"' 'tap "Province: All provinces"' 'tap "Trà Vinh"'
expect_eq "$(count "$T/stars.json")" "$(count_of 'Trà Vinh')" \
    "clear filters resets the stars (Trà Vinh then shows all its products)"
# Without any filter there is nothing to clear: no button on an empty catalogue.
printf 'code,name_vi,producer,province,stars,group,unit\n' >"$T/empty.csv"
"$OCOP" --db "$T/empty.db" import "$T/empty.csv" >"$T/empty.out" 2>&1
expect_status 0 "an empty catalogue imports"
"$OCOP" --db "$T/empty.db" shot --screen browse --size 1920x1080 --lang en -o "$T/empty.png" \
    --texts "$T/empty.json" >"$T/empty.err" 2>&1
expect_status 0 "shot of an empty catalogue"
if $CHECK "$T/empty.json" no-tap-exact "Clear filters, show all" + has "No product found" \
    >"$T/check.out"; then pass; else
    fail "an empty catalogue offers nothing to clear: $(cat "$T/check.out")"
fi
finish
