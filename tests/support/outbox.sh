# outbox.sh: a server and a kiosk's backlog for the sync tests (POSIX sh; source it after lib.sh
# and pg.sh).
#
#   sync_server_start
#       pg_start, PGPASSFILE exported for the kiosks, and MONTH set to next month (YYYY-MM: a
#       hold for it is not expired).
#   one_product_server
#       sync_server_start, the server's schema (server init), and one product on it, B1, with
#       1,000,000 kg of capacity: room for every lead a test takes.
#   expect_backlog_once DB N
#       checks that the backlog of DB (N leads of 1 kg, each with its hold, the server's only
#       leads) arrived: the outbox is empty, the server has DB's leads once each and one hold of
#       1 kg per lead, every hold confirmed there and in DB.
#   offline_leads DB KIOSK PRODUCT KG MONTH N
#       N provisional leads of KG kg of PRODUCT for MONTH, each with its instant hold (expiring
#       in 14 days), as kiosk KIOSK takes them while it cannot reach the server: written
#       straight into the kiosk's database DB, whose triggers put each lead and hold in the
#       outbox as the kiosk's own writes do. The product must be in DB's catalogue.
offline_leads() {
    sqlite3 "$1" "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $6)
INSERT INTO inquiry (id, kiosk_id, created_at, buyer_name, buyer_phone, lang, product_code,
  quantity, unit, base_quantity, base_unit, month_from, month_to, consent_contact,
  consent_share, hold_state, match_json)
SELECT lower(hex(randomblob(16))), '$2', strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), 'Buyer ' || i,
  '+84912345678', 'en', '$3', $4, 'kg', $4, 'kg', '$5', '$5', 1, 1, 'provisional', '{}'
FROM n;
INSERT INTO hold (inquiry_id, product_id, month, base_quantity, kind, created_at, expires_at)
SELECT i.id, p.id, '$5', $4, 'instant', i.created_at,
  strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '+14 days')
FROM inquiry i JOIN product p ON p.code = '$3'
WHERE i.product_code = '$3' AND i.kiosk_id = '$2'
  AND NOT EXISTS (SELECT 1 FROM hold h WHERE h.inquiry_id = i.id);"
}

sync_server_start() {
    pg_start
    export PGPASSFILE="$PG_PASSFILE"
    MONTH=$(date -u -d "$(date -u +%Y-%m-15) +1 month" +%Y-%m)
}

one_product_server() {
    sync_server_start
    "$OCOP" server init "$PG_URL" >"$T/out" 2>&1
    expect_status 0 "server init"
    printf '%s\n' "code,name_vi,producer,province,stars,group,unit,capacity,capacity_unit" \
        "B1,Bưởi Năm Roi,HTX Bưởi,Vĩnh Long,4,Thực phẩm,kg,1000000,kg" >"$T/cat.csv"
    "$OCOP" --server "$PG_URL" import "$T/cat.csv" >"$T/out" 2>&1
    expect_status 0 "catalogue on the server"
}

expect_backlog_once() {
    expect_eq "$(sqlite3 "$1" "SELECT count(*) FROM outbox")" "0" "nothing waits in the outbox"
    sqlite3 "$1" "SELECT id FROM inquiry ORDER BY id" >"$T/local.ids"
    pg_sql "SELECT id FROM inquiry ORDER BY id" >"$T/server.ids"
    expect_eq "$(wc -l <"$T/server.ids" | tr -d ' ')" "$2" "the server has $2 leads"
    if cmp -s "$T/local.ids" "$T/server.ids"; then pass; else
        fail "the server's leads are the kiosk's leads"
    fi
    expect_eq "$(pg_sql "SELECT count(*) || ' ' || sum(base_quantity) FROM hold")" "$2 $2" \
        "one hold of 1 kg per lead, none twice"
    expect_eq "$(pg_sql "SELECT count(*) FROM inquiry WHERE hold_state = 'confirmed'")" "$2" \
        "every provisional hold was confirmed"
    expect_eq "$(sqlite3 "$1" "SELECT count(*) || ' ' || sum(base_quantity) FROM hold")" \
        "$2 $2.0" "the kiosk's holds are the server's"
    expect_eq "$(sqlite3 "$1" "SELECT count(*) FROM inquiry WHERE hold_state = 'confirmed'")" \
        "$2" "the kiosk knows every lead is confirmed"
}
