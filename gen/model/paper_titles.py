"""Paper titles as the planners quote them in their reasoning.

A paper named by a repository-style id (``dit``, ``owod``) has no title in its
trajectories' identity, but the planners were given the title and many quote
it: ``"Scalable Diffusion Models with Transformers"``. A quote counts as a
title when it looks like one (title case, at least three words), and as the
paper's title when at least two plans quote it, spelled alike but for case.
Names with underscores already read as titles (``gen.reading.names.readable_paper_title``).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

# A quote on one line, in straight or curly double quotes. A straight quote
# opens only where no word precedes it and closes only where none follows, so
# that the closing quote of one quote does not open another.
QUOTE = re.compile(r'(?<!\w)"([^"\n]{8,300})"(?!\w)|“([^”\n]{8,300})”')
TRAILING = re.compile(r"(?:\s*\([A-Z][A-Za-z0-9-]*\)|[\s.,;:])+$")  # ``.``, ``,`` and an acronym like `` (MAC)``
LEADING_MARKS = "([{'‘-"
SMALL_WORDS = frozenset(
    "a an and are as at be but by for from in into is it its nor of on or over per than the to up via vs with without".split()
)
MIN_WORDS = 3
MIN_CAPITALISED = 0.7  # of the words that are not small words
MIN_AGREEING_PLANS = 2


@dataclass(frozen=True)
class QuotedTitle:
    title: str  # the spelling as first quoted
    plans: int  # how many plans (trajectories) quote it
    of: int  # how many plans the paper has


def _is_title_like(text: str) -> bool:
    """Title case: at least three words, and most of those that are not small words capitalised (or numbers)."""
    words = [word.lstrip(LEADING_MARKS) for word in text.split()]
    words = [word for word in words if any(character.isalnum() for character in word)]
    if len(words) < MIN_WORDS:
        return False
    content = [word for word in words if word.lower() not in SMALL_WORDS]
    capitalised = sum(1 for word in content if word[0].isupper() or word[0].isdigit())
    return bool(content) and capitalised >= MIN_CAPITALISED * len(content)


def _title_quotes(reasoning: str) -> dict[str, str]:
    """The title-like quotes of one reasoning, by their case-insensitive form, each as first spelled."""
    quotes: dict[str, str] = {}
    for match in QUOTE.finditer(reasoning):
        text = TRAILING.sub("", match.group(1) or match.group(2)).strip()
        if text.isprintable() and _is_title_like(text):
            quotes.setdefault(" ".join(text.split()).casefold(), text)
    return quotes


def quoted_title_candidates(paper_name: str, reasonings: Sequence[str | None]) -> list[QuotedTitle]:
    """Every title-like quote in the reasonings of a paper named by an id, quoted by the most plans first, then longest."""
    if "_" in paper_name:
        return []
    spellings: dict[str, str] = {}
    plans: Counter[str] = Counter()
    for reasoning in reasonings:
        for key, spelling in _title_quotes(reasoning or "").items():
            spellings.setdefault(key, spelling)
            plans[key] += 1
    candidates = [QuotedTitle(spellings[key], plans[key], len(reasonings)) for key in spellings]
    return sorted(candidates, key=lambda candidate: (-candidate.plans, -len(candidate.title)))


def agreed_title(candidates: Sequence[QuotedTitle]) -> QuotedTitle | None:
    """The first of ``quoted_title_candidates`` when at least two plans quote it."""
    if candidates and candidates[0].plans >= MIN_AGREEING_PLANS:
        return candidates[0]
    return None


def quoted_title(paper_name: str, reasonings: Sequence[str | None]) -> QuotedTitle | None:
    """The title most plans quote, when at least two agree; None for a name that reads as a title already."""
    return agreed_title(quoted_title_candidates(paper_name, reasonings))
