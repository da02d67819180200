/* catgen.c: the synthetic catalogue; see catgen.h. */
#include "db/catgen.h"

#include "db/db_internal.h"
#include "db/search_db.h"

#include "core/catalog.h"
#include "core/month.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- word lists ---------------------------------------------------------------------------- */

/* The 34 provincial units since 2025-07-01, each with places its products are known by. */
static const struct {
    const char *name;
    const char *places[3];
} provinces[] = {
    {"Hà Nội", {"Bát Tràng", "Vạn Phúc", "Ba Vì"}},
    {"Huế", {"Phú Vang", "Hương Trà", "A Lưới"}},
    {"Lai Châu", {"Tam Đường", "Sìn Hồ", "Phong Thổ"}},
    {"Điện Biên", {"Mường Thanh", "Tủa Chùa", "Mường Ảng"}},
    {"Sơn La", {"Mộc Châu", "Yên Châu", "Mai Sơn"}},
    {"Lạng Sơn", {"Hữu Lũng", "Bắc Sơn", "Cao Lộc"}},
    {"Quảng Ninh", {"Vân Đồn", "Đầm Hà", "Tiên Yên"}},
    {"Thanh Hóa", {"Sầm Sơn", "Ngọc Lặc", "Như Thanh"}},
    {"Nghệ An", {"Quỳnh Lưu", "Nghĩa Đàn", "Con Cuông"}},
    {"Hà Tĩnh", {"Hương Sơn", "Vũ Quang", "Cẩm Xuyên"}},
    {"Cao Bằng", {"Trùng Khánh", "Bảo Lạc", "Hà Quảng"}},
    {"Tuyên Quang", {"Hàm Yên", "Hà Giang", "Đồng Văn"}},
    {"Lào Cai", {"Sa Pa", "Bắc Hà", "Văn Chấn"}},
    {"Thái Nguyên", {"Tân Cương", "Đại Từ", "Ba Bể"}},
    {"Phú Thọ", {"Thanh Sơn", "Tam Đảo", "Mai Châu"}},
    {"Bắc Ninh", {"Lục Ngạn", "Đông Hồ", "Yên Thế"}},
    {"Hưng Yên", {"Khoái Châu", "Tiên Lữ", "Thái Thụy"}},
    {"Hải Phòng", {"Thanh Hà", "Cát Bà", "Chí Linh"}},
    {"Ninh Bình", {"Kim Sơn", "Tràng An", "Giao Thủy"}},
    {"Quảng Trị", {"Khe Sanh", "Bố Trạch", "Vĩnh Linh"}},
    {"Đà Nẵng", {"Hội An", "Trà My", "Hòa Vang"}},
    {"Quảng Ngãi", {"Lý Sơn", "Ba Tơ", "Măng Đen"}},
    {"Gia Lai", {"Pleiku", "Chư Sê", "An Nhơn"}},
    {"Khánh Hòa", {"Cam Ranh", "Ninh Hải", "Diên Khánh"}},
    {"Lâm Đồng", {"Đà Lạt", "Bảo Lộc", "Đắk Mil"}},
    {"Đắk Lắk", {"Buôn Ma Thuột", "Ea Kar", "Tuy An"}},
    {"TP. Hồ Chí Minh", {"Củ Chi", "Cần Giờ", "Lái Thiêu"}},
    {"Đồng Nai", {"Long Khánh", "Xuân Lộc", "Bù Đăng"}},
    {"Tây Ninh", {"Trảng Bàng", "Bến Lức", "Tân Biên"}},
    {"Cần Thơ", {"Phong Điền", "Cù Lao Dung", "Vị Thanh"}},
    {"Vĩnh Long", {"Chợ Lách", "Cầu Kè", "Mỏ Cày"}},
    {"Đồng Tháp", {"Sa Đéc", "Cái Bè", "Lấp Vò"}},
    {"Cà Mau", {"U Minh", "Năm Căn", "Bạc Liêu"}},
    {"An Giang", {"Phú Quốc", "Châu Đốc", "Thất Sơn"}},
};

/* A kind of product: names, how it is sold, price per sale unit. */
typedef struct product_kind {
    const char *vi;
    const char *en;
    const char *unit;
    const char *measure;   /* NULL when sold by the unit's own measure */
    const char *base_unit; /* kg | l | piece */
    double base_per_unit;
    int price_min_k; /* thousand VND per sale unit */
    int price_max_k;
} product_kind;

static const product_kind food[] = {
    {"Mật ong", "honey", "hũ", "500 g", "kg", 0.5, 120, 260},
    {"Nước mắm", "fish sauce", "chai", "500 ml", "l", 0.5, 60, 180},
    {"Gạo ST25", "ST25 rice", "túi", "5 kg", "kg", 5, 130, 220},
    {"Bánh tráng", "rice paper", "gói", "500 g", "kg", 0.5, 25, 60},
    {"Kẹo dừa", "coconut candy", "hộp", "400 g", "kg", 0.4, 35, 80},
    {"Chả cá", "fish cake", "kg", NULL, "kg", 1, 140, 260},
    {"Nem chua", "fermented pork roll", "hộp", "500 g", "kg", 0.5, 60, 120},
    {"Hạt điều rang muối", "salted roasted cashews", "hũ", "500 g", "kg", 0.5, 150, 280},
    {"Tiêu đen", "black pepper", "gói", "200 g", "kg", 0.2, 40, 90},
    {"Mứt gừng", "candied ginger", "hộp", "300 g", "kg", 0.3, 45, 90},
    {"Khô cá lóc", "dried snakehead fish", "kg", NULL, "kg", 1, 300, 550},
    {"Miến dong", "arrowroot vermicelli", "gói", "500 g", "kg", 0.5, 40, 75},
    {"Bánh pía", "durian mooncake", "hộp", "400 g", "kg", 0.4, 50, 110},
    {"Đường thốt nốt", "palm sugar", "kg", NULL, "kg", 1, 60, 120},
    {"Xoài sấy dẻo", "soft dried mango", "túi", "200 g", "kg", 0.2, 45, 90},
    {"Bưởi da xanh", "green-skin pomelo", "kg", NULL, "kg", 1, 40, 80},
    {"Mắm tôm", "shrimp paste", "hũ", "250 g", "kg", 0.25, 30, 70},
    {"Lạp xưởng", "Vietnamese sausage", "kg", NULL, "kg", 1, 180, 320},
};
static const product_kind beverages[] = {
    {"Trà xanh", "green tea", "gói", "200 g", "kg", 0.2, 80, 300},
    {"Trà shan tuyết", "Shan Tuyet tea", "hộp", "100 g", "kg", 0.1, 150, 600},
    {"Cà phê rang xay", "ground roasted coffee", "gói", "500 g", "kg", 0.5, 90, 250},
    {"Rượu gạo", "rice wine", "chai", "500 ml", "l", 0.5, 70, 200},
    {"Rượu sim", "rose myrtle wine", "chai", "750 ml", "l", 0.75, 120, 280},
    {"Mật hoa dừa", "coconut nectar", "chai", "250 ml", "l", 0.25, 60, 140},
    {"Nước ép chanh dây", "passion fruit juice", "chai", "330 ml", "l", 0.33, 20, 45},
    {"Sữa dừa", "coconut milk", "thùng", "24 l", "l", 24, 280, 420},
    {"Trà atisô", "artichoke tea", "hộp", "200 g", "kg", 0.2, 50, 120},
};
static const product_kind herbal[] = {
    {"Cao atisô", "artichoke extract", "hũ", "200 g", "kg", 0.2, 90, 200},
    {"Tinh dầu sả", "lemongrass essential oil", "chai", "100 ml", "l", 0.1, 60, 150},
    {"Nấm linh chi", "lingzhi mushroom", "kg", NULL, "kg", 1, 600, 1500},
    {"Sâm Ngọc Linh", "Ngoc Linh ginseng", "hộp", "100 g", "kg", 0.1, 2000, 9000},
    {"Tinh bột nghệ", "turmeric starch", "hũ", "500 g", "kg", 0.5, 150, 350},
    {"Trà túi lọc dược liệu", "herbal tea bags", "hộp", "100 g", "kg", 0.1, 45, 110},
    {"Cao gắm", "gnetum extract", "hũ", "100 g", "kg", 0.1, 200, 450},
    {"Hà thủ ô", "fo-ti root", "kg", NULL, "kg", 1, 250, 600},
};
static const product_kind textiles[] = {
    {"Khăn lụa", "silk scarf", "cái", NULL, "piece", 1, 150, 650},
    {"Vải thổ cẩm", "brocade fabric", "cái", NULL, "piece", 1, 250, 900},
    {"Áo dài lụa", "silk ao dai", "cái", NULL, "piece", 1, 900, 3500},
    {"Túi thổ cẩm", "brocade bag", "cái", NULL, "piece", 1, 120, 450},
    {"Khăn choàng lanh", "linen shawl", "cái", NULL, "piece", 1, 200, 700},
};
static const product_kind handicrafts[] = {
    {"Nón lá", "conical hat", "cái", NULL, "piece", 1, 40, 180},
    {"Giỏ mây tre đan", "rattan and bamboo basket", "cái", NULL, "piece", 1, 60, 350},
    {"Bình gốm", "ceramic vase", "cái", NULL, "piece", 1, 150, 1200},
    {"Chiếu cói", "sedge mat", "cái", NULL, "piece", 1, 120, 450},
    {"Tranh sơn mài", "lacquer painting", "cái", NULL, "piece", 1, 800, 6000},
    {"Đũa tre", "bamboo chopsticks", "hộp", NULL, "piece", 1, 30, 90},
    {"Tượng gỗ", "wooden statue", "cái", NULL, "piece", 1, 500, 5000},
};
static const product_kind ornamental[] = {
    {"Lan hồ điệp", "phalaenopsis orchid", "cái", NULL, "piece", 1, 250, 1200},
    {"Mai vàng bonsai", "yellow apricot bonsai", "cái", NULL, "piece", 1, 800, 9000},
    {"Cây kiểng lá", "foliage houseplant", "cái", NULL, "piece", 1, 80, 400},
    {"Hoa cúc mâm xôi", "button chrysanthemum", "cái", NULL, "piece", 1, 60, 200},
};
static const product_kind tourism[] = {
    {"Tour trải nghiệm làng nghề", "craft village experience tour", "gói", NULL, "piece", 1, 250,
     900},
    {"Homestay sinh thái", "eco homestay", "gói", NULL, "piece", 1, 400, 1500},
    {"Du lịch cộng đồng", "community-based tour", "gói", NULL, "piece", 1, 300, 1200},
};

/* The product kinds of every group of the one group table (catalog.h), by its key, weighted as
 * OCOP catalogues are (food and drink dominate). A group of that table missing here, or a key
 * here that names no group, stops catgen_generate with an error naming it (check_groups), so a
 * new group cannot be forgotten; test_catgen checks every group gets products. */
static const struct group_kinds {
    const char *key;
    const product_kind *kinds;
    int n_kinds;
    int weight; /* per 100 */
} groups[] = {
    {"food", food, (int)OCOP_COUNT(food), 50},
    {"beverages", beverages, (int)OCOP_COUNT(beverages), 20},
    {"herbal", herbal, (int)OCOP_COUNT(herbal), 12},
    {"textiles", textiles, (int)OCOP_COUNT(textiles), 5},
    {"handicrafts", handicrafts, (int)OCOP_COUNT(handicrafts), 8},
    {"ornamental", ornamental, (int)OCOP_COUNT(ornamental), 3},
    {"tourism", tourism, (int)OCOP_COUNT(tourism), 2},
};

static const struct {
    const char *vi, *en;
} qualifiers[] = {
    {"", ""},
    {"truyền thống", "traditional"},
    {"hữu cơ", "organic"},
    {"đặc biệt", "special"},
    {"thượng hạng", "premium"},
    {"loại 1", "grade 1"},
    {"nguyên chất", "pure"},
    {"thủ công", "handmade"},
    {"rừng", "wild"},
    {"xuất khẩu", "export grade"},
};

static const char *const sectors[] = {
    "Nông nghiệp", "Dịch vụ nông nghiệp", "Nông sản sạch", "Chăn nuôi", "Làng nghề",
    "Thủy sản",    "Dược liệu",           "Chè",           "Cà phê",    "Thủ công",
};
static const char *const brands[] = {
    "Sao Mai",  "Phương Nam", "Hương Quê", "Đồng Xanh", "Thiên Phú", "Hoàng Gia", "Minh Phát",
    "An Khang", "Việt Hưng",  "Tâm Đức",   "Bảo Ngọc",  "Hồng Lam",  "Nam Việt",  "Đại Lộc",
};
static const char *const families[] = {"Nguyễn", "Trần", "Lê",   "Phạm", "Hoàng", "Huỳnh", "Phan",
                                       "Vũ",     "Võ",   "Đặng", "Bùi",  "Đỗ",    "Hồ",    "Ngô"};
static const char *const middles[] = {"Văn", "Thị", "Hữu", "Minh", "Thanh", "Ngọc", "Đức", "Kim"};
static const char *const givens[] = {
    "An",    "Bình",  "Cường", "Dũng", "Giang", "Hà",   "Hải",   "Hạnh", "Hoa",   "Hùng",
    "Hương", "Khánh", "Lan",   "Linh", "Long",  "Mai",  "Nam",   "Nga",  "Ngọc",  "Phong",
    "Phúc",  "Quang", "Quyên", "Sơn",  "Tâm",   "Thảo", "Thắng", "Thủy", "Trang", "Trung",
    "Tuấn",  "Tú",    "Uyên",  "Vân",  "Việt",  "Xuân", "Yến",   "Đạt",  "Điệp",  "Đông",
};

/* ---- a small deterministic PRNG (splitmix64) ----------------------------------------------- */

typedef struct rng {
    uint64_t state;
} rng;

static uint64_t rng_next(rng *r) {
    uint64_t z = (r->state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

/* Uniform in [0, n). */
static int rng_below(rng *r, int n) {
    OCOP_ASSERT(n > 0);
    return (int)(rng_next(r) % (uint64_t)n);
}

/* ---- generation ---------------------------------------------------------------------------- */

void catgen_defaults(catgen_options *o) {
    *o = (catgen_options){
        .n_products = 1000,
        .products_per_producer = 4,
        .seed = 1,
        .code_prefix = "GEN",
        .first_month = "2026-11",
        .n_months = 12,
    };
}

typedef struct producer_gen {
    int64_t id;
    int province;
    size_t group; /* index in the one group table (catalog_group_key_at) */
} producer_gen;

/* The producer number `i`'s name: distinct for distinct i (mixed-radix over the word lists,
 * then a number once the lists run out). */
static void producer_name(int i, const char *place, char *out, size_t cap, const char **kind) {
    int k = i % 3, rest = i / 3;
    int cycle;
    if (k == 0) {
        *kind = "cooperative";
        int n = (int)OCOP_COUNT(sectors);
        cycle = rest / n;
        str_format(out, cap, "HTX %s %s", sectors[rest % n], place);
    } else if (k == 1) {
        *kind = "company";
        int n = (int)OCOP_COUNT(brands);
        cycle = rest / n;
        str_format(out, cap, "Công ty TNHH %s %s", brands[rest % n], place);
    } else {
        *kind = "household";
        int nf = (int)OCOP_COUNT(families), nm = (int)OCOP_COUNT(middles);
        int ng = (int)OCOP_COUNT(givens);
        cycle = rest / (nf * nm * ng);
        str_format(out, cap, "Hộ kinh doanh %s %s %s", families[rest % nf],
                   middles[(rest / nf) % nm], givens[(rest / (nf * nm)) % ng]);
    }
    if (cycle > 0) {
        char suffix[24];
        str_format(suffix, sizeof suffix, " %d", cycle + 1);
        str_append(out, cap, suffix);
    }
}

/* The entry of groups[] for the group `key`, or NULL. */
static const struct group_kinds *kinds_of(const char *key) {
    for (size_t g = 0; g < OCOP_COUNT(groups); g++) {
        if (strcmp(groups[g].key, key) == 0) {
            return &groups[g];
        }
    }
    return NULL;
}

/* A group, as its index in the one group table (catalog_group_key_at), by the weights. */
static size_t pick_group(rng *r) {
    int x = rng_below(r, 100);
    for (size_t i = 0; i < catalog_group_count(); i++) {
        int weight = kinds_of(catalog_group_key_at(i))->weight;
        if (x < weight) {
            return i;
        }
        x -= weight;
    }
    return 0;
}

/* Every group of the one group table has product kinds here, and every key here is one of its
 * groups (the key itself, as catalog_group_key gives it back); the weights make 100. Returns 0,
 * or -1 with `err` naming the group. */
static int check_groups(ocop_error *err) {
    int weights = 0;
    for (size_t g = 0; g < OCOP_COUNT(groups); g++) {
        const char *key = catalog_group_key(groups[g].key);
        if (!key || strcmp(key, groups[g].key) != 0) {
            return error_set(err, "catgen: '%s' is not a group key of catalog.c", groups[g].key);
        }
        weights += groups[g].weight;
    }
    for (size_t i = 0; i < catalog_group_count(); i++) {
        const char *key = catalog_group_key_at(i);
        if (!kinds_of(key)) {
            return error_set(err, "catgen: the group '%s' of catalog.c has no product kinds", key);
        }
    }
    OCOP_ASSERT(weights == 100);
    return 0;
}

static int insert_producers(db *d, const catgen_options *o, rng *r, producer_gen *producers,
                            int n_producers, ocop_error *err) {
    static const char sql[] =
        "INSERT INTO producer (name, kind, province, district, phone, email, address)"
        " VALUES (:name, :kind, :province, :district, :phone, :email, :address)"
        /* A second run (another code_prefix, same seed) reuses its producers. */
        " ON CONFLICT (name, province) DO UPDATE SET name = excluded.name RETURNING id";
    for (int i = 0; i < n_producers; i++) {
        producer_gen *p = &producers[i];
        p->province = rng_below(r, (int)OCOP_COUNT(provinces));
        p->group = pick_group(r);
        const char *place = provinces[p->province].places[rng_below(r, 3)];
        char name[256], phone[16], email[64], address[256];
        const char *kind;
        producer_name(i, place, name, sizeof name, &kind);
        /* A mobile number in an allocated block (phone.h would refuse others). */
        static const char *const blocks[] = {"90", "91", "93", "94", "96", "97", "98", "86",
                                             "88", "89", "32", "35", "38", "70", "77", "83"};
        str_format(phone, sizeof phone, "+84%s%07d", blocks[rng_below(r, (int)OCOP_COUNT(blocks))],
                   rng_below(r, 10000000));
        str_format(email, sizeof email, "lienhe%d@example.com", i + 1);
        str_format(address, sizeof address, "Thôn %d, %s, %s", 1 + rng_below(r, 12), place,
                   provinces[p->province].name);
        sqlite3_stmt *st = db_prepare(d, sql, err);
        if (!st) {
            return -1;
        }
        db_bind_text(st, ":name", name);
        db_bind_text(st, ":kind", kind);
        db_bind_text(st, ":province", provinces[p->province].name);
        db_bind_text(st, ":district", place);
        db_bind_text(st, ":phone", phone);
        db_bind_text(st, ":email", email);
        db_bind_text(st, ":address", address);
        if (db_step(d, st, err) != SQLITE_ROW) {
            return -1;
        }
        p->id = sqlite3_column_int64(st, 0);
        sqlite3_reset(st);
    }
    (void)o;
    return 0;
}

static int insert_products(db *d, const catgen_options *o, rng *r, const producer_gen *producers,
                           int n_producers, int first_month, ocop_error *err) {
    static const char product_sql[] =
        "INSERT INTO product (code, producer_id, name_vi, name_en, grp, stars, cert_no, cert_date,"
        " cert_expiry, description_vi, description_en, unit, measure, base_unit, base_per_unit,"
        " price_min_vnd, price_max_vnd, moq, lead_time_days, name_folded, updated_at)"
        " VALUES (:code, :producer, :name_vi, :name_en, :grp, :stars, :cert_no, :cert_date,"
        " :cert_expiry, :description_vi, :description_en, :unit, :measure, :base_unit,"
        " :base_per_unit, :price_min, :price_max, :moq, :lead_time, fold(:name_vi),"
        " '2026-11-29T00:00:00Z')";
    static const char capacity_sql[] =
        "INSERT INTO capacity (product_id, month, quantity, unit, base_quantity)"
        " VALUES (:product, :month, :quantity, :unit, :base_quantity)";
    for (int i = 0; i < o->n_products; i++) {
        const producer_gen *p = &producers[rng_below(r, n_producers)];
        const char *group = catalog_group_key_at(p->group);
        const struct group_kinds *kinds = kinds_of(group);
        const product_kind *k = &kinds->kinds[rng_below(r, kinds->n_kinds)];
        int q = rng_below(r, (int)OCOP_COUNT(qualifiers));
        const char *place = provinces[p->province].places[rng_below(r, 3)];
        int x = rng_below(r, 100);
        int stars = x < 55 ? 3 : x < 90 ? 4 : 5;

        char code[64], name_vi[256], name_en[256], cert_no[64], cert_date[16], cert_expiry[16];
        char description_vi[512], description_en[512];
        str_format(code, sizeof code, "%s-%06d", o->code_prefix, i + 1);
        if (*qualifiers[q].vi) {
            str_format(name_vi, sizeof name_vi, "%s %s %s", k->vi, qualifiers[q].vi, place);
            str_format(name_en, sizeof name_en, "%s %s from %s", qualifiers[q].en, k->en, place);
        } else {
            str_format(name_vi, sizeof name_vi, "%s %s", k->vi, place);
            str_format(name_en, sizeof name_en, "%s from %s", k->en, place);
        }
        name_en[0] = (char)toupper((unsigned char)name_en[0]); /* the lists are ASCII */
        int year = 2021 + rng_below(r, 5), month = 1 + rng_below(r, 12);
        int day = 1 + rng_below(r, 28);
        str_format(cert_no, sizeof cert_no, "%d/QĐ-UBND", 100 + rng_below(r, 9000));
        str_format(cert_date, sizeof cert_date, "%04d-%02d-%02d", year, month, day);
        str_format(cert_expiry, sizeof cert_expiry, "%04d-%02d-%02d", year + 3, month, day);
        str_format(description_vi, sizeof description_vi,
                   "%s đạt %d sao OCOP, sản xuất tại %s, %s.", name_vi, stars, place,
                   provinces[p->province].name);
        str_format(description_en, sizeof description_en,
                   "%s, a %d-star OCOP product made in %s, %s.", name_en, stars, place,
                   provinces[p->province].name);
        int price_min =
            1000 * (k->price_min_k + rng_below(r, (k->price_max_k - k->price_min_k) / 2 + 1));
        int price_max = price_min + 1000 * rng_below(r, (k->price_max_k - k->price_min_k) / 2 + 1);

        sqlite3_stmt *st = db_prepare(d, product_sql, err);
        if (!st) {
            return -1;
        }
        db_bind_text(st, ":code", code);
        db_bind_int64(st, ":producer", p->id);
        db_bind_text(st, ":name_vi", name_vi);
        db_bind_text(st, ":name_en", name_en);
        db_bind_text(st, ":grp", group);
        db_bind_int64(st, ":stars", stars);
        db_bind_text(st, ":cert_no", cert_no);
        db_bind_text(st, ":cert_date", cert_date);
        db_bind_text(st, ":cert_expiry", cert_expiry);
        db_bind_text(st, ":description_vi", description_vi);
        db_bind_text(st, ":description_en", description_en);
        db_bind_text(st, ":unit", k->unit);
        db_bind_text(st, ":measure", k->measure);
        db_bind_text(st, ":base_unit", k->base_unit);
        db_bind_double(st, ":base_per_unit", k->base_per_unit);
        db_bind_int64(st, ":price_min", price_min);
        db_bind_int64(st, ":price_max", price_max);
        db_bind_double(st, ":moq", (double)(5 * rng_below(r, 11)));
        db_bind_int64(st, ":lead_time", 3 + rng_below(r, 28));
        if (db_step(d, st, err) != SQLITE_DONE) {
            return -1;
        }
        int64_t product_id = sqlite3_last_insert_rowid(db_handle(d));
        sqlite3_reset(st);

        /* Monthly output in sale units: small producers mostly, a few large ones. */
        int base_quantity = 50 * (1 + rng_below(r, 40)) * (rng_below(r, 10) == 0 ? 10 : 1);
        int n_rows = o->n_months > 0 ? o->n_months : 1;
        for (int m = 0; m < n_rows; m++) {
            char month_text[8];
            if (o->n_months > 0) {
                month_format(first_month + m, month_text);
            } else {
                str_copy(month_text, sizeof month_text, "*");
            }
            /* Seasonal swing of ±30 %. */
            double quantity = base_quantity * (0.7 + 0.06 * rng_below(r, 11));
            st = db_prepare(d, capacity_sql, err);
            if (!st) {
                return -1;
            }
            db_bind_int64(st, ":product", product_id);
            db_bind_text(st, ":month", month_text);
            db_bind_double(st, ":quantity", quantity);
            db_bind_text(st, ":unit", k->unit);
            db_bind_double(st, ":base_quantity", quantity * k->base_per_unit);
            if (db_step(d, st, err) != SQLITE_DONE) {
                return -1;
            }
            sqlite3_reset(st);
        }
    }
    return 0;
}

int catgen_generate(db *d, const catgen_options *o, ocop_error *err) {
    if (o->n_products < 1 || o->products_per_producer < 1 || o->n_months < 0) {
        return error_set(err, "catgen: n_products and products_per_producer must be >= 1 and "
                              "n_months >= 0");
    }
    if (!o->code_prefix || !*o->code_prefix) {
        return error_set(err, "catgen: code_prefix must not be empty");
    }
    if (check_groups(err) != 0) {
        return -1;
    }
    int first_month = 0;
    if (o->n_months > 0 && ((first_month = month_parse(o->first_month)) < 0 ||
                            first_month + o->n_months - 1 > MONTH_LAST)) {
        return error_set(err,
                         "catgen: first_month '%s' is not YYYY-MM, or its %d months end "
                         "after 9999-12",
                         o->first_month ? o->first_month : "(null)", o->n_months);
    }
    int n_producers = (o->n_products + o->products_per_producer - 1) / o->products_per_producer;
    producer_gen *producers = xcalloc((size_t)n_producers, sizeof *producers);
    rng r = {.state = 0x5EEDull ^ ((uint64_t)o->seed << 17)};
    if (db_begin(d, true, err) != 0) {
        free(producers);
        return -1;
    }
    int rc = insert_producers(d, o, &r, producers, n_producers, err);
    if (rc == 0) {
        rc = insert_products(d, o, &r, producers, n_producers, first_month, err);
    }
    if (rc == 0) {
        rc = search_db_sync(d, err); /* index now, not at the first search */
    }
    if (rc == 0) {
        rc = db_commit(d, err);
    } else {
        db_rollback(d);
    }
    free(producers);
    return rc == 0 ? o->n_products : -1;
}
