"""Who may read and change priorities and plans: the rules, asked in one place.

Views, the API and the QuerySets' `visible_to` all ask these questions, so a
page and its endpoint can never disagree.

- Officers and councillors read everything here; an independent person (a
  complaints panel member) sees only what is published, as the public will.
- The performance team and directors record priorities, non-priorities and
  engagement.
- A plan is changed by the people who manage its service (head of service, team
  manager, accountable officer, the directorate's director) and the performance
  team; it is approved by its directorate's director or the performance team.
- A milestone's owner records its progress even when they cannot change the plan.
"""

from organisation.models import Role, User


def _current(user):
    return user.is_authenticated and user.is_current


def reads_everything(user):
    return _current(user) and user.kind in (User.Kind.OFFICER, User.Kind.COUNCILLOR)


def reads_published_only(user):
    return _current(user) and not reads_everything(user)


def can_manage_priorities(user):
    return _current(user) and user.access.has(Role.PERFORMANCE_OFFICER, Role.SENIOR_MANAGER)


def can_edit_service_plans(user, service):
    """Whether this person may write and change plans for a service (id or object)."""
    return _current(user) and user.access.manages_service(service)


def can_edit_plan(user, plan):
    return can_edit_service_plans(user, plan.service_id)


def directorate_ids_led(user):
    return {a.directorate_id for a in user.access.assignments if a.role == Role.SENIOR_MANAGER}


def can_approve_plan(user, plan):
    """The service's director (senior manager of its directorate) or the performance team.

    Needs `plan.service.directorate` loaded; the rule that nobody approves a plan they
    submitted themselves is the workflow's (see services.plan_approve).
    """
    if not _current(user):
        return False
    if user.access.is_performance_officer:
        return True
    directorate = plan.service.directorate
    return directorate.pk in directorate_ids_led(user) or directorate.director_id == user.pk


def can_update_progress(user, milestone, plan):
    return can_edit_plan(user, plan) or (_current(user) and milestone.owner_id == user.pk)
