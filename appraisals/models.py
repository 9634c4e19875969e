"""Staff appraisals: each person's objectives on the golden thread, and their reviews.

cycle (a financial year, with windows) -> appraisal (one person, one cycle) ->
objectives (each linked to a service-plan objective, or personal development)
-> progress notes; mid-year and year-end reviews with ratings and sign-off;
support or improvement plans (actions, reviews, comments) for under-performance.

Appraisal records are personal: see appraisals.access for who may see them.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from appraisals import access, windows
from organisation.models import User
from priorities import periods

DEFAULT_SCALE = [
    (5, "Outstanding"),
    (4, "Exceeds expectations"),
    (3, "Fully meets expectations"),
    (2, "Partly meets expectations"),
    (1, "Does not meet expectations"),
]


class AppraisalCycle(models.Model):
    """One financial year's appraisal round, with its three windows."""

    year = models.PositiveSmallIntegerField("financial year", unique=True)
    objective_setting_starts = models.DateField("objective setting opens")
    objective_setting_ends = models.DateField("objective setting closes")
    mid_year_starts = models.DateField("mid-year review opens")
    mid_year_ends = models.DateField("mid-year review closes")
    year_end_starts = models.DateField("year-end review opens")
    year_end_ends = models.DateField("year-end review closes")
    opened_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-year"]
        constraints = [
            models.CheckConstraint(condition=Q(objective_setting_ends__gte=models.F("objective_setting_starts"))
                                   & Q(mid_year_ends__gte=models.F("mid_year_starts"))
                                   & Q(year_end_ends__gte=models.F("year_end_starts")),
                                   name="appraisal_windows_end_after_they_start"),
        ]

    def __str__(self):
        return f"Appraisal cycle {self.year_label}"

    def get_absolute_url(self):
        return reverse("appraisals:cycle-detail", args=[self.pk])

    @property
    def year_label(self):
        return periods.fiscal_year_label(self.year)

    @property
    def windows(self):
        return windows.Windows(
            objective_setting=(self.objective_setting_starts, self.objective_setting_ends),
            mid_year=(self.mid_year_starts, self.mid_year_ends),
            year_end=(self.year_end_starts, self.year_end_ends),
        )

    def clean(self):
        if self.year and all(getattr(self, f) for f in ("objective_setting_starts", "objective_setting_ends",
                                                         "mid_year_starts", "mid_year_ends",
                                                         "year_end_starts", "year_end_ends")):
            errors = windows.window_errors(self.year, self.windows)
            if errors:
                raise ValidationError(errors)

    def current_phase(self, today=None):
        return windows.current_phase(self.windows, today or timezone.localdate())


class RatingLevel(models.Model):
    """One point on a cycle's rating scale: the scale is the council's to set, per cycle."""

    cycle = models.ForeignKey(AppraisalCycle, on_delete=models.CASCADE, related_name="rating_levels")
    value = models.PositiveSmallIntegerField()
    label = models.CharField(max_length=100)

    class Meta:
        ordering = ["cycle", "-value"]
        constraints = [models.UniqueConstraint(fields=["cycle", "value"], name="rating_value_unique_in_cycle")]

    def __str__(self):
        return f"{self.value} – {self.label}"


class AppraisalQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The person, their line-management chain and HR; nobody else (not peers, not councillors)."""
        return self.filter(access.appraisal_visibility(user, prefix="person"))


class Appraisal(models.Model):
    """One person's appraisal in one cycle: objectives, behaviours, development plan and reviews."""

    cycle = models.ForeignKey(AppraisalCycle, on_delete=models.PROTECT, related_name="appraisals")
    person = models.ForeignKey(User, on_delete=models.CASCADE, related_name="appraisals")
    behaviours = models.TextField(
        "behaviours and values to be assessed", blank=True,
        help_text="For example, the council's values of respect, openness and working together.")
    development_plan = models.TextField(
        "personal development plan", blank=True,
        help_text="Training, coaching or experience planned this year, and when.")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = AppraisalQuerySet.as_manager()

    class Meta:
        ordering = ["cycle", "person__last_name", "person__first_name"]
        constraints = [models.UniqueConstraint(fields=["cycle", "person"], name="one_appraisal_per_person_per_cycle")]

    def __str__(self):
        return f"{self.person}'s appraisal {self.cycle.year_label}"

    def get_absolute_url(self):
        return reverse("appraisals:detail", args=[self.pk])


class AppraisalObjectiveQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(access.appraisal_visibility(user, prefix="appraisal__person"))


class AppraisalObjective(models.Model):
    """A SMART objective for one person: what, how it is measured, by when, and what it serves."""

    appraisal = models.ForeignKey(Appraisal, on_delete=models.CASCADE, related_name="objectives")
    number = models.PositiveSmallIntegerField()
    title = models.CharField("what will be achieved", max_length=300)
    measure = models.TextField("how it will be measured")
    target_date = models.DateField("target date")
    service_objective = models.ForeignKey(
        "priorities.Objective", verbose_name="service plan objective it serves", on_delete=models.PROTECT,
        null=True, blank=True, related_name="staff_objectives")
    is_personal_development = models.BooleanField("personal development", default=False)
    agreed_at = models.DateTimeField(null=True, blank=True)
    agreed_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    cascaded_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = AppraisalObjectiveQuerySet.as_manager()

    class Meta:
        ordering = ["appraisal", "number"]
        constraints = [
            models.UniqueConstraint(fields=["appraisal", "number"], name="staff_objective_number_unique"),
            # Every objective is on the golden thread, or is explicitly about the person's own development.
            models.CheckConstraint(
                condition=(Q(service_objective__isnull=False, is_personal_development=False)
                           | Q(service_objective__isnull=True, is_personal_development=True)),
                name="staff_objective_linked_or_personal"),
        ]

    def __str__(self):
        return f"Objective {self.number}: {self.title}"

    def get_absolute_url(self):
        return reverse("appraisals:detail", args=[self.appraisal_id]) + f"#objective-{self.pk}"

    @property
    def is_agreed(self):
        return self.agreed_at is not None

    def clean(self):
        errors = {}
        if self.service_objective_id and self.is_personal_development:
            errors["service_objective"] = ("Choose a service plan objective or mark it as personal development, "
                                           "not both")
        elif not self.service_objective_id and not self.is_personal_development:
            errors["service_objective"] = ("Choose the service plan objective it serves, or mark it as personal "
                                           "development")
        if self.appraisal_id and self.target_date:
            cycle = self.appraisal.cycle
            first, last = periods.year_starts(cycle.year), periods.year_ends(cycle.year)
            if not first <= self.target_date <= last:
                errors["target_date"] = (f"The target date must be in {cycle.year_label}, between "
                                         f"{first:%-d %B %Y} and {last:%-d %B %Y}")
        if errors:
            raise ValidationError(errors)


class ProgressNote(models.Model):
    """A dated note on how an objective is going, written by the person or their manager."""

    class Status(models.TextChoices):
        ON_TRACK = "on_track", "On track"
        AT_RISK = "at_risk", "At risk"
        ACHIEVED = "achieved", "Achieved"

    STATUS_COLOURS = {Status.ON_TRACK: "green", Status.AT_RISK: "orange", Status.ACHIEVED: "blue"}

    objective = models.ForeignKey(AppraisalObjective, on_delete=models.CASCADE, related_name="progress_notes")
    status = models.CharField(max_length=20, choices=Status.choices)
    note = models.TextField("progress note")
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-recorded_at", "-pk"]

    def __str__(self):
        return f"{self.get_status_display()}: {self.note[:60]}"

    @property
    def status_colour(self):
        return self.STATUS_COLOURS[self.status]


class Review(models.Model):
    """The mid-year or year-end review: both sides comment, the manager rates, both sign off.

    Signed by both, it is locked; reopening it withdraws both signatures.
    """

    class Kind(models.TextChoices):
        MID_YEAR = windows.MID_YEAR, "Mid-year review"
        YEAR_END = windows.YEAR_END, "Year-end review"

    appraisal = models.ForeignKey(Appraisal, on_delete=models.CASCADE, related_name="reviews")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    staff_comments = models.TextField("comments from the member of staff", blank=True)
    manager_comments = models.TextField("comments from the manager", blank=True)
    overall_rating = models.PositiveSmallIntegerField("overall performance", null=True, blank=True)
    staff_signed_at = models.DateTimeField(null=True, blank=True)
    manager_signed_at = models.DateTimeField(null=True, blank=True)
    manager_signed_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    reopened_at = models.DateTimeField(null=True, blank=True)
    reopened_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["appraisal", "kind"]
        constraints = [models.UniqueConstraint(fields=["appraisal", "kind"], name="one_review_of_a_kind")]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.appraisal}"

    def get_absolute_url(self):
        return reverse("appraisals:review", args=[self.appraisal_id, self.kind])

    @property
    def is_signed_off(self):
        return self.staff_signed_at is not None and self.manager_signed_at is not None


class ObjectiveRating(models.Model):
    """The manager's rating of one objective in one review."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="ratings")
    objective = models.ForeignKey(AppraisalObjective, on_delete=models.CASCADE, related_name="ratings")
    rating = models.PositiveSmallIntegerField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["review", "objective"], name="one_rating_per_objective")]

    def __str__(self):
        return f"{self.objective_id} in review {self.review_id}: {self.rating}"



class SupportPlanQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Exactly who may see the appraisal: the person, their line-management chain and HR."""
        return self.filter(access.appraisal_visibility(user, prefix="appraisal__person"))

    def open(self):
        return self.filter(status=SupportPlan.Status.OPEN)


class SupportPlan(models.Model):
    """A support or improvement plan for someone whose performance has fallen short.

    The line manager opens it from the appraisal or a review, sets actions and review
    dates, records each review and finally closes it (successfully, or escalated to the
    council's formal procedure). Closed, it can no longer be changed. One open plan per
    person at a time.
    """

    class Kind(models.TextChoices):
        SUPPORT = "support", "Support plan"
        IMPROVEMENT = "improvement", "Performance improvement plan"

    class Source(models.TextChoices):
        APPRAISAL = "appraisal", "The appraisal"
        MID_YEAR = windows.MID_YEAR, "Mid-year review"
        YEAR_END = windows.YEAR_END, "Year-end review"

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        CLOSED_SUCCESSFULLY = "closed_successfully", "Closed successfully"
        ESCALATED = "escalated", "Escalated"

    STATUS_COLOURS = {Status.OPEN: "orange", Status.CLOSED_SUCCESSFULLY: "green", Status.ESCALATED: "red"}

    appraisal = models.ForeignKey(Appraisal, on_delete=models.CASCADE, related_name="support_plans")
    kind = models.CharField("kind of plan", max_length=20, choices=Kind.choices, default=Kind.SUPPORT)
    opened_from = models.CharField("where the concern was raised", max_length=20, choices=Source.choices,
                                   default=Source.APPRAISAL)
    concerns = models.TextField("what is not going well",
                                help_text="The standard that has not been met, with examples.")
    expected_standard = models.TextField("what good looks like",
                                         help_text="What the person needs to do, to what standard, by when.")
    support_offered = models.TextField("support that will be given", blank=True,
                                       help_text="Training, supervision, adjustments or other help.")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.OPEN)
    next_review_on = models.DateField("next review date", null=True, blank=True)
    opened_on = models.DateField("opened on")
    opened_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    closed_on = models.DateField(null=True, blank=True)
    closed_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    objects = SupportPlanQuerySet.as_manager()

    class Meta:
        ordering = ["-opened_on", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["appraisal"], condition=Q(status="open"),
                                    name="one_open_support_plan_per_appraisal"),
            # An open plan always has its next review date; a closed one has its closing date instead.
            models.CheckConstraint(
                condition=(Q(status="open", next_review_on__isnull=False, closed_on__isnull=True)
                           | (~Q(status="open") & Q(closed_on__isnull=False))),
                name="support_plan_open_reviewed_or_closed"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} for {self.appraisal.person}"

    def get_absolute_url(self):
        return reverse("appraisals:support-plan", args=[self.pk])

    @property
    def is_open(self):
        return self.status == self.Status.OPEN

    @property
    def status_colour(self):
        return self.STATUS_COLOURS[self.status]


class SupportPlanAction(models.Model):
    """One thing to be done under a plan, by whom and by when."""

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", "Not started"
        IN_PROGRESS = "in_progress", "In progress"
        DONE = "done", "Done"

    STATUS_COLOURS = {Status.NOT_STARTED: "grey", Status.IN_PROGRESS: "light-blue", Status.DONE: "green"}

    plan = models.ForeignKey(SupportPlan, on_delete=models.CASCADE, related_name="actions")
    description = models.TextField("action")
    owner = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    due_on = models.DateField("due date")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NOT_STARTED)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["due_on", "pk"]

    def __str__(self):
        return self.description[:80]

    def get_absolute_url(self):
        return reverse("appraisals:support-plan", args=[self.plan_id]) + f"#action-{self.pk}"

    @property
    def status_colour(self):
        return self.STATUS_COLOURS[self.status]


class SupportPlanReview(models.Model):
    """A review meeting on a plan: how it is going, and when the next review is (unless it closes the plan)."""

    class Outcome(models.TextChoices):
        IMPROVING = "improving", "Improving"
        NOT_IMPROVING = "not_improving", "Not improving"
        CLOSED_SUCCESSFULLY = "closed_successfully", "Closed successfully"
        ESCALATED = "escalated", "Escalated"

    CLOSING = (Outcome.CLOSED_SUCCESSFULLY, Outcome.ESCALATED)
    OUTCOME_COLOURS = {Outcome.IMPROVING: "turquoise", Outcome.NOT_IMPROVING: "orange",
                       Outcome.CLOSED_SUCCESSFULLY: "green", Outcome.ESCALATED: "red"}

    plan = models.ForeignKey(SupportPlan, on_delete=models.CASCADE, related_name="reviews")
    held_on = models.DateField("date of the review")
    outcome = models.CharField(max_length=20, choices=Outcome.choices)
    notes = models.TextField("review notes")
    next_review_on = models.DateField("next review date", null=True, blank=True)
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-held_on", "-pk"]

    def __str__(self):
        return f"{self.get_outcome_display()} on {self.held_on:%-d %B %Y}"

    @property
    def closes_plan(self):
        return self.outcome in self.CLOSING

    @property
    def outcome_colour(self):
        return self.OUTCOME_COLOURS[self.outcome]


class SupportPlanComment(models.Model):
    """A comment on a plan by the person or their line manager: the person's own voice on it."""

    plan = models.ForeignKey(SupportPlan, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    text = models.TextField("comment")
    written_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["written_at", "pk"]

    def __str__(self):
        return f"{self.author}: {self.text[:60]}"
