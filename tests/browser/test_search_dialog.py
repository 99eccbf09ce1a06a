"""The site's own search dialog, which the Zensical site has in place of Material's search box."""

from __future__ import annotations

import pytest

from tests.browser.test_site import PAPER, PHONE, SCHEMES, TRAJECTORY, url

ABLATION = "Noise Level Ablation"  # an ablation of the Align-VL seed's Claude 3.5 Sonnet plan


@pytest.fixture(autouse=True)
def site_search_dialog(engine) -> None:
    if engine != "zensical":
        pytest.skip("the MkDocs site has Material's search box (test_site.py's search tests)")


def search(page, query: str) -> None:
    page.locator("[data-tv-search-open]").click()
    page.locator(".tv-search__input").press_sequentially(query, delay=20)


def test_searching_for_an_ablation_opens_it(page, site_url):
    page.goto(url(site_url, PAPER))
    search(page, ABLATION)
    result = page.locator(".tv-search__results a").filter(has_text=ABLATION).first
    result.click()
    page.wait_for_load_state()
    assert page.url.startswith(url(site_url, TRAJECTORY))
    fragment = page.evaluate("decodeURIComponent(location.hash.slice(1))")
    assert fragment, "the result should open the ablation itself, not the top of its page"
    assert ABLATION in page.locator(f'[id="{fragment}"]').inner_text()


def test_results_mark_the_words_found_and_count_the_pages(page, site_url):
    page.goto(site_url)
    search(page, "noise")
    page.locator(".tv-search__results > li").first.wait_for()
    pages = page.locator(".tv-search__results > li").count()
    assert page.locator(".tv-search__meta").inner_text() == f"{pages} matching page{'s' if pages > 1 else ''}"
    marked = page.locator(".tv-search__results mark").all_inner_texts()
    assert marked and all(word.lower() == "noise" for word in marked)


def test_a_word_no_page_has_finds_nothing(page, site_url):
    page.goto(site_url)
    search(page, "zorblaxquux")
    page.get_by_text("No matching pages").wait_for()
    assert page.locator(".tv-search__results > li").count() == 0


def test_the_keyboard_opens_walks_and_closes_the_dialog(page, site_url):
    page.goto(site_url)
    dialog = page.locator("[data-tv-search]")
    page.keyboard.press("/")
    assert dialog.evaluate("d => d.open")
    page.keyboard.type(ABLATION)
    first = page.locator(".tv-search__results a").first
    first.wait_for()
    page.keyboard.press("ArrowDown")
    assert first.evaluate("a => a === document.activeElement")
    page.keyboard.press("Escape")
    assert not dialog.evaluate("d => d.open")
    page.keyboard.press("Control+k")
    assert dialog.evaluate("d => d.open")
    page.keyboard.press("Enter")  # the query is kept: Enter opens the first result
    page.wait_for_url(url(site_url, TRAJECTORY) + "**")


@pytest.mark.parametrize("scheme", sorted(SCHEMES))
def test_the_dialog_fits_a_phone_in_either_scheme(new_page, site_url, scheme):
    page = new_page(**PHONE, color_scheme=scheme)
    page.goto(site_url)
    search(page, "noise")
    page.locator(".tv-search__results > li").first.wait_for()
    box = page.locator("[data-tv-search]").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["viewport"]["width"]
    colours = page.locator("[data-tv-search]").evaluate("d => [getComputedStyle(d).color, getComputedStyle(d).backgroundColor]")
    assert colours[0] != colours[1]
