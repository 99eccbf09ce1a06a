"""Every ablation of the site as one flat row: what the downloads and the plan explorer list."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from gen.pages.trajectory_view import ablation_anchor
from gen.records import Ablation
from gen.site_model import Site, TrajectoryEntry


@dataclass(slots=True)
class PlanRow:
    """One ablation and its 1-based place in the plan; ``location`` is its heading, as a URL path from the site root.

    ``paper_title`` and ``location`` are worked out once per trajectory and row, not once per use.
    """

    entry: TrajectoryEntry
    number: int
    ablation: Ablation
    paper_title: str
    location: str

    @property
    def action_kind(self) -> str:
        return self.ablation.action_kind or "other"


def plan_rows(site: Site) -> Iterator[PlanRow]:
    """Every ablation, in the site's order: by paper, then planner and model, then place in the plan."""
    for entry in site.entries:
        url, paper_title = entry.path, entry.paper.title
        for number, ablation in enumerate(entry.ablations, 1):
            yield PlanRow(entry, number, ablation, paper_title, f"{url}#{ablation_anchor(number)}")
