/* lazy_lib.c: a shared library opened at its first use; see lazy_lib.h. */
#include "core/lazy_lib.h"

#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>

static _Noreturn void fail(const lazy_lib *lib, const char *why) {
    fprintf(stderr, "ocop-kiosk: %s needs %s (%s, Debian package %s): %s\n", lib->needed_for,
            lib->name, lib->soname, lib->package, why ? why : "unknown error");
    exit(1); /* failed work (DESIGN §5) */
}

void lazy_lib_load(const lazy_lib *lib, const char *const *names, void **slots, size_t n) {
    void *handle = dlopen(lib->soname, RTLD_NOW | RTLD_LOCAL);
    if (!handle) {
        fail(lib, dlerror());
    }
    for (size_t i = 0; i < n; i++) {
        /* dlsym returns a function as a void *; POSIX guarantees the conversion back. */
        slots[i] = dlsym(handle, names[i]);
        if (!slots[i]) {
            fail(lib, dlerror());
        }
    }
}
