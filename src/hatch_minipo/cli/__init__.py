"""The ``minipo`` command: one subcommand per module, all built on the same catalog core."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from hatch_minipo import __version__
from hatch_minipo.cli import check as check_cmd
from hatch_minipo.cli import compile as compile_cmd
from hatch_minipo.cli import expand as expand_cmd
from hatch_minipo.cli import extract as extract_cmd
from hatch_minipo.cli import imports as import_cmd
from hatch_minipo.cli import init as init_cmd
from hatch_minipo.cli import minimize as minimize_cmd
from hatch_minipo.cli import stats as stats_cmd
from hatch_minipo.cli import update as update_cmd
from hatch_minipo.cli.common import set_verbosity

if TYPE_CHECKING:
    from collections.abc import Sequence

# Exit codes shared by every subcommand.
OK, REFUSED, USAGE = 0, 1, 2

_COMMANDS = (
    compile_cmd,
    minimize_cmd,
    check_cmd,
    expand_cmd,
    extract_cmd,
    import_cmd,
    init_cmd,
    stats_cmd,
    update_cmd,
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="minipo",
        description="Compile, minimize, expand and check gettext catalogs (.mini.po).",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for module in _COMMANDS:
        module.register(commands)
    for subparser in commands.choices.values():
        volume = subparser.add_mutually_exclusive_group()
        volume.add_argument("-q", "--quiet", action="store_true", help="print problems only")
        volume.add_argument(
            "-v", "--verbose", action="store_true", help="also name the files left as they were"
        )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    set_verbosity(-1 if args.quiet else 1 if args.verbose else 0)
    try:
        code: int = args.run(args, parser)
    except KeyboardInterrupt:
        return 130
    sys.stdout.flush()
    return code
