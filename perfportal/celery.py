"""The Celery application. Tasks run eagerly in-process when REDIS_URL is unset."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "perfportal.settings")

app = Celery("perfportal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
