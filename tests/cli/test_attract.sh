#!/bin/sh
# test_attract.sh: the attract loop tells a passer-by where they are and what the stars mean:
# the event's name, dates and venue from kiosk.ini's [event] (English falling back to the
# Vietnamese text), and on each slide what its OCOP stars stand for on the 100-point scale;
# nothing cut, off screen or drawn over another text at 800x480 (large text too), 1280x800,
# 1920x1080 and portrait 1080x1920. Checked on `shot --texts`.
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

cat >"$T/fair.ini" <<EOF
[event]
name_vi = Hội chợ OCOP Sóc Trăng
name_en = Sóc Trăng OCOP Fair
dates_vi = 05–08/12/2026
dates_en = 5–8 December 2026
venue_vi = Nhà thi đấu tỉnh Sóc Trăng
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
    done
done
[ -n "${OCOP_KEEP_SHOTS:-}" ] && cp "$T"/*.png "$OCOP_KEEP_SHOTS/"

finish
