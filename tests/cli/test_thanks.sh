#!/bin/sh
# test_thanks.sh: the thank-you screen is always useful. Producers' phones and e-mails are on
# screen as text (phones the Vietnamese way) and in the QR code as vCards a real parser reads
# (N: present, a cell's bare CR escaped, a Zalo URL); a producer without contact, or no match at
# all, gives the organisers' desk from kiosk.ini; the screen never asks to scan a code it does not
# show; a stored lead shows a six-character reference (exactly six), the start of its id.
# Checked on `shot --texts` (what is on screen) and the code decoded with zbarimg, parsed with
# python3-vobject.
# Env: $OCOP (the built binary), $OCOP_SRC (the source tree).
set -u
. "$OCOP_SRC/tests/cli/lib.sh"
export OCOP_DATA_DIR="$OCOP_SRC"
export OCOP_NOW=2026-12-05T10:00:00+07:00
TEXTS="$OCOP_SRC/tests/cli/screen_texts.py"
PY=/usr/bin/python3
DB="$T/k.db"

# P-1's producer has a landline and an e-mail (and a name needing vCard escapes); its Vietnamese
# name holds a bare CR, as a spreadsheet cell's line break. P-3's producer has no contact, P-4
# has no capacity (nothing matches).
printf 'code,name_vi,name_en,producer,province,stars,group,unit,measure,phone,email,capacity,capacity_unit,moq\n' >"$T/cat.csv"
printf 'P-1,"Mật ong\rrừng",Forest honey,"HTX Ong; Mật, Tràm",Cà Mau,4,Thực phẩm,chai,500 ml,0290 3831 234,htx@example.vn,1000,chai,10\n' >>"$T/cat.csv"
printf 'P-3,Chiếu cói,Sedge mat,Hộ Trần Thị Tư,Ninh Bình,3,Thủ công mỹ nghệ,cái,,,,500,cái,1\n' >>"$T/cat.csv"
printf 'P-4,Nón lá,Conical hat,Hộ Lê Văn Năm,Huế,3,Thủ công mỹ nghệ,cái,,,,,,1\n' >>"$T/cat.csv"
"$OCOP" --db "$DB" import "$T/cat.csv" >"$T/import.out" 2>&1
expect_status 0 "the test catalogue imports"

# Two configs: the demo desk (kiosk-config/kiosk.ini) and no desk at all.
DEMO="$OCOP_SRC/kiosk-config/kiosk.ini"
printf '[kiosk]\nlang = vi\n' >"$T/nodesk.ini"

# check MESSAGE JSON CHECK [ARG]: a screen_texts.py check.
check() {
    msg=$1
    shift
    if $PY "$TEXTS" "$@" >"$T/check.out" 2>&1; then pass; else
        fail "$msg: $(cat "$T/check.out")"
    fi
}

# vcards PNG: the QR code's vCards, parsed; one line per card: FN|N|TEL…|URL…|NOTE.
vcards() {
    zbarimg -q --raw "$1" 2>/dev/null >"$T/qr.txt"
    $PY - "$T/qr.txt" <<'EOF'
import sys, vobject
text = open(sys.argv[1], encoding="utf-8").read()
for c in vobject.readComponents(text):
    n = c.contents.get("n")
    tel = ",".join(t.value for t in c.contents.get("tel", []))
    url = ",".join(u.value for u in c.contents.get("url", []))
    note = c.note.value.replace("\n", "<LF>") if "note" in c.contents else ""
    print("%s|%s|%s|%s|%s" % (c.fn.value, "N" if n else "no N", tel, url, note))
EOF
}

# --- a producer with contacts --------------------------------------------------------------
"$OCOP" --db "$DB" --config "$DEMO" shot --screen thanks --size 1280x800 --product P-1 \
    -o "$T/p1.png" --texts "$T/p1.json" 2>"$T/p1.err"
expect_status 0 "shot thanks for a producer with phone and e-mail"
check "the phone (Vietnamese grouping) and e-mail are on screen" "$T/p1.json" has "0290 3831 234 · htx@example.vn"
check "the Zalo link is on screen" "$T/p1.json" has "zalo.me/02903831234"
check "the screen asks to scan the code" "$T/p1.json" has "Quét bằng camera"
check "no desk when every producer has a contact" "$T/p1.json" lacks "Quầy Ban tổ chức (DEMO)"
if command -v zbarimg >/dev/null 2>&1 && $PY -c 'import vobject' 2>/dev/null; then
    vcards "$T/p1.png" >"$T/p1.cards" 2>"$T/p1.perr"
    expect_status 0 "the QR code's vCards parse (python3-vobject)"
    expect_grep "^HTX Ong; Mật, Tràm|N|+842903831234|https://zalo.me/02903831234|" "$T/p1.cards" \
        "the vCard has FN, N, the phone in +84 form and the Zalo URL"
    expect_grep "|OCOP 4\* Mật ong<LF>rừng (P-1)$" "$T/p1.cards" \
        "the bare CR in the product name is one escaped line break"
else
    echo "SKIP: zbarimg or python3-vobject missing (scripts/install-deps.sh --test installs them)"
fi

# --- a producer without contact: the desk ---------------------------------------------------
"$OCOP" --db "$DB" --config "$DEMO" shot --screen thanks --size 1280x800 --product P-3 --lang en \
    -o "$T/p3.png" --texts "$T/p3.json" 2>"$T/p3.err"
expect_status 0 "shot thanks for a producer without contact"
check "the screen says the producer has no contact" "$T/p3.json" has "No phone or e-mail listed"
check "the desk from kiosk.ini, with its booth" "$T/p3.json" has "Organisers' desk (DEMO), booth A00 (demo)"
check "the desk's phone" "$T/p3.json" has "0999 000 000"
check "the desk's Zalo" "$T/p3.json" has "zalo.me/0999000000"
if command -v zbarimg >/dev/null 2>&1 && $PY -c 'import vobject' 2>/dev/null; then
    vcards "$T/p3.png" >"$T/p3.cards" 2>&1
    expect_grep "^Organisers' desk (DEMO)|N|+84999000000|https://zalo.me/0999000000|A00 (demo)$" \
        "$T/p3.cards" "the code holds the desk's vCard"
fi

# --- nothing matches ------------------------------------------------------------------------
"$OCOP" --db "$DB" --config "$DEMO" shot --screen thanks --size 800x480 --product P-4 --lang en \
    -o "$T/p4.png" --texts "$T/p4.json" 2>"$T/p4.err"
expect_status 0 "shot thanks when nothing matches"
check "the screen says nothing matched" "$T/p4.json" has "No producer can supply this yet"
check "the desk is given" "$T/p4.json" has "0999 000 000"
check "the code is the desk's, and says so" "$T/p4.json" has "save the organisers' desk contact"
"$OCOP" --db "$DB" --config "$T/nodesk.ini" shot --screen thanks --size 800x480 --product P-4 \
    --lang en -o "$T/p4n.png" --texts "$T/p4n.json" 2>"$T/p4n.err"
expect_status 0 "shot thanks when nothing matches and no desk is configured"
check "no code to show: no request to scan one" "$T/p4n.json" lacks "Scan"
if command -v zbarimg >/dev/null 2>&1; then
    zbarimg -q --raw "$T/p4n.png" >/dev/null 2>&1
    expect_status 4 "and indeed no code is on screen (zbarimg finds none)"
fi

# --- a desk phone that is not a number stops the kiosk with file, line and key -----------------
printf '[desk]\nname_en = Desk\nphone = call us\n' >"$T/bad.ini"
"$OCOP" --db "$DB" --config "$T/bad.ini" shot --screen thanks --size 800x480 --product P-1 \
    -o "$T/bad.png" 2>"$T/bad.err"
expect_status 1 "a bad [desk] phone is refused"
expect_grep "bad.ini:3: desk.phone: not a phone number" "$T/bad.err" "the message names file, line and key"

# --- the reference of a stored lead ----------------------------------------------------------
cat >"$T/visit.txt" <<'SCRIPT'
tap "Name"
type "Max Lee"
tap "Phone"
type "0912 345 678"
tap "Quantity"
type "20"
tap "Done"
tap "Contact me"
tap "Submit"
wait 300
tap "Get the contacts"
SCRIPT
"$OCOP" --db "$DB" --config "$DEMO" shot --screen inquiry --size 1280x800 --product P-1 \
    --lang en --script "$T/visit.txt" -o "$T/ref.png" --texts "$T/ref.json" 2>"$T/ref.err"
expect_status 0 "a scripted visit stores a lead and reaches the thank-you screen"
"$OCOP" --db "$DB" export --format json -o "$T/leads.json" >/dev/null 2>&1
id=$($PY -c 'import json,sys; print(json.load(open(sys.argv[1]))["leads"][0]["id"])' "$T/leads.json")
want=$(printf '%s' "$id" | cut -c1-6 | tr 'a-f' 'A-F')
check "the reference is announced" "$T/ref.json" has "Your reference:"
check "the reference is the first six characters of the lead's id ($want)" "$T/ref.json" has "$want"
check "and no more: six characters to read out" "$T/ref.json" is "$want"
check "the 36-character id is not shown" "$T/ref.json" lacks "$id"
check "the screen says the inquiry is saved and what follows" "$T/ref.json" has "the organisers will connect you"

finish
