"""MkDocs hooks: the fast path for generated pages.

A generated page's body is already final, sanitized HTML. Python-Markdown would
pass it through unchanged, but only after running it through its HTML block
parser, which is most of a build's time. These hooks hand the body straight to
the theme instead. Without them the site is the same, only slower, so another
engine can build the generated Markdown as it is.
"""

from __future__ import annotations

GENERATED_FLAG = "generated"
_bodies: dict[str, str] = {}


def on_page_markdown(markdown: str, page, config, files) -> str:
    if page.meta.get(GENERATED_FLAG):
        _bodies[page.file.src_uri] = markdown
        return ""
    return markdown


def on_page_content(html: str, page, config, files) -> str:
    return _bodies.pop(page.file.src_uri, html)
