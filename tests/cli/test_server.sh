#!/bin/sh
# test_server.sh: `ocop-kiosk server init URL` and the server connection's rules, against a real
# PostgreSQL started for this test (tests/support/pg.sh): the schema is created, versioned and
# migrated idempotently, a newer one is refused; the password never comes from the URL or
# kiosk.ini, only from a private file or PGPASSFILE.
set -u
. "$OCOP_SRC/tests/cli/lib.sh"
. "$OCOP_SRC/tests/support/pg.sh"
pg_start

run() {
    "$OCOP" "$@" >"$T/out" 2>"$T/err"
    rc=$?
}
expect_rc() {
    if [ "$rc" -eq "$1" ]; then pass; else
        fail "$2 (exit $rc, wanted $1)"
        sed 's/^/    stderr| /' "$T/err" | head -5
    fi
}

# --- the password: PGPASSFILE, or [sync] password_file; never the URL or kiosk.ini ------------
run server init "$PG_URL"
expect_rc 1 "without a password the server refuses the connection"
expect_grep "cannot reach the server" "$T/err" "the failure says the server could not be reached"

export PGPASSFILE="$PG_PASSFILE"
run server init "$PG_URL"
expect_rc 0 "server init with the password in PGPASSFILE"
expect_grep "schema created (version [0-9]*)" "$T/out" "server init says it created the schema"
version=$(pg_sql "SELECT version FROM ocop_schema")
expect_eq "$version" "$(sed -n 's/.*version \([0-9]*\)).*/\1/p' "$T/out")" \
    "ocop_schema holds the version server init reported"
for table in catalog_version producer product capacity fair fair_product kiosk inquiry hold \
    product_view sync_applied export_log; do
    expect_eq "$(pg_sql "SELECT count(*) FROM information_schema.tables WHERE table_name = '$table'")" \
        "1" "the schema has table $table"
done

run server init "$PG_URL"
expect_rc 0 "server init twice"
expect_grep "already at version $version" "$T/out" "the second init changes nothing and says so"

# An init interrupted half way (a table dropped, the version not yet written) runs again.
pg_sql "DROP TABLE export_log; UPDATE ocop_schema SET version = 0" >/dev/null
run server init "$PG_URL"
expect_rc 0 "server init after an interrupted migration"
expect_eq "$(pg_sql "SELECT count(*) FROM information_schema.tables WHERE table_name = 'export_log'")" \
    "1" "the interrupted migration's missing table is back"

url_with_pw=$(echo "$PG_URL" | sed "s|ocop@|ocop:$PG_PASSWORD@|")
run server init "$url_with_pw"
expect_rc 1 "a URL with a password is refused"
expect_grep "holds a password" "$T/err" "the refusal says why"
expect_no_grep "$PG_PASSWORD" "$T/err" "the refusal does not repeat the password"
run server init "$PG_URL&password=$PG_PASSWORD"
expect_rc 1 "a URL with ?password= is refused"

unset PGPASSFILE
printf '[sync]\nurl = %s\npassword_file = %s\n' "$PG_URL" "$PG_PWFILE" >"$T/kiosk.ini"
run --config "$T/kiosk.ini" server init "$PG_URL"
expect_rc 0 "server init with the password from [sync] password_file"

chmod 644 "$PG_PWFILE"
run --config "$T/kiosk.ini" server init "$PG_URL"
expect_rc 1 "a password file others can read is refused"
expect_grep "chmod 600" "$T/err" "the refusal says how to fix it"
chmod 600 "$PG_PWFILE"

printf '[sync]\nurl = %s\n' "$url_with_pw" >"$T/bad.ini"
run --config "$T/bad.ini" server init "$PG_URL"
expect_rc 1 "kiosk.ini with a password in [sync] url is refused"
expect_grep "bad.ini:2: sync.url: holds a password" "$T/err" "the refusal names file, line and key"
expect_no_grep "$PG_PASSWORD" "$T/err" "the kiosk.ini refusal does not repeat the password"

echo "wrong" >"$T/wrong.pw"
chmod 600 "$T/wrong.pw"
printf '[sync]\npassword_file = %s\n' "$T/wrong.pw" >"$T/wrong.ini"
run --config "$T/wrong.ini" server init "$PG_URL"
expect_rc 1 "a wrong password fails"
expect_grep "password authentication failed" "$T/err" "the server's reason is shown"

# --- versions: a server newer than the program is refused ------------------------------------
export PGPASSFILE="$PG_PASSFILE"
pg_sql "UPDATE ocop_schema SET version = 999" >/dev/null
run server init "$PG_URL"
expect_rc 1 "a newer server schema is refused"
expect_grep "newer than this program" "$T/err" "the refusal says the server is newer"
expect_eq "$(pg_sql "SELECT version FROM ocop_schema")" "999" "the newer schema is left alone"
pg_sql "UPDATE ocop_schema SET version = $version" >/dev/null

# --- usage ----------------------------------------------------------------------------------
run server
expect_rc 2 "server without an action is a usage error"
run server drop "$PG_URL"
expect_rc 2 "an unknown action is a usage error"
run --server "$PG_URL" search rice
expect_rc 2 "--server with a command that does not take it is a usage error"
expect_grep "applies to import" "$T/err" "the usage error names the commands"

finish
