"""The search worker (docs/javascripts/search-worker.js) in headless Chromium, on index files from gen.data.search_index.

Everything is served from a sub-path on 127.0.0.1, as GitHub project pages
serve the site, so the worker must find the index relative to itself.
"""

from __future__ import annotations

import functools
import os
import re
import shutil
import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from gen.data.search_documents import SearchDocument
from gen.data.search_index import search_index_files
from gen.data.search_terms import fnv1a, terms
from tests.conftest import BUILD_ENV, PROJECT

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
WORKER = PROJECT / "docs" / "javascripts" / "search-worker.js"
OVERRIDES = PROJECT / "docs" / "overrides"
SUB_PATH = "sub/path/"
SETUP, READY, QUERY, RESULT = 0, 1, 2, 3
FIRST_PAGES = 10
MAX_PAGES = int(re.search(r"const MAX_PAGES = (\d+);", WORKER.read_text(encoding="utf-8"))[1])
TIMEOUT_MS = 20_000

DIFFUSION = "trajectories/lm-planner/gpt-4o/diffusion/"
TITLE = "Scalable Vision Models with Transformers at Scale"
TITLED_PAPER = "papers/scalable/"
SHORT_TITLE, SHORT_TITLED = "Barlow Twins", "papers/barlow/"
HYPHENATED, JOINED, SPLIT = "papers/hyphenated/", "papers/joined/", "papers/split/"
TITLE_MATCH_BONUS = float(re.search(r"const TITLE_MATCH_BONUS = ([0-9e.]+);", WORKER.read_text(encoding="utf-8"))[1])
LABELS = "trajectories/lm-planner/o3-mini/labels/"
DOCUMENTS = (
    SearchDocument(DIFFUSION, "Diffusion Paper · GPT-4o",
                   "We want to study how the noise level and the guidance scale change sample quality."),
    SearchDocument(f"{DIFFUSION}#ablation-1", "Classifier-free guidance removal",
                   "Ablated part: guidance. Action: REMOVE. Metrics: FID"),
    SearchDocument(f"{DIFFUSION}#ablation-2", "Noise level schedule",
                   "Ablated part: noise level schedule. Action: REPLACE. Replacement: linear; cosine. Metrics: FID, IS"),
    SearchDocument(LABELS, "Label Paper · o3 mini", "Noisy labels matter here."),
    SearchDocument(f"{LABELS}#ablation-1", "Label smoothing",
                   "Ablated part: label smoothing. Action: REMOVE. Metrics: accuracy"),
    SearchDocument("papers/escape/", "<script>alert(1)</script> Escaping & Co", "Text with <b>tags</b> & ampersands"),
    SearchDocument("papers/unicode/", "Straße naïve ΣΑΣ", "Über café"),
    SearchDocument("planners/alpha-beta/", "Alpha beta", "alpha beta gamma"),
    SearchDocument("planners/alpha-only/", "Alpha only", "alpha delta"),
    *(SearchDocument(f"papers/common-{n}/", f"Common paper {n}", "A commonplace text.") for n in range(FIRST_PAGES + 2)),
    SearchDocument(TITLED_PAPER, TITLE, "Plans for this paper by GPT-4o, o3-mini, side by side.", named_by_title=True),
    *(SearchDocument(f"trajectories/lm-planner/{model}/scalable/", f"{TITLE} · {model}",
                     f"The paper {TITLE} scales vision models with transformers; vision transformers scale.")
      for model in ("gpt-4o", "o3-mini")),
    SearchDocument(SHORT_TITLED, SHORT_TITLE, "Plans for this paper.", named_by_title=True),
    SearchDocument(HYPHENATED, "Schedules one", "A linear warm-up of the learning rate."),
    SearchDocument(JOINED, "Schedules two", "A linear warmup of the learning rate."),
    SearchDocument(SPLIT, "Schedules three", "Warm up the learning rate, then decay."),
    SearchDocument("papers/into/", "Into", "We look into the rate."),
    SearchDocument("papers/long/", "Long reasoning", " ".join(["Plain words before."] * 60) + " The needlework term sits here, "
                   + " ".join(["and plain words after."] * 60)),
    SearchDocument("papers/in-to/", "In to", "Logged in to the server."),
    SearchDocument("trajectories/lm-planner/gpt-4o/barlow/", f"{SHORT_TITLE} · GPT-4o", f"{SHORT_TITLE}: barlow twins, twins."),
    *(SearchDocument(f"papers/plenty-{n}/", f"Plenty {n}", "A plentiful text.") for n in range(MAX_PAGES + 5)),
)

EXCHANGE = """async messages => {
  const worker = new Worker("javascripts/search-worker.js");
  const replies = [];
  let answered = 0;
  return await new Promise((resolve, reject) => {
    worker.onerror = event => reject(new Error(event.message));
    worker.onmessage = event => {
      replies.push(event.data);
      if (!event.data.data?.partial && ++answered === messages.length) { worker.terminate(); resolve(replies); }
    };
    for (const message of messages) worker.postMessage(message);
  });
}"""


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


@pytest.fixture(scope="module")
def chromium():
    """Runs a function with a Chromium browser, on a thread of its own.

    Playwright's sync API allows one instance per thread, and the browser
    tests in tests/browser keep theirs open on the main thread for the session.
    """
    if not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)):
        pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
    thread = ThreadPoolExecutor(max_workers=1)

    def start():
        api = sync_api.sync_playwright().start()
        return api, api.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)

    api, browser = thread.submit(start).result()
    yield lambda function: thread.submit(function, browser).result()
    thread.submit(lambda: (browser.close(), api.stop())).result()
    thread.shutdown()


@pytest.fixture(scope="module")
def web_root(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("search-web-root")


@pytest.fixture(scope="module")
def base_url(web_root):
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(web_root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/{SUB_PATH}"
    server.shutdown()
    server.server_close()


def write_files(folder: Path, files: dict[str, str]) -> None:
    for path, text in files.items():
        target = folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def worker_site(web_root) -> Path:
    """The worker, the index and two bare pages: one to start workers from, one that loads the worker's functions."""
    site = web_root / SUB_PATH
    write_files(site, search_index_files(DOCUMENTS))
    write_files(site, {
        "worker.html": '<!doctype html><meta charset="utf-8"><title>worker</title>',
        "functions.html": '<!doctype html><meta charset="utf-8"><title>functions</title>'
                          '<script src="javascripts/search-worker.js"></script>',
    })
    (site / "javascripts").mkdir(exist_ok=True)
    shutil.copy(WORKER, site / "javascripts" / "search-worker.js")
    return site


def exchange_with_worker(chromium, page_url: str, queries) -> list[dict]:
    """Sends SETUP then each query to a fresh worker started from ``page_url``; returns every reply."""
    messages = [{"type": SETUP, "data": {"config": {}, "docs": [], "options": {"suggest": False}}}]
    messages += [{"type": QUERY, "data": query} for query in queries]

    def run(browser):
        page = browser.new_page()
        try:
            page.goto(page_url)
            return page.evaluate(EXCHANGE, messages)
        finally:
            page.close()

    replies = chromium(run)
    assert replies[0] == {"type": READY}
    assert all(reply["type"] == RESULT for reply in replies[1:])
    return [reply["data"] for reply in replies[1:]]


@pytest.fixture(scope="module")
def exchange(chromium, worker_site, base_url):
    """Sends SETUP then each query to a fresh worker; returns every reply, partial results included."""
    return lambda *queries: exchange_with_worker(chromium, base_url + "worker.html", queries)


@pytest.fixture(scope="module")
def ask(exchange):
    """The final result of each query, in the order the queries came."""
    return lambda *queries: [result for result in exchange(*queries) if not result.get("partial")]


def locations(result: dict) -> list[list[str]]:
    return [[item["location"] for item in group] for group in result["items"]]


def test_an_ablation_name_finds_its_section_after_its_page(ask):
    [result] = ask("noise level schedule")
    assert locations(result) == [[DIFFUSION, f"{DIFFUSION}#ablation-2"]]
    page, section = result["items"][0]
    assert section["title"] == "<mark>Noise</mark> <mark>level</mark> <mark>schedule</mark>"
    assert "<mark>noise</mark> <mark>level</mark> <mark>schedule</mark>" in section["text"]
    assert page["score"] == section["score"] > 0
    assert page["title"] == "Diffusion Paper · GPT-4o"
    assert section["terms"] == {"noise": True, "level": True, "schedule": True}


def test_a_page_lists_its_matching_sections_best_first(ask):
    [result] = ask("guidance")
    [group] = result["items"]
    assert [item["location"] for item in group] == [DIFFUSION, f"{DIFFUSION}#ablation-1"]
    assert group[0]["score"] == max(item["score"] for item in group)


def test_a_query_of_three_or_more_characters_matches_words_it_begins(ask):
    [result] = ask("nois")
    pages = {group[0]["location"]: group[0] for group in result["items"]}
    assert set(pages) == {DIFFUSION, LABELS}
    assert pages[LABELS]["text"] == "<mark>Noisy</mark> labels matter here."


def test_an_exact_match_ranks_above_a_prefix_match(ask):
    [result] = ask("noise")
    assert result["items"][0][0]["location"] == DIFFUSION


def test_a_two_character_query_matches_whole_words_only(ask):
    [result] = ask("la")
    assert result["items"] == []


def test_every_term_must_match_when_some_document_has_them_all(ask):
    [result] = ask("alpha beta")
    assert locations(result) == [["planners/alpha-beta/"]]


def test_without_a_document_having_every_term_any_term_will_do(ask):
    [result] = ask("alpha zeta")
    assert sorted(group[0]["location"] for group in result["items"]) == ["planners/alpha-beta/", "planners/alpha-only/"]
    assert all(group[0]["terms"] == {"alpha": True, "zeta": False} for group in result["items"])


def test_titles_and_texts_come_back_escaped(ask):
    [result] = ask("script tags")
    [[item]] = result["items"]
    assert item["title"] == "&#60;<mark>script</mark>&#62;alert(1)&#60;/<mark>script</mark>&#62; Escaping &#38; Co"
    assert item["text"] == "Text with &#60;b&#62;<mark>tags</mark>&#60;/b&#62; &#38; ampersands"


def test_non_ascii_words_are_found_in_any_case(ask):
    [result] = ask("STRAßE ΣΑΣ ÜBER")
    assert locations(result) == [["papers/unicode/"]]


def test_empty_and_one_character_queries_find_nothing(ask):
    assert ask("", " ", "a") == [{"items": []}] * 3


def test_queries_are_answered_in_the_order_they_came(ask):
    slow, fast = "diffusion guidance labels smoothing", ""
    first, second, third = ask(slow, fast, "alpha")
    assert len(first["items"]) == 2
    assert second == {"items": []}
    assert sorted(locations(third)) == [["planners/alpha-beta/"], ["planners/alpha-only/"]]


def test_the_first_pages_come_first_then_all_of_them(exchange):
    first, full = exchange("commonplace")
    assert first["partial"] is True and len(first["items"]) == FIRST_PAGES
    assert "partial" not in full and len(full["items"]) == FIRST_PAGES + 2
    assert first["total"] == full["total"] == FIRST_PAGES + 2
    assert full["items"][:FIRST_PAGES] == first["items"]


def test_at_most_max_pages_are_sent_and_total_counts_them_all(ask):
    [result] = ask("plentiful")
    assert len(result["items"]) == MAX_PAGES and result["total"] == MAX_PAGES + 5


def test_an_index_that_cannot_be_read_is_a_failure_not_an_empty_result(chromium, web_root, base_url):
    site = web_root / "no-index"
    (site / "javascripts").mkdir(parents=True)
    shutil.copy(WORKER, site / "javascripts" / "search-worker.js")
    write_files(site, {"worker.html": '<!doctype html><meta charset="utf-8"><title>worker</title>'})
    assert exchange_with_worker(chromium, base_url.removesuffix(SUB_PATH) + "no-index/worker.html", ["alpha"]) == [
        {"items": [], "failed": True}]


def test_the_worker_cuts_terms_and_hashes_them_as_the_index_does(chromium, worker_site, base_url):
    texts = ["Noise-level: σ_t=0.5, ResNet50!", "Straße — naïve “ΣΑΣ” x² 日本語", "cafe\u0301 İstanbul ǅemal",
             "ﬁnal Ⅻ ٣٤ 🙂 tab\there", "a_b", "noi"]

    def run(browser):
        page = browser.new_page()
        try:
            page.goto(base_url + "functions.html")
            return page.evaluate("texts => texts.map(text => [terms(text), fnv1a(text)])", texts)
        finally:
            page.close()

    assert chromium(run) == [[terms(text), fnv1a(text)] for text in texts]


@pytest.fixture(scope="module")
def material_site(web_root, tmp_path_factory) -> Path:
    """A real MkDocs + Material build with the project's theme overrides, the worker and an index as static files."""
    project = tmp_path_factory.mktemp("material-project")
    docs = project / "docs"
    write_files(docs, {"index.md": "# Home\n\nA page to search from.\n", **search_index_files(DOCUMENTS)})
    (docs / "javascripts").mkdir()
    shutil.copy(WORKER, docs / "javascripts" / "search-worker.js")
    (project / "mkdocs.yml").write_text(
        "site_name: Search test\n"
        f"theme:\n  name: material\n  custom_dir: {OVERRIDES}\n  font: false\n  features: [search.highlight]\n"
        "plugins: [search]\n",
        encoding="utf-8",
    )
    site = web_root / "material" / SUB_PATH
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"), "-d", str(site)],
        env=dict(os.environ, **BUILD_ENV), capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stderr
    return site


def test_material_shows_the_results_with_its_own_search_box(chromium, material_site, base_url):
    def run(browser):
        page = browser.new_page()
        try:
            page.goto(base_url.replace(SUB_PATH, f"material/{SUB_PATH}"))
            box = page.locator("input[data-md-component=search-query]")
            box.click()
            box.press_sequentially("noise level schedule")
            page.wait_for_function(
                "document.querySelector('.md-search-result__meta').textContent.trim() === '1 matching document'",
                timeout=TIMEOUT_MS,
            )
            item = page.locator(".md-search-result__item").first
            return {
                "page": item.locator("h1").inner_text(),
                "links": [link.get_attribute("href") for link in item.locator("a").all()],
                "marks": item.locator("h2 mark").all_inner_texts(),
            }
        finally:
            page.close()

    shown = chromium(run)
    assert shown["page"] == "Diffusion Paper · GPT-4o"
    assert shown["links"][0].endswith(f"/material/{SUB_PATH}{DIFFUSION}?h=noise+level+schedule")
    assert shown["links"][1].endswith(f"{DIFFUSION}?h=noise+level+schedule#ablation-2")
    assert shown["marks"] == ["Noise", "level", "schedule"]


@pytest.mark.parametrize(("query", "paper"), [
    (TITLE, TITLED_PAPER),
    (TITLE.lower(), TITLED_PAPER),
    ("Scalable Vision Models with Transformers", TITLED_PAPER),  # the first five words
    (SHORT_TITLE, SHORT_TITLED),
])
def test_a_papers_title_or_its_first_five_words_find_its_page_first(ask, query, paper):
    [result] = ask(query)
    pages = [group[0] for group in result["items"]]
    assert pages[0]["location"] == paper
    unlifted = pages[0]["score"] - TITLE_MATCH_BONUS
    assert unlifted > 0 and unlifted < max(page["score"] for page in pages[1:]), "the plans' pages would come first unlifted"


def test_fewer_of_the_titles_first_words_rank_by_the_words_alone(ask):
    [result] = ask("Scalable Vision Models with")
    pages = [group[0] for group in result["items"]]
    assert all(page["score"] < TITLE_MATCH_BONUS for page in pages)
    assert pages[0]["location"] != TITLED_PAPER


@pytest.mark.parametrize("query", ["warmup", "warm-up", "warm up", "Warm-Up", "linear warmup"])
def test_hyphenated_joined_and_split_compounds_find_each_other(ask, query):
    [result] = ask(query)
    found = {group[0]["location"] for group in result["items"]}
    expected = {HYPHENATED, JOINED} if query.startswith("linear") else {HYPHENATED, JOINED, SPLIT}
    assert found == expected


def test_the_other_spellings_of_a_compound_are_highlighted(ask):
    [result] = ask("warmup")
    texts = {group[0]["location"]: group[0]["text"] for group in result["items"]}
    assert "<mark>warm</mark>-<mark>up</mark>" in texts[HYPHENATED]
    assert "<mark>warmup</mark>" in texts[JOINED]


def test_a_pair_no_text_hyphenates_is_not_joined(ask):
    """"into" is never written "in-to" here, so neither query finds the other's page."""
    [into, in_to] = ask("into", "in to")
    assert {group[0]["location"] for group in into["items"]} == {"papers/into/"}
    assert "papers/into/" not in {group[0]["location"] for group in in_to["items"]}
    assert "papers/in-to/" in {group[0]["location"] for group in in_to["items"]}


def test_a_teaser_shows_the_text_around_the_first_match(ask):
    [result] = ask("needlework")
    [[item]] = result["items"]
    text = item["text"]
    assert "<mark>needlework</mark> term sits here" in text
    assert text.startswith("… ") and text.endswith(" …")
    plain = text.replace("<mark>", "").replace("</mark>", "")
    assert len(plain) <= 160 + 4
    assert plain.index("needlework") < 80, "the match comes early in its window"


def test_a_teaser_without_a_match_in_its_text_shows_its_start(ask):
    [result] = ask("long reasoning")
    [[item]] = result["items"]
    assert item["text"].startswith("Plain words before.") and item["text"].endswith(" …")
