"""How search text becomes terms, and which shard holds a term.

This is a contract with ``docs/javascripts/search-worker.js``, which must cut a
query into the same terms and look for them in the same shards:

- a term is a run of letters and digits (Unicode categories L and N) of the
  NFC-normalised, lowercased text; everything else separates terms;
- a page that a title names (a paper's page) also has its title key: ``>``
  and the title's first ``TITLE_KEY_TERMS`` terms, joined by spaces (no term
  holds either character); a query whose first terms make that key puts the
  page first;
- a hyphenated word of two parts (``warm-up``) also counts as its parts joined
  (``warmup``), and marks the pair as a compound with a term of its own, ``-``
  before each part (``-warm-up``): a query's two adjacent terms then also match
  the word joined, and a query's word also matches its two parts, which for a
  pair no text hyphenates (``in to``, ``into``) they do not;
- a term's shard is the 32-bit FNV-1a hash of its first ``PREFIX_LENGTH`` code
  points, modulo the shard count, so every term that starts with the same
  ``PREFIX_LENGTH`` characters sits in one shard and a prefix query reads one
  shard only.

Python's ``str.isalnum`` is exactly JavaScript's ``[\\p{L}\\p{N}]`` (checked over
every code point); only characters newer than Python's Unicode tables could
be split differently.
"""

from __future__ import annotations

import re
import unicodedata

PREFIX_LENGTH = 3
TITLE_KEY_MARK = ">"
COMPOUND_MARK = "-"
TITLE_KEY_TERMS = 5

_ASCII_BYTES = bytes(range(0x80))
# Lowercases ASCII letters, keeps digits and the bytes of non-ASCII characters,
# and turns every other byte into a space.
_ASCII_SEPARATORS = bytes(
    byte if byte >= 0x80 or chr(byte).isdigit() else (byte | 0x20) if chr(byte).isalpha() else 0x20
    for byte in range(256)
)
_FNV_OFFSET = 0x811C9DC5
_FNV_PRIME = 0x01000193


def normalized(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def terms(text: str) -> list[str]:
    """The text's terms, in order, repeats included.

    ``bytes.translate`` and ``split`` do the work, several times faster than a
    Unicode regular expression: non-ASCII characters that are not letters or
    digits (rare: dashes, quotes, arrows) are first replaced by spaces, then
    every ASCII byte that is not a letter or digit becomes a space.
    """
    if not text.isascii():
        text = normalized(text).lower()
    data = text.encode("utf-8")
    for character in set(data.translate(None, _ASCII_BYTES).decode("utf-8")):
        if not character.isalnum():
            data = data.replace(character.encode("utf-8"), b" ")
    return data.translate(_ASCII_SEPARATORS).decode("utf-8").split()


# A word of two parts joined by one hyphen, not part of a longer hyphenated word.
HYPHENATED = re.compile(r"(?<![\w-])([^\W_]+)-([^\W_]+)(?![\w-])")


def compounds(text: str) -> list[tuple[str, str]]:
    """The two terms of each two-part hyphenated word of the text, in order, repeats included: ``(warm, up)``."""
    if "-" not in text:
        return []
    pairs = []
    for first, second in HYPHENATED.findall(text):
        parts = terms(first) + terms(second)
        if len(parts) == 2:
            pairs.append((parts[0], parts[1]))
    return pairs


def compound_terms(first: str, second: str) -> tuple[str, str]:
    """The joined word (``warmup``) and the compound's mark (``-warm-up``) of a hyphenated word's terms."""
    return first + second, f"{COMPOUND_MARK}{first}{COMPOUND_MARK}{second}"


def title_key(title: str) -> str:
    """The term a query made of the title, or of its first ``TITLE_KEY_TERMS`` words, looks up."""
    return TITLE_KEY_MARK + " ".join(terms(title)[:TITLE_KEY_TERMS])


def fnv1a(text: str) -> int:
    """32-bit FNV-1a over the text's code points (JavaScript: ``Math.imul`` and ``>>> 0``)."""
    value = _FNV_OFFSET
    for character in text:
        value = ((value ^ ord(character)) * _FNV_PRIME) & 0xFFFFFFFF
    return value


def shard_number(term: str, shard_count: int) -> int:
    return fnv1a(term[:PREFIX_LENGTH]) % shard_count
