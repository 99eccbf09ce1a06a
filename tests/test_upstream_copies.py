"""What the site copies from Material is still what the installed Material has: an upgrade that changes
it fails here, loudly, instead of the site silently running an old copy.

- docs/overrides/main.html's ``config`` block is base.html's, but for the search worker's address;
- docs/overrides/partials/search.html is Material's, with an accessible name on the dialog;
- docs/javascripts/search-worker.js speaks Material's worker protocol: its message types, in
  Material's order, and results as ``{items: [[...], ...]}`` (Material's TypeScript sources, from
  the source maps it ships).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import material

from tests.conftest import PROJECT

MATERIAL = Path(material.__file__).parent / "templates"
OVERRIDES = PROJECT / "docs" / "overrides"
WORKER = PROJECT / "docs" / "javascripts" / "search-worker.js"
CONFIG_BLOCK = re.compile(r"\{% block config %\}.*?\{% endblock %\}", re.DOTALL)
MATERIAL_WORKER_LINE = re.compile(r'"search": "assets/javascripts/workers/search\.[0-9a-f]+\.min\.js" \| url,')
OUR_WORKER_LINE = '"search": "javascripts/search-worker.js" | url,'


def lines(text: str) -> list[str]:
    """Lines without their indentation, which differs with nesting."""
    return [line.strip() for line in text.strip().splitlines()]


def test_the_config_block_is_materials_but_for_the_worker():
    [theirs] = CONFIG_BLOCK.findall((MATERIAL / "base.html").read_text(encoding="utf-8"))
    [ours] = CONFIG_BLOCK.findall((OVERRIDES / "main.html").read_text(encoding="utf-8"))
    assert len(MATERIAL_WORKER_LINE.findall(theirs)) == 1, "Material's config block no longer names its worker as it did"
    assert ours.count(OUR_WORKER_LINE) == 1
    assert lines(MATERIAL_WORKER_LINE.sub(OUR_WORKER_LINE, theirs)) == lines(ours)


def test_the_search_partial_is_materials_with_a_named_dialog():
    """Under MkDocs (the branch after the site's own dialog, which only Zensical builds render)."""
    theirs = (MATERIAL / "partials" / "search.html").read_text(encoding="utf-8")
    partial = (OVERRIDES / "partials" / "search.html").read_text(encoding="utf-8")
    ours = re.fullmatch(r"(\{#-.*?-#\}\n)\{% if config\.extra\.site_search_dialog %\}.*?\{% else %\}\n(.*)\{% endif %\}\n",
                        partial, flags=re.DOTALL).expand(r"\1\2")
    dialog = '<div class="md-search" data-md-component="search" role="dialog">'
    named = dialog.replace('role="dialog">', 'role="dialog" aria-label="{{ lang.t(\'search\') }}">')
    assert theirs.count(dialog) == 1
    without_comments = [re.sub(r"\{#-.*?-#\}\n?", "", text, flags=re.DOTALL) for text in (theirs.replace(dialog, named), ours)]
    assert without_comments[0] == without_comments[1]


def material_source(map_file: Path, path_end: str) -> str:
    source_map = json.loads(map_file.read_text(encoding="utf-8"))
    [content] = [text for source, text in zip(source_map["sources"], source_map["sourcesContent"]) if source.endswith(path_end)]
    return content


def test_the_worker_speaks_materials_protocol():
    maps = MATERIAL / "assets" / "javascripts"
    [bundle_map] = maps.glob("bundle.*.min.js.map")
    [worker_map] = (maps / "workers").glob("search.*.min.js.map")
    messages = material_source(bundle_map, "integrations/search/worker/message/index.ts")
    enum = re.search(r"enum SearchMessageType \{(.*?)\}", messages, re.DOTALL)[1]
    material_types = re.findall(r"^\s*([A-Z]+),?", enum, re.MULTILINE)
    assert material_types == ["SETUP", "READY", "QUERY", "RESULT"]
    worker = WORKER.read_text(encoding="utf-8")
    ours = {name: int(value) for name, value in re.findall(r"^const (SETUP|READY|QUERY|RESULT) = (\d+);", worker, re.MULTILINE)}
    assert ours == {name: number for number, name in enumerate(material_types)}
    result = material_source(worker_map, "integrations/search/_/index.ts")
    assert re.search(r"export interface SearchResult \{\s*items: SearchItem\[\]\[\]", result)
    assert "data: { items: [], failed: true }" in worker  # the shape tests/test_search_worker.py checks the results have


def test_the_search_count_rewrite_rests_on_how_materials_search_box_works():
    """docs/overrides/main.html's scripts block wraps the Worker Material starts (``new Worker(url)``, messages
    sent with ``worker.postMessage`` and read from "message" events) and rewrites the count that Material writes
    from the number of pages sent into the first child of the result list."""
    [bundle_map] = (MATERIAL / "assets" / "javascripts").glob("bundle.*.min.js.map")
    worker = material_source(bundle_map, "browser/worker/index.ts")
    assert "worker = new Worker(url)" in worker
    assert "worker.postMessage(data)" in worker and 'fromEvent<MessageEvent<T>, T>(worker, "message"' in worker
    result = material_source(bundle_map, "components/search/result/index.ts")
    assert 'const meta = getElement(":scope > :first-child", el)' in result
    assert "const count = round(items.length)" in result and 'translation("search.result.other", count)' in result
    assert '<div class="md-search-result__meta">' in (MATERIAL / "partials" / "search.html").read_text(encoding="utf-8")
    assert "{% block scripts %}" in (MATERIAL / "base.html").read_text(encoding="utf-8")
    ours = (OVERRIDES / "main.html").read_text(encoding="utf-8")
    assert 'document.querySelector(".md-search-result__meta")' in ours and "message.type !== 3" in ours
