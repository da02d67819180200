/* ui_catalog.c: the screens' product source, database or synthetic; see ui_catalog.h. */
#include "ui/ui_catalog.h"

#include "core/fold.h"

#include <stdlib.h>
#include <string.h>

struct ui_catalog {
    db *d;
    /* synthetic */
    int n;
    product_record *records;
    char **folded; /* folded "name_vi name_en producer" per record */
};

ui_catalog *ui_catalog_from_db(db *d) {
    ui_catalog *c = xcalloc(1, sizeof *c);
    c->d = d;
    return c;
}

db *ui_catalog_db(const ui_catalog *c) {
    return c->d;
}

typedef struct synth_product {
    const char *vi, *en, *group, *unit, *measure;
    int64_t price;
} synth_product;

static const synth_product synth_products[] = {
    {"Mật hoa dừa", "Coconut nectar", "food", "chai", "250 ml", 85000},
    {"Nước mắm Phú Quốc", "Phu Quoc fish sauce", "food", "chai", "500 ml", 120000},
    {"Trà Shan tuyết", "Shan tuyet tea", "beverages", "hộp", "0,2 kg", 250000},
    {"Cà phê Robusta rang xay", "Ground robusta coffee", "beverages", "gói", "0,5 kg", 180000},
    {"Mật ong rừng U Minh", "U Minh forest honey", "food", "hũ", "0,5 kg", 220000},
    {"Bánh tráng phơi sương", "Dew-dried rice paper", "food", "gói", "0,5 kg", 45000},
    {"Đường thốt nốt", "Palm sugar", "food", "kg", "", 60000},
    {"Hạt điều rang muối", "Salted roasted cashews", "food", "hộp", "0,5 kg", 150000},
    {"Tinh dầu sả chanh", "Lemongrass essential oil", "herbal", "chai", "100 ml", 95000},
    {"Cao atiso", "Artichoke extract", "herbal", "hũ", "0,2 kg", 130000},
    {"Khăn lụa tơ tằm", "Silk scarf", "textiles", "cái", "", 350000},
    {"Giỏ mây tre đan", "Woven rattan basket", "handicrafts", "cái", "", 140000},
    {"Gốm Bát Tràng", "Bat Trang pottery", "handicrafts", "bộ", "", 480000},
    {"Lan hồ điệp", "Moth orchid", "ornamental", "chậu", "", 300000},
    {"Homestay miệt vườn", "Orchard homestay", "tourism", "đêm", "", 500000},
    {"Nếp cái hoa vàng", "Golden flower glutinous rice", "food", "kg", "", 40000},
    {"Rượu Bàu Đá", "Bau Da rice wine", "beverages", "chai", "500 ml", 110000},
    {"Chè Thái Nguyên", "Thai Nguyen green tea", "beverages", "gói", "0,2 kg", 160000},
};
static const char *const synth_provinces[] = {
    "Trà Vinh",  "Kiên Giang",  "Hà Giang", "Đắk Lắk",   "Cà Mau", "Tây Ninh",
    "An Giang",  "Bình Phước",  "Lâm Đồng", "Gia Lai",   "Hà Nội", "Bình Định",
    "Đồng Tháp", "Thái Nguyên", "Bến Tre",  "Quảng Nam",
};
static const char *const synth_producers[] = {
    "HTX Nông nghiệp", "Công ty TNHH", "Hộ kinh doanh", "HTX Dịch vụ", "Cơ sở sản xuất",
};
static const char *const synth_kinds[] = {"cooperative", "company", "household", "cooperative",
                                          "other"};
static const char *const synth_names[] = {
    "Hoà Thuận", "Sương Mai", "Tân Phú",  "Đồng Xanh",  "Bình An",    "Phước Lộc",
    "Quê Hương", "Mekong",    "Thiên Ân", "Hương Rừng", "Việt Thắng", "Ngọc Lan",
};

ui_catalog *ui_catalog_synthetic(int n, unsigned seed) {
    ui_catalog *c = xcalloc(1, sizeof *c);
    c->n = n;
    c->records = xcalloc((size_t)(n > 0 ? n : 1), sizeof *c->records);
    c->folded = xcalloc((size_t)(n > 0 ? n : 1), sizeof *c->folded);
    uint32_t r = seed * 2654435761u + 1u;
    for (int i = 0; i < n; i++) {
        r = r * 1664525u + 1013904223u;
        const synth_product *p = &synth_products[(r >> 8) % OCOP_COUNT(synth_products)];
        const char *prov = synth_provinces[(r >> 16) % OCOP_COUNT(synth_provinces)];
        int pk = (int)((r >> 4) % OCOP_COUNT(synth_producers));
        const char *who = synth_names[(r >> 20) % OCOP_COUNT(synth_names)];
        product_record *rec = &c->records[i];
        rec->id = i + 1;
        str_format(rec->code, sizeof rec->code, "SYN-%05d", i + 1);
        if (i < (int)OCOP_COUNT(synth_products)) {
            str_copy(rec->name_vi, sizeof rec->name_vi, p->vi);
            str_copy(rec->name_en, sizeof rec->name_en, p->en);
        } else {
            str_format(rec->name_vi, sizeof rec->name_vi, "%s %s", p->vi, prov);
            str_format(rec->name_en, sizeof rec->name_en, "%s from %s", p->en, prov);
        }
        str_copy(rec->group, sizeof rec->group, p->group);
        rec->stars = 3 + (int)((r >> 12) % 3);
        str_format(rec->producer, sizeof rec->producer, "%s %s", synth_producers[pk], who);
        str_copy(rec->producer_kind, sizeof rec->producer_kind, synth_kinds[pk]);
        str_copy(rec->province, sizeof rec->province, prov);
        str_copy(rec->district, sizeof rec->district, "Châu Thành");
        str_format(rec->phone, sizeof rec->phone, "+8491%07d", (int)(r % 10000000u));
        str_format(rec->email, sizeof rec->email, "lienhe%d@example.vn", i + 1);
        str_format(rec->cert_no, sizeof rec->cert_no, "OCOP-%d/QĐ-UBND", 100 + i % 900);
        str_copy(rec->cert_date, sizeof rec->cert_date, i % 7 == 3 ? "2022-03-15" : "2025-06-01");
        str_copy(rec->cert_expiry, sizeof rec->cert_expiry,
                 i % 7 == 3 ? "2025-03-15" : "2028-06-01");
        str_copy(rec->unit, sizeof rec->unit, p->unit);
        str_copy(rec->measure, sizeof rec->measure, p->measure);
        rec->price_min_vnd = p->price;
        rec->price_max_vnd = p->price + p->price / 5;
        rec->moq = 50.0 * (1 + i % 4);
        rec->lead_time_days = 7 + i % 14;
        str_format(rec->image, sizeof rec->image, "catalog/images/%s.svg", p->group);
        str_format(rec->description_vi, sizeof rec->description_vi,
                   "%s của %s, %s. Sản phẩm OCOP %d sao, sản xuất theo quy trình truyền thống, "
                   "đóng gói tại cơ sở.",
                   p->vi, rec->producer, prov, rec->stars);
        str_format(rec->description_en, sizeof rec->description_en,
                   "%s made by %s, %s. A %d-star OCOP product, made the traditional way and packed "
                   "on site.",
                   p->en, rec->producer, prov, rec->stars);
        char both[1024];
        str_format(both, sizeof both, "%s %s %s", rec->name_vi, rec->name_en, rec->producer);
        c->folded[i] = fold_text(both);
    }
    return c;
}

void ui_catalog_destroy(ui_catalog *c) {
    if (!c) {
        return;
    }
    for (int i = 0; i < c->n; i++) {
        free(c->folded[i]);
    }
    free(c->folded);
    free(c->records);
    free(c);
}

/* True when every word of `folded_query` starts a word of `folded_text`. */
static bool words_match(const char *folded_text, const char *folded_query) {
    const char *q = folded_query;
    while (*q) {
        while (*q == ' ') {
            q++;
        }
        if (!*q) {
            break;
        }
        size_t len = strcspn(q, " ");
        bool found = false;
        for (const char *t = folded_text; *t && !found; t++) {
            if ((t == folded_text || t[-1] == ' ') && strncmp(t, q, len) == 0) {
                found = true;
            }
        }
        if (!found) {
            return false;
        }
        q += len;
    }
    return true;
}

static void card_from_record(const product_record *rec, product_card *card) {
    memset(card, 0, sizeof *card);
    card->id = rec->id;
    str_copy(card->code, sizeof card->code, rec->code);
    str_copy(card->name_vi, sizeof card->name_vi, rec->name_vi);
    str_copy(card->name_en, sizeof card->name_en, rec->name_en);
    card->stars = rec->stars;
    str_copy(card->group, sizeof card->group, rec->group);
    str_copy(card->producer, sizeof card->producer, rec->producer);
    str_copy(card->province, sizeof card->province, rec->province);
    str_copy(card->image, sizeof card->image, rec->image);
}

static int synthetic_search(ui_catalog *c, const char *query, const search_filter *filter,
                            int offset, int limit, search_results *out) {
    char *fq = fold_text(query ? query : "");
    char *fprov = filter && filter->province ? fold_text(filter->province) : NULL;
    memset(out, 0, sizeof *out);
    int cap = limit < 0 ? c->n : limit;
    out->items = xcalloc((size_t)(cap > 0 ? cap : 1), sizeof *out->items);
    /* Ranking as the database does it: more stars first, then catalogue order. */
    for (int stars = 5; stars >= 1; stars--) {
        for (int i = 0; i < c->n; i++) {
            const product_record *rec = &c->records[i];
            if (rec->stars != stars) {
                continue;
            }
            if (filter && filter->min_stars > 0 && rec->stars < filter->min_stars) {
                continue;
            }
            if (filter && filter->group && *filter->group && strcmp(rec->group, filter->group)) {
                continue;
            }
            if (fprov && *fprov) {
                char *p = fold_text(rec->province);
                bool same = strcmp(p, fprov) == 0;
                free(p);
                if (!same) {
                    continue;
                }
            }
            if (*fq && !words_match(c->folded[i], fq)) {
                continue;
            }
            if (out->total >= offset && out->count < cap) {
                card_from_record(rec, &out->items[out->count++]);
            }
            out->total++;
        }
    }
    free(fq);
    free(fprov);
    return 0;
}

int ui_catalog_search(ui_catalog *c, const char *query, const search_filter *filter, int offset,
                      int limit, search_results *out, ocop_error *err) {
    if (!c->d) {
        return synthetic_search(c, query, filter, offset, limit, out);
    }
    return search_db_query(c->d, query, filter, offset, limit, out, err);
}

void ui_catalog_results_free(ui_catalog *c, search_results *r) {
    if (c->d) {
        search_results_free(r);
        return;
    }
    free(r->items);
    memset(r, 0, sizeof *r);
}

int ui_catalog_get(ui_catalog *c, const char *code, product_record *out, ocop_error *err) {
    if (!c->d) {
        for (int i = 0; i < c->n; i++) {
            if (strcmp(c->records[i].code, code) == 0) {
                *out = c->records[i];
                return 1;
            }
        }
        return 0;
    }
    return catalog_db_get(c->d, code, out, err);
}

int ui_catalog_showcase(ui_catalog *c, int i, product_card *out, ocop_error *err) {
    search_filter f = {.min_stars = 4};
    search_results r;
    if (ui_catalog_search(c, NULL, &f, 0, 12, &r, err) != 0) {
        return -1;
    }
    int found = 0;
    if (r.count > 0) {
        *out = r.items[(i % r.count + r.count) % r.count];
        found = 1;
    }
    ui_catalog_results_free(c, &r);
    return found;
}
