"""Hostile catalogs: huge numbers, memory from one number, quadratic scans, reaching attributes.

Every case runs through the command a user or CI would run; a traceback fails the test, and a
refusal must name its place.
"""

from __future__ import annotations

import gettext
import re
import subprocess
import sys
import time

import pytest

from gnu import require
from hatch_minipo.cli import main
from hatch_minipo.compiler import compile_catalog
from scaling import assert_linear

HEADER = (
    'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
    '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n'
)
HUGE = "9" * 5000  # past int()'s 4,300-digit limit
# `path:line: message`, or `path: message` for what concerns the whole file.
PLACE = re.compile(r"^\S+?(:\d+)?: ")

HUGE_NUMBERS = {
    "argument number": f'#, c-format\nmsgid "%d files"\nmsgstr "%{HUGE}$d Dateien"\n',
    "argument number 0 modulo 2**64": (
        '#, c-format\nmsgid "%d files"\nmsgstr "%18446744073709551616$d Dateien"\n'
    ),
    "plural index": f'msgid "file"\nmsgid_plural "files"\nmsgstr[0] "Datei"\nmsgstr[{HUGE}] "x"\n',
    "range bound": (
        f'#, c-format, range: 0..{HUGE}\nmsgid "%d file"\nmsgid_plural "%d files"\n'
        'msgstr[0] "%d Datei"\nmsgstr[1] "%d Dateien"\n'
    ),
    "reference line": f'#: app.py:{HUGE}\nmsgid "a"\nmsgstr "b"\n',
    "brace position": (
        f'#, python-brace-format\nmsgid "{{0}} files"\nmsgstr "{{{HUGE}}} Dateien"\n'
    ),
    "brace width": (
        f'#, python-brace-format\nmsgid "{{n}} files"\nmsgstr "{{n:{HUGE}}} Dateien"\n'
    ),
    "width cut at a line end": (
        '#, c-format\nmsgid "%5\\n$d"\nmsgstr "%5\\n$d"\n\n'
        '#, python-brace-format\nmsgid "{a\\n}"\nmsgstr "{a\\n}"\n'
    ),
}


def _lines(err: str) -> list[str]:
    return [line for line in err.splitlines() if line]


@pytest.mark.parametrize("name", sorted(HUGE_NUMBERS))
@pytest.mark.parametrize("command", ["compile", "check", "minimize", "stats"])
def test_huge_numbers_are_read_without_a_traceback(tmp_path, capsys, name, command):
    """A number of any length in a catalog gives an exit code and placed messages, no crash."""
    source = tmp_path / "de.po"
    source.write_text(HEADER + HUGE_NUMBERS[name], encoding="utf-8")
    args = [command, str(source)]
    if command == "compile":
        args += ["-o", str(tmp_path / "de.mo")]
    if command == "minimize":
        args += ["-o", str(tmp_path / "de.mini.po")]
    code = main(args)
    err = capsys.readouterr().err
    assert code in (0, 1), err
    assert all(PLACE.match(line) for line in _lines(err)), err
    if code == 1 and command in ("compile", "minimize"):
        assert not any(p.name != "de.po" for p in tmp_path.iterdir()), "written though refused"


def test_expand_with_huge_numbers_and_cut_directives(tmp_path, capsys):
    """expand reads every hostile template and catalog above without a traceback."""
    template = tmp_path / "t.pot"
    body = "".join(v for k, v in HUGE_NUMBERS.items() if k != "plural index")
    template.write_text(HEADER + body, encoding="utf-8")
    mini = tmp_path / "de.mini.po"
    mini.write_text(HEADER + body, encoding="utf-8")
    code = main(["expand", "-t", str(template), str(mini)])
    err = capsys.readouterr().err
    assert code in (0, 1), err
    assert all(PLACE.match(line) for line in _lines(err)), err


# --- memory from one number --------------------------------------------------------------------

MEMORY_CASES = {
    "msgid width": ("{n:100000000}", "{n:100000000}"),
    "msgstr width": ("{n}", "{n!s:10000000000}"),
    "msgstr precision": ("{n:.2f}", "{n:.100000000f}"),
    "msgid position": ("{99999999999}", "{99999999999}"),
}


@pytest.mark.parametrize("name", sorted(MEMORY_CASES))
def test_one_number_costs_no_memory(tmp_path, name):
    """Widths, precisions and positions are judged without being materialised (256 MB cap)."""
    msgid, msgstr = MEMORY_CASES[name]
    source = tmp_path / "de.po"
    source.write_text(
        HEADER + f'#, python-brace-format\nmsgid "{msgid}"\nmsgstr "{msgstr}"\n', encoding="utf-8"
    )
    script = (
        "import resource, sys\n"
        "resource.setrlimit(resource.RLIMIT_AS, (256 << 20, 256 << 20))\n"
        "from hatch_minipo.cli import main\n"
        f"sys.exit(main(['compile', {str(source)!r}, '-o', {str(tmp_path / 'de.mo')!r}]))\n"
    )
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=False
    )
    assert time.perf_counter() - started < 20
    assert result.returncode in (0, 1), result.stderr
    assert "Traceback" not in result.stderr
    if name in ("msgstr width", "msgstr precision"):
        assert result.returncode == 1
        assert "asks for a field of 10,000 characters or more for argument 'n'" in result.stderr
        assert not (tmp_path / "de.mo").exists()


# --- time: linear in the catalog ---------------------------------------------------------------


def _entry(flag: str, msgid: str, msgstr: str) -> str:
    return f'#, {flag}\nmsgid "{msgid}"\nmsgstr "{msgstr}"\n'


# name: (N, the catalog's entries for N)
SCALING = {
    "brace placeholders of one name": (
        2000,
        lambda n: _entry("python-brace-format", "{a:>3}" * n, "{a:d}" * n),
    ),
    "auto-numbered braces": (
        2000,
        lambda n: _entry("python-brace-format", "{}" * n, "{:>4}" * n),
    ),
    "percent directives of changing kinds": (
        2000,
        lambda n: _entry("python-format", "%(a)s %(a)d " * n, "%(a)d %(a)s " * n),
    ),
    # Past some 8,000 references (a line of 56 KB and more) the allocator's costs grow faster
    # than the input, and the ratio says more about memory than about the parser.
    "references": (4000, lambda n: f'#: {"a.py:1 " * n}\nmsgid "a"\nmsgstr "b"\n'),
}


@pytest.mark.parametrize("name", sorted(SCALING))
def test_time_grows_linearly(name):
    """Four times the input takes less than six times the time."""
    n, build = SCALING[name]
    assert_linear(
        lambda data: compile_catalog(data, "x.po", check="strict"),
        lambda n: (HEADER + build(n)).encode(),
        n=n,
    )


def test_long_plural_forms_is_refused_at_once():
    """A 130 KB Plural-Forms Python cannot load is refused before GNU's checks evaluate it."""
    expression = " || ".join(f"n == {k}" for k in range(13000))
    header = HEADER.replace("plural=(n != 1);", f"plural={expression};")
    data = (header + 'msgid "a"\nmsgid_plural "b"\nmsgstr[0] "x"\nmsgstr[1] "y"\n').encode()
    started = time.perf_counter()
    result = compile_catalog(data, "x.po")
    assert time.perf_counter() - started < 2
    assert result.mo is None
    assert [str(d) for d in result.diagnostics] == [
        "x.po:2: Python's gettext cannot load this Plural-Forms: plural form expression is too long"
    ]


# --- two plural rules in one header --------------------------------------------------------

TWO_RULES = (
    'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
    '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n"{second}\\n"\n\n'
    'msgid "one file"\nmsgid_plural "files"\nmsgstr[0] "eine Datei"\nmsgstr[1] "Dateien"\n'
)


def test_two_different_plural_rules_are_refused(tmp_path):
    """C reads the first rule, Python the last line's: the same .mo would differ, so refused."""
    data = TWO_RULES.format(second="Plural-Forms: nplurals=2; plural=(n == 1);").encode()
    result = compile_catalog(data, "de.po")
    assert result.mo is None
    assert [str(d) for d in result.diagnostics] == [
        "de.po:2: the header holds more than one plural rule: C's gettext (msgfmt, libintl) "
        "reads the first, '(n != 1)', Python's gettext the last Plural-Forms line, '(n == 1)';"
        " keep one Plural-Forms line"
    ]
    # What it prevents: msgfmt accepts the file, and Python then reverses the forms.
    source = tmp_path / "de.po"
    source.write_bytes(data)
    gnu = subprocess.run(
        [require("msgfmt"), "-c", "-o", str(tmp_path / "de.mo"), str(source)],
        capture_output=True,
        check=False,
    )
    assert gnu.returncode == 0
    with (tmp_path / "de.mo").open("rb") as mo:
        assert gettext.GNUTranslations(mo).ngettext("one file", "files", 1) == "Dateien"


def test_the_same_rule_twice_is_a_warning():
    """Two Plural-Forms lines meaning the same rule compile, with a warning."""
    data = TWO_RULES.format(second="Plural-Forms: nplurals=2; plural=n!=1;").encode()
    result = compile_catalog(data, "de.po")
    assert result.mo is not None
    assert [str(d) for d in result.diagnostics] == [
        "de.po:2: warning: the header has 2 Plural-Forms lines; keep one"
    ]


@pytest.mark.parametrize("command", ["compile", "check", "minimize", "stats", "expand"])
def test_every_hostile_number_in_one_capped_process(tmp_path, command):
    """All the catalogs above through one real process, capped at 512 MB and 60 s."""
    paths = []
    for index, text in enumerate(HUGE_NUMBERS.values()):
        path = tmp_path / f"c{index}.mini.po"
        path.write_text(HEADER + text, encoding="utf-8")
        paths.append(str(path))
    args = [command, *paths]
    if command == "expand":
        args = [command, "-t", paths[0], *paths[1:]]
    script = (
        "import resource, sys\n"
        "resource.setrlimit(resource.RLIMIT_AS, (512 << 20, 512 << 20))\n"
        "from hatch_minipo.cli import main\n"
        f"sys.exit(main({args!r}))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode in (0, 1), result.stderr
    assert "Traceback" not in result.stderr
    assert all(PLACE.match(line) for line in _lines(result.stderr)), result.stderr
