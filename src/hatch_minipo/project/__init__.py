"""A project on disk, for every integration: its pyproject table, where its catalogs are, and
the build core the hatch hook, the setuptools command and the CLI share."""
