"""Build the site with Zensical, Material's successor, from the same project.

Zensical runs no MkDocs hooks, so the pages are written first, as ``python
-m gen write`` writes them for any engine, into a staging folder beside a
copy of the static assets and template overrides. Its configuration is
derived from ``mkdocs.yml``, which stays the one source: the same theme,
navigation, Markdown extensions, stylesheets and scripts, without what only
MkDocs reads (hooks, watch, exclusions). Zensical keeps the docs and site
folders inside its configuration's folder, so the site is built there and
then moved where it was asked for.

Search: Zensical's search box renders the documents of its own ``search.json``
and nothing else; indexing every page there puts the corpus (17 MB) into every
page load. The pages stay out of it, and ``extra.site_search_dialog`` tells
``partials/search.html`` to render the site's own dialog
(``docs/javascripts/search-dialog.js``), which asks the site's search worker,
as Material's search box does under MkDocs.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

from gen.build_output import generate
from gen.records import Diagnostic

ZENSICAL_VERSION = "0.0.73"
MKDOCS_ONLY_SETTINGS = ("hooks", "watch", "exclude_docs", "validation", "strict")
OVERRIDES = "overrides"
SEARCH_DIALOG_SCRIPT = "javascripts/search-dialog.js"
SEARCH_DIALOG_STYLESHEET = "stylesheets/search-dialog.css"


class _MkDocsConfigLoader(yaml.SafeLoader):
    """YAML with MkDocs' ``!ENV`` tag: ``!ENV VAR`` or ``!ENV [VAR, OTHER_VAR, default]``."""


def _environment_value(loader: yaml.SafeLoader, node: yaml.Node):
    if isinstance(node, yaml.ScalarNode):
        names, default = [loader.construct_scalar(node)], None
    else:
        *names, default = loader.construct_sequence(node)
    return next((os.environ[name] for name in names if name in os.environ), default)


_MkDocsConfigLoader.add_constructor("!ENV", _environment_value)


def mkdocs_config(path: Path) -> dict:
    """The MkDocs configuration at ``path`` as MkDocs reads it, environment variables resolved."""
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_MkDocsConfigLoader)


def zensical_config(config: dict, docs_dir: str, site_dir: str) -> dict:
    """The Zensical configuration for the staged docs: ``config`` without MkDocs-only settings."""
    derived = {key: value for key, value in config.items() if key not in MKDOCS_ONLY_SETTINGS}
    derived["docs_dir"], derived["site_dir"] = docs_dir, site_dir
    # Classic: the look of Material, which the site's stylesheets are written for.
    derived["theme"] = dict(config["theme"], custom_dir=OVERRIDES, variant="classic")
    derived["extra"] = dict(config.get("extra") or {}, site_search_dialog=True)
    derived["extra_css"] = [*config.get("extra_css", []), SEARCH_DIALOG_STYLESHEET]
    derived["extra_javascript"] = [*config.get("extra_javascript", []), {"path": SEARCH_DIALOG_SCRIPT, "defer": True}]
    return derived


def stage(config_file: Path, staging: Path) -> tuple[Path, list[Diagnostic]]:
    """Write what Zensical builds into ``staging``: its configuration, the overrides, and in ``docs``
    the project's static files and the generated pages. Returns the trajectories folder read and its problems.
    """
    config = mkdocs_config(config_file)
    project = config_file.parent
    trajectories = project / config["extra"]["trajectories_dir"]
    docs = project / config.get("docs_dir", "docs")
    overrides = (project / config["theme"]["custom_dir"]).resolve()
    shutil.copytree(overrides, staging / OVERRIDES)
    shutil.copytree(docs, staging / "docs", ignore=lambda folder, _: [overrides.name] if Path(folder).resolve() == overrides.parent else [])
    output = generate(trajectories)
    for relative, content in output.files.items():
        target = staging / "docs" / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")
    (staging / "mkdocs.yml").write_text(yaml.safe_dump(zensical_config(config, "docs", "site"), sort_keys=False), encoding="utf-8")
    return trajectories, output.diagnostics


def build_with_zensical(config_file: Path, site: Path, strict: bool = False) -> int:
    """Stage the docs of the project of ``config_file`` (its ``mkdocs.yml``), run ``zensical build``
    on them and move the site to ``site``. The trajectories are those ``mkdocs build`` reads:
    ``TRAJECTORIES_DIR``, else the configuration's ``extra.trajectories_dir``.

    Returns Zensical's exit status; with ``strict``, 1 when the inputs had
    problems (each printed as a warning), as ``mkdocs build --strict`` fails.
    """
    with tempfile.TemporaryDirectory(prefix="zensical-") as folder:
        staging = Path(folder)
        trajectories, diagnostics = stage(config_file, staging)
        for diagnostic in diagnostics:
            print(f"WARNING -  {(trajectories / diagnostic.source).as_posix()}: {diagnostic.message}", file=sys.stderr)
        command = [sys.executable, "-m", "zensical", "build", "-f", "mkdocs.yml"] + (["--strict"] if strict else [])
        status = subprocess.run(command, cwd=staging).returncode
        if status == 0:
            shutil.rmtree(site, ignore_errors=True)
            shutil.move(staging / "site", site)
    return 1 if status == 0 and strict and diagnostics else status
