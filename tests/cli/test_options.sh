#!/bin/sh
# test_options.sh: every command parses its options one way (getopt_long): "--opt value" and
# "--opt=value" alike, an unknown option or a missing value or a malformed value is a usage
# error (exit 2) naming the option, whatever the command.
# Env: $OCOP (the built binary), $OCOP_SRC (the source tree).
set -u
. "$OCOP_SRC/tests/cli/lib.sh"
export OCOP_DATA_DIR="$OCOP_SRC"
DB="$T/kiosk.db"
"$OCOP" --db "$DB" import "$OCOP_SRC/assets/catalog/catalog.csv" \
    --capacity="$OCOP_SRC/assets/catalog/capacity.csv" >"$T/import.out" 2>&1
expect_status 0 "import takes --capacity=FILE"

# The same mistake exits the same in every command that has the option.
"$OCOP" --db "$DB" search --min-stars 9 tra >"$T/out" 2>&1
expect_status 2 "search --min-stars 9 is a usage error"
expect_grep "min-stars" "$T/out" "search names the option"
"$OCOP" --db "$DB" match --group food --qty 1 --unit kg --months 2026-12 --min-stars 9 \
    >"$T/out" 2>&1
expect_status 2 "match --min-stars 9 is a usage error"
expect_grep "min-stars" "$T/out" "match names the option"
"$OCOP" --db "$DB" match --group "Dược liệu" --qty 1 --unit kg --months 2026-12 --max-price x \
    >"$T/out" 2>&1
expect_status 2 "match --max-price x is a usage error"
"$OCOP" --db "$DB" match --group nothing --qty 1 --unit kg --months 2026-12 >"$T/out" 2>&1
expect_status 2 "match --group with an unknown group is a usage error"
"$OCOP" --db "$DB" search --group nothing >"$T/out" 2>&1
expect_status 2 "search --group with an unknown group is a usage error"

# An unknown option: 2, named, for every command.
for cmd in import search match inquire allocate unmet export merge set-pin purge type shot \
    server sync bench; do
    "$OCOP" --db "$DB" $cmd --bogus-option </dev/null >"$T/out" 2>&1
    expect_status 2 "$cmd --bogus-option is a usage error"
    expect_grep "unknown option '--bogus-option'" "$T/out" "$cmd names the unknown option"
done
"$OCOP" --db "$DB" --bogus-option --frames 1 >"$T/out" 2>&1
expect_status 2 "the kiosk: --bogus-option is a usage error"

# A missing value: 2, named.
for args in "match --qty" "export --format" "search --limit" "purge --older-than" \
    "shot --size" "allocate --dimacs" "type --ime" "bench --only"; do
    # shellcheck disable=SC2086
    "$OCOP" --db "$DB" $args >"$T/out" 2>&1
    expect_status 2 "$args without its value is a usage error"
    opt=${args#* }
    expect_grep "$opt needs a value" "$T/out" "'$args' names the option"
done

# --opt=value and --opt value alike.
"$OCOP" --db "$DB" search --min-stars=5 --limit=2 --json tra >"$T/a.json" 2>&1
expect_status 0 "search --min-stars=5 --limit=2"
"$OCOP" --db "$DB" search --min-stars 5 --limit 2 --json tra >"$T/b.json" 2>&1
expect_status 0 "search --min-stars 5 --limit 2"
cmp -s "$T/a.json" "$T/b.json"
expect_status 0 "both spellings give the same answer"
OCOP_TODAY=2026-12-01 "$OCOP" --db "$DB" shot --screen=attract --size=640x480 \
    --output="$T/a.png" >"$T/out" 2>&1
expect_status 0 "shot --size=WxH --screen=NAME --output=FILE"
[ -s "$T/a.png" ]
expect_status 0 "the PNG is written"
OCOP_TODAY=2026-12-01 "$OCOP" --db "$DB" shot --screen attract --size 640x480 -o "$T/b.png" \
    >"$T/out" 2>&1
expect_status 0 "shot --size WxH -o FILE"
"$OCOP" --db "$DB" shot --screen attract --size 640 -o "$T/c.png" >"$T/out" 2>&1
expect_status 2 "shot --size 640 is a usage error"
"$OCOP" --db "$DB" export --format=json --output="$T/leads.json" >"$T/out" 2>&1
expect_status 0 "export --format=json --output=FILE"
"$OCOP" --db "$DB" type --ime=vni -- tie61ng >"$T/out" 2>&1
expect_status 0 "type --ime=vni"
expect_grep "tiếng" "$T/out" "VNI keys typed"

# The global options (--db, --config, --server) parse the same way, before or after the
# command: "--db FILE" and "--db=FILE" alike; a missing value or an unknown global option is
# a usage error that says so.
"$OCOP" search "--db=$DB" --json tra >"$T/c.json" 2>&1
expect_status 0 "search --db=FILE after the command"
"$OCOP" --db="$DB" search --json tra >"$T/d.json" 2>&1
expect_status 0 "--db=FILE before the command"
cmp -s "$T/c.json" "$T/d.json"
expect_status 0 "--db=FILE before and after the command give the same answer"
"$OCOP" --bogus-global search tra >"$T/out" 2>&1
expect_status 2 "an unknown option before the command is a usage error"
expect_grep "unknown global option '--bogus-global' before the command 'search'" "$T/out" \
    "the unknown global option is named as one"
"$OCOP" --db --json search tra >"$T/out" 2>&1
expect_status 2 "--db followed by an option has no value: a usage error"
expect_grep "\-\-db needs a file name" "$T/out" "'--db --json' names --db"
"$OCOP" search tra --db --json >"$T/out" 2>&1
expect_status 2 "after the command too"
"$OCOP" --config "$T/none.ini" search tra --db="" >"$T/out" 2>&1
expect_status 2 "--db= (empty) is a usage error"
"$OCOP" --db "$DB" search tra --config >"$T/out" 2>&1
expect_status 2 "--config without its value at the end is a usage error"
expect_grep "\-\-config needs a file name" "$T/out" "names --config"
"$OCOP" --db "$DB" unmet --server >"$T/out" 2>&1
expect_status 2 "--server without its value is a usage error"
expect_grep "\-\-server needs a URL" "$T/out" "names --server"

finish
