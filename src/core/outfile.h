/*
 * outfile.h: output files written atomically with owner-only permissions.
 *
 * Exports hold buyers' names and phone numbers, so they are created with mode 0600, and a
 * crash, a full USB stick or a yanked cable never leaves a half-written file under the final
 * name: the data goes to a temporary file in the same folder, is flushed to the device, and
 * only then renamed over the final name (rename is atomic within one file system).
 *
 * The temporary file has no name while it is written (O_TMPFILE), so a killed export leaves
 * nothing behind; it gets one only for the instant between link and rename. Where the file
 * system cannot do that (FAT sticks) it is a named "FINAL.tmp-XXXXXX", locked (flock) while in
 * use; one a killed export left is removed by the next outfile_open of the same final name.
 * A final name that exists and is not a regular file (a device, a link, a pipe, a folder) is
 * refused, never replaced. "-" is standard output: the data is written to an unnamed
 * temporary file and copied to stdout at commit.
 */
#ifndef OCOP_OUTFILE_H
#define OCOP_OUTFILE_H

#include "core/base.h"

#include <stdio.h>

#define OUTFILE_PATH_MAX 4096

typedef struct outfile {
    char path[OUTFILE_PATH_MAX];     /* the final name ("-": standard output) */
    char tmp_path[OUTFILE_PATH_MAX]; /* where the data goes until outfile_commit (for an
                                        unnamed file, its /proc/self/fd/N name) */
    FILE *f;                         /* open on tmp_path, or NULL once closed */
    int fd;                          /* the temporary file held open and locked; -1 if none */
    bool unnamed;                    /* O_TMPFILE: no name in the folder until commit */
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
