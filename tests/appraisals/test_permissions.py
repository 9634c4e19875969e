"""Appraisals are personal: the person, their line-management chain and HR; nobody else, pages or API."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

OUTSIDERS = ["peer", "scrutiny_member", "executive_member", "manager_elsewhere", "performance_officer",
             "data_officer", "director"]
INSIDERS = ["staff", "team_manager", "head_of_service", "hr_officer"]


def pages(a):
    return [
        reverse("appraisals:detail", args=[a.mine.pk]),
        reverse("appraisals:review", args=[a.mine.pk, "mid_year"]),
        reverse("appraisals:progress-note-create", args=[a.objective.pk]),
        reverse("appraisals:objective-edit", args=[a.objective.pk]),
        f"/api/appraisals/{a.mine.pk}/",
        f"/api/appraisal-objectives/{a.objective.pk}/",
    ]


@pytest.mark.parametrize("persona", OUTSIDERS)
def test_it_hides_an_appraisal_from_anyone_outside_the_chain(appraisals, as_user, persona):
    """A peer, councillors, another service's manager and the performance team get 404 on every page and
    endpoint, so they cannot even learn the appraisal exists (the director here leads the directorate but
    is not in Aisha's line-management chain)."""
    client = as_user(getattr(appraisals.world, persona))
    for path in pages(appraisals):
        assert client.get(path).status_code == 404, path
    listed = client.get("/api/appraisals/").json()
    assert appraisals.mine.pk not in [row["id"] for row in listed["results"]]


@pytest.mark.parametrize("persona", INSIDERS)
def test_it_shows_an_appraisal_to_the_person_their_chain_and_hr(appraisals, as_user, persona):
    """Aisha, her line manager, her manager's manager and HR can read her appraisal, page and API."""
    client = as_user(getattr(appraisals.world, persona))
    page = client.get(reverse("appraisals:detail", args=[appraisals.mine.pk]))
    assert page.status_code == 200
    assert appraisals.objective.title in page.content.decode()
    assert client.get(f"/api/appraisals/{appraisals.mine.pk}/").status_code == 200


def test_it_refuses_writes_from_readers_who_are_not_a_party(appraisals, as_user):
    """The manager's manager and HR may read but not write: recording progress is forbidden (403), and
    nothing is saved."""
    for persona in ("head_of_service", "hr_officer"):
        client = as_user(getattr(appraisals.world, persona))
        response = client.post(reverse("appraisals:progress-note-create", args=[appraisals.objective.pk]),
                               {"status": "on_track", "note": "Sneaky"})
        assert response.status_code == 403
    assert not appraisals.objective.progress_notes.exists()


def test_it_refuses_a_peers_progress_note_through_the_api(appraisals, as_user):
    """POSTing progress on someone else's objective is a 404 for a peer, and nothing is saved."""
    response = as_user(appraisals.world.peer).post(
        f"/api/appraisal-objectives/{appraisals.objective.pk}/progress-notes/", {"status": "on_track", "note": "x"})
    assert response.status_code == 404
    assert not appraisals.objective.progress_notes.exists()


def test_it_keeps_coverage_for_the_performance_team_directors_and_hr(appraisals, as_user):
    """Coverage figures are aggregates for the performance team, directors and HR; staff and councillors
    are refused."""
    w = appraisals.world
    for persona, expected in (("performance_officer", 200), ("director", 200), ("hr_officer", 200),
                              ("staff", 403), ("scrutiny_member", 403), ("team_manager", 403)):
        assert as_user(getattr(w, persona)).get(reverse("appraisals:coverage")).status_code == expected, persona
        api = as_user(getattr(w, persona)).get(f"/api/appraisal-cycles/{appraisals.cycle.pk}/coverage/")
        assert api.status_code == expected, persona


def test_it_shows_the_team_view_only_to_managers_and_hr(appraisals, as_user):
    """Staff with nobody reporting to them and councillors cannot open the team view."""
    w = appraisals.world
    assert as_user(w.team_manager).get(reverse("appraisals:team")).status_code == 200
    assert as_user(w.hr_officer).get(reverse("appraisals:team")).status_code == 200
    assert as_user(w.staff).get(reverse("appraisals:team")).status_code == 403
    assert as_user(w.scrutiny_member).get(reverse("appraisals:team")).status_code == 403
