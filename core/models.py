from django.db import models


class ClosureDay(models.Model):
    """A day the council is closed that is not a bank holiday (e.g. a Christmas closure day)."""

    date = models.DateField(unique=True)
    reason = models.CharField(max_length=200)

    class Meta:
        ordering = ["date"]

    def __str__(self):
        return f"{self.date:%-d %B %Y}: {self.reason}"
