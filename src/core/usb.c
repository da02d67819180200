/* usb.c: removable drives from the mount table; see usb.h. */
#include "core/usb.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

const char *const usb_default_roots[] = {"/media", "/run/media"};
const int usb_default_root_count = (int)OCOP_COUNT(usb_default_roots);

/* File systems that appear under /media without being a drive. */
static const char *const pseudo_fs[] = {"tmpfs",   "autofs",   "proc",   "sysfs",  "devtmpfs",
                                        "overlay", "squashfs", "devpts", "cgroup2"};

/* Decodes the mount table's octal escapes (\040 space, \011 tab, \012 newline, \134 \) in
 * place. */
static void unescape(char *s) {
    char *w = s;
    for (char *r = s; *r;) {
        if (r[0] == '\\' && r[1] >= '0' && r[1] <= '3' && r[2] >= '0' && r[2] <= '7' &&
            r[3] >= '0' && r[3] <= '7') {
            *w++ = (char)((r[1] - '0') * 64 + (r[2] - '0') * 8 + (r[3] - '0'));
            r += 4;
        } else {
            *w++ = *r++;
        }
    }
    *w = '\0';
}

static bool below(const char *path, const char *root) {
    size_t n = strlen(root);
    return strncmp(path, root, n) == 0 && path[n] == '/' && path[n + 1] != '\0';
}

static bool has_option(const char *options, const char *name) {
    size_t n = strlen(name);
    for (const char *p = options; p && *p;) {
        if (strncmp(p, name, n) == 0 && (p[n] == ',' || p[n] == '\0')) {
            return true;
        }
        p = strchr(p, ',');
        if (p) {
            p++;
        }
    }
    return false;
}

int usb_find_drives(const char *mounts_path, const char *const *roots, int n_roots, usb_drive *out,
                    int cap, ocop_error *err) {
    FILE *f = fopen(mounts_path, "r");
    if (!f) {
        return error_set(err, "%s: cannot read the mount table: %s", mounts_path, strerror(errno));
    }
    int count = 0;
    char line[4096];
    while (fgets(line, sizeof line, f)) {
        char *save = NULL;
        char *device = strtok_r(line, " \t\n", &save);
        char *mount_point = strtok_r(NULL, " \t\n", &save);
        char *fs_type = strtok_r(NULL, " \t\n", &save);
        char *options = strtok_r(NULL, " \t\n", &save);
        if (!device || !mount_point || !fs_type) {
            continue;
        }
        unescape(mount_point);
        bool pseudo = false;
        for (size_t i = 0; i < OCOP_COUNT(pseudo_fs); i++) {
            pseudo = pseudo || strcmp(fs_type, pseudo_fs[i]) == 0;
        }
        bool removable = false;
        for (int i = 0; i < n_roots && !removable; i++) {
            removable = below(mount_point, roots[i]);
        }
        if (pseudo || !removable || count >= cap) {
            continue;
        }
        usb_drive *d = &out[count];
        memset(d, 0, sizeof *d);
        if (!str_copy(d->mount_point, sizeof d->mount_point, mount_point)) {
            continue; /* a path we could not open anyway */
        }
        unescape(device);
        str_copy(d->device, sizeof d->device, device);
        str_copy(d->fs_type, sizeof d->fs_type, fs_type);
        const char *slash = strrchr(d->mount_point, '/');
        str_copy(d->label, sizeof d->label, slash ? slash + 1 : d->mount_point);
        d->writable = options && has_option(options, "rw");
        count++;
    }
    fclose(f);
    return count;
}

int usb_read_file(const char *dir, const char *name, size_t max_bytes, char **data, size_t *len,
                  ocop_error *err) {
    if (!name[0] || strchr(name, '/') || strcmp(name, ".") == 0 || strcmp(name, "..") == 0) {
        return error_set(err, "%s: \"%s\" is not a file name", dir, name);
    }
    int dir_fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir_fd < 0) {
        return error_set(err, "%s: cannot open the folder: %s", dir, strerror(errno));
    }
    /* O_NONBLOCK: opening a FIFO must not wait for a writer; it is refused below. */
    int fd = openat(dir_fd, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    int open_errno = errno;
    close(dir_fd);
    if (fd < 0) {
        if (open_errno == ENOENT) {
            return 0;
        }
        if (open_errno == ELOOP) {
            return error_set(err,
                             "%s/%s: is a symbolic link; only plain files are read from a "
                             "stick",
                             dir, name);
        }
        return error_set(err, "%s/%s: cannot open: %s", dir, name, strerror(open_errno));
    }
    struct stat st;
    int rc = -1;
    char *buf = NULL;
    if (fstat(fd, &st) != 0) {
        error_set(err, "%s/%s: cannot read: %s", dir, name, strerror(errno));
        goto done;
    }
    if (!S_ISREG(st.st_mode)) {
        error_set(err, "%s/%s: is not a plain file (%s); only plain files are read from a stick",
                  dir, name,
                  S_ISDIR(st.st_mode)                          ? "a folder"
                  : S_ISFIFO(st.st_mode)                       ? "a pipe"
                  : S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode) ? "a device"
                                                               : "a special file");
        goto done;
    }
    if ((uint64_t)st.st_size > max_bytes) {
        error_set(err, "%s/%s: is %.1f MB, more than the %.1f MB the kiosk reads from a stick", dir,
                  name, (double)st.st_size / 1e6, (double)max_bytes / 1e6);
        goto done;
    }
    /* Read to the end, not st_size bytes: the file may change under us; never more than
     * max_bytes. */
    size_t cap = (size_t)st.st_size + 1, used = 0;
    buf = xmalloc(cap + 1);
    for (;;) {
        if (used == cap) {
            if (cap > max_bytes) {
                error_set(err, "%s/%s: grew beyond %.1f MB while it was read", dir, name,
                          (double)max_bytes / 1e6);
                goto done;
            }
            cap = cap * 2 > max_bytes + 1 ? max_bytes + 1 : cap * 2;
            buf = xreallocarray(buf, cap + 1, 1);
        }
        ssize_t n = read(fd, buf + used, cap - used);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            error_set(err, "%s/%s: cannot read: %s", dir, name, strerror(errno));
            goto done;
        }
        if (n == 0) {
            break;
        }
        used += (size_t)n;
    }
    if (used > max_bytes) {
        error_set(err, "%s/%s: grew beyond %.1f MB while it was read", dir, name,
                  (double)max_bytes / 1e6);
        goto done;
    }
    buf[used] = '\0';
    *data = buf;
    *len = used;
    buf = NULL;
    rc = 1;
done:
    free(buf);
    close(fd);
    return rc;
}
