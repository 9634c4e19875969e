"""Subject access exports: only complaints officers run them; they hold everything about the person, and are
recorded."""

import csv
import io
import json
import zipfile

import pytest
from django.urls import reverse

from complaints.models import CaseAccess
from privacy.models import SubjectAccessExport
from tests.privacy.conftest import (
    closed_case,
    feedback_sent,
    log_case,
    working_day_before,
    years_ago,
)

pytestmark = pytest.mark.django_db

URL = reverse("privacy:subject-access")
NOT_ALLOWED = ["system_admin", "hr_officer", "performance_officer", "head_of_service", "staff", "panel_member",
               "ward_councillor"]


@pytest.fixture
def held(world, regimes):
    return {
        "complaint": closed_case(world, regimes["adults"], closed_years_ago=1),
        "namesake": log_case(world, regimes["childrens"], received_on=working_day_before(years_ago(0, days=10)),
                             name="Alex Examplesson"),
        "other": log_case(world, regimes["adults"], received_on=working_day_before(years_ago(0, days=5)),
                          name="Zed Other"),
        "feedback": feedback_sent(world, years=0),
    }


def unzip(response):
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    return {name: archive.read(name).decode() for name in archive.namelist()}


def rows(text):
    return list(csv.DictReader(io.StringIO(text)))


@pytest.mark.parametrize("who", NOT_ALLOWED)
def test_only_complaints_officers_may_search_or_export(world, held, as_user, who):
    client = as_user(getattr(world, who))
    assert client.get(reverse("privacy:index")).status_code == 403
    assert client.get(URL, {"q": "Alex Example"}).status_code == 403
    assert client.post(URL, {"q": "Alex Example", "complaints": [held["complaint"].pk]}).status_code == 403
    assert client.get("/api/subject-access/", {"q": "Alex Example"}).status_code == 403
    assert client.post("/api/subject-access/", {"search": "Alex Example", "complaints": [held["complaint"].pk]},
                       content_type="application/json").status_code == 403
    assert client.get("/api/retention/").status_code == 403
    assert not SubjectAccessExport.objects.exists()
    assert not CaseAccess.objects.filter(user=getattr(world, who)).exists()


def test_signed_out_people_are_sent_to_sign_in(client, held):
    assert client.get(URL, {"q": "Alex"}).status_code == 302
    assert client.get("/api/subject-access/", {"q": "Alex"}).status_code in (401, 403)


def test_the_preview_lists_what_may_be_the_persons_and_logs_the_cases_shown(world, held, as_user):
    officer = as_user(world.complaints_officer)
    page = officer.get(URL, {"q": "Alex Example"})
    text = page.content.decode()
    assert held["complaint"].reference in text
    assert held["namesake"].reference in text  # a namesake is shown, for the officer to untick
    assert held["other"].reference not in text
    assert "alex@example.org" in text  # the feedback's sender
    logged = set(CaseAccess.objects.filter(user=world.complaints_officer, path=URL)
                 .values_list("complaint_id", flat=True))
    assert logged == {held["complaint"].pk, held["namesake"].pk}
    assert "The portal holds nothing" in officer.get(URL, {"q": "Nobody Atall"}).content.decode()


def test_the_preview_takes_a_constant_number_of_queries(world, regimes, held, as_user,
                                                         django_assert_max_num_queries):
    officer = as_user(world.complaints_officer)
    officer.get(URL, {"q": "Alex"})
    for n in range(5):
        log_case(world, regimes["adults"], received_on=working_day_before(years_ago(0, days=20 + n)),
                 name=f"Alex Example {n}")
        feedback_sent(world, years=0)
    with django_assert_max_num_queries(20):
        assert officer.get(URL, {"q": "Alex"}).status_code == 200


def test_the_export_holds_the_chosen_records_and_is_recorded(world, held, as_user):
    officer = as_user(world.complaints_officer)
    complaint, feedback = held["complaint"], held["feedback"]
    response = officer.post(URL, {"q": "Alex Example", "reference": "SAR-2026-014",
                                  "complaints": [complaint.pk], "feedback": [feedback.pk]})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    files = unzip(response)
    assert set(files) >= {"everything.json", "complaints.csv", "complaint_points.csv", "complaint_stages.csv",
                          "complaint_outcomes.csv", "feedback.csv"}
    [row] = rows(files["complaints.csv"])
    assert (row["reference"], row["complainant_name"]) == (complaint.reference, "Alex Example")
    assert row["complainant_type"] == "Representative (family member or friend)"
    assert "Delay" in row["categories"]
    assert len(rows(files["complaint_points.csv"])) == 2
    assert rows(files["feedback.csv"])[0]["email"] == "alex@example.org"
    everything = json.loads(files["everything.json"])
    assert everything["reference"] == "SAR-2026-014"
    assert held["namesake"].reference not in files["everything.json"]  # unticked, so left out

    export = SubjectAccessExport.objects.get()
    assert (export.requested_by, export.search, export.via) == (world.complaints_officer, "Alex Example", "page")
    assert export.counts["complaints"] == 1
    assert export.counts["feedback"] == 1
    assert CaseAccess.objects.filter(complaint=complaint, path=f"subject-access-export/{export.pk}").exists()
    assert "SAR-2026-014" in officer.get(reverse("privacy:index")).content.decode()


def test_choosing_nothing_is_refused_with_a_message(world, held, as_user):
    response = as_user(world.complaints_officer).post(URL, {"q": "Alex Example"})
    assert response.status_code == 400
    assert "Choose at least one record that is the person&#x27;s" in response.content.decode()
    assert not SubjectAccessExport.objects.exists()


def test_a_record_the_search_did_not_find_cannot_be_slipped_in(world, held, as_user):
    response = as_user(world.complaints_officer).post(URL, {"q": "Alex Example", "complaints": [held["other"].pk]})
    assert response.status_code == 400
    assert not SubjectAccessExport.objects.exists()


def test_cells_that_would_run_as_formulas_are_made_safe(world, held, as_user):
    from complaints.models import Complaint

    Complaint.objects.filter(pk=held["complaint"].pk).update(summary="=HYPERLINK(\"http://x\")")
    files = unzip(as_user(world.complaints_officer).post(URL, {"q": "Alex Example",
                                                               "complaints": [held["complaint"].pk]}))
    assert rows(files["complaints.csv"])[0]["summary"] == "'=HYPERLINK(\"http://x\")"


def test_a_member_of_staff_gets_their_account_roles_and_history(world, as_user):
    officer = as_user(world.complaints_officer)
    person = world.head_of_service
    response = officer.post(URL, {"q": person.email, "people": [person.pk]})
    files = unzip(response)
    [account] = rows(files["accounts.csv"])
    assert account["email"] == person.email
    assert "password" not in account
    assert any(r["role"] == "Head of service" for r in rows(files["roles.csv"]))
    assert "audit_about_them.csv" in files  # the role's grant is in the audit trail


def test_the_api_finds_then_exports_and_refuses_bad_requests_by_field(world, held, as_user):
    officer = as_user(world.complaints_officer)
    found = officer.get("/api/subject-access/", {"q": "Alex Example"}).json()
    assert {c["id"] for c in found["complaints"]} == {held["complaint"].pk, held["namesake"].pk}
    assert officer.get("/api/subject-access/", {"q": "Al"}).json() == {
        "q": ["Enter at least 3 characters of the name or e-mail address"]}
    refused = officer.post("/api/subject-access/", {"search": "Alex Example", "complaints": [held["other"].pk]},
                           content_type="application/json")
    assert refused.status_code == 400
    assert list(refused.json()) == ["complaints"]
    exported = officer.post("/api/subject-access/", {"search": "Alex Example", "complaints": [held["complaint"].pk]},
                            content_type="application/json")
    assert exported.status_code == 201
    body = exported.json()
    assert body["records"]["complaints"][0]["complainant_name"] == "Alex Example"
    assert SubjectAccessExport.objects.get(pk=body["export"]).via == "api"
    assert officer.get("/api/retention/").json()["years"]["complaints"] == 6
