"""A package whose translations live in po/ at the project root."""
