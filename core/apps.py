from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Portal"

    def ready(self):
        from core import collector, summaries, working_days

        summaries.connect()
        working_days.connect()
        collector.tune()
