/*
 * picture.h: which of the project's product illustrations (assets/catalog/images/<kind>.svg) a
 * product gets when its catalogue row names no image of its own.
 *
 * The one owner of that choice: a table of picture kinds ("rice", "fish_sauce", "guitar"...),
 * each with keywords in folded Vietnamese (fold.h: no diacritics, đ → d) and in English. The
 * Vietnamese name is tried first: the keyword found earliest wins (a Vietnamese name starts with
 * what the thing is: "Kẹo dừa sầu riêng" is a candy, not a durian), and of two found at the same
 * place the longer ("banh tet" over "banh"). Only when nothing in it matches is the English name
 * tried: there the keyword ending last wins ("Durian coconut candy" is a candy). Keywords match
 * whole words (an English plural "s" is allowed). No match: the product shows its group's picture.
 * An organiser's own `image` always wins over all of this (picture_path in ui_look.c).
 */
#ifndef OCOP_PICTURE_H
#define OCOP_PICTURE_H

#include <stdbool.h>
#include <stddef.h>

/* Longest kind key plus its NUL; a buffer of this size holds any picture_pick result. */
#define PICTURE_KIND_MAX 16

/* The picture kind for a product named `name_vi` (Vietnamese, any accents or normalisation) and
 * `name_en` (English; NULL or "" when none). Returns a static key string, or NULL when no rule
 * matches (the group's picture is then used). Either name may be NULL. */
const char *picture_pick(const char *name_vi, const char *name_en);

/* The number of picture kinds, and the key of the i-th (i < picture_kind_count()). */
size_t picture_kind_count(void);
const char *picture_kind_at(size_t i);

/* The illustration file of `kind` relative to the data folder
 * ("assets/catalog/images/<kind>.svg") into `out`; false when it does not fit. */
bool picture_kind_file(const char *kind, char *out, size_t cap);

/* The file a product's picture is loaded from, into `out`: its own `image` as stored in the
 * catalogue (catalog_image_path: an organiser's photo always wins), else the illustration of
 * its picture `kind` (picture_pick's result, or ""/NULL), else its `group`'s illustration
 * (assets/catalog/images/<group>.svg), both under `data_dir` (the folder holding assets/).
 * Returns false, with `out` empty, when there is none or it did not fit. */
bool picture_path(const char *data_dir, const char *image, const char *kind, const char *group,
                  char *out, size_t cap);

#endif
