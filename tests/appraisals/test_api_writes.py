"""Every write in the appraisals API: done by the right person it saves; for anyone else it is refused
(404 outside the chain, 403 for someone who may read but not write); a broken rule is a 400 that says
what is wrong, under the field concerned. Checked against what is saved, not only the status code.

Aisha (staff) -> Grace (team_manager, her appraiser) -> Mark (head_of_service, reads). Today: 28 November 2026.
"""

import datetime

import pytest

from appraisals.models import (
    AppraisalObjective,
    ObjectiveRating,
    Review,
    SupportPlan,
    SupportPlanComment,
)
from organisation.models import Role
from tests.appraisals.factories import StaffObjectiveFactory
from tests.factories import UserFactory, grant
from tests.priorities.factories import ObjectiveFactory, ServicePlanFactory

pytestmark = pytest.mark.django_db

D = datetime.date


def call(client, method, path, data=None):
    return getattr(client, method)(path, data or {}, content_type="application/json")


def as_(a, as_user, persona):
    return as_user(getattr(a.world, persona))


# Objectives ----------------------------------------------------------------------------------

def new_objective(a, **extra):
    return {"title": "Run two carers' drop-ins", "measure": "Attendance logged", "target_date": "2027-02-01",
            "service_objective": a.plan_objective.pk, **extra}


def test_it_adds_an_objective_proposed_by_the_person_and_agreed_when_the_manager_adds_it(appraisals, as_user):
    a = appraisals
    response = call(as_(a, as_user, "staff"), "post", f"/api/appraisals/{a.mine.pk}/objectives/", new_objective(a))
    assert response.status_code == 201
    assert (response.json()["number"], response.json()["is_agreed"], response.json()["priorities"]) == (
        2, False, [a.priority.pk])
    response = call(as_(a, as_user, "team_manager"), "post", f"/api/appraisals/{a.mine.pk}/objectives/",
                    new_objective(a, title="Mentor a new starter", service_objective=None,
                                  is_personal_development=True))
    assert response.status_code == 201
    saved = AppraisalObjective.objects.get(pk=response.json()["id"])
    assert (saved.is_personal_development, saved.agreed_by) == (True, a.world.team_manager)


@pytest.mark.parametrize(("persona", "status"), [("peer", 404), ("scrutiny_member", 404), ("manager_elsewhere", 404),
                                                 ("hr_officer", 403), ("head_of_service", 403)])
def test_it_refuses_objectives_from_anyone_but_the_two_parties(appraisals, as_user, persona, status):
    a = appraisals
    response = call(as_(a, as_user, persona), "post", f"/api/appraisals/{a.mine.pk}/objectives/", new_objective(a))
    assert response.status_code == status
    assert a.mine.objectives.count() == 1


def test_it_says_precisely_what_is_wrong_with_an_objective(appraisals, as_user):
    a, w = appraisals, appraisals.world
    client = as_(a, as_user, "staff")
    path = f"/api/appraisals/{a.mine.pk}/objectives/"
    assert call(client, "post", path, new_objective(a, service_objective=None)).json() == {
        "service_objective": ["Choose the service plan objective it serves, or mark it as personal development"]}
    assert call(client, "post", path, new_objective(a, target_date="2027-06-01")).json() == {
        "target_date": ["The target date must be in 2026/27, between 1 April 2026 and 31 March 2027"]}
    elsewhere = ObjectiveFactory(plan=ServicePlanFactory(service=w.children, year=2026,
                                                         strategic_plan=a.plan.strategic_plan),
                                 number=1, owner=w.manager_elsewhere, priorities=[a.priority])
    assert call(client, "post", path, new_objective(a, service_objective=elsewhere.pk)).json() == {
        "service_objective": ["Choose an objective from a 2026/27 service plan for Aisha's service or a service "
                              "you manage"]}
    assert "title" in call(client, "post", path, new_objective(a, title="")).json()
    assert a.mine.objectives.count() == 1


def test_it_refuses_objectives_once_the_year_end_review_has_opened(appraisals, as_user):
    a = appraisals
    a.cycle.mid_year_ends, a.cycle.year_end_starts = D(2026, 10, 31), D(2026, 11, 1)
    a.cycle.save()
    response = call(as_(a, as_user, "team_manager"), "post", f"/api/appraisals/{a.mine.pk}/objectives/",
                    new_objective(a))
    assert response.status_code == 400
    assert response.json() == {"non_field_errors": [
        "Objectives can no longer be set or changed: the year-end review opened on 1 November 2026"]}
    assert a.mine.objectives.count() == 1


def test_it_tailors_an_objective_and_withdraws_agreement_when_the_person_changes_it(appraisals, as_user):
    a = appraisals
    path = f"/api/appraisal-objectives/{a.objective.pk}/"
    response = call(as_(a, as_user, "staff"), "patch", path, {"title": "My own wording"})
    assert response.status_code == 200
    assert response.json()["is_agreed"] is False
    a.objective.refresh_from_db()
    assert (a.objective.title, a.objective.agreed_at) == ("My own wording", None)
    assert call(as_(a, as_user, "head_of_service"), "patch", path, {"title": "Mark's"}).status_code == 403
    assert call(as_(a, as_user, "peer"), "patch", path, {"title": "Ben's"}).status_code == 404
    assert call(as_(a, as_user, "staff"), "patch", path, {"title": ""}).status_code == 400
    a.objective.refresh_from_db()
    assert a.objective.title == "My own wording"


def test_it_lets_only_the_line_manager_agree_an_objective(appraisals, as_user):
    a = appraisals
    a.objective.agreed_at = a.objective.agreed_by = None
    a.objective.save()
    path = f"/api/appraisal-objectives/{a.objective.pk}/agree/"
    assert call(as_(a, as_user, "staff"), "post", path).status_code == 403
    assert call(as_(a, as_user, "peer"), "post", path).status_code == 404
    a.objective.refresh_from_db()
    assert not a.objective.is_agreed
    response = call(as_(a, as_user, "team_manager"), "post", path)
    assert (response.status_code, response.json()["is_agreed"]) == (200, True)
    a.objective.refresh_from_db()
    assert a.objective.agreed_by == a.world.team_manager


def test_it_deletes_only_an_unrated_objective_and_only_for_the_line_manager(appraisals, as_user):
    a = appraisals
    spare = StaffObjectiveFactory(appraisal=a.mine, number=2, agreed_by=a.world.team_manager)
    assert call(as_(a, as_user, "staff"), "delete", f"/api/appraisal-objectives/{spare.pk}/").status_code == 403
    assert call(as_(a, as_user, "peer"), "delete", f"/api/appraisal-objectives/{spare.pk}/").status_code == 404
    assert call(as_(a, as_user, "team_manager"), "delete", f"/api/appraisal-objectives/{spare.pk}/").status_code \
        == 204
    assert not AppraisalObjective.objects.filter(pk=spare.pk).exists()
    review = Review.objects.create(appraisal=a.mine, kind="mid_year")
    ObjectiveRating.objects.create(review=review, objective=a.objective, rating=3)
    response = call(as_(a, as_user, "team_manager"), "delete", f"/api/appraisal-objectives/{a.objective.pk}/")
    assert response.json() == {"non_field_errors": [
        "This objective has been rated in a review, so it cannot be deleted"]}
    assert AppraisalObjective.objects.filter(pk=a.objective.pk).exists()


def test_it_refuses_progress_notes_from_readers(appraisals, as_user):
    a = appraisals
    path = f"/api/appraisal-objectives/{a.objective.pk}/progress-notes/"
    assert call(as_(a, as_user, "hr_officer"), "post", path, {"status": "on_track", "note": "x"}).status_code == 403
    response = call(as_(a, as_user, "staff"), "post", path, {"status": "sideways", "note": "x"})
    assert response.status_code == 400
    assert "status" in response.json()
    assert call(as_(a, as_user, "staff"), "post", path, {"status": "on_track", "note": "Good"}).status_code == 201
    assert [n.note for n in a.objective.progress_notes.all()] == ["Good"]


# Cascade ----------------------------------------------------------------------------------

def cascade_data(a, people, **extra):
    return {"service_objective": a.plan_objective.pk, "people": [p.pk for p in people],
            "title": "Help start home care within 48 hours", "measure": "Starts within 48 hours",
            "target_date": "2027-03-01", **extra}


def test_it_cascades_to_the_managers_own_staff_all_or_nothing(appraisals, as_user):
    a, w = appraisals, appraisals.world
    third = grant(UserFactory(first_name="Cara", team=w.adults_team, line_manager=w.team_manager), Role.STAFF)
    second = ObjectiveFactory(plan=a.plan, number=2, title="Cut hospital delays", owner=w.head_of_service,
                              priorities=[a.priority])
    path = f"/api/appraisal-cycles/{a.cycle.pk}/cascade/"
    response = call(as_(a, as_user, "team_manager"), "post", path,
                    cascade_data(a, [w.peer, third], service_objective=second.pk))
    assert response.status_code == 201
    assert len(response.json()) == 2
    copies = AppraisalObjective.objects.filter(service_objective=second)
    assert sorted(c.appraisal.person_id for c in copies) == sorted([w.peer.pk, third.pk])
    assert all(c.cascaded_by == w.team_manager and not c.is_agreed for c in copies)

    response = call(as_(a, as_user, "team_manager"), "post", path,
                    cascade_data(a, [w.peer, w.manager_elsewhere], title="Not for Claire"))
    assert response.status_code == 400
    assert response.json() == {"people": ["Claire Tester does not report to you"]}
    assert not AppraisalObjective.objects.filter(title="Not for Claire").exists()


def test_it_refuses_a_cascade_from_someone_with_no_staff_or_of_another_services_objective(appraisals, as_user):
    a, w = appraisals, appraisals.world
    path = f"/api/appraisal-cycles/{a.cycle.pk}/cascade/"
    for persona in ("staff", "manager_elsewhere", "scrutiny_member"):
        assert call(as_(a, as_user, persona), "post", path, cascade_data(a, [w.peer])).status_code == 403, persona
    elsewhere = ObjectiveFactory(plan=ServicePlanFactory(service=w.children, year=2026,
                                                         strategic_plan=a.plan.strategic_plan),
                                 number=1, owner=w.manager_elsewhere, priorities=[a.priority])
    response = call(as_(a, as_user, "team_manager"), "post", path,
                    cascade_data(a, [w.peer], service_objective=elsewhere.pk))
    assert response.json() == {"service_objective": [
        "Choose an objective from a 2026/27 service plan for a service you manage or work in"]}
    assert not AppraisalObjective.objects.filter(cascaded_by__isnull=False).exists()


# The appraisal's plan and its reviews -------------------------------------------------------------

def test_it_saves_the_behaviours_and_development_plan_for_the_parties_only(appraisals, as_user):
    a = appraisals
    path = f"/api/appraisals/{a.mine.pk}/"
    response = call(as_(a, as_user, "staff"), "patch", path, {"development_plan": "Level 3 Diploma"})
    assert (response.status_code, response.json()["development_plan"]) == (200, "Level 3 Diploma")
    assert call(as_(a, as_user, "hr_officer"), "patch", path, {"development_plan": "HR's"}).status_code == 403
    assert call(as_(a, as_user, "peer"), "patch", path, {"development_plan": "Ben's"}).status_code == 404
    a.mine.refresh_from_db()
    assert a.mine.development_plan == "Level 3 Diploma"


def review_path(a, kind, step):
    return f"/api/appraisals/{a.mine.pk}/reviews/{kind}/{step}/"


def test_it_completes_a_review_through_the_api(appraisals, as_user):
    """Aisha comments, Grace rates and both sign off: the review is locked, and a later change is a 400."""
    a = appraisals
    staff, manager = as_(a, as_user, "staff"), as_(a, as_user, "team_manager")
    assert call(staff, "post", review_path(a, "mid_year", "staff-comments"),
                {"staff_comments": "A good half year."}).status_code == 200
    response = call(manager, "post", review_path(a, "mid_year", "assessment"), {
        "manager_comments": "Well done.", "overall_rating": 4, "ratings": [{"objective": a.objective.pk, "rating": 3}]})
    assert response.status_code == 200
    assert response.json()["ratings"] == {str(a.objective.pk): 3}
    assert call(staff, "post", review_path(a, "mid_year", "sign-off")).status_code == 200
    response = call(manager, "post", review_path(a, "mid_year", "sign-off"))
    assert (response.status_code, response.json()["is_signed_off"]) == (200, True)
    response = call(staff, "post", review_path(a, "mid_year", "staff-comments"), {"staff_comments": "Changed"})
    assert response.status_code == 400
    assert "locked" in response.json()["non_field_errors"][0]
    review = Review.objects.get(appraisal=a.mine, kind="mid_year")
    assert (review.staff_comments, review.overall_rating, review.is_signed_off) == ("A good half year.", 4, True)

    assert call(as_(a, as_user, "hr_officer"), "post", review_path(a, "mid_year", "reopen")).status_code == 403
    assert call(as_(a, as_user, "peer"), "post", review_path(a, "mid_year", "reopen")).status_code == 404
    assert call(manager, "post", review_path(a, "mid_year", "reopen")).status_code == 200
    review.refresh_from_db()
    assert (review.staff_signed_at, review.manager_signed_at, review.reopened_by) == (None, None, a.world.team_manager)


@pytest.mark.parametrize(("persona", "step", "status"), [
    ("team_manager", "staff-comments", 403), ("staff", "assessment", 403), ("head_of_service", "assessment", 403),
    ("hr_officer", "sign-off", 403), ("peer", "staff-comments", 404), ("executive_member", "assessment", 404),
])
def test_it_keeps_each_side_of_a_review_to_its_writer(appraisals, as_user, persona, step, status):
    a = appraisals
    data = {"staff_comments": "x", "manager_comments": "x", "overall_rating": 3, "ratings": []}
    assert call(as_(a, as_user, persona), "post", review_path(a, "mid_year", step), data).status_code == status
    # Refused before the body is read: someone who may not write this side is not told how to correct it.
    assert call(as_(a, as_user, persona), "post", review_path(a, "mid_year", step), {}).status_code == status
    assert not Review.objects.exists()


def test_it_says_precisely_what_is_wrong_with_a_review(appraisals, as_user):
    a = appraisals
    staff, manager = as_(a, as_user, "staff"), as_(a, as_user, "team_manager")
    assert call(staff, "post", review_path(a, "mid_year", "staff-comments"), {"staff_comments": " "}).json() == {
        "staff_comments": ["Enter your comments on the year so far"]}
    assert call(staff, "post", review_path(a, "year_end", "staff-comments"), {"staff_comments": "Early"}).json() == {
        "non_field_errors": ["The year-end review window opens on 1 March 2027. You can do this from then until "
                             "30 April 2027"]}
    response = call(manager, "post", review_path(a, "mid_year", "assessment"), {
        "manager_comments": "Good", "overall_rating": 9, "ratings": [{"objective": a.objective.pk, "rating": 7}]})
    assert response.json() == {"overall_rating": ["Choose a rating from the scale"],
                               "ratings": ["Choose a rating from the scale"]}
    response = call(manager, "post", review_path(a, "mid_year", "sign-off"))
    assert "Rate the overall performance before signing off" in response.json()["non_field_errors"]
    assert call(manager, "post", f"/api/appraisals/{a.mine.pk}/reviews/annual/sign-off/").status_code == 404
    assert not Review.objects.filter(manager_signed_at__isnull=False).exists()
    assert not Review.objects.filter(overall_rating=9).exists()


# Support plans -------------------------------------------------------------------------------

def plan_data(**extra):
    return {"kind": "improvement", "opened_from": "mid_year", "concerns": "Late records",
            "expected_standard": "Within two days", "next_review_on": "2026-12-10", **extra}


def test_it_opens_a_support_plan_for_the_line_manager(appraisals, as_user):
    a = appraisals
    response = call(as_(a, as_user, "team_manager"), "post", f"/api/appraisals/{a.mine.pk}/support-plans/",
                    plan_data())
    assert response.status_code == 201
    body = response.json()
    assert (body["status"], body["kind"], body["opened_from"], body["person"]["id"]) == (
        "open", "improvement", "mid_year", a.world.staff.pk)
    plan = SupportPlan.objects.get()
    assert (plan.opened_by, plan.next_review_on) == (a.world.team_manager, D(2026, 12, 10))
    assert call(as_user(a.world.staff), "get", f"/api/appraisals/{a.mine.pk}/").json()["support_plans"] == [plan.pk]


@pytest.mark.parametrize(("persona", "status"), [("staff", 403), ("head_of_service", 403), ("hr_officer", 403),
                                                 ("peer", 404), ("performance_officer", 404),
                                                 ("ward_councillor", 404)])
def test_it_refuses_to_open_a_plan_for_anyone_but_the_line_manager(appraisals, as_user, persona, status):
    a = appraisals
    response = call(as_(a, as_user, persona), "post", f"/api/appraisals/{a.mine.pk}/support-plans/", plan_data())
    assert response.status_code == status
    assert not SupportPlan.objects.exists()


def test_it_says_precisely_what_is_wrong_with_a_new_plan(appraisals, as_user):
    a = appraisals
    client = as_(a, as_user, "team_manager")
    path = f"/api/appraisals/{a.mine.pk}/support-plans/"
    assert call(client, "post", path, plan_data(concerns="", next_review_on="2026-11-28")).json() == {
        "concerns": ["Enter what is not going well"], "next_review_on": ["The first review date must be after today"]}
    assert call(client, "post", path, {"concerns": "x"}).json() == {
        "expected_standard": ["This field is required."], "next_review_on": ["This field is required."]}
    assert call(client, "post", path, plan_data(kind="disciplinary")).json() == {
        "kind": ['"disciplinary" is not a valid choice.']}
    assert not SupportPlan.objects.exists()
    assert call(client, "post", path, plan_data()).status_code == 201
    assert call(client, "post", path, plan_data()).json() == {"non_field_errors": [
        "Aisha Tester already has an open support plan, opened on 28 November 2026. Review or close it before "
        "opening another"]}
    assert SupportPlan.objects.count() == 1


def test_it_changes_an_open_plan_for_the_line_manager_only(support_plan, as_user):
    a = support_plan
    path = f"/api/support-plans/{a.support_plan.pk}/"
    assert call(as_(a, as_user, "staff"), "patch", path, {"concerns": "Aisha's view"}).status_code == 403
    assert call(as_(a, as_user, "team_manager"), "patch", path, {"next_review_on": "2026-11-20"}).json() == {
        "next_review_on": ["The next review date must be after today"]}
    response = call(as_(a, as_user, "team_manager"), "patch", path, {"next_review_on": "2026-12-19"})
    assert (response.status_code, response.json()["next_review_on"]) == (200, "2026-12-19")
    a.support_plan.refresh_from_db()
    assert (a.support_plan.concerns, a.support_plan.next_review_on) == ("Case records written up late.",
                                                                        D(2026, 12, 19))


def test_it_adds_an_action_owned_by_someone_who_can_see_the_plan(support_plan, as_user):
    a, w = support_plan, support_plan.world
    path = f"/api/support-plans/{a.support_plan.pk}/actions/"
    data = {"description": "Fund the course", "owner": w.head_of_service.pk, "due_on": "2026-12-20"}
    assert call(as_(a, as_user, "staff"), "post", path, data).status_code == 403
    assert call(as_(a, as_user, "team_manager"), "post", path, {**data, "owner": w.peer.pk}).json() == {
        "owner": ["Choose the person or someone in their line-management chain: nobody else can see the plan"]}
    assert call(as_(a, as_user, "team_manager"), "post", path, {**data, "due_on": "2026-11-01"}).json() == {
        "due_on": ["The due date must be on or after the day the plan was opened, 14 November 2026"]}
    response = call(as_(a, as_user, "team_manager"), "post", path, data)
    assert response.status_code == 201
    assert (response.json()["owner"]["id"], response.json()["status"]) == (w.head_of_service.pk, "not_started")
    assert a.support_plan.actions.count() == 3


def test_it_lets_the_person_move_on_their_own_actions_only(support_plan, as_user):
    a = support_plan
    staff = as_(a, as_user, "staff")
    assert call(staff, "patch", f"/api/support-plan-actions/{a.aishas_action.pk}/", {"status": "done"}).json()[
        "status"] == "done"
    assert call(staff, "patch", f"/api/support-plan-actions/{a.graces_action.pk}/",
                {"status": "done"}).status_code == 403
    assert call(staff, "patch", f"/api/support-plan-actions/{a.aishas_action.pk}/",
                {"description": "Easier"}).status_code == 403
    assert call(as_(a, as_user, "hr_officer"), "patch", f"/api/support-plan-actions/{a.graces_action.pk}/",
                {"status": "done"}).status_code == 403
    a.aishas_action.refresh_from_db()
    a.graces_action.refresh_from_db()
    assert (a.aishas_action.status, a.aishas_action.description) == ("done", "Shadow a senior worker")
    assert a.graces_action.status == "not_started"
    response = call(as_(a, as_user, "team_manager"), "patch", f"/api/support-plan-actions/{a.graces_action.pk}/",
                    {"status": "in_progress", "due_on": "2026-12-24"})
    assert (response.json()["status"], response.json()["due_on"]) == ("in_progress", "2026-12-24")


def test_it_records_reviews_and_a_closing_outcome_closes_the_plan(support_plan, as_user):
    a = support_plan
    manager = as_(a, as_user, "team_manager")
    path = f"/api/support-plans/{a.support_plan.pk}/reviews/"
    data = {"held_on": "2026-11-27", "outcome": "not_improving", "notes": "Still late", "next_review_on": "2026-12-11"}
    assert call(as_(a, as_user, "staff"), "post", path, data).status_code == 403
    assert call(manager, "post", path, {**data, "next_review_on": None}).json() == {
        "next_review_on": ["Enter the date of the next review"]}
    assert call(manager, "post", path, {**data, "held_on": "2026-12-01"}).json() == {
        "held_on": ["The review date must be today or in the past"]}
    response = call(manager, "post", path, data)
    assert response.status_code == 201
    assert (response.json()["next_review_on"], response.json()["reviews"][0]["outcome"]) == ("2026-12-11",
                                                                                            "not_improving")
    response = call(manager, "post", path, {"held_on": "2026-11-28", "outcome": "escalated", "notes": "Formal"})
    assert (response.json()["status"], response.json()["next_review_on"]) == ("escalated", None)
    a.support_plan.refresh_from_db()
    assert (a.support_plan.status, a.support_plan.closed_on) == ("escalated", D(2026, 11, 28))
    assert call(manager, "post", path, data).json() == {"non_field_errors": [
        "This support plan is closed, so it can no longer be changed"]}
    assert a.support_plan.reviews.count() == 2


def test_it_closes_a_plan_at_the_close_step(support_plan, as_user):
    a = support_plan
    path = f"/api/support-plans/{a.support_plan.pk}/close/"
    data = {"held_on": "2026-11-28", "outcome": "closed_successfully", "notes": "Standard met"}
    assert call(as_(a, as_user, "head_of_service"), "post", path, data).status_code == 403
    assert call(as_(a, as_user, "peer"), "post", path, data).status_code == 404
    assert call(as_(a, as_user, "team_manager"), "post", path, {**data, "outcome": "improving"}).json() == {
        "outcome": ['"improving" is not a valid choice.']}
    a.support_plan.refresh_from_db()
    assert a.support_plan.is_open
    response = call(as_(a, as_user, "team_manager"), "post", path, data)
    assert (response.status_code, response.json()["status"]) == (200, "closed_successfully")


def test_it_takes_comments_from_the_person_and_line_manager_while_the_plan_is_open(support_plan, as_user):
    a = support_plan
    path = f"/api/support-plans/{a.support_plan.pk}/comments/"
    response = call(as_(a, as_user, "staff"), "post", path, {"text": "I need the checklist."})
    assert (response.status_code, response.json()["author"]["id"]) == (201, a.world.staff.pk)
    assert call(as_(a, as_user, "team_manager"), "post", path, {"text": "It is on its way."}).status_code == 201
    assert call(as_(a, as_user, "hr_officer"), "post", path, {"text": "HR"}).status_code == 403
    assert call(as_(a, as_user, "staff"), "post", path, {"text": ""}).json() == {"text": ["Enter your comment"]}
    assert list(SupportPlanComment.objects.values_list("text", flat=True)) == ["I need the checklist.",
                                                                                "It is on its way."]
