"""downloads/plans.jsonl and downloads/plans.csv: one ablation a line, verbatim, documented, linked from home."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

from gen.data.download_schema import COLUMNS, TRAJECTORY_COLUMNS
from gen.data.downloads import csv_text, jsonl_text, plan_records
from tests.conftest import CORPUS, needs_corpus
from tests.plan_data import ablation, site_of, trajectory
from tests.site_pages import page_links, soup_of

LIST_COLUMNS = ("replacements", "metrics")


def squeezed(value: str) -> str:
    return re.sub(r"\s+", "", value)


def records_of(*trajectories):
    return list(plan_records(site_of(*trajectories)))


def read_jsonl(text: str) -> list[dict]:
    assert text.endswith("\n")
    return [json.loads(line) for line in text.splitlines()]


def read_csv(text: str) -> list[dict]:
    """The CSV as its schema page tells a reader to read it: list cells are JSON, an empty list or task cell is null."""
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    for row in rows:
        row["ablation_number"] = int(row["ablation_number"])
        for name in LIST_COLUMNS:
            row[name] = json.loads(row[name]) if row[name] else None
        row["task"] = row["task"] or None
        row["group_systems"] = int(row["group_systems"])
        row["group_id"] = row["group_id"] or None
    return rows


def test_an_ablation_another_system_also_proposed_names_its_group_and_its_systems():
    shared = ablation("Remove the encoder", "Encoder", "REMOVE", None, ("accuracy",))
    records = records_of(
        trajectory("gpt-4o", "paper", shared, ablation("Sweep the learning rate", "Learning rate", "REPLACE", ("0.1", "0.01"), ())),
        trajectory("o3-mini", "paper", ablation("Drop the encoder", "Encoder", "REMOVE", None, ("F1",))),
        trajectory("claude-3.5-sonnet", "paper", shared),
    )
    placed = {(r["model"], r["ablation_number"]): (r["group_systems"], r["group_id"]) for r in records}
    assert placed == {
        ("gpt-4o", 1): (3, "paper/1"), ("o3-mini", 1): (3, "paper/1"), ("claude-3.5-sonnet", 1): (3, "paper/1"),
        ("gpt-4o", 2): (1, None),
    }
    assert [row["group_id"] for row in read_csv(csv_text(records))] == [r["group_id"] for r in records]


def test_a_record_holds_every_field_verbatim():
    [record] = read_jsonl(jsonl_text(records_of(trajectory(
        "claude-3.5-sonnet", "Some_Paper__Title",
        ablation("Swap, \"quoted\"", "Loss; λ term\n", " REPLACE ", ("L1, smooth", "=SUM(A1)"), ("F1", "Training Cost ($)")),
    ))))
    assert record == {
        "planner": "lm-planner",
        "model": "claude-3.5-sonnet",
        "paper": "Some_Paper__Title",
        "paper_title": "Some Paper: Title",
        "task": None,
        "ablation_number": 1,
        "ablation_name": 'Swap, "quoted"',
        "ablated_part": "Loss; λ term\n",
        "action": "REPLACE",
        "replacements": ["L1, smooth", "=SUM(A1)"],
        "metrics": ["F1", "Training Cost ($)"],
        "trajectory_url": "trajectories/lm-planner/claude-35-sonnet/Some_Paper__Title/#ablation-1",
        "group_systems": 1,
        "group_id": None,
    }
    assert list(record) == [column.name for column in COLUMNS]


def test_jsonl_and_csv_read_back_to_the_same_records():
    records = records_of(
        trajectory("gpt-4o", "p", ablation("No list", replacements=None), ablation("Empty list", replacements=()),
                   ablation("Commas, \"quotes\"\nand lines", "part, with, commas", replacements=("a, b", 'c "d"'))),
    )
    jsonl, table = jsonl_text(records), csv_text(records)
    assert read_jsonl(jsonl) == read_csv(table)
    assert [record["ablation_name"] for record in read_jsonl(jsonl)] == [record["ablation_name"] for record in records]
    assert len(jsonl.splitlines()) == 3
    assert table.splitlines()[0] == ",".join(column.name for column in COLUMNS)
    by_name = {record["ablation_name"]: record for record in read_csv(table)}
    assert by_name["No list"]["replacements"] is None and by_name["Empty list"]["replacements"] == []


def test_the_schema_page_documents_every_column_in_order(seed_site):
    page = seed_site / "downloads" / "index.html"
    soup = soup_of(page)
    for heading, columns in (("schema", COLUMNS), ("trajectories-schema", TRAJECTORY_COLUMNS)):
        cells = [row.select("td") for row in soup.select_one(f"#{heading}").find_next("table").select("tbody tr")]
        assert [cell[0].get_text() for cell in cells] == [column.name for column in columns]
        assert all(cell[2].get_text().strip() for cell in cells)
    text = soup_of(page).select_one("article").get_text(" ")
    assert "JSON array" in text and "null" in text


def test_the_home_page_links_both_files_and_their_schema(seed_site):
    links = page_links(seed_site / "index.html", seed_site)
    for target in ("downloads/plans.jsonl", "downloads/plans.csv", "downloads/index.html"):
        assert (seed_site / target).resolve() in links, target
        assert (seed_site / target).is_file(), target


def check_files(site: Path) -> list[dict]:
    """Both files agree, line for line; every line's URLs name a page and a heading that exist."""
    records = read_jsonl((site / "downloads/plans.jsonl").read_text(encoding="utf-8"))
    assert read_csv((site / "downloads/plans.csv").read_text(encoding="utf-8")) == records
    pages: dict[str, str] = {}
    for record in records:
        page, anchor = record["trajectory_url"].split("#")
        assert anchor == f"ablation-{record['ablation_number']}"
        if page not in pages:
            pages[page] = (site / page / "index.html").read_text(encoding="utf-8")
        assert f'id="{anchor}"' in pages[page], record["trajectory_url"]
    return records


def test_the_seed_files_list_every_ablation_of_every_page(seed_site):
    records = check_files(seed_site)
    headings = sum(len(soup_of(page).select("section.tv-ablation")) for page in (seed_site / "trajectories").rglob("index.html"))
    assert len(records) == headings == 10


@needs_corpus
def test_the_corpus_files_hold_every_plan_field_verbatim(corpus_site):
    """Compared with the corpus files read by plain regular expressions, not by the site's reader."""
    records = check_files(corpus_site)
    assert len(records) == 5034
    by_trajectory: dict[tuple[str, str, str], list[dict]] = {}
    for record in records:
        by_trajectory.setdefault((record["planner"], record["model"], record["paper"]), []).append(record)
    for path in CORPUS.rglob("*.md"):
        text = path.read_text(encoding="utf-8")
        identity = tuple(re.search(r"^# ([^/\n]+)/([^/\n]+)/(.+)$", text, re.M).groups())
        blocks = re.split(r"^### ", text.split("Ablation Plan</h2>", 1)[1], flags=re.M)[1:]
        listed = by_trajectory[identity]
        assert [record["ablation_name"] for record in listed] == [block.partition("\n")[0].strip() for block in blocks], path
        for record, block in zip(listed, blocks):
            fields = dict(re.findall(r"^- \*\*([^*]+)\*\*: *(.*)$", block, re.M))
            assert record["ablated_part"] == fields["Ablated Part"].strip(), path
            assert record["action"] == fields["Action"].strip(), path
            # The reader splits metrics at commas outside brackets; joined again, they are the field.
            assert squeezed(",".join(record["metrics"])) == squeezed(fields["Metrics"]), path
            if "Replacement" in fields:
                assert record["replacements"] == [item.strip() for item in re.findall(r"^  - (.*)$", block, re.M)], path
            else:
                assert record["replacements"] is None, path


def read_trajectories(site: Path) -> list[dict]:
    return read_jsonl((site / "downloads/trajectories.jsonl").read_text(encoding="utf-8"))


def test_the_trajectories_file_holds_each_plan_as_the_plans_file_does(seed_site):
    """One line per trajectory page; its plan is the plans file's records for that trajectory, key for key."""
    trajectories = read_trajectories(seed_site)
    pages = {path.parent for path in (seed_site / "trajectories").rglob("index.html") if len(path.relative_to(seed_site / "trajectories").parts) == 4}
    assert {(seed_site / record["trajectory_url"]).resolve() for record in trajectories} == {page.resolve() for page in pages}
    plans = read_jsonl((seed_site / "downloads/plans.jsonl").read_text(encoding="utf-8"))
    for record in trajectories:
        rows = [row for row in plans if row["trajectory_url"].split("#")[0] == record["trajectory_url"]]
        assert record["plan"] == [{key: row[key] for key in record["plan"][0]} for row in rows] if rows else record["plan"] == []
        assert list(record) == [column.name for column in TRAJECTORY_COLUMNS]


@needs_corpus
def test_the_corpus_trajectories_file_holds_every_reasoning_trace_verbatim(corpus_site):
    """Each trace is the text between the reasoning box's heading and its end, as the corpus file holds it."""
    by_identity = {(r["planner"], r["model"], r["paper"]): r for r in read_trajectories(corpus_site)}
    files = sorted(CORPUS.rglob("*.md"))
    assert len(by_identity) == len(files)
    for path in files:
        text = path.read_text(encoding="utf-8")
        identity = tuple(re.search(r"^# ([^/\n]+)/([^/\n]+)/(.+)$", text, re.M).groups())
        reasoning = by_identity[identity]["reasoning"]
        assert reasoning and squeezed(reasoning) in squeezed(text), path
        box = text.split("Reasoning Trace</h2>", 1)[1].split("</div>", 1)[0]
        assert squeezed(reasoning) == squeezed(box), path
