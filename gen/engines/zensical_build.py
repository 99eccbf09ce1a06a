"""Build the site with Zensical, Material's successor, from the same project.

Zensical runs no MkDocs hooks, so the pages are written first, as ``python
-m gen write`` writes them for any engine, into a staging folder beside a
copy of the static assets and template overrides. Its configuration is
derived from ``mkdocs.yml``, which stays the one source: the same theme,
navigation, Markdown extensions, stylesheets and scripts, without what only
MkDocs runs (hooks, validation) or reads against the project's folders
(watch). Zensical keeps the docs and site folders inside its configuration's
folder, so the site is built there and then moved where it was asked for.

Search: Zensical's search box renders the documents of its own ``search.json``
and nothing else; indexing every page there puts the corpus (17 MB) into every
page load. The pages stay out of it, and ``extra.site_search_dialog`` tells
``partials/search.html`` to render the site's own dialog
(``docs/javascripts/search-dialog.js``), which asks the site's search worker,
as Material's search box does under MkDocs.
"""

from __future__ import annotations

import posixpath
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Mapping
from pathlib import Path

import yaml
import yaml_env_tag

from gen.build_output import generate
from gen.engines.mirrored_folder import MirroredFolder, Source, files_under
from gen.records import Diagnostic

# Hooks run only under MkDocs; watch names the project's folders, which the staging folder lacks.
MKDOCS_ONLY_SETTINGS = ("hooks", "validation", "watch")
OVERRIDES = "overrides"
SEARCH_DIALOG_SCRIPT = "javascripts/search-dialog.js"
SEARCH_DIALOG_STYLESHEET = "stylesheets/search-dialog.css"
NOT_FOUND_PAGE = "404.html"
# An attribute's address from the server's root: href="/papers/", not href="//host/" or href="https://…".
ROOT_ADDRESS = re.compile(r'(\s(?:href|src)=")/(?!/)')


class _MkDocsConfigLoader(yaml.SafeLoader):
    """YAML with MkDocs' ``!ENV`` tag, read by the package MkDocs reads it with."""


yaml_env_tag.add_env_tag(_MkDocsConfigLoader)


def mkdocs_config(path: Path) -> dict:
    """The MkDocs configuration at ``path`` as MkDocs reads it, environment variables resolved."""
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_MkDocsConfigLoader)


def zensical_config(config: dict, docs_dir: str, site_dir: str) -> dict:
    """The Zensical configuration for the staged docs: ``config`` without MkDocs-only settings."""
    derived = {key: value for key, value in config.items() if key not in MKDOCS_ONLY_SETTINGS}
    derived["docs_dir"], derived["site_dir"] = docs_dir, site_dir
    # Classic: the look of Material, which the site's stylesheets are written for.
    derived["theme"] = dict(config["theme"], custom_dir=OVERRIDES, variant="classic")
    # Its templates write a skip link on every page; docs/overrides/main.html writes one only where Material does not.
    derived["extra"] = dict(config.get("extra") or {}, site_search_dialog=True, theme_skip_link=True)
    derived["extra_css"] = [*config.get("extra_css", []), SEARCH_DIALOG_STYLESHEET]
    derived["extra_javascript"] = [*config.get("extra_javascript", []), {"path": SEARCH_DIALOG_SCRIPT, "defer": True}]
    return derived


def trajectories_folder(config: dict, project: Path) -> Path:
    """The trajectories ``mkdocs build`` reads: ``extra.trajectories_dir``, which ``TRAJECTORIES_DIR`` sets."""
    return project / config["extra"]["trajectories_dir"]


def staged_files(config: dict, project: Path, generated: Mapping[str, str], site_url: str | None = None) -> dict[str, Source]:
    """What Zensical builds, by path in the staging folder: its configuration, the overrides, and in ``docs``
    the project's static files and the ``generated`` pages, which take the place of a static file of the same path.
    ``site_url``, when given, replaces the configuration's."""
    overrides = (project / config["theme"]["custom_dir"]).resolve()
    derived = zensical_config(config, "docs", "site")
    if site_url is not None:
        derived["site_url"] = site_url
    files: dict[str, Source] = {"mkdocs.yml": yaml.safe_dump(derived, sort_keys=False)}
    files.update((f"{OVERRIDES}/{relative}", path) for relative, path in files_under(overrides).items())
    files.update((f"docs/{relative}", path) for relative, path in files_under(docs_folder(config, project), overrides).items())
    for relative, content in generated.items():
        staged = posixpath.normpath(f"docs/{relative}")
        if not staged.startswith("docs/"):
            raise ValueError(f"page path {relative!r} lies outside the docs folder")
        files[staged] = content
    return files


def stage(config: dict, project: Path, staging: Path) -> tuple[Path, list[Diagnostic]]:
    """Write what Zensical builds into ``staging`` (``staged_files``). Returns the trajectories folder read and its problems."""
    trajectories = trajectories_folder(config, project)
    output = generate(trajectories)
    MirroredFolder(staging).update(staged_files(config, project, output.files))
    return trajectories, output.diagnostics


def docs_folder(config: dict, project: Path) -> Path:
    return project / config.get("docs_dir", "docs")


def print_warnings(trajectories: Path, diagnostics: list[Diagnostic]) -> None:
    """The inputs' problems on stderr, one line each, as ``mkdocs build`` logs them."""
    for diagnostic in diagnostics:
        print(f"WARNING -  {Diagnostic((trajectories / diagnostic.source).as_posix(), diagnostic.message)}", file=sys.stderr)


def build_with_zensical(config_file: Path, site: Path, strict: bool = False) -> int:
    """Stage the docs of the project of ``config_file`` (its ``mkdocs.yml``), run ``zensical build``
    on them and put the site at ``site``. The trajectories are those ``mkdocs build`` reads:
    ``TRAJECTORIES_DIR``, else the configuration's ``extra.trajectories_dir``.

    Returns Zensical's exit status; when strict (``strict`` or the configuration's
    ``strict``), 1 when the inputs had problems (each printed as a warning), as
    ``mkdocs build --strict`` fails.
    """
    config, project = mkdocs_config(config_file), config_file.parent
    _check_site_folder(project, docs_folder(config, project), site)
    strict = strict or bool(config.get("strict"))
    with tempfile.TemporaryDirectory(prefix="zensical-") as folder:
        staging = Path(folder)
        trajectories, diagnostics = stage(config, project, staging)
        print_warnings(trajectories, diagnostics)
        command = [sys.executable, "-m", "zensical", "build", "-f", "mkdocs.yml"] + (["--strict"] if strict else [])
        status = subprocess.run(command, cwd=staging).returncode
        if status == 0:
            if not config.get("site_url"):
                _relative_not_found_links(staging / "site" / NOT_FOUND_PAGE)
            _replace_folder(site, staging / "site")
    return 1 if status == 0 and strict and diagnostics else status


def _relative_not_found_links(page: Path) -> None:
    """Make the 404 page's addresses relative, as the MkDocs hook makes them (gen/engines/mkdocs_site.py).

    Without a ``site_url`` Zensical writes them from the server's root (``/papers/``), which
    misses a site served from a sub-path whatever base the page's script finds
    (docs/overrides/404.html). Relative to that base they reach the site's own folders.
    """
    if page.is_file():
        page.write_text(ROOT_ADDRESS.sub(r"\1./", page.read_text(encoding="utf-8")), encoding="utf-8")


def _check_site_folder(project: Path, docs: Path, site: Path) -> None:
    """Refuse a site folder whose replacement would delete the project or write into its docs,
    as MkDocs refuses a site_dir that holds the docs_dir."""
    if project.resolve().is_relative_to(site.resolve()) or site.resolve().is_relative_to(docs.resolve()):
        raise SystemExit(f"the site folder {site} would replace the project or its docs; pick another (-d)")
    if site.exists() and not site.is_dir():
        raise SystemExit(f"the site folder {site} is a file")


def _replace_folder(target: Path, built: Path) -> None:
    """Put ``built`` at ``target``: the old folder is set aside first and deleted once the new one is in place."""
    target.parent.mkdir(parents=True, exist_ok=True)
    old = target.with_name(f".{target.name}.old")
    if old.exists():
        shutil.rmtree(old)
    if target.exists():
        target.rename(old)
    shutil.move(built, target)
    if old.exists():
        shutil.rmtree(old)
