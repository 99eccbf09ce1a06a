"""Every ablation of the site as one flat row: what the downloads and the plan explorer list."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from gen.pages.trajectory_view import ablation_anchor
from gen.records import Ablation
from gen.site_model import Site, TrajectoryEntry


@dataclass(slots=True)
class PlanRow:
    """One ablation, its 1-based place in the plan, and what it shares with its trajectory's other rows.

    ``trajectory_url`` and ``location`` (the ablation's heading) are URL paths from the site root.
    """

    entry: TrajectoryEntry
    number: int
    ablation: Ablation
    paper_title: str
    model_name: str
    trajectory_url: str
    location: str

    @property
    def action_kind(self) -> str:
        return self.ablation.action_kind or "other"


def plan_rows(site: Site) -> Iterator[PlanRow]:
    """Every ablation, in the site's order: by paper, then planner and model, then place in the plan."""
    for entry in site.entries:
        url, paper_title, model_name = entry.path, entry.paper.title, entry.planner.model_name
        for number, ablation in enumerate(entry.ablations, 1):
            yield PlanRow(entry, number, ablation, paper_title, model_name, url, f"{url}#{ablation_anchor(number)}")
