"""The compare page on the corpus with a second planner: its figures against the paper pages' own groups,
its address, both orders of a pair, its sort, and a phone's width."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from tests.browser.conftest import MKDOCS_SITE_ONLY, SUB_PATH, origin_of, serve
from tests.conftest import SECOND_PLANNER
from tests.test_system_overlap import expected_overlaps, read_paper_page

pytestmark = MKDOCS_SITE_ONLY
PHONE = {"width": 390, "height": 844}
A, B = "lm-planner/gpt-4o", f"{SECOND_PLANNER}/gpt-4o"
SUMMARY_JS = """() => Array.from(document.querySelectorAll('.tv-compare__summary tbody tr'),
    tr => Array.from(tr.cells, cell => cell.textContent))"""
PAPERS_JS = """() => Array.from(document.querySelectorAll('.tv-compare__papers tbody tr'), tr => ({
    href: tr.cells[0].querySelector('a').href,
    figures: Array.from(tr.cells).slice(1).map(cell => parseInt(cell.querySelector('summary')?.textContent ?? cell.textContent)),
    lone: Array.from(tr.querySelectorAll('td:nth-child(6) li a'), a => a.href),
}))"""


@pytest.fixture(scope="module")
def compare_url(playwright_api, two_planner_site, tmp_path_factory):
    """The two-planner site served from the sub-path, as GitHub Pages serves it."""
    root = tmp_path_factory.mktemp("compare-root")
    (root / SUB_PATH.strip("/")).symlink_to(two_planner_site, target_is_directory=True)
    yield from serve(root)


@pytest.fixture(scope="module")
def facts(two_planner_site):
    return {paper.slug: paper for paper in map(read_paper_page, sorted((two_planner_site / "papers").glob("*/index.html")))}


def open_compare(page, base: str, query: str) -> None:
    page.goto(base + "compare/" + query)
    page.wait_for_selector("#tv-compare[data-state=ready]")


def every_paper_row(page) -> list[dict]:
    more = page.locator('#tv-compare [data-compare="more"]')
    while more.is_visible():
        more.click()
    return page.evaluate(PAPERS_JS)


def expected_rows(facts, a: str, b: str) -> dict[str, list[int]]:
    """Per paper both planned: A's and B's ablations, those with a counterpart, those alone."""
    rows = {}
    for slug, paper in facts.items():
        if a in paper.ablations and b in paper.ablations:
            matched = {side: {n for group in paper.groups if any(s == other for s, _ in group) for s, n in group if s == side}
                       for side, other in ((a, b), (b, a))}
            counts = [paper.ablations[a], paper.ablations[b], len(matched[a]), len(matched[b])]
            rows[slug] = [*counts, counts[0] - counts[2], counts[1] - counts[3]]
    return rows


def test_the_figures_are_those_of_the_paper_pages(new_page, compare_url, facts):
    new_page.watch.origins.add(origin_of(compare_url))
    page = new_page()
    open_compare(page, compare_url, f"?a={A}&b={B}")
    expected = expected_rows(facts, A, B)
    assert len(expected) > 1
    shown = every_paper_row(page)
    assert {row["href"].rsplit("/papers/", 1)[1].strip("/"): row["figures"] for row in shown} == expected
    overlaps = expected_overlaps(list(facts.values()))
    summary = page.evaluate(SUMMARY_JS)
    by_scope = {row[0]: row[1:] for row in summary}
    for scope, label in [("all", "All tasks"), *((task, task or "No task") for task in {p.task for p in facts.values()} if task)]:
        if (A, B) not in overlaps.get(scope, {}):
            assert label not in by_scope
            continue
        matched_a, ablations_a, papers = overlaps[scope][A, B]
        matched_b, ablations_b, _ = overlaps[scope][B, A]
        figures = [int(cell.split(" ")[0].replace(",", "")) for cell in by_scope[label]]
        assert figures == [papers, ablations_a, ablations_b, matched_a, matched_b, ablations_a - matched_a, ablations_b - matched_b], label


def test_the_address_keeps_the_pair_and_both_orders_mirror(new_page, compare_url):
    new_page.watch.origins.add(origin_of(compare_url))
    page = new_page()
    open_compare(page, compare_url, f"?a={A}&b={B}")
    forward = every_paper_row(page)
    page.locator('#tv-compare [data-compare="swap"]').click()
    query = parse_qs(urlsplit(page.url).query)
    assert query == {"a": [B], "b": [A]} and f"a={B}&b={A}" in page.url
    backward = every_paper_row(page)
    assert {r["href"]: r["figures"] for r in backward} == {
        r["href"]: [f[1], f[0], f[3], f[2], f[5], f[4]] for r in forward for f in [r["figures"]]}
    page.reload()
    page.wait_for_selector("#tv-compare[data-state=ready]")
    assert page.locator('[name="a"]').input_value() == B and page.locator('[name="b"]').input_value() == A
    page.locator('[name="b"]').select_option("lm-planner/o3-mini")
    assert parse_qs(urlsplit(page.url).query) == {"a": [B], "b": ["lm-planner/o3-mini"]}


def test_a_number_column_sorts_most_first_and_lone_ablations_link_their_headings(new_page, compare_url, facts):
    new_page.watch.origins.add(origin_of(compare_url))
    page = new_page()
    open_compare(page, compare_url, f"?a={A}&b=lm-planner/o3-mini")
    before = [row["figures"][4] for row in every_paper_row(page)]
    assert before != sorted(before, reverse=True), "in title order the rows must not be sorted by A alone already"
    page.locator('.tv-compare__papers th[data-sort="aAlone"] button').click()
    after = every_paper_row(page)
    assert [row["figures"][4] for row in after] == sorted(before, reverse=True)
    assert page.locator('.tv-compare__papers th[data-sort="aAlone"]').get_attribute("aria-sort") == "descending"
    row = after[0]
    slug = row["href"].rsplit("/papers/", 1)[1].strip("/")
    assert len(row["lone"]) == row["figures"][4] > 0
    grouped = {n for group in facts[slug].groups for s, n in group if s == A and any(o == "lm-planner/o3-mini" for o, _ in group)}
    lone = {int(href.rsplit("#ablation-", 1)[1]) for href in row["lone"]}
    assert lone == set(range(1, facts[slug].ablations[A] + 1)) - grouped
    assert all(f"/trajectories/{A}/{slug}/#ablation-" in href for href in row["lone"])


def test_on_a_phone_papers_read_as_cards_and_nothing_overflows(new_page, compare_url):
    new_page.watch.origins.add(origin_of(compare_url))
    page = new_page(viewport=PHONE)
    open_compare(page, compare_url, f"?a={A}&b={B}")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    cell = page.locator(".tv-compare__papers tbody tr").first.locator("td").nth(1)
    assert cell.evaluate("td => getComputedStyle(td).display") == "flex"
    assert cell.evaluate("td => getComputedStyle(td, '::before').content") == '"A\'s ablations:"'


def test_a_system_page_links_the_comparison_with_each_other_system(new_page, compare_url, two_planner_site):
    systems = sorted(f"{path.parent.name}/{path.name}" for path in (two_planner_site / "planners").glob("*/*") if path.is_dir())
    new_page.watch.origins.add(origin_of(compare_url))
    page = new_page()
    page.goto(compare_url + f"planners/{A}/")
    links = page.locator("article p.tv-byline", has_text="Compare with").locator("a")
    pairs = [parse_qs(urlsplit(href).query) for href in links.evaluate_all("links => links.map(a => a.href)")]
    assert sorted(pair["b"][0] for pair in pairs) == [s for s in systems if s != A]
    assert all(pair["a"] == [A] for pair in pairs)
    links.first.click()
    page.wait_for_selector("#tv-compare[data-state=ready]")
    assert page.locator('[name="a"]').input_value() == A
    assert page.locator('[name="b"]').input_value() == pairs[0]["b"][0]


# The lowest contrast of a shaded cell's text with its background, colours as painted: the page's
# background, then the cell's, then the text's, each over the one before (WCAG 2 relative luminance).
CONTRAST_JS = """() => {
    const canvas = Object.assign(document.createElement('canvas'), {width: 1, height: 1});
    const paint = canvas.getContext('2d', {willReadFrequently: true});
    const page = getComputedStyle(document.body).backgroundColor;
    const painted = (...colours) => {
        paint.clearRect(0, 0, 1, 1);
        for (const colour of ['#fff', page, ...colours]) { paint.fillStyle = colour; paint.fillRect(0, 0, 1, 1); }
        return Array.from(paint.getImageData(0, 0, 1, 1).data.slice(0, 3));
    };
    const luminance = rgb => rgb.map(v => v / 255).map(v => v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4)
        .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
    let lowest = Infinity;
    for (const cell of document.querySelectorAll('.tv-overlap td[class^="tv-shade-"]')) {
        const background = getComputedStyle(cell).backgroundColor;
        for (const part of cell.querySelectorAll('span')) {
            const [a, b] = [luminance(painted(background)), luminance(painted(background, getComputedStyle(part).color))];
            lowest = Math.min(lowest, (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05));
        }
    }
    return [lowest, document.querySelectorAll('.tv-overlap td.tv-shade-10').length];
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_shaded_cells_keep_their_text_contrast(new_page, compare_url, scheme):
    new_page.watch.origins.add(origin_of(compare_url))
    page = new_page(color_scheme=scheme)
    page.goto(compare_url + "statistics/")
    page.wait_for_function(f"document.body.dataset.mdColorScheme === '{'slate' if scheme == 'dark' else 'default'}'")
    lowest, darkest = page.evaluate(CONTRAST_JS)
    assert darkest > 0, "the table's highest share is shaded darkest"
    assert lowest >= 4.5, lowest
