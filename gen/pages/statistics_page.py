"""The site-wide statistics page, and the statistics section of each system's page: charts drawn at build time."""

from __future__ import annotations

from gen.data.search_documents import SearchDocument
from gen.model.plan_statistics import ACTION_KINDS, PlanStatistics, entries_statistics, site_statistics, system_statistics
from gen.model.site_model import Site, SystemGroup
from gen.model.tasks import task_anchor, task_description, task_label
from gen.pages.charts import Bar, bar_chart, stacked_bar_chart
from gen.pages.markup import GeneratedPage, breadcrumbs, count_and_share, link, table, text
from gen.pages.overlap_table import overlap_section
from gen.records import KNOWN_ACTIONS

STATISTICS_PATH = "statistics/"
TOP_METRICS = 15
METRIC_NOTE = (
    "Metrics are counted by name whatever their case, hyphens or spaces, and with or without a trailing "
    "\u201cscore\u201d (F1-score, F1 score and F1 are one metric); each is shown as most plans spell it, and plan pages "
    "keep every spelling as written."
)
MIX_TITLE = "Each system's ablations by action"
SUMMARY = (
    "How the systems plan, overall and per task: ablations per plan, action mix, most used metrics, replacement counts, "
    "and which systems propose the same ablations."
)


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


def system_statistics_section(system: SystemGroup, stats: PlanStatistics) -> str:
    intro = f"<p>{text(METRIC_NOTE)} {link(system.path, STATISTICS_PATH, 'All systems side by side')}.</p>"
    charts = statistics_charts(stats, "planner-")
    return f'<h2 id="statistics">Statistics</h2>\n{intro}\n<div class="tv-charts">\n{charts}\n</div>'


def _mean_replacements(stats: PlanStatistics) -> float:
    """Replacements per ablation, over the ablations that list replacements at all."""
    listed = {count: ablations for count, ablations in stats.replacement_counts.items() if count is not None}
    return sum(count * ablations for count, ablations in listed.items()) / max(1, sum(listed.values()))


COMPARISON_HEAD = [
    "System", "Papers planned", "Ablations", "Per plan", *KNOWN_ACTIONS, "Replacements listed (mean)", "Metrics per ablation",
]


def _comparison_row(system: SystemGroup, stats: PlanStatistics, papers: int) -> list[str]:
    """A system's plans (and their share of the papers compared), ablations, and each action's count beside its share."""
    return [
        link(STATISTICS_PATH, system.path, text(system.label), "#statistics"),
        count_and_share(stats.plans, papers),
        f"{stats.ablations:,}",
        f"{stats.mean_ablations:.1f}",
        *(count_and_share(stats.actions.get(kind, 0), stats.ablations) for kind in KNOWN_ACTIONS),
        f"{_mean_replacements(stats):.1f}",
        f"{sum(metric.count for metric in stats.metrics) / (stats.ablations or 1):.1f}",
    ]


def _comparison(rows: list[tuple[SystemGroup, PlanStatistics]], papers: int, heading: str, anchor: str, intro: str, level: int = 2) -> str:
    """One row per system over ``papers`` papers; ``intro`` (escaped HTML) says which papers."""
    table_ = table(COMPARISON_HEAD, (_comparison_row(system, stats, papers) for system, stats in rows))
    return f'<h{level} id="{anchor}">{heading}</h{level}>\n<p>{intro}</p>\n{table_}'


def _all_papers(site: Site, by_system: list[tuple[SystemGroup, PlanStatistics]]) -> str:
    intro = (
        f"Every plan of each system. Systems planned different papers ({len(site.papers):,} in all; "
        "the share after a system's papers is its coverage), so compare shares, or the papers every system planned below."
    )
    return _comparison(by_system, len(site.papers), "All papers", "systems", intro)


def _common_papers(site: Site) -> str:
    """The same table over only the papers every system planned, so that no system is compared on other papers."""
    common = [paper for paper in site.papers if len({id(entry.system) for entry in paper.entries}) == len(site.systems)]
    if not common:
        return '<h2 id="common-papers">Papers every system planned</h2>\n<p>No paper was planned by every system.</p>'
    chosen = {id(paper) for paper in common}
    rows = [(system, entries_statistics([e for e in system.entries if id(e.paper) in chosen])) for system in site.systems]
    intro = f"Only the {len(common):,} papers that every one of the {len(site.systems)} systems planned."
    return _comparison(rows, len(common), "Papers every system planned", "common-papers", text(intro))


def _by_task(site: Site) -> str:
    """The table again for each task, over each system's plans for that task's papers."""
    sections = []
    for task, papers in site.papers_by_task.items():
        rows = [
            (system, entries_statistics(system.entries_by_task[task])) for system in site.systems if task in system.entries_by_task
        ]
        intro = text(f"{len(papers):,} papers. {task_description(task)}")
        sections.append(_comparison(rows, len(papers), text(task_label(task)), f"by-{task_anchor(task)}", intro, level=3))
    return '<h2 id="by-task">By task</h2>\n' + "\n".join(sections)


def statistics_page(site: Site) -> GeneratedPage:
    by_system = [(system, system_statistics(system)) for system in site.systems]
    overall = site_statistics(site)
    mix_rows = [(system.label, _action_bars(stats)) for system, stats in by_system]
    body = "\n\n".join((
        breadcrumbs(STATISTICS_PATH, [("", "Home")], "Statistics"),
        "<h1>Statistics</h1>",
        f"<p>{_plural(overall.plans, 'plan')} by {_plural(len(site.systems), 'system')} for "
        f"{_plural(len(site.papers), 'paper')}, {_plural(overall.ablations, 'ablation')}. "
        f"Counts stand beside their shares. {text(METRIC_NOTE)} Each system's own charts are on its page.</p>",
        _all_papers(site, by_system),
        _common_papers(site),
        _by_task(site),
        overlap_section(site, STATISTICS_PATH),
        '<h2 id="action-mix">Action mix by system</h2>',
        f'<div class="tv-charts">{stacked_bar_chart("mix-by-system", MIX_TITLE, mix_rows, "ablations")}</div>',
        '<h2 id="all-plans">All plans</h2>',
        f'<div class="tv-charts">\n{statistics_charts(overall, "all-")}\n</div>',
    ))
    return GeneratedPage(STATISTICS_PATH, "Statistics", body, (SearchDocument(STATISTICS_PATH, "Statistics", SUMMARY),))
