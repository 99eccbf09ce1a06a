"""The site's search index as static files, read by ``docs/javascripts/search-worker.js``.

Material's own search sends every page's text to the browser and builds a lunr
index there on every page load, which grows with the corpus. This index is
built once, here, and split so that a query fetches only what it needs:

- ``search/index/manifest.json``: the number of documents, of shards and of
  documents per chunk, how many documents each page has, and each shard's
  and chunk's content hash (``shards``, ``documents``), which names its file;
- ``shards/<n>-<hash>.json``: every term whose shard (``gen.data.search_terms``)
  is n, with its postings (see ``_encoded``);
- ``documents/<n>-<hash>.json``: documents ``n * chunk size`` onwards, each
  as ``[location, title, text]``, the text's whitespace collapsed: the worker
  cuts the teaser it shows around the first word that matched.

Documents are numbered page by page, the page's own document first, so the
worker finds a document's page from the page sizes alone and a page's documents
usually share one chunk. A posting is one 32-bit code, ``document <<
WEIGHT_BITS | weight`` (so at most 2**25 documents); the weight is the term's
BM25 frequency in the text plus a bonus when the title has it, scaled to
``WEIGHT_BITS`` bits. The worker multiplies in the term's rarity (BM25 idf),
computed from how many postings the term has.

The shard count grows with the number of postings, so shards keep about the
same size as the corpus grows. Each file is named by a hash of its content: a
browser never pairs a cached manifest with another build's shards, a file that
did not change keeps its name (and its place in caches), and a rebuild after
an edit writes only the files that changed.
"""

from __future__ import annotations

import base64
import hashlib
import json
import math
import struct
import sys
from bisect import bisect_left, insort
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from gen.data.search_documents import SearchDocument
from gen.data.search_terms import PREFIX_LENGTH, compound_terms, compounds, normalized, shard_number, terms, title_key
from gen.memo import Memo, NoMemo

INDEX_FOLDER = "search/index"
POSTINGS_PER_SHARD = 8192
DOCUMENTS_PER_CHUNK = 32
TITLE_BONUS = 3.0
BM25_K1 = 1.2
BM25_B = 0.75
WEIGHT_BITS = 7
MAX_WEIGHT = (1 << WEIGHT_BITS) - 1
WEIGHT_SCALE = MAX_WEIGHT / (BM25_K1 + 1 + TITLE_BONUS)  # the highest weight fills WEIGHT_BITS


def search_index_files(documents: Iterable[SearchDocument]) -> dict[str, str]:
    """Every file of the index, by path from the site root, with its content."""
    return SearchIndex(NoMemo()).files(documents)


class SearchIndex:
    """Builds the index files; a live server keeps one between builds.

    Kept between builds: each document's terms and weights (in ``memo``, by
    document), the postings and each term's encoding, updated in place for the
    documents that changed when no document moved, and each shard's and
    document chunk's JSON. Any other change (documents added, removed or
    moved; a new average length) recomputes the postings, from the kept weights.
    """

    def __init__(self, memo: Memo) -> None:
        self.memo = memo
        self._weights: list[DocumentWeights] = []
        self._average: int | None = None
        self._postings: dict[str, list[int]] = {}
        self._encodings: dict[str, str] = {}
        self._shards: dict[tuple[int, int], str] = {}

    def files(self, documents: Iterable[SearchDocument]) -> dict[str, str]:
        pages = _pages(documents)
        ordered = [document for page in pages for document in page]
        changed_terms = self._update_postings(ordered)
        shard_count = max(1, math.ceil(sum(map(len, self._postings.values())) / POSTINGS_PER_SHARD))
        shards, chunks = self._shard_files(shard_count, changed_terms), self._document_chunks(ordered)
        shard_hashes = [self.memo.of("content hash", shard, lambda: _content_hash(shard)) for shard in shards]
        chunk_hashes = [self.memo.of("content hash", chunk, lambda: _content_hash(chunk)) for chunk in chunks]
        manifest = {
            "documentCount": len(ordered),
            "shardCount": shard_count,
            "chunkSize": DOCUMENTS_PER_CHUNK,
            "prefixLength": PREFIX_LENGTH,
            "weightBits": WEIGHT_BITS,
            "pageSizes": [len(page) for page in pages],
            "shards": shard_hashes,
            "documents": chunk_hashes,
        }
        files = {f"{INDEX_FOLDER}/manifest.json": _json(manifest)}
        files.update(_named("shards", shards, shard_hashes))
        files.update(_named("documents", chunks, chunk_hashes))
        return files

    def _update_postings(self, documents: list[SearchDocument]) -> set[str] | None:
        """Bring the postings up to date with ``documents``; the terms whose postings changed, or None for all."""
        analyses = [self.memo.of("search terms", document, lambda: _analysis(document)) for document in documents]
        average = max(1, round(sum(analysis.length for analysis in analyses) / max(1, len(analyses))))
        weights = [
            self.memo.of(f"search weights {average}", analysis, lambda: _weights(analysis, average))
            for analysis in analyses
        ]
        previous, self._weights = self._weights, weights
        if average != self._average or len(previous) != len(weights):
            self._average = average
            self._postings = _postings(weights)
            self._encodings = {}
            return None
        changed: set[str] = set()
        for number, (old, new) in enumerate(zip(previous, weights)):
            if old is not new:
                changed.update(_move_postings(self._postings, number, old, new))
        return changed

    def _shard_files(self, shard_count: int, changed_terms: set[str] | None) -> list[str]:
        """Each shard's JSON: every term whose shard it is, in term order, with its encoded postings."""
        if changed_terms is None:
            self._shards = {}
        encodings, postings = self._encodings, self._postings
        for term in postings.keys() if changed_terms is None else changed_terms:
            if term in postings:
                encodings[term] = _encoded(postings[term])
            else:
                encodings.pop(term, None)
        stale = {shard_number(term, shard_count) for term in changed_terms or ()}
        kept = {key: shard for key, shard in self._shards.items() if key[0] == shard_count and key[1] not in stale}
        if len(kept) < shard_count:
            by_shard: list[list[str]] = [[] for _ in range(shard_count)]
            for term in encodings:
                number = shard_number(term, shard_count)
                if (shard_count, number) not in kept:
                    by_shard[number].append(term)
            for number, terms_of_shard in enumerate(by_shard):
                if (shard_count, number) not in kept:
                    kept[(shard_count, number)] = _json({term: encodings[term] for term in sorted(terms_of_shard)})
        self._shards = kept
        return [kept[(shard_count, number)] for number in range(shard_count)]

    def _document_chunks(self, documents: list[SearchDocument]) -> list[str]:
        """Each chunk's JSON, kept by the very documents it holds: the entry keeps them, so their ids
        cannot name other documents while it lives."""
        chunks = (tuple(documents[start:start + DOCUMENTS_PER_CHUNK]) for start in range(0, len(documents), DOCUMENTS_PER_CHUNK))
        return [
            self.memo.get(("search chunk", *map(id, chunk)), lambda: (chunk, _document_chunk(chunk)))[1]
            for chunk in chunks
        ]


def _pages(documents: Iterable[SearchDocument]) -> list[list[SearchDocument]]:
    """Documents grouped by page, in order of first appearance, each page's own document first."""
    by_page: dict[str, list[SearchDocument]] = {}
    own: dict[str, SearchDocument] = {}
    seen = set()
    for document in documents:
        if document.location in seen:
            raise ValueError(f"two search documents for {document.location!r}")
        seen.add(document.location)
        page, anchor, _ = document.location.partition("#")
        sections = by_page.setdefault(page, [])
        if anchor:
            sections.append(document)
        else:
            own[page] = document
    missing = sorted(page for page in by_page if page not in own)
    if missing:
        raise ValueError(f"sections without their page's own document: {', '.join(missing)}")
    return [[own[page], *sections] for page, sections in by_page.items()]


@dataclass(frozen=True, eq=False)
class TermAnalysis:
    """A document's terms: how often each occurs in its text, how many there are, and those of its title."""

    counts: dict[str, int]
    length: int
    title_terms: frozenset[str]


DocumentWeights = tuple[tuple[str, int], ...]


def _analysis(document: SearchDocument) -> TermAnalysis:
    """The document's term counts, hyphenated words also joined and marked as compounds
    (gen/data/search_terms.py). Terms are interned: the corpus's documents share a vocabulary a tenth
    the size of their term lists, and the weights and postings then hold one string per term."""
    plain = terms(document.text)
    counts = Counter(map(sys.intern, plain))
    counts.update(sys.intern(term) for pair in compounds(document.text) for term in compound_terms(*pair))
    title_terms = frozenset(terms(document.title))
    if document.named_by_title:
        title_terms |= {title_key(document.title)}
    return TermAnalysis(dict(counts), len(plain), title_terms)


def _weights(analysis: TermAnalysis, average: int) -> DocumentWeights:
    """The document's terms with their weights, title terms first (in term order), then the text's.

    A weight is the BM25 saturation of the term's frequency in the text,
    ``frequency * (k1 + 1) / (frequency + damping)`` with the damping growing
    with the text's length relative to the average (in whole terms, so that
    an edit seldom changes every weight), plus ``TITLE_BONUS`` when the title
    has the term. Weights are looked up from a table by frequency built once
    per document, and the formula is written out rather than called.
    """
    damping = BM25_K1 * (1 - BM25_B + BM25_B * analysis.length / average)
    saturation = (BM25_K1 + 1) * WEIGHT_SCALE
    bonus = TITLE_BONUS * WEIGHT_SCALE
    counts = analysis.counts
    titled = [
        (term, min(MAX_WEIGHT, round(counts.get(term, 0) * saturation / (counts.get(term, 0) + damping) + bonus)))
        for term in sorted(analysis.title_terms)
    ]
    by_frequency = {
        frequency: max(1, round(frequency * saturation / (frequency + damping))) for frequency in set(counts.values())
    }
    text = [(term, by_frequency[frequency]) for term, frequency in counts.items() if term not in analysis.title_terms]
    return (*titled, *text)


def _postings(weights: list[DocumentWeights]) -> dict[str, list[int]]:
    """Each term's postings, in document order, as ``document << WEIGHT_BITS | weight``."""
    postings: dict[str, list[int]] = defaultdict(list)
    for number, document in enumerate(weights):
        base = number << WEIGHT_BITS
        for term, weight in document:
            postings[term].append(base + weight)
    return dict(postings)


def _move_postings(postings: dict[str, list[int]], number: int, old: DocumentWeights, new: DocumentWeights) -> set[str]:
    """Replace document ``number``'s postings ``old`` by ``new``, keeping each list in document order;
    return the terms whose postings changed."""
    base = number << WEIGHT_BITS
    old_codes, new_codes = {term: base + weight for term, weight in old}, {term: base + weight for term, weight in new}
    changed = {term for term in old_codes.keys() | new_codes.keys() if old_codes.get(term) != new_codes.get(term)}
    for term in changed:
        codes = postings.setdefault(term, [])
        if term in old_codes:
            del codes[bisect_left(codes, old_codes[term])]
        if term in new_codes:
            insort(codes, new_codes[term])
        if not codes:
            del postings[term]
    return changed


def _encoded(codes: list[int]) -> str:
    """Postings as base64 of 32-bit little-endian codes, stored byte plane by byte plane.

    All lowest bytes come first, then all second bytes, and so on: the high
    bytes of increasing document numbers then form long runs, which the
    server's gzip compresses well. Packing in C keeps this cheap; writing the
    numbers out as JSON took several times longer.
    """
    packed = struct.pack(f"<{len(codes)}I", *codes)
    return base64.b64encode(b"".join(packed[plane::4] for plane in range(4))).decode("ascii")


def _document_chunk(documents: tuple[SearchDocument, ...]) -> str:
    return _json([[document.location, normalized(document.title), " ".join(normalized(document.text).split())]
                  for document in documents])


def _content_hash(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=6).hexdigest()


def _named(folder: str, texts: list[str], hashes: list[str]) -> dict[str, str]:
    """The files of one folder, each named by its number and its content's hash."""
    return {f"{INDEX_FOLDER}/{folder}/{number}-{hashes[number]}.json": text for number, text in enumerate(texts)}


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
