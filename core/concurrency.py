"""Optimistic concurrency: refuse a save made on top of a version the person never saw.

A form carries a token of the record as it was shown (a digest of the fields being edited).
If the record has changed by the time the form comes back, the save is refused, the person's
own entries stay in the form, and the message says who changed what, so nothing anyone typed
is silently overwritten. A record that did not exist when the form was shown has the token
"new".
"""

import hashlib

from django.utils import timezone


def token(instance, fields):
    if instance is None or instance.pk is None:
        return "new"
    text = "\x1f".join(repr(getattr(instance, name)) for name in fields)
    return hashlib.sha256(text.encode()).hexdigest()[:24]


def changed_by_message(*, what, who, when, now_reads):
    at = timezone.localtime(when).strftime("%H:%M on %-d %B") if when else "just now"
    name = who.get_full_name() if who else "Someone else"
    return (f"{what}: {name} changed this at {at}, while you were editing; it now reads {now_reads}. "
            "Your entries are still in the form and have not been saved: check them and save again.")
