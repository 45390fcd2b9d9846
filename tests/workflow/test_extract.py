"""extract: the template xgettext --language=Python writes, found with Babel."""

from __future__ import annotations

import re
import subprocess
import sys
from typing import TYPE_CHECKING

import pytest

from gnu import require
from hatch_minipo.cli import main
from hatch_minipo.errors import CatalogError
from hatch_minipo.po.reader import parse_po
from hatch_minipo.po.writer import write_po
from hatch_minipo.workflow.extract import (
    DEFAULT_KEYWORDS,
    Source,
    TemplateInfo,
    creation_date,
    extract,
    find_sources,
    parse_keyword,
)

if TYPE_CHECKING:
    from pathlib import Path

EPOCH = {"SOURCE_DATE_EPOCH": "1700000000"}
# xgettext 0.21 has no pgettext family for Python; these make it find what Babel finds.
XGETTEXT_KEYWORDS = ("-kpgettext:1c,2", "-knpgettext:1c,2,3")
PACKAGE = {
    "pkg/__init__.py": """\
from gettext import gettext as _, ngettext, pgettext, npgettext

# TRANSLATORS: shown when the program starts
print(_("Hello, world"))
# an ordinary comment
print(_("Hello, world"))
print(ngettext("%d file", "%d files", 3) % 3)
print(pgettext("menu", "Open"))
print(npgettext("menu", "{n} item", "{n} items", 2))
message = _(
    "a string written "
    "on two lines"
)
# TRANSLATORS: first line
# second line
accent = _("Ünïcode text")
width = _("A rather long message that certainly does not fit on one line of seventy-nine "
          "columns, so that it must be wrapped")
percent = _("100% sure")
escaped = _("tab\\there, quote \\" and newline\\n")
""",
    "pkg/_private/__init__.py": "",
    "pkg/_private/helpers.py": """\
import gettext
_ = gettext.gettext

def f(name):
    # TRANSLATORS: name is a person
    return _("Private %(name)s") % {"name": name} + _("Hello, world")
""",
    "pkg/_internal/deep/mod.py": 'from gettext import ngettext\nngettext("one", "%(n)s many", 2)\n',
    "pkg/__pycache__/junk.py": '_("from a cache")\n',
    "pkg/.hidden/secret.py": '_("from a hidden folder")\n',
    "pkg/venv/pyvenv.cfg": "home = /usr/bin\n",
    "pkg/venv/lib/site.py": '_("from a virtual environment")\n',
    "pkg/data.txt": '_("not Python")\n',
}


def make_tree(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def ours(
    root: Path, paths: list[str], *, keywords: list[str] = (), tags: list[str] = (), **info: str
) -> bytes:
    """What extract writes for ``paths`` (relative to ``root``), dated by EPOCH."""
    sources = [
        Source(p.relative_to(root).as_posix(), p.read_bytes(), method)
        for p, method in find_sources([root / path for path in paths])
    ]
    table = dict(DEFAULT_KEYWORDS)
    table.update(parse_keyword(k) for k in keywords)
    template = extract(
        sources,
        TemplateInfo(creation_date(EPOCH), **info),
        keywords=table,
        comment_tags=tags,
    )
    return write_po(template)


def xgettext(root: Path, files: list[str], *options: str) -> bytes:
    """xgettext's template for ``files``, its date replaced by EPOCH's."""
    result = subprocess.run(
        [
            require("xgettext"),
            "--language=Python",
            "--from-code=UTF-8",
            *options,
            "-o",
            "-",
            *files,
        ],
        cwd=root,
        capture_output=True,
        check=True,
    )
    return re.sub(
        rb"POT-Creation-Date: [^\\]*", b"POT-Creation-Date: 2023-11-14 22:13+0000", result.stdout
    )


def entries(data: bytes) -> set[tuple[str | None, str, str | None]]:
    catalog, _ = parse_po(data, "x.pot")
    return {(m.msgctxt, m.msgid, m.msgid_plural) for m in catalog.messages if m.msgid}


# -- xgettext as the oracle -------------------------------------------------------------------


@pytest.mark.oracle
def test_package_extracted_like_xgettext(tmp_path):
    """A package with _, ngettext, pgettext, npgettext, comments and _private subpackages gives
    xgettext's template byte for byte (date aside), skipped folders left out."""
    root = make_tree(tmp_path, PACKAGE)
    files = [p.relative_to(root).as_posix() for p, _ in find_sources([root / "pkg"])]
    assert files == [
        "pkg/__init__.py",
        "pkg/_internal/deep/mod.py",
        "pkg/_private/__init__.py",
        "pkg/_private/helpers.py",
    ]
    found = ours(root, ["pkg"], tags=["TRANSLATORS:"])
    expected = xgettext(root, files, "--add-comments=TRANSLATORS:", *XGETTEXT_KEYWORDS)
    assert entries(found) == entries(expected)
    assert ("menu", "{n} item", "{n} items") in entries(found)
    assert (None, "Private %(name)s", None) in entries(found)
    assert found == expected


@pytest.mark.oracle
def test_format_flags_guessed_like_xgettext(tmp_path):
    """python-format and python-brace-format land where xgettext 0.21 puts them."""
    strings = [
        "50% off", "100%", "%%", "a %% b", "%d files", "%(name)s here", "{name} here",
        "{0} and {1}", "{}", "{{literal}}", "%s and {x}", "bad %(x", "% o", "%.2f",
        "%(a)s %s", "{x!r}", "{x:>10}", "{a.b}", "{a[0]}", "{0:{1}}", "} alone", "{x} }",
        "%(x)s %(x)d", "%*d", "%(x)*d", "%lf", "%5", "{ x}", "{x.}", "{x[}", "%(a)s {b}",
        "{0:%}", "{:d}", "%c%r%i%u%o%x%X%e%E%f%g%G", "%a", "%F",
    ]  # fmt: skip
    lines = [f"_({s!r})" for s in strings]
    lines += ['ngettext("one", "%d many", n)', 'ngettext("100%", "%d many", n)']
    lines += ['ngettext("{x} one", "many", n)', 'ngettext("one", "{0} many", n)']
    root = make_tree(tmp_path, {"f.py": "\n".join(lines) + "\n"})
    assert ours(root, ["f.py"]) == xgettext(root, ["f.py"])


@pytest.mark.oracle
def test_keywords_and_header_options_like_xgettext(tmp_path):
    """-k specs (name, position, context, plural) and the header options match xgettext."""
    source = """\
__("double underscore")
tr("ctx", "with context")
later(1, "second argument")
plural("one", "many", 3)
_("default still on")
"""
    root = make_tree(tmp_path, {"k.py": source})
    keywords = ["__", "tr:1c,2", "later:2", "plural:1,2"]
    info = {
        "package": "demo",
        "version": "2.0",
        "bugs_address": "bugs@example.org",
        "copyright_holder": "Demo Authors",
    }
    options = [f"-k{k}" for k in keywords] + [
        "--package-name=demo",
        "--package-version=2.0",
        "--msgid-bugs-address=bugs@example.org",
        "--copyright-holder=Demo Authors",
    ]
    assert ours(root, ["k.py"], keywords=keywords, **info) == xgettext(root, ["k.py"], *options)
    public = xgettext(root, ["k.py"], "--package-name=demo", "--copyright-holder=")
    assert ours(root, ["k.py"], package="demo", copyright_holder="") == public


@pytest.mark.oracle
def test_template_accepted_by_msgmerge(tmp_path):
    """msgmerge takes our template as one of xgettext's."""
    root = make_tree(tmp_path, PACKAGE)
    template = tmp_path / "pkg.pot"
    template.write_bytes(ours(root, ["pkg"]))
    mini = tmp_path / "de.mini.po"
    mini.write_text(
        'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Hello, world"\nmsgstr "Hallo, Welt"\n',
        encoding="utf-8",
    )
    result = subprocess.run(
        [require("msgmerge"), "--quiet", "--no-fuzzy-matching", str(mini), str(template)],
        capture_output=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert b'msgstr "Hallo, Welt"' in result.stdout


# -- the pieces -------------------------------------------------------------------------------


def test_find_sources_order_and_skips(tmp_path):
    """Files come by path, _-folders entered, caches, hidden folders and venvs skipped; a file
    named directly is kept whatever its suffix, and only once."""
    root = make_tree(tmp_path, PACKAGE)
    found = find_sources([root / "pkg" / "data.txt", root / "pkg", root / "pkg" / "__init__.py"])
    assert [p.relative_to(root).as_posix() for p, _ in found] == [
        "pkg/data.txt",
        "pkg/__init__.py",
        "pkg/_internal/deep/mod.py",
        "pkg/_private/__init__.py",
        "pkg/_private/helpers.py",
    ]


def test_find_sources_survives_a_link_loop(tmp_path):
    """A symbolic link back up the tree is walked once, not forever."""
    root = make_tree(tmp_path, {"pkg/a.py": ""})
    (root / "pkg" / "loop").symlink_to(root / "pkg", target_is_directory=True)
    assert [p.name for p, _ in find_sources([root / "pkg"])] == ["a.py"]


def test_parse_keyword_specs():
    """xgettext's keyword syntax becomes Babel's argument positions."""
    assert parse_keyword("_") == ("_", None)
    assert parse_keyword("f:2") == ("f", (2,))
    assert parse_keyword("f:1,2") == ("f", (1, 2))
    assert parse_keyword("f:1c,2,3") == ("f", ((1, "c"), 2, 3))
    assert parse_keyword("f:1,2,3t") == ("f", {3: (1, 2)})
    assert parse_keyword("obj.method") == ("obj.method", None)
    for bad in ("", "f:", "f:0", "f:1,2,3", "f:1c,2c,3", "f:x", "1f", "f:1c"):
        with pytest.raises(ValueError, match="invalid keyword"):
            parse_keyword(bad)


def test_creation_date_from_source_date_epoch():
    """SOURCE_DATE_EPOCH gives a UTC date; without it the date is now, in xgettext's form."""
    assert creation_date({"SOURCE_DATE_EPOCH": "0"}) == "1970-01-01 00:00+0000"
    assert creation_date(EPOCH) == "2023-11-14 22:13+0000"
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d[+-]\d{4}", creation_date({}))
    with pytest.raises(ValueError, match="SOURCE_DATE_EPOCH"):
        creation_date({"SOURCE_DATE_EPOCH": "yesterday"})


def test_charset_is_utf8_only_for_non_ascii(tmp_path):
    """charset=CHARSET for an ASCII template, UTF-8 as soon as a string or comment is not."""
    root = make_tree(tmp_path, {"a.py": '_("plain")\n', "b.py": '# T: é\n_("plain")\n'})
    assert b"charset=CHARSET" in ours(root, ["a.py"])
    assert b"charset=UTF-8" in ours(root, ["b.py"], tags=["T:"])
    assert b"charset=CHARSET" in ours(root, ["b.py"])


def test_plural_forms_placeholder_only_with_plurals(tmp_path):
    """The Plural-Forms placeholder is written only when a plural entry exists."""
    root = make_tree(tmp_path, {"a.py": '_("x")\n', "b.py": 'ngettext("x", "xs", 2)\n'})
    assert b"Plural-Forms" not in ours(root, ["a.py"])
    assert b"Plural-Forms: nplurals=INTEGER; plural=EXPRESSION;" in ours(root, ["b.py"])


def test_output_is_reproducible(tmp_path):
    """The same sources and SOURCE_DATE_EPOCH give the same bytes."""
    root = make_tree(tmp_path, PACKAGE)
    assert ours(root, ["pkg"]) == ours(root, ["pkg"])


def test_unreadable_source_is_refused_with_its_place():
    """A source Babel cannot tokenize raises CatalogError naming the file and line."""
    info = TemplateInfo(creation_date(EPOCH))
    with pytest.raises(CatalogError) as exc:
        extract([Source("good.py", b'_("a")\n'), Source("bad.py", b'_("a")\nx = """open\n')], info)
    assert [(d.path, d.line) for d in exc.value.diagnostics] == [("bad.py", 2)]


# -- minipo extract ---------------------------------------------------------------------------


def test_cli_writes_the_template(tmp_path, monkeypatch, capsys):
    """minipo extract PATH -o OUT.pot writes the template, references relative as given."""
    make_tree(tmp_path, PACKAGE)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH["SOURCE_DATE_EPOCH"])
    args = ["extract", "pkg", "-o", "out.pot", "-c", "TRANSLATORS:", "-k", "__"]
    assert main(args) == 0
    assert (tmp_path / "out.pot").read_bytes() == ours(
        tmp_path, ["pkg"], keywords=["__"], tags=["TRANSLATORS:"]
    )
    assert "out.pot: 11 messages from 4 files" in capsys.readouterr().out


def test_cli_paths_need_an_output(tmp_path, capsys):
    """Naming paths without -o is a usage error."""
    make_tree(tmp_path, PACKAGE)
    with pytest.raises(SystemExit) as exc:
        main(["extract", str(tmp_path / "pkg")])
    assert exc.value.code == 2
    assert "-o/--output is required" in capsys.readouterr().err


def test_cli_bad_keyword_is_a_usage_error(tmp_path, capsys):
    """An invalid -k spec exits 2 and writes nothing."""
    make_tree(tmp_path, PACKAGE)
    out = tmp_path / "out.pot"
    with pytest.raises(SystemExit) as exc:
        main(["extract", str(tmp_path / "pkg"), "-o", str(out), "-k", "f:0"])
    assert exc.value.code == 2
    assert "invalid keyword" in capsys.readouterr().err
    assert not out.exists()


def test_cli_no_default_keywords(tmp_path, monkeypatch):
    """--no-default-keywords keeps only the -k keywords."""
    make_tree(tmp_path, {"a.py": '_("default")\ntr("mine")\n'})
    monkeypatch.chdir(tmp_path)
    assert main(["extract", "a.py", "-o", "a.pot", "--no-default-keywords", "-k", "tr"]) == 0
    assert entries((tmp_path / "a.pot").read_bytes()) == {(None, "mine", None)}


def test_cli_broken_source_exits_1_without_output(tmp_path, capsys):
    """A source that cannot be read exits 1, is placed, and no template is written."""
    make_tree(tmp_path, {"pkg/a.py": '_("a")\n', "pkg/b.py": 'x = """open\n'})
    out = tmp_path / "out.pot"
    assert main(["extract", str(tmp_path / "pkg"), "-o", str(out)]) == 1
    assert f"{(tmp_path / 'pkg' / 'b.py').as_posix()}:1: cannot read" in capsys.readouterr().err
    assert not out.exists()


def test_cli_missing_path_exits_1(tmp_path, capsys):
    """A path that does not exist exits 1 and writes nothing."""
    out = tmp_path / "out.pot"
    assert main(["extract", str(tmp_path / "nowhere"), "-o", str(out)]) == 1
    assert "no such file or folder" in capsys.readouterr().err
    assert not out.exists()


def test_cli_bad_source_date_epoch_exits_1(tmp_path, monkeypatch, capsys):
    """A SOURCE_DATE_EPOCH that is not a number exits 1 and writes nothing."""
    make_tree(tmp_path, {"a.py": '_("x")\n'})
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "soon")
    assert main(["extract", str(tmp_path / "a.py"), "-o", str(tmp_path / "a.pot")]) == 1
    assert "SOURCE_DATE_EPOCH" in capsys.readouterr().err
    assert not (tmp_path / "a.pot").exists()


def test_cli_project_mode_writes_the_project_template(tmp_path, monkeypatch):
    """Without paths, the wheel's packages are searched and po/<domain>.pot is written, named
    after the project."""
    make_tree(
        tmp_path,
        {
            "pyproject.toml": '[project]\nname = "demo"\nversion = "1.2"\n',
            "src/demo/__init__.py": '_("Hello")\n',
            "src/demo/_cli/main.py": '_("From the private CLI")\n',
            "tests/test_x.py": '_("not shipped")\n',
            "po/de.mini.po": 'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n',
        },
    )
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    assert main(["extract"]) == 0
    data = (tmp_path / "po" / "demo.pot").read_bytes()
    assert entries(data) == {(None, "Hello", None), (None, "From the private CLI", None)}
    assert b"#: src/demo/__init__.py:1\n" in data
    assert b"Project-Id-Version: demo 1.2" in data


_WITHOUT_BABEL = """
import sys
sys.modules["babel"] = None  # as if Babel were not installed
from hatch_minipo.cli import main
sys.exit(main(sys.argv[1:]))
"""


def test_cli_without_babel_exits_2_with_the_install_command(tmp_path):
    """Without Babel, extract exits 2, names the one command that installs it, writes nothing."""
    make_tree(tmp_path, PACKAGE)
    out = tmp_path / "out.pot"
    done = subprocess.run(
        [sys.executable, "-c", _WITHOUT_BABEL, "extract", str(tmp_path / "pkg"), "-o", str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    assert done.stderr == (
        "minipo extract: extraction needs Babel, which is not installed: "
        "pip install 'hatch-minipo[extract]'\n"
    )
    assert not out.exists()
