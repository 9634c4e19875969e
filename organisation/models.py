"""The council's structure, its people, their roles and the scheme of delegation."""

from functools import cached_property

from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone


class Council(models.Model):
    name = models.CharField(max_length=200)
    ons_code = models.CharField("ONS area code", max_length=9, blank=True, help_text="For example E08000009")
    mi_officer = models.ForeignKey(
        "User",
        verbose_name="senior manager responsible for management information",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("organisation")


class Directorate(models.Model):
    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="directorates")
    name = models.CharField(max_length=200, unique=True)
    director = models.ForeignKey(
        "User", on_delete=models.PROTECT, null=True, blank=True, related_name="directorates_led"
    )

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("directorate-detail", args=[self.pk])


class Portfolio(models.Model):
    """An executive member's area of responsibility, covering one or more services."""

    name = models.CharField(max_length=200, unique=True)
    holder = models.ForeignKey(
        "User", on_delete=models.PROTECT, null=True, blank=True, related_name="portfolios_held"
    )
    deputy = models.ForeignKey(
        "User",
        verbose_name="deputy portfolio holder",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="portfolios_deputised",
    )

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("delegation") + f"#portfolio-{self.pk}"

    def clean(self):
        for field in ("holder", "deputy"):
            person = getattr(self, field)
            if person is not None and person.kind != User.Kind.COUNCILLOR:
                raise ValidationError({field: f"{person} is not a councillor."})
        if self.holder_id and self.holder_id == self.deputy_id:
            raise ValidationError({"deputy": "The deputy must be a different councillor from the holder."})


class Service(models.Model):
    directorate = models.ForeignKey(Directorate, on_delete=models.PROTECT, related_name="services")
    name = models.CharField(max_length=200, unique=True)
    description = models.TextField(blank=True)
    portfolio = models.ForeignKey(
        Portfolio, on_delete=models.SET_NULL, null=True, blank=True, related_name="services"
    )

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("service-detail", args=[self.pk])


class Team(models.Model):
    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="teams")
    name = models.CharField(max_length=200)
    manager = models.ForeignKey(
        "User", on_delete=models.PROTECT, null=True, blank=True, related_name="teams_managed"
    )

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["service", "name"], name="team_name_unique_in_service")]

    def __str__(self):
        return f"{self.name} ({self.service})"

    def get_absolute_url(self):
        return reverse("service-detail", args=[self.service_id]) + f"#team-{self.pk}"


class Ward(models.Model):
    name = models.CharField(max_length=200, unique=True)
    ons_code = models.CharField("ONS ward code", max_length=9, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class UserQuerySet(models.QuerySet):
    def current(self, on=None):
        """People who are active and have not left by the given date (today by default)."""
        on = on or timezone.localdate()
        return self.filter(is_active=True).filter(Q(left_on__isnull=True) | Q(left_on__gt=on))

    def visible_to(self, user):
        """Everyone signed in sees current people; leavers only the performance team, HR and admins."""
        if not user.is_authenticated:
            return self.none()
        if user.access.sees_leavers:
            return self.all()
        return self.current()


class PortalUserManager(UserManager.from_queryset(UserQuerySet)):
    """Sign-in is by e-mail address; there is no separate user name."""

    use_in_migrations = True

    def _create_user_object(self, username, email, password, **extra_fields):
        user = self.model(email=self.normalize_email(email or username), **extra_fields)
        user.set_password(password)
        return user

    def create_user(self, email, password=None, **extra_fields):
        return super().create_user(email, email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        return super().create_superuser(email, email, password, **extra_fields)


class User(AbstractUser):
    """A person who signs in: an officer, a councillor or an independent person."""

    class Kind(models.TextChoices):
        OFFICER = "officer", "Officer"
        COUNCILLOR = "councillor", "Councillor"
        INDEPENDENT = "independent", "Independent person"

    username = None
    email = models.EmailField("email address", unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.OFFICER)
    job_title = models.CharField(max_length=200, blank=True)
    team = models.ForeignKey(Team, on_delete=models.SET_NULL, null=True, blank=True, related_name="members")
    line_manager = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="direct_reports"
    )
    left_on = models.DateField(
        "left the council on", null=True, blank=True, help_text="Items this person owns become orphaned from this date."
    )

    objects = PortalUserManager()

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = ["first_name", "last_name"]

    class Meta:
        ordering = ["last_name", "first_name"]

    def __str__(self):
        return self.get_full_name() or self.email

    def get_absolute_url(self):
        return reverse("person-detail", args=[self.pk])

    @property
    def full_name(self):
        """The name, as an attribute: the API reads it for every person on a page, and DRF inspects the
        signature of a method it is given (get_full_name) each time it calls it."""
        return self.get_full_name()

    @property
    def has_left(self):
        return self.left_on is not None and self.left_on <= timezone.localdate()

    @property
    def is_current(self):
        """Whether this person can still own items: active and not left."""
        return self.is_active and not self.has_left

    @cached_property
    def access(self):
        from organisation.access import Access

        return Access.for_user(self)


class Role(models.TextChoices):
    PERFORMANCE_OFFICER = "performance_officer", "Performance officer"
    SENIOR_MANAGER = "senior_manager", "Senior manager (director)"
    HEAD_OF_SERVICE = "head_of_service", "Head of service"
    TEAM_MANAGER = "team_manager", "Team manager"
    DATA_OFFICER = "data_officer", "Data officer"
    STAFF = "staff", "Staff member"
    HR_OFFICER = "hr_officer", "HR officer"
    EXECUTIVE_MEMBER = "executive_member", "Leader or executive member"
    SCRUTINY_MEMBER = "scrutiny_member", "Scrutiny committee member"
    WARD_COUNCILLOR = "ward_councillor", "Ward councillor"
    COMPLAINTS_OFFICER = "complaints_officer", "Complaints officer"
    PANEL_MEMBER = "panel_member", "Complaints review panel member"
    SYSTEM_ADMIN = "system_admin", "System administrator"


# The scope each role needs: a manager acts on their own services, and so on.
ROLE_SCOPE = {
    Role.SENIOR_MANAGER: "directorate",
    Role.HEAD_OF_SERVICE: "service",
    Role.TEAM_MANAGER: "team",
    Role.DATA_OFFICER: "service",
    Role.WARD_COUNCILLOR: "ward",
}
COUNCILLOR_ROLES = {Role.EXECUTIVE_MEMBER, Role.SCRUTINY_MEMBER, Role.WARD_COUNCILLOR}
SCOPE_FIELDS = ("directorate", "service", "team", "ward")


class RoleAssignmentQuerySet(models.QuerySet):
    def current(self, on=None):
        on = on or timezone.localdate()
        return self.filter(starts_on__lte=on).filter(Q(ends_on__isnull=True) | Q(ends_on__gte=on))


class RoleAssignment(models.Model):
    """A role a person holds, with its scope where the role has one.

    Portfolio holders are recorded on the portfolio itself, and accountable and
    data officers on the scheme of delegation: one place for each fact.
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_assignments")
    role = models.CharField(max_length=30, choices=Role.choices)
    directorate = models.ForeignKey(Directorate, on_delete=models.CASCADE, null=True, blank=True)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, null=True, blank=True)
    team = models.ForeignKey(Team, on_delete=models.CASCADE, null=True, blank=True)
    ward = models.ForeignKey(Ward, on_delete=models.CASCADE, null=True, blank=True)
    starts_on = models.DateField(default=timezone.localdate)
    ends_on = models.DateField(null=True, blank=True)

    objects = RoleAssignmentQuerySet.as_manager()

    class Meta:
        ordering = ["role"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="role_ends_after_it_starts",
            )
        ]

    def __str__(self):
        return f"{self.get_role_display()}{f': {self.scope}' if self.scope else ''}"

    @property
    def scope(self):
        field = ROLE_SCOPE.get(self.role)
        return getattr(self, field) if field else None

    def clean(self):
        needed = ROLE_SCOPE.get(self.role)
        errors = {}
        for field in SCOPE_FIELDS:
            value = getattr(self, f"{field}_id")
            if field == needed and value is None:
                errors[field] = f"A {self.get_role_display().lower()} must have a {field}."
            elif field != needed and value is not None:
                errors[field] = f"A {self.get_role_display().lower()} has no {field}."
        if self.user_id and self.role in COUNCILLOR_ROLES and self.user.kind != User.Kind.COUNCILLOR:
            errors["role"] = f"Only councillors can be a {self.get_role_display().lower()}."
        if errors:
            raise ValidationError(errors)


class Delegation(models.Model):
    """One service's line in the scheme of delegation: who answers for its performance."""

    service = models.OneToOneField(Service, on_delete=models.CASCADE, related_name="delegation")
    accountable_officer = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="delegations_accountable"
    )
    deputy_accountable_officer = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="delegations_deputy_accountable"
    )
    data_officer = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="delegations_data"
    )
    deputy_data_officer = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="delegations_deputy_data"
    )
    decisions = models.TextField(
        "decisions delegated", blank=True, help_text="The decisions this service's officers may take, one per line."
    )
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["service__name"]

    def __str__(self):
        return f"Delegation for {self.service}"

    def get_absolute_url(self):
        return reverse("delegation") + f"#service-{self.service_id}"
