"""Writes for public feedback: sending it, moderating it and answering it."""

from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from public.models import Feedback


def accountable_officer_for(*, priority=None, service=None):
    """Who answers feedback: the service's accountable officer (or deputy) in the scheme of delegation;
    for a priority, its named owner. None when no current person is named."""
    if priority is not None:
        return priority.owner if priority.owner.is_current else None
    delegation = getattr(service, "delegation", None)
    if delegation is None:
        return None
    for person in (delegation.accountable_officer, delegation.deputy_accountable_officer):
        if person is not None and person.is_current:
            return person
    return None


@transaction.atomic
def feedback_submit(*, comment, priority=None, service=None, relationship="", name="", email="") -> Feedback:
    """Record feedback for moderation, routed to the officer who will answer it."""
    if (priority is None) == (service is None):
        raise ValidationError("Feedback is about one priority or one service")
    if not comment.strip():
        raise ValidationError({"comment": "Enter your feedback"})
    now = timezone.now()
    return Feedback.objects.create(
        priority=priority, service=service, comment=comment.strip(), relationship=relationship,
        name=name.strip(), email=email.strip(), consented_at=now, submitted_at=now,
        routed_to=accountable_officer_for(priority=priority, service=service),
    )


def _require_performance_officer(actor):
    if not (actor.is_current and actor.access.is_performance_officer):
        raise ValidationError("Only the performance team moderates feedback")


@transaction.atomic
def feedback_publish(*, feedback, actor, published_text, note="") -> Feedback:
    """Publish feedback (its text edited to take out personal details, if need be) and tell the officer."""
    _require_performance_officer(actor)
    if not published_text.strip():
        raise ValidationError({"published_text": "Enter the text to publish"})
    first_time = feedback.status != Feedback.Status.PUBLISHED
    feedback.status = Feedback.Status.PUBLISHED
    feedback.published_text = published_text.strip()
    feedback.reason = ""
    feedback.moderation_note = note.strip()
    feedback.moderated_by, feedback.moderated_at = actor, timezone.now()
    feedback.save()
    if first_time and feedback.routed_to_id and feedback.notified_at is None:
        from public.tasks import notify_officer

        pk = feedback.pk
        transaction.on_commit(lambda: notify_officer.delay(pk))
    return feedback


@transaction.atomic
def feedback_withhold(*, feedback, actor, reason, note="") -> Feedback:
    """Keep feedback off the public pages (or take it off them), with the reason."""
    _require_performance_officer(actor)
    if reason not in Feedback.Reason.values:
        raise ValidationError({"reason": "Choose why it is not published"})
    feedback.status = Feedback.Status.NOT_PUBLISHED
    feedback.reason = reason
    feedback.moderation_note = note.strip()
    feedback.moderated_by, feedback.moderated_at = actor, timezone.now()
    feedback.save()
    return feedback


def can_answer(user, feedback):
    return user.is_current and (user.access.is_performance_officer or feedback.routed_to_id == user.pk)


@transaction.atomic
def feedback_answer(*, feedback, actor, answer) -> Feedback:
    """Give (or change) the council's public answer to published feedback; tell the sender if they asked."""
    if not can_answer(actor, feedback):
        raise ValidationError("Only the performance team or the officer it was sent to can answer it")
    if feedback.status != Feedback.Status.PUBLISHED:
        raise ValidationError("Publish the feedback before answering it: the answer is shown beside it")
    if not answer.strip():
        raise ValidationError({"answer": "Enter the council's answer"})
    feedback.answer = answer.strip()
    feedback.answered_by, feedback.answered_at = actor, timezone.now()
    feedback.save()
    if feedback.email and feedback.sender_told_at is None:
        from public.tasks import tell_sender

        pk = feedback.pk
        transaction.on_commit(lambda: tell_sender.delay(pk))
    return feedback


def _site_url(path):
    from django.conf import settings

    return f"{settings.SITE_URL}{path}"


def officer_notify(*, feedback_id) -> bool:
    """E-mail the officer it was routed to, once. Returns whether an e-mail went."""
    with transaction.atomic():
        feedback = (Feedback.objects.select_for_update(of=("self",))
                    .select_related("routed_to", "priority", "service").get(pk=feedback_id))
        if feedback.notified_at is not None or feedback.routed_to is None or not feedback.routed_to.email:
            return False
        body = (
            f"Dear {feedback.routed_to.get_full_name()},\n\n"
            f"Feedback about {feedback.subject_title} has been published on the council's performance pages, "
            "and you are named as the officer who answers it.\n\n"
            f"What they said:\n{feedback.published_text}\n\n"
            f"Please write the council's answer here: {_site_url(reverse('public-feedback-moderate', args=[feedback.pk]))}\n"
        )
        send_mail(f"Public feedback to answer: {feedback.subject_title}", body, None, [feedback.routed_to.email])
        feedback.notified_at = timezone.now()
        feedback.save(update_fields=["notified_at"])
        return True


def sender_notify(*, feedback_id) -> bool:
    """E-mail the sender that the council has answered, once, if they gave an address."""
    with transaction.atomic():
        feedback = (Feedback.objects.select_for_update(of=("self",)).select_related("priority", "service")
                    .get(pk=feedback_id))
        if feedback.sender_told_at is not None or not feedback.email or not feedback.answer:
            return False
        body = (
            f"{'Dear ' + feedback.name if feedback.name else 'Hello'},\n\n"
            f"Thank you for your feedback about {feedback.subject_title}. The council has answered it:\n\n"
            f"{feedback.answer}\n\nYou can read it here: {_site_url(feedback.get_public_url())}\n\n"
            "We used your e-mail address only to send you this message.\n"
        )
        send_mail(f"The council has answered your feedback about {feedback.subject_title}", body, None,
                  [feedback.email])
        feedback.sender_told_at = timezone.now()
        feedback.save(update_fields=["sender_told_at"])
        return True
