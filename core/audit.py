"""Who may read the audit trail of an item.

The trail itself is django-auditlog's (the models it follows are listed in settings). Its
entries hold the old and new values, so for complaints and appraisals they are as personal as
the records: only the complaints officers read a complaint's or a councillor's case's history,
only HR an appraisal's.
Everything else (figures, targets, plans, delegation) is for the performance team, who answer
for the figures, and system administrators.
"""

from auditlog.registry import auditlog
from django.apps import apps
from django.core.exceptions import ValidationError

from organisation.models import Role

HISTORY_READERS = {
    "complaints": (Role.COMPLAINTS_OFFICER,),
    "casework": (Role.COMPLAINTS_OFFICER,),
    "appraisals": (Role.HR_OFFICER,),
}
DEFAULT_READERS = (Role.PERFORMANCE_OFFICER, Role.SYSTEM_ADMIN)


def tracked_model(label):
    """The followed model named "app_label.modelname", or None."""
    try:
        model = apps.get_model(label)
    except (LookupError, ValueError):
        return None
    return model if auditlog.contains(model) else None


def can_read_history(user, model):
    readers = HISTORY_READERS.get(model._meta.app_label, DEFAULT_READERS)
    return user.is_authenticated and user.access.has(*readers)


def describe(entries, model):
    """Each entry's changes as (field label, old, new) rows in words, for a page of entries.

    Choices are shown by their labels and related items by name, fetched once per related
    model for the whole page rather than once per change.
    """
    fields = {f.name: f for f in model._meta.concrete_fields}
    wanted = {}
    for entry in entries:
        for name, (old, new) in (entry.changes_dict or {}).items():
            field = fields.get(name)
            if field is not None and field.is_relation:
                wanted.setdefault(field.related_model, set()).update(v for v in (old, new) if v not in (None, "None"))
    names = {
        related: {str(obj.pk): str(obj) for obj in related._default_manager.filter(pk__in=_keys(related, keys))}
        for related, keys in wanted.items()
    }
    described = []
    for entry in entries:
        rows = []
        for name, (old, new) in (entry.changes_dict or {}).items():
            field = fields.get(name)
            if field is None:
                continue
            rows.append((field.verbose_name, _word(field, old, names), _word(field, new, names)))
        described.append((entry, rows))
    return described


def _keys(model, keys):
    valid = []
    for key in keys:
        try:
            valid.append(model._meta.pk.to_python(key))
        except ValidationError:
            pass  # a key the model no longer understands is shown as recorded
    return valid


def _word(field, value, names):
    if value in (None, "None", ""):
        return "(blank)"
    if field.is_relation:
        return names.get(field.related_model, {}).get(str(value), f"deleted item {value}")
    if field.choices:
        return str(dict(field.flatchoices).get(_choice_key(field, value), value))
    if isinstance(value, bool) or value in ("True", "False"):
        return "Yes" if value in (True, "True") else "No"
    return str(value)


def _choice_key(field, value):
    try:
        return field.to_python(value)
    except ValidationError:
        return value
