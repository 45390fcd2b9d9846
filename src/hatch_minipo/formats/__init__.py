"""Format strings (``c-format``, ``python-format``, ``python-brace-format``).

One scanner per format language (``c``, ``python``, ``python_brace``), each reading a string as
gettext 0.21's parser for it does; ``checks`` compares translations with their msgid using the
arguments the scanners find, ``spans`` gives the wrapper the directives they mark.
"""
