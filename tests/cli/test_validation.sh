#!/bin/sh
# test_validation.sh: the inquiry form says the truth. A huge quantity gets "at most …" (not
# "above 0"); the minimum order is checked in whatever unit the buyer chose (1 L of a product
# whose minimum is 10 bottles of 500 ml is refused, with the minimum shown, 5 L is fine); the
# "minimum stars" chips stop at the product's own rating; the quantity says it is a total.
# Checked on `shot --texts`.
# Env: $OCOP (the built binary), $OCOP_SRC (the source tree).
set -u
. "$OCOP_SRC/tests/cli/lib.sh"
export OCOP_DATA_DIR="$OCOP_SRC"
export OCOP_NOW=2026-12-05T10:00:00+07:00
TEXTS="$OCOP_SRC/tests/cli/screen_texts.py"
PY=/usr/bin/python3
DB="$T/k.db"
"$OCOP" --db "$DB" import "$OCOP_SRC/assets/catalog/catalog.csv" \
    --capacity "$OCOP_SRC/assets/catalog/capacity.csv" >"$T/import.out" 2>&1
expect_status 0 "the demo catalogue imports"

check() {
    msg=$1
    shift
    if $PY "$TEXTS" "$@" >"$T/check.out" 2>&1; then pass; else
        fail "$msg: $(cat "$T/check.out")"
    fi
}

# form NAME PRODUCT SCRIPT-LINES: fills the English form of PRODUCT, runs the lines, submits.
form() {
    name=$1
    product=$2
    shift 2
    {
        printf 'tap "Name"\ntype "Max Lee"\ntap "Phone"\ntype "0912 345 678"\ntap "Done"\n'
        for line in "$@"; do printf '%s\n' "$line"; done
        printf 'tap "Contact me"\ntap "Submit"\n'
    } >"$T/$name.txt"
    "$OCOP" --db "$DB" shot --screen inquiry --size 1280x800 --lang en --product "$product" \
        --script "$T/$name.txt" -o "$T/$name.png" --texts "$T/$name.json" 2>"$T/$name.err"
    expect_status 0 "the form runs ($name)"
}

# TV-049: coconut flower nectar, 5 stars, sold by the 500 ml bottle, minimum 10 bottles.
form huge TV-049 'tap "Quantity"' 'type "99999999999"' 'tap "Done"'
check "a huge quantity is 'at most …'" "$T/huge.json" has "At most 1,000,000,000."
check "not 'above 0'" "$T/huge.json" lacks "above 0"
form zero TV-049 'tap "Quantity"' 'type "0"' 'tap "Done"'
check "zero is 'above 0'" "$T/zero.json" has "Enter a quantity above 0."

form bottles TV-049 'tap "Quantity"' 'type "5"' 'tap "Done"'
check "5 bottles is under the minimum of 10" "$T/bottles.json" has "At least 10 bottles."
form litre TV-049 'tap "Quantity"' 'type "1"' 'tap "Done"' 'tap "bottle"' 'tap "L"'
check "1 L is under the minimum of 10 × 500 ml, shown in both units" "$T/litre.json" \
    has "At least 10 bottles (5 L)."
form litres TV-049 'tap "Quantity"' 'type "5"' 'tap "Done"' 'tap "bottle"' 'tap "L"'
check "5 L meets the minimum" "$T/litres.json" lacks "At least"
check "and the visit goes on to the result" "$T/litres.json" has "You need 5 L"

check "the quantity says it is a total" "$T/huge.json" has "Quantity (in total)"
check "a 5-star product offers a minimum of 5 stars" "$T/huge.json" tap-exact "5"
# TV-002: 3 stars.
form three TV-002 'tap "Quantity"' 'type "0"' 'tap "Done"'
check "a 3-star product offers 3 stars" "$T/three.json" tap-exact "3"
check "but not 4 (it would refuse the product itself)" "$T/three.json" no-tap-exact "4"
check "nor 5" "$T/three.json" no-tap-exact "5"

# One rule for the form and `inquire` (inquiry_validate_fields): the quantity the form refuses
# as more than 1,000,000,000 is refused by `inquire` too, naming the field.
cat >"$T/huge_inquire.json" <<'JSON'
{"buyer": {"name": "Max Lee", "phone": "0912 345 678"}, "product": "TV-049",
 "quantity": 2000000000, "unit": "chai", "months": ["2027-01"], "lang": "en",
 "consent": {"contact": true, "share_with_producers": true}}
JSON
"$OCOP" --db "$DB" inquire <"$T/huge_inquire.json" >"$T/huge_inquire.out" 2>&1
expect_status 1 "inquire refuses the quantity the form refuses"
expect_grep "quantity: " "$T/huge_inquire.out" "inquire names the quantity"
form just TV-049 'tap "Quantity"' 'type "1000000000"' 'tap "Done"'
check "the largest quantity is not 'at most …'" "$T/just.json" lacks "At most"

finish
