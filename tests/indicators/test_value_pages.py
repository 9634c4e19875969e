"""The value list pages by cursor (ADR 0013): every value once, in a fixed order, filters kept, no count."""

import base64
from decimal import Decimal
from urllib.parse import quote

import pytest
from rest_framework.test import APIClient

from indicators import periods as P
from indicators.models import IndicatorValue
from tests.indicators.factories import IndicatorFactory, ValueFactory, period

pytestmark = pytest.mark.django_db

QUARTERS = [p.label for p in P.series(P.QUARTER, P.quarter(2018, 1).start, P.quarter(2024, 4).start)]  # 28


def api(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.fixture
def figures(world):
    """Three adults indicators and one children's, 28 quarters each: 112 values, three pages of 50."""
    indicators = [IndicatorFactory(service=world.adults) for _ in range(3)]
    indicators.append(IndicatorFactory(service=world.children))
    # Periods made newest first, so their ids do not follow their dates: the order must not depend on that.
    periods = [period(label) for label in reversed(QUARTERS)]
    for indicator in indicators:
        for n, quarter in enumerate(periods):
            ValueFactory(indicator=indicator, period=quarter, actual=Decimal(n), status="published")
    return indicators


def walk(client, url, link="next"):
    """Every page from `url` following the `link` links: the rows' ids, page by page."""
    pages = []
    while url:
        response = client.get(url)
        assert response.status_code == 200
        body = response.json()
        assert "count" not in body
        pages.append([row["id"] for row in body["results"]])
        url = body[link]
    return pages


def in_order(queryset):
    return list(queryset.order_by("indicator_id", "period_id").values_list("id", flat=True))


def test_it_walks_every_value_once_forwards_and_backwards_across_pages(world, figures):
    """112 values in pages of 50, 50 and 12, each exactly once in (indicator, period) order, either way."""
    client = api(world.performance_officer)
    pages = walk(client, "/api/indicator-values/")
    assert [len(page) for page in pages] == [50, 50, 12]
    walked = [pk for page in pages for pk in page]
    assert walked == in_order(IndicatorValue.objects.all())

    last = client.get("/api/indicator-values/").json()
    while last["next"]:
        last = client.get(last["next"]).json()
    backwards = walk(client, last["previous"], link="previous")
    assert [pk for page in reversed(backwards) for pk in page] == walked[:-12]


def test_it_keeps_the_filters_in_the_cursor_links(world, figures):
    """Filtered by service, every page holds only that service's values, and all of them."""
    client = api(world.performance_officer)
    url = f"/api/indicator-values/?service={world.adults.pk}&period_kind=quarter"
    assert f"service={world.adults.pk}" in client.get(url).json()["next"]
    pages = walk(client, url)
    assert [len(page) for page in pages] == [50, 34]
    assert [pk for page in pages for pk in page] == in_order(
        IndicatorValue.objects.filter(indicator__service=world.adults))

    url = f"/api/indicator-values/?service={world.children.pk}&fiscal_year=2020"
    expected = in_order(IndicatorValue.objects.filter(indicator__service=world.children, period__fiscal_year=2020))
    assert len(expected) == 4
    assert walk(client, url) == [expected]


def test_it_shows_the_same_values_to_the_same_person_as_before(world, figures):
    """A staff member walks the published values and verified ones, never a draft, across pages."""
    draft = ValueFactory(indicator=figures[0], period=period("Q1 2025/26"), status="draft")
    pages = walk(api(world.staff), "/api/indicator-values/")
    walked = [pk for page in pages for pk in page]
    assert draft.pk not in walked
    assert len(walked) == len(set(walked)) == 112


def test_it_refuses_a_cursor_it_did_not_make(world, figures):
    """A made-up or mangled cursor is a 404, as DRF answers for its own cursors, never a 500."""
    client = api(world.performance_officer)
    for position in ("1", "a.b", "1.2.3"):
        cursor = quote(base64.b64encode(f"p={position}".encode()).decode())
        assert client.get(f"/api/indicator-values/?cursor={cursor}").status_code == 404
    assert client.get("/api/indicator-values/?cursor=nonsense").status_code == 404


def test_it_goes_on_from_a_cursor_whose_values_were_deleted(world, figures):
    """A value removed after its page was read does not break the next page: it starts after it."""
    client = api(world.performance_officer)
    first = client.get("/api/indicator-values/").json()
    IndicatorValue.objects.filter(pk=first["results"][-1]["id"]).delete()
    second = client.get(first["next"]).json()
    assert second["results"][0]["id"] == in_order(IndicatorValue.objects.all())[49]


def test_it_documents_cursor_pages_in_the_schema_and_the_docs(world, client, as_user):
    """The schema offers a cursor, no page number, count or ordering; the readable docs say how to page."""
    assert "are paged by cursor instead" in as_user(world.staff).get("/api/docs/").content.decode()
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    listing = schema["paths"]["/api/indicator-values/"]["get"]
    names = {parameter["name"] for parameter in listing["parameters"]}
    assert "cursor" in names
    assert not names & {"page", "ordering"}
    page = schema["components"]["schemas"]["PaginatedIndicatorValueList"]
    assert set(page["properties"]) == {"next", "previous", "results"}
