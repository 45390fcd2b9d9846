"""An application whose catalogs install to <prefix>/share/locale, as distributions expect."""
