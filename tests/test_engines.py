"""ProperDocs, the maintained fork of MkDocs 1.x, builds the same site as MkDocs from the same project."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import BUILD_ENV, PROJECT, build_site

GENERATOR = re.compile(r'^\s*<meta name="generator" content="[^"]*">\n', re.MULTILINE)
PROPERDOCS = shutil.which("properdocs", path=str(Path(sys.executable).parent)) or shutil.which("properdocs")


def site_files(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in site.rglob("*") if path.is_file()}


def without_generator(content: bytes) -> bytes:
    return GENERATOR.sub("", content.decode("utf-8")).encode("utf-8")


@pytest.mark.skipif(PROPERDOCS is None, reason="properdocs is not installed")
def test_properdocs_builds_the_seed_site_strictly_into_the_mkdocs_site(tmp_path):
    env = dict(os.environ, **BUILD_ENV)
    env.pop("TRAJECTORIES_DIR", None)
    properdocs = subprocess.run(
        [PROPERDOCS, "build", "--strict", "-f", "mkdocs.yml", "-d", str(tmp_path / "properdocs")],
        cwd=PROJECT, env=env, capture_output=True, text=True,
    )
    assert properdocs.returncode == 0, properdocs.stderr
    assert build_site(tmp_path / "mkdocs").returncode == 0
    built, expected = site_files(tmp_path / "properdocs"), site_files(tmp_path / "mkdocs")
    assert sorted(built) == sorted(expected)
    differing = [name for name in built if built[name] != expected[name]]
    assert differing and all(name.endswith(".html") for name in differing), "only the generator tag tells them apart"
    assert [name for name in differing if without_generator(built[name]) != without_generator(expected[name])] == []
    assert b"ProperDocs" in built["index.html"] and b"ProperDocs" not in expected["index.html"]
