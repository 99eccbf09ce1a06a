"""One page per trajectory, with its cross-links."""

from __future__ import annotations

from gen.data.search_documents import SearchDocument
from gen.memo import Same
from gen.model.site_model import TrajectoryEntry
from gen.model.agreement import placements
from gen.pages.agreement_view import ablation_markers
from gen.pages.markup import GeneratedPage, admonition, breadcrumbs, link, text
from gen.pages.trajectory_view import ablation_anchor, ablation_heading, render_trajectory, trajectory_body
from gen.records import Ablation


def _action_summary(entry: TrajectoryEntry) -> str:
    counts = entry.action_counts
    return ", ".join(f"{count} {kind}" for kind, count in sorted(counts.items()))


def _cross_links(entry: TrajectoryEntry) -> str:
    here = entry.path
    others = [link(here, other.path, text(other.label)) for other in entry.paper.entries if other is not entry]
    lines = [
        f'<p>{link(here, entry.paper.path, "All plans for this paper, side by side")} · '
        f'{link(here, entry.system.path, "All plans by " + text(entry.label))}</p>'
    ]
    if others:
        lines.append("<p>Same paper by " + " · ".join(others) + "</p>")
    neighbours = []
    if entry.previous:
        neighbours.append(link(here, entry.previous.path, "← " + text(entry.previous.paper.title), css="tv-previous"))
    if entry.next:
        neighbours.append(link(here, entry.next.path, text(entry.next.paper.title) + " →", css="tv-next"))
    if neighbours:
        lines.append(f'<p class="tv-neighbours">{" ".join(neighbours)}</p>')
    return '<nav class="tv-crosslinks" aria-label="Related pages">' + "\n".join(lines) + "</nav>"


def _problems(entry: TrajectoryEntry) -> str:
    """What reading and rendering found wrong with the file, as the build's warnings say it."""
    problems = entry.problems + render_trajectory(entry.trajectory).problems
    if not problems:
        return ""
    items = "".join(f"<li>{text(problem)}</li>" for problem in problems)
    return admonition("warning", f"Problems reading {text(entry.trajectory.source)}", f"<ul>{items}</ul>")


def _ablation_text(ablation: Ablation) -> str:
    fields = [f"Ablated part: {ablation.part}", f"Action: {ablation.action}"]
    if ablation.replacements:
        fields.append("Replacement: " + "; ".join(ablation.replacements))
    fields.append("Metrics: " + ", ".join(ablation.metrics))
    return ". ".join(fields)


def trajectory_search_documents(entry: TrajectoryEntry, title: str) -> tuple[SearchDocument, ...]:
    """The page found by its reasoning; each ablation found on its own, linking to its heading."""
    page = SearchDocument(entry.path, title, entry.trajectory.reasoning or "")
    ablations = (
        SearchDocument(f"{entry.path}#{ablation_anchor(number)}", ablation_heading(ablation), _ablation_text(ablation))
        for number, ablation in enumerate(entry.ablations, 1)
    )
    return (page, *ablations)


def _neighbour_key(entry: TrajectoryEntry | None) -> tuple[str, str] | None:
    return None if entry is None else (entry.path, entry.paper.title)


def trajectory_page_key(entry: TrajectoryEntry) -> tuple:
    """Everything ``trajectory_page`` reads: a page whose key is unchanged is the same page."""
    paper, system = entry.paper, entry.system
    return (
        Same(entry.trajectory), tuple(entry.problems), entry.path,
        paper.path, paper.title, paper.task,
        system.path, system.label, system.model_name, system.planner_name,
        tuple((other.path, other.label) for other in paper.entries if other is not entry),
        _neighbour_key(entry.previous), _neighbour_key(entry.next), placements(entry),
    )


def trajectory_page(entry: TrajectoryEntry) -> GeneratedPage:
    here = entry.path
    paper_title = text(entry.paper.title)
    count = len(entry.ablations)
    byline = (
        f'<p class="tv-byline">Plan by {link(here, entry.system.path, text(entry.system.model_name), css="tv-model")}'
        f" · {text(entry.system.planner_name)} · {count} ablation{'s' if count != 1 else ''}"
        f"{' (' + _action_summary(entry) + ')' if count else ''}"
        f"{' · ' + text(entry.paper.task) if entry.paper.task else ''}</p>"
    )
    trail = [("", "Home"), ("papers/", "Papers"), (entry.paper.path, paper_title)]
    body = "\n\n".join(
        part
        for part in (
            breadcrumbs(here, trail, text(entry.label)),
            f"<h1>{paper_title}</h1>",
            byline,
            _cross_links(entry),
            _problems(entry),
            trajectory_body(entry.trajectory, reasoning_open=True, markers=ablation_markers(entry, here)),
        )
        if part
    )
    title = f"{entry.paper.title} · {entry.label}"
    return GeneratedPage(here, title, body, trajectory_search_documents(entry, title))
