/*
 * usb.h: the USB sticks an organiser plugged into the kiosk box.
 *
 * A desktop's automounter (udisks2) mounts removable drives under /run/media/USER/LABEL, or
 * /media/USER/LABEL, and older setups under /media/LABEL. The mount table (/proc/self/mounts)
 * lists them; a drive is a mount whose mount point lies below one of those roots. The table's
 * path and the roots are parameters so that tests use a fake table.
 */
#ifndef OCOP_USB_H
#define OCOP_USB_H

#include "core/base.h"

#define USB_MAX_DRIVES 16
#define USB_PATH_MAX   1024

typedef struct usb_drive {
    char mount_point[USB_PATH_MAX]; /* decoded (the table writes a space as \040) */
    char label[256];                /* the mount point's last component, for the button */
    char device[256];               /* /dev/sdb1 */
    char fs_type[32];               /* vfat, exfat, ntfs3, … */
    bool writable;                  /* mounted rw */
} usb_drive;

/* The mount table of this process and the usual automount roots. */
#define USB_MOUNT_TABLE "/proc/self/mounts"
extern const char *const usb_default_roots[];
extern const int usb_default_root_count;

/* Reads the mount table at `mounts_path` and fills `out` (capacity `cap`) with the mounts whose
 * mount point is strictly below one of the `n_roots` folders in `roots` (no trailing slash),
 * skipping pseudo file systems (tmpfs, autofs …). Returns how many were found (0: no stick), or
 * -1 with `err` set when the table cannot be read. */
int usb_find_drives(const char *mounts_path, const char *const *roots, int n_roots, usb_drive *out,
                    int cap, ocop_error *err);

/* ---- reading a file from a stick ----------------------------------------------------------- */

/* The largest file the kiosk reads from a stick (a catalogue of 100,000 products is ~40 MB). */
#define USB_FILE_MAX_BYTES (64u << 20)

/* Reads the file `name` in the folder `dir` (a stick's mount point) whole into memory, as a stick
 * whoever prepared it can be trusted: `name` is one file name (no '/', not "." or ".."); a
 * symbolic link is refused, not followed (O_NOFOLLOW, relative to the folder opened once); the
 * file must be a regular file (a FIFO, device or folder is refused without blocking); and it must
 * hold at most `max_bytes`. On success *data is a malloc'd copy of the bytes with a NUL after them
 * (the caller frees it), *len their number, and 1 is returned. Returns 0 when there is no such
 * file (nothing is set), or -1 with `err` naming the file and why it was refused. */
int usb_read_file(const char *dir, const char *name, size_t max_bytes, char **data, size_t *len,
                  ocop_error *err);

#endif
