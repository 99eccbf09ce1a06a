"""The plan explorer in Chromium: it loads, filters, sorts and links, on the seeds, the corpus and ten times the corpus.

What a filter should keep is worked out here from the explorer's data files (rows as the build
writes them, checked against the trajectories by tests/test_explorer_data.py) or from the
trajectory files themselves, with the matching rules the page states, never from the page.

Timings on the corpus are measured and printed (run with ``-s`` to see them), never asserted:
shared machines are too noisy for that.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import time
from collections import Counter
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml

from gen.data.explorer_data import EXPLORER_DATA, explorer_files
from gen.model.site_model import build_site
from gen.reading.corpus import load_corpus
from tests.browser.conftest import MKDOCS_SITE_ONLY, SITE_URL, SUB_PATH, origin_of, serve
from tests.conftest import CORPUS, PAPERS_YML, build_site as mkdocs_build, copy_corpus
from tests.plan_data import ablation, scaled_corpus, trajectory, write_trajectories
from tests.site_pages import ablation_headings, soup_of
from tests.test_explorer_data import read_site_data, row_url

pytestmark = MKDOCS_SITE_ONLY

PAGE_SIZE = 100  # rows explorer.js shows before "Show more"
COLUMNS = ("name", "part", "action", "replacements", "metrics", "model", "paper")
ROWS_JS = """() => Array.from(document.querySelectorAll('#tv-explorer tbody tr')).map(tr => {
    const cells = Array.from(tr.cells).map(td => td.textContent);
    return {name: cells[0], part: cells[1], action: cells[2], replacements: cells[3], metrics: cells[4],
            model: cells[5], paper: cells[6], href: tr.cells[0].querySelector('a').href,
            paperHref: tr.cells[6].querySelector('a').href};
})"""
MARKS_JS = """() => Array.from(document.querySelectorAll('#tv-explorer tbody tr')).map(tr =>
    Array.from(tr.cells).map(td => Array.from(td.querySelectorAll('mark'), mark => mark.textContent)))"""
ADDRESS_PARAMETERS = {"text", "also", "model", "task", "action", "metric", "paper", "sort", "order"}
PHONE = {"width": 390, "height": 844}
MARKUP = '<img src=x onerror="window.__injected = 1">'


# ---- Sites other than the seeds, built and served the way conftest serves the seed site ----

def build_into(root: Path, trajectories: Path) -> Path:
    result = mkdocs_build(root / SUB_PATH.strip("/"), trajectories, SITE_URL=SITE_URL)
    assert result.returncode == 0, result.stderr
    return root


@pytest.fixture(scope="module")
def corpus_root(playwright_api, tmp_path_factory) -> Path:
    if not CORPUS.is_dir():
        pytest.skip(f"the public corpus is not at {CORPUS}")
    corpus = copy_corpus(tmp_path_factory.mktemp("corpus-with-metadata") / "trajectories")
    return build_into(tmp_path_factory.mktemp("corpus-web-root"), corpus)


@pytest.fixture(scope="module")
def corpus_url(corpus_root):
    yield from serve(corpus_root)


@pytest.fixture(scope="module")
def scaled_url(corpus_root, tmp_path_factory):
    """The corpus site with the explorer's data of ten times the corpus (each trajectory copied as nine more papers).

    The explorer page is the same at any size, only its data grows, so the site is not rebuilt: its
    explorer data is replaced. Rows of the copies link to pages this site does not have.
    """
    root = tmp_path_factory.mktemp("scaled-web-root")
    shutil.copytree(corpus_root, root, dirs_exist_ok=True, copy_function=os.link)
    data = root / SUB_PATH.strip("/") / EXPLORER_DATA
    shutil.rmtree(data)
    site = build_site(load_corpus(scaled_corpus(CORPUS, tmp_path_factory.mktemp("scaled-corpus"), 10)))
    for path, content in explorer_files(site).items():
        target = root / SUB_PATH.strip("/") / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")
    yield from serve(root)


@pytest.fixture(scope="module")
def markup_url(playwright_api, tmp_path_factory):
    """A site whose plan fields are markup that would run if inserted as HTML."""
    folder = write_trajectories(tmp_path_factory.mktemp("markup-trajectories"), trajectory(
        "gpt-4o", "Markup_Paper", ablation(MARKUP, MARKUP, "REMOVE", None, (MARKUP,))))
    yield from serve(build_into(tmp_path_factory.mktemp("markup-web-root"), folder))


# ---- The rules the page states, applied to the data files ----------------------------------

DEFAULT_FIELDS = ("name", "part", "replacements")
COLUMN_FIELDS = {0: "name", 1: "part", 3: "replacements", 4: "metrics", 6: "title"}  # cells that can hold a match


def data_rows(site: Path) -> tuple[dict, list[dict]]:
    """The manifest, and every row with its text fields joined as the page shows them, its link and its facets."""
    manifest, rows = read_site_data(site)
    for row in rows:
        paper = manifest["papers"][row["paper"]]
        row.update(
            fields={"name": row["name"], "part": row["part"], "replacements": "; ".join(row["replacements"] or ()),
                    "metrics": ", ".join(row["metrics"]), "title": paper[1]},
            href=row_url(manifest, row), slug=paper[0], model_key=manifest["models"][row["model"]][0],
            action_kind=manifest["actions"][row["action"]][0], task_key=manifest["tasks"][paper[2]][0],
        )
    return manifest, rows


def occurrences(field: str, needle: str) -> list[str]:
    """Where ``needle`` appears in ``field`` starting a word (case and runs of spaces aside), as the texts found."""
    field, needle = " ".join(field.split()), " ".join(needle.split()).lower()
    boundary = r"(?<![^\W_])" if needle[0].isalnum() else ""
    return [field[m.start():m.end()] for m in re.finditer(boundary + re.escape(needle), field.lower())]


def has_terms(row: dict, terms: list[tuple[str | tuple[str, ...], tuple[str, ...]]]) -> bool:
    """Every term, a (text, fields) pair, is found in one of its fields; a tuple of texts, any of them."""
    return all(
        any(occurrences(row["fields"][field], text) for field in fields for text in ((needle,) if isinstance(needle, str) else needle))
        for needle, fields in terms
    )


def spellings(first: str, second: str) -> tuple[str, str, str]:
    """A compound's three spellings: warm-up, warm up, warmup."""
    return f"{first}-{second}", f"{first} {second}", first + second


def keeping(rows: list[dict], terms) -> list[dict]:
    return [row for row in rows if has_terms(row, terms)]


def facet_counts(rows: list[dict], **chosen: str) -> dict[str, Counter]:
    """For each facet, what each of its values would keep with the other facets as ``chosen`` (rows already filtered otherwise)."""
    keys = {"model": "model_key", "task": "task_key", "action": "action_kind"}
    counts = {}
    for facet, key in keys.items():
        others = [(keys[name], value) for name, value in chosen.items() if name != facet]
        counts[facet] = Counter(row[key] for row in rows if all(row[k] == v for k, v in others))
    return counts


# ---- Driving the explorer ------------------------------------------------------------------

def open_explorer(page, base: str, query: str = "") -> float:
    """Open the explorer and wait until every chunk is read; returns the seconds that took."""
    start = time.perf_counter()
    page.goto(base + "explorer/" + query)
    page.wait_for_selector("#tv-explorer[data-state=ready]", timeout=120_000)
    return time.perf_counter() - start


def rows(page) -> list[dict]:
    return page.evaluate(ROWS_JS)


def every_row(page) -> list[dict]:
    """The rows of every page of results, "Show more" clicked until none is left."""
    more = page.locator('#tv-explorer [data-explorer="more"]')
    while more.is_visible():
        more.click()
    return rows(page)


def match_count(page) -> int:
    return int(page.locator("#tv-explorer").get_attribute("data-matches"))


def choose(page, name: str, value: str) -> None:
    """Set a filter as a reader would, and wait for the table to follow (typing waits for a pause)."""
    control = page.locator(f'#tv-explorer [name="{name}"]')
    if control.evaluate("e => e.tagName") == "SELECT":
        control.select_option(value)
    else:
        control.fill(value)
    page.wait_for_selector("#tv-explorer:not([data-pending])")


def also_search(page, field: str, checked: bool = True) -> None:
    page.locator(f'#tv-explorer [name="also"][value="{field}"]').set_checked(checked)


# Text fields get an input event, as typing does, then a change, as Enter does, which skips the pause.
TIMED_FILTER_JS = """([name, value]) => new Promise(done => {
    const control = document.querySelector(`#tv-explorer [name="${name}"]`);
    const start = performance.now();
    control.value = value;
    if (control.tagName !== 'SELECT') control.dispatchEvent(new Event('input', {bubbles: true}));
    control.dispatchEvent(new Event('change', {bubbles: true}));
    requestAnimationFrame(() => setTimeout(() => done((performance.now() - start) / 1000)));
})"""
# Typing: an input event only; done when the pause has passed and the table is painted.
TIMED_TYPING_JS = """([name, value]) => new Promise(done => {
    const root = document.getElementById('tv-explorer');
    const control = root.querySelector(`[name="${name}"]`);
    const start = performance.now();
    control.value = value;
    control.dispatchEvent(new Event('input', {bubbles: true}));
    (function wait() {
        if (root.hasAttribute('data-pending')) return setTimeout(wait, 2);
        requestAnimationFrame(() => setTimeout(() => done((performance.now() - start) / 1000)));
    })();
})"""


def timed_choose(page, name: str, value: str) -> float:
    """Set a filter inside the page; returns the seconds from the change to the next frame painted."""
    return page.evaluate(TIMED_FILTER_JS, [name, value])


def option_values(page, name: str) -> list[tuple[str, str]]:
    return page.locator(f'#tv-explorer select[name="{name}"] option').evaluate_all(
        "options => options.filter(o => o.value).map(o => [o.value, o.textContent])")


def option_counts(page, name: str) -> dict[str, int]:
    """Each option's count, as its label shows it: ``GPT-4o (1,234)``."""
    return {value: int(re.fullmatch(r".* \(([\d,]+)\)", label)[1].replace(",", "")) for value, label in option_values(page, name)}


def address(page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def seed_ablation_count(site_dir: Path) -> int:
    return sum(len(soup_of(page).select("section.tv-ablation")) for page in (site_dir / "trajectories").rglob("index.html"))


def check_marks(page, by_href: dict[str, dict], terms) -> int:
    """Each shown row's <mark>s are exactly its fields' matches of the terms, in the cells of those fields; returns how many."""
    shown, marks = rows(page), page.evaluate(MARKS_JS)
    total = 0
    for row, cells in zip(shown, marks, strict=True):
        data = by_href[row["href"]]
        for column, found in enumerate(cells):
            field = COLUMN_FIELDS.get(column)
            expected = [] if field is None else [
                text for needle, fields in terms if field in fields for text in occurrences(data["fields"][field], needle)]
            assert sorted(found) == sorted(expected), (row["href"], field)
            total += len(found)
    return total


# ---- The seed site -------------------------------------------------------------------------

def test_the_explorer_lists_every_ablation_of_the_site(page, site_url, site_dir):
    open_explorer(page, site_url)
    listed = rows(page)
    assert len(listed) == match_count(page) == seed_ablation_count(site_dir) == 10
    assert page.locator('#tv-explorer [data-explorer="more"]').is_hidden()
    assert "10 matching ablations" in page.locator(".tv-explorer__status").inner_text()
    assert all(row["href"].startswith(site_url + "trajectories/") and "#ablation-" in row["href"] for row in listed)


def test_the_model_filter_keeps_exactly_its_rows(page, site_url):
    open_explorer(page, site_url)
    everything = rows(page)
    seen = 0
    for value, label in option_values(page, "model"):
        choose(page, "model", value)
        shown = rows(page)
        assert shown and shown == [row for row in everything if label.startswith(row["model"] + " (")], label
        seen += len(shown)
    assert seen == len(everything)


def test_the_paper_picker_keeps_exactly_one_paper(page, site_url, site_dir):
    manifest, data = data_rows(site_dir)
    open_explorer(page, site_url)
    everything = rows(page)
    for slug, title, _ in manifest["papers"]:
        choose(page, "paper", title)
        shown = rows(page)
        assert shown == [row for row in everything if row["paperHref"] == f"{site_url}papers/{slug}/"], slug
        assert len(shown) == sum(row["slug"] == slug for row in data)
        assert address(page)["paper"] == [slug]
    # Part of a title suggests the papers that hold it and keeps every ablation until one is picked.
    choose(page, "paper", "ALIGNMENT")
    suggested = page.locator("#tv-explorer-papers option").evaluate_all("options => options.map(o => o.value)")
    assert suggested == [title for _, title, _ in manifest["papers"] if "alignment" in title.lower()] and len(suggested) == 2
    assert rows(page) == everything and "paper" not in address(page)
    assert "pick one of the suggested titles" in page.locator(".tv-explorer__status").inner_text()


def test_an_address_names_the_paper_by_its_slug(page, site_url, site_dir):
    manifest, data = data_rows(site_dir)
    slug, title, _ = manifest["papers"][1]
    open_explorer(page, site_url, f"?paper={slug}")
    assert page.locator('#tv-explorer [name="paper"]').input_value() == title
    assert sorted(row["href"] for row in rows(page)) == sorted(site_url + row["href"] for row in data if row["slug"] == slug)


def test_the_action_filter_keeps_exactly_its_rows(page, site_url):
    open_explorer(page, site_url)
    everything = rows(page)
    for action in ("REPLACE", "REMOVE"):
        choose(page, "action", action)
        assert rows(page) == [row for row in everything if row["action"] == action]
    assert [value for value, _ in option_values(page, "action")] == ["REPLACE", "REMOVE"]  # ADD has no ablation here


def test_metric_and_text_filters_match_case_insensitively(page, site_url, site_dir):
    _, data = data_rows(site_dir)
    by_href = {site_url + row["href"]: row for row in data}
    open_explorer(page, site_url)
    everything = rows(page)
    metric = everything[0]["metrics"].split(", ")[0]
    choose(page, "metric", metric.upper())
    shown = rows(page)
    assert shown == [row for row in everything if metric.lower() in row["metrics"].lower()]
    choose(page, "metric", "")
    word = everything[-1]["part"].split()[-1]
    choose(page, "text", f"  {word.upper()} ")
    shown = rows(page)
    assert shown and sorted(row["href"] for row in shown) == sorted(row["href"] for row in everything
                                                                    if has_terms(by_href[row["href"]], [(word, DEFAULT_FIELDS)]))
    assert len(shown) < len(everything)
    choose(page, "text", "no-such-word-anywhere")
    assert rows(page) == [] and match_count(page) == 0
    assert "No ablation matches" in page.locator(".tv-explorer__status").inner_text()


def test_a_phrase_matches_as_written_and_words_in_any_order(page, site_url, site_dir):
    _, data = data_rows(site_dir)
    open_explorer(page, site_url)
    phrase = keeping(data, [("random perturbation", DEFAULT_FIELDS)])
    words = keeping(data, [("random", DEFAULT_FIELDS), ("perturbation", DEFAULT_FIELDS)])
    assert 0 < len(phrase) <= len(words)
    for query, expected in [('"random perturbation"', phrase), ('"Random   PERTURBATION"', phrase),
                            ("perturbation random", words), ('"perturbation random"', [])]:
        choose(page, "text", query)
        assert sorted(row["href"] for row in rows(page)) == sorted(site_url + row["href"] for row in expected), query


def test_paper_titles_are_searched_when_the_reader_asks(page, site_url, site_dir):
    manifest, data = data_rows(site_dir)
    by_href = {site_url + row["href"]: row for row in data}
    # A word of a title that no ablation's name, part or replacements hold.
    word = next(w for _, title, _ in manifest["papers"] for w in re.findall(r"[A-Za-z]{5,}", title)
                if not keeping(data, [(w, DEFAULT_FIELDS)]))
    in_titles = keeping(data, [(word, ("title",))])
    assert in_titles
    open_explorer(page, site_url)
    choose(page, "text", word)
    assert match_count(page) == 0
    also_search(page, "title")
    assert match_count(page) == len(in_titles) and address(page)["also"] == ["title"]
    assert check_marks(page, by_href, [(word, (*DEFAULT_FIELDS, "title"))]) >= len(in_titles)
    also_search(page, "title", False)
    choose(page, "text", f"title:{word}")
    assert match_count(page) == len(in_titles)
    assert check_marks(page, by_href, [(word, ("title",))]) == len(in_titles)


def test_field_prefixes_look_in_one_field(page, site_url, site_dir):
    _, data = data_rows(site_dir)
    by_href = {site_url + row["href"]: row for row in data}
    open_explorer(page, site_url)
    for query, terms in [('metric:"r@1"', [("r@1", ("metrics",))]), ("part:noise", [("noise", ("part",))]),
                         ("name:ablation part:the", [("ablation", ("name",)), ("the", ("part",))]),
                         ('replacement:"0.5" bdhs', [("0.5", ("replacements",)), ("bdhs", DEFAULT_FIELDS)])]:
        choose(page, "text", query)
        expected = keeping(data, terms)
        assert expected and match_count(page) == len(expected), query
        assert check_marks(page, by_href, terms) > 0
    also_search(page, "metric")
    choose(page, "text", "pope")
    assert match_count(page) == len(keeping(data, [("pope", (*DEFAULT_FIELDS, "metrics"))])) > 0


def test_marks_wrap_exactly_the_matched_text(page, site_url, site_dir):
    _, data = data_rows(site_dir)
    by_href = {site_url + row["href"]: row for row in data}
    open_explorer(page, site_url)
    assert page.locator("#tv-explorer tbody mark").count() == 0
    terms = [("noise", DEFAULT_FIELDS), ("ablation", DEFAULT_FIELDS)]
    choose(page, "text", "NOISE ablation")
    assert check_marks(page, by_href, terms) >= 2 * match_count(page) > 0
    assert {text.lower() for text in page.locator("#tv-explorer tbody mark").all_text_contents()} == {"noise", "ablation"}


def test_facet_counts_follow_the_other_filters(page, site_url, site_dir):
    _, data = data_rows(site_dir)
    open_explorer(page, site_url)
    assert option_counts(page, "model") == facet_counts(data)["model"]
    choose(page, "text", "ablation")
    choose(page, "action", "REPLACE")
    kept = keeping(data, [("ablation", DEFAULT_FIELDS)])
    expected = facet_counts(kept, action="REPLACE")
    model = next(key for key, count in expected["model"].items() if count)
    choose(page, "model", model)
    expected = facet_counts(kept, action="REPLACE", model=model)
    for facet in ("model", "task", "action"):
        assert option_counts(page, facet) == {value: expected[facet][value] for value in option_counts(page, facet)}, facet
    assert match_count(page) == expected["model"][model]


def test_filters_combine_and_clear(page, site_url):
    open_explorer(page, site_url)
    everything = rows(page)
    # A model whose plan has a REMOVE among other actions, so that each filter narrows what the other keeps.
    [model_value, model_label] = next(
        [value, label] for value, label in option_values(page, "model")
        if {row["action"] for row in everything if label.startswith(row["model"] + " (")} > {"REMOVE"}
    )
    choose(page, "model", model_value)
    of_model = rows(page)
    choose(page, "action", "REMOVE")
    expected = [row for row in of_model if row["action"] == "REMOVE"]
    assert rows(page) == expected and 0 < len(expected) < len(of_model) < len(everything)
    choose(page, "text", "perturbation")
    also_search(page, "title")
    page.locator('#tv-explorer [data-explorer="clear"]').click()
    assert rows(page) == everything
    assert not page.locator('#tv-explorer [name="also"]').first.is_checked() and page.evaluate("location.search") == ""


def words_of(rows: list[dict], fields=DEFAULT_FIELDS) -> set[str]:
    """Every word of the rows' fields, lower case, as the explorer splits them (letters and digits)."""
    return {word for row in rows for field in fields for word in re.split(r"[\W_]+", row["fields"][field].lower()) if word}


def rescue_buttons(page) -> list[str]:
    return page.locator("#tv-explorer .tv-explorer__rescue button").all_inner_texts()


def test_an_empty_result_offers_to_drop_each_filter_that_would_give_matches(page, site_url, site_dir):
    _, data = data_rows(site_dir)
    open_explorer(page, site_url)
    # A word, a system and an action that keep nothing together, and something with any one of them dropped.
    def drops(word, model, action):
        with_word = keeping(data, [(word, DEFAULT_FIELDS)])
        return {
            "the text": sum(r["model_key"] == model and r["action_kind"] == action for r in data),
            "System": sum(r["action_kind"] == action for r in with_word),
            "Action": sum(r["model_key"] == model for r in with_word),
            "all": sum(r["model_key"] == model and r["action_kind"] == action for r in with_word),
        }
    models, actions = sorted({r["model_key"] for r in data}), sorted({r["action_kind"] for r in data})
    word, model, action = next(
        (word, model, action) for word in sorted(words_of(data)) for model in models for action in actions
        if (counts := drops(word, model, action))["all"] == 0 and all(counts[k] for k in ("the text", "System", "Action"))
    )
    expected = drops(word, model, action)
    del expected["all"]
    choose(page, "model", model)
    choose(page, "action", action)
    choose(page, "text", word)
    assert match_count(page) == 0
    offered = rescue_buttons(page)
    for label, count in expected.items():
        shown = [text for text in offered if text.startswith("Drop " + label)]
        assert shown == ([f"Drop {label}" + (f": {option_label(page, label, model, action)}" if label != "the text" else "")
                          + f" ({count:,})"] if count else []), (label, offered)
    target = max(expected, key=expected.get)
    page.locator("#tv-explorer .tv-explorer__rescue button", has_text="Drop " + target).click()
    page.wait_for_selector("#tv-explorer:not([data-pending])")
    assert match_count(page) == expected[target]
    assert page.locator("#tv-explorer .tv-explorer__rescue").is_hidden()


def option_label(page, label: str, model: str, action: str) -> str:
    """The chosen option's label without its count, as the drop button names it."""
    name, value = {"System": ("model", model), "Action": ("action", action)}[label]
    return dict(option_values(page, name))[value].rsplit(" (", 1)[0]


def test_a_misspelt_word_is_offered_the_nearest_words_that_occur(page, site_url, site_dir):
    _, data = data_rows(site_dir)
    words = words_of(data, ("name",))
    # A long word of the names with two inner letters swapped, so that it starts no word of them.
    word, misspelt = next((w, w[:2] + w[3] + w[2] + w[4:]) for w in sorted(words, key=len, reverse=True)
                          if w.isalpha() and w[2] != w[3] and not any(o.startswith(w[:2] + w[3] + w[2] + w[4:]) for o in words))
    open_explorer(page, site_url)
    choose(page, "text", "name:" + misspelt)
    assert match_count(page) == 0
    rescue = page.locator("#tv-explorer .tv-explorer__rescue")
    assert f"starts with “{misspelt}”" in rescue.inner_text()
    suggested = rescue.locator("p", has_text="Did you mean").locator("button").all_inner_texts()
    assert word in suggested and set(suggested) <= words
    choose_suggestion = suggested[0]
    rescue.locator("button", has_text=choose_suggestion).first.click()
    page.wait_for_selector("#tv-explorer:not([data-pending])")
    assert page.locator('#tv-explorer [name="text"]').input_value() == "name:" + choose_suggestion
    assert match_count(page) == len(keeping(data, [(choose_suggestion, ("name",))])) > 0


def test_filters_and_sort_are_kept_in_the_address(page, site_url, site_dir):
    _, data = data_rows(site_dir)
    open_explorer(page, site_url)
    model_value, _ = option_values(page, "model")[0]
    choose(page, "model", model_value)
    choose(page, "text", '"ablation" title:vision')
    also_search(page, "metric")
    slug, title = next((row["slug"], row["fields"]["title"]) for row in data if row["model_key"] == model_value)
    choose(page, "paper", title)
    page.locator('#tv-explorer th[data-sort="name"] button').click()
    shown = rows(page)
    assert shown
    kept = address(page)
    assert kept == {"model": [model_value], "text": ['"ablation" title:vision'], "also": ["metric"], "paper": [slug], "sort": ["name"]}
    assert set(kept) <= ADDRESS_PARAMETERS and not {"q", "h"} & set(kept)
    page.reload()
    page.wait_for_selector("#tv-explorer[data-state=ready]")
    assert rows(page) == shown and address(page) == kept
    assert page.locator('#tv-explorer [name="text"]').input_value() == '"ablation" title:vision'
    assert page.locator('#tv-explorer [name="paper"]').input_value() == title
    assert page.locator('#tv-explorer [name="also"][value="metric"]').is_checked()
    assert page.locator('#tv-explorer th[data-sort="name"]').get_attribute("aria-sort") == "ascending"


def test_a_filtered_address_does_not_open_the_site_search(page, site_url):
    """Material opens its search on ``q`` (and highlights on ``h``): a shared explorer address must not."""
    search_open = "document.getElementById('__search').checked"
    page.goto(site_url + "explorer/?q=noise")  # the control: what the explorer's old address did
    page.wait_for_selector("#tv-explorer[data-state=ready]")
    assert page.evaluate(search_open)
    open_explorer(page, site_url, '?text=noise+"level"&also=title&action=REPLACE')
    page.wait_for_timeout(500)  # Material's search has long been ready by now
    assert match_count(page) > 0
    assert not page.evaluate(search_open)
    assert page.locator(".md-search-result__item").count() == 0


@pytest.mark.parametrize("key", ["name", "part", "model", "paper"])
def test_a_column_heading_sorts_up_then_down(page, site_url, key):
    open_explorer(page, site_url)
    button = page.locator(f'#tv-explorer th[data-sort="{key}"] button')
    if key == "paper":  # the default order: a first click turns it round
        button.click()
        assert page.locator(f'#tv-explorer th[data-sort="{key}"]').get_attribute("aria-sort") == "descending"
        button.click()
    else:
        button.click()
    values = [row[key].lower() for row in rows(page)]
    assert values == sorted(values) and len(set(values)) > 1
    assert page.locator(f'#tv-explorer th[data-sort="{key}"]').get_attribute("aria-sort") == "ascending"
    button.click()
    values = [row[key].lower() for row in rows(page)]
    assert values == sorted(values, reverse=True)


def test_a_rows_link_opens_the_ablation_heading(page, site_url):
    open_explorer(page, site_url)
    row = rows(page)[-1]
    page.locator("#tv-explorer tbody tr").last.locator("a").first.click()
    page.wait_for_load_state()
    assert page.url == row["href"]
    heading = page.locator(f'[id="{row["href"].split("#")[1]}"]')
    assert heading.evaluate("e => e.tagName") == "H2"
    assert row["name"] in heading.inner_text()
    assert heading.evaluate("e => { const r = e.getBoundingClientRect(); return r.top >= 0 && r.top < innerHeight; }")


def test_a_rows_paper_link_opens_the_paper_page(page, site_url):
    open_explorer(page, site_url)
    row = rows(page)[0]
    page.locator("#tv-explorer tbody tr").first.locator("td").nth(COLUMNS.index("paper")).locator("a").click()
    page.wait_for_load_state()
    assert page.url == row["paperHref"] and page.locator("article h1").inner_text().strip()


def test_without_javascript_the_page_points_to_the_downloads(new_page, site_url):
    page = new_page(java_script_enabled=False)
    page.goto(site_url + "explorer/")
    assert page.locator("#tv-explorer").is_hidden()
    # Playwright's text and role locators do not look inside <noscript>; CSS ones do.
    notice = page.locator("article .admonition")
    assert notice.is_visible() and "The explorer needs JavaScript" in notice.inner_text()
    notice.locator("a", has_text="Download the plans").click()
    page.wait_for_load_state()
    assert page.url == site_url + "downloads/"


def test_plan_text_reaches_the_table_as_text(new_page, markup_url):
    new_page.watch.origins.add(origin_of(markup_url))
    page = new_page()
    open_explorer(page, markup_url)
    [row] = rows(page)
    assert row["name"] == row["part"] == row["metrics"] == MARKUP
    choose(page, "text", "onerror")  # highlighting splits the text around its marks, still as text
    also_search(page, "metric")
    [row] = rows(page)
    assert row["name"] == row["part"] == row["metrics"] == MARKUP
    assert page.locator("#tv-explorer tbody mark").all_text_contents() == ["onerror"] * 3
    assert page.locator("#tv-explorer tbody img").count() == 0
    assert page.evaluate("window.__injected") is None


PHONE_LAYOUT_JS = """() => {
    const rows = Array.from(document.querySelectorAll('#tv-explorer tbody tr'));
    return {
        scrollWidth: document.documentElement.scrollWidth,
        filtersTop: document.querySelector('.tv-explorer__filters').getBoundingClientRect().top + scrollY,
        textBottom: document.querySelector('#tv-explorer [name="text"]').getBoundingClientRect().bottom + scrollY,
        widest: Math.max(...rows.map(tr => tr.getBoundingClientRect().right)),
        overflowing: rows.filter(tr => tr.scrollWidth > tr.clientWidth + 1).length,
        unlabelled: rows.flatMap(tr => Array.from(tr.cells).slice(1))
            .filter(td => !getComputedStyle(td, '::before').content.includes(td.dataset.label)).length,
        rows: rows.length,
    };
}"""


def check_phone_layout(page) -> dict:
    """On a 390 px phone: filters on the first screen, each row a card as wide as the screen at most, labelled."""
    layout = page.evaluate(PHONE_LAYOUT_JS)
    assert layout["rows"] > 0
    assert layout["filtersTop"] < PHONE["height"] and layout["textBottom"] < PHONE["height"]
    assert layout["scrollWidth"] <= PHONE["width"] and layout["widest"] <= PHONE["width"]
    assert layout["overflowing"] == 0 and layout["unlabelled"] == 0
    return layout


def test_on_a_phone_the_filters_come_first_and_rows_read_as_cards(new_page, site_url):
    page = new_page(viewport=PHONE, is_mobile=True, has_touch=True)
    open_explorer(page, site_url)
    check_phone_layout(page)
    choose(page, "text", "noise")
    check_phone_layout(page)
    assert page.locator("#tv-explorer thead th[data-sort] button").first.is_visible()  # sorting stays at hand


# ---- The corpus, and ten times the corpus --------------------------------------------------

def corpus_data(corpus_root: Path) -> tuple[dict, list[dict]]:
    return data_rows(corpus_root / SUB_PATH.strip("/"))


def test_learning_rate_as_a_phrase_and_as_words(new_page, corpus_url, corpus_root):
    """The study's case: "learning rate" kept 314 ablations when every field was searched, most of them by accident."""
    _, data = corpus_data(corpus_root)
    by_href = {corpus_url + row["href"]: row for row in data}
    new_page.watch.origins.add(origin_of(corpus_url))
    page = new_page()
    open_explorer(page, corpus_url)
    phrase = keeping(data, [("learning rate", DEFAULT_FIELDS)])
    words = keeping(data, [("learning", DEFAULT_FIELDS), ("rate", DEFAULT_FIELDS)])
    everywhere = keeping(data, [("learning", (*DEFAULT_FIELDS, "title", "metrics")), ("rate", (*DEFAULT_FIELDS, "title", "metrics"))])
    print(f"\n'learning rate': {len(phrase)} as a phrase, {len(words)} as words, {len(everywhere)} with titles and metrics")
    assert 0 < len(phrase) <= len(words) < len(everywhere)
    choose(page, "text", '"learning rate"')
    assert match_count(page) == len(phrase)
    assert check_marks(page, by_href, [("learning rate", DEFAULT_FIELDS)]) >= len(phrase)
    choose(page, "text", "rate learning")
    assert match_count(page) == len(words)
    also_search(page, "title")
    also_search(page, "metric")
    assert match_count(page) == len(everywhere)


def test_text_lists_the_best_matches_first_until_a_column_is_chosen(new_page, corpus_url):
    """"contrastive loss": ablations named by the phrase first, then those with it in their part or
    replacements; in paper order an ablation with the phrase among its replacements came first."""
    new_page.watch.origins.add(origin_of(corpus_url))
    page = new_page()
    open_explorer(page, corpus_url)
    choose(page, "text", "contrastive loss")
    named = ["contrastive loss" in " ".join(row["name"].lower().split()) for row in rows(page)]
    assert named[0] and False in named, "the page must show rows of both kinds"
    assert True not in named[named.index(False):], "a row named by the phrase after one that is not"
    explorer = page.locator("#tv-explorer")
    assert explorer.get_attribute("data-order") == "relevance"
    assert "Best matches first" in page.locator(".tv-explorer__status").inner_text()
    assert page.locator("#tv-explorer th[aria-sort]").count() == 0
    page.locator('#tv-explorer th[data-sort="paper"] button').click()
    assert explorer.get_attribute("data-order") == "paper"
    assert page.locator('#tv-explorer th[data-sort="paper"]').get_attribute("aria-sort") == "ascending"
    assert address(page)["sort"] == ["paper"]
    named = ["contrastive loss" in " ".join(row["name"].lower().split()) for row in rows(page)]
    assert True in named[named.index(False):], "in paper order the named rows are not all first"


def test_a_compound_matches_in_all_three_spellings_where_the_plans_hyphenate_it(new_page, corpus_url, corpus_root):
    """"warmup" found no ablation that writes "warm-up"; "into" must not find "in to", which no plan hyphenates."""
    _, data = corpus_data(corpus_root)
    new_page.watch.origins.add(origin_of(corpus_url))
    page = new_page()
    open_explorer(page, corpus_url)
    # The plans write only "warm-up"; the others in two spellings, so that each query must find both.
    for first, second, spelt_apart in (("warm", "up", False), ("pre", "training", True), ("fine", "tuning", True),
                                       ("hyper", "parameter", True)):
        forms = spellings(first, second)
        expected = keeping(data, [(forms, DEFAULT_FIELDS)])
        by_form = {form: len(keeping(data, [(form, DEFAULT_FIELDS)])) for form in forms}
        assert by_form[forms[0]] > 0 and (max(by_form.values()) < len(expected)) == spelt_apart, by_form
        for query in (forms[0], forms[2], f'"{forms[1]}"', forms[1]):
            choose(page, "text", query)
            assert match_count(page) == len(expected), (query, by_form)
    assert not any(re.search(r"(?<![^\W_])in-to(?![^\W_])", row["fields"][field], re.I) for row in data for field in DEFAULT_FIELDS)
    choose(page, "text", "into")
    assert match_count(page) == len(keeping(data, [("into", DEFAULT_FIELDS)]))


def test_prefixed_terms_on_the_corpus(new_page, corpus_url, corpus_root):
    _, data = corpus_data(corpus_root)
    new_page.watch.origins.add(origin_of(corpus_url))
    page = new_page()
    open_explorer(page, corpus_url)
    counts = {}
    for query, terms in [("title:diffusion", [("diffusion", ("title",))]), ("diffusion", [("diffusion", DEFAULT_FIELDS)]),
                         ('metric:"top-1"', [(spellings("top", "1"), ("metrics",))]), ("part:encoder", [("encoder", ("part",))])]:
        choose(page, "text", query)
        counts[query] = match_count(page)
        assert counts[query] == len(keeping(data, terms)) > 0, query
    assert counts["title:diffusion"] != counts["diffusion"]


def test_facet_counts_on_the_corpus(new_page, corpus_url, corpus_root):
    _, data = corpus_data(corpus_root)
    new_page.watch.origins.add(origin_of(corpus_url))
    page = new_page()
    open_explorer(page, corpus_url)
    choose(page, "text", "learning rate")
    choose(page, "model", "lm-planner/gpt-4o")
    choose(page, "task", "ReviewerAblation")
    expected = facet_counts(keeping(data, [("learning", DEFAULT_FIELDS), ("rate", DEFAULT_FIELDS)]),
                            model="lm-planner/gpt-4o", task="ReviewerAblation")
    for facet in ("model", "task", "action"):
        shown = option_counts(page, facet)
        assert shown == {value: expected[facet][value] for value in shown} and sum(shown.values()) == sum(expected[facet].values()), facet
    assert match_count(page) == expected["model"]["lm-planner/gpt-4o"]


def test_the_paper_picker_on_the_corpus(new_page, corpus_url, corpus_root):
    manifest, _ = corpus_data(corpus_root)
    dit = next(title for slug, title, _ in manifest["papers"] if slug == "dit")
    new_page.watch.origins.add(origin_of(corpus_url))
    page = new_page()
    open_explorer(page, corpus_url)
    choose(page, "paper", dit)
    assert match_count(page) == sum(ablation_headings(path) for path in CORPUS.rglob("dit.md"))
    assert {row["paperHref"] for row in every_row(page)} == {f"{corpus_url}papers/dit/"}
    choose(page, "paper", "diffusion")  # part of many titles: suggests, keeps every ablation
    assert match_count(page) == manifest["total"]
    suggested = page.locator("#tv-explorer-papers option").evaluate_all("options => options.map(o => o.value)")
    assert suggested and all("diffusion" in title.lower() for title in suggested)


def test_on_a_phone_the_corpus_rows_read_as_cards(new_page, corpus_url):
    new_page.watch.origins.add(origin_of(corpus_url))
    page = new_page(viewport=PHONE, is_mobile=True, has_touch=True)
    open_explorer(page, corpus_url)
    check_phone_layout(page)
    page.locator('#tv-explorer [data-explorer="more"]').click()
    assert check_phone_layout(page)["rows"] == 2 * PAGE_SIZE


def measure(page, base: str, label: str) -> dict[str, float]:
    """Load, then a filter of each kind; every step is checked against the numbers in the manifest."""
    manifest = json.loads(page.context.request.get(base + EXPLORER_DATA + "manifest.json").text())
    start = time.perf_counter()
    page.goto(base + "explorer/")
    page.wait_for_selector("#tv-explorer tbody tr")
    timings = {"first rows shown": time.perf_counter() - start}
    page.wait_for_selector("#tv-explorer[data-state=ready]", timeout=120_000)
    timings["every chunk read"] = time.perf_counter() - start
    assert match_count(page) == manifest["total"]
    assert page.locator("#tv-explorer tbody tr").count() == PAGE_SIZE
    model, _, model_count = manifest["models"][2]
    timings["filter by model"] = timed_choose(page, "model", model)
    assert match_count(page) == model_count
    timings["and by action"] = timed_choose(page, "action", "REMOVE")
    assert 0 < match_count(page) < model_count
    timings["and by text"] = timed_choose(page, "text", "the")
    timings["and by metric"] = timed_choose(page, "metric", "acc")
    assert all("acc" in row["metrics"].lower() and row["action"] == "REMOVE" for row in rows(page))
    page.locator('#tv-explorer [data-explorer="clear"]').click()
    timings["text, a phrase, every row"] = timed_choose(page, "text", '"learning rate"')
    timings["text, two words"] = timed_choose(page, "text", "learning rate")
    also_search(page, "title")
    also_search(page, "metric")
    timings["text, two words, titles and metrics too"] = timed_choose(page, "text", "learning rate")
    timings["typing a letter, with the pause"] = page.evaluate(TIMED_TYPING_JS, ["text", "learning rates"])
    page.locator('#tv-explorer [data-explorer="clear"]').click()
    timings["filter by paper"] = timed_choose(page, "paper", manifest["papers"][0][1])
    assert 0 < match_count(page) <= 25 * 5
    page.locator('#tv-explorer [data-explorer="clear"]').click()
    timings["sort by name"] = page.evaluate("""() => new Promise(done => {
        const start = performance.now();
        document.querySelector('#tv-explorer th[data-sort="name"] button').click();
        requestAnimationFrame(() => setTimeout(() => done((performance.now() - start) / 1000)));
    })""")
    page.locator('#tv-explorer [data-explorer="more"]').click()
    assert page.locator("#tv-explorer tbody tr").count() == 2 * PAGE_SIZE
    print(f"\nexplorer, {label} ({manifest['total']:,} ablations):")
    for step, seconds in timings.items():
        print(f"  {step}: {seconds:.3f} s")
    return timings


def test_the_task_filter_keeps_the_ablations_of_that_tasks_papers(new_page, corpus_url):
    tasks = {name: entry["task"] for name, entry in yaml.safe_load(PAPERS_YML.read_text(encoding="utf-8")).items()}
    ablations = Counter()
    for path in CORPUS.rglob("*.md"):
        ablations[tasks.get(path.stem, "none")] += ablation_headings(path)
    new_page.watch.origins.add(origin_of(corpus_url))
    page = new_page()
    open_explorer(page, corpus_url)
    assert {value for value, _ in option_values(page, "task")} == set(ablations)
    for task, count in ablations.items():
        choose(page, "task", task)
        assert match_count(page) == count, task
    choose(page, "task", "AuthorAblation")
    choose(page, "model", "lm-planner/gpt-4o")
    gpt = sum(ablation_headings(path) for path in (CORPUS / "lm-planner" / "gpt-4o").glob("*.md") if tasks.get(path.stem) == "AuthorAblation")
    assert match_count(page) == gpt


def test_the_explorer_on_the_corpus(new_page, corpus_url):
    new_page.watch.origins.add(origin_of(corpus_url))
    page = new_page()
    measure(page, corpus_url, "public corpus")
    assert match_count(page) == 5034


def test_the_explorer_at_ten_times_the_corpus(new_page, scaled_url, corpus_url):
    new_page.watch.origins.update({origin_of(scaled_url), origin_of(corpus_url)})
    page = new_page()
    measure(page, scaled_url, "ten times the corpus")
    assert match_count(page) == 50340
    # The page holds the rows shown, not the data: after the same steps, as many elements as at 1x.
    elements = "document.getElementsByTagName('*').length"
    scaled_elements = page.evaluate(elements)
    measure(page, corpus_url, "public corpus, for comparison")
    assert abs(page.evaluate(elements) - scaled_elements) < 100
