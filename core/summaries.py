"""The dashboards' and the golden thread's summaries, cached until anything they show changes.

The scrutiny, executive and portfolio dashboards and the golden thread each read
hundreds of indicators' recent figures, ratings, targets, comparators and
milestones and rate them: 100 ms and more of work that is the same for everyone
who may see the same things, and changes only when the data does. `cached()`
keeps a selector's result in the default cache, stamped with `VERSION`, which
any save or delete of a model listed in `WATCHED` (every model of the indicators
and priorities apps, the organisation's structure, staff objectives) and any bulk
write of figures (`indicators.signals.figures_written`) replaces, as the public
pages' version (core.versioned) is.

What a person may see is part of every key (`scope`): the entry is the
selector's result for exactly that scope (what they may read of indicators,
figures, plans and milestones), so people who see the same share it and someone
who sees less never reads a broader entry. The day is part of the key, because
milestones fall overdue at midnight.
"""

import hashlib

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from core.versioned import Version, watch

VERSION = Version("summaries:version", "SUMMARY_CACHE_VERSION_SECONDS")
# Replaced by changes to the plans, the organisation and the indicators' definitions, not to figures: for
# what is kept with each of its indicators' stamps besides (indicators.row_cache), such as the golden
# thread's sections, which a saved figure must not retire all of.
PLANS = Version("summaries:plans-version", "SUMMARY_CACHE_VERSION_SECONDS")
PLANS_WATCHED_APPS = ["priorities"]
PLANS_WATCHED = ["indicators.Indicator"]

WATCHED_APPS = ["indicators", "priorities"]
WATCHED = [
    "organisation.Council", "organisation.Directorate", "organisation.Portfolio", "organisation.Service",
    "organisation.Team", "organisation.RoleAssignment", "organisation.Delegation", "organisation.User",
    "appraisals.AppraisalObjective",
]


def scope(user):
    """Everything that decides what the summaries' selectors let this person see (see the models' visible_to)."""
    if not user.is_authenticated:
        return ("public",)
    access = user.access
    everything = access.is_performance_officer or access.is_system_admin
    return (user.kind, bool(user.is_current), everything, () if everything else tuple(sorted(access.data_service_ids)))


def key(name, user, params):
    raw = f"{name}|{params!r}|{scope(user)!r}|{timezone.localdate().isoformat()}"
    return f"summaries:{name}:{hashlib.sha256(raw.encode()).hexdigest()[:40]}"


def cached(name, user, params, build, *, version=VERSION):
    """`build()`'s result, from the cache if it was kept at the current version for this scope and day."""
    entry_key = key(name, user, params)
    version = version.get()
    stored = cache.get(entry_key)
    if stored is not None and stored[0] == version:
        return stored[1]
    # Stamped with the version read before building: a change made meanwhile retires it at once.
    value = build()
    cache.set(entry_key, (version, value), settings.SUMMARY_CACHE_SECONDS)
    return value


def _only_signing_in(sender, kwargs):
    """A sign-in saves the user's last_login, which no summary shows."""
    fields = kwargs.get("update_fields")
    return fields is not None and set(fields) <= {"last_login"}


def connect():
    from indicators.signals import figures_written

    models, links = list(WATCHED), []
    for label in WATCHED_APPS:
        for model in apps.get_app_config(label).get_models():
            models.append(model._meta.label)
            links += [(model._meta.label, f.name) for f in model._meta.many_to_many]
    for label in WATCHED:
        if apps.is_installed(label.split(".")[0]):
            model = apps.get_model(label)
            links += [(label, f.name) for f in model._meta.many_to_many if f.name not in ("groups", "user_permissions")]
    watch(VERSION, models=models, links=links, signals=[figures_written], uid="summaries",
          ignore=_only_signing_in)
    plans = [m._meta.label for label in PLANS_WATCHED_APPS for m in apps.get_app_config(label).get_models()]
    plans += [label for label in WATCHED + PLANS_WATCHED if apps.is_installed(label.split(".")[0])]
    watch(PLANS, models=plans, links=[(label, field) for label, field in links if label in plans],
          uid="summaries-plans", ignore=_only_signing_in)
