"""The plan explorer: every ablation in one filterable, sortable table, filled in by docs/javascripts/explorer.js.

The page holds the controls and an empty table; the script fetches the data
(gen/explorer_data.py) and shows the matching rows a page at a time. Without
JavaScript the controls stay hidden and the page points to the downloads.
"""

from __future__ import annotations

from gen.download_schema import CSV_FILE, JSONL_FILE
from gen.explorer_data import MANIFEST_FILE
from gen.pages.downloads_page import DOWNLOADS_PATH
from gen.pages.markup import GeneratedPage, admonition, breadcrumbs, link, relative_url, text
from gen.search_documents import SearchDocument

EXPLORER_PATH = "explorer/"
SUMMARY = "Every ablation of every plan in one table: filter by system, task, action, metric, paper or text, and sort."
HOW_FILTERS_MATCH = (
    "Text keeps the ablations that have all of its words, in any field; metric and paper keep those with a metric "
    "or paper title that contains what you type. Case does not matter."
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
)


def _filters() -> str:
    return (
        '<div class="tv-explorer__filters" role="search" aria-label="Filter the ablations">'
        '<label>Text <input type="search" name="q" autocomplete="off" placeholder="Words in any field"></label>'
        '<label>System <select name="model"><option value="">All systems</option></select></label>'
        '<label>Task <select name="task"><option value="">All tasks</option></select></label>'
        '<label>Action <select name="action"><option value="">All actions</option></select></label>'
        '<label>Metric <input type="text" name="metric" list="tv-explorer-metrics" autocomplete="off" '
        'placeholder="Any metric"></label><datalist id="tv-explorer-metrics"></datalist>'
        '<label>Paper <input type="text" name="paper" list="tv-explorer-papers" autocomplete="off" '
        'placeholder="Any paper"></label><datalist id="tv-explorer-papers"></datalist>'
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


def explorer_page() -> GeneratedPage:
    here = EXPLORER_PATH
    manifest = relative_url(here, MANIFEST_FILE)
    explorer = (
        f'<div id="tv-explorer" class="tv-explorer" data-manifest="{text(manifest)}" '
        f'data-site-root="{text(relative_url(here, ""))}" hidden>\n'
        f"{_filters()}\n"
        '<p class="tv-explorer__status" role="status" aria-live="polite">Loading the plans…</p>\n'
        f"{_table()}\n"
        '<p><button type="button" class="md-button" data-explorer="more" hidden>Show more</button></p>\n'
        "</div>"
    )
    body = "\n\n".join((
        breadcrumbs(here, [("", "Home")], "Plan explorer"),
        "<h1>Plan explorer</h1>",
        f"<p>{text(SUMMARY)} {text(HOW_FILTERS_MATCH)} Each ablation links to its heading on its trajectory's page. "
        f"The filters are kept in the address, so a filtered view can be shared. "
        f"The same data: {link(here, JSONL_FILE, 'plans.jsonl')} · {link(here, CSV_FILE, 'plans.csv')} "
        f"({link(here, DOWNLOADS_PATH, 'schema')}).</p>",
        _without_javascript(),
        explorer,
    ))
    return GeneratedPage(here, "Plan explorer", body, (SearchDocument(here, "Plan explorer", SUMMARY),))
