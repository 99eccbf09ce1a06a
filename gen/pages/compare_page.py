"""The compare page: two systems side by side, paper by paper, filled in by docs/javascripts/compare.js.

The page holds the two pickers (each system an option) and empty tables; the
script reads the pair from the address (``?a=PLANNER/MODEL&b=PLANNER/MODEL``,
the slugs of the trajectory pages), fetches gen/data/compare_data.py's file and
computes the pair's figures: the papers both planned, each system's ablations
on them, how many of those have a counterpart in the other's plan (their
agreement group holds one of the other's) and how many stand alone, in all,
per task and per paper. Without JavaScript the page points to the statistics
page's system × system table.
"""

from __future__ import annotations

from gen.data.compare_data import compare_data
from gen.data.search_documents import SearchDocument
from gen.model.site_model import Site
from gen.pages.markup import GeneratedPage, admonition, breadcrumbs, link, relative_url, skippable, text

COMPARE_PATH = "compare/"
SUMMARY = "Two systems side by side: the papers both planned, and on them the ablations each proposed that the other did too, or alone."
HOW_IT_COUNTS = (
    "An ablation has a counterpart when its group on the paper's page (“Where the systems agree”) holds an ablation "
    "of the other system. Ablations are counted, not groups: a group can hold two ablations of one system. A paper's "
    "lone ablations open from its row."
)
# (sort key, heading); every column but the paper's holds a number.
PAPER_COLUMNS = (
    ("title", "Paper"),
    ("a", "A's ablations"),
    ("b", "B's ablations"),
    ("aMatched", "A's with a counterpart"),
    ("bMatched", "B's with a counterpart"),
    ("aAlone", "A alone"),
    ("bAlone", "B alone"),
)
SUMMARY_COLUMNS = ("Papers", "Both planned", "A's ablations", "B's ablations",
                   "A's with a counterpart", "B's with a counterpart", "A alone", "B alone")


def _picker(name: str, label: str, site: Site) -> str:
    options = "".join(f'<option value="{text(system.key)}">{text(system.label)}</option>' for system in site.systems)
    return f'<label>{label} <select name="{name}">{options}</select></label>'


def _paper_table() -> str:
    head = "".join(
        f'<th scope="col" data-sort="{key}"><button type="button" data-compare="sort">{text(label)}</button></th>'
        for key, label in PAPER_COLUMNS
    )
    return f'<div class="tv-compare__papers"><table><thead><tr>{head}</tr></thead><tbody></tbody></table></div>'


def compare_page(site: Site) -> GeneratedPage:
    here = COMPARE_PATH
    data_path, _ = compare_data(site)
    summary_head = "".join(f'<th scope="col">{text(label)}</th>' for label in SUMMARY_COLUMNS)
    statistics = link(here, "statistics/", "statistics page", "#alike")
    compare = (
        f'<div id="tv-compare" class="tv-compare" data-data="{text(relative_url(here, data_path))}" '
        f'data-site-root="{text(relative_url(here, ""))}" hidden>\n'
        f'<div class="tv-compare__pickers" role="group" aria-label="The two systems">{_picker("a", "System A", site)}'
        '<button type="button" class="md-button" data-compare="swap">Swap A and B</button>'
        f'{_picker("b", "System B", site)}</div>\n'
        '<p class="tv-compare__status" role="status" aria-live="polite">Loading the plans…</p>\n'
        '<h2 id="summary">In all and per task</h2>\n'
        f'<div class="tv-compare__summary"><table><thead><tr>{summary_head}</tr></thead><tbody></tbody></table></div>\n'
        '<h2 id="papers">Paper by paper</h2>\n'
        f'{skippable(_paper_table(), "after-papers", "Skip past the papers")}\n'
        '<p><button type="button" class="md-button" data-compare="more" hidden>Show more</button></p>\n'
        "</div>"
    )
    body = "\n\n".join((
        breadcrumbs(here, [("", "Home"), ("statistics/", "Statistics")], "Compare two systems"),
        "<h1>Compare two systems</h1>",
        f"<p>{text(SUMMARY)} {text(HOW_IT_COUNTS)} Every pair at once: the {statistics}.</p>",
        "<noscript>" + admonition(
            "info", "Comparing needs JavaScript",
            f"<p>The figures are computed in your browser. The {statistics} has every pair's shares without it.</p>",
        ) + "</noscript>",
        compare,
    ))
    return GeneratedPage(here, "Compare two systems", body, (SearchDocument(here, "Compare two systems", SUMMARY),))
