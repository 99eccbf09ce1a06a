"""The home page's leaderboard sorts in Chromium: scores largest first on the first click, by the score
and not its rank, under a two-row header, with systems without trajectories last either way.

The site is the seed trajectories with a leaderboard.yml and papers.yml written here, the systems in
an order no column is sorted in; expectations come from those files.
"""

from __future__ import annotations

import re
import shutil

import pytest

from tests.browser.conftest import MKDOCS_SITE_ONLY, origin_of, serve
from tests.browser.test_explorer import build_into
from tests.conftest import PROJECT

pytestmark = MKDOCS_SITE_ONLY

# (planner, model, overall, AuthorAblation, ReviewerAblation): ties in overall and ReviewerAblation
SYSTEMS = [
    ("lm-planner", "o3-mini", 0.27, 0.35, 0.22),
    ("agent-planner", "gpt-4o", 0.29, 0.30, 0.27),
    ("lm-planner", "claude-3.5-sonnet", 0.31, 0.40, 0.19),
    ("lm-planner", "gemini-2.5-flash", 0.29, 0.36, 0.27),
    ("lm-planner", "llama-3.1-405b-instruct", 0.26, 0.26, 0.24),
]
TASKS = {  # each seed paper's task, by the name its trajectories' heading gives it; the third stays without one
    "Understanding_Alignment_in_Multimodal_LLMs__A_Comprehensive_Study": "AuthorAblation",
    "Align_VL__Can_Being_Modest_Help_in_the_Alignment_of_Vision_Language_Models_": "ReviewerAblation",
}
HEADING = re.compile(r"^# [^/\n]+/[^/\n]+/(.+)$", re.MULTILINE)
OVERALL, OVERALL_COUNT = 2, 3  # columns: Model, Planner, then F1 and Trajectories per score


@pytest.fixture(scope="module")
def leaderboard_url(playwright_api, tmp_path_factory):
    folder = tmp_path_factory.mktemp("leaderboard-trajectories") / "trajectories"
    shutil.copytree(PROJECT / "trajectories", folder)
    rows = "".join(
        f"  - {{planner: {planner}, model: {model}, scores: {{overall: {overall}, AuthorAblation: {author}, ReviewerAblation: {reviewer}}}}}\n"
        for planner, model, overall, author, reviewer in SYSTEMS
    )
    (folder / "leaderboard.yml").write_text(f"metric: F1\nsystems:\n{rows}", encoding="utf-8")
    (folder / "papers.yml").write_text("".join(f"{paper}:\n  task: {task}\n" for paper, task in TASKS.items()), encoding="utf-8")
    yield from serve(build_into(tmp_path_factory.mktemp("leaderboard-web-root"), folder))


def trajectory_counts() -> dict[str, int]:
    """Seed trajectories of papers with a task, by model folder; a paper is named by its heading (# planner/model/paper)."""
    counts: dict[str, int] = {}
    for path in (PROJECT / "trajectories").rglob("*.md"):
        paper = HEADING.search(path.read_text(encoding="utf-8", errors="replace"))[1].strip()
        counts[path.parent.name] = counts.get(path.parent.name, 0) + (paper in TASKS)
    return counts


def cells(page, index: int) -> list[str]:
    return page.eval_on_selector_all(".tv-leaderboard tbody tr", f"rows => rows.map(r => r.cells[{index}].textContent.trim())")


def scores(page, index: int) -> list[float]:
    return [float(value.split()[0]) for value in cells(page, index)]


def open_leaderboard(new_page, url):
    new_page.watch.origins.add(origin_of(url))
    page = new_page()
    page.goto(url)
    return page


def header(page, group: str, name: str):
    """The one-column header ``name`` under the group ``group`` of the leaderboard's two-row header."""
    groups = page.eval_on_selector_all(".tv-leaderboard thead tr:first-child th[colspan]", "ths => ths.map(th => th.textContent.trim())")
    position = groups.index(group) * 2 + (["F1", "Trajectories"].index(name))
    return page.locator(".tv-leaderboard thead tr:nth-child(2) th").nth(position)


def test_a_score_column_sorts_largest_first_then_smallest_first(new_page, leaderboard_url):
    page = open_leaderboard(new_page, leaderboard_url)
    built = [system[2] for system in SYSTEMS]
    assert scores(page, OVERALL) == built and built != sorted(built, reverse=True)
    overall = header(page, "Overall", "F1")
    overall.locator("button").click()
    assert scores(page, OVERALL) == sorted(built, reverse=True)
    assert overall.get_attribute("aria-sort") == "descending"
    overall.locator("button").click()
    assert scores(page, OVERALL) == sorted(built)
    assert overall.get_attribute("aria-sort") == "ascending"


def test_a_score_sorts_by_its_value_and_keeps_its_rank(new_page, leaderboard_url):
    """ReviewerAblation's ranks (=1 for both 0.27s) would sort otherwise as text; they travel with their scores."""
    page = open_leaderboard(new_page, leaderboard_url)
    reviewer = header(page, "ReviewerAblation", "F1")
    reviewer.locator("button").click()
    column = OVERALL + 4
    assert scores(page, column) == sorted((system[4] for system in SYSTEMS), reverse=True)
    top = max(system[4] for system in SYSTEMS)
    tied = [text for text in cells(page, column) if text.startswith(f"{top:.2f}")]
    assert len(tied) == 2 and all("=1" in text for text in tied)


def test_a_count_column_sorts_largest_first_with_unpublished_systems_last(new_page, leaderboard_url):
    page = open_leaderboard(new_page, leaderboard_url)
    published = trajectory_counts()
    expected = [published.get(model.replace(".", "")) for planner, model, *_ in SYSTEMS if planner == "lm-planner"]
    unpublished = sum(planner != "lm-planner" for planner, *_ in SYSTEMS)
    count = header(page, "Overall", "Trajectories")
    for order in (sorted(expected, reverse=True), sorted(expected)):
        count.locator("button").click()
        shown = cells(page, OVERALL_COUNT)
        assert [int(value) for value in shown[:len(expected)]] == order
        assert all(value.startswith("—") for value in shown[len(expected):]) and len(shown) - len(expected) == unpublished


def test_a_text_column_sorts_a_to_z_first(new_page, leaderboard_url):
    page = open_leaderboard(new_page, leaderboard_url)
    built = cells(page, 0)
    assert built != sorted(built, key=str.lower)
    page.locator(".tv-leaderboard thead th", has_text="Model").locator("button").click()
    assert cells(page, 0) == sorted(built, key=str.lower)
