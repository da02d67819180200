/*
 * units.h: quantities and units (DESIGN §3).
 *
 * Every product has a base unit: kg (mass), l (volume) or piece (count). Mass units: g, lạng
 * (100 g), kg (also ký, kí, cân as said at a market), yến (10 kg), tạ (100 kg), tấn/tan/ton
 * (1000 kg). Volume: ml (mililit), l (lít). Count units (cái, chai, lon, hộp, hũ, gói, túi,
 * bịch, thùng, trái, quả, nải, xâu, …) are pieces, or, when the product has a measure ("500 ml"
 * per chai, "0,25 kg" per hộp), convert to its mass or volume. A conversion that needs a measure
 * the product does not have is an error with a reason, never a guess.
 *
 * Count units are an open vocabulary: Vietnamese sells by many classifiers, and any word the
 * program does not know ("chục", "thẩu") is taken as a count unit of its own (unit_info.known
 * false), which converts only to itself. The check stays strict where a slip would change an
 * amount: a word that is a mass or volume unit with other marks ("tá", a dozen, is not "tạ",
 * 100 kg) or one edit from one ("litter") is refused, and so is text that is not a word ("2kg").
 *
 * Unit names are matched without regard to case, and with or without diacritics ("Tấn", "tan",
 * "TON"); but a name written with diacritics must have the right ones, since different units
 * fold to the same letters.
 */
#ifndef OCOP_UNITS_H
#define OCOP_UNITS_H

#include "core/base.h"

typedef enum unit_kind { UNIT_MASS, UNIT_VOLUME, UNIT_COUNT } unit_kind;

typedef struct unit_info {
    char name[32]; /* canonical spelling: "kg", "tấn", "chai"; an unknown word lower case NFC */
    unit_kind kind;
    double to_base; /* kg per unit for mass, l per unit for volume, 1 for count */
    bool known;     /* false: a count word the program does not know ("chục") */
} unit_info;

/* Looks up a unit name: surrounding spaces, a trailing "." and case are ignored; text without
 * diacritics matches any unit that folds to it ("tan" → tấn, "hop" → hộp), text with diacritics
 * must be spelled right ("Tạ" yes); "kilogram", "ký", "cân", "lít", "gam", "pcs" … are
 * synonyms. A word the program does not know is a count unit of its own (known = false, name =
 * the word in lower case). Returns 0 and fills *out, or -1 with `err` saying why: no unit, not
 * a word, too long, or too close to a mass or volume unit ("tá": tạ). `err` may be NULL. */
int units_lookup(const char *name, unit_info *out, ocop_error *err);

/* The weight or volume unit (its spelling, static) that the word `name` is too close to for
 * units_lookup to take it as a count ("tá": "tạ"), or NULL. */
const char *units_near_measure(const char *name);

/* True when `a` and `b` (filled by units_lookup) are the same unit: the same canonical name, or
 * two unknown words that differ only by marks one of them leaves out ("bich" and "bịch"). */
bool units_same(const unit_info *a, const unit_info *b);

/* The English name of `unit` (any spelling units_lookup knows) for `qty` of it, singular when
 * qty is 1: "bottle"/"bottles" for chai, "can" for lon, "bag" for túi, "bunch" for bó, "box",
 * "jar", "pack", "piece", "tonne", "kg", "g", "ml", and "L" for a litre (never a bare "l",
 * which reads as 1). Yến, tạ and lạng have no English word: "yến (10 kg)". Returns a static
 * string, or NULL when the program does not know the unit (show it as written). */
const char *units_english(const char *unit, double qty);

/* `unit` as a screen or a file in `lang` ("en", or Vietnamese for anything else) shows it for
 * `qty` of it: the English name, or the canonical Vietnamese spelling ("hộp" for "hop", "lít"
 * for l, "cái" for piece); a unit the program does not know comes back as given. Returns a
 * static string or `unit` itself. */
const char *units_label(const char *unit, const char *lang, double qty);

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
    char sale_unit[32];    /* canonical name of the sale unit ("chai"); "" when unknown, and
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

/* Writes `qty` of `unit` for people in `lang` ("en", or Vietnamese for anything else) into out
 * (cap bytes): the number with at most `decimals` decimals (0-9) and the language's marks
 * (number_format_human), then units_label's name: "1,260 bottles", "1.260 chai", "2.5 L",
 * "2,5 lít". Returns `out`. */
char *units_format_amount(double qty, int decimals, const char *unit, const char *lang, char *out,
                          size_t cap);

#endif
