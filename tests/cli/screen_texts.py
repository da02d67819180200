#!/usr/bin/python3
"""screen_texts.py: checks on the JSON of `ocop-kiosk shot --texts` (what is on screen).

Usage: screen_texts.py FILE.json CHECK [ARG...]; exit 0 when the check holds, 1 with the reason
on stdout otherwise. Checks:
  has TEXT            some visible text contains TEXT
  is TEXT             some visible text is TEXT, whole (no more, no less)
  lacks TEXT          no visible text contains TEXT
  tap TEXT            some tappable widget's label contains TEXT
  tap-exact TEXT      some tappable widget's label is TEXT
  no-tap-exact TEXT   no tappable widget's label is TEXT
  value TEXT          prints the first visible text that starts with TEXT (exit 1 when none)
  not-cut             no text is shown cut (with an ellipsis)
  cut TEXT            the text containing TEXT is shown cut (what not-cut relies on)
  inside W H          every text and widget lies within the W x H screen (of a text "clipped"
                      by a scrolled viewport, the part on view)
  min-target PX       every tappable widget is at least PX pixels wide and high (a widget
                      scrolled partly out of view, "clipped", is judged where it is whole)
  no-tap-overlap      no two tappable widgets overlap (a tap would be ambiguous); a widget
                      holding all the others (the attract loop's "touch anywhere") lies under
                      them by design and is left out
  no-overlap          no two texts overlap (texts inside one widget's label excepted; a text
                      "clipped" by a scrolled box is judged by the part on view, "seen")
  shows-start TEXT    the text containing TEXT is on view from its first line
  shows-end TEXT      the text containing TEXT is on view to its last line
  reaches H PCT       the lowest text that is not on a tappable widget (a button's label) ends
                      at or below PCT % of the screen's height H: the page uses the height
  text-h TEXT PX      the text containing TEXT is at least PX pixels tall (one line)
  lines TEXT N REF    the text containing TEXT shows at least N lines on view, a line being the
                      height of the one-line text containing REF
  picture NAME W:H    a picture (an organiser's logo, "picture": true) whose name contains NAME
                      is on screen, its box in the shape W:H (within a pixel each way: drawn
                      whole, not stretched)
  pictures N          exactly N pictures are on screen
  min-width TEXT PX   the first text containing TEXT is at least PX pixels wide (a wrapped
                      text's box is as wide as it may wrap to)
  clear-above TEXT PX every tappable widget that starts above the tappable widget labelled
                      TEXT (a bottom action bar's button) ends at least PX pixels above its
                      top: a scrolled form stops short of the bar, nothing to tap lies under
                      the bar's edge
  texts-above TEXT PX every text that starts above the tappable widget labelled TEXT (a
                      bottom action bar's button) and is not a widget's label ends, the part
                      on view, at least PX pixels above its top: a scrolled page stops short of
                      the bar, nothing to read lies under it
Pictures count as texts in the other checks: not-cut, inside and no-overlap hold them too.
Several checks may be given at once, separated by "+" (`min-target 48 + not-cut`): one run per
screen is cheaper when a test renders a hundred.
"""
import json
import sys


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def box(i):
    return (i["x"], i["y"], i["x"] + i["w"], i["y"] + i["h"])


def seen_box(i):
    """The part of i on view: a text clipped by a scrolled box carries it as "seen"."""
    if "seen" in i:
        x, y, w, h = i["seen"]
        return (x, y, x + w, y + h)
    return box(i)


def on_widget(i, taps):
    """i lies within one of the tappable widgets taps (it is a button's label)."""
    x0, y0, x1, y1 = box(i)
    return any(x0 >= t["x"] and y0 >= t["y"] and x1 <= t["x"] + t["w"]
               and y1 <= t["y"] + t["h"] for t in taps)


def overlap(a, b, of=box):
    ax0, ay0, ax1, ay1 = of(a)
    bx0, by0, bx1, by1 = of(b)
    return min(ax1, bx1) - max(ax0, bx0) > 0 and min(ay1, by1) - max(ay0, by0) > 0


def main(argv):
    if "+" in argv[2:]:
        status, check = 0, []
        for word in argv[2:] + ["+"]:
            if word == "+":
                status |= main(argv[:2] + check)
                check = []
            else:
                check.append(word)
        return status
    items = load(argv[1])
    check, args = argv[2], argv[3:]
    texts = [i for i in items if not i["tappable"]]
    taps = [i for i in items if i["tappable"]]
    if check == "has":
        if any(args[0] in i["text"] for i in texts):
            return 0
        print("no text contains %r; texts: %s" % (args[0], [i["text"] for i in texts]))
        return 1
    if check == "is":
        if any(args[0] == i["text"] for i in texts):
            return 0
        print("no text is %r; texts: %s" % (args[0], [i["text"] for i in texts]))
        return 1
    if check == "lacks":
        found = [i["text"] for i in texts if args[0] in i["text"]]
        if not found:
            return 0
        print("%r is on screen: %s" % (args[0], found))
        return 1
    if check == "tap":
        if any(args[0] in i["text"] for i in taps):
            return 0
        print("no tappable %r; widgets: %s" % (args[0], [i["text"] for i in taps]))
        return 1
    if check == "tap-exact":
        if any(args[0] == i["text"] for i in taps):
            return 0
        print("no tappable %r; widgets: %s" % (args[0], [i["text"] for i in taps]))
        return 1
    if check == "no-tap-exact":
        if not any(args[0] == i["text"] for i in taps):
            return 0
        print("a tappable %r is on screen" % args[0])
        return 1
    if check == "value":
        for i in texts:
            if i["text"].startswith(args[0]):
                print(i["text"])
                return 0
        return 1
    if check == "not-cut":
        cut = [i["text"] for i in texts if i["cut"]]
        if not cut:
            return 0
        print("cut with an ellipsis: %s" % cut)
        return 1
    if check == "cut":
        found = [i for i in texts if args[0] in i["text"]]
        if found and all(i["cut"] for i in found):
            return 0
        print("%r is not shown cut: %s" % (args[0], found))
        return 1
    if check == "inside":
        w, h = int(args[0]), int(args[1])
        def outside(b):
            return b[0] < 0 or b[1] < 0 or b[2] > w or b[3] > h
        out = [i["text"] for i in items
               if ("seen" in i and outside(seen_box(i))) or (not i["clipped"] and outside(box(i)))]
        if not out:
            return 0
        print("outside the %dx%d screen: %s" % (w, h, out))
        return 1
    if check == "min-target":
        px = int(args[0])
        small = ["%s (%dx%d)" % (i["text"], i["w"], i["h"]) for i in taps
                 if not i["clipped"] and (i["w"] < px or i["h"] < px)]
        if not small:
            return 0
        print("tappable widgets under %d px: %s" % (px, small))
        return 1
    if check == "no-tap-overlap":
        bad = []
        # A background: a widget holding every other one whole.
        def holds(a, b):
            ax0, ay0, ax1, ay1 = box(a)
            bx0, by0, bx1, by1 = box(b)
            return ax0 <= bx0 and ay0 <= by0 and ax1 >= bx1 and ay1 >= by1
        fore = [i for i in taps
                if len(taps) < 2 or not all(holds(i, o) for o in taps if o is not i)]
        for n, a in enumerate(fore):
            for b in fore[n + 1:]:
                if overlap(a, b):
                    bad.append("%r %s / %r %s" % (a["text"], box(a), b["text"], box(b)))
        if not bad:
            return 0
        print("overlapping tappable widgets: %s" % bad)
        return 1
    if check == "no-overlap":
        bad = []
        for n, a in enumerate(texts):
            for b in texts[n + 1:]:
                if overlap(a, b, seen_box):
                    bad.append("%r / %r" % (a["text"], b["text"]))
        if not bad:
            return 0
        print("overlapping texts: %s" % bad)
        return 1
    if check == "reaches":
        h, pct = int(args[0]), float(args[1])
        free = [i for i in texts if not on_widget(i, taps)]
        if not free:
            print("no text outside the tappable widgets")
            return 1
        low = max(free, key=lambda i: seen_box(i)[3])
        if seen_box(low)[3] >= h * pct / 100:
            return 0
        print("the lowest text, %r, ends at y %d, above %g %% of %d (%d)" % (
            low["text"], seen_box(low)[3], pct, h, h * pct / 100))
        return 1
    if check in ("text-h", "lines"):
        def find(t):
            return next((i for i in texts if t in i["text"]), None)
        it = find(args[0])
        if it is None:
            print("no text contains %r" % args[0])
            return 1
        if check == "text-h":
            if it["h"] >= int(args[1]):
                return 0
            print("%r is %d px tall, under %s" % (args[0], it["h"], args[1]))
            return 1
        ref = find(args[2])
        if ref is None:
            print("no text contains %r" % args[2])
            return 1
        x0, y0, x1, y1 = seen_box(it)
        shown = (y1 - y0) / ref["h"]
        if shown >= int(args[1]) - 0.05:
            return 0
        print("%r shows %.1f lines of %d px, under %s" % (args[0], shown, ref["h"], args[1]))
        return 1
    if check in ("shows-start", "shows-end"):
        found = [i for i in texts if args[0] in i["text"]]
        if not found:
            print("no text contains %r" % args[0])
            return 1
        x0, y0, x1, y1 = box(found[0])
        sx0, sy0, sx1, sy1 = seen_box(found[0])
        if (sy0 <= y0) if check == "shows-start" else (sy1 >= y1):
            return 0
        print("%r is not on view to its %s: its box %s, on view %s" % (
            args[0], "first line" if check == "shows-start" else "last line",
            box(found[0]), seen_box(found[0])))
        return 1
    if check == "picture":
        found = [i for i in texts if i.get("picture") and args[0] in i["text"]]
        if not found:
            print("no picture %r on screen; pictures: %s" % (
                args[0], [i["text"] for i in texts if i.get("picture")]))
            return 1
        rw, rh = (int(v) for v in args[1].split(":"))
        w, h = found[0]["w"], found[0]["h"]
        # The shape's width at the drawn height, and its height at the drawn width.
        if abs(w - h * rw / rh) <= 1 or abs(h - w * rh / rw) <= 1:
            return 0
        print("picture %r is %dx%d, not in the shape %s" % (found[0]["text"], w, h, args[1]))
        return 1
    if check == "pictures":
        found = [i["text"] for i in texts if i.get("picture")]
        if len(found) == int(args[0]):
            return 0
        print("%d pictures on screen, not %s: %s" % (len(found), args[0], found))
        return 1
    if check == "min-width":
        found = [i for i in texts if args[0] in i["text"]]
        if not found:
            print("no text contains %r" % args[0])
            return 1
        if found[0]["w"] >= int(args[1]):
            return 0
        print("%r is %d pixels wide, under %s" % (found[0]["text"], found[0]["w"], args[1]))
        return 1
    if check in ("clear-above", "texts-above"):
        bar = next((i for i in taps if i["text"] == args[0]), None)
        if bar is None:
            print("no tappable %r; widgets: %s" % (args[0], [i["text"] for i in taps]))
            return 1
        px = int(args[1])
        if check == "clear-above":
            what = "tappable widgets"
            under = ["%s (ends at y %d)" % (i["text"], i["y"] + i["h"]) for i in taps
                     if i["y"] < bar["y"] and i["y"] + i["h"] > bar["y"] - px]
        else:
            what = "texts"
            under = ["%r (ends at y %d)" % (i["text"][:40], seen_box(i)[3]) for i in texts
                     if not on_widget(i, taps) and seen_box(i)[1] < bar["y"]
                     and seen_box(i)[3] > bar["y"] - px]
        if not under:
            return 0
        print("%s reaching within %d px of %r's top (y %d): %s" % (
            what, px, args[0], bar["y"], under))
        return 1
    print("unknown check %r" % check)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
