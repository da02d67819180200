#!/bin/sh
# End to end: the `ocop-kiosk bench` harness's options (the measuring itself takes minutes on
# 100,000 products and is run by hand: README "Performance figures").
set -u
. "$OCOP_SRC/tests/cli/lib.sh"

"$OCOP" bench --list >"$T/out" 2>&1
expect_status 0 "--list succeeds"
expect_grep "^search " "$T/out" "--list names the search area"

"$OCOP" bench --help >"$T/out" 2>&1
expect_status 0 "--help succeeds"
expect_grep '"metrics"' "$T/out" "--help describes the JSON"

"$OCOP" bench --only nosuch >"$T/out" 2>&1
expect_status 2 "an unknown area is a usage error"
expect_grep "nosuch" "$T/out" "the unknown area is named"
expect_grep "areas: search" "$T/out" "the areas are listed"

"$OCOP" bench --only >"$T/out" 2>&1
expect_status 2 "--only without a name is a usage error"

"$OCOP" bench --fast >"$T/out" 2>&1
expect_status 2 "an unknown option is a usage error"

finish
