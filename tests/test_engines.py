"""MkDocs' successors build the site from the same project: ProperDocs, the maintained fork of MkDocs 1.x,
the same site byte for byte; Zensical (``python -m gen zensical``) the same pages and data files."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from gen.engines.zensical_build import mkdocs_config, zensical_config
from tests.conftest import PROJECT, build_site, needs_sitecheck, run_sitecheck

GENERATOR = re.compile(r'^\s*<meta name="generator" content="[^"]*">\n', re.MULTILINE)


def site_files(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in site.rglob("*") if path.is_file()}


def without_generator(content: bytes) -> bytes:
    return GENERATOR.sub("", content.decode("utf-8")).encode("utf-8")


def test_properdocs_builds_the_seed_site_strictly_into_the_mkdocs_site(tmp_path):
    properdocs = build_site(tmp_path / "properdocs", config=PROJECT / "mkdocs.yml", engine="properdocs")
    assert properdocs.returncode == 0, properdocs.stderr
    assert build_site(tmp_path / "mkdocs").returncode == 0
    built, expected = site_files(tmp_path / "properdocs"), site_files(tmp_path / "mkdocs")
    assert sorted(built) == sorted(expected)
    differing = [name for name in built if built[name] != expected[name]]
    assert differing and all(name.endswith(".html") for name in differing), "only the generator tag tells them apart"
    assert [name for name in differing if without_generator(built[name]) != without_generator(expected[name])] == []
    assert b"ProperDocs" in built["index.html"] and b"ProperDocs" not in expected["index.html"]


# What each engine writes of its own: its search index and sitemap.
ENGINE_OWN_FILES = {"search/search_index.json", "search.json", "sitemap.xml", "sitemap.xml.gz"}


def site_content(site: Path) -> dict[str, bytes]:
    """The site's files but the engine's own assets, search index and sitemap."""
    return {name: content for name, content in site_files(site).items()
            if not name.startswith("assets/") and name not in ENGINE_OWN_FILES}


def test_zensical_builds_the_seed_site_strictly_with_the_mkdocs_sites_pages_and_data(tmp_path):
    built = build_site(tmp_path / "zensical", engine="zensical")
    assert built.returncode == 0, built.stderr
    assert build_site(tmp_path / "mkdocs").returncode == 0
    zensical, mkdocs = site_content(tmp_path / "zensical"), site_content(tmp_path / "mkdocs")
    assert sorted(zensical) == sorted(mkdocs)
    assert [name for name in mkdocs if not name.endswith(".html") and zensical[name] != mkdocs[name]] == []
    pages = [name for name in zensical if name.endswith(".html")]
    assert all(b"data-tv-search" in zensical[name] and b'data-md-component="search"' not in zensical[name] for name in pages)
    assert not any(b"data-tv-search" in mkdocs[name] for name in pages)


def test_a_strict_zensical_build_fails_on_a_broken_trajectory_and_names_it(tmp_path):
    trajectories = tmp_path / "trajectories"
    shutil.copytree(PROJECT / "trajectories", trajectories)
    broken = trajectories / "lm-planner" / "gpt-4o" / "garbage.md"
    broken.parent.mkdir(parents=True)
    broken.write_bytes(b"\x00\xff\xfe binary garbage \x81")
    built = build_site(tmp_path / "site", trajectories, engine="zensical")
    assert built.returncode == 1
    assert f"WARNING -  {broken.as_posix()}:" in built.stderr
    lenient = build_site(tmp_path / "site", trajectories, strict=False, engine="zensical")
    assert lenient.returncode == 0 and f"WARNING -  {broken.as_posix()}:" in lenient.stderr
    assert (tmp_path / "site" / "index.html").is_file()


@needs_sitecheck
def test_the_zensical_seed_site_passes_the_sites_black_box_checks(tmp_path):
    """Links are checked on disk, so on a site built for the root; root-absolute links on one built for
    a sub-path, as published (without a site_url, Zensical's canonical links are root-absolute, as ``/``)."""
    local, published = tmp_path / "local", tmp_path / "published"
    assert build_site(local, engine="zensical").returncode == 0
    assert build_site(published, engine="zensical", SITE_URL="https://example.github.io/ablation-site/").returncode == 0
    seeds = sorted(path.relative_to(PROJECT / "trajectories").as_posix() for path in (PROJECT / "trajectories").rglob("*.md"))
    for check in (["structure", str(local), str(PROJECT / "trajectories"), *seeds], ["links", str(local)], ["absolute", str(published)]):
        result = run_sitecheck(*check)
        assert result.returncode == 0, result.stdout + result.stderr


def test_the_zensical_configuration_is_mkdocs_yml_without_what_only_mkdocs_reads(monkeypatch):
    monkeypatch.setenv("TRAJECTORIES_DIR", "/data/corpus")
    config = mkdocs_config(PROJECT / "mkdocs.yml")
    derived = zensical_config(config, "docs", "site")
    assert config["extra"]["trajectories_dir"] == "/data/corpus"
    # Hooks and validation are MkDocs' alone; watch names folders of the project, not of the staging folder.
    assert set(config) - set(derived) == {"hooks", "validation", "watch"}
    changed = {"theme", "extra", "extra_css", "extra_javascript", "docs_dir", "site_dir"}
    assert {key: derived[key] for key in config if key in derived and key not in changed} == {
        key: config[key] for key in config if key in derived and key not in changed}
    assert derived["strict"] == config["strict"] and derived["exclude_docs"] == config["exclude_docs"]
    assert (derived["docs_dir"], derived["site_dir"]) == ("docs", "site")
    assert derived["theme"] == dict(config["theme"], custom_dir="overrides", variant="classic")
    assert derived["extra"] == dict(config["extra"], site_search_dialog=True, theme_skip_link=True)
    assert derived["extra_css"][:-1] == config["extra_css"] and derived["extra_javascript"][:-1] == config["extra_javascript"]


@pytest.mark.parametrize("tag", ["!ENV A", "!ENV [A]", "!ENV [A, B, fallback]", "!ENV [A, 7]", "!ENV [A, B]"])
@pytest.mark.parametrize("environment", [{}, {"A": "a"}, {"B": "b"}, {"A": "true"}, {"A": "1"}, {"A": ""}, {"A": "a", "B": "b"}])
def test_the_env_tag_reads_as_mkdocs_reads_it(tmp_path, monkeypatch, tag, environment):
    from mkdocs.utils.yaml import get_yaml_loader

    for name in ("A", "B"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    config = tmp_path / "mkdocs.yml"
    config.write_text(f"site_name: {tag}\n", encoding="utf-8")
    assert mkdocs_config(config) == yaml.load(config.read_text(encoding="utf-8"), Loader=get_yaml_loader())


def test_a_site_folder_that_would_replace_the_project_is_refused(tmp_path):
    for folder in (PROJECT, PROJECT.parent, PROJECT / "docs" / "site"):
        refused = build_site(folder, strict=False, engine="zensical")
        assert refused.returncode != 0 and "would replace the project or its docs" in refused.stderr, folder
    assert (PROJECT / "mkdocs.yml").is_file() and not (PROJECT / "docs" / "site").exists()
