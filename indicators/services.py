"""Writes to indicators, values, targets and benchmarks: each one whole or not at all.

The rules of the data's sign-off live here: values go draft -> submitted ->
verified -> published; the verifier is never the person who entered the
figure; a published figure changes only with a reason and goes back for
verification; every change is kept as a revision. RAG is recomputed here
whenever a figure, a target or a tolerance rule changes, so no one types it.
"""

import logging
from collections import defaultdict
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import JSONField
from django.utils import timezone
from psycopg.types.json import Jsonb

from core import collector
from core.tasks import enqueue
from indicators import importing
from indicators import periods as P
from indicators import rag as R
from indicators.figures import pairs_q
from indicators.models import (
    DEFINITION_FIELDS,
    BenchmarkValue,
    ComparatorArea,
    ComparatorGroup,
    DataImport,
    Indicator,
    IndicatorValue,
    IndicatorVersion,
    OverdueNotice,
    Period,
    Target,
    ValueRevision,
    ValueStatus,
)
from indicators.selectors import TargetBook, can_enter, can_verify, compute_rag
from indicators.signals import figures_written, published_figures_written

log = logging.getLogger(__name__)

# Files with more rows than this import in the background, with progress shown.
BACKGROUND_ROWS = 2000
CHUNK_ROWS = 5000


# Periods ----------------------------------------------------------------------


def periods_ensure(specs):
    """The Period rows for some period specs, creating any that are missing. Two or three queries."""
    specs = list(dict.fromkeys(specs))
    if not specs:
        return {}
    wanted = {(s.kind, s.start): s for s in specs}

    def load():
        found = Period.objects.filter(start__in={s.start for s in specs}, kind__in={s.kind for s in specs})
        return {(p.kind, p.start): p for p in found if (p.kind, p.start) in wanted}

    found = load()
    missing = [Period.from_spec(s) for key, s in wanted.items() if key not in found]
    if missing:
        Period.objects.bulk_create(missing, ignore_conflicts=True)
        found = load()
    return {s: found[(s.kind, s.start)] for s in specs}


def period_ensure(spec):
    return periods_ensure([spec])[spec]


# RAG ----------------------------------------------------------------------------


def rag_refresh(*, indicator_ids=None):
    """Recompute the stored RAG of every value of some indicators (all when None). Three queries and a write."""
    indicators = Indicator.objects.all()
    if indicator_ids is not None:
        indicators = indicators.filter(pk__in=list(indicator_ids))
    indicators = {i.pk: i for i in indicators}
    values = (IndicatorValue.objects.filter(indicator_id__in=list(indicators)).select_related("period")
              .order_by("indicator_id", "period__start").only("pk", "indicator_id", "actual", "rag", "period"))
    targets = TargetBook(Target.objects.filter(indicator_id__in=list(indicators)).select_related("period"))
    series = defaultdict(dict)
    values = list(values)
    for value in values:
        series[value.indicator_id][(value.period.kind, value.period.start)] = value.actual
    changed = []
    for value in values:
        indicator = indicators[value.indicator_id]
        before = P.previous(value.period.spec)
        previous = series[value.indicator_id].get((before.kind, before.start))
        status = compute_rag(indicator, value.actual, targets.get(indicator.pk, value.period), previous) or ""
        if status != value.rag:
            value.rag = status
            changed.append(value)
    IndicatorValue.objects.bulk_update(changed, ["rag"], batch_size=500)
    _figures_written(IndicatorValue, changed)
    return len(changed)


def _figures_written(sender, values):
    """Say that figures were written in bulk (no model signals went out), and whether any was published."""
    if values:
        figures_written.send(sender=sender, indicator_ids={value.indicator_id for value in values})
        if any(value.status == ValueStatus.PUBLISHED for value in values):
            published_figures_written.send(sender=sender)


# The library --------------------------------------------------------------------


def _definition_of(indicator):
    return {name: str(getattr(indicator, name)) for name in DEFINITION_FIELDS}


@transaction.atomic
def indicator_create(*, actor, **fields) -> Indicator:
    indicator = Indicator(**fields)
    indicator.full_clean()
    indicator.save()
    IndicatorVersion.objects.create(indicator=indicator, number=1, definition=_definition_of(indicator),
                                    change_note="First version", created_by=actor)
    return indicator


@transaction.atomic
def indicator_update(*, indicator, actor, change_note="", effective_from=None, **fields) -> Indicator:
    """Change an indicator. A changed definition becomes a new version and breaks the series.

    `effective_from` (a Period) says from which period the new definition applies.
    """
    before = _definition_of(indicator)
    rule_before = (indicator.polarity, indicator.rag_scheme, indicator.tolerance_kind, indicator.tolerance,
                   indicator.tolerance_outer)
    for name, value in fields.items():
        setattr(indicator, name, value)
    after = _definition_of(indicator)
    redefined = [name for name in DEFINITION_FIELDS if before[name] != after[name]]
    if redefined:
        if not change_note.strip():
            raise ValidationError({"change_note": "Say why the definition changed: it breaks the series"})
        if effective_from is None:
            raise ValidationError({"effective_from": "Choose the first period the new definition applies to"})
        indicator.version += 1
    indicator.full_clean()
    indicator.save()
    if redefined:
        IndicatorVersion.objects.create(
            indicator=indicator, number=indicator.version, definition=after, change_note=change_note.strip(),
            effective_from=effective_from.start, created_by=actor,
        )
    rule_after = (indicator.polarity, indicator.rag_scheme, indicator.tolerance_kind, indicator.tolerance,
                  indicator.tolerance_outer)
    if rule_before != rule_after:
        rag_refresh(indicator_ids=[indicator.pk])
    return indicator


# Values -----------------------------------------------------------------------


def _revision(value, action, actor, *, old_actual=None, old_status="", changes=None, reason="", at=None):
    return ValueRevision(
        value=value, action=action, actor=actor, at=at or timezone.now(), old_actual=old_actual,
        new_actual=value.actual, old_status=old_status, new_status=value.status, changes=changes or {},
        reason=reason,
    )


def _jsonable(value):
    if isinstance(value, Decimal):
        return f"{value.normalize():f}"
    return value


# What an entry gives of a figure (the rest is who entered, checked and published it, and when).
FIGURE_FIELDS = ("actual", "numerator", "denominator", "commentary", "is_provisional")


def _apply(value, entry):
    """Copy an entry's figures onto a value; return {field: [old, new]} for what changed, and the old actual."""
    changes = {}
    for name in FIGURE_FIELDS:
        new = entry.get(name, getattr(value, name))
        old = getattr(value, name)
        if isinstance(new, Decimal) and old is not None:
            same = Decimal(old) == new
        else:
            same = old == new
        if not same:
            changes[name] = [_jsonable(old), _jsonable(new)]
            setattr(value, name, new)
    return changes


def _locked_change(code, period, value, entry):
    """Why an entry may not be saved over a verified or published figure (None if it changes nothing): such a
    figure is changed on its own page, giving a reason, and goes back for verification (value_change)."""
    probe = IndicatorValue(**{name: getattr(value, name) for name in FIGURE_FIELDS})
    if _apply(probe, entry):
        return f"{code} for {period} is {value.get_status_display().lower()}: change it on its own page, giving a reason"
    return None


def entry_actual(indicator, entry):
    """The actual of an entry: calculated from numerator and denominator when both are given."""
    numerator, denominator = entry.get("numerator"), entry.get("denominator")
    if numerator is not None and denominator:
        return importing.calculate(numerator, denominator, indicator.multiplier)
    return entry.get("actual")


@transaction.atomic
def values_save(*, actor, period, entries, submit=False, action=ValueRevision.Action.ENTERED):
    """Save a period's figures from the entry grid (or an import): new ones as drafts.

    `entries` are dicts with `indicator` and any of actual, numerator,
    denominator, commentary, is_provisional. Verified and published figures are
    not changed here: they change one at a time with a reason (value_change).
    With `submit`, every draft with a figure goes forward for verification.
    Returns the values saved.
    """
    return values_save_many(actor=actor, entries=[{**entry, "period": period} for entry in entries], submit=submit,
                            action=action)


VALUE_ENTRY_FIELDS = ["actual", "numerator", "denominator", "commentary", "is_provisional", "status", "rag",
                      "entered_by", "entered_at", "submitted_by", "submitted_at"]


@transaction.atomic
def values_save_many(*, actor, entries, submit=False, action=ValueRevision.Action.ENTERED):
    """values_save for entries of any periods (each entry has its `period`): what an import writes.

    A fixed number of queries for any number of entries: the figures are rated in memory and written in
    bulk, and only the figure after each is read to be rated again, whatever the length of the history.
    Returns the figures saved: IndicatorValues for those that existed, NewValues for new ones (each has
    pk, status, actual and rag).
    """
    # (indicator id, period id) of each entry, read once: an import saves 100,000 entries.
    keys = [(entry["indicator"].id, entry["period"].id) for entry in entries]
    indicators = {key[0]: entry["indicator"] for key, entry in zip(keys, entries, strict=True)}
    for indicator in indicators.values():
        if not can_enter(actor, indicator):
            raise ValidationError(f"You cannot enter values for {indicator.code}")
    wanted = defaultdict(set)
    for indicator_id, period_id in keys:
        wanted[indicator_id].add(period_id)
    existing = {(v.indicator_id, v.period_id): v
                for v in IndicatorValue.objects.select_for_update().filter(pairs_q(wanted)).order_by()}
    now = timezone.now()
    actor_id = actor.pk
    revisions, saved, new, changed, seen = [], [], [], {}, set()
    for entry, key in zip(entries, keys, strict=True):
        indicator, period = entry["indicator"], entry["period"]
        actual = entry_actual(indicator, entry)
        value = existing.get(key)
        if value is None:
            if actual is None and not entry.get("commentary"):
                continue
            # A new figure takes the entry as it is: what _apply would copy onto an empty one.
            value = NewValue(indicator, period, actor_id, now, entry, actual)
            new.append(value)
            existing[key] = value
            revisions.append((value, action, actor_id, now, None, actual, "", value.status, {}, ""))
            seen.add(id(value))
            saved.append(value)
            continue
        entry = {**entry, "actual": actual}
        if value.status in (ValueStatus.VERIFIED, ValueStatus.PUBLISHED):
            if message := _locked_change(indicator.code, period, value, entry):
                raise ValidationError(message)
            continue
        else:
            old_actual, old_status = value.actual, value.status
            changes = _apply(value, entry)
            if changes:
                value.status = ValueStatus.DRAFT
                value.entered_by, value.entered_at = actor, now
                value.submitted_by = value.submitted_at = None
                if value.pk is not None:
                    changed[value.pk] = value
                revisions.append(_revision_row(value, ValueRevision.Action.CHANGED, actor, old_actual=old_actual,
                                               old_status=old_status, changes=changes, at=now))
        if id(value) not in seen:
            seen.add(id(value))
            saved.append(value)
    if submit:
        for value in saved:
            if value.status == ValueStatus.DRAFT and value.actual is not None:
                old_status = value.status
                value.status = ValueStatus.SUBMITTED
                value.submitted_by_id, value.submitted_at = actor.pk, now
                if value.pk is not None:
                    changed[value.pk] = value
                revisions.append(_revision_row(value, ValueRevision.Action.SUBMITTED, actor,
                                               old_actual=value.actual, old_status=old_status, at=now))
    stored_rag = {value.pk: value.rag for value in saved if value.pk is not None}
    followers = _rate(saved)
    changed.update({pk: v for v in saved if (pk := v.pk) is not None and v.rag != stored_rag[pk]})
    for value, pk in zip(new, _insert_rows(IndicatorValue, NewValue.COLUMNS, [v.row() for v in new]), strict=True):
        value.pk = pk
    IndicatorValue.objects.bulk_update(list(changed.values()), VALUE_ENTRY_FIELDS, batch_size=500)
    IndicatorValue.objects.bulk_update(followers, ["rag"], batch_size=500)
    _insert_rows(ValueRevision, REVISION_COLUMNS, [(value.pk, *rest) for value, *rest in revisions])
    _require_commentary_when_red(saved)
    # What is written here is a draft or a submitted figure, seen by no public page, and the figures after
    # them re-rated: only a published one of those changes a public page. Data officers save drafts all
    # through the return window; retiring every cached public page at each save would undo the cache.
    _figures_written(IndicatorValue, [*saved, *followers])
    return saved


REVISION_COLUMNS = ["value_id", "action", "actor_id", "at", "old_actual", "new_actual", "old_status", "new_status",
                    "changes", "reason"]


def _revision_row(value, action, actor, *, old_actual=None, old_status="", changes=None, at=None):
    """A revision as a row of REVISION_COLUMNS, the value itself first (it may not have its id yet)."""
    return (value, action, actor.pk, at or timezone.now(), old_actual, value.actual, old_status, value.status,
            changes or {}, "")


class NewValue:
    """A figure being added, with what it is written with: an import adds 100,000, and a model instance
    each would cost more than writing them."""

    COLUMNS = ["indicator_id", "period_id", "actual", "numerator", "denominator", "commentary", "is_provisional",
               "status", "rag", "entered_by_id", "entered_at", "submitted_by_id", "submitted_at"]
    __slots__ = ("pk", "indicator", "period", "indicator_id", "period_id", "actual", "numerator", "denominator",
                 "commentary", "is_provisional", "status", "rag", "entered_by_id", "entered_at", "submitted_by_id",
                 "submitted_at")

    def __init__(self, indicator, period, actor_id, now, entry, actual):
        self.pk = None
        self.indicator, self.period = indicator, period
        self.indicator_id, self.period_id = indicator.id, period.id
        self.actual = actual
        self.numerator, self.denominator = entry.get("numerator"), entry.get("denominator")
        self.commentary, self.is_provisional = entry.get("commentary", ""), entry.get("is_provisional", False)
        self.status, self.rag = ValueStatus.DRAFT, ""
        self.entered_by_id, self.entered_at = actor_id, now
        self.submitted_by_id = self.submitted_at = None

    def row(self):
        return (self.indicator_id, self.period_id, self.actual, self.numerator, self.denominator, self.commentary,
                self.is_provisional, self.status, self.rag, self.entered_by_id, self.entered_at,
                self.submitted_by_id, self.submitted_at)


def _insert_rows(model, columns, rows):
    """Insert rows (values for `columns`, attnames) in bulk and return their new primary keys, in order.

    An import writes 100,000 figures and as many revisions: on PostgreSQL the keys are taken from the
    table's sequence in one query and the rows sent with COPY, which costs a fraction of bulk_create's
    per-field preparation. Elsewhere, bulk_create.
    """
    if not rows:
        return []
    if connection.vendor != "postgresql":
        objects = [model(**dict(zip(columns, row, strict=True))) for row in rows]
        model.objects.bulk_create(objects, batch_size=1000)
        return [obj.pk for obj in objects]
    meta = model._meta
    fields = {f.attname: f for f in meta.concrete_fields}
    json = [i for i, name in enumerate(columns) if isinstance(fields[name], JSONField)]
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        # The sequence is looked up once (a sub-select runs once), not for each row: per row, the lookup
        # costs ten times the nextval.
        cursor.execute("SELECT nextval((SELECT pg_get_serial_sequence(%s, %s)::regclass)) "
                       "FROM generate_series(1, %s)", [quote(meta.db_table), meta.pk.column, len(rows)])
        ids = [pk for (pk,) in cursor.fetchall()]
        names = ", ".join(quote(c) for c in [meta.pk.column, *(fields[name].column for name in columns)])
        with cursor.cursor.copy(f"COPY {quote(meta.db_table)} ({names}) FROM STDIN") as copy:
            if not json:
                for pk, row in zip(ids, rows, strict=True):
                    copy.write_row((pk, *row))
                return ids
            for pk, row in zip(ids, rows, strict=True):
                row = list(row)
                for i in json:
                    # COPY sends text, which the server reads as JSON; most revisions change nothing else.
                    row[i] = "{}" if row[i] == {} else Jsonb(row[i])
                copy.write_row((pk, *row))
    return ids


def _rate(values):
    """Set the RAG of these figures, in memory, and return the figures just after them (not among them) whose
    RAG changes because of them: a figure's RAG can depend on the one before (the improving rule).

    Three queries for any number of figures, whatever the length of their history.
    """
    if not values:
        return []
    by_period = {}
    for v in values:
        if v.period_id not in by_period:
            by_period[v.period_id] = v.period.spec
    # (before, after, year, year of after) of each distinct period: an import repeats a few hundred periods.
    related = {spec: (P.previous(spec), P.following(spec), P.year(spec.fiscal_year),
                      P.year(P.following(spec).fiscal_year)) for spec in set(by_period.values())}
    first = min(min(before.start, year.start) for before, _, year, _ in related.values())
    last = max(year_after.start for *_, year_after in related.values())
    periods = {(p.kind, p.start): p for p in Period.objects.filter(start__gte=first, start__lte=last)}

    def period_of(spec):
        return periods.get((spec.kind, spec.start))

    # Each distinct period's neighbours and the periods whose targets can rate it, looked up once.
    near = {}
    for period_id, spec in by_period.items():
        before, after, year, year_after = related[spec]
        rated_by = {p.id for s in (spec, after, year, year_after) if (p := period_of(s)) is not None}
        before, after = period_of(before), period_of(after)
        near[period_id] = (before, after, [p.id for p in (before, after) if p is not None], rated_by)
    mine = {(v.indicator_id, v.period_id): v for v in values}
    around = defaultdict(set)
    targeted = defaultdict(set)
    for value in values:
        indicator_id = value.indicator_id
        _, _, neighbours, target_periods = near[value.period_id]
        for period_id in neighbours:
            if (indicator_id, period_id) not in mine:
                around[indicator_id].add(period_id)
        targeted[indicator_id].update(target_periods)
    others = {(v.indicator_id, v.period_id): v for v in IndicatorValue.objects.filter(pairs_q(around))
              .only("pk", "indicator_id", "period_id", "actual", "rag").order_by()} if around else {}
    targets = TargetBook(Target.objects.filter(pairs_q(targeted)).select_related("period").order_by())
    followers = []
    for value in values:
        indicator, indicator_id = value.indicator, value.indicator_id
        before, after, _, _ = near[value.period_id]
        previous = before and (mine.get((indicator_id, before.id)) or others.get((indicator_id, before.id)))
        value.rag = compute_rag(indicator, value.actual, targets.get(indicator_id, value.period),
                                previous.actual if previous else None) or ""
        following = after and others.get((indicator_id, after.id))
        if following:
            status = compute_rag(indicator, following.actual, targets.get(indicator_id, after), value.actual) or ""
            if status != following.rag:
                following.rag = status
                followers.append(following)
    return followers


def _require_commentary_when_red(values):
    """A red figure goes forward only with commentary: why, and what is being done."""
    forward = [v.pk for v in values if v.status != ValueStatus.DRAFT]
    if not forward:
        return
    red = IndicatorValue.objects.filter(pk__in=forward, rag=R.RED, commentary="").select_related("indicator",
                                                                                                  "period")
    problems = [f"{v.indicator.code} for {v.period} is red: add commentary saying why and what is being done"
                for v in red]
    if problems:
        raise ValidationError(problems)


@transaction.atomic
def values_submit(*, actor, values):
    now = timezone.now()
    revisions = []
    for value in values:
        if not can_enter(actor, value.indicator):
            raise ValidationError(f"You cannot submit values for {value.indicator.code}")
        if value.status != ValueStatus.DRAFT or value.actual is None:
            continue
        value.status = ValueStatus.SUBMITTED
        value.submitted_by, value.submitted_at = actor, now
        value.save(update_fields=["status", "submitted_by", "submitted_at"])
        revisions.append(_revision(value, ValueRevision.Action.SUBMITTED, actor, old_actual=value.actual,
                                   old_status=ValueStatus.DRAFT, at=now))
    ValueRevision.objects.bulk_create(revisions)
    _require_commentary_when_red(values)
    return len(revisions)


@transaction.atomic
def values_verify(*, actor, values):
    """Verify submitted figures. A figure that had been published goes straight back to publication."""
    now = timezone.now()
    revisions = []
    for value in values:
        if value.status != ValueStatus.SUBMITTED:
            raise ValidationError(f"{value.indicator.code} for {value.period} is not waiting for verification")
        if value.entered_by_id == actor.pk:
            raise ValidationError(f"You entered {value.indicator.code} for {value.period}: "
                                  "someone else must verify it")
        if not can_verify(actor, value):
            raise ValidationError(f"You cannot verify values for {value.indicator.service}")
        value.status = ValueStatus.VERIFIED
        value.verified_by, value.verified_at = actor, now
        revisions.append(_revision(value, ValueRevision.Action.VERIFIED, actor, old_actual=value.actual,
                                   old_status=ValueStatus.SUBMITTED, at=now))
        if value.was_published:
            value.status = ValueStatus.PUBLISHED
            value.published_by, value.published_at = actor, now
            revisions.append(_revision(value, ValueRevision.Action.PUBLISHED, actor, old_actual=value.actual,
                                       old_status=ValueStatus.VERIFIED, reason="Republished after re-verification",
                                       at=now))
        value.save(update_fields=["status", "verified_by", "verified_at", "published_by", "published_at"])
    ValueRevision.objects.bulk_create(revisions)
    return len(values)


@transaction.atomic
def value_return(*, actor, value, reason):
    """Send a submitted figure back to its enterer for correction."""
    if not reason.strip():
        raise ValidationError({"reason": "Say what needs correcting"})
    if value.status != ValueStatus.SUBMITTED:
        raise ValidationError("Only a submitted value can be returned for correction")
    if not actor.access.manages_service(value.indicator.service_id):
        raise ValidationError(f"You cannot verify values for {value.indicator.service}")
    value.status = ValueStatus.DRAFT
    value.save(update_fields=["status"])
    ValueRevision.objects.create(value=value, action=ValueRevision.Action.RETURNED, actor=actor,
                                 old_actual=value.actual, new_actual=value.actual,
                                 old_status=ValueStatus.SUBMITTED, new_status=ValueStatus.DRAFT, reason=reason.strip())
    return value


@transaction.atomic
def values_publish(*, actor, values):
    if not actor.access.is_performance_officer:
        raise ValidationError("Only the corporate performance team publishes figures")
    now = timezone.now()
    revisions = []
    for value in values:
        if value.status != ValueStatus.VERIFIED:
            raise ValidationError(f"{value.indicator.code} for {value.period} has not been verified")
        value.status = ValueStatus.PUBLISHED
        value.published_by, value.published_at = actor, now
        value.first_published_at = value.first_published_at or now
        value.save(update_fields=["status", "published_by", "published_at", "first_published_at"])
        revisions.append(_revision(value, ValueRevision.Action.PUBLISHED, actor, old_actual=value.actual,
                                   old_status=ValueStatus.VERIFIED, at=now))
    ValueRevision.objects.bulk_create(revisions)
    return len(values)


@transaction.atomic
def value_change(*, actor, value, reason="", **entry):
    """Change one figure. After verification or publication it needs a reason and goes back for verification."""
    if not can_enter(actor, value.indicator):
        raise ValidationError(f"You cannot change values for {value.indicator.code}")
    locked = value.status in (ValueStatus.VERIFIED, ValueStatus.PUBLISHED) or value.was_published
    if locked and not reason.strip():
        raise ValidationError({"reason": "Say why a verified or published figure is changing"})
    entry = {**entry, "actual": entry_actual(value.indicator, entry)}
    old_actual, old_status = value.actual, value.status
    changes = _apply(value, entry)
    if not changes:
        return value
    now = timezone.now()
    value.status = ValueStatus.SUBMITTED if locked else ValueStatus.DRAFT
    value.entered_by, value.entered_at = actor, now
    value.submitted_by, value.submitted_at = (actor, now) if locked else (None, None)
    value.verified_by = value.verified_at = value.published_by = value.published_at = None
    value.save()
    ValueRevision.objects.create(value=value, action=ValueRevision.Action.CHANGED, actor=actor, at=now,
                                 old_actual=old_actual, new_actual=value.actual, old_status=old_status,
                                 new_status=value.status,
                                 changes={k: v for k, v in changes.items() if k != "actual"},
                                 reason=reason.strip())
    rag_refresh(indicator_ids=[value.indicator_id])
    value.refresh_from_db(fields=["rag"])
    if value.status != ValueStatus.DRAFT:
        _require_commentary_when_red([value])
    return value


# Targets ---------------------------------------------------------------------


@transaction.atomic
def targets_save(*, actor, indicator, targets):
    """Set, change or clear targets: `targets` is [(period, value or None, upper or None)]."""
    if not actor.access.manages_service(indicator.service_id):
        raise ValidationError(f"You cannot set targets for {indicator.service}")
    existing = {t.period_id: t for t in Target.objects.filter(indicator=indicator)}
    now = timezone.now()
    changed = 0
    for period, value, upper in targets:
        target = existing.get(period.pk)
        if value is None:
            if target:
                target.delete()
                changed += 1
            continue
        if indicator.polarity == R.RANGE and upper is not None and upper < value:
            raise ValidationError(f"The upper end of the range for {period} is below its lower end")
        if target and target.value == value and target.value_upper == upper:
            continue
        Target.objects.update_or_create(indicator=indicator, period=period, defaults={
            "value": value, "value_upper": upper, "set_by": actor, "set_at": now})
        changed += 1
    if changed:
        rag_refresh(indicator_ids=[indicator.pk])
    return changed


# Comparator groups --------------------------------------------------------------


@transaction.atomic
def comparator_group_save(*, actor, group=None, areas, **fields) -> ComparatorGroup:
    group = group or ComparatorGroup()
    for name, value in fields.items():
        setattr(group, name, value)
    group.full_clean()
    if group.is_default:
        ComparatorGroup.objects.exclude(pk=group.pk).filter(is_default=True).update(is_default=False)
    group.save()
    group.areas.set(areas)
    return group


# Imports ------------------------------------------------------------------------


@collector.paused()
@transaction.atomic
def import_upload(*, actor, kind, file_name, data) -> DataImport:
    """Read an uploaded file into a pending import; nothing is written to the figures yet."""
    header, rows = importing.read_table(file_name, data)
    data_import = DataImport(kind=kind, file_name=file_name[:255], uploaded_by=actor, header=header, rows=rows)
    if kind == DataImport.Kind.BENCHMARKS:
        data_import.column_map = importing.guess_columns(header)
    else:
        data_import.status = DataImport.Status.MAPPED
    data_import.save()
    return data_import


@transaction.atomic
def import_map(*, data_import, column_map, indicator_map=None, indicator=None, group=None) -> DataImport:
    data_import.column_map = column_map
    data_import.indicator_map = indicator_map or {}
    data_import.indicator = indicator
    data_import.group = group
    data_import.status = DataImport.Status.MAPPED
    data_import.save()
    return data_import


def indicator_info(indicator, *, actor=None):
    low, high = indicator.value_range()
    return importing.IndicatorInfo(
        id=indicator.pk, code=indicator.code, frequency=indicator.frequency,
        unit_label=indicator.get_unit_display(), minimum=low, maximum=high, multiplier=indicator.multiplier,
        can_enter=can_enter(actor, indicator) if actor is not None else True,
    )


def value_infos(actor, indicators=None):
    """What checking our own values needs of every indicator (or of `indicators`), by code: one query."""
    indicators = Indicator.objects.select_related("service") if indicators is None else indicators
    return {i.code.upper(): indicator_info(i, actor=actor) for i in indicators}


@collector.paused()
def check_import(data_import, rows=None, first_line=2, *, infos=None, seen=None):
    """Check an import's rows (all, or a chunk) against the library and the figures already there.

    `infos` (from value_infos) saves reading the library again for each chunk of a file of our own values;
    `seen` carries the figures given in earlier chunks (importing.check_value_rows).
    """
    rows = data_import.rows if rows is None else rows
    if data_import.kind == DataImport.Kind.BENCHMARKS:
        ids = {int(v) for v in data_import.indicator_map.values() if v}
        if data_import.indicator_id:
            ids.add(data_import.indicator_id)
        infos = {i.pk: indicator_info(i) for i in Indicator.objects.filter(pk__in=ids)}
        by_name = {name: infos.get(int(v)) if v else None for name, v in data_import.indicator_map.items()}
        single = infos.get(data_import.indicator_id)
        return importing.check_benchmark_rows(rows, data_import.column_map, indicators_by_name=by_name,
                                              single=single, first_line=first_line)
    infos = infos if infos is not None else value_infos(data_import.uploaded_by)
    results = importing.check_value_rows(data_import.header, rows, indicators_by_code=infos, first_line=first_line,
                                         seen=seen)
    return _refuse_locked_changes(results, {info.id: info.code for info in infos.values()})


def _refuse_locked_changes(results, codes):
    """Mark the rows that would change a verified or published figure: as on the entry grid, such a figure
    is changed on its own page, giving a reason, never by an import (values_save would stop the import part
    way). Two queries; none when no row is for a period the portal has figures in."""
    rows = [r for r in results if r.is_valid and r.period is not None and not (r.no_data and not r.commentary)]
    specs = {r.period for r in rows}
    if not specs:
        return results
    period_ids = {(p.kind, p.start): p.pk for p in Period.objects.filter(
        kind__in={s.kind for s in specs}, start__in={s.start for s in specs}).only("kind", "start")}
    wanted = defaultdict(set)
    for r in rows:
        if (period_id := period_ids.get((r.period.kind, r.period.start))) is not None:
            wanted[r.indicator_id].add(period_id)
    if not wanted:
        return results
    locked = {(v.indicator_id, v.period_id): v for v in IndicatorValue.objects.filter(
        pairs_q(wanted), status__in=(ValueStatus.VERIFIED, ValueStatus.PUBLISHED)).order_by().only(
        "indicator_id", "period_id", "status", *FIGURE_FIELDS)}
    for r in rows:
        value = locked.get((r.indicator_id, period_ids.get((r.period.kind, r.period.start))))
        if value is None:
            continue
        if message := _locked_change(codes.get(r.indicator_id, ""), r.period.label, value, {
                "actual": r.value, "numerator": r.numerator, "denominator": r.denominator,
                "commentary": r.commentary, "is_provisional": r.provisional}):
            r.errors.append(message)
    return results


# What starting and running an import change: a file's header and rows are written once, at the upload.
IMPORT_STATE_FIELDS = ["status", "valid_only", "message", "rows_done", "rows_written", "rows_no_data",
                       "rows_skipped"]


def _queue_import(data_import, task):
    if not enqueue(task, data_import.pk):
        DataImport.objects.filter(pk=data_import.pk, status=DataImport.Status.QUEUED).update(
            status=DataImport.Status.MAPPED,
            message="The background queue did not answer, so the import has not started and nothing has "
                    "been written. Start it again in a few minutes.")


def import_start(*, data_import, actor, valid_only=False, results=None):
    """Run an import now, or queue it when the file is large. Returns True when queued.

    A file with errors is imported only when the person chose to import the valid rows alone. `results` is
    the check (check_import) the caller has just made of this import, so that a preview that starts the
    import reads a 100,000-row file once; the rows are checked again as they are written.
    """
    results = check_import(data_import) if results is None else results
    counts = importing.summary(results)
    if counts["invalid"] and not valid_only:
        raise ValidationError(f"{counts['invalid']} row(s) have errors: correct the file, or import only the "
                              f"{counts['valid']} valid row(s)")
    if not counts["valid"]:
        raise ValidationError("There are no valid rows to import")
    data_import.valid_only = valid_only
    data_import.message = ""
    data_import.rows_done = data_import.rows_written = data_import.rows_no_data = data_import.rows_skipped = 0
    if data_import.rows_total > BACKGROUND_ROWS:
        from indicators.tasks import run_import

        data_import.status = DataImport.Status.QUEUED
        data_import.save(update_fields=IMPORT_STATE_FIELDS)
        transaction.on_commit(lambda: _queue_import(data_import, run_import))
        return True
    data_import.save(update_fields=IMPORT_STATE_FIELDS)
    import_run(import_id=data_import.pk)
    data_import.refresh_from_db()
    return False


@collector.paused()
def import_run(*, import_id):
    """Write an import's valid rows, chunk by chunk, keeping count for the progress page. Idempotent."""
    data_import = DataImport.objects.select_related("uploaded_by").get(pk=import_id)
    if data_import.status == DataImport.Status.DONE:
        return data_import
    DataImport.objects.filter(pk=import_id).update(status=DataImport.Status.RUNNING, rows_done=0)
    written = no_data = skipped = 0
    infos = indicators = None
    seen = {}  # the figures given so far: a figure given again in a later chunk is skipped, as the check said
    if data_import.kind == DataImport.Kind.VALUES:
        # The library is read once for the whole file: every chunk is checked and written against the same.
        library = list(Indicator.objects.select_related("service"))
        infos = value_infos(data_import.uploaded_by, library)
        indicators = {indicator.pk: indicator for indicator in library}
    try:
        for start in range(0, data_import.rows_total, CHUNK_ROWS):
            chunk = data_import.rows[start:start + CHUNK_ROWS]
            results = check_import(data_import, chunk, first_line=start + 2, infos=infos, seen=seen)
            valid = [r for r in results if r.is_valid and not r.skipped]
            skipped += len(results) - len(valid)
            with transaction.atomic():
                if data_import.kind == DataImport.Kind.BENCHMARKS:
                    w, n = _write_benchmarks(data_import, valid)
                else:
                    w, n = _write_values(data_import, valid, indicators)
            written += w
            no_data += n
            DataImport.objects.filter(pk=import_id).update(rows_done=start + len(chunk), rows_written=written,
                                                           rows_no_data=no_data, rows_skipped=skipped)
    except Exception as error:
        log.exception("Import %s failed", import_id)
        DataImport.objects.filter(pk=import_id).update(status=DataImport.Status.FAILED,
                                                       message=f"The import stopped: {error}",
                                                       finished_at=timezone.now())
        raise
    DataImport.objects.filter(pk=import_id).update(status=DataImport.Status.DONE, finished_at=timezone.now())
    # The rows do not change: only what the import wrote is read back.
    data_import.refresh_from_db(fields=[*IMPORT_STATE_FIELDS, "finished_at"])
    return data_import


def _write_benchmarks(data_import, results):
    """Upsert comparator figures; NA rows are stored as no data, never zero."""
    if not results:
        return 0, 0
    names = {}
    for r in results:
        names.setdefault(r.area_code, r.area_name)
    ComparatorArea.objects.bulk_create(
        [ComparatorArea(ons_code=code, name=name,
                        kind=ComparatorArea.Kind.COUNTRY if code[:3] == "E92" else
                        ComparatorArea.Kind.REGION if code[:3] == "E12" else ComparatorArea.Kind.COUNCIL)
         for code, name in names.items()],
        ignore_conflicts=True,
    )
    areas = {a.ons_code: a for a in ComparatorArea.objects.filter(ons_code__in=names)}
    if data_import.group_id:
        data_import.group.areas.add(*[a for a in areas.values() if a.kind != ComparatorArea.Kind.COUNTRY])
    found = periods_ensure([r.period for r in results])
    rows = {}
    for r in results:
        rows[(areas[r.area_code].pk, r.indicator_id, found[r.period].pk)] = BenchmarkValue(
            area=areas[r.area_code], indicator_id=r.indicator_id, period=found[r.period], value=r.value,
            data_import=data_import)
    BenchmarkValue.objects.bulk_create(list(rows.values()), update_conflicts=True,
                                       unique_fields=["area", "indicator", "period"],
                                       update_fields=["value", "data_import"])
    figures_written.send(sender=BenchmarkValue, indicator_ids={r.indicator_id for r in results})
    published_figures_written.send(sender=BenchmarkValue)
    return len(results), sum(1 for r in results if r.no_data)


def _write_values(data_import, results, indicators):
    """Save imported values of our own as drafts, through the same rules as the entry grid.

    `indicators` is the library by id, read once for the import.
    """
    actor = data_import.uploaded_by
    found = periods_ensure([r.period for r in results])
    entries = []
    no_data = 0
    for r in results:
        if r.no_data and not r.commentary:
            no_data += 1
            continue
        entries.append({
            "indicator": indicators[r.indicator_id], "period": found[r.period], "actual": r.value,
            "numerator": r.numerator, "denominator": r.denominator, "commentary": r.commentary,
            "is_provisional": r.provisional,
        })
    written = len(values_save_many(actor=actor, entries=entries, action=ValueRevision.Action.IMPORTED))
    return written, no_data


# Overdue data -------------------------------------------------------------------


def _latest_due(indicator, today):
    """The most recent period of the indicator's frequency whose value is already due."""
    spec = P.previous(P.containing(indicator.frequency, today))
    while P.due_date(spec, indicator.due_days) > today:
        spec = P.previous(spec)
    return spec


def overdue_items(today=None):
    """Every active indicator whose latest due value is missing or still a draft, with how late it is."""
    today = today or timezone.localdate()
    indicators = list(Indicator.objects.filter(is_active=True).select_related(
        "service__delegation", "data_officer", "accountable_officer"))
    due = {i.pk: _latest_due(i, today) for i in indicators}
    found = periods_ensure(list(set(due.values())))
    entered = set(
        IndicatorValue.objects.filter(indicator__in=indicators, period__in=set(found.values()))
        .exclude(status=ValueStatus.DRAFT).values_list("indicator_id", "period_id")
    )
    items = []
    for indicator in indicators:
        period = found[due[indicator.pk]]
        if (indicator.pk, period.pk) in entered:
            continue
        days_late = (today - P.due_date(due[indicator.pk], indicator.due_days)).days
        items.append((indicator, period, days_late))
    return items


def overdue_reminders_send(*, today=None) -> int:
    """Remind data officers of missing values, escalating up the scheme of delegation. Returns e-mails sent.

    On the due date: the data officer. After the indicator's escalation time:
    its accountable officer too. After twice that: the senior manager
    responsible for management information. Each notice is sent once.
    """
    from django.conf import settings
    from django.core.mail import send_mail
    from django.urls import reverse

    from organisation.models import Council

    today = today or timezone.localdate()
    council = Council.objects.select_related("mi_officer").first()
    mi_officer = council.mi_officer if council else None
    items = overdue_items(today)
    sent_before = set(OverdueNotice.objects.filter(indicator__in=[i for i, _, _ in items])
                      .values_list("indicator_id", "period_id", "level"))
    letters = defaultdict(list)
    notices = []
    for indicator, period, days_late in items:
        delegation = getattr(indicator.service, "delegation", None)
        levels = [(OverdueNotice.Level.DATA_OFFICER,
                   indicator.data_officer or (delegation.data_officer if delegation else None))]
        if days_late >= indicator.escalate_after_days:
            levels.append((OverdueNotice.Level.ACCOUNTABLE, indicator.accountable_officer
                           or (delegation.accountable_officer if delegation else None)))
        if days_late >= 2 * indicator.escalate_after_days:
            levels.append((OverdueNotice.Level.MI_OFFICER, mi_officer))
        for level, person in levels:
            if person is None or not person.is_current or (indicator.pk, period.pk, level) in sent_before:
                continue
            letters[person].append((indicator, period, days_late, level))
            notices.append(OverdueNotice(indicator=indicator, period=period, level=level, recipient=person))
    with transaction.atomic():
        OverdueNotice.objects.bulk_create(notices, ignore_conflicts=True)
    for person, lines in letters.items():
        body = "\n".join(
            f"- {indicator.code} {indicator.name} ({indicator.service}), {period}: "
            f"{'due today' if days_late == 0 else f'{days_late} days overdue'}"
            f"{'' if level == OverdueNotice.Level.DATA_OFFICER else ' (escalated to you)'}"
            for indicator, period, days_late, level in lines
        )
        send_mail(
            f"{len(lines)} indicator value(s) overdue",
            f"These indicator values are due and have not been submitted:\n\n{body}\n\n"
            f"Enter them at {settings.SITE_URL}{reverse('indicators:entry')}\n",
            None, [person.email],
        )
    return len(letters)
