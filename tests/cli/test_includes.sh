#!/bin/sh
# test_includes.sh: the structure HACKING.md asks for, read from the sources.
#   - No two headers include each other, directly or through others; the keyboard's header
#     does not include ui_app.h (the app holds the keyboard's state).
#   - The dependency rule of DESIGN §2: core includes neither SDL nor SQLite, db no SDL.
#   - Screens keep no state in file statics: the app owns each screen's state
#     (ui_screen.state_size), so a file-scope `static` in src/ui/screens is a function or const.
#   - One owner per fact (issue 10): "YYYY-MM" months are read and written by core/month.c
#     alone, calendar time is converted by core/isotime.c alone, and the lead export's words
#     are the string tables' (no Vietnamese text in the literals of core/lead_export.c), and so
#     are the match's: core/match.c says why in codes and numbers (no words in its literals).
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
# Months: a "%04d-%02d" or an atoi of a month's text elsewhere is a second month type (lead_db.c
# and alloc_db.c each had one, YYYYMM numbers in the allocation).
grep -rnE '"%0?4d-%0?2d"|%4d-%2d"|atoi\(month' src --include=*.c | grep -v '^src/core/month\.c:' \
    >"$T/months"
if [ -s "$T/months" ]; then
    fail "months computed outside core/month.c:"
    sed 's/^/    | /' "$T/months"
else pass; fi
# Numbers for people: the files that word quantities and prices for a buyer, an organiser or
# a spreadsheet format them through core/number.c (grant.c, csvout.c and the screens each had a
# formatter of their own); printf's %f/%g there would be a sixth. ui_run.c's %.3f lines are the
# bench's protocol, not text for people.
grep -rnE '%[-+ 0#]*[0-9*]*(\.[0-9*]+)?[fgeE]' src/ui src/core/grant.c src/core/csvout.c \
    src/core/lead_export.c src/core/match_words.c --include=*.c | grep -v '^src/ui/ui_run\.c:' \
    >"$T/numbers"
if [ -s "$T/numbers" ]; then
    fail "numbers formatted outside core/number.c:"
    sed 's/^/    | /' "$T/numbers"
else pass; fi
# Calendar time: libc's conversions only in isotime.c (SQL's strftime('…') is SQLite's).
grep -rnE '\b(gmtime|gmtime_r|localtime|localtime_r|timegm|mktime|strftime)\(' src --include=*.c |
    grep -v '^src/core/isotime\.c:' | grep -v "strftime('" >"$T/times"
if [ -s "$T/times" ]; then
    fail "calendar time converted outside core/isotime.c:"
    sed 's/^/    | /' "$T/times"
else pass; fi
# words_in_literals FILE REGEX: prints the string literals of C file FILE (outside comments)
# that match the Python regular expression REGEX.
words_in_literals() {
    python3 - "$1" "$2" <<'EOF'
import re, sys
text = open(sys.argv[1], encoding="utf-8").read()
text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
for literal in re.findall(r'"(?:[^"\\\n]|\\.)*"', text):
    if re.search(sys.argv[2], literal):
        print(literal)
EOF
}
VI_LETTER='[\u00c0-\u024f\u1e00-\u1eff]'
# The lead export's words: the string literals of lead_export.c hold no Vietnamese letter.
words_in_literals src/core/lead_export.c "$VI_LETTER" >"$T/words"
if [ -s "$T/words" ]; then
    fail "words inside core/lead_export.c (they belong in kiosk-config/strings_*.ini [export]):"
    sed 's/^/    | /' "$T/words"
else pass; fi
# The match's explanation: no words in the literals of match.c (no Vietnamese letter, no two
# words in a row, no symbol such as ★ or ₫); match_words.c words it from the string tables.
words_in_literals src/core/match.c "$VI_LETTER|[\u2000-\u2bff]|[A-Za-z]+ +[A-Za-z]+" \
    >"$T/match_words"
if [ -s "$T/match_words" ]; then
    fail "words inside core/match.c (they belong in kiosk-config/strings_*.ini [match]):"
    sed 's/^/    | /' "$T/match_words"
else pass; fi
finish
