#!/bin/sh
# test_result.sh: the match result on a landscape screen uses its height (issue 11). With the
# lines that fit (one or two, the common case) each is a large card with the product's picture,
# between the summary at the top and the next step above the button it names, where the page
# was a thin list at the top and two thirds of the screen empty; the compact list stays for
# the lines that do not fit as cards. At every size, in both languages, normal and large text,
# with 1, 2 and 3 lines: nothing cut, off screen, drawn over another text or under the bar.
# Env: $OCOP (the built binary), $OCOP_SRC (the source tree).
set -u
. "$OCOP_SRC/tests/cli/lib.sh"
export OCOP_DATA_DIR="$OCOP_SRC" TZ=Asia/Ho_Chi_Minh OCOP_TODAY=2026-11-29
"$OCOP" --db "$T/demo.db" import "$OCOP_SRC/assets/catalog/catalog.csv" \
    --capacity "$OCOP_SRC/assets/catalog/capacity.csv" >"$T/import.out" 2>&1
expect_status 0 "the demo catalogue imports"

# visit OUT SIZE LANG MONTHS QUANTITY [--large]: a buyer's inquiry for MONTHS months from
# 12/2026 for Mật hoa dừa (TV-049, one producer; 2,000 bottles are two lines over two months,
# 4,000 three over three), typed on the form at SIZE, to the result screen: OUT.png and
# OUT.json. Each visit gets a fresh copy of the catalogue (a stored lead holds capacity).
visit() {
    out=$1 size=$2 lang=$3 months=$4 qty=$5
    shift 5
    w=${size%x*} h=${size#*x}
    if [ "$lang" = en ]; then
        name=Name phone=Phone quantity=Quantity done=Done contact="Contact me"
        share="Share with producers" submit=Submit span="$months month"
        [ "$months" -gt 1 ] && span="$months months"
    else
        name="Họ và tên" phone="Điện thoại" quantity="Số lượng" done=Xong
        contact="Liên hệ với tôi" share="Chia sẻ với nhà sản xuất" submit=Gửi span="$months tháng"
    fi
    cat >"$T/visit.txt" <<SCRIPT
tap "$name"
type "Le Van Binh"
tap "$phone"
type "0912345678"
tap "$quantity"
type "$qty"
tap "$done"
tap "$span"
drag $((w / 2)) $((h * 3 / 4)) $((w / 2)) $((h / 5)) 400
tap "$contact"
tap "$share"
tap "$submit"
SCRIPT
    cp "$T/demo.db" "$T/visit.db"
    "$OCOP" --db "$T/visit.db" shot --screen inquiry --product TV-049 --size "$size" \
        --lang "$lang" --script "$T/visit.txt" -o "$out.png" --texts "$out.json" "$@" \
        >"$T/visit.err" 2>&1
    expect_status 0 "the inquiry at $size ($lang $*) goes to the result: $(cat "$T/visit.err")"
    rm -f "$T/visit.db"
}

# whole OUT W H LANG: the page is usable and whole at W x H.
whole() {
    back=Back
    [ "$4" = vi ] && back="Quay lại"
    expect_texts "$1 is whole" "$1.json" inside "$2" "$3" + not-cut + no-overlap + no-tap-overlap \
        + texts-above "$back" 0
}

# One line at full HD (the sample inquiry): a card with the product's picture, and the page
# reaches below the middle of the free height (header to bar: 9 % to 92 % of the screen, its
# middle at 50 %; the old list ended at 31 %).
for lang in vi en; do
    out="$T/one_$lang"
    "$OCOP" --db "$T/demo.db" shot --screen result --size 1920x1080 --product TV-049 --lang "$lang" \
        -o "$out.png" --texts "$out.json" >"$T/shot.err" 2>&1
    expect_status 0 "shot result at 1920x1080 ($lang)"
    expect_texts "one line at 1920x1080 ($lang) is a card with its picture" "$out.json" \
        pictures 1 + picture TV-049 1:1
    expect_texts "one line at 1920x1080 ($lang) uses the height" "$out.json" reaches 1080 60
    whole "$out" 1920 1080 "$lang"
done
expect_texts "the English card says what to do next" "$T/one_en.json" has "Next: tap"

# Two lines (two months) at full HD: two cards with pictures, the page down to the next step.
for lang in vi en; do
    out="$T/two_$lang"
    visit "$out" 1920x1080 "$lang" 2 2000
    expect_texts "two lines at 1920x1080 ($lang) are cards with pictures" "$out.json" pictures 2 \
        + reaches 1080 60
    whole "$out" 1920 1080 "$lang"
done

# Three lines do not fit as cards at full HD: the compact list, every line on it, no pictures;
# a line without a phone or e-mail says so there too (it was a blank line).
visit "$T/three" 1920x1080 en 3 4000
expect_texts "three lines at 1920x1080 are the compact list" "$T/three.json" pictures 0 \
    + has "month 12/2026" + has "month 01/2027" + has "month 02/2027" + has "No phone or e-mail"
whole "$T/three" 1920 1080 en
# Nor do two lines at full HD in large text.
visit "$T/two_large" 1920x1080 en 2 2000 --large
expect_texts "two lines at 1920x1080 in large text are the compact list" "$T/two_large.json" \
    pictures 0 + has "month 12/2026" + has "month 01/2027"
whole "$T/two_large" 1920 1080 en

# Every landscape size, both languages, normal and large text: the sample's one line; two
# lines where the height is least.
for size in 1920x1080 1366x768 1280x800 1280x720 800x480; do
    w=${size%x*} h=${size#*x}
    for mode in vi en vi_large en_large; do
        lang=${mode%_large}
        set --
        [ "$mode" = "$lang" ] || set -- --large
        out="$T/one_${size}_$mode"
        "$OCOP" --db "$T/demo.db" shot --screen result --size "$size" --product TV-049 \
            --lang "$lang" -o "$out.png" --texts "$out.json" "$@" >"$T/shot.err" 2>&1
        expect_status 0 "shot result at $size ($mode)"
        expect_texts "one line at $size ($mode) is shown" "$out.json" has "Mật hoa dừa"
        whole "$out" "$w" "$h" "$lang"
    done
done
for mode in vi en_large; do
    lang=${mode%_large}
    set --
    [ "$mode" = "$lang" ] || set -- --large
    visit "$T/two_720_$mode" 1280x720 "$lang" 2 2000 "$@"
    expect_texts "two lines at 1280x720 ($mode) are shown" "$T/two_720_$mode.json" \
        has "12/2026" + has "01/2027"
    whole "$T/two_720_$mode" 1280 720 "$lang"
done

[ -n "${OCOP_KEEP_SHOTS:-}" ] && cp "$T"/*.png "$OCOP_KEEP_SHOTS/"

finish
