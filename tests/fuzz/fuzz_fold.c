/*
 * fuzz_fold.c: libFuzzer harness for the search folding (core/fold.h).
 *
 * Any bytes (malformed UTF-8 included) go through fold_text. The result must be valid UTF-8,
 * hold no upper-case ASCII letter and no đ/Đ, and folding it again must change nothing (the
 * search folds both the catalogue and the query, so a second fold must agree with the first).
 * Build and run: `make fuzz` (clang). Seeds: tests/fuzz/seeds/fuzz_fold/.
 */
#include "core/fold.h"
#include "core/utf8.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    char *in = malloc(size + 1);
    memcpy(in, data, size);
    in[size] = '\0'; /* an embedded NUL ends the text, as it would for any C string */
    char *once = fold_text(in);
    size_t len = strlen(once);
    if (!utf8_valid(once, len)) {
        fprintf(stderr, "fuzz_fold: result is not valid UTF-8\n");
        abort();
    }
    for (size_t i = 0; i < len; i++) {
        if (once[i] >= 'A' && once[i] <= 'Z') {
            fprintf(stderr, "fuzz_fold: upper-case letter left in '%s'\n", once);
            abort();
        }
    }
    if (strstr(once, "\xc4\x91") || strstr(once, "\xc4\x90")) {
        fprintf(stderr, "fuzz_fold: d with stroke left in '%s'\n", once);
        abort();
    }
    char *twice = fold_text(once);
    if (strcmp(once, twice) != 0) {
        fprintf(stderr, "fuzz_fold: folding again changed '%s' into '%s'\n", once, twice);
        abort();
    }
    free(twice);
    free(once);
    free(in);
    return 0;
}
