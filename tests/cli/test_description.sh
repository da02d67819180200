#!/bin/sh
# test_description.sh: a product's long description is shown whole, at the body size, and
# scrolls inside its box: nothing of it cut with an ellipsis, drawn over the facts above it or
# the buttons below, or off screen, at 800x480 (large text too), 1280x800, 1920x1080 and
# portrait 1080x1920 in both languages; dragging the box up brings its last line into view.
# Checked on `shot --texts` (a text partly hidden by the box has "seen", the part on view).
# Env: $OCOP (the built binary), $OCOP_SRC (the source tree).
set -u
. "$OCOP_SRC/tests/cli/lib.sh"
export OCOP_DATA_DIR="$OCOP_SRC"
TEXTS="$OCOP_SRC/tests/cli/screen_texts.py"

check() { # check MESSAGE JSON CHECK...
    msg=$1
    shift
    if python3 "$TEXTS" "$@" >"$T/check.out" 2>&1; then pass; else
        fail "$msg: $(cat "$T/check.out")"
    fi
}
refute() { # refute MESSAGE JSON CHECK...: the check must fail
    msg=$1
    shift
    if python3 "$TEXTS" "$@" >"$T/check.out" 2>&1; then fail "$msg"; else pass; fi
}

# One product whose descriptions (about 1,900 bytes, near the 2,047 the import takes) begin and
# end with words the checks look for.
vi="ĐẦU MÔ TẢ."
en="DESCRIPTION START."
i=1
while [ $i -le 14 ]; do
    vi="$vi Câu $i: mật hoa dừa sáp Cầu Kè được nấu chậm trên bếp củi, giữ hương thơm tự nhiên và vị ngọt thanh."
    en="$en Sentence $i: wax coconut nectar from Cầu Kè is simmered slowly over a wood fire, keeping its scent."
    i=$((i + 1))
done
vi="$vi CUỐI MÔ TẢ."
en="$en DESCRIPTION END."
{
    head -1 "$OCOP_SRC/assets/catalog/catalog.csv"
    echo "TV-LONG,Mật hoa dừa sáp,Wax coconut nectar,HTX Dừa sáp Cầu Kè,cooperative,Huyện Cầu Kè,Trà Vinh,4,Thực phẩm,chai,500 ml,90000,120000,10,7,2000,chai,,\"$vi\",\"$en\""
} >"$T/long.csv"
DB="$T/k.db"
"$OCOP" --db "$DB" import "$T/long.csv" >"$T/import.out" 2>&1
expect_status 0 "the long-description catalogue imports"

shot() { # shot NAME SIZE LANG [EXTRA...]: the product page into $T/NAME.png and .json
    name=$1 size=$2 lang=$3
    shift 3
    "$OCOP" --db "$DB" shot --screen product --size "$size" --lang "$lang" -o "$T/$name.png" \
        --texts "$T/$name.json" "$@" 2>"$T/$name.err"
    expect_status 0 "shot $name"
}

# A script that drags the description's box up by its own height, five times, then lets it
# settle: written from where the box is on view in JSON.
drag_script() { # drag_script JSON TEXT SCRIPT
    python3 - "$1" "$2" >"$3" <<'EOF'
import json, sys
item = next(i for i in json.load(open(sys.argv[1])) if sys.argv[2] in i["text"])
x, y, w, h = item.get("seen", [item["x"], item["y"], item["w"], item["h"]])
for _ in range(5):
    print("drag %d %d %d %d 300" % (x + w // 2, y + h - 2, x + w // 2, y + 2))
print("wait 3000")
EOF
}

for size in 800x480 1280x800 1920x1080 1080x1920; do
    w=${size%x*} h=${size#*x}
    for mode in vi en vi_large en_large; do
        lang=${mode%_large}
        first="ĐẦU MÔ TẢ" last="CUỐI MÔ TẢ"
        [ "$lang" = en ] && first="DESCRIPTION START" last="DESCRIPTION END"
        set --
        [ "$mode" = "$lang" ] || set -- --large
        page="p_${size}_$mode"
        shot "$page" "$size" "$lang" "$@"
        check "$page: the description is there, from its first line" "$T/$page.json" \
            shows-start "$first"
        check "$page: nothing cut, off screen or drawn over another text" "$T/$page.json" \
            not-cut + inside "$w" "$h" + no-overlap
        drag_script "$T/$page.json" "$first" "$T/$page.script"
        shot "${page}_end" "$size" "$lang" --script "$T/$page.script" "$@"
        check "${page}_end: dragged up, the description shows its last line" \
            "$T/${page}_end.json" shows-end "$last"
        check "${page}_end: nothing cut, off screen or drawn over another text" \
            "$T/${page}_end.json" not-cut + inside "$w" "$h" + no-overlap
    done
done

# At 800x480 the text is longer than its box: at first its end is out of view, and once dragged
# its start is (it scrolled rather than shrank).
refute "800x480: the end of a long description is not on view before it is dragged" \
    "$T/p_800x480_vi.json" shows-end "CUỐI MÔ TẢ"
refute "800x480: dragged up, the start has scrolled out of view" \
    "$T/p_800x480_vi_end.json" shows-start "ĐẦU MÔ TẢ"
[ -n "${OCOP_KEEP_SHOTS:-}" ] && cp "$T"/*.png "$OCOP_KEEP_SHOTS/"

finish
