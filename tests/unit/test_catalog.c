/* test_catalog.c: product groups, cell checks, CSV records and the catalogue import
 * (core/catalog.h, db/catalog_db.h). */
#include "test_support.h"

#include "core/catalog.h"
#include "core/paths.h"
#include "core/phone.h"
#include "core/picture.h"
#include "core/province.h"
#include "core/strbuf.h"
#include "db/catalog_db.h"
#include "db/db_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static const char HEADER[] = "code,name_vi,producer,province,stars,group,unit,measure,capacity,"
                             "capacity_unit,price_min_vnd,price_max_vnd,cert_date,cert_expiry\n";

typedef test_db_fixture fixture;

/* Writes `text` to dir/name and returns a malloc'd copy of the path. */
static char *write_file(fixture *f, const char *name, const char *text) {
    return xstrdup(test_write_file(f->dir, name, text));
}

/* Runs an import and returns its report (malloc'd); *result gets the return value. */
static char *import(fixture *f, const char *catalog, const char *capacity, int *result,
                    catalog_import_stats *stats) {
    char *text = NULL;
    size_t len = 0;
    FILE *report = open_memstream(&text, &len);
    assert_non_null(report);
    *result = catalog_db_import_ex(f->d, catalog, capacity, report, stats);
    fclose(report);
    return text;
}

/* Every row of the three catalogue tables as text, to compare a database before and after. */
static char *dump(fixture *f) {
    static const char *const queries[] = {
        "SELECT id, name, kind, province, district, phone, email FROM producer ORDER BY id",
        "SELECT id, code, producer_id, name_vi, name_en, grp, stars, unit, measure, base_unit,"
        " base_per_unit, price_min_vnd, price_max_vnd, image, name_folded, updated_at"
        " FROM product ORDER BY id",
        "SELECT product_id, month, quantity, unit, base_quantity FROM capacity"
        " ORDER BY product_id, month",
    };
    strbuf sb = {0};
    for (size_t q = 0; q < OCOP_COUNT(queries); q++) {
        sqlite3_stmt *st;
        assert_int_equal(sqlite3_prepare_v2(db_handle(f->d), queries[q], -1, &st, NULL), SQLITE_OK);
        while (sqlite3_step(st) == SQLITE_ROW) {
            for (int c = 0; c < sqlite3_column_count(st); c++) {
                const unsigned char *v = sqlite3_column_text(st, c);
                sb_appendf(&sb, "%s|", v ? (const char *)v : "NULL");
            }
            sb_append_char(&sb, '\n');
        }
        sqlite3_finalize(st);
        sb_append(&sb, "--\n");
    }
    return sb_take(&sb);
}

static double sql_double(fixture *f, const char *sql) {
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db_handle(f->d), sql, -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    double v = sqlite3_column_double(st, 0);
    sqlite3_finalize(st);
    return v;
}

static char *sql_text(fixture *f, const char *sql) {
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db_handle(f->d), sql, -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    const unsigned char *v = sqlite3_column_text(st, 0);
    char *s = xstrdup(v ? (const char *)v : "NULL");
    sqlite3_finalize(st);
    return s;
}

/* ---- groups, kinds and cells ------------------------------------------------------------- */

static void groups_are_found_by_vietnamese_name_with_or_without_accents_or_by_key(void **state) {
    struct {
        const char *text, *key;
    } cases[] = {
        {"Thực phẩm", "food"},
        {"thuc pham", "food"},
        {"THỰC PHẨM", "food"},
        {"food", "food"},
        {"Đồ uống", "beverages"},
        {"do uong", "beverages"},
        {"Beverages", "beverages"},
        {"Thảo dược", "herbal"},
        {"Thảo dược / Dược liệu", "herbal"},
        {"Dược liệu và sản phẩm từ dược liệu", "herbal"},
        {"herbal", "herbal"},
        {"Vải và may mặc", "textiles"},
        {"vai va may mac", "textiles"},
        {"Thủ công mỹ nghệ", "handicrafts"},
        {"Lưu niệm – nội thất – trang trí", "handicrafts"},
        {"Thủ công mỹ nghệ (lưu niệm - nội thất - trang trí)", "handicrafts"},
        {"Sinh vật cảnh", "ornamental"},
        {"sinh vat canh", "ornamental"},
        {"Dịch vụ du lịch", "tourism"},
        {"Du lịch cộng đồng", "tourism"},
        {"Dịch vụ du lịch nông thôn, bán hàng", "tourism"},
        {"  tourism ", "tourism"},
        {"Thu\xcc\x9b\xcc\xa3"
         "c pha\xcc\x89"
         "m",
         "food"}, /* NFD */
    };
    for (size_t i = 0; i < OCOP_COUNT(cases); i++) {
        const char *key = catalog_group_key(cases[i].text);
        if (!key || strcmp(key, cases[i].key) != 0) {
            fail_msg("'%s' gave %s, expected %s", cases[i].text, key ? key : "NULL", cases[i].key);
        }
    }
    assert_null(catalog_group_key("Đồ ăn"));
    assert_null(catalog_group_key(""));
    assert_null(catalog_group_key("foods and drinks"));
}

static void every_group_key_has_a_vietnamese_and_an_english_name(void **state) {
    assert_int_equal(catalog_group_count(), 7);
    for (size_t i = 0; i < catalog_group_count(); i++) {
        const char *key = catalog_group_key_at(i);
        const char *vi = catalog_group_name(key, "vi");
        const char *en = catalog_group_name(key, "en");
        assert_non_null(vi);
        assert_non_null(en);
        /* The display names lead back to the key. */
        assert_string_equal(catalog_group_key(vi), key);
        assert_string_equal(catalog_group_key(en), key);
        assert_string_equal(catalog_group_key(key), key);
    }
    assert_string_equal(catalog_group_name("food", "vi"), "Thực phẩm");
    assert_string_equal(catalog_group_name("food", "en"), "Food");
    assert_string_equal(catalog_group_name("beverages", "vi"), "Đồ uống");
    assert_null(catalog_group_name("drinks", "en"));
}

static void producer_kinds_take_vietnamese_synonyms(void **state) {
    assert_string_equal(catalog_parse_kind("HTX"), "cooperative");
    assert_string_equal(catalog_parse_kind("hợp tác xã"), "cooperative");
    assert_string_equal(catalog_parse_kind("Hop tac xa"), "cooperative");
    assert_string_equal(catalog_parse_kind("cooperative"), "cooperative");
    assert_string_equal(catalog_parse_kind("Công ty"), "company");
    assert_string_equal(catalog_parse_kind("DNTN"), "company");
    assert_string_equal(catalog_parse_kind("hộ kinh doanh"), "household");
    assert_string_equal(catalog_parse_kind("Household"), "household");
    assert_string_equal(catalog_parse_kind("khác"), "other");
    assert_null(catalog_parse_kind("nhà nước"));
    assert_string_equal(catalog_kind_from_name("Hợp tác xã Dừa sáp Hòa Tân"), "cooperative");
    assert_string_equal(catalog_kind_from_name("HTX Tiến Thành"), "cooperative");
    assert_string_equal(catalog_kind_from_name("Công ty TNHH Trà Vinh Farm"), "company");
    assert_string_equal(catalog_kind_from_name("Chi nhánh Công ty Cổ phần A"), "company");
    assert_string_equal(catalog_kind_from_name("Hộ kinh doanh Vĩnh Xương"), "household");
    assert_string_equal(catalog_kind_from_name("Cơ sở Tôm khô Tiến Hải"), "other");
    assert_string_equal(catalog_kind_from_name("Công"), "other");
}

static void stars_are_a_whole_number_from_1_to_5(void **state) {
    int stars;
    ocop_error err;
    assert_int_equal(catalog_parse_stars("4", &stars, &err), 0);
    assert_int_equal(stars, 4);
    assert_int_equal(catalog_parse_stars("5.0", &stars, &err), 0);
    assert_int_equal(stars, 5);
    assert_int_equal(catalog_parse_stars("6", &stars, &err), -1);
    assert_string_equal(err.msg, "\"6\" is not 1–5");
    assert_int_equal(catalog_parse_stars("0", &stars, &err), -1);
    assert_int_equal(catalog_parse_stars("3,5", &stars, &err), -1);
    assert_int_equal(catalog_parse_stars("four", &stars, &err), -1);
    assert_string_equal(err.msg, "\"four\" is not 1–5");
}

static void dates_must_exist_in_the_calendar(void **state) {
    char out[11];
    ocop_error err;
    assert_int_equal(catalog_parse_date("2023-04-05", out, &err), 0);
    assert_string_equal(out, "2023-04-05");
    assert_int_equal(catalog_parse_date("2024-02-29", out, &err), 0);
    assert_int_equal(catalog_parse_date("2000-02-29", out, &err), 0);
    assert_int_equal(catalog_parse_date("2023-02-29", out, &err), -1);
    assert_string_equal(err.msg, "\"2023-02-29\" is not a date in the calendar");
    assert_int_equal(catalog_parse_date("1900-02-29", out, &err), -1);
    assert_int_equal(catalog_parse_date("2023-04-31", out, &err), -1);
    assert_int_equal(catalog_parse_date("2023-13-01", out, &err), -1);
    assert_int_equal(catalog_parse_date("05/04/2023", out, &err), -1);
    assert_string_equal(err.msg, "\"05/04/2023\" is not a date YYYY-MM-DD");
    assert_int_equal(catalog_parse_date("2023-4-5", out, &err), -1);
}

static void months_are_yyyy_mm_or_a_star(void **state) {
    char out[8];
    ocop_error err;
    assert_int_equal(catalog_parse_month("2026-12", out, &err), 0);
    assert_string_equal(out, "2026-12");
    assert_int_equal(catalog_parse_month("*", out, &err), 0);
    assert_string_equal(out, "*");
    assert_int_equal(catalog_parse_month("2026-13", out, &err), -1);
    assert_int_equal(catalog_parse_month("2026-1", out, &err), -1);
    assert_string_equal(err.msg, "\"2026-1\" is not a month YYYY-MM");
}

static void prices_accept_thousands_separators_where_unambiguous(void **state) {
    int64_t v;
    ocop_error err;
    struct {
        const char *text;
        int64_t value;
    } good[] = {
        {"12000", 12000},           {"12.000", 12000},   {"12,000", 12000},
        {"1.200.000", 1200000},     {"12 000", 12000},   {"0", 0},
        {"85.000đ", 85000},         {"85.000 đ", 85000}, {"85000 VND", 85000},
        {"1,500,000 vnđ", 1500000},
    };
    for (size_t i = 0; i < OCOP_COUNT(good); i++) {
        if (catalog_parse_price(good[i].text, &v, &err) != 0) {
            fail_msg("'%s': %s", good[i].text, err.msg);
        }
        assert_int_equal(v, good[i].value);
    }
    assert_int_equal(catalog_parse_price("-5000", &v, &err), -1);
    assert_string_equal(err.msg, "\"-5000\" is negative");
    assert_int_equal(catalog_parse_price("12,5", &v, &err), -1);
    assert_string_equal(err.msg, "\"12,5\" is not a whole number of đồng");
    assert_int_equal(catalog_parse_price("1.200,000", &v, &err), -1);
    assert_int_equal(catalog_parse_price("1234.000", &v, &err), -1);
    assert_int_equal(catalog_parse_price("abc", &v, &err), -1);
    assert_string_equal(err.msg, "\"abc\" is not a price in đồng");
}

static void quantities_and_counts_refuse_negative_and_non_numbers(void **state) {
    double q;
    int n;
    ocop_error err;
    assert_int_equal(catalog_parse_quantity("0,5", &q, &err), 0);
    assert_float_equal(q, 0.5, 0);
    assert_int_equal(catalog_parse_quantity("-2", &q, &err), -1);
    assert_string_equal(err.msg, "\"-2\" is negative");
    assert_int_equal(catalog_parse_quantity("nhiều", &q, &err), -1);
    assert_string_equal(err.msg, "\"nhiều\" is not a number");
    assert_int_equal(catalog_parse_count("14", &n, &err), 0);
    assert_int_equal(n, 14);
    assert_int_equal(catalog_parse_count("-1", &n, &err), -1);
    assert_string_equal(err.msg, "\"-1\" is negative");
    assert_int_equal(catalog_parse_count("1.5", &n, &err), -1);
}

static void stored_images_resolve_against_assets_unless_absolute(void **state) {
    char out[1024];
    assert_true(catalog_image_path("catalog/images/food.svg", out, sizeof out));
    assert_non_null(strstr(out, "/assets/catalog/images/food.svg"));
    assert_true(catalog_image_path("/srv/photos/a.png", out, sizeof out));
    assert_string_equal(out, "/srv/photos/a.png");
    assert_false(catalog_image_path("", out, sizeof out));
}

/* ---- CSV records --------------------------------------------------------------------------- */

static void csv_records_know_their_starting_line_with_bom_crlf_and_quoted_newlines(void **state) {
    fixture *f = *state;
    char *path = write_file(f, "lines.csv",
                            "\xEF\xBB\xBF"
                            "a,b\r\n"                    /* 1: header */
                            "1,\"two\r\nlines\"\r\n"     /* 2-3 */
                            "\r\n"                       /* 4: blank */
                            "3,\"x\"\"y\"\r\n"           /* 5 */
                            "4,\"three\nmore\nlines\"\n" /* 6-8 */
                            "5,last");                   /* 9, no newline */
    strbuf problems = {0};
    catalog_csv *csv = catalog_csv_read(path, &problems);
    assert_non_null(csv);
    assert_string_equal(sb_str(&problems), "");
    assert_int_equal(csv->header.line, 1);
    assert_string_equal(csv->header.fields[0], "a"); /* the BOM is not part of the name */
    assert_int_equal(catalog_csv_column(csv, "a"), 0);
    assert_int_equal(csv->count, 4);
    assert_int_equal(csv->rows[0].line, 2);
    assert_string_equal(catalog_csv_field(&csv->rows[0], 1), "two\r\nlines");
    assert_int_equal(csv->rows[1].line, 5);
    assert_string_equal(catalog_csv_field(&csv->rows[1], 1), "x\"y");
    assert_int_equal(csv->rows[2].line, 6);
    assert_int_equal(csv->rows[3].line, 9);
    assert_string_equal(catalog_csv_field(&csv->rows[3], 1), "last");
    assert_string_equal(catalog_csv_field(&csv->rows[3], 7), "");
    catalog_csv_free(csv);
    sb_free(&problems);
    free(path);
}

static void semicolon_separated_files_from_vietnamese_spreadsheets_are_read(void **state) {
    fixture *f = *state;
    char *path = write_file(f, "semi.csv",
                            "code;name_vi;producer;province;stars;group;unit;measure\r\n"
                            "H-1;\"Mật; ong\";HTX A;Bến Tre;4;food;hũ;0,5 kg\r\n");
    int n;
    char *report = import(f, path, NULL, &n, NULL);
    assert_string_equal(report, "");
    assert_int_equal(n, 1);
    product_record p;
    ocop_error err;
    assert_int_equal(catalog_db_get(f->d, "H-1", &p, &err), 1);
    assert_string_equal(p.name_vi, "Mật; ong");
    assert_float_equal(p.base_per_unit, 0.5, 1e-12);
    free(report);
    free(path);
}

static void a_utf16_file_is_refused_with_a_hint(void **state) {
    fixture *f = *state;
    char *path = write_file(f, "u16.csv",
                            "\xFF\xFE"
                            "c\0o\0d\0e\0");
    strbuf problems = {0};
    catalog_csv *csv = catalog_csv_read(path, &problems);
    char expected[1024];
    str_format(expected, sizeof expected,
               "%s:1: csv: the file is UTF-16 (\"Unicode text\"); save it as \"CSV UTF-8\"\n",
               path);
    assert_string_equal(sb_str(&problems), expected);
    assert_int_equal(csv->count, 0);
    catalog_csv_free(csv);
    sb_free(&problems);
    free(path);
}

static void csv_problems_name_file_line_and_column(void **state) {
    fixture *f = *state;
    char *path = write_file(f, "bad.csv",
                            "a,b\n"
                            "1,ok\n"
                            "2,bad \xC3\x28 byte\n"
                            "3,x,extra\n"
                            "4,\"never closed\n"
                            "5,more\n");
    strbuf problems = {0};
    catalog_csv *csv = catalog_csv_read(path, &problems);
    assert_non_null(csv);
    char expected[2048];
    str_format(expected, sizeof expected,
               "%s:3: b: malformed UTF-8 (byte 0xC3)\n"
               "%s:4: csv: 3 fields but the header has 2\n"
               "%s:5: csv: a quoted field is not closed\n",
               path, path, path);
    assert_string_equal(sb_str(&problems), expected);
    catalog_csv_free(csv);
    free(path);

    /* A NUL byte inside a field: written by hand, fputs would stop at it. */
    char nul_path[512];
    str_format(nul_path, sizeof nul_path, "%s/nul.csv", f->dir);
    FILE *fp = fopen(nul_path, "wb");
    assert_non_null(fp);
    fwrite("a,b\n1,x\0y\n", 1, 10, fp);
    fclose(fp);
    sb_reset(&problems);
    csv = catalog_csv_read(nul_path, &problems);
    str_format(expected, sizeof expected, "%s:2: b: contains a NUL byte (is this a text file?)\n",
               nul_path);
    assert_string_equal(sb_str(&problems), expected);
    catalog_csv_free(csv);
    sb_free(&problems);
}

/* ---- import -------------------------------------------------------------------------------- */

static void a_good_catalogue_is_imported_with_nfc_text_and_base_units(void **state) {
    fixture *f = *state;
    char *path = write_file(
        f, "good.csv",
        "\xEF\xBB\xBF"
        "unit,code,name_vi,producer,province,stars,group,measure,capacity,capacity_unit,"
        "price_min_vnd,price_max_vnd,producer_kind,phone,moq,lead_time_days,name_en,"
        "description_vi\r\n"
        /* name_vi in NFD: "Mật hoa dừa" decomposed */
        "chai,TV-001,Ma\xcc\xa3\xcc\x82t hoa du\xcc\x9b\xcc\x80\x61,Công ty TNHH Trà Vinh Farm,"
        "Trà Vinh,5,Thực phẩm,500 ml,1500,l,120.000,150000,,0294 3855 246,10,7,"
        "Coconut nectar,\"Dòng một\r\ndòng hai\"\r\n"
        "trái,TV-002,Dừa sáp,HTX Dừa sáp Hòa Tân,Trà Vinh,4,food,,5000,,100000,150000,,,50,,"
        ",\r\n");
    int n;
    catalog_import_stats stats;
    char *report = import(f, path, NULL, &n, &stats);
    assert_string_equal(report, "");
    assert_int_equal(n, 2);
    assert_int_equal(stats.products_new, 2);
    assert_int_equal(stats.products_updated, 0);
    assert_int_equal(stats.producers_new, 2);
    assert_int_equal(stats.capacity_rows, 2);
    assert_int_equal(stats.warnings, 0);

    product_record p;
    ocop_error err;
    assert_int_equal(catalog_db_get(f->d, "TV-001", &p, &err), 1);
    assert_string_equal(p.name_vi, "Mật hoa dừa"); /* NFC */
    assert_string_equal(p.name_en, "Coconut nectar");
    assert_string_equal(p.group, "food");
    assert_int_equal(p.stars, 5);
    assert_string_equal(p.producer, "Công ty TNHH Trà Vinh Farm");
    assert_string_equal(p.producer_kind, "company");
    assert_string_equal(p.phone, "+842943855246"); /* "0294 3855 246" normalised */
    assert_string_equal(p.unit, "chai");
    assert_string_equal(p.measure, "500 ml");
    assert_string_equal(p.base_unit, "l");
    assert_float_equal(p.base_per_unit, 0.5, 1e-12);
    assert_int_equal(p.price_min_vnd, 120000);
    assert_int_equal(p.price_max_vnd, 150000);
    assert_float_equal(p.moq, 10, 0);
    assert_int_equal(p.lead_time_days, 7);
    assert_string_equal(p.description_vi, "Dòng một\r\ndòng hai");
    assert_string_equal(p.cert_date, "");
    assert_string_equal(p.image, "");
    char *folded = sql_text(f, "SELECT name_folded FROM product WHERE code = 'TV-001'");
    assert_string_equal(folded, "mat hoa dua");
    free(folded);
    assert_float_equal(sql_double(f,
                                  "SELECT base_quantity FROM capacity WHERE month = '*' AND"
                                  " product_id = (SELECT id FROM product WHERE code = 'TV-001')"),
                       1500, 0);
    assert_float_equal(sql_double(f,
                                  "SELECT base_quantity FROM capacity WHERE month = '*' AND"
                                  " product_id = (SELECT id FROM product WHERE code = 'TV-002')"),
                       5000, 0);

    assert_int_equal(catalog_db_get(f->d, "TV-002", &p, &err), 1);
    assert_string_equal(p.producer_kind, "cooperative"); /* from "HTX …" */
    assert_string_equal(p.base_unit, "piece");
    assert_int_equal(p.lead_time_days, -1);
    assert_int_equal(catalog_db_get(f->d, "TV-999", &p, &err), 0);
    free(report);
    free(path);
}

static void every_kind_of_mistake_is_reported_as_file_line_column_reason(void **state) {
    fixture *f = *state;
    char *path = write_file(
        f, "bad.csv",
        "code,name_vi,producer,province,stars,group,unit,measure,capacity,capacity_unit,"
        "price_min_vnd,price_max_vnd,cert_date,cert_expiry,producer_kind,lead_time_days\n"
        "A-1,Tốt,P,Trà Vinh,4,food,kg,,10,,1000,2000,2023-01-01,2026-01-01,,\n" /* 2: good */
        "A-2,,P,Trà Vinh,4,food,kg,,,,,,,,,\n"                                  /* 3 */
        "A-3,X,P,Trà Vinh,6,food,kg,,,,,,,,,\n"                                 /* 4 */
        "A-4,X,P,Trà Vinh,4,Đồ ăn,kg,,,,,,,,,\n"                                /* 5 */
        "A-5,X,P,Trà Vinh,4,food,tà,,,,,,,,,\n"                                 /* 6 */
        "A-6,X,P,Trà Vinh,4,food,chai,nửa lít,,,,,,,,\n"                        /* 7 */
        "A-7,X,P,Trà Vinh,4,food,kg,,-5,,,,,,,\n"                               /* 8 */
        "A-8,X,P,Trà Vinh,4,food,kg,,nhiều,,,,,,,\n"                            /* 9 */
        "A-9,X,P,Trà Vinh,4,food,kg,,,,-1000,abc,,,,\n"                         /* 10 */
        "A-10,X,P,Trà Vinh,4,food,kg,,,,,,2023-02-30,20230101,,\n"              /* 11 */
        "A-1,X,P,Trà Vinh,4,food,kg,,,,,,,,,\n"                                 /* 12 */
        "A-12,\"X\nY\",P,Trà Vinh,4,food,cái,,10,kg,,,,,,\n"                    /* 13-14 */
        "A-13,X \xFF,P,Trà Vinh,4,food,kg,,,,,,,,,\n"                           /* 15 */
        "A-14,X,P,Trà Vinh,4,food,kg,,,,5000,1000,,,nhà nước,-3\n"              /* 16 */
        "A-15,X,P,Trà Vinh,4,food,kg,,,,,,2024-01-01,2023-01-01,,\n");          /* 17 */
    int n;
    char *report = import(f, path, NULL, &n, NULL);
    assert_int_equal(n, -1);
    char expected[8192];
    str_format(
        expected, sizeof expected,
        "%1$s:15: name_vi: malformed UTF-8 (byte 0xFF)\n"
        "%1$s:3: name_vi: required value missing\n"
        "%1$s:4: stars: \"6\" is not 1–5\n"
        "%1$s:5: group: unknown group \"Đồ ăn\" (food, beverages, herbal, textiles, "
        "handicrafts, ornamental, tourism, or their Vietnamese names)\n"
        "%1$s:6: unit: \"tà\" is too close to the weight unit tạ to be taken as a count: write tạ "
        "if that is meant, or another word for a count\n"
        "%1$s:7: measure: measure \"nửa lít\" does not start with a number (e.g. \"500 ml\")\n"
        "%1$s:8: capacity: \"-5\" is negative\n"
        "%1$s:9: capacity: \"nhiều\" is not a number\n"
        "%1$s:10: price_min_vnd: \"-1000\" is negative\n"
        "%1$s:10: price_max_vnd: \"abc\" is not a price in đồng\n"
        "%1$s:11: cert_date: \"2023-02-30\" is not a date in the calendar\n"
        "%1$s:11: cert_expiry: \"20230101\" is not a date YYYY-MM-DD\n"
        "%1$s:12: code: \"A-1\" repeated (first on line 2)\n"
        "%1$s:13: capacity_unit: cannot convert kg: the product is sold by the cái with no "
        "weight given\n"
        "%1$s:16: producer_kind: unknown kind \"nhà nước\" (cooperative, company, household, "
        "other)\n"
        "%1$s:16: price_max_vnd: 1000 is less than price_min_vnd 5000\n"
        "%1$s:16: lead_time_days: \"-3\" is negative\n"
        "%1$s:17: cert_expiry: 2023-01-01 is before cert_date 2024-01-01\n",
        path);
    assert_string_equal(report, expected);
    /* Nothing was written, not even the good row on line 2. */
    product_record p;
    ocop_error err;
    assert_int_equal(catalog_db_get(f->d, "A-1", &p, &err), 0);
    assert_true(db_is_empty(f->d));
    free(report);
    free(path);
}

static void impossible_phone_numbers_and_e_mail_addresses_are_errors(void **state) {
    fixture *f = *state;
    char *path = write_file(f, "contact.csv",
                            "code,name_vi,producer,province,stars,group,unit,phone,email\n"
                            "K-1,A,P,Trà Vinh,3,food,kg,0912 345 678,a@b.vn\n"
                            "K-2,B,P,Trà Vinh,3,food,kg,12345,\n"
                            "K-3,C,P,Trà Vinh,3,food,kg,,not an address\n");
    int n;
    char *report = import(f, path, NULL, &n, NULL);
    assert_int_equal(n, -1);
    ocop_error phone_err, email_err;
    char out[32];
    assert_int_equal(phone_normalize("12345", out, sizeof out, &phone_err), -1);
    assert_int_equal(phone_check_email("not an address", &email_err), -1);
    char expected[2048];
    str_format(expected, sizeof expected, "%1$s:3: phone: %2$s\n%1$s:4: email: %3$s\n", path,
               phone_err.msg, email_err.msg);
    assert_string_equal(report, expected);
    free(report);
    free(path);
}

static void missing_and_repeated_columns_are_errors_and_unknown_ones_a_warning(void **state) {
    fixture *f = *state;
    char *path = write_file(f, "cols.csv",
                            "code,name_vi,producer,province,group,unit,Code,source_url\n"
                            "A-1,X,P,Trà Vinh,food,kg,A-1,http://example.org\n");
    int n;
    char *report = import(f, path, NULL, &n, NULL);
    assert_int_equal(n, -1);
    char expected[2048];
    str_format(expected, sizeof expected,
               "%1$s:1: code: column appears twice\n"
               "warning: %1$s:1: source_url: unknown column, ignored\n"
               "%1$s:1: stars: required column missing\n",
               path);
    assert_string_equal(report, expected);
    free(report);
    free(path);

    path = write_file(f, "warn.csv",
                      "code,name_vi,producer,province,stars,group,unit,ghi chú\n"
                      "A-1,X,P,Trà Vinh,3,food,kg,hello\n");
    catalog_import_stats stats;
    report = import(f, path, NULL, &n, &stats);
    assert_int_equal(n, 1);
    assert_int_equal(stats.warnings, 1);
    str_format(expected, sizeof expected, "warning: %s:1: ghi chú: unknown column, ignored\n",
               path);
    assert_string_equal(report, expected);
    free(report);
    free(path);
}

static void an_empty_file_is_refused(void **state) {
    fixture *f = *state;
    char *path = write_file(f, "empty.csv", "");
    int n;
    char *report = import(f, path, NULL, &n, NULL);
    assert_int_equal(n, -1);
    assert_non_null(strstr(report, ":1: header: no header row (the file is empty)"));
    free(report);
    free(path);
    report = import(f, "/nonexistent/catalog.csv", NULL, &n, NULL);
    assert_int_equal(n, -1);
    assert_string_equal(report, "/nonexistent/catalog.csv: cannot read: No such file or "
                                "directory\n");
    free(report);
}

static void a_bad_file_leaves_the_database_exactly_as_it_was(void **state) {
    fixture *f = *state;
    char head[512];
    str_copy(head, sizeof head, HEADER);
    strbuf good = {0};
    sb_append(&good, head);
    sb_append(&good, "B-1,Bánh tét,HKD Mai,Trà Vinh,4,food,đòn,1 kg,100,,80000,90000,,\n"
                     "B-2,Kẹo dừa,Công ty Đông Á,Bến Tre,5,food,gói,400 g,2,tạ,,,,\n");
    char *path = write_file(f, "good.csv", sb_str(&good));
    char *cap = write_file(f, "cap.csv", "code,month,quantity,unit\nB-1,2026-12,300,đòn\n");
    int n;
    char *report = import(f, path, cap, &n, NULL);
    assert_int_equal(n, 2);
    free(report);
    char *before = dump(f);

    /* Updates of both products, a new one, new capacity, and one mistake at the end. */
    strbuf bad = {0};
    sb_append(&bad, head);
    sb_append(&bad, "B-1,Bánh tét mới,HKD Mai,Trà Vinh,5,food,đòn,1 kg,900,,80000,90000,,\n"
                    "B-3,Mới,HKD Khác,Trà Vinh,3,food,kg,,10,,,,,\n"
                    "B-2,Kẹo dừa,Công ty Đông Á,Bến Tre,7,food,gói,400 g,2,tạ,,,,\n");
    char *bad_path = write_file(f, "bad.csv", sb_str(&bad));
    char *bad_cap = write_file(f, "badcap.csv", "code,month,quantity,unit\nB-1,2027-01,5,đòn\n");
    report = import(f, bad_path, bad_cap, &n, NULL);
    assert_int_equal(n, -1);
    char expected[1024];
    str_format(expected, sizeof expected, "%s:4: stars: \"7\" is not 1–5\n", bad_path);
    assert_string_equal(report, expected);
    char *after = dump(f);
    assert_string_equal(after, before);

    /* A bad capacity file alone also stops a good catalogue. */
    free(report);
    char *bad_cap2 = write_file(f, "badcap2.csv", "code,month,quantity,unit\nB-1,2027-02,-4,đòn\n");
    report = import(f, path, bad_cap2, &n, NULL);
    assert_int_equal(n, -1);
    str_format(expected, sizeof expected, "%s:2: quantity: \"-4\" is negative\n", bad_cap2);
    assert_string_equal(report, expected);
    char *after2 = dump(f);
    assert_string_equal(after2, before);

    free(after2);
    free(bad_cap2);
    free(report);
    free(after);
    free(before);
    free(bad_cap);
    free(bad_path);
    free(cap);
    free(path);
    sb_free(&bad);
    sb_free(&good);
}

static void importing_again_updates_products_by_code(void **state) {
    fixture *f = *state;
    char *v1 = write_file(f, "v1.csv",
                          "code,name_vi,producer,province,stars,group,unit,phone,district\n"
                          "C-1,Gạo,HTX Tiến Thành,Trà Vinh,3,food,kg,0294 3111 222,Châu Thành\n"
                          "C-2,Trà sả,Công ty Phú Qưới,Trà Vinh,3,đồ uống,hộp,,\n");
    char *v2 = write_file(f, "v2.csv",
                          "code,name_vi,producer,province,stars,group,unit,name_en,phone\n"
                          "C-1,Gạo hữu cơ,HTX Tiến Thành,Trà Vinh,4,food,kg,Organic rice,\n");
    int n;
    catalog_import_stats stats;
    char *report = import(f, v1, NULL, &n, &stats);
    assert_int_equal(n, 2);
    free(report);
    report = import(f, v2, NULL, &n, &stats);
    assert_string_equal(report, "");
    assert_int_equal(n, 1);
    assert_int_equal(stats.products_new, 0);
    assert_int_equal(stats.products_updated, 1);
    assert_int_equal(stats.producers_new, 0);
    product_record p;
    ocop_error err;
    assert_int_equal(catalog_db_get(f->d, "C-1", &p, &err), 1);
    assert_string_equal(p.name_vi, "Gạo hữu cơ");
    assert_string_equal(p.name_en, "Organic rice");
    assert_int_equal(p.stars, 4);
    /* The producer's phone and district, not repeated in v2, are kept. */
    assert_string_equal(p.phone, "+842943111222");
    assert_string_equal(p.district, "Châu Thành");
    assert_int_equal(catalog_db_get(f->d, "C-2", &p, &err), 1);
    assert_string_equal(p.group, "beverages");
    assert_float_equal(sql_double(f, "SELECT count(*) FROM product"), 2, 0);
    assert_float_equal(sql_double(f, "SELECT count(*) FROM producer"), 2, 0);
    free(report);
    free(v2);
    free(v1);
}

static void capacity_rows_are_stored_in_base_units(void **state) {
    fixture *f = *state;
    char *cat = write_file(f, "cat.csv",
                           "code,name_vi,producer,province,stars,group,unit,measure\n"
                           "D-1,Mật hoa dừa,Sokfarm,Trà Vinh,5,food,chai,250 ml\n"
                           "D-2,Gạo,HTX A,Trà Vinh,4,food,túi,5 kg\n"
                           "D-3,Đàn guitar,HKD Nam,Trà Vinh,3,handicrafts,cái,\n");
    char *cap = write_file(f, "cap.csv",
                           "unit,quantity,month,code\n"
                           "chai,1000,2026-12,D-1\n"
                           "l,0,2027-01,D-1\n"
                           "tấn,2,2026-12,D-2\n"
                           "túi,0,2027-02,D-2\n"
                           "yến,3,*,D-2\n"
                           "cái,20,2026-12,D-3\n"
                           "kg,5,2027-01,D-3\n"      /* 8: no weight */
                           "l,5,2027-01,D-2\n"       /* 9: a volume of a mass product */
                           "chai,1,2027-01,D-9\n"    /* 10 */
                           "chai,1,2026-12,D-1\n"    /* 11: repeated month */
                           "chai,1,2027-13,D-1\n"    /* 12 */
                           "thùng,1,2027-03,D-1\n"); /* 13 */
    int n;
    char *report = import(f, cat, cap, &n, NULL);
    assert_int_equal(n, -1);
    char expected[4096];
    str_format(expected, sizeof expected,
               "%1$s:8: unit: cannot convert kg: the product is sold by the cái with no weight "
               "given\n"
               "%1$s:9: unit: cannot convert l to kg: the product is measured by weight\n"
               "%1$s:10: code: unknown product \"D-9\" (not in the catalogue file nor the "
               "database)\n"
               "%1$s:11: month: \"2026-12\" repeated for product \"D-1\" (first on line 2)\n"
               "%1$s:12: month: \"2027-13\" is not a month in the calendar\n"
               "%1$s:13: unit: cannot convert thùng: the product is sold by the chai, and how "
               "much a thùng holds is not known\n",
               cap);
    assert_string_equal(report, expected);
    assert_true(db_is_empty(f->d));
    free(report);

    char *good = write_file(f, "good.csv",
                            "code,month,quantity,unit\n"
                            "D-1,2026-12,1000,chai\n"
                            "D-1,2027-01,0,l\n"
                            "D-2,2026-12,2,tấn\n"
                            "D-2,*,3,yến\n"
                            "D-3,2026-12,20,cái\n");
    catalog_import_stats stats;
    report = import(f, cat, good, &n, &stats);
    assert_string_equal(report, "");
    assert_int_equal(n, 3);
    assert_int_equal(stats.capacity_rows, 5);
    assert_float_equal(sql_double(f, "SELECT base_quantity FROM capacity c JOIN product p ON"
                                     " p.id = c.product_id WHERE code = 'D-1' AND month = "
                                     "'2026-12'"),
                       250, 1e-9);
    assert_float_equal(sql_double(f, "SELECT base_quantity FROM capacity c JOIN product p ON"
                                     " p.id = c.product_id WHERE code = 'D-2' AND month = "
                                     "'2026-12'"),
                       2000, 1e-9);
    assert_float_equal(sql_double(f, "SELECT base_quantity FROM capacity c JOIN product p ON"
                                     " p.id = c.product_id WHERE code = 'D-2' AND month = '*'"),
                       30, 1e-9);
    assert_float_equal(sql_double(f, "SELECT base_quantity FROM capacity c JOIN product p ON"
                                     " p.id = c.product_id WHERE code = 'D-3'"),
                       20, 0);

    /* A capacity file on its own, for products already in the database. */
    free(report);
    char *later = write_file(f, "later.csv", "code,month,quantity,unit\nD-1,2027-05,40,l\n");
    report = import(f, cat, later, &n, NULL);
    assert_string_equal(report, "");
    assert_float_equal(sql_double(f, "SELECT count(*) FROM capacity"), 6, 0);
    free(report);
    free(later);
    free(good);
    free(cap);
    free(cat);
}

static void a_new_measure_recomputes_the_base_of_declared_capacity(void **state) {
    fixture *f = *state;
    char *v1 = write_file(f, "v1.csv",
                          "code,name_vi,producer,province,stars,group,unit,measure,capacity\n"
                          "E-1,Mật,Sokfarm,Trà Vinh,5,food,chai,250 ml,100\n");
    char *v2 = write_file(f, "v2.csv",
                          "code,name_vi,producer,province,stars,group,unit,measure\n"
                          "E-1,Mật,Sokfarm,Trà Vinh,5,food,chai,500 ml\n");
    char *v3 = write_file(f, "v3.csv",
                          "code,name_vi,producer,province,stars,group,unit,measure\n"
                          "E-1,Mật,Sokfarm,Trà Vinh,5,food,kg,\n");
    int n;
    char *report = import(f, v1, NULL, &n, NULL);
    free(report);
    assert_float_equal(sql_double(f, "SELECT base_quantity FROM capacity"), 25, 1e-9);
    report = import(f, v2, NULL, &n, NULL);
    assert_int_equal(n, 1);
    assert_float_equal(sql_double(f, "SELECT base_quantity FROM capacity"), 50, 1e-9);
    free(report);
    /* Sold by the kg now: 100 chai no longer converts, so the update is refused. */
    report = import(f, v3, NULL, &n, NULL);
    assert_int_equal(n, -1);
    char expected[1024];
    str_format(expected, sizeof expected,
               "%s:2: unit: the capacity already declared for * is in chai, which no longer "
               "converts: cannot convert chai: the product is sold by the kg, and how much a "
               "chai holds is not known\n",
               v3);
    assert_string_equal(report, expected);
    product_record p;
    ocop_error err;
    assert_int_equal(catalog_db_get(f->d, "E-1", &p, &err), 1);
    assert_string_equal(p.unit, "chai");
    free(report);
    free(v3);
    free(v2);
    free(v1);
}

static void images_inside_assets_are_stored_relative_and_others_absolute(void **state) {
    fixture *f = *state;
    char *photo = write_file(f, "photo.png", "not really a png");
    char *cat = write_file(f, "img.csv",
                           "code,name_vi,producer,province,stars,group,unit,image\n"
                           "F-1,A,P,Trà Vinh,3,food,kg,photo.png\n"
                           "F-2,B,P,Trà Vinh,3,food,kg,missing.png\n");
    int n;
    char *report = import(f, cat, NULL, &n, NULL);
    assert_int_equal(n, 2);
    char expected[2048];
    str_format(expected, sizeof expected,
               "warning: %s:3: image: file \"%s/missing.png\" not found; the product is "
               "imported without an image\n",
               cat, f->dir);
    assert_string_equal(report, expected);
    product_record p;
    ocop_error err;
    assert_int_equal(catalog_db_get(f->d, "F-1", &p, &err), 1);
    char real[4096];
    assert_non_null(realpath(photo, real));
    assert_string_equal(p.image, real);
    assert_int_equal(catalog_db_get(f->d, "F-2", &p, &err), 1);
    assert_string_equal(p.image, "");
    free(report);
    free(cat);
    free(photo);
}

static void provinces_get_their_code_and_an_unknown_one_is_a_warning(void **state) {
    fixture *f = *state;
    char *cat = write_file(f, "prov.csv",
                           "code,name_vi,producer,province,stars,group,unit\n"
                           "G-1,A,P,Trà Vinh,3,food,kg\n"
                           "G-2,B,Q,tra vinh,3,food,kg\n"
                           "G-3,C,R,Xứ Đoài,3,food,kg\n");
    int n;
    char *report = import(f, cat, NULL, &n, NULL);
    assert_int_equal(n, 3);
    char expected[1024];
    str_format(expected, sizeof expected,
               "warning: %s:4: province: \"Xứ Đoài\" is not a known province; matching cannot "
               "tell how far it is\n",
               cat);
    assert_string_equal(report, expected);
    province_place place;
    assert_true(province_find("Trà Vinh", &place));
    product_record p;
    ocop_error err;
    assert_int_equal(catalog_db_get(f->d, "G-1", &p, &err), 1);
    assert_string_equal(p.province_code, place.unit->code);
    assert_int_equal(catalog_db_get(f->d, "G-2", &p, &err), 1);
    assert_string_equal(p.province_code, place.unit->code);
    assert_string_equal(p.province, "tra vinh"); /* as written */
    assert_int_equal(catalog_db_get(f->d, "G-3", &p, &err), 1);
    assert_string_equal(p.province_code, "");
    free(report);
    free(cat);
}

static void the_demo_catalogue_imports_without_a_warning(void **state) {
    fixture *f = *state;
    const char *cat = OCOP_SOURCE_DIR "/assets/catalog/catalog.csv";
    const char *cap = OCOP_SOURCE_DIR "/assets/catalog/capacity.csv";
    int n;
    catalog_import_stats stats;
    char *report = import(f, cat, cap, &n, &stats);
    assert_string_equal(report, "");
    assert_true(n >= 60);
    assert_int_equal(stats.warnings, 0);
    /* No product names an image (the kiosk picks an illustration from the name, picture.h) and
     * every one says its figures are demo values. */
    assert_float_equal(sql_double(f, "SELECT count(*) FROM product WHERE image IS NOT NULL"), 0, 0);
    assert_float_equal(sql_double(f, "SELECT count(*) FROM product WHERE description_vi NOT"
                                     " LIKE '%minh hoạ (demo)%' OR description_en NOT LIKE"
                                     " '%(demo values)%'"),
                       0, 0);
    /* Twelve months from 2026-12, some of them zero. */
    assert_float_equal(sql_double(f, "SELECT count(DISTINCT month) FROM capacity WHERE month"
                                     " BETWEEN '2026-12' AND '2027-11'"),
                       12, 0);
    assert_true(sql_double(f, "SELECT count(*) FROM capacity WHERE quantity = 0") > 0);
    product_record p;
    ocop_error err;
    assert_int_equal(catalog_db_get(f->d, "TV-001", &p, &err), 1);
    char file[4096];
    assert_string_equal(p.picture, "meat"); /* Chả hoa, a pork roll */
    char rel[256];
    assert_true(picture_kind_file(p.picture, rel, sizeof rel));
    assert_true(paths_data_file(file, sizeof file, rel));
    FILE *fp = fopen(file, "rb");
    assert_non_null(fp);
    fclose(fp);
    free(report);
}

static void seeding_reports_the_first_error(void **state) {
    fixture *f = *state;
    char *cat = write_file(f, "seed.csv",
                           "code,name_vi,producer,province,stars,group,unit,extra\n"
                           "S-1,A,P,Trà Vinh,9,food,kg,\n");
    ocop_error err;
    assert_int_equal(catalog_db_seed(f->d, cat, NULL, &err), -1);
    char expected[1024];
    str_format(expected, sizeof expected,
               "cannot seed the demo catalogue: %s:2: stars: \"9\" is not 1–5", cat);
    assert_string_equal(err.msg, expected);
    free(cat);
}

/* Images named ../../etc/shadow, /dev/zero or /proc/self/environ were accepted (issue 13 item
 * 10): an image is a plain file in the catalogue's folder or below it, links resolved. */
static void images_outside_the_catalogue_folder_or_not_plain_files_are_errors(void **state) {
    fixture *f = *state;
    char dir[512], path[600], outside[600];
    str_format(dir, sizeof dir, "%s/cat", f->dir);
    assert_int_equal(mkdir(dir, 0700), 0);
    str_format(path, sizeof path, "%s/images", dir);
    assert_int_equal(mkdir(path, 0700), 0);
    char *inside = write_file(f, "cat/images/ok.png", "not really a png");
    char *secret = write_file(f, "secret.png", "not really a png either");
    str_format(path, sizeof path, "%s/images/link.png", dir);
    assert_int_equal(symlink(secret, path), 0);
    str_format(path, sizeof path, "%s/images/fifo.png", dir);
    assert_int_equal(mkfifo(path, 0600), 0);
    str_format(outside, sizeof outside, "%s", secret);
    char *before = dump(f);
    strbuf csv = {0};
    sb_append(&csv, "code,name_vi,producer,province,stars,group,unit,image\n");
    const char *bad[] = {"../secret.png",   "/dev/zero",       "/proc/self/environ",
                         "images/link.png", "images/fifo.png", outside,
                         "images"};
    for (size_t i = 0; i < OCOP_COUNT(bad); i++) {
        sb_appendf(&csv, "B-%zu,A,P,Trà Vinh,3,food,kg,%s\n", i, bad[i]);
    }
    char *cat = write_file(f, "cat/catalog.csv", sb_str(&csv));
    int n;
    char *report = import(f, cat, NULL, &n, NULL);
    assert_int_equal(n, -1);
    for (size_t i = 0; i < OCOP_COUNT(bad); i++) {
        char line[64];
        str_format(line, sizeof line, ":%zu: image: ", i + 2);
        if (!strstr(report, line)) {
            fail_msg("no error for image %s in:\n%s", bad[i], report);
        }
    }
    assert_non_null(strstr(report, "is outside the catalogue's folder"));
    assert_non_null(strstr(report, "\"images/fifo.png\" is not a plain file"));
    char *after = dump(f);
    assert_string_equal(before, after);
    free(report);
    free(cat);

    /* The same file named inside the folder is fine, relative or absolute. */
    sb_reset(&csv);
    sb_appendf(&csv,
               "code,name_vi,producer,province,stars,group,unit,image\n"
               "G-1,A,P,Trà Vinh,3,food,kg,images/ok.png\nG-2,A,P,Trà Vinh,3,food,kg,%s\n",
               inside);
    cat = write_file(f, "cat/catalog.csv", sb_str(&csv));
    report = import(f, cat, NULL, &n, NULL);
    assert_int_equal(n, 2);
    assert_string_equal(report, "");
    free(report);
    free(cat);
    free(after);
    free(before);
    free(secret);
    free(inside);
    sb_free(&csv);
}

/* A cell with a line break (a quoted description) that is wrong stays on its report line, and
 * a control character never reaches the terminal raw (issue 13 item 9). */
static void report_lines_escape_line_breaks_and_control_characters(void **state) {
    fixture *f = *state;
    char *cat = write_file(f, "ctl.csv",
                           "code,name_vi,producer,province,stars,group,unit\n"
                           "C-1,A,P,Trà Vinh,\"4\r\nfive\",food,kg\n"
                           "C-2,A,P,Trà Vinh,\"\x1b[31m9\",food,kg\n");
    int n;
    char *report = import(f, cat, NULL, &n, NULL);
    assert_int_equal(n, -1);
    char expected[2048];
    str_format(expected, sizeof expected,
               "%s:2: stars: \"4\\r\\nfive\" is not 1–5\n"
               "%s:4: stars: \"\\x1B[31m9\" is not 1–5\n",
               cat, cat);
    assert_string_equal(report, expected);
    free(report);
    free(cat);
}

/* The organiser screen showed the report's first line, a warning, instead of the error that
 * refused the import (issue 13 item 5). */
static void the_first_error_of_a_report_skips_its_warnings(void **state) {
    char out[64];
    catalog_db_first_error("warning: a.csv:1: x: unknown column, ignored\n"
                           "a.csv:2: stars: \"9\" is not 1–5\n"
                           "a.csv:3: stars: \"8\" is not 1–5\n",
                           out, sizeof out);
    assert_string_equal(out, "a.csv:2: stars: \"9\" is not 1–5");
    catalog_db_first_error("warning: only a warning\n", out, sizeof out);
    assert_string_equal(out, "");
    catalog_db_first_error("", out, sizeof out);
    assert_string_equal(out, "");
}

/* A catalogue read from a stick is imported from memory like a file (organiser screen). */
static void a_catalogue_in_memory_imports_like_a_file(void **state) {
    fixture *f = *state;
    static const char text[] = "code,name_vi,producer,province,stars,group,unit\n"
                               "M-1,A,P,Trà Vinh,3,food,kg\n"
                               "M-2,B,P,Trà Vinh,7,food,kg\n";
    char name[600];
    str_format(name, sizeof name, "%s/stick.csv", f->dir);
    catalog_db_text cat = {name, text, sizeof text - 1};
    char *report = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&report, &len);
    assert_int_equal(catalog_db_import_text(f->d, &cat, NULL, fp, NULL), -1);
    fclose(fp);
    char expected[1024];
    str_format(expected, sizeof expected, "%s:3: stars: \"7\" is not 1–5\n", name);
    assert_string_equal(report, expected);
    free(report);
    fp = open_memstream(&report, &len);
    cat.len =
        strlen("code,name_vi,producer,province,stars,group,unit\nM-1,A,P,Trà Vinh,3,food,kg\n");
    assert_int_equal(catalog_db_import_text(f->d, &cat, NULL, fp, NULL), 1);
    fclose(fp);
    free(report);
}

/* libcsv grew a field's buffer 128 bytes at a time: a 1–10 MB cell took minutes under ASan
 * (issue 13 item 11). Geometric growth reads 8 MB cells in well under a second (release) and a
 * few seconds under ASan; the bound below is generous for a loaded machine. */
static void multi_megabyte_cells_are_read_in_linear_time(void **state) {
    fixture *f = *state;
    size_t cell = 8u << 20;
    strbuf text = {0};
    sb_append(&text, "a,b\n1,");
    char *big = xmalloc(cell + 1);
    memset(big, 'x', cell);
    big[cell] = '\0';
    sb_append_len(&text, big, cell);
    sb_append(&text, "\n2,\"");
    sb_append_len(&text, big, cell); /* quoted: a different path through libcsv */
    sb_append(&text, "\"\n");
    strbuf problems = {0};
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    catalog_csv *csv = catalog_csv_parse("big.csv", text.data, text.len, &problems);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double seconds = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    assert_string_equal(sb_str(&problems), "");
    assert_int_equal(csv->count, 2);
    assert_int_equal(strlen(csv->rows[0].fields[1]), cell);
    assert_int_equal(strlen(csv->rows[1].fields[1]), cell);
    if (seconds > 30) {
        fail_msg("two 8 MB cells took %.1f s", seconds);
    }
    catalog_csv_free(csv);
    sb_free(&problems);
    sb_free(&text);
    free(big);
    (void)f;
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(groups_are_found_by_vietnamese_name_with_or_without_accents_or_by_key),
        cmocka_unit_test(every_group_key_has_a_vietnamese_and_an_english_name),
        cmocka_unit_test(producer_kinds_take_vietnamese_synonyms),
        cmocka_unit_test(stars_are_a_whole_number_from_1_to_5),
        cmocka_unit_test(dates_must_exist_in_the_calendar),
        cmocka_unit_test(months_are_yyyy_mm_or_a_star),
        cmocka_unit_test(prices_accept_thousands_separators_where_unambiguous),
        cmocka_unit_test(quantities_and_counts_refuse_negative_and_non_numbers),
        cmocka_unit_test(stored_images_resolve_against_assets_unless_absolute),
        cmocka_unit_test_setup_teardown(
            csv_records_know_their_starting_line_with_bom_crlf_and_quoted_newlines, test_db_setup,
            test_db_teardown),
        cmocka_unit_test_setup_teardown(csv_problems_name_file_line_and_column, test_db_setup,
                                        test_db_teardown),
        cmocka_unit_test_setup_teardown(
            semicolon_separated_files_from_vietnamese_spreadsheets_are_read, test_db_setup,
            test_db_teardown),
        cmocka_unit_test_setup_teardown(a_utf16_file_is_refused_with_a_hint, test_db_setup,
                                        test_db_teardown),
        cmocka_unit_test_setup_teardown(a_good_catalogue_is_imported_with_nfc_text_and_base_units,
                                        test_db_setup, test_db_teardown),
        cmocka_unit_test_setup_teardown(
            every_kind_of_mistake_is_reported_as_file_line_column_reason, test_db_setup,
            test_db_teardown),
        cmocka_unit_test_setup_teardown(impossible_phone_numbers_and_e_mail_addresses_are_errors,
                                        test_db_setup, test_db_teardown),
        cmocka_unit_test_setup_teardown(
            missing_and_repeated_columns_are_errors_and_unknown_ones_a_warning, test_db_setup,
            test_db_teardown),
        cmocka_unit_test_setup_teardown(an_empty_file_is_refused, test_db_setup, test_db_teardown),
        cmocka_unit_test_setup_teardown(a_bad_file_leaves_the_database_exactly_as_it_was,
                                        test_db_setup, test_db_teardown),
        cmocka_unit_test_setup_teardown(importing_again_updates_products_by_code, test_db_setup,
                                        test_db_teardown),
        cmocka_unit_test_setup_teardown(capacity_rows_are_stored_in_base_units, test_db_setup,
                                        test_db_teardown),
        cmocka_unit_test_setup_teardown(a_new_measure_recomputes_the_base_of_declared_capacity,
                                        test_db_setup, test_db_teardown),
        cmocka_unit_test_setup_teardown(
            images_inside_assets_are_stored_relative_and_others_absolute, test_db_setup,
            test_db_teardown),
        cmocka_unit_test_setup_teardown(provinces_get_their_code_and_an_unknown_one_is_a_warning,
                                        test_db_setup, test_db_teardown),
        cmocka_unit_test_setup_teardown(the_demo_catalogue_imports_without_a_warning, test_db_setup,
                                        test_db_teardown),
        cmocka_unit_test_setup_teardown(seeding_reports_the_first_error, test_db_setup,
                                        test_db_teardown),
        cmocka_unit_test_setup_teardown(
            images_outside_the_catalogue_folder_or_not_plain_files_are_errors, test_db_setup,
            test_db_teardown),
        cmocka_unit_test_setup_teardown(report_lines_escape_line_breaks_and_control_characters,
                                        test_db_setup, test_db_teardown),
        cmocka_unit_test(the_first_error_of_a_report_skips_its_warnings),
        cmocka_unit_test_setup_teardown(a_catalogue_in_memory_imports_like_a_file, test_db_setup,
                                        test_db_teardown),
        cmocka_unit_test_setup_teardown(multi_megabyte_cells_are_read_in_linear_time, test_db_setup,
                                        test_db_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
