"""The plan explorer: every ablation in one filterable, sortable table, filled in by docs/javascripts/explorer.js.

The page holds the controls and an empty table; the script fetches the data
(gen/data/explorer_data.py) and shows the matching rows a page at a time. Without
JavaScript the controls stay hidden and the page points to the downloads.

The controls' names are the address parameters the script keeps the filters in
(``text``, ``also``, ``model``, ``task``, ``action``, ``metric``, ``paper``,
with ``sort`` and ``order``): none is ``q`` or ``h``, which Material reads to
open its search and to highlight.
"""

from __future__ import annotations

from gen.data.download_schema import CSV_FILE, JSONL_FILE
from gen.data.explorer_data import MANIFEST_FILE
from gen.data.search_documents import SearchDocument
from gen.pages.downloads_page import DOWNLOADS_PATH
from gen.pages.markup import GeneratedPage, admonition, breadcrumbs, link, relative_url, skippable, text

EXPLORER_PATH = "explorer/"
SUMMARY = "Every ablation of every plan in one table: filter by system, task, action, metric, paper or text, and sort."
QUERY_SYNTAX = (
    'All words, any order; "a phrase" as written; one field: name:, part:, replacement:, title:, metric: '
    '(title:diffusion, metric:"top-1").'
)
HOW_TEXT_MATCHES = (
    "Text looks in the ablation's name, its ablated part and its replacements; tick the boxes to look in paper "
    "titles and metrics too, or name one field before a word or phrase. Each word must start a word of the field "
    "(rate finds rates, not accurate) and a phrase in quotes must appear as written. A compound the plans write with a "
    "hyphen matches however it is written: warmup, warm-up and warm up. Case does not matter, and the matches are highlighted."
)
HOW_FILTERS_MATCH = (
    "The counts beside each system, task and action are what choosing it would keep, with the other filters as they "
    "are. Metric keeps the ablations with a metric that contains what you type; paper keeps one paper, chosen from "
    "the titles suggested as you type. When nothing matches, the explorer names each filter whose removal would give "
    "matches, and offers the nearest words for one no plan has. The filters are kept in the address, so a filtered view "
    "can be shared."
)
HOW_ROWS_LINK = (
    "Each ablation links to its heading on its trajectory's page, and its paper to the paper's page. Systems says how "
    "many systems proposed the ablation, as the paper's page groups them, and links that group."
)
# (sort key, column heading); the script sorts by the key, the heading's button toggles it.
COLUMNS = (
    ("name", "Ablation"),
    ("part", "Ablated part"),
    ("action", "Action"),
    ("", "Replacements"),
    ("", "Metrics"),
    ("model", "System"),
    ("paper", "Paper"),
    ("systems", "Systems"),
)
# (value, label) of the checkboxes that add a field to the text search.
OPTIONAL_TEXT_FIELDS = (("title", "paper titles"), ("metric", "metrics"))


def _text_filter() -> str:
    boxes = "".join(
        f'<label><input type="checkbox" name="also" value="{value}"> {label}</label>' for value, label in OPTIONAL_TEXT_FIELDS
    )
    return (
        '<div class="tv-explorer__text">'
        '<label>Text <input type="search" name="text" autocomplete="off" spellcheck="false" '
        'placeholder="Words or &quot;a phrase&quot;" aria-describedby="tv-explorer-syntax"></label>'
        f'<fieldset class="tv-explorer__also"><legend>Also search</legend>{boxes}</fieldset>'
        f'<p id="tv-explorer-syntax" class="tv-explorer__syntax">{text(QUERY_SYNTAX)}</p>'
        "</div>"
    )


def _filters() -> str:
    return (
        '<div class="tv-explorer__filters" role="search" aria-label="Filter the ablations">'
        f"{_text_filter()}"
        '<label>System <select name="model"><option value="">All systems</option></select></label>'
        '<label>Task <select name="task"><option value="">All tasks</option></select></label>'
        '<label>Action <select name="action"><option value="">All actions</option></select></label>'
        '<label>Metric <input type="text" name="metric" list="tv-explorer-metrics" autocomplete="off" '
        'placeholder="Any metric"></label><datalist id="tv-explorer-metrics"></datalist>'
        '<label class="tv-explorer__paper">Paper <input type="search" name="paper" list="tv-explorer-papers" '
        'autocomplete="off" placeholder="Any paper: type, then pick a title"></label>'
        '<datalist id="tv-explorer-papers"></datalist>'
        '<button type="button" class="md-button" data-explorer="clear">Clear filters</button>'
        "</div>"
    )


def _table() -> str:
    head = "".join(
        f'<th scope="col" data-sort="{key}"><button type="button" data-explorer="sort">{label}</button></th>' if key
        else f'<th scope="col">{label}</th>'
        for key, label in COLUMNS
    )
    return (
        '<div class="tv-explorer__table"><table>'
        f"<thead><tr>{head}</tr></thead><tbody></tbody></table></div>"
    )


def _without_javascript() -> str:
    downloads = link(EXPLORER_PATH, DOWNLOADS_PATH, "Download the plans")
    return "<noscript>" + admonition(
        "info", "The explorer needs JavaScript",
        f"<p>It filters the plans in your browser. {downloads} as JSON Lines or CSV instead, "
        f"or browse them by {link(EXPLORER_PATH, 'papers/', 'paper')} or by {link(EXPLORER_PATH, 'planners/', 'model')}.</p>",
    ) + "</noscript>"


def _how_to() -> str:
    """How the filters match, folded away so that on a phone the filters are on the first screen."""
    return (
        '<details class="tv-explorer__how"><summary>How the filters match</summary>'
        f"<p>{text(HOW_TEXT_MATCHES)}</p><p>{text(HOW_FILTERS_MATCH)}</p><p>{text(HOW_ROWS_LINK)}</p></details>"
    )


def explorer_page() -> GeneratedPage:
    here = EXPLORER_PATH
    manifest = relative_url(here, MANIFEST_FILE)
    explorer = (
        f'<div id="tv-explorer" class="tv-explorer" data-manifest="{text(manifest)}" '
        f'data-site-root="{text(relative_url(here, ""))}" hidden>\n'
        f"{_filters()}\n"
        '<p class="tv-explorer__status" role="status" aria-live="polite">Loading the plans…</p>\n'
        '<div class="tv-explorer__rescue" hidden></div>\n'
        f'{skippable(_table(), "after-ablations", "Skip past the ablations")}\n'
        '<p><button type="button" class="md-button" data-explorer="more" hidden>Show more</button></p>\n'
        "</div>"
    )
    body = "\n\n".join((
        breadcrumbs(here, [("", "Home")], "Plan explorer"),
        "<h1>Plan explorer</h1>",
        f'<p class="tv-explorer__intro">{text(SUMMARY)}</p>',
        _how_to(),
        _without_javascript(),
        explorer,
        f"<p>The same data: {link(here, JSONL_FILE, 'plans.jsonl')} · {link(here, CSV_FILE, 'plans.csv')} "
        f"({link(here, DOWNLOADS_PATH, 'schema')}).</p>",
    ))
    return GeneratedPage(here, "Plan explorer", body, (SearchDocument(here, "Plan explorer", SUMMARY),))
