"""Everything the build hook generates from a trajectories folder, as files in memory.

One entry point for the MkDocs hook (gen/site_pages.py), the command line's
``write`` and the benchmark, so all three produce exactly the same site.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from gen.corpus import load_corpus
from gen.page_files import page_markdown
from gen.pages import site_pages
from gen.records import Diagnostic
from gen.search_index import search_index_files
from gen.site_data import site_data_files
from gen.site_model import build_site


@dataclass(frozen=True)
class BuildOutput:
    """Generated files (path relative to the docs folder -> text) and the input's problems."""

    files: dict[str, str]
    diagnostics: list[Diagnostic]


@contextmanager
def _without_cycle_collection():
    """Generation allocates millions of short-lived objects and frees no cycles worth
    collecting until it ends; pausing the cycle collector saves about a tenth of its time."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def generate(trajectories: Path) -> BuildOutput:
    with _without_cycle_collection():
        return _generate(trajectories)


def _generate(trajectories: Path) -> BuildOutput:
    corpus = load_corpus(trajectories)
    site = build_site(corpus)
    pages = list(site_pages(site))
    files = {page.source_file: page_markdown(page) for page in pages}
    files.update(site_data_files(site))
    files.update(search_index_files(document for page in pages for document in page.search_documents))
    return BuildOutput(files, corpus.diagnostics)
