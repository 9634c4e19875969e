"""What ward councillors bring to the council: constituents' concerns (casework) and community forums.

A councillor's case holds personal details (the constituent, and often their
circumstances): every read of one goes through
casework.selectors.get_case_for_user, which records it in the complaints access
log (complaints.CaseAccess). It reaches an officer only with the constituent's
consent, and then goes to the service's accountable officer in the scheme of
delegation. Forums, their meetings and the issues raised hold no personal data.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse

from casework import access
from complaints import rules
from core.working_days import add_working_days
from organisation.models import Service, User, Ward


class CouncillorCaseQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The councillor who raised it; once consent is recorded and it is sent, the service's accountable
        officer and deputy, and the casework managers (complaints and performance officers)."""
        if not access.is_current(user):
            return self.none()
        mine = Q(councillor=user)
        if access.is_casework_manager(user):
            return self.filter(mine | Q(routed_on__isnull=False))
        routed_to_me = Q(routed_on__isnull=False, service__in=access.accountable_service_ids(user))
        return self.filter(mine | routed_to_me)

    def open(self):
        return self.exclude(status=CouncillorCase.Status.CLOSED)


class CouncillorCase(models.Model):
    """A constituent's concern about a service, raised by their ward councillor (casework)."""

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        RESPONDED = "responded", "Responded"
        CLOSED = "closed", "Closed"

    reference = models.CharField(max_length=30, unique=True, editable=False)
    councillor = models.ForeignKey(User, on_delete=models.PROTECT, related_name="casework")
    ward = models.ForeignKey(Ward, on_delete=models.PROTECT, related_name="casework")
    constituent_name = models.CharField("constituent's name", max_length=200)
    constituent_contact = models.CharField("how to contact them", max_length=300, blank=True)
    consent_given = models.BooleanField("the constituent agrees to officers seeing their concern", default=False)
    consent_recorded_on = models.DateField("date consent was recorded", null=True, blank=True)
    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="casework")
    categories = models.ManyToManyField("complaints.Category", blank=True, related_name="casework")
    summary = models.TextField("the concern")
    raised_on = models.DateField("date the constituent raised it")
    # Routing: who it went to (the accountable officer in the scheme of delegation on that day), and the
    # working days the officer had to respond, copied then so a later change of setting rewrites nothing.
    routed_to = models.ForeignKey(User, verbose_name="sent to", on_delete=models.PROTECT, null=True, blank=True,
                                  related_name="casework_routed")
    routed_on = models.DateField("date sent to the service", null=True, blank=True)
    response_days = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.OPEN)
    response = models.TextField("the service's response", blank=True)
    responded_on = models.DateField("date of the response", null=True, blank=True)
    responded_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    closed_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Set when the retention job took out the constituent's details (privacy/retention.py).
    anonymised_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = CouncillorCaseQuerySet.as_manager()

    class Meta:
        ordering = ["-raised_on", "-pk"]
        verbose_name = "councillor case"
        indexes = [models.Index(fields=["raised_on"]), models.Index(fields=["status"])]
        constraints = [
            # Without the constituent's consent, a concern never reaches an officer.
            models.CheckConstraint(condition=Q(routed_on__isnull=True) | Q(consent_given=True),
                                   name="casework_routed_only_with_consent"),
        ]

    def __str__(self):
        # The reference only: it is shown where the constituent's name must not be.
        return self.reference

    def get_absolute_url(self):
        return reverse("casework:detail", args=[self.pk])

    @property
    def is_routed(self):
        return self.routed_on is not None

    @property
    def is_closed(self):
        return self.status == self.Status.CLOSED

    @property
    def status_colour(self):
        return {self.Status.OPEN: "blue", self.Status.RESPONDED: "green", self.Status.CLOSED: "grey"}[self.status]

    def due_on(self, holidays):
        if not self.is_routed or not self.response_days:
            return None
        return add_working_days(self.routed_on, self.response_days, holidays)

    def deadline(self, *, today, holidays):
        """The service's response deadline (None until the case is sent to it)."""
        due = self.due_on(holidays)
        if due is None:
            return None
        done = self.responded_on or (self.closed_on if self.is_closed else None)
        return rules.deadline("casework-response", "Response from the service", due, done,
                              today=today, holidays=holidays)


# Community forums -----------------------------------------------------------------------


class Forum(models.Model):
    """A community forum for an area of one or more wards, where residents raise local issues."""

    name = models.CharField(max_length=200, unique=True)
    wards = models.ManyToManyField(Ward, related_name="forums")
    description = models.TextField(blank=True, help_text="Who comes, how often it meets, who chairs it.")
    is_active = models.BooleanField("still meets", default=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("casework:forum-detail", args=[self.pk])


class ForumMeeting(models.Model):
    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="meetings")
    held_on = models.DateField("date")
    venue = models.CharField(max_length=200)
    notes = models.TextField(blank=True, help_text="No names of residents: forum records are not personal.")

    class Meta:
        ordering = ["-held_on", "-pk"]
        constraints = [models.UniqueConstraint(fields=["forum", "held_on"], name="one_forum_meeting_a_day")]

    def __str__(self):
        return f"{self.forum}, {self.held_on:%-d %B %Y}"

    def get_absolute_url(self):
        return reverse("casework:meeting-detail", args=[self.pk])


class ForumIssue(models.Model):
    """An issue residents raised at a forum meeting, and where it stands after the council's responses."""

    class Status(models.TextChoices):
        AWAITING = "awaiting", "Awaiting a response"
        LOOKING_INTO = "looking_into", "Being looked into"
        ACTION_AGREED = "action_agreed", "Action agreed"
        RESOLVED = "resolved", "Resolved"
        NOT_POSSIBLE = "not_possible", "Cannot be done"

    meeting = models.ForeignKey(ForumMeeting, on_delete=models.CASCADE, related_name="issues")
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    service = models.ForeignKey(Service, on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="forum_issues")
    priorities = models.ManyToManyField("priorities.Priority", blank=True, related_name="forum_issues",
                                        help_text="The council priorities this local issue bears on.")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.AWAITING, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["meeting", "pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("casework:issue-detail", args=[self.pk])

    @property
    def latest_response(self):
        """The newest response (uses the prefetched responses, in date order)."""
        responses = list(self.responses.all())
        return responses[-1] if responses else None

    @property
    def status_colour(self):
        return {self.Status.AWAITING: "yellow", self.Status.LOOKING_INTO: "blue", self.Status.ACTION_AGREED:
                "turquoise", self.Status.RESOLVED: "green", self.Status.NOT_POSSIBLE: "grey"}[self.status]


class IssueResponse(models.Model):
    """The council's response to a forum issue: who, when, what, and where that leaves the issue."""

    STATUSES = [choice for choice in ForumIssue.Status.choices if choice[0] != ForumIssue.Status.AWAITING]

    issue = models.ForeignKey(ForumIssue, on_delete=models.CASCADE, related_name="responses")
    responded_on = models.DateField("date of the response")
    responded_by = models.ForeignKey(User, verbose_name="who responded", on_delete=models.PROTECT,
                                     related_name="forum_responses")
    text = models.TextField("the council's response")
    status = models.CharField("where the issue stands", max_length=20, choices=STATUSES)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["issue", "responded_on", "pk"]

    def __str__(self):
        return f"Response to {self.issue} on {self.responded_on:%-d %B %Y}"

    def clean(self):
        if self.status == ForumIssue.Status.AWAITING:
            raise ValidationError({"status": "Choose where the issue stands after this response"})
