/*
 * lazy_lib.h: a shared library opened at the first call of one of its functions, not at start.
 *
 * Every library the program is linked with is loaded, and its symbols bound, before main: on the
 * kiosk's start that is most of the time before the first frame (the README's performance
 * section). A library that only some commands need is therefore not linked; a file of its own
 * (src/db/pq_lazy.c for libpq, src/core/xlsx_lazy.c for libxlsxwriter) defines the functions the
 * project calls, each of which loads the library on its first call through lazy_lib_load and
 * then calls the library's own.
 */
#ifndef OCOP_LAZY_LIB_H
#define OCOP_LAZY_LIB_H

#include <stddef.h>

/* What a lazily opened library is and what needs it, for the message when it is missing. */
typedef struct lazy_lib {
    const char *soname;     /* what dlopen opens: "libpq.so.5" */
    const char *name;       /* as a person knows it: "libpq" */
    const char *package;    /* the Debian package that installs it: "libpq5" */
    const char *needed_for; /* what needs it: "talking to the server" */
} lazy_lib;

/* Opens lib->soname (RTLD_NOW | RTLD_LOCAL) and looks up names[0..n-1] into slots[0..n-1]. When
 * the library or a function is missing, prints "ocop-kiosk: <needed_for> needs <name> (<soname>,
 * Debian package <package>): <dlerror>" and exits with status 1 (failed work, DESIGN §5). Not
 * thread-safe by itself: callers run it once (pthread_once). The library stays open. */
void lazy_lib_load(const lazy_lib *lib, const char *const *names, void **slots, size_t n);

#endif
