/*
 * ui_platform.h: the only place that sees SDL's window, renderer and events.
 *
 * Opens the window full screen at the display's own size (SDL_GetDisplayBounds: without a window
 * manager a 0x0 fullscreen-desktop window is 1x1 on X11), or at a given size, or headless (the
 * dummy driver with the software renderer, for `shot` and tests). On X11 "full screen" is a
 * borderless window at the display's size: asking for full screen makes SDL wait for a window
 * manager (up to 100 ms in 10 ms sleeps per request), and a kiosk box has none.
 *
 * The renderer (kiosk.ini `renderer`): "software" is SDL's software renderer presented through
 * the window's own framebuffer (X11 shared memory) with SDL_FRAMEBUFFER_ACCELERATION=0, which
 * keeps SDL from creating a hidden OpenGL context to decide how to present (that probe loads
 * Mesa and LLVM: hundreds of ms and most of the memory on a box without a GPU). "opengl" and
 * "opengles2" ask SDL for that driver. "auto" is "software" on X11 and SDL's own choice on other
 * video drivers (Wayland has no native framebuffer in SDL 2.26). Turns SDL events into ui_event:
 * touch and mouse become one pointer, and SDL's synthetic mouse events from touch
 * (which == SDL_TOUCH_MOUSEID) are dropped so a tap is never counted twice.
 */
#ifndef OCOP_UI_PLATFORM_H
#define OCOP_UI_PLATFORM_H

#include "core/base.h"
#include "ui/ui_event.h"

#include <SDL.h>
#include <stdbool.h>

typedef struct ui_platform {
    SDL_Window *window;
    SDL_Renderer *renderer;
    int w, h; /* output size in pixels */
    bool headless;
    char renderer_name[32]; /* SDL's name of the renderer in use ("software", "opengl", …) */
    bool cursor_shown;
    uint32_t cursor_moved_ms; /* last real mouse motion */
    SDL_Thread *warming;      /* maps the window's framebuffer in (ui_platform_wait_window) */
} ui_platform;

typedef struct ui_platform_options {
    int width, height;    /* 0, 0: full screen at the display's size */
    bool headless;        /* dummy video driver and software renderer, no window shown */
    bool software;        /* force the software renderer */
    const char *renderer; /* kiosk.ini's renderer ("auto" when NULL); `software` overrides */
} ui_platform_options;

/* Starts SDL video and opens the window and renderer. Returns 0, or -1 with `err` set. */
int ui_platform_open(ui_platform *p, const ui_platform_options *o, ocop_error *err);
/* Waits until the window's framebuffer, mapped in by a thread that ui_platform_open starts for
 * a shown window with the software renderer, is ready: call it before the first drawing.
 * Nothing to wait for otherwise. */
void ui_platform_wait_window(ui_platform *p);
/* Closes what ui_platform_open opened (safe on a zeroed platform). */
void ui_platform_close(ui_platform *p);
/* Translates one SDL event; returns false when it means nothing to the kiosk (or is a touch
 * duplicate). */
bool ui_platform_translate(ui_platform *p, const SDL_Event *e, ui_event *out, uint32_t now_ms);
/* Hides the cursor again after a few seconds without mouse motion. */
void ui_platform_tick(ui_platform *p, uint32_t now_ms);
/* Reads the renderer's current picture and writes it as a PNG. Returns 0, or -1 with `err`. */
int ui_platform_save_png(ui_platform *p, const char *path, ocop_error *err);

#endif
