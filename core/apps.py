from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Portal"

    def ready(self):
        from core import collector, summaries

        summaries.connect()
        collector.tune()
