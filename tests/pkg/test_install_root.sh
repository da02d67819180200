#!/bin/sh
# test_install_root.sh DEB: installs the package with its dependencies into a throw-away
# Debian 12 root, as `apt install ./ocop-kiosk_….deb` on a fresh box would, and runs the
# installed program there: --version, `search` on the demo catalogue (as an ordinary user and
# as the kiosk user, whose database is /var/lib/ocop-kiosk), a headless screenshot with the
# font found through fontconfig, `systemd-analyze verify` on the installed unit, then removal
# and purge, which must leave the fair's database in place.
#
# The root: a minimal Debian 12 made once with debootstrap and kept in OCOP_ROOT_CACHE
# (default: build-deb/root-cache next to the package), copied for each run; the packages apt
# downloads are kept there too, so a second run needs the mirror only for `apt-get update`.
# Needs root (chroot), debootstrap and Debian's mirror (OCOP_DEBIAN_MIRROR, default
# http://deb.debian.org/debian); without them it is skipped, saying why.
set -u
DEB=${1:?usage: test_install_root.sh DEB}
DEB=$(cd "$(dirname "$DEB")" && pwd)/$(basename "$DEB")
OCOP_SRC=$(cd "$(dirname "$0")/../.." && pwd)
OCOP=unused
. "$OCOP_SRC/tests/cli/lib.sh"
MIRROR=${OCOP_DEBIAN_MIRROR:-http://deb.debian.org/debian}
SUITE=bookworm
CACHE=${OCOP_ROOT_CACHE:-$(dirname "$DEB")/root-cache}

skip() {
    echo "SKIP: install test in a Debian 12 root: $*"
    exit 0
}
[ "$(id -u)" -eq 0 ] || skip "needs root (chroot); run make test as root, as CI does"
command -v debootstrap >/dev/null 2>&1 || skip "debootstrap is not installed"
now() { date +%s; }
t0=$(now)

# --- the cached base root (one at a time: flock) -----------------------------------------
mkdir -p "$CACHE/archives"
exec 9>"$CACHE/lock"
flock 9
if [ ! -f "$CACHE/base/.complete" ]; then
    rm -rf "$CACHE/base" "$CACHE/base.new"
    echo "install test: debootstrap --variant=minbase $SUITE from $MIRROR (once; kept in $CACHE)"
    if ! debootstrap --variant=minbase --cache-dir="$CACHE/archives" "$SUITE" "$CACHE/base.new" \
        "$MIRROR" >"$CACHE/debootstrap.log" 2>&1; then
        tail -5 "$CACHE/debootstrap.log"
        if grep -qiE 'Failed getting release file|Temporary failure resolving|Could not resolve|Connection refused|Network is unreachable' \
            "$CACHE/debootstrap.log"; then
            rm -rf "$CACHE/base.new"
            skip "Debian's mirror $MIRROR cannot be reached (set OCOP_DEBIAN_MIRROR)"
        fi
        fail "debootstrap failed (log: $CACHE/debootstrap.log)"
        finish
    fi
    rm -f "$CACHE/base.new/var/cache/apt/archives/"*.deb # they are in $CACHE/archives
    touch "$CACHE/base.new/.complete"
    mv "$CACHE/base.new" "$CACHE/base"
fi
t1=$(now)

# --- a throw-away copy -------------------------------------------------------------------
R=$(mktemp -d "$CACHE/root.XXXXXX")
chmod 0755 "$R" # it is the root's /
proc_mounted=false
cleanup() {
    $proc_mounted && umount "$R/proc" 2>/dev/null
    rm -rf "$R" "$T"
}
trap cleanup EXIT
cp -a "$CACHE/base/." "$R/"
for f in "$CACHE/archives/"*.deb; do
    [ -f "$f" ] && { ln "$f" "$R/var/cache/apt/archives/" 2>/dev/null || cp "$f" "$R/var/cache/apt/archives/"; }
done
cp /etc/resolv.conf "$R/etc/resolv.conf" 2>/dev/null
if mount -t proc proc "$R/proc" 2>/dev/null; then proc_mounted=true; else
    echo "install test: /proc could not be mounted in the root (no CAP_SYS_ADMIN); going on"
fi
cp "$DEB" "$R/tmp/ocop-kiosk.deb"
version=$(dpkg-deb -f "$DEB" Version)

# in_root CMD...: runs CMD in the root as root; as_user USER GROUP CMD...: as USER.
in_root() {
    chroot "$R" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 \
        DEBIAN_FRONTEND=noninteractive "$@"
}
as_user() {
    user=$1 group=$2
    shift 2
    in_root setpriv --reuid="$user" --regid="$group" --init-groups \
        env HOME=/tmp SDL_VIDEODRIVER=dummy SDL_RENDER_DRIVER=software "$@"
}

# --- apt install ./ocop-kiosk_….deb ------------------------------------------------------
in_root apt-get update -q >"$T/update.log" 2>&1
expect_status 0 "apt-get update in the root"
in_root apt-get install -y -q /tmp/ocop-kiosk.deb >"$T/install.log" 2>&1
status=$?
expect_eq "$status" "0" "apt-get install ./ocop-kiosk.deb installs it and its dependencies"
[ "$status" -eq 0 ] || tail -20 "$T/install.log"
echo "install test: $(grep -c '^Setting up' "$T/install.log") packages set up"
cp -n "$R/var/cache/apt/archives/"*.deb "$CACHE/archives/" 2>/dev/null
t2=$(now)

in_root ocop-kiosk --version >"$T/version" 2>&1
expect_grep "^ocop-kiosk $version " "$T/version" "the installed program runs and reports its version"
in_root getent passwd ocop >"$T/passwd"
expect_grep '^ocop:.*:/var/lib/ocop-kiosk:' "$T/passwd" "the system user ocop exists, at home in the database folder"
expect_eq "$(in_root stat -c '%a %U' /var/lib/ocop-kiosk)" "700 ocop" \
    "/var/lib/ocop-kiosk is 0700 and the kiosk user's"
expect_eq "$(in_root stat -c '%a %U' /var/lib/ocop-kiosk/kiosk.ini)" "600 ocop" \
    "the box's kiosk.ini is made, the kiosk user's"
expect_grep '^database = /var/lib/ocop-kiosk/ocop-kiosk.db$' "$R/var/lib/ocop-kiosk/kiosk.ini" \
    "the box's database is in /var/lib/ocop-kiosk"

# An ordinary user cannot read the box's settings: the demo database in the working folder.
in_root mkdir -m 0777 /tmp/work
as_user nobody nogroup sh -c 'cd /tmp/work && ocop-kiosk search --json mat hoa dua' >"$T/search" 2>"$T/search.err"
expect_status 0 "an ordinary user's ocop-kiosk search runs"
sed 's/^/    stderr| /' "$T/search.err"
expect_grep '"name_vi":"Mật hoa dừa"' "$T/search" "search finds Mật hoa dừa in the demo catalogue"
if [ -f "$R/tmp/work/ocop-kiosk.db" ]; then pass; else fail "the ordinary user's demo database is in the working folder"; fi

# The kiosk user: the fair's database, in /var/lib/ocop-kiosk, seeded with the demo.
as_user ocop ocop sh -c 'cd / && ocop-kiosk search --json --group beverages' >"$T/search2" 2>"$T/search2.err"
expect_status 0 "the kiosk user's ocop-kiosk search runs"
sed 's/^/    stderr| /' "$T/search2.err"
expect_grep '"total":' "$T/search2" "the kiosk user's search answers"
expect_eq "$(in_root stat -c '%U' /var/lib/ocop-kiosk/ocop-kiosk.db 2>&1)" "ocop" \
    "the fair's database is made in /var/lib/ocop-kiosk, the kiosk user's"

# Headless screenshot: the program's fonts come from fonts-noto-core through fontconfig.
if [ -d "$R/usr/share/ocop-kiosk/fonts" ]; then fail "the package installs no fonts folder"; else pass; fi
as_user ocop ocop ocop-kiosk shot --screen browse --size 800x480 -o /var/lib/ocop-kiosk/browse.png \
    >"$T/shot.log" 2>&1
expect_status 0 "the installed program renders the browse screen headless"
if [ -s "$R/var/lib/ocop-kiosk/browse.png" ]; then pass; else fail "the screenshot was written"; fi
in_root fc-match -f '%{file}' 'Noto Sans:style=Regular' >"$T/font"
expect_grep "^/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf$" "$T/font" \
    "fontconfig finds Noto Sans from fonts-noto-core"

if in_root sh -c 'command -v systemd-analyze' >/dev/null; then
    in_root systemd-analyze verify --man=no /lib/systemd/system/ocop-kiosk.service >"$T/verify" 2>&1
    expect_status 0 "systemd-analyze verify accepts the installed unit"
    if [ -s "$T/verify" ]; then fail "systemd-analyze verify warns:"; sed 's/^/    | /' "$T/verify"; else pass; fi
fi
if in_root sh -c 'command -v cage' >/dev/null; then pass; else fail "cage came with the package (Recommends)"; fi

# The installed session's display path: the installed cage (headless output) runs the
# installed kiosk as the unit does (its cage options and Environment=, as the kiosk user, in
# the database folder) for a few frames; the Wayland log shows its frames reaching cage.
unit="$R/lib/systemd/system/ocop-kiosk.service"
cage_opts=$(sed -n 's|^ExecStart=.*/usr/bin/cage \(.*\) -- .*|\1|p' "$unit")
unit_env=$(sed -n 's/^Environment=//p' "$unit")
in_root install -d -o ocop -g ocop -m 0700 /tmp/run
# shellcheck disable=SC2086
as_user ocop ocop env $unit_env XDG_RUNTIME_DIR=/tmp/run WLR_BACKENDS=headless \
    WLR_LIBINPUT_NO_DEVICES=1 WAYLAND_DEBUG=client \
    sh -c "cd /var/lib/ocop-kiosk && timeout 120 cage $cage_opts -- ocop-kiosk --frames 3" \
    >"$T/cage.log" 2>&1
expect_status 0 "the installed kiosk runs its first frames under the installed cage"
expect_grep "wl_surface@[0-9]*\.attach(wl_buffer@" "$T/cage.log" \
    "its frames are handed to the compositor over Wayland"
[ "$failed" -eq 0 ] || grep -v '^\[' "$T/cage.log" | tail -5 | sed 's/^/    | /'

# --- removing it leaves the fair's database ----------------------------------------------
sum_before=$(md5sum <"$R/var/lib/ocop-kiosk/ocop-kiosk.db")
in_root apt-get remove -y -q ocop-kiosk >"$T/remove.log" 2>&1
expect_status 0 "apt-get remove ocop-kiosk"
if [ -e "$R/usr/bin/ocop-kiosk" ]; then fail "the program is removed"; else pass; fi
expect_eq "$(md5sum <"$R/var/lib/ocop-kiosk/ocop-kiosk.db")" "$sum_before" \
    "removing the package leaves the fair's database as it was"
echo "idle_seconds = 120" >>"$R/var/lib/ocop-kiosk/kiosk.ini"
in_root apt-get install -y -q /tmp/ocop-kiosk.deb >"$T/reinstall.log" 2>&1
expect_status 0 "the package installs again over the kept data"
expect_grep '^idle_seconds = 120$' "$R/var/lib/ocop-kiosk/kiosk.ini" "installing again keeps the box's kiosk.ini"
in_root apt-get purge -y -q ocop-kiosk >"$T/purge.log" 2>&1
expect_status 0 "apt-get purge ocop-kiosk"
expect_eq "$(md5sum <"$R/var/lib/ocop-kiosk/ocop-kiosk.db")" "$sum_before" \
    "purging the package leaves the fair's database too"
expect_grep "kept in /var/lib/ocop-kiosk" "$T/purge.log" "purge says where the fair's data is kept"

t3=$(now)
echo "install test: base root $((t1 - t0)) s, apt install $((t2 - t1)) s, checks $((t3 - t2)) s"
finish
