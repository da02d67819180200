/*
 * outfile.h: output files written atomically with owner-only permissions.
 *
 * Exports hold buyers' names and phone numbers, so they are created with mode 0600, and a
 * crash, a full USB stick or a yanked cable never leaves a half-written file under the final
 * name: the data goes to a temporary file in the same folder, is flushed to the device, and
 * only then renamed over the final name (rename is atomic within one file system).
 */
#ifndef OCOP_OUTFILE_H
#define OCOP_OUTFILE_H

#include "core/base.h"

#include <stdio.h>

#define OUTFILE_PATH_MAX 4096

typedef struct outfile {
    char path[OUTFILE_PATH_MAX];     /* the final name */
    char tmp_path[OUTFILE_PATH_MAX]; /* where the data goes until outfile_commit */
    FILE *f;                         /* open on tmp_path, or NULL once closed */
} outfile;

/* Creates a temporary file (mode 0600) next to `path` and opens it for writing in o->f.
 * Writers that need a file name instead (libxlsxwriter) may fclose o->f, set it to NULL and
 * write o->tmp_path themselves. Returns 0, or -1 with `err` naming the file. */
int outfile_open(outfile *o, const char *path, ocop_error *err);

/* Flushes and syncs the temporary file, makes it 0600 and renames it to the final name.
 * Returns 0, or -1 with `err` set (the temporary file is then removed). */
int outfile_commit(outfile *o, ocop_error *err);

/* Closes and removes the temporary file; the final name is untouched. Safe after a failed
 * outfile_open or a commit. */
void outfile_abort(outfile *o);

/* Writes `len` bytes of `data` to `path` atomically (outfile_open + commit). Returns 0 or -1
 * with `err` set. */
int outfile_write_all(const char *path, const void *data, size_t len, ocop_error *err);

#endif
