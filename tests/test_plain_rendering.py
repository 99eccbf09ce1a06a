"""The fast renderer for text without raw HTML, math, links or strikethrough agrees with the full one."""

from __future__ import annotations

from pathlib import Path

import pytest

from gen.corpus import load_corpus
from gen.rendering import NEEDS_OWN_RULES, _markdown, _render_plain, render_markdown, sanitize
from tests.conftest import CORPUS, PROJECT, needs_corpus


def _texts(trajectories: Path) -> list[str]:
    """Every piece of Markdown the site renders as a block: reasoning, plan preambles, extra fields."""
    texts = []
    for trajectory in load_corpus(trajectories).trajectories:
        texts.append(trajectory.reasoning or "")
        if trajectory.plan is not None:
            texts.append(trajectory.plan.preamble)
            texts += [value for ablation in trajectory.plan.ablations for _, value in ablation.other_fields]
    return [text for text in texts if text]


def _disagreements(texts: list[str]) -> list[str]:
    plain = [text for text in texts if not NEEDS_OWN_RULES.search(text)]
    assert plain, "no text took the fast path, so nothing was compared"
    return [text[:80] for text in plain if _render_plain(text) != _markdown().render(text)]


def test_both_renderers_agree_on_the_seeds():
    assert _disagreements(_texts(PROJECT / "trajectories")) == []


@needs_corpus
def test_both_renderers_agree_on_every_plain_text_of_the_corpus():
    texts = _texts(CORPUS)
    assert _disagreements(texts) == []
    assert sum(not NEEDS_OWN_RULES.search(text) for text in texts) > len(texts) * 0.9, "most text should take the fast path"


@pytest.mark.parametrize("text, shown", [
    ("# Plan\n\nText", "<h4>Plan</h4>"),
    ("###### Deep", "<h6>Deep</h6>"),
    ("1. first\n2. second", "<ol>"),
    ("| a | b |\n| - | - |\n| 1 | 2 |", "<table>"),
])
def test_plain_text_renders_with_headings_under_the_page_headings(text, shown):
    assert not NEEDS_OWN_RULES.search(text)
    assert shown in render_markdown(text)


@pytest.mark.parametrize("text, shown", [
    ("cost $x^2$ here", "<math"),
    ("token <CLS> stays", "&lt;CLS&gt;"),
    ("a <sub>2</sub> b", "<sub>2</sub>"),
    ("[link](relative/page)", "[link](relative/page)"),
    ("~~struck~~ and ~1 approx", "<s>struck</s>"),
])
def test_text_for_the_own_rules_takes_the_full_renderer(text, shown):
    assert NEEDS_OWN_RULES.search(text)
    assert shown in render_markdown(text)


@pytest.mark.parametrize("space", ["\u00a0", "\u2003", "\u3000"])
def test_text_with_unicode_spaces_renders_as_the_full_renderer_renders_it(space):
    """The two renderers treat such spaces at a paragraph's ends differently; one rule for all text."""
    for text in (f"Ends in a space{space}", f"{space}  \nafter a hard break"):
        assert render_markdown(text) == sanitize(_markdown().render(text))
        assert render_markdown(text) != sanitize(_render_plain(text)), "the renderers agree here: the case tests nothing"
