"""`person_link`: how every page names a person who owns something."""

import datetime

import pytest
from django.template import Context, Template

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

TEMPLATE = Template('{% load portal %}{% person_link person %}|{% person_link person required=True %}')


def render(person):
    return TEMPLATE.render(Context({"person": person}))


def test_a_current_person_is_a_link_to_their_page():
    person = UserFactory(first_name="Ann <b>", last_name="Lee")
    assert render(person) == (f'<a class="govuk-link" href="/people/{person.pk}/">Ann &lt;b&gt; Lee</a>|'
                              f'<a class="govuk-link" href="/people/{person.pk}/">Ann &lt;b&gt; Lee</a>')


def test_a_leaver_and_an_inactive_account_are_named_in_red_without_a_link():
    """Most people may not open a leaver's page (it would answer 404): the name stands alone."""
    leaver = UserFactory(first_name="Karen", last_name="Lowe", left_on=datetime.date(2026, 1, 9))
    assert render(leaver).split("|")[0] == 'Karen Lowe <strong class="govuk-tag govuk-tag--red">Left 9 Jan 2026</strong>'
    inactive = render(UserFactory(is_active=False))
    assert '<strong class="govuk-tag govuk-tag--red">Inactive</strong>' in inactive
    assert "href" not in inactive


def test_no_one_named_is_red_only_where_someone_must_be():
    assert render(None) == 'None|<strong class="govuk-tag govuk-tag--red">No one named</strong>'
