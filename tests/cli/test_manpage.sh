#!/bin/sh
# test_manpage.sh: the manual page (man/ocop-kiosk.1) cannot go stale. Checked both ways
# against the program and the documented defaults:
#   - every command of `ocop-kiosk --help` has a `.SS NAME` under `.SH COMMANDS`, and every
#     such section is a command;
#   - every option in `ocop-kiosk NAME --help` is named in that section, and every option in
#     the section's `.TP` tags is in NAME's --help (same for the global options, `.SH OPTIONS`);
#   - every key of kiosk-config/kiosk.ini is a `.TP` tag under `.SS [section]` of
#     `.SH KIOSK.INI`, and every tag there is a key of kiosk.ini;
#   - man renders it without a warning (when man is installed).
# A command, option or key added without its entry fails here with what to write and where.
set -u
. "$OCOP_SRC/tests/cli/lib.sh"
MAN="$OCOP_SRC/man/ocop-kiosk.1"
INI="$OCOP_SRC/kiosk-config/kiosk.ini"

# The man page's text with roff's escaped dashes made plain.
sed 's/\\-/-/g; s/\\f[BIRP]//g' "$MAN" >"$T/man.txt"

# section_of SH [SS]: the lines of `.SH SH` (and within it `.SS SS`), up to the next one.
section_of() {
    awk -v sh="$1" -v ss="${2-}" '
        /^\.SH / { in_sh = (substr($0, 5) == sh); in_ss = 0; next }
        /^\.SS / { in_ss = (substr($0, 5) == ss); next }
        in_sh && (ss == "" || in_ss) { print }' "$T/man.txt"
}

# tp_tags: the tag lines (the line after each .TP) of standard input.
tp_tags() { awk 'tp { print; tp = 0 } /^\.TP/ { tp = 1 }'; }

# options: the options (-x, --name) named in standard input, one per line, sorted.
options() {
    grep -oE '(^|[][ (|,"])--?[a-zA-Z][a-zA-Z0-9-]*' | sed 's/^[][ (|,"]//' | sort -u
}

# ss_names SH: the .SS names of a .SH section.
ss_names() {
    awk -v sh="$1" '/^\.SH / { in_sh = (substr($0, 5) == sh); next }
        in_sh && /^\.SS / { print substr($0, 5) }' "$T/man.txt" | sort -u
}

# --- commands ----------------------------------------------------------------------------
"$OCOP" --help >"$T/help.txt"
expect_status 0 "ocop-kiosk --help"
awk '/^With no command/ { on = 1; next } on && /^$/ { exit } on { print $1 }' "$T/help.txt" \
    | sort -u >"$T/commands.txt"
if [ -s "$T/commands.txt" ]; then pass; else fail "no command list found in ocop-kiosk --help"; fi
ss_names COMMANDS >"$T/man_commands.txt"
for c in $(comm -23 "$T/commands.txt" "$T/man_commands.txt"); do
    fail "command '$c' (ocop-kiosk --help) has no '.SS $c' under '.SH COMMANDS' in man/ocop-kiosk.1"
done
for c in $(comm -13 "$T/commands.txt" "$T/man_commands.txt"); do
    fail "man/ocop-kiosk.1 documents a command '$c' that ocop-kiosk --help does not list"
done

# --- each command's options --------------------------------------------------------------
for c in $(cat "$T/commands.txt"); do
    "$OCOP" "$c" --help >"$T/c_help.txt" 2>&1
    expect_status 0 "ocop-kiosk $c --help"
    options <"$T/c_help.txt" >"$T/c_opts.txt"
    section_of COMMANDS "$c" >"$T/c_man.txt"
    options <"$T/c_man.txt" >"$T/c_man_opts.txt"
    for o in $(comm -23 "$T/c_opts.txt" "$T/c_man_opts.txt"); do
        fail "option $o of 'ocop-kiosk $c --help' is not in '.SS $c' of man/ocop-kiosk.1"
    done
    tp_tags <"$T/c_man.txt" | options >"$T/c_tags.txt"
    for o in $(comm -13 "$T/c_opts.txt" "$T/c_tags.txt"); do
        fail "man/ocop-kiosk.1 documents an option $o of '$c' that 'ocop-kiosk $c --help' does not have"
    done
    [ -s "$T/c_opts.txt" ] && pass
done

# --- global options ----------------------------------------------------------------------
sed -n '/^Global options:/,/^$/p' "$T/help.txt" | options >"$T/g_opts.txt"
if [ -s "$T/g_opts.txt" ]; then pass; else fail "no global options found in ocop-kiosk --help"; fi
section_of OPTIONS >"$T/g_man.txt"
options <"$T/g_man.txt" >"$T/g_man_opts.txt"
for o in $(comm -23 "$T/g_opts.txt" "$T/g_man_opts.txt"); do
    fail "global option $o (ocop-kiosk --help) is not under '.SH OPTIONS' in man/ocop-kiosk.1"
done
tp_tags <"$T/g_man.txt" | options >"$T/g_tags.txt"
for o in $(comm -13 "$T/g_opts.txt" "$T/g_tags.txt"); do
    fail "man/ocop-kiosk.1 documents a global option $o that ocop-kiosk --help does not list"
done

# --- kiosk.ini keys ----------------------------------------------------------------------
awk '/^[ \t]*[;#]/ { next }
    /^[ \t]*\[/ { s = $0; gsub(/[ \t]/, "", s); next }
    /=/ { k = $0; sub(/[ \t]*=.*/, "", k); gsub(/[ \t]/, "", k); print s " " k }' "$INI" \
    | sort -u >"$T/keys.txt"
if [ "$(wc -l <"$T/keys.txt")" -ge 10 ]; then pass; else fail "fewer than 10 keys read from $INI"; fi
ss_names KIOSK.INI >"$T/man_sections.txt"
for s in $(cat "$T/man_sections.txt"); do
    section_of KIOSK.INI "$s" | tp_tags | awk -v s="$s" '{ k = $1; if (k ~ /^\./) k = $2; print s " " k }'
done | sort -u >"$T/man_keys.txt"
comm -23 "$T/keys.txt" "$T/man_keys.txt" | while read -r s k; do
    echo "FAIL: kiosk.ini key $s $k has no '.TP' entry under '.SS $s' of '.SH KIOSK.INI' in man/ocop-kiosk.1"
    echo x >>"$T/key_failures"
done
comm -13 "$T/keys.txt" "$T/man_keys.txt" | while read -r s k; do
    echo "FAIL: man/ocop-kiosk.1 documents kiosk.ini key $s $k, which kiosk-config/kiosk.ini does not have"
    echo x >>"$T/key_failures"
done
if [ -f "$T/key_failures" ]; then
    failed=$((failed + $(wc -l <"$T/key_failures")))
else
    pass
fi

# --- it renders --------------------------------------------------------------------------
if command -v man >/dev/null 2>&1; then
    LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -E UTF-8 -l "$MAN" >"$T/rendered.txt" 2>"$T/warn.txt"
    expect_status 0 "man renders man/ocop-kiosk.1"
    if [ -s "$T/warn.txt" ]; then
        fail "man/ocop-kiosk.1 renders with warnings:"
        sed 's/^/    | /' "$T/warn.txt" | head
    else
        pass
    fi
else
    echo "SKIP: man is not installed: man/ocop-kiosk.1 not rendered"
fi

finish
