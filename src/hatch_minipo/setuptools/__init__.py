"""setuptools support: a ``build`` sub-command compiling the catalogs, enabled by ``[tool.minipo]``.

setuptools loads ``hook`` for every distribution it builds (an entry point of the
``setuptools.finalize_distribution_options`` group), so nothing is imported here.
"""
