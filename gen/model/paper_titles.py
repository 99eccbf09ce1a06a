"""Paper titles as the planners quote them in their reasoning.

A trajectory names its paper by a file-style name: a title with underscores
(``Align_VL__Can_Being_Modest_Help_in_the_Alignment_of_Vision_Language_Models_``)
or a repository-style id (``dit``, ``graphmae``, ``curriculum_learning``). The
planners were given the title and many quote it. A quote counts as a title when
it looks like one (title case, at least three words), and is chosen:

- for an id (lower case, with or without hyphens or underscores), when at least
  two plans quote it, spelled alike but for case, spacing and punctuation; or
  when one plan does and the quote opens with the id as a whole word
  (``graphmae``: "GraphMAE: Self-Supervised Masked Graph Autoencoders"), which an
  id of four letters or fewer (``pie``, ``apt``) is too short to prove;
- for a name that reads as a title, when at least two plans quote a title equal
  to it but for case, spacing and punctuation, which the file name lost
  ("Align-VL: … Vision-Language Models?").

Of the spellings of one title, the one most plans use is shown.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from gen.reading.names import is_paper_id

# A quote on one line, in straight or curly double quotes. A straight quote
# opens only where no word precedes it and closes only where none follows, so
# that the closing quote of one quote does not open another.
QUOTE = re.compile(r'(?<!\w)"([^"\n]{8,300})"(?!\w)|“([^”\n]{8,300})”')
TRAILING = re.compile(r"(?:\s*\([A-Z][A-Za-z0-9-]*\)|[\s.,;:])+$")  # ``.``, ``,`` and an acronym like `` (MAC)``
LEADING_MARKS = "([{'‘-"
SMALL_WORDS = frozenset(
    "a an and are as at be but by for from in into is it its nor of on or over per than the to up via vs with without".split()
)
NOT_ALPHANUMERIC = re.compile(r"[\W_]+")
MIN_WORDS = 3
MIN_CAPITALISED = 0.7  # of the words that are not small words
MIN_AGREEING_PLANS = 2
MIN_SELF_NAMING_ID = 5  # letters and digits of an id that one quote opening with it proves

AGREED, NAMES_THE_ID, RESPELLED_NAME = "agreed", "names the id", "respelled name"


@dataclass(frozen=True)
class QuotedTitle:
    title: str  # the spelling most of the quoting plans use
    plans: int  # how many plans (trajectories) quote it
    of: int  # how many plans the paper has
    rule: str = AGREED  # why it is the title: AGREED, NAMES_THE_ID or RESPELLED_NAME

    @property
    def source(self) -> str:
        """Where the title comes from, in words, for the paper's byline and papers.yml drafts."""
        quoted = f"quoted by {self.plans} of {self.of} plans' reasoning"
        if self.rule == NAMES_THE_ID:
            return f"{quoted}, opening with the paper's id"
        if self.rule == RESPELLED_NAME:
            return f"the trajectory name, spelled as {self.plans} of {self.of} plans' reasoning quote it"
        return quoted


def comparable(text: str) -> str:
    """A title without case, spacing and punctuation: what two spellings of it share."""
    return NOT_ALPHANUMERIC.sub("", text).casefold()


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
    """The title-like quotes of one reasoning, by their comparable form, each as first spelled."""
    quotes: dict[str, str] = {}
    for match in QUOTE.finditer(reasoning):
        text = " ".join(TRAILING.sub("", match.group(1) or match.group(2)).split())
        if text.isprintable() and _is_title_like(text):
            quotes.setdefault(comparable(text), text)
    return quotes


def _opens_with(title: str, paper_id: str) -> bool:
    """Whether the title's first word or words are the id, case and punctuation aside (``GraphMAE:``)."""
    wanted = comparable(paper_id)
    read = ""
    for character in title:
        if read == wanted:
            return not character.isalnum()
        if character.isalnum():
            read += character.casefold()
            if not wanted.startswith(read):
                return False
    return read == wanted


def quoted_title_candidates(paper_name: str, reasonings: Sequence[str | None]) -> list[QuotedTitle]:
    """The titles the reasonings quote that could be the paper's, quoted by the most plans first, then longest:
    for an id every title-like quote, for a name the quotes equal to it but for case, spacing and punctuation."""
    spellings: dict[str, Counter[str]] = {}
    for reasoning in reasonings:
        for key, spelling in _title_quotes(reasoning or "").items():
            spellings.setdefault(key, Counter())[spelling] += 1
    named_id = is_paper_id(paper_name)
    if not named_id:
        name = comparable(paper_name)
        spellings = {key: used for key, used in spellings.items() if key == name}
    candidates = [
        QuotedTitle(used.most_common(1)[0][0], used.total(), len(reasonings), _rule(paper_name, named_id, used))
        for used in spellings.values()
    ]
    return sorted(candidates, key=lambda candidate: (-candidate.plans, -len(candidate.title)))


def _rule(paper_name: str, named_id: bool, used: Counter[str]) -> str:
    if not named_id:
        return RESPELLED_NAME
    if used.total() < MIN_AGREEING_PLANS and len(comparable(paper_name)) >= MIN_SELF_NAMING_ID:
        if any(_opens_with(spelling, paper_name) for spelling in used):
            return NAMES_THE_ID
    return AGREED


def chosen_title(candidates: Sequence[QuotedTitle]) -> QuotedTitle | None:
    """The first of ``quoted_title_candidates`` that enough plans quote: two, or one that names the id."""
    return next(
        (candidate for candidate in candidates if candidate.plans >= MIN_AGREEING_PLANS or candidate.rule == NAMES_THE_ID),
        None,
    )


def quoted_title(paper_name: str, reasonings: Sequence[str | None]) -> QuotedTitle | None:
    """The paper's title as its plans quote it, or None when they do not settle it."""
    return chosen_title(quoted_title_candidates(paper_name, reasonings))
