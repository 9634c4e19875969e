"""Which items must have a named, current owner, and which ones have lost theirs.

Apps register the fields that name an accountable person; the orphaned-items
page then lists every item whose person is missing, inactive or has left. One
query per registered field, whatever the number of items.
"""

from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone

_registry = []


@dataclass(frozen=True)
class OwnerField:
    model: type
    field: str
    label: str  # the owner's role, e.g. "Accountable officer"
    kind: str  # what the item is, e.g. "Service delegation"
    required: bool = True  # an empty field counts as orphaned
    related: tuple = ()  # what the item's name and link need, loaded in the same query
    only: Q | None = None  # which items need an owner at all, e.g. open cases, not closed ones


@dataclass(frozen=True)
class OrphanedItem:
    kind: str
    item: object
    role: str
    person: object
    reason: str


def register(model, field, *, label, kind, required=True, related=(), only=None):
    entry = OwnerField(model, field, label, kind, required, tuple(related), only)
    if entry not in _registry:
        _registry.append(entry)


def registered_fields():
    return list(_registry)


def orphan_reason(person, today):
    if person is None:
        return "No one named"
    if not person.is_active:
        return "Account deactivated"
    if person.left_on is not None and person.left_on <= today:
        return f"Left on {person.left_on:%-d %B %Y}"
    return None


def orphaned_items(today=None):
    today = today or timezone.localdate()
    found = []
    for entry in _registry:
        f = entry.field
        lost = Q(**{f"{f}__is_active": False}) | Q(**{f"{f}__left_on__lte": today})
        if entry.required:
            lost |= Q(**{f"{f}__isnull": True})
        items = entry.model.objects.filter(lost)
        if entry.only is not None:
            items = items.filter(entry.only)
        for item in items.select_related(f, *entry.related):
            person = getattr(item, f)
            found.append(OrphanedItem(entry.kind, item, entry.label, person, orphan_reason(person, today)))
    return found
