"""Plural forms: GNU's ``Plural-Forms`` grammar and evaluation (``grammar``), and what CPython's
``gettext`` accepts in a header (``cpython``)."""
