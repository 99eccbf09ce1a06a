"""A Trajectory record back to text, in the format AblationBench publishes.

The inverse of gen.reading.reader for well-formed trajectories: reading what
``format_trajectory`` writes gives an equal record. Benchmarks use it to make
synthetic corpora, so the layout (style block, heading, the two inline-styled
boxes and the plan's field lines) is the published one to the byte.
"""

from __future__ import annotations

from gen.records import Ablation, Plan, Trajectory

STYLE_BLOCK = """<style>
.trajectory-box strong {
  color: #1a1a1a !important;
}
.trajectory-box h3 {
  color: #1a1a1a !important;
}
</style>
"""
BOX_STYLE = (
    "background: linear-gradient(135deg, {light} 0%, {mid} 100%); border-left: 5px solid {edge}; "
    "padding: 20px; margin: 20px 0; border-radius: 8px; box-shadow: 0 2px 8px rgba(0,0,0,0.1); color: #1a1a1a;"
)
TITLE_STYLE = "color: {title}; margin-top: 0; margin-bottom: 15px; font-size: 1.3em;"
REASONING_COLOURS = {"light": "#e3f2fd", "mid": "#bbdefb", "edge": "#2196f3", "title": "#1976d2"}
PLAN_COLOURS = {"light": "#e8f5e8", "mid": "#c8e6c9", "edge": "#4caf50", "title": "#2e7d32"}
REASONING_TITLE, PLAN_TITLE = "🧠 Reasoning Trace", "📋 Ablation Plan"


def _box(title: str, colours: dict[str, str], body: str) -> str:
    return (
        f'<div style="{BOX_STYLE.format(**colours)}" class="trajectory-box">\n'
        f'<h2 style="{TITLE_STYLE.format(**colours)}">{title}</h2>\n\n'
        f"{body}\n</div>"
    )


def _field(key: str, value: str) -> str:
    return f"- **{key}**: {value}"


def format_ablation(ablation: Ablation) -> str:
    """One ``### name`` block: the four fields in the published order, then any others."""
    lines = [f"### {ablation.name}", _field("Ablated Part", ablation.part), _field("Action", ablation.action)]
    if ablation.replacements is not None:
        lines.append(_field("Replacement", ""))
        lines.extend(f"  - {item}" for item in ablation.replacements)
    lines.append(_field("Metrics", ", ".join(ablation.metrics)))
    for key, value in ablation.other_fields:
        first, *rest = value.split("\n")
        lines.append(_field(key, first))
        lines.extend(f"  - {line}" for line in rest)
    if ablation.unstructured:
        lines.append(ablation.unstructured)
    return "\n".join(lines) + "\n"


def format_plan(plan: Plan) -> str:
    """The plan box's Markdown: the preamble, then the ablations a blank line apart."""
    blocks = ([plan.preamble + "\n"] if plan.preamble else []) + [format_ablation(a) for a in plan.ablations]
    return "\n".join(blocks)


def format_trajectory(trajectory: Trajectory) -> str:
    """The file a trajectory was read from, as AblationBench writes it.

    Missing boxes are left out; text that did not fit the format follows the
    boxes, where reading it again reports it as text outside the boxes.
    """
    identity = trajectory.identity
    parts = [STYLE_BLOCK, f"# {identity.planner}/{identity.model}/{identity.paper}\n"]
    if trajectory.reasoning is not None:
        parts.append(_box(REASONING_TITLE, REASONING_COLOURS, trajectory.reasoning) + "\n")
    if trajectory.plan is not None:
        parts.append(_box(PLAN_TITLE, PLAN_COLOURS, format_plan(trajectory.plan)))
    parts.extend(trajectory.unstructured)
    return "\n".join(parts)
