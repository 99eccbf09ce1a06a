"""The benchmark's shape on the site: systems (planner and model), tasks, scores and titles.

Built sites come from the corpus with its papers.yml and leaderboard.yml beside it, once with
its one planner and once with a second planner's trajectories copied from corpus files;
expectations come from those input files, read here with plain path and YAML reading.
"""

from __future__ import annotations

import csv
import json
import re
from collections import Counter
from pathlib import Path

import pytest
import yaml

from gen.model.site_model import build_site
from gen.pages.index_pages import home_page, paper_index_pages
from gen.pages.paper_page import paper_page
from gen.pages.planner_page import planner_pages
from gen.reading.corpus import Corpus
from gen.reading.metadata import Leaderboard, PaperMetadata, SystemScores
from gen.reading.names import model_display_name, planner_display_name
from tests.conftest import CORPUS, PAPERS_YML, SECOND_PLANNER, build_site as mkdocs_build, needs_corpus
from tests.plan_data import ablation, trajectory, write_trajectories
from tests.site_pages import soup_of

ID = re.compile(r'\sid="([^"]+)"')


def corpus_systems(corpus: Path) -> set[tuple[str, str]]:
    """(planner, model folder) of every trajectory file."""
    return {path.relative_to(corpus).parts[:2] for path in corpus.rglob("*.md")}


def corpus_papers(corpus: Path) -> dict[tuple[str, str], set[str]]:
    """The papers of each system, by file name."""
    papers: dict[tuple[str, str], set[str]] = {}
    for path in corpus.rglob("*.md"):
        papers.setdefault(path.relative_to(corpus).parts[:2], set()).add(path.stem)
    return papers


def paper_tasks() -> dict[str, str]:
    return {name: entry["task"] for name, entry in yaml.safe_load(PAPERS_YML.read_text(encoding="utf-8")).items()}


def href_target(page: Path, href: str) -> Path:
    """The file a link opens: a folder's index.html."""
    target = (page.parent / href.split("#")[0]).resolve()
    return target / "index.html" if target.is_dir() else target


def matrix_pages(site: Path) -> list[Path]:
    return [site / "papers/index.html", *sorted((site / "papers/page").glob("*/index.html"))]


# ---- Systems ------------------------------------------------------------------------------------

@needs_corpus
def test_the_matrix_has_a_column_per_system_grouped_under_its_planner(two_planner_site, two_planner_corpus):
    page = two_planner_site / "papers/index.html"
    head = soup_of(page).select_one(".tv-matrix-table thead")
    groups, models = head.select("tr")
    columns = [href_target(page, a["href"]) for a in models.select("a")]
    assert columns == list(dict.fromkeys(columns)), "a system has two columns"
    expected = {(two_planner_site / "planners" / planner / model / "index.html").resolve() for planner, model in corpus_systems(two_planner_corpus)}
    assert set(columns) == expected
    start = 0
    for group in groups.select('th[scope="colgroup"]'):
        span = int(group["colspan"])
        planners = {column.parent.parent.name for column in columns[start:start + span]}
        assert len(planners) == 1 and group.get_text() == planner_display_name(planners.pop())
        start += span
    assert start == len(columns)


@needs_corpus
def test_a_paper_of_two_planners_names_each_plan_by_its_system_with_unique_ids(two_planner_site, two_planner_corpus):
    plans = sorted(path.relative_to(two_planner_corpus).parts[:2] for path in two_planner_corpus.rglob("dit.md"))
    assert len({planner for planner, _ in plans}) == 2
    soup = soup_of(two_planner_site / "papers/dit/index.html")
    labels = [label.get_text() for label in soup.select(".tabbed-labels label")]
    assert sorted(labels) == sorted(f"{model_display_name(model)} ({planner_display_name(planner)})" for planner, model in plans)
    rows = [row.select_one("td").get_text() for row in soup.select("#comparison + .tv-table tbody tr")]
    assert sorted(rows) == sorted(labels)
    headings = soup.select(".tabbed-block h3[id]")
    assert len(headings) == len({heading["id"] for heading in headings}) > len(plans)
    for group in soup.select("ol.tv-agreement > li"):
        named = [item.select_one("strong").get_text() for item in group.select("ul > li")]
        assert set(named) <= set(labels)
        assert f"of {len(plans)} systems)" in group.select_one(".tv-agreement__count").get_text()


@needs_corpus
def test_no_page_repeats_an_id(two_planner_site):
    for page in two_planner_site.rglob("*.html"):
        ids = Counter(ID.findall(page.read_text(encoding="utf-8")))
        assert [name for name, count in ids.items() if count > 1] == [], page


@needs_corpus
def test_a_trajectory_page_names_its_planner_in_title_breadcrumbs_and_cross_links(two_planner_site, two_planner_corpus):
    soup = soup_of(two_planner_site / f"trajectories/{SECOND_PLANNER}/gpt-4o/dit/index.html")
    planner = planner_display_name(SECOND_PLANNER)
    assert planner in soup.title.get_text()
    assert planner in soup.select_one(".tv-breadcrumbs [aria-current]").get_text()
    same_paper = next(p for p in soup.select(".tv-crosslinks p") if p.get_text().startswith("Same paper by"))
    others = [a.get_text() for a in same_paper.select("a")]
    assert len(others) == len(set(others)) == len(list(two_planner_corpus.rglob("dit.md"))) - 1
    assert f"GPT-4o ({planner_display_name('lm-planner')})" in others


def test_with_one_planner_a_system_is_named_by_its_model_alone():
    site = build_site(Corpus(trajectories=[trajectory("gpt-4o", "P", ablation("a")), trajectory("o3-mini", "P", ablation("b"))]))
    assert [system.label for system in site.systems] == ["GPT-4o", "o3-mini"]
    body = paper_page(site.papers[0]).body
    assert re.findall(r"<label[^>]*>([^<]*)</label>", body) == ["GPT-4o", "o3-mini"]


@needs_corpus
def test_downloads_and_explorer_name_every_system_once(two_planner_site, two_planner_corpus):
    manifest = json.loads((two_planner_site / "explorer/data/manifest.json").read_text(encoding="utf-8"))
    keys = [key for key, _, _ in manifest["models"]]
    assert sorted(keys) == sorted(f"{planner}/{model}" for planner, model in corpus_systems(two_planner_corpus))
    labels = [label for _, label, _ in manifest["models"]]
    assert len(set(labels)) == len(labels)


# ---- Tasks --------------------------------------------------------------------------------------

@needs_corpus
def test_matrix_pages_group_papers_by_task_and_hold_one_task_each(corpus_site):
    tasks = paper_tasks()
    listed: dict[str, set[str]] = {}
    for page in matrix_pages(corpus_site):
        soup = soup_of(page)
        headings = [h2.get_text() for h2 in soup.select("article h2")]
        assert len(headings) == 1, page
        task = headings[0].split(",")[0]
        papers = {href_target(page, row.select_one("td a")["href"]).parent.name for row in soup.select(".tv-matrix-table tbody tr")}
        listed.setdefault(task, set()).update(papers)
    expected: dict[str, set[str]] = {}
    for path in CORPUS.rglob("*.md"):
        expected.setdefault(tasks.get(path.stem, "No task"), set()).add(path.stem)
    assert listed == expected
    assert list(listed) == ["AuthorAblation", "ReviewerAblation", "No task"]


@needs_corpus
def test_the_home_page_has_a_section_per_task_linking_its_pages(corpus_site):
    soup = soup_of(corpus_site / "index.html")
    sections = [h3.get_text() for h3 in soup.select('h2#papers ~ h3')]
    assert sections == ["AuthorAblation", "ReviewerAblation", "No task"]
    counts = Counter(paper_tasks().values())
    for task in ("AuthorAblation", "ReviewerAblation"):
        assert f"{counts[task]:,} papers" in soup.find("h3", string=task).find_next("p").get_text()
    linked = {href_target(corpus_site / "index.html", a["href"]) for a in soup.select('nav[aria-label$="pages"] a')}
    assert linked == {page.resolve() for page in matrix_pages(corpus_site)}


def test_papers_without_a_task_form_their_own_group_after_the_tasks():
    site = build_site(Corpus(
        trajectories=[trajectory("gpt-4o", paper, ablation("a")) for paper in ("A", "B", "C")],
        papers={"A": PaperMetadata(task="ReviewerAblation"), "C": PaperMetadata(task="AuthorAblation")},
    ))
    assert {task: [paper.name for paper in papers] for task, papers in site.papers_by_task.items()} == {
        "AuthorAblation": ["C"], "ReviewerAblation": ["A"], None: ["B"],
    }
    pages = paper_index_pages(site)
    assert [re.search(r"<h2[^>]*>([^<,]*)", page.body)[1] for page in pages] == ["AuthorAblation", "ReviewerAblation", "No task"]


@needs_corpus
def test_downloads_carry_each_plans_task(corpus_site):
    tasks = paper_tasks()
    with open(corpus_site / "downloads/plans.csv", encoding="utf-8", newline="") as file:
        rows = list(csv.DictReader(file))
    assert rows and all(row["task"] == tasks.get(row["paper"], "") for row in rows)
    records = [json.loads(line) for line in (corpus_site / "downloads/plans.jsonl").read_text(encoding="utf-8").splitlines()]
    assert all(record["task"] == tasks.get(record["paper"]) for record in records)


@needs_corpus
def test_statistics_compare_the_systems_within_each_task(corpus_site):
    tasks = paper_tasks()
    soup = soup_of(corpus_site / "statistics/index.html")
    for task in ("AuthorAblation", "ReviewerAblation", "No task"):
        table = soup.find("h3", string=task).find_next("table")
        plans = {row.select("td")[0].get_text(): int(row.select("td")[1].get_text().split()[0].replace(",", "")) for row in table.select("tbody tr")}
        expected = Counter(model_display_name(path.parent.name) for path in CORPUS.rglob("*.md") if tasks.get(path.stem, "No task") == task)
        assert plans == dict(expected)


# ---- Scores -------------------------------------------------------------------------------------

def test_a_system_the_leaderboard_does_not_score_says_so():
    leaderboard = Leaderboard("F1", (SystemScores("lm-planner", "gpt-4o", (("overall", 0.5),)),))
    site = build_site(Corpus(trajectories=[trajectory("gpt-4o", "P", ablation("a")), trajectory("o3-mini", "P", ablation("b"))], leaderboard=leaderboard))
    scored, unscored = (planner_pages(system, site)[0].body for system in site.systems)
    assert "0.50" in scored and "does not score" not in scored
    assert "does not score this system" in unscored
    assert "leaderboard" in home_page(site).body


# ---- Titles -------------------------------------------------------------------------------------

DIT_TITLE = "Scalable Diffusion Models with Transformers"  # the DiT paper's title, as issue 11 quotes it


@needs_corpus
def test_a_paper_named_by_an_id_takes_the_title_its_plans_quote(corpus_site):
    quoting = [path for path in (CORPUS).rglob("dit.md") if f'"{DIT_TITLE}' in path.read_text(encoding="utf-8")]
    assert len(quoting) >= 2
    soup = soup_of(corpus_site / "papers/dit/index.html")
    assert soup.select_one("article h1").get_text() == DIT_TITLE
    byline = soup.select_one(".tv-byline").get_text()
    assert "dit" in soup.select_one(".tv-byline code").get_text()
    assert f"quoted by {len(quoting)} of " in byline


def test_a_title_in_papers_yml_wins_over_quoted_ones(tmp_path):
    quoting = [trajectory(model, "dit", ablation("a")) for model in ("gpt-4o", "o3-mini")]
    folder = write_trajectories(tmp_path / "trajectories", *quoting)
    for path in folder.rglob("dit.md"):
        path.write_text(path.read_text(encoding="utf-8").replace("We ablate what matters.", f'We read "{DIT_TITLE}" closely.'), encoding="utf-8")
    site = tmp_path / "site"
    assert mkdocs_build(site, folder).returncode == 0
    assert soup_of(site / "papers/dit/index.html").select_one("article h1").get_text() == DIT_TITLE
    (folder / "papers.yml").write_text("dit:\n  title: DiT, as its authors call it\n", encoding="utf-8")
    assert mkdocs_build(site, folder).returncode == 0
    soup = soup_of(site / "papers/dit/index.html")
    assert soup.select_one("article h1").get_text() == "DiT, as its authors call it"
    assert "papers.yml" in soup.select_one(".tv-byline").get_text()


# ---- Metadata mistakes fail strict builds -------------------------------------------------------

@pytest.mark.parametrize("name, content, named", [
    ("papers.yml", "dti:\n  task: AuthorAblation\n", "dti"),
    ("papers.yml", "P:\n  colour: red\n", "colour"),
    ("leaderboard.yml", "metric: F1\nsystems:\n  - {planner: lm-planner, model: gpt-4o, scores: {overall: high, AuthorAblation: 0.3}}\n", "overall"),
])
def test_a_metadata_mistake_fails_a_strict_build_with_a_warning_naming_it(tmp_path, name, content, named):
    folder = write_trajectories(tmp_path / "trajectories", trajectory("gpt-4o", "P", ablation("a")))
    (folder / name).write_text(content, encoding="utf-8")
    result = mkdocs_build(tmp_path / "site", folder)
    assert result.returncode != 0
    warnings = [line for line in result.stderr.splitlines() if "WARNING" in line and name in line]
    assert len(warnings) == 1 and named in warnings[0]
    assert mkdocs_build(tmp_path / "site", folder, strict=False).returncode == 0
