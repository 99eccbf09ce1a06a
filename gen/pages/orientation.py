"""The home page's orientation: what the benchmark is, what each action means, and one plan read step by step.

The worked example is a real ablation of the site's own plans (DiT by GPT-4o
where the corpus has it), shown exactly as its trajectory page shows it.
"""

from __future__ import annotations

from gen.model.site_model import Site, TrajectoryEntry
from gen.pages.markup import admonition, link, text
from gen.pages.trajectory_view import ablation_anchor, ablation_fields, render_trajectory
from gen.records import Ablation

PAPER_URL = "https://arxiv.org/abs/2507.08038"
CODE_URL = "https://github.com/ai-scientist-bench/ablation-bench"
EXAMPLE = ("dit", "gpt-4o")  # the paper and model slugs of the preferred worked example
ACTION_MEANINGS = (
    ("REMOVE", "remove", "take the part out and train without it, to see what it contributes."),
    ("REPLACE", "replace", "swap the part for each listed replacement, to see whether the paper's choice matters."),
    ("ADD", "add", "add something the method lacks, to see whether it helps."),
)


def sources() -> str:
    external = 'rel="noopener noreferrer"'
    return (
        f'<p>The trajectories come from AblationBench (<a href="{PAPER_URL}" {external}>paper, arXiv 2507.08038</a> · '
        f'<a href="{CODE_URL}" {external}>code</a>): in its AuthorAblation task a planner proposes the ablations of a '
        "paper from its method section; in ReviewerAblation, the ablations a submission is missing. An LM judge scores "
        "each plan against the ablations the authors ran or the reviewers asked for.</p>"
    )


def _example(site: Site) -> tuple[TrajectoryEntry, Ablation] | None:
    """The preferred example if the site has it, else the first ablation with replacements, else any ablation."""
    with_ablations = [entry for entry in site.entries if entry.ablations]
    preferred = [e for e in with_ablations if (e.paper_slug, e.model_slug) == EXAMPLE]
    replacing = [e for e in with_ablations if e.ablations[0].action_kind == "REPLACE" and e.ablations[0].replacements]
    for candidates in (preferred, replacing, with_ablations):
        if candidates:
            return candidates[0], candidates[0].ablations[0]
    return None


def _reading(ablation: Ablation) -> str:
    """The ablation read out as one sentence, from its fields."""
    part = ablation.part.strip() or ablation.name.strip()
    metrics = ", ".join(metric.strip() for metric in ablation.metrics) or "the paper's metrics"
    if ablation.action_kind == "REPLACE" and ablation.replacements:
        return f"Replace {part} with each of: {'; '.join(ablation.replacements)}; compare {metrics}."
    if ablation.action_kind == "REMOVE":
        return f"Train without {part}; compare {metrics}."
    if ablation.action_kind == "ADD":
        return f"Add {part}; compare {metrics}."
    return f"Change {part}; compare {metrics}."


def reading_a_plan(site: Site) -> str:
    """The actions' meanings and the worked example; nothing but the meanings for a site without ablations."""
    actions = "".join(
        f'<dt><span class="tv-action tv-action--{kind}">{label}</span></dt><dd>{text(meaning)}</dd>'
        for label, kind, meaning in ACTION_MEANINGS
    )
    intro = (
        '<h2 id="reading-a-plan">Reading a plan</h2>\n'
        "<p>A plan is a list of ablations. Each names the <strong>ablated part</strong> (the piece of the method it tests), "
        "an <strong>action</strong>, the <strong>replacements</strong> to try and the <strong>metrics</strong> that measure "
        "the effect. The actions:</p>\n"
        f'<dl class="tv-fields">{actions}</dl>'
    )
    example = _example(site)
    if example is None:
        return intro
    entry, ablation = example
    rendered = render_trajectory(entry.trajectory).ablations[0]
    where = link("", entry.path, f"{text(entry.label)}’s plan for {text(entry.paper.title)}", "#" + ablation_anchor(1))
    return (
        f"{intro}\n<p>For example, the first ablation of {where}:</p>\n"
        + admonition("plan", rendered.heading, ablation_fields(rendered))
        + f'\n<p>Read it as: <em>{text(_reading(ablation))}</em></p>'
    )
