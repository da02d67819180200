#!/bin/sh
# End to end: global options, help, exit codes and the database guard rails of the binary.
set -u
. "$OCOP_SRC/tests/cli/lib.sh"

"$OCOP" --help >"$T/out" 2>&1
expect_status 0 "--help succeeds"
expect_grep "Usage: ocop-kiosk" "$T/out" "--help prints the usage"

"$OCOP" --version >"$T/out" 2>&1
expect_status 0 "--version succeeds"
expect_grep "SDL 2" "$T/out" "--version names the SDL libraries"

"$OCOP" no-such-command >"$T/out" 2>&1
expect_status 2 "an unknown command is a usage error"
expect_grep "unknown command 'no-such-command'" "$T/out" "the unknown command is named"

"$OCOP" --db >"$T/out" 2>&1
expect_status 2 "--db without a file is a usage error"

printf 'not a database at all, just some text that is long enough to look like a header\n' >"$T/junk.db"
"$OCOP" --db "$T/junk.db" kiosk --help >/dev/null 2>&1
expect_status 0 "a command's --help does not need the database"

printf '[kiosk]\nidle_seconds = soon\n' >"$T/bad.ini"
"$OCOP" --config "$T/bad.ini" --help >"$T/out" 2>&1
expect_status 1 "a bad kiosk.ini value is refused"
expect_grep "bad.ini:2: kiosk.idle_seconds" "$T/out" "the bad value is reported with file, line and key"

finish
