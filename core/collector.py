"""Pausing Python's cycle collector while a large file is read, checked or written."""

import gc
from contextlib import contextmanager


@contextmanager
def paused():
    """Run the block without the cycle collector, which runs again as before when the block ends.

    A 100,000-row import holds about a million objects and makes hundreds of thousands more; each time
    enough have been made, the collector walks through all of them, which cost a quarter of the import's
    time. What an import makes holds no reference cycles (it is freed as soon as it is dropped), so there
    is nothing there for the collector to find; cycles made elsewhere meanwhile are collected afterwards.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
