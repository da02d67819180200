/* fold.c: search keys; see fold.h. */
#include "core/fold.h"

#include "core/base.h"
#include "core/strbuf.h"
#include "core/utf8.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* Letters with a stroke have no decomposition, so utf8proc keeps them: map them by hand.
 * U+0111 đ (after case folding Đ U+0110 is đ); U+00F0 ð, seen in badly converted data. */
static int32_t unstroke(int32_t cp) {
    switch (cp) {
    case 0x0111:
    case 0x00F0:
        return 'd';
    default:
        return cp;
    }
}

char *fold_text(const char *s) {
    size_t len = strlen(s);
    char *clean = NULL;
    if (!utf8_valid(s, len)) {
        clean = utf8_sanitize(s, len);
        s = clean;
    }
    utf8proc_uint8_t *mapped = NULL;
    utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)s, 0, &mapped,
                                      UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_DECOMPOSE |
                                          UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK);
    OCOP_ASSERT(n >= 0);
    free(clean);

    strbuf sb = {0};
    const char *p = (const char *)mapped;
    size_t left = (size_t)n;
    while (left > 0) {
        int32_t cp;
        size_t used = utf8_decode(p, left, &cp);
        OCOP_ASSERT(used > 0);
        char enc[4];
        size_t m = utf8_encode(unstroke(cp), enc);
        sb_append_len(&sb, enc, m);
        p += used;
        left -= used;
    }
    free(mapped);
    return sb_take(&sb);
}
