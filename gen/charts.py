"""Bar charts as inline SVG, drawn at build time: no chart library, no script, no CDN.

Each chart is an image to assistive technology (``role="img"``) named by its
``<title>`` and described by a ``<desc>`` that lists every value, and its bars
carry text labels, so nothing is told by colour alone. Colours and fonts come
from the stylesheet through classes (``tv-chart__bar--remove``), so the theme's
light and dark schemes both apply; the SVG has no style attributes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

WIDTH = 560
ROW_HEIGHT = 26
BAR_HEIGHT = 18
CHAR_WIDTH = 7.5  # a generous average for the 12px labels
LABEL_CHARS = 30  # longer labels are cut, with the whole label as a tooltip
VALUE_WIDTH = 88
GAP = 8
LEGEND_HEIGHT = 28
SEGMENT_LABEL_MIN_WIDTH = 40  # a segment narrower than this shows its share in the legend and description only


@dataclass(frozen=True)
class Bar:
    """One value; ``kind`` picks its colour (``tv-chart__bar--<kind>``), the default colour when empty."""

    label: str
    value: int
    kind: str = ""


def text(value: object) -> str:
    return escape(str(value), quote=True)


def _short(label: str) -> str:
    return label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1] + "…"


def _label_width(labels: Sequence[str]) -> int:
    return round(max((len(_short(label)) for label in labels), default=0) * CHAR_WIDTH) + 2 * GAP


def _share(value: int, total: int) -> str:
    return f"{100 * value / total:.0f}%" if total else "0%"


def _bar_class(kind: str) -> str:
    return "tv-chart__bar" + (f" tv-chart__bar--{text(kind.lower())}" if kind else "")


def _row_label(label: str, x: int, y: float) -> str:
    tooltip = f"<title>{text(label)}</title>" if _short(label) != label else ""
    return f'<text class="tv-chart__label" x="{x}" y="{y:.1f}" text-anchor="end">{tooltip}{text(_short(label))}</text>'


def _figure(chart_id: str, title: str, description: str, height: int, shapes: list[str]) -> str:
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="tv-chart__svg" viewBox="0 0 {WIDTH} {height}" '
        f'role="img" aria-labelledby="{chart_id}-title {chart_id}-desc">'
        f'<title id="{chart_id}-title">{text(title)}</title><desc id="{chart_id}-desc">{text(description)}</desc>'
        + "".join(shapes)
        + "</svg>"
    )
    return f'<figure class="tv-chart" id="{chart_id}">\n<figcaption>{text(title)}</figcaption>\n{svg}\n</figure>'


def bar_chart(chart_id: str, title: str, bars: Sequence[Bar], unit: str, shares: bool = False) -> str:
    """Horizontal bars, longest for the largest value; each labelled with its value (and share of the total)."""
    total = sum(bar.value for bar in bars)
    largest = max((bar.value for bar in bars), default=0) or 1
    label_width = _label_width([bar.label for bar in bars])
    scale = (WIDTH - label_width - VALUE_WIDTH) / largest
    shapes, described = [], []
    for row, bar in enumerate(bars):
        top = row * ROW_HEIGHT + (ROW_HEIGHT - BAR_HEIGHT) / 2
        middle = row * ROW_HEIGHT + ROW_HEIGHT / 2
        length = bar.value * scale
        value = f"{bar.value:,}" + (f" ({_share(bar.value, total)})" if shares else "")
        shapes.append(
            '<g class="tv-chart__row">'
            + _row_label(bar.label, label_width - GAP, middle)
            + f'<rect class="{_bar_class(bar.kind)}" x="{label_width}" y="{top:.1f}" width="{length:.1f}" height="{BAR_HEIGHT}"/>'
            + f'<text class="tv-chart__value" x="{label_width + length + GAP / 2:.1f}" y="{middle:.1f}">{text(value)}</text>'
            + "</g>"
        )
        described.append(f"{bar.label}: {value}")
    description = f"{unit.capitalize()}: " + "; ".join(described) + "." if described else f"No {unit}."
    return _figure(chart_id, title, description, max(1, len(bars)) * ROW_HEIGHT, shapes)


def stacked_bar_chart(chart_id: str, title: str, rows: Sequence[tuple[str, Sequence[Bar]]], unit: str) -> str:
    """One full-width bar per row, split by share; a legend under the bars names the segments by colour and text."""
    label_width = _label_width([label for label, _ in rows])
    span = WIDTH - label_width - GAP
    shapes, described = [], []
    for row, (label, segments) in enumerate(rows):
        top = row * ROW_HEIGHT + (ROW_HEIGHT - BAR_HEIGHT) / 2
        middle = row * ROW_HEIGHT + ROW_HEIGHT / 2
        total = sum(segment.value for segment in segments)
        parts, x = [_row_label(label, label_width - GAP, middle)], float(label_width)
        for segment in segments:
            length = span * segment.value / total if total else 0
            parts.append(f'<rect class="{_bar_class(segment.kind)}" x="{x:.1f}" y="{top:.1f}" width="{length:.1f}" height="{BAR_HEIGHT}">'
                         f"<title>{text(segment.label)}: {segment.value:,} ({_share(segment.value, total)})</title></rect>")
            if length >= SEGMENT_LABEL_MIN_WIDTH:
                parts.append(f'<text class="tv-chart__segment-value" x="{x + length / 2:.1f}" y="{middle:.1f}" '
                             f'text-anchor="middle">{_share(segment.value, total)}</text>')
            x += length
        shapes.append('<g class="tv-chart__row">' + "".join(parts) + "</g>")
        described.append(f"{label}: " + ", ".join(f"{s.label} {s.value:,} ({_share(s.value, total)})" for s in segments))
    legend_top = len(rows) * ROW_HEIGHT + GAP
    kinds = list(dict.fromkeys((segment.label, segment.kind) for _, segments in rows for segment in segments))
    x = label_width
    for name, kind in kinds:
        shapes.append(f'<rect class="{_bar_class(kind)}" x="{x}" y="{legend_top}" width="12" height="12"/>'
                      f'<text class="tv-chart__label" x="{x + 16}" y="{legend_top + 6}">{text(name)}</text>')
        x += 16 + round(len(name) * CHAR_WIDTH) + 2 * GAP
    description = f"{unit.capitalize()}, share of each: " + "; ".join(described) + "."
    return _figure(chart_id, title, description, len(rows) * ROW_HEIGHT + GAP + LEGEND_HEIGHT, shapes)
