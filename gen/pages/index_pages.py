"""The home page, the paper-by-system matrix in pages, and the planners index.

The matrix is grouped by task, the way the published AblationBench table is:
each task's papers fill their own pages of ``PAPERS_PER_PAGE`` (``gen.pages.paging``).
Its columns are grouped by planner. The home page links every matrix page,
which puts every trajectory within two clicks of home.
"""

from __future__ import annotations

from collections.abc import Sequence

from gen.reading.metadata import TASKS
from gen.reading.names import model_display_name, planner_display_name
from gen.pages.markup import (
    GeneratedPage, breadcrumbs, count_and_share, link, pager_items, score_cell, skippable, table, text, title_range,
)
from gen.data.search_documents import SearchDocument
from gen.model.site_model import LeaderboardRow, PaperGroup, Site, SystemGroup, TrajectoryEntry
from gen.model.tasks import NO_TASK_PAPERS, task_anchor, task_description, task_label
from gen.pages.orientation import reading_a_plan, sources
from gen.pages.paging import TaskPage, pages_by_task, pages_of_task
from gen.records import KNOWN_ACTIONS

PAPERS_PER_PAGE = 100
HOME_INTRO = (
    "Language-model planners read a research paper and propose ablation studies for it. "
    "Each trajectory here is one planner's reasoning trace and ablation plan for one paper "
    "(the AblationBench format). Compare how systems plan for the same paper, browse a system's plans, "
    "or search every plan."
)


def matrix_page_path(number: int) -> str:
    return "papers/" if number == 1 else f"papers/page/{number}/"


def matrix_pages(site: Site) -> list[TaskPage[PaperGroup]]:
    return pages_by_task(site.papers_by_task, PAPERS_PER_PAGE)


def _planner_groups(systems: list[SystemGroup]) -> list[tuple[str, list[SystemGroup]]]:
    """Consecutive systems of one planner (the site orders systems by planner)."""
    groups: list[tuple[str, list[SystemGroup]]] = []
    for system in systems:
        if groups and groups[-1][1][0].planner_slug == system.planner_slug:
            groups[-1][1].append(system)
        else:
            groups.append((system.planner_name, [system]))
    return groups


def _matrix_head(site: Site, here: str) -> str:
    """Two header rows: the planners, spanning their models; then the models, each linking its system's page."""
    planners = "".join(
        f'<th scope="colgroup" colspan="{len(systems)}">{text(name)}</th>' for name, systems in _planner_groups(site.systems)
    )
    models = "".join(f'<th scope="col">{link(here, system.path, text(system.model_name))}</th>' for system in site.systems)
    return f'<thead><tr><th scope="col" rowspan="2">Paper</th>{planners}</tr><tr>{models}</tr></thead>'


def _matrix_row(site: Site, paper: PaperGroup, here: str) -> str:
    by_system = {id(entry.system): entry for entry in paper.entries}
    cells = []
    for system in site.systems:
        entry = by_system.get(id(system))
        if entry is None:
            cells.append('<span class="tv-missing" aria-hidden="true">—</span><span class="tv-visually-hidden">no plan</span>')
            continue
        # The link's name says what its number counts. An attribute, not hidden text: a matrix page has
        # hundreds of cells, and each element more is style and layout work on a phone (Lighthouse).
        count = len(entry.ablations)
        cells.append(link(here, entry.path, str(count), name=f"{count} ablations by {system.label}"))
    return "<tr>" + "".join(f"<td>{cell}</td>" for cell in [link(here, paper.path, text(paper.title)), *cells]) + "</tr>\n"


def _matrix(site: Site, papers: Sequence[PaperGroup], here: str) -> str:
    """Rows are papers, columns are systems grouped by planner; every cell links a page that exists."""
    rows = "".join(_matrix_row(site, paper, here) for paper in papers)
    return (
        '<div class="tv-matrix"><div class="tv-table tv-matrix-table">\n<table>\n'
        f"{_matrix_head(site, here)}\n<tbody>\n{rows}</tbody>\n</table>\n</div></div>"
    )


def _task_pager(pages: list[TaskPage[PaperGroup]], task: str | None, here: str, current: int) -> str:
    numbered = [
        (page.number, matrix_page_path(page.number), title_range([paper.title for paper in page.items]))
        for page in pages_of_task(pages, task)
    ]
    return f'<ol class="tv-pager">{pager_items(here, numbered, current)}</ol>'


def _pager(site: Site, pages: list[TaskPage[PaperGroup]], here: str, current: int) -> str:
    """Every matrix page, by task: the task's name and paper count, then its pages with their title ranges."""
    groups = "".join(
        f"<li><strong>{text(task_label(task))}</strong> ({len(papers):,} papers){_task_pager(pages, task, here, current)}</li>"
        for task, papers in site.papers_by_task.items()
    )
    return f'<nav aria-label="Paper pages"><ul class="tv-pager-groups">{groups}</ul></nav>'


def _matrix_page(site: Site, pages: list[TaskPage[PaperGroup]], page: TaskPage[PaperGroup]) -> GeneratedPage:
    here = matrix_page_path(page.number)
    title = "Papers" if page.number == 1 else f"Papers, page {page.number}"
    task_pages = pages_of_task(pages, page.task)
    place = f", page {task_pages.index(page) + 1} of {len(task_pages)}" if len(task_pages) > 1 else ""
    body = "\n\n".join((
        breadcrumbs(here, [("", "Home")], title),
        f"<h1>{title}</h1>",
        f"<p>{len(site.papers):,} papers by task, {PAPERS_PER_PAGE} to a page, by title. "
        "Each number is a plan's count of ablations and links to it; each column is a system, grouped by planner.</p>",
        _pager(site, pages, here, page.number),
        f'<h2 id="{task_anchor(page.task)}">{text(task_label(page.task))}{place}</h2>',
        f"<p>{text(task_description(page.task))}</p>",
        skippable(_matrix(site, page.items, here), "after-papers", "Skip past the papers"),
    ))
    documents = (SearchDocument(here, "Papers", f"All {len(site.papers)} papers, by task and system."),) if page.number == 1 else ()
    return GeneratedPage(here, title, body, documents)


def paper_index_pages(site: Site) -> list[GeneratedPage]:
    pages = matrix_pages(site)
    return [_matrix_page(site, pages, page) for page in pages]


def planners_index_page(site: Site) -> GeneratedPage:
    here = "planners/"
    scored = site.leaderboard is not None
    rows = (
        [
            link(here, system.path, text(system.model_name)),
            text(system.planner_name),
            str(len(system.entries)),
            str(system.ablation_count),
            f"{system.ablation_count / max(1, len(system.entries)):.1f}",
            *(count_and_share(system.action_counts.get(kind, 0), system.ablation_count) for kind in KNOWN_ACTIONS),
            *([score_cell(system.scores.score("overall") if system.scores else None)] if scored else []),
        ]
        for system in site.systems
    )
    head = ["Model", "Planner", "Trajectories", "Ablations", "Per plan", *(kind.title() for kind in KNOWN_ACTIONS)]
    if scored:
        head.append(f"{text(site.leaderboard.metric)} overall")
    body = "\n\n".join((
        breadcrumbs(here, [("", "Home")], "Planners"),
        "<h1>Planners</h1>",
        "<p>Each system, a planner with a model: how many plans it wrote and how it ablates.</p>",
        table(head, rows),
    ))
    text_ = "Planners and models: " + ", ".join(system.title for system in site.systems)
    return GeneratedPage(here, "Planners", body, (SearchDocument(here, "Planners", text_),))


def ranks(scores: list[float | None]) -> list[str]:
    """Each score's rank in its column, as sports tables give it (1, =2, =2, 4); "=" marks every tied entry.

    Scores are compared as the table shows them, to two decimals, so two scores that read the same are tied.
    """
    shown = [None if score is None else round(score, 2) for score in scores]
    given = [value for value in shown if value is not None]
    return [
        "" if value is None else ("=" if given.count(value) > 1 else "") + str(1 + sum(other > value for other in given))
        for value in shown
    ]


def _ranked_score(score: float | None, rank: str) -> str:
    """The score, sorted by its value, then its rank, written out for screen readers."""
    if score is None:
        return score_cell(None)
    said = f"tied for rank {rank[1:]}" if rank.startswith("=") else f"rank {rank}"
    return (
        f'<span data-sort="{text(score)}">{score_cell(score)}</span> '
        f'<span class="tv-rank" aria-hidden="true">{rank}</span><span class="tv-visually-hidden"> ({said})</span>'
    )


def _count(entries: list[TrajectoryEntry] | None) -> str:
    """How many of a system's trajectories a column counts; a dash when the system has none published."""
    if entries is None:
        return '<span data-sort="">—<span class="tv-visually-hidden"> none published</span></span>'
    return f"{len(entries):,}"


def _covered(system: SystemGroup | None, key: str | None) -> list[TrajectoryEntry] | None:
    """The system's trajectories a score column covers: overall, those of every task; else the task's (None: no task)."""
    if system is None:
        return None
    if key == "overall":
        return [entry for entry in system.entries if entry.paper.task is not None]
    return system.entries_by_task.get(key, [])


def _leaderboard_head(metric: str, keys: list[str], no_task: bool) -> str:
    """Two header rows: a group per score (overall, each task) and for No task; under each, its columns."""
    groups = "".join(f'<th scope="colgroup" colspan="2">{text(task_label(key) if key != "overall" else "Overall")}</th>' for key in keys)
    columns = f'<th scope="col">{text(metric)}</th><th scope="col">Trajectories</th>' * len(keys)
    if no_task:
        groups += f'<th scope="colgroup">{text(task_label(None))}</th>'
        columns += '<th scope="col">Trajectories</th>'
    return (
        f'<thead><tr><th scope="col" rowspan="2">Model</th><th scope="col" rowspan="2">Planner</th>{groups}</tr>'
        f"<tr>{columns}</tr></thead>"
    )


def _leaderboard_row(row: LeaderboardRow, keys: list[str], column_ranks: dict[str, str], no_task: bool) -> str:
    model = text(model_display_name(row.scores.model))
    cells = [link("", row.system.path, model) if row.system else model, text(planner_display_name(row.scores.planner))]
    for key in keys:
        cells += [_ranked_score(row.scores.score(key), column_ranks[key]), _count(_covered(row.system, key))]
    if no_task:
        cells.append(_count(_covered(row.system, None)))
    return "<tr>" + "".join(f"<td>{cell}</td>" for cell in cells) + "</tr>\n"


def _leaderboard(site: Site) -> str:
    """Every system the leaderboard scores, each score beside the count of the system's trajectories it covers.

    Those with trajectories here link their pages, the others are text. Papers without a task are
    counted in a column of their own: no published score covers them.
    """
    if site.leaderboard is None:
        return ""
    tasks = [task for task in TASKS if any(row.scores.score(task) is not None for row in site.leaderboard_rows)]
    keys = ["overall", *tasks]
    no_task = None in site.papers_by_task
    by_key = {key: ranks([row.scores.score(key) for row in site.leaderboard_rows]) for key in keys}
    rows = "".join(
        _leaderboard_row(row, keys, {key: by_key[key][index] for key in keys}, no_task)
        for index, row in enumerate(site.leaderboard_rows)
    )
    metric = text(site.leaderboard.metric)
    overall = f" Overall covers the {text(' and '.join(tasks))} papers together." if tasks else ""
    unscored = f" {text(task_label(None))} counts the {text(NO_TASK_PAPERS)}; no published score covers them." if no_task else ""
    return (
        '<h2 id="leaderboard">Leaderboard</h2>\n'
        f"<p>The published AblationBench scores ({metric} of each system's plans against the papers' ground-truth "
        "ablations, by an LM judge), overall and per task, each beside the number of that system's trajectories here "
        f"that it covers.{overall}{unscored} After each score, its rank in its column; "
        "&ldquo;=&rdquo; marks a tie. Systems whose trajectories are not published have no page here.</p>\n"
        f'<div class="tv-table tv-leaderboard">\n<table>\n{_leaderboard_head(site.leaderboard.metric, keys, no_task)}\n'
        f"<tbody>\n{rows}</tbody>\n</table>\n</div>"
    )


def _tasks(site: Site, pages: list[TaskPage[PaperGroup]]) -> str:
    """A section per task: what it is, its papers' count, and links to its matrix pages."""
    sections = []
    for task, papers in site.papers_by_task.items():
        sections.append(
            f'<h3 id="{task_anchor(task)}">{text(task_label(task))}</h3>\n'
            f"<p>{text(task_description(task))} {len(papers):,} papers.</p>\n"
            f'<nav aria-label="{text(task_label(task))} pages">{_task_pager(pages, task, "", 0)}</nav>'
        )
    return '<h2 id="papers">Papers by task</h2>\n' + "\n".join(sections)


def home_page(site: Site) -> GeneratedPage:
    numbers = (
        f'<ul class="tv-numbers"><li><strong>{len(site.entries):,}</strong> trajectories</li>'
        f"<li><strong>{len(site.papers):,}</strong> papers</li>"
        f"<li><strong>{len(site.systems)}</strong> systems</li>"
        f"<li><strong>{site.ablation_count:,}</strong> ablations</li>"
        + "".join(f"<li><strong>{site.action_counts.get(kind, 0):,}</strong> {kind}</li>" for kind in KNOWN_ACTIONS)
        + "</ul>"
    )
    intro = (
        f'<p>{text(HOME_INTRO)}</p><p>{link("", "papers/", "Browse papers")} · {link("", "planners/", "Browse planners")} · '
        f'{link("", "explorer/", "Explore every ablation")} · {link("", "statistics/", "Statistics")} · '
        f'{link("", "", "How to read a plan", "#reading-a-plan")}</p>'
        f'<p>Download the plans: {link("", "downloads/plans.jsonl", "plans.jsonl")} · '
        f'{link("", "downloads/plans.csv", "plans.csv")} ({link("", "downloads/", "schema")})</p>'
    )
    body = "\n\n".join(part for part in (
        "<h1>AblationBench trajectories</h1>",
        intro,
        sources(),
        numbers,
        _leaderboard(site),
        _tasks(site, matrix_pages(site)),
        reading_a_plan(site),
    ) if part)
    return GeneratedPage("", "Home", body, (SearchDocument("", "AblationBench trajectories", HOME_INTRO),))
