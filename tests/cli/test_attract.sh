#!/bin/sh
# test_attract.sh: the attract loop tells a passer-by where they are and what the stars mean:
# the organisers' logos, the event's name, dates and venue from kiosk.ini's [event] (English
# falling back to the Vietnamese text), and on each slide what its OCOP stars stand for on the
# 100-point scale; nothing cut, off screen or drawn over another text, and the logos whole in
# their own shape, at 800x480, 1280x800, 1920x1080 and portrait 1080x1920 (both languages, large
# text too; in portrait the slide's picture stands above its text). A logo that cannot be read is named with its file and key, and the kiosk shows the
# others. Checked on `shot --texts`.
# Env: $OCOP (the built binary), $OCOP_SRC (the source tree).
set -u
. "$OCOP_SRC/tests/cli/lib.sh"
export OCOP_DATA_DIR="$OCOP_SRC"
TEXTS="$OCOP_SRC/tests/cli/screen_texts.py"
DB="$T/k.db"
"$OCOP" --db "$DB" import "$OCOP_SRC/assets/catalog/catalog.csv" \
    --capacity "$OCOP_SRC/assets/catalog/capacity.csv" >"$T/import.out" 2>&1
expect_status 0 "the demo catalogue imports"

check() { # check MESSAGE JSON CHECK...
    msg=$1
    shift
    if python3 "$TEXTS" "$@" >"$T/check.out" 2>&1; then pass; else
        fail "$msg: $(cat "$T/check.out")"
    fi
}

# Two logos next to the fair's kiosk.ini: the demo's square SVG and a wide PNG (a 640x320
# screenshot stands in for one), named relative to the kiosk.ini's folder.
mkdir "$T/logos"
cp "$OCOP_SRC/kiosk-config/logos/demo-organiser.svg" "$T/logos/"
"$OCOP" --db "$DB" shot --screen attract --size 640x320 -o "$T/logos/wide.png" 2>"$T/wide.err"
expect_status 0 "a wide PNG to stand for a logo"
cat >"$T/fair.ini" <<EOF
[event]
name_vi = Hội chợ OCOP Sóc Trăng
name_en = Sóc Trăng OCOP Fair
dates_vi = 05–08/12/2026
dates_en = 5–8 December 2026
venue_vi = Nhà thi đấu tỉnh Sóc Trăng
logos = logos/demo-organiser.svg , logos/wide.png
[kiosk]
database = $DB
EOF

shot() { # shot NAME SIZE LANG [EXTRA...]: the attract screen into $T/NAME.png and .json
    name=$1 size=$2 lang=$3
    shift 3
    "$OCOP" --config "$T/fair.ini" --db "$DB" shot --screen attract --size "$size" \
        --lang "$lang" -o "$T/$name.png" --texts "$T/$name.json" "$@" 2>"$T/$name.err"
    expect_status 0 "shot $name"
}

# The first slide is the catalogue's best product: 5 stars.
shot vi 1280x800 vi
check "the event's dates and venue are under its name" "$T/vi.json" \
    has "05–08/12/2026 · Nhà thi đấu tỉnh Sóc Trăng"
check "the slide says what 5 stars mean" "$T/vi.json" \
    has "OCOP 5 sao: 90–100 trên 100 điểm"
shot en 1280x800 en
check "English dates, and the venue in Vietnamese when no English one is given" "$T/en.json" \
    has "5–8 December 2026 · Nhà thi đấu tỉnh Sóc Trăng"
check "the slide says what 5 stars mean, in English" "$T/en.json" \
    has "OCOP 5 stars: 90–100 of 100 points"

# A 4-star product alone in its catalogue: its slide says what 4 stars mean.
head -2 "$OCOP_SRC/tests/data/organiser_catalog.csv" >"$T/four.csv"
grep -q ',4,Thực phẩm,' "$T/four.csv"
expect_status 0 "(the test's product has 4 stars)"
"$OCOP" --db "$T/four.db" import "$T/four.csv" >/dev/null 2>&1
expect_status 0 "the one-product catalogue imports"
"$OCOP" --config "$T/fair.ini" --db "$T/four.db" shot --screen attract --size 1280x800 \
    --lang en -o "$T/four.png" --texts "$T/four.json" 2>"$T/four.err"
expect_status 0 "shot four"
check "a 4-star slide says what 4 stars mean" "$T/four.json" \
    has "OCOP 4 stars: 70–89 of 100 points"

# Without dates or venue the header is the name alone (no stray separator).
printf '[kiosk]\ndatabase = %s\n' "$DB" >"$T/plain.ini"
"$OCOP" --config "$T/plain.ini" --db "$DB" shot --screen attract --size 1280x800 --lang en \
    -o "$T/plain.png" --texts "$T/plain.json" 2>"$T/plain.err"
expect_status 0 "shot with the default [event]"
check "no dates or venue line when none is given" "$T/plain.json" lacks " · Nhà"

for size in 800x480 1280x800 1920x1080 1080x1920; do
    w=${size%x*} h=${size#*x}
    for mode in vi en en_large vi_large; do
        lang=${mode%_large}
        set --
        [ "$mode" = "$lang" ] || set -- --large
        shot "s_${size}_$mode" "$size" "$lang" "$@"
        check "attract $size $mode: nothing cut, off screen or overlapping" \
            "$T/s_${size}_$mode.json" not-cut + inside "$w" "$h" + no-overlap
        check "attract $size $mode: both logos, each in its own shape" \
            "$T/s_${size}_$mode.json" pictures 2 + picture demo-organiser.svg 1:1 \
            + picture wide.png 2:1
    done
done
# Portrait: the slide's picture above its text, which takes the slide's width (a column beside
# the picture was 434 of 1080 pixels wide, most of the slide's height left empty).
check "portrait: the slide's text as wide as the slide, under its picture" \
    "$T/s_1080x1920_en.json" min-width "OCOP 5 stars" 700
[ -s "$T/s_800x480_vi.err" ] && fail "logos that open give no message: $(cat "$T/s_800x480_vi.err")"

# The demo kiosk.ini (what `make run` reads): a made-up fair, marked DEMO, with its organiser's
# logo found next to it.
"$OCOP" --config "$OCOP_SRC/kiosk-config/kiosk.ini" --db "$DB" shot --screen attract \
    --size 1280x800 --lang vi -o "$T/demo.png" --texts "$T/demo.json" 2>"$T/demo.err"
expect_status 0 "shot with the demo kiosk.ini"
check "the demo fair: its name, dates and venue, marked DEMO, and its organiser's logo" \
    "$T/demo.json" has "(DEMO)" + has "/12/2026 · " + picture logos/demo-organiser.svg 1:1
expect_no_grep "event.logos" "$T/demo.err" "the demo's logo opens"

# A missing logo and a file that is no picture: each named with the kiosk.ini, its line, the
# key and the file; the kiosk still starts, with the logo that opens (named by its absolute
# path this time).
echo "not a picture" >"$T/logos/bad.png"
sed "s|^logos = .*|logos = logos/missing.svg, logos/bad.png, $T/logos/wide.png|" "$T/fair.ini" \
    >"$T/broken.ini"
"$OCOP" --config "$T/broken.ini" --db "$DB" shot --screen attract --size 1280x800 --lang vi \
    -o "$T/broken.png" --texts "$T/broken.json" 2>"$T/broken.err"
expect_status 0 "the kiosk starts with a missing and a bad logo"
expect_grep "broken.ini:7: event.logos: logos/missing.svg: cannot open .*No such file" \
    "$T/broken.err" "a missing logo is named with the file, line, key and why"
expect_grep "broken.ini:7: event.logos: logos/bad.png: .*not a picture" "$T/broken.err" \
    "a file that is no picture is named with the file, line, key and why"
check "the logo that opens is shown, alone" "$T/broken.json" pictures 1 + picture wide.png 2:1

# At most four logos: a fifth is a bad value, named like any other.
sed 's|^logos = .*|logos = a.png, b.png, c.png, d.png, e.png|' "$T/fair.ini" >"$T/five.ini"
"$OCOP" --config "$T/five.ini" --db "$DB" shot --screen attract --size 800x480 \
    -o "$T/five.png" 2>"$T/five.err"
expect_status 1 "five logos are refused"
expect_grep "five.ini:7: event.logos: more than 4 logos" "$T/five.err" \
    "five logos: the file, line and key"
[ -n "${OCOP_KEEP_SHOTS:-}" ] && cp "$T"/*.png "$OCOP_KEEP_SHOTS/"

finish
