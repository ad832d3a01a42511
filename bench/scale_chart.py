"""bench/scale_chart.py: the scale curves of bench/results.json as SVG.

A small SVG writer, no dependency: four panels (memory per session, idle
CPU, keystroke p99, chat p99) over the sessions held, one line per server.
    python3 bench/scale_chart.py bench/results.json bench/scale.svg
"""

import json
import math
import sys
from xml.sax.saxutils import escape

PANELS = [  # key, title, unit
    ("pss_per_session_kib", "Memory per session (PSS)", "KiB"),
    ("idle_cpu_percent", "CPU while all idle", "% of a core"),
    ("keystroke_p99_ms", "Keystroke p99 (5 % typing)", "ms"),
    ("chat_p99_ms", "Chat line to the other screen, p99", "ms"),
]
SERIES = [  # server, colour, dash
    ("mentord", "#1f77b4", ""),
    ("sshd", "#d62728", "6,4"),
]
PANEL_W, PANEL_H = 420, 260
MARGIN_L, MARGIN_R, MARGIN_T, MARGIN_B = 70, 20, 36, 46
TITLE_H, LEGEND_H = 52, 28


def nice_max(v):
    """A round number at or above v for the top of an axis."""
    if v <= 0:
        return 1.0
    e = 10 ** math.floor(math.log10(v))
    for m in (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10):
        if m * e >= v:
            return m * e
    return 10 * e


def fmt(v):
    if v >= 100 or v == int(v):
        return f"{v:,.0f}"
    return f"{v:.1f}" if v >= 1 else f"{v:.2f}"


def panel(out, x0, y0, key, title, unit, points, xs):
    w = PANEL_W - MARGIN_L - MARGIN_R
    h = PANEL_H - MARGIN_T - MARGIN_B
    px, py = x0 + MARGIN_L, y0 + MARGIN_T
    ys = [p[key] for p in points if p.get(key) is not None]
    top = nice_max(max(ys) if ys else 1.0)
    xmax = max(xs) if xs else 1

    def sx(v):
        return px + w * v / xmax

    def sy(v):
        return py + h - h * v / top

    out.append(f'<text x="{x0 + PANEL_W / 2}" y="{y0 + 20}" '
               f'class="t">{escape(title)}</text>')
    out.append(f'<rect x="{px}" y="{py}" width="{w}" height="{h}" '
               f'class="frame"/>')
    for i in range(5):
        v = top * i / 4
        y = sy(v)
        out.append(f'<line x1="{px}" y1="{y:.1f}" x2="{px + w}" '
                   f'y2="{y:.1f}" class="grid"/>')
        out.append(f'<text x="{px - 6}" y="{y + 4:.1f}" class="yl">'
                   f'{fmt(v)}</text>')
    for v in xs:
        out.append(f'<line x1="{sx(v):.1f}" y1="{py + h}" x2="{sx(v):.1f}" '
                   f'y2="{py + h + 4}" class="frame"/>')
        out.append(f'<text x="{sx(v):.1f}" y="{py + h + 16}" class="xl">'
                   f'{v:,}</text>')
    out.append(f'<text x="{px + w / 2}" y="{py + h + 34}" class="xl">'
               f'sessions held</text>')
    out.append(f'<text x="{x0 + 14}" y="{py + h / 2}" class="xl" '
               f'transform="rotate(-90 {x0 + 14} {py + h / 2})">'
               f'{escape(unit)}</text>')
    for server, colour, dash in SERIES:
        pts = sorted((p["sessions"], p[key]) for p in points
                     if p["server"] == server and p.get(key) is not None
                     and p.get("sessions"))
        if not pts:
            continue
        path = " ".join(f"{sx(x):.1f},{sy(y):.1f}" for x, y in pts)
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        out.append(f'<polyline points="{path}" fill="none" '
                   f'stroke="{colour}" stroke-width="2"{dash_attr}/>')
        for x, y in pts:
            out.append(f'<circle cx="{sx(x):.1f}" cy="{sy(y):.1f}" r="3" '
                       f'fill="{colour}"><title>{server}, {x:,} sessions: '
                       f'{fmt(y)} {escape(unit)}</title></circle>')
    if not ys:
        out.append(f'<text x="{px + w / 2}" y="{py + h / 2}" class="xl">'
                   f'not measured</text>')


def chart(results):
    """The SVG text for a results.json object."""
    points = results.get("scale") or []
    xs = sorted({p["sessions"] for p in points if p.get("sessions")})
    cols = 2
    rows = (len(PANELS) + cols - 1) // cols
    width = cols * PANEL_W
    height = TITLE_H + rows * PANEL_H + LEGEND_H
    m = results.get("machine") or {}
    c = results.get("commit") or {}
    sub = (f"{results.get('date', '?')}, commit {c.get('head', '?')}"
           f"{' (modified)' if c.get('modified_files') else ''}, "
           f"{m.get('cpus', '?')} x {m.get('model', '?')}, kernel "
           f"{m.get('kernel', '?')}")
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" '
           f'height="{height}" viewBox="0 0 {width} {height}" '
           f'font-family="sans-serif">',
           '<style>.t{font-size:14px;text-anchor:middle;font-weight:bold}'
           '.xl{font-size:11px;text-anchor:middle}'
           '.yl{font-size:11px;text-anchor:end}'
           '.frame{fill:none;stroke:#444;stroke-width:1}'
           '.grid{stroke:#ddd;stroke-width:1}</style>',
           f'<rect width="{width}" height="{height}" fill="white"/>',
           f'<text x="{width / 2}" y="22" class="t" font-size="16">'
           f'Mentorboard: mentord against OpenSSH sshd, sessions held</text>',
           f'<text x="{width / 2}" y="40" class="xl">{escape(sub)}</text>']
    for i, (key, title, unit) in enumerate(PANELS):
        panel(out, (i % cols) * PANEL_W, TITLE_H + (i // cols) * PANEL_H,
              key, title, unit, points, xs)
    ly = TITLE_H + rows * PANEL_H + 16
    lx = width / 2 - 150
    for server, colour, dash in SERIES:
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        out.append(f'<line x1="{lx}" y1="{ly}" x2="{lx + 30}" y2="{ly}" '
                   f'stroke="{colour}" stroke-width="2"{dash_attr}/>')
        out.append(f'<text x="{lx + 36}" y="{ly + 4}" font-size="12">'
                   f'{server}</text>')
        lx += 150
    out.append("</svg>")
    return "\n".join(out) + "\n"


def main(argv):
    if len(argv) != 3:
        print("usage: scale_chart.py RESULTS_JSON OUT_SVG", file=sys.stderr)
        return 2
    with open(argv[1]) as f:
        results = json.load(f)
    with open(argv[2], "w") as f:
        f.write(chart(results))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
