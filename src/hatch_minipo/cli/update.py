"""``minipo update``: the template from the sources, then every language's full ``X.po``.

What ``pybabel update`` does in one step: ``minipo extract`` (the project's template), then
``minipo expand`` (each ``X.mini.po`` with it into ``X.po``, ready for translators).  Project
mode only; the options are those of the two commands.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import argparse


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from hatch_minipo.cli.cache import add_cache_option
    from hatch_minipo.cli.minimize import add_width_options

    parser = commands.add_parser(
        "update",
        help="extract the project's template, then expand every catalog into X.po",
        description="minipo extract, then minipo expand, on the project's catalogs: the "
        "template made again from the sources and a full X.po beside each X.mini.po.",
    )
    parser.add_argument(
        "-k", "--keyword", action="append", default=[], metavar="SPEC", help="as for extract"
    )
    parser.add_argument(
        "-c", "--add-comments", action="append", default=[], metavar="TAG", help="as for extract"
    )
    parser.add_argument("--force", action="store_true", help="as for expand")
    add_width_options(parser)
    add_cache_option(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, _parser: argparse.ArgumentParser) -> int:
    from hatch_minipo.cli import main

    width = ["--no-wrap"] if args.no_wrap else ["--width", str(args.width)]
    width += ["--quiet"] if args.quiet else ["--verbose"] if args.verbose else []
    extract = ["extract", *width]
    for spec in args.keyword:
        extract += ["-k", spec]
    for tag in args.add_comments:
        extract += ["-c", tag]
    code = main(extract)
    if code != 0:
        return code
    expand = ["expand", *width, *(["--force"] if args.force else [])]
    return main([*expand, *([] if args.cache else ["--no-cache"])])
