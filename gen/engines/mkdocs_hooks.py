"""MkDocs hooks: the fast path for generated pages.

A generated page's body is already final, sanitized HTML. Python-Markdown would
pass it through unchanged, but only after running it through its HTML block
parser, which is most of a build's time. These hooks hand the body straight to
the theme instead.

Material renders the navigation tabs and sidebars for every page, a third of
a page's template time. On a generated page that is not itself in the
navigation, no item is active and the table of contents is empty and hidden,
so they differ from page to page only in the relative links to the
navigation's pages. docs/overrides/main.html renders them once for each set
of such links and reuses them.

Without these hooks the site is the same, only slower, so another engine can
build the generated Markdown as it is.
"""

from __future__ import annotations

from mkdocs.utils import get_relative_url

GENERATED_FLAG = "generated"
_bodies: dict[str, str] = {}
_navigation_urls: list[str] = []
_shared_chrome: dict[tuple[str, ...], str] = {}


def on_nav(nav, config, files):
    _navigation_urls[:] = [page.url for page in nav.pages]
    _shared_chrome.clear()
    return nav


def _shared_chrome_key(block: str, page) -> tuple[str, ...] | None:
    """Under which key a page shares the rendering of ``block``; None for a page that renders its own."""
    if page is None or not page.meta.get(GENERATED_FLAG) or page.url in _navigation_urls:
        return None
    return block, *(get_relative_url(url, page.url) for url in _navigation_urls)


def _remember_shared_chrome(key: tuple[str, ...], rendered: str) -> str:
    _shared_chrome[key] = rendered
    return rendered


def on_env(env, config, files):
    env.globals.update(
        shared_chrome=_shared_chrome,
        shared_chrome_key=_shared_chrome_key,
        remember_shared_chrome=_remember_shared_chrome,
    )
    return env


def on_page_markdown(markdown: str, page, config, files) -> str:
    """A generated page's body goes straight to its content. Its source is read once, so the file lets
    go of it: MkDocs would otherwise keep every page's source beside its content for the whole
    build, the build's largest allocation."""
    if page.meta.get(GENERATED_FLAG):
        _bodies[page.file.src_uri] = markdown.strip("\n")  # as Python-Markdown returns an HTML block
        page.file.content_string = ""
        return ""
    return markdown


def on_page_content(html: str, page, config, files) -> str:
    return _bodies.pop(page.file.src_uri, html)
