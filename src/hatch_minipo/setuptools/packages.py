"""Where setuptools takes each package from, and where a project file lands in the wheel.

setuptools maps import packages to folders (``package_dir``); the wheel holds each package's
folder under its dotted name.  A ``.mo`` target is a project path (``src/pkg/locale/...``,
as discovery gives it), so it is mapped back the same way (``pkg/locale/...``).
"""

from __future__ import annotations

import dataclasses
import posixpath
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping


def normalize_folder(folder: str) -> str:
    """``./src\\pkg/`` -> ``src/pkg``; the project root is ``""``."""
    normalized = posixpath.normpath(folder.replace("\\", "/"))
    return "" if normalized == "." else normalized


@dataclasses.dataclass(frozen=True)
class PackageMap:
    """The packages a wheel ships and their project-relative folders (POSIX, normalized)."""

    # Dotted package name -> folder, as setuptools' build_py resolves it.
    folders: Mapping[str, str]
    # The folder of the root package (``package_dir[""]``): modules outside any package.
    root: str = ""

    @classmethod
    def of(cls, packages: Iterable[str], folder_of: Mapping[str, str], root: str) -> PackageMap:
        return cls(
            folders={name: normalize_folder(folder_of[name]) for name in packages},
            root=normalize_folder(root),
        )

    def top_level(self) -> tuple[str, ...]:
        """The folders of the packages whose parent the wheel does not ship, sorted by name.

        These are where discovery looks for in-package catalogs and, when there is one, where
        ``<lang>.mini.po`` catalogs compile to.
        """
        return tuple(
            self.folders[name]
            for name in sorted(self.folders)
            if name.rpartition(".")[0] not in self.folders
        )

    def wheel_path(self, path: str) -> str | None:
        """Where the project file ``path`` lands in the wheel; None if outside every package.

        The deepest package holding it decides; a file outside every package lands where a
        module would, relative to the root package folder, or nowhere if it is outside that too.
        """
        best: tuple[int, str] | None = None
        for name, folder in self.folders.items():
            inside = _relative(path, folder)
            if inside is not None and (best is None or len(folder) > best[0]):
                best = (len(folder), f"{name.replace('.', '/')}/{inside}")
        if best is not None:
            return best[1]
        return _relative(path, self.root)


def _relative(path: str, folder: str) -> str | None:
    if not folder:
        return path
    prefix = f"{folder}/"
    return path[len(prefix) :] if path.startswith(prefix) else None
