"""The writer produces trajectories in the published AblationBench format."""

from __future__ import annotations

import re
from dataclasses import replace

from gen.reading.reader import read_trajectory
from gen.reading.trajectory_format import format_trajectory
from gen.records import Ablation, Plan
from tests.bad_inputs import CLEAN
from tests.conftest import CORPUS, needs_corpus

# The published corpus draws the plan box in one of two colour schemes.
PURPLE_PLAN_BOX = {"#f3e5f5 0%, #e1bee7": "#e8f5e8 0%, #c8e6c9", "#9c27b0": "#4caf50", "#7b1fa2": "#2e7d32"}


def test_the_layout_is_the_published_one():
    text = format_trajectory(CLEAN)
    lines = text.split("\n")
    assert text.startswith("<style>\n.trajectory-box strong {\n")
    assert "</style>\n\n# lm-planner/gpt-4o/Clean_Paper\n\n<div style=" in text
    titles = re.findall(r'^<h2 style="[^"]+">(.*)</h2>$', text, re.M)
    assert titles == ["🧠 Reasoning Trace", "📋 Ablation Plan"]
    assert sum(line.startswith("<div style=") and line.endswith('class="trajectory-box">') for line in lines) == 2
    assert "### Noise level\n- **Ablated Part**: Gaussian noise σ in RP\n- **Action**: REPLACE\n" in text
    assert "- **Replacement**: \n  - 0.001\n  - 0.01\n- **Metrics**: R@1, FID\n\n### Drop smoothing\n" in text
    assert text.endswith("- **Metrics**: R@1\n\n</div>")


def test_no_replacement_writes_no_line_and_an_empty_one_writes_the_bare_key():
    assert "Replacement" not in format_trajectory(CLEAN).split("### Drop smoothing")[1]
    emptied = replace(CLEAN, plan=Plan("", (Ablation("Name", "Part", "ADD", (), ()),)))
    assert "- **Action**: ADD\n- **Replacement**: \n- **Metrics**: \n" in format_trajectory(emptied)


def test_boxes_that_are_missing_stay_missing():
    text = format_trajectory(replace(CLEAN, reasoning=None))
    assert "Reasoning Trace" not in text and "Ablation Plan" in text
    trajectory, _ = read_trajectory(text.encode(), "p/m/x.md")
    assert trajectory.reasoning is None and trajectory.plan == CLEAN.plan


def _published_layout(text: str) -> str:
    """The text with the colour scheme fixed and runs of blanks and blank lines collapsed."""
    for purple, green in PURPLE_PLAN_BOX.items():
        text = text.replace(purple, green)
    return re.sub(r"\n+", "\n", re.sub(r"[ \t]+", " ", text))


@needs_corpus
def test_every_corpus_file_is_written_back_in_its_own_layout():
    different = []
    for path in sorted(CORPUS.rglob("*.md")):
        original = path.read_text(encoding="utf-8")
        trajectory, _ = read_trajectory(original.encode("utf-8"), path.name)
        written = format_trajectory(trajectory)
        if _published_layout(written) != _published_layout(original) or read_trajectory(written.encode(), path.name)[0] != trajectory:
            different.append(path.name)
    assert different == []
