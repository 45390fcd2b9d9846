"""The first package: domain ``alpha``."""
