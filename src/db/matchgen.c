/* matchgen.c: a generated catalogue for the instant-match benchmark; see matchgen.h. */
#include "db/matchgen.h"

#include "db/db_internal.h"

#include "core/match.h"
#include "core/province.h"

#include <stdio.h>

static const char *const group_keys[] = {"food",        "beverages",  "herbal", "textiles",
                                         "handicrafts", "ornamental", "tourism"};

/* xorshift32: small, deterministic, good enough for test data. */
static uint32_t next_random(uint32_t *s) {
    uint32_t x = *s;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    *s = x;
    return x;
}

void matchgen_code(int i, char *out, size_t cap) {
    str_format(out, cap, "G%06d", i + 1);
}

int matchgen_fill(db *d, int n_products, const char *first_month, int n_months, uint32_t seed,
                  ocop_error *err) {
    static const char sql_producer[] =
        "INSERT INTO producer (id, name, kind, province, province_code, phone)"
        " VALUES (:id, :name, :kind, :province, :code, :phone)";
    static const char sql_product[] =
        "INSERT INTO product (id, code, producer_id, name_vi, name_en, grp, stars, unit,"
        " base_unit, base_per_unit, price_min_vnd, price_max_vnd, moq, name_folded, updated_at)"
        " VALUES (:id, :code, :producer, :name, :name, :grp, :stars, 'kg', 'kg', 1, :pmin,"
        " :pmax, 0, :name, '2026-01-01T00:00:00Z')";
    static const char sql_capacity[] =
        "INSERT INTO capacity (product_id, month, quantity, unit, base_quantity)"
        " VALUES (:id, :month, :q, 'kg', :q)";
    uint32_t s = seed ? seed : 1;
    if (db_begin(d, true, err) != 0) {
        return -1;
    }
    int n_producers = (n_products + 4) / 5;
    for (int i = 0; i < n_producers; i++) {
        sqlite3_stmt *st = db_prepare(d, sql_producer, err);
        if (!st) {
            goto fail;
        }
        const province_info *p = &province_table[next_random(&s) % PROVINCE_COUNT];
        char name[64], phone[32];
        str_format(name, sizeof name, "HTX Sản xuất %d", i + 1);
        str_format(phone, sizeof phone, "+8491%07d", i);
        db_bind_int64(st, ":id", i + 1);
        db_bind_text(st, ":name", name);
        db_bind_text(st, ":kind", i % 3 == 0 ? "household" : "cooperative");
        db_bind_text(st, ":province", p->short_name);
        db_bind_text(st, ":code", p->code);
        db_bind_text(st, ":phone", phone);
        if (db_step(d, st, err) != SQLITE_DONE) {
            goto fail;
        }
    }
    for (int i = 0; i < n_products; i++) {
        sqlite3_stmt *st = db_prepare(d, sql_product, err);
        if (!st) {
            goto fail;
        }
        char code[16], name[64];
        matchgen_code(i, code, sizeof code);
        str_format(name, sizeof name, "san pham %d", i + 1);
        int64_t pmin = 10000 + (int64_t)(next_random(&s) % 200) * 1000;
        db_bind_int64(st, ":id", i + 1);
        db_bind_text(st, ":code", code);
        db_bind_int64(st, ":producer", i / 5 + 1);
        db_bind_text(st, ":name", name);
        db_bind_text(st, ":grp", group_keys[i % OCOP_COUNT(group_keys)]);
        db_bind_int64(st, ":stars", 3 + (int)(next_random(&s) % 3));
        db_bind_int64(st, ":pmin", pmin);
        db_bind_int64(st, ":pmax", pmin + 5000);
        if (db_step(d, st, err) != SQLITE_DONE) {
            goto fail;
        }
        for (int m = 0; m < n_months; m++) {
            st = db_prepare(d, sql_capacity, err);
            if (!st) {
                goto fail;
            }
            char month[8];
            match_month_add(first_month, m, month);
            db_bind_int64(st, ":id", i + 1);
            db_bind_text(st, ":month", month);
            db_bind_double(st, ":q", 100.0 + (double)(next_random(&s) % 20000));
            if (db_step(d, st, err) != SQLITE_DONE) {
                goto fail;
            }
        }
    }
    return db_commit(d, err);
fail:
    db_rollback(d);
    return -1;
}
