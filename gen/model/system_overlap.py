"""How alike two systems plan: of A's ablations on the papers both planned, how many B also proposed.

An ablation of A has a counterpart in B's plan when its agreement group
(gen/model/agreement.py) holds an ablation of B. Ablations are counted, not
groups: a group can hold two ablations of one system, and both count. The
figure is not symmetric: A's share is over A's ablations, B's over B's.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from gen.model.agreement import paper_agreement
from gen.model.site_model import PaperGroup, Site

Pairs = dict[tuple[str, str], "Overlap"]


@dataclass
class Overlap:
    """A's side of a pair of systems: ``papers`` both planned, A's ``ablations`` on them, and how many of
    those have a counterpart in B's plan (``matched``)."""

    papers: int = 0
    ablations: int = 0
    matched: int = 0

    @property
    def share(self) -> float | None:
        return self.matched / self.ablations if self.ablations else None


def _systems_of_groups(paper: PaperGroup) -> dict[tuple[int, int], frozenset[str]]:
    """For each ablation in a group, keyed ``(entry position, number)``, the systems of its group."""
    positions = {id(entry): position for position, entry in enumerate(paper.entries)}
    systems = {}
    for proposals in paper_agreement(paper).consensus:
        group = frozenset(proposal.entry.system.key for proposal in proposals)
        for proposal in proposals:
            systems[positions[id(proposal.entry)], proposal.number] = group
    return systems


def paper_overlaps(paper: PaperGroup) -> dict[tuple[str, str], Overlap]:
    """Each ordered pair of the paper's systems, over this paper alone."""
    grouped = _systems_of_groups(paper) if len(paper.entries) > 1 else {}
    overlaps = {}
    for position, entry in enumerate(paper.entries):
        own = entry.system.key
        for other in paper.entries:
            if other.system.key == own:
                continue
            matched = sum(other.system.key in grouped.get((position, number), ()) for number in range(1, len(entry.ablations) + 1))
            overlaps[own, other.system.key] = Overlap(1, len(entry.ablations), matched)
    return overlaps


def _add(totals: dict[tuple[str, str], Overlap], pair: tuple[str, str], overlap: Overlap) -> None:
    total = totals.setdefault(pair, Overlap())
    total.papers += overlap.papers
    total.ablations += overlap.ablations
    total.matched += overlap.matched


@dataclass
class SystemOverlaps:
    """Every ordered pair of systems that planned a paper in common: over all papers, and over each task's
    papers (``None`` for papers without a task), keyed ``(A, B)`` by system key."""

    overall: Pairs
    by_task: dict[str | None, Pairs]


def system_overlaps(site: Site) -> SystemOverlaps:
    overlaps = SystemOverlaps({}, defaultdict(dict))
    for paper in site.papers:
        for pair, overlap in paper_overlaps(paper).items():
            _add(overlaps.overall, pair, overlap)
            _add(overlaps.by_task[paper.task], pair, overlap)
    overlaps.by_task = dict(overlaps.by_task)
    return overlaps
