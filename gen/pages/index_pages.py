"""The home page, the paper-by-model matrix in pages, and the planners index.

The matrix is split into pages of ``PAPERS_PER_PAGE`` papers, so no page grows
with the corpus; the home page links every matrix page, which puts every
trajectory within two clicks of home.
"""

from __future__ import annotations

from gen.pages.markup import GeneratedPage, breadcrumbs, link, pager, table, text, title_range
from gen.records import KNOWN_ACTIONS
from gen.search_documents import SearchDocument
from gen.site_model import PaperGroup, Site

PAPERS_PER_PAGE = 100
HOME_INTRO = (
    "Language-model planners read a research paper and propose ablation studies for it. "
    "Each trajectory here is one planner's reasoning trace and ablation plan for one paper "
    "(the AblationBench format). Compare how models plan for the same paper, browse a model's plans, "
    "or search every plan."
)


def matrix_page_path(number: int) -> str:
    return "papers/" if number == 1 else f"papers/page/{number}/"


def _matrix_pages(site: Site) -> list[list[PaperGroup]]:
    papers = sorted(site.papers, key=lambda paper: paper.title.lower())
    return [papers[start:start + PAPERS_PER_PAGE] for start in range(0, len(papers), PAPERS_PER_PAGE)] or [[]]


def _matrix(site: Site, papers: list[PaperGroup], here: str) -> str:
    """Rows are papers, columns are planner/model pairs; every cell links a page that exists."""
    head = ["Paper", *(link(here, planner.path, text(planner.model_name)) for planner in site.planners)]
    rows = []
    for paper in papers:
        by_planner = {(entry.planner_slug, entry.model_slug): entry for entry in paper.entries}
        cells = []
        for planner in site.planners:
            entry = by_planner.get((planner.planner_slug, planner.model_slug))
            label = f'{len(entry.ablations)}<span class="tv-visually-hidden"> ablations by {text(planner.model_name)}</span>' if entry else ""
            cells.append(link(here, entry.path, label) if entry else '<span class="tv-missing" aria-label="no plan">—</span>')
        rows.append([link(here, paper.path, text(paper.title)), *cells])
    return f'<div class="tv-matrix">{table(head, rows, "tv-table tv-matrix-table")}</div>'


def _pager(pages: list[list[PaperGroup]], here: str, current: int | None) -> str:
    ranges = [(matrix_page_path(number), title_range([paper.title for paper in papers])) for number, papers in enumerate(pages, 1)]
    return pager(here, "Paper pages", ranges, current or 0)


def paper_index_pages(site: Site) -> list[GeneratedPage]:
    pages = _matrix_pages(site)
    generated = []
    for number, papers in enumerate(pages, 1):
        here = matrix_page_path(number)
        title = "Papers" if number == 1 else f"Papers, page {number}"
        body = "\n\n".join((
            breadcrumbs(here, [("", "Home")], title),
            f"<h1>{title}</h1>",
            f"<p>{len(site.papers)} papers, {PAPERS_PER_PAGE} to a page, by title. "
            "Each number is a plan's count of ablations and links to it.</p>",
            _pager(pages, here, number),
            _matrix(site, papers, here),
        ))
        documents = (SearchDocument(here, "Papers", f"All {len(site.papers)} papers, by model."),) if number == 1 else ()
        generated.append(GeneratedPage(here, title, body, documents))
    return generated


def planners_index_page(site: Site) -> GeneratedPage:
    here = "planners/"
    rows = (
        [
            link(here, planner.path, text(planner.model_name)),
            text(planner.planner_name),
            str(len(planner.entries)),
            str(planner.ablation_count),
            f"{planner.ablation_count / max(1, len(planner.entries)):.1f}",
            *(str(planner.action_counts.get(kind, 0)) for kind in KNOWN_ACTIONS),
        ]
        for planner in site.planners
    )
    head = ["Model", "Planner", "Trajectories", "Ablations", "Per plan", *(kind.title() for kind in KNOWN_ACTIONS)]
    body = "\n\n".join((
        breadcrumbs(here, [("", "Home")], "Planners"),
        "<h1>Planners</h1>",
        "<p>Each planner and model, with how many plans it wrote and how it ablates.</p>",
        table(head, rows),
    ))
    text_ = "Planners and models: " + ", ".join(planner.title for planner in site.planners)
    return GeneratedPage(here, "Planners", body, (SearchDocument(here, "Planners", text_),))


def home_page(site: Site) -> GeneratedPage:
    pages = _matrix_pages(site)
    numbers = (
        f'<ul class="tv-numbers"><li><strong>{len(site.entries)}</strong> trajectories</li>'
        f"<li><strong>{len(site.papers)}</strong> papers</li>"
        f"<li><strong>{len(site.planners)}</strong> planner models</li>"
        f"<li><strong>{site.ablation_count}</strong> ablations</li>"
        + "".join(f"<li><strong>{site.action_counts.get(kind, 0)}</strong> {kind}</li>" for kind in KNOWN_ACTIONS)
        + "</ul>"
    )
    intro = (
        f'<p>{text(HOME_INTRO)}</p><p>{link("", "papers/", "Browse papers")} · {link("", "planners/", "Browse planners")} · '
        f'{link("", "explorer/", "Explore every ablation")} · {link("", "statistics/", "Statistics")}</p>'
        f'<p>Download the plans: {link("", "downloads/plans.jsonl", "plans.jsonl")} · '
        f'{link("", "downloads/plans.csv", "plans.csv")} ({link("", "downloads/", "schema")})</p>'
    )
    body = "\n\n".join((
        "<h1>AblationBench trajectories</h1>",
        intro,
        numbers,
        '<h2 id="matrix">Papers by model</h2>',
        _pager(pages, "", None),
        _matrix(site, pages[0], ""),
    ))
    return GeneratedPage("", "Home", body, (SearchDocument("", "AblationBench trajectories", HOME_INTRO),))
