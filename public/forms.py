"""Forms for public feedback and its moderation."""

import time

from django import forms
from django.conf import settings
from django.core import signing

from public.models import Feedback

SIGNING_SALT = "public.feedback.started"
FORM_LIFETIME_SECONDS = 2 * 60 * 60
COMMENT_MAX = 2000


def started_token(now=None):
    """When the form was shown, signed so that it cannot be made up."""
    return signing.dumps(now if now is not None else time.time(), salt=SIGNING_SALT)


class FeedbackForm(forms.Form):
    """Feedback with as little personal data as will do: name and e-mail address are optional.

    Two traps catch most automated posts without a third-party captcha: a field
    people never see (`website`) and the time taken to fill the form in. A
    trapped post looks sent to whoever made it but is not kept (`spam_reason`).
    """

    comment = forms.CharField(
        label="Your feedback", max_length=COMMENT_MAX, widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Tell us what is working and what is not. Do not include anyone's personal details, such as "
                  "an address or details of someone's care: we publish what you write.",
        error_messages={"required": "Enter your feedback",
                        "max_length": f"Your feedback must be {COMMENT_MAX:,} characters or fewer"},
    )
    relationship = forms.ChoiceField(
        label="Which of these describes you? (optional)", required=False,
        choices=Feedback.Relationship.choices, widget=forms.RadioSelect,
        help_text="It helps us understand whose views we are hearing.",
    )
    name = forms.CharField(label="Your name", required=False, max_length=100,
                           help_text="We will not publish your name.",
                           error_messages={"max_length": "Your name must be 100 characters or fewer"})
    email = forms.EmailField(
        label="Email address", required=False,
        help_text="Only if you want us to tell you when the council answers. We will not publish it or use it "
                  "for anything else.",
        error_messages={"invalid": "Enter an email address in the correct format, like name@example.com"},
    )
    consent = forms.BooleanField(
        label="I agree that the council may publish my feedback, without my name or email address, and pass it "
              "to the officer responsible so that they can answer it",
        error_messages={"required": "Tick the box to agree before you send your feedback"},
    )
    website = forms.CharField(label="Leave this field empty", required=False)
    started = forms.CharField(widget=forms.HiddenInput, required=False)

    spam_reason = ""

    def clean_started(self):
        token = self.cleaned_data.get("started", "")
        try:
            started = float(signing.loads(token, salt=SIGNING_SALT))
        except (signing.BadSignature, TypeError, ValueError):
            self.spam_reason = "the form's start time was missing or altered"
            return None
        age = time.time() - started
        if age > FORM_LIFETIME_SECONDS:
            raise forms.ValidationError(
                "This page was open for more than 2 hours, so we could not send your feedback. "
                "Check it and send it again")
        if age < settings.FEEDBACK_MINIMUM_SECONDS:
            self.spam_reason = "the form was sent faster than a person can fill it in"
        return started

    def clean_website(self):
        if self.cleaned_data.get("website"):
            self.spam_reason = "the hidden field was filled in"
        return ""

    def fresh(self):
        """Give the form a new start time, so that an expired form can be sent again."""
        data = self.data.copy()
        data["started"] = started_token()
        self.data = data


class ModerationForm(forms.Form):
    decision = forms.ChoiceField(
        label="Publish this feedback?", widget=forms.RadioSelect,
        choices=[("publish", "Yes, publish it"), ("withhold", "No, do not publish it")],
        error_messages={"required": "Choose whether to publish it"},
    )
    published_text = forms.CharField(
        label="Text to publish", widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": "Enter the text to publish"},
        help_text="Take out anything that could identify someone. The sender's name and email address are never "
                  "published.",
    )
    reason = forms.ChoiceField(label="If not, why not?", required=False, widget=forms.RadioSelect,
                               choices=Feedback.Reason.choices)
    note = forms.CharField(label="Note for the team, never published", required=False,
                           widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.data.get("decision") == "withhold":
            self.fields["published_text"].required = False  # only publishing needs it

    def clean(self):
        data = super().clean()
        if data.get("decision") == "withhold" and not data.get("reason"):
            self.add_error("reason", "Choose why it is not published")
        return data


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label="The council's answer", widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Published beside the feedback, from the council rather than from you by name.",
        error_messages={"required": "Enter the council's answer"},
    )


class FeedbackFilterForm(forms.Form):
    status = forms.ChoiceField(label="Show", required=False, choices=[("", "Waiting for moderation first"),
                                                                        *Feedback.Status.choices])
