"""``build_minipo``: the ``build`` sub-command that compiles a setuptools project's catalogs.

It follows setuptools' ``SubCommand`` protocol: ``.mo`` files go into ``build_lib`` for wheels
(never into the source tree), into the source tree for editable installs (where the package is
imported from), and ``get_source_files`` puts the ``.mini.po`` catalogs into the sdist.
Discovery, options and the compiler are the hatch hook's, so both backends ship the same files.
"""

from __future__ import annotations

import contextlib
import dataclasses
import logging
import os
import time
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from setuptools import Command  # type: ignore[import-untyped,unused-ignore]  # typed from 71
from setuptools.errors import BaseError  # type: ignore[import-untyped,unused-ignore]

from hatch_minipo.errors import MinipoError
from hatch_minipo.project.pyproject import project_domain
from hatch_minipo.setuptools.options import (
    load_options,
    project_root,
    read_table,
)
from hatch_minipo.setuptools.packages import PackageMap

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

    from hatch_minipo.compiler import CompileResult
    from hatch_minipo.project.config import HookConfig
    from hatch_minipo.project.discovery import CatalogFile, Discovery

# setuptools (>= 65.6) sends its own messages through logging: INFO to stdout, the rest to stderr.
_logger = logging.getLogger(__name__)


class BuildRefusedError(MinipoError, BaseError):  # type: ignore[misc,unused-ignore]
    """A refusal setuptools ends the build with as ``error: ...``, without a traceback.

    setuptools prints a DistutilsError (BaseError) that way; any other exception comes with
    the traceback of every frame between the front end and this command.
    """


@contextlib.contextmanager
def _refusing() -> Iterator[None]:
    try:
        yield
    except BuildRefusedError:
        raise
    except MinipoError as exc:
        raise BuildRefusedError(exc.printable().split("\n")) from exc
    except OSError as exc:
        where = f"{exc.filename}: " if exc.filename else ""
        raise BuildRefusedError([f"minipo: {where}{exc.strerror or exc}"]) from exc


@dataclasses.dataclass(frozen=True)
class Found:
    """The catalogs found in the project, and what was needed to find them."""

    root: Path
    config: HookConfig
    packages: PackageMap
    discovery: Discovery


@dataclasses.dataclass(frozen=True)
class Plan:
    """What a build compiles, and where each ``.mo`` lands in the wheel."""

    found: Found
    selected: list[CatalogFile]
    # Requested languages that no catalog has (a warning, not an error).
    missing: list[str]
    # Catalog target (project path) -> path inside the wheel, for the selected catalogs.
    wheel_paths: dict[str, str]


class BuildMinipo(Command):  # type: ignore[misc,unused-ignore]  # untyped before setuptools 71
    """Compile the ``.mini.po`` catalogs found as the hatch hook finds them into ``.mo`` files."""

    description = "compile .mini.po catalogs into .mo files (hatch-minipo)"
    user_options: ClassVar[list[tuple[str, str | None, str]]] = []

    # Set to True by setuptools (after initialize_options) when it builds an editable wheel.
    editable_mode: bool = False
    build_lib: str | None = None

    def initialize_options(self) -> None:
        self.editable_mode = False
        self.build_lib = None
        self._found: Found | None = None
        self._plan: Plan | None = None

    def finalize_options(self) -> None:
        self.set_undefined_options("build_py", ("build_lib", "build_lib"))

    # -- the SubCommand protocol: these work whether run() ran or not ---------------------------

    def get_source_files(self) -> list[str]:
        """Every catalog found (whatever the language filter), so the sdist can build wheels."""
        return [catalog.source for catalog in self._find().discovery.catalogs]

    def get_outputs(self) -> list[str]:
        plan = self._plan_build()
        if self._shared(plan):
            return []  # data files: install_data installs them, not the package
        return [self._output(plan.wheel_paths[catalog.target]) for catalog in plan.selected]

    def get_output_mapping(self) -> dict[str, str]:
        """Editable builds compile into the tree: each output is the tree's file (strict mode
        links it); regular builds generate their outputs, which have no source to map to.
        """
        if not self.editable_mode:
            return {}
        plan = self._plan_build()
        if self._shared(plan):
            return {}
        return {
            self._output(plan.wheel_paths[catalog.target]): str(plan.found.root / catalog.target)
            for catalog in plan.selected
        }

    def run(self) -> None:
        with _refusing():
            self._run()

    def _run(self) -> None:
        from hatch_minipo.project.build import (
            compile_catalogs,
            plural,
            raise_for_refusals,
            write_into_tree,
        )

        started = time.perf_counter()
        plan = self._plan_build()
        found = plan.found
        if plan.missing:
            _logger.warning(
                "minipo: %s asks for %s, which no catalog has; languages available: %s",
                found.config.languages_origin,
                ", ".join(plan.missing),
                ", ".join(found.discovery.languages),
            )
        results = compile_catalogs(found.root, plan.selected, found.config.check)
        raise_for_refusals(results, lambda text: _logger.warning("%s", text))

        if self._shared(plan):
            # Editable or not, the .mo files are data files: <prefix>/share/locale, where the
            # same lookup finds them.
            self._add_data_files(plan, results)
            if not self.editable_mode:
                self._remove_stale(plan)
            where = "as data files, for <prefix>/share/locale"
        elif self.editable_mode:
            written = write_into_tree(found.root, plan.selected, results)
            where = "into the source tree, for the editable install"
            _logger.info(
                "minipo: editable install: .mo files go into the source tree, where the package"
                " is imported from (%d new or changed); after editing a catalog, install again",
                written,
            )
        else:
            self._write_into_build(plan, results)
            where = f"into {self.build_lib}, for the wheel"
        elapsed = time.perf_counter() - started
        messages = sum(result.messages for result in results)
        _logger.info(
            "minipo: compiled %s, %s, in %.2f s (%s)",
            plural(len(results), "catalog"),
            plural(messages, "message"),
            elapsed,
            where,
        )

    # -- the work -------------------------------------------------------------------------------

    def _find(self) -> Found:
        """The catalogs found; raises BuildRefusedError naming every problem, or where it looked."""
        if self._found is None:
            with _refusing():
                self._found = self._discover()
        return self._found

    def _discover(self) -> Found:
        from hatch_minipo.project.discovery import Layout, discover

        root = project_root(self.distribution)
        config = load_options(read_table(root / "pyproject.toml") or {}, environ=os.environ)
        packages = self._packages()
        layout = Layout(
            root=root,
            packages=packages.top_level(),
            project_domain=project_domain(self.distribution.get_name()),
        )
        discovery = discover(layout, config)
        discovery.raise_for_problems(require_catalogs=True)
        return Found(root, config, packages, discovery)

    def _plan_build(self) -> Plan:
        if self._plan is None:
            with _refusing():
                self._plan = self._make_plan()
        return self._plan

    def _make_plan(self) -> Plan:
        from hatch_minipo.project.discovery import DiscoveryError, select_languages

        found = self._find()
        config, packages = found.config, found.packages
        selected, missing = select_languages(found.discovery, config)
        wheel_paths: dict[str, str] = {}
        problems: list[str] = []
        for catalog in selected:
            if config.install_layout == "share":
                wheel_paths[catalog.target] = catalog.target  # under the wheel's data
                continue
            inside = packages.wheel_path(catalog.target)
            if inside is None:
                problems.append(
                    f"{catalog.source}: its .mo would go to {catalog.target}, outside every"
                    f" package the wheel ships ({_listed(packages.top_level())}); set"
                    f" {config.key('destination')} to a folder inside one"
                )
            else:
                wheel_paths[catalog.target] = inside
        if problems:
            raise DiscoveryError(problems)
        return Plan(found, selected, missing, wheel_paths)

    def _packages(self) -> PackageMap:
        build_py = self.get_finalized_command("build_py")
        names = list(self.distribution.packages or ())
        return PackageMap.of(
            names,
            {name: build_py.get_package_dir(name) for name in names},
            root=build_py.package_dir.get("", "") if build_py.package_dir else "",
        )

    @staticmethod
    def _shared(plan: Plan) -> bool:
        return plan.found.config.install_layout == "share"

    def _add_data_files(self, plan: Plan, results: Sequence[CompileResult]) -> None:
        """Compile into the build folder and list each .mo in the distribution's data files.

        install_data (run by bdist_wheel and editable_wheel after ``build``) copies them into
        the wheel's ``.data/data/share/locale``; the list object is the one install_data reads.
        """
        from hatch_minipo.project.build import write_if_changed

        build_base = Path(self.get_finalized_command("build").build_base)
        folder = (plan.found.root / build_base / "minipo").resolve()
        data_files = self.distribution.data_files
        if data_files is None:
            data_files = self.distribution.data_files = []
        # editable_wheel asks the distribution for has_data(), which does not exist, so it never
        # runs install_data (checked with setuptools 84): the files go straight into the
        # editable wheel's data folder, which it set on the install command.
        editable_data = None
        if self.editable_mode:
            editable_data = getattr(
                self.distribution.get_command_obj("install"), "install_data", None
            )
        for catalog, result in zip(plan.selected, results):
            if result.mo is None:  # refusals raised before this point
                continue
            path = folder / catalog.target
            write_if_changed(path, result.mo)
            entry = (catalog.target.rsplit("/", 1)[0], [str(path)])
            if entry not in data_files:
                data_files.append(entry)
            if isinstance(editable_data, str):
                write_if_changed(Path(editable_data, catalog.target), result.mo)

    def _output(self, wheel_path: str) -> str:
        return str(Path(self.build_lib or "", *wheel_path.split("/")))

    def _write_into_build(self, plan: Plan, results: Sequence[CompileResult]) -> None:
        from hatch_minipo.project.build import write_if_changed

        for catalog, result in zip(plan.selected, results):
            if result.mo is not None:  # refusals raised before this point
                write_if_changed(Path(self._output(plan.wheel_paths[catalog.target])), result.mo)
        self._remove_stale(plan)

    def _remove_stale(self, plan: Plan) -> None:
        # build_lib outlives builds, and build_py copies package data into it: in-package
        # sources must not ship, nor the .mo of a language an earlier build compiled and this
        # one's filter leaves out.
        selected = {catalog.target for catalog in plan.selected}
        for catalog in plan.found.discovery.catalogs:
            stale = [catalog.source]
            if catalog.target not in selected:
                stale.append(catalog.target)
            for path in stale:
                inside = plan.found.packages.wheel_path(path)
                if inside is not None:
                    Path(self._output(inside)).unlink(missing_ok=True)


def _listed(folders: tuple[str, ...]) -> str:
    return ", ".join(folders) if folders else "none found"


__all__ = ["BuildMinipo", "Found", "Plan"]
