"""Every kind of page by keyboard and at a phone's width: the skip link, the way past a long table, a
visible focus ring, touch targets of 24 px, and wide tables that keep their labels in view.

The skip link and the focus ring are checked on both engines' seed sites; the rest, which needs pages
with many rows, on the corpus site (MkDocs)."""

from __future__ import annotations

import pytest

from tests.browser.conftest import MKDOCS_SITE_ONLY, SUB_PATH, origin_of, serve
from tests.conftest import skip_without_corpus
from tests.site_pages import SEED_PAGE_KINDS

PHONE = {"width": 390, "height": 844}
TAB_STOPS = 40  # the focus ring is checked on the first this many tab stops of a page
# What has the keyboard's focus, and whether it shows: an outline, or Material's own focus styles
# for the elements it styles (its search box and tabs), seen as a changed colour or shadow.
FOCUS_JS = """() => {
    const e = document.activeElement;
    const style = getComputedStyle(e);
    return {tag: e.tagName, id: e.id, cls: String(e.className), text: (e.textContent || '').trim().slice(0, 40),
            outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 1,
            inView: e.getBoundingClientRect().width > 0};
}"""


def open_seed_page(page, site_url: str, name: str) -> None:
    page.goto(site_url + SEED_PAGE_KINDS[name])
    page.wait_for_load_state("networkidle")


def allow_missing(watch, site_url: str) -> None:
    watch.allowed_statuses[site_url + SEED_PAGE_KINDS["404"]] = 404


@pytest.mark.parametrize("name", list(SEED_PAGE_KINDS))
def test_the_first_tab_stop_skips_to_the_content(new_page, site_url, name):
    allow_missing(new_page.watch, site_url)
    page = new_page()
    open_seed_page(page, site_url, name)
    page.keyboard.press("Tab")
    first = page.evaluate(FOCUS_JS)
    assert "md-skip" in first["cls"] and first["text"] == "Skip to content", first
    page.wait_for_function("getComputedStyle(document.activeElement).opacity === '1'")  # it fades in
    assert page.locator("a.md-skip").count() == 1
    page.keyboard.press("Enter")
    assert page.evaluate("document.querySelector('article').contains(document.activeElement)"), "it leads to the content"
    page.keyboard.press("Tab")
    assert page.evaluate("document.querySelector('article').contains(document.activeElement)"), "the next stop is in the content"


def test_the_hidden_back_to_top_button_takes_no_focus(new_page, site_url):
    """As the page loads, before the theme's script takes it out of the tab order: hidden, and without
    the tabindex that script adds."""
    page = new_page()
    open_seed_page(page, site_url, "paper")
    focused = page.evaluate("""() => {
        const top = document.querySelector('.md-top');
        top.hidden = true;
        top.removeAttribute('tabindex');
        top.focus();
        return document.activeElement === top;
    }""")
    assert not focused


def test_at_a_phones_width_the_navigation_drawer_slides_in_while_a_link_of_it_has_the_focus(new_page, site_url):
    """Off screen until opened, the drawer's links are still tab stops; each must be seen when focused."""
    page = new_page(viewport=PHONE)
    open_seed_page(page, site_url, "paper")
    drawer_links = page.locator(".md-sidebar--primary a").count()
    assert drawer_links > 3
    seen = 0
    for _ in range(TAB_STOPS):
        page.keyboard.press("Tab")
        if page.evaluate("document.querySelector('.md-sidebar--primary').contains(document.activeElement)"):
            page.wait_for_timeout(300)  # the drawer slides in over 0.25 s
            box = page.evaluate("(({left, right}) => ({left, right}))(document.activeElement.getBoundingClientRect())")
            assert box["left"] >= 0 and box["right"] <= PHONE["width"], box
            seen += 1
        elif seen:
            break
    assert seen >= 3
    page.wait_for_timeout(300)
    assert page.evaluate("document.querySelector('.md-sidebar--primary').getBoundingClientRect().right") <= 0, \
        "it slides out again once the focus leaves it"


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", ["home", "paper", "explorer", "statistics", "compare"])
def test_every_tab_stop_shows_its_focus(new_page, site_url, name, scheme):
    page = new_page(color_scheme=scheme)
    open_seed_page(page, site_url, name)
    unseen = []
    for _ in range(TAB_STOPS):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUS_JS)
        if focused["tag"] == "BODY":
            break
        if focused["inView"] and not focused["outline"]:
            unseen.append(focused)
    assert unseen == []


# ---- The corpus site: long tables, page links, a phone's width ------------------------------

@pytest.fixture(scope="module")
def corpus_url(playwright_api, corpus_site, tmp_path_factory):
    skip_without_corpus()
    root = tmp_path_factory.mktemp("keyboard-root")
    (root / SUB_PATH.strip("/")).symlink_to(corpus_site, target_is_directory=True)
    yield from serve(root)


@MKDOCS_SITE_ONLY
@pytest.mark.parametrize("path, end", [
    ("papers/", "after-papers"), ("planners/lm-planner/gpt-4o/", "after-trajectories"),
])
def test_a_long_table_can_be_passed_in_one_key(new_page, corpus_url, path, end):
    new_page.watch.origins.add(origin_of(corpus_url))
    page = new_page()
    page.goto(corpus_url + path)
    skip = page.locator(f'a.tv-skip-table[href="#{end}"]')
    table = page.locator(f"#{end}").locator("xpath=preceding-sibling::*[1]")
    links_inside = table.locator("a").count()
    assert links_inside > 50
    skip.focus()
    assert skip.evaluate("e => e.getBoundingClientRect().width") > 1, "the link shows when focused"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == end
    page.keyboard.press("Tab")
    assert not table.evaluate("t => t.contains(document.activeElement)")
    assert page.evaluate("document.activeElement.tagName") != "BODY"


TARGETS = {
    "papers/": "ol.tv-pager a",
    "planners/lm-planner/gpt-4o/": "ul.tv-listing-steps a, .tv-table th button",
    "explorer/": '#tv-explorer input[type="checkbox"], #tv-explorer select, #tv-explorer th button',
}


@MKDOCS_SITE_ONLY
@pytest.mark.parametrize("path", list(TARGETS))
def test_page_links_sort_buttons_checkboxes_and_selects_are_24_px_targets(new_page, corpus_url, path):
    new_page.watch.origins.add(origin_of(corpus_url))
    page = new_page(viewport=PHONE)
    page.goto(corpus_url + path)
    if path == "explorer/":
        page.wait_for_selector("#tv-explorer[data-state=ready]")
    sizes = page.locator(TARGETS[path]).evaluate_all(
        "els => els.map(e => { const r = e.getBoundingClientRect(); return [e.outerHTML.slice(0, 60), r.width, r.height]; })")
    assert sizes
    small = [size for size in sizes if size[1] < 24 or size[2] < 24]
    assert small == []


# Scroll a table's box to its far corner; then where its header rows and the first cell of the row at the
# top of the box stand, relative to the box.
LABELS_JS = """(box) => {
    box.scrollTop = box.scrollHeight; box.scrollLeft = box.scrollWidth;
    const frame = box.getBoundingClientRect();
    const head = box.querySelector('thead').getBoundingClientRect();
    const rows = Array.from(box.querySelectorAll('tbody tr'));
    const row = rows.find(r => r.getBoundingClientRect().bottom > frame.top + head.height + 4);
    const first = row.firstElementChild.getBoundingClientRect();
    return {scrolls: box.scrollWidth > box.clientWidth, frameTop: frame.top, frameLeft: frame.left,
            headTop: head.top, firstLeft: first.left, shadow: getComputedStyle(box).backgroundImage};
}"""


@MKDOCS_SITE_ONLY
@pytest.mark.parametrize("path, box", [("", ".tv-leaderboard"), ("papers/", ".tv-matrix-table")])
def test_at_a_phones_width_a_wide_table_keeps_its_labels_in_view(new_page, corpus_url, path, box):
    new_page.watch.origins.add(origin_of(corpus_url))
    page = new_page(viewport=PHONE)
    page.goto(corpus_url + path)
    where = page.locator(box).first.evaluate(LABELS_JS)
    assert where["scrolls"], "the table must be wider than the phone for this to say anything"
    assert abs(where["headTop"] - where["frameTop"]) <= 2, where
    assert abs(where["firstLeft"] - where["frameLeft"]) <= 2, where
    assert "gradient" in where["shadow"], "a shadow shows the table scrolls"
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
