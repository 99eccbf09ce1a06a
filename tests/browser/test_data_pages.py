"""The explorer, statistics and downloads pages and the agreement section, on both sites: they work, are
accessible in both schemes, and fit a phone."""

from __future__ import annotations

import pytest

from tests.browser.test_explorer import choose, match_count, open_explorer, option_values, rows, seed_ablation_count

ALIGN_VL = "Align_VL__Can_Being_Modest_Help_in_the_Alignment_of_Vision_Language_Models_"
PAGES = {
    "explorer": "explorer/",
    "statistics": "statistics/",
    "downloads": "downloads/",
    "planner": "planners/lm-planner/claude-35-sonnet/",
    "paper": f"papers/{ALIGN_VL}/",
}
SCHEMES = {"dark": "slate", "light": "default"}
PHONE = {"viewport": {"width": 360, "height": 740}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}


def open_page(page, site_url: str, name: str) -> None:
    page.goto(site_url + PAGES[name])
    if name == "explorer":
        page.wait_for_selector("#tv-explorer[data-state=ready]")


def test_the_explorer_lists_every_ablation_and_filters_them(page, site_url, site_dir):
    """Every filter is tested on the MkDocs site (test_explorer.py), whose explorer script and data are these."""
    open_explorer(page, site_url)
    everything = rows(page)
    assert len(everything) == match_count(page) == seed_ablation_count(site_dir)
    [(value, label), *_] = option_values(page, "model")
    choose(page, "model", value)
    shown = rows(page)
    assert shown and shown == [row for row in everything if label.startswith(row["model"] + " (")]


def test_every_download_is_linked_and_answers_with_its_file(page, site_url, site_dir):
    open_page(page, site_url, "downloads")
    links = set(page.locator("article a").evaluate_all("links => links.map(link => link.href)"))
    files = {path.name: path for path in (site_dir / "downloads").iterdir() if path.suffix in (".jsonl", ".csv")}
    assert {site_url + "downloads/" + name for name in files} <= links
    for name, path in files.items():
        response = page.request.get(site_url + "downloads/" + name)
        assert response.ok and response.body() == path.read_bytes(), name


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", list(PAGES))
def test_axe_finds_no_serious_or_critical_violations(new_page, site_url, name, scheme):
    from axe_playwright_python.sync_playwright import Axe

    page = new_page(color_scheme=scheme)
    open_page(page, site_url, name)
    page.wait_for_function(f"document.body.dataset.mdColorScheme === '{SCHEMES[scheme]}'")
    violations = Axe().run(page).response["violations"]
    serious = [f"{v['id']} ({v['impact']}): {v['help']}: {[node['target'] for node in v['nodes'][:5]]}"
               for v in violations if v["impact"] in ("serious", "critical")]
    assert serious == [], "\n".join(serious)


def test_a_link_in_a_table_cell_with_a_note_is_underlined(page, site_url):
    """A link amid text must not be told apart by colour alone (Lighthouse's link-in-text-block; axe only
    asks for a review of it): the system page's "No task" row links its trajectories beside a note."""
    open_page(page, site_url, "planner")
    cells = page.locator("article td:has(> small):has(> a)")
    assert cells.count() > 0
    lines = cells.locator("> a").evaluate_all("links => links.map(link => getComputedStyle(link).textDecorationLine)")
    assert lines and all("underline" in line for line in lines), lines


@pytest.mark.parametrize("name", list(PAGES))
def test_a_phone_sized_viewport_has_no_horizontal_overflow(new_page, site_url, name):
    page = new_page(**PHONE)
    open_page(page, site_url, name)
    scroll_width, client_width = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert scroll_width <= client_width


def test_the_charts_take_their_colours_from_the_scheme(new_page, site_url):
    """A bar is filled from the theme's variables: its colour changes with the scheme, and is never black."""
    fills = {}
    for scheme in SCHEMES:
        page = new_page(color_scheme=scheme)
        open_page(page, site_url, "statistics")
        page.wait_for_function(f"document.body.dataset.mdColorScheme === '{SCHEMES[scheme]}'")
        bar = page.locator("#all-per-plan rect.tv-chart__bar").first
        text = page.locator("#all-per-plan th").first
        fills[scheme] = (bar.evaluate("e => getComputedStyle(e).fill"), text.evaluate("e => getComputedStyle(e).color"))
    assert fills["light"][0] != fills["dark"][0] and fills["light"][1] != fills["dark"][1]
    assert "rgb(0, 0, 0)" not in (fills["light"][0], fills["dark"][0], fills["dark"][1])


CHART_TEXT_JS = """() => Array.from(document.querySelectorAll('figure.tv-chart')).flatMap(figure =>
    Array.from(figure.querySelectorAll('figcaption, th, td, li')).filter(e => e.textContent.trim()).map(e => ({
        text: e.textContent.trim().slice(0, 40),
        size: parseFloat(getComputedStyle(e).fontSize),
        cut: e.scrollWidth > e.clientWidth + 1,
        right: figure.getBoundingClientRect().right,
    })))"""


@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 900}, {"width": 390, "height": 844}], ids=["desktop", "phone"])
@pytest.mark.parametrize("name", ["statistics", "planner"])
def test_chart_text_is_at_least_12px_uncut_and_no_chart_is_wider_than_the_screen(new_page, site_url, name, viewport):
    page = new_page(viewport=viewport)
    open_page(page, site_url, name)
    texts = page.evaluate(CHART_TEXT_JS)
    assert texts, "no chart text found"
    assert [t["text"] for t in texts if t["size"] < 12] == []
    assert [t["text"] for t in texts if t["cut"]] == []
    assert max(t["right"] for t in texts) <= viewport["width"]
