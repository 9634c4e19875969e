"""A ward councillor's casework on its pages: routing by the scheme of delegation, consent, deadlines in working
days, the officer's response, and what bad input gets (a message by the field, and nothing half-saved)."""

import datetime
import html

import pytest
from django.urls import reverse
from django.utils import timezone

from casework import services
from casework.models import CouncillorCase
from complaints.models import CaseAccess, Category
from core.working_days import add_working_days, non_working_days
from tests.casework.conftest import days_ago, log_concern
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def date(name, day):
    return {f"{name}_0": str(day.day), f"{name}_1": str(day.month), f"{name}_2": str(day.year)}


def errors_of(response):
    return {field: [str(e) for e in errors] for field, errors in response.context["form"].errors.items()}


def concern_form(world, **overrides):
    data = {"ward": world.ward.pk, "constituent_name": "Edna Constituent", "constituent_contact": "01234 567890",
            "service": world.adults.pk, "categories": [Category.objects.get(name="Delay").pk],
            "summary": "Waited eight weeks for an assessment.", **date("raised_on", days_ago(2)),
            "consent_given": "yes"}
    data.update(overrides)
    return data


def test_it_sends_a_concern_to_the_services_accountable_officer_with_a_deadline(world, as_user):
    """With consent, the concern goes to Reablement's accountable officer in the scheme of delegation at once,
    due in 10 working days; the councillor is told who has it."""
    response = as_user(world.ward_councillor).post(reverse("casework:create"), concern_form(world), follow=True)
    case = CouncillorCase.objects.get()
    assert response.redirect_chain[-1][0] == case.get_absolute_url()
    today = timezone.localdate()
    assert (case.councillor, case.ward, case.service) == (world.ward_councillor, world.ward, world.adults)
    assert (case.routed_to, case.routed_on, case.response_days) == (world.head_of_service, today, 10)
    assert case.consent_given
    assert case.consent_recorded_on == today
    assert case.status == CouncillorCase.Status.OPEN
    assert case.reference == f"CW-{case.raised_on.year}-{case.pk:05d}"
    assert list(case.categories.values_list("name", flat=True)) == ["Delay"]
    assert case.due_on(non_working_days()) == add_working_days(today, 10, non_working_days())
    assert f"{case.reference} has been sent to Mark Tester, who should respond within 10 working days." in \
        response.text


@pytest.mark.parametrize(("routed_on", "days", "due", "why"), [
    (datetime.date(2026, 12, 24), 10, datetime.date(2027, 1, 12), "Christmas, Boxing Day (substitute) and New Year"),
    (datetime.date(2027, 3, 24), 5, datetime.date(2027, 4, 2), "Good Friday and Easter Monday"),
    (datetime.date(2026, 11, 27), 10, datetime.date(2026, 12, 11), "a Friday: two weekends"),
    (datetime.date(2026, 8, 28), 1, datetime.date(2026, 9, 1), "the August bank holiday"),
])
def test_it_counts_the_response_deadline_in_working_days(world, settings, routed_on, days, due, why):
    """The number of working days is a setting, copied onto the case when it is sent."""
    settings.CASEWORK_RESPONSE_DAYS = days
    case = log_concern(world, raised_on=routed_on, today=routed_on)
    settings.CASEWORK_RESPONSE_DAYS = 99  # a later change rewrites nothing
    case.refresh_from_db()
    assert case.response_days == days
    assert case.due_on(non_working_days()) == due, why


def test_it_keeps_a_concern_without_consent_with_the_councillor_and_says_why(world, as_user):
    """Without consent the concern is saved but not sent: no officer sees it, the page says why, and recording
    consent later sends it."""
    client = as_user(world.ward_councillor)
    response = client.post(reverse("casework:create"), concern_form(world, consent_given="no"), follow=True)
    case = CouncillorCase.objects.get()
    assert (case.consent_given, case.routed_to, case.routed_on, case.response_days) == (False, None, None, None)
    assert "It has not been sent to the service: record the constituent's consent to send it." in \
        html.unescape(response.text)
    assert 'data-testid="not-sent"' in response.text
    assert "The constituent has not yet agreed to council officers seeing their concern" in response.text
    assert as_user(world.head_of_service).get(case.get_absolute_url()).status_code == 404
    assert as_user(world.complaints_officer).get(case.get_absolute_url()).status_code == 404

    response = client.post(reverse("casework:consent", args=[case.pk]), {})
    assert errors_of(response) == {"confirm": ["Confirm that the constituent agrees, or go back"]}
    case.refresh_from_db()
    assert case.routed_on is None
    response = client.post(reverse("casework:consent", args=[case.pk]), {"confirm": "on"})
    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.consent_given, case.routed_to, case.routed_on) == (True, world.head_of_service,
                                                                    timezone.localdate())
    assert as_user(world.head_of_service).get(case.get_absolute_url()).status_code == 200


def test_it_asks_about_consent_on_the_form(world, as_user):
    response = as_user(world.ward_councillor).post(reverse("casework:create"), concern_form(world, consent_given=""))
    assert errors_of(response) == {
        "consent_given": ["Say whether the constituent agrees to officers seeing their concern"]}
    assert "Without it the case stays with you, is not sent to the service and gets no response" in response.text
    assert not CouncillorCase.objects.exists()


def test_it_goes_to_the_deputy_when_the_accountable_officer_has_left(world):
    world.adults.delegation.accountable_officer = world.leaver
    world.adults.delegation.deputy_accountable_officer = world.director
    world.adults.delegation.save()
    case = log_concern(world)
    assert case.routed_to == world.director


def test_it_refuses_to_send_a_concern_the_scheme_of_delegation_gives_no_one(world, as_user):
    world.carers.delegation.accountable_officer = None
    world.carers.delegation.save()
    response = as_user(world.ward_councillor).post(reverse("casework:create"),
                                                   concern_form(world, service=world.carers.pk))
    assert errors_of(response) == {"service": [
        "Carers Support has no current accountable officer in the scheme of delegation, so the concern cannot be "
        "sent: ask the performance team to name one"]}
    assert not CouncillorCase.objects.exists()


@pytest.mark.parametrize(("overrides", "field", "message"), [
    ({**date("raised_on", timezone.localdate() + datetime.timedelta(days=1))}, "raised_on",
     "The date the constituent raised it must be today or in the past"),
    ({"raised_on_0": "31", "raised_on_1": "2", "raised_on_2": "2026"}, "raised_on",
     "The date the constituent raised it must be a real date, like 27 3 2026"),
    ({"constituent_name": ""}, "constituent_name", "Enter the constituent's name"),
    ({"summary": ""}, "summary", "Describe the concern"),
    ({"service": ""}, "service", "Choose the service"),
])
def test_it_refuses_bad_input_and_saves_nothing(world, as_user, overrides, field, message):
    response = as_user(world.ward_councillor).post(reverse("casework:create"), concern_form(world, **overrides))
    assert response.status_code == 400
    assert errors_of(response)[field] == [message]
    assert not CouncillorCase.objects.exists()


def test_it_logs_concerns_only_for_the_councillors_own_wards(world, councillors, as_user):
    response = as_user(world.ward_councillor).post(reverse("casework:create"),
                                                   concern_form(world, ward=councillors["brookfield"].pk))
    assert errors_of(response) == {"ward": ["Choose the ward from the list"]}
    with pytest.raises(Exception, match="You are not a councillor for Brookfield"):
        log_concern(world, ward=councillors["brookfield"])
    assert not CouncillorCase.objects.exists()
    for persona in ("head_of_service", "complaints_officer", "scrutiny_member", "executive_member"):
        assert as_user(getattr(world, persona)).get(reverse("casework:create")).status_code == 403


def test_the_officer_responds_and_the_councillor_closes_the_case(world, as_user):
    case = log_concern(world, raised_on=days_ago(6), today=days_ago(5))
    officer = as_user(world.head_of_service)
    url = reverse("casework:respond", args=[case.pk])
    response = officer.post(url, {**date("responded_on", days_ago(6)), "response": "A review is booked."})
    assert errors_of(response) == {"responded_on": [
        f"The date of the response cannot be before the day it was sent to the service ({days_ago(5):%-d %B %Y})"]}
    response = officer.post(url, {**date("responded_on", days_ago(1)), "response": "  "})
    assert errors_of(response) == {"response": ["Enter the response"]}
    case.refresh_from_db()
    assert (case.status, case.responded_on, case.response) == ("open", None, "")
    response = officer.post(url, {**date("responded_on", days_ago(1)), "response": "A review is booked."})
    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.status, case.responded_on, case.responded_by) == ("responded", days_ago(1), world.head_of_service)

    page = as_user(world.ward_councillor).get(case.get_absolute_url())
    assert "A review is booked." in page.text
    assert page.context["deadline"].status == "met"
    assert as_user(world.head_of_service).get(reverse("casework:close", args=[case.pk])).status_code == 403
    response = as_user(world.ward_councillor).post(reverse("casework:close", args=[case.pk]),
                                                   date("closed_on", days_ago(2)))
    assert errors_of(response) == {"closed_on": [
        f"The date closed cannot be before the response ({days_ago(1):%-d %B %Y})"]}
    response = as_user(world.ward_councillor).post(reverse("casework:close", args=[case.pk]),
                                                   date("closed_on", timezone.localdate()))
    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.status, case.closed_on) == ("closed", timezone.localdate())


def test_it_refuses_any_change_to_a_closed_case(world, as_user):
    case = log_concern(world)
    services.case_close(case=case, actor=world.ward_councillor, closed_on=timezone.localdate())
    closed = f"This case was closed on {timezone.localdate():%-d %B %Y}: it can no longer be changed"
    with pytest.raises(Exception, match=closed):
        services.case_respond(case=case, actor=world.head_of_service, responded_on=timezone.localdate(),
                              response="Too late")
    # The pages do not offer it at all.
    assert as_user(world.head_of_service).get(reverse("casework:respond", args=[case.pk])).status_code == 403
    assert as_user(world.ward_councillor).get(reverse("casework:close", args=[case.pk])).status_code == 403
    case.refresh_from_db()
    assert (case.status, case.response) == ("closed", "")


def test_it_shows_overdue_casework_on_the_accountable_officers_home_page(world, as_user):
    """Overdue first, then due soon; another service's officer sees none of it."""
    holidays = non_working_days()
    overdue = log_concern(world, raised_on=days_ago(30), today=days_ago(30))
    due_soon_day = timezone.localdate()
    while add_working_days(due_soon_day, 10, holidays) > add_working_days(timezone.localdate(), 2, holidays):
        due_soon_day -= datetime.timedelta(days=1)
    due_soon = log_concern(world, raised_on=due_soon_day, today=due_soon_day)
    log_concern(world, consent=False, raised_on=days_ago(30))  # not sent: nobody's deadline
    page = as_user(world.head_of_service).get(reverse("home"))
    assert 'data-testid="casework-overdue"' in page.text
    overdue_table = page.text.split('data-testid="casework-overdue"')[1].split("</table>")[0]
    assert overdue.reference in overdue_table
    assert "Overdue by" in overdue_table
    soon_table = page.text.split('data-testid="casework-due-soon"')[1].split("</table>")[0]
    assert due_soon.reference in soon_table
    other = as_user(world.manager_elsewhere).get(reverse("home"))
    assert 'data-testid="casework-deadlines"' not in other.text
    assert overdue.reference not in other.text
    # The home page names no constituent: it is not a look at the case.
    assert "Edna Constituent" not in page.text
    assert not CaseAccess.objects.filter(casework__isnull=False).exists()


def test_it_shows_the_councillor_their_casework_from_their_home_page(world, as_user):
    log_concern(world)
    log_concern(world, consent=False)
    page = as_user(world.ward_councillor).get(reverse("home"))
    panel = page.text.split('data-testid="your-casework"')[1].split("</section>")[0]
    assert "1 waiting for a response from the service" in panel
    assert "1 not sent: no consent from the constituent yet" in panel
    assert reverse("casework:create") in panel
    assert reverse("casework:list") in panel
    staff = as_user(world.staff).get(reverse("home"))
    assert 'data-testid="your-casework"' not in staff.text


def test_it_lists_a_leaving_councillors_open_cases_as_orphaned(world, councillors, as_user):
    case = log_concern(world, councillor=councillors["same_ward"])
    councillors["same_ward"].left_on = days_ago(1)
    councillors["same_ward"].save()
    page = as_user(world.performance_officer).get(reverse("orphaned-items"))
    assert case.reference in page.text
    assert "Edna Constituent" not in page.text


def test_it_numbers_references_from_the_case_id_whoever_logs_them(world, councillors):
    first = log_concern(world)
    second = log_concern(world, councillor=councillors["same_ward"])
    assert second.pk > first.pk
    assert {first.reference, second.reference} == {f"CW-{first.raised_on.year}-{first.pk:05d}",
                                                    f"CW-{second.raised_on.year}-{second.pk:05d}"}


def test_it_refuses_a_database_row_sent_without_consent(world):
    """The rule holds in the database too, whatever writes to it."""
    from django.db import IntegrityError

    case = log_concern(world, consent=False)
    with pytest.raises(IntegrityError):
        CouncillorCase.objects.filter(pk=case.pk).update(routed_on=timezone.localdate(),
                                                         routed_to=UserFactory())
