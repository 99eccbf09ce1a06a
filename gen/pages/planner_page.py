"""One page per planner and model: how it plans, and every one of its trajectories."""

from __future__ import annotations

from statistics import mean, median

from gen.pages.markup import GeneratedPage, breadcrumbs, chips, link, table, text
from gen.pages.statistics_page import planner_statistics_section
from gen.records import KNOWN_ACTIONS
from gen.search_documents import SearchDocument
from gen.site_model import PlannerGroup

TOP_METRICS = 12


def _summary(planner: PlannerGroup) -> str:
    counts = [len(entry.ablations) for entry in planner.entries]
    total = planner.ablation_count or 1
    mix = ", ".join(
        f"{kind.title()} {planner.action_counts.get(kind, 0)} ({100 * planner.action_counts.get(kind, 0) / total:.0f}%)"
        for kind in KNOWN_ACTIONS
    )
    metrics = chips(f"{text(metric)} <small>{count}</small>" for metric, count in planner.metric_counts.most_common(TOP_METRICS))
    return (
        '<h2 id="how-it-plans">How it plans</h2>\n<ul>'
        f"<li>{len(planner.entries)} trajectories, {planner.ablation_count} ablations</li>"
        f"<li>Ablations per plan: mean {mean(counts):.1f}, median {median(counts):g}, range {min(counts)}–{max(counts)}</li>"
        f"<li>Action mix: {mix}</li>"
        f"</ul>\n<p>Most used metrics:</p>\n{metrics}"
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
    body = "\n\n".join((
        breadcrumbs(planner.path, [("", "Home"), ("planners/", "Planners")], text(planner.title)),
        f"<h1>{text(planner.title)}</h1>",
        _summary(planner),
        planner_statistics_section(planner),
        _trajectory_table(planner),
    ))
    summary = (
        f"{len(planner.entries)} plans, {planner.ablation_count} ablations. Most used metrics: "
        + ", ".join(metric for metric, _ in planner.metric_counts.most_common(TOP_METRICS))
    )
    return GeneratedPage(planner.path, planner.title, body, (SearchDocument(planner.path, planner.title, summary),))
