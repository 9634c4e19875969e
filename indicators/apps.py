from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    name = "indicators"
    verbose_name = "Indicators, targets and benchmarks"

    def ready(self):
        from indicators import row_cache
        from indicators.models import Indicator
        from organisation import ownership

        row_cache.connect()

        ownership.register(Indicator, "accountable_officer", label="Accountable officer", kind="Indicator",
                           related=["service"])
        ownership.register(Indicator, "data_officer", label="Data officer", kind="Indicator", related=["service"])
