"""The one-question form page the apps share: show a form, hand a valid POST to a service."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from core.forms import add_service_errors

FORM = "includes/form_page.html"


def posted(request):
    return request.POST if request.method == "POST" else None


def form_page(request, form, *, save, done, message, title, back, caption="", intro="", submit="Save",
              template=FORM, extra=None):
    """Show a form; on a valid POST hand it to `save`, then go to `done(result)` with a success banner.

    A service's ValidationError lands on the form's fields; a refused POST answers 400.
    """
    if request.method == "POST" and form.is_valid():
        try:
            result = save(form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, message(result) if callable(message) else message)
            return redirect(done(result) if callable(done) else done)
    status = 400 if request.method == "POST" else 200
    return render(request, template, {"form": form, "title": title, "caption": caption, "intro": intro,
                                      "back": back, "submit": submit, **(extra or {})}, status=status)
