"""A setuptools package whose translations live in po/ and in its own locale/ folder."""
