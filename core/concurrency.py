"""Optimistic concurrency: refuse a save made on top of a version the person never saw.

A form carries a token of the record as it was shown (a digest of the fields being edited).
If the record has changed by the time the form comes back, the save is refused, the person's
own entries stay in the form, and the message says who changed what, so nothing anyone typed
is silently overwritten. A record that did not exist when the form was shown has the token
"new".
"""

import hashlib

from django.utils import timezone


def token(instance, fields, extra=()):
    """`extra`: values held outside the record's own row that the form also edits (its points, say)."""
    if instance is None or instance.pk is None:
        return "new"
    text = "\x1f".join([repr(getattr(instance, name)) for name in fields] + [repr(value) for value in extra])
    return hashlib.sha256(text.encode()).hexdigest()[:24]


def changed_by_message(*, what, who, when, now_reads):
    at = timezone.localtime(when).strftime("%H:%M on %-d %B") if when else "just now"
    name = who.get_full_name() if who else "Someone else"
    return (f"{what}: {name} changed this at {at}, while you were editing; it now reads {now_reads}. "
            "Your entries are still in the form and have not been saved: check them and save again.")


class ConcurrentEditMixin:
    """For a ModelForm editing an existing record: refuse the save if the record changed after
    the form was shown. Render the form's hidden fields (the token travels in one)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from django import forms

        self._concurrent_fields = [name for name in self._meta.fields if name in self.fields]
        self._current = token(self.instance, self._concurrent_fields)
        self.fields["seen_version"] = forms.CharField(required=False, widget=forms.HiddenInput)
        self.initial["seen_version"] = self._current
        if self.is_bound:
            self.data = self.data.copy()

    def clean(self):
        from django.core.exceptions import ValidationError

        cleaned = super().clean()
        seen = cleaned.pop("seen_version", "")  # not a field of the record: callers save cleaned_data
        if seen and seen != self._current:
            self.data[self.add_prefix("seen_version")] = self._current  # a second save, having looked, overwrites
            raise ValidationError(self._stale_message(), code="stale")
        return cleaned

    def _stale_message(self):
        return stale_message(self.instance, self._concurrent_fields)


def stale_message(instance, fields, *, what=None):
    """Who last changed the record, when, and which of `fields` (names or attnames) they changed: from its
    audit trail."""
    from auditlog.models import LogEntry

    entry = LogEntry.objects.get_for_object(instance).select_related("actor").order_by("-timestamp").first()
    by_name = {f.name: f for f in instance._meta.fields}
    wanted = {name.removesuffix("_id") if name.removesuffix("_id") in by_name else name for name in fields}
    changed = [str(by_name[name].verbose_name) for name in (entry.changes_dict if entry else {})
               if name in wanted and name in by_name]
    return changed_by_message(
        what=what or f"{instance._meta.verbose_name.capitalize()}",
        who=entry.actor if entry else None, when=entry.timestamp if entry else None,
        now_reads=("a new " + ", ".join(changed)) if changed else "differently",
    )


class SeenVersionMixin:
    """The same refusal for a plain Form that edits a record through a service. Pass
    `version=(current token, function giving the message)`; without it the form checks nothing."""

    def __init__(self, *args, version=None, **kwargs):
        super().__init__(*args, **kwargs)
        self._version = version
        if version is None:
            return
        from django import forms

        self.fields["seen_version"] = forms.CharField(required=False, widget=forms.HiddenInput)
        self.initial["seen_version"] = version[0]
        if self.is_bound:
            self.data = self.data.copy()

    def clean(self):
        from django.core.exceptions import ValidationError

        cleaned = super().clean()
        if self._version is None:
            return cleaned
        current, message = self._version
        seen = cleaned.pop("seen_version", "")  # not a field of the record: callers save cleaned_data
        if seen and seen != current:
            self.data[self.add_prefix("seen_version")] = current  # a second save, having looked, overwrites
            raise ValidationError(message(), code="stale")
        return cleaned
