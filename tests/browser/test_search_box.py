"""Material's search box on the corpus site: it says how many pages matched, not how many it was sent,
and the spellings of a compound find each other."""

from __future__ import annotations

import re

from tests.browser.conftest import MKDOCS_SITE_ONLY, origin_of
from tests.browser.test_explorer import corpus_root, corpus_url  # noqa: F401 (fixtures)
from tests.conftest import CORPUS

pytestmark = MKDOCS_SITE_ONLY

ASK_WORKER = """async query => {
  const worker = new Worker("javascripts/search-worker.js");
  return await new Promise(resolve => {
    worker.onmessage = event => {
      if (event.data.type === 1) worker.postMessage({ type: 2, data: query });
      if (event.data.type === 3 && !event.data.data.partial) { worker.terminate(); resolve(event.data.data); }
    };
    worker.postMessage({ type: 0, data: { config: {}, docs: [], options: {} } });
  });
}"""


def test_a_common_query_shows_how_many_pages_matched_and_how_many_are_shown(new_page, corpus_url):
    new_page.watch.origins.add(origin_of(corpus_url))
    page = new_page()
    page.goto(corpus_url)
    reply = page.evaluate(ASK_WORKER, "contrastive loss")
    total, sent = reply["total"], len(reply["items"])
    assert total > sent == 50, "the query must match more pages than the worker sends"
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.locator("input.md-search__input").press_sequentially("contrastive loss", delay=10)
    meta = page.locator(".md-search-result__meta")
    expected = f"{total} matching pages, the best {sent} shown"
    page.wait_for_function("text => document.querySelector('.md-search-result__meta').textContent === text", arg=expected)
    assert meta.inner_text() == expected
    assert page.locator(".md-search-result__list > li").count() > 0


def test_a_query_with_fewer_pages_keeps_materials_count(new_page, corpus_url):
    new_page.watch.origins.add(origin_of(corpus_url))
    page = new_page()
    page.goto(corpus_url)
    reply = page.evaluate(ASK_WORKER, "graphmae")
    assert 1 < reply["total"] == len(reply["items"]) < 50
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.locator("input.md-search__input").press_sequentially("graphmae", delay=10)
    meta = page.locator(".md-search-result__meta")
    expected = f"{reply['total']} matching documents"
    page.wait_for_function("text => document.querySelector('.md-search-result__meta').textContent === text", arg=expected)
    page.wait_for_timeout(500)  # the last reply has been shown: nothing rewrites the count after it
    assert meta.inner_text() == expected


def test_warmup_warm_up_and_warm_hyphen_up_find_the_same_pages(new_page, corpus_url):
    """Trajectories that write only "warm-up" are found by "warmup", and the other way round."""
    hyphenated = {path for path in CORPUS.rglob("*.md") if re.search(r"\bwarm-up\b", path.read_text(encoding="utf-8"), re.I)}
    joined = {path for path in CORPUS.rglob("*.md") if re.search(r"\bwarmup\b", path.read_text(encoding="utf-8"), re.I)}
    assert hyphenated - joined and joined - hyphenated, "the corpus must write both, in different plans"
    new_page.watch.origins.add(origin_of(corpus_url))
    page = new_page()
    page.goto(corpus_url)
    totals = {query: page.evaluate(ASK_WORKER, query)["total"] for query in ("warmup", "warm-up", "warm up")}
    assert len(set(totals.values())) == 1, totals
    assert totals["warmup"] >= len(hyphenated | joined)


def test_every_teaser_shows_the_words_that_matched(new_page, corpus_url):
    """Each result's teaser, the text under its title, holds a matched word: it is cut around the first match."""
    new_page.watch.origins.add(origin_of(corpus_url))
    page = new_page()
    page.goto(corpus_url)
    page.locator("label.md-search__icon, .md-search__input").first.click()
    box = page.locator("input.md-search__input")
    box.fill("contrastive loss")
    box.press("End")
    page.locator(".md-search-result__list > li").nth(9).wait_for()
    teasers = page.evaluate("""() => [...document.querySelectorAll(".md-search-result__list > li")].slice(0, 10)
      .flatMap(item => [...item.querySelectorAll(".md-search-result__article")]).map(found => {
        const article = found.cloneNode(true);
        article.querySelectorAll("h1, h2, .md-search-result__icon, .md-search-result__terms").forEach(element => element.remove());
        return { text: article.textContent.trim(), marked: [...article.querySelectorAll("mark")].map(mark => mark.textContent) };
      }).filter(teaser => teaser.text)""")
    assert len(teasers) >= 10
    for teaser in teasers:
        assert any(word.lower().startswith(("contrastive", "loss")) for word in teaser["marked"]), teaser["text"]


def test_a_word_deep_in_a_reasoning_trace_is_shown_in_its_teaser(new_page, corpus_url):
    [source] = [path for path in CORPUS.rglob("*.md") if re.search(r"\binterplay\b", path.read_text(encoding="utf-8"), re.I)]
    text = source.read_text(encoding="utf-8")
    reasoning = text.index("Reasoning Trace")
    assert re.search(r"\binterplay\b", text, re.I).start() - reasoning > 400, "the word must lie past a teaser's length"
    new_page.watch.origins.add(origin_of(corpus_url))
    page = new_page()
    page.goto(corpus_url)
    reply = page.evaluate(ASK_WORKER, "interplay")
    [[item]] = reply["items"]
    assert item["location"].endswith(f"/{source.parent.name}/{source.stem}/")
    assert "<mark>interplay</mark>" in item["text"] and item["text"].startswith("… ")
