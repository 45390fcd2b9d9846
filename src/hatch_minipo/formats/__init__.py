"""Format strings (``c-format``, ``python-format``, ``python-brace-format``, ...): the checks
``msgfmt -c`` makes (``checks``) and the directive spans the wrapper must not break (``spans``)."""
