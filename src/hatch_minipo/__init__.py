"""Compile minimized gettext catalogs (.mini.po) in hatchling builds, and keep them minimal."""

__version__ = "0.1.0"
