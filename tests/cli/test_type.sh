#!/bin/sh
# test_type.sh: `ocop-kiosk type` on every line of tests/data/ime_*.tsv, and its usage errors.
# Env: $OCOP (the built binary), $OCOP_SRC (the source tree).
set -u
pass=0
fail=0
tab=$(printf '\t')

check() { # name expected actual
    if [ "$2" = "$3" ]; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
        printf 'FAIL %s\n  expected: [%s]\n  actual:   [%s]\n' "$1" "$2" "$3"
    fi
}

for file in "$OCOP_SRC"/tests/data/ime_public_vectors.tsv "$OCOP_SRC"/tests/data/ime_vectors.tsv \
    "$OCOP_SRC"/tests/data/ime_public_gaps.tsv; do
    [ -f "$file" ] || { echo "FAIL missing $file"; exit 1; }
    lines=0
    line=0
    while IFS="$tab" read -r ime style keys expected _source; do
        line=$((line + 1))
        [ "$line" -eq 1 ] && continue # header
        lines=$((lines + 1))
        actual=$("$OCOP" type --ime "$ime" --style "$style" -- "$keys")
        check "$(basename "$file"):$line: $ime $style '$keys'" "$expected" "$actual"
    done <"$file"
    echo "$(basename "$file"): $lines lines"
    [ "$lines" -gt 0 ] || { echo "FAIL $file has no vectors"; exit 1; }
done

# Arguments are joined by single spaces; options may use '='.
check "arguments joined" "Việt Nam" "$("$OCOP" type Vieejt Nam)"
check "--ime=vni" "Tiếng Việt" "$("$OCOP" type --ime=vni --style=old Tie61ng Vie65t)"
check "--ime off types plain text" "aa dd 0912" "$("$OCOP" type --ime off 'aa dd 0912')"
check "default style is old" "hòa" "$("$OCOP" type hoaf)"

# Usage errors: exit 2 with a message naming the problem.
err=$("$OCOP" type --ime qwerty abc 2>&1 >/dev/null); rc=$?
check "unknown --ime exits 2" 2 "$rc"
case "$err" in *"unknown input method 'qwerty'"*) pass=$((pass + 1)) ;; *) fail=$((fail + 1)); echo "FAIL message: $err" ;; esac
"$OCOP" type --style newest abc >/dev/null 2>&1; check "unknown --style exits 2" 2 "$?"
"$OCOP" type --ime >/dev/null 2>&1; check "--ime without a value exits 2" 2 "$?"
"$OCOP" type >/dev/null 2>&1; check "no keys exits 2" 2 "$?"
"$OCOP" type --frobnicate abc >/dev/null 2>&1; check "unknown option exits 2" 2 "$?"
"$OCOP" type --help >/dev/null 2>&1; check "--help exits 0" 0 "$?"

# Bad input: exit 1, nothing printed on stdout.
out=$("$OCOP" type "$(printf 'a\001b')" 2>/dev/null); rc=$?
check "a control character exits 1" 1 "$rc"
check "nothing printed for a control character" "" "$out"
out=$("$OCOP" type "$(printf 'a\377b')" 2>/dev/null); rc=$?
check "malformed UTF-8 exits 1" 1 "$rc"
long=$(awk 'BEGIN { for (i = 0; i < 1100; i++) printf "x" }')
"$OCOP" type "$long" >/dev/null 2>&1; check "a text longer than a field exits 1" 1 "$?"

echo "type: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
