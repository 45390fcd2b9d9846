"""The ``minipo`` build hook: compile ``.mini.po`` catalogs into the ``.mo`` files a build ships.

hatchling constructs hooks just to ask for their dependencies, so nothing happens before
``initialize()``; the build core (``project.build``), the engine and the option parser are
imported there, not here.  What is hatchling's own lives here: force_include, the builder's
file selection, app.display_* and the editable version.
"""

from __future__ import annotations

import contextlib
import functools
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

    from hatchling.builders.config import BuilderConfig

    from hatch_minipo.compiler import CompileResult
    from hatch_minipo.project.config import HookConfig
    from hatch_minipo.project.discovery import CatalogFile, Layout


class MinipoBuildHook(BuildHookInterface["BuilderConfig"]):
    """Compiles catalogs for wheels (into a temporary folder), sdists and editable installs."""

    PLUGIN_NAME = "minipo"

    _temporary: str | None = None
    _restore_exclusion: Callable[[], None] | None = None

    @functools.cached_property
    def options(self) -> HookConfig:
        """The validated hook table (raises ConfigError naming every wrong key)."""
        from hatch_minipo.project.config import GLOBAL_TABLE, load_config, target_table

        target_hooks = self.build_config.target_config.get("hooks", {})
        per_target = isinstance(target_hooks, dict) and self.PLUGIN_NAME in target_hooks
        location = target_table(self.target_name) if per_target else GLOBAL_TABLE
        return load_config(self.config, location=location, environ=os.environ)

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        with self._aborting():
            self._initialize(version, build_data)

    def clean(self, versions: list[str]) -> None:  # noqa: ARG002
        """Remove the ``.mo`` files compiled into the tree: those whose ``.mini.po`` is found."""
        with self._aborting():
            self._clean()

    @contextlib.contextmanager
    def _aborting(self) -> Iterator[None]:
        """End a refused build through ``app.abort``: the problems, one a line, no traceback.

        OSError is the file system's refusal (a read-only or full destination), said with its
        path. finalize() does not run after an abort, so what it undoes is undone here.
        """
        from hatch_minipo.errors import MinipoError, printable

        try:
            yield
        except (MinipoError, OSError) as exc:
            self.finalize("", {}, "")
            if isinstance(exc, MinipoError):
                message = exc.printable()
            else:
                where = f"{exc.filename}: " if exc.filename else ""
                message = printable(f"minipo: {where}{exc.strerror or exc}")
            self.app.abort(message)

    def _initialize(self, version: str, build_data: dict[str, Any]) -> None:
        import time

        from hatch_minipo.project import build
        from hatch_minipo.project.discovery import discover, select_languages

        plural = build.plural

        started = time.perf_counter()
        config = self.options
        layout = self._layout()
        discovery = discover(layout, config)
        discovery.raise_for_problems(require_catalogs=True)
        owned = {catalog.target for catalog in discovery.catalogs}

        if self.target_name == "sdist" and not config.sdist_mo:
            # Leftovers of an editable install must not ship as if this build made them.
            self._exclude_from_tree(owned)
            self.app.display_info(
                f"minipo: the sdist carries {plural(len(owned), 'catalog')} as .mini.po only"
                f" ({config.key('sdist-mo')} is false)"
            )
            return

        selected, missing = select_languages(discovery, config)
        if missing:
            self.app.display_warning(
                f"minipo: {config.languages_origin} asks for {', '.join(missing)}, which no"
                f" catalog has; languages available: {', '.join(discovery.languages)}"
            )
        results = build.compile_catalogs(layout.root, selected, config.check)
        build.raise_for_refusals(results, self.app.display_warning)

        shared = config.install_layout == "share" and self.target_name != "sdist"
        if shared:
            # <name>.data/data/share/locale/...: pip and uv install it under the prefix, for an
            # editable install as for a normal one (the same lookup finds both).
            self._include(selected, results, build_data, "shared_data")
            where = f"for the {self.target_name}, in <prefix>/share/locale"
            self._exclude_from_tree({catalog.source for catalog in discovery.catalogs})
        elif version == "editable":
            written = build.write_into_tree(layout.root, selected, results)
            where = "into the source tree, for the editable install"
            self.app.display_info(
                f"minipo: editable install: .mo files go into the source tree ({written} new or"
                " changed); after editing a catalog, install again or run"
                " `hatch build --hooks-only -t wheel:editable`; `hatch clean` removes them"
            )
        else:
            self._include(selected, results, build_data, "force_include")
            where = f"for the {self.target_name}"
            # Stale in-tree copies and (for wheels) the sources stay out of the artifact.
            hidden = set(owned)
            if self.target_name != "sdist":
                hidden.update(catalog.source for catalog in discovery.catalogs)
            self._exclude_from_tree(hidden)

        elapsed = time.perf_counter() - started
        messages = sum(result.messages for result in results)
        for catalog, result in zip(selected, results):
            count = plural(result.messages, "message")
            self.app.display_debug(f"minipo: {catalog.source} -> {catalog.target} ({count})")
        self.app.display_info(
            f"minipo: compiled {plural(len(results), 'catalog')}, {plural(messages, 'message')},"
            f" in {elapsed:.2f} s ({where})"
        )

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:  # noqa: ARG002
        self._remove_temporary()
        if self._restore_exclusion is not None:
            self._restore_exclusion()
            self._restore_exclusion = None

    def _clean(self) -> None:
        from hatch_minipo.project.build import clean_tree, plural
        from hatch_minipo.project.discovery import discover

        if self.options.install_layout == "share":
            return  # nothing was compiled into the tree
        layout = self._layout()
        # Problems (an odd file name) do not stop cleaning what is known to be ours.
        removed = clean_tree(layout.root, discover(layout, self.options).catalogs)
        if removed:
            self.app.display_info(
                f"minipo: removed {plural(removed, 'compiled catalog')} from the source tree"
            )

    def _layout(self) -> Layout:
        from hatch_minipo.project.discovery import Layout
        from hatch_minipo.project.pyproject import project_domain

        return Layout(
            root=Path(self.root),
            packages=self._wheel_packages(),
            project_domain=project_domain(self.metadata.core.name),
        )

    def _wheel_packages(self) -> tuple[str, ...]:
        """The project-relative folders of the wheel's top-level packages, as hatchling sees them.

        The sdist needs them too (a flat catalog's .mo goes into the package), so outside the
        wheel target a wheel builder is made just to read its file selection.
        """
        if self.target_name == "wheel":
            return package_folders(self.root, self.build_config)
        from hatchling.builders.wheel import WheelBuilder

        return package_folders(self.root, WheelBuilder(self.root, metadata=self.metadata).config)

    def _include(
        self,
        catalogs: Sequence[CatalogFile],
        results: Sequence[CompileResult],
        build_data: dict[str, Any],
        mapping: str,
    ) -> None:
        """Write the .mo files into a temporary folder and add them to ``build_data[mapping]``
        (``force_include``: paths in the artifact; ``shared_data``: in the wheel's data)."""
        import tempfile
        import weakref

        self._remove_temporary()
        _sweep_temporary_folders(tempfile.gettempdir())
        # The process id in the name lets a later build remove it if this one is killed.
        temporary = tempfile.mkdtemp(prefix=f"{_TEMPORARY_PREFIX}{os.getpid()}-")
        self._temporary = temporary
        # finalize() is skipped by --hooks-only and by a failure of the build itself.
        weakref.finalize(self, _remove_folder, temporary)
        for catalog, result in zip(catalogs, results):
            if result.mo is None:  # refusals raised before this point
                continue
            path = Path(temporary, catalog.target)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(result.mo)
            # Added to, never replaced: the sdist builder pre-fills force_include.
            build_data[mapping][str(path)] = catalog.target

    def _exclude_from_tree(self, paths: set[str]) -> None:
        """Keep these project-relative files out of the artifact's tree walk.

        Hooks cannot exclude through build data (hatch issue 1787), so the builder's own
        exclusion test is wrapped on this builder's config, and unwrapped in finalize().
        """
        from hatch_minipo.project.atomic import is_temporary

        builder_config = self.build_config
        original = builder_config.path_is_excluded

        def path_is_excluded(relative_path: str) -> bool:
            relative = relative_path.replace(os.sep, "/")
            # A temporary file a killed editable build left beside a .mo is not shipped.
            return (
                relative in paths
                or is_temporary(relative.rsplit("/", 1)[-1])
                or original(relative_path)
            )

        builder_config.path_is_excluded = path_is_excluded  # type: ignore[method-assign]

        def restore() -> None:
            vars(builder_config).pop("path_is_excluded", None)

        self._restore_exclusion = restore

    def _remove_temporary(self) -> None:
        if self._temporary is not None:
            _remove_folder(self._temporary)
            self._temporary = None


def package_folders(root: str, wheel_config: BuilderConfig) -> tuple[str, ...]:
    """The project-relative folders of the wheel's top-level packages; () if it cannot tell."""
    try:
        packages = [p.replace(os.sep, "/") for p in wheel_config.packages]
        if not packages:
            packages = [
                os.path.relpath(source, root).replace(os.sep, "/")
                for source in wheel_config.only_include
                if Path(source).is_dir()
            ]
    except (TypeError, ValueError):
        # hatchling cannot tell what the wheel ships; explicit options may still work, and
        # discovery says so when they are needed.
        return ()
    return tuple(packages)


def project_package_folders(root: Path) -> tuple[str, ...]:
    """The same for a project on disk, outside any build (the CLI's project mode)."""
    from hatchling.builders.wheel import WheelBuilder

    try:
        config = WheelBuilder(str(root)).config
        return package_folders(str(root), config)
    except Exception:  # noqa: BLE001 -- any hatchling complaint: explicit options may still do
        return ()


_TEMPORARY_PREFIX = "hatch-minipo-"


def _sweep_temporary_folders(parent: str) -> None:
    """Remove the temporary folders of builds that were killed (their process is gone)."""
    from hatch_minipo.project.atomic import running

    try:
        folders = [p for p in Path(parent).iterdir() if p.name.startswith(_TEMPORARY_PREFIX)]
    except OSError:
        return
    for folder in folders:
        pid = folder.name[len(_TEMPORARY_PREFIX) :].split("-", 1)[0]
        if pid.isdigit() and len(pid) < 10 and not running(int(pid)):
            _remove_folder(str(folder))


def _remove_folder(path: str) -> None:
    import shutil

    shutil.rmtree(path, ignore_errors=True)
