"""The mkdocs-gen-files script: read the trajectories, write the generated pages.

MkDocs runs this file on every build (``mkdocs serve`` included). Problems with
input files are logged as MkDocs warnings, one line each naming the file, so a
plain build completes and ``mkdocs build --strict`` fails on them.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import mkdocs_gen_files


def _fresh_gen_modules() -> None:
    """Forget imported ``gen`` modules, so that ``mkdocs serve`` picks up edits to gen/."""
    for name in [name for name in sys.modules if name == "gen" or name.startswith("gen.")]:
        del sys.modules[name]


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
    for path, content in output.files.items():
        with mkdocs_gen_files.open(path, "w", encoding="utf-8") as file:
            file.write(content)


main()
