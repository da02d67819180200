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

#endif
