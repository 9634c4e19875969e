"""Python's cycle collector: set for a web process at start, and paused while a large file is handled."""

import gc
from contextlib import contextmanager

# Python's default runs the youngest generation's collection every 700 net new objects, and the oldest every
# 100 of those. A page that reads a few thousand rows makes hundreds of thousands of objects, so the default
# ran dozens of collections per request, each walking every object the process holds (Django, the URL
# resolvers, the compiled templates): 30-40 ms of the golden thread's 90 ms after a change, and the worst
# requests (200 ms and more) were the ones a full collection fell in. Almost everything a request makes is
# freed by reference counting when the response is sent; the collector is only for cycles.
THRESHOLDS = (50_000, 20, 10)


def tune():
    """Collect every THRESHOLDS[0] net new objects rather than every 700 (called once, at start)."""
    gc.set_threshold(*THRESHOLDS)


def freeze():
    """Leave everything made so far (the loaded code, settings and apps, which live as long as the process) out
    of every later collection."""
    gc.freeze()


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
