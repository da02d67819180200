#!/bin/sh
# test_touch.sh: every screen is usable by a finger and readable (issue 11). Each screen --
# attract, browse (and its search keyboard), product, inquiry (and its keyboard), result,
# thanks, the organiser's PIN pad and its unlocked page, the province pickers -- is rendered with `shot --texts` at
# 800x480 on a 7" panel, 1280x800 on 10.1", 1920x1080 on 21.5" and portrait 1080x1920 on 32",
# in Vietnamese and in English large text (and Vietnamese large text at 800x480), and the
# screen's JSON is checked:
#   - every tappable widget is at least 9 mm each way on that panel, and never under 48 px
#     (the kiosk learns the panel from kiosk.ini's [screen] diagonal_inches);
#   - no two tappable widgets overlap (a tap would be ambiguous);
#   - no text is cut with an ellipsis, and everything lies on the screen.
# A list of 63 provinces scrolls in its picker, rows a fingertip high, at every size.
# A search hint too long for its field gives way to the field's name, never cut.
# Also: a bad diagonal_inches is refused with file, line and key.
set -u
. "$OCOP_SRC/tests/cli/lib.sh"
export OCOP_DATA_DIR="$OCOP_SRC" TZ=Asia/Ho_Chi_Minh OCOP_TODAY=2026-11-29
CHECK="$OCOP_SRC/tests/cli/screen_texts.py"
DB="$T/kiosk.db"
"$OCOP" --db "$DB" import "$OCOP_SRC/assets/catalog/catalog.csv" \
    --capacity "$OCOP_SRC/assets/catalog/capacity.csv" >"$T/import.out" 2>&1
expect_status 0 "the demo catalogue imports"
printf '2468\n' | "$OCOP" --db "$DB" set-pin >/dev/null
expect_status 0 "an organiser PIN is set"

# The smallest target the issue asks for: 9 mm at the panel's density, at least 48 px.
# (Worked out here from the requirement, not read from the program.)
expect_eq "$(min_target 800 480 7)" "48" "a 7-inch 800x480 panel needs 48 px"
expect_eq "$(min_target 1280 800 10.1)" "53" "a 10.1-inch 1280x800 panel needs 53 px"

# Scripts (English labels: the shot starts in English, then switches language when asked).
printf 'tap "Search"\n' >"$T/browse_kb.txt"
printf 'tap "Name"\n' >"$T/inquiry_kb.txt"
printf 'drag 20 20 20 20 3200\ntap "2"\ntap "4"\ntap "6"\ntap "8"\ntap "OK"\n' >"$T/unlocked.txt"
# The pickers (province filter, the form's province): their labels in each language.
printf 'tap "Province: All"\n' >"$T/browse_pick_en.txt"
printf 'tap "Tỉnh: Cả nước"\n' >"$T/browse_pick_vi.txt"
printf 'tap "Choose"\n' >"$T/inquiry_pick_en.txt"
printf 'tap "Chọn"\n' >"$T/inquiry_pick_vi.txt"

# case NAME SCREEN [SCRIPT]: one screen to check. A script named without ".txt" is played in
# the screen's own language (SCRIPT_en.txt, SCRIPT_vi.txt).
cases="attract:attract: browse:browse: browse_kb:browse:browse_kb.txt product:product:
inquiry:inquiry: inquiry_kb:inquiry:inquiry_kb.txt result:result: thanks:thanks:
pin:organiser: unlocked:attract:unlocked.txt browse_pick:browse:browse_pick
inquiry_pick:inquiry:inquiry_pick"

for panel in 800x480:7 1280x800:10.1 1920x1080:21.5 1080x1920:32; do
    size=${panel%%:*}
    diagonal=${panel#*:}
    w=${size%x*}
    h=${size#*x}
    min=$(min_target "$w" "$h" "$diagonal")
    printf '[screen]\ndiagonal_inches = %s\n' "$diagonal" >"$T/kiosk_$size.ini"
    modes="vi en_large"
    # Vietnamese large text too where room is tightest (diacritics stack higher).
    [ "$size" = 800x480 ] && modes="vi vi_large en_large"
    for mode in $modes; do
        for c in $cases; do
            name=${c%%:*}
            rest=${c#*:}
            screen=${rest%%:*}
            script=${rest#*:}
            # The language: scripts tap English labels, then switch to Vietnamese.
            set -- --lang en
            if [ -n "$script" ] && [ "${script%.txt}" = "$script" ]; then
                lang=vi
                [ "$mode" = en_large ] && lang=en
                set -- --lang "$lang" --script "$T/${script}_$lang.txt"
            elif [ -n "$script" ]; then
                cp "$T/$script" "$T/script.txt"
                [ "$mode" = en_large ] || printf 'tap "Tiếng Việt"\n' >>"$T/script.txt"
                set -- "$@" --script "$T/script.txt"
            elif [ "$mode" != en_large ]; then
                set -- --lang vi
            fi
            [ "$mode" = vi ] || set -- "$@" --large
            out="$T/${name}_${size}_$mode"
            "$OCOP" --config "$T/kiosk_$size.ini" --db "$DB" shot --screen "$screen" \
                --size "$size" --product TV-049 -o "$out.png" --texts "$out.json" "$@" \
                >"$T/shot.err" 2>&1
            expect_status 0 "shot $name at $size ($mode)"
            what="$name at $size on a $diagonal\" panel ($mode)"
            if $CHECK "$out.json" min-target "$min" + no-tap-overlap + inside "$w" "$h" \
                + not-cut >"$T/check.out"; then pass; else
                fail "$what: $(cat "$T/check.out")"
            fi
        done
    done
done

# A province list longer than a small screen (a catalogue with products from all 63 provinces
# before July 2025, as cards still name them): the picker's rows stay a fingertip high and the
# list scrolls; after a drag to its end the last province is there to tap, and tapping it
# filters by it.
DB63="$T/kiosk63.db"
printf 'code,name_vi,producer,province,stars,group,unit\n' >"$T/catalog63.csv"
echo "An Giang|Bà Rịa - Vũng Tàu|Bạc Liêu|Bắc Giang|Bắc Kạn|Bắc Ninh|Bến Tre|Bình Dương|Bình Định|\
Bình Phước|Bình Thuận|Cà Mau|Cao Bằng|Cần Thơ|Đà Nẵng|Đắk Lắk|Đắk Nông|Điện Biên|Đồng Nai|\
Đồng Tháp|Gia Lai|Hà Giang|Hà Nam|Hà Nội|Hà Tĩnh|Hải Dương|Hải Phòng|Hậu Giang|Hoà Bình|\
Hồ Chí Minh|Hưng Yên|Khánh Hoà|Kiên Giang|Kon Tum|Lai Châu|Lạng Sơn|Lào Cai|Lâm Đồng|Long An|\
Nam Định|Nghệ An|Ninh Bình|Ninh Thuận|Phú Thọ|Phú Yên|Quảng Bình|Quảng Nam|Quảng Ngãi|\
Quảng Ninh|Quảng Trị|Sóc Trăng|Sơn La|Tây Ninh|Thái Bình|Thái Nguyên|Thanh Hoá|Thừa Thiên Huế|\
Tiền Giang|Trà Vinh|Tuyên Quang|Vĩnh Long|Vĩnh Phúc|Yên Bái" | tr '|' '\n' |
    awk '{ printf "P%02d,Gạo %s,HTX %s,%s,4,food,kg\n", NR, $0, $0, $0 }' >>"$T/catalog63.csv"
expect_eq "$(wc -l <"$T/catalog63.csv" | tr -d ' ')" "64" "63 provinces, one product each"
"$OCOP" --db "$DB63" import "$T/catalog63.csv" >"$T/import63.out" 2>&1
expect_status 0 "a catalogue from 63 provinces imports"
for panel in 800x480:7 1280x800:10.1 1920x1080:21.5 1080x1920:32; do
    size=${panel%%:*}
    diagonal=${panel#*:}
    w=${size%x*}
    h=${size#*x}
    min=$(min_target "$w" "$h" "$diagonal")
    for mode in vi en_large; do
        lang=vi
        set -- --lang vi
        [ "$mode" = en_large ] && lang=en && set -- --lang en --large
        cp "$T/browse_pick_$lang.txt" "$T/script.txt"
        out="$T/pick63_${size}_$mode"
        "$OCOP" --config "$T/kiosk_$size.ini" --db "$DB63" shot \
            --screen browse --size "$size" -o "$out.png" --texts "$out.json" --script "$T/script.txt" \
            "$@" >"$T/shot.err" 2>&1
        expect_status 0 "shot of 63 provinces at $size ($mode)"
        if $CHECK "$out.json" has "Yên Bái" >/dev/null; then :; else
            # The end of the list is out of view: drag it up, then pick the last province.
            printf 'drag %d %d %d %d 600\nwait 3000\n' $((w / 2)) $((h * 3 / 4)) $((w / 2)) \
                $((h / 4)) >>"$T/script.txt"
            printf 'drag %d %d %d %d 600\nwait 3000\n' $((w / 2)) $((h * 3 / 4)) $((w / 2)) \
                $((h / 4)) >>"$T/script.txt"
        fi
        if $CHECK "$out.json" min-target "$min" + no-tap-overlap + inside "$w" "$h" + not-cut \
            >"$T/check.out"; then pass; else
            fail "63 provinces at $size ($mode): $(cat "$T/check.out")"
        fi
        "$OCOP" --config "$T/kiosk_$size.ini" --db "$DB63" shot \
            --screen browse --size "$size" -o "$out.end.png" --texts "$out.end.json" \
            --script "$T/script.txt" "$@" >"$T/shot.err" 2>&1
        expect_status 0 "shot of 63 provinces scrolled at $size ($mode)"
        if $CHECK "$out.end.json" tap-exact "Yên Bái" + min-target "$min" + no-tap-overlap \
            + inside "$w" "$h" + not-cut >"$T/check.out"; then pass; else
            fail "63 provinces scrolled to the end at $size ($mode): $(cat "$T/check.out")"
        fi
        printf 'tap "Yên Bái"\n' >>"$T/script.txt"
        "$OCOP" --config "$T/kiosk_$size.ini" --db "$DB63" shot \
            --screen browse --size "$size" -o "$out.pick.png" --texts "$out.pick.json" \
            --script "$T/script.txt" "$@" >"$T/shot.err" 2>&1
        expect_status 0 "shot after picking Yên Bái at $size ($mode)"
        if $CHECK "$out.pick.json" tap ": Yên Bái" + has "1 " + has "Gạo Yên Bái" \
            + lacks "Gạo Vĩnh Phúc" >"$T/check.out"; then pass; else
            fail "picking the last of 63 provinces at $size ($mode): $(cat "$T/check.out")"
        fi
    done
done

# A search hint longer than the field (a fair's own wording, large text): the field shows its
# name instead, never half a hint.
mkdir -p "$T/datahint"
ln -s "$OCOP_SRC/assets" "$T/datahint/assets"
[ -d "$OCOP_SRC/fonts" ] && ln -s "$OCOP_SRC/fonts" "$T/datahint/fonts"
cp -r "$OCOP_SRC/kiosk-config" "$T/datahint/kiosk-config"
HINT="Search the fair's products by name, producer, province or kind of product"
for lang in vi en; do
    sed -i "s/^search_hint = .*/search_hint = $HINT/" "$T/datahint/kiosk-config/strings_$lang.ini"
done
for lang in vi en; do
    out="$T/hint_$lang"
    OCOP_DATA_DIR="$T/datahint" "$OCOP" --config "$T/kiosk_800x480.ini" --db "$DB" shot \
        --screen browse --size 800x480 --lang "$lang" --large -o "$out.png" --texts "$out.json" \
        >"$T/shot.err" 2>&1
    expect_status 0 "shot browse with a long search hint ($lang)"
    name=Search
    [ "$lang" = vi ] && name="Tìm kiếm"
    if $CHECK "$out.json" lacks "Search the fair" + is "$name" + not-cut >"$T/check.out"; then
        pass
    else
        fail "a hint too long for the search field ($lang): $(cat "$T/check.out")"
    fi
done

# The key itself: a bad value is refused with file, line and key; 0 means "not known".
printf '[screen]\ndiagonal_inches = big\n' >"$T/bad.ini"
"$OCOP" --config "$T/bad.ini" --db "$DB" search x >"$T/out" 2>&1
expect_status 1 "a diagonal that is not a number is refused"
expect_grep "bad.ini:2: screen.diagonal_inches" "$T/out" "the bad diagonal is named with file, line and key"
printf '[screen]\ndiagonal_inches = 1\n' >"$T/small.ini"
"$OCOP" --config "$T/small.ini" --db "$DB" search x >"$T/out" 2>&1
expect_status 1 "a 1-inch diagonal is refused"
printf '[screen]\ndiagonal_inches = 10,1\n' >"$T/comma.ini"
"$OCOP" --config "$T/comma.ini" --db "$DB" search x >"$T/out" 2>&1
expect_status 0 "a diagonal with a decimal comma is read"
printf '[screen]\ndiagonal_inches = 0\n' >"$T/zero.ini"
"$OCOP" --config "$T/zero.ini" --db "$DB" shot --screen browse --size 800x480 -o "$T/z.png" \
    --texts "$T/z.json" >"$T/out" 2>&1
expect_status 0 "diagonal 0 (not known) is accepted"
if $CHECK "$T/z.json" min-target 48 >"$T/check.out"; then pass; else
    fail "not known diagonal: $(cat "$T/check.out")"
fi

finish
