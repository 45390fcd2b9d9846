"""The package's layers: the engine never reaches up into the integrations."""

from __future__ import annotations

import ast
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from collections.abc import Iterator

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "hatch_minipo"

ENGINE = ("errors", "po", "formats", "plural", "mo", "validate", "compiler", "languages")
ENGINE += ("_language_data", "workflow")
INTEGRATIONS = ("project", "hatch", "setuptools", "cli")

# What each part may import from the package, beyond itself: data flows one way.
ALLOWED = {
    **dict.fromkeys(ENGINE, ENGINE),
    "project": ENGINE,
    "hatch": (*ENGINE, "project"),
    "setuptools": (*ENGINE, "project"),
    "cli": (*ENGINE, "project", "setuptools", "hatch", "__init__"),
    "__main__": ("cli",),
}


def _part(path: Path) -> str:
    relative = path.relative_to(PACKAGE)
    return relative.parts[0] if len(relative.parts) > 1 else relative.stem


def _imported_parts(path: Path) -> set[str]:
    """The package's top-level parts a module imports, lazily inside functions too."""
    parts = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
            if node.module == "hatch_minipo":
                # The package itself (__version__) counts as __init__.
                names = [
                    f"hatch_minipo.{'__init__' if alias.name.startswith('__') else alias.name}"
                    for alias in node.names
                ]
        for name in names:
            if name.startswith("hatch_minipo."):
                parts.add(name.split(".")[1])
    return parts


MODULES = sorted(p for p in PACKAGE.rglob("*.py") if p.name != "__init__.py" or p.parent != PACKAGE)


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_imports_follow_the_layers(path: Path) -> None:
    """A module imports only its own part and the parts below it."""
    part = _part(path)
    allowed = {part, *ALLOWED[part]}
    assert _imported_parts(path) - allowed == set()


def test_every_part_has_a_place_in_the_layers() -> None:
    """A new module or subpackage must be placed in ALLOWED before it can be imported."""
    assert {_part(path) for path in MODULES} <= set(ALLOWED)


def _functions(blocks: list[Any]) -> Iterator[Any]:
    """radon's functions and methods, closures included."""
    for block in blocks:
        if hasattr(block, "methods"):
            yield from _functions([*block.methods, *block.inner_classes])
        else:
            yield block
            yield from _functions(block.closures)


def test_complex_functions_say_why() -> None:
    """A function of radon grade D or worse has a "# Complexity:" comment saying why."""
    complexity = pytest.importorskip("radon.complexity", reason="radon comes with the lint extra")
    unexplained = []
    for path in MODULES:
        source = path.read_text(encoding="utf-8")
        lines = source.splitlines()
        for block in _functions(complexity.cc_visit(source)):
            if complexity.cc_rank(block.complexity) in "ABC":
                continue
            above = lines[: block.lineno - 1]
            comments = []
            while above and above[-1].strip().startswith("#"):
                comments.append(above.pop().strip())
            if not any(c.startswith("# Complexity:") for c in comments):
                unexplained.append(f"{path.name}:{block.lineno} {block.fullname}")
    assert unexplained == []
