"""Every kind of page against html-validate's standard preset (npm, pinned in package-lock.json; `npm ci`).

A finding is Material's own when Material's templates write it: the rules and elements of
``MATERIAL_FINDINGS``. Every other finding is ours, and there must be none. Material's are printed apart, and each must still occur on some page: when
an upgrade fixes one, the test says so, and its entry goes.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tests.conftest import PROJECT
from tests.site_pages import SEED_PAGE_KINDS, seed_page_file

HTML_VALIDATE = PROJECT / "node_modules" / ".bin" / "html-validate"
# (rule, what the finding is about): what Material's base.html writes, by rule, and which of its elements.
MATERIAL_FINDINGS = {
    ("valid-autocomplete", "autocomplete on its drawer and search checkboxes"): lambda m: m["selector"] in ("#__drawer", "#__search"),
}


@pytest.fixture(scope="module")
def findings(seed_site) -> dict[str, list[dict]]:
    """html-validate's messages for each kind of page of the seed site."""
    if not HTML_VALIDATE.exists():
        pytest.skip(f"html-validate is not installed at {HTML_VALIDATE} (npm ci)")
    report = seed_site.parent / f"{seed_site.name}-html-validate.json"
    files = {kind: seed_site / seed_page_file(kind) for kind in SEED_PAGE_KINDS}
    assert all(path.is_file() for path in files.values()), [kind for kind, path in files.items() if not path.is_file()]
    subprocess.run([str(HTML_VALIDATE), "--config", str(PROJECT / ".htmlvalidate.json"), "-f", f"json={report}",
                    *map(str, files.values())], cwd=PROJECT, capture_output=True, text=True)
    by_file = {Path(result["filePath"]).resolve(): result["messages"] for result in json.loads(report.read_text(encoding="utf-8"))}
    return {kind: by_file.get(path.resolve(), []) for kind, path in files.items()}


def material_finding(message: dict) -> tuple[str, str] | None:
    return next((key for key, matches in MATERIAL_FINDINGS.items() if key[0] == message["ruleId"] and matches(message)), None)


def test_html_validate_finds_nothing_of_ours_on_any_kind_of_page(findings):
    ours, material = {}, {}
    for kind, messages in findings.items():
        for message in messages:
            upstream = material_finding(message)
            if upstream:
                material.setdefault(upstream, set()).add(kind)
            else:
                ours.setdefault(kind, []).append(f"{message['ruleId']} line {message['line']}: {message['message']} ({message['selector']})")
    print("\nMaterial's own findings:\n" + "\n".join(f"  {rule}: {about} ({len(kinds)} kinds of page)" for (rule, about), kinds in material.items()))
    assert ours == {}
    gone = set(MATERIAL_FINDINGS) - set(material)
    assert not gone, f"Material no longer writes these: drop them from MATERIAL_FINDINGS: {sorted(gone)}"
