#!/bin/sh
# Installs the Debian packages ocop-kiosk needs to build, run and test, and nothing
# when they are all present. Uses sudo when not root. Called by `make run` and `make test`.
set -eu

build_pkgs="cmake make gcc pkg-config libsqlite3-dev libsdl2-dev libsdl2-ttf-dev libsdl2-image-dev
libutf8proc-dev libcsv-dev libcjson-dev libxlsxwriter-dev libqrencode-dev libsodium-dev libinih-dev
fonts-noto-core fontconfig libpq-dev"
test_pkgs="libcmocka-dev libglpk-dev glpk-utils clang libclang-rt-14-dev unzip libxml2-utils sqlite3
xvfb xauth xdotool x11-utils strace zbar-tools python3-vobject postgresql
debhelper dpkg-dev lintian systemd man-db debootstrap cage xwayland"

want="$build_pkgs"
if [ "${1:-}" = "--test" ]; then
    want="$build_pkgs $test_pkgs"
fi

missing=""
for p in $want; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing="$missing $p"
    fi
done

[ -z "$missing" ] && exit 0

echo "install-deps: installing:$missing"
sudo=""
if [ "$(id -u)" -ne 0 ]; then
    sudo="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
# shellcheck disable=SC2086
$sudo apt-get install -y -qq --no-install-recommends $missing
