"""The translation workflow's transforms: minimize, expand, extract (Babel, an extra), stats."""
