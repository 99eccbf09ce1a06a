"""The downloads page: the structured plans as files, and their schema, written from gen.data.download_schema.COLUMNS."""

from __future__ import annotations

from gen.data.download_schema import COLUMNS, CSV_FILE, JSONL_FILE, TRAJECTORIES_FILE, TRAJECTORY_COLUMNS
from gen.data.search_documents import SearchDocument
from gen.model.site_model import Site
from gen.pages.markup import GeneratedPage, breadcrumbs, link, table, text

DOWNLOADS_PATH = "downloads/"
SUMMARY = (
    "Every ablation of every plan as data (JSON Lines and CSV), and every trajectory with its reasoning trace "
    "(JSON Lines), with the schema of their columns."
)
READING_EXAMPLE = """import csv, json

with open("plans.jsonl", encoding="utf-8") as lines:
    plans = [json.loads(line) for line in lines]

with open("plans.csv", encoding="utf-8", newline="") as file:
    rows = list(csv.DictReader(file))
metrics = json.loads(rows[0]["metrics"])"""


def _with_code(description: str) -> str:
    """A column description with its `backquoted` words as code; everything escaped."""
    pieces = text(description).split("`")
    return "".join(f"<code>{piece}</code>" if number % 2 else piece for number, piece in enumerate(pieces))


def _files(site: Site) -> str:
    here = DOWNLOADS_PATH
    count = f"{site.ablation_count:,} ablations from {len(site.entries):,} trajectories"
    return (
        "<ul>"
        f"<li>{link(here, JSONL_FILE, 'plans.jsonl')}: JSON Lines, UTF-8, one JSON object per ablation ({count}).</li>"
        f"<li>{link(here, CSV_FILE, 'plans.csv')}: CSV (RFC 4180), UTF-8, a header row, then one row per ablation; "
        "CRLF line ends, fields quoted where they need it.</li>"
        f"<li>{link(here, TRAJECTORIES_FILE, 'trajectories.jsonl')}: JSON Lines, UTF-8, one JSON object per trajectory "
        f"({len(site.entries):,}), with its reasoning trace as Markdown and its plan.</li>"
        "</ul>"
    )


def _columns(columns) -> str:
    rows = ([f"<code>{text(column.name)}</code>", text(column.kind), _with_code(column.description)] for column in columns)
    return table(["Column", "Type", "Description"], rows)


def _schema() -> str:
    return (
        '<h2 id="schema">Schema of the plans</h2>\n<p><code>plans.jsonl</code> and <code>plans.csv</code> have these '
        f"columns, in this order.</p>\n{_columns(COLUMNS)}\n"
        '<h2 id="trajectories-schema">Schema of the trajectories</h2>\n<p><code>trajectories.jsonl</code> has these '
        f"keys, in this order; the plan's ablations have the plan columns of the same names.</p>\n{_columns(TRAJECTORY_COLUMNS)}"
    )


def _csv_notes() -> str:
    return (
        '<h2 id="csv">Reading the CSV</h2>\n<ul>'
        "<li>List columns (<code>replacements</code>, <code>metrics</code>) hold a JSON array as text, "
        'such as <code>["Euclidean", "Manhattan"]</code>: items may contain commas, so they are not joined.</li>'
        "<li>An empty <code>replacements</code> cell is a null: the ablation has no Replacement field.</li>"
        "<li>Cells are the trajectories' text, verbatim. A spreadsheet may read a cell that starts with "
        "<code>=</code>, <code>+</code>, <code>-</code> or <code>@</code> as a formula; import it as text.</li>"
        "</ul>\n"
        f'<pre><code>{text(READING_EXAMPLE)}</code></pre>'
    )


def downloads_page(site: Site) -> GeneratedPage:
    here = DOWNLOADS_PATH
    body = "\n\n".join((
        breadcrumbs(here, [("", "Home")], "Downloads"),
        "<h1>Downloads</h1>",
        f"<p>{text(SUMMARY)} All are rebuilt with the site, in its order: by paper, then system, then place in the plan. "
        f"URLs are paths from the site's address. To filter them in the browser, use the "
        f"{link(here, 'explorer/', 'plan explorer')}.</p>",
        _files(site),
        _schema(),
        _csv_notes(),
    ))
    return GeneratedPage(here, "Downloads", body, (SearchDocument(here, "Downloads", SUMMARY),))
