"""Generated pages as Markdown source files: front matter plus one HTML block.

This is the only place that knows the page format MkDocs and Material read
(``title``; ``hide``, as generated pages carry their own links; ``search.exclude``,
as the site's own search index covers them; ``generated``, which lets the MkDocs
hook skip re-parsing HTML that is already final); any engine that reads Markdown with
YAML front matter and passes raw HTML through can build the same files.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape
from pathlib import Path

import yaml

from gen.pages.markup import GeneratedPage


def page_markdown(page: GeneratedPage) -> str:
    """The page's source file.

    Theme templates insert the title without escaping it, so the title is
    escaped here, once; the body is already safe HTML, wrapped in one block so
    that the Markdown renderer passes it through untouched.
    """
    meta: dict[str, object] = {
        "title": escape(page.title, quote=False),
        "generated": True,
        "search": {"exclude": True},
        "hide": ["navigation", "toc"],
    }
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=10_000)
    return f"---\n{front}---\n\n<div class=\"tv-page\">\n{page.body}\n</div>\n"


def write_pages(pages: Iterable[GeneratedPage], folder: Path) -> int:
    """Write each page's source file under ``folder``; returns how many were written."""
    count = 0
    for page in pages:
        target = folder / page.source_file
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page_markdown(page), encoding="utf-8")
        count += 1
    return count
