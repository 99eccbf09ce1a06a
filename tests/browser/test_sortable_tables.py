"""Tables sort by a click on a column header; the paper-by-model matrix is left as built."""

from __future__ import annotations


def column(page, index: int) -> list[str]:
    return page.eval_on_selector_all(
        ".tv-table:not(.tv-matrix-table) tbody tr", f"rows => rows.map(r => r.cells[{index}].textContent.trim())"
    )


def test_planners_table_sorts_by_number_largest_first_then_both_ways(page, site_url):
    """The Remove column, a count beside its share ("1 (50%)"), is built in neither order and sorts by the count."""
    page.goto(site_url + "planners/")
    built = [int(value.split()[0]) for value in column(page, 6)]
    assert built not in (sorted(built), sorted(built, reverse=True)), "the table is built in this order: the click would prove nothing"
    header = page.locator(".tv-table thead th", has_text="Remove").first
    header.locator("button").click()
    assert [int(value.split()[0]) for value in column(page, 6)] == sorted(built, reverse=True)
    assert header.get_attribute("aria-sort") == "descending"
    header.locator("button").click()
    assert [int(value.split()[0]) for value in column(page, 6)] == sorted(built)
    assert header.get_attribute("aria-sort") == "ascending"


def test_planners_table_sorts_by_text_both_ways(page, site_url):
    """The table is built in name order, so the second click (descending) is the one that proves sorting."""
    page.goto(site_url + "planners/")
    built = column(page, 0)
    button = page.locator(".tv-table thead th button").first
    button.click()
    assert column(page, 0) == sorted(built, key=str.lower)
    button.click()
    descending = sorted(built, key=str.lower, reverse=True)
    assert len(built) > 1 and built != descending
    assert column(page, 0) == descending


def test_matrix_headers_stay_links(page, site_url):
    page.goto(site_url + "papers/")
    assert page.locator(".tv-matrix-table thead button").count() == 0
    assert page.locator(".tv-matrix-table thead a").count() > 0
