"""Counts over a set of plans: what the statistics charts and the explorer's facets show."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache
from operator import attrgetter

from gen.memo import Same, kept_per_build
from gen.model.site_model import Site, SystemGroup, TrajectoryEntry
from gen.records import KNOWN_ACTIONS, Trajectory

ACTION_KINDS = (*KNOWN_ACTIONS, "other")


@dataclass(frozen=True)
class MetricCount:
    """A metric as most plans spell it, with the count of all its spellings (see ``metric_key``)."""

    name: str
    count: int


METRIC_SEPARATORS = re.compile(r"[\s_-]+")
SCORE_SUFFIX = re.compile(r"(?<=\S) score$")


@cache
def metric_key(metric: str) -> str:
    """What spellings of one metric share, for counting: case, hyphens, underscores and spaces aside,
    and without a trailing "score" (``F1-score``, ``F1 score`` and ``f1`` are one metric).

    Cached: the same few thousand spellings are keyed for every system, the site and the explorer.
    """
    return SCORE_SUFFIX.sub("", METRIC_SEPARATORS.sub(" ", metric.casefold()).strip())


def metric_counts(uses: Counter[str]) -> list[MetricCount]:
    """Metrics by how often they are used, most used first, from the uses of each spelling.

    Each metric is named by its most used spelling; ties keep the order of first use.
    """
    totals: dict[str, int] = {}
    names: dict[str, tuple[int, str]] = {}
    for spelling, count in uses.items():
        spelling = spelling.strip()
        if not spelling:
            continue
        key = metric_key(spelling)
        totals[key] = totals.get(key, 0) + count
        if count > names.get(key, (0, ""))[0]:
            names[key] = (count, spelling)
    return sorted((MetricCount(names[key][1], total) for key, total in totals.items()), key=attrgetter("count"), reverse=True)


@dataclass(frozen=True)
class PlanStatistics:
    """How a set of plans ablates; ``replacement_counts`` has None for ablations without a Replacement field."""

    plans: int
    ablations: int
    ablations_per_plan: Counter[int]
    actions: Counter[str]
    metrics: list[MetricCount]
    replacement_counts: Counter[int | None]

    @property
    def mean_ablations(self) -> float:
        return self.ablations / self.plans if self.plans else 0.0


def _statistics(trajectories: list[Trajectory], actions: Counter[str], metric_uses: Counter[str]) -> PlanStatistics:
    ablations = [ablation for trajectory in trajectories for ablation in trajectory.ablations]
    return PlanStatistics(
        plans=len(trajectories),
        ablations=len(ablations),
        ablations_per_plan=Counter(len(trajectory.ablations) for trajectory in trajectories),
        actions=actions,
        metrics=metric_counts(metric_uses),
        replacement_counts=Counter(
            None if ablation.replacements is None else len(ablation.replacements) for ablation in ablations
        ),
    )


@kept_per_build
def _plans_statistics(plans: tuple[Same, ...]) -> PlanStatistics:
    """The statistics of a set of plans, which depend on the plans alone: a live server's rebuild after
    one edit recomputes only the sets that hold the edited plan."""
    trajectories = [plan.value for plan in plans]
    actions = sum((Counter(ablation.action_kind or "other" for ablation in t.ablations) for t in trajectories), Counter())
    metric_uses = Counter(metric for t in trajectories for ablation in t.ablations for metric in ablation.metrics)
    return _statistics(trajectories, actions, metric_uses)


def site_metric_uses(site: Site) -> Counter[str]:
    """Uses of each metric spelling over the site: the systems' counts (computed once, for their pages), summed."""
    uses: Counter[str] = Counter()
    for system in site.systems:
        uses.update(system.metric_counts)
    return uses


def system_statistics(system: SystemGroup) -> PlanStatistics:
    return entries_statistics(system.entries)


def entries_statistics(entries: list[TrajectoryEntry]) -> PlanStatistics:
    """Statistics of any set of plans, such as one system's plans for one task."""
    return _plans_statistics(tuple(Same(entry.trajectory) for entry in entries))


def site_statistics(site: Site) -> PlanStatistics:
    """Over every plan, metrics counted as the systems' are summed (which orders spellings tied in use)."""
    return _statistics([entry.trajectory for entry in site.entries], site.action_counts, site_metric_uses(site))
