import os

from django.core.wsgi import get_wsgi_application

from core import collector

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "perfportal.settings")
application = get_wsgi_application()
collector.freeze()  # what is loaded now lives as long as the worker: later collections need not walk it
