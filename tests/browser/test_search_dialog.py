"""The site's own search dialog, which the Zensical site has in place of Material's search box."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.browser.test_site import CONTRAST_JS, PAPER, PHONE, SCHEMES, TRAJECTORY, url
from tests.site_pages import soup_of

ABLATION = "Noise Level Ablation"  # an ablation of the Align-VL seed's Claude 3.5 Sonnet plan


pytestmark = pytest.mark.parametrize("engine", ["zensical"], indirect=True)  # the MkDocs site has Material's search box


def search(page, query: str) -> None:
    page.locator("[data-tv-search-open]").click()
    page.locator(".tv-search__input").press_sequentially(query, delay=20)


def test_searching_for_an_ablation_opens_it(page, site_url):
    page.goto(url(site_url, PAPER))
    search(page, ABLATION)
    result = page.locator(".tv-search__results a").filter(has_text=ABLATION).first
    result.click()
    page.wait_for_url(url(site_url, TRAJECTORY) + "#*")
    fragment = page.evaluate("decodeURIComponent(location.hash.slice(1))")
    assert fragment, "the result should open the ablation itself, not the top of its page"
    assert ABLATION in page.locator(f'[id="{fragment}"]').inner_text()


def pages_with_a_word_beginning(site_dir: Path, start: str) -> set[str]:
    """The pages whose article has a word beginning with ``start``, in any case: what a search for it finds."""
    word = re.compile(rf"(?<!\w){re.escape(start)}", re.IGNORECASE)
    return {page.parent.relative_to(site_dir).as_posix() + "/" for page in site_dir.rglob("index.html")
            if (article := soup_of(page).select_one("article")) and word.search(article.get_text(" "))}


def test_the_pages_found_have_the_word_and_every_plan_with_it_is_found(page, site_url, site_dir):
    """Paper pages repeat their plans, which the index holds on the plans' own pages only."""
    having = pages_with_a_word_beginning(site_dir, "noise")
    plans = {path for path in having if path.startswith("trajectories/")}
    assert len(plans) > 1
    page.goto(site_url)
    search(page, "noise")
    page.locator(".tv-search__page").first.wait_for()
    found = {href.removeprefix(site_url) for href in page.locator(".tv-search__page").evaluate_all("links => links.map(link => link.href)")}
    assert plans <= found <= having
    assert page.locator(".tv-search__meta").inner_text() == f"{len(found)} matching pages"
    marked = page.locator(".tv-search__results mark").all_inner_texts()
    assert marked and all(word.lower().startswith("noise") for word in marked)


def test_a_word_no_page_has_finds_nothing(page, site_url):
    page.goto(site_url)
    search(page, "zorblaxquux")
    page.get_by_text("No matching pages").wait_for()
    assert page.locator(".tv-search__results > li").count() == 0


def test_the_keyboard_opens_walks_and_closes_the_dialog(page, site_url):
    page.goto(site_url)
    dialog = page.locator("[data-tv-search]")
    for opening in ("/", "s", "Control+k"):
        page.keyboard.press(opening)
        assert dialog.evaluate("d => d.open"), opening
        page.keyboard.press("Escape")
        assert not dialog.evaluate("d => d.open"), opening
    page.keyboard.press("/")
    page.keyboard.type(ABLATION)
    first = page.locator(".tv-search__results a").first
    first.wait_for()
    # Each key typed asks again: walk the results once the last reply is shown (the list unchanged over 300 ms).
    page.wait_for_function("""() => {
      const now = document.querySelector(".tv-search__results").innerHTML;
      const same = now === window.__shownResults;
      window.__shownResults = now;
      return same && now !== "";
    }""", polling=300)
    page.keyboard.press("ArrowDown")
    assert first.evaluate("a => a === document.activeElement")
    page.keyboard.press("ArrowUp")
    assert page.locator(".tv-search__input").evaluate("input => input === document.activeElement")
    page.keyboard.press("Enter")  # Enter in the field opens the first result: the plan's page
    page.wait_for_url(url(site_url, TRAJECTORY))


def test_typing_in_the_explorers_fields_does_not_open_the_dialog(page, site_url):
    page.goto(site_url + "explorer/")
    page.wait_for_selector("#tv-explorer[data-state=ready]")
    field = page.locator("#tv-explorer input[name=text]")
    field.press_sequentially("s/s", delay=20)
    assert field.input_value() == "s/s"
    assert not page.locator("[data-tv-search]").evaluate("d => d.open")


def test_following_a_result_on_the_open_page_closes_the_dialog(page, site_url):
    page.goto(url(site_url, TRAJECTORY))
    search(page, ABLATION)
    page.locator(".tv-search__section").filter(has_text=ABLATION).first.click()
    page.wait_for_url(url(site_url, TRAJECTORY) + "#*")
    assert not page.locator("[data-tv-search]").evaluate("d => d.open")


def test_a_search_that_cannot_run_says_so(new_page, site_url):
    page = new_page()
    worker = site_url + "javascripts/search-worker.js"
    new_page.watch.allowed_statuses[worker] = 404
    page.route(worker, lambda route: route.fulfill(status=404, body="missing"))
    page.goto(site_url)
    search(page, "noise")
    page.get_by_text("Search is unavailable").wait_for()
    assert page.locator(".tv-search__results > li").count() == 0
    failed = f"request failed: {worker} (net::ERR_FAILED)"  # the worker's script, as the test made it fail
    assert failed in new_page.watch.problems
    new_page.watch.problems.remove(failed)


@pytest.mark.parametrize("scheme", sorted(SCHEMES))
def test_the_dialog_fits_a_phone_and_is_readable_in_either_scheme(new_page, site_url, scheme):
    page = new_page(**PHONE, color_scheme=scheme)
    page.goto(site_url)
    search(page, "noise")
    page.locator(".tv-search__results > li").first.wait_for()
    box = page.locator("[data-tv-search]").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["viewport"]["width"]
    measured = page.evaluate(CONTRAST_JS, ["[data-tv-search]", 4.5])
    [dialog] = measured["boxes"]
    assert dialog["luminance"] < 0.1 if scheme == "dark" else dialog["luminance"] > 0.8
    assert measured["texts"] > 3 and measured["low"] == [], measured["low"]
