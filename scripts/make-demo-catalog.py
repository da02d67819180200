#!/usr/bin/env python3
"""Builds the demo catalogue in assets/catalog/ from the project's research table of real OCOP
products (one public source per row).

    scripts/make-demo-catalog.py RESEARCH.csv assets/catalog

Names, producers, districts, provinces, stars, years and groups are taken as the sources state
them. A product is kept only when its producer and star rating are known (the catalogue
requires both); when a product appears twice (re-rated later), the latest rating is kept.
Where the source states no group, one is assigned and SOURCES.csv says so.

Everything else -- sale units and measures, prices, minimum orders, lead times and monthly
capacities -- is ILLUSTRATIVE (demo values), chosen to look plausible for the kind of product
and to give the matcher something to do: the description of every product says so. The values
are deterministic (seeded by the product code), so running the script again gives the same
files.

Writes catalog.csv, capacity.csv (12 months from 2026-12) and SOURCES.csv.
"""
import csv
import random
import sys

PROVINCE_CODES = {"Trà Vinh": "TV", "Bến Tre": "BT", "Vĩnh Long": "VL", "Sóc Trăng": "ST"}

GROUP_KEYS = {
    "Thực phẩm": "Thực phẩm",
    "Đồ uống": "Đồ uống",
    "Thảo dược / Dược liệu": "Thảo dược / Dược liệu",
    "Thủ công mỹ nghệ (lưu niệm - nội thất - trang trí)": "Thủ công mỹ nghệ",
}

# Products whose group the source does not state: (name prefix, group, reason).
ASSIGNED_GROUPS = [
    ("Trà ", "Đồ uống", "group not stated in the source; assigned Đồ uống (tea) for the demo"),
    ("Dầu dừa", "Thảo dược / Dược liệu",
     "group not stated in the source; assigned Thảo dược for the demo (as Kokofi virgin "
     "coconut oil in the 2022 Trà Vinh batch)"),
]

# (name contains, sale unit, measure, price VND per sale unit, capacity per month,
#  capacity unit, season). First match wins. All ILLUSTRATIVE.
RULES = [
    ("Bánh trung thu", "hộp", "500 g", 180000, 1200, "hộp", "mooncake"),
    ("Bánh pía", "hộp", "500 g", 95000, 3000, "hộp", "tet_mooncake"),
    ("Bánh tét", "đòn", "1 kg", 80000, 1500, "đòn", "tet"),
    ("Bánh Vicosap", "hộp", "300 g", 65000, 1500, "hộp", "steady"),
    ("Bánh tráng", "gói", "500 g", 40000, 1000, "kg", "steady"),
    ("Chả hoa", "cây", "500 g", 110000, 800, "cây", "tet"),
    ("Lạp xưởng", "gói", "500 g", 150000, 500, "kg", "tet"),
    ("Tinh dầu", "lọ", "100 ml", 250000, 400, "lọ", "steady"),
    ("Dầu dừa", "chai", "250 ml", 90000, 300, "l", "steady"),
    ("Rượu", "chai", "500 ml", 180000, 300, "chai", "tet"),
    ("Trà ", "hộp", "100 g", 45000, 800, "hộp", "steady"),
    ("Tôm khô", "kg", "", 900000, 3, "tạ", "steady"),
    ("Đường hoa dừa", "hũ", "250 g", 85000, 1500, "kg", "steady"),
    ("Nước uống mật hoa dừa", "chai", "250 ml", 25000, 5000, "chai", "summer"),
    ("Giấm", "chai", "500 ml", 60000, 800, "l", "steady"),
    ("Mật hoa dừa", "chai", "500 ml", 120000, 1500, "l", "steady"),
    ("Kẹo", "gói", "400 g", 55000, 800, "kg", "tet"),
    ("ca cao", "hộp", "250 g", 95000, 600, "hộp", "steady"),
    ("Bột nưa", "gói", "200 g", 50000, 1000, "gói", "steady"),
    ("Dừa sáp sợi", "hộp", "250 g", 120000, 1200, "hộp", "steady"),
    ("Dừa sáp hút chân không", "hộp", "500 g", 150000, 800, "hộp", "steady"),
    ("Dừa sáp sấy", "gói", "100 g", 60000, 2000, "gói", "steady"),
    ("Dừa sáp", "trái", "", 120000, 5000, "trái", "steady"),
    ("Đàn guitar", "cái", "", 3000000, 20, "cái", "steady"),
    ("Thảm xơ dừa", "tấm", "", 150000, 2000, "tấm", "steady"),
    ("Nước cốt dừa", "túi", "1 kg", 70000, 10, "tấn", "steady"),
    ("Yến", "hộp", "50 g", 1800000, 30, "kg", "tet"),
    ("Gạo", "túi", "5 kg", 120000, 20, "tấn", "rice"),
    ("Khô cá", "kg", "", 350000, 50, "yến", "tet"),
    ("Khoai lang", "túi", "500 g", 70000, 2000, "túi", "steady"),
    ("Sầu riêng", "hộp", "100 g", 150000, 1000, "hộp", "steady"),
    ("Nước màu", "chai", "250 ml", 30000, 4000, "chai", "steady"),
]

MONTHS = ["2026-12"] + ["2027-%02d" % m for m in range(1, 12)]

# Multipliers per month for each season pattern (2026-12 … 2027-11). Tết 2027 falls on
# 6 February and the Mid-Autumn festival on 15 September 2027.
SEASONS = {
    "steady": [1.0] * 12,
    "summer": [0.6, 0.6, 0.8, 1.0, 1.3, 1.5, 1.5, 1.3, 1.0, 0.8, 0.7, 0.6],
    "tet": [1.5, 3.0, 0.5, 0.6, 0.6, 0.6, 0, 0, 0.6, 0.8, 1.0, 1.2],
    "mooncake": [0, 0, 0, 0, 0, 0, 0, 1.0, 2.5, 0, 0, 0],
    "tet_mooncake": [1.2, 2.0, 0.5, 0.6, 0.6, 0.6, 0.8, 1.5, 2.5, 0.6, 0.8, 1.0],
    "rice": [1.5, 1.0, 0.8, 1.5, 1.0, 0.8, 1.5, 1.0, 0.8, 1.2, 0, 1.0],
}

KIND_PREFIXES = [("Hợp tác xã", "cooperative"), ("Hộ kinh doanh", "household"),
                 ("Công ty", "company"), ("Chi nhánh Công ty", "company"),
                 ("Doanh nghiệp", "company")]


def rule_for(name):
    for rule in RULES:
        if rule[0] in name:
            return rule
    raise SystemExit("no unit rule for %r" % name)


def nice(x):
    """Rounds a quantity to two significant-looking figures."""
    if x >= 100:
        return int(round(x / 10.0)) * 10
    if x >= 10:
        return int(round(x))
    return round(x, 1)


def main():
    research, out_dir = sys.argv[1], sys.argv[2]
    rows = list(csv.DictReader(open(research, encoding="utf-8")))
    kept = [r for r in rows if r["producer"].strip() and r["stars"].strip()]
    # The same product rated again later: keep the latest rating.
    latest = {}
    for r in kept:
        key = (r["name_vi"], r["producer"])
        if key not in latest or (r["year"] or "0") > (latest[key]["year"] or "0"):
            latest[key] = r
    kept = [r for r in kept if latest[(r["name_vi"], r["producer"])] is r]

    counters = {}
    catalog, capacity, sources = [], [], []
    for r in kept:
        prefix = PROVINCE_CODES[r["province"]]
        counters[prefix] = counters.get(prefix, 0) + 1
        code = "%s-%03d" % (prefix, counters[prefix])
        rng = random.Random(code)
        note = r["notes"]
        group = GROUP_KEYS.get(r["group"])
        if not group:
            for name_prefix, g, why in ASSIGNED_GROUPS:
                if r["name_vi"].startswith(name_prefix):
                    group = g
                    note = (note + "; " if note else "") + why
                    break
        if not group:
            raise SystemExit("no group for %r" % r["name_vi"])
        _, unit, measure, price, cap, cap_unit, season = rule_for(r["name_vi"])
        price = int(round(price * rng.uniform(0.85, 1.15) / 1000.0)) * 1000
        price_max = int(round(price * 1.2 / 1000.0)) * 1000
        cap = nice(cap * rng.uniform(0.6, 1.6))
        kind = ""
        for p, k in KIND_PREFIXES:
            if r["producer"].startswith(p):
                kind = k
        year = r["year"]
        stars = r["stars"]
        desc_vi = "%s: sản phẩm OCOP %s sao%s của %s, %s. Số liệu công suất/giá là minh hoạ " \
                  "(demo)." % (r["name_vi"], stars, " (%s)" % year if year else "",
                               r["producer"], r["province"])
        desc_en = "%s: OCOP %s-star product%s of %s, %s. Capacity and price figures are " \
                  "illustrative (demo values)." % (r["name_en"], stars,
                                                   " (%s)" % year if year else "",
                                                   r["producer"], r["province"])
        # No image: the kiosk picks an illustration from the product's name (src/core/picture.c).
        image = ""
        catalog.append({
            "code": code, "name_vi": r["name_vi"], "name_en": r["name_en"],
            "producer": r["producer"], "producer_kind": kind, "district": r["district"],
            "province": r["province"], "stars": stars, "group": group, "unit": unit,
            "measure": measure, "price_min_vnd": price, "price_max_vnd": price_max,
            "moq": {"trái": 50, "cái": 1, "tấm": 20}.get(unit, 10 if unit != "kg" else 5),
            "lead_time_days": rng.choice([3, 5, 7, 7, 10, 14]),
            "capacity": cap, "capacity_unit": cap_unit, "image": image,
            "description_vi": desc_vi, "description_en": desc_en,
        })
        # Monthly capacity: the season's shape, some noise, and now and then a month off.
        shape = SEASONS[season]
        off = rng.randrange(12) if season == "steady" and rng.random() < 0.3 else -1
        for i, month in enumerate(MONTHS):
            q = 0 if i == off else nice(cap * shape[i] * rng.uniform(0.85, 1.15))
            capacity.append({"code": code, "month": month, "quantity": q, "unit": cap_unit})
        sources.append({"code": code, "name_vi": r["name_vi"], "producer": r["producer"],
                        "year": year, "source_url": r["source_url"], "notes": note})

    fields = ["code", "name_vi", "name_en", "producer", "producer_kind", "district", "province",
              "stars", "group", "unit", "measure", "price_min_vnd", "price_max_vnd", "moq",
              "lead_time_days", "capacity", "capacity_unit", "image", "description_vi",
              "description_en"]
    for name, fieldnames, data in [
            ("catalog.csv", fields, catalog),
            ("capacity.csv", ["code", "month", "quantity", "unit"], capacity),
            ("SOURCES.csv", ["code", "name_vi", "producer", "year", "source_url", "notes"],
             sources)]:
        with open("%s/%s" % (out_dir, name), "w", encoding="utf-8", newline="") as f:
            w = csv.DictWriter(f, fieldnames=fieldnames, lineterminator="\n")
            w.writeheader()
            w.writerows(data)
    print("%d products, %d capacity rows" % (len(catalog), len(capacity)))


if __name__ == "__main__":
    main()
