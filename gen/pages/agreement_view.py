"""A paper page's "Where the models agree": the ablated parts several models proposed, and those only one did."""

from __future__ import annotations

from gen.agreement import PaperAgreement, Proposal, model_count, paper_agreement
from gen.pages.markup import link, text
from gen.pages.trajectory_view import RenderedAblation, ablation_anchor, render_trajectory
from gen.site_model import PaperGroup


def _rendered(proposal: Proposal) -> RenderedAblation:
    """The ablation as its trajectory page shows it: rendered and sanitized once, for both pages."""
    return render_trajectory(proposal.entry.trajectory).ablations[proposal.number - 1]


def _proposal(paper: PaperGroup, proposal: Proposal, with_model: bool) -> str:
    """An ablation as a link to its heading on its trajectory's page, then its ablated part."""
    rendered = _rendered(proposal)
    name = link(paper.path, proposal.entry.path, rendered.name, "#" + ablation_anchor(proposal.number))
    model = f"<strong>{text(proposal.entry.model_name)}</strong>: " if with_model else ""
    part = f' <span class="tv-agreement__part">{rendered.part}</span>' if rendered.part else ""
    return f"<li>{model}{name}{part}</li>"


def _consensus(paper: PaperGroup, agreement: PaperAgreement) -> str:
    """Each group under its shortest wording, with how many of the paper's models proposed it."""
    groups = []
    for proposals in agreement.consensus:
        shortest = min(proposals, key=lambda proposal: len(proposal.part))
        label = _rendered(shortest).part or text(shortest.part)
        count = f"{model_count(proposals)} of {len(paper.entries)} models"
        items = "".join(_proposal(paper, proposal, with_model=True) for proposal in proposals)
        groups.append(f'<li><strong>{label}</strong> <span class="tv-agreement__count">({count})</span><ul>{items}</ul></li>')
    if not groups:
        return "<p>No ablated part was proposed by more than one model.</p>"
    return f'<ol class="tv-agreement">{"".join(groups)}</ol>'


def _outliers(paper: PaperGroup, agreement: PaperAgreement) -> str:
    """The parts no other model proposed, model by model."""
    by_model = []
    for entry in paper.entries:
        own = [proposal for proposal in agreement.outliers if proposal.entry is entry]
        if own:
            items = "".join(_proposal(paper, proposal, with_model=False) for proposal in own)
            by_model.append(f"<li><strong>{text(entry.model_name)}</strong><ul>{items}</ul></li>")
    if not by_model:
        return "<p>Every ablated part was proposed by more than one model.</p>"
    return f'<ul class="tv-agreement">{"".join(by_model)}</ul>'


def agreement_section(paper: PaperGroup) -> str:
    """Nothing for a paper only one model planned for."""
    if len(paper.entries) < 2:
        return ""
    agreement = paper_agreement(paper)
    several = len(agreement.consensus)
    return (
        '<h2 id="agreement">Where the models agree</h2>\n'
        f"<p>{several} ablated part{'s' if several != 1 else ''} proposed by several models, "
        f"{len(agreement.outliers)} by one model only. Parts are matched by their wording, so parts sharing most "
        "of their words count as one, and one idea worded two ways may be missed.</p>\n"
        f'<h3 id="consensus">Proposed by several models</h3>\n{_consensus(paper, agreement)}\n'
        f'<h3 id="outliers">Proposed by one model only</h3>\n{_outliers(paper, agreement)}'
    )
