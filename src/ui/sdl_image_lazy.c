/* sdl_image_lazy.c: SDL_image, loaded when the kiosk first decodes or writes a picture.
 *
 * Linked with -lSDL2_image, every start loaded it and the codecs under it (libtiff with its
 * compressors, libwebp, libjpeg) before main: about 6 ms of CPU on the main thread before the
 * first frame (an empty program linked with the kiosk's libraries, with and without it; the
 * README's performance section). Pictures are decoded by the images worker (ui_images.c), so
 * loading the library there at the first picture takes it off the main thread's way to the
 * first frame. So the program is not linked with SDL_image: this file defines the SDL_image
 * functions the project calls, checked by the compiler against SDL_image.h's prototypes; the
 * first call of any of them opens the library (core/lazy_lib.h) and each then calls the
 * library's own. IMG_Quit is the exception: with the library never opened there is nothing to
 * quit, and it opens nothing. Calling a function not in IMG_FUNCTIONS is a link error: add it
 * there with its prototype. SDL_image's codecs start on demand (IMG_Load of a PNG initialises
 * PNG), so the kiosk does not call IMG_Init.
 */
#include "core/base.h"
#include "core/lazy_lib.h"

#include <SDL_image.h>
#include <pthread.h>

#define IMG_LIBRARY "libSDL2_image-2.0.so.0" /* SDL_image 2's soname */

/* X(return type, name, parameters, arguments), V(...) for those that return nothing. */
#define IMG_FUNCTIONS(X, V)                                                                        \
    X(const SDL_version *, IMG_Linked_Version, (void), ())                                         \
    X(int, IMG_Init, (int flags), (flags))                                                         \
    X(SDL_Surface *, IMG_Load, (const char *file), (file))                                         \
    X(SDL_Surface *, IMG_LoadSizedSVG_RW, (SDL_RWops * src, int width, int height),                \
      (src, width, height))                                                                        \
    X(int, IMG_isSVG, (SDL_RWops * src), (src))                                                    \
    X(int, IMG_SavePNG, (SDL_Surface * surface, const char *file), (surface, file))                \
    V(IMG_Quit, (void), ())

/* The library's functions, filled once (pthread_once: the images worker and the main thread may
 * both make the first call). */
static struct {
#define TABLE_ENTRY(ret, name, params, args) ret(*name) params;
#define TABLE_ENTRY_VOID(name, params, args) void(*name) params;
    IMG_FUNCTIONS(TABLE_ENTRY, TABLE_ENTRY_VOID)
#undef TABLE_ENTRY
#undef TABLE_ENTRY_VOID
} img;
static pthread_once_t img_once = PTHREAD_ONCE_INIT;

static void img_load(void) {
    static const lazy_lib lib = {IMG_LIBRARY, "SDL_image", "libsdl2-image-2.0-0",
                                 "showing or saving a picture"};
#define NAME(ret, name, params, args) #name,
#define NAME_VOID(name, params, args) #name,
    static const char *const names[] = {IMG_FUNCTIONS(NAME, NAME_VOID)};
#undef NAME
#undef NAME_VOID
    void *found[OCOP_COUNT(names)];
    lazy_lib_load(&lib, names, found, OCOP_COUNT(names));
    size_t i = 0;
#define TAKE(ret, name, params, args) *(void **)&img.name = found[i++];
#define TAKE_VOID(name, params, args) *(void **)&img.name = found[i++];
    IMG_FUNCTIONS(TAKE, TAKE_VOID)
#undef TAKE
#undef TAKE_VOID
}

#define DEFINE(ret, name, params, args)                                                            \
    ret name params {                                                                              \
        pthread_once(&img_once, img_load);                                                         \
        return img.name args;                                                                      \
    }
#define SKIP_VOID(name, params, args)
IMG_FUNCTIONS(DEFINE, SKIP_VOID)

/* Called when the window closes, whether or not a picture was shown. The thread that opened
 * the library (the images worker) has been joined by then, so its pointers are seen here. */
void IMG_Quit(void) {
    if (img.IMG_Quit) {
        img.IMG_Quit();
    }
}
