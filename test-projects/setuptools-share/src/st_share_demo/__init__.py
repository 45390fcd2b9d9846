"""A setuptools application whose catalogs install to <prefix>/share/locale."""
