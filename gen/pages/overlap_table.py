"""The statistics page's "Which systems plan alike": a system × system table of shared ablations, per task too.

Cell (row A, column B) is the share of A's ablations, on the papers both planned,
that B also proposed (gen/model/system_overlap.py), shaded by where that share
falls between the table's lowest and highest: the shares of one corpus lie
close together (26 to 42 % for the public one), and shading them from 0 to 100 %
would make them look alike. The shade is a background mixed from the page's own
colour, so the text keeps its contrast in light and dark
(docs/stylesheets/trajectories.css, ``.tv-overlap``).
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from gen.model.site_model import Site, SystemGroup
from gen.model.system_overlap import Overlap, Pairs, system_overlaps
from gen.model.tasks import task_anchor, task_label
from gen.pages.compare_page import COMPARE_PATH
from gen.pages.markup import link, text

SCORES_FILE = Path(__file__).resolve().parent.parent / "model" / "agreement_scores.json"
SHADES = 10  # cells are shaded in SHADES + 1 steps, classes tv-shade-0 to tv-shade-10


@cache
def matcher_scores() -> dict:
    """The matcher's precision and recall on the hand-labelled papers, as tests/agreement_evaluation.py wrote them."""
    return json.loads(SCORES_FILE.read_text(encoding="utf-8"))


def _how_matched(here: str) -> str:
    scores = matcher_scores()
    overall, held_out = scores["overall"], scores["held_out"]
    return (
        "<p>Each cell is the share of the row's ablations, on the papers both systems planned, that the column's "
        "system also proposed: the ablation's group on the paper's page (“Where the systems agree”) holds one of "
        "the column's. Ablations are counted, not groups, and the share is the row's: A's share of B is over A's "
        "ablations. The counts are in each cell, and the papers both planned in its title. "
        f"Ablations are matched automatically on what they ablate. On {overall['labelled_pairs']:,} hand-labelled "
        f"pairs of {overall['papers']} papers of the public corpus, the matching's pairwise precision is "
        f"{overall['precision']:.2f} and its recall {overall['recall']:.2f} ({held_out['precision']:.2f} and "
        f"{held_out['recall']:.2f} on the {held_out['papers']} papers held out of its tuning). "
        f"{link(here, COMPARE_PATH, 'Compare two systems')} paper by paper.</p>"
    )


def _cell(overlap: Overlap | None, lowest: float, highest: float) -> str:
    if overlap is None or overlap.share is None:
        return '<td class="tv-overlap__none">—</td>'
    title = f"{overlap.matched:,} of {overlap.ablations:,} ablations, on {overlap.papers:,} papers both planned"
    shade = round(SHADES * (overlap.share - lowest) / (highest - lowest)) if highest > lowest else SHADES
    return (
        f'<td class="tv-shade-{shade}" title="{text(title)}">'
        f'<span class="tv-overlap__share">{overlap.share:.0%}</span> '
        f'<span class="tv-overlap__count">{overlap.matched:,}/{overlap.ablations:,}</span></td>'
    )


def _table(systems: list[SystemGroup], pairs: Pairs, caption: str) -> str:
    shares = [overlap.share for overlap in pairs.values() if overlap.share is not None] or [0.0]
    lowest, highest = min(shares), max(shares)
    head = "".join(f'<th scope="col">{text(system.label)}</th>' for system in systems)
    rows = "".join(
        f'<tr><th scope="row">{text(a.label)}</th>'
        + "".join(
            '<td class="tv-overlap__self">—</td>' if a is b else _cell(pairs.get((a.key, b.key)), lowest, highest) for b in systems
        )
        + "</tr>\n"
        for a in systems
    )
    return (
        f'<div class="tv-table tv-overlap"><table>\n<caption>{text(caption)}</caption>\n'
        f'<thead><tr><td></td>{head}</tr></thead>\n<tbody>\n{rows}</tbody>\n</table></div>'
    )


def overlap_section(site: Site, here: str) -> str:
    """The table over all papers, then one per task; nothing with fewer than two systems."""
    if len(site.systems) < 2:
        return ""
    overlaps = system_overlaps(site)
    sections = [
        '<h2 id="alike">Which systems plan alike</h2>',
        _how_matched(here),
        _table(site.systems, overlaps.overall, "Share of the row's ablations the column's system also proposed, all papers"),
    ]
    for task in site.papers_by_task:
        pairs = overlaps.by_task.get(task, {})
        label = task_label(task)
        heading = f"Alike on {task} papers" if task else "Alike on papers without a task"
        sections.append(f'<h3 id="alike-{task_anchor(task)}">{text(heading)}</h3>')
        sections.append(_table(site.systems, pairs, f"Share of the row's ablations the column's system also proposed, {label}"))
    return "\n".join(sections)
