"""The next deadline the council owes on each open formal complaint, kept on the case (`Complaint.next_due_on`).

A case's deadlines take its stages, its panel, the regime's rules and working-day counts to work out
(Complaint.deadlines): too much to do for every open case on every complaints officer's home page. A due date
does not move with the day, only with the case's dates and the closure days, so the earliest one still owed
is kept on the case and the home page and the reminders work out deadlines only for cases whose next one is
near. It is worked out again:

- whenever a complaint, one of its stages or its panel is saved or deleted (the signals below: forms, the
  API, the admin and the services all pass through them);
- for every open case when a closure day is added, changed or removed;
- for every open case each morning by the reminders job, which puts right anything written around the
  models (a bulk load, a restored backup);
- by the demo and the scale generator after their bulk loads.
"""

from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from django.utils import timezone

from core.versioned import Kept, watch
from core.working_days import CLOSURE_DAYS, non_working_days


def next_due(complaint, *, today, holidays):
    """The earliest due date of what the council still owes on this case; None if closed, not formal or
    owing nothing (needs the deadline data loaded: complaints.selectors.with_deadline_data)."""
    if complaint.is_closed or not complaint.is_formal:
        return None
    owed = [d.due_on for d in complaint.deadlines(today=today, holidays=holidays)
            if d.owed_by_council and d.done_on is None]
    return min(owed, default=None)


def refresh(complaints=None, *, holidays=None):
    """Work out `next_due_on` again for these complaints (a queryset; every complaint if None). Returns how
    many changed. Sends no signals (a queryset update and bulk_update)."""
    from complaints.models import Complaint
    from complaints.selectors import with_deadline_data

    complaints = Complaint.objects.all() if complaints is None else complaints
    changed = complaints.filter(Q(closed_on__isnull=False) | ~Q(kind=Complaint.Kind.FORMAL),
                                next_due_on__isnull=False).update(next_due_on=None)
    open_cases = list(with_deadline_data(complaints.open().filter(kind=Complaint.Kind.FORMAL)))
    if not open_cases:
        return changed
    holidays = non_working_days() if holidays is None else holidays
    today = timezone.localdate()
    moved = []
    for complaint in open_cases:
        due = next_due(complaint, today=today, holidays=holidays)
        if due != complaint.next_due_on:
            complaint.next_due_on = due
            moved.append(complaint)
    Complaint.objects.bulk_update(moved, ["next_due_on"], batch_size=1000)
    return changed + len(moved)


def _complaint_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    refresh(sender.objects.filter(pk=instance.pk))
    # The saved object carries the value too, so a later save of it does not write back the old one.
    instance.next_due_on = sender.objects.filter(pk=instance.pk).values_list("next_due_on", flat=True).first()


def _stage_changed(sender, instance, raw=False, **kwargs):
    from complaints.models import Complaint

    if not raw:
        refresh(Complaint.objects.filter(pk=instance.complaint_id))


def _panel_changed(sender, instance, raw=False, **kwargs):
    from complaints.models import Complaint

    if not raw:
        refresh(Complaint.objects.filter(stages=instance.stage_id))


def _closure_days_changed(sender, instance, raw=False, **kwargs):
    from complaints.models import Complaint

    if not raw:
        CLOSURE_DAYS.version.invalidate()  # whichever receiver runs first: the refresh reads the new days
        refresh(Complaint.objects.open())


def _regime_rules():
    from complaints.models import RegimeStage

    rules = {}
    for stage in RegimeStage.objects.all():
        rules.setdefault(stage.regime_id, []).append(stage)
    return rules


# Each regime's stages and timescales ({regime id: [RegimeStage]}), which every case's deadlines need: a few
# rows the council edits a few times a year, read on every page of cases.
REGIME_RULES = Kept("regime-rules", _regime_rules)


def connect():
    from complaints.models import Complaint, ComplaintStage, ReviewPanel
    from core.models import ClosureDay

    watch(REGIME_RULES.version, models=["complaints.Regime", "complaints.RegimeStage"], uid="kept-regime-rules")

    post_save.connect(_complaint_saved, sender=Complaint, dispatch_uid="complaints-next-due")
    for model, receiver in ((ComplaintStage, _stage_changed), (ReviewPanel, _panel_changed),
                            (ClosureDay, _closure_days_changed)):
        post_save.connect(receiver, sender=model, dispatch_uid=f"complaints-next-due-{model.__name__}")
        post_delete.connect(receiver, sender=model, dispatch_uid=f"complaints-next-due-{model.__name__}")
