"""Feedback from service users, carers and the public on a priority or a service.

Everything else the public pages show belongs to other apps and is published
there (flags on priorities, objectives, milestones and reviews; the published
status of indicator values); this app only reads it.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

USER = settings.AUTH_USER_MODEL


class FeedbackQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Feedback.Status.PUBLISHED)

    def visible_to(self, user):
        """The performance team sees all of it; an officer, what was published and routed to them to answer."""
        if not user.is_authenticated or not user.is_current:
            return self.none()
        if user.access.is_performance_officer:
            return self.all()
        return self.filter(routed_to=user, status=Feedback.Status.PUBLISHED)


class Feedback(models.Model):
    """What someone told the council about a priority or a service, and the council's public answer.

    The name and e-mail address are optional and never published; what is
    published is `published_text`, which a moderator may edit to take out
    personal details.
    """

    class Relationship(models.TextChoices):
        SERVICE_USER = "service_user", "I use this service or the council's social care"
        CARER = "carer", "I care for someone who does"
        PROFESSIONAL = "professional", "I work with people who do"
        PUBLIC = "public", "I live or work in the area"

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for moderation"
        PUBLISHED = "published", "Published"
        NOT_PUBLISHED = "not_published", "Not published"

    class Reason(models.TextChoices):
        PERSONAL = "personal", "It is about one person's own case: passed to the service privately"
        COMPLAINT = "complaint", "It is a complaint: passed to the complaints team"
        ABUSIVE = "abusive", "It is abusive or offensive"
        OFF_TOPIC = "off_topic", "It is not about the priority or service"
        SPAM = "spam", "It is spam or advertising"

    STATUS_COLOURS = {Status.PENDING: "blue", Status.PUBLISHED: "green", Status.NOT_PUBLISHED: "grey"}

    priority = models.ForeignKey("priorities.Priority", on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="public_feedback")
    service = models.ForeignKey("organisation.Service", on_delete=models.PROTECT, null=True, blank=True,
                                related_name="public_feedback")
    comment = models.TextField("feedback, as sent")
    relationship = models.CharField("who they are", max_length=20, choices=Relationship.choices, blank=True)
    name = models.CharField(max_length=100, blank=True)
    email = models.EmailField("e-mail address", blank=True)
    consented_at = models.DateTimeField("agreed to the privacy wording at")
    submitted_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING)
    routed_to = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True,
                                  related_name="public_feedback_routed",
                                  help_text="The accountable officer who answers it")
    notified_at = models.DateTimeField("officer told at", null=True, blank=True)
    published_text = models.TextField("text shown publicly", blank=True)
    reason = models.CharField("why it is not published", max_length=20, choices=Reason.choices, blank=True)
    moderation_note = models.TextField("note for the team (never published)", blank=True)
    moderated_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    moderated_at = models.DateTimeField(null=True, blank=True)
    answer = models.TextField("the council's answer", blank=True)
    answered_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    answered_at = models.DateTimeField(null=True, blank=True)
    sender_told_at = models.DateTimeField("sender told of the answer at", null=True, blank=True)
    # Set when the retention job took out the sender's name, address and original wording (privacy/retention.py).
    anonymised_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = FeedbackQuerySet.as_manager()

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        verbose_name_plural = "feedback"
        indexes = [models.Index(fields=["status", "submitted_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(priority__isnull=False, service__isnull=True) | Q(priority__isnull=True,
                                                                             service__isnull=False),
                name="feedback_is_about_one_thing"),
            models.CheckConstraint(condition=~Q(status="published") | ~Q(published_text=""),
                                   name="published_feedback_has_text"),
            models.CheckConstraint(condition=~Q(status="not_published") | ~Q(reason=""),
                                   name="unpublished_feedback_has_a_reason"),
        ]

    def __str__(self):
        return f"Feedback {self.pk} on {self.subject}"

    def get_absolute_url(self):
        return reverse("public-feedback-moderate", args=[self.pk])

    @property
    def subject(self):
        return self.priority if self.priority_id else self.service

    @property
    def subject_title(self):
        return self.priority.title if self.priority_id else self.service.name

    @property
    def sender_description(self):
        """Who sent it, as the public pages say it: never who they are, only how they relate to the service."""
        return {
            self.Relationship.SERVICE_USER: "someone who uses social care",
            self.Relationship.CARER: "a carer",
            self.Relationship.PROFESSIONAL: "someone who works with people who use social care",
            self.Relationship.PUBLIC: "a local resident",
        }.get(self.relationship, "a member of the public")

    @property
    def status_colour(self):
        return self.STATUS_COLOURS[self.status]

    def get_public_url(self):
        if self.priority_id:
            return reverse("public-priority", args=[self.priority_id]) + f"#feedback-{self.pk}"
        return reverse("public-service", args=[self.service_id]) + f"#feedback-{self.pk}"
