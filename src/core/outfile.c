/* outfile.c: atomic owner-only output files; see outfile.h. */
#define _GNU_SOURCE /* O_TMPFILE */
#include "core/outfile.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define TMP_INFIX ".tmp-"

static bool is_stdout(const char *path) {
    return strcmp(path, "-") == 0;
}

/* The folder of `path` into `dir` ("." for a bare name). */
static void folder_of(const char *path, char *dir, size_t cap) {
    char copy[OUTFILE_PATH_MAX];
    str_copy(copy, sizeof copy, path);
    str_copy(dir, cap, dirname(copy));
}

/* Removes "BASE.tmp-*" files next to `path` that no process holds (a killed export's). */
static void remove_stale(const char *path) {
    char dir[OUTFILE_PATH_MAX], copy[OUTFILE_PATH_MAX], prefix[OUTFILE_PATH_MAX];
    folder_of(path, dir, sizeof dir);
    str_copy(copy, sizeof copy, path);
    if (!str_format(prefix, sizeof prefix, "%s" TMP_INFIX, basename(copy))) {
        return;
    }
    int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    DIR *list = dfd >= 0 ? fdopendir(dfd) : NULL;
    if (!list) {
        if (dfd >= 0) {
            close(dfd);
        }
        return;
    }
    size_t n = strlen(prefix);
    struct dirent *e;
    while ((e = readdir(list)) != NULL) {
        if (strncmp(e->d_name, prefix, n) != 0 || strlen(e->d_name) != n + 6) {
            continue;
        }
        int fd = openat(dfd, e->d_name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
        struct stat st;
        if (fd >= 0 && fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_uid == geteuid() &&
            flock(fd, LOCK_EX | LOCK_NB) == 0) {
            unlinkat(dfd, e->d_name, 0);
        }
        if (fd >= 0) {
            close(fd);
        }
    }
    closedir(list);
}

/* Refuses a final name that exists and is not a regular file (lstat: a link is refused too, a
 * link to a device first of all). */
static int check_target(const char *path, ocop_error *err) {
    struct stat st;
    if (lstat(path, &st) != 0) {
        return 0;
    }
    if (S_ISREG(st.st_mode)) {
        return 0;
    }
    const char *what = S_ISLNK(st.st_mode)                          ? "a symbolic link"
                       : S_ISDIR(st.st_mode)                        ? "a folder"
                       : S_ISFIFO(st.st_mode)                       ? "a pipe"
                       : S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode) ? "a device"
                                                                    : "not a regular file";
    return error_set(err,
                     "%s: exists and is %s; refusing to replace it (name a new or regular file, "
                     "or '-' for standard output)",
                     path, what);
}

/* An unnamed temporary file in `dir` (O_TMPFILE), -1 where the file system has none. */
static int open_unnamed(const char *dir) {
#ifdef O_TMPFILE
    return open(dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
#else
    (void)dir;
    errno = EOPNOTSUPP;
    return -1;
#endif
}

int outfile_open(outfile *o, const char *path, ocop_error *err) {
    memset(o, 0, sizeof *o);
    o->fd = -1;
    if (!str_copy(o->path, sizeof o->path, path)) {
        return error_set(err, "%s: file name too long", path);
    }
    int fd;
    if (is_stdout(path)) {
        const char *tmpdir = getenv("TMPDIR");
        const char *dir = tmpdir && *tmpdir ? tmpdir : "/tmp";
        fd = open_unnamed(dir);
        if (fd < 0) {
            /* No O_TMPFILE there: a named file, unlinked at once (it is never linked back). */
            char name[OUTFILE_PATH_MAX];
            if (!str_format(name, sizeof name, "%s/ocop-export-XXXXXX", dir)) {
                return error_set(err, "%s: folder name too long", dir);
            }
            fd = mkstemp(name);
            if (fd < 0) {
                return error_set(err, "standard output: cannot make a temporary file in %s: %s",
                                 dir, strerror(errno));
            }
            unlink(name);
        }
        o->unnamed = true;
    } else {
        if (check_target(path, err) != 0) {
            return -1;
        }
        remove_stale(path);
        char dir[OUTFILE_PATH_MAX];
        folder_of(path, dir, sizeof dir);
        fd = open_unnamed(dir);
        if (fd >= 0) {
            o->unnamed = true;
        } else {
            if (!str_format(o->tmp_path, sizeof o->tmp_path, "%s" TMP_INFIX "XXXXXX", path)) {
                return error_set(err, "%s: file name too long", path);
            }
            fd = mkstemp(o->tmp_path); /* mkstemp creates the file with mode 0600 */
            if (fd < 0) {
                int e = errno;
                o->tmp_path[0] = '\0';
                return error_set(err, "%s: cannot create file: %s", path,
                                 e == ENOSPC ? "the disk is full" : strerror(e));
            }
        }
    }
    /* Held (and locked) until commit or abort; o->f may be closed by a writer that writes
     * tmp_path by name. */
    o->fd = fd;
    flock(fd, LOCK_EX | LOCK_NB);
    if (o->unnamed) {
        str_format(o->tmp_path, sizeof o->tmp_path, "/proc/self/fd/%d", fd);
    }
    int fd2 = dup(fd);
    o->f = fd2 >= 0 ? fdopen(fd2, "wb") : NULL;
    if (!o->f) {
        int e = errno;
        if (fd2 >= 0) {
            close(fd2);
        }
        outfile_abort(o);
        return error_set(err, "%s: cannot write: %s", path, strerror(e));
    }
    return 0;
}

/* fsync of the folder makes the rename itself durable. */
static void sync_folder(const char *path) {
    char dir[OUTFILE_PATH_MAX];
    folder_of(path, dir, sizeof dir);
    int fd = open(dir, O_RDONLY | O_DIRECTORY);
    if (fd >= 0) {
        fsync(fd);
        close(fd);
    }
}

/* Copies the temporary file to standard output. Returns 0 or an errno. */
static int copy_to_stdout(int fd) {
    if (lseek(fd, 0, SEEK_SET) != 0) {
        return errno;
    }
    char buf[1 << 16];
    for (;;) {
        ssize_t n = read(fd, buf, sizeof buf);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0) {
            return errno;
        }
        if (n == 0) {
            return 0;
        }
        for (ssize_t done = 0; done < n;) {
            ssize_t w = write(STDOUT_FILENO, buf + done, (size_t)(n - done));
            if (w < 0 && errno == EINTR) {
                continue;
            }
            if (w < 0) {
                return errno;
            }
            done += w;
        }
    }
}

/* Gives the unnamed file o->fd the name `named` next to the final name (linkat through
 * /proc), trying a few random suffixes. Returns 0 or an errno. */
static int link_unnamed(outfile *o, char *named, size_t cap) {
    unsigned seed = (unsigned)time(NULL) ^ (unsigned)getpid() ^ (unsigned)(uintptr_t)o;
    for (int attempt = 0; attempt < 20; attempt++) {
        seed = seed * 1103515245u + 12345u;
        str_format(named, cap, "%s" TMP_INFIX "%06x", o->path, (seed >> 4) & 0xffffff);
        if (linkat(AT_FDCWD, o->tmp_path, AT_FDCWD, named, AT_SYMLINK_FOLLOW) == 0) {
            return 0;
        }
        if (errno != EEXIST) {
            return errno;
        }
    }
    return EEXIST;
}

int outfile_commit(outfile *o, ocop_error *err) {
    OCOP_ASSERT(o->fd >= 0);
    int e = 0;
    if (o->f) {
        if (fflush(o->f) != 0) {
            e = errno;
        }
        if (fclose(o->f) != 0 && e == 0) {
            e = errno;
        }
        o->f = NULL;
    }
    if (e == 0 && is_stdout(o->path)) {
        e = copy_to_stdout(o->fd);
        outfile_abort(o);
        if (e != 0) {
            return error_set(err, "standard output: cannot write: %s", strerror(e));
        }
        return 0;
    }
    if (e == 0 && fsync(o->fd) != 0) {
        e = errno;
    }
    if (e == 0 && fchmod(o->fd, 0600) != 0) {
        e = errno;
    }
    /* The target may have become something else since outfile_open. */
    if (e == 0 && check_target(o->path, err) != 0) {
        outfile_abort(o);
        return -1;
    }
    char named[OUTFILE_PATH_MAX + 16];
    if (e == 0 && o->unnamed) {
        e = link_unnamed(o, named, sizeof named);
    } else {
        str_copy(named, sizeof named, o->tmp_path);
    }
    if (e == 0 && rename(named, o->path) != 0) {
        e = errno;
        if (o->unnamed) {
            unlink(named);
        }
    }
    if (e != 0) {
        outfile_abort(o);
        return error_set(err, "%s: cannot write: %s", o->path,
                         e == ENOSPC ? "the disk is full" : strerror(e));
    }
    o->tmp_path[0] = '\0';
    close(o->fd);
    o->fd = -1;
    sync_folder(o->path);
    return 0;
}

void outfile_abort(outfile *o) {
    if (o->f) {
        fclose(o->f);
        o->f = NULL;
    }
    if (o->tmp_path[0] && !o->unnamed) {
        unlink(o->tmp_path);
    }
    o->tmp_path[0] = '\0';
    if (o->fd >= 0) {
        close(o->fd); /* an unnamed file is gone with its last descriptor */
        o->fd = -1;
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
