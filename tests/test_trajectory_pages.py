"""Trajectory pages built by a real MkDocs build: URLs, fidelity, themed admonitions."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from gen.reading.names import model_slug
from tests.conftest import CORPUS, PROJECT, needs_corpus
from tests.site_pages import article_text, original_text, plan_fields, soup_of, visible

SEED_FILES = sorted((PROJECT / "trajectories").rglob("*.md"))


def identity_of(text: str) -> tuple[str, str, str]:
    planner, model, paper = re.search(r"^# (.+)$", text, re.M)[1].split("/")
    return planner, model, paper


def page_for(site: Path, text: str) -> Path:
    planner, model, paper = identity_of(text)
    return site / "trajectories" / planner / model_slug(model) / paper / "index.html"


@pytest.mark.parametrize("seed", SEED_FILES, ids=lambda p: p.stem[:40])
def test_every_plan_field_of_each_seed_is_on_its_page(seed_site, seed):
    text = original_text(seed)
    page_text = article_text(page_for(seed_site, text))
    missing = [field for field in plan_fields(text) if visible(field) not in page_text]
    assert missing == []


def test_the_url_follows_the_published_pattern(seed_site):
    page = seed_site / "trajectories/lm-planner/claude-35-sonnet/Align_VL__Can_Being_Modest_Help_in_the_Alignment_of_Vision_Language_Models_/index.html"
    assert page.is_file()
    title = soup_of(page).select_one("article h1").get_text(" ", strip=True)
    assert title == "Align VL: Can Being Modest Help in the Alignment of Vision Language Models"
    assert "Claude 3.5 Sonnet" in article_text(page)


def test_a_paragraph_followed_by_a_list_renders_as_a_list(seed_site):
    page = seed_site / "trajectories/lm-planner/claude-35-sonnet/Align_VL__Can_Being_Modest_Help_in_the_Alignment_of_Vision_Language_Models_/index.html"
    items = [li.get_text(" ", strip=True) for li in soup_of(page).select("article details.reasoning li")]
    assert any(item.startswith("Random Perturbation (RP)") for item in items)
    assert any(item.startswith("Embedding Smoothing (ES)") for item in items)


def test_replacements_are_list_items_and_fields_verbatim(seed_site):
    page = seed_site / "trajectories/lm-planner/claude-35-sonnet/Align_VL__Can_Being_Modest_Help_in_the_Alignment_of_Vision_Language_Models_/index.html"
    soup = soup_of(page)
    replacements = [li.get_text(strip=True) for li in soup.select("article .tv-ablation ul.tv-replacements li")]
    assert "0.001" in replacements
    assert "text->image R@1" in [li.get_text(strip=True) for li in soup.select("article .tv-ablation ul.tv-chips li")]
    assert "→" not in soup.select_one("article .admonition.plan").get_text()


@pytest.mark.parametrize("seed", SEED_FILES, ids=lambda p: p.stem[:40])
def test_pages_are_themed_and_carry_no_inline_style(seed_site, seed):
    soup = soup_of(page_for(seed_site, original_text(seed)))
    article = soup.select_one("article")
    assert article.select("[style]") == []
    assert article.select_one("details.reasoning") is not None
    assert article.select_one(".admonition.plan") is not None
    assert all(h3.get("id") for h3 in article.select(".tv-ablation h2"))
    assert all(badge.get_text() in {"REPLACE", "REMOVE", "ADD"} for badge in article.select(".tv-action"))


def test_no_mojibake_reaches_any_page(seed_site):
    for page in seed_site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert not any(bad in text for bad in ("ðŸ", "Ã", "Ïƒ", "Î±", "‚Äê")), page


@needs_corpus
def test_every_plan_field_of_the_corpus_is_on_its_page(corpus_site):
    missing = []
    for path in sorted(CORPUS.rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        page_text = article_text(page_for(corpus_site, text))
        missing += [f"{path.name}: {field}" for field in plan_fields(text) if visible(field) not in page_text]
    assert missing == []


@needs_corpus
def test_no_inline_style_from_any_trajectory_reaches_the_corpus_site(corpus_site):
    styled = [str(p) for p in (corpus_site / "trajectories").rglob("index.html") if 'style="' in soup_of(p).select_one("article").decode()]
    assert styled == []
