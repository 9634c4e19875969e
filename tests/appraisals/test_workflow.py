"""Agreeing objectives, cascading, progress, windows and sign-off, through the pages, checking what is saved."""

import datetime

import pytest
from django.urls import reverse

from appraisals.models import AppraisalObjective, Review
from organisation.models import Role
from tests.factories import UserFactory, grant
from tests.priorities.factories import ObjectiveFactory

pytestmark = pytest.mark.django_db


def date_fields(name, day):
    return {f"{name}_0": day.day, f"{name}_1": day.month, f"{name}_2": day.year}


def objective_data(a, **extra):
    return {"title": "Run two carers' drop-ins", "measure": "Attendance logged", "serves": "plan",
            "service_objective": str(a.plan_objective.pk), **date_fields("target_date", datetime.date(2027, 2, 1)),
            **extra}


def test_it_lets_staff_propose_an_objective_their_manager_then_agrees(appraisals, as_user):
    """Aisha proposes an objective linked to the service plan; it awaits agreement until Grace agrees it."""
    a, w = appraisals, appraisals.world
    response = as_user(w.staff).post(reverse("appraisals:objective-create", args=[a.mine.pk]), objective_data(a))
    assert response.status_code == 302
    proposed = AppraisalObjective.objects.get(appraisal=a.mine, title="Run two carers' drop-ins")
    assert proposed.service_objective == a.plan_objective
    assert proposed.agreed_at is None
    assert proposed.number == 2
    assert as_user(w.team_manager).post(reverse("appraisals:objective-agree", args=[proposed.pk])).status_code == 302
    proposed.refresh_from_db()
    assert proposed.agreed_by == w.team_manager
    assert proposed.is_agreed


def test_it_asks_for_a_link_or_personal_development(appraisals, as_user):
    """An objective that serves nothing is refused with a message next to the field, and nothing is saved."""
    a = appraisals
    response = as_user(a.world.staff).post(reverse("appraisals:objective-create", args=[a.mine.pk]),
                                           objective_data(a, service_objective=""))
    assert response.status_code == 400
    assert "Choose the service plan objective it serves" in response.content.decode()
    response = as_user(a.world.staff).post(reverse("appraisals:objective-create", args=[a.mine.pk]),
                                           objective_data(a, serves=""))
    assert "Choose whether it serves a service plan objective or is personal development" in response.content.decode()
    assert a.mine.objectives.count() == 1


def test_it_refuses_a_target_date_outside_the_year(appraisals, as_user):
    a = appraisals
    response = as_user(a.world.team_manager).post(
        reverse("appraisals:objective-create", args=[a.mine.pk]),
        objective_data(a, **date_fields("target_date", datetime.date(2027, 6, 1))))
    assert response.status_code == 400
    assert "The target date must be in 2026/27" in response.content.decode()
    assert a.mine.objectives.count() == 1


def test_it_withdraws_agreement_when_the_person_rewords_an_objective(appraisals, as_user):
    """Tailoring by the person needs agreeing again; the manager's own change stays agreed."""
    a = appraisals
    data = {"title": "My own wording", "measure": "My measure", "serves": "plan",
            "service_objective": str(a.plan_objective.pk), **date_fields("target_date", datetime.date(2027, 1, 31))}
    assert as_user(a.world.staff).post(reverse("appraisals:objective-edit", args=[a.objective.pk]),
                                       data).status_code == 302
    a.objective.refresh_from_db()
    assert a.objective.title == "My own wording"
    assert a.objective.agreed_at is None
    data["title"] = "Manager's wording"
    as_user(a.world.team_manager).post(reverse("appraisals:objective-edit", args=[a.objective.pk]), data)
    a.objective.refresh_from_db()
    assert a.objective.title == "Manager's wording"
    assert a.objective.is_agreed


def test_it_cascades_one_plan_objective_to_many_staff_in_one_step(appraisals, as_user):
    """Grace gives the plan objective to three of her staff at once; each gets their own copy to tailor."""
    a, w = appraisals, appraisals.world
    third = grant(UserFactory(first_name="Cara", team=w.adults_team, line_manager=w.team_manager), Role.STAFF)
    second = ObjectiveFactory(plan=a.plan, number=2, title="Cut hospital delays", owner=w.head_of_service,
                              priorities=[a.priority])
    response = as_user(w.team_manager).post(reverse("appraisals:cascade"), {
        "service_objective": str(second.pk), "people": [w.staff.pk, w.peer.pk, third.pk],
        "title": "Help start home care within 48 hours", "measure": "Starts within 48 hours for my cases",
        **date_fields("target_date", datetime.date(2027, 3, 1))})
    assert response.status_code == 302
    copies = AppraisalObjective.objects.filter(title="Help start home care within 48 hours")
    assert sorted(c.appraisal.person_id for c in copies) == sorted([w.staff.pk, w.peer.pk, third.pk])
    assert all(c.service_objective == second and c.cascaded_by == w.team_manager and not c.is_agreed
               for c in copies)
    assert copies.get(appraisal__person=w.staff).number == 2  # after Aisha's own objective 1


def test_it_refuses_to_cascade_an_objective_someone_already_has(appraisals, as_user):
    """Aisha already serves plan objective 1: cascading it to her and Ben again gives it to nobody."""
    a, w = appraisals, appraisals.world
    response = as_user(w.team_manager).post(reverse("appraisals:cascade"), {
        "service_objective": str(a.plan_objective.pk), "people": [w.staff.pk, w.peer.pk],
        "title": "Again", "measure": "Y", **date_fields("target_date", datetime.date(2027, 3, 1))})
    assert response.status_code == 400
    assert f"Already given this objective: {w.staff}" in response.content.decode()
    assert not AppraisalObjective.objects.filter(title="Again").exists()


def test_it_cascades_all_or_nothing(appraisals, as_user):
    """Someone who does not report to the manager cannot be chosen; nobody gets the objective."""
    a, w = appraisals, appraisals.world
    response = as_user(w.team_manager).post(reverse("appraisals:cascade"), {
        "service_objective": str(a.plan_objective.pk), "people": [w.staff.pk, w.manager_elsewhere.pk],
        "title": "X", "measure": "Y", **date_fields("target_date", datetime.date(2027, 3, 1))})
    assert response.status_code == 400
    assert "Choose from your own staff" in response.content.decode()
    assert not AppraisalObjective.objects.filter(title="X").exists()


def test_it_records_progress_notes(appraisals, as_user):
    a = appraisals
    response = as_user(a.world.staff).post(reverse("appraisals:progress-note-create", args=[a.objective.pk]),
                                           {"status": "at_risk", "note": "Two providers pulled out."})
    assert response.status_code == 302
    note = a.objective.progress_notes.get()
    assert (note.status, note.note, note.recorded_by) == ("at_risk", "Two providers pulled out.", a.world.staff)
    page = as_user(a.world.staff).get(reverse("appraisals:my-objectives")).content.decode()
    assert "Two providers pulled out." in page


def complete_mid_year(a, as_user):
    w = a.world
    review_args = [a.mine.pk, "mid_year"]
    as_user(w.staff).post(reverse("appraisals:review-comments", args=review_args),
                          {"staff_comments": "A good half year."})
    as_user(w.team_manager).post(reverse("appraisals:review-assess", args=review_args), {
        "manager_comments": "Well done.", "overall_rating": "4", f"rating_{a.objective.pk}": "3"})
    assert as_user(w.staff).post(reverse("appraisals:review-sign-off", args=review_args)).status_code == 302
    assert as_user(w.team_manager).post(reverse("appraisals:review-sign-off", args=review_args)).status_code == 302
    return Review.objects.get(appraisal=a.mine, kind="mid_year")


def test_it_completes_and_locks_the_mid_year_review(appraisals, as_user):
    """Both comment, the manager rates, both sign off: the review is locked, and a change is refused."""
    a = appraisals
    review = complete_mid_year(a, as_user)
    assert review.is_signed_off
    assert review.overall_rating == 4
    assert review.ratings.get().rating == 3
    response = as_user(a.world.staff).post(reverse("appraisals:review-comments", args=[a.mine.pk, "mid_year"]),
                                           {"staff_comments": "Changed my mind"})
    assert response.status_code == 400
    assert "locked" in response.content.decode()
    review.refresh_from_db()
    assert review.staff_comments == "A good half year."


def test_it_needs_both_to_sign_again_after_reopening(appraisals, as_user):
    """Reopening a signed-off review withdraws both signatures."""
    a = appraisals
    complete_mid_year(a, as_user)
    assert as_user(a.world.team_manager).post(
        reverse("appraisals:review-reopen", args=[a.mine.pk, "mid_year"])).status_code == 302
    review = Review.objects.get(appraisal=a.mine, kind="mid_year")
    assert review.staff_signed_at is None
    assert review.manager_signed_at is None
    assert review.reopened_by == a.world.team_manager


def test_it_withdraws_the_other_sides_sign_off_when_one_side_changes(appraisals, as_user):
    """The manager signed what Aisha had written; when she changes it, his sign-off is withdrawn."""
    a, w = appraisals, appraisals.world
    args = [a.mine.pk, "mid_year"]
    as_user(w.staff).post(reverse("appraisals:review-comments", args=args), {"staff_comments": "First."})
    as_user(w.team_manager).post(reverse("appraisals:review-assess", args=args), {
        "manager_comments": "Good.", "overall_rating": "3", f"rating_{a.objective.pk}": "3"})
    as_user(w.team_manager).post(reverse("appraisals:review-sign-off", args=args))
    as_user(w.staff).post(reverse("appraisals:review-comments", args=args), {"staff_comments": "Second."})
    review = Review.objects.get(appraisal=a.mine, kind="mid_year")
    assert review.staff_comments == "Second."
    assert review.manager_signed_at is None


def test_it_refuses_a_manager_sign_off_without_ratings(appraisals, as_user):
    a, w = appraisals, appraisals.world
    args = [a.mine.pk, "mid_year"]
    response = as_user(w.team_manager).post(reverse("appraisals:review-sign-off", args=args))
    assert response.status_code == 400
    body = response.content.decode()
    assert "Rate the overall performance before signing off" in body
    assert not Review.objects.filter(appraisal=a.mine, manager_signed_at__isnull=False).exists()


def test_it_accepts_only_ratings_on_the_cycles_scale(appraisals, as_user):
    """A rating not on the (configurable) scale is refused next to the field."""
    a = appraisals
    a.cycle.rating_levels.filter(value=5).delete()
    response = as_user(a.world.team_manager).post(reverse("appraisals:review-assess", args=[a.mine.pk, "mid_year"]),
                                                  {"manager_comments": "Good", "overall_rating": "5",
                                                   f"rating_{a.objective.pk}": "3"})
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode() or "Choose one of the options" in \
        response.content.decode()
    assert not Review.objects.filter(appraisal=a.mine, overall_rating=5).exists()


def test_it_enforces_the_review_windows(appraisals, as_user):
    """The year-end review is not open in November: the refusal names the date, and nothing is saved."""
    a = appraisals
    response = as_user(a.world.staff).post(reverse("appraisals:review-comments", args=[a.mine.pk, "year_end"]),
                                           {"staff_comments": "Early"})
    assert response.status_code == 400
    assert "The year-end review window opens on 1 March 2027" in response.content.decode()
    assert not Review.objects.filter(kind="year_end").exists()


def test_it_enforces_the_objective_setting_window(appraisals, as_user):
    """Once the year-end review has opened, objectives can no longer be added."""
    a = appraisals
    a.cycle.year_end_starts = datetime.date(2026, 11, 1)
    a.cycle.mid_year_ends = datetime.date(2026, 10, 31)
    a.cycle.save()
    response = as_user(a.world.team_manager).post(reverse("appraisals:objective-create", args=[a.mine.pk]),
                                                  objective_data(a))
    assert response.status_code == 400
    assert "Objectives can no longer be set or changed: the year-end review opened on 1 November 2026" in \
        response.content.decode()
    assert a.mine.objectives.count() == 1


def test_it_opens_a_cycle_with_an_appraisal_for_everyone_with_a_line_manager(chain, as_user):
    """HR opens 2027/28; staff with a line manager get an appraisal, and bad windows are refused by field."""
    w = chain
    data = {"year": "2027/28", **date_fields("objective_setting_starts", datetime.date(2027, 4, 1)),
            **date_fields("objective_setting_ends", datetime.date(2027, 5, 31)),
            **date_fields("mid_year_starts", datetime.date(2027, 5, 1)),
            **date_fields("mid_year_ends", datetime.date(2027, 11, 30)),
            **date_fields("year_end_starts", datetime.date(2028, 3, 1)),
            **date_fields("year_end_ends", datetime.date(2028, 4, 30))}
    response = as_user(w.hr_officer).post(reverse("appraisals:cycle-create"), data)
    assert response.status_code == 400
    assert "The mid-year review window must start after the previous window ends" in response.content.decode()
    from appraisals.models import Appraisal, AppraisalCycle

    assert not AppraisalCycle.objects.exists()
    data.update(date_fields("mid_year_starts", datetime.date(2027, 10, 1)))
    assert as_user(w.hr_officer).post(reverse("appraisals:cycle-create"), data).status_code == 302
    cycle = AppraisalCycle.objects.get(year=2027)
    assert set(Appraisal.objects.filter(cycle=cycle).values_list("person", flat=True)) == {
        w.staff.pk, w.peer.pk, w.team_manager.pk}
    assert cycle.rating_levels.count() == 5
    assert as_user(w.team_manager).post(reverse("appraisals:cycle-create"), data).status_code == 403


def test_it_shows_each_persons_state_on_the_team_view(appraisals, as_user):
    """Grace sees Aisha with objectives agreed and Ben not started, overdue for objective setting."""
    a = appraisals
    body = as_user(a.world.team_manager).get(reverse("appraisals:team")).content.decode()
    assert "Objectives agreed" in body
    assert "Not started" in body
    assert "objective setting" in body
    assert str(a.world.peer) in body
    assert str(a.world.staff) in body
    head = as_user(a.world.head_of_service).get(reverse("appraisals:team")).content.decode()
    assert str(a.world.staff) in head  # the manager's manager sees the whole chain
