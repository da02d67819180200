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

finish() {
    echo "$passed passed, $failed failed"
    [ "$failed" -eq 0 ]
}
