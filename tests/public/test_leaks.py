"""Nothing unpublished reaches anyone who is not signed in, on any page, download or feed.

The URLs are discovered from the URLconf, so a page added later is covered
without touching this test: every pattern is requested anonymously with its
arguments filled from every seeded object's id (published and not), and every
answer, whatever its status, is searched for the markers the seeded drafts,
unverified figures, unpublished plans, appraisals, complaints and unmoderated
feedback carry.
"""

import itertools

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.exceptions import NoReverseMatch
from django.urls.resolvers import RoutePattern

from tests.public.conftest import LEAK_DOMAIN, MARK

# Query strings the public pages understand, tried as well as the bare URL.
QUERIES = ["", "?year=2024", "?year=2026", "?group=1", "?status=pending"]


def url_patterns(resolver=None, namespace=None):
    """Every URL pattern, with its full name (namespace:name) and the names of its arguments."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace
            full = f"{namespace}:{ns}" if namespace and ns else (ns or namespace)
            yield from url_patterns(entry, full)
        elif isinstance(entry, URLPattern) and entry.name:
            name = f"{namespace}:{entry.name}" if namespace else entry.name
            pattern = entry.pattern
            arguments = list(pattern.converters) if isinstance(pattern, RoutePattern) else list(pattern.regex.groupindex)
            yield name, arguments


def value_for(argument, candidate):
    if argument == "format":
        return "json"
    if argument in ("uidb64", "token"):
        return "x"
    return candidate


def urls_for(name, arguments, candidates):
    """The URLs to try: each argument in turn takes every candidate id, the others the first one."""
    if not arguments:
        try:
            yield reverse(name)
        except NoReverseMatch:  # a name shared with a pattern that takes arguments
            pass
        return
    first = candidates[0]
    tried = set()
    for position, candidate in itertools.product(range(len(arguments)), candidates):
        kwargs = {a: value_for(a, candidate if i == position else first) for i, a in enumerate(arguments)}
        try:
            url = reverse(name, kwargs=kwargs)
        except NoReverseMatch:
            continue
        if url not in tried:
            tried.add(url)
            yield url


def candidate_ids(pub):
    """Every id any seeded object has: each published object's and each hidden twin's."""
    ids = set()
    for value in [*vars(pub).values(), *vars(pub.world).values()]:
        pk = getattr(value, "pk", None)
        if isinstance(pk, int):
            ids.add(pk)
    ids |= {1, 2, 3}
    return sorted(ids)


def needs_sign_in(response):
    """A page that sends anyone not signed in to sign in, or an API refusing them before any lookup."""
    if response.status_code in (301, 302):
        return any(part in response.get("Location", "") for part in ("/sign-in/", "/admin/login/"))
    return response.status_code in (401, 403) and b"credentials were not provided" in response.content


def assert_no_leak(url, response):
    body = b"".join(response.streaming_content) if response.streaming else response.content
    text = body.decode("utf-8", errors="replace")
    assert MARK not in text, f"{url} ({response.status_code}) shows unpublished data"
    assert LEAK_DOMAIN not in text, f"{url} ({response.status_code}) shows a private e-mail address"
    return text


def crawl(client, pub):
    """Request every URL the URLconf offers; return {url: (status, text)} of those answered without sign-in."""
    answered = {}
    candidates = candidate_ids(pub)
    for name, arguments in url_patterns():
        for url in urls_for(name, arguments, candidates):
            response = client.get(url)
            if needs_sign_in(response):
                break  # a sign-in wall comes before any lookup: other ids would be turned away the same way
            text = assert_no_leak(url, response)
            answered[url] = (response.status_code, text, name)
            if response.status_code == 200:
                for query in QUERIES[1:]:
                    assert_no_leak(url + query, client.get(url + query))
    return answered


PUBLIC_NAMES = {
    "public-home", "public-priorities", "public-priority", "public-non-priorities", "public-service-plans",
    "public-service", "public-indicators", "public-indicator", "public-engagement", "public-scrutiny",
    "public-scrutiny-review", "public-best-value", "public-best-value-review", "public-complaints",
    "public-feedback", "public-feedback-sent", "public-priority-feedback", "public-service-feedback",
    "public-data", "public-data-values", "public-data-indicator", "public-data-milestones", "public-data-priorities",
    "public-data-recommendations", "public-feed", "accessibility",
}


def test_it_shows_no_unpublished_data_on_any_url_anyone_can_open(pub):
    """Every pattern in the URLconf, anonymously, with every seeded id: no marker in any answer."""
    answered = crawl(Client(), pub)
    reached = {name for status, _, name in answered.values() if status == 200}
    assert PUBLIC_NAMES <= reached, f"public pages the crawl did not reach: {PUBLIC_NAMES - reached}"
    # What is published does appear: the crawl saw the real pages, not error pages.
    everything = "".join(text for _, text, _ in answered.values())
    for published in ("Live well at home", "Shorter waits for home care", "Zoned contracts let", "Evening day centres",
                      "Living well consultation", "Published commentary on Q1.", "Hospital discharge review",
                      "Day opportunities review", "Edited text shown to everyone.", "Thank you: we have acted."):
        assert published in everything, published


def test_it_keeps_unpublished_things_at_404(pub, client):
    """A hidden item's own page is not there at all for the public, whoever knows its id."""
    for name, pk in (("public-priority", pub.draft_priority.pk), ("public-indicator", pub.unpublished_indicator.pk),
                     ("public-indicator", pub.retired.pk), ("public-scrutiny-review", pub.hidden_review.pk),
                     ("public-data-indicator", pub.unpublished_indicator.pk),
                     ("public-priority-feedback", pub.draft_priority.pk)):
        assert client.get(reverse(name, args=[pk])).status_code == 404, name


def test_it_never_caches_what_a_signed_in_person_could_see_for_the_public(pub, as_user):
    """Staff who can see drafts visit first and fill the cache; the public then gets the same clean pages."""
    staff = as_user(pub.world.performance_officer)
    public_urls = [reverse(n) for n in ("public-home", "public-priorities", "public-indicators", "public-scrutiny",
                                        "public-feedback", "public-data-values", "public-feed")]
    public_urls += [reverse("public-priority", args=[pub.priority.pk]),
                    reverse("public-indicator", args=[pub.indicator.pk]),
                    reverse("public-service", args=[pub.world.adults.pk])]
    for url in public_urls:
        assert staff.get(url).status_code == 200, url
    anonymous = Client()
    for url in public_urls:
        response = anonymous.get(url)
        assert response.status_code == 200
        assert_no_leak(url, response)


@pytest.mark.parametrize("persona", ["performance_officer", "head_of_service", "scrutiny_member"])
def test_it_shows_signed_in_people_the_same_public_pages(pub, as_user, persona):
    """The public pages are the public's, even for someone who may read drafts elsewhere."""
    page = as_user(getattr(pub.world, persona)).get(reverse("public-priority", args=[pub.priority.pk]))
    assert_no_leak("priority page", page)
    assert "Shorter waits for home care" in page.text
