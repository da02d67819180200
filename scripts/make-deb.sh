#!/bin/sh
# make-deb.sh [OUT]: builds the Debian package ocop-kiosk_VERSION_ARCH.deb into OUT
# (default build-deb/) with debhelper (debian/), and prints its path on the last line.
#
# dpkg-buildpackage writes into the source tree (debian/ocop-kiosk/, obj-*/, debian/files)
# and puts the .deb in the parent folder, so it runs on a copy of the tree in OUT/src: the
# files git knows (tracked, or new and not ignored), or the whole tree without its build
# folders when this is not a git checkout. The copy keeps the files' times and its CMake
# build folder is kept between runs, so a second `make deb` recompiles only what changed.
set -eu

here=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-build-deb}
mkdir -p "$out"
out=$(cd "$out" && pwd)
src="$out/src"

for tool in dpkg-buildpackage dh; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "make-deb: $tool is missing (scripts/install-deps.sh --test installs it)" >&2
        exit 1
    fi
done

# A fresh copy of the sources; the previous CMake build folder is moved back into it.
keep="$out/obj.kept"
rm -rf "$keep"
if [ -d "$src" ]; then
    for obj in "$src"/obj-*; do
        [ -d "$obj" ] && mv "$obj" "$keep"
    done
    rm -rf "$src"
fi
mkdir -p "$src"
cd "$here"
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    git ls-files -z --cached --others --exclude-standard |
        xargs -0 sh -c 'for f; do [ -f "$f" ] && printf "%s\0" "$f"; done' sh |
        tar --null -T - -cf - | tar -xf - -C "$src"
else
    tar --exclude='./build' --exclude='./build-*' --exclude='./fonts/*.ttf' -cf - . |
        tar -xf - -C "$src"
fi
host_arch=$(dpkg-architecture -qDEB_HOST_MULTIARCH)
[ -d "$keep" ] && mv "$keep" "$src/obj-$host_arch"

version=$(dpkg-parsechangelog -l "$src/debian/changelog" -SVersion)
arch=$(dpkg-architecture -qDEB_HOST_ARCH)
rm -f "$out"/ocop-kiosk_*.deb "$out"/ocop-kiosk-dbgsym_*.deb "$out"/ocop-kiosk_*.changes \
    "$out"/ocop-kiosk_*.buildinfo

cd "$src"
# -b: the binary package only; -nc: keep the build folder (incremental); no signing.
DEB_BUILD_OPTIONS="nocheck parallel=$(nproc 2>/dev/null || echo 2) ${DEB_BUILD_OPTIONS:-}" \
    dpkg-buildpackage -b -nc -us -uc >"$out/build.log" 2>&1 || {
    tail -40 "$out/build.log" >&2
    echo "make-deb: dpkg-buildpackage failed; the whole log is $out/build.log" >&2
    exit 1
}
deb="$out/ocop-kiosk_${version}_${arch}.deb"
[ -f "$deb" ] || {
    echo "make-deb: $deb was not made (see $out/build.log)" >&2
    exit 1
}
echo "$deb"
