"""extract with a method map: globs pick Babel's extraction method per file, Jinja2 included."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

import pytest
from babel.util import pathmatch

from hatch_minipo.errors import CatalogError
from hatch_minipo.workflow.extract import (
    DEFAULT_KEYWORDS,
    Source,
    TemplateInfo,
    creation_date,
    extract,
    extractor_problem,
    find_sources,
    method_for,
)

if TYPE_CHECKING:
    from pathlib import Path

pytest.importorskip("jinja2", reason="the Jinja2 extractor's tests need Jinja2 (the test extra)")

INFO = TemplateInfo(creation_date({"SOURCE_DATE_EPOCH": "1700000000"}))
METHODS = (("**/templates/**.html", "jinja2"), ("**/legacy/**", "ignore"))
TEMPLATE = """\
<h1>{{ _("Welcome") }}</h1>
{# TRANSLATORS: the count of unread messages #}
{% trans count=n %}{{ count }} message{% pluralize %}{{ count }} messages{% endtrans %}
<p>{{ pgettext("menu", "Open") }}</p>
"""


def tree(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


PATTERNS = [
    "**.py",
    "**/templates/**.html",
    "**/templates/*.html",
    "pkg/*.txt",
    "./pkg/**.txt",
    "^pkg/a?.py",
    "**",
    "*/x/**/y.*",
]
PATHS = [
    "a.py",
    "pkg/a.py",
    "pkg/ab.py",
    "pkg/sub/deep/x.py",
    "templates/index.html",
    "pkg/templates/index.html",
    "pkg/templates/mail/x.html",
    "pkg/templates/x.htm",
    "pkg/notes.txt",
    "pkg/sub/notes.txt",
    "a/x/b/c/y.z",
    "a/x/y.z",
    "a/b/x/y.z",
]


@pytest.mark.parametrize("pattern", PATTERNS)
def test_globs_match_what_babel_pathmatch_matches(pattern):
    """Each glob matches exactly the paths Babel's pathmatch() does."""
    for path in PATHS:
        ours = method_for(path, ((pattern, "m"),)) == "m"
        assert ours == pathmatch(pattern, path), (pattern, path)


def test_glob_matching_is_linear_on_deep_paths():
    """A path of 4,000 folders is matched in well under a second (Babel's own regex is not)."""
    deep = "/".join(["d"] * 4000) + "/x.htm"
    started = time.process_time()
    assert method_for(deep, (("**/templates/**/**.html", "jinja2"),)) is None
    assert time.process_time() - started < 1.0


def test_first_matching_glob_decides_and_python_is_the_default(tmp_path):
    """Templates go to jinja2, 'ignore' skips, .py stays Python, other files are left out."""
    root = tree(
        tmp_path,
        {
            "pkg/__init__.py": "",
            "pkg/templates/index.html": "",
            "pkg/legacy/old.py": "",
            "pkg/static/app.js": "",
        },
    )
    found = [
        (p.relative_to(root).as_posix(), m) for p, m in find_sources([root / "pkg"], METHODS, root)
    ]
    assert found == [("pkg/__init__.py", "python"), ("pkg/templates/index.html", "jinja2")]
    assert method_for("pkg/x.py", (("**.py", "ignore"),)) is None


def test_jinja2_template_gives_strings_plurals_contexts_and_comments(tmp_path):
    """A Jinja2 template's _(), {% trans %} with a plural, pgettext and TRANSLATORS comment."""
    template = extract(
        [Source("pkg/templates/index.html", TEMPLATE.encode(), "jinja2")],
        INFO,
        keywords=DEFAULT_KEYWORDS,
        comment_tags=["TRANSLATORS:"],
    )
    found = [
        (m.msgctxt, m.msgid, m.msgid_plural, m.references, m.extracted_comments, m.flags)
        for m in template.messages[1:]
    ]
    assert found == [
        (None, "Welcome", None, ["pkg/templates/index.html:1"], [], []),
        (
            None,
            "%(count)s message",
            "%(count)s messages",
            ["pkg/templates/index.html:3"],
            # Jinja2 drops the tag, Babel's Python extractor keeps it: as pybabel writes them.
            [" the count of unread messages"],
            ["python-format"],
        ),
        ("menu", "Open", None, ["pkg/templates/index.html:4"], [], []),
    ]


def test_broken_template_is_refused_with_its_line():
    """A template Jinja2 cannot parse is an error at its line, not a silent loss of strings."""
    with pytest.raises(CatalogError) as exc:
        extract(
            [
                Source("ok.html", b"{{ _('a') }}", "jinja2"),
                Source("bad.html", b"{{ _('a') }}\n{% trans %}open", "jinja2"),
            ],
            INFO,
        )
    [problem] = exc.value.diagnostics
    assert (problem.path, problem.line) == ("bad.html", 2)
    assert problem.message.startswith("jinja2 cannot read this file: ")


def test_unknown_method_is_named():
    """A method no installed package provides is reported for the file that needs it."""
    with pytest.raises(CatalogError) as exc:
        extract([Source("x.txt", b"", "no_such_extractor")], INFO)
    assert [str(d) for d in exc.value.diagnostics] == [
        "x.txt: no Babel extraction method 'no_such_extractor' is installed"
    ]


def test_a_linked_templates_folder_is_matched_by_its_name_in_the_project(tmp_path):
    """pkg/templates -> ../shared: its files match **/templates/**, as the layout reads."""
    root = tree(tmp_path, {"pkg/__init__.py": "", "shared/page.html": ""})
    (root / "pkg" / "templates").symlink_to(root / "shared", target_is_directory=True)
    found = [
        (p.relative_to(root).as_posix(), m) for p, m in find_sources([root / "pkg"], METHODS, root)
    ]
    assert found == [("pkg/__init__.py", "python"), ("pkg/templates/page.html", "jinja2")]


def test_stacked_and_many_wildcards_stay_fast_or_are_refused():
    """'**/' repeated is merged; a glob of more than 8 wildcards is a named config error."""
    deep = "/".join(["d"] * 60) + "/x.htm"
    started = time.process_time()
    assert method_for(deep, (("**/" * 8 + "z.html", "jinja2"),)) is None
    assert time.process_time() - started < 1.0
    assert extractor_problem("a*" * 9, "jinja2") == (
        "has more than 8 wildcards ('*', '?'), which no layout needs"
    )
