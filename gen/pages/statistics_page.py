"""The site-wide statistics page, and the statistics section of each planner page: charts drawn at build time."""

from __future__ import annotations

from gen.charts import Bar, bar_chart, stacked_bar_chart
from gen.pages.markup import GeneratedPage, breadcrumbs, link, table, text
from gen.plan_statistics import ACTION_KINDS, PlanStatistics, planner_statistics, site_statistics
from gen.records import KNOWN_ACTIONS
from gen.search_documents import SearchDocument
from gen.site_model import PlannerGroup, Site

STATISTICS_PATH = "statistics/"
TOP_METRICS = 15
SUMMARY = "Charts of how the planners plan: ablations per plan, action mix, most used metrics and replacement counts."


def _plural(count: int, noun: str) -> str:
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


def _ablations_per_plan(stats: PlanStatistics, chart_id: str) -> str:
    bars = [Bar(_plural(count, "ablation"), plans) for count, plans in sorted(stats.ablations_per_plan.items())]
    return bar_chart(chart_id, "Ablations per plan", bars, "plans")


def _action_bars(stats: PlanStatistics) -> list[Bar]:
    """A bar per known action, and one for any other action where there are some."""
    return [Bar(kind, stats.actions.get(kind, 0), kind) for kind in ACTION_KINDS if kind != "other" or stats.actions.get(kind)]


def _action_mix(stats: PlanStatistics, chart_id: str) -> str:
    return bar_chart(chart_id, "Action mix", _action_bars(stats), "ablations", shares=True)


def _top_metrics(stats: PlanStatistics, chart_id: str) -> str:
    bars = [Bar(metric.name, metric.count) for metric in stats.metrics[:TOP_METRICS]]
    return bar_chart(chart_id, f"{TOP_METRICS} most used metrics", bars, "ablations using the metric")


def _replacement_label(count: int | None) -> str:
    if count is None:
        return "no replacement list"
    return "empty list" if count == 0 else _plural(count, "replacement")


def _replacement_counts(stats: PlanStatistics, chart_id: str) -> str:
    ordered = sorted(stats.replacement_counts.items(), key=lambda item: -1 if item[0] is None else item[0])
    bars = [Bar(_replacement_label(count), ablations) for count, ablations in ordered]
    return bar_chart(chart_id, "Replacements per ablation", bars, "ablations")


def statistics_charts(stats: PlanStatistics, id_prefix: str) -> str:
    """The four charts any set of plans gets; ``id_prefix`` keeps their ids apart from the page's others."""
    return "\n".join((
        _ablations_per_plan(stats, f"{id_prefix}per-plan"),
        _action_mix(stats, f"{id_prefix}actions"),
        _top_metrics(stats, f"{id_prefix}metrics"),
        _replacement_counts(stats, f"{id_prefix}replacements"),
    ))


def planner_statistics_section(planner: PlannerGroup, stats: PlanStatistics) -> str:
    intro = (
        f"<p>Spellings of a metric that differ only in case are counted together. "
        f"{link(planner.path, STATISTICS_PATH, 'All models side by side')}.</p>"
    )
    charts = statistics_charts(stats, "planner-")
    return f'<h2 id="statistics">Statistics</h2>\n{intro}\n<div class="tv-charts">\n{charts}\n</div>'


def _mean_replacements(stats: PlanStatistics) -> float:
    """Replacements per ablation, over the ablations that list replacements at all."""
    listed = {count: ablations for count, ablations in stats.replacement_counts.items() if count is not None}
    return sum(count * ablations for count, ablations in listed.items()) / max(1, sum(listed.values()))


def _comparison(by_planner: list[tuple[PlannerGroup, PlanStatistics]]) -> str:
    rows = []
    for planner, stats in by_planner:
        total = stats.ablations or 1
        rows.append([
            link(STATISTICS_PATH, planner.path, text(planner.title), "#statistics"),
            f"{stats.plans:,}",
            f"{stats.ablations:,}",
            f"{stats.mean_ablations:.1f}",
            *(f"{100 * stats.actions.get(kind, 0) / total:.0f}%" for kind in KNOWN_ACTIONS),
            f"{_mean_replacements(stats):.1f}",
            f"{sum(metric.count for metric in stats.metrics) / total:.1f}",
        ])
    head = ["Model", "Plans", "Ablations", "Per plan", *KNOWN_ACTIONS, "Replacements listed (mean)", "Metrics per ablation"]
    return '<h2 id="models">Models side by side</h2>\n' + table(head, rows)


def statistics_page(site: Site) -> GeneratedPage:
    by_planner = [(planner, planner_statistics(planner)) for planner in site.planners]
    overall = site_statistics(site)
    mix_rows = [(planner.title, _action_bars(stats)) for planner, stats in by_planner]
    body = "\n\n".join((
        breadcrumbs(STATISTICS_PATH, [("", "Home")], "Statistics"),
        "<h1>Statistics</h1>",
        f"<p>{_plural(overall.plans, 'plan')} by {_plural(len(site.planners), 'model')}, "
        f"{_plural(overall.ablations, 'ablation')}. Spellings of a metric that differ only in case are counted together; "
        f"each model's own charts are on its page.</p>",
        _comparison(by_planner),
        '<h2 id="action-mix">Action mix by model</h2>',
        f'<div class="tv-charts">{stacked_bar_chart("mix-by-model", "Action mix by model", mix_rows, "ablations by action")}</div>',
        '<h2 id="all-plans">All plans</h2>',
        f'<div class="tv-charts">\n{statistics_charts(overall, "all-")}\n</div>',
    ))
    return GeneratedPage(STATISTICS_PATH, "Statistics", body, (SearchDocument(STATISTICS_PATH, "Statistics", SUMMARY),))
