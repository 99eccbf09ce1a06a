"""One page per system (a planner with a model): its scores and plans by task, how it plans, and every one of its trajectories.

The trajectory listing is split into pages of ``TRAJECTORIES_PER_PAGE`` rows, so
no page grows with the corpus. A system has at most one trajectory per paper;
600 rows keep a page near the size of the largest other pages (about 170 kB)
and list every system of the public corpus (at most 561 papers) on its own
page, the first, as readers expect of it.
"""

from __future__ import annotations

from statistics import median

from gen.data.search_documents import SearchDocument
from gen.model.plan_statistics import PlanStatistics, system_statistics
from gen.model.site_model import Site, SystemGroup, TrajectoryEntry
from gen.model.tasks import task_label
from gen.pages.markup import GeneratedPage, breadcrumbs, count_and_share, link, pager, score_cell, table, text, title_range
from gen.pages.statistics_page import system_statistics_section
from gen.records import KNOWN_ACTIONS

SEARCHED_METRICS = 12
TRAJECTORIES_PER_PAGE = 600


def _by_task(system: SystemGroup, site: Site) -> str:
    """Trajectories and ablations per task, each beside the system's published score for that task."""
    scored = site.leaderboard is not None
    rows = []
    for task, entries in system.entries_by_task.items():
        ablations = sum(len(entry.ablations) for entry in entries)
        score = [score_cell(system.scores.score(task) if system.scores and task else None)] if scored else []
        rows.append([text(task_label(task)), f"{len(entries):,}", f"{ablations:,}", *score])
    overall = [score_cell(system.scores.score("overall") if system.scores else None)] if scored else []
    rows.append(["<strong>All tasks</strong>", f"{len(system.entries):,}", f"{system.ablation_count:,}", *overall])
    head = ["Task", "Trajectories", "Ablations", *([f"{text(site.leaderboard.metric)} (published)"] if scored else [])]
    note = "" if system.scores or not scored else "<p>The leaderboard does not score this system.</p>\n"
    return f'<h2 id="by-task">By task</h2>\n{note}{table(head, rows)}'


def _summary(system: SystemGroup, stats: PlanStatistics) -> str:
    """The plan counts in words; the charts of the statistics section below show the rest."""
    counts = [len(entry.ablations) for entry in system.entries]
    mix = ", ".join(f"{kind.title()} {count_and_share(stats.actions.get(kind, 0), stats.ablations)}" for kind in KNOWN_ACTIONS)
    return (
        '<h2 id="how-it-plans">How it plans</h2>\n<ul>'
        f"<li>{stats.plans:,} trajectories, {stats.ablations:,} ablations</li>"
        f"<li>Ablations per plan: mean {stats.mean_ablations:.1f}, median {median(counts):g}, range {min(counts)}–{max(counts)}</li>"
        f"<li>Action mix: {mix}</li>"
        "</ul>"
    )


def listing_page_path(system: SystemGroup, number: int) -> str:
    return system.path if number == 1 else f"{system.path}page/{number}/"


def _listing_pages(system: SystemGroup) -> list[list[TrajectoryEntry]]:
    entries = system.entries
    return [entries[start:start + TRAJECTORIES_PER_PAGE] for start in range(0, len(entries), TRAJECTORIES_PER_PAGE)] or [[]]


def _trajectory_listing(system: SystemGroup, pages: list[list[TrajectoryEntry]], number: int) -> str:
    """The page's rows, after links to the other pages when there are several."""
    here = listing_page_path(system, number)
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
        (listing_page_path(system, page), title_range([entry.paper.title for entry in entries]))
        for page, entries in enumerate(pages, 1)
    ]
    intro = f"<p>{len(system.entries)} trajectories, {TRAJECTORIES_PER_PAGE} to a page, by paper.</p>"
    return "\n".join((intro, pager(here, "Trajectory pages", ranges, number), table(head, rows)))


def _first_page(system: SystemGroup, site: Site, pages: list[list[TrajectoryEntry]]) -> GeneratedPage:
    stats = system_statistics(system)
    body = "\n\n".join((
        breadcrumbs(system.path, [("", "Home"), ("planners/", "Planners")], text(system.title)),
        f"<h1>{text(system.title)}</h1>",
        _by_task(system, site),
        _summary(system, stats),
        system_statistics_section(system, stats),
        f'<h2 id="trajectories">Trajectories</h2>\n{_trajectory_listing(system, pages, 1)}',
    ))
    summary = (
        f"{stats.plans} plans, {stats.ablations} ablations. Most used metrics: "
        + ", ".join(metric.name for metric in stats.metrics[:SEARCHED_METRICS])
    )
    return GeneratedPage(system.path, system.title, body, (SearchDocument(system.path, system.title, summary),))


def _later_page(system: SystemGroup, pages: list[list[TrajectoryEntry]], number: int) -> GeneratedPage:
    here = listing_page_path(system, number)
    title = f"{system.title}, trajectories page {number}"
    body = "\n\n".join((
        breadcrumbs(here, [("", "Home"), ("planners/", "Planners"), (system.path, text(system.title))], f"page {number}"),
        f"<h1>{text(title)}</h1>",
        _trajectory_listing(system, pages, number),
    ))
    return GeneratedPage(here, title, body, ())


def planner_pages(system: SystemGroup, site: Site) -> list[GeneratedPage]:
    """The system's page, then the further pages of its trajectory listing."""
    pages = _listing_pages(system)
    return [_first_page(system, site, pages), *(_later_page(system, pages, number) for number in range(2, len(pages) + 1))]
