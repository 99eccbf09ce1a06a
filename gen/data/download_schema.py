"""What the downloads hold: their files, and their columns as the downloads page documents them.

``plans.jsonl`` and ``plans.csv`` hold one ablation a record (``COLUMNS``);
``trajectories.jsonl`` one trajectory a record, reasoning included
(``TRAJECTORY_COLUMNS``, its plan a list of ``PLAN_ITEM_COLUMNS`` objects).
"""

from __future__ import annotations

from dataclasses import dataclass

JSONL_FILE = "downloads/plans.jsonl"
CSV_FILE = "downloads/plans.csv"
TRAJECTORIES_FILE = "downloads/trajectories.jsonl"


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
    Column("task", "string or null",
           "The paper's AblationBench task from `papers.yml` (`AuthorAblation` or `ReviewerAblation`); "
           "null (an empty CSV cell) when it has none."),
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
    Column("group_systems", "integer",
           "How many systems proposed this ablation: the systems of its agreement group on the paper's page, its "
           "own included, as the site matches ablations; 1 when no other system did, or no other system planned the paper."),
    Column("group_id", "string or null",
           "The ablation's agreement group: the paper's slug and the group's number (`dit/2`), which is at "
           "`papers/dit/#agreement-2`; null (an empty CSV cell) when no other system proposed the ablation."),
)
NAMES = tuple(column.name for column in COLUMNS)
_BY_NAME = {column.name: column for column in COLUMNS}
PLAN_ITEM_COLUMNS = tuple(
    _BY_NAME[name] for name in ("ablation_name", "ablated_part", "action", "replacements", "metrics")
)
TRAJECTORY_COLUMNS = (
    *(_BY_NAME[name] for name in ("planner", "model", "paper", "paper_title", "task")),
    Column("reasoning", "string or null",
           "The reasoning trace, as the Markdown the trajectory holds; null when the file has no reasoning box."),
    Column("plan", "list of objects",
           "The plan's ablations in order, each an object with the keys `ablation_name`, `ablated_part`, `action`, "
           "`replacements` and `metrics`, as in `plans.jsonl`."),
    Column("trajectory_url", "string",
           "The trajectory's page, as a path from the site's address (`trajectories/lm-planner/gpt-4o/dit/`)."),
)
TRAJECTORY_NAMES = tuple(column.name for column in TRAJECTORY_COLUMNS)
PLAN_ITEM_NAMES = tuple(column.name for column in PLAN_ITEM_COLUMNS)
