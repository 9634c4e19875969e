from django.apps import AppConfig


class OrganisationConfig(AppConfig):
    name = "organisation"
    verbose_name = "Organisation and people"

    def ready(self):
        from organisation import ownership
        from organisation.models import Council, Delegation, Directorate, Portfolio, Team

        ownership.register(Council, "mi_officer", label="Responsible for management information", kind="Council")
        ownership.register(Directorate, "director", label="Director", kind="Directorate")
        ownership.register(Delegation, "accountable_officer", label="Accountable officer", kind="Service", related=["service"])
        ownership.register(Delegation, "data_officer", label="Data officer", kind="Service", related=["service"])
        ownership.register(Delegation, "deputy_accountable_officer", label="Deputy accountable officer",
                           kind="Service", required=False, related=["service"])
        ownership.register(Delegation, "deputy_data_officer", label="Deputy data officer", kind="Service",
                           required=False, related=["service"])
        ownership.register(Portfolio, "holder", label="Portfolio holder", kind="Portfolio")
        ownership.register(Team, "manager", label="Team manager", kind="Team", related=["service"])
