"""Small made-up plans for the tests of the explorer, downloads, statistics and agreement, and a scaled corpus."""

from __future__ import annotations

import re
from pathlib import Path

from gen.model.site_model import Site, build_site
from gen.reading.corpus import Corpus
from gen.reading.trajectory_format import format_trajectory
from gen.records import Ablation, Identity, Plan, Trajectory

IDENTITY_LINE = re.compile(r"^(# [^/\n]+/[^/\n]+/)([^\n]+)$", re.MULTILINE)


def ablation(name: str, part: str = "a part", action: str = "REPLACE", replacements: tuple[str, ...] | None = ("x",),
             metrics: tuple[str, ...] = ("Accuracy",)) -> Ablation:
    return Ablation(name, part, action, replacements, metrics)


def trajectory(model: str, paper: str, *ablations: Ablation, planner: str = "lm-planner") -> Trajectory:
    return Trajectory(
        source=f"{planner}/{model}/{paper}.md",
        identity=Identity(planner, model, paper),
        reasoning="We ablate what matters.",
        plan=Plan("", ablations),
    )


def site_of(*trajectories: Trajectory) -> Site:
    return build_site(Corpus(trajectories=list(trajectories)))


def write_trajectories(folder: Path, *trajectories: Trajectory) -> Path:
    """The trajectories as files, in the published format, under ``folder/planner/model/paper.md``."""
    for item in trajectories:
        target = folder / item.source
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(format_trajectory(item), encoding="utf-8")
    return folder


def scaled_corpus(corpus: Path, folder: Path, scale: int) -> Path:
    """``scale`` copies of every trajectory, each copy a paper of its own (``<paper>_copy<n>``)."""
    for path in corpus.rglob("*.md"):
        text = path.read_text(encoding="utf-8")
        relative = path.relative_to(corpus)
        for copy in range(scale):
            suffix = f"_copy{copy}" if copy else ""
            target = folder / relative.parent / f"{path.stem}{suffix}.md"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(IDENTITY_LINE.sub(lambda match: match[1] + match[2] + suffix, text, count=1), encoding="utf-8")
    return folder
