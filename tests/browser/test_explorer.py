"""The plan explorer in Chromium: it loads, filters, sorts and links, on the seeds, the corpus and ten times the corpus.

Timings on the corpus are measured and printed (run with ``-s`` to see them), never asserted:
shared machines are too noisy for that.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import shutil
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import pytest
import yaml

from gen.corpus import load_corpus
from gen.explorer_data import EXPLORER_DATA, explorer_files
from gen.site_model import build_site
from tests.browser.conftest import SITE_URL, SUB_PATH, _SiteHandler, origin_of
from tests.conftest import BUILD_ENV, CORPUS, PAPERS_YML, PROJECT, copy_corpus
from tests.plan_data import ablation, scaled_corpus, trajectory, write_trajectories
from tests.site_pages import soup_of

PAGE_SIZE = 100  # rows explorer.js shows before "Show more"
COLUMNS = ("name", "part", "action", "replacements", "metrics", "model", "paper")
ROWS_JS = """() => Array.from(document.querySelectorAll('#tv-explorer tbody tr')).map(tr => {
    const cells = Array.from(tr.cells).map(td => td.textContent);
    return {name: cells[0], part: cells[1], action: cells[2], replacements: cells[3], metrics: cells[4],
            model: cells[5], paper: cells[6], href: tr.cells[0].querySelector('a').href};
})"""
MARKUP = '<img src=x onerror="window.__injected = 1">'


# ---- Sites other than the seeds, built and served the way conftest serves the seed site ----

def build_into(root: Path, trajectories: Path) -> Path:
    env = dict(os.environ, **BUILD_ENV, SITE_URL=SITE_URL, TRAJECTORIES_DIR=str(trajectories))
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(root / SUB_PATH.strip("/"))],
        cwd=PROJECT, env=env, capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stderr
    return root


def serve(root: Path):
    """Serve ``root`` on 127.0.0.1 until the generator is closed; yields the site's URL."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_SiteHandler, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{SUB_PATH}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


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


# ---- Driving the explorer ------------------------------------------------------------------

def open_explorer(page, base: str, query: str = "") -> float:
    """Open the explorer and wait until every chunk is read; returns the seconds that took."""
    start = time.perf_counter()
    page.goto(base + "explorer/" + query)
    page.wait_for_selector("#tv-explorer[data-state=ready]", timeout=120_000)
    return time.perf_counter() - start


def rows(page) -> list[dict]:
    return page.evaluate(ROWS_JS)


def match_count(page) -> int:
    return int(page.locator("#tv-explorer").get_attribute("data-matches"))


def choose(page, name: str, value: str) -> None:
    """Set a filter as a reader would."""
    control = page.locator(f'#tv-explorer [name="{name}"]')
    if control.evaluate("e => e.tagName") == "SELECT":
        control.select_option(value)
    else:
        control.fill(value)


TIMED_FILTER_JS = """([name, value]) => new Promise(done => {
    const control = document.querySelector(`#tv-explorer [name="${name}"]`);
    const start = performance.now();
    control.value = value;
    control.dispatchEvent(new Event(control.tagName === 'SELECT' ? 'change' : 'input', {bubbles: true}));
    requestAnimationFrame(() => setTimeout(() => done((performance.now() - start) / 1000)));
})"""


def timed_choose(page, name: str, value: str) -> float:
    """Set a filter inside the page; returns the seconds from the change to the next frame painted."""
    return page.evaluate(TIMED_FILTER_JS, [name, value])


def option_values(page, name: str) -> list[tuple[str, str]]:
    return page.locator(f'#tv-explorer select[name="{name}"] option').evaluate_all(
        "options => options.filter(o => o.value).map(o => [o.value, o.textContent])")


def seed_ablation_count(site_dir: Path) -> int:
    return sum(len(soup_of(page).select("section.tv-ablation")) for page in (site_dir / "trajectories").rglob("index.html"))


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


def test_the_paper_filter_keeps_the_papers_whose_title_holds_its_text(page, site_url):
    open_explorer(page, site_url)
    everything = rows(page)
    titles = sorted({row["paper"] for row in everything})
    assert len(titles) == 3
    for text in [*titles, "alignment", "VISION LANGUAGE"]:
        choose(page, "paper", text)
        shown = rows(page)
        assert shown and shown == [row for row in everything if text.lower() in row["paper"].lower()], text
        suggested = page.locator("#tv-explorer-papers option").evaluate_all("options => options.map(o => o.value)")
        assert suggested == [title for title in titles if text.lower() in title.lower()]


def test_the_action_filter_keeps_exactly_its_rows(page, site_url):
    open_explorer(page, site_url)
    everything = rows(page)
    for action in ("REPLACE", "REMOVE"):
        choose(page, "action", action)
        assert rows(page) == [row for row in everything if row["action"] == action]
    assert [value for value, _ in option_values(page, "action")] == ["REPLACE", "REMOVE"]  # ADD has no ablation here


def test_metric_and_text_filters_match_case_insensitively(page, site_url):
    open_explorer(page, site_url)
    everything = rows(page)
    metric = everything[0]["metrics"].split(", ")[0]
    choose(page, "metric", metric.upper())
    shown = rows(page)
    assert shown == [row for row in everything if metric.lower() in row["metrics"].lower()]
    choose(page, "metric", "")
    word = everything[-1]["part"].split()[-1]
    choose(page, "q", f"  {word.upper()} ")
    shown = rows(page)
    assert shown and all(any(word.lower() in row[c].lower() for c in COLUMNS) for row in shown)
    assert len(shown) < len(everything)
    choose(page, "q", "no-such-word-anywhere")
    assert rows(page) == [] and match_count(page) == 0
    assert "No ablation matches" in page.locator(".tv-explorer__status").inner_text()


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
    page.locator('#tv-explorer [data-explorer="clear"]').click()
    assert rows(page) == everything


def test_filters_and_sort_are_kept_in_the_address(page, site_url):
    open_explorer(page, site_url)
    model_value, _ = option_values(page, "model")[0]
    choose(page, "model", model_value)
    choose(page, "q", "ablation")
    page.locator('#tv-explorer th[data-sort="name"] button').click()
    shown = rows(page)
    query = page.evaluate("location.search")
    assert "model=" in query and "q=ablation" in query and "sort=name" in query
    page.reload()
    page.wait_for_selector("#tv-explorer[data-state=ready]")
    assert rows(page) == shown
    assert page.locator('#tv-explorer [name="q"]').input_value() == "ablation"
    assert page.locator('#tv-explorer th[data-sort="name"]').get_attribute("aria-sort") == "ascending"


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
    assert heading.evaluate("e => e.tagName") == "H3"
    assert row["name"] in heading.inner_text()
    assert heading.evaluate("e => { const r = e.getBoundingClientRect(); return r.top >= 0 && r.top < innerHeight; }")


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
    assert page.locator("#tv-explorer tbody img").count() == 0
    assert page.evaluate("window.__injected") is None


# ---- The corpus, and ten times the corpus --------------------------------------------------

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
    timings["and by text"] = timed_choose(page, "q", "the")
    timings["and by metric"] = timed_choose(page, "metric", "acc")
    assert all("acc" in row["metrics"].lower() and row["action"] == "REMOVE" for row in rows(page))
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
        ablations[tasks.get(path.stem, "none")] += path.read_text(encoding="utf-8").split("Ablation Plan</h2>", 1)[1].count("\n### ")
    new_page.watch.origins.add(origin_of(corpus_url))
    page = new_page()
    open_explorer(page, corpus_url)
    assert {value for value, _ in option_values(page, "task")} == set(ablations)
    for task, count in ablations.items():
        choose(page, "task", task)
        assert match_count(page) == count, task
    choose(page, "task", "AuthorAblation")
    choose(page, "model", "lm-planner/gpt-4o")
    gpt = sum(path.read_text(encoding="utf-8").split("Ablation Plan</h2>", 1)[1].count("\n### ")
              for path in (CORPUS / "lm-planner" / "gpt-4o").glob("*.md") if tasks.get(path.stem) == "AuthorAblation")
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
