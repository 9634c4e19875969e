"""Every page the benchmark measures costs the same number of queries for a small council and a bigger one
with a longer history, and no more than its limit: an N+1 query, or a read that grows with history, fails here.

The pages are the entries of bench/items.py, so a page added to the benchmark is guarded too. Each council
is made by the benchmark's own generator (bench/generate.py) at a tiny scale, inside a transaction that is
rolled back.
"""

from dataclasses import replace

import pytest
from django.db import connection, transaction
from django.test import Client, override_settings

from bench.generate import TINY, generate
from bench.harness import SqlMeter, count_queries, sign_in
from bench.items import ITEMS, Context, Job, Page, Throughput, run_import

# Both have a discontinued indicator with figures (the pages' slower path), and the bigger one has more
# services, people, indicators and complaints, and twice the years of history.
SMALL = replace(TINY, years=5)
BIGGER = replace(TINY, years=10, services_per_directorate=3, staff_per_team=5, monthly=7, quarterly=6, annual=5,
                 inactive=2, councils=20, complaints_per_year=70, objectives_per_plan=3, milestones_per_plan=4)
PAGES = [item for item in ITEMS if isinstance(item, Page) and not item.pending]

# The mark also tells pytest-django to create the test database before the module's fixture fills it.
pytestmark = pytest.mark.django_db
IMPORT_ROWS = 300


def _measure(shape):
    """Queries per page (after one request to warm up), and what the history import costs, for one council."""
    with transaction.atomic():
        generate(shape)
        context = Context()
        found = {}
        clients = {}
        for page in PAGES:
            if page.persona not in clients:
                clients[page.persona] = Client()
                if page.persona is not None:
                    sign_in(clients[page.persona], context.people[page.persona])
            client = clients[page.persona]
            path = page.url(context)
            client.get(path)
            found[page.key] = count_queries(client, path)
        context.import_rows = IMPORT_ROWS
        with transaction.atomic():
            found["import"] = _count_import(context)
            transaction.set_rollback(True)
        transaction.set_rollback(True)
    return found


def _count_import(context):
    meter = SqlMeter(keep=True)
    with connection.execute_wrapper(meter):
        run_import(context)
    return 200, meter.queries, meter.statements


@pytest.fixture(scope="module")
def counts(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        if not connection.settings_dict["NAME"].startswith("test_"):
            raise RuntimeError("Refusing to generate councils outside a test database")
        # Both councils' forms name officers as a large council's do: by search box, not select (ADR 0016).
        with override_settings(PEOPLE_SELECT_LIMIT=5):
            return _measure(SMALL), _measure(BIGGER)


def _repeated(small, big):
    """The statements the bigger council ran more often, to say where the extra queries come from."""
    from collections import Counter

    shape = Counter(s.split(" WHERE ")[0][:120] for s in big) - Counter(s.split(" WHERE ")[0][:120] for s in small)
    return "\n".join(f"  +{n} {sql}" for sql, n in shape.most_common(5))


@pytest.mark.parametrize("item", PAGES, ids=lambda p: p.key)
def test_it_reads_each_measured_page_in_a_fixed_number_of_queries(counts, item):
    """The same number of queries for a bigger council with twice the history, and within the page's limit."""
    small, big = counts
    (status_small, queries_small, statements_small), (status_big, queries_big, statements_big) = (
        small[item.key], big[item.key])
    assert (status_small, status_big) == (200, 200)
    assert queries_big == queries_small, (
        f"{item.title}: {queries_small} queries for the small council, {queries_big} for the bigger one:\n"
        + _repeated(statements_small, statements_big))
    limit = item.ci_max_queries or item.max_queries
    if limit is not None:
        assert queries_small <= limit, f"{item.title}: {queries_small} queries"


def test_it_imports_history_in_the_same_number_of_queries_whatever_the_history_before_it(counts):
    """A file of earlier years' figures costs the same to check and write beside 5 or 10 years of figures."""
    small, big = counts
    assert small["import"][1] == big["import"][1], _repeated(small["import"][2], big["import"][2])


def test_it_lists_every_item_of_the_issue():
    """The benchmark covers the issue's list; the pages still to be built show as "not yet measured"."""
    keys = {item.key for item in ITEMS}
    assert {"scrutiny-dashboard", "executive-dashboard", "indicator-page", "service-plan", "golden-thread",
            "my-objectives", "complaints-home", "public-home", "indicator-api", "entry-grid", "import-100k",
            "scrutiny-report-pdf", "public-throughput"} <= keys
    assert all(isinstance(item, (Job, Throughput)) or item.pending or item.url for item in ITEMS)
