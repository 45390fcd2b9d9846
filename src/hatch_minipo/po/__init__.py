"""PO files: the catalog model, the reader (with its fast path), comments and flags, the writer
and GNU's line wrapping."""
