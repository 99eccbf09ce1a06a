"""The home page's leaderboard: each published score beside the count of the system's trajectories it covers,
ranks with ties marked, and what "No task" means.

Expected counts come from the corpus files and papers.yml, expected scores and ranks from leaderboard.yml,
read here with plain path and YAML reading.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import yaml
from bs4 import BeautifulSoup

from gen.model.site_model import build_site
from gen.pages.index_pages import home_page, ranks
from gen.reading.corpus import Corpus
from gen.reading.metadata import Leaderboard, PaperMetadata, SystemScores
from gen.reading.names import model_display_name, planner_display_name
from tests.conftest import CORPUS, LEADERBOARD_YML, needs_corpus
from tests.plan_data import ablation, trajectory
from tests.site_pages import soup_of
from tests.test_benchmark_shape import corpus_papers, href_target, paper_tasks

SCORE_COLUMNS = ("overall", "AuthorAblation", "ReviewerAblation")
NO_TASK_WORDS = "papers the published AblationBench trajectory table does not list"
OLD_NO_TASK_WORDS = "gives no AblationBench task"


def competition_ranks(values: list[float]) -> list[str]:
    """1 + the number of better values; "=" before the rank of every value another one equals."""
    return [("=" if values.count(value) > 1 else "") + str(1 + sum(other > value for other in values)) for value in values]


def leaderboard_cells(site: Path) -> list[list]:
    """Each row's cells: a score cell as (score, rank), a count cell as its number or None for a dash."""
    rows = []
    for row in soup_of(site / "index.html").select(".tv-leaderboard tbody tr"):
        cells = []
        for cell in row.select("td"):
            keyed = cell.select_one("[data-sort]")
            if cell.select_one(".tv-rank"):
                cells.append((float(keyed["data-sort"]), cell.select_one(".tv-rank").get_text()))
            elif keyed is not None:
                cells.append(None)
            else:
                text = cell.get_text().replace(",", "")
                cells.append(int(text) if text.isdigit() else text)
        rows.append(cells)
    return rows


def test_ranks_mark_every_tie_and_skip_the_places_ties_take():
    scores = [0.24, 0.27, 0.19, 0.27, 0.25, 0.27, None, 0.24]
    assert ranks(scores) == ["=5", "=1", "7", "=1", "4", "=1", "", "=5"]


def test_scores_that_read_the_same_are_tied():
    assert ranks([0.301, 0.304, 0.29]) == ["=1", "=1", "3"]


def test_the_leaderboard_counts_each_tasks_trajectories_beside_its_score():
    papers = {"A": PaperMetadata(task="AuthorAblation"), "B": PaperMetadata(task="ReviewerAblation"), "C": PaperMetadata(task="ReviewerAblation")}
    trajectories = [trajectory("gpt-4o", paper, ablation("a")) for paper in ("A", "B", "C", "D", "E")]
    leaderboard = Leaderboard("F1", (SystemScores("lm-planner", "gpt-4o", (("overall", 0.5), ("AuthorAblation", 0.4), ("ReviewerAblation", 0.6))),))
    body = home_page(build_site(Corpus(trajectories=trajectories, papers=papers, leaderboard=leaderboard))).body
    cells = BeautifulSoup(body, "html.parser").select(".tv-leaderboard tbody td")
    counts = [cell.get_text() for cell in cells[2:] if not cell.select(".tv-rank")]
    # overall covers the three papers with a task; one AuthorAblation, two ReviewerAblation, two with none
    assert counts == ["3", "1", "2", "2"]


@needs_corpus
def test_every_system_is_listed_with_its_scores_and_links_its_page_when_published(corpus_site):
    systems = yaml.safe_load(LEADERBOARD_YML.read_text(encoding="utf-8"))["systems"]
    published = corpus_papers(CORPUS)
    page = corpus_site / "index.html"
    rows = soup_of(page).select(".tv-leaderboard tbody tr")
    assert len(rows) == len(systems)
    for row, system in zip(rows, systems):
        cells = [cell.get_text() for cell in row.select("td")]
        assert cells[:2] == [model_display_name(system["model"]), planner_display_name(system["planner"])]
        folder = (system["planner"], system["model"].replace(".", ""))
        links = [href_target(page, a["href"]) for a in row.select("a")]
        expected = [(corpus_site / "planners" / folder[0] / folder[1] / "index.html").resolve()] if folder in published else []
        assert links == expected


@needs_corpus
def test_each_score_sits_beside_the_count_of_trajectories_it_covers(corpus_site):
    tasks = paper_tasks()
    papers = corpus_papers(CORPUS)
    systems = yaml.safe_load(LEADERBOARD_YML.read_text(encoding="utf-8"))["systems"]
    for cells, system in zip(leaderboard_cells(corpus_site), systems):
        mine = papers.get((system["planner"], system["model"].replace(".", "")))
        counts = Counter(tasks.get(paper) for paper in mine) if mine is not None else None
        expected = []
        for key in SCORE_COLUMNS:
            covered = None if counts is None else (sum(n for task, n in counts.items() if task) if key == "overall" else counts[key])
            expected += [system["scores"][key], covered]
        expected.append(None if counts is None else counts[None])
        assert [cell[0] if isinstance(cell, tuple) else cell for cell in cells[2:]] == expected, system


@needs_corpus
def test_equal_scores_are_marked_as_ties_in_their_column(corpus_site):
    systems = yaml.safe_load(LEADERBOARD_YML.read_text(encoding="utf-8"))["systems"]
    rows = leaderboard_cells(corpus_site)
    for column, key in enumerate(SCORE_COLUMNS):
        shown = [row[2 + 2 * column][1] for row in rows]
        assert shown == competition_ranks([system["scores"][key] for system in systems]), key
    reviewer = [system["scores"]["ReviewerAblation"] for system in systems]
    top = max(reviewer)
    assert [row[6][1] for row in rows if row[6][0] == top] == ["=1"] * reviewer.count(top) and reviewer.count(top) == 3


def explaining_no_task(site: Path) -> list[Path]:
    """The pages that show papers without a task as a group: the home page, the statistics, the matrix's
    pages of them, and the page of each system with some, with its listing pages of them."""
    tasks = paper_tasks()
    matrix = [page for page in (site / "papers").glob("page/*/index.html") if soup_of(page).select_one("article h2").get_text().startswith("No task")]
    systems = [site / "planners" / planner / model for (planner, model), papers in corpus_papers(CORPUS).items() if papers - tasks.keys()]
    listings = [page for system in systems for page in system.glob("page/*/index.html") if soup_of(page).select_one("article h3#task-none")]
    return [site / "index.html", site / "statistics/index.html", *matrix, *(system / "index.html" for system in systems), *listings]


@needs_corpus
def test_no_task_is_explained_as_the_papers_the_published_table_does_not_list(corpus_site):
    pages = explaining_no_task(corpus_site)
    assert len(pages) > 6
    for page in pages:
        text = " ".join(soup_of(page).select_one("article").get_text(" ").split())
        assert NO_TASK_WORDS.lower() in text.lower(), page
        assert OLD_NO_TASK_WORDS not in text, page
