"""The site as data: trajectories grouped by paper and by planner, with their URLs.

Pages are generated from this model the way Eleventy paginates data: one page
per entry of a collection. Nothing here knows about MkDocs.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property

from gen.corpus import Corpus, PaperMetadata
from gen.names import (
    model_display_name,
    page_key,
    planner_display_name,
    readable_paper_title,
)
from gen.records import Ablation, Trajectory


@dataclass
class TrajectoryEntry:
    """One trajectory and where it sits in the site."""

    trajectory: Trajectory
    planner_slug: str
    model_slug: str
    paper_slug: str
    problems: list[str] = field(default_factory=list)
    paper: PaperGroup | None = None
    planner: PlannerGroup | None = None
    previous: TrajectoryEntry | None = None
    next: TrajectoryEntry | None = None

    @cached_property
    def path(self) -> str:
        return f"trajectories/{self.planner_slug}/{self.model_slug}/{self.paper_slug}/"

    @property
    def ablations(self) -> tuple[Ablation, ...]:
        return self.trajectory.ablations

    @cached_property
    def model_name(self) -> str:
        return model_display_name(self.trajectory.identity.model)

    @cached_property
    def planner_name(self) -> str:
        return planner_display_name(self.trajectory.identity.planner)

    @cached_property
    def action_counts(self) -> Counter[str]:
        return Counter(ablation.action_kind or "other" for ablation in self.ablations)


@dataclass
class PaperGroup:
    """All trajectories for one paper, ordered by model."""

    slug: str
    name: str
    metadata: PaperMetadata
    entries: list[TrajectoryEntry] = field(default_factory=list)

    @property
    def path(self) -> str:
        return f"papers/{self.slug}/"

    @cached_property
    def title(self) -> str:
        return self.metadata.title or readable_paper_title(self.name)


@dataclass
class PlannerGroup:
    """All trajectories of one planner with one model, ordered by paper."""

    planner_slug: str
    model_slug: str
    planner_name: str
    model_name: str
    entries: list[TrajectoryEntry] = field(default_factory=list)

    @property
    def path(self) -> str:
        return f"planners/{self.planner_slug}/{self.model_slug}/"

    @property
    def title(self) -> str:
        return f"{self.model_name} ({self.planner_name})"

    @cached_property
    def ablation_count(self) -> int:
        return sum(len(entry.ablations) for entry in self.entries)

    @cached_property
    def action_counts(self) -> Counter[str]:
        return sum((entry.action_counts for entry in self.entries), Counter())

    @cached_property
    def metric_counts(self) -> Counter[str]:
        return Counter(metric for entry in self.entries for ablation in entry.ablations for metric in ablation.metrics)


@dataclass
class Site:
    entries: list[TrajectoryEntry]
    papers: list[PaperGroup]
    planners: list[PlannerGroup]

    @cached_property
    def ablation_count(self) -> int:
        return sum(len(entry.ablations) for entry in self.entries)

    @cached_property
    def action_counts(self) -> Counter[str]:
        return sum((planner.action_counts for planner in self.planners), Counter())


def _entry(trajectory: Trajectory) -> TrajectoryEntry:
    planner, model, paper = page_key(trajectory.identity)
    return TrajectoryEntry(trajectory, planner, model, paper)


def build_site(corpus: Corpus) -> Site:
    """Group the corpus into papers and planners and link each entry to its neighbours."""
    entries = sorted((_entry(t) for t in corpus.trajectories), key=lambda e: (e.paper_slug.lower(), e.planner_slug, e.model_slug))
    by_source = {entry.trajectory.source: entry for entry in entries}
    for diagnostic in corpus.diagnostics:
        if diagnostic.source in by_source:
            by_source[diagnostic.source].problems.append(diagnostic.message)
    papers: dict[str, PaperGroup] = {}
    planners: dict[tuple[str, str], PlannerGroup] = {}
    for entry in entries:
        paper = papers.get(entry.paper_slug)
        if paper is None:
            name = entry.trajectory.identity.paper
            paper = papers[entry.paper_slug] = PaperGroup(entry.paper_slug, name, corpus.papers.get(name, PaperMetadata()))
        planner = planners.get((entry.planner_slug, entry.model_slug))
        if planner is None:
            planner = planners[(entry.planner_slug, entry.model_slug)] = PlannerGroup(
                entry.planner_slug, entry.model_slug, entry.planner_name, entry.model_name
            )
        entry.paper, entry.planner = paper, planner
        paper.entries.append(entry)
        planner.entries.append(entry)
    for planner in planners.values():
        for before, after in zip(planner.entries, planner.entries[1:]):
            before.next, after.previous = after, before
    ordered_planners = sorted(planners.values(), key=lambda p: (p.planner_slug, p.model_name.lower()))
    return Site(entries, list(papers.values()), ordered_planners)

