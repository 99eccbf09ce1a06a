"""The generator's layers (CONTRIBUTING.md, "Architecture"): what each part of gen/ may import.

Every import in gen/ is read with ``ast``, those inside functions included, and checked against
the table below. A new top-level module or package of gen/ needs its own row.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

GEN = Path(__file__).resolve().parent.parent / "gen"

# What each part of gen/ may import from gen/ (a package by its folder, a module by its name).
FOUNDATION = {"records", "memo"}
MAY_IMPORT = {
    "__init__": set(),
    "records": set(),
    "memo": set(),
    "reading": {"records"},
    "model": FOUNDATION | {"reading"},
    # The pages and the data files are one layer: pages quote the data's schema and files, the
    # downloads link the ablations' anchors on the pages.
    "pages": FOUNDATION | {"reading", "model", "data"},
    "data": FOUNDATION | {"reading", "model", "pages"},
    "papers_skeleton": FOUNDATION | {"reading", "model"},
    "build_output": FOUNDATION | {"reading", "model", "pages", "data"},
    # The engines reach the generator through build_output only.
    "engines": {"records", "build_output"},
    "__main__": {"records", "memo", "reading", "model", "pages", "data", "papers_skeleton", "build_output", "engines"},
}
# Third-party libraries only one part of gen/ may import (a part is a package folder or a module path).
ONLY_IN = {
    # The static-site engines and what only their glue uses.
    **dict.fromkeys(("mkdocs", "material", "properdocs", "zensical", "jinja2", "watchdog", "yaml_env_tag"), "engines"),
    # The one CommonMark renderer, sanitizer and formula typesetter.
    **dict.fromkeys(("markdown_it", "mdit_py_plugins", "nh3", "latex2mathml"), "pages/rendering.py"),
}


def _modules() -> list[Path]:
    return sorted(path for path in GEN.rglob("*.py") if "__pycache__" not in path.parts)


def _part(path: Path, root: Path = GEN) -> str:
    """The row of MAY_IMPORT a file of gen/ falls under."""
    relative = path.relative_to(root)
    return relative.parts[0] if len(relative.parts) > 1 else relative.stem


def _module_name(path: Path, root: Path = GEN) -> str:
    relative = path.relative_to(root.parent).with_suffix("")
    parts = relative.parts[:-1] if relative.name == "__init__" else relative.parts
    return ".".join(parts)


def imported_names(path: Path, root: Path = GEN) -> list[tuple[int, str]]:
    """Every module a file imports, absolute (relative imports resolved), with its line."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    name = _module_name(path, root)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
                names += [(node.lineno, f"{module}.{alias.name}" if not node.module else module) for alias in node.names]
            else:
                names.append((node.lineno, node.module))
    return names


def forbidden_imports(path: Path, root: Path = GEN) -> list[str]:
    """The imports of one file of gen/ that its part may not make, as ``file:line: what (why)``."""
    part, where = _part(path, root), path.relative_to(root).as_posix()
    problems = []
    for line, name in imported_names(path, root):
        top, _, rest = name.partition(".")
        if top == "gen":
            target = rest.partition(".")[0] or "__init__"
            if target != part and target not in MAY_IMPORT[part]:
                problems.append(f"gen/{where}:{line}: {name} (gen/{part} may import {sorted(MAY_IMPORT[part]) or 'nothing of gen'})")
        elif top in ONLY_IN:
            owner = ONLY_IN[top]
            if not (where == owner or where.startswith(owner + "/")):
                problems.append(f"gen/{where}:{line}: {name} (only gen/{owner} may import {top})")
    return problems


def test_every_part_of_gen_has_its_rules():
    unknown = sorted({_part(path) for path in _modules()} - MAY_IMPORT.keys())
    assert unknown == [], f"add these parts of gen/ to MAY_IMPORT in {Path(__file__).name}: {unknown}"


@pytest.mark.parametrize("path", _modules(), ids=lambda path: path.relative_to(GEN).as_posix())
def test_imports_follow_the_layers(path):
    problems = forbidden_imports(path)
    assert not problems, "\n".join(problems)


def test_the_check_sees_a_forbidden_import(tmp_path):
    """The rules catch what they are for: the reader importing MkDocs or the pages, even inside a function."""
    root = tmp_path / "gen"
    module = root / "reading" / "example.py"
    module.parent.mkdir(parents=True)
    module.write_text("import gen.records\n\ndef f():\n    from mkdocs.utils import get_relative_url\n"
                      "    from ..pages import markup\n", encoding="utf-8")
    problems = forbidden_imports(module, root)
    assert [problem.split(" ")[1] for problem in problems] == ["mkdocs.utils", "gen.pages"], problems
