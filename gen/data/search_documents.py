"""What the site's search finds: plain-text documents, one per page and one per section.

Page writers describe their searchable content here instead of leaving the
search engine to parse their HTML: that is cheaper, and it lets a trajectory's
ablations be found as sections that link straight to their headings.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SearchDocument:
    """One search result.

    ``location`` is the page's URL path relative to the site root (``papers/x/``),
    plus ``#anchor`` for a section; a page's own document (no ``#``) comes
    before its sections. ``title`` and ``text`` are plain text, not HTML.
    ``named_by_title``: the page is the one its title names (a paper's page, not
    the pages of its plans), so a query of that title finds it first.
    """

    location: str
    title: str
    text: str
    named_by_title: bool = False
