"""Small HTML building blocks shared by the page writers.

Every piece of trajectory text that reaches a page passes through ``text()``
(escaped) or through the Markdown renderer (sanitized); nothing is interpolated
raw. Links between generated pages are relative, so the site works from any
sub-path, as GitHub project pages serve it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from html import escape

from gen.data.search_documents import SearchDocument
from gen.records import Ablation


@dataclass(frozen=True)
class GeneratedPage:
    """One page of the site: its URL path (``papers/x/``), title, HTML body and what search finds on it."""

    path: str
    title: str
    body: str
    search_documents: tuple[SearchDocument, ...] = ()

    @property
    def source_file(self) -> str:
        return f"{self.path}index.md"


def text(value: object) -> str:
    return escape(str(value), quote=True)


def count_and_share(count: int, total: int) -> str:
    """``1,234 (45%)``: a count beside its share of ``total``, so no reader has to choose between them."""
    return f"{count:,} ({100 * count / total:.0f}%)" if total else f"{count:,}"


def score_cell(score: float | None) -> str:
    """A published score as the leaderboard shows it, a dash where there is none."""
    return "—" if score is None else f"{score:.2f}"


def relative_url(from_path: str, to_path: str) -> str:
    """A link from the page at ``from_path`` to ``to_path``; both are directory URLs like ``papers/x/``."""
    up = "../" * from_path.count("/")
    return (up + to_path) or "./"


def link(from_path: str, to_path: str, label: str, fragment: str = "", css: str = "", name: str = "") -> str:
    """A link from one page to another; ``name``, when given, is what screen readers say in place of ``label``."""
    css_attr = f' class="{css}"' if css else ""
    name_attr = f' aria-label="{text(name)}"' if name else ""
    return f'<a href="{text(relative_url(from_path, to_path) + fragment)}"{css_attr}{name_attr}>{label}</a>'


def action_badge(ablation: Ablation) -> str:
    kind = (ablation.action_kind or "unknown").lower()
    label = text(ablation.action.strip() or "no action")
    return f'<span class="tv-action tv-action--{kind}">{label}</span>'


def chips(values: Iterable[str], css: str = "tv-chips") -> str:
    items = "\n".join(f"<li>{value}</li>" for value in values)
    return f'<ul class="{css}">{items}</ul>'


def table(head: list[str], rows: Iterable[list[str]], css: str = "tv-table") -> str:
    """A table Material styles (it styles only tables without a class), in a wrapper carrying ``css``."""
    header = "".join(f'<th scope="col">{cell}</th>' for cell in head)
    body = "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>\n" for row in rows)
    return f'<div class="{css}">\n<table>\n<thead><tr>{header}</tr></thead>\n<tbody>\n{body}</tbody>\n</table>\n</div>'


def skippable(table_html: str, end_id: str, label: str = "Skip past the table") -> str:
    """A long table with a link past it, for a keyboard that would otherwise tab through every link in it:
    the link shows when focused, and leads to the end of the table (``end_id``), where tabbing goes on."""
    return (
        f'<a class="tv-skip-table" href="#{text(end_id)}">{text(label)}</a>\n{table_html}\n'
        f'<span id="{text(end_id)}" class="tv-table-end" tabindex="-1"></span>'
    )


RANGE_TITLE_CHARS = 28


def short_title(title: str, limit: int = RANGE_TITLE_CHARS) -> str:
    """A title cut after its last whole word that fits in ``limit`` characters, never mid-word."""
    if len(title) <= limit:
        return title
    cut = title[: limit + 1].rsplit(" ", 1)[0] if " " in title[:limit + 1] else title[:limit]
    return cut.rstrip(" ,:;-–") + "…"


def title_range(titles: list[str]) -> str:
    """A listing page's range, by the first and last of its titles, shortened at word ends."""
    if not titles:
        return "—"
    return f"{text(short_title(titles[0]))} – {text(short_title(titles[-1]))}"


def pager_items(here: str, pages: list[tuple[int, str, str]], current: int) -> str:
    """List items linking listing pages: ``pages`` is (number, path, already-escaped range label)."""
    items = []
    for number, path, range_label in pages:
        if number == current:
            items.append(f'<li aria-current="page"><strong>{number}</strong> <small>{range_label}</small></li>')
        else:
            items.append(f"<li>{link(here, path, str(number))} <small>{range_label}</small></li>")
    return "".join(items)


def breadcrumbs(from_path: str, trail: list[tuple[str, str]], current: str) -> str:
    """``trail`` is (path, already-escaped label) from the home page down."""
    steps = [link(from_path, path, label) for path, label in trail] + [f'<span aria-current="page">{current}</span>']
    return '<nav class="tv-breadcrumbs" aria-label="Breadcrumbs">' + " › ".join(steps) + "</nav>"


def admonition(kind: str, title: str, body: str, collapsible: bool = False, open_: bool = True) -> str:
    """A Material-themed admonition; collapsible ones are ``<details>``, like pymdownx.details makes."""
    if collapsible:
        opened = " open" if open_ else ""
        return f'<details class="{kind}"{opened}>\n<summary>{title}</summary>\n{body}\n</details>'
    return f'<div class="admonition {kind}">\n<p class="admonition-title">{title}</p>\n{body}\n</div>'
