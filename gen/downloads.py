"""The structured plans as data files: ``downloads/plans.jsonl`` and ``downloads/plans.csv``.

One ablation a line (a row), in the site's order. ``COLUMNS`` is the schema
the downloads page documents, and the order in which ``_values`` gives a row's
values (tests/test_downloads.py holds the two together). List columns are JSON arrays in both files (in the CSV, as
JSON text in the cell), which keeps replacements that contain commas intact.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from dataclasses import dataclass
from json.encoder import encode_basestring  # json's own string encoder (C), without ASCII escapes
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from gen.plan_rows import PlanRow

JSONL_FILE = "downloads/plans.jsonl"
CSV_FILE = "downloads/plans.csv"


@dataclass(frozen=True)
class Column:
    name: str
    kind: str
    description: str


COLUMNS = (
    Column("planner", "string", "The planner, as the trajectory's heading names it (`lm-planner`)."),
    Column("model", "string", "The model, as the trajectory's heading names it (`claude-3.5-sonnet`)."),
    Column("paper", "string", "The paper, as the trajectory's heading names it."),
    Column("paper_title", "string", "The paper's title as this site shows it."),
    Column("ablation_number", "integer", "The ablation's place in its plan, from 1."),
    Column("ablation_name", "string", "The ablation's heading in the plan, verbatim."),
    Column("ablated_part", "string", "The Ablated Part field, verbatim; empty when the plan leaves it out."),
    Column("action", "string", "The Action field, verbatim (`REPLACE`, `REMOVE` or `ADD` in well-formed plans)."),
    Column("replacements", "list of strings or null",
           "The Replacement list, each item verbatim; null (an empty CSV cell) when the ablation has no Replacement "
           "field, `[]` when the field lists nothing."),
    Column("metrics", "list of strings", "The Metrics field, split at its commas, each metric verbatim."),
    Column("trajectory_url", "string",
           "The ablation on its trajectory's page, as a path from the site's address "
           "(`trajectories/lm-planner/gpt-4o/dit/#ablation-2`); without the `#` part, the page."),
)
NAMES = tuple(column.name for column in COLUMNS)
LIST_COLUMNS = tuple(index for index, column in enumerate(COLUMNS) if column.kind.startswith("list"))
# The encoder json.dumps uses by default, built once: json.dumps builds one per call, which shows over 5,000 rows.
JSON = json.JSONEncoder(ensure_ascii=False)


def _values(row: PlanRow) -> tuple:
    """A row's values, in the order of ``COLUMNS``."""
    ablation, identity = row.ablation, row.entry.trajectory.identity
    replacements = None if ablation.replacements is None else list(ablation.replacements)
    return (
        identity.planner, identity.model, identity.paper, row.paper_title, row.number,
        ablation.name, ablation.part, ablation.action.strip(), replacements, list(ablation.metrics), row.location,
    )


def plan_records(rows: Sequence[PlanRow]) -> list[dict[str, object]]:
    return [dict(zip(NAMES, _values(row))) for row in rows]


def jsonl_text(records: list[dict[str, object]]) -> str:
    """One JSON object a line, encoded in one call and cut between records.

    A record's encoding starts with its first key; inside a string every quote
    is escaped, so ``}, {"planner": `` occurs only between two records.
    """
    if not records:
        return ""
    first_key = "{" + JSON.encode(NAMES[0]) + ": "
    return JSON.encode(records)[1:-1].replace("}, " + first_key, "}\n" + first_key) + "\n"


def _list_cell(items: list[str] | None) -> str:
    """A list as its JSON text (as json.dumps writes it), null as an empty cell."""
    return "" if items is None else "[" + ", ".join(map(encode_basestring, items)) + "]"


def csv_text(records: list[dict[str, object]]) -> str:
    """RFC 4180 CSV: a header row, then one row per ablation, CRLF line ends, quoted where needed."""
    rows = [list(record.values()) for record in records]
    for row in rows:
        for index in LIST_COLUMNS:
            row[index] = _list_cell(row[index])
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(NAMES)
    writer.writerows(rows)
    return buffer.getvalue()


def download_files(rows: Sequence[PlanRow]) -> dict[str, str]:
    records = plan_records(rows)
    return {JSONL_FILE: jsonl_text(records), CSV_FILE: csv_text(records)}
