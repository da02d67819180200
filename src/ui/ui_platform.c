/* ui_platform.c: SDL window, renderer and event translation; see ui_platform.h. */
#include "ui/ui_platform.h"

#include "ui/ui_draw.h"

#include <SDL_image.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define CURSOR_HIDE_MS 3000u
#define PAGE_BYTES     4096u /* madvise's alignment; a larger page size only rounds less */

/* The software renderer draws straight into the window's framebuffer (on X11 a shared-memory
 * segment the X server reads): 8 MB at 1920x1080 of fresh pages. In a virtual machine the first
 * touch of each page is what costs, not the page: on the development VM, writing 8 MB of shared
 * memory the kernel had already mapped (MADV_POPULATE_WRITE) took 30-40 ms the first time and
 * 0.5 ms the second (the README's performance section). That cost fell in the first frame's
 * drawing, on the main thread. A thread of its own now maps the pages and touches each once, on
 * the other core, while the main thread loads fonts and screens; ui_platform_wait_window joins
 * it before anything draws. It writes one zero byte per page, before any drawing: the window is
 * black until the first frame, as it was. Only for a shown window: headless (shots, tests) the
 * surface is SDL's own memory and drawing starts at once. */
typedef struct window_pages {
    uint8_t *pixels; /* the framebuffer's first byte */
    size_t bytes;    /* its size */
} window_pages;

static int touch_window_pages(void *data) {
    window_pages *w = data;
    uintptr_t first = (uintptr_t)w->pixels, end = first + w->bytes;
    uintptr_t page = first & ~(uintptr_t)(PAGE_BYTES - 1);
#ifdef MADV_POPULATE_WRITE
    /* Whole pages; only page tables are filled, no byte changes. */
    (void)madvise((void *)page, end - page, MADV_POPULATE_WRITE);
#endif
    /* One byte of each page, the framebuffer's own: a page it shares with other memory is
     * touched at the framebuffer's first byte, never before it. */
    for (uintptr_t at = first; at < end; at = (at & ~(uintptr_t)(PAGE_BYTES - 1)) + PAGE_BYTES) {
        *(volatile uint8_t *)at = 0;
    }
    free(w);
    return 0;
}

/* Starts touch_window_pages on the window's framebuffer; the thread is p->warming. */
static void start_warming(ui_platform *p) {
    SDL_Surface *s = SDL_GetWindowSurface(p->window); /* the renderer's own, already made */
    if (!s || !s->pixels) {
        return;
    }
    window_pages *w = xmalloc(sizeof *w);
    w->pixels = s->pixels;
    w->bytes = (size_t)s->pitch * (size_t)s->h;
    p->warming = SDL_CreateThread(touch_window_pages, "ocop-window", w);
    if (!p->warming) {
        free(w); /* the first frame touches the pages itself */
    }
}

void ui_platform_wait_window(ui_platform *p) {
    if (p->warming) {
        SDL_WaitThread(p->warming, NULL);
        p->warming = NULL;
    }
}

/* Two services SDL's video start sets up for a desktop, which a kiosk never uses and which cost
 * its start about 10 ms of CPU each (measured in the README's performance section). A value the
 * deployer set is kept.
 * - X's compose table: opening the X input method (and xkbcommon's compose state on Wayland)
 *   parses the locale's Compose file, 512 KB of dead-key and Multi_key sequences for
 *   en_US.UTF-8. The kiosk types through its own keyboard and Telex/VNI engine (DESIGN §6); a USB
 *   keyboard's text still arrives, only X's compose sequences are off. XCOMPOSEFILE names the
 *   file to parse instead; /dev/null is an empty one.
 * - The session bus: SDL connects to it at start (screen saver inhibition, IME). With no bus at
 *   all (no DBUS_SESSION_BUS_ADDRESS, no $XDG_RUNTIME_DIR/bus: Xvfb, a bare X session), libdbus
 *   forks the whole kiosk to run `dbus-launch --autolaunch`. "disabled:" is an address libdbus
 *   cannot connect to, so it gives up at once; SDL then keeps the screen on through X alone. A
 *   box with a session (systemd's user bus) is left alone. */
static void skip_desktop_services(void) {
    setenv("XCOMPOSEFILE", "/dev/null", 0);
    const char *bus = getenv("DBUS_SESSION_BUS_ADDRESS");
    if (bus && *bus) {
        return;
    }
    const char *run = getenv("XDG_RUNTIME_DIR");
    char user_bus[4096];
    if (run && *run && str_format(user_bus, sizeof user_bus, "%s/bus", run) &&
        access(user_bus, F_OK) == 0) {
        return;
    }
    setenv("DBUS_SESSION_BUS_ADDRESS", "disabled:", 1);
}

int ui_platform_open(ui_platform *p, const ui_platform_options *o, ocop_error *err) {
    memset(p, 0, sizeof *p);
    p->headless = o->headless;
    if (o->headless) {
        SDL_SetHint(SDL_HINT_VIDEODRIVER, "dummy");
    } else {
        skip_desktop_services();
    }
    /* The kiosk's own keyboard does the typing; the touch screen must not blank. */
    SDL_SetHint(SDL_HINT_VIDEO_MINIMIZE_ON_FOCUS_LOSS, "0");
    SDL_SetHint(SDL_HINT_VIDEO_ALLOW_SCREENSAVER, "0");
    if (SDL_InitSubSystem(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0) {
        return error_set(err, "cannot start the display (SDL video): %s", SDL_GetError());
    }
    /* When no display answers (X server not up yet, wrong DISPLAY), SDL falls back to its
     * offscreen driver: the kiosk would run and draw where nobody sees it. Unless asked for by
     * name (SDL_VIDEODRIVER), that is a failure, and the session's service starts it again. */
    const char *driver = SDL_GetCurrentVideoDriver();
    const char *asked = getenv("SDL_VIDEODRIVER");
    if (!o->headless && driver && strcmp(driver, "offscreen") == 0 &&
        !(asked && strstr(asked, "offscreen"))) {
        SDL_QuitSubSystem(SDL_INIT_VIDEO | SDL_INIT_EVENTS);
        return error_set(err,
                         "cannot open the display: no X server (DISPLAY=%s) or Wayland "
                         "compositor (WAYLAND_DISPLAY=%s) answered",
                         getenv("DISPLAY") ? getenv("DISPLAY") : "",
                         getenv("WAYLAND_DISPLAY") ? getenv("WAYLAND_DISPLAY") : "");
    }
    bool x11 = driver && strcmp(driver, "x11") == 0;
    const char *want =
        (o->software || o->headless) ? "software" : (o->renderer ? o->renderer : "auto");
    if (strcmp(want, "auto") == 0) {
        want = x11 ? "software" : NULL; /* NULL: SDL's own choice */
    }
    Uint32 flags = SDL_WINDOW_SHOWN;
    int x = SDL_WINDOWPOS_CENTERED, y = SDL_WINDOWPOS_CENTERED;
    int w = o->width, h = o->height;
    if (w <= 0 || h <= 0) {
        SDL_Rect b;
        if (SDL_GetDisplayBounds(0, &b) != 0) {
            SDL_QuitSubSystem(SDL_INIT_VIDEO | SDL_INIT_EVENTS);
            return error_set(err, "cannot read the display's size: %s", SDL_GetError());
        }
        x = b.x;
        y = b.y;
        w = b.w;
        h = b.h;
        flags |= SDL_WINDOW_BORDERLESS;
        if (!x11) {
            flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
        }
    }
    p->window = SDL_CreateWindow("ocop-kiosk", x, y, w, h, flags);
    if (!p->window) {
        ui_platform_close(p);
        return error_set(err, "cannot open a %dx%d window: %s", w, h, SDL_GetError());
    }
    if (want && strcmp(want, "software") == 0) {
        /* X11: the window's own framebuffer (shared memory), not a texture of a GL renderer
         * chosen by creating a hidden GL context first. SDL checks this once per run; other
         * drivers (Wayland) have no framebuffer of their own and keep SDL's texture path. */
        if (x11) {
            SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
        }
        p->renderer = SDL_CreateRenderer(p->window, -1, SDL_RENDERER_SOFTWARE);
    } else {
        if (want) {
            SDL_SetHint(SDL_HINT_RENDER_DRIVER, want);
        }
        p->renderer = SDL_CreateRenderer(p->window, -1, 0);
        if (!p->renderer) {
            fprintf(stderr, "ocop-kiosk: warning: renderer %s: %s; using the software renderer\n",
                    want ? want : "auto", SDL_GetError());
            p->renderer = SDL_CreateRenderer(p->window, -1, SDL_RENDERER_SOFTWARE);
        }
    }
    if (!p->renderer) {
        ui_platform_close(p);
        return error_set(err, "cannot create a renderer: %s", SDL_GetError());
    }
    SDL_RendererInfo info = {0};
    if (SDL_GetRendererInfo(p->renderer, &info) == 0) {
        str_copy(p->renderer_name, sizeof p->renderer_name, info.name);
    }
    if ((info.flags & SDL_RENDERER_SOFTWARE) && !o->headless) {
        start_warming(p);
    }
    SDL_GetRendererOutputSize(p->renderer, &p->w, &p->h);
    SDL_ShowCursor(SDL_DISABLE);
    SDL_DisableScreenSaver();
    SDL_StartTextInput(); /* text from a USB keyboard or barcode scanner; no system IME runs */
    return 0;
}

void ui_platform_close(ui_platform *p) {
    ui_platform_wait_window(p);
    if (p->renderer) {
        ui_draw_forget(p->renderer);
        SDL_DestroyRenderer(p->renderer);
    }
    if (p->window) {
        SDL_DestroyWindow(p->window);
    }
    if (p->renderer || p->window || SDL_WasInit(SDL_INIT_VIDEO)) {
        IMG_Quit();
        SDL_QuitSubSystem(SDL_INIT_VIDEO | SDL_INIT_EVENTS);
    }
    memset(p, 0, sizeof *p);
}

static void finger_pos(const ui_platform *p, float fx, float fy, ui_event *out) {
    out->x = (int)(fx * p->w);
    out->y = (int)(fy * p->h);
}

/* Window coordinates to output pixels (they differ on high-DPI displays). */
static void mouse_pos(const ui_platform *p, int x, int y, ui_event *out) {
    int ww = 0, wh = 0;
    SDL_GetWindowSize(p->window, &ww, &wh);
    out->x = ww > 0 ? x * p->w / ww : x;
    out->y = wh > 0 ? y * p->h / wh : y;
}

bool ui_platform_translate(ui_platform *p, const SDL_Event *e, ui_event *out, uint32_t now_ms) {
    memset(out, 0, sizeof *out);
    switch (e->type) {
    case SDL_QUIT:
        out->type = UI_EV_QUIT;
        return true;
    case SDL_WINDOWEVENT:
        if (e->window.event == SDL_WINDOWEVENT_SIZE_CHANGED) {
            SDL_GetRendererOutputSize(p->renderer, &p->w, &p->h);
            out->type = UI_EV_RESIZE;
            out->x = p->w;
            out->y = p->h;
            return true;
        }
        if (e->window.event == SDL_WINDOWEVENT_EXPOSED) {
            out->type = UI_EV_RESIZE;
            out->x = p->w;
            out->y = p->h;
            return true;
        }
        return false;
    case SDL_FINGERDOWN:
    case SDL_FINGERUP:
    case SDL_FINGERMOTION:
        /* Only the first finger steers; a second one (a palm) is ignored. */
        if (e->tfinger.fingerId != 0 && e->type != SDL_FINGERUP) {
            SDL_Finger *f = SDL_GetTouchFinger(e->tfinger.touchId, 0);
            if (f && f->id != e->tfinger.fingerId) {
                return false;
            }
        }
        out->type = e->type == SDL_FINGERDOWN
                        ? UI_EV_PRESS
                        : (e->type == SDL_FINGERUP ? UI_EV_RELEASE : UI_EV_MOVE);
        finger_pos(p, e->tfinger.x, e->tfinger.y, out);
        return true;
    case SDL_MOUSEBUTTONDOWN:
    case SDL_MOUSEBUTTONUP:
        if (e->button.which == SDL_TOUCH_MOUSEID || e->button.button != SDL_BUTTON_LEFT) {
            return false;
        }
        out->type = e->type == SDL_MOUSEBUTTONDOWN ? UI_EV_PRESS : UI_EV_RELEASE;
        mouse_pos(p, e->button.x, e->button.y, out);
        return true;
    case SDL_MOUSEMOTION:
        if (e->motion.which == SDL_TOUCH_MOUSEID) {
            return false;
        }
        /* A real mouse: show the cursor while it moves. */
        if (!p->cursor_shown) {
            SDL_ShowCursor(SDL_ENABLE);
            p->cursor_shown = true;
        }
        p->cursor_moved_ms = now_ms;
        mouse_pos(p, e->motion.x, e->motion.y, out);
        out->type = (e->motion.state & SDL_BUTTON_LMASK) ? UI_EV_MOVE : UI_EV_HOVER;
        return true;
    case SDL_KEYDOWN:
        out->type = UI_EV_KEY;
        switch (e->key.keysym.sym) {
        case SDLK_BACKSPACE:
            out->key = UI_KEY_BACKSPACE;
            break;
        case SDLK_RETURN:
        case SDLK_KP_ENTER:
            out->key = UI_KEY_ENTER;
            break;
        case SDLK_ESCAPE:
            out->key = UI_KEY_ESCAPE;
            break;
        case SDLK_TAB:
            out->key = UI_KEY_TAB;
            break;
        case SDLK_F11:
            out->key = UI_KEY_F11;
            break;
        default:
            return false;
        }
        return true;
    case SDL_TEXTINPUT:
        out->type = UI_EV_TEXT;
        str_copy(out->text, sizeof out->text, e->text.text);
        return true;
    default:
        return false;
    }
}

void ui_platform_tick(ui_platform *p, uint32_t now_ms) {
    if (p->cursor_shown && now_ms - p->cursor_moved_ms > CURSOR_HIDE_MS) {
        SDL_ShowCursor(SDL_DISABLE);
        p->cursor_shown = false;
    }
}

int ui_platform_save_png(ui_platform *p, const char *path, ocop_error *err) {
    ui_platform_wait_window(p);
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, p->w, p->h, 32, SDL_PIXELFORMAT_ARGB8888);
    if (!s) {
        return error_set(err, "cannot allocate a %dx%d picture: %s", p->w, p->h, SDL_GetError());
    }
    int rc = 0;
    if (SDL_RenderReadPixels(p->renderer, NULL, SDL_PIXELFORMAT_ARGB8888, s->pixels, s->pitch) !=
        0) {
        rc = error_set(err, "cannot read the picture back: %s", SDL_GetError());
    } else if (IMG_SavePNG(s, path) != 0) {
        rc = error_set(err, "%s: cannot write the PNG: %s", path, IMG_GetError());
    }
    SDL_FreeSurface(s);
    return rc;
}
