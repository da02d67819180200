/*
 * paths.h: where the program's own files are. A kiosk runs from its build directory (the
 * source tree's assets/, fonts/ and kiosk-config/) or from an installed prefix
 * (share/ocop-kiosk/); OCOP_DATA_DIR in the environment overrides both.
 */
#ifndef OCOP_PATHS_H
#define OCOP_PATHS_H

#include <stddef.h>

/* The folder that holds assets/, fonts/ and kiosk-config/. Resolved once; never NULL. */
const char *paths_data_dir(void);
/* `paths_data_dir()/relative` into `out`; returns false when it did not fit. */
#include <stdbool.h>
bool paths_data_file(char *out, size_t cap, const char *relative);

#endif
