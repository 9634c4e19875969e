"""Static charts for report packs: SVG drawn from the figures, as pure functions.

Charts in a PDF must be images made on the server. A few lines of SVG per chart
take about a millisecond and WeasyPrint draws them as vectors with real text;
matplotlib (about 0.09 s a chart, plus numpy) and Plotly with kaleido (a
Chromium per process, 0.2-0.4 s a chart) would spend most of the report's 10 s
budget on twenty charts (docs/decisions/0007-report-packs.md). Every chart is
shown with a table of the same figures and a text alternative, and its series
differ by line style and marker as well as colour.
"""

import base64
import math
from dataclasses import dataclass
from decimal import Decimal
from html import escape

FONT = "Liberation Sans, Arial, Helvetica, sans-serif"
INK = "#0b0c0c"
GRID = "#d9dcdd"
MUTED = "#505a5f"


@dataclass(frozen=True)
class Style:
    colour: str
    width: float
    dash: str = ""
    marker: str = ""  # circle, square, diamond or none


def series_styles(council_colour):
    """How each series is drawn: ours strongest; the target dashed; comparisons lighter."""
    return {
        "ours": Style(council_colour, 2.5, marker="circle"),
        "target": Style(INK, 1.5, dash="6 4"),
        "england": Style(MUTED, 1.5, dash="2 3", marker="square"),
        "median": Style("#6f72af", 1.5, dash="8 3 2 3", marker="diamond"),
    }


def nice_step(span, ticks=5):
    """A round step (1, 2, 2.5 or 5 times a power of ten) giving about `ticks` intervals."""
    if span <= 0:
        return 1.0
    raw = span / ticks
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 2.5, 5, 10):
        if raw <= factor * power:
            return factor * power
    return 10 * power


def axis_range(values, *, include_zero=False):
    """The axis's bottom, top and step: round numbers around the values, with a little room."""
    numbers = [float(v) for v in values if v is not None]
    if not numbers:
        return 0.0, 1.0, 0.25
    low, high = min(numbers), max(numbers)
    if include_zero:
        low = min(low, 0.0)
    if low == high:
        pad = abs(low) * 0.1 or 1.0
        low, high = low - pad, high + pad
    step = nice_step(high - low)
    bottom = math.floor(low / step) * step
    top = math.ceil(high / step) * step
    if bottom < 0 <= low:
        bottom = 0.0
    return bottom, top, step


def tick_label(value, step, suffix=""):
    """A tick's number with as many decimals as the step needs: 0.2 -> 19.4, 2.5 -> 7.5, 50 -> 450."""
    exponent = math.floor(math.log10(step))
    mantissa = round(step / 10 ** exponent, 6)
    decimals = max(0, -exponent + (0 if float(mantissa).is_integer() else 1))
    return f"{value:,.{min(decimals, 4)}f}{suffix}"


def _marker(kind, x, y, colour):
    if kind == "circle":
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.2" fill="{colour}"/>'
    if kind == "square":
        return f'<rect x="{x - 2.8:.1f}" y="{y - 2.8:.1f}" width="5.6" height="5.6" fill="{colour}"/>'
    if kind == "diamond":
        return (f'<path d="M{x:.1f} {y - 3.8:.1f} L{x + 3.8:.1f} {y:.1f} L{x:.1f} {y + 3.8:.1f} '
                f'L{x - 3.8:.1f} {y:.1f} Z" fill="{colour}"/>')
    return ""


def _text(x, y, content, *, size=11, anchor="start", colour=INK, weight="normal"):
    return (f'<text x="{x:.1f}" y="{y:.1f}" font-family="{FONT}" font-size="{size}" fill="{colour}" '
            f'text-anchor="{anchor}" font-weight="{weight}">{escape(str(content))}</text>')


def line_chart(*, periods, series, styles, suffix="", width=640, height=165):
    """A trend: one line per series over the periods; gaps where a figure is missing.

    `series` is [(key, label, values)], `styles` maps each key to a Style.
    """
    left, right, top, legend_height, bottom_axis = 58, 12, 12, 22, 36
    plot_w = width - left - right
    plot_h = height - top - bottom_axis - legend_height
    low, high, step = axis_range([v for _, _, values in series for v in values])
    span = (high - low) or 1.0
    count = max(len(periods), 1)

    def x_of(i):
        return left + (plot_w * (i + 0.5) / count)

    def y_of(v):
        return top + plot_h - (float(v) - low) / span * plot_h

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}">', f'<rect width="{width}" height="{height}" fill="#ffffff"/>']
    tick = low
    while tick <= high + step / 1000:
        y = y_of(tick)
        parts.append(f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" stroke="{GRID}" '
                     f'stroke-width="1"/>')
        parts.append(_text(left - 6, y + 4, tick_label(tick, step, suffix), size=10, anchor="end", colour=MUTED))
        tick += step
    parts.append(f'<line x1="{left}" y1="{top + plot_h:.1f}" x2="{width - right}" y2="{top + plot_h:.1f}" '
                 f'stroke="{INK}" stroke-width="1"/>')
    every = max(1, math.ceil(count / 8))
    year_shown = None
    for i, label in enumerate(periods):
        if i % every == 0 or i == count - 1:
            # "Feb 2026" and "Q1 2026/27" as "Feb" or "Q1", with the year beneath where it starts or changes:
            # easier to read than the year eight times, and WeasyPrint lays out SVG text a letter at a time.
            part, _, year = str(label).partition(" ")
            parts.append(_text(x_of(i), top + plot_h + 15, part, size=10, anchor="middle", colour=MUTED))
            if year and year != year_shown:
                parts.append(_text(x_of(i), top + plot_h + 27, year, size=10, anchor="middle", colour=MUTED))
                year_shown = year
    for key, _label, values in series:
        style = styles[key]
        runs, run = [], []
        for i, v in enumerate(values):
            if v is None:
                if run:
                    runs.append(run)
                run = []
            else:
                run.append((x_of(i), y_of(v)))
        if run:
            runs.append(run)
        dash = f' stroke-dasharray="{style.dash}"' if style.dash else ""
        for points in runs:
            if len(points) > 1:
                path = " ".join(f"{'M' if j == 0 else 'L'}{x:.1f} {y:.1f}" for j, (x, y) in enumerate(points))
                parts.append(f'<path d="{path}" fill="none" stroke="{style.colour}" stroke-width="{style.width}"'
                             f'{dash} stroke-linejoin="round"/>')
            for x, y in points:
                parts.append(_marker(style.marker or ("circle" if len(points) == 1 else ""), x, y, style.colour))
    x = left
    legend_y = height - 8
    for key, label, values in series:
        if not any(v is not None for v in values):
            continue
        style = styles[key]
        dash = f' stroke-dasharray="{style.dash}"' if style.dash else ""
        parts.append(f'<line x1="{x}" y1="{legend_y - 4}" x2="{x + 22}" y2="{legend_y - 4}" '
                     f'stroke="{style.colour}" stroke-width="{style.width}"{dash}/>')
        parts.append(_marker(style.marker, x + 11, legend_y - 4, style.colour))
        parts.append(_text(x + 27, legend_y, label, size=10))
        x += 34 + 5.6 * len(label)
    parts.append("</svg>")
    return "".join(parts)


def bar_chart(*, bars, colour, suffix="", width=640, bar_height=22):
    """Horizontal bars with their label and figure written beside them.

    `bars` is [(label, value or None, text shown)]; a bar with no value (a
    suppressed count, say) is drawn as nothing, with its text still shown.
    """
    label_w, right, gap = 230, 90, 8
    height = len(bars) * (bar_height + gap) + gap
    top_value = max([float(v) for _, v, _ in bars if v is not None] or [1.0]) or 1.0
    plot_w = width - label_w - right
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}">', f'<rect width="{width}" height="{height}" fill="#ffffff"/>']
    for i, (label, value, shown) in enumerate(bars):
        y = gap + i * (bar_height + gap)
        parts.append(_text(label_w - 8, y + bar_height * 0.7, label, anchor="end"))
        length = 0.0 if value is None else plot_w * float(value) / top_value
        if length:
            parts.append(f'<rect x="{label_w}" y="{y}" width="{length:.1f}" height="{bar_height}" fill="{colour}"/>')
        parts.append(_text(label_w + length + 6, y + bar_height * 0.7, f"{shown}{suffix}", weight="bold"))
    parts.append("</svg>")
    return "".join(parts)


def data_uri(svg):
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def as_number(value):
    """A figure as a float for drawing (None stays None)."""
    if value is None:
        return None
    return float(value) if isinstance(value, (int, float, Decimal)) else float(Decimal(str(value)))
