"""The structured plans as data files: ``downloads/plans.jsonl`` and ``downloads/plans.csv``.

One ablation a line (a row), in the site's order. ``COLUMNS`` is the schema:
the files are written from it and the downloads page documents it, so the two
cannot drift apart. List columns are JSON arrays in both files (in the CSV, as
JSON text in the cell), which keeps replacements that contain commas intact.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
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
    value: Callable[[PlanRow], object]


COLUMNS = (
    Column("planner", "string", "The planner, as the trajectory's heading names it (`lm-planner`).",
           lambda row: row.entry.trajectory.identity.planner),
    Column("model", "string", "The model, as the trajectory's heading names it (`claude-3.5-sonnet`).",
           lambda row: row.entry.trajectory.identity.model),
    Column("model_name", "string", "The model's display name on this site (`Claude 3.5 Sonnet`).",
           lambda row: row.model_name),
    Column("paper", "string", "The paper, as the trajectory's heading names it.",
           lambda row: row.entry.trajectory.identity.paper),
    Column("paper_title", "string", "The paper's title as this site shows it.",
           lambda row: row.paper_title),
    Column("ablation_number", "integer", "The ablation's place in its plan, from 1.",
           lambda row: row.number),
    Column("ablation_name", "string", "The ablation's heading in the plan, verbatim.",
           lambda row: row.ablation.name),
    Column("ablated_part", "string", "The Ablated Part field, verbatim; empty when the plan leaves it out.",
           lambda row: row.ablation.part),
    Column("action", "string", "The Action field, verbatim (`REPLACE`, `REMOVE` or `ADD` in well-formed plans).",
           lambda row: row.ablation.action.strip()),
    Column("replacements", "list of strings or null",
           "The Replacement list, each item verbatim; null (an empty CSV cell) when the ablation has no Replacement "
           "field, `[]` when the field lists nothing.",
           lambda row: None if row.ablation.replacements is None else list(row.ablation.replacements)),
    Column("metrics", "list of strings", "The Metrics field, split at its commas, each metric verbatim.",
           lambda row: list(row.ablation.metrics)),
    Column("trajectory_url", "string",
           "The trajectory's page, as a path from the site's address (`trajectories/lm-planner/gpt-4o/dit/`).",
           lambda row: row.trajectory_url),
    Column("ablation_url", "string", "The ablation's heading on that page: the same path with `#ablation-<number>`.",
           lambda row: row.location),
)


def plan_records(rows: Sequence[PlanRow]) -> list[dict[str, object]]:
    return [{column.name: column.value(row) for column in COLUMNS} for row in rows]


# One encoder for every value: json.dumps with options builds a new one per call.
JSON = json.JSONEncoder(ensure_ascii=False)


def jsonl_text(records: list[dict[str, object]]) -> str:
    return "".join(JSON.encode(record) + "\n" for record in records)


def _csv_cell(value: object) -> object:
    """A list as JSON text, null as an empty cell."""
    return "" if value is None else JSON.encode(value)


def csv_text(records: list[dict[str, object]]) -> str:
    """RFC 4180 CSV: a header row, then one row per ablation, CRLF line ends, quoted where needed."""
    lists = [column.name for column in COLUMNS if column.kind.startswith("list")]
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(column.name for column in COLUMNS)
    writer.writerows({**record, **{name: _csv_cell(record[name]) for name in lists}}.values() for record in records)
    return buffer.getvalue()


def download_files(rows: Sequence[PlanRow]) -> dict[str, str]:
    records = plan_records(rows)
    return {JSONL_FILE: jsonl_text(records), CSV_FILE: csv_text(records)}
