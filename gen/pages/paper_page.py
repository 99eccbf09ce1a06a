"""One page per paper: every system's plan side by side, in content tabs."""

from __future__ import annotations

from collections import Counter

from gen.data.search_documents import SearchDocument
from gen.memo import Same
from gen.model.plan_statistics import metric_counts
from gen.model.site_model import PaperGroup, TrajectoryEntry
from gen.pages.agreement_view import ablation_markers, agreement_section
from gen.pages.markup import GeneratedPage, breadcrumbs, link, table, text
from gen.pages.trajectory_view import trajectory_body
from gen.records import KNOWN_ACTIONS


def _metadata(paper: PaperGroup) -> str:
    meta = paper.metadata
    facts = []
    if meta.venue:
        facts.append(f"<strong>Venue:</strong> {text(meta.venue)}")
    if paper.task:
        facts.append(f"<strong>Task:</strong> {text(paper.task)}")
    if meta.link and meta.link.startswith(("https://", "http://")):
        facts.append(f'<a href="{text(meta.link)}" rel="nofollow noopener noreferrer">Read the paper</a>')
    facts.append(f"<strong>Trajectory name:</strong> <code>{text(paper.name)}</code>")
    facts.append(f"<strong>Title from:</strong> {text(paper.title_source)}")
    return '<p class="tv-byline">' + " · ".join(facts) + "</p>"


def _comparison(paper: PaperGroup) -> str:
    """Ablations, actions and metrics per system, so differences show at a glance."""
    rows = []
    for entry in paper.entries:
        metrics = metric_counts(Counter(metric for ablation in entry.ablations for metric in ablation.metrics))
        rows.append([
            link(paper.path, entry.path, text(entry.label)),
            str(len(entry.ablations)),
            *(str(entry.action_counts.get(kind, 0)) for kind in KNOWN_ACTIONS),
            ", ".join(text(metric.name) for metric in metrics[:5]) or "—",
        ])
    head = ["System", "Ablations", *(kind.title() for kind in KNOWN_ACTIONS), "Most used metrics"]
    return "<h2 id=\"comparison\">Comparison</h2>\n" + table(head, rows)


def plan_anchor_prefix(entry: TrajectoryEntry) -> str:
    """What sets a plan's ablation ids apart from the other plans' on the paper page: its planner and model.

    Model slugs hold no dots, so ``planner.model-`` is unique for every pair.
    """
    return f"{entry.planner_slug}.{entry.model_slug}-"


def _tabs(paper: PaperGroup) -> str:
    """Content tabs in the markup pymdownx.tabbed writes, so Material styles them and they work without JS."""
    name = f"tabs-{paper.slug}"
    inputs, labels, blocks = [], [], []
    for number, entry in enumerate(paper.entries, 1):
        tab_id = f"{name}-{number}"
        checked = " checked" if number == 1 else ""
        inputs.append(f'<input{checked} id="{text(tab_id)}" name="{text(name)}" type="radio">')
        labels.append(f'<label for="{text(tab_id)}">{text(entry.label)}</label>')
        intro = (
            f'<p class="tv-byline">{link(paper.path, entry.path, "Open this plan on its own page")} · '
            f'{link(paper.path, entry.system.path, "All plans by " + text(entry.label))}</p>'
        )
        body = trajectory_body(entry.trajectory, reasoning_open=False, anchor_prefix=plan_anchor_prefix(entry),
                               markers=ablation_markers(entry, paper.path), level=3)
        blocks.append(f'<div class="tabbed-block">\n{intro}\n{body}\n</div>')
    return (
        f'<h2 id="plans">Plans</h2>\n<div class="tabbed-set tabbed-alternate" data-tabs="1:{len(paper.entries)}">'
        + "".join(inputs)
        + '<div class="tabbed-labels">' + "".join(labels) + "</div>\n"
        + '<div class="tabbed-content">\n' + "\n".join(blocks) + "\n</div></div>"
    )


def paper_page_key(paper: PaperGroup) -> tuple:
    """Everything ``paper_page`` reads: a page whose key is unchanged is the same page."""
    return (
        paper.slug, paper.path, paper.name, paper.metadata, paper.title, paper.title_source,
        tuple(
            (Same(entry.trajectory), entry.path, entry.label, entry.system.path, entry.planner_slug, entry.model_slug)
            for entry in paper.entries
        ),
    )


def paper_page(paper: PaperGroup) -> GeneratedPage:
    systems = ", ".join(text(entry.label) for entry in paper.entries)
    body = "\n\n".join((
        breadcrumbs(paper.path, [("", "Home"), ("papers/", "Papers")], text(paper.title)),
        f"<h1>{text(paper.title)}</h1>",
        _metadata(paper),
        f"<p>{len(paper.entries)} plan{'s' if len(paper.entries) != 1 else ''} for this paper, by {systems}.</p>",
        _comparison(paper),
        agreement_section(paper),
        _tabs(paper),
    ))
    summary = f"Plans for this paper by {', '.join(entry.label for entry in paper.entries)}, side by side."
    return GeneratedPage(paper.path, paper.title, body, (SearchDocument(paper.path, paper.title, summary, named_by_title=True),))
