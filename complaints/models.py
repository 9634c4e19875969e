"""Complaints, informal complaints and compliments; their statutory stages, review panels and lessons.

The regimes, their stages and timescales are data (Regime, RegimeStage), first
loaded from complaints/regimes.py and then edited by the council. A stage copies
the timescales in force when it starts, so a later change to the regime never
rewrites whether an old complaint was answered in time.

Complaint records are personal and often special-category data: every read of
one goes through complaints.selectors.get_complaint_for_user, which records it
in the access log.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse

from complaints import access, rules
from core.working_days import add_working_days
from organisation.models import Service, Team, User

DAYS = [MinValueValidator(1, "Enter a number of working days of 1 or more")]


class Regime(models.Model):
    """A complaints procedure: adult social care, children's social care or corporate."""

    code = models.SlugField(max_length=30, unique=True)
    name = models.CharField(max_length=100, unique=True)
    reference_prefix = models.CharField(max_length=8, unique=True, help_text="Starts each reference, e.g. CSC")
    legislation = models.CharField(max_length=300, blank=True)
    is_statutory = models.BooleanField(default=True)
    order = models.PositiveSmallIntegerField(default=0)
    acknowledge_days = models.PositiveSmallIntegerField(
        "acknowledge within (working days)", null=True, blank=True, validators=DAYS,
        help_text="Leave empty if the regime sets no acknowledgement timescale.")
    time_limit_months = models.PositiveSmallIntegerField(
        "time limit for complaining (months)", null=True, blank=True,
        help_text="Older matters need a reason for accepting them late.")
    delay_letter_months = models.PositiveSmallIntegerField(
        "write explaining a delay after (months)", null=True, blank=True,
        help_text="Adult social care: if there is no response within 6 months, write explaining why.")
    notes = models.TextField(blank=True, help_text="Where the timescales come from, and which ones are local choices.")

    class Meta:
        ordering = ["order", "name"]

    def __str__(self):
        return self.name


class RegimeStage(models.Model):
    """One stage of a regime, with its timescales in working days."""

    regime = models.ForeignKey(Regime, on_delete=models.CASCADE, related_name="stages")
    number = models.PositiveSmallIntegerField()
    name = models.CharField(max_length=100)
    is_panel = models.BooleanField("is a review panel", default=False)
    response_days = models.PositiveSmallIntegerField(
        "respond within (working days)", null=True, blank=True, validators=DAYS)
    max_response_days = models.PositiveSmallIntegerField(
        "extendable to at most (working days)", null=True, blank=True, validators=DAYS,
        help_text="Leave empty if an extension is agreed with the complainant without a fixed limit.")
    request_within_days = models.PositiveSmallIntegerField(
        "request within (working days of the previous stage's response)", null=True, blank=True, validators=DAYS)
    escalate_when_overdue = models.BooleanField(
        "may be requested when the previous stage is overdue", default=False)
    panel_size = models.PositiveSmallIntegerField(null=True, blank=True)
    panel_all_independent = models.BooleanField("every panel member must be independent", default=False)
    panel_meets_within_days = models.PositiveSmallIntegerField(
        "panel meets within (working days of the request)", null=True, blank=True, validators=DAYS)
    panel_report_within_days = models.PositiveSmallIntegerField(
        "panel reports within (working days of meeting)", null=True, blank=True, validators=DAYS)
    council_response_within_days = models.PositiveSmallIntegerField(
        "council responds within (working days of the report)", null=True, blank=True, validators=DAYS)

    class Meta:
        ordering = ["regime", "number"]
        constraints = [models.UniqueConstraint(fields=["regime", "number"], name="regime_stage_number_unique")]

    def __str__(self):
        return rules.stage_label(self.number, self.name)


class Category(models.Model):
    """What complaints are about: delay, communication, charging and so on."""

    name = models.CharField(max_length=100, unique=True)
    order = models.PositiveSmallIntegerField(default=0)
    is_active = models.BooleanField("offered for new complaints", default=True)

    class Meta:
        ordering = ["order", "name"]
        verbose_name_plural = "categories"

    def __str__(self):
        return self.name


class ComplaintQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Complaints officers see every case; anyone else only cases they investigate or whose panel they sit on."""
        if not access.is_current(user):
            return self.none()
        if access.is_complaints_officer(user):
            return self
        involved = ComplaintStage.objects.filter(
            Q(investigator=user) | Q(independent_person=user) | Q(panel__memberships__member=user)
        ).values("complaint_id")
        return self.filter(pk__in=involved)

    def open(self):
        return self.filter(closed_on__isnull=True).exclude(kind=Complaint.Kind.COMPLIMENT)


class Complaint(models.Model):
    """A formal complaint, an informal complaint or a compliment about a service.

    Only formal complaints have stages and deadlines; informal complaints and
    compliments are recorded so that they are counted.
    """

    class Kind(models.TextChoices):
        FORMAL = "formal", "Formal complaint"
        INFORMAL = "informal", "Informal complaint"
        COMPLIMENT = "compliment", "Compliment"

    class ComplainantType(models.TextChoices):
        USER = "user", "Person who uses the service"
        REPRESENTATIVE = "representative", "Representative (family member or friend)"
        ADVOCATE = "advocate", "Advocate"
        CHILD = "child", "Child or young person"

    reference = models.CharField(max_length=30, unique=True, editable=False)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.FORMAL)
    regime = models.ForeignKey(Regime, on_delete=models.PROTECT, related_name="complaints")
    complainant_name = models.CharField(max_length=200)
    complainant_type = models.CharField(max_length=20, choices=ComplainantType.choices)
    contact_details = models.TextField(blank=True)
    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="complaints")
    team = models.ForeignKey(Team, on_delete=models.PROTECT, null=True, blank=True, related_name="complaints")
    categories = models.ManyToManyField(Category, blank=True, related_name="complaints")
    summary = models.TextField()
    matter_occurred_on = models.DateField("date of the matter complained about", null=True, blank=True)
    received_on = models.DateField("date received")
    accepted_late_reason = models.TextField("reason for accepting it after the time limit", blank=True)
    acknowledged_on = models.DateField("date acknowledged", null=True, blank=True)
    acknowledge_days = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    delay_letter_months = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    delay_letter_sent_on = models.DateField("date the delay letter was sent", null=True, blank=True)
    owner = models.ForeignKey(User, verbose_name="case owner", on_delete=models.PROTECT,
                              related_name="complaints_owned")
    closed_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)
    # Set when the retention job took out the personal details (privacy/retention.py); the facts stay for statistics.
    anonymised_at = models.DateTimeField(null=True, blank=True, editable=False)
    # The earliest deadline the council still owes on an open formal case (none otherwise), kept by
    # complaints.deadlines: the home page and the reminders look only at cases whose next deadline is near.
    next_due_on = models.DateField(null=True, blank=True, editable=False)

    objects = ComplaintQuerySet.as_manager()

    class Meta:
        ordering = ["-received_on", "-pk"]
        indexes = [
            models.Index(fields=["received_on"]),
            models.Index(fields=["closed_on"]),
            # The open cases (the officer's home page, the case list's default): a few hundred among a
            # history of thousands, found without reading the closed ones.
            models.Index(fields=["received_on"], condition=Q(closed_on__isnull=True) & ~Q(kind="compliment"),
                         name="complaint_open_received"),
            models.Index(fields=["next_due_on"], condition=Q(next_due_on__isnull=False), name="complaint_next_due"),
        ]

    def __str__(self):
        # The reference only: it is shown where the complainant's name must not be.
        return self.reference

    def get_absolute_url(self):
        return reverse("complaints:detail", args=[self.pk])

    @property
    def is_formal(self):
        return self.kind == self.Kind.FORMAL

    @property
    def is_closed(self):
        return self.closed_on is not None

    @property
    def status_label(self):
        if self.kind == self.Kind.COMPLIMENT:
            return "Recorded"
        return "Closed" if self.is_closed else "Open"

    @property
    def current_stage(self):
        """The latest stage (needs `stages` loaded, as the selectors do)."""
        stages = self.loaded_stages()
        return stages[-1] if stages else None

    def loaded_stages(self):
        """The stages, from the plain list the selectors load (complaints.selectors.with_deadline_data) or the
        prefetched or queried manager."""
        stages = self.__dict__.get("stage_list")
        return stages if isinstance(stages, list) else list(self.stages.all())

    def _stage_rules(self):
        from complaints.deadlines import REGIME_RULES

        return REGIME_RULES.get().get(self.regime_id, [])

    def deadlines(self, *, today, holidays):
        """Every deadline of the case, worked out from its dates (needs stages and panels loaded)."""
        if not self.is_formal:
            return []
        found = []
        if self.acknowledge_days:
            due = add_working_days(self.received_on, self.acknowledge_days, holidays)
            found.append(rules.deadline("acknowledge", "Acknowledgement", due, self.acknowledged_on,
                                        today=today, holidays=holidays))
        stages = self.loaded_stages()
        rules_by_number = {rule.number: rule for rule in self._stage_rules()}
        for index, stage in enumerate(stages):
            found.extend(stage.deadlines(
                today=today, holidays=holidays, next_rule=rules_by_number.get(stage.stage.number + 1),
                next_stage=stages[index + 1] if index + 1 < len(stages) else None,
            ))
        if self.delay_letter_months and stages:
            due = rules.add_months(self.received_on, self.delay_letter_months)
            answered = stages[0].responded_on
            if answered is None or answered > due:
                label = f"Letter explaining the delay, if not answered within {self.delay_letter_months} months"
                found.append(rules.deadline("delay-letter", label, due, self.delay_letter_sent_on, today=today,
                                            holidays=holidays))
        return found


class ComplaintPoint(models.Model):
    """One point of a complaint; each stage gives it an outcome."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="points")
    number = models.PositiveSmallIntegerField()
    text = models.TextField()

    class Meta:
        ordering = ["complaint", "number"]
        constraints = [models.UniqueConstraint(fields=["complaint", "number"], name="complaint_point_number_unique")]

    def __str__(self):
        return f"Point {self.number}"


class ComplaintStage(models.Model):
    """A complaint at one stage of its regime: who handled it, when, what they found."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="stages")
    stage = models.ForeignKey(RegimeStage, on_delete=models.PROTECT, related_name="+")
    requested_on = models.DateField("date requested")
    late_request_reason = models.TextField("reason for accepting a late request", blank=True)
    investigator = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="complaint_stages_investigated")
    independent_person = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True,
                                           related_name="complaint_stages_overseen")
    response_days = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    max_response_days = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    extended_to = models.DateField("response extended to", null=True, blank=True)
    extension_reason = models.TextField(blank=True)
    responded_on = models.DateField("date of response", null=True, blank=True)
    findings = models.TextField(blank=True)
    remedy = models.TextField(blank=True)

    class Meta:
        ordering = ["complaint", "stage__number"]
        constraints = [models.UniqueConstraint(fields=["complaint", "stage"], name="complaint_stage_unique")]

    def __str__(self):
        return f"{self.complaint}: {self.stage}"

    def get_absolute_url(self):
        return self.complaint.get_absolute_url() + f"#stage-{self.stage.number}"

    @property
    def number(self):
        return self.stage.number

    @property
    def name(self):
        return self.stage.name

    def due_on(self, holidays):
        return rules.response_due(self.requested_on, self.response_days, self.extended_to, holidays)

    def deadlines(self, *, today, holidays, next_rule=None, next_stage=None):
        """This stage's response (or its panel's steps), and the complainant's window to ask for the next."""
        found = []
        panel = getattr(self, "panel", None) if self.stage.is_panel else None
        if panel is not None:
            found.extend(panel.deadlines(today=today, holidays=holidays))
        elif (due := self.due_on(holidays)) is not None:
            found.append(rules.deadline(f"stage-{self.stage.number}-response",
                                        f"Stage {self.stage.number} response", due, self.responded_on,
                                        today=today, holidays=holidays))
        if next_rule is not None and next_rule.request_within_days and self.responded_on:
            window = add_working_days(self.responded_on, next_rule.request_within_days, holidays)
            found.append(rules.deadline(f"stage-{next_rule.number}-request",
                                        f"Complainant may ask for stage {next_rule.number}", window,
                                        next_stage.requested_on if next_stage else None,
                                        today=today, holidays=holidays, owed_by_council=False))
        return found


class PointOutcome(models.Model):
    class Outcome(models.TextChoices):
        UPHELD = "upheld", "Upheld"
        PARTLY_UPHELD = "partly_upheld", "Partly upheld"
        NOT_UPHELD = "not_upheld", "Not upheld"
        WITHDRAWN = "withdrawn", "Withdrawn"

    stage = models.ForeignKey(ComplaintStage, on_delete=models.CASCADE, related_name="outcomes")
    point = models.ForeignKey(ComplaintPoint, on_delete=models.CASCADE, related_name="outcomes")
    outcome = models.CharField(max_length=20, choices=Outcome.choices)

    class Meta:
        ordering = ["stage", "point__number"]
        constraints = [models.UniqueConstraint(fields=["stage", "point"], name="point_outcome_unique")]

    def __str__(self):
        return f"{self.point}: {self.get_outcome_display()}"


class ReviewPanel(models.Model):
    """The panel that hears a complaint at a panel stage, its report and the council's response."""

    stage = models.OneToOneField(ComplaintStage, on_delete=models.CASCADE, related_name="panel")
    members = models.ManyToManyField(User, through="PanelMembership", related_name="complaint_panels")
    size = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    all_independent = models.BooleanField(default=False, editable=False)
    meets_within_days = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    report_within_days = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    response_within_days = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    meeting_on = models.DateField("date the panel met", null=True, blank=True)
    report_on = models.DateField("date of the report", null=True, blank=True)
    report = models.TextField("the panel's findings", blank=True)
    council_response_on = models.DateField("date of the council's response", null=True, blank=True)
    council_response = models.TextField("the council's response", blank=True)

    def __str__(self):
        return f"Review panel for {self.stage.complaint}"

    def get_absolute_url(self):
        return reverse("complaints:detail", args=[self.stage.complaint_id]) + "#panel"

    def deadlines(self, *, today, holidays):
        requested = self.stage.requested_on
        found = []
        if self.meets_within_days:
            due = add_working_days(requested, self.meets_within_days, holidays)
            found.append(rules.deadline("panel-meeting", "Review panel meets", due, self.meeting_on,
                                        today=today, holidays=holidays))
        if self.report_within_days and self.meeting_on:
            due = add_working_days(self.meeting_on, self.report_within_days, holidays)
            found.append(rules.deadline("panel-report", "Review panel report", due, self.report_on,
                                        today=today, holidays=holidays))
        if self.response_within_days and self.report_on:
            due = add_working_days(self.report_on, self.response_within_days, holidays)
            found.append(rules.deadline("council-response", "Council's response to the panel", due,
                                        self.council_response_on, today=today, holidays=holidays))
        return found


class PanelMembership(models.Model):
    panel = models.ForeignKey(ReviewPanel, on_delete=models.CASCADE, related_name="memberships")
    member = models.ForeignKey(User, on_delete=models.PROTECT, related_name="panel_memberships")
    is_chair = models.BooleanField(default=False)

    class Meta:
        ordering = ["-is_chair", "member__last_name"]
        constraints = [models.UniqueConstraint(fields=["panel", "member"], name="panel_member_unique")]

    def __str__(self):
        return f"{self.member} ({'chair' if self.is_chair else 'member'})"


class PanelRecommendation(models.Model):
    class Decision(models.TextChoices):
        ACCEPTED = "accepted", "Accepted"
        PARTLY_ACCEPTED = "partly_accepted", "Partly accepted"
        NOT_ACCEPTED = "not_accepted", "Not accepted"

    panel = models.ForeignKey(ReviewPanel, on_delete=models.CASCADE, related_name="recommendations")
    number = models.PositiveSmallIntegerField()
    text = models.TextField()
    decision = models.CharField("council's decision", max_length=20, choices=Decision.choices, blank=True)

    class Meta:
        ordering = ["panel", "number"]
        constraints = [models.UniqueConstraint(fields=["panel", "number"], name="panel_recommendation_unique")]

    def __str__(self):
        return f"Recommendation {self.number}"


class LearningAction(models.Model):
    """What the council changes because of a complaint."""

    class Status(models.TextChoices):
        PLANNED = "planned", "Planned"
        IN_PROGRESS = "in_progress", "In progress"
        DONE = "done", "Done"
        DROPPED = "dropped", "Dropped"

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="learning_actions")
    description = models.TextField()
    owner = models.ForeignKey(User, on_delete=models.PROTECT, related_name="learning_actions_owned")
    due_on = models.DateField("due date")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PLANNED)
    # Where the change shows in the golden thread: the service plan says what changed because of complaints.
    objective = models.ForeignKey("priorities.Objective", verbose_name="service plan objective",
                                  on_delete=models.SET_NULL, null=True, blank=True, related_name="learning_actions")
    milestone = models.ForeignKey("priorities.Milestone", verbose_name="service plan milestone",
                                  on_delete=models.SET_NULL, null=True, blank=True, related_name="learning_actions")

    class Meta:
        ordering = ["due_on", "pk"]

    def __str__(self):
        return f"Learning action for {self.complaint}"

    def get_absolute_url(self):
        return reverse("complaints:detail", args=[self.complaint_id]) + "#learning"

    def clean(self):
        if self.milestone_id and self.objective_id and self.milestone.objective_id != self.objective_id:
            raise ValidationError({"milestone": "Choose a milestone of the chosen objective, or no objective"})

    @property
    def is_open(self):
        return self.status in (self.Status.PLANNED, self.Status.IN_PROGRESS)


class OmbudsmanReferral(models.Model):
    """The Local Government and Social Care Ombudsman's involvement, after the council's procedure."""

    class Decision(models.TextChoices):
        UPHELD = "upheld", "Upheld"
        NOT_UPHELD = "not_upheld", "Not upheld"
        CLOSED_AFTER_INITIAL_ENQUIRIES = "closed", "Closed after initial enquiries"

    complaint = models.OneToOneField(Complaint, on_delete=models.CASCADE, related_name="ombudsman")
    reference = models.CharField("Ombudsman's reference", max_length=50)
    referred_on = models.DateField("date the Ombudsman told the council")
    decision = models.CharField(max_length=20, choices=Decision.choices, blank=True)
    decided_on = models.DateField("date of the decision", null=True, blank=True)
    remedy = models.TextField("remedy the Ombudsman asked for", blank=True)

    def __str__(self):
        return f"Ombudsman {self.reference}"


class CaseAccess(models.Model):
    """One look at a case (page or API), or a refused attempt: the record a complaints manager reads.

    The case is a complaint or a councillor's casework (both hold personal details), never both.
    """

    class Via(models.TextChoices):
        PAGE = "page", "Page"
        API = "api", "API"

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, null=True, blank=True,
                                  related_name="accesses")
    casework = models.ForeignKey("casework.CouncillorCase", on_delete=models.CASCADE, null=True, blank=True,
                                 related_name="accesses")
    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="complaint_accesses")
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    via = models.CharField(max_length=10, choices=Via.choices)
    path = models.CharField(max_length=300, blank=True)
    granted = models.BooleanField(default=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name_plural = "case accesses"
        constraints = [models.CheckConstraint(
            condition=Q(complaint__isnull=False, casework__isnull=True) | Q(complaint__isnull=True,
                                                                             casework__isnull=False),
            name="case_access_is_of_one_case")]

    def __str__(self):
        return f"{self.user} {'viewed' if self.granted else 'was refused'} {self.case} at {self.at:%Y-%m-%d %H:%M}"

    @property
    def case(self):
        """The complaint or the councillor's case looked at."""
        return self.complaint if self.complaint_id else self.casework


class ReminderDigest(models.Model):
    """The daily reminder sent to one case owner: at most one a day, however often the job runs."""

    owner = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    sent_on = models.DateField()
    items = models.PositiveIntegerField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["owner", "sent_on"], name="one_reminder_digest_a_day")]

    def __str__(self):
        return f"Reminder to {self.owner} on {self.sent_on}"
