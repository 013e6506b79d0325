"""Pause the garbage collector around a burst of new, long-lived objects.

Loading a data file, an import or building the overview's rows makes tens of
thousands of objects with no cycles among them: none is garbage, yet each
collection walks them all again. Pausing collections for the burst is
much quicker; what the burst leaves behind is collected after it as usual.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused() -> Iterator[None]:
    """No collection inside the block (nested blocks are fine: only the outer one resumes)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
