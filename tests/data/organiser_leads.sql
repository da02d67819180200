-- organiser_leads.sql: four leads and some product views for the organiser tools' tests
-- (export, merge, purge, statistics, the organiser screen). Applied with the sqlite3 shell (or
-- db_exec) to a database into which ocop-kiosk has imported organiser_catalog.csv and
-- organiser_capacity.csv. Inquiry rows follow src/db/schema.c; match_json follows the match
-- JSON of DESIGN §5 (src/core/match.h).
INSERT INTO product_view (product_id, viewed_at)
  SELECT id, '2026-11-29T02:00:00Z' FROM product WHERE code = 'TV-MHD' UNION ALL
  SELECT id, '2026-11-29T02:05:00Z' FROM product WHERE code = 'TV-MHD' UNION ALL
  SELECT id, '2026-11-29T03:00:00Z' FROM product WHERE code = 'LC-MO';

-- Lead 1: consents to everything; matched to both producers' products via the group.
INSERT INTO inquiry (id, kiosk_id, created_at, buyer_name, buyer_company, buyer_phone,
  buyer_email, buyer_province, lang, grp, quantity, unit, base_quantity, base_unit,
  month_from, month_to, min_stars, note, consent_contact, consent_share, match_json)
VALUES ('11111111-1111-4111-8111-111111111111', 'KIOSK-A', '2026-11-28T03:00:00Z',
  'Nguyễn Thị Hoa', 'Công ty TNHH Thực phẩm Sạch', '+84912345678', 'hoa@example.vn',
  'Hà Nội', 'vi', 'food', 600, 'l', 600, 'l', '2026-12', '2026-12', 4,
  'Giao tại kho, "gấp", trước Tết', 1, 1,
  '{"requested":600,"unit":"l","base_unit":"l","covered":500,"unmet":100,"lines":[{"product":"TV-MHD","producer":"HTX Dừa sáp Cầu Kè","month":"2026-12","quantity":500,"unit":"l","base_quantity":500,"why":"4★ · covers 83 %"}]}');

-- Lead 2: a company name that is a formula; no consent to sharing; asks a product by code.
INSERT INTO inquiry (id, kiosk_id, created_at, buyer_name, buyer_company, buyer_phone,
  buyer_province, lang, product_code, quantity, unit, base_quantity, base_unit, month_from,
  month_to, consent_contact, consent_share, match_json)
VALUES ('22222222-2222-4222-8222-222222222222', 'KIOSK-A', '2026-11-29T04:30:00Z',
  'Trần Văn Bình', '=HYPERLINK("http://evil.example","click")', '+84987654321',
  'TP. Hồ Chí Minh', 'vi', 'LC-MO', 400, 'kg', 400, 'kg', '2026-12', '2026-12', 1, 0,
  '{"requested":400,"unit":"kg","base_unit":"kg","covered":300,"unmet":100,"lines":[{"product":"LC-MO","producer":"Công ty Mật ong Bạc Hà","month":"2026-12","quantity":300,"unit":"kg","base_quantity":300,"why":"5★ · covers 75 %"}]}');

-- Lead 3: consents; matched to the honey producer; names starting with + and @.
INSERT INTO inquiry (id, kiosk_id, created_at, buyer_name, buyer_company, buyer_phone,
  buyer_province, lang, product_code, quantity, unit, base_quantity, base_unit, month_from,
  month_to, consent_contact, consent_share, match_json)
VALUES ('33333333-3333-4333-8333-333333333333', 'KIOSK-A', '2026-11-29T05:00:00Z',
  '@Lê Minh', '+cmd|'' /C calc''!A0', '+84905000111', 'Đà Nẵng', 'en', 'LC-MO', 50, 'kg', 50,
  'kg', '2027-01', '2027-02', 1, 1,
  '{"requested":50,"unit":"kg","base_unit":"kg","covered":0,"unmet":50,"lines":[]}');

-- Lead 4: consents; matched to both producers (a free-text query).
INSERT INTO inquiry (id, kiosk_id, created_at, buyer_name, buyer_phone, buyer_province, lang,
  query, quantity, unit, base_quantity, base_unit, month_from, month_to, consent_contact,
  consent_share, match_json)
VALUES ('44444444-4444-4444-8444-444444444444', 'KIOSK-A', '2026-11-29T06:00:00Z',
  'Phạm Thu', '+84933222111', 'Hà Nội', 'vi', 'mật', 20, 'kg', 20, 'kg', '2026-12',
  '2026-12', 1, 1,
  '{"requested":20,"unit":"kg","base_unit":"kg","covered":20,"unmet":0,"lines":[{"product":"LC-MO","producer":"Công ty Mật ong Bạc Hà","month":"2026-12","quantity":15,"unit":"kg","base_quantity":15,"why":"5★"},{"product":"TV-MHD","producer":"HTX Dừa sáp Cầu Kè","month":"2026-12","quantity":5,"unit":"kg","base_quantity":5,"why":"4★"}]}');
