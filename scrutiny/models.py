"""Committees and their meetings, the scrutiny work programme and task-and-finish reviews.

Councillors read all of it; performance officers (who act as scrutiny officers:
there is no separate role) change it; executive members record the executive's
response to each recommendation. A review's report is not public until it is
published (`is_published`), for the later public pages.
"""


from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from scrutiny import deadlines

USER = settings.AUTH_USER_MODEL


def municipal_year_of(day):
    """The municipal year by the year it starts: May 2026 to April 2027 is 2026."""
    return day.year if day.month >= 5 else day.year - 1


class Committee(models.Model):
    class Kind(models.TextChoices):
        EXECUTIVE = "executive", "Executive (cabinet)"
        SCRUTINY = "scrutiny", "Overview and scrutiny committee"
        FULL_COUNCIL = "full_council", "Full council"
        OTHER = "other", "Other committee"

    name = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    remit = models.TextField(blank=True)
    directorates = models.ManyToManyField(
        "organisation.Directorate", blank=True, related_name="committees",
        verbose_name="directorates it scrutinises",
        help_text="Its performance reports cover these directorates' services. None: the whole council.")
    has_health_scrutiny_powers = models.BooleanField(
        "has health scrutiny powers", default=False,
        help_text="It may review any matter of local NHS services and respond to substantial service changes.")
    call_in_days = models.PositiveSmallIntegerField(
        "call-in window (working days)", default=deadlines.CALL_IN_WORKING_DAYS,
        help_text="Executive decisions: working days after publication in which this committee's members may call "
                  "one in.")
    call_in_meeting_days = models.PositiveSmallIntegerField(
        "meet within (working days of a call-in)", default=deadlines.CALL_IN_MEETING_WORKING_DAYS)
    call_in_signatories = models.PositiveSmallIntegerField("members needed to call in a decision", default=3)

    class Meta:
        ordering = ["kind", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("scrutiny:committee-detail", args=[self.pk])


class CommitteeMember(models.Model):
    class Role(models.TextChoices):
        CHAIR = "chair", "Chair"
        VICE_CHAIR = "vice_chair", "Vice-chair"
        MEMBER = "member", "Member"

    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="members")
    person = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="committee_places")
    role = models.CharField(max_length=12, choices=Role.choices, default=Role.MEMBER)

    class Meta:
        ordering = ["committee", "role", "person__last_name"]
        constraints = [models.UniqueConstraint(fields=["committee", "person"], name="committee_member_once")]

    def __str__(self):
        return f"{self.person} ({self.get_role_display()}, {self.committee})"


class Meeting(models.Model):
    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="meetings")
    held_on = models.DateField("date")
    starts_at = models.TimeField("starts at", null=True, blank=True)
    venue = models.CharField(max_length=200, blank=True)
    is_cancelled = models.BooleanField("cancelled", default=False)

    class Meta:
        ordering = ["held_on", "starts_at"]

    def __str__(self):
        return f"{self.committee}, {self.held_on:%-d %B %Y}"

    def get_absolute_url(self):
        return reverse("scrutiny:meeting-detail", args=[self.pk])


class AgendaItem(models.Model):
    class Kind(models.TextChoices):
        PERFORMANCE_REPORT = "performance", "Performance report"
        REVIEW = "review", "Scrutiny review"
        TOPIC = "topic", "Work programme topic"
        INDICATOR = "indicator", "Indicator deep dive"
        DECISION = "decision", "Executive decision"
        OTHER = "other", "Other business"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items")
    number = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=300)
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.OTHER)
    description = models.TextField(blank=True)
    report_url = models.URLField("link to the report", blank=True)
    indicator = models.ForeignKey("indicators.Indicator", on_delete=models.SET_NULL, null=True, blank=True,
                                  related_name="agenda_items")
    review = models.ForeignKey("ScrutinyReview", on_delete=models.SET_NULL, null=True, blank=True,
                               related_name="agenda_items")
    topic = models.ForeignKey("Topic", on_delete=models.SET_NULL, null=True, blank=True, related_name="agenda_items")

    class Meta:
        ordering = ["meeting", "number"]
        constraints = [models.UniqueConstraint(fields=["meeting", "number"], name="agenda_item_number_unique")]

    def __str__(self):
        return f"{self.number}. {self.title}"


class Topic(models.Model):
    """A subject on a committee's work programme."""

    class Source(models.TextChoices):
        WATCHLIST = "watchlist", "The indicator watchlist"
        COUNCILLOR = "councillor", "A councillor"
        PUBLIC = "public", "A member of the public"
        COMPLAINTS = "complaints", "Complaints themes"
        OFFICERS = "officers", "Officers or the executive"

    class Priority(models.TextChoices):
        HIGH = "high", "High"
        MEDIUM = "medium", "Medium"
        LOW = "low", "Low"

    class Method(models.TextChoices):
        REPORT = "report", "Report to the committee"
        REVIEW = "review", "Task-and-finish review"
        BRIEFING = "briefing", "Briefing note"

    class Status(models.TextChoices):
        PROPOSED = "proposed", "Proposed"
        SCHEDULED = "scheduled", "Scheduled"
        IN_PROGRESS = "in_progress", "In progress"
        DONE = "done", "Done"
        NOT_TAKEN_UP = "not_taken_up", "Not taken up"

    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="topics")
    title = models.CharField(max_length=300)
    description = models.TextField("why it matters", blank=True)
    source = models.CharField("suggested by", max_length=12, choices=Source.choices)
    source_detail = models.CharField("who or what suggested it", max_length=300, blank=True)
    suggested_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    indicator = models.ForeignKey("indicators.Indicator", on_delete=models.SET_NULL, null=True, blank=True,
                                  related_name="scrutiny_topics")
    service = models.ForeignKey("organisation.Service", on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="scrutiny_topics")
    is_health = models.BooleanField("at the interface with local NHS services", default=False)
    nhs_bodies = models.ManyToManyField("NhsBody", blank=True, related_name="topics", verbose_name="NHS bodies")
    priority = models.CharField(max_length=8, choices=Priority.choices, default=Priority.MEDIUM)
    method = models.CharField(max_length=10, choices=Method.choices, default=Method.REPORT)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PROPOSED)
    year = models.PositiveSmallIntegerField("municipal year", help_text="By the year it starts: 2026 for 2026/27")
    meeting = models.ForeignKey(Meeting, on_delete=models.SET_NULL, null=True, blank=True, related_name="topics",
                                verbose_name="scheduled for the meeting")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["committee", "year", "status", "priority", "title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("scrutiny:topic-detail", args=[self.pk])

    def clean(self):
        if self.meeting_id and self.committee_id and self.meeting.committee_id != self.committee_id:
            raise ValidationError({"meeting": "Choose a meeting of the same committee."})
        if self.source == self.Source.WATCHLIST and not self.indicator_id:
            raise ValidationError({"indicator": "Choose the indicator the watchlist raised."})


class ReviewQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Officers and councillors read every review; anyone else only published reports."""
        from scrutiny.access import reads_scrutiny

        if reads_scrutiny(user):
            return self.all()
        return self.filter(is_published=True)


class ScrutinyReview(models.Model):
    """A task-and-finish review: scope, members, evidence, report, the executive's response and tracking."""

    class Status(models.TextChoices):
        SCOPING = "scoping", "Scoping"
        EVIDENCE = "evidence", "Gathering evidence"
        REPORTING = "reporting", "Writing the report"
        AWAITING_RESPONSE = "awaiting_response", "Awaiting the executive's response"
        MONITORING = "monitoring", "Monitoring implementation"
        COMPLETE = "complete", "Complete"

    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="reviews")
    topic = models.OneToOneField(Topic, on_delete=models.SET_NULL, null=True, blank=True, related_name="review")
    title = models.CharField(max_length=300)
    scope = models.TextField(help_text="What the review will and will not look at.")
    key_questions = models.TextField(blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.SCOPING)
    started_on = models.DateField(default=timezone.localdate)
    report_summary = models.TextField("report summary", blank=True)
    reported_on = models.DateField("report went to the executive on", null=True, blank=True,
                                   help_text="The executive's 2 months to respond start from this date.")
    is_published = models.BooleanField("report published", default=False)
    published_on = models.DateField(null=True, blank=True)
    outcome = models.TextField("outcome of the review", blank=True)

    objects = ReviewQuerySet.as_manager()

    class Meta:
        ordering = ["-started_on", "title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("scrutiny:review-detail", args=[self.pk])

    @property
    def response_due_on(self):
        return deadlines.executive_response_due(self.reported_on) if self.reported_on else None


class ReviewMember(models.Model):
    """A councillor on the review, or a co-optee (who may have no account)."""

    class Role(models.TextChoices):
        LEAD = "lead", "Lead member"
        MEMBER = "member", "Member"
        CO_OPTEE = "co_optee", "Co-opted member"

    review = models.ForeignKey(ScrutinyReview, on_delete=models.CASCADE, related_name="members")
    person = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    name = models.CharField("co-optee's name", max_length=200, blank=True)
    organisation = models.CharField("co-optee's organisation", max_length=200, blank=True)
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.MEMBER)

    class Meta:
        ordering = ["review", "role", "pk"]
        constraints = [models.CheckConstraint(condition=Q(person__isnull=False) | ~Q(name=""),
                                              name="review_member_has_a_name")]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self):
        return str(self.person) if self.person_id else self.name


class Evidence(models.Model):
    class Kind(models.TextChoices):
        WITNESS = "witness", "Witness session"
        SITE_VISIT = "site_visit", "Site visit"
        DOCUMENT = "document", "Document"
        SUBMISSION = "submission", "Written submission"

    review = models.ForeignKey(ScrutinyReview, on_delete=models.CASCADE, related_name="evidence")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    title = models.CharField(max_length=300)
    gathered_on = models.DateField("date")
    source = models.CharField("witness or source", max_length=300, blank=True)
    summary = models.TextField("what it showed")
    link = models.URLField(blank=True)

    class Meta:
        ordering = ["review", "gathered_on", "pk"]
        verbose_name_plural = "evidence"

    def __str__(self):
        return self.title


class Recommendation(models.Model):
    class Response(models.TextChoices):
        ACCEPTED = "accepted", "Accepted"
        PARTLY_ACCEPTED = "partly_accepted", "Partly accepted"
        REJECTED = "rejected", "Rejected"

    class Implementation(models.TextChoices):
        NOT_STARTED = "not_started", "Not started"
        IN_PROGRESS = "in_progress", "In progress"
        IMPLEMENTED = "implemented", "Implemented"
        NOT_IMPLEMENTED = "not_implemented", "Not implemented"

    review = models.ForeignKey(ScrutinyReview, on_delete=models.CASCADE, related_name="recommendations")
    number = models.PositiveSmallIntegerField()
    text = models.TextField("recommendation")
    addressed_to = models.ForeignKey("organisation.Portfolio", on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+", help_text="The portfolio that answers it")
    response = models.CharField("executive response", max_length=16, choices=Response.choices, blank=True)
    response_reasons = models.TextField("reasons", blank=True)
    responded_on = models.DateField(null=True, blank=True)
    responded_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    implementation = models.CharField(max_length=16, choices=Implementation.choices,
                                      default=Implementation.NOT_STARTED)
    outcome = models.TextField("outcome", blank=True, help_text="What difference it made")

    class Meta:
        ordering = ["review", "number"]
        constraints = [models.UniqueConstraint(fields=["review", "number"], name="recommendation_number_unique")]

    def __str__(self):
        return f"Recommendation {self.number}: {self.text[:60]}"

    def get_absolute_url(self):
        return reverse("scrutiny:review-detail", args=[self.review_id]) + f"#recommendation-{self.pk}"

    def standing(self, today=None):
        return deadlines.standing(self.review.response_due_on, self.responded_on, today or timezone.localdate())


class ImplementationUpdate(models.Model):
    recommendation = models.ForeignKey(Recommendation, on_delete=models.CASCADE, related_name="updates")
    recorded_on = models.DateField(default=timezone.localdate)
    recorded_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, related_name="+")
    implementation = models.CharField(max_length=16, choices=Recommendation.Implementation.choices)
    note = models.TextField()

    class Meta:
        ordering = ["recommendation", "recorded_on", "pk"]

    def __str__(self):
        return f"Update on {self.recommendation} ({self.recorded_on})"




# Best Value reviews (Local Government Act 1999) -----------------------------------

class BestValueReview(models.Model):
    """A fundamental review of a service: scope, baseline, the 4Cs, options, report, improvement plan, judgement."""

    class Stage(models.TextChoices):
        PROGRAMMED = "programmed", "In the programme"
        SCOPING = "scoping", "Scope agreed with councillors"
        BASELINE = "baseline", "Baseline"
        FOUR_CS = "four_cs", "Challenge, compare, consult, compete"
        OPTIONS = "options", "Options appraisal"
        REPORT = "report", "Report and recommendations"
        APPROVED = "approved", "Improvement plan approved by the executive"
        MONITORING = "monitoring", "Monitoring"
        COMPLETE = "complete", "Complete"

    class Stars(models.IntegerChoices):
        POOR = 0, "0 stars: poor"
        FAIR = 1, "1 star: fair"
        GOOD = 2, "2 stars: good"
        EXCELLENT = 3, "3 stars: excellent"

    class Prospects(models.TextChoices):
        POOR = "poor", "Poor"
        UNCERTAIN = "uncertain", "Uncertain"
        PROMISING = "promising", "Promising"
        EXCELLENT = "excellent", "Excellent"

    title = models.CharField(max_length=300)
    service = models.ForeignKey("organisation.Service", on_delete=models.PROTECT, related_name="best_value_reviews")
    year = models.PositiveSmallIntegerField("programme year", help_text="Financial year it starts: 2026 for 2026/27")
    stage = models.CharField(max_length=12, choices=Stage.choices, default=Stage.PROGRAMMED)
    scope = models.TextField(blank=True)
    scope_agreed_by = models.ForeignKey(Committee, on_delete=models.SET_NULL, null=True, blank=True,
                                        related_name="+", verbose_name="scope agreed by")
    scope_agreed_on = models.DateField(null=True, blank=True)
    lead_officer = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    baseline = models.TextField("baseline: cost, performance and users today", blank=True)
    indicators = models.ManyToManyField("indicators.Indicator", blank=True, related_name="best_value_reviews",
                                        help_text="Compared with other councils; the service's own when none chosen.")
    report_summary = models.TextField(blank=True)
    approved_on = models.DateField("improvement plan approved by the executive on", null=True, blank=True)
    service_stars = models.PositiveSmallIntegerField("how good is the service", choices=Stars.choices, null=True,
                                                     blank=True)
    prospects = models.CharField("prospects for improvement", max_length=10, choices=Prospects.choices,
                                 blank=True)
    judgement_notes = models.TextField("reasons for the judgement", blank=True)
    judged_on = models.DateField(null=True, blank=True)
    is_published = models.BooleanField("report published", default=False)

    class Meta:
        ordering = ["-year", "title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("scrutiny:best-value-detail", args=[self.pk])


class FourCs(models.TextChoices):
    CHALLENGE = "challenge", "Challenge"
    COMPARE = "compare", "Compare"
    CONSULT = "consult", "Consult"
    COMPETE = "compete", "Compete"


FOUR_CS_QUESTIONS = {
    FourCs.CHALLENGE: "Is the service needed, and in this form?",
    FourCs.COMPARE: "How does it compare with other councils and providers?",
    FourCs.CONSULT: "What do service users, carers, staff and partners say?",
    FourCs.COMPETE: "Who could deliver it best: in-house, in partnership or externally?",
}


class FourCsSection(models.Model):
    review = models.ForeignKey(BestValueReview, on_delete=models.CASCADE, related_name="sections")
    c = models.CharField("section", max_length=10, choices=FourCs.choices)
    findings = models.TextField(blank=True)
    is_complete = models.BooleanField("section complete", default=False)

    class Meta:
        ordering = ["review", "pk"]
        constraints = [models.UniqueConstraint(fields=["review", "c"], name="one_section_per_c")]

    def __str__(self):
        return f"{self.get_c_display()}: {self.review}"

    @property
    def question(self):
        return FOUR_CS_QUESTIONS[self.c]


class FourCsEvidence(models.Model):
    section = models.ForeignKey(FourCsSection, on_delete=models.CASCADE, related_name="evidence")
    title = models.CharField(max_length=300)
    source = models.CharField(max_length=300, blank=True)
    summary = models.TextField("what it showed")
    link = models.URLField(blank=True)

    class Meta:
        ordering = ["section", "pk"]
        verbose_name_plural = "4Cs evidence"

    def __str__(self):
        return self.title


class DeliveryOption(models.Model):
    """An option for delivering the service, scored 1 (worst) to 5 (best) on cost, quality and risk."""

    class Model(models.TextChoices):
        IN_HOUSE = "in_house", "In-house"
        PARTNERSHIP = "partnership", "Partnership"
        EXTERNAL = "external", "External provider"
        MIXED = "mixed", "Mixed economy"
        STOP = "stop", "Stop or reduce the service"

    SCORE_CHOICES = [(n, str(n)) for n in range(1, 6)]

    review = models.ForeignKey(BestValueReview, on_delete=models.CASCADE, related_name="options")
    name = models.CharField(max_length=200)
    delivery = models.CharField("delivery model", max_length=12, choices=Model.choices)
    description = models.TextField(blank=True)
    cost_score = models.PositiveSmallIntegerField("cost", choices=SCORE_CHOICES, help_text="5: cheapest")
    quality_score = models.PositiveSmallIntegerField("quality", choices=SCORE_CHOICES, help_text="5: best quality")
    risk_score = models.PositiveSmallIntegerField("risk", choices=SCORE_CHOICES, help_text="5: lowest risk")
    is_preferred = models.BooleanField("preferred option", default=False)

    class Meta:
        ordering = ["review", "pk"]
        constraints = [models.CheckConstraint(
            condition=Q(cost_score__gte=1, cost_score__lte=5, quality_score__gte=1, quality_score__lte=5,
                        risk_score__gte=1, risk_score__lte=5), name="option_scores_1_to_5")]

    def __str__(self):
        return self.name

    @property
    def total(self):
        from scrutiny.best_value import option_total

        return option_total(self.cost_score, self.quality_score, self.risk_score)


class ImprovementAction(models.Model):
    """A Best Value recommendation as an improvement-plan action, optionally a milestone in the service plan."""

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", "Not started"
        IN_PROGRESS = "in_progress", "In progress"
        COMPLETE = "complete", "Complete"
        DROPPED = "dropped", "Dropped"

    review = models.ForeignKey(BestValueReview, on_delete=models.CASCADE, related_name="actions")
    number = models.PositiveSmallIntegerField()
    recommendation = models.TextField()
    action = models.TextField("improvement action")
    owner = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    due_on = models.DateField("due date")
    target = models.CharField("target", max_length=300, help_text="How success is measured, e.g. 80% within 28 days")
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.NOT_STARTED)
    progress_note = models.TextField(blank=True)
    milestone = models.OneToOneField("priorities.Milestone", on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="best_value_action")

    class Meta:
        ordering = ["review", "number"]
        constraints = [models.UniqueConstraint(fields=["review", "number"], name="improvement_action_number_unique")]

    def __str__(self):
        return f"Action {self.number}: {self.action[:60]}"

    def is_overdue(self, today=None):
        return self.status in (self.Status.NOT_STARTED, self.Status.IN_PROGRESS) and \
            self.due_on < (today or timezone.localdate())


# Call-in of executive decisions ---------------------------------------------------------

class ExecutiveDecision(models.Model):
    reference = models.CharField(max_length=30, unique=True, help_text="For example ED/2026/014")
    title = models.CharField(max_length=300)
    decision = models.TextField("decision and reasons")
    made_by = models.CharField("decision maker", max_length=200, help_text="The executive, or the portfolio holder")
    portfolio = models.ForeignKey("organisation.Portfolio", on_delete=models.SET_NULL, null=True, blank=True,
                                  related_name="+")
    made_on = models.DateField("decided on")
    published_on = models.DateField("published on", null=True, blank=True)
    is_key_decision = models.BooleanField("key decision", default=False)
    is_urgent = models.BooleanField("urgent: exempt from call-in", default=False)
    call_in_committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="decisions_to_call_in",
                                          verbose_name="committee that may call it in")
    call_in_ends_on = models.DateField("call-in window ends on", null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-made_on", "reference"]

    def __str__(self):
        return f"{self.reference}: {self.title}"

    def get_absolute_url(self):
        return reverse("scrutiny:decision-detail", args=[self.pk])

    def state(self, today=None):
        call_in = getattr(self, "call_in", None)
        return deadlines.decision_state(published_on=self.published_on, window_ends=self.call_in_ends_on,
                                        today=today or timezone.localdate(), called_in=call_in is not None,
                                        outcome=call_in.outcome if call_in else "", urgent=self.is_urgent)


class CallIn(models.Model):
    class Outcome(models.TextChoices):
        NO_ACTION = "no_action", "No action: the decision takes effect"
        REFER_BACK = "refer_back", "Referred back to the decision maker"
        REFER_TO_COUNCIL = "refer_to_council", "Referred to full council"

    decision = models.OneToOneField(ExecutiveDecision, on_delete=models.CASCADE, related_name="call_in")
    called_in_on = models.DateField()
    reasons = models.TextField()
    members = models.ManyToManyField(USER, related_name="call_ins", verbose_name="called in by")
    meet_by = models.DateField("committee to meet by", editable=False)
    meeting = models.ForeignKey(Meeting, on_delete=models.SET_NULL, null=True, blank=True, related_name="call_ins")
    outcome = models.CharField(max_length=20, choices=Outcome.choices, blank=True)
    outcome_notes = models.TextField(blank=True)

    class Meta:
        ordering = ["-called_in_on"]

    def __str__(self):
        return f"Call-in of {self.decision}"

    @property
    def meeting_is_late(self):
        return bool(self.meeting_id and self.meeting.held_on > self.meet_by)


# Health scrutiny ---------------------------------------------------------------------------

class NhsBody(models.Model):
    class Kind(models.TextChoices):
        ICB = "icb", "Integrated care board"
        ACUTE = "acute", "Acute hospital trust"
        COMMUNITY = "community", "Community health trust"
        MENTAL_HEALTH = "mental_health", "Mental health trust"
        AMBULANCE = "ambulance", "Ambulance trust"
        PRIMARY_CARE = "primary_care", "Primary care network or GP practice"
        OTHER = "other", "Other NHS body"

    name = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=14, choices=Kind.choices)
    contact = models.CharField("scrutiny contact", max_length=300, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = "NHS body"
        verbose_name_plural = "NHS bodies"

    def __str__(self):
        return self.name


class InformationRequest(models.Model):
    """The committee asks an NHS body for information; the body answers within the days the committee set."""

    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="information_requests")
    nhs_body = models.ForeignKey(NhsBody, on_delete=models.PROTECT, related_name="information_requests",
                                 verbose_name="NHS body")
    topic = models.ForeignKey(Topic, on_delete=models.SET_NULL, null=True, blank=True,
                              related_name="information_requests")
    subject = models.CharField(max_length=300)
    request = models.TextField("what was asked")
    requested_on = models.DateField()
    response_days = models.PositiveSmallIntegerField("days to respond", default=deadlines.NHS_RESPONSE_DAYS)
    due_on = models.DateField(editable=False)
    responded_on = models.DateField(null=True, blank=True)
    response = models.TextField(blank=True)

    class Meta:
        ordering = ["-requested_on", "pk"]

    def __str__(self):
        return self.subject

    def standing(self, today=None):
        return deadlines.standing(self.due_on, self.responded_on, today or timezone.localdate())


class SubstantialChange(models.Model):
    """An NHS proposal for a substantial change to services, on which the committee must be consulted."""

    class Response(models.TextChoices):
        SUPPORTS = "supports", "Supports the proposal"
        CONDITIONS = "conditions", "Supports it with conditions"
        OBJECTS = "objects", "Objects to the proposal"
        REFERRED = "referred", "Refers it to the Secretary of State"

    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="substantial_changes")
    nhs_body = models.ForeignKey(NhsBody, on_delete=models.PROTECT, related_name="substantial_changes",
                                 verbose_name="NHS body")
    title = models.CharField(max_length=300)
    description = models.TextField("the proposal")
    received_on = models.DateField("proposal received on")
    consultation_ends_on = models.DateField("consultation closes on")
    response = models.CharField("committee's response", max_length=12, choices=Response.choices, blank=True)
    response_detail = models.TextField("the response in full", blank=True)
    responded_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-received_on", "pk"]

    def __str__(self):
        return self.title

    def clean(self):
        if self.received_on and self.consultation_ends_on and self.consultation_ends_on < self.received_on:
            raise ValidationError({"consultation_ends_on": "The consultation cannot close before the proposal "
                                                           "was received."})

    def standing(self, today=None):
        return deadlines.standing(self.consultation_ends_on, self.responded_on, today or timezone.localdate())


# Performance-management health check --------------------------------------------------------

class HealthCheck(models.Model):
    """One review by leaders of whether the performance management arrangements remain fit for purpose."""

    class Overall(models.TextChoices):
        FIT = "fit", "Fit for purpose"
        IMPROVE = "improve", "Fit for purpose, with improvements needed"
        NOT_FIT = "not_fit", "Not fit for purpose"

    reviewed_on = models.DateField(default=timezone.localdate)
    recorded_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, related_name="+")
    reviewed_by = models.CharField("reviewed by", max_length=300, help_text="For example, the Executive with the "
                                                                            "corporate management team")
    overall = models.CharField("overall judgement", max_length=10, choices=Overall.choices)
    summary = models.TextField(blank=True)
    evidence = models.JSONField(default=dict, help_text="The live evidence as it stood when recorded")

    class Meta:
        ordering = ["-reviewed_on", "-pk"]

    def __str__(self):
        return f"Health check of {self.reviewed_on:%-d %B %Y}"

    def get_absolute_url(self):
        return reverse("scrutiny:health-check-detail", args=[self.pk])


class HealthCheckAnswer(models.Model):
    class Rating(models.TextChoices):
        STRONG = "strong", "Strong"
        ADEQUATE = "adequate", "Adequate"
        WEAK = "weak", "Weak"

    health_check = models.ForeignKey(HealthCheck, on_delete=models.CASCADE, related_name="answers")
    question = models.PositiveSmallIntegerField()
    rating = models.CharField(max_length=10, choices=Rating.choices)
    comment = models.TextField(blank=True)
    actions = models.TextField("actions agreed", blank=True)

    class Meta:
        ordering = ["health_check", "question"]
        constraints = [models.UniqueConstraint(fields=["health_check", "question"], name="one_answer_per_question"),
                       models.CheckConstraint(condition=Q(question__gte=1, question__lte=7),
                                              name="question_1_to_7")]

    def __str__(self):
        return f"Question {self.question}: {self.get_rating_display()}"
