#!/bin/sh
# test_portrait.sh: a portrait screen (1080x1920, a 32" panel read from a step away) is laid out
# for its height (issue 11). The product page, the inquiry form, the match result and the
# thanks screen are rendered with `shot --texts` in Vietnamese and English, normal and large
# text, and their JSON is checked:
#   - the page uses the height: its lowest text (not a button's label) ends below 65 % of it
#     (the result, whose sample has one match line, below 60 %: the summary at the top, the
#     next step above the button it names, one large card centred between them, where they
#     filled the top third; test_ui_app measures its empty bands);
#   - its body text is at least as tall as the 9 mm a fingertip needs on that panel (the rule of
#     test_touch.sh, worked out here from the panel, not read from the program);
#   - touch targets stay at least 9 mm, nothing is cut, off screen or drawn over another text.
# Env: $OCOP (the built binary), $OCOP_SRC (the source tree).
set -u
. "$OCOP_SRC/tests/cli/lib.sh"
export OCOP_DATA_DIR="$OCOP_SRC" TZ=Asia/Ho_Chi_Minh OCOP_TODAY=2026-11-29
CHECK="$OCOP_SRC/tests/cli/screen_texts.py"
DB="$T/kiosk.db"
"$OCOP" --db "$DB" import "$OCOP_SRC/assets/catalog/catalog.csv" \
    --capacity "$OCOP_SRC/assets/catalog/capacity.csv" >"$T/import.out" 2>&1
expect_status 0 "the demo catalogue imports"

# 9 mm in pixels on the portrait panel, and the smallest target there (lib.sh, as test_touch.sh).
body=$(nine_mm 1080 1920 32)
expect_eq "$body" "25" "9 mm on a 32-inch 1080x1920 panel is 25 px"
touch=$(min_target 1080 1920 32)
printf '[screen]\ndiagonal_inches = 32\n' >"$T/kiosk32.ini"

check() { # check MESSAGE JSON CHECK...
    msg=$1
    shift
    if python3 "$CHECK" "$@" >"$T/check.out" 2>&1; then pass; else
        fail "$msg: $(cat "$T/check.out")"
    fi
}

# portrait SCREEN PCT BODY_VI BODY_EN: the screen at 1080x1920 in the four modes reaches PCT %
# of the height; BODY_* is a text in the body size on it.
portrait() {
    screen=$1 pct=$2 body_vi=$3 body_en=$4
    for mode in vi en vi_large en_large; do
        lang=${mode%_large}
        set -- --lang "$lang"
        [ "$mode" = "$lang" ] || set -- "$@" --large
        text=$body_vi
        [ "$lang" = en ] && text=$body_en
        out="$T/${screen}_$mode"
        "$OCOP" --config "$T/kiosk32.ini" --db "$DB" shot --screen "$screen" --size 1080x1920 \
            --product TV-049 -o "$out.png" --texts "$out.json" "$@" >"$T/shot.err" 2>&1
        expect_status 0 "shot $screen at 1080x1920 ($mode)"
        check "$screen at 1080x1920 ($mode) uses the height" "$out.json" reaches 1920 "$pct"
        check "$screen at 1080x1920 ($mode): body text of 9 mm" "$out.json" text-h "$text" "$body"
        check "$screen at 1080x1920 ($mode): usable and whole" "$out.json" min-target "$touch" \
            + no-tap-overlap + inside 1080 1920 + not-cut + no-overlap
    done
}

portrait product 65 "Giá:" "Price:"
# The form: its captions and the consent boxes' labels.
portrait inquiry 65 "Họ và tên" "Name"
portrait inquiry 65 "Liên hệ với tôi" "Contact me"
# The match: why the producer was chosen, and its contacts.
# One match line is a large card between the summary and the next step, not a third of the page.
portrait result 60 "đáp ứng 100" "covers 100"
portrait result 60 "Chưa có số điện thoại" "No phone or e-mail"
check "the portrait result says what to do next (vi)" "$T/result_vi.json" has "Tiếp theo: chạm"
check "the portrait result says what to do next (en)" "$T/result_en.json" has "Next: tap"
portrait thanks 65 "Chưa có số điện thoại" "No phone or e-mail"
# A small portrait screen still shows the lone match line (its picture shrinks, or goes when
# there is no room for it), between the summary and the next step.
for mode in "" --large; do
    "$OCOP" --db "$DB" shot --screen result --size 480x800 --product TV-049 --lang vi $mode \
        -o "$T/result_small.png" --texts "$T/result_small.json" >"$T/shot.err" 2>&1
    expect_status 0 "shot result at 480x800 $mode"
    check "the result at 480x800 $mode shows its line and the next step" "$T/result_small.json" \
        has "Mật hoa dừa" + has "Tiếp theo: chạm" + inside 480 800 + no-overlap
done

[ -n "${OCOP_KEEP_SHOTS:-}" ] && cp "$T"/*.png "$OCOP_KEEP_SHOTS/"

finish
