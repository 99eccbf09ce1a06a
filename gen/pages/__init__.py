"""Page writers: site model in, ``GeneratedPage`` records out. No MkDocs here."""

from __future__ import annotations

from collections.abc import Iterator

from gen.memo import Memo, NoMemo
from gen.model.site_model import Site
from gen.pages.compare_page import compare_page
from gen.pages.downloads_page import downloads_page
from gen.pages.explorer_page import explorer_page
from gen.pages.index_pages import home_page, paper_index_pages, planners_index_page
from gen.pages.markup import GeneratedPage
from gen.pages.paper_page import paper_page, paper_page_key
from gen.pages.planner_page import planner_pages
from gen.pages.statistics_page import statistics_page
from gen.pages.trajectory_page import trajectory_page, trajectory_page_key


def site_pages(site: Site, memo: Memo = NoMemo()) -> Iterator[GeneratedPage]:
    """Every generated page of the site, in one pass over the model.

    A paper's page and its trajectories' pages, nine in ten of all pages, come
    from ``memo`` when what they read is unchanged; the pages that summarise
    the whole corpus are written afresh.
    """
    yield home_page(site)
    yield from paper_index_pages(site)
    yield planners_index_page(site)
    yield explorer_page()
    yield statistics_page(site)
    if len(site.systems) > 1:
        yield compare_page(site)
    yield downloads_page(site)
    for system in site.systems:
        yield from planner_pages(system, site)
    for paper in site.papers:
        yield memo.get(paper_page_key(paper), lambda: paper_page(paper))
    for entry in site.entries:
        yield memo.get(trajectory_page_key(entry), lambda: trajectory_page(entry))
