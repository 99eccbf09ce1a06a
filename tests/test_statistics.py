"""Statistics: SVG charts drawn at build time, on the site-wide page and on each planner's page."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from bs4 import BeautifulSoup

from gen.charts import Bar, bar_chart, stacked_bar_chart
from gen.plan_statistics import metric_counts
from tests.conftest import CORPUS, needs_corpus
from tests.site_pages import soup_of

CHART_TITLES = ["Ablations per plan", "Action mix", "15 most used metrics", "Replacements per ablation"]


def svg_of(markup: str):
    return BeautifulSoup(markup, "html.parser").select_one("svg")


def bar_lengths(svg) -> list[float]:
    return [float(rect["width"]) for rect in svg.select("g.tv-chart__row rect")]


def described_values(svg) -> dict[str, int]:
    """The ``label: value`` pairs the chart's description lists, which is what a screen reader reads."""
    listed = svg.select_one("desc").get_text().split(": ", 1)[1].removesuffix(".")
    pairs = [item.rpartition(": ") for item in listed.split("; ")]
    return {label: int(value.split()[0].replace(",", "")) for label, _, value in pairs}


def test_a_bar_chart_is_an_accessible_image_with_a_bar_and_label_per_value():
    svg = svg_of(bar_chart("c", "Plans", [Bar("two", 40), Bar("five", 10), Bar("none", 0)], "plans"))
    assert svg["role"] == "img"
    assert svg["aria-labelledby"] == "c-title c-desc"
    assert svg.select_one("title#c-title").get_text() == "Plans"
    assert described_values(svg) == {"two": 40, "five": 10, "none": 0}
    lengths = bar_lengths(svg)
    assert lengths[0] > 0 and lengths[2] == 0
    assert abs(lengths[1] / lengths[0] - 0.25) < 0.01
    assert [text.get_text() for text in svg.select("text.tv-chart__label")] == ["two", "five", "none"]
    assert [text.get_text() for text in svg.select("text.tv-chart__value")] == ["40", "10", "0"]


def test_charts_carry_no_style_attributes_and_escape_their_labels():
    markup = bar_chart("c", "<b>Title</b>", [Bar("<script>alert(1)</script>", 3, "remove")], "uses", shares=True)
    markup += stacked_bar_chart("s", "Mix", [("<i>model</i>", [Bar("REPLACE", 3, "replace"), Bar("REMOVE", 1, "remove")])], "ablations")
    soup = BeautifulSoup(markup, "html.parser")
    assert soup.select("[style]") == [] and soup.select("script, b, i") == []
    assert "<script>alert(1)</script>" in soup.select_one("text.tv-chart__label").get_text()
    assert soup.select_one("rect.tv-chart__bar--remove") is not None
    assert soup.select_one("text.tv-chart__value").get_text() == "3 (100%)"


def test_a_long_label_is_cut_and_kept_whole_as_a_tooltip():
    label = "Mean average precision at an intersection over union of one half"
    svg = svg_of(bar_chart("c", "Metrics", [Bar(label, 1)], "uses"))
    shown = svg.select_one("text.tv-chart__label")
    assert shown.select_one("title").get_text() == label
    assert shown.get_text().endswith("…") and len(shown.get_text()) < len(label) * 2


def test_a_stacked_bar_splits_the_full_width_by_share():
    svg = svg_of(stacked_bar_chart("s", "Mix", [("a", [Bar("X", 3, "replace"), Bar("Y", 1, "remove")]),
                                                ("b", [Bar("X", 1, "replace"), Bar("Y", 1, "remove")])], "ablations"))
    first, second = [bar_lengths_of_row(row) for row in svg.select("g.tv-chart__row")]
    assert abs(sum(first) - sum(second)) < 0.5
    assert abs(first[0] / sum(first) - 0.75) < 0.01
    assert [text.get_text() for text in svg.select("text.tv-chart__segment-value")] == ["75%", "25%", "50%", "50%"]
    assert "a: X 3 (75%), Y 1 (25%)" in svg.select_one("desc").get_text()


def bar_lengths_of_row(row) -> list[float]:
    return [float(rect["width"]) for rect in row.select("rect")]


def test_metrics_that_differ_only_in_case_or_spacing_count_as_one():
    counted = metric_counts(Counter({"accuracy": 5, "Accuracy": 3, " accuracy  ": 1, "FID": 4, "": 2}))
    assert [(metric.name, metric.count) for metric in counted] == [("accuracy", 9), ("FID", 4)]
    assert metric_counts(Counter({"Top-1  Acc": 1, "top-1 acc": 2}))[0].name == "top-1 acc"


def charts_of(page: Path) -> dict[str, object]:
    return {figure.select_one("figcaption").get_text(): figure.select_one("svg") for figure in soup_of(page).select("article figure.tv-chart")}


def check_statistics_pages(site: Path) -> None:
    page = soup_of(site / "statistics/index.html")
    charts = charts_of(site / "statistics/index.html")
    assert set(CHART_TITLES) | {"Share of each action, by system"} <= set(charts)
    planners = sorted((site / "planners").glob("*/*/index.html"))
    assert planners
    for planner in planners:
        assert set(charts_of(planner)) == set(CHART_TITLES), planner
        assert soup_of(planner).select_one("#statistics") is not None
    for svg in [*charts.values(), *(svg for planner in planners for svg in charts_of(planner).values())]:
        assert svg["role"] == "img" and svg.select_one("title").get_text() and svg.select_one("desc").get_text()
        assert not svg.select("[style]") and "http" not in svg.decode().replace("http://www.w3.org/2000/svg", "")
    linked = {(site / "statistics" / a["href"].split("#")[0] / "index.html").resolve() for a in page.select("#systems + div a")}
    assert linked == {p.resolve() for p in planners}


def test_the_seed_statistics_pages_have_their_charts(seed_site):
    check_statistics_pages(seed_site)


@needs_corpus
def test_the_corpus_statistics_count_every_plan_and_ablation(corpus_site):
    check_statistics_pages(corpus_site)
    charts = charts_of(corpus_site / "statistics/index.html")
    plans = described_values(charts["Ablations per plan"])
    # Counted from the files: ablation headings per plan, then plans by that count.
    per_plan = Counter(text.split("Ablation Plan</h2>", 1)[1].count("\n### ") for text in (f.read_text(encoding="utf-8") for f in CORPUS.rglob("*.md")))
    assert plans == {f"{count} ablation{'s' if count != 1 else ''}": plans for count, plans in per_plan.items()}
    assert sum(described_values(charts["Action mix"]).values()) == 5034
    assert sum(described_values(charts["Replacements per ablation"]).values()) == 5034
    model_folder = CORPUS / "lm-planner" / "gpt-4o"
    gpt = charts_of(corpus_site / "planners/lm-planner/gpt-4o/index.html")
    assert sum(described_values(gpt["Ablations per plan"]).values()) == len(list(model_folder.glob("*.md")))
