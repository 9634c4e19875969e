"""A real Celery worker, talking to the real Redis broker, runs the portal's tasks."""

import time

import pytest
from celery.contrib.testing.worker import start_worker
from django.conf import settings

from organisation.tasks import send_orphan_digest
from perfportal.celery import app


@pytest.mark.integration
@pytest.mark.django_db(transaction=True)
def test_it_emails_the_orphan_digest_from_a_real_worker(world, mailoutbox):
    """The morning digest is queued on Redis, run by a worker, and reaches the performance team."""
    assert settings.CELERY_BROKER_URL.startswith("redis://"), "run the suite with REDIS_URL set (make test does)"
    app.control.purge()
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
        send_orphan_digest.delay()
        deadline = time.monotonic() + 30
        while not mailoutbox and time.monotonic() < deadline:
            time.sleep(0.1)
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["po@test.example"]
    assert "Fostering" in message.body
    assert "Data officer, left on" in message.body
    assert "/delegation/orphaned/" in message.body


@pytest.mark.django_db
def test_it_sends_no_digest_when_every_item_has_an_owner(world, mailoutbox):
    from organisation import services
    from organisation.models import Delegation, Team

    Delegation.objects.update(accountable_officer=world.head_of_service, data_officer=world.data_officer)
    Team.objects.update(manager=world.team_manager)
    world.children_dir.director = world.director
    world.children_dir.save()
    assert services.orphan_digest_send() == 0
    assert mailoutbox == []
