/*
 * units.h: quantities and units (DESIGN §3).
 *
 * Every product has a base unit: kg (mass), l (volume) or piece (count). Mass units: g, kg,
 * yến (10 kg), tạ (100 kg), tấn/tan/ton (1000 kg). Volume: ml, l. Count units (cái, chai, hộp, hũ,
 * gói, túi, thùng, trái, quả, …) are pieces, or, when the product has a measure ("500 ml" per
 * chai, "0,25 kg" per hộp), convert to its mass or volume. A conversion that needs a measure the
 * product does not have is an error with a reason, never a guess.
 *
 * Unit names are matched without regard to case, and with or without diacritics ("Tấn", "tan",
 * "TON"); but a name written with diacritics must have the right ones ("tá", a dozen, is not
 * "tạ"), since different units fold to the same letters.
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

/* Looks up a unit name: surrounding spaces, a trailing "." and case are ignored; text without
 * diacritics matches any unit that folds to it ("tan" → tấn, "hop" → hộp), text with diacritics
 * must be spelled right ("Tạ" yes, "tá" no); "kilogram", "ký", "lít", "lit", "gam", "pcs" …
 * are synonyms. Returns 0 and fills *out, or -1 with `err` naming the unknown unit. */
int units_lookup(const char *name, unit_info *out, ocop_error *err);

/* Parses a non-negative or negative decimal number as Vietnamese spreadsheets write it: "2",
 * "0,5", "0.5", "-3". Only unambiguous forms are taken: at most one mark, a comma or a point,
 * is the decimal mark; no thousands separators. "1.500" and "2,000" (one mark followed by
 * exactly three digits after a non-zero whole part) could mean 1.5 or 1500 and are refused
 * with a reason; "0,500" and "1.5" are fine. Surrounding spaces are ignored.
 * Returns 0, or -1 with `err` set (the message quotes the text). */
int units_parse_number(const char *text, double *out, ocop_error *err);

/* Parses a measure such as "500 ml", "1 kg", "0,25kg" into quantity and unit (mass or volume
 * only). Returns 0, or -1 with `err` set. */
int units_parse_measure(const char *text, double *qty, unit_info *unit, ocop_error *err);

/* A product's base: how its sale unit converts. */
typedef struct unit_base {
    const char *base_unit; /* "kg", "l" or "piece" (static strings) */
    double base_per_unit;  /* base units in one sale unit */
    char sale_unit[24];    /* canonical name of the sale unit ("chai"); "" when unknown, and
                              then only mass/volume units and "piece" convert */
} unit_base;

/* The base of a product sold by `sale_unit`, with optional `measure` (NULL or "" for none).
 * A count unit with a mass/volume measure has that measure's base; without one, "piece".
 * Returns 0, or -1 with `err` set (unknown unit, bad measure, a mass unit with a volume
 * measure …). */
int units_product_base(const char *sale_unit, const char *measure, unit_base *out, ocop_error *err);

/* Converts `qty` of `unit` into the product's base units (`product` as filled by
 * units_product_base). Mass units convert to a kg base and volume units to an l base (no
 * densities: kg of a product measured in litres is refused). A count unit converts only when
 * it is the product's own sale unit ("chai" for a product sold by the chai), or when it is
 * "piece"/"cái" and the product's base is piece: a "thùng" of a product sold by the "chai" has
 * no known size and is refused, not guessed. Returns 0, or -1 with `err` saying why it cannot
 * be converted (e.g. kg of a product sold by the piece with no weight). */
int units_to_base(double qty, const char *unit, const unit_base *product, double *out,
                  ocop_error *err);

/* The canonical spelling of a base unit kind: "kg", "l" or "piece". */
const char *units_base_name(unit_kind kind);

/* Formats `qty` for people and files: up to 3 decimals, trailing zeros dropped, a point as
 * the decimal mark ("0.5", "12", "1.25"). Returns `out`. */
char *units_format_number(double qty, char *out, size_t cap);

#endif
