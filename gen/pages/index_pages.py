"""The home page, the paper-by-system matrix in pages, and the planners index.

The matrix is grouped by task, the way the published AblationBench table is:
each task's papers fill their own pages of ``PAPERS_PER_PAGE``, numbered on
through the tasks, so no page grows with the corpus and no page mixes tasks.
Its columns are grouped by planner. The home page links every matrix page,
which puts every trajectory within two clicks of home.
"""

from __future__ import annotations

from dataclasses import dataclass

from gen.reading.metadata import TASKS
from gen.reading.names import model_display_name, planner_display_name
from gen.pages.markup import (
    GeneratedPage, breadcrumbs, count_and_share, link, pager_items, score_cell, table, text, title_range,
)
from gen.data.search_documents import SearchDocument
from gen.model.site_model import PaperGroup, Site, SystemGroup
from gen.model.tasks import task_anchor, task_description, task_label
from gen.pages.orientation import reading_a_plan, sources
from gen.records import KNOWN_ACTIONS

PAPERS_PER_PAGE = 100
HOME_INTRO = (
    "Language-model planners read a research paper and propose ablation studies for it. "
    "Each trajectory here is one planner's reasoning trace and ablation plan for one paper "
    "(the AblationBench format). Compare how systems plan for the same paper, browse a system's plans, "
    "or search every plan."
)


@dataclass(frozen=True)
class MatrixPage:
    """One page of the matrix: its number over all pages, its task, and its papers."""

    number: int
    task: str | None
    papers: list[PaperGroup]

    @property
    def path(self) -> str:
        return matrix_page_path(self.number)


def matrix_page_path(number: int) -> str:
    return "papers/" if number == 1 else f"papers/page/{number}/"


def matrix_pages(site: Site) -> list[MatrixPage]:
    pages: list[MatrixPage] = []
    for task, papers in site.papers_by_task.items():
        for start in range(0, len(papers), PAPERS_PER_PAGE):
            pages.append(MatrixPage(len(pages) + 1, task, papers[start:start + PAPERS_PER_PAGE]))
    return pages or [MatrixPage(1, None, [])]


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
            cells.append('<span class="tv-missing" aria-label="no plan">—</span>')
            continue
        label = f'{len(entry.ablations)}<span class="tv-visually-hidden"> ablations by {text(system.label)}</span>'
        cells.append(link(here, entry.path, label))
    return "<tr>" + "".join(f"<td>{cell}</td>" for cell in [link(here, paper.path, text(paper.title)), *cells]) + "</tr>\n"


def _matrix(site: Site, papers: list[PaperGroup], here: str) -> str:
    """Rows are papers, columns are systems grouped by planner; every cell links a page that exists."""
    rows = "".join(_matrix_row(site, paper, here) for paper in papers)
    return (
        '<div class="tv-matrix"><div class="tv-table tv-matrix-table">\n<table>\n'
        f"{_matrix_head(site, here)}\n<tbody>\n{rows}</tbody>\n</table>\n</div></div>"
    )


def _task_pager(pages: list[MatrixPage], task: str | None, here: str, current: int) -> str:
    numbered = [(page.number, page.path, title_range([paper.title for paper in page.papers])) for page in pages if page.task == task]
    return f'<ol class="tv-pager">{pager_items(here, numbered, current)}</ol>'


def _pager(site: Site, pages: list[MatrixPage], here: str, current: int) -> str:
    """Every matrix page, by task: the task's name and paper count, then its pages with their title ranges."""
    groups = "".join(
        f"<li><strong>{text(task_label(task))}</strong> ({len(papers):,} papers){_task_pager(pages, task, here, current)}</li>"
        for task, papers in site.papers_by_task.items()
    )
    return f'<nav aria-label="Paper pages"><ul class="tv-pager-groups">{groups}</ul></nav>'


def _matrix_page(site: Site, pages: list[MatrixPage], page: MatrixPage) -> GeneratedPage:
    here = page.path
    title = "Papers" if page.number == 1 else f"Papers, page {page.number}"
    task_pages = [other for other in pages if other.task == page.task]
    place = f", page {task_pages.index(page) + 1} of {len(task_pages)}" if len(task_pages) > 1 else ""
    body = "\n\n".join((
        breadcrumbs(here, [("", "Home")], title),
        f"<h1>{title}</h1>",
        f"<p>{len(site.papers):,} papers by task, {PAPERS_PER_PAGE} to a page, by title. "
        "Each number is a plan's count of ablations and links to it; each column is a system, grouped by planner.</p>",
        _pager(site, pages, here, page.number),
        f'<h2 id="{task_anchor(page.task)}">{text(task_label(page.task))}{place}</h2>',
        f"<p>{text(task_description(page.task))}</p>",
        _matrix(site, page.papers, here),
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


def _leaderboard(site: Site) -> str:
    """Every system the leaderboard scores; those with trajectories here link their pages, the others are text."""
    if site.leaderboard is None:
        return ""
    keys = ["overall", *(task for task in TASKS if any(row.scores.score(task) is not None for row in site.leaderboard_rows))]
    rows = []
    for row in site.leaderboard_rows:
        model, planner = text(model_display_name(row.scores.model)), text(planner_display_name(row.scores.planner))
        rows.append([
            link("", row.system.path, model) if row.system else model,
            planner,
            *(score_cell(row.scores.score(key)) for key in keys),
            f"{len(row.system.entries):,}" if row.system else "none published",
        ])
    metric = text(site.leaderboard.metric)
    head = ["Model", "Planner", *(f"{metric} {text(key)}" for key in keys), "Trajectories here"]
    return (
        '<h2 id="leaderboard">Leaderboard</h2>\n'
        f"<p>The published AblationBench scores ({metric} of each system's plans against the papers' ground-truth "
        "ablations, by an LM judge), overall and per task. Systems whose trajectories are not published have no page here.</p>\n"
        + table(head, rows)
    )


def _tasks(site: Site, pages: list[MatrixPage]) -> str:
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
