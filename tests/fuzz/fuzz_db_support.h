/*
 * fuzz_db_support.h: for the harnesses that need the kiosk's database (catalogue and capacity
 * CSV, the search query builder). One database per process, in a fresh temporary folder: the
 * small test catalogue imported once, then each input runs against it. Header-only: each
 * harness is one program.
 */
#ifndef OCOP_FUZZ_DB_SUPPORT_H
#define OCOP_FUZZ_DB_SUPPORT_H

#include "db/catalog_db.h"
#include "db/db_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char fuzz_catalogue[] =
    "code,name_vi,name_en,producer,producer_kind,province,phone,stars,group,unit,measure,"
    "capacity,capacity_unit\n"
    "TV-MHD,Mật hoa dừa,Coconut nectar,HTX Dừa sáp Cầu Kè,cooperative,Trà Vinh,0294 3111 222,4,"
    "Thực phẩm,chai,500 ml,2000,l\n"
    "LC-MO,Mật ong bạc hà,Mint honey,Công ty Mật ong Bạc Hà,company,Lào Cai,0214 3333 444,5,"
    "Thực phẩm,kg,,,\n"
    "HN-TRA,Trà sen Tây Hồ,Lotus tea,Hộ kinh doanh Trà Sen,household,Hà Nội,,3,Đồ uống,hộp,"
    "100 g,50,kg\n";

/* The process's database, made on first use; aborts when it cannot be (not a finding). */
static db *fuzz_db(void) {
    static db *d;
    if (d) {
        return d;
    }
    static char dir[] = "/tmp/ocop-fuzz-XXXXXX";
    char path[64];
    ocop_error err;
    if (!mkdtemp(dir) || !str_format(path, sizeof path, "%s/fuzz.db", dir) ||
        db_open(path, DB_OPEN_CREATE, &d, &err) != 0) {
        fprintf(stderr, "fuzz: cannot make the database in %s\n", dir);
        abort();
    }
    /* Speed, not durability: the file is thrown away. */
    db_exec(d, "PRAGMA synchronous = OFF", NULL);
    catalog_db_text cat = {"fuzz.csv", fuzz_catalogue, sizeof fuzz_catalogue - 1};
    FILE *report = fopen("/dev/null", "w");
    if (catalog_db_import_text(d, &cat, NULL, report, NULL) < 0) {
        fprintf(stderr, "fuzz: the seed catalogue does not import\n");
        abort();
    }
    fclose(report);
    return d;
}

#endif
