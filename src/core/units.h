/*
 * units.h: quantities and units (DESIGN §3).
 *
 * Every product has a base unit: kg (mass), l (volume) or piece (count). Mass units: g, kg,
 * yến (10 kg), tạ (100 kg), tấn/tan/ton (1000 kg). Volume: ml, l. Count units (cái, chai, hộp, hũ,
 * gói, túi, thùng, trái, quả, …) are pieces, or, when the product has a measure ("500 ml" per
 * chai, "0,25 kg" per hộp), convert to its mass or volume. A conversion that needs a measure the
 * product does not have is an error with a reason, never a guess.
 *
 * Unit names are matched with or without diacritics and case ("Tấn", "tan", "TON").
 */
#ifndef OCOP_UNITS_H
#define OCOP_UNITS_H

#include "core/base.h"

typedef enum unit_kind { UNIT_MASS, UNIT_VOLUME, UNIT_COUNT } unit_kind;

typedef struct unit_info {
    char name[24]; /* canonical spelling: "kg", "tấn", "chai" */
    unit_kind kind;
    double to_base; /* kg per unit for mass, l per unit for volume, 1 for count */
} unit_info;

/* Looks up a unit name. Returns 0 and fills *out, or -1 with `err` naming the unknown unit. */
int units_lookup(const char *name, unit_info *out, ocop_error *err);

/* Parses a decimal number as Vietnamese spreadsheets write it: "2", "0,5", "0.5", "1.500,5"?
 * Only unambiguous forms: a comma or a point as the decimal mark, no thousands separators.
 * Returns 0, or -1 with `err` set. */
int units_parse_number(const char *text, double *out, ocop_error *err);

/* Parses a measure such as "500 ml", "1 kg", "0,25kg" into quantity and unit (mass or volume
 * only). Returns 0, or -1 with `err` set. */
int units_parse_measure(const char *text, double *qty, unit_info *unit, ocop_error *err);

/* A product's base: how its sale unit converts. */
typedef struct unit_base {
    const char *base_unit; /* "kg", "l" or "piece" (static strings) */
    double base_per_unit;  /* base units in one sale unit */
} unit_base;

/* The base of a product sold by `sale_unit`, with optional `measure` (NULL or "" for none).
 * A count unit with a mass/volume measure has that measure's base; without one, "piece".
 * Returns 0, or -1 with `err` set (unknown unit, bad measure, a mass unit with a volume
 * measure …). */
int units_product_base(const char *sale_unit, const char *measure, unit_base *out, ocop_error *err);

/* Converts `qty` of `unit` into the product's base units. Returns 0, or -1 with `err` saying
 * why it cannot be converted (e.g. kg of a product sold by the piece with no weight). */
int units_to_base(double qty, const char *unit, const unit_base *product, double *out,
                  ocop_error *err);

#endif
