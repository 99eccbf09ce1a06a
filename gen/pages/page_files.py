"""Generated pages as Markdown source files: front matter plus one HTML block.

This is the only place that knows the page format MkDocs and Material read
(``title``; ``short_title``, the title cut to fit a browser tab's title of
``LONGEST_HTML_TITLE`` characters, which docs/overrides/main.html uses when the
title and the site's name together are longer; ``hide``, as generated pages carry their own links; ``search.exclude``,
as the site's own search index covers them; ``generated``, which lets the MkDocs
hook skip re-parsing HTML that is already final); any engine that reads Markdown with
YAML front matter and passes raw HTML through can build the same files.
"""

from __future__ import annotations

import json
import re
from html import escape

from gen.pages.markup import GeneratedPage, short_title

# Characters JSON leaves as they are but YAML reads as line breaks or refuses.
NOT_YAML_SAFE = re.compile("[\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")
# The same for every generated page; block style, which MkDocs' YAML loader reads fastest.
FIXED_FRONT_MATTER = "generated: true\nsearch:\n  exclude: true\nhide: [navigation, toc]\n"
LONGEST_HTML_TITLE = 70  # html-validate's long-title: longer titles are cut in search results and tabs


def yaml_string(value: str) -> str:
    """A double-quoted YAML scalar: JSON's string escapes are YAML's too, but for a few characters."""
    return NOT_YAML_SAFE.sub(lambda match: f"\\u{ord(match[0]):04x}", json.dumps(value, ensure_ascii=False))


def page_markdown(page: GeneratedPage) -> str:
    """The page's source file.

    Theme templates insert the title without escaping it, so the title is
    escaped here, once; the body is already safe HTML, wrapped in one block so
    that the Markdown renderer passes it through untouched.
    """
    title = yaml_string(escape(page.title, quote=False))
    short = yaml_string(escape(short_title(page.title, LONGEST_HTML_TITLE - 1), quote=False))
    return f"---\ntitle: {title}\nshort_title: {short}\n{FIXED_FRONT_MATTER}---\n\n<div class=\"tv-page\">\n{page.body}\n</div>\n"


