from django.apps import AppConfig


class OrganisationConfig(AppConfig):
    name = "organisation"
    verbose_name = "Organisation and people"

    def ready(self):
        from django.conf import settings
        from django.contrib.auth.signals import user_logged_in
        from django.core.exceptions import ImproperlyConfigured

        from organisation import ownership, twofactor
        from organisation.models import Council, Delegation, Directorate, Portfolio, Role, Team

        unknown = set(settings.TWO_FACTOR_REQUIRED_ROLES) - set(Role.values)
        if unknown:
            raise ImproperlyConfigured(f"TWO_FACTOR_REQUIRED_ROLES names unknown roles: {', '.join(sorted(unknown))} "
                                       f"(roles are: {', '.join(Role.values)}).")
        user_logged_in.connect(twofactor.on_sign_in, dispatch_uid="two-factor-on-sign-in")

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
