#!/bin/sh
# test_texts.sh: `shot --texts` says when a text is cut, so the "nothing cut" checks built on it
# (test_touch, test_attract, test_organiser, test_english) can fail. A product name too long for
# its card's two lines is reported cut, in both languages and in large text, and the not-cut
# check of screen_texts.py refuses that screen; the demo catalogue's browse screen is not cut.
# Env: $OCOP (the built binary), $OCOP_SRC (the source tree).
set -u
. "$OCOP_SRC/tests/cli/lib.sh"
export OCOP_DATA_DIR="$OCOP_SRC"
TEXTS="$OCOP_SRC/tests/cli/screen_texts.py"
PY=/usr/bin/python3

# check MESSAGE JSON CHECK [ARG]: a screen_texts.py check that must hold.
check() {
    msg=$1
    shift
    if $PY "$TEXTS" "$@" >"$T/check.out" 2>&1; then pass; else
        fail "$msg: $(cat "$T/check.out")"
    fi
}

LONG="Kẹo dừa sáp nguyên chất truyền thống Cầu Kè loại đặc biệt hảo hạng dành cho quà biếu dịp"
LONG="$LONG Tết Nguyên Đán và các lễ hội lớn trong năm của đồng bào Khmer Nam Bộ"
printf 'code,name_vi,name_en,producer,province,stars,group,unit\n' >"$T/long.csv"
printf 'L-1,%s,%s,HTX Dừa Cầu Kè,Trà Vinh,4,food,hộp\n' "$LONG" "Coconut candy" >>"$T/long.csv"
"$OCOP" --db "$T/long.db" import "$T/long.csv" >"$T/import.out" 2>&1
expect_status 0 "a product with a very long name imports"

for mode in vi en vi_large; do
    lang=${mode%_large}
    set -- --lang "$lang"
    [ "$mode" = "$lang" ] || set -- "$@" --large
    "$OCOP" --db "$T/long.db" shot --screen browse --size 800x480 -o "$T/$mode.png" \
        --texts "$T/$mode.json" "$@" 2>"$T/$mode.err"
    expect_status 0 "shot browse ($mode)"
    check "the long name is reported cut on its card ($mode)" "$T/$mode.json" cut "Kẹo dừa sáp"
    if $PY "$TEXTS" "$T/$mode.json" not-cut >/dev/null 2>&1; then
        fail "not-cut passes a screen with a cut name ($mode)"
    else pass; fi
done

# The demo catalogue's cards hold their names whole: cut is not reported where nothing is cut.
"$OCOP" --db "$T/demo.db" import "$OCOP_SRC/assets/catalog/catalog.csv" >/dev/null 2>&1
"$OCOP" --db "$T/demo.db" shot --screen browse --size 1280x800 --lang en -o "$T/demo.png" \
    --texts "$T/demo.json" 2>"$T/demo.err"
expect_status 0 "shot browse of the demo catalogue"
check "nothing of the demo's first page is reported cut" "$T/demo.json" not-cut

finish
