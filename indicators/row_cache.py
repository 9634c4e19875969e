"""Each indicator's rated row, kept until that indicator's figures change.

The dashboards and the golden thread rate every indicator they show: its latest
figure, target, direction of travel, comparators and exception rules. For a
council's 600 indicators that is most of the 250 ms such a page costs when its
summary (core.summaries) was retired, which any saved figure does. Yet a figure
saved for one indicator changes that indicator's row and no other's. So each
row is kept on its own (`rows()`), stamped with its indicator's stamp, which
any write of the indicator's figures, targets, benchmarks or definition
replaces (`bump()`), and kept under a version that a change to what rates every
indicator replaces (the exception rules, the comparator groups, the council).
A page rebuilt after a change then rates only the indicators that changed.

A row holds what one audience may see of the indicator's figures (as
IndicatorValue.objects.visible_to decides): published ones, verified and
published ones, or every status. Everyone of an audience shares it. The day is
part of the key, since the recent periods move on with it.
"""

import io
import pickle
import uuid

from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.redis import RedisCache
from django.db import models, transaction
from django.db.models.signals import post_delete, post_save
from django.utils import timezone
from redis.exceptions import RedisError

from core.versioned import Version, watch
from indicators.models import SEES_EVERY_STATUS, figures_seen

VERSION = Version("indicator-rows:version", "SUMMARY_CACHE_VERSION_SECONDS")


def audiences(user):
    """A function giving, for a service, which of its indicators' figures the person sees (a row's audience):
    as IndicatorValue.objects.visible_to decides, through figures_seen."""
    seen, own = figures_seen(user)
    if not own:
        return lambda service_id: seen
    return lambda service_id: SEES_EVERY_STATUS if service_id in own else seen


def readers():
    """A reader of each audience a row is kept for (figures_seen): the public; any councillor or officer, who
    sees verified and published figures; and the performance team, who see every status (a data officer's own
    services' rows are kept for that audience too)."""
    from django.contrib.auth.models import AnonymousUser

    from organisation.access import reader
    from organisation.models import Role, User

    return [AnonymousUser(), reader(), reader(Role.PERFORMANCE_OFFICER, kind=User.Kind.OFFICER)]


class Stamps:
    """Each indicator's stamp, replaced by any change to it.

    In Redis (the cache, when REDIS_URL is set) they are one hash, so a page reads all of its indicators'
    stamps in one round trip; on the embedded default, whose cache is the process's own, a dict of the
    process. While Redis is down a stamp reads as missing (every row is rated afresh) and a change is not
    recorded (as for any cache entry then: see core.cache).
    """

    KEY = "indicator-rows:stamps"

    def __init__(self):
        self.local = {}

    def _client(self):
        backend = caches["default"]
        if isinstance(backend, RedisCache):
            return backend._cache.get_client(None, write=True), backend.make_key(self.KEY)
        return None, None

    def get(self, ids):
        client, key = self._client()
        if client is None:
            return {pk: self.local.get(pk) for pk in ids}
        try:
            found = client.hmget(key, ids)
        except (RedisError, ConnectionError, TimeoutError):
            return dict.fromkeys(ids)
        return {pk: stamp.decode() if stamp is not None else None for pk, stamp in zip(ids, found, strict=True)}

    def set(self, stamps):
        client, key = self._client()
        if client is None:
            self.local.update(stamps)
            return
        try:
            client.hset(key, mapping=stamps)
        except (RedisError, ConnectionError, TimeoutError):
            pass


STAMPS = Stamps()


def _new_instance(cls):
    return cls.__new__(cls)


class _Pickler(pickle.Pickler):
    """Pickles a model instance with its class by reference: Django's own way looks the model up in the app
    registry again for every instance, which was most of the time taken to read a page's rows back."""

    def reducer_override(self, obj):
        if isinstance(obj, models.Model):
            return _new_instance, (type(obj),), obj.__reduce__()[2]
        return NotImplemented


def _dumps(value):
    buffer = io.BytesIO()
    _Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL).dump(value)
    return buffer.getvalue()


def bump(indicator_ids):
    """Retire these indicators' rows: now, and again once the change is committed (as core.versioned does)."""
    ids = sorted({pk for pk in indicator_ids if pk is not None})
    if not ids:
        return

    def replace():
        stamp = uuid.uuid4().hex
        STAMPS.set(dict.fromkeys(ids, stamp))

    replace()
    connection = transaction.get_connection()
    if connection.in_atomic_block:
        connection.on_commit(replace)


def current_stamps(indicator_ids):
    """{indicator id: its stamp}, giving one to any indicator that has none yet; for whatever is kept until
    these indicators change (their rows here, the golden thread's sections)."""
    ids = list(indicator_ids)
    if not ids:
        return {}
    stamps = STAMPS.get(ids)
    new = {pk: uuid.uuid4().hex for pk, stamp in stamps.items() if stamp is None}
    if new:
        STAMPS.set(new)
        stamps.update(new)
    return stamps


def rows(user, indicators, build, *, kind):
    """{indicator id: row} for these indicators, as this person may see them.

    Each row comes from the cache if it was kept at its indicator's current stamp; `build(indicators)` makes
    the others ({indicator id: row}, given only the indicators whose rows are missing), which are then kept.
    `kind` names what a row holds (each caller's own). The rows are kept by service and audience, so a page
    reads a few dozen entries, whatever the number of indicators: three round trips to the cache in all.
    """
    if not indicators:
        return {}
    prefix = f"indicator-rows:{kind}:{VERSION.get()}:{timezone.localdate().isoformat()}"
    audience = audiences(user)
    keys = {}
    for indicator in indicators:
        if indicator.service_id not in keys:
            keys[indicator.service_id] = f"{prefix}:{audience(indicator.service_id)}:{indicator.service_id}"
    # The stamps are read before anything is built: a change made meanwhile retires what is built at once.
    stamps = current_stamps([i.pk for i in indicators])
    stored = {key: pickle.loads(data) for key, data in cache.get_many(list(keys.values())).items()}  # noqa: S301 - our own entries
    found, missing = {}, []
    for indicator in indicators:
        kept = stored.get(keys[indicator.service_id], {}).get(indicator.pk)
        if kept is not None and kept[0] == stamps[indicator.pk]:
            found[indicator.pk] = kept[1]
        else:
            missing.append(indicator)
    if missing:
        built = build(missing)
        changed = {}
        for indicator in missing:
            key = keys[indicator.service_id]
            entry = changed.setdefault(key, dict(stored.get(key, {})))
            if indicator.pk in built:
                entry[indicator.pk] = (stamps[indicator.pk], built[indicator.pk])
        cache.set_many({key: _dumps(entry) for key, entry in changed.items()}, settings.SUMMARY_CACHE_SECONDS)
        found.update(built)
    return found


def _changed_instance(sender, instance, **kwargs):
    bump([instance.pk if sender._meta.label == "indicators.Indicator" else instance.indicator_id])


def _figures_written(sender, indicator_ids=None, **kwargs):
    if indicator_ids is None:
        VERSION.invalidate()  # a writer that did not say which: every row
    else:
        bump(indicator_ids)


def connect():
    from indicators import models
    from indicators.signals import figures_written

    for model in (models.Indicator, models.IndicatorValue, models.Target, models.BenchmarkValue):
        label = model._meta.label_lower
        post_save.connect(_changed_instance, sender=model, dispatch_uid=f"indicator-rows-{label}-save")
        post_delete.connect(_changed_instance, sender=model, dispatch_uid=f"indicator-rows-{label}-delete")
    figures_written.connect(_figures_written, dispatch_uid="indicator-rows-figures")
    # What rates every indicator: the exception rules, the comparator groups and their areas, the council
    # (whose own figures are left out of its comparators).
    watch(VERSION, models=["indicators.ExceptionRule", "indicators.ComparatorGroup", "indicators.ComparatorArea",
                           "organisation.Council"],
          links=[("indicators.ComparatorGroup", "areas")], uid="indicator-rows")
