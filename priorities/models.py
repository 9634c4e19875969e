"""The top of the golden thread: priorities, the strategic plan and service plans.

council priorities (and explicit non-priorities, and the engagement behind them)
-> strategic plan -> service plans (objectives, milestones, risks, resources).
Objectives are measured by indicators (Objective.indicators) and served by staff appraisal objectives.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from core.links import reverse_id
from organisation.models import Service, User
from priorities import access, periods, rag, risk_matrix

PERCENT_VALIDATORS = [
    MinValueValidator(0, "Enter a percentage between 0 and 100"),
    MaxValueValidator(100, "Enter a percentage between 0 and 100"),
]
SCALE_CHOICES = [(n, f"{n}") for n in risk_matrix.SCALE]


def _published_if_limited(queryset, user, published_filter):
    if access.reads_everything(user):
        return queryset
    if access.reads_published_only(user):
        return queryset.filter(published_filter)
    return queryset.none()


class StrategicPlanQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Everyone entitled sees the strategic plan itself; what is in it is filtered per item."""
        return self if access.reads_everything(user) or access.reads_published_only(user) else self.none()

    def covering(self, year):
        return self.filter(first_year__lte=year, last_year__gte=year)


class StrategicPlan(models.Model):
    """The council's plan for a run of financial years, holding its priorities."""

    title = models.CharField(max_length=200)
    first_year = models.PositiveSmallIntegerField(
        "first financial year", help_text="The year the plan starts, written like 2024/25"
    )
    last_year = models.PositiveSmallIntegerField("last financial year", help_text="Written like 2027/28")
    vision = models.TextField(blank=True, help_text="The council's ambition for the period, in a sentence or two.")
    adopted_on = models.DateField("adopted by full council on", null=True, blank=True)

    objects = StrategicPlanQuerySet.as_manager()

    class Meta:
        ordering = ["-first_year"]
        constraints = [
            models.CheckConstraint(condition=Q(last_year__gte=models.F("first_year")),
                                   name="strategic_plan_ends_after_it_starts"),
        ]

    def __str__(self):
        return f"{self.title} ({self.period_label})"

    def get_absolute_url(self):
        return reverse("strategic-plan-detail", args=[self.pk])

    @property
    def period_label(self):
        if self.first_year == self.last_year:
            return periods.fiscal_year_label(self.first_year)
        return f"{periods.fiscal_year_label(self.first_year)} to {periods.fiscal_year_label(self.last_year)}"

    @property
    def years(self):
        return list(range(self.first_year, self.last_year + 1))

    def covers(self, year):
        return self.first_year <= year <= self.last_year

    def clean(self):
        if self.first_year and self.last_year:
            if self.last_year < self.first_year:
                raise ValidationError({"last_year": "The last year must be the same as or after the first year"})
            overlapping = StrategicPlan.objects.filter(first_year__lte=self.last_year, last_year__gte=self.first_year)
            if self.pk:
                overlapping = overlapping.exclude(pk=self.pk)
            if other := overlapping.first():
                raise ValidationError({"first_year": f"The years overlap {other}: each year can have only one strategic plan"})


class PriorityQuerySet(models.QuerySet):
    def visible_to(self, user):
        return _published_if_limited(self, user, Q(is_published=True))


class Priority(models.Model):
    """One of the council's priorities for the period of its strategic plan."""

    class Area(models.TextChoices):
        CORPORATE = "corporate", "Corporate"
        SOCIAL_SERVICES = "social_services", "Social services"

    class Origin(models.TextChoices):
        NATIONAL = "national", "National requirement"
        LOCAL = "local", "Local importance"

    class Status(models.TextChoices):
        PROPOSED = "proposed", "Proposed"
        AGREED = "agreed", "Agreed"
        ACHIEVED = "achieved", "Achieved"
        WITHDRAWN = "withdrawn", "Withdrawn"

    strategic_plan = models.ForeignKey(StrategicPlan, on_delete=models.PROTECT, related_name="priorities")
    number = models.PositiveSmallIntegerField(help_text="Its number in the strategic plan.")
    title = models.CharField(max_length=200)
    description = models.TextField()
    area = models.CharField(max_length=20, choices=Area.choices)
    origin = models.CharField("national or local", max_length=20, choices=Origin.choices)
    national_source = models.CharField(
        max_length=200, blank=True,
        help_text="The law, guidance or framework that requires it, for example the Care Act 2014 or ASCOF 2B.",
    )
    rationale = models.TextField("why it is a priority")
    ambition_evidence = models.TextField(
        "evidence it is ambitious but realistic", blank=True,
        help_text="For example, where the council stands against comparable councils and what the target asks.",
    )
    budget = models.DecimalField("budget committed (£)", max_digits=12, decimal_places=0, null=True, blank=True,
                                 validators=[MinValueValidator(0, "The budget cannot be negative")])
    staff_fte = models.DecimalField("staff committed (full-time equivalent)", max_digits=6, decimal_places=1,
                                    null=True, blank=True,
                                    validators=[MinValueValidator(0, "The number of staff cannot be negative")])
    capacity = models.TextField("capacity and resources", blank=True,
                                help_text="What else is in place to deliver it: teams, partners, funding bids.")
    owner = models.ForeignKey(User, on_delete=models.PROTECT, related_name="priorities_owned")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PROPOSED)
    is_published = models.BooleanField("published to the public", default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PriorityQuerySet.as_manager()

    class Meta:
        ordering = ["strategic_plan", "number"]
        verbose_name_plural = "priorities"
        constraints = [
            models.UniqueConstraint(fields=["strategic_plan", "number"], name="priority_number_unique_in_plan"),
            models.CheckConstraint(condition=~Q(origin="national") | ~Q(national_source=""),
                                   name="national_priority_names_its_source"),
        ]

    def __str__(self):
        return f"Priority {self.number}: {self.title}"

    def get_absolute_url(self):
        return reverse("priority-detail", args=[self.pk])

    def clean(self):
        if self.origin == self.Origin.NATIONAL and not self.national_source.strip():
            raise ValidationError({"national_source": "Enter the national source, for example the Care Act 2014"})


class Communication(models.Model):
    """When, how and to whom a priority was communicated once set."""

    class Audience(models.TextChoices):
        USER_GROUPS = "user_groups", "Service user and carer groups"
        PROVIDERS = "providers", "Provider organisations"
        PARTNERS = "partners", "Statutory partners"
        STAFF = "staff", "Staff"
        COUNCILLORS = "councillors", "Councillors"
        PUBLIC = "public", "The public"

    # The parties the guidance says must hear of every priority.
    EXPECTED = (Audience.USER_GROUPS, Audience.PROVIDERS, Audience.PARTNERS, Audience.STAFF)

    priority = models.ForeignKey(Priority, on_delete=models.CASCADE, related_name="communications")
    audience = models.CharField(max_length=20, choices=Audience.choices)
    channel = models.CharField("how", max_length=200, help_text="For example, a presentation to the carers' forum.")
    communicated_on = models.DateField("date")
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["communicated_on", "pk"]

    def __str__(self):
        return f"{self.get_audience_display()}: {self.channel}"

    def get_absolute_url(self):
        return reverse("priority-detail", args=[self.priority_id]) + f"#communication-{self.pk}"


class NonPriorityQuerySet(models.QuerySet):
    def visible_to(self, user):
        return _published_if_limited(self, user, Q(is_published=True))


class NonPriority(models.Model):
    """Something the council has decided not to prioritise, said out loud."""

    strategic_plan = models.ForeignKey(StrategicPlan, on_delete=models.PROTECT, related_name="non_priorities")
    title = models.CharField("what is not a priority", max_length=200)
    reason = models.TextField("why not")
    decision = models.TextField(help_text="Who decided, and what exactly was decided.")
    decided_on = models.DateField("date of the decision")
    review_on = models.DateField("review by")
    is_published = models.BooleanField("published to the public", default=False)

    objects = NonPriorityQuerySet.as_manager()

    class Meta:
        ordering = ["strategic_plan", "title"]
        verbose_name_plural = "non-priorities"
        constraints = [
            models.CheckConstraint(condition=Q(review_on__gt=models.F("decided_on")),
                                   name="non_priority_reviewed_after_decision"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("non-priority-list", args=[self.strategic_plan_id]) + f"#non-priority-{self.pk}"

    def clean(self):
        if self.decided_on and self.review_on and self.review_on <= self.decided_on:
            raise ValidationError({"review_on": "The review date must be after the date of the decision"})

    @property
    def review_is_due(self):
        return self.review_on <= timezone.localdate()


class EngagementExerciseQuerySet(models.QuerySet):
    def visible_to(self, user):
        return _published_if_limited(self, user, Q(is_published=True))


class EngagementExercise(models.Model):
    """A consultation event or exercise through which people shaped the priorities."""

    class Method(models.TextChoices):
        SURVEY = "survey", "Survey"
        PUBLIC_MEETING = "public_meeting", "Public meeting"
        FOCUS_GROUP = "focus_group", "Focus group"
        WORKSHOP = "workshop", "Workshop"
        FORUM = "forum", "User or carer forum"
        ONLINE = "online", "Online consultation"
        INTERVIEWS = "interviews", "One-to-one interviews"
        OUTREACH = "outreach", "Outreach visits"

    title = models.CharField(max_length=200)
    purpose = models.TextField(help_text="What the council wanted to find out.")
    methods = models.JSONField(default=list, blank=True)
    starts_on = models.DateField("started on")
    ends_on = models.DateField("ended on", null=True, blank=True)
    participants = models.PositiveIntegerField("number of people who took part", null=True, blank=True)
    lead_officer = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="engagement_led")
    what_people_said = models.TextField(blank=True, help_text="A summary of what people told the council.")
    priorities = models.ManyToManyField(Priority, blank=True, related_name="engagement_exercises",
                                        verbose_name="priorities it shaped")
    is_published = models.BooleanField("published to the public", default=False)

    objects = EngagementExerciseQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on", "title"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                                   name="engagement_ends_after_it_starts"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("engagement-detail", args=[self.pk])

    def clean(self):
        unknown = set(self.methods or []) - set(self.Method.values)
        if unknown:
            raise ValidationError({"methods": f"Unknown method: {', '.join(sorted(unknown))}"})
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": "The end date must be the same as or after the start date"})

    def get_methods_display(self):
        labels = dict(self.Method.choices)
        return [labels.get(m, m) for m in self.methods]


class EngagementGroup(models.Model):
    """A group the exercise set out to hear from, and whether it did."""

    exercise = models.ForeignKey(EngagementExercise, on_delete=models.CASCADE, related_name="groups")
    name = models.CharField(max_length=200, help_text="For example, carers of people with dementia.")
    is_hard_to_reach = models.BooleanField("a hard-to-reach group", default=False)
    reached = models.BooleanField("took part", default=True)
    how = models.CharField("how they were reached, or why not", max_length=300, blank=True)

    class Meta:
        ordering = ["-is_hard_to_reach", "name"]

    def __str__(self):
        return self.name


class YouSaidWeDid(models.Model):
    """What people said, and what the council did in response."""

    exercise = models.ForeignKey(EngagementExercise, on_delete=models.CASCADE, related_name="responses")
    you_said = models.TextField("you said")
    we_did = models.TextField("we did")

    class Meta:
        ordering = ["pk"]
        verbose_name = "you said, we did"
        verbose_name_plural = "you said, we did"

    def __str__(self):
        return self.you_said[:80]


class ServicePlanQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Plans are internal working documents: officers and councillors read them."""
        return self if access.reads_everything(user) else self.none()


class ServicePlan(models.Model):
    """One service's plan for one financial year, cascading from the strategic plan."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SUBMITTED = "submitted", "Submitted for approval"
        APPROVED = "approved", "Approved"
        RETURNED = "returned", "Returned for changes"

    # Every move the workflow allows: (from, to).
    TRANSITIONS = {
        (Status.DRAFT, Status.SUBMITTED),
        (Status.SUBMITTED, Status.APPROVED),
        (Status.SUBMITTED, Status.RETURNED),
        (Status.RETURNED, Status.DRAFT),
    }
    MOVE_WORDS = {Status.SUBMITTED: "submitted for approval", Status.APPROVED: "approved",
                  Status.RETURNED: "returned", Status.DRAFT: "reopened as a draft"}
    STATUS_COLOURS = {Status.DRAFT: "grey", Status.SUBMITTED: "blue", Status.APPROVED: "green",
                      Status.RETURNED: "red"}

    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="plans")
    year = models.PositiveSmallIntegerField("financial year")
    strategic_plan = models.ForeignKey(StrategicPlan, on_delete=models.PROTECT, related_name="service_plans")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    purpose = models.TextField("the service's purpose this year", blank=True)
    budget = models.DecimalField("revenue budget (£)", max_digits=12, decimal_places=0, null=True, blank=True,
                                 validators=[MinValueValidator(0, "The budget cannot be negative")])
    staff_fte = models.DecimalField("staff (full-time equivalent)", max_digits=6, decimal_places=1, null=True,
                                    blank=True, validators=[MinValueValidator(0, "The number of staff cannot be negative")])
    other_resources = models.TextField("other resources", blank=True,
                                       help_text="Grants, partners' contributions, buildings, systems.")
    copied_from = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True, related_name="copies")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ServicePlanQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "service__name"]
        constraints = [
            models.UniqueConstraint(fields=["service", "year"], name="one_plan_per_service_per_year"),
        ]

    def __str__(self):
        return f"{self.service.name} service plan {self.year_label}"

    def get_absolute_url(self):
        return reverse("service-plan-detail", args=[self.pk])

    @property
    def year_label(self):
        return periods.fiscal_year_label(self.year)

    @property
    def starts_on(self):
        return periods.year_starts(self.year)

    @property
    def ends_on(self):
        return periods.year_ends(self.year)

    @property
    def is_editable(self):
        """Objectives, milestones, risks and resources change only while the plan is a draft."""
        return self.status == self.Status.DRAFT

    @property
    def status_colour(self):
        return self.STATUS_COLOURS[self.status]

    def can_move_to(self, status):
        return (self.status, status) in self.TRANSITIONS

    def move_refusal(self, status):
        """Why the workflow forbids moving this plan to `status`, or "" if it allows it."""
        if self.can_move_to(status):
            return ""
        return f"This plan is {self.get_status_display().lower()}, so it cannot be {self.MOVE_WORDS[status]}"


class PlanTransition(models.Model):
    """One step in a plan's life: who moved it, when, from what, to what, and why."""

    plan = models.ForeignKey(ServicePlan, on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField(max_length=20, choices=ServicePlan.Status.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=ServicePlan.Status.choices)
    actor = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)
    reason = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(to_status="returned") | ~Q(reason=""),
                                   name="returned_plan_has_a_reason"),
        ]

    def __str__(self):
        return f"{self.plan_id}: {self.from_status or 'new'} -> {self.to_status}"


class ObjectiveQuerySet(models.QuerySet):
    def visible_to(self, user):
        return _published_if_limited(self, user, Q(is_published=True))


class Objective(models.Model):
    """What a service will achieve this year, and the priorities it serves."""

    plan = models.ForeignKey(ServicePlan, on_delete=models.CASCADE, related_name="objectives")
    number = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=300)
    description = models.TextField("what success looks like", blank=True)
    priorities = models.ManyToManyField(Priority, blank=True, related_name="objectives")
    no_priority_reason = models.TextField(
        "why it links to no priority", blank=True,
        help_text="Only if it serves none of the priorities: for example, a statutory duty the service must meet.",
    )
    owner = models.ForeignKey(User, on_delete=models.PROTECT, related_name="objectives_owned")
    indicators = models.ManyToManyField(
        "indicators.Indicator", blank=True, related_name="objectives", verbose_name="measured by",
        help_text="The indicators whose targets show whether the objective is being met.",
    )
    is_published = models.BooleanField("published to the public", default=False)

    objects = ObjectiveQuerySet.as_manager()

    class Meta:
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="objective_number_unique_in_plan"),
        ]

    def __str__(self):
        return f"{self.title} ({self.plan.service.name} {self.plan.year_label})"

    def get_absolute_url(self):
        return reverse_id("service-plan-detail", self.plan_id) + f"#objective-{self.pk}"


class MilestoneQuerySet(models.QuerySet):
    def visible_to(self, user):
        return _published_if_limited(self, user, Q(is_published=True, objective__is_published=True))

    def open(self):
        return self.exclude(status=Milestone.Status.COMPLETE)


class Milestone(models.Model):
    """A dated step towards an objective, with an owner who reports its progress."""

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", "Not started"
        IN_PROGRESS = "in_progress", "In progress"
        COMPLETE = "complete", "Complete"

    objective = models.ForeignKey(Objective, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(max_length=300)
    due_on = models.DateField("due date")
    owner = models.ForeignKey(User, on_delete=models.PROTECT, related_name="milestones_owned")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NOT_STARTED)
    percent_complete = models.PositiveSmallIntegerField(default=0, validators=PERCENT_VALIDATORS)
    completed_on = models.DateField(null=True, blank=True)
    is_published = models.BooleanField("published to the public", default=False)
    updated_at = models.DateTimeField(auto_now=True)

    objects = MilestoneQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(percent_complete__lte=100), name="milestone_percent_at_most_100"),
        ]
        indexes = [
            # The public pages' latest completed milestones (public.selectors.updates): read newest first and
            # stop at the few shown, not sort every milestone the council ever completed.
            models.Index(fields=["-completed_on"], name="milestone_completed_published",
                         condition=Q(status="complete", is_published=True, completed_on__isnull=False)),
        ]

    def __str__(self):
        return f"{self.title} ({self.objective.plan.service.name} {self.objective.plan.year_label})"

    def get_absolute_url(self):
        return reverse_id("milestone-detail", self.pk)

    def clean(self):
        errors = {}
        plan = self.objective.plan if self.objective_id else None
        if plan and self.due_on and not plan.starts_on <= self.due_on <= plan.ends_on:
            errors["due_on"] = (f"The due date must be in {plan.year_label}, between "
                                f"{plan.starts_on:%-d %B %Y} and {plan.ends_on:%-d %B %Y}")
        errors.update(progress_errors(self.status, self.percent_complete))
        if errors:
            raise ValidationError(errors)

    def rag(self, today=None):
        return rag.milestone_rag(
            complete=self.status == self.Status.COMPLETE,
            started=self.status != self.Status.NOT_STARTED,
            percent_complete=self.percent_complete,
            due_on=self.due_on,
            today=today or timezone.localdate(),
        )

    def days_overdue(self, today=None):
        return ((today or timezone.localdate()) - self.due_on).days


def progress_errors(status, percent):
    """What is wrong with a status and percentage together, by field: a pure check."""
    if percent is None or not 0 <= percent <= 100:
        return {"percent_complete": "Enter a percentage between 0 and 100"}
    if status == Milestone.Status.NOT_STARTED and percent:
        return {"percent_complete": "A milestone that has not started must be 0% complete. "
                                    "Choose ‘In progress’ or enter 0"}
    if status == Milestone.Status.COMPLETE and percent != 100:
        return {"percent_complete": "A complete milestone must be 100% complete"}
    if status == Milestone.Status.IN_PROGRESS and percent == 100:
        return {"status": "A milestone that is 100% complete is complete. Choose ‘Complete’"}
    return {}


def submission_problems(objectives):
    """What stops a plan going for approval, from (number, title, milestone count) of each objective."""
    objectives = list(objectives)
    if not objectives:
        return ["Add at least one objective"]
    return [f"Add at least one milestone to objective {number}, ‘{title}’"
            for number, title, milestone_count in objectives if not milestone_count]


class MilestoneUpdate(models.Model):
    """A dated progress note: the story behind a milestone's percentage."""

    milestone = models.ForeignKey(Milestone, on_delete=models.CASCADE, related_name="updates")
    recorded_on = models.DateField("date of the update", default=timezone.localdate)
    status = models.CharField(max_length=20, choices=Milestone.Status.choices)
    percent_complete = models.PositiveSmallIntegerField(validators=PERCENT_VALIDATORS)
    note = models.TextField("progress note")
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-recorded_on", "-created_at"]

    def __str__(self):
        return f"{self.recorded_on}: {self.percent_complete}%"


class RiskQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self if access.reads_everything(user) else self.none()


class Risk(models.Model):
    """A risk to the plan, scored before and after mitigation on the 5x5 matrix."""

    plan = models.ForeignKey(ServicePlan, on_delete=models.CASCADE, related_name="risks")
    number = models.PositiveSmallIntegerField()
    title = models.CharField("the risk", max_length=300)
    description = models.TextField("cause and consequence", blank=True)
    likelihood = models.PositiveSmallIntegerField(choices=SCALE_CHOICES)
    impact = models.PositiveSmallIntegerField(choices=SCALE_CHOICES)
    mitigations = models.TextField("mitigations", help_text="What is being done to reduce the likelihood or impact.")
    residual_likelihood = models.PositiveSmallIntegerField("likelihood after mitigation", choices=SCALE_CHOICES)
    residual_impact = models.PositiveSmallIntegerField("impact after mitigation", choices=SCALE_CHOICES)
    owner = models.ForeignKey(User, on_delete=models.PROTECT, related_name="risks_owned")
    review_on = models.DateField("next review")

    objects = RiskQuerySet.as_manager()

    class Meta:
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="risk_number_unique_in_plan"),
            *[
                models.CheckConstraint(condition=Q(**{f"{f}__gte": 1, f"{f}__lte": 5}), name=f"risk_{f}_1_to_5")
                for f in ("likelihood", "impact", "residual_likelihood", "residual_impact")
            ],
        ]

    def __str__(self):
        return f"R{self.number}: {self.title} ({self.plan.service.name} {self.plan.year_label})"

    def get_absolute_url(self):
        return reverse("service-plan-detail", args=[self.plan_id]) + f"#risk-{self.pk}"

    @property
    def reference(self):
        return f"R{self.number}"

    @property
    def score(self):
        return risk_matrix.risk_score(self.likelihood, self.impact)

    @property
    def residual_score(self):
        return risk_matrix.risk_score(self.residual_likelihood, self.residual_impact)

    @property
    def band(self):
        return risk_matrix.risk_band(self.score)

    @property
    def residual_band(self):
        return risk_matrix.risk_band(self.residual_score)

    def clean(self):
        values = (self.likelihood, self.impact, self.residual_likelihood, self.residual_impact)
        if all(v in risk_matrix.SCALE for v in values) and self.residual_score > self.score:
            raise ValidationError({"residual_likelihood": (
                f"The score after mitigation ({self.residual_score}) cannot be higher than the score "
                f"before it ({self.score})"
            )})


class MilestoneReminder(models.Model):
    """A reminder or escalation e-mailed about a milestone: at most one of each kind a day."""

    class Kind(models.TextChoices):
        DUE_SOON = "due_soon", "Due soon"
        OVERDUE = "overdue", "Overdue"
        ESCALATED = "escalated", "Escalated to the accountable officer"

    milestone = models.ForeignKey(Milestone, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    sent_on = models.DateField()
    recipient = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-sent_on"]
        constraints = [
            models.UniqueConstraint(fields=["milestone", "kind", "sent_on"], name="one_reminder_of_a_kind_a_day"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} on {self.sent_on}: milestone {self.milestone_id}"
