"""A complaints officer answers a subject access request, and sees what the retention job will do tonight.

Linda (complaints officer) opens Complaints > Data protection: one complaint closed seven years ago is due to be
anonymised tonight. Agnes Walton has asked for everything the council holds about her. Linda searches for her
name; the preview also finds a namesake's complaint. Nothing is ticked to start with; after being told to choose,
Linda ticks Agnes's complaint and feedback.
She downloads the ZIP: Agnes's complaint and the feedback she sent are in it, the namesake's is not, and the
export is listed with the request's reference.
"""

import datetime
import io
import json
import re
import zipfile

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from complaints import services
from complaints.models import CaseAccess, Complaint, Regime
from organisation.models import Service, User
from privacy.models import SubjectAccessExport
from public import services as public_services
from tests.browser.test_complaints_journey import working_days_back

pytestmark = pytest.mark.browser


def log(officer, name, received_on, contact=""):
    return services.complaint_log(
        actor=officer, owner=officer, kind=Complaint.Kind.FORMAL, regime=Regime.objects.get(code="adults"),
        complainant_name=name, complainant_type=Complaint.ComplainantType.REPRESENTATIVE, contact_details=contact,
        service=Service.objects.get(name="Reablement and Home Care"), summary="Visits to my mother were cut short.",
        received_on=received_on, points=["Carers left early"])


def test_a_complaints_officer_exports_everything_held_about_a_person(council, page: Page, sign_in_as, context):
    officer = User.objects.get(email__startswith="complaints@")
    agnes = log(officer, "Agnes Walton", working_days_back(20), contact="agnes.walton@example.org")
    namesake = log(officer, "Agnes Walton-Price", working_days_back(15))
    old = log(officer, "Bernard Old", working_days_back(2700))
    Complaint.objects.filter(pk=old.pk).update(closed_on=timezone.localdate() - datetime.timedelta(days=2600))
    public_services.feedback_submit(comment="Thank you for sorting the visits.",
                                    service=Service.objects.get(name="Reablement and Home Care"),
                                    name="Agnes Walton", email="agnes.walton@example.org")

    sign_in_as(officer)
    page.goto("/home/")
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Complaints").click()
    page.get_by_role("navigation", name="Complaints, casework and forums").get_by_role(
        "link", name="Data protection").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Data protection")
    complaints_row = page.get_by_test_id("retention").get_by_role("row", name=re.compile("Complaints and compliments"))
    expect(complaints_row.locator("td").nth(1)).to_have_text("1")  # Bernard's, closed seven years ago

    page.get_by_label("Name or e-mail address").fill("Agnes Walton")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Subject access request")
    complaints = page.get_by_test_id("complaints")
    expect(complaints.locator("tbody tr")).to_have_count(2)
    expect(page.get_by_test_id("feedback")).to_contain_text("agnes.walton@example.org")

    # Nothing is ticked to start with (a namesake's records must not go to Agnes): exporting nothing is refused.
    expect(page.get_by_label(f"Include {namesake.reference}")).not_to_be_checked()
    page.get_by_role("button", name="Download the export (ZIP)").click()
    expect(page).to_have_title(re.compile(r"^Error: "))
    expect(page.locator(".govuk-error-summary")).to_contain_text("Choose at least one record that is the person's")
    assert not SubjectAccessExport.objects.exists()

    page.get_by_label(f"Include {agnes.reference}").check()
    page.get_by_role("checkbox", name=re.compile("Include feedback")).check()
    page.get_by_label("The request's reference").fill("SAR-2026-031")
    with page.expect_download() as download:
        page.get_by_role("button", name="Download the export (ZIP)").click()
    archive = zipfile.ZipFile(io.BytesIO(open(download.value.path(), "rb").read()))
    everything = json.loads(archive.read("everything.json"))
    assert [c["reference"] for c in everything["records"]["complaints"]] == [agnes.reference]
    assert everything["records"]["feedback"][0]["email"] == "agnes.walton@example.org"
    assert "Agnes Walton-Price" not in archive.read("everything.json").decode()
    assert "complaints.csv" in archive.namelist()

    export = SubjectAccessExport.objects.get()
    assert (export.requested_by, export.reference) == (officer, "SAR-2026-031")
    assert CaseAccess.objects.filter(complaint=agnes, path=f"subject-access-export/{export.pk}").exists()
    page.goto("/complaints/data-protection/")
    expect(page.get_by_test_id("exports")).to_contain_text("SAR-2026-031")
