#!/usr/bin/python3
"""Writes an SVG of true vs estimated SOC and the error from a run's trace.csv
(lfpbms sim's output). Standard library only, so that docs can be regenerated anywhere.

Usage: tools/plot-soc.py TRACE.csv OUT.svg [TITLE]
"""
import csv
import sys

W, H, PAD = 900, 420, 50
TOP_H = 250  # SOC panel height; the error panel takes the rest
MAX_POINTS = 2500


def load(path):
    t, true, est = [], [], []
    with open(path, newline="") as f:
        for row in csv.DictReader(f):
            t.append(float(row["t_s"]) / 86400.0)
            true.append(float(row["soc_true_pct"]))
            est.append(float(row["soc_est_pct"]))
    step = max(1, len(t) // MAX_POINTS)  # an SVG of a month stays small
    return t[::step], true[::step], est[::step]


def polyline(xs, ys, x0, x1, y0, y1, box, colour, width=1.2):
    left, top, w, h = box
    pts = " ".join("%.1f,%.1f" % (left + (x - x0) / (x1 - x0) * w, top + h - (y - y0) / (y1 - y0) * h)
                   for x, y in zip(xs, ys))
    return f'<polyline fill="none" stroke="{colour}" stroke-width="{width}" points="{pts}"/>\n'


def axis(box, y0, y1, ticks, label, days):
    left, top, w, h = box
    s = f'<rect x="{left}" y="{top}" width="{w}" height="{h}" fill="none" stroke="#999"/>\n'
    for v in ticks:
        y = top + h - (v - y0) / (y1 - y0) * h
        s += f'<line x1="{left}" x2="{left + w}" y1="{y:.1f}" y2="{y:.1f}" stroke="#eee"/>\n'
        s += f'<text x="{left - 6}" y="{y + 4:.1f}" font-size="11" text-anchor="end">{v:g}</text>\n'
    step = max(1, int(days / 10))
    for d in range(0, int(days) + 1, step):
        x = left + d / days * w
        s += f'<text x="{x:.1f}" y="{top + h + 14}" font-size="11" text-anchor="middle">{d}</text>\n'
    s += f'<text x="{left - 38}" y="{top + h / 2}" font-size="12" transform="rotate(-90 {left - 38} {top + h / 2})" text-anchor="middle">{label}</text>\n'
    return s


def main():
    src, out = sys.argv[1], sys.argv[2]
    title = sys.argv[3] if len(sys.argv) > 3 else src
    t, true, est = load(src)
    err = [e - r for e, r in zip(est, true)]
    days = max(t[-1], 1e-6)
    lim = max(3.0, max(abs(e) for e in err))
    top = (PAD, 30, W - PAD - 20, TOP_H - 40)
    bottom = (PAD, TOP_H + 20, W - PAD - 20, H - TOP_H - 50)
    s = f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" font-family="sans-serif">\n'
    s += f'<rect width="{W}" height="{H}" fill="white"/>\n'
    s += f'<text x="{W / 2}" y="18" font-size="14" text-anchor="middle">{title}</text>\n'
    s += axis(top, 0, 100, [0, 25, 50, 75, 100], "SOC %", days)
    s += polyline(t, true, 0, days, 0, 100, top, "#1f77b4", 2.0)
    s += polyline(t, est, 0, days, 0, 100, top, "#d62728", 1.0)
    s += axis(bottom, -lim, lim, [-3, -1, 0, 1, 3], "error %", days)
    s += polyline(t, err, 0, days, -lim, lim, bottom, "#2ca02c", 1.0)
    s += f'<text x="{W - 30}" y="44" font-size="12" text-anchor="end" fill="#1f77b4">true (twin)</text>\n'
    s += f'<text x="{W - 30}" y="60" font-size="12" text-anchor="end" fill="#d62728">estimated (firmware)</text>\n'
    s += f'<text x="{W / 2}" y="{H - 6}" font-size="11" text-anchor="middle">day</text>\n'
    s += "</svg>\n"
    with open(out, "w") as f:
        f.write(s)


if __name__ == "__main__":
    main()
