#!/bin/sh
# test_description.sh: a product's long description is shown whole, at the body size, on a
# product page that scrolls as one body (picture, names, facts, description) above a fixed
# action bar: nothing cut with an ellipsis, drawn over another text, under the bar or off
# screen, at 800x480, 1280x720, 1366x768, 1280x800, 1920x1080 and portrait 1080x1920, both
# languages, both text sizes; one drag gives the description at least 4 lines on view at once,
# more drags bring its last line into view; a "drag up to see more" pill says the page goes on;
# a drag that starts on a button does not press it (issue 11). Checked on `shot --texts` (a
# text partly hidden by the scrolled body has "seen", the part on view).
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

# drags SCRIPT N X Y1 Y2: N drags of the page from (X, Y1) to (X, Y2), each let settle.
drags() {
    : >"$1"
    n=0
    while [ $n -lt "$2" ]; do
        printf 'drag %d %d %d %d 300\nwait 3000\n' "$3" "$4" "$3" "$5" >>"$1"
        n=$((n + 1))
    done
}

# The page at the sizes kiosks come in, both languages, both text sizes: as it opens, after one
# drag of the page and after six (its end). The whole page scrolls (picture, names, facts and
# description), so once dragged the description has the height, also at 800x480 in large text.
for size in 800x480 1280x720 1366x768 1280x800 1920x1080 1080x1920; do
    w=${size%x*} h=${size#*x}
    min=$(min_target "$w" "$h" 21.5) # kiosk.ini's default diagonal
    drags "$T/one.script" 1 $((w / 2)) $((h * 2 / 3)) $((h / 4))
    drags "$T/end.script" 6 $((w / 2)) $((h * 2 / 3)) $((h / 4))
    for mode in vi en vi_large en_large; do
        lang=${mode%_large}
        first="ĐẦU MÔ TẢ" last="CUỐI MÔ TẢ" back="Quay lại" more="Kéo lên để xem tiếp"
        if [ "$lang" = en ]; then
            first="DESCRIPTION START" last="DESCRIPTION END" back="Back" more="Drag up to see more"
        fi
        set --
        [ "$mode" = "$lang" ] || set -- --large
        page="p_${size}_$mode"
        shot "$page" "$size" "$lang" "$@"
        # A page longer than the screen says it goes on below.
        pill=has
        python3 "$TEXTS" "$T/$page.json" shows-end "$last" >/dev/null && pill=lacks
        check "$page: the description from its first line; the pill when the page goes on; \
nothing cut, off screen, over another text or under the bar" "$T/$page.json" \
            shows-start "$first" + "$pill" "$more" + not-cut + inside "$w" "$h" \
            + no-overlap + texts-above "$back" 2 + min-target "$min"
        shot "${page}_one" "$size" "$lang" --script "$T/one.script" "$@"
        # The Back button's label is one line of the description's size.
        check "${page}_one: dragged once, 4 lines of the description on view at once; nothing \
cut, off screen, over another text or under the bar" "$T/${page}_one.json" \
            lines "$first" 4 "$back" + not-cut + inside "$w" "$h" + no-overlap \
            + texts-above "$back" 2 + min-target "$min"
        shot "${page}_end" "$size" "$lang" --script "$T/end.script" "$@"
        check "${page}_end: dragged up, the description shows its last line and no pill; \
nothing cut, off screen, over another text or under the bar" "$T/${page}_end.json" \
            shows-end "$last" + lacks "$more" + not-cut + inside "$w" "$h" + no-overlap \
            + texts-above "$back" 2 + min-target "$min"
    done
done

# A drag that starts on a button scrolls the page and does not press the button, also when it
# ends on the button (along it); a tap after a drag still presses. Back's place is read from
# the page as it opens.
python3 - "$T/p_800x480_vi_large.json" "$T/back_up.script" "$T/back_along.script" <<'EOF'
import json, sys
b = next(i for i in json.load(open(sys.argv[1])) if i["tappable"] and i["text"] == "Quay lại")
x, y = b["x"] + b["w"] // 2, b["y"] + b["h"] // 2
with open(sys.argv[2], "w") as up:
    up.write("drag %d %d %d %d 300\nwait 3000\n" % (x, y, x, y - 240))
with open(sys.argv[3], "w") as along:
    along.write("drag %d %d %d %d 300\nwait 3000\n" % (b["x"] + 8, y, b["x"] + b["w"] - 8, y))
EOF
shot back_up 800x480 vi --large --script "$T/back_up.script"
check "a drag up from Back leaves the buyer on the product page" "$T/back_up.json" \
    has "Thông tin sản phẩm" + has "ĐẦU MÔ TẢ"
refute "a drag up from Back scrolls the page: the name has gone up out of view" \
    "$T/back_up.json" has "Mật hoa dừa sáp"
shot back_along 800x480 vi --large --script "$T/back_along.script"
check "a drag along Back, ending on it, does not press it" "$T/back_along.json" \
    has "Thông tin sản phẩm"
{
    cat "$T/back_up.script"
    echo 'tap "Gửi yêu cầu"'
} >"$T/send.script"
shot send_after_drag 800x480 vi --large --script "$T/send.script"
check "after a drag, a tap on Send inquiry opens the form" "$T/send_after_drag.json" \
    has "Yêu cầu mua hàng" + lacks "ĐẦU MÔ TẢ"

# At 800x480 the page is longer than the screen: at first the description's end is out of view,
# and once dragged its start is (it scrolled rather than shrank).
refute "800x480: the end of a long description is not on view before it is dragged" \
    "$T/p_800x480_vi.json" shows-end "CUỐI MÔ TẢ"
refute "800x480 in large text: dragged up, the start has scrolled out of view" \
    "$T/p_800x480_vi_large_end.json" shows-start "ĐẦU MÔ TẢ"
[ -n "${OCOP_KEEP_SHOTS:-}" ] && cp "$T"/*.png "$OCOP_KEEP_SHOTS/"

finish
