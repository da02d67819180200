# pg.sh: a private PostgreSQL server for one test (POSIX sh; source it after lib.sh).
#
#   pg_start         initdb in a new temporary folder and start the server on a Unix socket in
#                    that folder (no TCP): only this test can reach it. Sets
#                      PG_URL       postgresql://ocop@/fair?host=…&port=5432 (no password)
#                      PG_PASSWORD  the password of role ocop (scram-sha-256 is required)
#                      PG_PASSFILE  a pgpass file for it, chmod 600 (for PGPASSFILE)
#                      PG_PWFILE    a file with the password alone, chmod 600 ([sync] password_file)
#   pg_stop_server   stop it (fast shutdown: clients are disconnected), for a "network cut"
#   pg_restart       start it again on the same folder
#   pg_sql SQL       run SQL with psql as ocop on the fair database; rows on stdout, '|'-separated
#
# The server is stopped and its folder removed when the test exits, also on failure. As root
# the server runs as the `postgres` user (PostgreSQL refuses root), which then owns the folder.
# Debian's package `postgresql` provides the programs (scripts/install-deps.sh --test).

pg_bindir() {
    for d in "$(pg_config --bindir 2>/dev/null)" /usr/lib/postgresql/*/bin; do
        if [ -n "$d" ] && [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ]; then
            echo "$d"
            return 0
        fi
    done
    return 1
}

# pg_as CMD…: runs CMD as the server's user.
pg_as() {
    if [ "$(id -u)" -eq 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

pg_start() {
    PG_BIN=$(pg_bindir) || {
        echo "FAIL: PostgreSQL's initdb not found (install the package postgresql:" \
            "scripts/install-deps.sh --test)"
        exit 1
    }
    PG_DIR=$(mktemp -d "${TMPDIR:-/tmp}/ocop-pg-XXXXXX")
    PG_PASSWORD="pw-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
    printf '%s\n' "$PG_PASSWORD" >"$PG_DIR/initpw"
    if [ "$(id -u)" -eq 0 ]; then
        chown postgres "$PG_DIR" "$PG_DIR/initpw"
    fi
    trap 'pg_cleanup' EXIT
    trap 'exit 1' INT TERM
    if ! pg_as "$PG_BIN/initdb" -D "$PG_DIR/data" -U ocop --pwfile="$PG_DIR/initpw" \
        -A scram-sha-256 -E UTF8 --locale=C --no-sync >"$PG_DIR/initdb.log" 2>&1; then
        echo "FAIL: initdb failed:"
        sed 's/^/    | /' "$PG_DIR/initdb.log" | tail -20
        exit 1
    fi
    rm -f "$PG_DIR/initpw"
    # A socket in the private folder, no TCP; fsync off (a test does not survive a power
    # cut, but the server still flushes to the OS at every commit, so a stopped or killed
    # server keeps every committed transaction).
    cat >>"$PG_DIR/data/postgresql.conf" <<EOF
listen_addresses = ''
unix_socket_directories = '$PG_DIR'
port = 5432
fsync = off
max_connections = 60
EOF
    pg_restart
    PG_PASSFILE="$T/pgpass"
    printf '*:*:*:ocop:%s\n' "$PG_PASSWORD" >"$PG_PASSFILE"
    PG_PWFILE="$T/server.password"
    printf '%s\n' "$PG_PASSWORD" >"$PG_PWFILE"
    chmod 600 "$PG_PASSFILE" "$PG_PWFILE"
    PGPASSWORD="$PG_PASSWORD" "$PG_BIN/createdb" -h "$PG_DIR" -p 5432 -U ocop fair || {
        echo "FAIL: createdb failed"
        exit 1
    }
    PG_URL="postgresql://ocop@/fair?host=$PG_DIR&port=5432"
}

pg_restart() {
    if ! pg_as "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 60 start \
        >/dev/null 2>&1; then
        echo "FAIL: the PostgreSQL server did not start:"
        sed 's/^/    | /' "$PG_DIR/server.log" | tail -20
        exit 1
    fi
}

pg_stop_server() {
    pg_as "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w -t 60 stop >/dev/null 2>&1
}

pg_sql() {
    PGPASSWORD="$PG_PASSWORD" "$PG_BIN/psql" -X -q -A -t -v ON_ERROR_STOP=1 -h "$PG_DIR" \
        -p 5432 -U ocop -d fair -c "$1"
}

pg_cleanup() {
    if [ -n "${PG_DIR:-}" ] && [ -d "$PG_DIR/data" ]; then
        pg_as "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate -w -t 30 stop >/dev/null 2>&1
    fi
    [ -n "${PG_DIR:-}" ] && rm -rf "$PG_DIR"
    rm -rf "$T"
}
