"""Writes to appraisals: each one whole or not at all.

Keyword-only arguments; every rule (windows, who may do what, sign-off locks) is
checked here and refused with a ValidationError fit to show next to the field,
or PermissionDenied when the person may not act at all.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from appraisals import access, selectors, support, windows
from appraisals.models import (
    DEFAULT_SCALE,
    Appraisal,
    AppraisalCycle,
    AppraisalObjective,
    ObjectiveRating,
    ProgressNote,
    RatingLevel,
    Review,
    SupportPlan,
    SupportPlanAction,
    SupportPlanComment,
    SupportPlanReview,
)
from organisation.models import User


def _today():
    return timezone.localdate()


def _save(instance, fields, *, exclude=None):
    for name, value in fields.items():
        setattr(instance, name, value)
    instance.full_clean(exclude=exclude)
    instance.save()
    return instance


def _require(allowed):
    if not allowed:
        raise PermissionDenied


def _refuse(message, field=None):
    if message:
        raise ValidationError({field: message} if field else message)


def _objectives_open(appraisal, field=None):
    _refuse(windows.objective_setting_refusal(appraisal.cycle.windows, _today()), field)


def appraisable_people():
    """Everyone who has an appraisal: current officers with a line manager."""
    return User.objects.current().filter(kind=User.Kind.OFFICER, line_manager__isnull=False)


# Cycles ---------------------------------------------------------------------

@transaction.atomic
def cycle_open(*, opened_by: User, **fields) -> AppraisalCycle:
    """Open a cycle with the default five-point scale and an appraisal for everyone who has a line manager."""
    _require(access.can_manage_cycles(opened_by))
    cycle = _save(AppraisalCycle(opened_by=opened_by), fields)
    RatingLevel.objects.bulk_create(RatingLevel(cycle=cycle, value=v, label=label) for v, label in DEFAULT_SCALE)
    Appraisal.objects.bulk_create(Appraisal(cycle=cycle, person=person) for person in appraisable_people())
    return cycle


@transaction.atomic
def cycle_update(*, cycle: AppraisalCycle, actor: User, **fields) -> AppraisalCycle:
    _require(access.can_manage_cycles(actor))
    return _save(cycle, fields)


@transaction.atomic
def appraisal_start(*, cycle: AppraisalCycle, person: User, actor: User) -> Appraisal:
    """Start an appraisal for someone who joined after the cycle opened: their line manager or HR."""
    _require(person.line_manager_id == actor.pk or access.is_hr(actor))
    appraisal, _ = Appraisal.objects.get_or_create(cycle=cycle, person=person)
    return appraisal


@transaction.atomic
def appraisal_plan_update(*, appraisal: Appraisal, actor: User, behaviours: str, development_plan: str) -> Appraisal:
    """Behaviours and the personal development plan: either party, while objectives can be set."""
    _require(access.can_write(actor, appraisal))
    _objectives_open(appraisal, "behaviours")
    return _save(appraisal, {"behaviours": behaviours, "development_plan": development_plan})


# Objectives -------------------------------------------------------------------

def _next_number(appraisal):
    return (AppraisalObjective.objects.filter(appraisal=appraisal).aggregate(n=Max("number"))["n"] or 0) + 1


def _check_link(appraisal, actor, service_objective, *, unchanged_from=None):
    """An objective serves a plan objective of the cycle's year: of the person's service, or one the writer manages.

    An existing link may stay as it is, even if it would no longer be offered.
    """
    if service_objective is None or service_objective.pk == unchanged_from:
        return
    if service_objective.pk not in {o.pk for o in selectors.linkable_objectives(appraisal, actor)}:
        raise ValidationError({"service_objective": (
            f"Choose an objective from a {appraisal.cycle.year_label} service plan for "
            f"{appraisal.person.first_name}'s service or a service you manage")})


@transaction.atomic
def objective_create(*, appraisal: Appraisal, actor: User, title, measure, target_date, service_objective=None,
                     is_personal_development=False) -> AppraisalObjective:
    """Either party proposes an objective; when the manager writes it, it is agreed at once."""
    _require(access.can_write(actor, appraisal))
    _objectives_open(appraisal)
    _check_link(appraisal, actor, service_objective)
    Appraisal.objects.select_for_update().filter(pk=appraisal.pk).first()
    agreed = access.is_appraiser(actor, appraisal)
    return _save(AppraisalObjective(
        appraisal=appraisal, number=_next_number(appraisal), title=title, measure=measure, target_date=target_date,
        service_objective=service_objective, is_personal_development=is_personal_development,
        agreed_at=timezone.now() if agreed else None, agreed_by=actor if agreed else None,
    ), {})


@transaction.atomic
def objective_update(*, objective: AppraisalObjective, actor: User, **fields) -> AppraisalObjective:
    """Tailor an objective. What the manager saves is agreed; the person's change needs agreeing again."""
    appraisal = objective.appraisal
    _require(access.can_write(actor, appraisal))
    _objectives_open(appraisal)
    if "service_objective" in fields:
        _check_link(appraisal, actor, fields["service_objective"], unchanged_from=objective.service_objective_id)
    changed = any(getattr(objective, name) != value for name, value in fields.items())
    if access.is_appraiser(actor, appraisal):
        if changed or not objective.is_agreed:
            fields.update(agreed_at=timezone.now(), agreed_by=actor)
    elif changed:
        fields.update(agreed_at=None, agreed_by=None)
    return _save(objective, fields)


@transaction.atomic
def objective_agree(*, objective: AppraisalObjective, actor: User) -> AppraisalObjective:
    """The line manager records that they and the person have agreed the objective."""
    appraisal = objective.appraisal
    _require(access.is_appraiser(actor, appraisal))
    _objectives_open(appraisal)
    return _save(objective, {"agreed_at": timezone.now(), "agreed_by": actor})


@transaction.atomic
def objective_delete(*, objective: AppraisalObjective, actor: User) -> None:
    appraisal = objective.appraisal
    _require(access.is_appraiser(actor, appraisal))
    _objectives_open(appraisal)
    if objective.ratings.exists():
        raise ValidationError("This objective has been rated in a review, so it cannot be deleted")
    objective.delete()


@transaction.atomic
def objective_cascade(*, actor: User, cycle: AppraisalCycle, service_objective, people, title, measure,
                      target_date) -> list[AppraisalObjective]:
    """Give one service-plan objective to many people at once; each then tailors their own wording.

    All or nothing: if any person cannot receive it, nobody does.
    """
    people = list(people)
    if not people:
        raise ValidationError({"people": "Choose at least one member of staff"})
    _refuse(windows.objective_setting_refusal(cycle.windows, _today()))
    if not selectors.cascadable_objectives(actor, cycle).filter(pk=service_objective.pk).exists():
        raise ValidationError({"service_objective": (
            f"Choose an objective from a {cycle.year_label} service plan for a service you manage or work in")})
    not_reports = [p for p in people if p.line_manager_id != actor.pk or p.pk == actor.pk]
    if not_reports:
        raise ValidationError({"people": f"{not_reports[0]} does not report to you"})
    for person in people:
        Appraisal.objects.get_or_create(cycle=cycle, person=person)
    appraisals = {a.person_id: a for a in Appraisal.objects.select_for_update().filter(
        cycle=cycle, person__in=people).select_related("cycle", "person")}
    already = set(AppraisalObjective.objects.filter(
        appraisal__in=appraisals.values(), service_objective=service_objective).values_list(
        "appraisal__person_id", flat=True))
    if already:
        names = ", ".join(str(p) for p in people if p.pk in already)
        raise ValidationError({"people": f"Already given this objective: {names}"})
    numbers = dict(AppraisalObjective.objects.filter(appraisal__in=appraisals.values()).values(
        "appraisal_id").annotate(n=Max("number")).values_list("appraisal_id", "n"))
    created = []
    for person in people:
        appraisal = appraisals[person.pk]
        objective = AppraisalObjective(
            appraisal=appraisal, number=(numbers.get(appraisal.pk) or 0) + 1, title=title, measure=measure,
            target_date=target_date, service_objective=service_objective, cascaded_by=actor,
            agreed_at=None, agreed_by=None,
        )
        objective.full_clean()
        created.append(objective)
    return AppraisalObjective.objects.bulk_create(created)


@transaction.atomic
def progress_note_add(*, objective: AppraisalObjective, actor: User, status, note) -> ProgressNote:
    _require(access.can_write(actor, objective.appraisal))
    return _save(ProgressNote(objective=objective, recorded_by=actor), {"status": status, "note": note})


# Reviews ----------------------------------------------------------------------

LOCKED = ("This review was signed off by both of you, so it is locked. Reopen it to make changes; "
          "both of you will then need to sign it off again")


def _review_open(review):
    _refuse(windows.window_refusal(review.kind, review.appraisal.cycle.windows, _today()))


def _lock(review) -> Review:
    """The saved review, created on first write and locked for this transaction."""
    saved, _ = Review.objects.get_or_create(appraisal=review.appraisal, kind=review.kind)
    return Review.objects.select_for_update().select_related("appraisal__cycle", "appraisal__person").get(
        pk=saved.pk)


def rating_values(cycle):
    return set(cycle.rating_levels.values_list("value", flat=True))


def sign_off_problems(review, agreed_objective_ids, rated_objective_ids, *, as_manager):
    """What stops one side signing off: a pure check over what has been written."""
    if as_manager:
        problems = []
        if not review.manager_comments.strip():
            problems.append("Add your comments as the manager before signing off")
        if review.overall_rating is None:
            problems.append("Rate the overall performance before signing off")
        if set(agreed_objective_ids) - set(rated_objective_ids):
            problems.append("Rate every agreed objective before signing off")
        return problems
    if not review.staff_comments.strip():
        return ["Add your comments before signing off"]
    return []


@transaction.atomic
def review_staff_comment(*, review: Review, actor: User, staff_comments: str) -> Review:
    appraisal = review.appraisal
    _require(access.is_appraisee(actor, appraisal))
    _review_open(review)
    review = _lock(review)
    _refuse(LOCKED if review.is_signed_off else "")
    if not staff_comments.strip():
        raise ValidationError({"staff_comments": "Enter your comments on the year so far"})
    # A change after the manager signed withdraws their sign-off: they signed what was there before.
    changed = review.staff_comments != staff_comments
    fields = {"staff_comments": staff_comments}
    if changed:
        fields.update(manager_signed_at=None, manager_signed_by=None, staff_signed_at=None)
    return _save(review, fields)


@transaction.atomic
def review_manager_assess(*, review: Review, actor: User, manager_comments: str, overall_rating,
                          ratings: dict) -> Review:
    """The manager's comments, the overall rating and a rating for each agreed objective."""
    appraisal = review.appraisal
    _require(access.is_appraiser(actor, appraisal))
    _review_open(review)
    review = _lock(review)
    _refuse(LOCKED if review.is_signed_off else "")
    scale = rating_values(appraisal.cycle)
    errors = {}
    if not manager_comments.strip():
        errors["manager_comments"] = "Enter your comments as the manager"
    if overall_rating is not None and overall_rating not in scale:
        errors["overall_rating"] = "Choose a rating from the scale"
    agreed = set(appraisal.objectives.filter(agreed_at__isnull=False).values_list("pk", flat=True))
    for objective_id, value in ratings.items():
        if objective_id not in agreed:
            errors["__all__"] = "Only agreed objectives can be rated"
        elif value is not None and value not in scale:
            errors[f"rating_{objective_id}"] = "Choose a rating from the scale"
    if errors:
        raise ValidationError(errors)
    before = (review.manager_comments, review.overall_rating,
              dict(review.ratings.values_list("objective_id", "rating")))
    review.ratings.all().delete()
    ObjectiveRating.objects.bulk_create(ObjectiveRating(review=review, objective_id=pk, rating=value)
                                        for pk, value in ratings.items() if value is not None)
    after = (manager_comments, overall_rating, {pk: v for pk, v in ratings.items() if v is not None})
    fields = {"manager_comments": manager_comments, "overall_rating": overall_rating}
    if before != after:
        fields.update(staff_signed_at=None, manager_signed_at=None, manager_signed_by=None)
    return _save(review, fields)


@transaction.atomic
def review_sign_off(*, review: Review, actor: User) -> Review:
    appraisal = review.appraisal
    as_manager = access.is_appraiser(actor, appraisal)
    _require(as_manager or access.is_appraisee(actor, appraisal))
    _review_open(review)
    review = _lock(review)
    _refuse(LOCKED if review.is_signed_off else "")
    agreed = appraisal.objectives.filter(agreed_at__isnull=False).values_list("pk", flat=True)
    rated = review.ratings.values_list("objective_id", flat=True)
    problems = sign_off_problems(review, agreed, rated, as_manager=as_manager)
    if problems:
        raise ValidationError(problems)
    now = timezone.now()
    if as_manager:
        return _save(review, {"manager_signed_at": now, "manager_signed_by": actor})
    return _save(review, {"staff_signed_at": now})


@transaction.atomic
def review_reopen(*, review: Review, actor: User) -> Review:
    """Unlock a signed-off review to change it: both signatures go, so both must sign again."""
    appraisal = review.appraisal
    _require(access.can_write(actor, appraisal))
    _review_open(review)
    review = _lock(review)
    if not review.is_signed_off:
        raise ValidationError("This review is not signed off, so it can be changed already")
    return _save(review, {"staff_signed_at": None, "manager_signed_at": None, "manager_signed_by": None,
                          "reopened_at": timezone.now(), "reopened_by": actor})


# Support plans -------------------------------------------------------------------
# The line manager opens and runs a plan; the person and the line manager comment on it;
# the person may also move on the actions they own. A closed plan is read-only.

CLOSED = "This support plan is closed, so it can no longer be changed"
PLAN_TEXT = {"concerns": "Enter what is not going well", "expected_standard": "Enter what good looks like"}


def _lock_plan(plan) -> SupportPlan:
    """The saved plan, locked for this transaction, and refused once it is closed."""
    plan = SupportPlan.objects.select_for_update(of=("self",)).select_related(
        "appraisal__cycle", "appraisal__person__line_manager").get(pk=plan.pk)
    _refuse(CLOSED if not plan.is_open else "")
    return plan


def _text_errors(fields, required):
    return {name: message for name, message in required.items()
            if name in fields and not (fields[name] or "").strip()}


def plan_owner_ids(appraisal):
    """Who can own an action: the person and their line-management chain, the people who can see the plan."""
    return {appraisal.person_id, *(m.pk for m in access.chain_of(appraisal.person))}


@transaction.atomic
def support_plan_open(*, appraisal: Appraisal, actor: User, concerns, expected_standard, next_review_on,
                      support_offered="", kind=SupportPlan.Kind.SUPPORT,
                      opened_from=SupportPlan.Source.APPRAISAL) -> SupportPlan:
    """The line manager opens a plan for someone whose performance has fallen short; one open plan at a time."""
    _require(access.is_appraiser(actor, appraisal))
    today = _today()
    _refuse(windows.support_plan_refusal(appraisal.cycle.windows, today))
    # Lock the person, so two managers' clicks cannot open two plans at once.
    User.objects.select_for_update().filter(pk=appraisal.person_id).first()
    existing = SupportPlan.objects.open().filter(appraisal__person=appraisal.person_id).first()
    if existing is not None:
        raise ValidationError(f"{appraisal.person} already has an open support plan, opened on "
                              f"{existing.opened_on:%-d %B %Y}. Review or close it before opening another")
    fields = {"kind": kind, "opened_from": opened_from, "concerns": concerns,
              "expected_standard": expected_standard, "support_offered": support_offered,
              "next_review_on": next_review_on}
    errors = _text_errors(fields, PLAN_TEXT)
    if message := support.first_review_error(next_review_on, today):
        errors["next_review_on"] = message
    if errors:
        raise ValidationError(errors)
    return _save(SupportPlan(appraisal=appraisal, opened_by=actor, opened_on=today), fields)


@transaction.atomic
def support_plan_update(*, plan: SupportPlan, actor: User, **fields) -> SupportPlan:
    """The line manager rewords an open plan or moves its next review date (which must still be to come)."""
    _require(access.is_appraiser(actor, plan.appraisal))
    plan = _lock_plan(plan)
    allowed = {"kind", "concerns", "expected_standard", "support_offered", "next_review_on"}
    unknown = set(fields) - allowed
    if unknown:
        raise ValidationError({name: "This cannot be changed here" for name in sorted(unknown)})
    errors = _text_errors(fields, PLAN_TEXT)
    if "next_review_on" in fields:
        message = support.next_review_error(fields["next_review_on"], today=_today(),
                                            unchanged_from=plan.next_review_on)
        if message:
            errors["next_review_on"] = message
    if errors:
        raise ValidationError(errors)
    return _save(plan, fields)


def _check_action(plan, fields, errors):
    if "description" in fields and not (fields["description"] or "").strip():
        errors["description"] = "Enter the action"
    if "owner" in fields:
        owner = fields["owner"]
        if message := support.owner_error(getattr(owner, "pk", None), plan_owner_ids(plan.appraisal)):
            errors["owner"] = message
    if "due_on" in fields:
        if message := support.due_date_error(fields["due_on"], plan.opened_on):
            errors["due_on"] = message


@transaction.atomic
def support_plan_action_add(*, plan: SupportPlan, actor: User, description, owner, due_on,
                            status=SupportPlanAction.Status.NOT_STARTED) -> SupportPlanAction:
    _require(access.is_appraiser(actor, plan.appraisal))
    plan = _lock_plan(plan)
    fields = {"description": description, "owner": owner, "due_on": due_on, "status": status}
    errors = {}
    _check_action(plan, fields, errors)
    if errors:
        raise ValidationError(errors)
    return _save(SupportPlanAction(plan=plan), fields)


@transaction.atomic
def support_plan_action_update(*, action: SupportPlanAction, actor: User, **fields) -> SupportPlanAction:
    """The line manager changes anything; the person only the status of an action they own."""
    appraisal = action.plan.appraisal
    manager = access.is_appraiser(actor, appraisal)
    owner = access.is_appraisee(actor, appraisal) and action.owner_id == actor.pk
    _require(manager or owner)
    if not manager and set(fields) - {"status"}:
        raise PermissionDenied
    _lock_plan(action.plan)
    errors = {}
    _check_action(action.plan, fields, errors)
    if errors:
        raise ValidationError(errors)
    return _save(action, fields)


@transaction.atomic
def support_plan_review_add(*, plan: SupportPlan, actor: User, held_on, outcome, notes,
                            next_review_on=None) -> SupportPlanReview:
    """Record a review meeting. Improving or not, it sets the next review; closed or escalated, it ends the plan."""
    _require(access.is_appraiser(actor, plan.appraisal))
    plan = _lock_plan(plan)
    closing = outcome in SupportPlanReview.CLOSING
    today = _today()
    errors = support.review_errors(held_on=held_on, next_review_on=next_review_on, closing=closing,
                                   opened_on=plan.opened_on, today=today)
    if not (notes or "").strip():
        errors["notes"] = "Enter the notes of the review"
    if outcome not in SupportPlanReview.Outcome.values:
        errors["outcome"] = "Choose the outcome of the review"
    if errors:
        raise ValidationError(errors)
    review = _save(SupportPlanReview(plan=plan, recorded_by=actor), {
        "held_on": held_on, "outcome": outcome, "notes": notes, "next_review_on": next_review_on})
    if closing:
        _save(plan, {"status": outcome, "next_review_on": None, "closed_on": today, "closed_by": actor})
    else:
        _save(plan, {"next_review_on": next_review_on})
    return review


@transaction.atomic
def support_plan_close(*, plan: SupportPlan, actor: User, outcome, held_on, notes) -> SupportPlanReview:
    """The close step: a final review that ends the plan, closed successfully or escalated."""
    if outcome not in SupportPlanReview.CLOSING:
        raise ValidationError({"outcome": "Choose how the plan ends: closed successfully or escalated"})
    return support_plan_review_add(plan=plan, actor=actor, held_on=held_on, outcome=outcome, notes=notes)


@transaction.atomic
def support_plan_comment_add(*, plan: SupportPlan, actor: User, text) -> SupportPlanComment:
    """The person (or their line manager) says what they think of the plan and how it is going."""
    _require(access.can_write(actor, plan.appraisal))
    plan = _lock_plan(plan)
    if not (text or "").strip():
        raise ValidationError({"text": "Enter your comment"})
    return _save(SupportPlanComment(plan=plan, author=actor), {"text": text})
