# outbox.sh: a kiosk's backlog for the sync tests (POSIX sh; source it after lib.sh).
#
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
