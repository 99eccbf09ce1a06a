"""The site as data: trajectories grouped by paper, by system (planner and model) and by task, with their URLs.

Pages are generated from this model the way Eleventy paginates data: one page
per entry of a collection. Nothing here knows about MkDocs.

A system is one planner with one model, the unit AblationBench ranks: wherever
the site names a plan it names its system. With a single planner a system's
label is its model alone, as short as the published pages make it.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property

from gen.memo import kept_per_build
from gen.model.paper_titles import QuotedTitle, quoted_title
from gen.reading.corpus import Corpus
from gen.reading.metadata import TASKS, Leaderboard, PaperMetadata, SystemScores
from gen.reading.names import model_display_name, model_slug, page_key, planner_display_name, planner_slug, readable_paper_title
from gen.records import Ablation, Trajectory

LEADING_PUNCTUATION = re.compile(r"^[\W_]+")


@dataclass
class TrajectoryEntry:
    """One trajectory and where it sits in the site."""

    trajectory: Trajectory
    planner_slug: str
    model_slug: str
    paper_slug: str
    problems: list[str] = field(default_factory=list)
    paper: PaperGroup | None = None
    system: SystemGroup | None = None
    previous: TrajectoryEntry | None = None
    next: TrajectoryEntry | None = None

    @cached_property
    def path(self) -> str:
        return f"trajectories/{self.planner_slug}/{self.model_slug}/{self.paper_slug}/"

    @property
    def ablations(self) -> tuple[Ablation, ...]:
        return self.trajectory.ablations

    @property
    def label(self) -> str:
        """The plan's system, as the site names it."""
        return self.system.label

    @cached_property
    def action_counts(self) -> Counter[str]:
        return Counter(ablation.action_kind or "other" for ablation in self.ablations)


@dataclass
class PaperGroup:
    """All trajectories for one paper, ordered by system.

    The title is the one ``papers.yml`` gives, else the one at least two plans'
    reasoning quote (for papers named by an id such as ``dit``), else the name
    read as a title; ``title_source`` says which.
    """

    slug: str
    name: str
    metadata: PaperMetadata
    entries: list[TrajectoryEntry] = field(default_factory=list)

    @property
    def path(self) -> str:
        return f"papers/{self.slug}/"

    @property
    def task(self) -> str | None:
        return self.metadata.task

    @cached_property
    def quoted_title(self) -> QuotedTitle | None:
        if self.metadata.title:
            return None
        return _quoted_title(self.name, tuple(entry.trajectory.reasoning for entry in self.entries))

    @cached_property
    def title(self) -> str:
        if self.metadata.title:
            return self.metadata.title
        return self.quoted_title.title if self.quoted_title else readable_paper_title(self.name)

    @property
    def title_source(self) -> str:
        """Where the title comes from, in words, for the paper's byline."""
        if self.metadata.title:
            return "papers.yml"
        if self.quoted_title:
            return self.quoted_title.source
        return "the trajectory name"


@dataclass
class SystemGroup:
    """All trajectories of one planner with one model, ordered by paper; ``scores`` from the leaderboard, if any."""

    planner_slug: str
    model_slug: str
    planner_name: str
    model_name: str
    label: str = ""
    scores: SystemScores | None = None
    entries: list[TrajectoryEntry] = field(default_factory=list)

    @property
    def path(self) -> str:
        return f"planners/{self.planner_slug}/{self.model_slug}/"

    @property
    def key(self) -> str:
        """``planner/model-slug``: unique, and what the explorer's address names a system by."""
        return f"{self.planner_slug}/{self.model_slug}"

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

    @cached_property
    def entries_by_task(self) -> dict[str | None, list[TrajectoryEntry]]:
        """The system's trajectories by their paper's task, tasks in TASKS order, then those without one."""
        return {task: entries for task in task_order() if (entries := [e for e in self.entries if e.paper.task == task])}


def task_order() -> tuple[str | None, ...]:
    """The tasks in the benchmark's order, then None for papers without a task."""
    return (*TASKS, None)


@dataclass(frozen=True)
class LeaderboardRow:
    """One system the leaderboard scores, and its trajectories' group on this site when it has any."""

    scores: SystemScores
    system: SystemGroup | None


@dataclass
class Site:
    """The corpus grouped: ``papers`` in title order (``title_order``), each system's entries too."""

    entries: list[TrajectoryEntry]
    papers: list[PaperGroup]
    systems: list[SystemGroup]
    leaderboard: Leaderboard | None = None

    @cached_property
    def ablation_count(self) -> int:
        return sum(len(entry.ablations) for entry in self.entries)

    @cached_property
    def action_counts(self) -> Counter[str]:
        return sum((system.action_counts for system in self.systems), Counter())

    @cached_property
    def papers_by_task(self) -> dict[str | None, list[PaperGroup]]:
        """Papers by task, tasks in TASKS order, then papers without a task; each group by title."""
        return {task: papers for task in task_order() if (papers := [p for p in self.papers if p.task == task])}

    @cached_property
    def leaderboard_rows(self) -> list[LeaderboardRow]:
        if self.leaderboard is None:
            return []
        scored = {id(system.scores): system for system in self.systems if system.scores}
        return [LeaderboardRow(scores, scored.get(id(scores))) for scores in self.leaderboard.systems]


@kept_per_build
def _quoted_title(name: str, reasonings: tuple[str | None, ...]) -> QuotedTitle | None:
    """Kept for a live server's next build: a paper's title is looked up in all its plans' reasoning."""
    return quoted_title(name, reasonings)


def title_order(paper: PaperGroup) -> tuple[str, str]:
    """Papers in the order of their titles, case and leading punctuation (quotes, brackets) aside."""
    return LEADING_PUNCTUATION.sub("", paper.title).casefold(), paper.title


def _entry(trajectory: Trajectory) -> TrajectoryEntry:
    planner, model, paper = page_key(trajectory.identity)
    return TrajectoryEntry(trajectory, planner, model, paper)


def _system(entry: TrajectoryEntry) -> SystemGroup:
    identity = entry.trajectory.identity
    return SystemGroup(entry.planner_slug, entry.model_slug, planner_display_name(identity.planner), model_display_name(identity.model))


def _label_systems(systems: list[SystemGroup], leaderboard: Leaderboard | None) -> None:
    """Name each system by its model alone when one planner planned everything, else by model and planner;
    attach its leaderboard scores."""
    several_planners = len({system.planner_slug for system in systems}) > 1
    scores = {(planner_slug(s.planner), model_slug(s.model)): s for s in leaderboard.systems} if leaderboard else {}
    for system in systems:
        system.label = system.title if several_planners else system.model_name
        system.scores = scores.get((system.planner_slug, system.model_slug))


def build_site(corpus: Corpus) -> Site:
    """Group the corpus into papers and systems and link each entry to its neighbours."""
    entries = sorted((_entry(t) for t in corpus.trajectories), key=lambda e: (e.paper_slug.lower(), e.planner_slug, e.model_slug))
    by_source = {entry.trajectory.source: entry for entry in entries}
    for diagnostic in corpus.diagnostics:
        if diagnostic.source in by_source:
            by_source[diagnostic.source].problems.append(diagnostic.message)
    papers: dict[str, PaperGroup] = {}
    systems: dict[tuple[str, str], SystemGroup] = {}
    for entry in entries:
        paper = papers.get(entry.paper_slug)
        if paper is None:
            name = entry.trajectory.identity.paper
            paper = papers[entry.paper_slug] = PaperGroup(entry.paper_slug, name, corpus.papers.get(name, PaperMetadata()))
        system = systems.get((entry.planner_slug, entry.model_slug))
        if system is None:
            system = systems[(entry.planner_slug, entry.model_slug)] = _system(entry)
        entry.paper, entry.system = paper, system
        paper.entries.append(entry)
        system.entries.append(entry)
    for system in systems.values():
        system.entries.sort(key=lambda entry: title_order(entry.paper))
        for before, after in zip(system.entries, system.entries[1:]):
            before.next, after.previous = after, before
    ordered_systems = sorted(systems.values(), key=lambda s: (s.planner_slug, s.model_name.lower()))
    _label_systems(ordered_systems, corpus.leaderboard)
    return Site(entries, sorted(papers.values(), key=title_order), ordered_systems, corpus.leaderboard)
