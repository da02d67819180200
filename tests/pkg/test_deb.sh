#!/bin/sh
# test_deb.sh DEB: the Debian package `make deb` built, checked from the outside: its metadata
# (dpkg-deb -I), its contents (dpkg-deb -c and the extracted files), lintian (no error) and
# systemd-analyze verify on its unit. Run by `make test-deb` (part of `make test`).
set -u
DEB=${1:?usage: test_deb.sh DEB}
OCOP_SRC=$(cd "$(dirname "$0")/../.." && pwd)
OCOP=unused
. "$OCOP_SRC/tests/cli/lib.sh"

X="$T/x"
dpkg-deb -x "$DEB" "$X"
expect_status 0 "dpkg-deb extracts the package"
dpkg-deb -I "$DEB" >"$T/info"
dpkg-deb -c "$DEB" >"$T/contents"
field() { dpkg-deb -f "$DEB" "$1"; }

# --- metadata ----------------------------------------------------------------------------
cmake_version=$(sed -n 's/^project(ocop_kiosk VERSION \([0-9.]*\).*/\1/p' "$OCOP_SRC/CMakeLists.txt")
expect_eq "$(field Package)" "ocop-kiosk" "the package is ocop-kiosk"
expect_eq "$(field Version)" "$cmake_version" "the package version is the program's (CMakeLists.txt)"
expect_eq "$(field Version)" "$(dpkg-parsechangelog -l "$OCOP_SRC/debian/changelog" -SVersion)" \
    "the package version is debian/changelog's"
expect_eq "$(field Architecture)" "$(dpkg --print-architecture)" "built for this architecture"
expect_eq "$(basename "$DEB")" "ocop-kiosk_$(field Version)_$(field Architecture).deb" \
    "the file is named ocop-kiosk_VERSION_ARCH.deb"
"$X/usr/bin/ocop-kiosk" --version >"$T/version" 2>&1
expect_grep "^ocop-kiosk $cmake_version " "$T/version" "the packaged program reports the package's version"

# Depends is computed (dpkg-shlibdeps): every library the program loads is provided by a
# package named in Depends. Checked against this machine's own packages.
field Depends | tr ',' '\n' | sed 's/^ *//; s/ .*//; s/:.*//' | sort -u >"$T/depends"
objdump -p "$X/usr/bin/ocop-kiosk" | awk '$1 == "NEEDED" { print $2 }' >"$T/needed"
if [ -s "$T/needed" ]; then pass; else fail "objdump found no NEEDED library in the program"; fi
while read -r lib; do
    path=$(ldconfig -p | awk -v l="$lib" '$1 == l { print $NF; exit }')
    owner=$(dpkg -S "$(readlink -f "$path")" 2>/dev/null | head -1 | sed 's/:.*//')
    [ -n "$owner" ] || owner=$(dpkg -S "$path" 2>/dev/null | head -1 | sed 's/:.*//')
    if grep -qx "$owner" "$T/depends"; then pass; else
        fail "the program needs $lib ($owner), which Depends does not name"
    fi
done <"$T/needed"
# libpq5, libxlsxwriter4 and SDL_image are opened with dlopen at their first call
# (src/db/pq_lazy.c, src/core/xlsx_lazy.c, src/ui/sdl_image_lazy.c), so dpkg-shlibdeps does not
# see them.
for p in fonts-noto-core fontconfig libpq5 libxlsxwriter4 libsdl2-image-2.0-0; do
    if grep -qx "$p" "$T/depends"; then pass; else fail "Depends names $p"; fi
done
field Recommends | tr ',' '\n' | sed 's/^ *//; s/ .*//' >"$T/recommends"
for p in cage xwayland libpam-systemd; do
    # cage 0.1.4 does not start without Xwayland; pam_systemd gives it the seat.
    if grep -qx "$p" "$T/recommends"; then pass; else fail "Recommends names $p (the kiosk session)"; fi
done

# --- contents ----------------------------------------------------------------------------
for f in usr/bin/ocop-kiosk usr/share/man/man1/ocop-kiosk.1.gz \
    lib/systemd/system/ocop-kiosk.service etc/pam.d/ocop-kiosk \
    usr/lib/sysusers.d/ocop-kiosk.conf usr/lib/tmpfiles.d/ocop-kiosk.conf \
    lib/udev/rules.d/90-ocop-kiosk.rules usr/share/doc/ocop-kiosk/copyright \
    usr/share/ocop-kiosk/assets/catalog/catalog.csv usr/share/ocop-kiosk/assets/catalog/capacity.csv \
    usr/share/ocop-kiosk/kiosk-config/strings_vi.ini usr/share/ocop-kiosk/kiosk-config/strings_en.ini \
    usr/share/ocop-kiosk/kiosk.ini.box; do
    if [ -f "$X/$f" ]; then pass; else fail "the package holds $f"; fi
done
for f in $(cd "$OCOP_SRC" && git ls-files assets 2>/dev/null); do
    if [ -f "$X/usr/share/ocop-kiosk/$f" ]; then pass; else fail "the package holds $f"; fi
done
if grep -qiE '\.(ttf|otf)$' "$T/contents"; then
    fail "the package must not copy fonts (fonts-noto-core provides them):"
    grep -iE '\.(ttf|otf)$' "$T/contents" | sed 's/^/    | /'
else pass; fi
gzip -dc "$X/usr/share/man/man1/ocop-kiosk.1.gz" | cmp -s - "$OCOP_SRC/man/ocop-kiosk.1"
expect_status 0 "the packaged manual page is man/ocop-kiosk.1"
expect_eq "$(readlink "$X/usr/share/ocop-kiosk/kiosk-config/kiosk.ini")" \
    "/var/lib/ocop-kiosk/kiosk.ini" "the data folder's kiosk.ini is the box's (next to its database)"
diff "$OCOP_SRC/kiosk-config/kiosk.ini" "$X/usr/share/ocop-kiosk/kiosk.ini.box" >"$T/box.diff"
expect_eq "$(grep -c '^[<>]' "$T/box.diff")" "2" "the box's kiosk.ini differs from the default in one line"
expect_grep '^> database = /var/lib/ocop-kiosk/ocop-kiosk.db$' "$T/box.diff" \
    "that line puts the database in /var/lib/ocop-kiosk"
expect_grep '^u ocop ' "$X/usr/lib/sysusers.d/ocop-kiosk.conf" "the system user ocop is declared"
expect_grep '^d /var/lib/ocop-kiosk 0700 ocop ocop' "$X/usr/lib/tmpfiles.d/ocop-kiosk.conf" \
    "the database folder is 0700, the kiosk user's"

# --- the unit ----------------------------------------------------------------------------
U="$X/lib/systemd/system/ocop-kiosk.service"
for setting in 'User=ocop' 'Restart=always' 'ProtectSystem=strict' 'PrivateTmp=yes' \
    'NoNewPrivileges=yes' 'ProtectHome=yes' 'StateDirectory=ocop-kiosk' 'StateDirectoryMode=0700' \
    'StandardError=journal' 'PAMName=ocop-kiosk' 'CapabilityBoundingSet=$' \
    'ReadWritePaths=-/media/ocop$' 'WantedBy=graphical.target'; do
    expect_grep "^$setting" "$U" "the unit sets $setting"
done
expect_grep '^ExecStart=.*/usr/bin/cage .*-- /usr/bin/ocop-kiosk$' "$U" "the unit starts the kiosk under cage"
restart=$(sed -n 's/^RestartSec=//p' "$U")
if [ -n "$restart" ] && [ "$restart" -le 5 ]; then pass; else
    fail "the kiosk restarts within 5 s (RestartSec=$restart)"
fi
if command -v systemd-analyze >/dev/null 2>&1; then
    # The unit's Documentation= names the manual page: give man the package's.
    MANPATH="$X/usr/share/man" systemd-analyze verify "$U" >"$T/verify" 2>&1
    expect_status 0 "systemd-analyze verify accepts the unit"
    if [ -s "$T/verify" ]; then
        fail "systemd-analyze verify warns:"
        sed 's/^/    | /' "$T/verify"
    else pass; fi
    systemd-analyze security --offline=true "$U" >"$T/security" 2>&1
    level=$(sed -n 's/.*Overall exposure level for ocop-kiosk.service: \([0-9.]*\).*/\1/p' "$T/security")
    echo "systemd-analyze security: exposure $level (0 safest, 10 unprotected)"
    if [ -n "$level" ] && awk -v l="$level" 'BEGIN { exit !(l <= 4.5) }'; then pass; else
        fail "the unit's exposure level is at most 4.5 (got '$level')"
    fi
else
    echo "SKIP: systemd-analyze is not installed (package systemd): the unit was not verified"
fi

# --- lintian -----------------------------------------------------------------------------
if command -v lintian >/dev/null 2>&1; then
    lintian --pedantic -I "$DEB" >"$T/lintian" 2>&1
    grep -v '^running with root privileges' "$T/lintian" | sed 's/^/lintian: /'
    if grep -q '^E: ' "$T/lintian"; then fail "lintian reports errors"; else pass; fi
else
    echo "SKIP: lintian is not installed: the package was not linted"
fi

finish
