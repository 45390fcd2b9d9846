"""Builds that end through hatchling's ``app.abort``: the refusal behind it, for assertions."""

from __future__ import annotations

import contextlib
import re
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from collections.abc import Iterator


class Aborted:
    """Filled when the block has aborted: the error the hook turned into ``app.abort``."""

    error: BaseException


@contextlib.contextmanager
def aborted(kind: type[BaseException], match: str | None = None) -> Iterator[Aborted]:
    """The block exits through ``app.abort`` (SystemExit 1) because of an error of ``kind``."""
    out = Aborted()
    with pytest.raises(SystemExit) as caught:
        yield out
    assert caught.value.code == 1
    error = caught.value.__context__
    assert isinstance(error, kind), repr(error)
    if match is not None:
        assert re.search(match, str(error)), str(error)
    out.error = error
