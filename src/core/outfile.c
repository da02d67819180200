/* outfile.c: atomic owner-only output files; see outfile.h. */
#include "core/outfile.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int outfile_open(outfile *o, const char *path, ocop_error *err) {
    memset(o, 0, sizeof *o);
    if (!str_copy(o->path, sizeof o->path, path) ||
        !str_format(o->tmp_path, sizeof o->tmp_path, "%s.tmp-XXXXXX", path)) {
        return error_set(err, "%s: file name too long", path);
    }
    int fd = mkstemp(o->tmp_path); /* mkstemp creates the file with mode 0600 */
    if (fd < 0) {
        int e = errno;
        o->tmp_path[0] = '\0';
        return error_set(err, "%s: cannot create file: %s", path, strerror(e));
    }
    o->f = fdopen(fd, "wb");
    if (!o->f) {
        int e = errno;
        close(fd);
        outfile_abort(o);
        return error_set(err, "%s: cannot write: %s", path, strerror(e));
    }
    return 0;
}

/* fsync of the folder makes the rename itself durable. */
static void sync_folder(const char *path) {
    char copy[OUTFILE_PATH_MAX];
    str_copy(copy, sizeof copy, path);
    int fd = open(dirname(copy), O_RDONLY | O_DIRECTORY);
    if (fd >= 0) {
        fsync(fd);
        close(fd);
    }
}

int outfile_commit(outfile *o, ocop_error *err) {
    OCOP_ASSERT(o->tmp_path[0] != '\0');
    int e = 0;
    if (o->f) {
        if (fflush(o->f) != 0 || fsync(fileno(o->f)) != 0) {
            e = errno;
        }
        if (fclose(o->f) != 0 && e == 0) {
            e = errno;
        }
        o->f = NULL;
    } else {
        int fd = open(o->tmp_path, O_RDONLY);
        if (fd < 0 || fsync(fd) != 0) {
            e = errno;
        }
        if (fd >= 0) {
            close(fd);
        }
    }
    if (e == 0 && chmod(o->tmp_path, 0600) != 0) {
        e = errno;
    }
    if (e == 0 && rename(o->tmp_path, o->path) != 0) {
        e = errno;
    }
    if (e != 0) {
        outfile_abort(o);
        return error_set(err, "%s: cannot write: %s", o->path, strerror(e));
    }
    o->tmp_path[0] = '\0';
    sync_folder(o->path);
    return 0;
}

void outfile_abort(outfile *o) {
    if (o->f) {
        fclose(o->f);
        o->f = NULL;
    }
    if (o->tmp_path[0]) {
        unlink(o->tmp_path);
        o->tmp_path[0] = '\0';
    }
}

int outfile_write_all(const char *path, const void *data, size_t len, ocop_error *err) {
    outfile o;
    if (outfile_open(&o, path, err) != 0) {
        return -1;
    }
    if (len > 0 && fwrite(data, 1, len, o.f) != len) {
        int e = errno;
        outfile_abort(&o);
        return error_set(err, "%s: cannot write: %s", path, strerror(e));
    }
    return outfile_commit(&o, err);
}
