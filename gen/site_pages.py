"""The mkdocs-gen-files script: read the trajectories, add the generated pages to the build.

MkDocs runs this file on every build (``mkdocs serve`` included). Problems with
input files are logged as MkDocs warnings, one line each naming the file, so a
plain build completes and ``mkdocs build --strict`` fails on them.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import mkdocs_gen_files
from mkdocs.structure.files import File


def _fresh_gen_modules() -> None:
    """Forget imported ``gen`` modules, so that ``mkdocs serve`` picks up edits to gen/."""
    for name in [name for name in sys.modules if name == "gen" or name.startswith("gen.")]:
        del sys.modules[name]


def _add_in_memory(files: dict[str, str]) -> None:
    """Hand the generated files to gen-files' editor as MkDocs 1.6 in-memory files.

    ``mkdocs_gen_files.open`` writes every file to a temporary folder that MkDocs
    then reads back: some 3,000 files and folders, which on a slow disk cost
    more than the rest of the hook together. gen-files keeps its files in a
    mapping that already holds content-backed files (it copies them when one is
    reopened); it has no public call to add one, hence the private attribute.
    """
    editor = mkdocs_gen_files.editor.FilesEditor.current()
    for path, content in files.items():
        editor._files[path] = File.generated(editor.config, path, content=content)


def main() -> None:
    _fresh_gen_modules()
    project = Path(mkdocs_gen_files.config.config_file_path).parent
    if str(project) not in sys.path:
        sys.path.insert(0, str(project))
    from gen.build_output import generate

    log = logging.getLogger("mkdocs.plugins.trajectories")
    output = generate(project / mkdocs_gen_files.config.extra["trajectories_dir"])
    for diagnostic in output.diagnostics:
        log.warning("trajectory %s", diagnostic)
    steps = ", ".join(f"{step} {seconds:.2f} s" for step, seconds in output.seconds.items())
    log.debug("generated %d files: %s", len(output.files), steps)
    _add_in_memory(output.files)


main()
