"""Registers the ``minipo`` build hook with hatchling; nothing else happens on import."""

from __future__ import annotations

from hatchling.plugin import hookimpl

from hatch_minipo.hatch.plugin import MinipoBuildHook


@hookimpl
def hatch_register_build_hook() -> type[MinipoBuildHook]:
    return MinipoBuildHook
