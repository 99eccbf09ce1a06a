"""Statistics: charts drawn at build time (tables with SVG bars), on the site-wide page and on each system's page."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from bs4 import BeautifulSoup

from gen.model.plan_statistics import metric_counts
from gen.pages.charts import Bar, bar_chart, stacked_bar_chart
from tests.conftest import CORPUS, needs_corpus
from tests.site_pages import ablation_headings, soup_of

CHART_TITLES = ["Ablations per plan", "Action mix", "15 most used metrics", "Replacements per ablation"]


def chart_of(markup: str):
    return BeautifulSoup(markup, "html.parser").select_one("figure.tv-chart")


def bar_lengths(chart) -> list[float]:
    return [float(rect["width"]) for rect in chart.select("td.tv-bars__bar rect")]


def chart_values(chart) -> dict[str, int]:
    """Each row's label and value, as the table reads to anyone (the value cell's first number)."""
    return {
        row.select_one("th").get_text(): int(row.select_one("td.tv-bars__value").get_text().split()[0].replace(",", ""))
        for row in chart.select("tbody tr")
    }


def test_a_bar_chart_is_a_table_with_a_labelled_row_and_a_bar_per_value():
    chart = chart_of(bar_chart("c", "Plans", [Bar("two", 40), Bar("five", 10), Bar("none", 0)], "plans"))
    assert chart.select_one("figcaption#c-title").get_text() == "Plans"
    assert chart.select_one("table")["aria-labelledby"] == "c-title"
    assert chart_values(chart) == {"two": 40, "five": 10, "none": 0}
    assert [cell.get_text() for cell in chart.select("td.tv-bars__value")] == ["40 plans", "10 plans", "0 plans"]
    lengths = bar_lengths(chart)
    assert lengths[0] == 100 and lengths[2] == 0
    assert abs(lengths[1] / lengths[0] - 0.25) < 0.01
    assert all(svg["aria-hidden"] == "true" for svg in chart.select("svg"))


def test_charts_carry_no_style_attributes_and_escape_their_labels():
    markup = bar_chart("c", "<b>Title</b>", [Bar("<script>alert(1)</script>", 3, "remove")], "uses", shares=True)
    markup += stacked_bar_chart("s", "Mix", [("<i>model</i>", [Bar("REPLACE", 3, "replace"), Bar("REMOVE", 1, "remove")])], "ablations")
    soup = BeautifulSoup(markup, "html.parser")
    assert soup.select("[style]") == [] and soup.select("script, b, i") == []
    assert "<script>alert(1)</script>" in soup.select_one("th").get_text()
    assert soup.select_one("rect.tv-chart__bar--remove") is not None
    assert soup.select_one("td.tv-bars__value").get_text() == "3 (100%) uses"


def test_a_long_label_is_kept_whole_to_wrap():
    label = "Mean average precision at an intersection over union of one half"
    chart = chart_of(bar_chart("c", "Metrics", [Bar(label, 1)], "uses"))
    assert chart.select_one("th").get_text() == label


def test_a_stacked_bar_splits_the_full_width_by_share():
    chart = chart_of(stacked_bar_chart("s", "Mix", [("a", [Bar("X", 3, "replace"), Bar("Y", 1, "remove")]),
                                                    ("b", [Bar("X", 1, "replace"), Bar("Y", 1, "remove")])], "ablations"))
    first, second = [bar_lengths_of_row(row) for row in chart.select("tbody tr")]
    assert abs(sum(first) - sum(second)) < 0.01 and abs(sum(first) - 100) < 0.01
    assert abs(first[0] / sum(first) - 0.75) < 0.01
    assert [row.select_one(".tv-bars__parts").get_text() for row in chart.select("tbody tr")] == [
        "X 3 (75%) · Y 1 (25%) ablations", "X 1 (50%) · Y 1 (50%) ablations",
    ]
    assert [item.get_text() for item in chart.select(".tv-bars__legend li")] == ["X", "Y"]


def bar_lengths_of_row(row) -> list[float]:
    return [float(rect["width"]) for rect in row.select("rect")]


def test_metrics_that_differ_only_in_case_or_spacing_count_as_one():
    counted = metric_counts(Counter({"accuracy": 5, "Accuracy": 3, " accuracy  ": 1, "FID": 4, "": 2}))
    assert [(metric.name, metric.count) for metric in counted] == [("accuracy", 9), ("FID", 4)]
    assert metric_counts(Counter({"Top-1  Acc": 1, "top-1 acc": 2}))[0].name == "top-1 acc"


def charts_of(page: Path) -> dict[str, object]:
    return {figure.select_one("figcaption").get_text(): figure for figure in soup_of(page).select("article figure.tv-chart")}


def check_statistics_pages(site: Path) -> None:
    page = soup_of(site / "statistics/index.html")
    charts = charts_of(site / "statistics/index.html")
    assert set(CHART_TITLES) | {"Each system's ablations by action"} <= set(charts)
    planners = sorted((site / "planners").glob("*/*/index.html"))
    assert planners
    for planner in planners:
        assert set(charts_of(planner)) == set(CHART_TITLES), planner
        assert soup_of(planner).select_one("#statistics") is not None
    for chart in [*charts.values(), *(chart for planner in planners for chart in charts_of(planner).values())]:
        assert chart.select_one("table")["aria-labelledby"] == chart.select_one("figcaption")["id"]
        assert not chart.select("[style]") and "http" not in chart.decode()
    linked = {(site / "statistics" / a["href"].split("#")[0] / "index.html").resolve() for a in page.select_one("#systems").find_next("table").select("a")}
    assert linked == {p.resolve() for p in planners}


def test_the_seed_statistics_pages_have_their_charts(seed_site):
    check_statistics_pages(seed_site)


@needs_corpus
def test_the_corpus_statistics_count_every_plan_and_ablation(corpus_site):
    check_statistics_pages(corpus_site)
    charts = charts_of(corpus_site / "statistics/index.html")
    plans = chart_values(charts["Ablations per plan"])
    # Counted from the files: ablation headings per plan, then plans by that count.
    per_plan = Counter(ablation_headings(path) for path in CORPUS.rglob("*.md"))
    assert plans == {f"{count} ablation{'s' if count != 1 else ''}": plans for count, plans in per_plan.items()}
    assert sum(chart_values(charts["Action mix"]).values()) == 5034
    assert sum(chart_values(charts["Replacements per ablation"]).values()) == 5034
    model_folder = CORPUS / "lm-planner" / "gpt-4o"
    gpt = charts_of(corpus_site / "planners/lm-planner/gpt-4o/index.html")
    assert sum(chart_values(gpt["Ablations per plan"]).values()) == len(list(model_folder.glob("*.md")))


def test_metric_spellings_differing_in_case_hyphens_spaces_or_a_score_suffix_count_as_one():
    counted = metric_counts(Counter({"F1-score": 2, "F1 score": 3, "F1": 4, "f1_score": 1, "Top-1 accuracy": 2, "top 1 Accuracy": 1}))
    assert [(metric.name, metric.count) for metric in counted] == [("F1", 10), ("Top-1 accuracy", 3)]


def test_no_heading_or_chart_title_repeats_on_a_statistics_page(seed_site):
    for page in [seed_site / "statistics/index.html", *sorted((seed_site / "planners").glob("*/*/index.html"))]:
        soup = soup_of(page)
        titles = [element.get_text() for element in soup.select("article h1, article h2, article h3, article figcaption")]
        assert len(titles) == len(set(titles)), page


def comparison_rows(page: Path, heading_id: str) -> dict[str, list[str]]:
    table = soup_of(page).select_one(f"#{heading_id}").find_next("table")
    return {row.select("td")[0].get_text(): [cell.get_text() for cell in row.select("td")[1:]] for row in table.select("tbody tr")}


@needs_corpus
def test_each_system_shows_its_coverage_and_counts_beside_shares(corpus_site):
    papers = {path.stem for path in CORPUS.rglob("*.md")}
    rows = comparison_rows(corpus_site / "statistics/index.html", "systems")
    for folder in (CORPUS / "lm-planner").iterdir():
        planned = len(list(folder.glob("*.md")))
        row = next(cells for label, cells in rows.items() if folder.name.split("-")[0] in label.lower().replace(".", ""))
        assert row[0] == f"{planned:,} ({100 * planned / len(papers):.0f}%)"
        ablations = int(row[1].replace(",", ""))
        for cell in row[3:6]:  # REPLACE, REMOVE, ADD: a count and its share of the system's ablations
            count, share = cell.split(" (")
            assert share == f"{100 * int(count.replace(',', '')) / ablations:.0f}%)"


@needs_corpus
def test_one_comparison_counts_only_the_papers_every_system_planned(corpus_site):
    by_system = {folder.name: {path.stem for path in folder.glob("*.md")} for folder in (CORPUS / "lm-planner").iterdir()}
    common = set.intersection(*by_system.values())
    page = corpus_site / "statistics/index.html"
    assert f"Only the {len(common):,} papers" in soup_of(page).select_one("#common-papers").find_next("p").get_text()
    rows = comparison_rows(page, "common-papers")
    assert len(rows) == len(by_system)
    for cells in rows.values():
        assert cells[0] == f"{len(common):,} (100%)"
    gpt_ablations = sum(ablation_headings(CORPUS / "lm-planner/gpt-4o" / f"{paper}.md") for paper in common)
    assert rows["GPT-4o"][1] == f"{gpt_ablations:,}"
