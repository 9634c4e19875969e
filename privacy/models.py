"""The record of every subject access export: who ran it, when, for whom, and what it held."""

from django.db import models

from organisation.models import User


class SubjectAccessExport(models.Model):
    """One export of what the portal holds about a person (privacy/subject_access.py)."""

    class Via(models.TextChoices):
        PAGE = "page", "Page"
        API = "api", "API"

    requested_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="subject_access_exports")
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    via = models.CharField(max_length=10, choices=Via.choices)
    search = models.CharField("name or e-mail address searched for", max_length=200)
    reference = models.CharField("the request's reference", max_length=100, blank=True,
                                 help_text="The council's own reference for the request, if it has one.")
    counts = models.JSONField("records exported, by kind", default=dict)

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"Subject access export for “{self.search}” by {self.requested_by} at {self.at:%Y-%m-%d %H:%M}"

    @property
    def total(self):
        return sum(self.counts.values())
