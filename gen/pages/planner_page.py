"""One page per planner and model: how it plans, and every one of its trajectories."""

from __future__ import annotations

from statistics import median

from gen.pages.markup import GeneratedPage, breadcrumbs, link, table, text
from gen.pages.statistics_page import planner_statistics_section
from gen.plan_statistics import PlanStatistics, planner_statistics
from gen.records import KNOWN_ACTIONS
from gen.search_documents import SearchDocument
from gen.site_model import PlannerGroup

SEARCHED_METRICS = 12


def _summary(planner: PlannerGroup, stats: PlanStatistics) -> str:
    """The plan counts in words; the charts of the statistics section below show the rest."""
    counts = [len(entry.ablations) for entry in planner.entries]
    total = stats.ablations or 1
    mix = ", ".join(
        f"{kind.title()} {stats.actions.get(kind, 0)} ({100 * stats.actions.get(kind, 0) / total:.0f}%)"
        for kind in KNOWN_ACTIONS
    )
    return (
        '<h2 id="how-it-plans">How it plans</h2>\n<ul>'
        f"<li>{stats.plans} trajectories, {stats.ablations} ablations</li>"
        f"<li>Ablations per plan: mean {stats.mean_ablations:.1f}, median {median(counts):g}, range {min(counts)}–{max(counts)}</li>"
        f"<li>Action mix: {mix}</li>"
        "</ul>"
    )


def _trajectory_table(planner: PlannerGroup) -> str:
    here = planner.path
    rows = (
        [
            link(here, entry.path, text(entry.paper.title)),
            str(len(entry.ablations)),
            *(str(entry.action_counts.get(kind, 0)) for kind in KNOWN_ACTIONS),
        ]
        for entry in planner.entries
    )
    head = ["Paper", "Ablations", *(kind.title() for kind in KNOWN_ACTIONS)]
    return f'<h2 id="trajectories">Trajectories</h2>\n{table(head, rows)}'


def planner_page(planner: PlannerGroup) -> GeneratedPage:
    stats = planner_statistics(planner)
    body = "\n\n".join((
        breadcrumbs(planner.path, [("", "Home"), ("planners/", "Planners")], text(planner.title)),
        f"<h1>{text(planner.title)}</h1>",
        _summary(planner, stats),
        planner_statistics_section(planner, stats),
        _trajectory_table(planner),
    ))
    summary = (
        f"{stats.plans} plans, {stats.ablations} ablations. Most used metrics: "
        + ", ".join(metric.name for metric in stats.metrics[:SEARCHED_METRICS])
    )
    return GeneratedPage(planner.path, planner.title, body, (SearchDocument(planner.path, planner.title, summary),))
