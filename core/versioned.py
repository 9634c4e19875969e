"""Caches retired by a version: whatever depends on some data is stamped with a version that any change replaces.

A cached entry is used only if its stamp is the current version, so replacing the
version retires every entry at once, whatever page the change shows up on: no list
of which entries depend on which rows to keep in step. The public pages
(public/caching.py) and the internal dashboards' summaries (core/summaries.py) each
have their own version, watched by their own list of models (`watch`).

The version lives in the default cache (Redis when REDIS_URL is set), shared by
every web process. Each process trusts the version it last read for a few seconds
(`trust_setting`; 0 reads it on every use). A change made in this process is seen
here at once; another process sees it within that many seconds.
"""

import time
import uuid

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save


class Version:
    every = []  # each version made, so that a restored backup can retire them all (retire_all)

    def __init__(self, key, trust_setting):
        self.key = key
        self.trust_setting = trust_setting
        self.local = {"version": None, "read_at": 0.0}
        Version.every.append(self)

        # One function per version (not a bound method made afresh on each use), so that invalidate() can
        # tell whether it already waits for the commit.
        def replace():
            version = uuid.uuid4().hex
            cache.set(self.key, version, None)
            self.local.update(version=version, read_at=time.monotonic())

        self.replace = replace

    def current(self):
        """The version in the shared cache, made if missing."""
        version = cache.get(self.key)
        if version is None:
            cache.add(self.key, uuid.uuid4().hex, None)
            version = cache.get(self.key)
        self.local.update(version=version, read_at=time.monotonic())
        return version

    def get(self):
        """The version as this process last read it, if recently enough; else read afresh."""
        trusted = getattr(settings, self.trust_setting)
        if self.local["version"] is not None and time.monotonic() - self.local["read_at"] < trusted:
            return self.local["version"]
        return self.current()

    def invalidate(self, *args, **kwargs):
        """Retire every entry now, and again once the change is committed.

        Now, so this process's next use shows the change; on commit, because another
        process may have cached the old data between now and the commit. Takes and ignores
        a signal's arguments, so it can be connected to one.
        """
        self.replace()
        connection = transaction.get_connection()
        if connection.in_atomic_block and not any(entry[1] is self.replace for entry in connection.run_on_commit):
            connection.on_commit(self.replace)

    def forget_local(self):
        """Forget the version this process read (for tests, which empty the shared cache between them)."""
        self.local.update(version=None, read_at=0.0)


def retire_all():
    """Retire everything kept under any version: after the database was replaced (a restored backup)."""
    for version in Version.every:
        version.replace()


class Kept:
    """A small read of settings that pages need on every request and an administrator rarely changes, kept
    in the default cache until a row it reads is saved or deleted (`watch` its models with `self.version`).
    While the cache is down it is read from the database each time."""

    every = []

    def __init__(self, name, read):
        Kept.every.append(self)
        self.key = f"kept:{name}"
        self.read = read
        self.version = Version(f"kept:{name}:version", "SUMMARY_CACHE_VERSION_SECONDS")

    def get(self):
        version = self.version.get()
        stored = cache.get(self.key)
        if stored is not None and stored[0] == version:
            return stored[1]
        # Stamped with the version read before reading: a change made meanwhile retires it at once.
        value = self.read()
        cache.set(self.key, (version, value), settings.SUMMARY_CACHE_SECONDS)
        return value


def watch(version, *, models, links=(), signals=(), uid, ignore=None):
    """Replace `version` whenever a row of `models` is saved or deleted, a `links` (model label, many-to-many
    field) changes, or one of `signals` (sent by bulk writers, which send no model signals) goes out.

    `ignore(sender, kwargs)` may say a save does not count (a sign-in's last_login, say).
    """

    def changed(sender, **kwargs):
        if ignore is None or not ignore(sender, kwargs):
            version.invalidate()

    watch.receivers.append(changed)  # signals hold receivers weakly
    for signal in signals:
        signal.connect(changed, dispatch_uid=f"{uid}-{id(signal)}")
    for label in models:
        if not apps.is_installed(label.split(".")[0]):
            continue
        model = apps.get_model(label)
        post_save.connect(changed, sender=model, dispatch_uid=f"{uid}-{model._meta.label_lower}-save")
        post_delete.connect(changed, sender=model, dispatch_uid=f"{uid}-{model._meta.label_lower}-delete")
    for label, field in links:
        through = getattr(apps.get_model(label), field).through
        m2m_changed.connect(changed, sender=through, dispatch_uid=f"{uid}-{through._meta.label_lower}")


watch.receivers = []
