"""What the downloads hold: their files, and their columns as the downloads page documents them."""

from __future__ import annotations

from dataclasses import dataclass

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
)
NAMES = tuple(column.name for column in COLUMNS)
