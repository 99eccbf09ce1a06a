"""A paper page's "Where the systems agree": the ablations several systems proposed, and those only one did;
and the marker on each ablation's heading that says which of the two it is."""

from __future__ import annotations

from gen.model.agreement import PaperAgreement, Placement, Proposal, group_label, paper_agreement, placements, system_count
from gen.model.site_model import PaperGroup, TrajectoryEntry
from gen.pages.markup import relative_url, text
from gen.pages.rendering import render_field
from gen.pages.trajectory_view import RenderedAblation, ablation_anchor, render_trajectory


class _Plans:
    """Each plan's rendered ablations (rendered and sanitized once, for this page and the trajectory's own)
    and the link from the paper page to its trajectory page, looked up once per plan, not per ablation."""

    def __init__(self, paper: PaperGroup):
        self.rendered = {id(entry): render_trajectory(entry.trajectory).ablations for entry in paper.entries}
        self.urls = {id(entry): relative_url(paper.path, entry.path) for entry in paper.entries}

    def ablation(self, proposal: Proposal) -> RenderedAblation:
        return self.rendered[id(proposal.entry)][proposal.number - 1]

    def url(self, proposal: Proposal) -> str:
        return f"{self.urls[id(proposal.entry)]}#{ablation_anchor(proposal.number)}"


def _proposal(plans: _Plans, proposal: Proposal, with_system: bool) -> str:
    """An ablation as a link to its heading on its trajectory's page, then its ablated part."""
    rendered = plans.ablation(proposal)
    system = f"<strong>{text(proposal.entry.label)}</strong>: " if with_system else ""
    part = f' <span class="tv-agreement__part">{rendered.part}</span>' if rendered.part else ""
    return f'<li>{system}<a href="{text(plans.url(proposal))}">{rendered.name}</a>{part}</li>'


def group_anchor(number: int) -> str:
    """The id of a consensus group on its paper's page: ``agreement-3``."""
    return f"agreement-{number}"


def _consensus(paper: PaperGroup, plans: _Plans, agreement: PaperAgreement) -> str:
    """Each group under its label, with how many of the paper's systems proposed it, then a link to each of its ablations."""
    groups = []
    for number, proposals in enumerate(agreement.consensus, 1):
        label = render_field(group_label(proposals))
        count = f"{system_count(proposals)} of {len(paper.entries)} systems"
        items = "".join(_proposal(plans, proposal, with_system=True) for proposal in proposals)
        groups.append(
            f'<li id="{group_anchor(number)}"><strong>{label}</strong> '
            f'<span class="tv-agreement__count">({count})</span><ul>{items}</ul></li>'
        )
    if not groups:
        return "<p>No ablation was proposed by more than one system.</p>"
    return f'<ol class="tv-agreement">{"".join(groups)}</ol>'


def _outliers(entries: list[TrajectoryEntry], plans: _Plans, agreement: PaperAgreement) -> str:
    """The ablations no other system proposed, system by system."""
    by_system = []
    for entry in entries:
        own = [proposal for proposal in agreement.outliers if proposal.entry is entry]
        if own:
            items = "".join(_proposal(plans, proposal, with_system=False) for proposal in own)
            by_system.append(f"<li><strong>{text(entry.label)}</strong><ul>{items}</ul></li>")
    if not by_system:
        return "<p>Every ablation was proposed by more than one system.</p>"
    return f'<ul class="tv-agreement">{"".join(by_system)}</ul>'


def agreement_section(paper: PaperGroup) -> str:
    """Nothing for a paper only one system planned for."""
    if len(paper.entries) < 2:
        return ""
    agreement, plans = paper_agreement(paper), _Plans(paper)
    several, alone = len(agreement.consensus), len(agreement.outliers)
    return (
        '<h2 id="agreement">Where the systems agree</h2>\n'
        f"<p>{several} group{'s' if several != 1 else ''} of ablations proposed by several systems, "
        f"{alone} ablation{'s' if alone != 1 else ''} proposed by one system only. Ablations are matched "
        "automatically on what they ablate: the words of their names, ablated parts and replacements, and whether "
        "they remove the part or replace it. A group may join ablations a reader would keep apart, or miss one "
        "worded differently.</p>\n"
        f'<h3 id="consensus">Proposed by several systems</h3>\n{_consensus(paper, plans, agreement)}\n'
        f'<h3 id="outliers">Proposed by one system only</h3>\n{_outliers(paper.entries, plans, agreement)}'
    )


def ablation_markers(entry: TrajectoryEntry, here: str) -> tuple[str, ...]:
    """For each ablation of ``entry``'s plan, the marker its heading carries on the page at ``here``: how many
    other systems proposed it, linking its group on the paper page, or that only this system did; none on a
    paper only one system planned."""
    if len(entry.paper.entries) < 2:
        return ()
    return tuple(_marker(placement, entry.paper.path, here) for placement in placements(entry))


def _marker(placement: Placement, paper_path: str, here: str) -> str:
    if placement.group is None:
        return ' <span class="tv-proposed tv-proposed--alone">only this system</span>'
    others = placement.systems - 1
    href = ("" if here == paper_path else relative_url(here, paper_path)) + f"#{group_anchor(placement.group)}"
    return (
        f' <a class="tv-proposed" href="{text(href)}">also proposed by {others} other system{"s" if others != 1 else ""}</a>'
    )
