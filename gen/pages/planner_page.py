"""One page per planner and model: how it plans, and every one of its trajectories.

The trajectory listing is split into pages of ``TRAJECTORIES_PER_PAGE`` rows, so
no page grows with the corpus. A planner has at most one trajectory per paper;
600 rows keep a page near the size of the largest other pages (about 170 kB)
and list every planner of the public corpus (at most 561 papers) on its own
page, the first, as readers expect of it.
"""

from __future__ import annotations

from statistics import median

from gen.pages.markup import GeneratedPage, breadcrumbs, link, pager, table, text, title_range
from gen.pages.statistics_page import planner_statistics_section
from gen.plan_statistics import PlanStatistics, planner_statistics
from gen.records import KNOWN_ACTIONS
from gen.search_documents import SearchDocument
from gen.site_model import PlannerGroup, TrajectoryEntry

SEARCHED_METRICS = 12
TRAJECTORIES_PER_PAGE = 600


def _summary(planner: PlannerGroup, stats: PlanStatistics) -> str:
    """The plan counts in words; the charts of the statistics section below show the rest."""
    counts = [len(entry.ablations) for entry in planner.entries]
    total = stats.ablations or 1
    mix = ", ".join(
        f"{kind.title()} {stats.actions.get(kind, 0)} ({100 * stats.actions.get(kind, 0) / total:.0f}%)"
        for kind in KNOWN_ACTIONS
    )
    return (
        '<h2 id="how-it-plans">How it plans</h2>\n<ul>'
        f"<li>{stats.plans} trajectories, {stats.ablations} ablations</li>"
        f"<li>Ablations per plan: mean {stats.mean_ablations:.1f}, median {median(counts):g}, range {min(counts)}–{max(counts)}</li>"
        f"<li>Action mix: {mix}</li>"
        "</ul>"
    )


def listing_page_path(planner: PlannerGroup, number: int) -> str:
    return planner.path if number == 1 else f"{planner.path}page/{number}/"


def _listing_pages(planner: PlannerGroup) -> list[list[TrajectoryEntry]]:
    entries = planner.entries
    return [entries[start:start + TRAJECTORIES_PER_PAGE] for start in range(0, len(entries), TRAJECTORIES_PER_PAGE)] or [[]]


def _trajectory_listing(planner: PlannerGroup, pages: list[list[TrajectoryEntry]], number: int) -> str:
    """The page's rows, after links to the other pages when there are several."""
    here = listing_page_path(planner, number)
    rows = (
        [
            link(here, entry.path, text(entry.paper.title)),
            str(len(entry.ablations)),
            *(str(entry.action_counts.get(kind, 0)) for kind in KNOWN_ACTIONS),
        ]
        for entry in pages[number - 1]
    )
    head = ["Paper", "Ablations", *(kind.title() for kind in KNOWN_ACTIONS)]
    if len(pages) == 1:
        return table(head, rows)
    ranges = [
        (listing_page_path(planner, page), title_range([entry.paper.title for entry in entries]))
        for page, entries in enumerate(pages, 1)
    ]
    intro = f"<p>{len(planner.entries)} trajectories, {TRAJECTORIES_PER_PAGE} to a page, by paper.</p>"
    return "\n".join((intro, pager(here, "Trajectory pages", ranges, number), table(head, rows)))


def _first_page(planner: PlannerGroup, pages: list[list[TrajectoryEntry]]) -> GeneratedPage:
    stats = planner_statistics(planner)
    body = "\n\n".join((
        breadcrumbs(planner.path, [("", "Home"), ("planners/", "Planners")], text(planner.title)),
        f"<h1>{text(planner.title)}</h1>",
        _summary(planner, stats),
        planner_statistics_section(planner, stats),
        f'<h2 id="trajectories">Trajectories</h2>\n{_trajectory_listing(planner, pages, 1)}',
    ))
    summary = (
        f"{stats.plans} plans, {stats.ablations} ablations. Most used metrics: "
        + ", ".join(metric.name for metric in stats.metrics[:SEARCHED_METRICS])
    )
    return GeneratedPage(planner.path, planner.title, body, (SearchDocument(planner.path, planner.title, summary),))


def _later_page(planner: PlannerGroup, pages: list[list[TrajectoryEntry]], number: int) -> GeneratedPage:
    here = listing_page_path(planner, number)
    title = f"{planner.title}, trajectories page {number}"
    body = "\n\n".join((
        breadcrumbs(here, [("", "Home"), ("planners/", "Planners"), (planner.path, text(planner.title))], f"page {number}"),
        f"<h1>{text(title)}</h1>",
        _trajectory_listing(planner, pages, number),
    ))
    return GeneratedPage(here, title, body, ())


def planner_pages(planner: PlannerGroup) -> list[GeneratedPage]:
    """The planner's page, then the further pages of its trajectory listing."""
    pages = _listing_pages(planner)
    return [_first_page(planner, pages), *(_later_page(planner, pages, number) for number in range(2, len(pages) + 1))]
