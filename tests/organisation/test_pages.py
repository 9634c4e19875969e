"""The organisation pages: who sees what, and that edits save exactly what was asked."""

import pytest
from django.urls import reverse

from tests.conftest import PERSONAS
from tests.factories import PortfolioFactory

pytestmark = pytest.mark.django_db

READ_PAGES = ["organisation", "people", "delegation"]


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("page", READ_PAGES)
def test_it_shows_the_organisation_to_everyone_signed_in(world, as_user, persona, page):
    """Structure and the scheme of delegation are open to every signed-in role."""
    response = as_user(getattr(world, persona)).get(reverse(page))
    assert response.status_code == 200


@pytest.mark.parametrize("page", READ_PAGES + ["orphaned-items", "home", "mi-officer-edit"])
def test_it_sends_anonymous_visitors_to_sign_in(world, as_user, page):
    response = as_user(None).get(reverse(page))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_it_sends_anonymous_visitors_away_from_service_and_person_pages(world, as_user):
    client = as_user(None)
    for url in (reverse("service-detail", args=[world.adults.pk]), reverse("person-detail", args=[world.staff.pk]),
                reverse("directorate-detail", args=[world.adults_dir.pk])):
        assert client.get(url).status_code == 302


def test_it_shows_a_service_with_its_accountable_people(world, as_user):
    response = as_user(world.staff).get(reverse("service-detail", args=[world.adults.pk]))
    assert response.status_code == 200
    assert "Mark Tester" in response.text  # accountable officer
    assert "Tom Tester" in response.text  # data officer
    assert "Change the delegation" not in response.text


def test_it_flags_a_leaver_named_in_the_delegation(world, as_user):
    """Karen left ten days ago but is still the Fostering data officer: the scheme says so."""
    response = as_user(world.staff).get(reverse("delegation"))
    assert "Karen Tester" in response.text
    assert "Left " in response.text


def test_it_hides_leavers_from_the_directory_unless_you_are_the_performance_team(world, as_user):
    url = reverse("person-detail", args=[world.leaver.pk])
    assert as_user(world.staff).get(url).status_code == 404
    assert as_user(world.ward_councillor).get(url).status_code == 404
    response = as_user(world.performance_officer).get(url)
    assert response.status_code == 200
    assert "left the council" in response.text


def test_it_shows_line_managers_only_to_the_person_and_the_performance_team(world, as_user):
    url = reverse("person-detail", args=[world.staff.pk])
    assert "Line manager" not in as_user(world.ward_councillor).get(url).text
    assert "Line manager" in as_user(world.staff).get(url).text
    assert "Line manager" in as_user(world.hr_officer).get(url).text


def test_it_filters_people_by_role(world, as_user):
    response = as_user(world.staff).get(reverse("people"), {"role": "data_officer"})
    assert [p.email for p in response.context["page"]] == ["data@test.example"]


@pytest.mark.parametrize("persona", ["performance_officer", "director", "system_admin"])
def test_it_lists_orphaned_items_for_the_performance_team(world, as_user, persona):
    response = as_user(getattr(world, persona)).get(reverse("orphaned-items"))
    assert response.status_code == 200
    reasons = {(o.kind, o.role): o.reason for o in response.context["items"]}
    assert reasons[("Service", "Data officer")].startswith("Left on")
    # Carers Support has no one named at all.
    assert ("Service", "Accountable officer") in reasons


def test_it_links_a_leaver_only_for_those_who_may_open_their_page(world, as_user):
    """The director responsible for management information sees the orphans but not leavers' pages."""
    leaver_url = reverse("person-detail", args=[world.leaver.pk])
    assert as_user(world.director).get(leaver_url).status_code == 404
    assert f'href="{leaver_url}"' not in as_user(world.director).get(reverse("orphaned-items")).text
    assert f'href="{leaver_url}"' in as_user(world.performance_officer).get(reverse("orphaned-items")).text


def test_an_indicator_names_a_leaver_as_its_data_officer_without_a_dead_link(world, as_user):
    from tests.indicators.factories import IndicatorFactory

    indicator = IndicatorFactory(service=world.adults, data_officer=world.leaver)
    page = as_user(world.staff).get(indicator.get_absolute_url()).text
    assert "Left " in page
    assert f'href="{reverse("person-detail", args=[world.leaver.pk])}"' not in page


@pytest.mark.parametrize("persona", ["staff", "head_of_service", "data_officer", "ward_councillor", "panel_member"])
def test_it_refuses_orphaned_items_to_everyone_else(world, as_user, persona):
    assert as_user(getattr(world, persona)).get(reverse("orphaned-items")).status_code == 403


def test_it_shows_each_role_its_own_home_page(world, as_user):
    assert "Services you manage" in as_user(world.head_of_service).get(reverse("home")).text
    assert "Services whose figures you enter" in as_user(world.data_officer).get(reverse("home")).text
    assert "Your portfolio" in as_user(world.portfolio_holder).get(reverse("home")).text
    assert "Your ward" in as_user(world.ward_councillor).get(reverse("home")).text
    po_home = as_user(world.performance_officer).get(reverse("home")).text
    assert "no current accountable person" in po_home
    staff_home = as_user(world.staff).get(reverse("home")).text
    assert "Orphaned items" not in staff_home
    assert "Your team" in staff_home


def test_it_keeps_the_organisation_page_to_a_constant_number_of_queries(world, as_user, django_assert_max_num_queries):
    from tests.factories import ServiceFactory, TeamFactory, UserFactory

    client = as_user(world.staff)
    client.get(reverse("organisation"))  # warm the session
    with django_assert_max_num_queries(12) as small:
        client.get(reverse("organisation"))
    for _i in range(15):
        service = ServiceFactory(directorate=world.adults_dir)
        team = TeamFactory(service=service, manager=world.team_manager)
        UserFactory.create_batch(3, team=team)
    with django_assert_max_num_queries(12) as large:
        client.get(reverse("organisation"))
    assert len(large.captured_queries) == len(small.captured_queries)


@pytest.mark.parametrize("page", ["delegation", "people"])
def test_it_keeps_lists_to_a_constant_number_of_queries(world, as_user, page, django_assert_max_num_queries):
    from organisation.models import Role
    from tests.factories import ServiceFactory, TeamFactory, UserFactory, grant

    client = as_user(world.performance_officer)
    client.get(reverse(page))
    with django_assert_max_num_queries(15) as small:
        client.get(reverse(page))
    for _i in range(10):
        service = ServiceFactory(directorate=world.children_dir)
        service.delegation.accountable_officer = UserFactory()
        service.delegation.data_officer = world.leaver
        service.delegation.save()
        for person in UserFactory.create_batch(2, team=TeamFactory(service=service)):
            grant(person, Role.DATA_OFFICER, service=service)
    with django_assert_max_num_queries(15) as large:
        client.get(reverse(page))
    assert len(large.captured_queries) == len(small.captured_queries)


def test_it_keeps_orphaned_items_to_a_constant_number_of_queries(world, as_user, django_assert_max_num_queries):
    from tests.factories import ServiceFactory

    client = as_user(world.performance_officer)
    client.get(reverse("orphaned-items"))
    # One query per kind of owned item the apps register (organisation/ownership.py), whatever their number.
    with django_assert_max_num_queries(24) as small:
        client.get(reverse("orphaned-items"))
    ServiceFactory.create_batch(10, directorate=world.children_dir)
    with django_assert_max_num_queries(24) as large:
        response = client.get(reverse("orphaned-items"))
    assert len(large.captured_queries) == len(small.captured_queries)
    assert len(response.context["items"]) >= 20


def test_it_renders_403_and_404_in_the_portal_style(world, as_user):
    forbidden = as_user(world.staff).get(reverse("orphaned-items"))
    assert "You do not have permission to see this page" in forbidden.text
    missing = as_user(world.staff).get("/no-such-page/")
    assert missing.status_code == 404
    assert "Page not found" in missing.text


def test_it_groups_people_delegation_and_orphans_under_organisation(world, as_user):
    """The header has one Organisation section; its own links lead to structure, people and delegation."""
    po = as_user(world.performance_officer).get(reverse("people")).text
    header = po.split('id="navigation"')[1].split("</ul>")[0]
    assert 'aria-current="page">' in header.split("Organisation")[0].rsplit("<li", 1)[1]
    assert "People" not in header
    section = po.split('aria-label="Organisation"')[1].split("</nav>")[0]
    for label in ("Structure", "People", "Scheme of delegation", "Orphaned items"):
        assert label in section
    staff_section = as_user(world.staff).get(reverse("people")).text.split('aria-label="Organisation"')[1]
    assert "Orphaned items" not in staff_section.split("</nav>")[0]


def test_a_persons_page_lists_the_portfolios_they_hold_and_deputise(world, as_user):
    PortfolioFactory(name="Children and Families", deputy=world.portfolio_holder)
    PortfolioFactory(name="Housing")
    page = as_user(world.staff).get(reverse("person-detail", args=[world.portfolio_holder.pk])).text
    assert "Portfolio: Adult Social Care and Health" in page
    assert "Portfolio: Children and Families" in page
    assert "Housing" not in page
