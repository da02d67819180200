/* paths.c: finding the program's data folder; see paths.h. */
#include "core/paths.h"

#include "core/base.h"
#include "ocop_build_config.h"

#include <libgen.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static bool has_assets(const char *dir) {
    char probe[PATH_MAX];
    struct stat st;
    return str_format(probe, sizeof probe, "%s/kiosk-config", dir) && stat(probe, &st) == 0 &&
           S_ISDIR(st.st_mode);
}

const char *paths_data_dir(void) {
    static char dir[PATH_MAX];
    if (dir[0]) {
        return dir;
    }
    const char *env = getenv("OCOP_DATA_DIR");
    if (env && *env) {
        str_copy(dir, sizeof dir, env);
        return dir;
    }
    /* Installed: <prefix>/bin/ocop-kiosk and <prefix>/share/ocop-kiosk. */
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        char candidate[PATH_MAX];
        if (str_format(candidate, sizeof candidate, "%s/../share/ocop-kiosk", dirname(exe)) &&
            has_assets(candidate)) {
            str_copy(dir, sizeof dir, candidate);
            return dir;
        }
    }
    if (has_assets(OCOP_DATA_INSTALL_DIR)) {
        str_copy(dir, sizeof dir, OCOP_DATA_INSTALL_DIR);
        return dir;
    }
    str_copy(dir, sizeof dir, OCOP_SOURCE_DIR);
    return dir;
}

bool paths_data_file(char *out, size_t cap, const char *relative) {
    return str_format(out, cap, "%s/%s", paths_data_dir(), relative);
}
