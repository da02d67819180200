# lib.sh: tiny assertion helpers for the end-to-end tests (POSIX sh). Source it; it makes a
# temporary directory $T that is removed at exit, and counts passes and failures.
: "${OCOP:?OCOP must name the built binary}"
: "${OCOP_SRC:?OCOP_SRC must name the source tree}"
T=$(mktemp -d /tmp/ocop-cli-XXXXXX)
trap 'rm -rf "$T"' EXIT
export SDL_VIDEODRIVER="${SDL_VIDEODRIVER:-dummy}"
passed=0
failed=0

pass() { passed=$((passed + 1)); }
fail() {
    failed=$((failed + 1))
    echo "FAIL: $*"
}

# expect_status CODE MESSAGE: checks the exit status of the previous command.
expect_status() {
    status=$?
    if [ "$status" -eq "$1" ]; then pass; else fail "$2 (exit $status, wanted $1)"; fi
}

# expect_grep PATTERN FILE MESSAGE
expect_grep() {
    if grep -q -- "$1" "$2"; then pass; else
        fail "$3 (no '$1' in $2)"
        sed 's/^/    | /' "$2" | head -20
    fi
}

# expect_no_grep PATTERN FILE MESSAGE
expect_no_grep() {
    if grep -q -- "$1" "$2"; then fail "$3 ('$1' found in $2)"; else pass; fi
}

# expect_eq ACTUAL EXPECTED MESSAGE
expect_eq() {
    if [ "$1" = "$2" ]; then pass; else fail "$3 (got '$1', wanted '$2')"; fi
}

# nine_mm W H DIAGONAL_INCHES: 9 mm in pixels (rounded up) on a W x H panel of that diagonal,
# the touch-target rule of issue 11 (the kiosk's own figure comes from kiosk.ini's diagonal).
nine_mm() {
    awk -v w="$1" -v h="$2" -v d="$3" 'BEGIN {
        px = 9 / 25.4 * sqrt(w * w + h * h) / d; n = int(px); if (n < px) n++; print n }'
}

# min_target W H DIAGONAL_INCHES: the smallest tappable size there: 9 mm, and never under 48 px.
min_target() {
    set -- "$(nine_mm "$1" "$2" "$3")"
    echo $(($1 > 48 ? $1 : 48))
}

# expect_texts MESSAGE JSON CHECK...: the checks of screen_texts.py on a `shot --texts` JSON.
expect_texts() {
    msg=$1
    shift
    if python3 "$OCOP_SRC/tests/cli/screen_texts.py" "$@" >"$T/texts.out" 2>&1; then pass; else
        fail "$msg: $(cat "$T/texts.out")"
    fi
}

finish() {
    echo "$passed passed, $failed failed"
    [ "$failed" -eq 0 ]
}
