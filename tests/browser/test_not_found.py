"""The 404 page of a site built without SITE_URL and served from a sub-path, by either engine: styled,
its links working, naming what was asked for and, for a paper the site has, linking it and its plans."""

from __future__ import annotations

import pytest

from tests.browser.conftest import SUB_PATH, origin_of, serve
from tests.conftest import build_site

ALIGN_VL = "Align_VL__Can_Being_Modest_Help_in_the_Alignment_of_Vision_Language_Models_"


@pytest.fixture(scope="module")
def unset_site_url(playwright_api, tmp_path_factory, engine):
    """The seed site built with an empty SITE_URL, as a maintainer builds it by hand, served from the sub-path."""
    root = tmp_path_factory.mktemp(f"no-site-url-root-{engine}")
    result = build_site(root / SUB_PATH.strip("/"), engine=engine, SITE_URL="")
    assert result.returncode == 0, result.stderr
    yield from serve(root)


def allow_missing(watch, site: str, path: str) -> None:
    """The address asked for, and the folders the page's script asks for 404.html in, answer 404."""
    watch.allowed_statuses[site + path] = 404
    parts = path.strip("/").split("/")
    for depth in range(1, len(parts) + 1):
        watch.allowed_statuses[site + "/".join(parts[:depth]) + "/404.html"] = 404


@pytest.mark.parametrize("path", [f"trajectories/agent-planner/gpt-4o/{ALIGN_VL}/", f"papers/{ALIGN_VL}/old/"])
def test_a_missing_page_names_the_paper_it_asked_for_and_its_plans(new_page, unset_site_url, path):
    new_page.watch.origins.add(origin_of(unset_site_url))
    allow_missing(new_page.watch, unset_site_url, path)
    page = new_page()
    response = page.goto(unset_site_url + path)
    assert response.status == 404
    assert page.locator("article h1").inner_text() == "Page not found"
    assert page.locator("header.md-header").evaluate("e => getComputedStyle(e).position") != "static"
    assert page.locator("a.md-header__button.md-logo").evaluate("a => a.href") == unset_site_url
    assert f"{SUB_PATH}{path}" in page.locator("article").inner_text()
    found = page.locator("[data-tv-paper-found] a")
    found.first.wait_for()
    hrefs = [link.evaluate("a => a.href") for link in found.all()]
    assert hrefs == [unset_site_url + f"papers/{ALIGN_VL}/", *(
        unset_site_url + f"trajectories/lm-planner/{model}/{ALIGN_VL}/" for model in ("claude-35-sonnet", "gemini-25-flash")
    )]
    assert [link.inner_text() for link in found.all()[1:]] == ["Claude 3.5 Sonnet", "Gemini 2.5 Flash"]
    page.locator("article a", has_text="the papers").click()
    page.wait_for_load_state()
    assert page.url == unset_site_url + "papers/"
    assert page.locator("article h1").inner_text() == "Papers"


def test_without_javascript_the_page_still_says_what_happened(new_page, unset_site_url):
    new_page.watch.origins.add(origin_of(unset_site_url))
    new_page.watch.allowed_statuses[unset_site_url + "no/such/page/"] = 404
    page = new_page(java_script_enabled=False)
    response = page.goto(unset_site_url + "no/such/page/")
    assert response.status == 404
    assert page.locator("article h1").inner_text() == "Page not found"
    assert "This site has no page at this address." in page.locator("article").inner_text()


def test_an_address_naming_no_paper_lists_none(new_page, unset_site_url):
    new_page.watch.origins.add(origin_of(unset_site_url))
    path = "trajectories/lm-planner/gpt-4o/no-such-paper/"
    allow_missing(new_page.watch, unset_site_url, path)
    new_page.watch.allowed_statuses[unset_site_url + "papers/no-such-paper/"] = 404
    page = new_page()
    page.goto(unset_site_url + path)
    page.wait_for_load_state("networkidle")
    assert page.locator("[data-tv-paper-found] a").count() == 0
    assert page.locator("header.md-header").evaluate("e => getComputedStyle(e).position") != "static"
