"""Two people changing the same complaint: the second save is refused, saying who changed what.

The pages carry the version of the record they showed; the API gives each record a `version` that a client
sends back (as If-Match or `version`). Nothing typed by the second person is saved over the first's change.
"""

import pytest
from django.urls import reverse
from django.utils import timezone

from complaints.models import Complaint, ComplaintStage
from organisation.models import Role
from tests.complaints.conftest import log_case
from tests.factories import UserFactory, grant

pytestmark = pytest.mark.django_db


@pytest.fixture
def colleague(world):
    return grant(UserFactory(first_name="Priya", last_name="Shah", email="complaints2@test.example"),
                 Role.COMPLAINTS_OFFICER)


def shown(client, url):
    """The form's fields as the browser would send them back untouched."""
    form = client.get(url).context["form"]
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value in (None, False, "", []):
            continue
        if hasattr(value, "isoformat"):  # the portal's three-box dates
            data.update({f"{name}_0": value.day, f"{name}_1": value.month, f"{name}_2": value.year})
        else:
            data[name] = value
    return data


def test_the_second_of_two_overlapping_complaint_edits_is_refused_and_nothing_is_lost(world, regimes, as_user,
                                                                                      colleague):
    complaint = log_case(world, regimes["adults"])
    url = reverse("complaints:edit", args=[complaint.pk])
    first, second = as_user(world.complaints_officer), as_user(colleague)
    mine = shown(first, url) | {"contact_details": "2 Low Road, moved in March"}
    theirs = shown(second, url) | {"summary": "Visits keep being cancelled, and nobody rings back."}

    assert first.post(url, mine).status_code == 302
    refused = second.post(url, theirs)
    assert refused.status_code == 400
    page = refused.content.decode()
    assert f"This complaint: {world.complaints_officer.get_full_name()} changed this at" in page
    assert "it now reads a new contact details" in page
    assert "nobody rings back" in page  # the second person's words are still in the form
    complaint.refresh_from_db()
    assert complaint.contact_details == "2 Low Road, moved in March"
    assert complaint.summary == "Visits keep being cancelled."

    # Having seen the change, saving again is deliberate and goes through (on top of the new version).
    again = refused.context["form"].data.copy()
    again["contact_details"] = "2 Low Road, moved in March"
    assert second.post(url, again).status_code == 302
    complaint.refresh_from_db()
    assert complaint.summary == "Visits keep being cancelled, and nobody rings back."
    assert complaint.contact_details == "2 Low Road, moved in March"


def test_two_people_recording_the_same_stage_response_cannot_overwrite_each_other(world, regimes, as_user,
                                                                                  colleague):
    complaint = log_case(world, regimes["adults"], investigator=world.team_manager)
    stage = ComplaintStage.objects.get(complaint=complaint)
    url = reverse("complaints:stage-respond", args=[stage.pk])
    investigator, officer = as_user(world.team_manager), as_user(colleague)
    points = {f"point_{p.pk}": "upheld" for p in complaint.points.all()}
    by_investigator = shown(investigator, url) | points | {"findings": "The rota was short of two carers."}
    by_officer = shown(officer, url) | points | {"findings": "No fault found."}

    assert investigator.post(url, by_investigator).status_code == 302
    refused = officer.post(url, by_officer)
    assert refused.status_code == 400
    page = refused.content.decode()
    assert f"This stage: {world.team_manager.get_full_name()} changed this at" in page
    assert "findings" in page
    stage.refresh_from_db()
    assert stage.findings == "The rota was short of two carers."


def test_a_save_on_the_version_shown_goes_through(world, regimes, as_user):
    complaint = log_case(world, regimes["adults"])
    url = reverse("complaints:edit", args=[complaint.pk])
    client = as_user(world.complaints_officer)
    assert client.post(url, shown(client, url) | {"summary": "First."}).status_code == 302
    assert client.post(url, shown(client, url) | {"summary": "Second."}).status_code == 302
    assert Complaint.objects.get(pk=complaint.pk).summary == "Second."


# The API ------------------------------------------------------------------------------------

def test_the_api_refuses_a_change_on_top_of_a_version_the_client_never_read(world, regimes, as_user, colleague):
    complaint = log_case(world, regimes["adults"])
    url = f"/api/complaints/{complaint.pk}/"
    first, second = as_user(world.complaints_officer), as_user(colleague)
    read_by_second = second.get(url).json()["version"]
    read_by_first = first.get(url).json()["version"]
    assert read_by_first == read_by_second

    changed = first.patch(url, {"contact_details": "2 Low Road"}, content_type="application/json",
                          HTTP_IF_MATCH=f'"{read_by_first}"')
    assert changed.status_code == 200
    assert changed.json()["version"] != read_by_first

    refused = second.patch(url, {"summary": "Overwritten?", "version": read_by_second},
                           content_type="application/json")
    assert refused.status_code == 409
    body = refused.json()
    assert body["version"][0].startswith(
        f"This complaint: {world.complaints_officer.get_full_name()} changed this at")
    assert "a new contact details" in body["version"][0]
    assert body["current_version"] == changed.json()["version"]
    assert Complaint.objects.get(pk=complaint.pk).summary == "Visits keep being cancelled."

    # The same refusal by If-Match; then, on the version now read, the change goes through.
    assert second.patch(url, {"summary": "Overwritten?"}, content_type="application/json",
                        HTTP_IF_MATCH=read_by_second).status_code == 409
    assert second.patch(url, {"summary": "Rewritten.", "version": body["current_version"]},
                        content_type="application/json").status_code == 200
    assert Complaint.objects.get(pk=complaint.pk).summary == "Rewritten."


def test_the_api_refuses_a_stale_stage_response(world, regimes, as_user, colleague):
    complaint = log_case(world, regimes["adults"], investigator=world.team_manager)
    stage = ComplaintStage.objects.get(complaint=complaint)
    url = f"/api/complaint-stages/{stage.pk}/"
    officer = as_user(colleague)
    seen = officer.get(url).json()["version"]
    investigator = as_user(world.team_manager)
    outcomes = [{"point": 1, "outcome": "upheld"}, {"point": 2, "outcome": "upheld"}]
    today = timezone.localdate().isoformat()
    assert investigator.post(url + "respond/", {"responded_on": today, "findings": "Short of carers.",
                                                "outcomes": outcomes, "version": seen},
                             content_type="application/json").status_code == 200
    refused = officer.post(url + "respond/", {"responded_on": today, "findings": "No fault.", "outcomes": outcomes,
                                              "version": seen}, content_type="application/json")
    assert refused.status_code == 409
    assert "findings" in refused.json()["version"][0]
    stage.refresh_from_db()
    assert stage.findings == "Short of carers."
