#!/bin/sh
# test_make_run.sh: the README's first command on a machine where `make test` never ran. The
# test packages (cmocka here) are hidden from pkg-config, and `make run` in a new build folder
# must still configure, build and start the kiosk on the demo catalogue (30 frames, SDL dummy
# driver); the configure output says the tests were left out. Then `make test-release`'s
# configure step, with cmocka hidden, must stop with a message naming the package rather than
# build no tests. Run by `make test` (issue 10, item 13).
set -u
OCOP_SRC=$(cd "$(dirname "$0")/../.." && pwd)
OCOP=unused
. "$OCOP_SRC/tests/cli/lib.sh"

# A pkg-config search path with every .pc file of this machine except cmocka's.
PC="$T/pkgconfig"
mkdir -p "$PC"
for dir in $(pkg-config --variable pc_path pkg-config | tr ':' ' '); do
    [ -d "$dir" ] || continue
    for pc in "$dir"/*.pc; do
        [ -e "$pc" ] || continue
        name=$(basename "$pc")
        [ "$name" = "cmocka.pc" ] || [ -e "$PC/$name" ] || ln -s "$pc" "$PC/$name"
    done
done
export PKG_CONFIG_LIBDIR="$PC"
pkg-config --exists cmocka
expect_status 1 "cmocka is hidden from pkg-config"

# The shipped kiosk.ini with the database moved into the test's folder: the kiosk then seeds it
# with the demo catalogue on first start, as `make run` does with ./ocop-kiosk.db.
sed "s|^database = .*|database = $T/kiosk.db|" "$OCOP_SRC/kiosk-config/kiosk.ini" >"$T/kiosk.ini"

cd "$OCOP_SRC" || exit 1
make run BUILD="$T/build" JOBS=2 \
    RUN_ARGS="--config $T/kiosk.ini kiosk --window 800x480 --frames 30" >"$T/run.out" 2>&1
status=$?
if [ $status -eq 0 ]; then pass; else
    fail "make run builds and starts the kiosk without the test packages (exit $status)"
    tail -20 "$T/run.out" | sed 's/^/    | /'
fi
expect_grep "Tests left out (libcmocka-dev not installed" "$T/run.out" \
    "the configure step says the tests were left out and why"
expect_grep "created $T/kiosk.db with the demo catalogue" "$T/run.out" \
    "the kiosk's first start created its database with the demo catalogue"
count=$(sqlite3 "$T/kiosk.db" "SELECT count(*) FROM product" 2>/dev/null)
if [ "${count:-0}" -gt 0 ]; then pass; else
    fail "the kiosk's first start seeded the demo catalogue (got '${count:-}' products)"
fi
if [ -e "$T/build/CTestTestfile.cmake" ]; then fail "no tests were configured"; else pass; fi

cmake -S . -B "$T/build" -DOCOP_TESTS=ON -DOCOP_TESTS_REQUIRED=ON >"$T/cfg.out" 2>&1
expect_status 1 "configuring for \`make test\` without cmocka stops"
expect_grep "The tests need libcmocka-dev" "$T/cfg.out" "and names the missing package"
finish
