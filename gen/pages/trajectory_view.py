"""A trajectory's reasoning and plan as themed admonitions.

Used by the trajectory's own page and, collapsed, by its paper page. Rendering
is cached per trajectory, so a trajectory shown on two pages is rendered once.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from gen.memo import Same, kept_per_build
from gen.pages.markup import action_badge, admonition, chips, text
from gen.pages.rendering import render_field, render_markdown, unconverted_math_problem
from gen.records import Ablation, Diagnostic, Trajectory

GENERIC_ABLATION_NAME = re.compile(r"^(ablation|experiment)( study)?\s*[\w.]{0,3}:?$", re.IGNORECASE)


def is_generic_name(ablation: Ablation) -> bool:
    """True for names such as ``Ablation 2`` that say nothing without the ablated part."""
    return bool(GENERIC_ABLATION_NAME.match(ablation.name.strip()))


def _heading(ablation: Ablation, name: str, part: str) -> str:
    """The name, plus the ablated part where the name alone says nothing; as text or as HTML."""
    return f"{name} — {part}" if is_generic_name(ablation) and part else name


def ablation_heading(ablation: Ablation) -> str:
    return _heading(ablation, ablation.name, ablation.part)


@dataclass(frozen=True)
class RenderedAblation:
    ablation: Ablation
    name: str
    part: str
    replacements: tuple[str, ...] | None
    metrics: tuple[str, ...]
    other_fields: tuple[tuple[str, str], ...]

    @property
    def heading(self) -> str:
        return _heading(self.ablation, self.name, self.part)


@dataclass(frozen=True)
class RenderedTrajectory:
    """The trajectory's text as safe HTML, and the formulas shown as their source because they could not be converted."""

    reasoning: str | None
    preamble: str
    ablations: tuple[RenderedAblation, ...]
    unconverted_math: tuple[str, ...] = ()

    @property
    def problems(self) -> list[str]:
        return [unconverted_math_problem(latex) for latex in self.unconverted_math]


def render_trajectory(trajectory: Trajectory) -> RenderedTrajectory:
    """The trajectory as safe HTML, rendered once per build however many pages show it."""
    return _rendered(Same(trajectory))


@kept_per_build
def _rendered(same: Same) -> RenderedTrajectory:
    trajectory: Trajectory = same.value
    plan, unconverted = trajectory.plan, []
    return RenderedTrajectory(
        reasoning=render_markdown(trajectory.reasoning, unconverted) if trajectory.reasoning is not None else None,
        preamble=render_markdown(plan.preamble, unconverted) if plan and plan.preamble else "",
        ablations=tuple(_render_ablation(ablation, unconverted) for ablation in trajectory.ablations),
        unconverted_math=tuple(unconverted),
    )


def rendering_diagnostics(trajectories: Iterable[Trajectory]) -> list[Diagnostic]:
    """What rendering found wrong with each trajectory (rendered once: the pages reuse it)."""
    return [
        Diagnostic(trajectory.source, problem) for trajectory in trajectories for problem in render_trajectory(trajectory).problems
    ]


def _render_ablation(ablation: Ablation, unconverted: list[str]) -> RenderedAblation:
    return RenderedAblation(
        ablation=ablation,
        name=render_field(ablation.name, unconverted) or text("(unnamed)"),
        part=render_field(ablation.part, unconverted),
        replacements=None if ablation.replacements is None else tuple(render_field(r, unconverted) for r in ablation.replacements),
        metrics=tuple(render_field(m, unconverted) for m in ablation.metrics),
        other_fields=tuple((text(key), render_markdown(value, unconverted)) for key, value in ablation.other_fields),
    )


def ablation_anchor(number: int, prefix: str = "") -> str:
    return f"{prefix}ablation-{number}"


def ablation_fields(rendered: RenderedAblation) -> str:
    ablation = rendered.ablation
    rows = [("Ablated part", rendered.part or '<span class="tv-missing">not given</span>'), ("Action", action_badge(ablation))]
    if rendered.replacements is not None:
        items = chips(rendered.replacements, "tv-replacements") if rendered.replacements else '<span class="tv-missing">none listed</span>'
        rows.append(("Replacement", items))
    rows.append(("Metrics", chips(rendered.metrics) if rendered.metrics else '<span class="tv-missing">none listed</span>'))
    rows.extend(rendered.other_fields)
    return '<dl class="tv-fields">' + "".join(f"<dt>{key}</dt><dd>{value}</dd>" for key, value in rows) + "</dl>"


def _ablation_section(number: int, rendered: RenderedAblation, anchor_prefix: str, marker: str, level: int) -> str:
    anchor = ablation_anchor(number, anchor_prefix)
    heading = (
        f'<h{level} id="{anchor}">{rendered.heading}{marker}'
        f'<a class="headerlink" href="#{anchor}" title="Link to this ablation">¶</a></h{level}>'
    )
    leftover = ""
    if rendered.ablation.unstructured:
        leftover = unstructured_admonition(rendered.ablation.unstructured, "Lines of this ablation that are not fields")
    return f'<section class="tv-ablation">\n{heading}\n{ablation_fields(rendered)}\n{leftover}</section>'


def unstructured_admonition(raw: str, title: str = "Text that could not be structured") -> str:
    return admonition("unstructured", text(title), f'<pre class="tv-raw"><code>{text(raw)}</code></pre>')


def reasoning_admonition(trajectory: Trajectory, opened: bool) -> str:
    rendered = render_trajectory(trajectory)
    if rendered.reasoning is None:
        return admonition("warning", "No reasoning trace", "<p>This trajectory has no reasoning trace box.</p>")
    return admonition("reasoning", "Reasoning trace", rendered.reasoning, collapsible=True, open_=opened)


def plan_admonition(trajectory: Trajectory, anchor_prefix: str = "", markers: Sequence[str] = (), level: int = 2) -> str:
    """The plan, each ablation under a heading of ``level`` (the level below the page's own section);
    ``markers``, if given, HTML for each heading (who else proposed it)."""
    rendered = render_trajectory(trajectory)
    if trajectory.plan is None:
        return admonition("warning", "No ablation plan", "<p>This trajectory has no ablation plan box.</p>")
    count = len(rendered.ablations)
    title = f"Ablation plan · {count} ablation{'s' if count != 1 else ''}"
    markers = markers or ("",) * count
    sections = "\n".join(
        _ablation_section(n, a, anchor_prefix, marker, level)
        for n, (a, marker) in enumerate(zip(rendered.ablations, markers, strict=True), 1)
    )
    return admonition("plan", title, f"{rendered.preamble}\n{sections}")


def trajectory_body(trajectory: Trajectory, reasoning_open: bool, anchor_prefix: str = "", markers: Sequence[str] = (),
                    level: int = 2) -> str:
    """Reasoning, plan and any text that did not fit, in reading order; the ablations' headings at ``level``."""
    parts = [reasoning_admonition(trajectory, reasoning_open), plan_admonition(trajectory, anchor_prefix, markers, level)]
    parts.extend(unstructured_admonition(raw) for raw in trajectory.unstructured)
    return "\n\n".join(parts)
