#!/bin/sh
# test_includes.sh: the structure HACKING.md asks for, read from the sources.
#   - No two headers include each other, directly or through others; the keyboard's header
#     does not include ui_app.h (the app holds the keyboard's state).
#   - The dependency rule of DESIGN §2: core includes neither SDL nor SQLite, db no SDL.
#   - Screens keep no state in file statics: the app owns each screen's state
#     (ui_screen.state_size), so a file-scope `static` in src/ui/screens is a function or const.
set -u
. "$OCOP_SRC/tests/cli/lib.sh"
cd "$OCOP_SRC" || exit 1

python3 - >"$T/cycles" <<'EOF'
import os, re
graph = {}
for root, _, files in os.walk("src"):
    for name in files:
        if name.endswith(".h"):
            path = os.path.join(root, name)
            key = os.path.relpath(path, "src")
            with open(path, encoding="utf-8") as f:
                graph[key] = re.findall(r'^#include "([^"]+)"', f.read(), re.M)
def visit(node, stack, done):
    if node in stack:
        print(" -> ".join(stack[stack.index(node):] + [node]))
        return
    if node in done or node not in graph:
        return
    done.add(node)
    for dep in graph[node]:
        visit(dep, stack + [node], done)
done = set()
for node in sorted(graph):
    visit(node, [], done)
if not graph:
    print("no headers found (the walk is broken)")
EOF
if [ -s "$T/cycles" ]; then
    fail "headers include each other:"
    sed 's/^/    | /' "$T/cycles"
else pass; fi

# The app holds the keyboard's state (ui_app.h includes ui_keyboard.h); the keyboard's header
# names the app only by a forward declaration, so the two headers never need each other.
if grep -q '#include "ui/ui_app.h"' src/ui/ui_keyboard.h; then
    fail "ui_keyboard.h includes ui_app.h, the header of the app that holds the keyboard"
else pass; fi
if grep -q '#include "ui/ui_keyboard.h"' src/ui/ui_app.h; then pass; else
    fail "ui_app.h does not include ui_keyboard.h (the check above is out of date)"
fi

if grep -rlE '#include <(SDL[^>]*|sqlite3)\.h>' src/core >"$T/core"; then
    fail "core includes SDL or SQLite: $(cat "$T/core")"
else pass; fi
if grep -rlE '#include <SDL[^>]*\.h>' src/db >"$T/db"; then
    fail "db includes SDL: $(cat "$T/db")"
else pass; fi

# File-scope statics of the screens: lines that start with `static` and are neither a function
# (an opening parenthesis before any `=`) nor const data.
ls src/ui/screens/scr_*.c >"$T/screens"
if [ "$(wc -l <"$T/screens")" -ge 7 ]; then pass; else fail "the screens are not found"; fi
grep -nE '^static ' src/ui/screens/scr_*.c | grep -vE '^[^:]+:[0-9]+:static (const|[^=]*\()' \
    >"$T/statics"
if [ -s "$T/statics" ]; then
    fail "screens keep state in file statics:"
    sed 's/^/    | /' "$T/statics"
else pass; fi
finish
