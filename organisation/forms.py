from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm

from organisation.models import Portfolio, Role, RoleAssignment, User


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, person):
        return f"{person} – {person.job_title}" if person.job_title else str(person)


def current_officers():
    return User.objects.current().filter(kind=User.Kind.OFFICER)


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
            self.fields[name].queryset = current_officers()

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
