/* ui_version.h: versions of the SDL libraries in use. */
#ifndef OCOP_UI_VERSION_H
#define OCOP_UI_VERSION_H

#include <stddef.h>

/* Writes "SDL x.y.z, SDL_ttf x.y.z, SDL_image x.y.z" (linked versions) into `out`. */
void ui_version_describe(char *out, size_t cap);

#endif
