"""One page per system (a planner with a model): its scores and plans by task, how it plans, and every one of its trajectories.

The trajectory listing is split by task into pages of at most ``TRAJECTORIES_PER_PAGE``, as the
papers matrix is (``gen.pages.paging``): the system's page shows the first, ``page/2/`` onwards the
rest. Each listing page links the pages before and after it and the first page of each task, so
plain links reach every trajectory while no page's navigation grows with the corpus.
"""

from __future__ import annotations

from statistics import median

from gen.data.search_documents import SearchDocument
from gen.model.plan_statistics import PlanStatistics, system_statistics
from gen.model.site_model import Site, SystemGroup, TrajectoryEntry
from gen.model.tasks import NO_TASK_PAPERS, task_anchor, task_description, task_label
from gen.pages.compare_page import COMPARE_PATH
from gen.pages.markup import (
    GeneratedPage, breadcrumbs, count_and_share, link, relative_url, score_cell, skippable, table, text, title_range,
)
from gen.pages.paging import TaskPage, pages_by_task, pages_of_task
from gen.pages.statistics_page import system_statistics_section
from gen.records import KNOWN_ACTIONS

SEARCHED_METRICS = 12
TRAJECTORIES_PER_PAGE = 100
LISTING = "#trajectories"
FIXED_ORDER_TABLE = "tv-table tv-table--fixed"  # its rows build on each other: sortable-tables.js leaves it as built


def _task_row(label: str, entries: list[TrajectoryEntry], score: list[str]) -> list[str]:
    return [label, f"{len(entries):,}", f"{sum(len(entry.ablations) for entry in entries):,}", *score]


def _by_task(system: SystemGroup, site: Site, pages: list[TaskPage[TrajectoryEntry]]) -> str:
    """Trajectories and ablations per task, each beside the system's published score for the same papers.

    The overall score covers the papers of every task together, so its row counts those; papers
    without a task are counted apart, and a last row counts every trajectory when there are both.
    """
    scored = site.leaderboard is not None
    published = (lambda key: [score_cell(system.scores.score(key) if system.scores else None)]) if scored else (lambda key: [])
    by_task = system.entries_by_task
    tasks = [task for task in by_task if task is not None]
    rows = [_task_row(_task_link(system, pages, task), by_task[task], published(task)) for task in tasks]
    if tasks or system.scores:
        covered = f": {' and '.join(tasks)}" if tasks else ""
        label = f"<strong>All tasks</strong> <small>(the papers the overall score covers{text(covered)})</small>"
        rows.append(_task_row(label, [entry for task in tasks for entry in by_task[task]], published("overall")))
    if None in by_task:
        label = f"{_task_link(system, pages, None)} <small>({text(NO_TASK_PAPERS)}; not scored)</small>"
        rows.append(_task_row(label, by_task[None], ["—"] if scored else []))
        if tasks:
            rows.append(_task_row("<strong>All trajectories</strong>", system.entries, [""] if scored else []))
    head = ["Task", "Trajectories", "Ablations", *([f"{text(site.leaderboard.metric)} (published)"] if scored else [])]
    note = "" if system.scores or not scored else "<p>The leaderboard does not score this system.</p>\n"
    return f'<h2 id="by-task">By task</h2>\n{note}{table(head, rows, css=FIXED_ORDER_TABLE)}'


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


def _task_link(system: SystemGroup, pages: list[TaskPage[TrajectoryEntry]], task: str | None) -> str:
    """The task's name, linking the first listing page of its trajectories."""
    first = pages_of_task(pages, task)[0]
    return link(system.path, listing_page_path(system, first.number), text(task_label(task)), LISTING)


def _page_label(page: TaskPage[TrajectoryEntry]) -> str:
    return f"{text(task_label(page.task))}, {title_range([entry.paper.title for entry in page.items])}"


def _tasks_line(system: SystemGroup, pages: list[TaskPage[TrajectoryEntry]], page: TaskPage[TrajectoryEntry]) -> str:
    """Each task, linking its first page (unless that is this page; this page's task in bold), with its count of
    trajectories and pages."""
    here = listing_page_path(system, page.number)
    items = []
    for task, entries in system.entries_by_task.items():
        task_pages = pages_of_task(pages, task)
        name = text(task_label(task))
        named = name if task_pages[0] is page else link(here, listing_page_path(system, task_pages[0].number), name, LISTING)
        named = f"<strong>{named}</strong>" if task == page.task else named
        extent = f", {len(task_pages)} pages" if len(task_pages) > 1 else ""
        items.append(f"<li>{named} ({len(entries):,}{extent})</li>")
    return f'<ul class="tv-listing-tasks">{"".join(items)}</ul>'


def _steps(system: SystemGroup, pages: list[TaskPage[TrajectoryEntry]], page: TaskPage[TrajectoryEntry], label: str) -> str:
    """Links to the pages just before and after this one, each with its task and title range."""
    here = listing_page_path(system, page.number)
    steps = []
    for word, number in (("Previous", page.number - 1), ("Next", page.number + 1)):
        if 1 <= number <= len(pages):
            target = link(here, listing_page_path(system, number), f"{word}: page {number}", LISTING)
            steps.append(f"<li>{target} <small>{_page_label(pages[number - 1])}</small></li>")
    return f'<nav aria-label="{label}"><ul class="tv-listing-steps">{"".join(steps)}</ul></nav>'


def _trajectory_listing(system: SystemGroup, pages: list[TaskPage[TrajectoryEntry]], page: TaskPage[TrajectoryEntry]) -> str:
    """The page's rows under their task's heading; with several pages, the tasks and the neighbouring pages around them."""
    here = listing_page_path(system, page.number)
    rows = (
        [
            link(here, entry.path, text(entry.paper.title)),
            text(task_label(entry.paper.task)),
            str(len(entry.ablations)),
            *(str(entry.action_counts.get(kind, 0)) for kind in KNOWN_ACTIONS),
        ]
        for entry in page.items
    )
    listing = skippable(
        table(["Paper", "Task", "Ablations", *(kind.title() for kind in KNOWN_ACTIONS)], rows), "after-trajectories",
        "Skip past the trajectories",
    )
    heading = '<h2 id="trajectories">Trajectories</h2>'
    if len(pages) == 1:
        return f"{heading}\n{listing}"
    task_pages = pages_of_task(pages, page.task)
    place = f", page {task_pages.index(page) + 1} of {len(task_pages)}" if len(task_pages) > 1 else ""
    return "\n".join((
        heading,
        f"<p>{len(system.entries):,} trajectories by task, {TRAJECTORIES_PER_PAGE} to a page, by title.</p>",
        f'<nav aria-label="Trajectories by task">{_tasks_line(system, pages, page)}</nav>',
        _steps(system, pages, page, "Trajectory pages"),
        f'<h3 id="{task_anchor(page.task)}">{text(task_label(page.task))}{place}</h3>',
        f"<p>{text(task_description(page.task))}</p>",
        listing,
        _steps(system, pages, page, "Trajectory pages, after the list"),
    ))


def _compare_links(system: SystemGroup, site: Site) -> str:
    """"Compare with" each other system, on the compare page; nothing when there is no other."""
    others = [other for other in site.systems if other is not system]
    if not others:
        return ""
    links = " · ".join(
        f'<a href="{text(relative_url(system.path, COMPARE_PATH))}?a={text(system.key)}&amp;b={text(other.key)}">'
        f"{text(other.label)}</a>"
        for other in others
    )
    return f'<p class="tv-byline">Compare with: {links}</p>'


def _first_page(system: SystemGroup, site: Site, pages: list[TaskPage[TrajectoryEntry]]) -> GeneratedPage:
    stats = system_statistics(system)
    body = "\n\n".join((
        breadcrumbs(system.path, [("", "Home"), ("planners/", "Planners")], text(system.title)),
        f"<h1>{text(system.title)}</h1>",
        _compare_links(system, site),
        _by_task(system, site, pages),
        _summary(system, stats),
        system_statistics_section(system, stats),
        _trajectory_listing(system, pages, pages[0]),
    ))
    summary = (
        f"{stats.plans} plans, {stats.ablations} ablations. Most used metrics: "
        + ", ".join(metric.name for metric in stats.metrics[:SEARCHED_METRICS])
    )
    return GeneratedPage(system.path, system.title, body, (SearchDocument(system.path, system.title, summary),))


def _later_page(system: SystemGroup, pages: list[TaskPage[TrajectoryEntry]], page: TaskPage[TrajectoryEntry]) -> GeneratedPage:
    here = listing_page_path(system, page.number)
    title = f"{system.title}, trajectories page {page.number}"
    body = "\n\n".join((
        breadcrumbs(here, [("", "Home"), ("planners/", "Planners"), (system.path, text(system.title))], f"page {page.number}"),
        f"<h1>{text(title)}</h1>",
        _trajectory_listing(system, pages, page),
    ))
    return GeneratedPage(here, title, body, ())


def planner_pages(system: SystemGroup, site: Site) -> list[GeneratedPage]:
    """The system's page, then the further pages of its trajectory listing."""
    pages = pages_by_task(system.entries_by_task, TRAJECTORIES_PER_PAGE)
    return [_first_page(system, site, pages), *(_later_page(system, pages, page) for page in pages[1:])]
