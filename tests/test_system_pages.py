"""A system's page: its trajectories and scores by task, and its trajectory listing in pages of at most 100,
by task, which plain links walk through without listing every page.

Expected counts, tasks and pages come from the corpus files, papers.yml and leaderboard.yml, read here
with plain path and YAML reading, or from the made-up trajectories a test builds.
"""

from __future__ import annotations

import math
from collections import Counter
from pathlib import Path

import yaml

from gen.model.site_model import build_site
from gen.pages.planner_page import planner_pages
from gen.reading.corpus import Corpus
from gen.reading.metadata import PaperMetadata
from tests.conftest import CORPUS, LEADERBOARD_YML, needs_corpus
from tests.plan_data import ablation, trajectory
from tests.site_pages import soup_of
from tests.test_benchmark_shape import corpus_papers, href_target, paper_tasks
from tests.test_page_sizes import links

PER_PAGE = 100
TASK_ORDER = ("AuthorAblation", "ReviewerAblation", "No task")


def article_links(page: Path) -> set[Path]:
    return {href_target(page, a["href"]) for a in soup_of(page).select("article a[href]") if "://" not in a["href"]}


def listing_pages(system: Path) -> list[Path]:
    """The system's listing pages reached by plain links from its page, in page order."""
    reached, waiting = set(), [(system / "index.html").resolve()]
    while waiting:
        page = waiting.pop()
        if page not in reached:
            reached.add(page)
            waiting += [target for target in article_links(page) if target.parent.parent.name == "page" and target.is_relative_to(system.resolve())]
    return sorted(reached, key=lambda page: 1 if page.parent == system.resolve() else int(page.parent.name))


def listing_rows(page: Path) -> list[tuple[str, str]]:
    """(paper folder, task cell) of each row of the page's trajectory table."""
    table = soup_of(page).select_one("h2#trajectories ~ .tv-table")
    return [(href_target(page, row.select_one("a")["href"]).parent.name, row.select("td")[1].get_text()) for row in table.select("tbody tr")]


def expected_pages(papers: set[str], tasks: dict[str, str]) -> list[str]:
    """The task of each listing page: a task's papers fill pages of PER_PAGE, tasks in the benchmark's order."""
    counts = Counter(tasks.get(paper, "No task") for paper in papers)
    return [task for task in TASK_ORDER for _ in range(math.ceil(counts[task] / PER_PAGE))]


@needs_corpus
def test_plain_links_reach_every_trajectory_in_pages_of_at_most_100_by_task(corpus_site):
    tasks = paper_tasks()
    for (planner, model), papers in corpus_papers(CORPUS).items():
        pages = listing_pages(corpus_site / "planners" / planner / model)
        rows = [listing_rows(page) for page in pages]
        assert all(0 < len(page_rows) <= PER_PAGE for page_rows in rows), (planner, model)
        assert sorted(paper for page_rows in rows for paper, _ in page_rows) == sorted(papers)
        assert all(task == tasks.get(paper, "No task") for page_rows in rows for paper, task in page_rows)
        assert [page_rows[0][1] for page_rows in rows] == expected_pages(papers, tasks)
        assert all(len({task for _, task in page_rows}) == 1 for page_rows in rows)


@needs_corpus
def test_a_listing_page_links_its_neighbours_and_each_tasks_first_page_only(corpus_site):
    tasks = paper_tasks()
    papers = corpus_papers(CORPUS)[("lm-planner", "gpt-4o")]
    page_tasks = expected_pages(papers, tasks)
    assert len(page_tasks) > 5
    system = corpus_site / "planners/lm-planner/gpt-4o"
    pages = listing_pages(system)
    assert len(pages) == len(page_tasks)
    firsts = {pages[page_tasks.index(task)] for task in set(page_tasks)}
    for number, page in enumerate(pages):
        neighbours = {pages[other] for other in (number - 1, number + 1) if 0 <= other < len(pages)}
        assert article_links(page) & set(pages) - {page} == (neighbours | firsts) - {page}, page


@needs_corpus
def test_the_by_task_table_counts_the_papers_each_score_covers(corpus_site):
    tasks = paper_tasks()
    leaderboard = yaml.safe_load(LEADERBOARD_YML.read_text(encoding="utf-8"))
    for (planner, model), papers in corpus_papers(CORPUS).items():
        soup = soup_of(corpus_site / "planners" / planner / model / "index.html")
        rows = {}
        for row in soup.select("#by-task + .tv-table tbody tr"):
            label = row.select_one("td").find(["a", "strong"]).get_text()
            rows[label] = (row.select_one("td").get_text(), *(cell.get_text() for cell in row.select("td")[1:]))
        counts = Counter(tasks.get(paper, "No task") for paper in papers)
        scores = next(s["scores"] for s in leaderboard["systems"] if s["planner"] == planner and s["model"].replace(".", "") == model)
        for task in ("AuthorAblation", "ReviewerAblation"):
            assert (int(rows[task][1]), float(rows[task][3])) == (counts[task], scores[task])
        with_task = counts["AuthorAblation"] + counts["ReviewerAblation"]
        assert (int(rows["All tasks"][1].replace(",", "")), float(rows["All tasks"][3])) == (with_task, scores["overall"])
        assert "AuthorAblation and ReviewerAblation" in rows["All tasks"][0] and "overall score covers" in rows["All tasks"][0]
        if counts["No task"]:
            assert (int(rows["No task"][1]), rows["No task"][3]) == (counts["No task"], "—")
            assert "does not list" in rows["No task"][0]
            assert int(rows["All trajectories"][1].replace(",", "")) == len(papers)
        else:
            assert set(rows) == {"AuthorAblation", "ReviewerAblation", "All tasks"}


def test_a_long_listing_links_only_a_few_of_its_pages_from_each():
    """1,050 papers of one task and 120 without: 11 + 2 pages, none linking more than its neighbours and two first pages."""
    names = [f"Paper {number:05d}" for number in range(1170)]
    papers = {name: PaperMetadata(task="ReviewerAblation") for name in names[:1050]}
    site = build_site(Corpus(trajectories=[trajectory("gpt-4o", name, ablation("a")) for name in names], papers=papers))
    pages = {page.path: page for page in planner_pages(site.systems[0], site)}
    listing = [path for path in pages if path.startswith("planners/")]
    assert len(listing) == 13
    firsts = {listing[0], listing[11]}
    for number, path in enumerate(listing):
        neighbours = {listing[other] for other in (number - 1, number + 1) if 0 <= other < len(listing)}
        assert links(pages[path]) & set(listing) - {path} == (neighbours | firsts) - {path}, path
    assert all('<td>ReviewerAblation</td>' in pages[path].body for path in listing[:11])
    assert all('<td>No task</td>' in pages[path].body and "ReviewerAblation</td>" not in pages[path].body for path in listing[11:])
