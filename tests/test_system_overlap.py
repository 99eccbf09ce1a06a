"""Which systems plan alike, checked against the groups each paper page lists, read from the built pages.

The expectations come from the paper pages' own markup ("Proposed by several systems", the
comparison table's ablation counts, the byline's task), not from gen/model/system_overlap.py: the
statistics page's system × system tables, and the marker on every ablation heading of the
trajectory pages, must say what the paper pages say. The site is the corpus with a second planner,
so that systems of two planners are compared.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.site_pages import soup_of

TRAJECTORY_PATH = re.compile(r"trajectories/([^/]+/[^/]+)/([^/]+)/(?:#ablation-(\d+))?$")
CELL_TITLE = re.compile(r"^([\d,]+) of ([\d,]+) ablations, on ([\d,]+) papers both planned$")


@dataclass
class PaperFacts:
    """What a paper page says: its task, each system's label and ablation count, and its groups as
    sets of ``(system key, ablation number)``."""

    slug: str
    task: str | None
    ablations: dict[str, int] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)
    groups: list[set[tuple[str, int]]] = field(default_factory=list)


def _system_of(href: str) -> tuple[str, int | None]:
    match = TRAJECTORY_PATH.search(href)
    assert match, href
    return match[1], int(match[3]) if match[3] else None


def read_paper_page(page: Path) -> PaperFacts:
    soup = soup_of(page)
    byline = soup.select_one("article p.tv-byline").get_text(" ", strip=True)
    task = re.search(r"Task: (\S+)", byline)
    facts = PaperFacts(page.parent.name, task[1] if task else None)
    comparison = soup.find(id="comparison").find_next("table")
    for row in comparison.select("tbody tr"):
        cells = row.find_all("td")
        system, _ = _system_of(cells[0].a["href"])
        facts.labels[system] = cells[0].get_text(strip=True)
        facts.ablations[system] = int(cells[1].get_text(strip=True))
    for group in soup.select('ol.tv-agreement > li[id^="agreement-"]'):
        assert group["id"] == f"agreement-{len(facts.groups) + 1}"
        facts.groups.append({_system_of(a["href"]) for a in group.select('ul a[href*="#ablation-"]')})
    return facts


@pytest.fixture(scope="module")
def paper_facts(two_planner_site) -> list[PaperFacts]:
    return [read_paper_page(page) for page in sorted((two_planner_site / "papers").glob("*/index.html"))]


def expected_overlaps(papers: list[PaperFacts]) -> dict[str | None, dict[tuple[str, str], tuple[int, int, int]]]:
    """(matched, ablations, papers) of every ordered pair of systems, over all papers (key "all") and per task."""
    totals: dict = defaultdict(lambda: defaultdict(lambda: [0, 0, 0]))
    for paper in papers:
        for a in paper.ablations:
            for b in paper.ablations:
                if a == b:
                    continue
                matched = sum(1 for number in range(1, paper.ablations[a] + 1)
                              if any((a, number) in group and any(system == b for system, _ in group) for group in paper.groups))
                for scope in ("all", paper.task):
                    total = totals[scope][a, b]
                    total[0] += matched
                    total[1] += paper.ablations[a]
                    total[2] += 1
    return {scope: {pair: tuple(values) for pair, values in pairs.items()} for scope, pairs in totals.items()}


def read_overlap_table(table, labels: dict[str, str]) -> dict[tuple[str, str], tuple[int, int, int]]:
    """A system × system table's cells as (matched, ablations, papers), keyed by the systems' keys."""
    by_label = {label: key for key, label in labels.items()}
    columns = [by_label[th.get_text(strip=True)] for th in table.select("thead th")]
    cells = {}
    for row in table.select("tbody tr"):
        a = by_label[row.th.get_text(strip=True)]
        for b, cell in zip(columns, row.find_all("td"), strict=True):
            if cell.get("title"):
                matched, ablations, papers = (int(n.replace(",", "")) for n in CELL_TITLE.match(cell["title"]).groups())
                assert cell.select_one(".tv-overlap__share").get_text() == f"{matched / ablations:.0%}"
                assert cell.select_one(".tv-overlap__count").get_text() == f"{matched:,}/{ablations:,}"
                cells[a, b] = (matched, ablations, papers)
    return cells


def test_the_system_by_system_tables_say_what_the_paper_pages_say(two_planner_site, paper_facts):
    expected = expected_overlaps(paper_facts)
    labels = {key: label for paper in paper_facts for key, label in paper.labels.items()}
    assert len({key.split("/")[0] for key in labels}) == 2, "the site must hold systems of two planners"
    soup = soup_of(two_planner_site / "statistics" / "index.html")
    overall = read_overlap_table(soup.find(id="alike").find_next("table"), labels)
    assert overall == expected["all"]
    tasks = {paper.task for paper in paper_facts}
    assert len(tasks) >= 3, "the corpus's papers of both tasks and papers without one"
    for heading in soup.select('h3[id^="alike-"]'):
        label = heading.get_text(strip=True)
        [task] = [task for task in tasks if label == (f"Alike on {task} papers" if task else "Alike on papers without a task")]
        assert read_overlap_table(heading.find_next("table"), labels) == expected[task], label
    assert len(soup.select('h3[id^="alike-"]')) == len(tasks)


def test_each_ablation_heading_says_who_else_proposed_it(two_planner_site, paper_facts):
    checked = 0
    for paper in paper_facts:
        in_group = {member: number for number, group in enumerate(paper.groups, 1) for member in group}
        for system in paper.ablations:
            page = two_planner_site / "trajectories" / system / paper.slug / "index.html"
            headings = soup_of(page).select("section.tv-ablation > h2")
            assert len(headings) == paper.ablations[system]
            for number, heading in enumerate(headings, 1):
                marker = heading.select_one(".tv-proposed")
                if len(paper.ablations) == 1:
                    assert marker is None
                    continue
                group = in_group.get((system, number))
                if group is None:
                    assert marker.get_text() == "only this system"
                else:
                    others = len({s for s, _ in paper.groups[group - 1]}) - 1
                    assert marker.get_text() == f"also proposed by {others} other system{'s' if others != 1 else ''}"
                    assert marker["href"] == f"../../../../papers/{paper.slug}/#agreement-{group}"
                checked += 1
    assert checked > 1000
