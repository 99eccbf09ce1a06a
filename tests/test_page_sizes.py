"""No page grows with the corpus: listings are split into pages, and the pages link each other."""

from __future__ import annotations

import re
from functools import cache
from posixpath import normpath

from gen.pages import site_pages
from gen.pages.markup import GeneratedPage
from gen.pages.planner_page import TRAJECTORIES_PER_PAGE
from tests.plan_data import ablation, site_of, trajectory

HREF = re.compile(r'href="([^"#]*)')
MODELS = ("gpt-4o", "o3-mini")


@cache
def pages_for(papers: int) -> dict[str, GeneratedPage]:
    """Every page of a site where two models planned for ``papers`` papers each."""
    site = site_of(*(
        trajectory(model, f"Paper {number:05d}", ablation("Drop the loss"), ablation("Swap the encoder"))
        for number in range(papers) for model in MODELS
    ))
    return {page.path: page for page in site_pages(site)}


def links(page: GeneratedPage) -> set[str]:
    """The pages a page links, as site paths like ``papers/x/``."""
    return {normpath(f"{page.path}{href}") + "/" for href in HREF.findall(page.body) if href}


def listing_paths(pages: dict[str, GeneratedPage], model: str) -> list[str]:
    first = f"planners/lm-planner/{model}/"
    return [first] + sorted((path for path in pages if path.startswith(f"{first}page/")), key=lambda path: int(path.split("/")[-2]))


def reached_listing_pages(pages: dict[str, GeneratedPage], first: str) -> list[str]:
    """The system's listing pages a reader reaches by following plain links from its first page."""
    reached, waiting = [], [first]
    while waiting:
        path = waiting.pop()
        if path not in reached:
            reached.append(path)
            waiting += sorted(target for target in links(pages[path]) if target.startswith(f"{first}page/"))
    return reached


def test_a_planner_listing_over_one_page_is_split_and_still_links_every_trajectory():
    papers = 2 * TRAJECTORIES_PER_PAGE + 1
    pages = pages_for(papers)
    listing = listing_paths(pages, "gpt-4o")
    assert listing[1:] == ["planners/lm-planner/gpt-4o/page/2/", "planners/lm-planner/gpt-4o/page/3/"]
    assert sorted(reached_listing_pages(pages, listing[0])) == sorted(listing)
    trajectories = {path for path in pages if path.startswith("trajectories/lm-planner/gpt-4o/")}
    linked = [links(pages[path]) & trajectories for path in listing]
    assert [len(found) for found in linked] == [TRAJECTORIES_PER_PAGE, TRAJECTORIES_PER_PAGE, 1]
    assert set().union(*linked) == trajectories


def test_a_planner_listing_that_fits_one_page_has_no_pager():
    pages = pages_for(TRAJECTORIES_PER_PAGE)
    assert listing_paths(pages, "gpt-4o") == ["planners/lm-planner/gpt-4o/"]
    assert "Trajectory pages" not in pages["planners/lm-planner/gpt-4o/"].body


def test_no_page_grows_with_the_number_of_trajectories():
    small, large = pages_for(TRAJECTORIES_PER_PAGE + 1), pages_for(10 * (TRAJECTORIES_PER_PAGE + 1))
    assert len(large) > 9 * len(small)
    largest_small = max(len(page.body) for page in small.values())
    largest_large = max(large.values(), key=lambda page: len(page.body))
    # Pagers list their pages, so a listing page grows by a few bytes per further page.
    assert len(largest_large.body) < 1.2 * largest_small, f"{largest_large.path} grew with the corpus"
