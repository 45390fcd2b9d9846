"""The package's layers: the engine never reaches up into the integrations."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

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
