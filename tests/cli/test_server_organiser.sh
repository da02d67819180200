#!/bin/sh
# test_server_organiser.sh: the organiser's commands on the central server (issue 15):
# `--server URL unmet|export|allocate` see the leads of every kiosk (all fairs, or one with
# --fair) on a real PostgreSQL started for this test, with the same results as the same commands
# on one database holding all those leads; export marks the server's leads (so --new works
# across kiosks); allocate --commit writes batch allocations on the server, never beyond a
# product's capacity, and a dry run writes nothing.
set -u
. "$OCOP_SRC/tests/cli/lib.sh"
. "$OCOP_SRC/tests/support/pg.sh"
pg_start
export PGPASSFILE="$PG_PASSFILE"

MONTH=$(date -u -d "$(date -u +%Y-%m-15) +1 month" +%Y-%m)

"$OCOP" server init "$PG_URL" >"$T/out" 2>&1
expect_status 0 "server init"
cat >"$T/a.csv" <<'EOF'
code,name_vi,producer,province,stars,group,unit,capacity,capacity_unit
P1,Gạo ST25,HTX Lúa,Sóc Trăng,4,Thực phẩm,kg,100,kg
EOF
cat >"$T/b.csv" <<'EOF'
code,name_vi,producer,province,stars,group,unit,capacity,capacity_unit
Q1,Mật ong bạc hà,HTX Ong,Hà Giang,3,Thực phẩm,kg,500,kg
EOF
"$OCOP" --server "$PG_URL" import "$T/a.csv" --fair "Hội chợ A" >"$T/out" 2>&1
expect_status 0 "fair A's catalogue on the server"
"$OCOP" --server "$PG_URL" import "$T/b.csv" --fair "Hội chợ B" >"$T/out" 2>&1
expect_status 0 "fair B's catalogue on the server"

# Three kiosks: two at fair A, one at fair B; every buyer may hold all of a product.
for k in ka1 ka2 kb1; do
    fair="Hội chợ A"
    [ "$k" = kb1 ] && fair="Hội chợ B"
    printf '[kiosk]\nid = %s\n[sync]\nurl = %s\nfair = %s\n[match]\nmax_share_percent = 100\nsmall_producer_capacity = 0\n' \
        "$k" "$PG_URL" "$fair" >"$T/$k.ini"
    "$OCOP" --config "$T/$k.ini" --db "$T/$k.db" sync --once >"$T/out" 2>&1
    expect_status 0 "kiosk $k pulls its fair's catalogue"
done
inquire() { # inquire KIOSK PRODUCT QTY
    printf '{"buyer": {"name": "Buyer %s", "phone": "0912 345 678", "province": "Hà Nội"},
 "product": "%s", "quantity": %s, "unit": "kg", "months": ["%s"], "lang": "en",
 "consent": {"contact": true, "share_with_producers": true}}\n' "$1" "$2" "$3" "$MONTH" |
        "$OCOP" --config "$T/$1.ini" --db "$T/$1.db" inquire --json >"$T/$1.one" 2>&1
    expect_status 0 "kiosk $1 records $3 kg of $2"
    expect_grep '"hold":"confirmed"' "$T/$1.one" "kiosk $1's hold is the server's"
}
inquire ka1 P1 150 # holds 100, 50 unmet
inquire ka2 P1 30  # holds 0, 30 unmet
inquire kb1 Q1 600 # holds 500, 100 unmet
expect_eq "$(pg_sql "SELECT count(*) FROM inquiry")" "3" "the server has the three leads"

# --- unmet ---------------------------------------------------------------------------------
"$OCOP" --server "$PG_URL" unmet --json >"$T/unmet.all" 2>"$T/err"
expect_status 0 "unmet on the server, all fairs"
expect_grep "\"product\":\"P1\",\"month\":\"$MONTH\",\"base_quantity\":80,\"base_unit\":\"kg\",\"inquiries\":2" \
    "$T/unmet.all" "fair A's two kiosks: 50 + 30 kg of P1 unmet, 2 inquiries"
expect_grep "\"product\":\"Q1\",\"month\":\"$MONTH\",\"base_quantity\":100," "$T/unmet.all" \
    "fair B's kiosk: 100 kg of Q1 unmet"
"$OCOP" --server "$PG_URL" unmet --json --fair "Hội chợ A" >"$T/unmet.a" 2>"$T/err"
expect_status 0 "unmet on the server, one fair"
expect_grep '"product":"P1"' "$T/unmet.a" "fair A's unmet demand"
expect_no_grep '"Q1"' "$T/unmet.a" "not fair B's"
"$OCOP" --server "$PG_URL" unmet --fair "Nowhere" >"$T/out" 2>&1
expect_status 0 "unmet for a fair without leads"
expect_grep "No unmet demand" "$T/out" "an unknown fair has no unmet demand"

# Each kiosk's own unmet demand adds up to the server's (the same code on both sides).
"$OCOP" --db "$T/ka1.db" unmet --json >"$T/unmet.ka1" 2>&1
expect_grep '"base_quantity":50,' "$T/unmet.ka1" "kiosk ka1 alone: 50 kg of P1 unmet"
"$OCOP" --db "$T/ka2.db" unmet --json >"$T/unmet.ka2" 2>&1
expect_grep '"base_quantity":30,' "$T/unmet.ka2" "kiosk ka2 alone: 30 kg of P1 unmet"

"$OCOP" unmet --fair X >"$T/out" 2>&1
expect_status 2 "--fair without --server is a usage error (unmet)"

# --- export --------------------------------------------------------------------------------
"$OCOP" --server "$PG_URL" export --format json -o "$T/a.json" --fair "Hội chợ A" >"$T/out" 2>"$T/err"
expect_status 0 "export fair A from the server"
expect_grep "exported 2 leads" "$T/out" "fair A has two leads"
expect_eq "$(grep -o 'Buyer k[a-z0-9]*' "$T/a.json" | sort | paste -sd' ' -)" \
    "Buyer ka1 Buyer ka2" "the export holds both of fair A's kiosks' leads"
expect_eq "$(pg_sql "SELECT count(*) FROM inquiry WHERE exported_at IS NOT NULL")" "2" \
    "the server marks the exported leads"
expect_eq "$(pg_sql "SELECT format || ' ' || leads FROM export_log")" "json 2" \
    "the server records the export"
"$OCOP" --server "$PG_URL" export --format csv -o "$T/new.csv" --new >"$T/out" 2>"$T/err"
expect_status 0 "export --new from the server"
expect_grep "exported 1 lead to" "$T/out" "--new: only the lead no export had (fair B's)"
grep -q "Buyer kb1" "$T/new.csv" && pass || fail "the --new export holds fair B's lead"
"$OCOP" --server "$PG_URL" export --format csv -o "$T/none.csv" --new >"$T/out" 2>"$T/err"
expect_grep "exported 0 leads" "$T/out" "a second --new finds nothing"
"$OCOP" export --format csv -o "$T/x.csv" --fair X >"$T/out" 2>&1
expect_status 2 "--fair without --server is a usage error (export)"

# --- allocate ------------------------------------------------------------------------------
before=$(pg_sql "SELECT string_agg(inquiry_id || kind || base_quantity, ',' ORDER BY inquiry_id) FROM hold")
"$OCOP" --server "$PG_URL" allocate --json >"$T/dry" 2>"$T/err"
expect_status 0 "allocate dry run on the server"
expect_grep '"committed":false' "$T/dry" "a dry run"
expect_grep '"allocated":600' "$T/dry" "all 100 kg of P1 and 500 kg of Q1 can be allocated"
expect_eq "$(pg_sql "SELECT string_agg(inquiry_id || kind || base_quantity, ',' ORDER BY inquiry_id) FROM hold")" \
    "$before" "the dry run changed nothing on the server"
"$OCOP" --server "$PG_URL" allocate --commit --json >"$T/commit" 2>"$T/err"
expect_status 0 "allocate --commit on the server"
expect_grep '"committed":true' "$T/commit" "committed"
expect_eq "$(pg_sql "SELECT count(*) FROM inquiry WHERE status = 'allocated'")" \
    "$(grep -o '"inquiry":"[^"]*"' "$T/commit" | sort -u | wc -l | tr -d ' ')" \
    "the allocated inquiries are marked on the server"
expect_eq "$(pg_sql "SELECT count(*) FROM hold WHERE kind = 'instant' AND inquiry_id IN (SELECT id FROM inquiry WHERE status = 'allocated')")" \
    "0" "their instant holds became batch allocations"
expect_eq "$(pg_sql "SELECT product_code || ':' || sum(base_quantity) FROM hold GROUP BY product_code ORDER BY 1" | paste -sd' ' -)" \
    "P1:100 Q1:500" "the server holds each product exactly to its capacity"
expect_eq "$(pg_sql "SELECT to_char(sum(base_quantity), 'FM99990') FROM hold WHERE kind = 'batch'")" \
    "$(sed -n 's/.*"allocated":\([0-9.]*\),.*/\1/p' "$T/commit")" \
    "the batch allocations on the server are what allocate reported"
"$OCOP" --server "$PG_URL" allocate --commit --json >"$T/again" 2>"$T/err"
expect_status 0 "allocate --commit again"
# The batch allocated every product to its capacity; an inquiry it gave nothing stays open
# (unmet) for a later allocation, and this one finds nothing more to give.
expect_grep '"allocated":0,' "$T/again" "a second allocation finds nothing more to allocate"
expect_eq "$(pg_sql "SELECT sum(base_quantity) FROM hold")" "600" "nothing was held twice"

# A kiosk taking a new lead after the allocation finds no free capacity on the server.
inquire ka1 P1 10
expect_grep '"covered":0,' "$T/ka1.one" "after the allocation P1 has nothing free"
expect_eq "$(pg_sql "SELECT sum(base_quantity) FROM hold WHERE product_code = 'P1'")" "100" \
    "P1 is still held only to its capacity"

now_sql="to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"
expect_eq "$(pg_sql "SELECT count(*) FROM hold_total t WHERE t.expires_first IS DISTINCT FROM '' AND abs(t.held - COALESCE((SELECT sum(h.base_quantity) FROM hold h WHERE h.product_code = t.product_code AND h.month = t.month AND (h.kind = 'batch' OR h.expires_at > $now_sql)), 0)) > 0.000001")" \
    "0" "after the allocation each held total on the server is the sum of its holds"
expect_eq "$(pg_sql "SELECT string_agg(product_code || ':' || held, ' ' ORDER BY product_code) FROM hold_total")" \
    "P1:100 Q1:500" "the totals were counted again from the batch allocations"

finish
