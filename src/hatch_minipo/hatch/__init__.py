"""The hatchling build hook: ``hooks`` registers it, ``plugin`` adapts the build core to it."""
