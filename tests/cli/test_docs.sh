#!/bin/sh
# test_docs.sh: the contracts the code relies on live in the project (docs/DESIGN.md). Every
# "DESIGN §N" in the sources and docs names a section that exists there, and nothing in the
# project points to a file outside it (a clone stands alone).
set -u
. "$OCOP_SRC/tests/cli/lib.sh"
cd "$OCOP_SRC" || exit 1
DOC=docs/DESIGN.md
if [ -s "$DOC" ]; then pass; else fail "$DOC is missing"; fi

grep -rhoI --exclude-dir=build* --exclude-dir=.git "DESIGN §[0-9][0-9]*" src tests scripts debian man \
    CMakeLists.txt Makefile README.md HACKING.md 2>/dev/null | sort -u >"$T/refs"
if [ -s "$T/refs" ]; then pass; else fail "no DESIGN § reference found (the grep is broken)"; fi
while read -r ref; do
    n=${ref#DESIGN §}
    if grep -q "^## $n\. " "$DOC"; then pass; else fail "'$ref' names no section of $DOC"; fi
done <"$T/refs"

# Paths that only exist on the machine the project was begun on.
grep -rnI --exclude-dir=build* --exclude-dir=.git \
    -e '\.\./shared' -e '/work/shared' -e '/work/main' -e '/work/wt/' src tests scripts \
    debian man docs kiosk-config CMakeLists.txt Makefile README.md HACKING.md \
    | grep -v '^tests/cli/test_docs.sh:' >"$T/outside"
if [ -s "$T/outside" ]; then
    fail "the project points outside itself:"
    sed 's/^/    | /' "$T/outside"
else pass; fi
finish
