import re

from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.db.models import Value
from django.db.models.functions import Concat

from organisation.models import Portfolio, Role, RoleAssignment, User

EMAIL_IN_TEXT = re.compile(r"([^\s()<>]+@[^\s()<>]+)")


class PersonChoiceField(forms.ModelChoiceField):
    """One person. A select while the people to choose from are few; once there are more than
    PEOPLE_SELECT_LIMIT, a text box that takes a name or an email address (and, with JavaScript,
    suggests people from the people API as you type): no one scrolls a list of thousands.

    `search_kind` says which people the suggestions may offer (current officers, say); a field
    without it stays a select however long its list.
    """

    search_kind = None

    def label_from_instance(self, person):
        return f"{person} – {person.job_title}" if person.job_title else str(person)

    def short_list(self):
        """The select's choices, or None when the list is too long for a select (one query either way)."""
        limit = settings.PEOPLE_SELECT_LIMIT
        people = list(self.queryset[:limit + 1])
        if len(people) > limit:
            return None
        empty = [("", self.empty_label)] if self.empty_label is not None else []
        return empty + [(person.pk, self.label_from_instance(person)) for person in people]

    @staticmethod
    def as_text(person):
        """How the text box shows a person, and what it reads back: their name and email address."""
        return f"{person} ({person.email})"

    def text_value(self, value):
        """What the text box shows: what was typed, or the chosen person's name and email address."""
        if value in self.empty_values:
            return ""
        if isinstance(value, User):
            return self.as_text(value)
        if str(value).isdigit():
            person = self.queryset.filter(pk=value).first()
            return self.as_text(person) if person else ""
        return str(value)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, User) or str(value).strip().isdigit():
            return super().to_python(value)
        return self.person_named(" ".join(str(value).split()))

    def person_named(self, text):
        """The one person the text names, by email address (alone or in brackets) or by full name."""
        email = EMAIL_IN_TEXT.search(text)
        if email:
            matches = self.queryset.filter(email__iexact=email.group(1))
        else:
            matches = self.queryset.annotate(typed_name=Concat("first_name", Value(" "), "last_name")).filter(
                typed_name__iexact=text)
        people = list(matches[:2])
        if len(people) == 1:
            return people[0]
        if people:
            raise forms.ValidationError(
                "More than one person called ‘%(text)s’ can be chosen. Enter the email address of the one you mean",
                code="ambiguous", params={"text": text})
        if email:
            raise forms.ValidationError(
                "No one with the email address ‘%(email)s’ can be chosen here. Check the address, or enter their name",
                code="invalid_choice", params={"email": email.group(1)})
        raise forms.ValidationError(
            "No one called ‘%(text)s’ can be chosen here. Check the spelling, or enter their email address",
            code="invalid_choice", params={"text": text})

    def has_changed(self, initial, data):
        try:
            chosen = self.to_python(data)
        except forms.ValidationError:
            return True
        initial = initial.pk if isinstance(initial, User) else initial
        return str(initial or "") != str(chosen.pk if chosen else "")


def current_officers():
    return User.objects.current().filter(kind=User.Kind.OFFICER)


def offer_current_officers(*fields):
    """Let each field choose among current officers: by name or email address once they are many."""
    for field in fields:
        field.queryset = current_officers()
        field.search_kind = User.Kind.OFFICER


def current_councillors():
    return User.objects.current().filter(kind=User.Kind.COUNCILLOR)


class SignInForm(AuthenticationForm):
    # Each message names its field: the error summary lists them, and two links reading
    # "This field is required." would not say which answer is missing (WCAG 2.4.4, 3.3.1).
    username = forms.EmailField(label="Email address", max_length=254,
                                error_messages={"required": "Enter your email address"})
    password = forms.CharField(label="Password", strip=False, widget=forms.PasswordInput,
                               error_messages={"required": "Enter your password"})
    error_messages = {
        "invalid_login": "Enter a correct email address and password. Both are case-sensitive.",
        "inactive": "This account has been deactivated. Ask the performance team if you need access.",
    }

    def clean(self):
        # A failed sign-in is an error on the password field, not on the whole form, so that
        # (as GOV.UK asks, and WCAG 3.3.1) the error summary links to a field that repeats it.
        try:
            return super().clean()
        except forms.ValidationError as error:
            self.add_error("password", error)
            return self.cleaned_data


class TwoFactorCodeForm(forms.Form):
    """The code page: an authenticator app's 6 digits, or a backup code (the view checks it)."""

    code = forms.CharField(label="Code", max_length=20, error_messages={
        "required": "Enter the code from your authenticator app or a backup code",
        "max_length": "Enter the 6-digit code from your authenticator app or an 8-character backup code"})
    wrong_code = ("The code is not correct. Enter the latest code from your authenticator app, "
                  "or a backup code you have not used")


class TwoFactorSetupForm(forms.Form):
    code = forms.CharField(label="Code from your authenticator app", max_length=20, error_messages={
        "required": "Enter the 6-digit code from your authenticator app",
        "max_length": "Enter the 6-digit code from your authenticator app"})
    wrong_code = "The code is not correct. Check you scanned the QR code or entered the key, then enter the latest code"


class ResetRequestForm(PasswordResetForm):
    email = forms.EmailField(label="Email address", max_length=254,
                             error_messages={"required": "Enter your email address",
                                             "invalid": "Enter an email address in the correct format, like name@example.gov.uk"})


class DelegationForm(forms.Form):
    """One service's line in the scheme of delegation; only current officers can be named."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("accountable_officer", "deputy_accountable_officer", "data_officer", "deputy_data_officer"):
            offer_current_officers(self.fields[name])

    accountable_officer = PersonChoiceField(
        queryset=User.objects.none(),
        empty_label="Choose an officer",
        help_text="The officer who answers for this service's performance.",
        error_messages={"required": "Choose the accountable officer", "invalid_choice": "Choose a current officer"},
    )
    deputy_accountable_officer = PersonChoiceField(
        queryset=User.objects.none(), required=False, empty_label="No deputy",
        error_messages={"invalid_choice": "Choose a current officer"},
    )
    data_officer = PersonChoiceField(
        queryset=User.objects.none(),
        empty_label="Choose an officer",
        help_text="The officer who collects and enters this service's figures.",
        error_messages={"required": "Choose the data officer", "invalid_choice": "Choose a current officer"},
    )
    deputy_data_officer = PersonChoiceField(
        queryset=User.objects.none(), required=False, empty_label="No deputy",
        error_messages={"invalid_choice": "Choose a current officer"},
    )
    portfolio = forms.ModelChoiceField(
        queryset=Portfolio.objects.all(), required=False, empty_label="No portfolio",
        help_text="The executive portfolio this service reports to.",
    )
    decisions = forms.CharField(
        label="Decisions delegated", required=False, widget=forms.Textarea, max_length=4000,
        help_text="The decisions this service's officers may take, one per line.",
    )

    def clean(self):
        data = super().clean()
        for principal, deputy in (("accountable_officer", "deputy_accountable_officer"),
                                  ("data_officer", "deputy_data_officer")):
            if data.get(deputy) and data.get(deputy) == data.get(principal):
                self.add_error(deputy, "The deputy must be a different person")
        return data


class PortfolioForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["holder"].queryset = current_councillors()
        self.fields["deputy"].queryset = current_councillors()

    holder = PersonChoiceField(
        queryset=User.objects.none(), label="Portfolio holder", empty_label="Choose a councillor",
        error_messages={"required": "Choose the portfolio holder", "invalid_choice": "Choose a current councillor"},
    )
    deputy = PersonChoiceField(
        queryset=User.objects.none(), label="Deputy portfolio holder", required=False, empty_label="No deputy",
        error_messages={"invalid_choice": "Choose a current councillor"},
    )

    def clean(self):
        data = super().clean()
        if data.get("deputy") and data.get("deputy") == data.get("holder"):
            self.add_error("deputy", "The deputy must be a different councillor from the holder")
        return data


class ManagementInformationForm(forms.Form):
    officer = PersonChoiceField(
        queryset=User.objects.none(),
        label="Senior manager responsible for management information",
        empty_label="Choose a senior manager",
        help_text="Only a current senior manager (director) can hold this responsibility.",
        error_messages={"required": "Choose a senior manager", "invalid_choice": "Choose a current senior manager"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        directors = RoleAssignment.objects.current().filter(role=Role.SENIOR_MANAGER).values("user")
        self.fields["officer"].queryset = current_officers().filter(pk__in=directors)


class PeopleFilterForm(forms.Form):
    q = forms.CharField(label="Name or job title", required=False, max_length=100)
    role = forms.ChoiceField(label="Role", required=False, choices=[("", "Any role"), *Role.choices])
    kind = forms.ChoiceField(label="Type", required=False, choices=[("", "Anyone"), *User.Kind.choices])
