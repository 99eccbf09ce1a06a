"""The structured plans as data files: ``downloads/plans.jsonl`` and ``downloads/plans.csv``, and the
whole trajectories, reasoning included, as ``downloads/trajectories.jsonl``.

One ablation a line (a row), in the site's order, with the columns of
gen.data.download_schema in the order ``plan_records`` gives a row's values
(tests/test_downloads.py holds the two together). List columns are JSON
arrays in both files (in the CSV, as JSON text in the cell), which keeps
replacements that contain commas intact.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator, Sequence
from json.encoder import encode_basestring  # json's own string encoder (C), without ASCII escapes

from gen.data.download_schema import (
    COLUMNS, CSV_FILE, JSONL_FILE, NAMES, PLAN_ITEM_NAMES, TRAJECTORIES_FILE, TRAJECTORY_NAMES,
)
from gen.memo import Memo, NoMemo, Same
from gen.model.agreement import placements
from gen.model.site_model import Site, TrajectoryEntry
from gen.pages.trajectory_view import ablation_anchor

LIST_COLUMNS = tuple(index for index, column in enumerate(COLUMNS) if column.kind.startswith("list"))
JSON = json.JSONEncoder(ensure_ascii=False)  # json.dumps's layout, characters as they are rather than \u escapes


def plan_records(site: Site) -> Iterator[dict[str, object]]:
    """Every ablation as a record, in the site's order; list columns hold tuples, which JSON writes as arrays."""
    for entry in site.entries:
        yield from _entry_plan_records(entry)


def _entry_plan_records(entry: TrajectoryEntry) -> list[dict[str, object]]:
    identity, url, title, task = entry.trajectory.identity, entry.path, entry.paper.title, entry.paper.task
    return [
        dict(zip(NAMES, (
            identity.planner, identity.model, identity.paper, title, task, number, ablation.name, ablation.part,
            ablation.action.strip(), ablation.replacements, ablation.metrics, f"{url}#{ablation_anchor(number)}",
            placement.systems, None if placement.group is None else f"{entry.paper_slug}/{placement.group}",
        )))
        for number, (ablation, placement) in enumerate(zip(entry.ablations, placements(entry), strict=True), 1)
    ]


def jsonl_text(records: Sequence[dict[str, object]]) -> str:
    """One JSON object a line, encoded in one call and cut between records.

    Every record starts with the same key (``planner``); inside a string every
    quote is escaped, and nested objects (a plan's ablations) start with other
    keys, so ``}, {"planner": `` occurs only between two records.
    """
    if not records:
        return ""
    first_key = "{" + JSON.encode(next(iter(records[0]))) + ": "
    return JSON.encode(records)[1:-1].replace("}, " + first_key, "}\n" + first_key) + "\n"


def _list_cell(items: Sequence[str] | None) -> str:
    """A list as its JSON text (as json.dumps writes it), null as an empty cell."""
    return "" if items is None else "[" + ", ".join(map(encode_basestring, items)) + "]"


def _csv(rows: Iterable[Sequence[object]]) -> str:
    """RFC 4180 CSV: CRLF line ends, fields quoted where they need it."""
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return buffer.getvalue()


def _csv_row(record: dict[str, object]) -> list[object]:
    row = list(record.values())
    for index in LIST_COLUMNS:
        row[index] = _list_cell(row[index])
    return row


def _csv_rows(records: Iterable[dict[str, object]]) -> str:
    return _csv(map(_csv_row, records))


def csv_text(records: Iterable[dict[str, object]]) -> str:
    """A header row, then one row per record."""
    return _csv([NAMES]) + _csv_rows(records)


def _trajectory_record(entry: TrajectoryEntry) -> dict[str, object]:
    """A trajectory as a record: its identity, task, reasoning and plan."""
    identity = entry.trajectory.identity
    plan = [dict(zip(PLAN_ITEM_NAMES, (a.name, a.part, a.action.strip(), a.replacements, a.metrics))) for a in entry.ablations]
    return dict(zip(TRAJECTORY_NAMES, (
        identity.planner, identity.model, identity.paper, entry.paper.title, entry.paper.task,
        entry.trajectory.reasoning, plan, entry.path,
    )))


def _entry_lines(entry: TrajectoryEntry) -> tuple[str, str, str]:
    """The entry's lines of the three files: JSON Lines, CSV, trajectories' JSON Lines."""
    records = _entry_plan_records(entry)
    return jsonl_text(records), _csv_rows(records), jsonl_text([_trajectory_record(entry)])


def download_files(site: Site, memo: Memo = NoMemo()) -> dict[str, str]:
    """The three files, written an entry at a time: each line depends on its entry alone, so a live server
    reuses the lines of unchanged entries (a record's fields are the key)."""
    lines = [
        memo.get(("download lines", Same(entry.trajectory), entry.path, entry.paper.title, entry.paper.task, placements(entry)),
                 lambda: _entry_lines(entry))
        for entry in site.entries
    ]
    return {
        JSONL_FILE: "".join(line[0] for line in lines),
        CSV_FILE: _csv([NAMES]) + "".join(line[1] for line in lines),
        TRAJECTORIES_FILE: "".join(line[2] for line in lines),
    }
