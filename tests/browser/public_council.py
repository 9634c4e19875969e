"""The whole demo council, for the browser tests of the public pages."""

import pytest
from django.core.cache import cache
from django.db import transaction

from complaints import demo as complaints_demo
from indicators import demo as indicators_demo
from priorities import demo as priorities_demo
from public import caching
from public import demo as public_demo
from scrutiny import demo as scrutiny_demo


@pytest.fixture
def public_council(council, settings):
    """Everything the public pages show, as `make run` loads it, with an empty page cache."""
    with transaction.atomic():
        priorities_demo.seed()
        indicators_demo.seed()
        priorities_demo.link_indicators()
        scrutiny_demo.seed()
        complaints_demo.seed()
        public_demo.seed()
    cache.clear()
    caching.forget_local()
    settings.FEEDBACK_MINIMUM_SECONDS = 1
    yield council
    cache.clear()
    caching.forget_local()
