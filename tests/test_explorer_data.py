"""The plan explorer's page and data files: every ablation, once, in chunks, with facets and working links."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

from gen.data.explorer_data import MANIFEST_FILE, ROWS_PER_CHUNK, explorer_files
from gen.model.site_model import build_site
from gen.reading.corpus import Corpus
from gen.reading.metadata import PaperMetadata
from tests.conftest import CORPUS, needs_corpus
from tests.plan_data import ablation, site_of, trajectory
from tests.site_pages import ablation_headings, soup_of

FIELDS = ("model", "paper", "number", "name", "part", "action", "replacements", "metrics", "systems", "group")


def read_data(files: dict[str, str]) -> tuple[dict, list[dict]]:
    """The manifest, and every row as a dict, read the way explorer.js reads them."""
    manifest = json.loads(files[MANIFEST_FILE])
    folder = MANIFEST_FILE.rsplit("/", 1)[0]
    rows = [dict(zip(FIELDS, row)) for chunk in manifest["chunks"] for row in json.loads(files[f"{folder}/{chunk}"])]
    return manifest, rows


def read_site_data(site: Path) -> tuple[dict, list[dict]]:
    manifest_path = site / MANIFEST_FILE
    files = {str(path.relative_to(site)): path.read_text(encoding="utf-8") for path in manifest_path.parent.rglob("*.json")}
    return read_data(files)


def row_url(manifest: dict, row: dict) -> str:
    """The link explorer.js makes for a row, from the site root."""
    model, paper = manifest["models"][row["model"]][0], manifest["papers"][row["paper"]][0]
    return f"trajectories/{model}/{paper}/#ablation-{row['number']}"


def two_papers_site():
    return site_of(
        trajectory("gpt-4o", "beta_paper",
                   ablation("Drop the encoder", "Encoder", "REMOVE", None, ("accuracy", "FID")),
                   ablation("Swap the loss", "Loss, with \"quotes\" & <tags>", "replace", ("L1, smooth", "L2"), ("Accuracy",))),
        trajectory("claude-3.5-sonnet", "beta_paper", ablation("Other action", "Decoder", "TWEAK", ("x",), ("BLEU",))),
        trajectory("gpt-4o", "Alpha_paper", ablation("Add a head", "Head", "ADD", ("MLP head",), ("accuracy ",))),
    )


def test_every_ablation_is_one_row_with_its_fields_verbatim():
    site = two_papers_site()
    manifest, rows = read_data(explorer_files(site))
    assert manifest["total"] == len(rows) == 4
    by_name = {row["name"]: row for row in rows}
    swap = by_name["Swap the loss"]
    assert swap["part"] == 'Loss, with "quotes" & <tags>'
    assert swap["replacements"] == ["L1, smooth", "L2"]
    assert manifest["actions"][swap["action"]][0] == "REPLACE"
    assert by_name["Drop the encoder"]["replacements"] is None
    assert manifest["actions"][by_name["Other action"]["action"]][0] == "other"
    assert manifest["papers"][by_name["Add a head"]["paper"]][0] == "Alpha_paper"
    assert manifest["models"][by_name["Other action"]["model"]][0] == "lm-planner/claude-35-sonnet"
    assert sorted(row["number"] for row in rows if manifest["papers"][row["paper"]][0] == "beta_paper") == [1, 1, 2]


def test_the_manifest_counts_the_facets():
    site = two_papers_site()
    manifest, rows = read_data(explorer_files(site))
    assert {key: count for key, _, count in manifest["models"]} == {"lm-planner/gpt-4o": 3, "lm-planner/claude-35-sonnet": 1}
    assert dict(manifest["actions"]) == {"REPLACE": 1, "REMOVE": 1, "ADD": 1, "other": 1}
    # Papers by title, whatever the case; metrics by use, spellings that differ in case or spacing as one.
    assert [slug for slug, _, _ in manifest["papers"]] == ["Alpha_paper", "beta_paper"]
    assert manifest["metrics"][0] == ["accuracy", 3]
    assert sorted(name for name, _ in manifest["metrics"]) == ["BLEU", "FID", "accuracy"]


def test_the_manifest_gives_each_paper_its_task():
    site = build_site(Corpus(
        trajectories=[trajectory("gpt-4o", "A", ablation("a")), trajectory("gpt-4o", "B", ablation("b"), ablation("c"))],
        papers={"B": PaperMetadata(task="ReviewerAblation")},
    ))
    manifest, _ = read_data(explorer_files(site))
    assert {slug: manifest["tasks"][task][0] for slug, _, task in manifest["papers"]} == {"A": "none", "B": "ReviewerAblation"}
    assert {key: count for key, _, count in manifest["tasks"]} == {"ReviewerAblation": 2, "none": 1}


def test_rows_come_in_chunks_named_by_their_content():
    many = trajectory("gpt-4o", "big", *(ablation(f"Ablation {n}") for n in range(ROWS_PER_CHUNK * 2 + 5)))
    site = site_of(many)
    files = explorer_files(site)
    manifest, rows = read_data(files)
    assert len(manifest["chunks"]) == 3
    assert [len(json.loads(files[f"explorer/data/{chunk}"])) for chunk in manifest["chunks"]] == [ROWS_PER_CHUNK, ROWS_PER_CHUNK, 5]
    assert [row["number"] for row in rows] == list(range(1, ROWS_PER_CHUNK * 2 + 6))
    changed = site_of(trajectory("gpt-4o", "big", *(ablation(f"Changed {n}") for n in range(ROWS_PER_CHUNK * 2 + 5))))
    other = json.loads(explorer_files(changed)[MANIFEST_FILE])
    assert {chunk.split("/")[0] for chunk in other["chunks"]}.isdisjoint(chunk.split("/")[0] for chunk in manifest["chunks"])


def test_the_seed_explorer_page_points_at_its_data(seed_site):
    page = seed_site / "explorer" / "index.html"
    explorer = soup_of(page).select_one("#tv-explorer")
    assert (page.parent / explorer["data-manifest"]).resolve() == (seed_site / MANIFEST_FILE).resolve()
    assert (page.parent / explorer["data-site-root"] / "index.html").resolve() == (seed_site / "index.html").resolve()
    for name in ("text", "model", "task", "action", "metric", "paper"):
        assert explorer.select_one(f'[name="{name}"]') is not None, name
    assert [box["value"] for box in explorer.select('input[type="checkbox"][name="also"]')] == ["title", "metric"]
    fallback = soup_of(page).select_one("article noscript")
    assert "needs JavaScript" in fallback.get_text()
    assert (page.parent / fallback.select_one("a")["href"] / "index.html").resolve() == (seed_site / "downloads/index.html").resolve()


def test_the_explorer_names_no_control_as_material_reads_the_address(seed_site):
    """Material opens its search on ``?q=`` and highlights on ``?h=``; the controls' names are the explorer's parameters."""
    explorer = soup_of(seed_site / "explorer" / "index.html").select_one("#tv-explorer")
    names = {control["name"] for control in explorer.select("[name]")}
    assert names == {"text", "also", "model", "task", "action", "metric", "paper"}


def test_the_page_states_the_query_syntax_in_one_line_and_folds_the_how_to(seed_site):
    article = soup_of(seed_site / "explorer" / "index.html").select_one("article")
    syntax = article.select_one("#tv-explorer-syntax")
    assert syntax["id"] == article.select_one('[name="text"]')["aria-describedby"]
    assert "\n" not in syntax.get_text() and all(prefix in syntax.get_text() for prefix in ("title:", "metric:", "part:", '"'))
    how_to = article.select_one("details")
    assert how_to is not None and "open" not in how_to.attrs and how_to.select_one("summary").get_text() == "How the filters match"


def check_rows_match_pages(site: Path) -> None:
    """Each trajectory page's ablation headings, and no others, are the explorer's rows, each linking to its heading."""
    manifest, rows = read_site_data(site)
    assert manifest["total"] == len(rows)
    by_page: dict[str, list[dict]] = {}
    for row in rows:
        by_page.setdefault(row_url(manifest, row).split("#")[0], []).append(row)
    pages = sorted(p.parent for p in (site / "trajectories").rglob("index.html"))
    assert len(by_page) == len(pages)
    for folder in pages:
        html = (folder / "index.html").read_text(encoding="utf-8")
        headings = re.findall(r'<h2 id="ablation-(\d+)">', html)
        listed = by_page[str(folder.relative_to(site)) + "/"]
        assert sorted(row["number"] for row in listed) == sorted(int(n) for n in headings), folder


def test_the_seed_rows_are_the_headings_of_the_trajectory_pages(seed_site):
    check_rows_match_pages(seed_site)


@needs_corpus
def test_the_corpus_rows_are_the_headings_of_the_trajectory_pages(corpus_site):
    check_rows_match_pages(corpus_site)


@needs_corpus
def test_the_corpus_explorer_lists_every_ablation_model_and_paper(corpus_site):
    manifest, rows = read_site_data(corpus_site)
    files = list(CORPUS.rglob("*.md"))
    headings = sum(ablation_headings(path) for path in files)
    assert manifest["total"] == len(rows) == headings == 5034
    assert len(manifest["models"]) == len({f.parent for f in files}) == 5
    assert len(manifest["papers"]) == 561
    # The paper picker and the address name a paper by its slug, the trajectories' file name: one paper each.
    assert sorted(slug for slug, _, _ in manifest["papers"]) == sorted({f.stem for f in files})
    assert Counter(row["model"] for row in rows) == {index: count for index, (_, _, count) in enumerate(manifest["models"])}
    assert sum(count for _, count in manifest["actions"]) == 5034
    assert all(len(json.loads((corpus_site / "explorer/data" / chunk).read_text())) <= ROWS_PER_CHUNK for chunk in manifest["chunks"])
