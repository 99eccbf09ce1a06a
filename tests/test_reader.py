"""The reader: identity, boxes and the plan as data."""

from __future__ import annotations

from collections import Counter

from gen.reading.corpus import load_corpus
from gen.reading.reader import read_trajectory
from tests.conftest import CORPUS, needs_corpus

STYLE = "<style>\n.trajectory-box strong { color: #1a1a1a !important; }\n</style>\n\n"
BOX = '<div style="background: #e3f2fd; color: #1a1a1a;" class="trajectory-box">\n<h2 style="color: #1976d2;">{title}</h2>\n\n{body}\n</div>\n'
PLAN = """### Noise level
- **Ablated Part**: Gaussian noise σ in RP
- **Action**: REPLACE
- **Replacement**: 
  - 0.001
  - {'lr': 0.1, 'wd': 0}
  - text item
- **Metrics**: R@1, Acc (top-1, top-5), text->image R@5

### Drop smoothing
- **Ablated Part**: Embedding smoothing
- **Action**: REMOVE
- **Metrics**: R@1
"""


def trajectory_text(identity="lm-planner/gpt-4o/Some_Paper__A_Study", reasoning="Think.\n1. one\n2. two", plan=PLAN, boxes=None):
    boxes = boxes if boxes is not None else [("🧠 Reasoning Trace", reasoning), ("📋 Ablation Plan", plan)]
    heading = f"# {identity}\n\n" if identity is not None else ""
    return STYLE + heading + "\n".join(BOX.format(title=t, body=b) for t, b in boxes)


def read(text: str, source="x/y/z.md"):
    return read_trajectory(text.encode("utf-8"), source)


def test_identity_reasoning_and_plan_are_read():
    trajectory, problems = read(trajectory_text())
    assert problems == []
    assert (trajectory.identity.planner, trajectory.identity.model, trajectory.identity.paper) == ("lm-planner", "gpt-4o", "Some_Paper__A_Study")
    assert trajectory.reasoning == "Think.\n1. one\n2. two"
    first, second = trajectory.ablations
    assert first.name == "Noise level"
    assert first.part == "Gaussian noise σ in RP"
    assert first.action == "REPLACE" and first.action_kind == "REPLACE"
    assert first.replacements == ("0.001", "{'lr': 0.1, 'wd': 0}", "text item")
    assert first.metrics == ("R@1", "Acc (top-1, top-5)", "text->image R@5")
    assert second.replacements is None
    assert second.action_kind == "REMOVE"


def test_boxes_are_found_by_their_titles_words_not_emoji_or_order():
    text = trajectory_text(boxes=[("ABLATION PLAN", PLAN), ("The reasoning", "Because.")])
    trajectory, problems = read(text)
    assert problems == []
    assert trajectory.reasoning == "Because."
    assert len(trajectory.ablations) == 2


def test_styles_do_not_reach_the_record():
    trajectory, _ = read(trajectory_text())
    everything = repr(trajectory)
    assert "style" not in everything and "#1a1a1a" not in everything


def test_identity_falls_back_to_the_path():
    trajectory, problems = read(trajectory_text(identity=None), "lm-planner/claude-35-sonnet/Paper_X.md")
    assert (trajectory.identity.planner, trajectory.identity.model, trajectory.identity.paper) == ("lm-planner", "claude-35-sonnet", "Paper_X")
    assert any("heading" in p.message for p in problems)


def test_unusable_identity_and_path_give_a_stable_fallback():
    trajectory, problems = read(trajectory_text(identity="just-a-title"), "loose.md")
    assert trajectory.identity.paper == "loose"
    assert trajectory.identity.planner == "unknown-planner"
    assert len(problems) == 2 and all(p.source == "loose.md" for p in problems)


@needs_corpus
def test_corpus_counts():
    corpus = load_corpus(CORPUS)
    trajectories = corpus.trajectories
    assert corpus.diagnostics == []
    assert len(trajectories) == 2071
    assert len({t.identity.paper for t in trajectories}) == 561
    assert len({t.identity.model for t in trajectories}) == 5
    ablations = [a for t in trajectories for a in t.ablations]
    assert len(ablations) == 5034
    assert Counter(a.action for a in ablations) == {"REPLACE": 3613, "REMOVE": 1338, "ADD": 83}
    assert all(a.name and a.part and a.metrics for a in ablations)
