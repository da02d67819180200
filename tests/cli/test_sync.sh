#!/bin/sh
# test_sync.sh: several kiosks and one central PostgreSQL (DESIGN §8, issue 15), against a real
# server started for this test (tests/support/pg.sh), with real kiosk processes:
# - `--server URL import` loads the catalogue there with the kiosk import's rules, all or
#   nothing; kiosks pull it (only their fair's products), then only what changed;
# - four kiosks take inquiries for one scarce product (100 kg) at once: the server never holds
#   more than 100 kg, every acknowledged lead is on the server exactly once, and what each
#   buyer was shown is what the server holds;
# - the server stops in the middle (a network cut): the kiosks keep taking leads, their holds
#   provisional and the buyers told so (the result screen's words, from the string tables);
#   after reconnection every lead is on the server once, each provisional hold confirmed or
#   cut, and the cut leads flagged for the organiser.
set -u
. "$OCOP_SRC/tests/cli/lib.sh"
. "$OCOP_SRC/tests/support/pg.sh"
. "$OCOP_SRC/tests/support/outbox.sh"
sync_server_start

"$OCOP" server init "$PG_URL" >"$T/out" 2>&1
expect_status 0 "server init"

# --- the catalogue on the server ------------------------------------------------------------
cat >"$T/fair.csv" <<'EOF'
code,name_vi,name_en,producer,province,stars,group,unit,capacity,capacity_unit
P1,Gạo ST25 hiếm,Rare ST25 rice,HTX Lúa Hiếm,Sóc Trăng,4,Thực phẩm,kg,100,kg
P2,Cà phê Robusta,Robusta coffee,HTX Cà Phê,Đắk Lắk,5,Đồ uống,kg,100000,kg
P3,Tiêu đen,Black pepper,HTX Tiêu,Bình Phước,4,Thực phẩm,kg,100,kg
EOF
cat >"$T/other.csv" <<'EOF'
code,name_vi,producer,province,stars,group,unit,capacity,capacity_unit
Q1,Mật ong bạc hà,HTX Ong,Hà Giang,3,Thực phẩm,kg,500,kg
EOF
cat >"$T/bad.csv" <<'EOF'
code,name_vi,producer,province,stars,group,unit
P2,Cà phê,HTX Cà Phê,Đắk Lắk,9,Đồ uống,kg
EOF

"$OCOP" --server "$PG_URL" import "$T/fair.csv" --fair "Hội chợ A" >"$T/out" 2>"$T/err"
expect_status 0 "import to the server, into fair A"
expect_grep "3 products imported (3 new, 0 updated)" "$T/out" "the server import says what it did"
"$OCOP" --server "$PG_URL" import "$T/other.csv" --fair "Hội chợ B" >"$T/out" 2>"$T/err"
expect_status 0 "another fair's catalogue"
expect_eq "$(pg_sql "SELECT string_agg(code || ':' || base_unit || ':' || (SELECT base_quantity FROM capacity c WHERE c.product_code = p.code AND c.month = '*'), ' ' ORDER BY code) FROM product p")" \
    "P1:kg:100 P2:kg:100000 P3:kg:100 Q1:kg:500" "the server has both catalogues with their capacity"

before=$(pg_sql "SELECT version FROM catalog_version")
"$OCOP" --server "$PG_URL" import "$T/bad.csv" >"$T/out" 2>"$T/err"
expect_status 1 "a bad catalogue is refused by the server import"
expect_grep "bad.csv:2: stars:" "$T/err" "the refusal names FILE:LINE: column as the kiosk import does"
expect_eq "$(pg_sql "SELECT stars FROM product WHERE code = 'P2'")" "5" "the refused import changed nothing"
expect_eq "$(pg_sql "SELECT version FROM catalog_version")" "$before" \
    "the refused import did not bump the catalogue version"

"$OCOP" import --fair X "$T/fair.csv" >"$T/out" 2>&1
expect_status 2 "--fair without --server is a usage error"

# --- kiosks: a fair's catalogue, then only what changed --------------------------------------
kiosk_ini() { # kiosk_ini NAME: a kiosk of fair A, password from a private file
    printf '[kiosk]\nid = %s\n[sync]\nurl = %s\npassword_file = %s\nfair = Hội chợ A\n' \
        "$1" "$PG_URL" "$PG_PWFILE" >"$T/$1.ini"
}
for k in k1 k2 k3 k4; do
    kiosk_ini $k
    env -u PGPASSFILE "$OCOP" --config "$T/$k.ini" --db "$T/$k.db" sync --once >"$T/$k.sync" 2>&1
    expect_status 0 "kiosk $k pulls the catalogue (password from [sync] password_file)"
done
expect_grep "pulled 3 products and 3 capacity rows" "$T/k1.sync" "a kiosk pulls its fair's products"
expect_eq "$(sqlite3 "$T/k1.db" "SELECT group_concat(code, ' ') FROM (SELECT code FROM product ORDER BY code)")" \
    "P1 P2 P3" "the kiosk has fair A's products, not fair B's"
expect_eq "$(sqlite3 "$T/k1.db" "SELECT count(*) FROM product WHERE name_folded = 'gao st25 hiem'")" \
    "1" "pulled products are searchable (folded name)"
"$OCOP" --db "$T/k1.db" search --json hiem >"$T/out" 2>&1
expect_grep '"code":"P1"' "$T/out" "the kiosk's search finds a pulled product typed without accents"

sed 's/Cà phê Robusta,/Cà phê Robusta Buôn Ma Thuột,/' "$T/fair.csv" | grep -v '^P[13]' >"$T/fair2.csv"
"$OCOP" --server "$PG_URL" import "$T/fair2.csv" --fair "Hội chợ A" >"$T/out" 2>&1
expect_status 0 "a changed product is imported again"
"$OCOP" --config "$T/k1.ini" --db "$T/k1.db" sync --once >"$T/out" 2>&1
expect_grep "pulled 1 product " "$T/out" "the next pull brings only the changed product"
expect_eq "$(sqlite3 "$T/k1.db" "SELECT name_vi FROM product WHERE code = 'P2'")" \
    "Cà phê Robusta Buôn Ma Thuột" "the kiosk has the new name"
"$OCOP" --config "$T/k1.ini" --db "$T/k1.db" sync --once >"$T/out" 2>&1
expect_grep "pulled 0 products" "$T/out" "nothing changed: nothing pulled"

# --- four kiosks, one scarce product, at once -------------------------------------------------
inquiry() { # inquiry QTY: a buyer asking QTY kg of P1 next month
    printf '{"buyer": {"name": "Buyer", "phone": "0912 345 678", "province": "Hà Nội"},
 "product": "P1", "quantity": %s, "unit": "kg", "months": ["%s"], "lang": "en",
 "consent": {"contact": true, "share_with_producers": true}}\n' "$1" "$MONTH"
}
inquiry 10 >"$T/inq10.json"

# take K N: kiosk K records N inquiries one after the other; each acknowledged id goes to
# $T/K.acked with what the buyer was shown ("id covered hold").
take() {
    i=0
    while [ $i -lt "$2" ]; do
        if "$OCOP" --config "$T/$1.ini" --db "$T/$1.db" inquire --json <"$T/inq10.json" \
            >"$T/$1.one" 2>>"$T/$1.err"; then
            id=$(sed -n 's/^{"id":"\([^"]*\)".*/\1/p' "$T/$1.one")
            covered=$(sed -n 's/.*"match":{"requested":[^,]*,"unit":"[^"]*","base_unit":"[^"]*","covered":\([^,]*\),.*/\1/p' "$T/$1.one")
            hold=$(sed -n 's/.*"hold":"\([a-z]*\)".*/\1/p' "$T/$1.one")
            notice=no
            grep -q '"notice":' "$T/$1.one" && notice=yes
            echo "$id $covered $hold $notice" >>"$T/$1.acked"
        fi
        i=$((i + 1))
    done
}
for k in k1 k2 k3 k4; do : >"$T/$k.acked"; done
take k1 8 &
take k2 8 &
take k3 8 &
take k4 8 &
wait
cat "$T"/k?.acked >"$T/all.acked"
expect_eq "$(wc -l <"$T/all.acked" | tr -d ' ')" "32" "all 32 inquiries were acknowledged"
held=$(pg_sql "SELECT COALESCE(sum(base_quantity), 0) FROM hold WHERE product_code = 'P1' AND month = '$MONTH'")
expect_eq "$(awk -v h="$held" 'BEGIN { print (h <= 100.000001) ? "ok" : h }')" "ok" \
    "the server never holds more than the 100 kg of P1 (holds: $held kg)"
expect_eq "$(awk -v h="$held" 'BEGIN { print (h >= 99.999) ? "ok" : h }')" "ok" \
    "320 kg asked: the whole 100 kg is held"
shown=$(awk '{ s += $2 } END { printf "%.3f", s }' "$T/all.acked")
expect_eq "$shown" "$(awk -v h="$held" 'BEGIN { printf "%.3f", h }')" \
    "what the buyers were shown adds up to what the server holds"
expect_eq "$(awk '$3 != "confirmed" || $4 != "no"' "$T/all.acked" | wc -l | tr -d ' ')" "0" \
    "online, every hold is the server's answer (no provisional notice)"
awk '{ print $1 }' "$T/all.acked" | sort >"$T/acked.ids"
pg_sql "SELECT id FROM inquiry WHERE product_code = 'P1' ORDER BY id" | sort >"$T/server.ids"
expect_eq "$(sort -u "$T/acked.ids" | wc -l | tr -d ' ')" "32" "32 distinct lead ids"
if cmp -s "$T/acked.ids" "$T/server.ids"; then pass; else
    fail "every acknowledged lead is on the server exactly once"
    diff "$T/acked.ids" "$T/server.ids" | head -5
fi
for k in k1 k2 k3 k4; do
    expect_eq "$(pg_sql "SELECT count(*) FROM inquiry WHERE kiosk_id = '$k'")" "8" \
        "the server has kiosk $k's 8 leads"
    expect_eq "$(sqlite3 "$T/$k.db" "SELECT printf('%.3f', COALESCE(sum(base_quantity), 0)) FROM hold")" \
        "$(pg_sql "SELECT to_char(COALESCE(sum(h.base_quantity), 0), 'FM999990.000') FROM hold h JOIN inquiry i ON i.id = h.inquiry_id WHERE i.kiosk_id = '$k'")" \
        "kiosk $k's holds are the server's holds for its leads"
    expect_eq "$(sqlite3 "$T/$k.db" "SELECT count(*) FROM outbox")" "0" "kiosk $k's outbox is empty"
done
expect_eq "$(pg_sql "SELECT count(*) FROM inquiry WHERE hold_state IS DISTINCT FROM 'confirmed'")" "0" \
    "online leads are confirmed on the server"

# --- four kiosks pushing at once --------------------------------------------------------------
# The same contest, denser: each kiosk has 100 leads of 10 kg of P3 (100 kg) taken while it
# could not reach the server (written here straight into its database; the triggers put them
# in its outbox), then the four push at the same moment, each in one server transaction: all
# four read P3's free capacity before any commits. Serialisable transactions retried on
# 40001 keep the total at 100 kg.
for k in k1 k2 k3 k4; do
    offline_leads "$T/$k.db" $k P3 10 "$MONTH" 100
done
for k in k1 k2 k3 k4; do
    "$OCOP" --config "$T/$k.ini" --db "$T/$k.db" sync --once >"$T/$k.storm" 2>&1 &
done
wait
for k in k1 k2 k3 k4; do
    expect_grep "pushed 200 outbox rows (100 leads" "$T/$k.storm" "kiosk $k pushed its 100 leads"
done
held=$(pg_sql "SELECT COALESCE(sum(base_quantity), 0) FROM hold WHERE product_code = 'P3'")
expect_eq "$held" "100" "pushed at once, the four kiosks' P3 holds stop at its 100 kg"
expect_eq "$(pg_sql "SELECT count(*) FROM inquiry WHERE product_code = 'P3'")" "400" \
    "the server has the 400 P3 leads once each"
expect_eq "$(pg_sql "SELECT count(*) FROM inquiry WHERE product_code = 'P3' AND hold_state = 'cut'")" \
    "390" "390 of them were cut, and flagged"
retries=$(cat "$T"/k?.storm | sed -n 's/.* \([0-9]*\) retried$/\1/p' | awk '{ s += $1 } END { print s + 0 }')
echo "serialisation retries: $retries" >&2

# --- a network cut ---------------------------------------------------------------------------
# P2 has 100,000 kg; with 99,940 kg of it held by one big lead, 60 kg stay free. Two kiosks
# then take 3 leads of 20 kg each while the server is down: 120 kg promised provisionally for
# 60 kg, so after reconnection some are cut.
printf '{"buyer": {"name": "Big", "phone": "0912 345 679", "province": "Hà Nội"},
 "product": "P2", "quantity": 99940, "unit": "kg", "months": ["%s"], "lang": "vi",
 "consent": {"contact": true, "share_with_producers": true}}\n' "$MONTH" >"$T/big.json"
printf '[match]\nmax_share_percent = 100\nsmall_producer_capacity = 0\n' >>"$T/k3.ini"
printf '[match]\nmax_share_percent = 100\nsmall_producer_capacity = 0\n' >>"$T/k4.ini"
"$OCOP" --config "$T/k3.ini" --db "$T/k3.db" inquire --json <"$T/big.json" >"$T/big.out" 2>&1
expect_grep '"covered":99940' "$T/big.out" "the big lead holds 99,940 kg of P2 through the server"
sed 's/"P1", "quantity": 10,/"P2", "quantity": 20,/' "$T/inq10.json" >"$T/inq20.json"
grep -q '"P2", "quantity": 20' "$T/inq20.json" || fail "the test's P2 inquiry was not made"

pg_stop_server
for k in k3 k4; do
    : >"$T/$k.cut"
    for i in 1 2 3; do
        "$OCOP" --config "$T/$k.ini" --db "$T/$k.db" inquire --json <"$T/inq20.json" \
            >"$T/$k.one" 2>>"$T/$k.err"
        expect_status 0 "kiosk $k takes a lead while the server is down"
        id=$(sed -n 's/^{"id":"\([^"]*\)".*/\1/p' "$T/$k.one")
        echo "$id" >>"$T/$k.cut"
        expect_grep '"covered":20,' "$T/$k.one" "offline, the kiosk holds 20 kg locally"
        expect_grep '"hold":"provisional"' "$T/$k.one" "offline, the hold is provisional"
    done
done
provisional_text=$(sed -n 's/^provisional = //p' "$OCOP_SRC/kiosk-config/strings_en.ini")
expect_eq "$(sed -n 's/.*"notice":"\([^"]*\)".*/\1/p' "$T/k3.one")" "$provisional_text" \
    "the buyer is told the hold is provisional, in the result screen's words"
"$OCOP" --config "$T/k3.ini" --db "$T/k3.db" sync --status --json >"$T/out" 2>&1
expect_grep '"provisional":3' "$T/out" "sync --status counts the provisional leads"
expect_grep '"last_error":"cannot reach the server' "$T/out" "sync --status says why it is offline"
"$OCOP" --config "$T/k3.ini" --db "$T/k3.db" sync --once >"$T/out" 2>"$T/err"
expect_status 1 "sync --once fails while the server is down"

pg_restart
"$OCOP" --config "$T/k3.ini" --db "$T/k3.db" sync --once >"$T/k3.sync" 2>&1
expect_status 0 "kiosk k3 pushes after reconnection"
"$OCOP" --config "$T/k4.ini" --db "$T/k4.db" sync --once >"$T/k4.sync" 2>&1
expect_status 0 "kiosk k4 pushes after reconnection"
cat "$T/k3.cut" "$T/k4.cut" | sort >"$T/cut.ids"
expect_eq "$(sort -u "$T/cut.ids" | wc -l | tr -d ' ')" "6" "6 offline leads"
ids=$(sed "s/.*/'&'/" "$T/cut.ids" | paste -sd, -)
expect_eq "$(pg_sql "SELECT count(*) FROM inquiry WHERE id IN ($ids)")" "6" \
    "every offline lead is on the server exactly once"
expect_eq "$(pg_sql "SELECT count(*) FROM inquiry WHERE id IN ($ids) AND hold_state IN ('confirmed', 'cut')")" \
    "6" "every provisional hold is now confirmed or cut"
expect_eq "$(pg_sql "SELECT to_char(sum(base_quantity), 'FM999999990.000') FROM hold WHERE product_code = 'P2' AND month = '$MONTH'")" \
    "100000.000" "P2 is held exactly to its capacity, never beyond"
expect_eq "$(pg_sql "SELECT to_char(COALESCE(sum(base_quantity), 0), 'FM990.000') FROM hold WHERE inquiry_id IN ($ids)")" \
    "60.000" "the offline leads got the 60 kg that were free"
cut=$(pg_sql "SELECT count(*) FROM inquiry WHERE id IN ($ids) AND hold_state = 'cut'")
expect_eq "$(awk -v c="$cut" 'BEGIN { print (c >= 3) ? "ok" : c }')" "ok" \
    "at least 3 offline leads (60 of 120 kg) were cut"
expect_eq "$(pg_sql "SELECT count(*) FROM inquiry WHERE id IN ($ids) AND hold_state = 'cut' AND hold_note LIKE 'P2 $MONTH: 20 → %'")" \
    "$cut" "each cut lead is flagged with what was cut"
expect_eq "$(pg_sql "SELECT count(*) FROM inquiry WHERE id IN ($ids) AND hold_state = 'confirmed' AND (SELECT sum(base_quantity) FROM hold WHERE inquiry_id = inquiry.id) = 20")" \
    "$((6 - cut))" "each confirmed lead holds the 20 kg its buyer was told"
local_cut=$(( $(sqlite3 "$T/k3.db" "SELECT count(*) FROM inquiry WHERE hold_state = 'cut' AND id IN ($ids)") + $(sqlite3 "$T/k4.db" "SELECT count(*) FROM inquiry WHERE hold_state = 'cut' AND id IN ($ids)") ))
expect_eq "$local_cut" "$cut" "the kiosks flag the same cut leads for the organiser"
"$OCOP" --config "$T/k4.ini" --db "$T/k4.db" sync --status --json >"$T/out" 2>&1
expect_grep '"waiting":0' "$T/out" "after reconnection nothing waits"
expect_grep '"provisional":0' "$T/out" "after reconnection nothing is provisional"
grep -h 'pushed' "$T/k3.sync" "$T/k4.sync" >"$T/pushed"
expect_grep "cut)" "$T/pushed" "sync --once reports confirmed and cut leads"


# --- an edit of a lead the server has -----------------------------------------------------------
# One of the confirmed offline leads is cut down to 5 kg at its kiosk (as an edit of the lead
# does: the lead and its hold rewritten, the triggers add the outbox rows): the server releases
# its 20 kg and holds the 5 kg.
edited=$(pg_sql "SELECT i.id FROM inquiry i WHERE i.id IN ($ids) AND i.kiosk_id = 'k3' AND i.hold_state = 'confirmed' LIMIT 1")
if [ -n "$edited" ]; then
    sqlite3 "$T/k3.db" "UPDATE inquiry SET quantity = 5, base_quantity = 5 WHERE id = '$edited';
UPDATE hold SET base_quantity = 5 WHERE inquiry_id = '$edited';"
    p2_before=$(pg_sql "SELECT sum(base_quantity) FROM hold WHERE product_code = 'P2' AND month = '$MONTH'")
    "$OCOP" --config "$T/k3.ini" --db "$T/k3.db" sync --once >"$T/edit.sync" 2>&1
    expect_status 0 "the edited lead is pushed"
    expect_eq "$(pg_sql "SELECT sum(base_quantity) FROM hold WHERE inquiry_id = '$edited'")" "5" \
        "the server holds the edited lead's 5 kg, not its 20 kg"
    expect_eq "$(pg_sql "SELECT sum(base_quantity) FROM hold WHERE product_code = 'P2' AND month = '$MONTH'")" \
        "$(awk -v b="$p2_before" 'BEGIN { print b - 15 }')" "the 15 kg released are free again on the server"
else
    fail "no confirmed offline lead of kiosk k3 to edit"
fi

# --- the usual push: one round trip ------------------------------------------------------------
# After the edit, 15 kg of P2 are free. A new lead of 5 kg taken offline, then pushed: BEGIN, its
# statements and COMMIT go to the server in one round trip (push_one_trip, src/db/sync.c), and
# it holds its 5 kg. Then one of 20 kg, more than the 10 kg left: the one-trip guards refuse the
# transaction (nothing of it stays) and the push goes the long way, which cuts the lead to the
# 10 kg and flags it.
offline_lead() { # offline_lead KIOSK PRODUCT KG: one provisional lead with its hold; prints its id
    id=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
    sqlite3 "$T/$1.db" "INSERT INTO inquiry (id, kiosk_id, created_at, buyer_name, buyer_phone,
  lang, product_code, quantity, unit, base_quantity, base_unit, month_from, month_to,
  consent_contact, consent_share, hold_state, match_json)
VALUES ('$id', '$1', strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), 'Buyer', '+84912345678', 'en', '$2',
  $3, 'kg', $3, 'kg', '$MONTH', '$MONTH', 1, 1, 'provisional', '{}');
INSERT INTO hold (inquiry_id, product_id, month, base_quantity, kind, created_at, expires_at)
SELECT '$id', p.id, '$MONTH', $3, 'instant', strftime('%Y-%m-%dT%H:%M:%SZ', 'now'),
  strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '+14 days') FROM product p WHERE p.code = '$2';"
    echo "$id"
}
small=$(offline_lead k1 P2 5)
"$OCOP" --config "$T/k1.ini" --db "$T/k1.db" sync --once >"$T/out" 2>&1
expect_status 0 "a new lead with capacity to spare is pushed"
expect_grep "pushed 2 outbox rows (1 lead, 0 views; 1 confirmed, 0 cut) in 1 transaction (1 round trip)," \
    "$T/out" "the usual push is one round trip to the server"
expect_eq "$(pg_sql "SELECT hold_state || ' ' || (SELECT sum(base_quantity) FROM hold WHERE inquiry_id = '$small') FROM inquiry WHERE id = '$small'")" \
    "confirmed 5" "in one round trip the server confirmed and holds its 5 kg"
big=$(offline_lead k1 P2 20)
"$OCOP" --config "$T/k1.ini" --db "$T/k1.db" sync --once >"$T/out" 2>&1
expect_status 0 "a new lead asking more than is free is pushed"
expect_grep "pushed 2 outbox rows (1 lead, 0 views; 0 confirmed, 1 cut) in 1 transaction (" \
    "$T/out" "it is cut"
if grep -q "(1 round trip)" "$T/out"; then
    fail "the push that cuts a lead goes the long way, not in one round trip"
else pass; fi
expect_eq "$(pg_sql "SELECT hold_state || ' ' || (SELECT sum(base_quantity) FROM hold WHERE inquiry_id = '$big') FROM inquiry WHERE id = '$big'")" \
    "cut 10" "the long way holds the 10 kg left and flags the lead"
expect_eq "$(pg_sql "SELECT sum(base_quantity) FROM hold WHERE product_code = 'P2' AND month = '$MONTH'")" \
    "100000" "P2 is held to its capacity again, never beyond"

# --- the held totals ---------------------------------------------------------------------------
# Every hold transaction reads hold_total instead of summing hold rows (server_holds.c): after all
# of the above, each total that is not marked stale is the sum of its holds, and every product
# and month with holds has one.
now_sql="to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"
expect_eq "$(pg_sql "SELECT count(*) FROM hold_total t WHERE t.expires_first IS DISTINCT FROM '' AND abs(t.held - COALESCE((SELECT sum(h.base_quantity) FROM hold h WHERE h.product_code = t.product_code AND h.month = t.month AND (h.kind = 'batch' OR h.expires_at > $now_sql)), 0)) > 0.000001")" \
    "0" "each held total on the server is the sum of its holds"
expect_eq "$(pg_sql "SELECT count(*) FROM (SELECT DISTINCT product_code, month FROM hold) h WHERE NOT EXISTS (SELECT 1 FROM hold_total t WHERE t.product_code = h.product_code AND t.month = h.month AND t.expires_first IS DISTINCT FROM '')")" \
    "0" "every product and month with holds has its total"

# --- `inquire` as text: the hold's state in the buyer's language ------------------------------
# The month after the others, where P3 is free. Online the server confirms; with the server
# stopped the hold is provisional, said with the result screen's notice.
LATER=$(date -u -d "$(date -u +%Y-%m-15) +2 month" +%Y-%m)
text_inquiry() { # text_inquiry LANG: a buyer asking 1 kg of P3 in $LATER, in LANG
    printf '{"buyer": {"name": "Buyer", "phone": "0912 345 678", "province": "Hà Nội"},
 "product": "P3", "quantity": 1, "unit": "kg", "months": ["%s"], "lang": "%s",
 "consent": {"contact": true, "share_with_producers": true}}\n' "$LATER" "$1" >"$T/text_$1.json"
    "$OCOP" --config "$T/k2.ini" --db "$T/k2.db" inquire <"$T/text_$1.json" >"$T/text_$1.out" 2>&1
    expect_status 0 "a lead in $1, as text"
}
text_inquiry vi
expect_grep "^giữ chỗ: đã xác nhận$" "$T/text_vi.out" "online, a Vietnamese lead's hold is confirmed in Vietnamese"
expect_no_grep "hold" "$T/text_vi.out" "no English word in the Vietnamese text"
text_inquiry en
expect_grep "^hold: confirmed$" "$T/text_en.out" "online, an English lead's hold is confirmed in English"
pg_stop_server
text_inquiry vi
notice_vi=$(sed -n 's/^provisional = //p' "$OCOP_SRC/kiosk-config/strings_vi.ini")
expect_grep "^giữ chỗ: tạm thời$" "$T/text_vi.out" "offline, the hold is provisional, in Vietnamese"
expect_grep "^  $notice_vi$" "$T/text_vi.out" "offline, the result screen's notice follows"
expect_no_grep "hold\|provisional" "$T/text_vi.out" "no English word in the Vietnamese text offline"

finish
