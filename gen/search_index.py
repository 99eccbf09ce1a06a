"""The site's search index as static files, read by ``docs/javascripts/search-worker.js``.

Material's own search sends every page's text to the browser and builds a lunr
index there on every page load, which grows with the corpus. This index is
built once, here, and split so that a query fetches only what it needs:

- ``search/index/manifest.json``: the version folder that holds the rest, the
  number of documents, of shards and of documents per chunk, and how many
  documents each page has;
- ``<version>/shards/<n>.json``: every term whose shard (``gen.search_terms``)
  is n, with its postings (see ``_encoded``);
- ``<version>/documents/<n>.json``: documents ``n * chunk size`` onwards, each
  as ``[location, title, teaser]``.

Documents are numbered page by page, the page's own document first, so the
worker finds a document's page from the page sizes alone and a page's documents
usually share one chunk. A posting is one 32-bit code, ``document <<
WEIGHT_BITS | weight`` (so at most 2**25 documents); the weight is the term's
BM25 frequency in the text plus a bonus when the title has it, scaled to
``WEIGHT_BITS`` bits. The worker multiplies in the term's rarity (BM25 idf),
computed from how many postings the term has.

The shard count grows with the number of postings, so shards keep about the
same size as the corpus grows. The version folder is named by a hash of its
content: a browser never pairs a cached manifest with another build's shards.
"""

from __future__ import annotations

import base64
import hashlib
import json
import math
import struct
from collections import Counter, defaultdict
from collections.abc import Iterable

from gen.search_documents import SearchDocument
from gen.search_terms import PREFIX_LENGTH, fnv1a, normalized, terms

INDEX_FOLDER = "search/index"
POSTINGS_PER_SHARD = 8192
DOCUMENTS_PER_CHUNK = 32
TEASER_LENGTH = 160
TITLE_BONUS = 3.0
BM25_K1 = 1.2
BM25_B = 0.75
WEIGHT_BITS = 7
MAX_WEIGHT = (1 << WEIGHT_BITS) - 1
WEIGHT_SCALE = MAX_WEIGHT / (BM25_K1 + 1 + TITLE_BONUS)  # the highest weight fills WEIGHT_BITS


def search_index_files(documents: Iterable[SearchDocument]) -> dict[str, str]:
    """Every file of the index, by path from the site root, with its content."""
    pages = _pages(documents)
    ordered = [document for page in pages for document in page]
    postings = _postings(ordered)
    shard_count = max(1, math.ceil(sum(map(len, postings.values())) / POSTINGS_PER_SHARD))
    content = {
        **{f"shards/{number}.json": shard for number, shard in enumerate(_shards(postings, shard_count))},
        **{f"documents/{number}.json": chunk for number, chunk in enumerate(_document_chunks(ordered))},
    }
    version = _version(content)
    manifest = {
        "version": version,
        "documentCount": len(ordered),
        "shardCount": shard_count,
        "chunkSize": DOCUMENTS_PER_CHUNK,
        "prefixLength": PREFIX_LENGTH,
        "weightBits": WEIGHT_BITS,
        "pageSizes": [len(page) for page in pages],
    }
    files = {f"{INDEX_FOLDER}/manifest.json": _json(manifest)}
    files.update((f"{INDEX_FOLDER}/{version}/{path}", text) for path, text in sorted(content.items()))
    return files


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


def _postings(documents: list[SearchDocument]) -> dict[str, list[int]]:
    """Each term's postings, in document order, as ``document << WEIGHT_BITS | weight``.

    A weight is the BM25 saturation of the term's frequency in the text,
    ``frequency * (k1 + 1) / (frequency + damping)`` with the damping growing
    with the text's length, plus ``TITLE_BONUS`` when the title has the term.
    The inner loop runs once per term of every document, so it only looks
    weights up, from a table by frequency built once per document, and the
    formula is written out rather than called.
    """
    texts = [Counter(terms(document.text)) for document in documents]
    lengths = [counts.total() for counts in texts]
    average = max(1.0, sum(lengths) / max(1, len(lengths)))
    saturation = (BM25_K1 + 1) * WEIGHT_SCALE
    bonus = TITLE_BONUS * WEIGHT_SCALE
    postings: dict[str, list[int]] = defaultdict(list)
    for number, (document, counts, length) in enumerate(zip(documents, texts, lengths)):
        damping = BM25_K1 * (1 - BM25_B + BM25_B * length / average)
        base = number << WEIGHT_BITS
        for term in set(terms(document.title)):
            frequency = counts.pop(term, 0)
            postings[term].append(base + min(MAX_WEIGHT, round(frequency * saturation / (frequency + damping) + bonus)))
        by_frequency = {
            frequency: base + max(1, round(frequency * saturation / (frequency + damping)))
            for frequency in set(counts.values())
        }
        for term, frequency in counts.items():
            postings[term].append(by_frequency[frequency])
    return postings


def _shards(postings: dict[str, list[int]], shard_count: int) -> list[str]:
    shards: list[dict[str, str]] = [{} for _ in range(shard_count)]
    prefix_shards: dict[str, int] = {}
    for term in sorted(postings):
        prefix = term[:PREFIX_LENGTH]
        if prefix not in prefix_shards:
            prefix_shards[prefix] = fnv1a(prefix) % shard_count
        shards[prefix_shards[prefix]][term] = _encoded(postings[term])
    return [_json(shard) for shard in shards]


def _encoded(codes: list[int]) -> str:
    """Postings as base64 of 32-bit little-endian codes, stored byte plane by byte plane.

    All lowest bytes come first, then all second bytes, and so on: the high
    bytes of increasing document numbers then form long runs, which the
    server's gzip compresses well. Packing in C keeps this cheap; writing the
    numbers out as JSON took several times longer.
    """
    packed = struct.pack(f"<{len(codes)}I", *codes)
    return base64.b64encode(b"".join(packed[plane::4] for plane in range(4))).decode("ascii")


def _document_chunks(documents: list[SearchDocument]) -> list[str]:
    rows = [[document.location, normalized(document.title), _teaser(document.text)] for document in documents]
    return [_json(rows[start:start + DOCUMENTS_PER_CHUNK]) for start in range(0, len(rows), DOCUMENTS_PER_CHUNK)]


def _teaser(text: str) -> str:
    """The text's beginning, whitespace collapsed, cut at a word boundary."""
    head = text[:TEASER_LENGTH * 2]
    teaser = " ".join(normalized(head).split())
    if len(teaser) <= TEASER_LENGTH and len(head) == len(text):
        return teaser
    return teaser[:TEASER_LENGTH].rsplit(" ", 1)[0] + " …"


def _version(content: dict[str, str]) -> str:
    digest = hashlib.blake2b(digest_size=8)
    for path, text in sorted(content.items()):
        digest.update(path.encode("utf-8") + b"\0" + text.encode("utf-8") + b"\0")
    return digest.hexdigest()


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
