"""The home page explains the site: the benchmark and its sources, the actions, and one plan read step by step;
listing pages name their ranges in whole words."""

from __future__ import annotations

import re

from gen.model.site_model import build_site
from gen.pages.index_pages import home_page
from gen.pages.markup import short_title, title_range
from gen.reading.corpus import Corpus
from tests.plan_data import ablation, trajectory
from tests.site_pages import soup_of


def test_the_home_page_links_the_benchmarks_paper_and_code(seed_site):
    links = {a["href"] for a in soup_of(seed_site / "index.html").select("article a")}
    assert {"https://arxiv.org/abs/2507.08038", "https://github.com/ai-scientist-bench/ablation-bench"} <= links


def test_the_home_page_says_what_each_action_means(seed_site):
    soup = soup_of(seed_site / "index.html")
    terms = [dt.get_text() for dt in soup.select("#reading-a-plan ~ dl dt")]
    assert terms == ["REMOVE", "REPLACE", "ADD"]
    assert all(dd.get_text().strip() for dd in soup.select("#reading-a-plan ~ dl dd"))


def test_the_worked_example_is_a_real_ablation_shown_as_on_its_page(seed_site):
    home = seed_site / "index.html"
    soup = soup_of(home)
    example = soup.select_one("#reading-a-plan ~ .admonition.plan")
    href = soup.select_one("#reading-a-plan ~ p a")["href"]
    path, fragment = href.split("#")
    target = soup_of((home.parent / path / "index.html").resolve())
    section = target.select_one(f'[id="{fragment}"]').find_parent("section")
    assert example.select_one("dl").decode() == section.select_one("dl").decode()


def test_the_worked_example_reads_the_ablation_out_from_its_fields():
    site = build_site(Corpus(trajectories=[trajectory("gpt-4o", "P", ablation("Swap", "the encoder", "REPLACE", ("a CNN", "an MLP"), ("FID",)))]))
    reading = re.search(r"Read it as: <em>(.*?)</em>", home_page(site).body)[1]
    assert reading == "Replace the encoder with each of: a CNN; an MLP; compare FID."


def test_range_labels_end_at_whole_words():
    titles = ["12 Lead ECG Generation via a PDE Based GAN", "Contrastive Consistency Learning for Everything"]
    label = title_range(titles)
    first, last = label.split(" – ")
    for shown, title in ((first, titles[0]), (last, titles[1])):
        kept = shown.removesuffix("…")
        assert title.startswith(kept) and (kept == title or title[len(kept)] == " ")
    assert short_title("Short title") == "Short title"
