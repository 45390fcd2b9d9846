"""``.mo`` files: what a catalog compiles to, written byte for byte as ``msgfmt`` writes it."""
