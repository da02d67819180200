/* ui_images.c: background decoding and the texture cache; see ui_images.h. */
#include "ui/ui_images.h"

#include "core/base.h"

#include <SDL_image.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#define IMAGE_SLOTS    512
#define IMAGE_PATH_MAX 512

typedef enum slot_state {
    SLOT_EMPTY,
    SLOT_QUEUED,
    SLOT_LOADING,
    SLOT_DECODED,
    SLOT_READY,
    SLOT_FAILED
} slot_state;

typedef struct image_slot {
    slot_state state;
    char why[256]; /* SLOT_FAILED: why, for ui_images_state */
    char path[IMAGE_PATH_MAX];
    int w, h;             /* size asked */
    SDL_Surface *surface; /* SLOT_DECODED: made by the worker, owned here */
    SDL_Texture *texture; /* SLOT_READY */
    int tw, th;
    uint64_t stamp; /* last request or lookup */
} image_slot;

struct ui_images {
    SDL_Renderer *renderer;
    size_t budget, bytes;
    SDL_mutex *lock;
    SDL_cond *wake;
    SDL_Thread *worker;
    bool quit;
    int pending; /* queued + loading */
    uint64_t tick;
    image_slot slots[IMAGE_SLOTS];
};

static bool is_svg(const char *path) {
    size_t n = strlen(path);
    return n > 4 && str_ieq(path + n - 4, ".svg");
}

/* Set on the picture workers' threads: a decode anywhere else is a stall of the screens. */
static _Thread_local bool on_worker;
static SDL_atomic_t decoded_off_worker;

/* Decodes `path` at w x h (0 x 0: an SVG at its own size), or returns NULL with `why` (`cap`
 * bytes) saying why. */
static SDL_Surface *decode(const char *path, int w, int h, char *why, size_t cap) {
    if (!on_worker) {
        SDL_AtomicAdd(&decoded_off_worker, 1);
    }
    FILE *f = fopen(path, "rb");
    if (!f) {
        str_format(why, cap, "cannot open %s: %s", path, strerror(errno));
        return NULL;
    }
    fclose(f);
    SDL_Surface *s = NULL;
    if (is_svg(path)) {
        SDL_RWops *rw = SDL_RWFromFile(path, "rb");
        if (rw) {
            s = IMG_LoadSizedSVG_RW(rw, w, h);
            SDL_RWclose(rw);
        }
    } else {
        s = IMG_Load(path);
    }
    if (!s) {
        /* SDL keeps its error per thread: this is the worker's. */
        str_format(why, cap, "%s is not a picture the kiosk can read (%s)", path, IMG_GetError());
    }
    return s;
}

long ui_images_decoded_off_worker(void) {
    return SDL_AtomicGet(&decoded_off_worker);
}

static int worker_main(void *arg) {
    ui_images *im = arg;
    on_worker = true;
    SDL_LockMutex(im->lock);
    while (!im->quit) {
        image_slot *best = NULL;
        for (int i = 0; i < IMAGE_SLOTS; i++) {
            image_slot *s = &im->slots[i];
            if (s->state == SLOT_QUEUED && (!best || s->stamp > best->stamp)) {
                best = s;
            }
        }
        if (!best) {
            SDL_CondWait(im->wake, im->lock);
            continue;
        }
        best->state = SLOT_LOADING;
        char path[IMAGE_PATH_MAX];
        str_copy(path, sizeof path, best->path);
        int w = best->w, h = best->h;
        char why[sizeof best->why];
        SDL_UnlockMutex(im->lock);
        SDL_Surface *surface = decode(path, w, h, why, sizeof why);
        SDL_LockMutex(im->lock);
        /* The slot cannot be reused while LOADING (eviction skips it). */
        best->surface = surface;
        if (!surface) {
            str_copy(best->why, sizeof best->why, why);
        }
        best->state = surface ? SLOT_DECODED : SLOT_FAILED;
        im->pending--;
    }
    SDL_UnlockMutex(im->lock);
    return 0;
}

ui_images *ui_images_create(SDL_Renderer *renderer, size_t budget_bytes) {
    ui_images *im = xcalloc(1, sizeof *im);
    im->renderer = renderer;
    im->budget = budget_bytes;
    im->lock = SDL_CreateMutex();
    im->wake = SDL_CreateCond();
    OCOP_ASSERT(im->lock && im->wake);
    im->worker = SDL_CreateThread(worker_main, "ocop-images", im);
    OCOP_ASSERT(im->worker);
    return im;
}

static void slot_clear(ui_images *im, image_slot *s) {
    if (s->surface) {
        SDL_FreeSurface(s->surface);
    }
    if (s->texture) {
        SDL_DestroyTexture(s->texture);
        im->bytes -= (size_t)s->tw * (size_t)s->th * 4;
    }
    memset(s, 0, sizeof *s);
}

void ui_images_destroy(ui_images *im) {
    if (!im) {
        return;
    }
    SDL_LockMutex(im->lock);
    im->quit = true;
    SDL_CondSignal(im->wake);
    SDL_UnlockMutex(im->lock);
    SDL_WaitThread(im->worker, NULL);
    for (int i = 0; i < IMAGE_SLOTS; i++) {
        slot_clear(im, &im->slots[i]);
    }
    SDL_DestroyCond(im->wake);
    SDL_DestroyMutex(im->lock);
    free(im);
}

static image_slot *find(ui_images *im, const char *path, int w, int h) {
    for (int i = 0; i < IMAGE_SLOTS; i++) {
        image_slot *s = &im->slots[i];
        if (s->state != SLOT_EMPTY && s->w == w && s->h == h && strcmp(s->path, path) == 0) {
            return s;
        }
    }
    return NULL;
}

void ui_images_request(ui_images *im, const char *path, int w, int h) {
    if (!path || !*path || strlen(path) >= IMAGE_PATH_MAX) {
        return;
    }
    SDL_LockMutex(im->lock);
    im->tick++;
    image_slot *s = find(im, path, w, h);
    if (s) {
        s->stamp = im->tick;
        SDL_UnlockMutex(im->lock);
        return;
    }
    image_slot *victim = NULL;
    for (int i = 0; i < IMAGE_SLOTS; i++) {
        image_slot *c = &im->slots[i];
        if (c->state == SLOT_EMPTY) {
            victim = c;
            break;
        }
        if (c->state != SLOT_LOADING && (!victim || c->stamp < victim->stamp)) {
            victim = c;
        }
    }
    if (victim) {
        if (victim->state == SLOT_QUEUED) {
            im->pending--;
        }
        slot_clear(im, victim);
        str_copy(victim->path, sizeof victim->path, path);
        victim->w = w;
        victim->h = h;
        victim->state = SLOT_QUEUED;
        victim->stamp = im->tick;
        im->pending++;
        SDL_CondSignal(im->wake);
    }
    SDL_UnlockMutex(im->lock);
}

bool ui_images_pump(ui_images *im) {
    bool changed = false;
    SDL_LockMutex(im->lock);
    for (int i = 0; i < IMAGE_SLOTS; i++) {
        image_slot *s = &im->slots[i];
        if (s->state != SLOT_DECODED) {
            continue;
        }
        s->texture = SDL_CreateTextureFromSurface(im->renderer, s->surface);
        s->tw = s->surface->w;
        s->th = s->surface->h;
        SDL_FreeSurface(s->surface);
        s->surface = NULL;
        if (s->texture) {
            s->state = SLOT_READY;
            im->bytes += (size_t)s->tw * (size_t)s->th * 4;
            changed = true;
        } else {
            s->state = SLOT_FAILED;
        }
    }
    /* Over budget: drop the least recently used textures. */
    while (im->bytes > im->budget) {
        image_slot *oldest = NULL;
        for (int i = 0; i < IMAGE_SLOTS; i++) {
            image_slot *s = &im->slots[i];
            if (s->state == SLOT_READY && (!oldest || s->stamp < oldest->stamp)) {
                oldest = s;
            }
        }
        if (!oldest) {
            break;
        }
        slot_clear(im, oldest);
    }
    SDL_UnlockMutex(im->lock);
    return changed;
}

SDL_Texture *ui_images_lookup(ui_images *im, const char *path, int w, int h, int *tw, int *th) {
    if (!path || !*path) {
        return NULL;
    }
    SDL_Texture *t = NULL;
    SDL_LockMutex(im->lock);
    image_slot *s = find(im, path, w, h);
    if (s && s->state == SLOT_READY) {
        s->stamp = ++im->tick;
        t = s->texture;
        *tw = s->tw;
        *th = s->th;
    }
    SDL_UnlockMutex(im->lock);
    return t;
}

ui_image_state ui_images_state(ui_images *im, const char *path, int w, int h, int *tw, int *th,
                               ocop_error *err) {
    ui_image_state state = UI_IMAGE_PENDING;
    SDL_LockMutex(im->lock);
    image_slot *s = path && *path ? find(im, path, w, h) : NULL;
    if (s && s->state == SLOT_READY) {
        state = UI_IMAGE_READY;
        *tw = s->tw;
        *th = s->th;
    } else if (s && s->state == SLOT_FAILED) {
        state = UI_IMAGE_FAILED;
        error_set(err, "%s", s->why[0] ? s->why : "the picture could not be shown");
    }
    SDL_UnlockMutex(im->lock);
    return state;
}

bool ui_images_busy(ui_images *im) {
    SDL_LockMutex(im->lock);
    bool busy = im->pending > 0;
    for (int i = 0; i < IMAGE_SLOTS && !busy; i++) {
        busy = im->slots[i].state == SLOT_DECODED;
    }
    SDL_UnlockMutex(im->lock);
    return busy;
}

size_t ui_images_bytes(const ui_images *im) {
    return im->bytes;
}
