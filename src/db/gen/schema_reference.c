/* schema_reference.c: a program run at build time (CMakeLists.txt), not part of ocop-kiosk.
 * Writes the C source of db_schema_reference_current (db_internal.h), the schema objects the
 * migrations make at the current version, to the file named by its one argument. The kiosk
 * checks every database file it opens against them (db.c, check_file); building them at each
 * start, by running every migration on an in-memory database, cost 5 ms of CPU (issue 14). */
#include "db/db_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* This program builds the reference; db.c's check of a file, which reads it, is not run here. */
const char db_schema_reference_current[] = "";

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: %s OUTPUT.c\n", argv[0]);
        return 2;
    }
    char *lines = db_schema_reference_build(db_migration_count);
    FILE *f = fopen(argv[1], "w");
    if (!f) {
        perror(argv[1]);
        return 1;
    }
    fprintf(f,
            "/* Generated at build time by src/db/gen/schema_reference.c: the schema objects\n"
            " * of schema version %d. Do not edit. */\n"
            "#include \"db/db_internal.h\"\n\n"
            "const char db_schema_reference_current[] =\n",
            db_migration_count);
    /* One C string literal per line of the reference; the names hold no quote or backslash
     * (checked: they are SQL identifiers of the migrations). */
    for (const char *p = lines; *p;) {
        size_t n = strcspn(p, "\n");
        for (size_t i = 0; i < n; i++) {
            if (p[i] == '"' || p[i] == '\\') {
                fprintf(stderr, "schema_reference: a quote or backslash in \"%.*s\"\n", (int)n, p);
                return 1;
            }
        }
        fprintf(f, "    \"%.*s\\n\"\n", (int)n, p);
        p += n + (p[n] == '\n');
    }
    fprintf(f, "    \"\";\n");
    free(lines);
    return fclose(f) == 0 ? 0 : 1;
}
