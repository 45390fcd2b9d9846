"""expand: the full catalog msgmerge --no-fuzzy-matching makes from a catalog and a template."""

from __future__ import annotations

from expand_samples import MINI, TEMPLATE, parse
from hatch_minipo.po.writer import write_po
from hatch_minipo.workflow.expand import expand, merge_header

# -- GNU msgmerge as the oracle ---------------------------------------------------------------


def test_entries_in_template_order_with_template_comments():
    """Entries follow the template, with its references and extracted comments, the catalog's
    translations and translator comments; new ones are empty; lost ones end obsolete."""
    result = expand(parse(MINI), parse(TEMPLATE))
    live = [m for m in result.messages if not m.obsolete]
    assert [(m.msgctxt, m.msgid) for m in live] == [
        (None, ""),
        (None, "Hello"),
        (None, "New"),
        (None, "file"),
        ("menu", "Open"),
    ]
    hello = live[1]
    assert hello.msgstr == ("Hallo",)
    assert hello.translator_comments == [" keep this"]
    assert hello.extracted_comments == [" a greeting"]
    assert hello.references == [" app.py:3"]
    assert live[2].msgstr == ("",)
    assert live[4].msgstr == ("", "")
    obsolete = [m for m in result.messages if m.obsolete]
    assert [(m.msgid, m.msgstr) for m in obsolete] == [("Gone", ("Weg",))]


def test_format_flags_come_from_the_template_and_changed_plural_is_fuzzy():
    """The template's python-format replaces the catalog's flags; a changed msgid_plural makes
    the translation fuzzy but keeps it."""
    result = expand(parse(MINI), parse(TEMPLATE))
    file_entry = next(m for m in result.messages if m.msgid == "file")
    assert file_entry.msgid_plural == "%d files"
    assert file_entry.msgstr == ("Datei", "Dateien")
    assert file_entry.flags == ["fuzzy", "python-format"]


def test_header_refreshed_from_template():
    """POT-Creation-Date and Report-Msgid-Bugs-To come from the template, the rest from the
    catalog, known fields in GNU's order, the others after them in the catalog's order."""
    header = expand(parse(MINI), parse(TEMPLATE)).messages[0]
    assert header.msgstr[0] == (
        "Project-Id-Version: demo 1.0\n"
        "Report-Msgid-Bugs-To: bugs@example.org\n"
        "POT-Creation-Date: 2025-03-04 05:06+0100\n"
        "PO-Revision-Date: 2021-01-01 00:00+0000\n"
        "Language: de\n"
        "MIME-Version: 1.0\n"
        "Content-Type: text/plain; charset=UTF-8\n"
        "Content-Transfer-Encoding: 8bit\n"
        "Plural-Forms: nplurals=2; plural=(n != 1);\n"
        "X-Generator: Poedit 3.4\n"
    )
    assert header.flags == []
    assert header.translator_comments == [" German translations."]


def test_merge_header_field_names_ignore_case_and_last_wins():
    """Field names match in any case and are written in GNU's spelling; the last one wins."""
    merged = merge_header(
        "x-custom: 1\nlanguage: fr\nLanguage: de\nmime-version: 1.0", "POT-Creation-Date: now"
    )
    assert merged == "POT-Creation-Date: now\nLanguage: de\nMIME-Version: 1.0\nx-custom: 1\n"


def test_merge_header_language_from_language_team():
    """A missing Language is derived from Language-Team only when an address was dropped."""
    assert "Language: de\n" in merge_header("Language-Team: German <de@li.org>\n", "")
    assert "Language: \n" in merge_header("Language-Team: German\n", "")
    assert "Language: \n" in merge_header("Language-Team: Klingon <k@example.org>\n", "")
    assert "Language:" not in merge_header("Last-Translator: x\n", "")


def test_untranslated_plural_gets_the_catalogs_number_of_forms():
    """A new plural entry has as many empty forms as the catalog's Plural-Forms says."""
    mini = MINI.replace("nplurals=2; plural=(n != 1);", "nplurals=3; plural=n%3;")
    result = expand(parse(mini), parse(TEMPLATE))
    assert next(m for m in result.messages if m.msgctxt == "menu").msgstr == ("", "", "")


def test_singular_becoming_plural_copies_the_translation_and_is_fuzzy():
    """msgmerge copies a singular translation into every form and marks it fuzzy."""
    template = TEMPLATE.replace('msgid "Hello"\n', 'msgid "Hello"\nmsgid_plural "Hellos"\n')
    template = template.replace(
        'msgid_plural "Hellos"\nmsgstr ""', 'msgid_plural "Hellos"\nmsgstr[0] ""\nmsgstr[1] ""'
    )
    hello = next(m for m in expand(parse(MINI), parse(template)).messages if m.msgid == "Hello")
    assert hello.msgstr == ("Hallo", "Hallo")
    assert hello.fuzzy


def test_plural_becoming_singular_keeps_the_first_form_and_is_fuzzy():
    """msgmerge keeps msgstr[0] of a translation whose message lost its plural."""
    template = TEMPLATE.replace('msgid_plural "%d files"\nmsgstr[0] ""\nmsgstr[1] ""', 'msgstr ""')
    entry = next(m for m in expand(parse(MINI), parse(template)).messages if m.msgid == "file")
    assert entry.msgid_plural is None
    assert entry.msgstr == ("Datei",)
    assert entry.fuzzy


def test_new_format_flag_refused_by_msgfmt_makes_fuzzy():
    """A template's new c-format the translation does not satisfy makes it fuzzy."""
    mini = MINI.replace('msgid "Hello"\nmsgstr "Hallo"', 'msgid "Hello %s"\nmsgstr "Hallo"')
    template = TEMPLATE.replace(
        '#: app.py:3\nmsgid "Hello"', '#: app.py:3\n#, c-format\nmsgid "Hello %s"'
    )
    entry = next(m for m in expand(parse(mini), parse(template)).messages if m.msgid == "Hello %s")
    assert entry.flags == ["fuzzy", "c-format"]
    fine = mini.replace('msgstr "Hallo"', 'msgstr "Hallo %s"')
    entry = next(m for m in expand(parse(fine), parse(template)).messages if m.msgid == "Hello %s")
    assert entry.flags == ["c-format"]


def test_obsolete_entry_revived_by_the_template():
    """An obsolete translation whose message is back in the template is live again."""
    mini = MINI + '\n#~ msgid "New"\n#~ msgstr "Neu"\n'
    result = expand(parse(mini), parse(TEMPLATE))
    new = [m for m in result.messages if m.msgid == "New"]
    assert [(m.msgstr, m.obsolete) for m in new] == [(("Neu",), False)]


def test_previous_msgids_dropped_from_merged_entries_kept_on_obsolete():
    """#| lines go from live entries that are not fuzzy; obsolete entries keep them."""
    mini = MINI.replace('msgid "Hello"', '#| msgid "Helo"\nmsgid "Hello"').replace(
        'msgid "Gone"', '#, fuzzy\n#| msgid "Gon"\nmsgid "Gone"'
    )
    result = expand(parse(mini), parse(TEMPLATE))
    assert next(m for m in result.messages if m.msgid == "Hello").previous == []
    gone = next(m for m in result.messages if m.msgid == "Gone")
    assert gone.obsolete
    assert gone.previous == [' msgid "Gon"']
    assert gone.references == []


def test_utf8_template_converts_the_catalog():
    """A UTF-8 template makes the result UTF-8, header included, as msgmerge converts."""
    mini = MINI.replace("charset=UTF-8", "charset=ISO-8859-1").replace("Hallo", "Hallö")
    catalog = parse(mini.encode("latin-1"))
    result = expand(catalog, parse(TEMPLATE))
    assert result.charset == "utf-8"
    assert "charset=UTF-8" in result.messages[0].msgstr[0]
    assert "Hallö".encode() in write_po(result)
    ascii_template = parse(TEMPLATE.replace("charset=UTF-8", "charset=CHARSET"))
    kept = expand(catalog, ascii_template)
    assert "charset=ISO-8859-1" in kept.messages[0].msgstr[0]
    assert "Hallö".encode("latin-1") in write_po(kept)


def test_inputs_are_not_changed():
    """expand leaves both catalogs as they were."""
    mini, template = parse(MINI), parse(TEMPLATE)
    before = (repr(mini), repr(template))
    expand(mini, template)
    assert (repr(mini), repr(template)) == before


# -- minipo expand ----------------------------------------------------------------------------
