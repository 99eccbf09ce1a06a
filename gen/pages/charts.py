"""Bar charts drawn at build time, as tables whose bars are small SVG: no chart library, no script, no CDN.

A chart is a table: each row's header is its label and its last cell its
value, so screen readers read the figures and every label and value is page
text, which wraps, keeps the page's font size (never under 12 px) and follows
the column's width on any screen. Only the bars are SVG, one per row, drawn in
a 0-100 box stretched to the cell, so a bar's length is its share of the
largest value (or, stacked, of its row's total). Colours come from the
stylesheet through classes (``tv-chart__bar--remove``), so light and dark
schemes both apply; nothing carries a style attribute.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

BAR_BOX = 100  # the SVG's width in its own units: bar lengths are percentages
BAR_THICKNESS = 10


@dataclass(frozen=True)
class Bar:
    """One value; ``kind`` picks its colour (``tv-chart__bar--<kind>``), the default colour when empty."""

    label: str
    value: int
    kind: str = ""


def text(value: object) -> str:
    return escape(str(value), quote=True)


def _share(value: int, total: int) -> str:
    return f"{100 * value / total:.0f}%" if total else "0%"


def _bar_class(kind: str) -> str:
    return "tv-chart__bar" + (f" tv-chart__bar--{text(kind.lower())}" if kind else "")


def _bar_svg(rects: str) -> str:
    return (
        f'<svg class="tv-bars__svg" viewBox="0 0 {BAR_BOX} {BAR_THICKNESS}" preserveAspectRatio="none" '
        f'aria-hidden="true" focusable="false">{rects}</svg>'
    )


def _rect(kind: str, x: float, length: float) -> str:
    return f'<rect class="{_bar_class(kind)}" x="{x:.2f}" y="0" width="{length:.2f}" height="{BAR_THICKNESS}"/>'


def _figure(chart_id: str, title: str, rows: list[str], before_table: str = "") -> str:
    return (
        f'<figure class="tv-chart" id="{chart_id}">\n<figcaption id="{chart_id}-title">{text(title)}</figcaption>\n'
        f'{before_table}<table class="tv-bars" aria-labelledby="{chart_id}-title"><tbody>\n'
        + "\n".join(rows)
        + "\n</tbody></table>\n</figure>"
    )


def bar_chart(chart_id: str, title: str, bars: Sequence[Bar], unit: str, shares: bool = False) -> str:
    """Horizontal bars, longest for the largest value; each labelled with its value (and share of the total) in ``unit``."""
    total = sum(bar.value for bar in bars)
    largest = max((bar.value for bar in bars), default=0) or 1
    rows = []
    for bar in bars:
        value = f"{bar.value:,}" + (f" ({_share(bar.value, total)})" if shares else "")
        rows.append(
            f'<tr><th scope="row">{text(bar.label)}</th>'
            f'<td class="tv-bars__bar">{_bar_svg(_rect(bar.kind, 0, BAR_BOX * bar.value / largest))}</td>'
            f'<td class="tv-bars__value">{text(value)}<span class="tv-visually-hidden"> {text(unit)}</span></td></tr>'
        )
    if not rows:
        rows.append(f'<tr><td>No {text(unit)}.</td></tr>')
    return _figure(chart_id, title, rows)


def _legend(kinds: list[tuple[str, str]]) -> str:
    """The segments' names, each after a swatch of its colour."""
    items = "".join(
        f'<li><svg class="tv-bars__swatch" viewBox="0 0 10 10" aria-hidden="true" focusable="false">'
        f'<rect class="{_bar_class(kind)}" width="10" height="10"/></svg>{text(name)}</li>'
        for name, kind in kinds
    )
    return f'<ul class="tv-bars__legend">{items}</ul>\n'


def stacked_bar_chart(chart_id: str, title: str, rows: Sequence[tuple[str, Sequence[Bar]]], unit: str) -> str:
    """One full-width bar per row, split by share, with each segment's count and share written under it;
    a legend above names the segments by colour and text."""
    table_rows = []
    for label, segments in rows:
        total = sum(segment.value for segment in segments)
        rects, x = [], 0.0
        for segment in segments:
            length = BAR_BOX * segment.value / total if total else 0
            rects.append(_rect(segment.kind, x, length))
            x += length
        written = " · ".join(f"{text(s.label)} {s.value:,} ({_share(s.value, total)})" for s in segments)
        table_rows.append(
            f'<tr><th scope="row">{text(label)}</th>'
            f'<td class="tv-bars__bar">{_bar_svg("".join(rects))}'
            f'<span class="tv-bars__parts">{written}<span class="tv-visually-hidden"> {text(unit)}</span></span></td></tr>'
        )
    kinds = list(dict.fromkeys((segment.label, segment.kind) for _, segments in rows for segment in segments))
    return _figure(chart_id, title, table_rows, _legend(kinds))
