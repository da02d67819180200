/* test_alloc_db.c: `allocate` (alloc_db_run) on real SQLite databases against an independent
 * oracle the test builds from the database itself, with its own SQL and GLPK: the relaxation's
 * total is GLPK's max flow over every eligible (product-month, inquiry) pair, and no
 * allocation exceeds GLPK's MIP with whole sale units and minimum orders (equal to it where the
 * allocation claims to be optimal, and on the instances built to defeat a candidate cap or a
 * rounding shortcut). Capacity, demand, whole units and minimum orders are checked from the
 * rows. */
#include "test_support.h"

#include "db/alloc_db.h"
#include "db/db_internal.h"

#include <glpk.h>
#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

/* 2026-11-29T12:00:00Z. */
#define NOW INT64_C(1795953600)

static uint64_t rng_state = 1;

static uint32_t rnd(void) {
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return (uint32_t)((rng_state * 2685821657736338717ULL) >> 32);
}

static int rnd_range(int lo, int hi) {
    return lo + (int)(rnd() % (uint32_t)(hi - lo + 1));
}

static void exec(db *d, char *sql) {
    ocop_error err;
    if (db_exec(d, sql, &err) != 0) {
        fail_msg("%s", err.msg);
    }
    sqlite3_free(sql);
}

/* A product of one producer; `measure` "" for one sold by its base unit (any quantity). */
static void add_product(db *d, const char *code, const char *province, const char *grp, int stars,
                        const char *base_unit, const char *measure, double base_per_unit,
                        double moq) {
    exec(d, sqlite3_mprintf("INSERT OR IGNORE INTO producer (name, province, phone)"
                            " VALUES ('HTX %q', %Q, '+84912345678')",
                            code, province));
    exec(d, sqlite3_mprintf(
                "INSERT INTO product (code, producer_id, name_vi, grp, stars, unit, measure,"
                " base_unit, base_per_unit, price_min_vnd, price_max_vnd, moq, name_folded,"
                " updated_at) SELECT %Q, id, %Q, %Q, %d, %Q, NULLIF(%Q, ''), %Q, %.17g, 20000,"
                " 25000, %.17g, fold(%Q), '2026-01-01T00:00:00Z' FROM producer"
                " WHERE name = 'HTX ' || %Q",
                code, code, grp, stars, measure[0] ? "chai" : base_unit, measure, base_unit,
                base_per_unit, moq, code, code));
}

static void add_capacity(db *d, const char *code, const char *month, double base) {
    exec(d, sqlite3_mprintf("INSERT INTO capacity (product_id, month, quantity, unit,"
                            " base_quantity) SELECT id, %Q, %.17g, base_unit, %.17g FROM product"
                            " WHERE code = %Q",
                            month, base, base, code));
}

/* An open inquiry for a product (code) or a group, in base units. */
static void add_inquiry(db *d, int n, const char *code, const char *grp, double base,
                        const char *base_unit, const char *from, const char *to, int min_stars,
                        const char *province) {
    exec(d, sqlite3_mprintf("INSERT INTO inquiry (id, kiosk_id, created_at, buyer_name,"
                            " buyer_phone, product_code, grp, quantity, unit, base_quantity,"
                            " base_unit, month_from, month_to, min_stars, buyer_province)"
                            " VALUES ('q%05d', 'k', '2026-11-01T00:00:00Z', 'B', '+84912345678',"
                            " NULLIF(%Q, ''), NULLIF(%Q, ''), %.17g, %Q, %.17g, %Q, %Q, %Q,"
                            " NULLIF(%d, 0), %Q)",
                            n, code, grp, base, base_unit, base, base_unit, from, to, min_stars,
                            province));
}

/* ---- the oracle: read back with the test's own SQL ---------------------------------------- */

enum { MAX_OFFERS = 2048, MAX_INQ = 64 };

typedef struct oracle {
    int n_offers, n_inq;
    struct {
        int64_t product_id;
        char code[32], month[8], grp[16], base_unit[8];
        int stars;
        int64_t cap, unit, moq; /* scaled */
    } off[MAX_OFFERS];
    struct {
        char id[40], code[32], grp[16], base_unit[8], from[8], to[8];
        int min_stars;
        int64_t q; /* scaled */
    } inq[MAX_INQ];
} oracle;

static int64_t scaled(double v) {
    return (int64_t)floor(v * 1000 * (1 + 1e-12) + 1e-9); /* kg and l only in these tests */
}

static void oracle_read(db *d, oracle *o) {
    sqlite3 *h = db_handle(d);
    sqlite3_stmt *st;
    assert_int_equal(
        sqlite3_prepare_v2(h,
                           "SELECT p.id, p.code, c.month, p.grp, p.base_unit, p.stars,"
                           " c.base_quantity, p.base_per_unit, COALESCE(p.measure, ''),"
                           " COALESCE(p.moq, 0) FROM capacity c JOIN product p"
                           " ON p.id = c.product_id ORDER BY p.id, c.month",
                           -1, &st, NULL),
        SQLITE_OK);
    o->n_offers = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
        assert_true(o->n_offers < MAX_OFFERS);
        int k = o->n_offers++;
        o->off[k].product_id = sqlite3_column_int64(st, 0);
        str_copy(o->off[k].code, sizeof o->off[k].code, (const char *)sqlite3_column_text(st, 1));
        str_copy(o->off[k].month, sizeof o->off[k].month, (const char *)sqlite3_column_text(st, 2));
        str_copy(o->off[k].grp, sizeof o->off[k].grp, (const char *)sqlite3_column_text(st, 3));
        str_copy(o->off[k].base_unit, sizeof o->off[k].base_unit,
                 (const char *)sqlite3_column_text(st, 4));
        o->off[k].stars = sqlite3_column_int(st, 5);
        o->off[k].cap = scaled(sqlite3_column_double(st, 6));
        double bpu = sqlite3_column_double(st, 7);
        bool measured = sqlite3_column_text(st, 8)[0] != '\0';
        o->off[k].unit = measured ? llround(bpu * 1000) : 1;
        o->off[k].moq = (int64_t)ceil(sqlite3_column_double(st, 9) * bpu * 1000 - 1e-6);
    }
    sqlite3_finalize(st);
    assert_int_equal(sqlite3_prepare_v2(h,
                                        "SELECT id, COALESCE(product_code, ''), COALESCE(grp, ''),"
                                        " base_unit, month_from, month_to, COALESCE(min_stars, 0),"
                                        " base_quantity FROM inquiry WHERE status = 'open'"
                                        " ORDER BY rowid",
                                        -1, &st, NULL),
                     SQLITE_OK);
    o->n_inq = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
        assert_true(o->n_inq < MAX_INQ);
        int i = o->n_inq++;
        str_copy(o->inq[i].id, sizeof o->inq[i].id, (const char *)sqlite3_column_text(st, 0));
        str_copy(o->inq[i].code, sizeof o->inq[i].code, (const char *)sqlite3_column_text(st, 1));
        str_copy(o->inq[i].grp, sizeof o->inq[i].grp, (const char *)sqlite3_column_text(st, 2));
        str_copy(o->inq[i].base_unit, sizeof o->inq[i].base_unit,
                 (const char *)sqlite3_column_text(st, 3));
        str_copy(o->inq[i].from, sizeof o->inq[i].from, (const char *)sqlite3_column_text(st, 4));
        str_copy(o->inq[i].to, sizeof o->inq[i].to, (const char *)sqlite3_column_text(st, 5));
        o->inq[i].min_stars = sqlite3_column_int(st, 6);
        o->inq[i].q = scaled(sqlite3_column_double(st, 7));
    }
    sqlite3_finalize(st);
}

/* The eligibility rule of README "Instant match" for these tests' data (valid certificates,
 * no price limits): the product or the group, stars, base unit, month window. */
static bool eligible(const oracle *o, int k, int i) {
    bool what = o->inq[i].code[0] ? strcmp(o->inq[i].code, o->off[k].code) == 0
                                  : strcmp(o->inq[i].grp, o->off[k].grp) == 0;
    return what && o->off[k].stars >= o->inq[i].min_stars &&
           strcmp(o->off[k].base_unit, o->inq[i].base_unit) == 0 &&
           strcmp(o->off[k].month, o->inq[i].from) >= 0 &&
           strcmp(o->off[k].month, o->inq[i].to) <= 0;
}

typedef struct gv {
    double rhs, pi;
} gv;

typedef struct ga {
    double low, cap, cost, x;
} ga;

/* GLPK's max flow over every eligible pair: the relaxation's total. */
static double oracle_max_flow(const oracle *o) {
    glp_graph *G = glp_create_graph(sizeof(gv), sizeof(ga));
    int t = 2 + o->n_offers + o->n_inq;
    glp_add_vertices(G, t);
    for (int k = 0; k < o->n_offers; k++) {
        ((ga *)glp_add_arc(G, 1, 2 + k)->data)->cap = (double)o->off[k].cap;
        for (int i = 0; i < o->n_inq; i++) {
            if (eligible(o, k, i)) {
                ((ga *)glp_add_arc(G, 2 + k, 2 + o->n_offers + i)->data)->cap = (double)o->inq[i].q;
            }
        }
    }
    for (int i = 0; i < o->n_inq; i++) {
        ((ga *)glp_add_arc(G, 2 + o->n_offers + i, t)->data)->cap = (double)o->inq[i].q;
    }
    double flow = 0;
    assert_int_equal(glp_maxflow_ffalg(G, 1, t, offsetof(ga, cap), &flow, -1, -1), 0);
    glp_delete_graph(G);
    return flow;
}

/* GLPK's MIP: an integer number of sale units per eligible pair, a binary per (product,
 * inquiry) with a minimum order; the largest total. */
static double oracle_mip(const oracle *o) {
    glp_prob *P = glp_create_prob();
    glp_set_obj_dir(P, GLP_MAX);
    glp_add_rows(P, o->n_offers + o->n_inq);
    for (int k = 0; k < o->n_offers; k++) {
        glp_set_row_bnds(P, 1 + k, GLP_UP, 0, (double)o->off[k].cap);
    }
    for (int i = 0; i < o->n_inq; i++) {
        glp_set_row_bnds(P, 1 + o->n_offers + i, GLP_UP, 0, (double)o->inq[i].q);
    }
    for (int i = 0; i < o->n_inq; i++) {
        int z = 0, moq_row = 0;
        for (int k = 0; k < o->n_offers; k++) {
            if (k > 0 && o->off[k].product_id != o->off[k - 1].product_id) {
                z = 0; /* a new product */
            }
            if (!eligible(o, k, i)) {
                continue;
            }
            int64_t u = o->off[k].unit;
            int64_t most = o->inq[i].q < o->off[k].cap ? o->inq[i].q : o->off[k].cap;
            int col = glp_add_cols(P, 1);
            glp_set_col_kind(P, col, GLP_IV);
            glp_set_col_bnds(P, col, most / u > 0 ? GLP_DB : GLP_FX, 0, (double)(most / u));
            glp_set_obj_coef(P, col, (double)u);
            int ind[3] = {0, 1 + k, 1 + o->n_offers + i};
            double val[3] = {0, (double)u, (double)u};
            glp_set_mat_col(P, col, 2, ind, val);
            if (o->off[k].moq <= 0) {
                continue;
            }
            if (z == 0) {
                z = glp_add_cols(P, 1);
                glp_set_col_kind(P, z, GLP_BV);
                moq_row = glp_add_rows(P, 1); /* Σ u·n − moq·z ≥ 0 */
                glp_set_row_bnds(P, moq_row, GLP_LO, 0, 0);
                int zi[2] = {0, moq_row};
                double zv[2] = {0, -(double)o->off[k].moq};
                glp_set_mat_col(P, z, 1, zi, zv);
            }
            int r = glp_add_rows(P, 1); /* u·n ≤ most·z */
            glp_set_row_bnds(P, r, GLP_UP, 0, 0);
            int ri[3] = {0, col, z};
            double rv[3] = {0, (double)u, -(double)(most / u * u)};
            glp_set_mat_row(P, r, 2, ri, rv);
            int len = glp_get_mat_row(P, moq_row, NULL, NULL);
            int mi[MAX_OFFERS + 2];
            double mv[MAX_OFFERS + 2];
            glp_get_mat_row(P, moq_row, mi, mv);
            mi[len + 1] = col;
            mv[len + 1] = (double)u;
            glp_set_mat_row(P, moq_row, len + 1, mi, mv);
        }
    }
    glp_iocp parm;
    glp_init_iocp(&parm);
    parm.presolve = GLP_ON;
    parm.msg_lev = GLP_MSG_OFF;
    parm.mir_cuts = GLP_ON;
    parm.gmi_cuts = GLP_ON;
    parm.cov_cuts = GLP_ON;
    parm.tm_lim = 30000;
    assert_int_equal(glp_intopt(P, &parm), 0);
    assert_int_equal(glp_mip_status(P), GLP_OPT);
    double v = glp_mip_obj_val(P);
    glp_delete_prob(P);
    return v;
}

/* The allocation from the rows: capacity per product-month and demand never exceeded, only
 * eligible pairs, whole sale units, minimum orders kept. Returns the scaled total; *allowance
 * gets one sale unit (scaled) per (inquiry, product) pair the rows use. */
static int64_t check_rows(const oracle *o, const alloc_db_batch *b, int64_t *allowance) {
    int64_t *used = xcalloc((size_t)o->n_offers + 1, sizeof *used);
    int64_t *got = xcalloc((size_t)o->n_inq + 1, sizeof *got);
    int64_t *per = xcalloc((size_t)o->n_offers * o->n_inq + 1, sizeof *per); /* [first k][i] */
    int64_t total = 0;
    for (int r = 0; r < b->n; r++) {
        const alloc_db_item *a = &b->items[r];
        int k = 0, i = 0;
        while (k < o->n_offers && (strcmp(o->off[k].code, a->product) != 0 ||
                                   strcmp(o->off[k].month, a->month) != 0)) {
            k++;
        }
        while (i < o->n_inq && strcmp(o->inq[i].id, a->inquiry) != 0) {
            i++;
        }
        assert_true(k < o->n_offers && i < o->n_inq);
        assert_true(eligible(o, k, i));
        int64_t q = llround(a->base_quantity * 1000);
        if (q % o->off[k].unit != 0) {
            fail_msg("%s %s for %s: %lld is not whole units of %lld", a->product, a->month,
                     a->inquiry, (long long)q, (long long)o->off[k].unit);
        }
        used[k] += q;
        got[i] += q;
        int first = k;
        while (first > 0 && o->off[first - 1].product_id == o->off[k].product_id) {
            first--;
        }
        per[(size_t)first * o->n_inq + i] += q;
        total += q;
    }
    *allowance = 0;
    for (int k = 0; k < o->n_offers; k++) {
        assert_true(used[k] <= o->off[k].cap);
        for (int i = 0; i < o->n_inq; i++) {
            int64_t t = per[(size_t)k * o->n_inq + i];
            *allowance += t > 0 ? o->off[k].unit : 0;
            if (t > 0 && t < o->off[k].moq) {
                fail_msg("%s for %s: %lld below the minimum order %lld", o->off[k].code,
                         o->inq[i].id, (long long)t, (long long)o->off[k].moq);
            }
        }
    }
    for (int i = 0; i < o->n_inq; i++) {
        assert_true(got[i] <= o->inq[i].q);
    }
    free(used);
    free(got);
    free(per);
    return total;
}

typedef struct fixture {
    db *d;
    oracle *o;
} fixture;

static int setup(void **state) {
    fixture *f = xcalloc(1, sizeof *f);
    char path[512];
    str_format(path, sizeof path, "%s/alloc.db", test_tmpdir());
    f->d = test_open_db(path);
    f->o = xmalloc(sizeof *f->o);
    *state = f;
    return 0;
}

static int teardown(void **state) {
    fixture *f = *state;
    db_close(f->d);
    free(f->o);
    free(f);
    test_tmpdir_remove();
    return 0;
}

/* Runs a dry allocate and compares it with the oracle. `mip`: also GLPK's MIP (small cases).
 * Returns the allocation's scaled total; *mip_out gets the MIP's (or -1). */
static int64_t run_and_compare(fixture *f, bool mip, double *mip_out, alloc_db_batch *out) {
    ocop_error err = {{0}};
    const alloc_db_options dry = {0};
    if (alloc_db_run(f->d, NOW, &dry, out, &err) != 0) {
        fail_msg("allocate: %s", err.msg);
    }
    oracle_read(f->d, f->o);
    int64_t allowance = 0;
    int64_t total = check_rows(f->o, out, &allowance);
    assert_int_equal(total, llround(out->allocated * 1000));
    double flow = oracle_max_flow(f->o);
    if (llround(out->bound * 1000) != (int64_t)flow) {
        fail_msg("bound %.3f, GLPK's max flow over all pairs %.3f", out->bound, flow / 1000);
    }
    *mip_out = -1;
    if (mip) {
        *mip_out = oracle_mip(f->o);
        if ((double)total > *mip_out + 0.5) {
            fail_msg("allocated %lld above GLPK's MIP %.0f", (long long)total, *mip_out);
        }
        if (out->optimal && (double)total != *mip_out) {
            fail_msg("claimed optimal with %lld, GLPK's MIP %.0f", (long long)total, *mip_out);
        }
        if (out->total_proven && (double)total != *mip_out) {
            fail_msg("total %lld claimed the largest, GLPK's MIP %.0f", (long long)total, *mip_out);
        }
    }
    /* The rule: the MIP's total, or a printed gap of at most one sale unit per
     * (inquiry, product) pair used (without the MIP, the gap alone). */
    if ((!mip || (double)total != *mip_out) && llround(out->gap * 1000) > allowance) {
        fail_msg("gap %.3f above one sale unit per (inquiry, product) pair used (%.3f)", out->gap,
                 (double)allowance / 1000);
    }
    return total;
}

static void tiny_five_star_producers_in_front_do_not_hide_the_large_ones(void **state) {
    fixture *f = *state;
    /* 80 one-kilo 5★ producers and 200 three-star producers of a tonne; 100 t of food ≥ 3★. */
    for (int p = 0; p < 280; p++) {
        char code[16];
        str_format(code, sizeof code, "F%03d", p);
        add_product(f->d, code, p % 2 ? "Hà Nội" : "Huế", "food", p < 80 ? 5 : 3, "kg", "", 1, 0);
        add_capacity(f->d, code, "2026-12", p < 80 ? 1 : 1000);
    }
    add_inquiry(f->d, 1, "", "food", 100000, "kg", "2026-12", "2026-12", 3, "Hà Nội");
    alloc_db_batch b;
    double mip;
    int64_t total = run_and_compare(f, false, &mip, &b);
    assert_int_equal(total, 100000000);
    assert_true(b.optimal);
    alloc_db_batch_free(&b);
}

static void a_group_of_500_small_producers_is_used_whole(void **state) {
    fixture *f = *state;
    rng_state = 500;
    for (int p = 0; p < 500; p++) {
        char code[16];
        str_format(code, sizeof code, "S%03d", p);
        add_product(f->d, code, p % 3 ? "Lào Cai" : "Cần Thơ", "herbal", rnd_range(3, 5), "kg", "",
                    1, 0);
        add_capacity(f->d, code, "2027-01", rnd_range(5, 15));
    }
    for (int i = 0; i < 12; i++) {
        add_inquiry(f->d, i, "", "herbal", 700, "kg", "2027-01", "2027-01", rnd_range(3, 4),
                    i % 2 ? "Hà Nội" : "Huế");
    }
    alloc_db_batch b;
    double mip;
    int64_t total = run_and_compare(f, false, &mip, &b);
    assert_int_equal(llround(b.bound * 1000), total);
    assert_true(b.optimal);
    assert_true(b.classes <= 4); /* 2 provinces × 2 minimum stars */
    alloc_db_batch_free(&b);
}

static void a_local_three_star_beats_a_distant_five_star_on_cost(void **state) {
    fixture *f = *state;
    /* Cost per kg: 5★ in Cà Mau for a Hà Nội buyer ≈ 1,700 km; 3★ in Hà Nội: 200. */
    add_product(f->d, "FAR5", "Cà Mau", "food", 5, "kg", "", 1, 0);
    add_product(f->d, "LOCAL3", "Hà Nội", "food", 3, "kg", "", 1, 0);
    add_capacity(f->d, "FAR5", "2026-12", 100);
    add_capacity(f->d, "LOCAL3", "2026-12", 100);
    add_inquiry(f->d, 1, "", "food", 150, "kg", "2026-12", "2026-12", 0, "Hà Nội");
    alloc_db_batch b;
    double mip;
    assert_int_equal(run_and_compare(f, true, &mip, &b), 150000);
    for (int r = 0; r < b.n; r++) {
        assert_true(strcmp(b.items[r].product, "LOCAL3") != 0 ||
                    fabs(b.items[r].base_quantity - 100) < 1e-9);
    }
    assert_true(b.optimal);
    alloc_db_batch_free(&b);
}

static void bottles_of_several_measures_are_allocated_whole(void **state) {
    fixture *f = *state;
    add_product(f->d, "B330", "Huế", "beverages", 4, "l", "330 ml", 0.33, 0);
    add_product(f->d, "B500", "Huế", "beverages", 4, "l", "500 ml", 0.5, 0);
    add_product(f->d, "B1500", "Huế", "beverages", 5, "l", "1,5 l", 1.5, 0);
    add_capacity(f->d, "B330", "2026-12", 10.23); /* 31 bottles */
    add_capacity(f->d, "B500", "2026-12", 7.5);   /* 15 bottles */
    add_capacity(f->d, "B1500", "2026-12", 13.5); /* 9 bottles */
    add_capacity(f->d, "B330", "2027-01", 3.3);   /* 10 bottles */
    for (int i = 0; i < 3; i++) {
        add_inquiry(f->d, i, "", "beverages", 10 + i, "l", "2026-12", "2027-01", 0, "Huế");
    }
    add_inquiry(f->d, 3, "B330", "", 4, "l", "2026-12", "2026-12", 0, "Huế");
    alloc_db_batch b;
    double mip;
    int64_t total = run_and_compare(f, true, &mip, &b);
    assert_true((double)total == mip);
    alloc_db_batch_free(&b);
}

static void minimum_orders_just_above_what_is_left(void **state) {
    fixture *f = *state;
    /* 100 kg, minimum order 40 kg, five buyers of 50 kg: two get 50 (not five of 20). */
    add_product(f->d, "M40", "Huế", "food", 4, "kg", "", 1, 40);
    add_capacity(f->d, "M40", "2026-12", 100);
    /* 70 kg left of a product whose minimum order is 41: one buyer only. */
    add_product(f->d, "M41", "Huế", "herbal", 4, "kg", "", 1, 41);
    add_capacity(f->d, "M41", "2026-12", 70);
    for (int i = 0; i < 5; i++) {
        add_inquiry(f->d, i, "", "food", 50, "kg", "2026-12", "2026-12", 0, "Huế");
    }
    add_inquiry(f->d, 5, "", "herbal", 40, "kg", "2026-12", "2026-12", 0, "Huế"); /* < 41 */
    add_inquiry(f->d, 6, "", "herbal", 60, "kg", "2026-12", "2026-12", 0, "Huế");
    add_inquiry(f->d, 7, "", "herbal", 60, "kg", "2026-12", "2026-12", 0, "Hà Nội");
    alloc_db_batch b;
    double mip;
    int64_t total = run_and_compare(f, true, &mip, &b);
    assert_int_equal(total, 160000);
    assert_true((double)total == mip);
    assert_false(b.optimal); /* the relaxation's 170 kg cannot be reached */
    assert_true(fabs(b.bound - 170) < 1e-9 && fabs(b.gap - 10) < 1e-9);
    alloc_db_batch_free(&b);
}

static void nothing_is_allocated_beyond_what_was_asked(void **state) {
    fixture *f = *state;
    /* Issue 13 item 8: rows stored before input refused tiny quantities. 0.0004 l is below
     * one millilitre: left out (it used to get 0.001 l); 1.0006 l gets 1 l, not 1.001. */
    add_product(f->d, "L", "Huế", "beverages", 4, "l", "", 1, 0);
    add_capacity(f->d, "L", "2026-12", 10);
    add_inquiry(f->d, 1, "", "beverages", 0.0004, "l", "2026-12", "2026-12", 0, "Huế");
    add_inquiry(f->d, 2, "", "beverages", 1.0006, "l", "2026-12", "2026-12", 0, "Huế");
    alloc_db_batch b;
    double mip;
    assert_int_equal(run_and_compare(f, true, &mip, &b), 1000);
    assert_int_equal(b.inquiries, 1);
    assert_int_equal(b.n, 1);
    assert_string_equal(b.items[0].inquiry, "q00002");
    assert_true(b.items[0].base_quantity == 1.0);
    alloc_db_batch_free(&b);
}

static void tea_bags_of_2_5_grams_are_allocated_in_whole_bags(void **state) {
    fixture *f = *state;
    /* A sale unit that is not a whole number of grams used to keep the product out of the
     * batch (nothing allocated here). 1 kg = 400 bags; buyers of 500 g, 300 g and 201.3 g
     * (80.52 bags: 80 at most), minimum order 40 bags (100 g). */
    add_product(f->d, "TEA", "Huế", "herbal", 4, "kg", "2,5 g", 0.0025, 40);
    add_capacity(f->d, "TEA", "2026-12", 1);
    add_inquiry(f->d, 1, "", "herbal", 0.5, "kg", "2026-12", "2026-12", 0, "Huế");
    add_inquiry(f->d, 2, "", "herbal", 0.3, "kg", "2026-12", "2026-12", 0, "Huế");
    add_inquiry(f->d, 3, "", "herbal", 0.2013, "kg", "2026-12", "2026-12", 0, "Huế");
    ocop_error err = {{0}};
    const alloc_db_options dry = {0};
    alloc_db_batch b;
    if (alloc_db_run(f->d, NOW, &dry, &b, &err) != 0) {
        fail_msg("allocate: %s", err.msg);
    }
    double got[3] = {0, 0, 0}, total = 0;
    for (int r = 0; r < b.n; r++) {
        double bags = b.items[r].base_quantity / 0.0025;
        if (fabs(bags - round(bags)) > 1e-6 || round(bags) < 40) {
            fail_msg("%s: %.7g kg is not whole bags of 2.5 g, or below 40", b.items[r].inquiry,
                     b.items[r].base_quantity);
        }
        assert_string_equal(b.items[r].product, "TEA");
        got[b.items[r].inquiry[5] - '1'] += b.items[r].base_quantity;
        total += b.items[r].base_quantity;
    }
    assert_true(fabs(total - 1.0) < 1e-9); /* all 400 bags */
    assert_true(fabs(b.allocated - 1.0) < 1e-9);
    assert_true(got[0] <= 0.5 + 1e-12 && got[1] <= 0.3 + 1e-12 && got[2] <= 0.2 + 1e-12);
    assert_true(fabs(b.bound - 1.0) < 1e-9);
    assert_true(b.total_proven);
    alloc_db_batch_free(&b);
}

/* A product sold in jars of 1/3 kg cannot be represented in whole units (not whole even in
 * thousandths of a gram) and stays out of the batch. Its instant holds used to be released by
 * --commit and not replaced (the buyer lost the 3 jars, and the commit needed
 * --accept-shrink); they are now kept as they are, and the batch allocates only the rest of
 * the inquiry's quantity. */
static void holds_on_a_product_left_out_of_the_batch_are_kept_on_commit(void **state) {
    fixture *f = *state;
    add_product(f->d, "JAR", "Huế", "food", 5, "kg", "1/3 kg", 1.0 / 3.0, 0);
    add_capacity(f->d, "JAR", "2026-12", 10);
    add_product(f->d, "RICE", "Huế", "food", 3, "kg", "", 1, 0);
    add_capacity(f->d, "RICE", "2026-12", 100);
    add_inquiry(f->d, 1, "", "food", 5, "kg", "2026-12", "2026-12", 0, "Huế");
    exec(f->d, sqlite3_mprintf("INSERT INTO hold (inquiry_id, product_id, month, base_quantity,"
                               " kind, created_at, expires_at) SELECT 'q00001', id, '2026-12', 1,"
                               " 'instant', '2026-11-29T00:00:00Z', '2099-01-01T00:00:00Z'"
                               " FROM product WHERE code = %Q",
                               "JAR"));
    ocop_error err = {{0}};
    const alloc_db_options commit = {.commit = true};
    alloc_db_batch b;
    if (alloc_db_run(f->d, NOW, &commit, &b, &err) != 0) {
        fail_msg("allocate: %s", err.msg);
    }
    assert_int_equal(b.n_shrink, 0); /* no promise shrinks: the commit needs no flag */
    assert_true(b.committed);
    assert_int_equal(b.holds_kept, 1);
    assert_int_equal(b.n, 1);
    assert_string_equal(b.items[0].product, "RICE");
    assert_true(fabs(b.items[0].base_quantity - 4) < 1e-9); /* 5 kg asked, 1 kg held */
    alloc_db_batch_free(&b);
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_prepare_v2(db_handle(f->d),
                                        "SELECT p.code, h.kind, h.base_quantity FROM hold h"
                                        " JOIN product p ON p.id = h.product_id ORDER BY p.code",
                                        -1, &st, NULL),
                     SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_string_equal((const char *)sqlite3_column_text(st, 0), "JAR");
    assert_string_equal((const char *)sqlite3_column_text(st, 1), "instant");
    assert_true(fabs(sqlite3_column_double(st, 2) - 1) < 1e-9);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_string_equal((const char *)sqlite3_column_text(st, 0), "RICE");
    assert_string_equal((const char *)sqlite3_column_text(st, 1), "batch");
    assert_true(fabs(sqlite3_column_double(st, 2) - 4) < 1e-9);
    assert_int_equal(sqlite3_step(st), SQLITE_DONE);
    sqlite3_finalize(st);
}

/* A count asked by group (10 boxes of food) keeps its instant hold of 4 boxes of 200 g
 * (0.8 kg: a product measured by weight, not a pair the batch makes); the batch used to
 * allocate all 10 from a product sold by the piece on top of it (14 boxes for 10 asked). Now
 * it allocates the 6 the hold leaves. */
static void a_count_by_group_keeps_its_holds_and_gets_only_the_rest(void **state) {
    fixture *f = *state;
    add_product(f->d, "BOX", "Huế", "food", 5, "kg", "200 g", 0.2, 0);
    add_capacity(f->d, "BOX", "2026-12", 100);
    add_product(f->d, "PC", "Huế", "food", 4, "piece", "", 1, 0);
    add_capacity(f->d, "PC", "2026-12", 100);
    add_inquiry(f->d, 1, "", "food", 10, "piece", "2026-12", "2026-12", 0, "Huế");
    exec(f->d, sqlite3_mprintf("INSERT INTO hold (inquiry_id, product_id, month, base_quantity,"
                               " kind, created_at, expires_at) SELECT 'q00001', id, '2026-12', 0.8,"
                               " 'instant', '2026-11-29T00:00:00Z', '2099-01-01T00:00:00Z'"
                               " FROM product WHERE code = %Q",
                               "BOX"));
    ocop_error err = {{0}};
    const alloc_db_options commit = {.commit = true};
    alloc_db_batch b;
    if (alloc_db_run(f->d, NOW, &commit, &b, &err) != 0) {
        fail_msg("allocate: %s", err.msg);
    }
    assert_true(b.committed);
    assert_int_equal(b.holds_kept, 1);
    assert_int_equal(b.n, 1);
    assert_string_equal(b.items[0].product, "PC");
    assert_true(fabs(b.items[0].base_quantity - 6) < 1e-9);
    alloc_db_batch_free(&b);
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_prepare_v2(db_handle(f->d),
                                        "SELECT COUNT(*) FROM hold WHERE kind = 'instant'"
                                        " AND base_quantity = 0.8",
                                        -1, &st, NULL),
                     SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int(st, 0), 1); /* the hold is still there */
    sqlite3_finalize(st);
}

static void random_databases_against_glpk(void **state) {
    fixture *f = *state;
    static const char *const provinces[] = {"Hà Nội", "Huế", "Cần Thơ", "Lào Cai"};
    static const char *const months[] = {"2026-12", "2027-01", "2027-02"};
    rng_state = 20261205;
    int equal = 0, runs = 30;
    double mip_sum = 0, total_sum = 0;
    for (int run = 0; run < runs; run++) {
        exec(f->d, sqlite3_mprintf("DELETE FROM inquiry; DELETE FROM capacity;"
                                   " DELETE FROM product; DELETE FROM producer"));
        int n_products = rnd_range(2, 8);
        for (int p = 0; p < n_products; p++) {
            char code[16];
            str_format(code, sizeof code, "R%d", p);
            bool bottles = rnd() % 2;
            int unit_ml = rnd_range(1, 6) * 250;
            add_product(f->d, code, provinces[rnd_range(0, 3)], bottles ? "beverages" : "food",
                        rnd_range(2, 5), bottles ? "l" : "kg",
                        bottles ? (unit_ml == 1000  ? "1 l"
                                   : unit_ml == 500 ? "500 ml"
                                                    : "250 ml")
                                : "",
                        bottles ? (unit_ml == 1000  ? 1
                                   : unit_ml == 500 ? 0.5
                                                    : 0.25)
                                : 1,
                        rnd() % 3 == 0 ? rnd_range(2, 30) : 0);
            for (int m = 0; m < 3; m++) {
                if (rnd() % 3 != 0) {
                    add_capacity(f->d, code, months[m], rnd_range(0, 80) * 0.25);
                }
            }
        }
        int n_inq = rnd_range(1, 7);
        for (int i = 0; i < n_inq; i++) {
            bool bottles = rnd() % 2;
            int from = rnd_range(0, 2), to = rnd_range(from, 2);
            char code[16] = "";
            if (rnd() % 4 == 0) {
                str_format(code, sizeof code, "R%d", rnd_range(0, n_products - 1));
            }
            add_inquiry(f->d, i, code,
                        code[0]   ? ""
                        : bottles ? "beverages"
                                  : "food",
                        rnd_range(1, 120) * 0.25, bottles ? "l" : "kg", months[from], months[to],
                        rnd() % 2 ? 0 : rnd_range(2, 5), provinces[rnd_range(0, 3)]);
        }
        /* A code inquiry in the wrong base unit is eligible for nothing; fine. */
        alloc_db_batch b;
        double mip;
        int64_t total = run_and_compare(f, true, &mip, &b);
        equal += (double)total == mip;
        mip_sum += mip;
        total_sum += (double)total;
        alloc_db_batch_free(&b);
    }
    print_message("random databases: %d of %d equal to GLPK's MIP; Σ MIP %.0f, Σ allocated %.0f\n",
                  equal, runs, mip_sum, total_sum);
    /* Rounding and repair alone reached 28 of 30 (Σ 663,750 of 664,500); the exact search
     * closes the other two. */
    assert_int_equal(equal, runs);
}

int main(void) {
    glp_term_out(GLP_OFF);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(
            tiny_five_star_producers_in_front_do_not_hide_the_large_ones, setup, teardown),
        cmocka_unit_test_setup_teardown(a_group_of_500_small_producers_is_used_whole, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(a_local_three_star_beats_a_distant_five_star_on_cost, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(bottles_of_several_measures_are_allocated_whole, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(minimum_orders_just_above_what_is_left, setup, teardown),
        cmocka_unit_test_setup_teardown(nothing_is_allocated_beyond_what_was_asked, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(tea_bags_of_2_5_grams_are_allocated_in_whole_bags, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(holds_on_a_product_left_out_of_the_batch_are_kept_on_commit,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(a_count_by_group_keeps_its_holds_and_gets_only_the_rest,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(random_databases_against_glpk, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
