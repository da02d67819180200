/*
 * ui_strings.h: every word the kiosk shows, read from kiosk-config/strings_vi.ini and
 * strings_en.ini (libinih) so that organisers can reword the kiosk without a rebuild and no
 * literal text lives in the code. Keys are "section.key".
 */
#ifndef OCOP_UI_STRINGS_H
#define OCOP_UI_STRINGS_H

#include "core/base.h"

typedef enum ui_lang { UI_LANG_VI, UI_LANG_EN, UI_LANG_COUNT } ui_lang;

typedef struct ui_strings ui_strings;

/* Loads `dir`/strings_vi.ini and `dir`/strings_en.ini. Returns the table (destroy with
 * ui_strings_destroy) or NULL with `err` naming the file and line, or the key whose
 * placeholders ("%s", "%d", in order) differ between the two languages. */
ui_strings *ui_strings_load(const char *dir, ocop_error *err);
void ui_strings_destroy(ui_strings *s);

/* The text of `key` in `lang`; the key itself when the file lacks it (visible, never a crash).
 * The pointer lives as long as the table. */
const char *ui_str(const ui_strings *s, ui_lang lang, const char *key);
/* True when `key` is in the file of `lang`. */
bool ui_strings_has(const ui_strings *s, ui_lang lang, const char *key);
/* A table and one of its languages, for code that words through a callback (lead_export). */
typedef struct ui_strings_lang {
    const ui_strings *strings;
    ui_lang lang;
} ui_strings_lang;
/* ui_str(ctx->strings, ctx->lang, key) for `ctx` a ui_strings_lang: lead_export_options.words. */
const char *ui_strings_word(const void *ctx, const char *key);
/* ui_str(ctx, lang, key) for `ctx` a ui_strings and `lang` "vi" or "en" (anything else: vi):
 * match_words.word. */
const char *ui_strings_word_in(const void *ctx, const char *lang, const char *key);
/* Number of keys in `lang`, and the i-th key (sorted), for tests that compare the two files. */
int ui_strings_count(const ui_strings *s, ui_lang lang);
const char *ui_strings_key(const ui_strings *s, ui_lang lang, int i);

#endif
