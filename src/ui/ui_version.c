/* ui_version.c: the SDL libraries the kiosk was built against and runs with, for --version
 * and bug reports. */
#include "ui/ui_version.h"

#include "core/base.h"

#include <SDL.h>
#include <SDL_image.h>
#include <SDL_ttf.h>

void ui_version_describe(char *out, size_t cap) {
    SDL_version sdl;
    SDL_GetVersion(&sdl);
    const SDL_version *ttf = TTF_Linked_Version();
    const SDL_version *img = IMG_Linked_Version();
    str_format(out, cap, "SDL %d.%d.%d, SDL_ttf %d.%d.%d, SDL_image %d.%d.%d", sdl.major, sdl.minor,
               sdl.patch, ttf->major, ttf->minor, ttf->patch, img->major, img->minor, img->patch);
}
